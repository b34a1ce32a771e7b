"""Supplier names as they appear on French purchase invoices.

Each vendor has a key, a canonical name (used for statistics: two keys with
the same canonical name are the same company seen through two different
business lines, e.g. ``Google`` for Workspace and for Ads) and the surface
forms under which it is printed on invoices.

Vendors are grouped; account vocabularies refer to groups or to single keys.
Groups may contain other groups. Local businesses (restaurants, craftsmen,
small firms, landlords) are listed at the end: they are plausible names, not
references to any specific company.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Vendor", "VENDORS", "GROUPS", "resolve_vendors"]


@dataclass(frozen=True)
class Vendor:
    """A supplier and the forms under which its name is printed.

    Attributes
    ----------
    key : str
        Unique identifier used by the vocabulary.
    canonical : str
        Company name used to count distinct vendors.
    forms : tuple of str
        Surface forms; the first one is the canonical name.
    """

    key: str
    canonical: str
    forms: tuple[str, ...]


# key: Canonical|alias|alias ...
_VENDOR_TABLE = """
orange: Orange|Orange Business|Orange Pro|ORANGE SA|Orange Business Services
sfr: SFR|SFR Business|SFR Pro|SFR SA
bouygues: Bouygues Telecom|Bouygues Telecom Entreprises|Bouygues Telecom Pro|BOUYGUES TELECOM SA
free: Free|Free Mobile|Free SAS
freepro: Free Pro|Free Pro SAS
coriolis: Coriolis Telecom|Coriolis
nordnet: Nordnet
prixtel: Prixtel
sewan: Sewan
adista: Adista
ringover: Ringover
aircall: Aircall
keyyo: Keyyo|Keyyo Business
laposte: La Poste|La Poste Pro|LA POSTE SA|La Poste - Courrier
colissimo: Colissimo|La Poste Colissimo
chronopost: Chronopost|Chronopost SAS
maileva: Maileva
ar24: AR24
quadient: Quadient|Quadient France|Neopost
pitney: Pitney Bowes|Pitney Bowes France
mercifacteur: Merci Facteur
dhl: DHL Express|DHL|DHL Express France|DHL Freight
ups: UPS|UPS France|United Parcel Service
fedex: FedEx|FedEx Express|TNT Express|FedEx/TNT
gls: GLS|GLS France
dpd: DPD|DPD France
geodis: Geodis|GEODIS Distribution & Express
schenker: DB Schenker|Schenker France
kuehne: Kuehne+Nagel|Kuehne + Nagel
heppner: Heppner
dachser: Dachser|Dachser France
xpo: XPO Logistics|XPO
ceva: CEVA Logistics
mondialrelay: Mondial Relay
relaiscolis: Relais Colis
stuart: Stuart
boxtal: Boxtal
sendcloud: Sendcloud
packlink: Packlink|Packlink PRO
demeco: Demeco
gentlemen: Les Gentlemen du Déménagement
keolis: Keolis
transdev: Transdev
flixbus: FlixBus
edf: EDF|EDF Entreprises|EDF Pro|Électricité de France
engie: Engie|ENGIE Pro|Engie Entreprises & Collectivités
total: TotalEnergies|TotalEnergies Électricité et Gaz France|TOTALENERGIES
totalstation: TotalEnergies|Relais TotalEnergies|TotalEnergies Access|Station TotalEnergies
ekwateur: Ekwateur
vattenfall: Vattenfall
eni: Eni|Eni Plenitude
enercoop: Enercoop
mint: Mint Énergie
octopus: Octopus Energy
gazdebordeaux: Gaz de Bordeaux
es: ÉS Énergies Strasbourg|ÉS
alpiq: Alpiq
primagaz: Primagaz
butagaz: Butagaz
antargaz: Antargaz
veolia: Veolia|Veolia Eau|Veolia Eau d'Île-de-France
suez: Suez|Suez Eau France
saur: Saur
eaudeparis: Eau de Paris
eaulyon: Eau du Grand Lyon
cpcu: CPCU
dalkia: Dalkia
esso: Esso|Esso Express
bpfuel: BP|BP France
shell: Shell
avia: Avia
leclerc: E.Leclerc|Leclerc|E.LECLERC
intermarche: Intermarché|ITM
carrefour: Carrefour|Carrefour Market|Carrefour Station
auchan: Auchan
systemeu: Système U|Super U|Hyper U
dyneff: Dyneff
as24: AS 24
dkv: DKV|DKV Mobility
ionity: Ionity
freshmile: Freshmile
chargemap: Chargemap|Chargemap Business
tesla: Tesla|Tesla Supercharger
izivia: Izivia
picoty: Picoty
lidl: Lidl
monoprix: Monoprix
action: Action
lyreco: Lyreco|LYRECO FRANCE|Lyreco France SAS
bureauvallee: Bureau Vallée|BUREAU VALLEE
officedepot: Office Depot|Office Depot France|Viking
jpg: JPG|JPG.fr
manutan: Manutan|Manutan France
raja: Raja|RAJA
fos: Fiducial Office Solutions
calipage: Calipage
topoffice: Top Office
cultura: Cultura
amazon: Amazon Business|Amazon|AMAZON EU SARL|Amazon.fr|AMZN Mktp FR
cdiscount: Cdiscount Pro|Cdiscount
ldlc: LDLC|LDLC Pro|LDLC.com
boulanger: Boulanger Pro|Boulanger
darty: Darty Pro|Darty
fnac: Fnac Pro|Fnac|Fnac.com
dell: Dell|Dell Technologies|Dell SA
hp: HP|HP France|HP Store
lenovo: Lenovo|Lenovo France
apple: Apple|Apple Store|Apple Distribution International
materielnet: Materiel.net
inmac: Inmac Wstore|Inmac
bechtle: Bechtle|Bechtle Direct
rueducommerce: Rue du Commerce
topachat: Top Achat|TopAchat
grosbill: Grosbill
backmarket: Back Market Pro|Back Market
samsung: Samsung|Samsung Electronics France
microsoft_hw: Microsoft|Microsoft Store
cybertek: Cybertek
ugap: UGAP
econocom: Econocom
computacenter: Computacenter
canon: Canon|Canon France
xerox: Xerox
konica: Konica Minolta|Konica Minolta Business Solutions
ricoh: Ricoh|Ricoh France
sharp: Sharp|Sharp Business Systems
kyocera: Kyocera|Kyocera Document Solutions
toshiba: Toshiba Tec
brother: Brother|Brother France
epson: Epson|Epson France
ingram: Ingram Micro
tdsynnex: TD Synnex
alsofr: ALSO France
ikea: IKEA|IKEA Business|IKEA France
mdm: Maisons du Monde Pro|Maisons du Monde
steelcase: Steelcase
bruneau: Bruneau|JM Bruneau
majencia: Majencia
sokoa: Sokoa
kinnarps: Kinnarps
vitra: Vitra
conforama: Conforama Pro|Conforama
but: BUT Pro|BUT
nowystyl: Nowy Styl
haworth: Haworth
millerknoll: Herman Miller|MillerKnoll
alinea: Alinéa
buronomic: Buronomic
laredoute: La Redoute Pro|La Redoute Intérieurs
framery: Framery
leroymerlin: Leroy Merlin|Leroy Merlin Pro|LEROY MERLIN FRANCE
castorama: Castorama|Castorama Pro
bricodepot: Brico Dépôt|BRICO DEPOT
mrbricolage: Mr.Bricolage|Mr Bricolage
bricomarche: Bricomarché
weldom: Weldom
manomano: ManoMano|ManoMano Pro
wurth: Würth|Würth France|WURTH
karcher: Kärcher|Kärcher France|KARCHER
pointp: Point.P|Point P
gedimat: Gedimat
bigmat: BigMat
cedeo: Cedeo
rexel: Rexel|Rexel France
sonepar: Sonepar
yesss: Yesss Électrique
fransbonhomme: Frans Bonhomme
prolians: Prolians
descours: Descours & Cabaud
elis: Elis
initial: Initial|Rentokil Initial
orapi: Orapi|Orapi Hygiène
pierrelegoff: Groupe Pierre Le Goff|Pierre Le Goff
paredes: Paredes|Paredes Hygiène
bunzl: Bunzl|Bunzl Hygiène
metro: Metro|METRO Cash & Carry|Metro France
promocash: Promocash
transgourmet: Transgourmet
pomona: Pomona|Pomona PassionFroid|Pomona TerreAzur
sysco: Sysco France|Sysco
davigel: Davigel
episaveurs: Episaveurs
franceboissons: France Boissons
c10: C10|C10 Distribution
cafesrichard: Cafés Richard|Richard
arcelor: ArcelorMittal|ArcelorMittal Distribution
kdi: KDI
dispano: Dispano
panofrance: Panofrance
gmp: Grands Moulins de Paris
soufflet: Soufflet|Moulins Soufflet|Malteries Soufflet
barry: Barry Callebaut|Callebaut
valrhona: Valrhona
tereos: Tereos
lactalis: Lactalis|Président Professionnel|Lactalis Foodservice
ellevire: Elle & Vire Professionnel
isigny: Isigny Sainte-Mère
brenntag: Brenntag
univar: Univar Solutions
mondialtissus: Mondial Tissus
bergere: Bergère de France
haas: Tanneries Haas
tollens: Tollens
seigneurie: Seigneurie
weber: Weber|Saint-Gobain Weber
lafarge: Lafarge|Lafarge Ciments|Holcim
placo: Placo|Saint-Gobain Placo
vicat: Vicat
belco: Belco
brouwland: Brouwland
castel: Castel Frères
pernod: Pernod Ricard|Pernod Ricard France
heineken: Heineken Entreprise|Heineken France
ccep: Coca-Cola Europacific Partners|CCEP
lindt: Lindt|Lindt & Sprüngli
haribo: Haribo
ferrero: Ferrero|Ferrero France
loreal: L'Oréal|L'Oréal Produits Professionnels
interforum: Interforum
hachette: Hachette Livre|Hachette Distribution
sodis: Sodis|Gallimard
alibaba: Alibaba.com|Alibaba
ankorstore: Ankorstore
faire: Faire|Faire.com
armorlux: Armor Lux
saintjames: Saint James
slipfr: Le Slip Français
lacoste: Lacoste
autodistribution: Autodistribution
michelin: Michelin
sncf: SNCF|SNCF Voyageurs|SNCF Connect|SNCF CONNECT & TECH|TGV INOUI
ouigo: OUIGO|Ouigo
eurostar: Eurostar
trainline: Trainline
airfrance: Air France|AIR FRANCE KLM|Air France-KLM
easyjet: easyJet|EASYJET
transavia: Transavia
ryanair: Ryanair
volotea: Volotea
lufthansa: Lufthansa
uber: Uber|Uber BV|UBER TRIP
g7: G7|Taxis G7
heetch: Heetch
bolt: Bolt
marcel: Marcel|Marcel VTC
lecab: LeCab
freenow: Free Now|FREENOW
accor: Accor|ALL Accor|Accor Hotels
ibis: ibis|Ibis Styles|ibis budget|Hôtel ibis
novotel: Novotel
mercure: Mercure|Hôtel Mercure
pullman: Pullman
bbhotels: B&B Hotels|B&B Hôtels
campanile: Campanile
kyriad: Kyriad
bestwestern: Best Western
booking: Booking.com|Booking
hotelscom: Hotels.com
airbnb: Airbnb
expedia: Expedia
hertz: Hertz|Hertz France
europcar: Europcar
sixt: Sixt
avis: Avis|Avis Budget
ada: ADA
rentacar: Rent A Car
getaround: Getaround
indigo: Indigo|Indigo Parking
saemes: Saemes
onepark: Onepark
effia: Effia
zenpark: Zenpark
yespark: Yespark
vinci: Vinci Autoroutes|VINCI Autoroutes
aprr: APRR
sanef: Sanef
bipgo: Bip&Go
ulys: Ulys
ratp: RATP
egencia: Egencia
amexgbt: American Express GBT|Amex GBT
selectour: Selectour
relaish: Relais H
lenotre: Lenôtre
potel: Potel et Chabot
dalloyau: Dalloyau
fauchon: Fauchon
paul: Paul|Boulangerie Paul
kayser: Maison Kayser|Éric Kayser
marieblachere: Marie Blachère
cojean: Cojean
pret: Pret A Manger
exki: Exki
starbucks: Starbucks
sodexo: Sodexo|Sodexo Live!
elior: Elior
eurest: Eurest|Compass Group France
deliveroo: Deliveroo|Deliveroo for Business
ubereats: Uber|Uber Eats|Uber Eats for Business
foodcheri: Foodchéri|FoodChéri
nicolas: Nicolas
vandb: V and B
chateauform: Châteauform'|Châteauform
googleads: Google|Google Ads|Google Ireland Ltd|GOOGLE*ADS
meta: Meta|Meta Ads|Meta Platforms Ireland|Facebook
linkedin: LinkedIn|LinkedIn Ireland
microsoft_ads: Microsoft|Microsoft Advertising|Bing Ads
tiktok: TikTok|TikTok Ads
pinterest: Pinterest
criteo: Criteo
taboola: Taboola
vistaprint: Vistaprint
exaprint: Exaprint
pixart: Pixartprinting
helloprint: Helloprint
onlineprinters: Onlineprinters
printoclock: Printoclock
solocal: Solocal|PagesJaunes
leboncoin: leboncoin|Leboncoin Pro
indeed: Indeed|Indeed Ireland
wttj: Welcome to the Jungle
jcdecaux: JCDecaux
clearchannel: Clear Channel
mediapost: Mediapost
milee: Milee|Adrexo
comexposium: Comexposium
glevents: GL events
viparis: Viparis
ouestfrance_ann: Ouest-France|Ouest-France Annonces légales
leparisien_ann: Le Parisien|Le Parisien Annonces légales
inextenso: In Extenso
fiducial: Fiducial|Fiducial Expertise
kpmg: KPMG
deloitte: Deloitte
ey: EY|Ernst & Young
pwc: PwC|PricewaterhouseCoopers
mazars: Forvis Mazars|Mazars
bdo: BDO
grantthornton: Grant Thornton
exco: Exco
cerfrance: Cerfrance
rsm: RSM
fidal: Fidal
cms: CMS Francis Lefebvre|CMS Francis Lefebvre Avocats
legalstart: Legalstart
legalplace: LegalPlace
captaincontrat: Captain Contrat
michaelpage: Michael Page
hays: Hays
roberthalf: Robert Half
pagepersonnel: Page Personnel
malt: Malt
regimbeau: Cabinet Regimbeau|Regimbeau
plasseraud: Plasseraud IP
novagraaf: Novagraaf
lesechos: Les Echos
lemonde: Le Monde|Société Éditrice du Monde
lefigaro: Le Figaro
leparisien: Le Parisien
ouestfrance: Ouest-France
liberation: Libération
lexpress: L'Express
lepoint: Le Point
challenges: Challenges
capital: Capital|Prisma Media
usinenouvelle: L'Usine Nouvelle|Infopro Digital
lsa: LSA
lemoniteur: Le Moniteur
mediapart: Mediapart
courrierinter: Courrier International
altereco: Alternatives Économiques
dalloz: Dalloz|Éditions Dalloz
lefebvredalloz: Lefebvre Dalloz
efl: Editions Francis Lefebvre|Éditions Francis Lefebvre
lexisnexis: LexisNexis
wolters: Wolters Kluwer|Liaisons Sociales
tissot: Éditions Tissot|Editions Tissot
legislatives: Éditions Législatives
grf: Groupe Revue Fiduciaire|Revue Fiduciaire
dunod: Dunod
eyrolles: Eyrolles
eni_editions: Éditions ENI
cafeyn: Cafeyn
relay: Relay
decitre: Decitre
gibert: Gibert Joseph|Gibert
mollat: Librairie Mollat
kleber: Librairie Kléber
maisonpresse: Maison de la Presse
xerfi: Xerfi
statista: Statista
afnor: AFNOR|AFNOR Éditions
bnp: BNP Paribas|BNP PARIBAS SA
sg: Société Générale|SOCIETE GENERALE|SG
ca: Crédit Agricole|Crédit Agricole Île-de-France|CA Centre-Est
lcl: LCL|LCL Le Crédit Lyonnais
cm: Crédit Mutuel
cic: CIC
bpop: Banque Populaire|BRED Banque Populaire
ce: Caisse d'Épargne|Caisse d'Epargne
lbp: La Banque Postale
hsbc: HSBC|HSBC Continental Europe
boursobank: BoursoBank|Boursorama Banque
qonto: Qonto
shine: Shine
revolut: Revolut Business|Revolut
memobank: Memo Bank
stripe: Stripe|Stripe Payments Europe
sumup: SumUp
paypal: PayPal|PayPal Europe
adyen: Adyen
payplug: PayPlug
mollie: Mollie
worldline: Worldline
gocardless: GoCardless
alma: Alma
amex: American Express|Amex
ingenico: Ingenico|Ingenico France
ccipidf: CCI Paris Île-de-France
ccilyon: CCI Lyon Métropole Saint-Étienne Roanne
ccinantes: CCI Nantes St-Nazaire
ccibordeaux: CCI Bordeaux Gironde
ccilille: CCI Grand Lille
cma: CMA France|Chambre de Métiers et de l'Artisanat
medef: MEDEF
cpme: CPME
u2p: U2P
numeum: Numeum|Syntec Numérique
ffb: FFB|Fédération Française du Bâtiment
capeb: CAPEB
umih: UMIH
ghr: GHR
fntr: FNTR
fcd: FCD|Fédération du Commerce et de la Distribution
oec: Ordre des experts-comptables|CROEC Paris Île-de-France
barreau: Ordre des avocats de Paris|Barreau de Paris
architectes: Ordre des architectes
francedigitale: France Digitale
reseauentreprendre: Réseau Entreprendre
bni: BNI
dynabuy: Dynabuy
cjd: CJD|Centre des Jeunes Dirigeants
fff: Fédération Française de la Franchise
cga: CGA|Centre de Gestion Agréé
initiativefrance: Initiative France
microsoft: Microsoft|Microsoft Ireland Operations Ltd|Microsoft 365|MICROSOFT*
adobe: Adobe|Adobe Systems Software Ireland
google_ws: Google|Google Workspace|Google Cloud France|Google Cloud
ovh: OVHcloud|OVH|OVH SAS
scaleway: Scaleway
sage: Sage|Sage SAS
cegid: Cegid
pennylane: Pennylane
salesforce: Salesforce|Salesforce.com France
canva: Canva|Canva Pty Ltd
slack: Slack|Slack Technologies
notion: Notion|Notion Labs
zoom: Zoom|Zoom Video Communications
atlassian: Atlassian
github: GitHub
dropbox: Dropbox
hubspot: HubSpot
mailchimp: Mailchimp|Intuit Mailchimp
brevo: Brevo|Sendinblue
zapier: Zapier
figma: Figma
miro: Miro
docusign: DocuSign
yousign: Yousign
payfit: PayFit
lucca: Lucca
axonaut: Axonaut
sellsy: Sellsy
shopify: Shopify
wix: Wix|Wix.com
ionos: IONOS|1&1 IONOS
gandi: Gandi
aws: Amazon Web Services|AWS|Amazon Web Services EMEA SARL
jetbrains: JetBrains
autodesk: Autodesk
ebp: EBP|EBP Informatique
kaspersky: Kaspersky
bitdefender: Bitdefender
eset: ESET
teamviewer: TeamViewer
openai: OpenAI|OpenAI Ireland
deepl: DeepL|DeepL SE
zendesk: Zendesk
monday: monday.com
calendly: Calendly
typeform: Typeform
odoo: Odoo
zoho: Zoho
dashlane: Dashlane
agicap: Agicap
tiime: Tiime
spendesk: Spendesk
inpi: INPI
euipo: EUIPO
ompi: OMPI|WIPO
sacem: SACEM
spre: SPRE
shutterstock: Shutterstock
getty: Getty Images
orange_soft: Orange|Orange Pro|Orange Business
carrefourprox: Carrefour|Carrefour Proximité France
itm: Intermarché|ITM Entreprises
century21: Century 21|Century 21 France
orpi: Orpi
jeffdebruges: Jeff de Bruges
franprix: Franprix
points: Point S
nexity: Nexity|Nexity Property Management
foncia: Foncia
citya: Citya|Citya Immobilier
oralia: Oralia
sergic: Sergic
regus: Regus|IWG|Regus Management
spaces: Spaces
wework: WeWork
morning: Morning|Morning Coworking
kwerk: Kwerk
wojo: Wojo
multiburo: Multiburo
deskeo: Deskeo
sedomicilier: SeDomicilier
kandbaz: Kandbaz
shurgard: Shurgard
homebox: Homebox
unepiece: Une Pièce en Plus
gecina: Gecina
icade: Icade
covivio: Covivio
bnpre: BNP Paribas Real Estate
kiloutou: Kiloutou
loxam: Loxam
boels: Boels|Boels Rental
salti: Salti
arval: Arval
ayvens: Ayvens|ALD Automotive|LeasePlan
free2move: Free2Move Lease
diac: Mobilize Financial Services|DIAC Location
grenke: Grenke|GRENKE Location
locam: Locam
bnpleasing: BNP Paribas|BNP Paribas Leasing Solutions
culligan: Culligan
chateaudeau: Château d'Eau
toyotamh: Toyota Material Handling
fraikin: Fraikin
petitforestier: Petit Forestier
options: Options|Options Location
otis: Otis
schindler: Schindler
kone: Kone
tkelevator: TK Elevator|ThyssenKrupp Ascenseurs
engie_serv: Engie|Engie Home Services|Engie Solutions
idex: Idex
spie: Spie|SPIE Facilities
eiffage: Eiffage Énergie Systèmes
vincifac: Vinci Facilities
equans: Equans
norauto: Norauto
speedy: Speedy
feuvert: Feu Vert
midas: Midas
euromaster: Euromaster
renault: Renault|Renault Retail Group
stellantis: Stellantis &You|Peugeot|Citroën
carglass: Carglass
sicli: Sicli
desautel: Desautel
chubb: Chubb|Chubb France
portalp: Portalp
record: Record|Record Portes Automatiques
axa: AXA|AXA France|AXA Entreprises
maaf: MAAF|MAAF Pro
mma: MMA|MMA Entreprise
allianz: Allianz|Allianz IARD
hiscox: Hiscox
generali: Generali|Generali IARD
groupama: Groupama
macif: Macif
matmut: Matmut|Matmut Pro
macsf: MACSF
smabtp: SMABTP
abeille: Abeille Assurances|Aviva
april: April|April Entreprise
chubb_ins: Chubb|Chubb European Group
helvetia: Helvetia
maif: MAIF
thelem: Thélem Assurances
allianztrade: Allianz Trade|Euler Hermes
coface: Coface
atradius: Atradius
verspieren: Verspieren
wtw: WTW|Gras Savoye
marsh: Marsh
diot: Diot-Siaci
stello: Stello
ca_assur: Crédit Agricole|Crédit Agricole Assurances|Pacifica
"""

# Small local businesses. Keys are generated as ``<group>_<index>``.
_LOCAL_VENDORS: dict[str, tuple[str, ...]] = {
    "local_restaurant": (
        "Le Petit Zinc", "Brasserie du Marché", "Chez Gaston", "La Table d'Hugo",
        "L'Atelier des Saveurs", "Le Bistrot du Port", "Brasserie Lipp", "La Coupole",
        "Le Train Bleu", "Bouillon Chartier", "Café de Flore", "Le Comptoir du Relais",
        "Big Mamma", "Hippopotamus", "Au Bureau", "Del Arte", "Léon de Bruxelles",
        "La Criée", "Le Relais de l'Entrecôte", "Sushi Shop", "Pizza Pino",
        "Le Bouchon Lyonnais", "Brasserie Georges", "Le Grand Café", "Le Procope",
        "Crêperie Ty Breizh", "L'Auberge du Lac", "Le Café des Arts", "Bistrot Paul Bert",
        "Courtepaille", "Buffalo Grill", "Restaurant Le Cèdre", "Chez Janou",
    ),
    "local_artisan": (
        "Dupont Plomberie", "Martin Électricité", "Électricité Générale Roux",
        "Serrurerie Bernard", "Vitrerie Lambert", "Menuiserie Lefèvre",
        "Peinture & Déco Garcia", "Clim Services Sud", "Ets Moreau Chauffage",
        "JM Multiservices", "Jardins & Paysages Petit", "Toitures Durand",
        "Plomberie Chauffage Girard", "SARL Faure Bâtiment", "Ascenseurs Rhône-Alpes",
    ),
    "local_garage": (
        "Garage du Centre", "Garage des Alpes", "Carrosserie Moreau",
        "Garage Vincent Automobiles", "Auto Service 44",
    ),
    "local_itservice": (
        "Atelier Informatique Breton", "Top Services Informatique", "Nexa Infogérance",
        "Réseau & Systèmes Conseil", "Micro Dépannage Lyon",
    ),
    "local_accountant": (
        "Cabinet Martin & Associés", "Fiduciaire Leroy", "Audit Conseil Bretagne",
        "Cabinet Durand Expertise", "Cabinet Bonnet Expertise Comptable", "Cabinet Ferrand Audit",
    ),
    "local_lawyer": (
        "SCP Lefèvre Moreau Avocats", "Maître Sophie Bernard", "Selarl Petit Avocats",
        "Cabinet Germain Avocats", "Maître Karim Benali", "AARPI Roussel & Chevalier",
    ),
    "local_notary": (
        "Office notarial Girard", "SCP Fontaine & Mercier Notaires", "Maître Hélène Vidal, notaire",
    ),
    "local_consultant": (
        "Conseil RH Rousseau", "Atelier Stratégie Conseil", "Julien Fabre Consulting",
        "Mercier Conseil", "Lina Haddad Consulting",
    ),
    "local_landlord": (
        "SCI Les Tilleuls", "SCI du Parc", "SCI Martin Immobilier", "SCI La Fontaine",
        "SCI Horizon", "SCI des Lilas", "M. et Mme Lambert", "Indivision Roux",
        "SCI Bellevue", "SCI Saint-Exupéry",
    ),
    "local_bakery": (
        "Boulangerie Dupain", "Pâtisserie Lemoine", "Boulangerie du Marché",
        "Au Pain Doré", "Boulangerie Julien",
    ),
    "local_caterer": (
        "Traiteur Saveurs de Provence", "Traiteur Le Gourmet", "Cuisine & Réception",
        "Maison Delorme Traiteur",
    ),
    "local_wine": (
        "Domaine des Tourelles", "Maison Moreau Vins", "Cave de Tain", "Cave de Ribeauvillé",
        "Château Lamothe", "Vignobles Gardères",
    ),
    "local_grocer": (
        "Primeurs du Marché", "Ets Dumas Primeurs", "Rungis Viandes Sélection", "Marée du Port",
    ),
    "local_sawmill": ("Scierie Moulin", "Scierie des Vosges"),
    "local_textile": ("Filature du Lignon", "Tissages de Picardie"),
    "local_club": (
        "Union commerciale de Vannes", "Club des entreprises de l'Est lyonnais",
        "Association des commerçants du centre-ville", "Club Entreprendre Val-de-Marne",
    ),
    "local_sport": (
        "AS Saint-Priest Football", "Rugby Club Vannes", "HBC Nantes", "US Ivry Handball",
    ),
    "local_agency": (
        "Agence Pixel & Co", "Studio Lumen", "Agence Komunik", "Atelier Graphique Nord",
        "Agence Web Azur",
    ),
    "local_trucker": (
        "Transports Perrier", "Transports Dupuis & Fils", "TLR Logistique", "Transports Chabas",
    ),
    "local_courier": ("Coursiers Express Paris", "Urbike", "Les Coursiers Bordelais"),
    "local_mover": ("Déménagements Dubreuil", "Alpes Déménagement"),
    "local_coach": ("Autocars Faure", "Cars Philibert"),
    "local_wholesaler": ("Grossiste Import Aubervilliers", "Comptoir du Bazar"),
    "local_broker": ("Cabinet Roux Assurances", "Courtage Lemaire"),
}

_GROUP_TABLE = """
telecom: orange sfr bouygues free freepro coriolis nordnet prixtel sewan adista
telecom_mobile: orange sfr bouygues free freepro prixtel coriolis
telecom_fixed: orange sfr bouygues freepro coriolis sewan adista ringover aircall keyyo nordnet
postal_letter: laposte maileva ar24 mercifacteur
parcel: dhl ups fedex gls dpd chronopost colissimo mondialrelay relaiscolis boxtal sendcloud packlink
freight: geodis schenker kuehne heppner dachser xpo ceva dhl gls local_trucker
carriers: parcel freight
couriers: stuart local_courier
movers: demeco gentlemen local_mover
coach: keolis transdev flixbus local_coach
shipping_vendors: amazon lyreco bureauvallee officedepot manutan raja ldlc cdiscount metro wurth leroymerlin ikea boulanger darty materielnet rueducommerce
energy_elec: edf engie total ekwateur vattenfall eni enercoop mint octopus alpiq es gazdebordeaux
energy_gas: engie total edf eni ekwateur vattenfall gazdebordeaux es
energy: energy_elec energy_gas
water: veolia suez saur eaudeparis eaulyon
fuel: totalstation esso bpfuel shell avia leclerc intermarche carrefour auchan systemeu dyneff as24 dkv
ev: ionity freshmile chargemap tesla izivia totalstation
gasbottle: primagaz butagaz antargaz
heat: cpcu dalkia engie
fioul: totalstation dyneff avia picoty
office: lyreco bureauvallee officedepot jpg manutan raja fos calipage topoffice
office_it: bureauvallee officedepot lyreco jpg
supermarket: carrefour leclerc auchan intermarche lidl monoprix systemeu action
it_retail: ldlc boulanger darty fnac materielnet inmac bechtle rueducommerce topachat grosbill cybertek ugap computacenter
copier: canon ricoh konica sharp kyocera xerox toshiba
furniture: ikea mdm steelcase bruneau majencia sokoa kinnarps vitra conforama but nowystyl haworth millerknoll alinea buronomic laredoute manutan
diy: leroymerlin castorama bricodepot mrbricolage bricomarche weldom manomano wurth cedeo rexel sonepar yesss fransbonhomme prolians
cleaning: elis initial orapi pierrelegoff paredes bunzl karcher manutan lyreco
food_wholesale: metro promocash transgourmet pomona sysco davigel episaveurs
food_raw: gmp soufflet barry valrhona tereos lactalis ellevire isigny food_wholesale local_grocer
metal: arcelor kdi descours
wood: dispano panofrance pointp gedimat bigmat leroymerlin bricodepot local_sawmill
construction: pointp gedimat bigmat weber placo leroymerlin castorama bricodepot
textile: mondialtissus bergere haas local_textile
chem: brenntag univar
paint: tollens seigneurie
raw: metal wood construction textile chem food_raw
resale_generic: metro promocash alibaba ankorstore faire amazon cdiscount local_wholesaler
beverages: franceboissons c10 metro promocash castel local_wine
fashion: armorlux saintjames slipfr lacoste alibaba faire ankorstore
books_dist: interforum hachette sodis
it_dist: ingram tdsynnex alsofr
gifts: ankorstore faire alibaba local_wholesaler
autoparts: autodistribution michelin
rent_mgmt: nexity foncia citya oralia sergic orpi century21 gecina icade covivio bnpre
coworking: regus spaces wework morning kwerk wojo multiburo deskeo
parking: indigo saemes onepark effia zenpark yespark
storage: shurgard homebox unepiece
domiciliation: sedomicilier kandbaz regus
equip_rent: kiloutou loxam boels salti
leasing_auto: arval ayvens free2move diac
car_rental_util: hertz europcar sixt ada rentacar avis
leasing_fin: grenke econocom locam bnpleasing
water_fountain: culligan chateaudeau elis
linen: elis initial
events: options kiloutou loxam
heavy_rent: toyotamh fraikin petitforestier kiloutou loxam
tpe_rent: ingenico worldline bnp ca sg lcl
elevator: otis schindler kone tkelevator
hvac: dalkia engie_serv idex spie equans eiffage vincifac
auto_repair: norauto speedy feuvert midas points euromaster renault stellantis local_garage
it_service: local_itservice bechtle computacenter
fire: sicli desautel chubb
doors: portalp record
maint_generic: local_artisan hvac it_service
insurer: axa maaf mma allianz hiscox generali groupama macif matmut macsf smabtp abeille april chubb_ins helvetia maif thelem verspieren wtw marsh diot stello ca_assur local_broker
credit_insurer: allianztrade coface atradius
press: lesechos lemonde lefigaro leparisien ouestfrance liberation lexpress lepoint challenges capital usinenouvelle lsa lemoniteur mediapart courrierinter altereco
press_shop: relay maisonpresse
legal_pub: dalloz lefebvredalloz efl lexisnexis wolters tissot legislatives grf
bookshops: amazon fnac cultura decitre gibert mollat kleber dunod eyrolles eni_editions
docs_all: press legal_pub bookshops xerfi statista afnor cafeyn press_shop
accountants: inextenso fiducial kpmg deloitte ey pwc mazars bdo grantthornton exco cerfrance rsm local_accountant
auditors: kpmg deloitte ey pwc mazars bdo grantthornton rsm exco local_accountant
lawyers: fidal cms local_lawyer
legaltech: legalstart legalplace captaincontrat
recruiters: michaelpage hays roberthalf pagepersonnel
consultants: local_consultant malt deloitte ey pwc kpmg
ip_firms: regimbeau plasseraud novagraaf
notary: local_notary
fees_all: accountants lawyers legaltech recruiters consultants ip_firms notary
printers: vistaprint exaprint pixart helloprint onlineprinters printoclock
agencies: local_agency
fairs: comexposium glevents viparis
classifieds: leboncoin indeed wttj solocal
legal_ann: ouestfrance_ann leparisien_ann legalstart legalplace
distribution: mediapost milee
outdoor: jcdecaux clearchannel
online_ads: googleads meta linkedin microsoft_ads tiktok pinterest criteo taboola
press_ads: lesechos lefigaro leparisien ouestfrance usinenouvelle lsa lemoniteur
ads_all: online_ads printers agencies fairs classifieds distribution outdoor
trains: sncf ouigo trainline egencia amexgbt selectour
airlines: airfrance easyjet transavia ryanair volotea lufthansa egencia amexgbt selectour
hotels: accor ibis novotel mercure pullman bbhotels campanile kyriad bestwestern booking hotelscom airbnb expedia egencia
taxi: uber g7 heetch bolt marcel lecab freenow
car_rental: hertz europcar sixt avis ada getaround rentacar
tolls: vinci aprr sanef bipgo ulys
parking_travel: indigo saemes onepark effia zenpark
quick_food: paul relaish exki pret starbucks local_bakery local_restaurant
travel_agencies: egencia amexgbt selectour
travel_all: trains airlines hotels taxi car_rental tolls parking_travel
restaurants: local_restaurant
caterers: lenotre potel dalloyau fauchon local_caterer sodexo elior eurest
bakeries: paul kayser marieblachere local_bakery cojean
drinks: nicolas vandb metro carrefour monoprix lidl leclerc promocash
seminar: accor novotel mercure pullman chateauform sodexo
delivery: deliveroo ubereats foodcheri
reception_all: restaurants caterers bakeries seminar
banks: bnp sg ca lcl cm cic bpop ce lbp hsbc boursobank
neobanks: qonto shine revolut memobank
psp: stripe sumup paypal adyen payplug mollie worldline gocardless alma amex
ccis: ccipidf ccilyon ccinantes ccibordeaux ccilille
orgs: medef cpme u2p numeum ffb capeb umih ghr fntr fcd francedigitale reseauentreprendre bni dynabuy cjd fff cga initiativefrance afnor cma
dues_all: ccis orgs local_club
saas: microsoft adobe google_ws ovh scaleway sage cegid pennylane salesforce canva slack notion zoom atlassian github dropbox hubspot mailchimp brevo zapier figma miro docusign yousign payfit lucca axonaut sellsy shopify wix ionos gandi aws jetbrains autodesk ebp kaspersky bitdefender eset teamviewer openai deepl zendesk monday calendly typeform odoo zoho dashlane agicap tiime spendesk
hosting: ovh scaleway ionos gandi aws google_ws wix shopify
antivirus: kaspersky bitdefender eset
ip_offices: inpi euipo ompi
music: sacem spre
franchisors: carrefourprox itm century21 orpi jeffdebruges franprix points
stockphoto: shutterstock getty adobe
software_all: saas orange_soft
"""


def _build_vendors() -> dict[str, Vendor]:
    vendors: dict[str, Vendor] = {}
    for raw in _VENDOR_TABLE.strip().splitlines():
        key, _, forms_text = raw.partition(":")
        key = key.strip()
        forms = tuple(form.strip() for form in forms_text.split("|") if form.strip())
        if key in vendors or not forms:
            raise ValueError(f"bad vendor line: {raw!r}")
        vendors[key] = Vendor(key=key, canonical=forms[0], forms=forms)
    for group, names in _LOCAL_VENDORS.items():
        for index, name in enumerate(names):
            key = f"{group}_{index:02d}"
            vendors[key] = Vendor(key=key, canonical=name, forms=(name,))
    return vendors


VENDORS: dict[str, Vendor] = _build_vendors()


def _build_groups() -> dict[str, tuple[str, ...]]:
    raw_groups: dict[str, tuple[str, ...]] = {}
    for raw in _GROUP_TABLE.strip().splitlines():
        name, _, members = raw.partition(":")
        raw_groups[name.strip()] = tuple(members.split())
    for group, names in _LOCAL_VENDORS.items():
        raw_groups[group] = tuple(f"{group}_{i:02d}" for i in range(len(names)))

    resolved: dict[str, tuple[str, ...]] = {}

    def expand(name: str, stack: tuple[str, ...]) -> tuple[str, ...]:
        if name in resolved:
            return resolved[name]
        if name in stack:
            raise ValueError(f"cyclic vendor group: {' -> '.join(stack + (name,))}")
        keys: dict[str, None] = {}
        for member in raw_groups[name]:
            if member in raw_groups:
                keys.update(dict.fromkeys(expand(member, stack + (name,))))
            elif member in VENDORS:
                keys[member] = None
            else:
                raise ValueError(f"unknown vendor {member!r} in group {name!r}")
        resolved[name] = tuple(keys)
        return resolved[name]

    for name in raw_groups:
        expand(name, ())
    return resolved


GROUPS: dict[str, tuple[str, ...]] = _build_groups()


def resolve_vendors(spec: str) -> tuple[str, ...]:
    """Expand a comma-separated list of vendor keys and group names.

    Parameters
    ----------
    spec : str
        Comma-separated names, each a group from :data:`GROUPS` or a key of
        :data:`VENDORS`. ``"-"`` or an empty string means "no vendor".

    Returns
    -------
    tuple of str
        Vendor keys in a stable order, without duplicates.

    Raises
    ------
    ValueError
        If a name is neither a group nor a vendor key.
    """
    if spec.strip() in ("", "-"):
        return ()
    keys: dict[str, None] = {}
    for name in (part.strip() for part in spec.split(",")):
        if not name:
            continue
        if name in GROUPS:
            keys.update(dict.fromkeys(GROUPS[name]))
        elif name in VENDORS:
            keys[name] = None
        else:
            raise ValueError(f"unknown vendor or group {name!r}")
    return tuple(keys)
