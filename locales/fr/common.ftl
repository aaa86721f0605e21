### Mots communs à toutes les sorties : gravités, types de pièces, noms des champs, oui et non.
### Chaque message existe dans chaque langue, avec les mêmes identifiants et les mêmes
### $variables (un test les compare). Nombres, montants et dates arrivent déjà mis en forme.

## La mention que portent chaque rapport et chaque lettre (SPEC §6.2).

indicator-note = Une exception est un indice à examiner, et non la constatation d'une fraude ou d'une erreur.

## Oui et non, tels qu'affichés dans les tableaux.

yes = oui
no = non

## Gravité d'une exception ; l'identifiant finit par le code d'exceptions.json.

severity = gravité
severity-info = information
severity-low = faible
severity-medium = moyenne
severity-high = élevée

## Types de pièces concernées par une exception ; l'identifiant finit par le code
## d'exceptions.json.

document = pièce
document-trip = feuille de route
document-receipt = reçu
document-invoice_line = ligne de facture
document-invoice = facture
document-vehicle = véhicule
document-price = prix contractuel
document-voucher_series = série de bons

## Un nombre de pièces d'un type, par exemple « 12 feuilles de route ».
## $count (entier) : combien. En français, 0 et 1 prennent le singulier.

document-count-trip = { $count ->
    [one] { $count } feuille de route
   *[other] { $count } feuilles de route
}
document-count-receipt = { $count ->
    [one] { $count } reçu
   *[other] { $count } reçus
}
document-count-invoice_line = { $count ->
    [one] { $count } ligne de facture
   *[other] { $count } lignes de facture
}
document-count-invoice = { $count ->
    [one] { $count } facture
   *[other] { $count } factures
}
document-count-vehicle = { $count ->
    [one] { $count } véhicule
   *[other] { $count } véhicules
}
document-count-price = { $count ->
    [one] { $count } prix contractuel
   *[other] { $count } prix contractuels
}
document-count-voucher_series = { $count ->
    [one] { $count } série de bons
   *[other] { $count } séries de bons
}

## Les champs des fichiers lus (SPEC §2.1), tels qu'une personne les lit ; l'identifiant finit
## par le nom canonique du champ.

field-trip_id = numéro de feuille de route
field-vehicle_id = véhicule
field-driver = chauffeur
field-date_out = date de départ
field-date_in = date de retour
field-odometer_out = kilométrage au départ
field-odometer_in = kilométrage au retour
field-fuel_litres = litres de carburant perçus
field-voucher_no = numéro de bon de carburant
field-destination = destination
field-approved_by = approuvé par
field-receipt_no = numéro de reçu
field-date = date du plein
field-vendor = fournisseur
field-station = station-service
field-fuel_type = type de carburant
field-litres = litres
field-unit_price = prix unitaire
field-amount = montant
field-odometer = kilométrage
field-legible = lisible
field-invoice_no = numéro de facture
field-invoice_date = date de facture
field-line_no = numéro de ligne
field-invoice_total = total de la facture
field-tank_litres = capacité du réservoir (litres)
field-l_per_100km = consommation de référence (L/100 km)
field-valid_from = début de validité
field-valid_to = fin de validité
