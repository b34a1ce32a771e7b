"""What is bought under each PCG account, and from whom.

The vocabulary is written in a small block format, one block per item (a
product or service), so that it stays readable by an accountant:

.. code-block:: text

    @ u=ramette p=3.5-8 v=office,amazon
    Ramette papier {A4|A3} {80 g|90 g} {|recyclé}
    Papier {imprimante|photocopie} A4 {|500 feuilles}

The ``@`` line sets the item attributes, every following line is one way of
phrasing that item. ``{a|b|c}`` picks one alternative at generation time and
``{|x}`` makes ``x`` optional. Attributes:

``u``
    unit of the quantity (see :data:`compta_corpus.formats.UNITS`);
``p``
    unit price range in euros excluding VAT, ``low-high``;
``k``
    kind: ``g`` goods, ``s`` one-off service, ``r`` recurring service;
``per``
    billing period granularities of recurring items (``m`` month, ``q``
    quarter, ``s`` semester, ``y`` year);
``v``
    vendor keys or groups (see :mod:`compta_corpus.vendors`), ``-``
    for lines that have no supplier (mileage allowances);
``tva``
    VAT treatments: ``20``, ``10``, ``5.5``, ``2.1``, ``exo``, ``autoliq``,
    ``ins`` (insurance tax) or ``none``;
``ref``
    kinds of references printed next to the item.

The account header gives the defaults of its items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .formats import REFERENCE_KINDS, UNITS, VAT_CODES
from .vendors import resolve_vendors

__all__ = ["Item", "ACCOUNTS"]


@dataclass(frozen=True)
class Item:
    """One product or service booked to an account.

    Attributes
    ----------
    account : str
        PCG account code.
    phrases : tuple of str
        Ways of writing the item, with ``{a|b}`` alternatives.
    unit : str
        Quantity unit key.
    price : tuple of float
        Unit price range excluding VAT.
    kind : str
        ``"g"`` goods, ``"s"`` one-off service, ``"r"`` recurring service.
    periods : str
        Billing period granularities for recurring services.
    vendors : tuple of str
        Vendor keys that plausibly sell this item (empty: no vendor).
    vat : tuple of str
        VAT treatments.
    refs : tuple of str
        Reference kinds.
    """

    account: str
    phrases: tuple[str, ...]
    unit: str
    price: tuple[float, float]
    kind: str
    periods: str
    vendors: tuple[str, ...]
    vat: tuple[str, ...]
    refs: tuple[str, ...]


_ALTERNATIVE = re.compile(r"\{([^{}]*)\}")


def _parse_attributes(text: str) -> dict[str, str]:
    attributes = {}
    for token in text.split():
        key, sep, value = token.partition("=")
        if not sep or key not in {"u", "p", "k", "per", "v", "tva", "ref"}:
            raise ValueError(f"bad attribute {token!r}")
        attributes[key] = value
    return attributes


def _make_item(account: str, attributes: dict[str, str], phrases: list[str]) -> Item:
    if not phrases:
        raise ValueError(f"{account}: item without phrases ({attributes})")
    for phrase in phrases:
        stripped = _ALTERNATIVE.sub("", phrase)
        if "{" in stripped or "}" in stripped:
            raise ValueError(f"{account}: unbalanced braces in {phrase!r}")
    low, _, high = attributes["p"].partition("-")
    price = (float(low), float(high))
    if not 0 < price[0] <= price[1]:
        raise ValueError(f"{account}: bad price range {attributes['p']!r}")
    unit = attributes["u"]
    if unit not in UNITS:
        raise ValueError(f"{account}: unknown unit {unit!r}")
    kind = attributes["k"]
    if kind not in ("g", "s", "r"):
        raise ValueError(f"{account}: unknown kind {kind!r}")
    periods = attributes.get("per", "mqy")
    if not periods or set(periods) - set("mqsy"):
        raise ValueError(f"{account}: bad periods {periods!r}")
    vat = tuple(attributes["tva"].split(","))
    if set(vat) - set(VAT_CODES):
        raise ValueError(f"{account}: unknown VAT code in {vat}")
    refs = tuple(attributes["ref"].split(","))
    if set(refs) - set(REFERENCE_KINDS):
        raise ValueError(f"{account}: unknown reference kind in {refs}")
    return Item(
        account=account,
        phrases=tuple(phrases),
        unit=unit,
        price=price,
        kind=kind,
        periods=periods,
        vendors=resolve_vendors(attributes["v"]),
        vat=vat,
        refs=refs,
    )


def _parse_account(account: str, header: str, body: str) -> tuple[Item, ...]:
    defaults = {"u": "u", "k": "g", "per": "mqy", "v": "-", "tva": "20", "ref": "generic"}
    defaults.update(_parse_attributes(header))
    items: list[Item] = []
    attributes: dict[str, str] | None = None
    phrases: list[str] = []
    for raw in body.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            if attributes is not None:
                items.append(_make_item(account, attributes, phrases))
            attributes = {**defaults, **_parse_attributes(line[1:])}
            phrases = []
        else:
            if attributes is None:
                raise ValueError(f"{account}: phrase before the first '@' line: {line!r}")
            phrases.append(line)
    if attributes is not None:
        items.append(_make_item(account, attributes, phrases))
    return tuple(items)


_ACCOUNT_SOURCES: dict[str, tuple[str, str]] = {}

# --------------------------------------------------------------------------
# 2183 Matériel de bureau et matériel informatique (capital goods)
# --------------------------------------------------------------------------
_ACCOUNT_SOURCES["2183"] = ("u=u k=g v=it_retail,amazon,cdiscount tva=20 ref=order,invoice,serial,sku,generic", """
@ p=550-1600 v=it_retail,amazon,cdiscount,office_it
Ordinateur portable {14|15,6|13,3} pouces {Core i5|Core i7|Ryzen 5|Ryzen 7|Core Ultra 5} {8|16|32} Go {SSD 256 Go|SSD 512 Go|SSD 1 To|}
PC portable {pro|professionnel|} {Core i5|Core i7|Ryzen 7} {16 Go RAM|8 Go RAM|16Go} {SSD 512 Go|512Go SSD|} {Windows 11 Pro|W11 Pro|}
Ordinateur portable {pour|} {nouveau collaborateur|poste commercial|service comptable|le technicien|stagiaire|la direction}
Portable {14"|15"|15,6"} {i5|i7} {16Go|8Go|32Go} {|Win11 Pro}
Laptop {professionnel|pro} {14 pouces|15,6 pouces} {|+ sacoche}
@ p=600-1900 v=dell,it_retail,amazon,bechtle
Dell Latitude {3540|5440|5550|7440|7450} {|Core i5|Core i7} {|16 Go} {|512 Go}
Dell Vostro {3520|3530|5640} {|i5|i7} {|8Go|16Go}
Dell Precision {3581|5680} {|station de travail mobile}
Dell XPS {13|14|15} {|9340|9440}
@ p=450-1300 v=dell,it_retail,bechtle,ugap
Dell OptiPlex {7010|3000|7020} {Micro|Tour|SFF|} {|i5|i7} {|16 Go}
PC de bureau Dell OptiPlex {|Micro} {|+ écran}
@ p=600-2200 v=lenovo,it_retail,amazon,bechtle
Lenovo ThinkPad {E14|E16|T14|T14s|L14|X1 Carbon} {Gen 4|Gen 5|Gen 12|} {|i5|i7|Ryzen 7} {|16 Go|32 Go}
ThinkPad {T14|E14|X1 Carbon} {|Gen 5} {|16 Go 512 Go}
Lenovo IdeaPad {Slim 5|5 Pro|3} {|15 pouces}
@ p=450-1200 v=lenovo,it_retail,bechtle
Lenovo ThinkCentre {M70q|M90q|neo 50s|M75s} {|Tiny|Gen 4} {|i5} {|16 Go}
@ p=600-1900 v=hp,it_retail,amazon,bechtle,office_it
HP {EliteBook|ProBook} {840 G10|450 G10|640 G11|860 G11|440 G11} {|i5|i7} {|16 Go}
HP {ProDesk 400 G9|ProDesk 600 G6|EliteDesk 800 G9|Elite Mini 600 G9} {|Mini|SFF|Tour}
PC HP {EliteBook|ProBook|ProDesk} {|neuf} {|garantie 3 ans}
@ p=1000-4000 v=apple,it_retail,amazon
MacBook {Air|Pro} {13|14|15|16} pouces {M2|M3|M3 Pro|M4} {8 Go|16 Go|18 Go|24 Go|} {256 Go|512 Go|1 To|}
MacBook {Air|Pro} {M2|M3|M4} {|13"|14"|15"} {|gris sidéral|argent|minuit}
iMac {24 pouces|24"} {M3|M4|M1} {|8 cœurs|10 cœurs} {|256 Go|512 Go}
Mac mini {M2|M2 Pro|M4} {|16 Go} {|512 Go}
Mac Studio {M2 Max|M2 Ultra} {|32 Go}
Ordinateur Apple {MacBook Pro|iMac|Mac mini} {|M3}
@ p=900-2200 v=microsoft_hw,it_retail,amazon
Microsoft Surface {Pro 9|Pro 10|Laptop 5|Laptop Go 3} {|i5|i7} {|16 Go} {|256 Go}
Surface {Pro|Laptop} {|+ clavier} {|pour la direction}
@ p=450-1300 v=it_retail,amazon,cdiscount,office_it,ugap
Ordinateur de bureau {tour|compact|mini PC|tout-en-un} {Core i5|Core i7|Ryzen 5} {|16 Go} {|SSD 512 Go}
Unité centrale {bureautique|pro|} {i5|i7|Ryzen 5} {|16 Go RAM}
PC fixe {bureautique|professionnel|} {|i5} {|+ Windows 11 Pro}
PC tout-en-un {23,8|27} pouces {|i5} {|16 Go}
Poste de travail complet {UC + écran 24 pouces|UC + 2 écrans|PC + écran + clavier souris}
Station de travail {CAO|graphique|} {|RTX 4060|Xeon} {|32 Go}
@ p=120-700 v=it_retail,amazon,cdiscount,office_it,dell,hp,samsung,lenovo
Écran {22|24|27|32|34} pouces {Full HD|QHD|4K|incurvé|IPS} {|réglable en hauteur|USB-C}
Moniteur {|PC} {24|27} pouces {|pour double écran|IPS}
Écrans {24 pouces|27 pouces} {|pour le service comptable|open space} {|x2|x3}
@ p=120-700 v=it_retail,amazon,cdiscount,office_it
Moniteur {Dell P2423D|Dell P2723DE|Dell U2724D|LG 27UL500|Samsung S27C|iiyama ProLite XUB2492|Philips 243V|AOC 24B2XH|HP E24 G5}
Écran {24"|27"|32"} {Dell|Samsung|LG|iiyama|Philips|HP|AOC} {|IPS} {|HDMI}
@ p=150-950 v=it_retail,amazon,cdiscount,office_it,hp,brother,canon,epson
Imprimante {laser|multifonction laser|jet d'encre|multifonction jet d'encre} {couleur|monochrome|N&B|noir et blanc} {|Wi-Fi|réseau|recto-verso}
Multifonction laser {A4|A3} {couleur|monochrome} {|réseau} {|avec chargeur de documents}
Imprimante {professionnelle|réseau|de bureau} {|laser couleur}
@ p=150-950 v=it_retail,amazon,cdiscount,office_it
Imprimante multifonction {HP LaserJet Pro MFP 4102fdw|Brother MFC-L8900CDW|Canon i-SENSYS MF657Cdw|Epson WorkForce Pro WF-C4810|HP Color LaserJet Pro 4302dw}
Imprimante {Brother HL-L5210DN|HP LaserJet Pro 4002dn|Canon i-SENSYS LBP233dw|Epson EcoTank ET-5880|Kyocera ECOSYS P2040dn}
Imprimante {étiquettes|thermique} {Zebra ZD421|Brother QL-820NWB|Dymo LabelWriter 5XL}
Imprimante tickets {Epson TM-T20III|Star TSP143} {|USB|Ethernet}
@ p=2500-9000 v=copier
Photocopieur {multifonction|couleur|numérique} A3 {|neuf} {|achat}
Copieur multifonction {A3|A4} {couleur|N&B} {|achat ferme} {|avec finisseur}
Système d'impression A3 {|couleur} {|achat}
@ p=2500-9000 v=canon
Canon imageRUNNER ADVANCE {C3826i|DX C3926i|DX 4945i} {|achat}
@ p=2500-9000 v=ricoh
Ricoh IM {C3000|C2010|C4510} {|multifonction} {|achat}
@ p=2500-9000 v=konica
Konica Minolta bizhub {C300i|C250i|C450i} {|achat}
@ p=400-5000 v=it_retail,bechtle,inmac,computacenter,dell,hp,lenovo
Serveur {tour|rack|rack 1U|rack 2U} {|Xeon} {|32 Go|64 Go} {|2 x 2 To}
Serveur de fichiers {|PME} {|avec disques}
@ p=900-5000 v=it_retail,bechtle,inmac,computacenter
Serveur {Dell PowerEdge T150|Dell PowerEdge R250|HPE ProLiant ML30 Gen11|HPE ProLiant DL20|Lenovo ThinkSystem ST50 V2}
@ p=300-2500 v=it_retail,amazon,bechtle,inmac
NAS {Synology DS923+|Synology DS224+|Synology RS1221+|QNAP TS-464|QNAP TS-233} {|4 baies|2 baies|rackable} {|+ disques}
Serveur NAS {2 baies|4 baies|8 baies} {|16 To|8 To}
Baie de stockage {réseau|NAS|SAN} {|8 To|24 To}
@ p=100-1800 v=it_retail,amazon,bechtle,inmac
Switch {Cisco|Netgear|HPE Aruba|Ubiquiti|TP-Link|D-Link} {8|16|24|48} ports {PoE|PoE+|manageable|Gigabit|10G}
Commutateur réseau {24|48} ports {|PoE} {|rackable}
Pare-feu {Fortinet FortiGate 40F|Fortinet FortiGate 60F|Stormshield SN210|Sophos XGS 107|WatchGuard Firebox T45}
Borne Wi-Fi {Ubiquiti UniFi U6 Pro|Aruba Instant On AP22|Cisco Meraki MR36|TP-Link Omada}
Point d'accès Wi-Fi {professionnel|6|} {|PoE}
Routeur {VPN|4G|professionnel} {|Draytek|Cisco|MikroTik}
@ p=120-1500 v=it_retail,amazon,bechtle,inmac,office_it
Onduleur {APC|Eaton|Legrand|Riello} {700|1000|1500|2200|3000} VA {|rackable|line interactive|on-line}
Onduleur {APC Back-UPS Pro 1500|APC Smart-UPS 1500|Eaton 5P 1550i|Eaton Ellipse PRO 1200}
UPS {APC|Eaton} {1500VA|3kVA|1000 VA} {|pour serveur}
Onduleur {|pour baie serveur|pour NAS|pour caisse}
@ p=350-1500 v=apple,it_retail,amazon
iPad {Pro|Air|} {11|13} pouces {M2|M4|} {|Wi-Fi|Wi-Fi + Cellular} {128 Go|256 Go|512 Go|}
Tablette iPad {Pro|Air} {|+ Magic Keyboard|+ Apple Pencil}
@ p=350-1500 v=samsung,it_retail,amazon
Tablette {Samsung Galaxy Tab S9|Galaxy Tab S9 FE|Galaxy Tab Active5} {|11 pouces} {|+ clavier}
@ p=350-1500 v=it_retail,amazon,telecom_mobile
Tablette {tactile|professionnelle|durcie} {|10 pouces} {|pour les techniciens|pour la prise de commandes}
Smartphone {professionnel|pro} {|5G} {|256 Go} {|renouvellement flotte}
@ p=700-1500 v=apple,it_retail,amazon,telecom_mobile
iPhone {15|15 Pro|16|16 Pro|15 Plus} {128 Go|256 Go|} {|noir|titane naturel}
Achat iPhone {15|16} {|pro} {|renouvellement}
@ p=400-1300 v=samsung,it_retail,amazon,telecom_mobile
Smartphone Samsung {Galaxy S24|Galaxy S24+|Galaxy A55|Galaxy S23} {128 Go|256 Go|} {|pro}
Téléphone mobile {Samsung Galaxy S24|Galaxy A55|Galaxy XCover7} {|pour commercial|pour technicien}
@ p=400-5000 v=it_retail,amazon,bechtle
Vidéoprojecteur {Epson EB-L260F|BenQ MW560|Optoma HD146X|Epson EB-FH52}
Vidéoprojecteur {Full HD|WXGA|laser|4K} {|salle de réunion|courte focale}
Écran interactif {65|75|86} pouces {|4K|tactile} {|Samsung Flip|Speechi|Clevertouch|ViewSonic}
Système de visioconférence {Logitech Rally Bar|Poly Studio X50|Yealink MeetingBar A20|Logitech MeetUp}
Kit visioconférence {salle de réunion|complet|}
Écran {d'affichage dynamique|professionnel|TV pro} {43|50|55} pouces
@ p=300-900 v=backmarket,it_retail,amazon
Ordinateur portable reconditionné {grade A|Premium|Très bon état} {ThinkPad T480|Latitude 7490|MacBook Pro 2020|EliteBook 840 G6|ThinkPad X390}
PC reconditionné {|grade A} {i5|i7} {|16 Go}
MacBook {Air|Pro} reconditionné {M1|2020|M2} {|grade A}
@ p=400-2000 v=it_retail,office_it,manutan,amazon
Caisse enregistreuse {tactile|} {|+ tiroir-caisse|+ imprimante ticket}
Terminal point de vente {tactile|} {Sunmi|Aures|Epson|} {|complet}
Tiroir-caisse + écran tactile {|caisse}
TPV {tactile|15 pouces} {|avec afficheur client}
@ p=200-1200 v=office,amazon
Destructeur de documents {Fellowes|Rexel|HSM|Ideal} {|Powershred 99Ci|Optimum AutoFeed+ 750X|} {|coupe croisée|P-4|P-5} {|grande capacité}
Destructeur {de documents|papier} {|professionnel} {|grand volume|60 feuilles}
@ p=1500-4500 v=quadient,pitney
Machine à affranchir {|achat} {|IS-350|SendPro C|DS-64i}
Affranchisseuse {|postale} {|avec balance} {|achat}
@ p=250-900 v=it_retail,amazon,office_it
Scanner {Fujitsu ScanSnap iX1600|Epson WorkForce DS-730N|Brother ADS-4700W|Canon imageFORMULA DR-C230|Ricoh fi-8170}
Scanner {de documents|réseau|à défilement} {|recto-verso} {|A4}
@ p=800-4000 v=it_retail,hp,canon,bechtle
Traceur {A1|A0} {|grand format} {|jet d'encre|24 pouces|36 pouces}
@ p=800-4000 v=it_retail,bechtle
Traceur {HP DesignJet T230|HP DesignJet T650|Canon imagePROGRAF TM-200|Canon imagePROGRAF TM-300}
@ p=300-3000 v=it_retail,amazon,bechtle,inmac,ugap,office_it
Matériel informatique {|selon devis|divers|}
Équipement informatique {|poste de travail|nouvel arrivant}
Matériel de bureau {|selon devis|divers}
Configuration {PC|poste} {|complète} {|nouvel arrivant}
Renouvellement {parc informatique|postes de travail|ordinateurs portables} {|lot}
""")

# --------------------------------------------------------------------------
# 2184 Mobilier
# --------------------------------------------------------------------------
_ACCOUNT_SOURCES["2184"] = ("u=u k=g v=furniture,office,amazon tva=20 ref=order,invoice,sku,bl,generic", """
@ p=120-900
Bureau {droit|compact|d'angle|bench|individuel|opérateur} {120x60|140x80|160x80|180x80|120x80} {|cm} {chêne clair|blanc|noir|hêtre|gris|noyer|} {|pieds métal|piétement en L|piétement arche}
Bureau {professionnel|de travail|open space} {|plateau mélaminé} {|avec voile de fond}
Bureau {de direction|manager} {|avec retour} {|et caisson}
Plan de travail bureau {|160 x 80} {|mélaminé}
@ p=250-1100
Bureau assis-debout {électrique|motorisé|} {140x70|160x80|120x60|180x80} {|double moteur|mémoire de position}
Bureau réglable en hauteur {|électrique|manuel à manivelle}
Table de travail assis-debout {|électrique}
@ p=90-600
Fauteuil de bureau {ergonomique|synchrone|opérateur|de direction|manager} {|avec accoudoirs|dossier résille|cuir|tissu} {|noir|gris|bleu}
Siège de bureau {ergonomique|pivotant|24h/24|} {|avec appui-tête|soutien lombaire}
Chaise de bureau {ergonomique|à roulettes|pivotante} {|noire|grise}
Siège {opérateur|ergonomique} {|mécanisme synchrone} {|EN 1335}
@ p=400-1500 v=steelcase,bruneau,manutan,buronomic
Fauteuil Steelcase {Series 2|Series 1|Gesture|Please|Karman|Think} {|noir|gris} {|avec accoudoirs 4D}
Steelcase {Series 2|Gesture|Leap} {|fauteuil}
@ p=900-1800 v=millerknoll
Fauteuil {Herman Miller Aeron|Aeron|Herman Miller Sayl|Mirra 2} {|taille B|graphite}
@ p=300-900 v=sokoa,bruneau,buronomic
Siège ergonomique Sokoa {|fabrication française} {|avec têtière}
@ p=40-300
Chaise {visiteur|de réunion|empilable|coque|luge|4 pieds|polypropylène} {|noire|blanche|grise} {|lot de 4|lot de 2|}
Chaises {de réunion|visiteurs|empilables|de cafétéria} {|x4|x6}
Tabouret {haut|de bar|assis-debout|réglable} {|métal|bois}
Chaises {de salle de pause|de cuisine} {|lot de 4}
@ p=200-2500
Table de réunion {ovale|rectangulaire|ronde|modulable|tonneau} {6|8|10|12} personnes {|240x120|200x100|Ø120|}
Table {de réunion|pliante|haute|de cafétéria|de salle de pause} {|180x80|Ø120|160x80|}
Table basse {|d'accueil|espace détente|ronde}
Table {rabattable|pliante} {|sur roulettes|de formation}
@ p=150-1000
Armoire {haute|basse|mi-haute} {à rideaux|à portes battantes|métallique|de bureau|vestiaire} {|avec serrure|fermant à clé} {|198x120|100x80|}
Armoire {de rangement|d'archives|forte|ignifuge} {|2 portes|4 tablettes}
Armoire {métallique|à rideaux} {|H 198|L 120} {|gris clair|blanc}
@ p=70-350
Caisson {mobile|hauteur bureau|fixe|à roulettes} {3 tiroirs|2 tiroirs + 1 dossier|dossiers suspendus|} {|avec serrure}
Caissons {mobiles|de bureau} {|x3|lot de 4}
@ p=40-500
Étagère {métallique|de rangement|murale|bibliothèque} {5 niveaux|4 tablettes|3 tablettes} {|180x90}
Rayonnage {métallique|léger|lourd|galvanisé} {|pour archives|atelier|réserve} {|5 plateaux}
Bibliothèque {basse|haute|ouverte} {|bureau} {|3 cases|5 cases}
Meuble de rangement {bas|haut|à cases|à portes} {|bureau}
@ p=40-400 v=ikea
{Bibliothèque|Étagère} {BILLY|KALLAX|IVAR|HEMNES} {|blanc|chêne}
Bureau {MALM|ALEX|BEKANT|TROTTEN|MICKE|MITTZON} {|160x80|120x60}
Chaise {MARKUS|FLINTAN|ALEFJÄLL|ADDE|TEODORES} {|x4}
Caisson {ALEX|HELMER|ERIK} {|à tiroirs}
Armoire {GALANT|IDÅSEN|BROR} {|portes coulissantes}
@ p=300-2000 v=furniture,mdm,ikea,conforama,but
Canapé {2 places|3 places|d'accueil|modulable} {tissu|cuir|simili cuir|velours} {|gris|bleu|} {|espace attente|salle de pause}
Fauteuil {club|lounge|d'accueil|cocooning} {|tissu|cuir}
Banquette {d'accueil|salle d'attente|} {|3 places}
@ p=500-4000 v=furniture,manutan
Banque d'accueil {|d'angle|en L|droite} {|avec tablette PMR|éclairée}
Comptoir {d'accueil|de vente|caisse} {|sur mesure}
Meuble {de caisse|de présentation|vitrine|présentoir} {|magasin|boutique}
Vitrine {d'exposition|verre|murale} {|LED} {|fermant à clé}
@ p=100-800 v=manutan,furniture,office,amazon
Vestiaire {métallique|multicases|monobloc} {2 portes|4 cases|3 colonnes|} {|industrie propre|salissante}
Casiers {consigne|de rangement|personnels} {12 cases|24 cases|9 casiers}
@ p=200-1500
Panneau {séparateur|acoustique|écran} de bureau {|160 cm|sur pied} {|tissu}
Cloisonnette {acoustique|de bureau} {|mobile|sur pieds}
@ p=3000-14000 v=framery,steelcase,kinnarps,haworth,majencia,nowystyl,bruneau
Cabine acoustique {|phone box|1 personne|2 personnes|4 personnes} {|pour open space}
Cabine {de téléphone|de réunion} {acoustique|insonorisée}
Phone box {|acoustique} {|open space}
@ p=3000-14000 v=framery
Framery {One|Q|Six} {|cabine acoustique}
@ p=80-700
Meuble {TV|bas|à dossiers suspendus|d'archivage} {|2 portes}
Crédence {|de direction|basse} {|avec portes coulissantes}
Desserte {|à roulettes|mobile} {|3 plateaux}
@ p=300-1200 v=manutan,bruneau,office,amazon
Coffre-fort {ignifuge|électronique|à clé|mural} {|40 L|60 L|120 L}
Armoire forte {|ignifuge}
@ p=500-8000
Mobilier {de bureau|salle de réunion|open space|d'accueil|de cafétéria} {|selon devis|lot|commande}
Aménagement mobilier {open space|nouveaux bureaux|salle de réunion} {|lot complet|selon devis}
Lot mobilier {|bureaux + fauteuils|open space} {|6 postes}
@ p=60-400
Présentoir {de sol|à brochures|mural|tourniquet} {|métal|plexi}
Porte-revues {|mural|sur pied}
@ p=400-2500 v=majencia,kinnarps,nowystyl,haworth,vitra,steelcase,bruneau
Bench {2|4|6} postes {|plateau 160x80|avec goulotte}
Poste opératif {|complet} {|bureau + caisson}
Table de réunion {haut de gamme|design} {|plateau stratifié|plateau chêne}
""")

# --------------------------------------------------------------------------
# 601 Achats stockés - Matières premières (et fournitures)
# --------------------------------------------------------------------------
_ACCOUNT_SOURCES["601"] = ("u=kg k=g v=raw tva=20,5.5 ref=order,bl,invoice,sku,generic", """
@ u=sac p=14-38 v=gmp,soufflet,metro,promocash,transgourmet tva=5.5
Farine de blé {T45|T55|T65|T80|T110} {|bio|Label Rouge} {|sac de 25 kg|sac 25kg|}
Farine {T55|de tradition française|de seigle T130|de gruau|T65 bio|pâtissière} {|25 kg}
Sacs de farine {T55|T65|tradition} {|25 kg}
@ u=sac p=20-45 v=tereos,metro,promocash,transgourmet tva=5.5
Sucre {en poudre|semoule|glace|roux|cassonade|inverti} {|sac 25 kg|sac de 10 kg|carton 10 kg}
@ u=kg p=6-14 v=lactalis,ellevire,isigny,metro,promocash,transgourmet,pomona tva=5.5
Beurre {doux|demi-sel|AOP Charentes-Poitou|de tourage|pâtissier|extra-fin} {|82 %|plaque 2 kg|carton 10 kg|motte 5 kg}
Beurre de tourage {|plaques 1 kg|AOP}
Crème {liquide|fleurette|épaisse} {35 %|30 %} {|1 L|5 L|bidon}
Lait entier {|UHT|microfiltré} {|pack 6 x 1 L|bidon 5 L}
Mascarpone {|500 g|seau 2 kg}
Fromage {râpé|emmental|mozzarella|comté} {|sachet 1 kg|bloc 3 kg} {|pour production}
@ u=kg p=8-25 v=barry,valrhona,metro,transgourmet tva=5.5
Chocolat de couverture {noir|au lait|blanc|ivoire} {64 %|70 %|35 %|33 %|} {|pistoles|callets|fèves} {|sac 5 kg|5 kg|}
Couverture {noire|lait|blanche} {|pistoles} {|sac 10 kg}
Cacao en poudre {|100 %|pur} {|1 kg|sac 25 kg}
Pâte {de noisette|praliné|d'amande} {|seau 5 kg}
@ u=kg p=11-30 v=valrhona tva=5.5
Valrhona {Guanaja 70 %|Caraïbe 66 %|Jivara 40 %|Ivoire 35 %} {|fèves 3 kg}
@ u=kg p=10-30 v=barry tva=5.5
Callebaut {811|823|W2|70-30-38} {|callets|2,5 kg|10 kg}
@ u=carton p=25-80 v=metro,promocash,transgourmet,pomona,local_grocer tva=5.5
Œufs {frais|plein air|bio|calibre M|calibre L} {|plateau de 30|carton de 180|x180}
Ovoproduits {jaune d'œuf|blanc d'œuf|œuf entier liquide} {|bidon 1 L|brique 1 kg|5 kg}
@ u=kg p=5-40 v=metro,promocash,transgourmet,pomona,sysco,davigel,local_grocer tva=5.5
Viande {bovine|de bœuf|de veau|d'agneau} {paleron|bavette|entrecôte|épaule|haché 15 %|} {|VBF|origine France}
Filet de {poulet|volaille|dinde} {|Label Rouge|origine France|frais} {|sous vide}
Poisson {frais|surgelé} {cabillaud|saumon|lieu noir|dos de cabillaud} {|filets|portions}
Légumes {frais|de saison|bio|surgelés} {|colis|cagette|carton} {|mixte}
Pommes de terre {|Agata|Charlotte|bintje} {|sac 25 kg|filet 10 kg}
Fruits {frais|de saison|rouges surgelés} {|cagette|carton} {|pour pâtisserie}
Huile {de tournesol|d'olive vierge extra|de friture|de colza} {|bidon 5 L|bidon 10 L|20 L}
Denrées {alimentaires|cuisine} {|matières premières} {|selon BL}
Épicerie {sèche|cuisine} {|riz, pâtes, farine|} {|commande hebdo}
@ u=kg p=0.4-1.6 v=metal
Acier {laminé à chaud|galvanisé|inox 304L|inox 316L|S235|S355} {tôle|plat|rond|tube|cornière} {|2 mm|3 mm|ép. 5 mm|}
Tôle {acier|inox|alu|galva} {1000x2000|1250x2500|1500x3000} ép. {1,5|2|3|5} mm
Tube {acier|carré|rond|rectangulaire} {40x40x2|30x30|Ø 42,4|60x40x3} {|long. 6 m|barre 6 m}
Fer plat {30x5|40x8|50x10} {|barre 6 m}
Poutrelle {IPN|HEA|IPE|UPN} {100|120|160|200} {|long. 12 m}
Cornière {acier|alu} {40x40x4|30x30x3} {|6 m}
Rond à béton {HA 8|HA 10|HA 12} {|barres 6 m}
Treillis soudé {ST 25C|PAF 10} {|panneaux}
@ u=kg p=2-12 v=metal
Aluminium {profilé|tôle|barre|tube} {6060|5754|2017|6082} {|brut|anodisé}
Cuivre {tube|fil|plaque} {|recuit|Ø 14|Ø 16}
Laiton {barre|rond|tôle} {|CuZn39Pb3}
Fil {de cuivre|cuivre émaillé|inox} {|bobine} {|Ø 1 mm}
Lingots {aluminium|cuivre|laiton|étain}
@ u=m3 p=250-1400 v=wood
Bois {massif|de chêne|de hêtre|douglas|sapin|pin|frêne|noyer} {planches|avivés|madriers|plateaux|chevrons} {|27 mm|brut|raboté|séché}
Plateaux {chêne|hêtre|noyer} {|séchés|27mm|41 mm} {|qualité menuiserie}
Bois de charpente {douglas|sapin} {|traité classe 2} {|section 75x225}
Lamellé-collé {épicéa|douglas} {|poutre}
@ u=u p=15-90 v=wood
Panneaux {MDF|contreplaqué|OSB 3|mélaminé|aggloméré|médium hydrofuge} {18 mm|19 mm|22 mm|10 mm|12 mm} {2500x1250|2800x2070|2440x1220|}
Contreplaqué {bouleau|peuplier|okoumé|marine} {15 mm|18 mm|5 mm} {|2500x1220}
Panneau {stratifié|médium|3 plis} {|chêne|blanc} {|19 mm}
@ u=sac p=5-15 v=pointp,gedimat,bigmat,bricodepot,leroymerlin,weber
Ciment {CEM II 32,5|CEM I 52,5|gris|blanc|prompt} {|sac 35 kg|25 kg|}
Sacs de ciment {Lafarge|Vicat|Calcia} {|35 kg}
Mortier {colle|de jointoiement|prêt à l'emploi|bâtard} {|sac 25 kg}
Enduit {de façade|de rebouchage|monocouche} {|sac 25 kg}
Chaux {hydraulique|aérienne} {|NHL 3,5} {|sac 25 kg}
@ u=t p=25-70 v=construction,lafarge,vicat
Sable {0/4|de rivière|à bâtir|fin|0/2} {|big bag|vrac|tonne}
Gravier {4/10|6/10|10/20|concassé} {|big bag|vrac}
Granulats {|0/20|tout-venant} {|livraison}
@ u=m3 p=100-160 v=lafarge,vicat,pointp
Béton prêt à l'emploi {|C25/30|C20/25} {|toupie|livré}
@ u=palette p=150-600 v=construction
Parpaings {20x20x50|15x20x50|10x20x50|creux|pleins} {|palette de 60|palette}
Briques {creuses|monomur|de parement} {|palette}
Tuiles {terre cuite|romanes|mécaniques} {|palette}
@ u=u p=5-20 v=construction,placo
Plaques de plâtre {BA13|BA15|BA18|hydrofuge|phonique} {|Placo|} {|250x120|260x120|}
Rails et montants {M48|R48|M70|métalliques} {|long. 3 m|botte}
Laine de {verre|roche} {|rouleau|panneau} {100 mm|200 mm|R=5|R=3,15}
Isolant {polystyrène|PSE|polyuréthane} {|100 mm|panneaux}
@ u=L p=5-25 v=paint,construction
Peinture {acrylique|glycéro|façade|mate|satinée|velours|impression} {|blanc|blanc mat|teintée RAL 9010} {|15 L|pot 10 L|seau 15 L|} {|pour chantier}
Sous-couche {|universelle|impression} {|15 L}
Lasure {|bois} {|incolore|chêne} {|5 L}
@ u=m p=3-25 v=textile
Tissu {coton|lin|jersey|denim|velours|polaire|satin|gabardine} {|bio|imprimé|uni|stretch} {|au mètre|rouleau 50 m|laize 150 cm}
Rouleau de tissu {coton|polyester|lin lavé} {|150 cm de large|50 m}
Doublure {|satin|viscose} {|laize 140}
Toile {enduite|à voile|de coton} {|au mètre}
@ u=u p=1-12 v=textile,amazon
Fil à coudre {polyester|coton|Gütermann} {|bobines|cônes 5000 m}
Pelotes de laine {mérinos|alpaga|mohair|coton} {|50 g|lot de 10}
Boutons {nacre|bois|métal} {|sachet de 100}
Fermetures éclair {|YKK|invisibles} {|20 cm|lot}
@ u=m2 p=20-90 v=haas,textile
Cuir {pleine fleur|de veau|de vachette|tannage végétal|nubuck} {|peau entière|demi-peau} {|1,2 mm}
@ u=kg p=1-6 v=chem
Granulés {polypropylène|PEHD|PEBD|PVC|ABS|PET} {|vierge|recyclé} {|sac 25 kg|big bag|octabin}
Résine {époxy|polyester|acrylique} {|bidon 5 kg|20 kg|} {|+ durcisseur}
Soude caustique {|perles|en paillettes} {|sac 25 kg}
Glycérine végétale {|bidon 25 kg}
Acide citrique {|sac 25 kg}
Matières premières chimiques {|selon BL}
@ u=kg p=20-45 v=amazon,chem
Filament {PLA|PETG|ABS|TPU} {1,75 mm|2,85 mm} {|bobine 1 kg|noir|blanc}
@ u=kg p=4-9 v=belco
Café vert {Arabica|Robusta} {|Brésil|Éthiopie Sidamo|Colombie Supremo|Pérou bio} {|sac 60 kg|sac jute 69 kg}
@ u=sac p=30-70 v=soufflet,brouwland
Malt {Pilsner|Pale Ale|de blé|Munich|caramel} {|sac 25 kg}
Houblon {Cascade|Saaz|Citra|Magnum|Strisselspalt} {|pellets|T90} {|5 kg|1 kg}
Levure {de bière|Safale US-05|brasserie} {|500 g}
@ u=kg p=8-20 v=amazon,chem
Cire {de soja|d'abeille|de colza|de paraffine} {|pour bougies} {|5 kg|sac 20 kg}
Huiles essentielles {lavande|citron|eucalyptus|menthe poivrée} {|1 L|bio}
Beurre de karité {|brut|bio} {|seau 5 kg}
@ u=u p=200-6000 v=raw
Matières premières {|diverses} {|pour fabrication|production|atelier} {|selon BL|}
Approvisionnement matières premières {|semaine|mensuel}
Réassort matières {|premières} {|atelier}
Achat matières {premières|d'œuvre} {|commande}
MP {|diverses} {|production|atelier}
""")

# --------------------------------------------------------------------------
# 6061 Fournitures non stockables (eau, énergie, carburant)
# --------------------------------------------------------------------------
_ACCOUNT_SOURCES["6061"] = ("u=kWh k=r per=m v=energy tva=20,5.5 ref=pdl,client,invoice,contract", """
@ u=kWh p=0.15-0.28 v=energy_elec
Consommation électricité {|HP|HC|heures pleines|heures creuses|HP/HC} {|site|compteur principal|}
Électricité {|tarif Bleu|tarif Jaune|tarif Vert|offre pro|C5|C4} {|consommation}
Fourniture d'électricité {|contrat pro|offre verte|prix fixe} {|consommation}
Conso électricité {|bureaux|atelier|magasin}
Énergie active {|consommée} {|HPH|HCH|HPE|HCE}
Électricité {verte|renouvelable} {|consommation} {|garanties d'origine}
@ u=u p=10-120 v=energy
Abonnement électricité {|part fixe} {|puissance 12 kVA|36 kVA|9 kVA|}
Part fixe {abonnement|acheminement} {électricité|gaz}
Abonnement {|contrat} {électricité|gaz} {|mensuel}
@ u=u p=5-200 v=energy
Acheminement électricité {|TURPE|part variable}
Acheminement gaz {|ATRD|part variable}
Contribution tarifaire d'acheminement {électricité|gaz} {|CTA}
Accise sur l'électricité {|ex-CSPE|ex-TICFE}
Accise sur le gaz naturel {|ex-TICGN}
Taxes et contributions {électricité|gaz}
Coût capacité électricité
@ u=kWh p=0.07-0.14 v=energy_gas
Consommation gaz naturel {|chauffage} {|PCE|relevé}
Gaz naturel {|B1|B2S|offre pro} {|consommation}
Fourniture de gaz {|naturel} {|offre pro|prix fixe}
Conso gaz {|chauffage|cuisine}
@ u=m3 p=3-6 v=water tva=5.5,10 per=mqs
Eau {|potable} {|consommation} {|et assainissement}
Consommation eau {|froide|potable} {|relevé|compteur}
Distribution de l'eau {|consommation}
Redevance {assainissement|pollution domestique|modernisation des réseaux} {|collecte}
Abonnement eau {|compteur|part fixe}
Assainissement collectif {|part variable}
@ u=L p=0.9-1.4 k=g v=fioul
Fioul {domestique|chauffage|ordinaire|supérieur} {|livraison}
Livraison de fioul {|domestique} {|cuve}
Gazole non routier {|GNR} {|livraison}
@ u=kg p=1.5-3.5 k=g v=gasbottle
Propane {|citerne|vrac} {|livraison}
Bouteilles de gaz {propane|butane} {13 kg|35 kg}
Gaz propane {|en vrac|livraison citerne}
@ u=kWh p=0.08-0.15 v=heat
Chauffage urbain {|consommation} {|R1|R2|abonnement}
Énergie calorifique {|réseau de chaleur} {|consommation}
Fourniture de chaleur {|réseau urbain}
Froid urbain {|consommation}
@ u=L p=1.5-2.0 k=s v=fuel tva=20 ref=plate,invoice,generic
Carburant {gazole|SP95-E10|SP98|diesel|E85|B7} {|véhicule de service|véhicule société|utilitaire|}
Gazole {|B7} {|plein} {|véhicule}
SP95-E10 {|plein|carburant}
SP98 {|plein}
Carburant {|véhicule} {|immat. AB-123-CD|FG-456-HJ|GH-789-KL|}
Plein {gazole|essence|diesel|carburant} {|utilitaire|Kangoo|Clio|Partner|Berlingo|Trafic}
Gazole professionnel {|carte carburant}
AdBlue {|10 L|bidon|pompe}
@ u=L p=1.5-2.0 k=r per=m v=fuel tva=20 ref=client,invoice,generic
Relevé carte carburant {|mensuel}
Carburants {|relevé|du mois}
Carte carburant {|relevé} {|flotte|véhicules}
@ u=kWh_session p=0.3-0.7 k=s v=ev tva=20 ref=invoice,generic
Recharge {véhicule électrique|VE|borne rapide|borne} {|session|rapide|}
Session de recharge {|rapide|ultra-rapide} {|borne 150 kW|22 kW}
Électricité recharge {|véhicule de société|flotte}
Charge {VE|véhicule électrique} {|borne publique}
@ u=u p=50-900
Régularisation {électricité|gaz|eau} {|sur relevé|annuelle|de consommation}
Acompte mensuel {électricité|gaz}
Échéance {électricité|gaz} {|mensualisation|de mensualisation}
Facture {électricité|gaz|eau} {|intermédiaire|de régularisation}
Énergie {|électricité et gaz} {|site}
Fluides {|eau, électricité}
""")

# --------------------------------------------------------------------------
# 6063 Fournitures d'entretien et de petit équipement
# --------------------------------------------------------------------------
_ACCOUNT_SOURCES["6063"] = ("u=u k=g v=diy,cleaning,office,amazon tva=20 ref=order,invoice,bl,sku,generic", """
@ p=3-40 v=cleaning,supermarket,office,amazon,metro,promocash
Produits d'entretien {divers|multi-surfaces|sols|sanitaires|} {|commande|mensuel}
Nettoyant {multi-usages|vitres|sols|désinfectant|sanitaires|dégraissant|inox} {|5 L|bidon 5L|750 ml|1 L|pulvérisateur}
Liquide vaisselle {|5 L|professionnel|écologique}
Eau de Javel {|2,6 %|bidon 5 L|x4}
Désinfectant {surfaces|sans rinçage|virucide|sols} {|EN 14476|5 L|spray 750 ml}
Gel hydroalcoolique {|500 ml|5 L|recharge 1 L|flacon pompe}
Savon {liquide|mains|doux} {|recharge|5 L|pompe 500 ml|cartouche 1 L}
Détergent {|sols|vaisselle|multi-usages} {|concentré} {|bidon 5 L}
Tablettes lave-vaisselle {|x100|boîte}
Lingettes désinfectantes {|x100|seau}
Désodorisant {|aérosol|recharge|automatique}
@ u=colis p=15-60 v=cleaning,supermarket,office,amazon,metro,promocash
Papier toilette {|rouleaux|maxi jumbo|mini jumbo} {|colis de 12|x96|colis 6 rlx|}
Essuie-mains {papier|pliés en Z|enchevêtrés|rouleau} {|colis|carton de 3750|}
Bobines d'essuyage {|ouate|industrielle|dévidage central} {|colis de 6}
Mouchoirs {|boîtes|cubes} {|x24}
Sacs poubelle {30 L|50 L|100 L|110 L|130 L} {|renforcés|noirs|transparents} {|rouleau de 25|carton 200|}
Sacs {à déchets|poubelles} {|100 L} {|carton}
@ p=2-40 v=cleaning,supermarket,diy,amazon
Éponges {|grattantes|magiques|double face} {|lot de 10|x10}
Microfibres {|lavettes|chiffons} {|lot de 20|x10} {|couleurs}
Serpillières {|x5|coton}
Balai {|brosse|trapèze|espagnol|à franges} {|+ pelle|avec manche}
Seau {|de ménage|rotatif|15 L} {|avec essoreur}
Frange {|microfibre|de lavage} {|x10}
Gants de ménage {|nitrile|taille M|x10}
Raclette {sol|vitres} {|45 cm}
Chariot de ménage {|2 seaux|complet}
@ p=80-900 v=diy,darty,boulanger,amazon,manutan
Aspirateur {traineau|balai|dorsal|eau et poussière|sans sac} {|professionnel|sans fil}
Aspirateur {Dyson V15|Rowenta X-Force|Nilfisk VP300|Miele Boost}
Shampouineuse {|moquette}
Nettoyeur vapeur {|professionnel}
@ p=80-900 v=karcher,diy,amazon
Aspirateur Kärcher {T 10/1|WD 5|NT 22/1}
Nettoyeur haute pression {Kärcher K5|Kärcher K4|Kärcher HD 5/15 C|eau froide}
Nettoyeur vapeur Kärcher {SC 3|SC 4}
@ p=30-450 v=diy,amazon
Perceuse {visseuse|à percussion|sans fil} {18 V|12 V|} {Bosch|Makita|DeWalt|Ryobi|Milwaukee|} {|+ 2 batteries|+ chargeur|nue}
Visseuse {à chocs|sans fil|plaquiste} {18V|12V} {|coffret}
Coffret {d'outils|de douilles|de forets|d'embouts} {|108 pièces|50 pièces|}
Caisse à outils {|complète|vide|métallique}
Tournevis {|jeu de 6|isolés 1000 V|de précision} {|Facom|Wera|}
Meuleuse {d'angle|125 mm|230 mm} {|sans fil|filaire}
Scie {sauteuse|circulaire|sabre|à onglet} {|1200 W|sans fil}
Niveau {laser|à bulle} {|croix|rotatif|60 cm}
Mètre ruban {|5 m|8 m} {|Stanley}
Pince {multiprise|coupante|à dénuder|étau} {|Knipex|Facom|}
Clé {à molette|dynamométrique|plate} {|jeu de 12}
Pistolet à colle {|chaude|mastic}
@ p=40-400 v=diy,manutan,amazon
Escabeau {3 marches|4 marches|5 marches|alu|double accès}
Échelle {télescopique|double|transformable} {|3,80 m|3 plans}
Diable {|pliant|150 kg|alu}
Transpalette manuel {|2500 kg|standard}
Chariot {de manutention|à plateau|pliant} {|250 kg}
Servante d'atelier {|7 tiroirs}
@ p=2-30 v=diy,amazon,supermarket
Ampoules LED {E27|GU10|E14|B22} {|lot de 10|x5|blanc chaud|4000K}
Tube LED {T8|120 cm|150 cm|60 cm} {|x10}
Néons {|T8|120 cm} {|lot}
Piles {AA|AAA|LR6|LR03|9V|bouton CR2032} {|lot de 24|Duracell|Energizer|x40}
@ p=10-80 v=diy,office,amazon,supermarket,ikea
Lampe de bureau {LED|articulée|à pince|dimmable}
Lampadaire {|LED|bureau|liseuse}
Rallonge {électrique|multiprise} {|3 m|5 m|10 m}
Multiprise {parafoudre|6 prises|avec interrupteur|USB|8 prises}
Enrouleur électrique {|25 m|40 m} {|chantier}
Bloc multiprises {|parafoudre} {|x3}
@ p=10-250 v=it_retail,office_it,amazon,cdiscount
Souris {sans fil|ergonomique|verticale|Bluetooth|filaire} {|Logitech MX Master 3S|Logitech M705|Logitech Lift|Logitech M185|}
Clavier {sans fil|AZERTY|ergonomique|filaire|Bluetooth} {|Logitech MX Keys|Logitech K120|Logitech K380|}
Ensemble clavier souris {sans fil|Logitech MK270|Logitech MK540}
Câble {HDMI|USB-C|RJ45 Cat6|RJ45 Cat 6a|DisplayPort|Ethernet} {1 m|2 m|3 m|5 m|10 m} {|x5|}
Adaptateur {USB-C vers HDMI|USB-C multiport|secteur|USB-C vers RJ45|HDMI vers VGA}
Hub USB {|4 ports|USB-C|7 ports}
Clé USB {32 Go|64 Go|128 Go|256 Go} {|SanDisk|Kingston|} {|x5}
Disque dur externe {1 To|2 To|4 To} {|Seagate|WD|} {|USB 3.0}
SSD externe {500 Go|1 To} {|Samsung T7|SanDisk}
Carte mémoire {SD|microSD} {64 Go|128 Go}
Casque {audio|micro|Bluetooth|USB} {|Jabra Evolve2 40|Logitech H390|Poly Voyager 4320|Jabra Engage}
Webcam {Logitech C920|Logitech Brio|Full HD|4K}
Support {écran|PC portable|double écran} {|réglable|bras articulé|}
Tapis de souris {|ergonomique|repose-poignet}
Chargeur {USB-C|PC portable|universel} {45 W|65 W|90 W|100 W}
Batterie externe {|20000 mAh}
Barrette mémoire {8 Go|16 Go} {|DDR4|DDR5}
Repose-pieds {ergonomique|réglable}
Rehausseur d'écran {|bambou|ajustable}
Sacoche {ordinateur|PC portable} {15,6 pouces|14 pouces} {|noire}
@ p=100-300 v=it_retail,amazon,office_it
Station d'accueil {USB-C|Thunderbolt 4|universelle} {|double écran}
@ p=120-300 v=dell,it_retail
Station d'accueil Dell {WD19S|WD22TB4|UD22}
@ p=120-300 v=lenovo,it_retail
Station d'accueil {ThinkPad Universal USB-C Dock|Lenovo USB-C Dock}
@ p=20-300 v=boulanger,darty,ikea,supermarket,amazon,cdiscount,but,conforama
Bouilloire électrique {|1,7 L|inox|sans fil}
Micro-ondes {|25 L|professionnel|grill|20 L}
Cafetière {|filtre|à capsules|isotherme}
Machine à café {Nespresso|Senseo|expresso broyeur|Dolce Gusto|à grain} {|pour la salle de pause}
Réfrigérateur {top|table top|bar|combiné} {|pour salle de pause|cuisine}
Grille-pain
Vaisselle {|mugs|verres|couverts|assiettes} {|lot|salle de pause}
Mugs {|lot de 6|blancs}
Couverts {|ménagère 24 pièces}
Carafe {|filtrante|Brita}
Ventilateur {|colonne|sur pied|de bureau}
Radiateur d'appoint {|bain d'huile|soufflant|céramique}
Déshumidificateur {|20 L}
Purificateur d'air {|HEPA}
@ p=10-120 v=manutan,office,amazon,diy
Trousse de secours {|10 personnes|complète|BTP|atelier}
Armoire à pharmacie {|murale}
Extincteur {eau pulvérisée|CO2|poudre ABC} {6 L|2 kg|9 kg} {|+ support}
Détecteur de fumée {|x5|autonome}
@ p=3-120 v=manutan,wurth,diy,amazon,prolians
Gants {de protection|nitrile|de manutention|anti-coupure|jetables} {|taille 9|boîte de 100|x12 paires}
Chaussures de sécurité {S3|S1P|S3 SRC} {|pointure 43|pointure 41|}
Lunettes de protection {|x10}
Gilets haute visibilité {|lot de 10|jaunes}
Masques {FFP2|FFP3|chirurgicaux|anti-poussière} {|boîte de 50|x20}
Casque de chantier {|avec jugulaire}
Bouchons d'oreilles {|boîte}
Vêtements de travail {|pantalons|vestes} {|x2}
EPI {|divers} {|chantier|atelier}
@ p=20-250 v=office,manutan,amazon,ikea
Tableau blanc {magnétique|émaillé|mobile|} {90x60|120x90|180x120|}
Paperboard {|trépied|mobile|magnétique}
Horloge murale {|radio-pilotée}
Porte-manteau {|sur pied|mural}
Poubelle {|de tri|à pédale|de bureau} {|50 L|30 L|2 compartiments}
Plante {|verte|artificielle} {|en pot|grande}
Cadenas {|à code|à clé} {|x3}
Boîte à clés {|murale|sécurisée}
Corbeille à papier {|x5}
Tapis {d'entrée|anti-fatigue|de sol}
Store {occultant|enrouleur} {|fenêtre bureau}
@ p=30-300 v=office,amazon
Plastifieuse {A4|A3} {|Fellowes|GBC}
Relieuse {|à anneaux|thermique}
Massicot {|A4|A3} {|à levier}
Étiqueteuse {Dymo LabelManager 160|Brother P-touch|électronique}
Destructeur de documents {|personnel|6 feuilles|petit modèle}
@ p=3-150 v=diy,prolians
Quincaillerie {diverse|vis, chevilles|fixations}
Vis {inox|à bois|agglo|autoforeuses} {4x40|5x50|3,5x25|} {|boîte de 200|x500}
Chevilles {|Fischer|Molly|à frapper} {|boîte|x100}
Colliers {de serrage|rilsan} {|x100}
Silicone {|sanitaire|transparent} {|cartouche|x12}
Ruban {adhésif toilé|de masquage|isolant} {|x6}
@ p=20-400 v=diy,cleaning,office,amazon,supermarket
Petit {matériel|outillage|équipement} {|divers|atelier|bureau|électrique}
Petites fournitures {diverses|d'entretien|de quincaillerie|atelier}
Consommables {atelier|chantier} {|divers}
Fournitures {d'entretien|de nettoyage|ménagères} {|diverses|mensuelles}
Petit équipement {|cuisine|bureau|atelier}
Matériel d'entretien {|divers}
""")

# --------------------------------------------------------------------------
# 6064 Fournitures administratives
# --------------------------------------------------------------------------
_ACCOUNT_SOURCES["6064"] = ("u=u k=g v=office,amazon,supermarket,cultura tva=20 ref=order,invoice,bl,sku,generic", """
@ u=ramette p=3.5-8
Ramette papier {A4|A3} {80 g|90 g|80g|75 g} {|blanc|recyclé|extra blanc} {|Clairefontaine|Navigator|Inacopia|Steinbeis|Xerox Business|}
Papier {A4|A3} {|extra blanc|recyclé|blanc} {|80 g/m²|80g} {|carton de 5 ramettes|}
Papier {imprimante|photocopie|reprographie} A4 {|500 feuilles|80 g}
Ramettes {A4|A3} {|80g} {|carton}
Papier {Clairefontaine Clairalfa|Navigator Universal|Inacopia Élite|Xerox Performer} {A4|A3} {|80 g}
@ p=15-180 v=office,amazon,it_retail,cdiscount
Cartouche {d'encre|jet d'encre|} {HP 305|HP 963|HP 912|Canon PG-545|Canon CL-546|Epson 603XL|Epson 502|Brother LC-3219|Brother LC-424} {noir|couleur|cyan|magenta|jaune|XL|}
Toner {HP 59A|HP 26X|HP 207A|Brother TN-2420|Brother TN-2410|Canon 057H|Canon 067H|Kyocera TK-5240|Lexmark 71B2|Samsung MLT-D111S} {noir|cyan|magenta|jaune|}
Cartouche toner {laser|compatible|d'origine} {|noir|couleur}
Kit toners {4 couleurs|CMJN|cyan magenta jaune}
Tambour {Brother DR-2400|photoconducteur|Brother DR-1050}
Cartouches {d'encre|compatibles} {|lot de 4|multipack}
Encre {|recharge} {Epson EcoTank 104|Epson 102|bouteille}
@ p=15-180 v=hp,office,amazon
Toner HP {59A|26X|207A|305A|410X} {|noir|couleur} {|d'origine}
Cartouche HP {305|963|912|301} {|XL} {|noir|tricolore}
@ p=15-180 v=canon,office,amazon
Toner Canon {057H|067H|C-EXV49} {|noir|cyan|magenta|jaune}
@ p=15-180 v=brother,office,amazon
Toner Brother {TN-2420|TN-2410|TN-423} {|noir|couleur} {|haute capacité}
@ p=15-180 v=copier
Toner {copieur|photocopieur} {|noir|cyan|magenta|jaune} {|hors contrat}
@ p=2-30
Stylos {bille|gel|roller|feutre|à encre} {Bic Cristal|Pilot G2|Pilot V5|Stabilo|Pentel EnerGel|Bic 4 couleurs|Pilot FriXion|} {|bleu|noir|rouge|assortis} {|boîte de 50|boîte de 12|lot de 10|x20}
Stylos-bille {|assortis|bleus} {|boîte}
Surligneurs {Stabilo Boss|fluo|Stabilo} {|pochette de 4|assortis|jaunes}
Feutres {pour tableau blanc|Velleda|effaçables} {|assortis|x4}
Marqueurs {permanents|tableau blanc} {|noir|assortis}
Crayons {à papier|HB|de couleur} {|boîte de 12}
Correcteur {|souris|Tipp-Ex|ruban} {|x10}
Gommes {|x10}
Recharges {stylo|encre} {|x5}
@ p=3-40
Enveloppes {C4|C5|DL|C6|229x324|110x220} {|à fenêtre|sans fenêtre|kraft|auto-adhésives|blanches} {|boîte de 500|x250|paquet de 50}
Pochettes {kraft|à soufflet|blanches} {C4|229x324|} {|x250}
Enveloppes {à bulles|matelassées} {|x100|format C}
Enveloppes {|kraft} {|retour} {|paquet}
@ p=2-60
Classeurs {à levier|à anneaux|2 anneaux} {dos 8 cm|dos 5 cm|A4|dos 4 cm} {|Exacompta|Esselte|Leitz|Elba|} {|lot de 10|x20|}
Chemises {cartonnées|à élastiques|3 rabats|dossiers} {|paquet de 100|x50|couleurs assorties}
Sous-chemises {|couleurs assorties} {|x100}
Intercalaires {|12 positions|A4|6 onglets} {|x10}
Pochettes {perforées|plastiques|coin|transparentes} {|boîte de 100|x100}
Dossiers suspendus {|armoire|tiroir|kraft} {|boîte de 25}
Boîtes archives {|dos 10 cm|dos 8 cm|carton} {|lot de 20|x10}
Trieur {|12 compartiments|alphabétique}
Parapheur {|18 compartiments}
Porte-vues {|40 vues|80 vues|A4}
@ p=1-30
Post-it {76x76|jaune|couleurs|Super Sticky} {|lot de 12 blocs|x6}
Notes repositionnables {|76x76|couleurs néon} {|x12}
Blocs-notes {A4|A5} {|petits carreaux|lignés|perforés} {|x10}
Cahiers {A4|24x32|17x22} {|spirale|96 pages|Clairefontaine|Oxford}
Carnets {|de notes|Moleskine|à spirale} {|A5}
Agenda {2024|2025} {|semainier|journalier} {|Exacompta|Quo Vadis}
Registre {du personnel|unique du personnel|des assemblées|des délibérations|de sécurité}
Carnet de {reçus|bons de livraison|factures|bons de commande} {|autocopiant|dupli}
Étiquettes {adhésives|d'adresse|Avery|Dymo|multi-usages} {|A4|99,1x38,1|63,5x38,1} {|boîte de 100 feuilles}
Ruban {Dymo|étiqueteuse Brother|P-touch} {12 mm|9 mm|19 mm} {|noir sur blanc}
@ p=1-60
Agrafes {24/6|26/6|23/10} {|boîte de 5000|x1000}
Agrafeuse {|de bureau|Rexel|Leitz|pince|grande capacité}
Trombones {|boîte de 100|28 mm|50 mm}
Perforateur {2 trous|4 trous|grande capacité}
Ciseaux {|de bureau|21 cm}
Ruban adhésif {|transparent|Scotch|invisible} {|lot de 8|x10}
Dévidoir {|adhésif|de bureau}
Tampon encreur {|noir}
Tampon {dateur|encreur|personnalisé|« PAYÉ »|« REÇU LE »} {|Trodat|Colop}
Calculatrice {de bureau|imprimante|Casio|Canon|solaire}
Colle {bâton|UHU|Scotch|liquide} {|x10}
Élastiques {|boîte|500 g}
Punaises {|boîte}
Règle {30 cm|plate|alu}
Taille-crayons {|double}
Pinces {double clip|à dessin} {|x12}
Sous-main {|bureau}
Badges {|porte-badge|cordons} {|x50}
Reliures {|spirales|thermiques|à anneaux} {|x100}
Couvertures de reliure {|A4|PVC}
Pochettes de plastification {A4|A3} {|x100}
Rouleaux {thermiques|TPE|caisse|pour terminal} {57x40|80x80|57x30} {|lot de 50|x20}
Papier {photo|couleur|cartonné|bristol|calque} {A4|A3} {|160 g|250 g}
Papier {en-tête|à lettre} {|imprimé|personnalisé}
@ p=20-400
Fournitures de bureau {diverses|selon commande|lot|}
Fournitures administratives {|diverses|mensuelles}
Papeterie {|diverse|bureau|commande}
Articles de papeterie {|divers}
Consommables {bureau|impression} {|divers}
Réassort fournitures {|bureau}
""")

# --------------------------------------------------------------------------
# 607 Achats de marchandises (bought for resale)
# --------------------------------------------------------------------------
_ACCOUNT_SOURCES["607"] = ("u=u k=g v=resale_generic tva=20,5.5 ref=order,bl,invoice,sku,generic", """
@ p=100-5000
Marchandises {|diverses} {|destinées à la revente|pour revente|} {|selon BL|lot|}
Achat marchandises {|revente} {|boutique|magasin|e-shop}
Réassort {boutique|magasin|rayon|e-shop} {|semaine|mensuel|}
Marchandises {|réf. catalogue|colisage} {|commande}
Stock {|marchandises} {|revente} {|réassort}
Articles {destinés à la revente|pour revente|de revente}
Commande {marchandises|réassort|stock} {|boutique}
Achats {marchandises|revente}
@ u=carton p=20-150 v=beverages
Vin {rouge|blanc|rosé} {AOC Bordeaux|Côtes du Rhône|Chablis|Sancerre|Côtes de Provence|Bourgogne Pinot Noir|Saint-Émilion|Muscadet|Beaujolais} {|75 cl} {|carton de 6|caisse de 12}
Champagne {brut|rosé|extra brut} {|75 cl} {|carton 6 bt|x6} {|pour la cave|revente}
Bières {blonde|IPA|blanche|ambrée|sans alcool} {|33 cl|25 cl} {|pack de 24|carton de 24}
Fût de bière {|20 L|30 L} {|blonde|pression}
Sodas {|assortis} {|33 cl} {|packs}
Eau minérale {Evian|Cristaline|Vittel|San Pellegrino|Badoit|Volvic} {|50 cl|1,5 L|33 cl} {|pack|x24} {|rayon|revente}
Spiritueux {whisky|rhum|gin|vodka|pastis} {|70 cl|1 L} {|x6}
Jus de fruits {|bouteilles 25 cl|briques 1 L} {|orange|pomme}
Boissons {|pour revente|bar|distributeur} {|réassort}
@ u=carton p=15-180 v=pernod,franceboissons,c10,metro
Ricard {1 L|70 cl|1,5 L} {|carton de 6}
Absolut Vodka {70 cl|1 L} {|x6}
Jameson {70 cl|1 L} {|carton}
Havana Club {3 ans|7 ans} {|70 cl}
@ u=carton p=15-120 v=heineken,franceboissons,c10,metro
Heineken {25 cl|33 cl|fût 20 L} {|x24|pack}
Desperados {33 cl|65 cl} {|x24}
Affligem {blonde|double} {|33 cl} {|x24}
Pelforth {brune|blonde} {|25 cl}
@ u=carton p=8-40 v=ccep,franceboissons,c10,metro,promocash
Coca-Cola {Original|Zero|Light} {33 cl|50 cl|1,25 L} {|x24|pack}
Fanta {orange|citron} {33 cl|1,5 L} {|x24}
Fuze Tea {pêche|citron} {|40 cl} {|x12}
Monster Energy {|50 cl} {|x24}
@ u=carton p=2-60 v=haribo,metro,promocash
Haribo {Tagada|Dragibus|Croco|Schtroumpfs|Happy Life} {|sachet 120 g|boîte 2 kg|présentoir}
@ u=carton p=2-60 v=lindt,metro
Lindt {Excellence 70 %|Lindor|Champs-Élysées} {|tablettes|boîtes} {|x20}
@ u=carton p=2-60 v=ferrero,metro,promocash
{Ferrero Rocher|Kinder Bueno|Kinder Surprise|Nutella 750 g|Tic Tac} {|x24|présentoir|carton}
@ u=carton p=2-60 v=metro,promocash,cafesrichard,episaveurs,local_wholesaler
Confiseries {|assorties} {|vrac|présentoir} {|pour revente}
Chocolats {|assortiment|boîtes} {|Noël|Pâques} {|pour revente}
Biscuits {|sachets|sablés bretons} {|carton}
Épicerie fine {|assortiment|terrines|confitures|rillettes} {|revente}
Café {en grains|moulu|capsules} {|pour revente|rayon|paquets 250 g}
Produits {frais|d'épicerie|surgelés} {|pour revente|rayon|magasin}
Fruits et légumes {|pour revente|étal|magasin}
@ p=8-90 v=fashion
T-shirts {coton bio|col rond|col V|brodés} {|tailles assorties|S à XL} {|x50}
Sweats {à capuche|col rond} {|assortis}
Jeans {|coupe droite|slim} {|tailles 36 à 44}
Chaussures {|baskets|sneakers|mocassins} {|pointures assorties|x12 paires}
Collection {printemps-été|automne-hiver} {2024|2025} {|commande|précommande}
Articles textiles {|collection} {|revente}
Pulls {laine|col roulé|marinière} {|assortis}
@ p=20-90 v=saintjames
Marinières Saint James {|Minquiers|Meridame} {|assorties}
@ p=20-90 v=armorlux
Armor Lux {marinières|cabans|polos} {|collection}
@ p=20-90 v=slipfr
Caleçons {|coton} {|tailles assorties}
@ p=20-90 v=lacoste
Polos Lacoste {L.12.12|classiques} {|tailles assorties}
@ p=4-30 v=loreal
Shampoing {|professionnel|Kérastase|Série Expert} {|revente|250 ml|500 ml}
Produits capillaires {|pour revente|professionnels} {|L'Oréal}
@ p=4-30 v=ankorstore,faire,alibaba
Cosmétiques {|bio|assortis} {|pour la boutique|revente}
Crèmes {|visage|mains} {|revente institut}
Bougies parfumées {|revente|assortiment}
Savons {artisanaux|de Marseille} {|revente|x24}
@ p=5-25 v=books_dist tva=5.5
Livres {|nouveautés|office|assortiment} {|librairie|remise libraire 35 %}
Romans {|poche|nouveautés|grand format} {|Folio|Livre de Poche|J'ai lu}
Office {mensuelle|nouveautés|rentrée littéraire}
BD {|nouveautés|albums} {|Dargaud|Glénat|Dupuis|Casterman}
Réassort livres {|fonds|jeunesse}
Mangas {|tomes|nouveautés}
@ p=5-1000 v=it_dist,samsung,alibaba
Smartphones {iPhone 15|Samsung Galaxy A55|Galaxy S24|Xiaomi Redmi Note 13} {|128 Go} {|stock revente|pour revente|x10}
Accessoires téléphonie {|coques|protections écran|chargeurs} {|pour revente|assortiment}
Coques {iPhone|Samsung|universelles} {|silicone|assorties} {|x50}
Câbles {USB-C|Lightning|micro-USB} {|présentoir|revente} {|x100}
Écouteurs {|Bluetooth|filaires|intra} {|revente|assortis}
@ p=300-1200 v=it_dist
PC portables {|HP|Lenovo|Asus} {|stock revente|pour clients} {|x5}
Matériel informatique {destiné à la revente|pour clients|pour revente}
@ p=2-40 v=gifts
Jouets {|assortis|en bois|éducatifs} {|pour revente|boutique}
Articles cadeaux {|souvenirs|déco} {|boutique|revente}
Cartes postales {|présentoir|x500}
Objets de décoration {|revente|assortiment}
Peluches {|assorties} {|x24}
@ p=30-200 v=autoparts
Pneus {185/65 R15|205/55 R16|225/45 R17|195/65 R15} {Michelin Primacy 4|Continental|Bridgestone|Michelin} {|revente client|pour clients|x4}
Pièces détachées {auto|vélo|} {|pour revente|stock magasin}
Batteries {auto|12V} {|revente|stock}
""")

# --------------------------------------------------------------------------
# 6132 Locations immobilières
# --------------------------------------------------------------------------
_ACCOUNT_SOURCES["6132"] = ("u=mois k=r per=mq v=rent_mgmt,local_landlord tva=20,exo ref=lot,contract,invoice,generic", """
@ p=600-9000
Loyer {bureaux|local commercial|local professionnel|entrepôt|atelier|boutique|cabinet|magasin} {|HT|hors charges}
Loyer {mensuel|trimestriel} {|bureaux|local} {|3e étage|RDC|lot 12|bât. B|}
Loyer {commercial|bail 3-6-9|bail commercial|bail professionnel} {|échéance|terme à échoir}
Appel de loyer {|trimestriel|mensuel} {|bureaux|local}
Quittance de loyer {|bureaux|local}
Loyer {|principal} {|local} {rue de la République|boulevard Haussmann|ZA des Landes|avenue Jean Jaurès|quai Perrache|rue du Faubourg Saint-Antoine}
Terme de loyer {|trimestriel} {|T2|à échoir}
Loyer {garage|hangar|entrepôt logistique|local d'activité|réserve}
Location {entrepôt|local d'activité|local de stockage} {|500 m²|200 m²|}
Sous-location {bureaux|local|partie de locaux} {|mensuelle}
Indemnité d'occupation {|locaux}
Loyer {|bureaux} {|indexé ILAT|indexation ILC}
@ p=200-3000 v=coworking
Location {bureau privatif|bureau fermé|poste de travail|open space} {|coworking} {|1 poste|4 postes|8 postes|}
Abonnement coworking {|poste nomade|bureau fixe|résident|flex} {|mensuel}
Forfait {bureau|poste} {dédié|flexible|nomade} {|mensuel}
Pass coworking {|10 jours|mensuel|illimité}
Bureau {privatif|équipé} {|2 personnes|4 pers.} {|tout inclus}
Membership {|Dedicated Desk|Hot Desk|Private Office}
@ u=h k=s p=25-90 v=coworking
Location salle de réunion {|4 pers.|8 pers.|10 pers.|12 personnes} {|à l'heure|demi-journée|journée}
Salle de réunion {|réservation} {|2 h|demi-journée|journée}
Réservation salle {de réunion|de conférence} {|8 places}
@ p=60-250 v=parking,rent_mgmt,local_landlord
Location {place de parking|parking|box fermé|emplacement de stationnement} {|n°12|n°45|sous-sol|-2} {|mensuel|}
Emplacement parking {|abonnement} {|résident|mensuel}
Abonnement parking {|mensuel|24h/24} {|bureaux|salariés}
Places de parking {|x3} {|location}
@ p=50-400 v=storage
Location {box de stockage|garde-meuble|self-stockage|box} {|5 m²|10 m²|15 m²|3 m²}
Garde-meubles {|mensuel|box}
Stockage {|box} {|archives} {|mensuel}
@ p=20-120 per=my v=domiciliation
Domiciliation {commerciale|d'entreprise|du siège social|} {|mensuelle|annuelle}
Contrat de domiciliation {|siège|société}
@ p=300-3000 v=local_landlord
Loyer {|mensuel} {|local} {|SCI}
Loyer {|bureaux} {|quote-part|partie privative}
@ p=100-1500 v=rent_mgmt,local_landlord
Location {terrain|parcelle} {|stockage|nu}
""")

# --------------------------------------------------------------------------
# 6135 Locations mobilières
# --------------------------------------------------------------------------
_ACCOUNT_SOURCES["6135"] = ("u=jour k=s v=equip_rent tva=20 ref=contract,invoice,generic", """
@ p=60-400
Location {nacelle|mini-pelle|chargeuse|groupe électrogène|échafaudage roulant|bétonnière|compresseur|marteau-piqueur|plaque vibrante|ponceuse à parquet|camion benne|dumper|chariot télescopique|perforateur|déshumidificateur de chantier|aspirateur industriel} {|12 m|1,5 t|3,5 t|18 m|} {|3 jours|1 semaine|journée|week-end|}
Loc. {mini-pelle|nacelle|chargeuse|échafaudage} {|avec transport|livraison comprise}
Location matériel {BTP|chantier|TP|de levage|de nettoyage}
Location {échafaudage de façade|échafaudage} {|m²|mois}
Location {outillage|matériel} {|électroportatif|chantier}
Location {nacelle ciseaux|nacelle articulée|nacelle 12 m} {|électrique|diesel}
@ k=r u=mois p=250-900 per=m v=leasing_auto
Location longue durée {véhicule|Peugeot 308|Renault Clio|Tesla Model 3|Renault Kangoo|Citroën Berlingo|Peugeot 3008|Renault Mégane E-Tech} {|loyer mensuel|}
LLD {véhicule|Clio|308 SW|Megane E-Tech|Model 3|Trafic|Kangoo Van} {|loyer|échéance}
Loyer {LLD|location longue durée} {véhicule|Peugeot 3008|Renault Trafic|Citroën Berlingo|Tesla Model Y}
Leasing {véhicule|utilitaire|voiture de fonction} {|mensualité|loyer}
Loyer financier {|véhicule} {|contrat LLD}
@ u=jour p=60-250 v=car_rental_util
Location {utilitaire|camion|fourgon|véhicule utilitaire} {12 m³|20 m³|3,5 t|9 m3|} {|1 jour|week-end|} {|avec hayon|}
Location {camionnette|fourgon} {|déménagement|chantier}
Location {véhicule utilitaire|VU} {|courte durée} {|pour livraison}
@ k=r u=mois p=80-450 per=mq v=copier,leasing_fin
Location {photocopieur|copieur multifonction|imprimante multifonction|copieur} {|couleur|A3|N&B} {|loyer trimestriel|loyer mensuel|}
Loyer {copieur|photocopieur|multifonction} {|contrat|trimestriel}
Location {matériel|équipement} {bureautique|informatique|de reprographie} {|loyer}
Location financière {copieur|matériel informatique|serveur|téléphonie|TPE} {|échéance|loyer}
@ k=r u=mois p=100-1500 per=mq v=leasing_fin
Location {PC portables|parc informatique|ordinateurs|serveur|postes de travail|téléphones} {|36 mois|48 mois|loyer}
Loyer {informatique|matériel informatique|parc IT} {|trimestriel}
Device as a Service {|PC} {|loyer mensuel}
@ k=r u=mois p=30-120 per=qm v=quadient,pitney
Location {machine à affranchir|affranchisseuse|système d'affranchissement} {|loyer trimestriel|mensuel}
Loyer {machine à affranchir|MAF} {|IS-280|SendPro C}
@ k=r u=mois p=15-45 per=m v=tpe_rent
Location {TPE|terminal de paiement|terminal CB} {|mensuelle|fixe|portable|mobile} {|Ingenico Move/5000|Desk/5000|}
Loyer {TPE|terminal de paiement électronique} {|mensuel}
Abonnement location TPE {|mensuel}
@ k=r u=mois p=20-90 per=mq v=water_fountain
Location {fontaine à eau|distributeur d'eau|fontaine réseau|fontaine à bonbonnes} {|trimestrielle|mensuelle}
Loc. fontaine {|réseau|bonbonnes}
@ k=r u=mois p=30-400 per=m v=linen
Location {linge|vêtements de travail|tapis d'entrée|tapis logo|distributeurs} {|entretien inclus|service compris}
Location-entretien {tapis d'entrée|tapis logo|vêtements professionnels|tenues de travail|linge de cuisine}
Location {distributeurs de savon|distributeurs essuie-mains|sèche-mains|diffuseurs de parfum}
Location {tenues|blouses|vestes de cuisine} {|x10}
@ p=50-2000 v=events
Location {mobilier événementiel|chaises pliantes|tables rondes|tente de réception|barnum|sono|vidéoprojecteur|écran LED|mange-debout|podium} {|pour salon|événement|soirée}
Location matériel {son et lumière|audiovisuel|événementiel} {|salon|séminaire}
Location {vaisselle|verres} {|réception}
@ k=r u=mois p=300-2500 per=m v=heavy_rent
Location {chariot élévateur|transpalette électrique|gerbeur|chariot frontal} {|mensuelle|longue durée} {|2,5 t}
Location {camion frigorifique|porteur 19 t|remorque frigorifique|véhicule frigorifique|porteur 12 t} {|mensuelle|longue durée}
Location {véhicule industriel|poids lourd} {|avec entretien}
@ p=50-1500 v=equip_rent,leasing_fin
Location {caisse enregistreuse|balance|machine à café|distributeur de boissons|coffre-fort} {|mensuelle|professionnelle}
Location {matériel|équipement|outillage} {|divers|selon contrat}
Location mobilière {|matériel}
Location {de matériel|d'équipements} {|selon bon de location}
""")

# --------------------------------------------------------------------------
# 615 Entretien et réparations
# --------------------------------------------------------------------------
_ACCOUNT_SOURCES["615"] = ("u=forfait k=s v=maint_generic tva=20 ref=contract,invoice,generic", """
@ k=r per=mqy p=150-900 v=elevator,local_artisan
Contrat {d'entretien|de maintenance} {ascenseur|monte-charge|élévateur PMR} {|trimestriel|annuel|}
Maintenance ascenseur {|contrat|visite périodique|abonnement}
Entretien {ascenseur|monte-charge} {|forfait|contrat} {|bât. A|}
@ u=h p=80-600 v=elevator
Dépannage ascenseur {|intervention|hors contrat}
Intervention {ascenseur|sur ascenseur} {|remplacement pièce|hors contrat}
Remplacement {câbles|porte palière|carte électronique} ascenseur
@ k=r per=qy p=150-1500 v=hvac,local_artisan
Contrat {entretien|de maintenance} {chaudière|climatisation|pompe à chaleur|VMC|CVC|chauffage} {|annuel|trimestriel}
Maintenance {CVC|climatisation|chauffage|PAC} {|préventive|trimestrielle|annuelle}
Entretien {chaudière gaz|chaudière fioul|climatisation|pompe à chaleur|VMC|centrale de traitement d'air} {|annuel|visite}
Visite {d'entretien|préventive} {chaudière|climatiseurs|CTA}
@ u=h p=60-800 v=local_artisan,hvac
Remplacement {compresseur|filtres|ventilateur|vanne} {clim|climatisation|CTA|chaudière}
Dépannage {chaudière|climatisation|chauffage} {|urgence|hors contrat}
Recharge {gaz|fluide frigorigène} {|climatisation}
@ u=h p=50-600 v=local_artisan
Intervention {plombier|plomberie} {|fuite|WC|chasse d'eau|évier} {|déplacement + main d'œuvre|}
Réparation {fuite|robinet|ballon d'eau chaude|canalisation|chasse d'eau|mitigeur}
Débouchage {canalisation|évier|WC|colonne}
Intervention électricien {|tableau électrique|prises|éclairage}
Remplacement {disjoncteur|interrupteur|néons|prises|luminaires|chauffe-eau}
Main d'œuvre {|électricité|plomberie|menuiserie} {|2 h|}
Déplacement {|technicien|+ MO|+ main d'œuvre}
Réparation {serrure|porte d'entrée|rideau métallique|vitrine|volet roulant|store banne|portail|porte de garage}
Remplacement {vitrage|cylindre|serrure|vitre cassée|double vitrage} {|porte|bureau|vitrine}
Ouverture de porte {|+ remplacement cylindre}
Travaux {d'entretien|de peinture|de réparation|de maintenance} {bureaux|locaux|magasin}
Peinture {bureaux|couloir|salle de réunion} {|rafraîchissement|reprise}
Réfection {peinture|sol|faux plafond|joints|carrelage} {|salle de réunion|sanitaires|accueil}
Remplacement {dalles de plafond|moquette|lino|carrelage cassé}
Reprise {fissures|enduit|joints}
Petits travaux {|divers|d'entretien}
@ k=r per=qy p=80-800 v=local_artisan
Entretien {espaces verts|jardin|massifs|pelouse} {|mensuel|contrat}
Taille {haies|arbres|arbustes} {|annuelle}
Nettoyage {gouttières|toiture|façade}
Démoussage toiture
@ p=80-900 v=auto_repair
Révision {véhicule|complète|des 30 000 km|constructeur} {|Clio|308|Kangoo|Partner|Trafic|Berlingo}
Entretien véhicule {|vidange + filtres|révision|forfait}
Vidange {|+ filtre à huile|moteur} {|5W30}
Remplacement {plaquettes de frein|disques et plaquettes|pneus|courroie de distribution|batterie|amortisseurs|essuie-glaces|embrayage}
Pneus {|x2|x4} {|montage équilibrage|posés}
Montage {pneus|pneumatiques} {|+ équilibrage|+ géométrie}
Parallélisme {|géométrie}
Contrôle technique {|véhicule|utilitaire}
Carrosserie {|réparation} {|pare-choc|portière|rayure}
Réparation {véhicule|utilitaire|carrosserie} {|selon OR}
Pièces et main d'œuvre {|véhicule|atelier}
Diagnostic {|électronique} {|moteur|véhicule}
Climatisation {auto|véhicule} {|recharge}
@ p=150-900 v=carglass
Remplacement pare-brise {|véhicule|Kangoo|308}
Réparation impact pare-brise
@ k=r per=mq p=40-500 v=it_service
Contrat de maintenance {informatique|parc informatique|serveur|imprimantes|réseau} {|mensuel|annuel}
Maintenance {informatique|réseau|serveur} {|préventive|curative|mensuelle}
Support {informatique|technique} {|forfait} {|heures}
@ u=h p=60-400 v=it_service,apple,boulanger,darty,fnac,ldlc
Intervention {technicien informatique|sur site|à distance} {|dépannage|réparation}
Réparation {écran|MacBook|ordinateur portable|clavier|PC|imprimante|carte mère} {|hors garantie|}
Remplacement {écran|batterie|disque dur|clavier|dalle} {|MacBook Pro|ordinateur portable|iPhone|PC}
Dépannage {informatique|PC|imprimante|réseau}
SAV {|réparation} {|ordinateur|imprimante|téléphone}
@ p=80-600 v=dell
Dell ProSupport {|Plus} {|Next Business Day|3 ans|4 ans}
Extension garantie Dell {3 ans|5 ans} {|sur site}
@ p=80-600 v=hp
HP Care Pack {|3 ans|5 ans} {|J+1|sur site}
Extension de garantie HP {3 ans|5 ans}
@ p=80-600 v=apple
AppleCare for {Business|Enterprise} {|MacBook Pro|iPhone} {|36 mois}
@ p=80-600 v=it_retail
Extension de garantie {|3 ans|constructeur} {|ordinateur portable|PC|écran}
@ k=r per=mq u=page p=0.004-0.08 v=copier
Coût copies {N&B|couleur|noir et blanc} {|relevé compteur|trimestre}
Facturation copies {noir|couleur|N&B} {|relevé|trimestre|période}
Relevé compteur {copieur|photocopieur|multifonction} {|N&B + couleur|noir}
Contrat de maintenance {copieur|photocopieur|multifonction} {|coût copie|forfait}
Maintenance {copieur|photocopieur} {|coût page}
Copies {noires|couleurs|N&B} {|au-delà du forfait|excédentaires}
@ k=r per=y p=60-800 v=fire
Vérification {annuelle|périodique} {extincteurs|RIA|alarme incendie|désenfumage|BAES}
Maintenance {extincteurs|système d'alarme|SSI|alarme incendie|vidéosurveillance|blocs de secours}
Recharge {extincteur|extincteurs} {|CO2|poudre}
Contrôle {extincteurs|BAES|portes coupe-feu} {|annuel}
Entretien {extincteurs|alarme intrusion}
@ u=h p=80-700 v=karcher,local_artisan,darty,boulanger
Réparation {machine|nettoyeur haute pression|compresseur|four|chambre froide|lave-vaisselle professionnel|machine à café|hotte|trancheuse|friteuse}
Entretien {machine à café|lave-vaisselle|hotte aspirante|chambre froide|four mixte|machine à glaçons} {|annuel|préventif}
Dégraissage hotte {|cuisine|conduit}
Dépannage {four|chambre froide|frigo|machine à glaçons|vitrine réfrigérée|lave-vaisselle}
Pièces et main d'œuvre {|SAV|réparation}
Réparation {fauteuil|mobilier|store|volet roulant|porte automatique|portail|photocopieur|imprimante}
@ k=r per=qy p=150-900 v=doors,local_artisan
Contrat {d'entretien|de maintenance} {porte automatique|portail|rideau métallique|portes sectionnelles|barrière levante}
Maintenance {porte automatique|portes sectionnelles|portail motorisé} {|visite semestrielle}
@ k=g u=u p=10-300 v=diy
Fournitures pour réparation {|plomberie|électricité|menuiserie}
Pièces détachées {|réparation} {|plomberie|machine|véhicule}
Matériel pour {réparation|remise en état} {|local|bureaux}
@ p=200-3000 v=local_artisan
Remise en état {|locaux|bureau|matériel} {|après dégât des eaux}
""")

# --------------------------------------------------------------------------
# 616 Primes d'assurances
# --------------------------------------------------------------------------
_ACCOUNT_SOURCES["616"] = ("u=forfait k=r per=qy v=insurer tva=ins,exo ref=policy,invoice,generic", """
@ p=300-3000
Prime {d'assurance|annuelle|trimestrielle} {RC Pro|responsabilité civile professionnelle|RC exploitation} {|contrat}
Assurance {RC Pro|responsabilité civile|RC} {|exploitation|professionnelle|générale}
RC {Pro|exploitation|professionnelle} {|prime|cotisation|échéance}
Cotisation {RC Pro|assurance|multirisque} {|annuelle}
Responsabilité civile {professionnelle|générale} {|prime}
@ p=300-4000
Assurance multirisque {bureaux|professionnelle|local commercial|entreprise|atelier}
Multirisque {pro|bureaux|professionnelle|commerce} {|contrat|prime}
Contrat multirisque {|professionnelle} {|échéance|prime}
Assurance {locaux|bureaux|local} {|incendie|dégâts des eaux|vol}
MRP {|prime annuelle|échéance}
@ p=400-6000
Assurance {flotte automobile|véhicule|véhicules de société|utilitaire|auto}
Assurance auto {|tous risques|au tiers|tiers étendu} {|Clio|Trafic|308|Kangoo}
Flotte auto {|avenant|appel de prime|régularisation}
Assurance {véhicule|VU} {|AB-123-CD|FG-456-HJ}
@ p=300-3000 v=hiscox,axa,allianz,chubb_ins,generali,stello
Assurance {cyber|cyber-risques|cybersécurité} {|prime annuelle}
Contrat cyber {|risques} {|échéance}
@ p=300-3000 v=hiscox
Hiscox {CyberClear|RC Pro|Multirisque} {|prime}
@ p=80-800
Protection juridique {|professionnelle|entreprise} {|contrat|prime}
@ p=1000-9000 v=smabtp,axa,maaf,mma,allianz,generali
Assurance {décennale|dommages-ouvrage|RC décennale} {|BTP|chantier}
Décennale {|prime} {|année}
@ p=200-5000
Assurance {marchandises transportées|ad valorem|stock|marchandises}
Assurance {bris de machine|matériel informatique|tous risques informatique|matériel professionnel|tous risques chantier}
Assurance {perte d'exploitation|homme-clé|D&O|responsabilité des dirigeants|RC mandataires sociaux}
Assurance {loyers impayés|annulation|voyage d'affaires|transport}
@ p=500-6000 v=credit_insurer
Assurance-crédit {|clients|export|domestique} {|prime}
Police assurance-crédit {|échéance}
Prime assurance crédit {|sur CA assuré}
@ p=100-3000
Appel de {prime|cotisation} {|échéance} {|assurance}
Avis d'échéance {|assurance|contrat}
Avenant {|contrat} {ajout véhicule|augmentation garanties|modification}
Prime {|complémentaire|provisionnelle|d'ajustement} {|assurance}
Régularisation de prime {|annuelle|flotte}
Échéance {|annuelle|trimestrielle} {|contrat} assurance
Cotisation assurance {|échéance}
@ p=5-20 per=m v=orange,sfr,bouygues,fnac,darty,boulanger
Assurance {mobile|smartphone|téléphone} {|casse vol|protection} {|ligne}
""")

# --------------------------------------------------------------------------
# 6181 Documentation générale
# --------------------------------------------------------------------------
_PRESS = {
    "lesechos": "Les Echos", "lemonde": "Le Monde", "lefigaro": "Le Figaro",
    "leparisien": "Le Parisien", "ouestfrance": "Ouest-France", "liberation": "Libération",
    "lexpress": "L'Express", "lepoint": "Le Point", "challenges": "Challenges",
    "capital": "Capital", "usinenouvelle": "L'Usine Nouvelle", "lsa": "LSA",
    "lemoniteur": "Le Moniteur", "mediapart": "Mediapart",
    "courrierinter": "Courrier International", "altereco": "Alternatives Économiques",
}
_PRESS_BLOCKS = "\n".join(
    f"@ p=8-60 v={key},press_shop\n"
    f"Abonnement {name} {{|numérique|papier + numérique|intégral|premium|digital}} {{|12 mois|annuel|mensuel|1 an}}\n"
    f"{name} {{abonnement|édition abonnés|numérique}} {{|annuel|mensuel}}\n"
    for key, name in _PRESS.items()
)
_ACCOUNT_SOURCES["6181"] = ("u=forfait k=r per=my v=docs_all tva=2.1,5.5,20 ref=client,invoice,generic", _PRESS_BLOCKS + """
@ k=g u=u p=2-60 v=press_shop tva=2.1
Journaux et magazines {|salle d'attente|accueil}
Magazines {|salle d'attente|accueil} {|lot|divers}
Presse {|quotidienne|salle d'attente|magazines} {|mensuel|semaine}
Quotidiens {|du mois} {|livraison portage}
@ p=100-900 v=lefebvredalloz,efl tva=20,5.5
Abonnement {Navis|Navis Fiscal|Navis Social|Elnet|Lamyline|Lefebvre Dalloz Compact} {|annuel|1 an|intégral}
Mémento {Fiscal|Social|Sociétés commerciales|Comptable|Paie|Patrimoine} {Francis Lefebvre|Lefebvre|} {2024|2025}
Feuillet rapide {fiscal social|FRFS} {|abonnement}
Bulletin social {|Francis Lefebvre} {|abonnement}
Revue {de droit fiscal|Droit des sociétés|BRDA|de droit social} {|abonnement}
Dictionnaire permanent {|social|droit des affaires|sécurité au travail} {|mise à jour}
@ k=g u=u p=30-120 v=dalloz,lefebvredalloz,bookshops tva=5.5
Code {civil|du travail|de commerce|général des impôts|de la consommation|pénal} {Dalloz|annoté|} {2024|2025} {|édition}
Codes Dalloz {|2025} {|lot}
Ouvrage juridique {|Dalloz|Précis}
@ p=200-2000 v=lexisnexis
Abonnement {Lexis 360|LexisNexis|JurisClasseur} {|Intelligence|annuel|1 an}
JurisClasseur {|Travail|Fiscal|Sociétés} {|abonnement}
@ p=200-2000 v=wolters
Abonnement {Liaisons Sociales|Lamy|Lamyline} {|Quotidien|annuel}
Liaisons Sociales {|Quotidien} {|abonnement}
@ p=100-800 v=tissot
Guide {Tissot|pratique Tissot} {|du droit du travail|sécurité au travail|paie} {|mise à jour}
Éditions Tissot {|abonnement} {|Code du travail annoté}
@ p=100-800 v=legislatives
Dictionnaire permanent {Social|Sécurité et conditions de travail|Environnement} {|abonnement}
@ p=100-800 v=grf
Revue Fiduciaire {|abonnement} {|Social|Comptable|Fiscal}
RF {Social|Comptable|Paie} {|abonnement}
Les Feuillets hebdomadaires {|RF} {|abonnement}
@ k=g u=u p=15-60 v=bookshops tva=5.5 ref=sku,invoice,generic
Livre {« Comptabilité générale »|« Le guide du management »|« Tout savoir sur la paie »|« Lean Startup »|« Excel 2021 »|« Le droit du travail en pratique »|« Contrôle de gestion »|« Python pour les nuls »} {|Dunod|Eyrolles|ENI|}
Ouvrage {professionnel|technique|juridique|de gestion} {|ISBN 978-2-10-084532-1|ISBN 978-2-212-67852-1|}
Livres {techniques|professionnels} {|bibliothèque bureau}
Manuel {|de gestion|de comptabilité|de management} {|Dunod|Gualino|Vuibert}
Guide {pratique|juridique} {|de l'entreprise|de la création d'entreprise}
Livre professionnel {|ISBN}
@ k=s p=300-3000 v=xerfi
Étude {sectorielle|de marché} Xerfi {|« Le marché du bio »|« Les ESN en France »|« La restauration rapide »|« Le BTP »}
Rapport Xerfi {|secteur|marché}
Abonnement Xerfi {Previsis|Research} {|annuel}
@ p=300-3000 v=statista
Abonnement Statista {|Business|Professional} {|annuel}
Rapport Statista {|secteur|marché}
@ k=g u=u p=60-300 v=afnor tva=20
Norme {NF EN ISO 9001|ISO 27001|NF C 15-100|NF EN 1090|ISO 14001} {|version 2015|PDF|papier}
Achat norme {AFNOR|ISO} {|PDF}
Normes {AFNOR|NF} {|abonnement|Sagaweb}
@ p=10-25 v=cafeyn
Abonnement Cafeyn {|kiosque numérique|illimité|mensuel}
Kiosque presse numérique {|Cafeyn}
@ p=20-600
Documentation {technique|professionnelle|générale|juridique} {|abonnement|annuelle}
Veille {juridique|réglementaire|sectorielle} {|abonnement}
Base documentaire {|en ligne} {|juridique|fiscale}
Abonnement {revue|magazine|presse} {professionnel|spécialisé|} {|annuel}
Abonnement {presse|journal|quotidien} {|numérique|papier}
Annuaire professionnel {|édition 2024|2025}
Publications {|professionnelles} {|abonnement}
Ouvrages et documentation {|divers}
""")

# --------------------------------------------------------------------------
# 6226 Honoraires
# --------------------------------------------------------------------------
_ACCOUNT_SOURCES["6226"] = ("u=forfait k=s v=fees_all tva=20 ref=invoice,dossier,generic", """
@ k=r per=mqy p=150-3000 v=accountants
Honoraires {comptables|d'expertise comptable|expert-comptable|de tenue comptable} {|mission annuelle|forfait mensuel|}
Mission {de présentation des comptes|tenue comptable|de révision|d'établissement des comptes} {|exercice 2023|exercice 2024|}
Forfait {comptable|tenue comptable|expertise comptable} {|mensuel|trimestriel}
Lettre de mission {|comptable} {|honoraires} {|acompte}
@ p=300-5000 v=accountants
Établissement {des comptes annuels|du bilan|de la liasse fiscale|des déclarations fiscales} {|exercice 2023|exercice 2024}
Honoraires {bilan|clôture|comptes annuels} {|exercice 2023|2024}
Déclarations {TVA|fiscales|de TVA CA3} {|honoraires|trimestre}
Assistance {comptable|fiscale|sociale} {|ponctuelle|contrôle fiscal}
Prévisionnel {|financier} {|élaboration}
Situation intermédiaire {|semestrielle}
Assistance {contrôle fiscal|contrôle URSSAF}
@ k=r per=m u=u p=15-45 v=accountants
Honoraires {paie|gestion sociale} {|par bulletin|bulletins du mois}
Établissement {des bulletins de paie|bulletins de salaire} {|x8|mensuel}
Gestion de la paie {|externalisée} {|mois}
Bulletins de paie {|honoraires}
DSN {|mensuelle} {|honoraires}
@ p=2000-15000 v=auditors
Honoraires {commissaire aux comptes|CAC|audit légal} {|exercice 2023|exercice 2024}
Mission {d'audit|de certification des comptes|d'audit d'acquisition|de due diligence}
Certification des comptes {annuels|consolidés}
Audit {légal|contractuel|financier} {|exercice}
@ u=h p=150-450 v=lawyers
Honoraires {avocat|juridiques|conseil juridique} {|dossier|affaire} {|temps passé|}
Consultation juridique {|droit social|droit commercial|droit des sociétés|fiscale}
Rédaction {contrat|CGV|statuts|bail commercial|pacte d'associés|contrat de travail|protocole transactionnel}
Assistance {prud'hommes|contentieux|procédure} {|audience|dossier}
Procédure {de recouvrement|contentieuse|de référé} {|honoraires}
Honoraires {de résultat|forfaitaires|de diligence} {|dossier}
Diligences {|dossier} {|temps passé}
Vacation {|avocat|heures}
Conseil juridique {|droit social|droit des affaires} {|forfait}
@ p=150-1500 v=lawyers,accountants,legaltech
Secrétariat juridique {annuel|AGO|approbation des comptes}
Approbation des comptes {|AGO|secrétariat juridique} {|exercice 2023}
Formalités {juridiques|de modification|de transfert de siège|de dissolution|d'immatriculation} {|honoraires}
Création {de société|SAS|SARL} {|statuts + formalités}
Modification statutaire {|transfert de siège|changement de dirigeant}
@ p=300-3000 v=notary
Honoraires {notaire|notariés|d'acte} {|cession de fonds|bail|acte de vente}
Émoluments {|acte|notaire}
@ u=jour p=500-1500 v=consultants
Honoraires {de conseil|consulting|d'accompagnement} {|stratégie|organisation|transformation digitale}
Mission de conseil {|RH|marketing|IT|RSE|stratégique|achats}
Conseil {en stratégie|en organisation|en gestion|fiscal|en management} {|jours|mission}
Accompagnement {|consultant} {|3 jours|forfait|mensuel}
Prestation de conseil {|selon proposition|selon lettre de mission}
Audit {organisationnel|RH|informatique|sécurité|RGPD} {|mission}
Jours de conseil {|consultant senior|consultant}
@ p=3000-20000 v=recruiters
Honoraires {de recrutement|cabinet de recrutement} {|poste|CDI|commercial|comptable}
Commission {recrutement|de placement} {|20 % salaire annuel|22 %}
Frais de {chasse|recrutement} {|poste commercial|cadre}
Recrutement {|poste} {|chef de projet|comptable|commercial} {|honoraires}
@ p=300-3000 v=ip_firms
Honoraires {conseil en propriété industrielle|CPI} {|dépôt de marque|brevet|surveillance}
Honoraires {dépôt|enregistrement} {de marque|de brevet}
Recherche d'antériorité {|marque|brevet}
Surveillance de marque {|annuelle}
@ p=200-3000
Note d'honoraires {|mars|dossier}
Honoraires {|HT} {|selon lettre de mission|selon convention}
Honoraires {|divers} {|période}
Provision sur honoraires {|dossier}
Honoraires {|complémentaires|exceptionnels}
""")

# --------------------------------------------------------------------------
# 623 Publicité, publications, relations publiques
# --------------------------------------------------------------------------
_ACCOUNT_SOURCES["623"] = ("u=forfait k=s v=ads_all tva=20 ref=invoice,campaign,generic", """
@ k=r per=m p=100-5000 v=googleads tva=autoliq,20
Campagne Google Ads {|Search|Display|Performance Max|Shopping}
Google Ads {|clics|campagne|frais de publicité}
Publicité Google {|Ads|Search}
Frais publicitaires Google {|Ads}
Référencement payant {|Google Ads|SEA}
@ k=r per=m p=50-3000 v=meta tva=autoliq
Publicité {Facebook|Instagram|Meta} {|sponsorisée|campagne}
Campagne {Meta Ads|Facebook Ads|Instagram} {|notoriété|conversion|leads}
Posts sponsorisés {Facebook|Instagram}
@ k=r per=m p=50-3000 v=linkedin tva=autoliq
Campagne LinkedIn Ads {|génération de leads|InMail sponsorisé}
Publicité LinkedIn {|sponsorisée}
Contenu sponsorisé LinkedIn
@ k=r per=m p=50-3000 v=microsoft_ads tva=autoliq
Microsoft Advertising {|Bing Ads|campagne}
Publicité Bing {|Search}
@ k=r per=m p=50-3000 v=tiktok,pinterest tva=autoliq
Campagne {vidéo|social ads} {|sponsorisée}
@ k=r per=m p=50-3000 v=criteo,taboola
Campagne {retargeting|display|native} {|mars|trimestre}
@ k=g u=ex p=0.02-0.5 v=printers,local_agency
Impression {flyers|dépliants|affiches|brochures|catalogues|prospectus|plaquettes commerciales} {A5|A4|A3|A6|DL} {|recto-verso|quadri|couché 135 g} {|1000 ex.|500 ex.|2500 ex.|}
Flyers {A5|A6|DL} {|quadri|recto verso} {|2500 ex.|1000 ex.}
Cartes de visite {|500 ex.|pelliculage mat|recto verso|x250}
Dépliants {3 volets|A4 plié} {|quadri}
Affiches {|A2|40x60|abribus|A1} {|x50}
Catalogue {produits|2025|commercial} {|impression|48 pages|24 pages}
Brochures {|A4|agrafées} {|16 pages}
@ k=g u=u p=30-400 v=printers
Roll-up {|85x200|100x200} {|avec sac|+ impression}
Kakémono {|stand salon|80x200}
Banderole {|PVC|3 x 1 m} {|œillets}
Drapeau {|plume|beach flag} {|personnalisé}
Bâche publicitaire {|2x1 m|imprimée}
Stickers {|logo|vitrophanie} {|x500}
Adhésif vitrine {|lettrage|vitrophanie}
@ u=m2 p=150-700 v=fairs
Stand {salon|Salon du Chocolat|Maison & Objet|VivaTech|SIAL|Batimat|Salon de l'Agriculture|Salon des Entrepreneurs|Equip Hotel} {|9 m²|18 m²|12 m²|}
Location {emplacement|stand|surface} {salon|foire|exposant} {|nu|équipé}
Participation salon {|professionnel} {VivaTech 2024|Maison & Objet|Salon des Entrepreneurs|}
Inscription {salon|exposant} {|catalogue officiel|frais de dossier}
Droits d'inscription exposant
Stand {équipé|clé en main} {|salon}
@ p=300-5000 v=local_agency,printers
Création {logo|charte graphique|site vitrine|visuels|supports de communication|identité visuelle}
Prestation {agence|marketing|de communication|community management} {|mensuelle|forfait}
Community management {|forfait mensuel|réseaux sociaux}
Référencement {SEO|naturel} {|mensuel|audit}
Campagne {emailing|SMS|de prospection} {|envoi|10 000 contacts}
Campagne {radio|d'affichage|presse|publicitaire} {|locale|nationale}
Spot {radio|publicitaire|TV} {|diffusion|production}
Shooting photo {|produits|catalogue|corporate}
Vidéo {promotionnelle|institutionnelle|motion design} {|montage|tournage}
Rédaction {articles de blog|contenus|newsletter} {|SEO}
Relations presse {|communiqué|campagne RP}
@ k=r per=m p=50-900 v=indeed
Offre d'emploi sponsorisée {|Indeed}
Indeed {|annonce sponsorisée|budget}
@ k=r per=m p=50-900 v=wttj
Welcome to the Jungle {|abonnement|page entreprise|offre}
Page employeur {|Welcome to the Jungle}
@ k=r per=m p=50-900 v=leboncoin
Annonces leboncoin {|Pro|visibilité|remontée}
leboncoin {|Pro|annonces} {|pack|abonnement}
@ k=r per=my p=50-900 v=solocal
Insertion PagesJaunes {|pack visibilité|annuelle}
Publicité {PagesJaunes|Solocal} {|pack}
Référencement local {|Solocal}
@ p=80-300 v=legal_ann
Annonce légale {|constitution|modification|transfert de siège|dissolution|nomination}
Publication {annonce légale|JAL} {|modification statuts}
Insertion {annonce légale|JAL} {|journal d'annonces légales}
@ k=g u=u p=1-15 v=printers
Goodies {personnalisés|logotés|publicitaires} {stylos|tote bags|mugs|clés USB|gourdes|casquettes|carnets|} {|x200|x100}
Objets publicitaires {|logotés|personnalisés} {|salon}
Tote bags {|logotés|imprimés} {|x100|coton}
Stylos {personnalisés|publicitaires|logotés} {|x500}
Mugs {personnalisés|logotés} {|x50}
@ u=ex p=0.03-0.15 v=distribution
Distribution {prospectus|flyers|imprimés publicitaires} {|boîtes aux lettres|5000 BAL|toutes boîtes}
Diffusion {imprimés|prospectus} {|secteur|zone}
@ p=500-8000 v=outdoor
Affichage {|4x3|abribus|mobilier urbain|digital} {|campagne|2 semaines}
Campagne d'affichage {|urbain|abribus|digital}
@ p=200-5000 v=local_sport
Parrainage {|club sportif|événement|équipe} {|saison 2024-2025}
Sponsoring {|maillots|tournoi|club} {|saison 2024|2025}
Partenariat {|club|événementiel} {|visibilité|panneau}
@ p=300-6000 v=press_ads
Insertion publicitaire {|1/4 page|pleine page|demi-page} {|magazine|édition}
Publi-rédactionnel {|pleine page|web}
Encart publicitaire {|édition régionale|supplément}
@ p=100-3000
Frais de publicité {|en ligne|divers}
Publicité {|en ligne|web|locale|sur réseaux sociaux}
Annonces {publicitaires|sponsorisées}
Campagne {publicitaire|marketing|promotionnelle} {|mars|lancement|soldes}
""")

# --------------------------------------------------------------------------
# 624 Transports de biens et transports collectifs du personnel
# --------------------------------------------------------------------------
_ACCOUNT_SOURCES["624"] = ("u=colis k=s v=carriers tva=20 ref=tracking,lv,invoice,generic", """
@ p=8-60 v=parcel
Envoi {colis|paquet} {|France|international|Europe|DOM-TOM} {|express|standard|J+1|}
Expédition {colis|marchandises|commande client} {|export|France|}
Colis {|expédition} {|poids 12 kg|2 kg|5 kg|} {|France métropolitaine}
Étiquette {d'expédition|de transport} {|colis}
Messagerie {|express|colis} {|J+1|24 h|13 h|18 h}
Envoi {express|international} {|document|colis}
Surcharge {carburant|gazole|énergie|zone éloignée|colis lourd} {|transport|messagerie}
Taxe {gazole|carburant} {|messagerie}
Frais {de réexpédition|de retour|de mise en instance} {|colis}
Retour {colis|client} {|étiquette retour}
@ p=8-60 v=chronopost
{Chrono 13|Chrono 18|Chrono Relais|Chrono Express} {|envoi|colis}
@ p=8-60 v=ups
{UPS Standard|UPS Express Saver|UPS Express} {|expédition|colis}
@ p=8-60 v=dhl
{DHL Express Worldwide|DHL Economy Select} {|export|colis}
@ p=8-60 v=colissimo
Colissimo {|expert|international|suivi} {|envoi|colis}
@ u=palette p=60-400 v=freight
Transport {palette|palettes|marchandises|matériel} {Lyon > Marseille|Paris - Lille|Nantes > Bordeaux|Strasbourg - Paris|France métropolitaine|} {|messagerie|express|}
Messagerie palette {|J+1|J+2|standard}
Affrètement {camion|semi-remorque|porteur|véhicule dédié} {|complet|lot complet|partiel}
Transport {lot complet|groupage|international} {|France - Espagne|Allemagne|Italie}
Fret {routier|maritime|aérien} {|import|export} {|conteneur 20'|conteneur 40'|}
Groupage {|maritime|routier} {|export}
Enlèvement {|palette|sur site|fournisseur}
Livraison {|sur chantier|client|en magasin} {|par transporteur|hayon|avec prise de RDV}
Rendez-vous de livraison {|frais}
@ u=forfait p=5-80 v=shipping_vendors
Frais de port {|sur commande|sur achats|livraison|forfait}
Frais de transport {|sur achats|fournisseur|commande}
Frais de livraison {|commande|express}
Port {|et emballage} {|forfait|HT}
Participation frais de port
Port {payé|dû} {|commande}
Frais d'expédition {|commande}
Livraison {express|standard|J+1} {|commande}
@ u=forfait p=10-80 v=couriers
Coursier {|urbain|express|vélo} {|course|Paris|aller-retour}
Course {coursier|vélo cargo|express} {|Paris intra-muros|urgent}
Livraison {urgente|express} {|par coursier|en 2 h}
Transport {express|urgent} {|dédié|véhicule léger}
@ u=forfait p=800-8000 v=movers
Déménagement {bureaux|locaux|archives} {|forfait|selon devis}
Transfert {mobilier|archives|matériel} {|déménagement|vers nouveaux locaux}
Manutention et transport {|mobilier|déménagement}
@ u=forfait p=300-3000 v=coach
Transport {du personnel|salariés|collaborateurs} {|navette|car|autocar} {|séminaire|sortie d'équipe}
Location autocar {avec chauffeur|grand tourisme|} {|séminaire|50 places}
Navette {|aéroport|personnel|salariés} {|aller-retour|séminaire}
Transport collectif {|du personnel|salariés}
@ u=forfait p=20-1500
Transport {|marchandises} {|selon bordereau|récépissé}
Frais de transport {|divers|mars}
Prestations de transport {|mars|mensuelles}
Transport {sur achats|sur ventes}
Transports {|divers} {|relevé mensuel}
""")

# --------------------------------------------------------------------------
# 6251 Voyages et déplacements
# --------------------------------------------------------------------------
_ACCOUNT_SOURCES["6251"] = ("u=billet k=s v=travel_all tva=10,20 ref=pnr,invoice,generic", """
@ p=25-250 v=trains
Billet {train|TGV|TGV INOUI|OUIGO|TER|Intercités} {Paris - Lyon|Paris-Bordeaux|Lille > Paris|Marseille-Nice|Nantes-Paris|Paris-Rennes|Lyon-Marseille|Paris-Strasbourg|Toulouse-Bordeaux} {|AR|aller simple|aller-retour|A/R} {|2de classe|1re classe|2nde}
Trajet {TGV|train|TER} {|AR|aller} {Paris/Lyon|Lyon/Grenoble|Paris/Lille|}
Aller-retour {Paris/Lyon|Paris-Rennes|Lille-Paris|Bordeaux-Paris} {|TGV|train}
Billet SNCF {|AR|e-billet} {|réunion client|salon}
Train {Paris - Lyon|Lyon - Paris|Paris - Nantes} {|aller}
Échange billet {|TGV|SNCF} {|frais}
@ k=r per=y p=50-600 v=sncf
Carte {Avantage|Liberté|Abonnement Fréquence|Abonnement Forfait} SNCF {|annuelle}
Abonnement {Forfait|Fréquence} {TGV|SNCF} {|mensuel}
@ p=50-400 v=eurostar
Billet Eurostar {Paris-Londres|Paris - Bruxelles|Paris-Amsterdam} {|AR|Standard|Business Premier}
@ p=60-900 v=airlines tva=10,20,exo
Billet d'avion {Paris-Nice|CDG-TLS|Orly-Marseille|Paris-Berlin|Lyon-Barcelone|Nantes-Bastia|Paris-Montréal|Bordeaux-Lyon} {|AR|aller simple|A/R} {|classe éco|Business|}
Vol {Paris - Toulouse|Orly-Nice|CDG - Francfort|Lyon - Londres} {|classe éco|Business|eco}
Frais de bagage {|soute|supplémentaire}
Billet avion {|+ bagage cabine|+ siège}
Surclassement {|vol}
Taxes et surcharges {|billet avion}
@ p=80-900 v=airfrance tva=10,20,exo
Air France {AF 7514|AF 6100|AF 1234} {|Paris-Toulouse|Paris-Nice}
@ u=nuit p=60-260 v=hotels
Nuitée {hôtel|} {Lyon Part-Dieu|Bordeaux Centre|Lille Europe|Nantes Centre|Toulouse Matabiau|Marseille Vieux-Port|Paris Gare de Lyon|Rennes Gare|} {|petit-déjeuner inclus|+ PDJ|}
Hébergement {|hôtel|déplacement} {|2 nuits|1 nuit} {|déplacement client|mission|salon}
Chambre {simple|double|standard|supérieure} {|+ petit-déjeuner|avec PDJ|}
Hôtel {|nuitée} {|mission|déplacement|salon}
Nuit d'hôtel {|+ petit déjeuner} {|Lyon|Lille|Marseille}
Séjour hôtel {|2 nuits|déplacement}
Réservation {hôtel|hébergement} {|déplacement}
Logement {|Airbnb|meublé} {|mission|chantier} {|3 nuits}
@ u=u p=1-5 v=hotels tva=none
Taxe de séjour {|x2 nuits|par nuit}
@ u=u p=8-25 v=hotels tva=10
Petit-déjeuner {|hôtel|buffet} {|en déplacement}
@ u=u p=12-95 v=taxi
Course {taxi|VTC} {|aéroport|gare|rdv client|Orly|CDG|}
Taxi {|Orly > bureau|gare > client|aéroport CDG|gare de Lyon}
Trajet {VTC|taxi} {|rdv client|réunion|gare}
Course {|VTC|taxi} {|aller|retour}
Déplacement {taxi|VTC} {|client}
@ u=jour p=35-120 v=car_rental
Location voiture {|catégorie B|citadine|compacte} {|3 jours|week-end|2 jours} {|déplacement|mission|}
Location véhicule {|courte durée} {|mission|déplacement client|salon}
Location {voiture|véhicule} {|aéroport|gare} {|Lyon|Nice|Bordeaux}
@ u=u p=3-60 v=tolls
Péage {|autoroute} {A6|A7|A10|A1|A4|A13|} {|Paris - Lyon|Lyon-Marseille|}
Télépéage {|relevé|abonnement|badge} {|mensuel}
Autoroute {|péage} {|trajet client}
@ u=h p=2-8 v=parking_travel
Parking {|gare|aéroport|Orly P1|centre-ville|CDG P3} {|2 h|1 jour|3 jours|}
Stationnement {|horodateur|parking|gare} {|déplacement}
Ticket de parking {|aéroport|gare}
@ u=km p=0.4-0.7 v=- tva=none ref=generic
Indemnités kilométriques {|déplacements|mission} {|barème|5 CV|7 CV}
IK {|déplacements|mars|5 CV|CV fiscaux}
Frais kilométriques {|mission|déplacement client}
Remboursement {IK|frais kilométriques} {|salarié|M. Martin}
@ u=u p=10-35 v=quick_food tva=10
Repas {|en} déplacement {|midi|soir|salarié|seul}
Frais de repas {|mission|déplacement|chantier}
Déjeuner {|seul} {|en déplacement|mission}
Dîner {|seul} {|en déplacement|à l'hôtel}
@ u=u p=2-20 v=ratp
Tickets {métro|RATP|bus|tram} {|carnet|x10}
Transport en commun {|tickets|métro|bus} {|déplacement}
Titre de transport {|métro|RER}
@ p=10-60 v=travel_agencies
Frais d'agence {|voyage|billetterie|de réservation}
Frais de service {|agence de voyage|billet}
Visa {|voyage d'affaires|e-visa}
@ p=50-800
Frais de déplacement {|mission|client|salon} {|mars}
Note de frais {|déplacement} {|Lyon|Bordeaux|Nantes|}
Voyage d'affaires {|Lyon|Londres|Berlin}
Déplacement {professionnel|commercial|client} {|Lyon|Lille}
Mission {Lyon|Marseille|Bordeaux} {|frais de déplacement}
""")

# --------------------------------------------------------------------------
# 6257 Réceptions
# --------------------------------------------------------------------------
_ACCOUNT_SOURCES["6257"] = ("u=couvert k=s v=reception_all tva=10,20 ref=invoice,table,generic", """
@ u=couvert p=20-90 v=restaurants tva=10
Repas d'affaires {|avec client|prospects|partenaires} {|4 couverts|3 pers.|}
Déjeuner {d'affaires|client|avec partenaires|avec fournisseur|commercial} {|restaurant}
Dîner {clients|d'affaires|fournisseurs|partenaires} {|6 couverts|}
Invitation {client|restaurant|partenaires} {|déjeuner|dîner}
Restaurant {|avec client|invitation|clients} {|4 pers.|}
Addition {|table 12|restaurant} {|déjeuner client}
Repas {clients|avec client|partenaires|d'équipe}
Note de restaurant {|client|réunion}
Menu {affaires|du jour|dégustation} {|x4|4 couverts}
Déjeuner {de travail|de réunion} {|avec client|équipe}
@ u=couvert p=15-120 v=caterers
Plateaux-repas {|réunion|comité de direction|conseil d'administration} {|x8|x12}
Buffet {|froid|déjeunatoire|dînatoire} {|réunion|20 personnes|séminaire}
Cocktail {|dînatoire|déjeunatoire|clients} {|50 pers.|inauguration}
Traiteur {|événement|soirée clients|inauguration|réception}
Plateau {fromages|charcuterie|de fruits} {|pot|réception}
Pièces {cocktail|salées|sucrées} {|x100|x200}
Mignardises {|x60} {|réception}
@ u=u p=1.5-40 v=bakeries tva=5.5,10
Petit-déjeuner {|réunion|d'accueil|clients} {|viennoiseries}
Viennoiseries {|réunion|pour réunion client|x20|assortiment}
Croissants {|x20|et pains au chocolat} {|réunion}
Gâteau {|pot de départ|anniversaire|réunion}
Galette des rois {|x3|équipe}
@ u=u p=5-60 v=drinks tva=20
Champagne {|réception|pot|clients} {|x6|x12|carton de 6}
Boissons {|réception|soirée|pot|clients} {|assortiment}
Vins {|réception|pot|soirée} {|x12}
Apéritif {|pot de départ|clients} {|boissons}
Pot {de départ|de fin d'année|inauguration|de Noël} {|boissons|traiteur}
Jus de fruits et softs {|réunion}
Eau minérale {|réunion|salle de réunion} {|Evian|Badoit|San Pellegrino} {|x24}
Café et thé {|réunion|accueil clients}
@ u=couvert p=40-250 v=seminar
Journée d'étude {|séminaire} {|forfait} {|25 pers.|par personne}
Forfait séminaire {résidentiel|journée|demi-journée} {|par personne|x20}
Séminaire {|direction|équipe|commercial} {|déjeuner + pauses|forfait}
Location salle + déjeuner {|séminaire}
Pauses café {|séminaire|matin + après-midi}
Soirée {clients|d'entreprise|de Noël|de gala} {|traiteur|forfait}
Événement {clients|portes ouvertes|inauguration} {|traiteur|buffet}
Dîner de gala {|séminaire}
Déjeuner séminaire {|x25|buffet}
@ u=u p=30-300 v=deliveroo
Commande Deliveroo {|réunion|déjeuner}
Deliveroo for Business {|repas réunion}
@ u=u p=30-300 v=ubereats
Commande Uber Eats {|réunion|client}
Uber Eats {|déjeuner équipe|réunion client}
@ u=u p=30-300 v=delivery
Livraison repas {|réunion|comité}
Repas livrés {|réunion|déjeuner de travail}
@ p=30-600
Frais de réception {|clients|mars}
Réception {|clients|fournisseurs|partenaires}
Réceptions {|diverses}
Frais de restaurant {|clients|représentation}
Frais de représentation {|clients}
Accueil {clients|délégation} {|collation}
Collation {|réunion|accueil}
Pause {café|gourmande} {|réunion}
""")

# --------------------------------------------------------------------------
# 626 Frais postaux et frais de télécommunications
# --------------------------------------------------------------------------
_ACCOUNT_SOURCES["626"] = ("u=forfait k=r per=m v=telecom tva=20 ref=phone,client,invoice,generic", """
@ p=25-120
Abonnement {fibre|internet|fibre optique|FTTH|très haut débit} {|pro|entreprise|professionnel} {|mensuel}
Accès internet {fibre|très haut débit|THD|SDSL} {|1 Gb/s|dédié|pro}
Fibre {dédiée|FTTO|pro|optique entreprise} {|100 Mb/s|1 Gbit/s|10 Gbit/s}
Forfait {box|internet|fibre} {|pro|entreprise}
Internet {|fibre} {|bureaux|agence|site} {|abonnement}
Box {internet|4G|5G} {|pro} {|abonnement}
Accès internet {4G|5G} {|backup|secours}
@ k=s p=40-150
Frais de mise en service {|ligne fibre|accès internet|ligne}
@ p=25-120 v=orange
Livebox Pro {|fibre|v6} {|abonnement}
Offre {Open Pro|Business Everywhere|Pro Fibre}
@ p=25-120 v=free,freepro
Freebox Pro {|abonnement|mensuel}
Forfait Free {|Pro} {|5G|200 Go}
@ p=25-120 v=bouygues
Bbox Pro {|fibre|abonnement}
@ p=25-120 v=sfr
SFR Box {|Pro|fibre} {|abonnement}
Offre SFR Business {|fibre|mobile}
@ u=ligne p=10-60 v=telecom_mobile
Forfait mobile {|pro|entreprise} {|100 Go|200 Go|illimité|5G|80 Go}
Forfait {mobile|smartphone} {|5G|4G} {|x3 lignes|5 lignes|}
Abonnement mobile {|pro|entreprise} {|ligne}
Ligne mobile {|forfait|pro}
Communications {mobiles|hors forfait|international|data}
Hors forfait {|roaming|international|SMS surtaxés}
Roaming {|hors UE|Suisse|data}
Option {international|data|roaming|multi-SIM|5G} {|mensuelle}
Forfait {Pro|Business} {|mobile} {|série spéciale}
Abonnements mobiles {|flotte|x8 lignes}
Carte SIM {|supplémentaire|eSIM} {|frais}
@ p=15-200 v=telecom_fixed
Abonnement {ligne fixe|téléphonie fixe|standard téléphonique|trunk SIP|ligne analogique|ligne RNIS}
Standard {téléphonique|virtuel|VoIP|IPBX} {|abonnement|5 postes|10 postes}
Communications {fixes|nationales|vers mobiles|internationales}
Téléphonie {IP|fixe|VoIP} {|mensuel|abonnement}
Numéro {vert|SVA|08|court} {|abonnement|mensuel}
Licences {téléphonie|VoIP} {|utilisateurs}
@ u=licence p=15-60 v=aircall
Aircall {Essentials|Professional} {|licences|utilisateurs}
@ u=licence p=15-60 v=ringover
Ringover {Smart|Business|Advanced} {|utilisateurs}
@ k=s u=pli p=0.9-8 v=postal_letter tva=exo,20 ref=invoice,client,generic
Affranchissement {lettres|courrier|plis} {|vert|prioritaire|lettre verte|}
Lettre recommandée {|avec AR|avec accusé de réception|R1|R2}
Recommandé {|AR|électronique|en ligne} {|envoi}
Envoi {recommandé|lettre suivie|courrier} {|AR|international}
Lettre {suivie|verte|internationale|prioritaire}
Frais postaux {|divers|mars|du mois}
Courrier {|affranchissement} {|mars|sortant}
Envoi de courrier {|en ligne|dématérialisé}
@ k=g u=u p=10-130 v=laposte,bureauvallee,officedepot,lyreco tva=exo ref=invoice,generic
Timbres {|lettre verte|prioritaire|Marianne} {|carnet de 12|x100|planche de 50|}
Carnet de timbres {|Marianne|lettre verte|prioritaire}
@ k=s p=50-500 v=quadient,pitney,laposte tva=exo ref=client,invoice,generic
Recharge {machine à affranchir|affranchissement|crédit postal}
Crédit d'affranchissement {|machine|prépayé}
Affranchissement machine {|recharge}
@ per=my p=20-600 v=laposte tva=20,exo ref=client,contract,invoice
Contrat {Destineo|Collecte et remise|Boîte postale|Réexpédition}
Boîte postale {|abonnement annuel|BP}
Réexpédition {de courrier|courrier|définitive} {|6 mois|12 mois}
Collecte {courrier|et remise} {|abonnement|mensuel}
@ p=20-500
Télécommunications {|mars|mensuel}
Frais de télécommunications {|mensuels}
Téléphone {|et internet} {|mars|agence}
Téléphonie {|mobile et fixe} {|relevé}
Frais télécoms {|site}
Facture {téléphone|internet|mobile} {|mars}
""")

# --------------------------------------------------------------------------
# 627 Services bancaires et assimilés
# --------------------------------------------------------------------------
_ACCOUNT_SOURCES["627"] = ("u=forfait k=r per=mq v=banks tva=exo,20 ref=account,invoice,generic", """
@ p=5-50 v=banks,neobanks
Frais de tenue de compte {|mensuels|trimestriels|professionnel}
Commission de tenue de compte
Tenue de compte {|pro|courant} {|frais}
Abonnement {banque en ligne|banque à distance|pack pro|offre pro|convention de compte} {|Essentiel|Business|}
Convention de compte {|professionnelle|pro} {|cotisation}
Cotisation {carte|CB} {Visa Business|Mastercard Business|Gold Business|Visa Premier|Business} {|annuelle}
Carte {Business|Affaires|Visa Business} {|cotisation|annuelle}
Frais de change {|USD|devise|GBP}
Frais bancaires {|divers|du mois|trimestriels}
Services bancaires {|mensuels}
@ k=s p=1-80 v=banks,neobanks
Frais {de virement|de virement international|de virement SWIFT|de virement instantané} {|SEPA} {|x5|}
Commission {d'intervention|de mouvement|de plus fort découvert|de compte}
Frais {de rejet|d'impayé} {prélèvement|chèque|effet}
Frais {d'opposition|de lettre d'information|de recherche|de chéquier}
Frais {carte|carte virtuelle|carte supplémentaire|de retrait} {|hors zone euro|DAB}
Frais {SWIFT|OUR|de correspondant} {|virement international}
Remise {chèques|de chèques} {|frais}
Frais {d'émission|de lettre de change|LCR|de remise} {|effets}
@ k=s p=100-1500 v=banks
Frais de dossier {|prêt|crédit|découvert}
Commission {d'engagement|de garantie|d'affacturage|de caution}
@ p=9-250 v=qonto
Abonnement Qonto {Essential|Business|Smart|Premium|Basic} {|mensuel}
Plan Qonto {Solo|Standard|Premium}
@ p=9-250 v=shine
Abonnement Shine {Basic|Plus|Pro|Business}
Shine {Plus|Pro} {|mensuel}
@ p=9-250 v=revolut
Revolut Business {Grow|Scale|Basic} {|plan}
@ per=m u=u p=10-900 v=psp
Commission {sur encaissements|de service|monétique|commerçant} {|CB|TPE|carte}
Commissions {CB|monétique|carte bancaire|TPE} {|mars|du mois}
Commission commerçant {|taux 1,2 %|0,8 %}
Frais de traitement {|paiements|carte|transactions}
Frais sur transactions {|carte|en ligne}
Frais {de paiement|d'encaissement} {|en ligne|carte}
@ per=m u=u p=10-900 v=banks
Commissions {CB|monétique|TPE} {|relevé|commerçant}
@ per=m u=u p=10-900 v=stripe
Frais Stripe {|sur transactions|commission|Payments}
Commission Stripe {|1,5 % + 0,25 €|mars}
Stripe {fees|frais de traitement|Billing}
@ per=m u=u p=10-900 v=sumup
Commission SumUp {|transactions|1,75 %}
Frais SumUp {|encaissements}
@ per=m u=u p=10-900 v=paypal
Frais PayPal {|transactions|commission}
Commission PayPal {|sur ventes}
@ per=m u=u p=10-900 v=gocardless
Frais GoCardless {|prélèvements|transactions}
@ per=m u=u p=10-900 v=adyen,mollie,payplug,worldline
Frais {d'acquisition|d'acquiring|de traitement} {|carte}
Commission acquéreur {|CB}
@ per=my u=u p=10-900 v=amex
Commission American Express {|encaissements}
Cotisation carte {Amex Business|American Express Gold Business}
""")

# --------------------------------------------------------------------------
# 6281 Concours divers (cotisations)
# --------------------------------------------------------------------------
_ORGS = {
    "medef": "MEDEF", "cpme": "CPME", "u2p": "U2P", "numeum": "Numeum", "ffb": "FFB",
    "capeb": "CAPEB", "umih": "UMIH", "ghr": "GHR", "fntr": "FNTR", "fcd": "FCD",
    "francedigitale": "France Digitale", "reseauentreprendre": "Réseau Entreprendre",
    "bni": "BNI", "dynabuy": "Dynabuy", "cjd": "CJD", "fff": "Fédération Française de la Franchise",
    "cga": "CGA", "initiativefrance": "Initiative France", "afnor": "AFNOR", "cma": "CMA",
}
_ORG_BLOCKS = "\n".join(
    f"@ p=80-3000 v={key}\n"
    f"Cotisation {{annuelle|adhérent|2024|2025|}} {name}\n"
    f"Adhésion {name} {{|2024|2025|annuelle}}\n"
    for key, name in _ORGS.items()
)
_ACCOUNT_SOURCES["6281"] = ("u=forfait k=r per=y v=dues_all tva=none,exo,20 ref=member,invoice,generic", _ORG_BLOCKS + """
@ p=80-3000 v=ccis
Cotisation {|annuelle} {CCI|Chambre de commerce} {|2024|2025}
Adhésion CCI {|services|club}
@ p=300-3000 v=oec
Cotisation ordinale {|2024|annuelle}
Cotisation Ordre des experts-comptables {|2025}
@ p=300-3000 v=barreau
Cotisation {ordinale|Ordre|au barreau} {|avocat}
@ p=300-3000 v=architectes
Cotisation Ordre des architectes {|annuelle}
@ p=50-3000
Adhésion {syndicat professionnel|fédération professionnelle|association professionnelle|chambre syndicale} {|annuelle|2024}
Cotisation {syndicale|professionnelle} {|2024|annuelle}
Cotisation {club|réseau} {d'entreprises|d'affaires} {|annuelle}
Adhésion {pôle de compétitivité|cluster|French Tech|réseau d'entrepreneurs}
Adhésion {CGA|centre de gestion agréé|OGA|AGA} {|exercice 2024}
Cotisation {association des commerçants|union commerciale|association de zone}
Droit d'entrée {|adhésion} {|fédération|réseau}
Appel de cotisation {|fédération|syndicat} {|2e semestre|annuel}
Quote-part {|cotisation} {|syndicat|fédération}
Cotisation {membre|adhérent}
Cotisations {professionnelles|diverses} {|2024}
@ p=50-600 v=local_club
Cotisation {|annuelle} {|association|club}
Adhésion {|annuelle} {|club d'entreprises|association}
""")

# --------------------------------------------------------------------------
# 651 Redevances pour concessions, brevets, licences, logiciels...
# --------------------------------------------------------------------------
_ACCOUNT_SOURCES["651"] = ("u=licence k=r per=my v=software_all tva=20,autoliq ref=subscription,invoice,generic", """
@ p=5-35 v=microsoft
Microsoft 365 {Business Basic|Business Standard|Business Premium|E3|E5|Apps for business} {|abonnement|annuel|mensuel}
Licence {Office 365|Microsoft 365|Exchange Online|Teams Essentials|Power BI Pro|Project Plan 3|Visio Plan 2|Copilot pour Microsoft 365} {|mensuelle|annuelle}
M365 {Business Standard|Business Premium|E3} {|licences}
Abonnement Microsoft {365|Azure|Dynamics 365}
Microsoft Azure {|consommation|abonnement} {|pay-as-you-go}
@ p=5-30 v=orange_soft
Microsoft 365 {|Business Standard|Business Basic} {via Orange|by Orange}
Licence {antivirus|Cyberprotection|sauvegarde en ligne} {|Orange Pro}
Sauvegarde en ligne {|Orange Pro|100 Go}
Solution {de cybersécurité|de sauvegarde} {|Orange Pro}
@ p=15-90 v=adobe
Adobe {Creative Cloud|Acrobat Pro|Photoshop|Illustrator|InDesign|Premiere Pro|Acrobat Standard} {|Toutes les applications|pour équipes|Teams|Pro|}
Abonnement Adobe {Creative Cloud|Acrobat} {|annuel|mensuel}
Creative Cloud {Teams|pour équipes|Entreprise} {|licence}
@ p=5-25 v=google_ws
Google Workspace {Business Starter|Business Standard|Business Plus|Enterprise} {|utilisateurs|}
Abonnement Google Workspace {|annuel|mensuel}
Google Cloud {Platform|} {|consommation|Compute Engine|BigQuery}
G Suite {|Basic|Business}
@ p=5-300 v=ovh
{Hébergement web|Hébergement} OVHcloud {Perso|Pro|Performance} {|annuel}
{VPS|Serveur dédié|Public Cloud|Web Cloud Databases} OVHcloud {|Starter|Comfort|Elite|Rise-1|Advance-1}
Serveur dédié {Rise-1|Advance-2|Kimsufi} {|mensuel}
E-mail Pro {|OVHcloud} {|comptes}
@ p=5-300 v=scaleway
Instances Scaleway {DEV1-S|PRO2-S|GP1-XS|PLAY2-NANO}
Object Storage {|Scaleway} {|consommation}
Scaleway {Elements|Dedibox} {|consommation|mensuel}
Dedibox {Start|Pro|Core}
@ p=20-300 v=sage
Sage {50|100|Paie|Business Cloud Comptabilité|Génération Experts|Ciel Compta} {|abonnement|licence|annuel}
Abonnement Sage {|comptabilité|paie}
@ p=20-300 v=cegid
Cegid {Loop|Quadra|XRP Flex|Notilus|Talentsoft|Y2} {|abonnement|licence}
Abonnement Cegid {|Quadra|Loop}
@ p=20-300 v=pennylane
Abonnement Pennylane {|Essentiel|Premium|Basique} {|mensuel}
Pennylane {|logiciel comptable|plateforme} {|licence|abonnement}
@ p=20-300 v=salesforce
Salesforce {Sales Cloud|Service Cloud|Marketing Cloud|Starter Suite} {Professional|Enterprise|Starter|} {|licences}
Licences Salesforce {|annuel}
@ p=10-30 v=canva
Canva {Pro|Teams|for Teams} {|abonnement annuel|mensuel}
Abonnement Canva {|Pro}
@ p=5-30 v=slack
Slack {Pro|Business+|Enterprise Grid} {|utilisateurs}
@ p=5-30 v=notion
Notion {Plus|Business|Team} {|abonnement}
@ p=10-30 v=zoom
Zoom {Pro|Business|Workplace|One Pro} {|licence|abonnement}
Licence Zoom {|Webinars}
@ p=5-30 v=atlassian
{Jira Software|Confluence|Jira Service Management|Trello} {Standard|Premium} {|Cloud}
Atlassian Cloud {|Jira + Confluence}
@ p=5-40 v=github
GitHub {Team|Enterprise|Copilot Business} {|utilisateurs}
@ p=10-30 v=dropbox
Dropbox {Business|Plus|Standard|Advanced} {|abonnement}
@ p=20-900 v=hubspot
HubSpot {Marketing Hub|Sales Hub|CRM Suite|Service Hub} {Starter|Pro|Professional} {|abonnement}
@ p=10-300 v=mailchimp
Mailchimp {Standard|Essentials|Premium} {|abonnement}
@ p=10-300 v=brevo
Brevo {Starter|Business} {|abonnement|emailing}
Sendinblue {|Lite|Premium}
@ p=20-100 v=zapier
Zapier {Professional|Team} {|plan}
@ p=10-60 v=figma
Figma {Professional|Organization} {|éditeurs|sièges}
@ p=8-20 v=miro
Miro {Starter|Business} {|abonnement}
@ p=10-60 v=docusign
DocuSign {eSignature Standard|Business Pro|Personal} {|annuel}
@ p=10-60 v=yousign
Yousign {Plus|Pro|One} {|abonnement|signatures}
@ p=5-25 v=payfit
PayFit {|abonnement} {|salariés|mensuel}
Logiciel de paie PayFit
@ p=3-15 v=lucca
Lucca {Figgo|Timmi|Cleemy|Poplee|Pagga} {|utilisateurs|abonnement}
@ p=30-200 v=axonaut,sellsy
Logiciel {CRM|de facturation} {|abonnement}
@ p=30-300 v=shopify
Shopify {Basic|Grow|Advanced|Plus} {|abonnement}
Abonnement Shopify {|mensuel}
Applications Shopify {|frais}
@ p=15-40 v=wix
Wix {Business|Premium|Business VIP} {|abonnement}
@ p=2-60 v=ionos
IONOS {Hébergement|Nom de domaine|Microsoft Exchange|Cloud Server} {|Business|Pro}
@ p=10-60 v=gandi
Gandi {nom de domaine|certificat SSL|mail} {|renouvellement}
@ p=10-2000 v=aws
AWS {EC2|S3|RDS|Lambda|CloudFront} {|consommation|usage}
Amazon Web Services {|consommation} {|mensuel}
@ p=100-800 v=jetbrains
JetBrains {All Products Pack|IntelliJ IDEA Ultimate|PyCharm Professional|PhpStorm} {|licence annuelle}
@ p=300-3000 v=autodesk
Autodesk {AutoCAD|AutoCAD LT|Revit|Fusion 360|3ds Max} {|abonnement annuel|licence}
@ p=20-300 v=ebp
EBP {Compta|Gestion Commerciale|Paie|Bâtiment} {Pro|Classic|Open Line} {|abonnement|licence}
@ p=20-60 v=antivirus,it_retail
Antivirus {Endpoint|entreprise|serveur} {|10 postes|licences}
@ p=20-60 v=kaspersky
Kaspersky Endpoint Security {|Cloud|for Business}
@ p=20-60 v=bitdefender
Bitdefender GravityZone {|Business Security}
@ p=20-60 v=eset
ESET PROTECT {Entry|Advanced|Complete}
@ p=20-60 v=teamviewer
TeamViewer {Business|Premium|Corporate} {|licence annuelle}
@ p=20-60 v=openai
ChatGPT {Team|Plus|Enterprise} {|abonnement|utilisateurs}
OpenAI API {|consommation|usage}
@ p=10-40 v=deepl
DeepL {Pro|Starter|Advanced} {|abonnement|utilisateurs}
@ p=20-100 v=zendesk
Zendesk {Suite Team|Suite Growth|Support} {|agents}
@ p=10-30 v=monday
monday.com {Standard|Pro} {|sièges}
@ p=10-30 v=calendly,typeform
Outil de {prise de rendez-vous|formulaires} en ligne {|abonnement}
@ p=15-40 v=odoo
Odoo {Standard|Custom|Enterprise} {|utilisateurs|abonnement}
@ p=15-40 v=zoho
Zoho {CRM|Books|One|Desk} {|abonnement}
@ p=5-10 v=dashlane
Dashlane {Business|Team|Standard} {|licences}
@ p=100-500 v=agicap,spendesk
Plateforme {de trésorerie|de gestion des dépenses} {|abonnement|mensuel}
@ p=20-60 v=tiime
Tiime {|abonnement} {|compta}
@ k=s p=190-1500 v=inpi tva=none ref=invoice,dossier,generic
Dépôt de marque {|INPI|française} {|3 classes|classe supplémentaire|}
Redevance {INPI|de dépôt} {|dépôt de marque|renouvellement|classe supplémentaire}
Renouvellement {marque|de marque} {|INPI|10 ans}
Annuité {brevet|de maintien en vigueur} {|n° FR|5e année|}
Dépôt {de brevet|de dessin et modèle} {|INPI|redevance}
Taxe de dépôt {|brevet|marque}
@ k=s p=850-2000 v=euipo tva=none ref=invoice,dossier,generic
Marque de l'Union européenne {|dépôt|renouvellement}
Taxe de base {|marque UE}
@ k=s p=600-3000 v=ompi tva=none ref=invoice,dossier,generic
Dépôt {marque internationale|Madrid} {|OMPI|WIPO}
Émolument {de base|complémentaire} {|OMPI}
@ per=y p=100-900 v=music tva=20,10
Droits {SACEM|de diffusion musicale|d'auteur} {|2024|annuels}
Redevance {SACEM|SPRE|musique d'ambiance|diffusion musicale}
Forfait {SACEM|musique} {|établissement|annuel}
Rémunération équitable {|SPRE}
@ per=mq p=300-8000 v=franchisors
Redevance de {franchise|marque|enseigne} {|mensuelle|4 % CA|trimestrielle}
Royalties {|franchise|licence de marque} {|T2|mois}
Redevance {de licence|d'utilisation} {|de marque|du savoir-faire}
@ k=s p=10-400 v=stockphoto
Licence {photo|images|vidéo} {|standard|étendue|commerciale} {|pack 10|x5}
Abonnement {images|banque d'images} {|10 images/mois}
Droits d'utilisation {photo|image|musique} {|campagne}
@ p=2-60 v=hosting
Nom de domaine {|.fr|.com} {|renouvellement|annuel}
Certificat SSL {|wildcard|EV|DV} {|1 an}
Hébergement {cloud|serveur|site web|site internet|applicatif} {|mensuel|annuel}
Stockage cloud {|1 To|2 To|entreprise}
@ p=10-600
Licence {logiciel|annuelle|perpétuelle|utilisateur} {|utilisateur|poste|site}
Abonnement {logiciel|SaaS|plateforme|application} {|mensuel|annuel} {|utilisateurs|}
Logiciel {de caisse|de gestion|comptable|de paie|CRM|ERP|de planning|de facturation} {|abonnement|licence|SaaS}
Renouvellement {licence|abonnement} {|antivirus|logiciel|annuel}
Licences {utilisateurs|logicielles|SaaS} {|x10|mensuel}
Abonnement {SaaS|cloud} {|Pro|Business|Team}
""")


ACCOUNTS: dict[str, tuple[Item, ...]] = {
    code: _parse_account(code, header, body) for code, (header, body) in _ACCOUNT_SOURCES.items()
}
"""Items of every account, keyed by PCG account code."""
