"""Synthetic French purchase-invoice lines labelled with PCG accounts.

Why synthetic
-------------
No public dataset of French invoice lines labelled with the account of the
Plan Comptable Général (PCG) they are booked to exists: real ledgers are
confidential. The package therefore generates one, deterministically from a
seed, and ships it in ``compta_finetune/data/{train,validation,test}.csv``
(UTF-8, header ``text,label``, the label being the account code of
``labels.csv``). ``python -m compta_corpus`` regenerates these files
byte for byte.

How it is generated
-------------------
* :mod:`.vocabulary` lists, for each of the 21 accounts, the products and
  services booked to it (about 400 items in all), each with several phrasings
  and ``{a|b}`` alternatives, a unit, a price range, a kind (goods, one-off
  service, recurring service), its VAT treatments and the suppliers that sell
  it.
* :mod:`.vendors` holds over 700 supplier names as printed on invoices
  (Orange, Lyreco, Kiloutou, Qonto...) plus plausible local businesses
  (restaurants, craftsmen, law firms, landlords). Several companies sell
  under several accounts (Amazon Business, Bureau Vallée, Orange, Leroy
  Merlin, Metro, hotel chains, BNP Paribas, Google, Microsoft...), so the
  vendor name alone does not give the label.
* :mod:`.generator` draws an item, a supplier and one of 54 line shapes
  (vendor first or absent, reference first, amount first, quantity prefix,
  period suffix, "Désignation :" fields, deposits, two items on one line...).
  Every shape is used by every account, so the shape carries no label
  information. Slots are filled by :mod:`.formats` (quantities and units,
  ``1 234,56 €`` amounts, HT/TTC, VAT mentions, dates, billing periods,
  invoice/contract/tracking references), then :mod:`.noise` adds
  abbreviations (ABT, FORF., PREST., MAINT.), ALL CAPS, dropped accents,
  typos and truncation.
* Lines are deduplicated before splitting on :func:`normalize_text` and on a
  stricter key that also ignores numbers, codes, month names and surface
  noise. Each account gets the same number of lines, split 70/15/15.
  Only ``random.Random(seed)`` instances are used.

Account choices
---------------
* 2183: computers, screens, printers, servers, NAS, network gear, UPS
  devices, tablets and smartphones, copiers and franking machines *bought*,
  whatever their price (the 500 € expensing threshold is not modelled).
  Mice, keyboards, cables, docking stations and USB keys go to 6063.
* 2184: furniture, whatever its price. Lamps, whiteboards and coat stands go
  to 6063.
* 601: raw materials transformed by the business (flour, butter, steel,
  timber, cement, fabric, resin, green coffee, malt).
* 607: goods bought to be sold as they are (wine, drinks, clothes, books
  for a bookshop, phones for a reseller, tyres for a garage).
* 6061: electricity, gas, water, heating oil, district heating, *vehicle
  fuel* and electric-vehicle charging, with the network taxes printed on
  energy bills.
* 6063: cleaning products, hygiene paper, tools, personal protective
  equipment, light bulbs, small appliances, IT accessories.
* 6064: paper, pens, toner and ink, envelopes, binders, labels, registers.
* 6132: office and shop rent, coworking desks, meeting rooms rented by the
  hour, parking spaces, storage boxes, domiciliation.
* 6135: equipment rental and leasing: construction equipment, utility vans,
  long-term vehicle leases (LLD), copier, IT, franking-machine and card
  terminal rental, water fountains, rented linen and mats.
* 615: maintenance and repairs: lifts, HVAC, plumbing, locksmith, vehicle
  servicing, IT support, warranty extensions, cost-per-copy contracts, fire
  safety checks, small building works.
* 616: insurance premiums, including credit insurance and the insurance tax.
* 6181: press and magazine subscriptions, legal databases and handbooks,
  professional books, sector studies, standards.
* 6226: fees of accountants, auditors, lawyers, notaries, consultants,
  recruitment firms and patent attorneys.
* 623: online ads, printing of flyers and brochures, trade-fair stands,
  agencies, legal notices, goodies, sponsorship, ads in newspapers.
* 624: parcel and pallet transport, shipping costs charged by suppliers
  ("frais de port"), couriers, movers and staff coaches. Parcels go here
  even when sent with La Poste/Colissimo; letters and stamps go to 626.
* 6251: train, plane, hotel nights, tourist tax, taxis, short-term car
  rental, tolls, parking, mileage allowances, meals taken alone while
  travelling.
* 6257: meals with clients or partners, catering, seminar packages, drinks
  and pastries for meetings and receptions.
* 626: internet, mobile and fixed lines, VoIP, stamps, registered letters,
  franking-machine credit, PO boxes.
* 627: account fees, card fees, transfer fees, payment-processor
  commissions (Stripe, SumUp, PayPal) and neobank plans (Qonto, Shine).
* 6281: dues to chambers of commerce, trade federations, professional
  orders, business clubs and approved management centres.
* 651: software licences and SaaS, cloud hosting and domain names,
  trademark and patent office fees, SACEM/SPRE, franchise royalties, stock
  photo licences.

Left out on purpose because their accounts are not in the label set:
service charges (614), leases with purchase option (612), interest and
overdraft charges (661), cleaning services, packaging (6026), gifts to
clients (6234) and training.
"""

from .generator import (
    DEFAULT_SEED,
    CorpusLine,
    corpus_statistics,
    generate_corpus,
    label_codes,
    load_corpus,
    normalize_text,
    write_corpus,
)

__all__ = [
    "DEFAULT_SEED",
    "CorpusLine",
    "corpus_statistics",
    "generate_corpus",
    "label_codes",
    "load_corpus",
    "normalize_text",
    "write_corpus",
]
