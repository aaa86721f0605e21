### index.html et les fichiers du rapport : synthèse, tableaux, graphiques, liste des exceptions.

## index.html (SPEC §6.2).
report-title = Rapprochement carburant
## $date : date de production du rapport (ISO).
report-generated = Produit le { $date }
## $currency : le code de la devise des montants.
report-currency = montants en { $currency }
report-documented-label = Feuilles de route justifiées
## $documented, $trips : nombres.
report-documented = { $documented } sur { $trips }
## Le titre de summary.json. $documented, $trips : des nombres.
summary-headline = justifiées : { $documented } feuilles de route sur { $trips }
report-invoiced = Facturé
report-supported = Justifié (à payer)
report-at-risk = À risque (retenu)
report-unverified = Non vérifié
report-receipts-total = Total des reçus
report-receipts-flagged = Signalé sur les reçus
## $amount : le montant non vérifié, mis en forme.
report-not-checked = Les factures n'ont PAS été rapprochées des reçus (aucun fichier de reçus fourni) : { $amount } n'est pas vérifié et rien n'en est justifié.
## $count : le nombre d'anomalies.
report-exceptions-count = { $count ->
    [one] Ce traitement a relevé { $count } anomalie.
   *[other] Ce traitement a relevé { $count } anomalies.
}
report-by-vendor = Par fournisseur
report-letter = Lettre de contestation
report-open-letter = ouvrir la lettre
report-by-invoice = Par facture
report-total = Total
report-documented-share = Feuilles de route justifiées : qui ne rapporte pas ses reçus (les moins justifiées d'abord)
report-by-vehicle = Par véhicule
report-by-driver = Par chauffeur
report-unknown = (non renseigné)
report-by-month = Par mois
report-charts = Graphiques
report-chart-by-code = Anomalies par code
report-chart-by-vendor = Montant à risque par fournisseur
report-chart-by-vehicle = Montant à risque par véhicule
report-chart-consumption = Litres aux 100 km par véhicule (le trait marque la norme ; en rouge au-dessus)
report-chart-consumption-mpg = Miles par gallon par véhicule (le trait marque la norme ; en rouge en dessous)
## $count : barres non affichées.
report-chart-more = et { $count } de plus
report-chart-empty = Rien à afficher.
report-exceptions = Anomalies
report-filter-code = Code
report-filter-all = toutes
report-filter-severity = Gravité
report-filter-text = Rechercher
report-shown = anomalies affichées
## $code ; $shown, $total : nombres.
report-cut = { $code } : les { $shown } premières sur { $total }.
report-col-id = Identifiant
report-col-code = Code
report-col-message = Constat
report-trace = Traçabilité : les documents, les éléments probants, la règle
## Devant un fichier source et sa ligne, dans la trace d'une exception.
report-source-label = Source :
report-evidence = Éléments probants
report-rest-in-csv = La page présente les premières anomalies de chaque code ; toutes figurent dans exceptions.csv et exceptions.json.
report-invoices-cut = Les { $shown } factures les plus à risque sont présentées, sur { $total } ; toutes figurent dans summary.json (money_by_invoice) et lines.csv.
report-share-cut = Les { $shown } moins justifiés sur { $total } sont présentés ; tous figurent dans summary.json et trips.csv.
report-run = Ce que ce traitement a utilisé
report-not-run = Règles non exécutées
report-inputs = Fichiers lus
report-input-kind = Type
report-input-path = Fichier
report-input-size = Octets
report-settings = Paramètres utilisés
