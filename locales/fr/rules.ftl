### Le catalogue des exceptions : ce que chaque règle dit de ce qu'elle a trouvé, pourquoi une
### règle n'a pas été appliquée, et le manuel de chaque règle (fuelrecon rules CODE).
### Nombres, montants et dates arrivent déjà écrits à la française. Les identifiants (numéros
### de reçu, de facture, de feuille de route, de véhicule) arrivent tels que les pièces les écrivent.

## Ce qu'on affiche à la place d'une valeur qu'une pièce ne donne pas.

msg-no-number = (sans numéro)
msg-no-id = (sans numéro)
msg-no-vendor = (fournisseur inconnu)
msg-no-vehicle = (aucun)
msg-no-date = (sans date)
msg-the-vendor = ce fournisseur

## La pièce dont parle un message, en début de phrase.

msg-subject-receipt = Le reçu { $receipt }
msg-subject-line = La ligne { $line } de la facture { $invoice }

## Les unités des données (`[units]`), écrites à côté des distances et des quantités.

msg-unit-km = km
msg-unit-mi = mi
msg-unit-litre = L
msg-unit-gallon = gal

## Les carburants que fuelrecon reconnaît ; les autres sont écrits comme les pièces les nomment.

msg-fuel-diesel = gazole
msg-fuel-petrol = essence

## Comment deux pièces ont été rapprochées.

msg-method-receipt_no = numéro de reçu
msg-method-fuzzy = rapprochement approché
msg-method-trip_id = numéro de feuille de route
msg-method-voucher = bon de carburant
msg-method-vehicle_date = véhicule et date

## Les messages des exceptions.

# BILLED_TWICE
msg-billed-twice = Le reçu { $receipt } est facturé une nouvelle fois : il l'a déjà été sur la ligne { $line } de la facture { $invoice }.

# BILLED_WITHOUT_RECEIPT ; $why est l'une des deux propositions qui suivent.
msg-billed-without-receipt = La ligne { $line } de la facture { $invoice } n'est justifiée par aucun reçu : { $why }, et aucun reçu non facturé du même véhicule, de la même date et du même volume n'a été trouvé. Un reçu est exigé avant paiement.
msg-billed-without-receipt-unknown = son numéro de reçu { $number } ne correspond à aucun reçu de { $vendor }
msg-billed-without-receipt-no-number = elle ne porte aucun numéro de reçu

# AMOUNT_MISMATCH
msg-amount-mismatch = La ligne { $line } de la facture { $invoice } réclame { $billed }, alors que son reçu { $receipt } indique { $paid } (tolérance : { $tolerance }).

# QUANTITY_MISMATCH
msg-quantity-mismatch = La ligne { $line } de la facture { $invoice } facture { $billed } L, alors que son reçu { $receipt } indique { $delivered } L (tolérance : { $tolerance } L).

# RECEIPT_NOT_BILLED
# RECEIPT_ALREADY_PAID ; $line, $paid_line : entiers ; $paid_on : la date de validation du traitement antérieur.
msg-receipt-already-paid = La ligne { $line } de la facture { $invoice } facture le reçu { $receipt }, déjà réglé sur la facture { $paid_invoice } ligne { $paid_line } (validé le { $paid_on }).

msg-receipt-not-billed = Le reçu { $receipt } de { $vendor } n'est facturé sur aucune des lignes de facture fournies.

# RECEIPT_WITHOUT_TRIP
msg-receipt-without-trip = Aucune feuille de route ne correspond au reçu { $receipt } : aucune ne porte son numéro de feuille de route ni son bon, et le véhicule { $vehicle } n'a aucun déplacement à { $days ->
        [one] { $days } jour
       *[other] { $days } jours
    } près du { $date }.

# DUPLICATE_DOCUMENT ; $first : où la pièce a été vue la première fois (fichier:ligne).
msg-duplicate-trip = La feuille de route { $trip } apparaît de nouveau ; elle figure déjà dans { $first }.
msg-duplicate-receipt = Le reçu { $receipt } de { $vendor } apparaît de nouveau ; il figure déjà dans { $first }.
msg-duplicate-line = La ligne { $line } de la facture { $invoice } de { $vendor } apparaît de nouveau ; elle figure déjà dans { $first }.

# TRIP_WITHOUT_RECEIPT
msg-trip-without-receipt = La feuille de route { $trip } { $fuel }{ $vouchers }, mais aucun reçu ne lui correspond par numéro de feuille de route, par bon, ni par véhicule et date ; un reçu était attendu.
msg-trip-records-litres = indique { $litres } L de carburant
msg-trip-records-voucher = indique un bon de carburant
msg-trip-requires-receipt = exige un reçu
msg-trip-vouchers = {" "}(bon { $vouchers })

# ARITHMETIC_ERROR
msg-arithmetic-error = { $subject } : { $litres } L × { $price } = { $expected }, mais le montant indiqué est { $amount }.
msg-invoice-total = Facture { $invoice } : { $lines ->
        [one] sa ligne unique totalise
       *[other] ses { $lines } lignes totalisent
    } { $sum }, mais le total de la facture est { $total }.

# CONSUMPTION_OUTLIER
msg-consumption-outlier = Le véhicule { $vehicle } a consommé { $bought } { $volume } pour { $driven } { $distance } en { $period } : { $actual } { $volume }/100 { $distance }, pour { $expected } { $volume }/100 { $distance } attendus (au plus { $limit } avec la tolérance de { $tolerance } %).
msg-consumption-outlier-mpg = Le véhicule { $vehicle } a consommé { $bought } { $volume } pour { $driven } { $distance } en { $period } : { $actual } milles par gallon (mpg), pour { $expected } mpg attendus (au moins { $limit } avec la tolérance de { $tolerance } %).

# FUEL_TYPE_MISMATCH
msg-fuel-type-receipt = Le reçu { $receipt } porte sur le carburant « { $bought } », alors que le véhicule { $vehicle } utilise « { $expected } ».
msg-fuel-type-line = La ligne { $line } de la facture { $invoice } facture le carburant « { $bought } », alors que le véhicule { $vehicle } utilise « { $expected } ».

# MULTIPLE_FILLS
msg-multiple-fills = Le reçu { $receipt } est le plein n° { $position } sur { $fills } du véhicule { $vehicle } le { $date } ; la limite est de { $allowed } par jour.

# ODOMETER_GAP
msg-odometer-gap = La feuille de route { $trip } du véhicule { $vehicle } commence à { $start } { $unit }, soit { $gap } { $unit } après la fin du déplacement précédent, { $previous }, à { $end } { $unit } ; un écart d'au plus { $allowed } { $unit } était attendu.

# ODOMETER_INCONSISTENT
msg-odometer-trip-backwards = La feuille de route { $trip } se termine à { $end } { $unit }, en dessous de son relevé de départ de { $start } { $unit }.
msg-odometer-receipt-outside-trip = Le reçu { $receipt } indique { $reading } { $unit }, hors des relevés de sa feuille de route { $trip } (de { $start } à { $end } { $unit }).
msg-odometer-backwards = Véhicule { $vehicle } : le relevé de { $reading } { $unit } du { $date } ({ $where }) est inférieur aux { $previous } { $unit } relevés le { $previous_date } ({ $previous_where }), que confirment les relevés suivants ; il est écarté de la suite des relevés du véhicule.
msg-odometer-jump = Véhicule { $vehicle } : le relevé de { $reading } { $unit } du { $date } ({ $where }) ne s'accorde pas avec { $around } ; il est écarté de la suite des relevés du véhicule.
msg-odometer-placeholder = Véhicule { $vehicle } : le relevé de { $reading } { $unit } du { $date } ({ $where }) est une valeur fictive, pas un relevé réel ; il est écarté de la suite des relevés du véhicule.
msg-odometer-repeated = Véhicule { $vehicle } : le relevé de { $reading } { $unit } du { $date } ({ $where }) répète celui du { $first_date } ({ $first_where }), alors que du carburant a été acheté aux deux dates ; il est écarté de la suite des relevés du véhicule.
msg-odometer-at-trip-out = départ de la feuille de route { $trip }
msg-odometer-at-trip-in = retour de la feuille de route { $trip }
msg-odometer-at-receipt = reçu { $receipt }
msg-odometer-around-both = les relevés qui l'entourent : { $previous } { $unit } le { $previous_date } avant, { $next } { $unit } le { $next_date } après
msg-odometer-around-before = le relevé précédent, { $previous } { $unit } le { $previous_date }
msg-odometer-around-after = les relevés suivants, à partir de { $next } { $unit } le { $next_date }
msg-odometer-around-none = les autres relevés du véhicule

# OFF_HOURS_FILL
msg-off-hours-fill = Le reçu { $receipt } est horodaté { $time }, en dehors des heures de service ({ $hours }).

# POSSIBLE_DUPLICATE
msg-possible-duplicate = Le reçu { $receipt } ressemble à une copie du reçu { $earlier } : même véhicule, même jour, { $litres } L pour { $amount } contre { $earlier_litres } L pour { $earlier_amount }.

# PRICE_ABOVE_CONTRACT
msg-price-above-contract = { $subject } applique { $price } par litre ({ $fuel }), au-dessus du prix contractuel de { $contract }.

# RECEIPT_OUTSIDE_TRIP
msg-receipt-outside-trip = Le reçu { $receipt } renvoie à la feuille de route { $trip } (par { $method }) mais est daté du { $date }, { $days ->
        [one] { $days } jour
       *[other] { $days } jours
    } hors de sa période du { $from } au { $to } ; l'écart admis est d'au plus { $window ->
        [one] { $window } jour
       *[other] { $window } jours
    }.

# TANK_CAPACITY_EXCEEDED
msg-tank-capacity-exceeded = Le reçu { $receipt } porte sur { $litres } L pour le véhicule { $vehicle }, dont le réservoir contient { $tank } L (au plus { $limit } L avec la tolérance de { $tolerance } %).

# VEHICLE_MISMATCH
msg-vehicle-mismatch-receipt = Le reçu { $receipt } concerne le véhicule { $vehicle }, mais sa feuille de route { $trip } (rapprochée par { $method }) concerne le véhicule { $trip_vehicle }.
msg-vehicle-mismatch-line = La ligne { $line } de la facture { $invoice } facture le véhicule { $vehicle }, mais son reçu { $receipt } (rapproché par { $method }) concerne le véhicule { $receipt_vehicle }.

# VOUCHER_SEQUENCE_GAP
msg-voucher-gap = { $missing ->
        [one] Le bon { $range } manque
       *[other] Les bons { $range } ({ $missing } numéros) manquent
    } dans la série { $series } des feuilles de route et des reçus.
msg-voucher-range = { $from } à { $to }

## MISSING_FIELD, UNREADABLE_FIELD, INVALID_VALUE.

msg-field-missing = Le champ obligatoire « { $field } » ({ $document }) est vide ; la pièce ne peut pas être vérifiée sans lui.
msg-field-illegible = La pièce ({ $document }) est marquée « { $raw } » dans la colonne « lisible » : elle n'est pas entièrement lisible et ne justifie rien tant qu'une copie lisible n'est pas fournie.
msg-field-unreadable = Le champ « { $field } » ({ $document }) est illisible (« { $raw } ») ; une valeur lisible était attendue.
msg-field-invalid = Le champ « { $field } » ({ $document }) contient « { $raw } », qui n'est pas { $expected }.
msg-row-out-of-line = La ligne ({ $document }) a des cellules au-delà de la dernière colonne du fichier (« { $raw } ») : ses valeurs ont pu être décalées, comme lorsqu'un nombre est écrit avec une virgule sans guillemets (1,120.00) ; aucune n'est donc tenue pour lue.

msg-doc-trip = feuille de route
msg-doc-receipt = reçu
msg-doc-invoice_line = ligne de facture
msg-doc-vehicle = fiche véhicule
msg-doc-price = prix contractuel

msg-expected-text = un texte
msg-expected-date = une date
msg-expected-datetime = une date, avec ou sans heure
msg-expected-time = une heure
msg-expected-number = un nombre
msg-expected-integer = un nombre entier
msg-expected-fuel = un type de carburant
msg-expected-legibility = oui, non ou partiel

## Un champ, tel que le nomment les messages : le mot de common.ftl.

msg-field-name-row = ligne
msg-field-name-trip_id = { field-trip_id }
msg-field-name-vehicle_id = { field-vehicle_id }
msg-field-name-driver = { field-driver }
msg-field-name-date_out = { field-date_out }
msg-field-name-date_in = { field-date_in }
msg-field-name-odometer_out = { field-odometer_out }
msg-field-name-odometer_in = { field-odometer_in }
msg-field-name-fuel_litres = { field-fuel_litres }
msg-field-name-voucher_no = { field-voucher_no }
msg-field-name-destination = { field-destination }
msg-field-name-approved_by = { field-approved_by }
msg-field-name-receipt_no = { field-receipt_no }
msg-field-name-date = { field-date }
msg-field-name-time = heure du plein
msg-field-name-vendor = { field-vendor }
msg-field-name-station = { field-station }
msg-field-name-fuel_type = { field-fuel_type }
msg-field-name-litres = { field-litres }
msg-field-name-unit_price = { field-unit_price }
msg-field-name-amount = { field-amount }
msg-field-name-odometer = { field-odometer }
msg-field-name-legible = { field-legible }
msg-field-name-invoice_no = { field-invoice_no }
msg-field-name-invoice_date = { field-invoice_date }
msg-field-name-line_no = { field-line_no }
msg-field-name-invoice_total = { field-invoice_total }
msg-field-name-tank_litres = { field-tank_litres }
msg-field-name-l_per_100km = { field-l_per_100km }
msg-field-name-valid_from = { field-valid_from }
msg-field-name-valid_to = { field-valid_to }

## Pourquoi une règle n'a pas été appliquée (summary.json, « rules_not_run »).

not-run-no-file = aucun fichier de { $kind } n'a été fourni
not-run-no-files = aucun fichier de { $first } ni de { $second } n'a été fourni
msg-kind-trips = feuilles de route
msg-kind-receipts = reçus
msg-kind-invoices = factures
msg-kind-vehicles = véhicules
msg-kind-prices = prix
not-run-no-unit-prices = les données ne donnent ni prix unitaire ni total de facture
not-run-no-consumption = le fichier des véhicules ne donne aucune consommation de référence (l_per_100km)
not-run-no-ledger = aucun registre n'a été fourni (--ledger, ou ledger dans la configuration)
not-run-no-fuel-type = le fichier des véhicules ne donne aucun type de carburant (fuel_type)
not-run-no-tank = le fichier des véhicules ne donne aucune capacité de réservoir (tank_litres)
not-run-no-working-hours = les heures de service (working_hours) ne sont pas définies dans la configuration
not-run-no-contract-price = le fichier des prix ne contient aucun prix contractuel lisible
not-run-no-vouchers = aucune feuille de route ni aucun reçu ne donne de numéro de bon

## Le manuel de chaque règle (fuelrecon rules CODE) : un résumé d'une ligne et quatre
## parties, imprimées sous les titres qui suivent.

rule-heading-catches = Ce que la règle détecte
rule-heading-matters = Pourquoi c'est important pour un auditeur
rule-heading-example = Exemple
rule-heading-at-risk = Montant à risque

rule-MISSING_FIELD =
    .summary = un champ obligatoire est vide
    .catches =
        Un champ obligatoire laissé vide : une feuille de route sans chauffeur, un reçu sans
        litres, une ligne de facture sans numéro de facture.
    .matters =
        Une pièce dont un champ obligatoire est vide ne peut pas être vérifiée ; l'audit auquel
        fuelrecon répond a trouvé la plupart des feuilles de route incomplètes exactement ainsi.
    .example =
        Le reçu R-1042 n'indique aucun véhicule : rien ne dit quel véhicule a reçu le carburant.
    .at-risk =
        0, sauf sur une ligne de facture, où c'est le montant de la ligne : une ligne incomplète
        n'est pas payable telle que facturée ; et sur un reçu sans montant, où c'est ce qui est
        facturé sur ce reçu : rien ne montre ce qui a été payé à la pompe.

rule-UNREADABLE_FIELD =
    .summary = un champ est illisible, ou le reçu n'est pas lisible
    .catches =
        Une valeur marquée illisible (`?`, `illegible`, `illisible`, `###`, une erreur de tableur
        comme `#N/A`), ou un reçu dont la colonne `legible` indique qu'il n'est pas
        (entièrement) lisible.
    .matters =
        Un reçu illisible ne justifie rien : ni les litres, ni le montant, ni le véhicule qui y
        figurent ne peuvent être vérifiés.
    .example =
        Le reçu R-1042 porte `legible = non` ; la ligne 3 de la facture INV-7 a pour montant
        `#VALUE!`.
    .at-risk =
        Le montant du reçu, pour un reçu (ce qui est facturé sur ce reçu, quand c'est le montant
        lui-même qui est illisible) ; 0 pour les autres pièces.

rule-INVALID_VALUE =
    .summary = une valeur ne peut pas être lue selon son type
    .catches =
        Une valeur qui ne peut pas être lue selon son type : `12O,5` litres (avec la lettre O),
        `31/02/2020` ; ou une ligne qui a des cellules au-delà de la dernière colonne du fichier,
        dont les valeurs ont pu être décalées.
    .matters =
        La valeur est conservée telle qu'écrite, mais aucune règle ne peut l'utiliser : la pièce
        n'est donc pas vérifiée.
    .example =
        La feuille de route T-17 a pour odometer_in `45 2O0`.
    .at-risk =
        0, sauf sur un reçu dont le montant n'est pas valide ou dont la ligne est décalée (des
        cellules au-delà de la dernière colonne du fichier), où c'est ce qui est facturé sur ce
        reçu : un reçu qui ne montre pas ce qui a été payé ne justifie aucune ligne qui le
        facture ; et sur une ligne de facture décalée, où c'est le montant de la ligne.

rule-DUPLICATE_DOCUMENT =
    .summary = le même numéro de pièce apparaît deux fois pour un même type de pièce
    .catches =
        La même pièce deux fois pour un même type de pièce : un numéro de feuille de route
        utilisé deux fois, un numéro de reçu d'un fournisseur présenté deux fois, une ligne de
        facture (numéro de facture et numéro de ligne d'un fournisseur) facturée deux fois. Les
        numéros sont comparés normalisés (`R-001` vaut `r001`).
    .matters =
        Une pièce répétée est le moyen le plus simple de se faire payer deux fois, ou de
        justifier deux fois le même carburant.
    .example =
        Le reçu 000123 de Total figure aux lignes 4 et 19 de receipts.csv.
    .at-risk =
        Le montant de la pièce répétée (0 pour une feuille de route).

rule-TRIP_WITHOUT_RECEIPT =
    .summary = une feuille de route qui indique du carburant n'a aucun reçu correspondant
    .catches =
        Une feuille de route qui indique du carburant (des litres perçus ou un numéro de bon),
        ou toute feuille de route si `require_receipt = "always"`, à laquelle aucun reçu ne
        correspond, ni par numéro de feuille de route, ni par bon, ni par véhicule et date.
    .matters =
        Le carburant inscrit sur une feuille de route sans reçu est un carburant dont personne
        ne peut montrer qu'il a été livré à ce véhicule : c'est le constat à l'origine de
        l'audit auquel cet outil répond.
    .example =
        La feuille de route T-0412 a perçu 60 L sur le bon B-2291, et aucun reçu ne mentionne
        T-0412, B-2291 ni le véhicule UN-1234 ce jour-là.
    .at-risk =
        Les litres de la feuille de route × le prix moyen au litre des reçus du traitement,
        lorsque les deux sont connus ; sinon 0.

rule-RECEIPT_WITHOUT_TRIP =
    .summary = aucune feuille de route ne correspond à un reçu
    .catches =
        Un reçu auquel aucune feuille de route ne correspond : ni par son numéro de feuille de
        route, ni par son bon, ni par le même véhicule en déplacement à cette date
        (± `date_window_days`).
    .matters =
        Le carburant acheté pour un véhicule qui, sur le papier, ne se déplaçait pas a pu
        servir ailleurs.
    .example =
        Le reçu R-88 est un plein de UN-1234 le 12 mars ; UN-1234 n'a aucune feuille de route
        du 11 au 13 mars.
    .at-risk =
        0 : le reçu lui-même peut être authentique ; c'est la feuille de route manquante qu'il
        faut retrouver.

rule-BILLED_WITHOUT_RECEIPT =
    .summary = une ligne de facture n'a aucun reçu correspondant
    .catches =
        Une ligne de facture qu'aucun reçu ne justifie : son numéro de reçu ne correspond à
        aucun reçu du même fournisseur, et aucun reçu non facturé du même fournisseur, du même
        véhicule, de la même date (± `date_window_days`) et du même volume
        (± `litres_tolerance`) n'a été trouvé non plus.
    .matters =
        Payer une ligne sans reçu, c'est payer sur la seule parole du fournisseur : le contrôle
        dont l'audit a constaté l'absence.
    .example =
        La ligne 4 de la facture F-2020-031 facture le reçu 55012, et Total n'a aucun reçu 55012.
    .at-risk =
        Le montant de la ligne.

rule-BILLED_TWICE =
    .summary = un reçu est facturé sur plus d'une ligne de facture
    .catches =
        Une ligne de facture dont le reçu est déjà facturé sur une ligne antérieure, de la même
        facture ou d'une autre (antérieure par date de facture, numéro de facture et numéro de
        ligne).
    .matters =
        Un même plein payé deux fois. Cela arrive par erreur quand des factures se chevauchent
        d'un mois sur l'autre, et volontairement quand personne ne vérifie.
    .example =
        Le reçu 55012 est facturé sur la ligne 4 de F-031, puis de nouveau sur la ligne 1 de F-045.
    .at-risk =
        Le montant de la ligne la plus récente.

rule-AMOUNT_MISMATCH =
    .summary = le montant facturé diffère de celui du reçu
    .catches =
        Une ligne de facture dont le montant diffère de celui de son reçu de plus de
        `amount_tolerance` pour cent (et d'au moins une unité de la plus petite coupure
        utilisée dans les données).
    .matters =
        Le reçu montre ce que le chauffeur a vu payer à la pompe ; une facture supérieure est
        une surfacturation, quelle qu'en soit la raison.
    .example =
        Le reçu 55012 indique 30 000 FCFA ; la ligne F-031/4 facture 33 000 FCFA.
    .at-risk =
        Le montant facturé moins celui du reçu, s'il est positif.

rule-QUANTITY_MISMATCH =
    .summary = les litres facturés diffèrent de ceux du reçu
    .catches =
        Une ligne de facture dont les litres diffèrent de ceux de son reçu de plus de
        `litres_tolerance`.
    .matters =
        Les litres sont ce que le véhicule a reçu ; facturer plus de litres que ceux livrés est
        une surfacturation, même au bon prix.
    .example =
        Le reçu 55012 indique 40 L ; la ligne F-031/4 en facture 45.
    .at-risk =
        (Litres facturés − litres du reçu) × le prix au litre de la ligne, s'il est positif.

rule-PRICE_ABOVE_CONTRACT =
    .summary = le prix au litre dépasse le prix contractuel
    .catches =
        Un reçu ou une ligne de facture dont le prix au litre dépasse le prix contractuel de son
        fournisseur, pour son type de carburant et à sa date (plus la `price_tolerance` du
        fournisseur, 0 par défaut). Le type de carburant est celui de la pièce, sinon celui de
        son véhicule ; le prix est le prix unitaire indiqué, sinon montant ÷ litres.
    .matters =
        Le contrat fixe le prix ; chaque litre au-dessus est de l'argent que le fournisseur n'est
        pas en droit de réclamer.
    .example =
        Le contrat fixe le gazole à 655 FCFA/L à partir du 1er mars ; la ligne F-031/4 facture
        700 FCFA/L.
    .at-risk =
        (Prix − prix contractuel) × litres.

rule-ARITHMETIC_ERROR =
    .summary = litres × prix unitaire, ou la somme des lignes, ne correspond pas au montant
    .catches =
        Des calculs faux : sur un reçu ou une ligne de facture, litres × prix unitaire diffère
        du montant de plus de `amount_tolerance` ; sur une facture, la somme des lignes ne
        correspond pas au total de la facture (quand le fichier le donne).
    .matters =
        Une multiplication ou une addition fausse sur la pièce d'un fournisseur est une
        surfacturation, erreur ou non, et elle reste invisible tant que personne ne refait le
        calcul.
    .example =
        40 L × 650 = 26 000, mais la ligne indique 27 000.
    .at-risk =
        L'excédent : montant − litres × prix, ou total de la facture − somme des lignes, s'il
        est positif.

rule-RECEIPT_NOT_BILLED =
    .summary = aucune ligne de facture ne facture un reçu
    .catches =
        Un reçu qu'aucune ligne de facture ne facture.
    .matters =
        En général, rien de grave : le fournisseur le facturera le mois suivant. Mais un reçu
        jamais facturé a pu être payé autrement (en espèces, par carte carburant), et doit être
        justifié.
    .example =
        Le reçu 55090 du 29 mars ne figure sur aucune facture de mars.
    .at-risk =
        0.

rule-TANK_CAPACITY_EXCEEDED =
    .summary = un plein plus grand que le réservoir du véhicule
    .catches =
        Un reçu portant sur plus de litres que n'en contient le réservoir du véhicule, au-delà de
        `tank_tolerance` pour cent (les pompes et les capacités annoncées ne sont pas exactes).
    .matters =
        Le carburant qui ne tient pas dans le réservoir est allé ailleurs : dans des bidons, dans
        un autre véhicule, ou nulle part.
    .example =
        UN-1234 a un réservoir de 80 L ; le reçu 55012 y met 95 L.
    .at-risk =
        (Litres − capacité du réservoir) × le prix au litre du reçu.

rule-CONSUMPTION_OUTLIER =
    .summary = la consommation d'un véhicule dépasse de loin sa consommation de référence
    .catches =
        Un véhicule qui, sur un mois civil, a consommé plus de carburant aux 100 km que sa
        consommation de référence `l_per_100km`, de plus de `consumption_tolerance` pour cent.
        Les litres sont ceux de ses reçus (ou de ses feuilles de route s'il n'a aucun reçu) ;
        les kilomètres sont ceux des compteurs de ses feuilles de route (ou, sans feuille de
        route, l'écart entre les relevés de ses reçus, avec les litres achetés après le premier
        relevé, puisque le premier plein a payé des kilomètres antérieurs). Les relevés écartés
        de la suite des relevés du véhicule ne comptent aucune distance. Dans les unités des
        données (`[units]`) : en milles et en gallons, `l_per_100km` se lit comme les milles par
        gallon (mpg) du véhicule, et trop peu de milles par gallon est l'anomalie.
    .matters =
        Du carburant que les kilomètres n'expliquent pas est le signe classique d'un siphonnage
        ou de pleins faits pour d'autres véhicules.
    .example =
        UN-1234 doit consommer 12 L/100 km ; en mars, il a acheté 600 L pour 2 000 km
        (30 L/100 km).
    .at-risk =
        (Litres − kilomètres × consommation de référence ÷ 100) × le prix moyen au litre du
        traitement.

rule-ODOMETER_INCONSISTENT =
    .summary = des relevés kilométriques reculent, sautent, se répètent ou sont fictifs
    .catches =
        Des relevés kilométriques qui ne peuvent pas être tous vrais. Les relevés d'un véhicule
        (départ et retour de ses feuilles de route, kilométrage de ses reçus) sont examinés
        comme une seule suite, par date, et c'est le relevé discordant qui est signalé et
        écarté, de sorte que le bon relevé qui suit une faute de frappe n'est pas mis en cause :
        un relevé inférieur au précédent alors que les suivants s'accordent avec celui-ci ; un
        saut qui ne s'accorde pas avec les relevés qui l'entourent, ou plus grand que ce que
        `max_km_per_day` permet pour les jours écoulés ; une valeur fictive (0, ou l'une des
        `odometer_placeholders` : 1234, 99999…) ; un reçu qui répète le relevé d'un reçu d'un
        jour antérieur. En outre : un déplacement qui se termine en dessous de son départ, et un
        reçu dont le relevé sort de ceux de sa feuille de route. Le message précise de quel cas
        il s'agit. Les distances (ODOMETER_GAP, CONSUMPTION_OUTLIER) sont mesurées sans les
        relevés écartés.
    .matters =
        Ce sont les kilomètres qui justifient le carburant. Des relevés qui reculent, sautent ou
        se répètent signifient que les feuilles de route ou les reçus ont été remplis après
        coup, recopiés, ou remplis sans regarder le compteur.
    .example =
        Les reçus de UN-1234 indiquent 28 600, 333 695 et 28 716 km sur trois jours : c'est
        le 333 695 qui est signalé, pas le 28 716 qui le suit.
    .at-risk =
        0.

rule-ODOMETER_GAP =
    .summary = des kilomètres entre deux déplacements qu'aucune feuille de route n'enregistre
    .catches =
        Un déplacement qui commence plus de `odometer_gap_km` au-dessus du relevé de fin du
        déplacement précédent du véhicule : des kilomètres parcourus sans feuille de route.
        Si l'un des deux relevés a été écarté de la suite des relevés du véhicule
        (ODOMETER_INCONSISTENT), on ignore où était le véhicule, et aucun écart n'est signalé.
    .matters =
        Des kilomètres non enregistrés sont une utilisation non enregistrée du véhicule, et rien
        ne justifie le carburant qu'ils ont consommé.
    .example =
        Le déplacement de UN-1234 du 4 mars se termine à 45 100 km ; le suivant commence à
        45 380 km.
    .at-risk =
        0.

rule-FUEL_TYPE_MISMATCH =
    .summary = le carburant acheté n'est pas celui du véhicule
    .catches =
        Un reçu ou une ligne de facture pour un carburant que le véhicule n'utilise pas : de
        l'essence pour un véhicule diesel, par exemple. Les noms de carburant sont d'abord
        ramenés à une forme commune (gasoil, gazole et DSL sont du diesel ; essence, super et
        SP95 sont de l'essence).
    .matters =
        Un véhicule diesel ne peut pas rouler à l'essence : le carburant est allé dans un autre
        véhicule ou dans un bidon.
    .example =
        UN-1234 roule au gazole ; le reçu 55012 porte sur 40 L de super.
    .at-risk =
        Le montant du reçu ou de la ligne.

rule-RECEIPT_OUTSIDE_TRIP =
    .summary = un reçu est daté en dehors du déplacement qu'il mentionne
    .catches =
        Un reçu rapproché d'une feuille de route par son numéro ou par son bon, mais daté en
        dehors des dates de départ et de retour du déplacement de plus de `date_window_days`.
    .matters =
        Un reçu qui mentionne un déplacement pendant lequel il n'a pas pu être établi a été
        joint au dossier après coup, pour justifier un plein qui relève d'autre chose.
    .example =
        Le reçu 55012 mentionne la feuille de route T-0412 (du 4 au 6 mars) mais il est daté
        du 19 mars.
    .at-risk =
        0.

rule-VEHICLE_MISMATCH =
    .summary = des pièces rapprochées désignent des véhicules différents
    .catches =
        Un reçu dont la feuille de route rapprochée concerne un autre véhicule, ou une ligne de
        facture dont le reçu rapproché désigne un autre véhicule.
    .matters =
        Les pièces disent qu'un véhicule s'est déplacé et qu'un autre a fait le plein : l'une
        des deux est fausse, et le carburant n'est peut-être allé à aucun véhicule de la flotte.
    .example =
        Le reçu 55012 (UN-1234) mentionne la feuille de route T-0412, qui est un déplacement de
        UN-0999.
    .at-risk =
        Le montant du reçu ou de la ligne.

rule-MULTIPLE_FILLS =
    .summary = un véhicule fait le plein plus souvent dans la journée que permis
    .catches =
        Plus de `max_fills_per_day` reçus pour un même véhicule le même jour ; l'exception porte
        sur chaque plein au-delà du nombre permis (par heure, puis par contenu).
    .matters =
        Un véhicule a rarement besoin de plusieurs pleins dans la journée ; des pleins répétés
        signalent du carburant pris pour autre chose.
    .example =
        UN-1234 a des reçus à 08:10, 12:40 et 17:05 le 5 mars.
    .at-risk =
        0.

rule-POSSIBLE_DUPLICATE =
    .summary = deux reçus aux numéros différents semblent être le même plein
    .catches =
        Deux reçus aux numéros différents pour le même véhicule le même jour, dont les litres
        sont à `litres_tolerance` près et les montants à `amount_tolerance` près : un reçu
        recopié ou présenté de nouveau sous un autre numéro. L'exception porte sur le plus
        récent (par heure, puis par contenu). Elle n'est pas levée quand ce que les deux reçus
        indiquent montre deux pleins : des heures à plus de `duplicate_window_minutes` minutes
        d'écart, des kilométrages à plus de `odometer_gap_km` d'écart, ou des stations ou des
        fournisseurs différents. Des kilométrages identiques l'emportent sur des heures
        éloignées : un véhicule qui n'a pas roulé n'a pas pu consommer le premier plein avant
        le second.
    .matters =
        Un doublon sous un nouveau numéro échappe au contrôle des numéros en double et se fait
        payer deux fois.
    .example =
        Les reçus 55012 et 55019, tous deux pour UN-1234 le 5 mars, tous deux de 40 L pour
        26 000 FCFA.
    .at-risk =
        Le montant du reçu le plus récent.

rule-OFF_HOURS_FILL =
    .summary = un plein en dehors des heures de service
    .catches =
        Un reçu horodaté en dehors des `working_hours` de la configuration (`"06:00-18:00"` ;
        une plage comme `"22:00-06:00"` passe minuit). La règle ne s'applique que si les heures
        de service sont définies, et seulement aux reçus qui donnent une heure.
    .matters =
        Les véhicules de service font le plein pendant les heures de service ; un plein la nuit
        ou à l'aube appelle une question.
    .example =
        Le reçu 55012 est horodaté 23:40, pour des heures de service de 06:00 à 18:00.
    .at-risk =
        0.

rule-VOUCHER_SEQUENCE_GAP =
    .summary = des numéros de bon manquent dans une série
    .catches =
        Des numéros manquants dans une suite de numéros de bons de carburant de même préfixe,
        relevés ensemble sur les feuilles de route et les reçus (`B-0101`, `B-0102`, `B-0104` :
        `B-0103` manque). Une exception par trou.
    .matters =
        Les bons sont prénumérotés pour que chacun puisse être justifié ; un numéro manquant est
        un bon utilisé sans pièce, perdu, ou annulé sans trace.
    .example =
        Série B : les numéros 0101 à 0140 sont utilisés, sauf 0117 et 0118.
    .at-risk =
        0.

## NON_FUEL_PURCHASE, DATE_OUT_OF_PERIOD, UNMATCHED_CREDIT : messages et fiches.

msg-subject-trip = La feuille de route { $trip }

# NON_FUEL_PURCHASE
msg-non-fuel-purchase = { $subject } porte sur « { $product } », qui n'est pas du carburant ; seul le carburant peut être payé avec la carte carburant ou facturé comme carburant.

# DATE_OUT_OF_PERIOD
msg-date-out-of-period = { $subject } porte la date du { $date }, soit { $days ->
        [one] { $days } jour
       *[other] { $days } jours
    } hors de la période { $period } ; l'écart admis est d'au plus { $window ->
        [one] { $window } jour
       *[other] { $window } jours
    }.
msg-date-out-of-span = { $subject } porte la date du { $date }, hors de l'étendue des dates fournies : du { $from } au { $to } (du 1er au 99e centile de ces dates, élargis de 31 jours de chaque côté).
msg-date-after-invoice = Le reçu { $receipt } porte la date du { $date }, { $days ->
        [one] { $days } jour
       *[other] { $days } jours
    } après la facture { $invoice } du { $invoice_date } qui le facture.

# UNMATCHED_CREDIT
msg-unmatched-credit = { $subject } est un avoir de { $amount }, mais aucun reçu ni aucune ligne antérieurs de { $vendor } portant le même numéro et au moins ce montant ne s'y trouvent pour qu'il les annule.

rule-NON_FUEL_PURCHASE =
    .summary = un lavage, un article de boutique ou un lubrifiant payé avec la carte carburant ou facturé comme carburant
    .catches =
        Un reçu ou une ligne de facture dont le produit n'est pas du carburant : lavage,
        marchandise, article de boutique, huile ou lubrifiant, AdBlue, et les mots ajoutés par
        `[fuel_types] non_fuel`. Une telle ligne est écartée de tous les contrôles propres au
        carburant (litres, réservoir, consommation, type de carburant, prix contractuel), et un
        lavage enregistré sous le numéro de transaction d'un plein n'est pas pris pour une copie
        de ce plein.
    .matters =
        Une carte carburant paie du carburant. Ce qu'elle achète d'autre est soit autorisé par
        une règle interne, et doit alors être comptabilisé à part, soit une dépense privée
        réglée avec la carte de l'organisation.
    .example =
        Transaction 5531207 : 57,5 L de sans plomb pour 41,04, et sous le même numéro un lavage
        pour 8,00.
    .at-risk =
        Le montant du reçu ou de la ligne.

rule-DATE_OUT_OF_PERIOD =
    .summary = un document est daté hors de la période rapprochée
    .catches =
        Une feuille de route, un reçu ou une ligne de facture dont la date tombe hors du mois
        rapproché (`period = "2024-03"` dans la configuration, ou `--period 2024-03`) de plus
        de `date_window_days`. Sans période : dont la date tombe hors de l'étendue des dates
        fournies, du 1er au 99e centile élargis de 31 jours de chaque côté, de sorte que
        l'export d'une année entière ne signale que les dates égarées. Aussi : un reçu daté de
        plus de `date_window_days` après la facture qui le facture. Une ligne de facture est
        jugée sur la date du plein, non sur celle de la facture.
    .matters =
        Une date très éloignée des autres est une erreur de saisie (jour et mois inversés,
        mauvaise année) ou un document d'une autre période facturé dans celle-ci, où il a
        peut-être déjà été payé. Un reçu postérieur à sa facture facture du carburant qui
        n'était pas encore acheté quand la facture a été émise.
    .example =
        Dans un export de carte de 2017, un plein daté du 10/05/1999.
    .at-risk =
        0, ou le montant de la ligne pour une ligne de facture. La règle est de gravité faible
        sur les feuilles de route, qui n'engagent pas d'argent.

rule-UNMATCHED_CREDIT =
    .summary = un avoir ou une annulation sans opération à compenser
    .catches =
        Un reçu ou une ligne de facture au montant négatif (avoir, annulation, remise) qui ne
        trouve aucun reçu ni aucune ligne antérieurs du même fournisseur et du même numéro dont
        il ne dépasse pas le montant. Un avoir qui en trouve un vient en déduction : la paire
        n'est ni facturée deux fois ni un doublon, et le montant facturé de la ligne est le
        montant net.
    .matters =
        Un avoir annule normalement une vente figurant dans les mêmes pièces. Sans elle, il
        annule une opération absente des pièces fournies (un autre mois, une autre carte),
        ou une vente jamais enregistrée ; dans les deux cas, les montants nets méritent un
        examen.
    .example =
        Transaction 5531980 : -0,02, sans transaction 5531980 avant elle.
    .at-risk =
        0 : l'argent va dans le sens de l'organisation.
rule-RECEIPT_ALREADY_PAID =
    .summary = un reçu réglé lors d'un traitement antérieur validé est facturé à nouveau
    .catches =
        Avec un registre : une ligne de facture dont le reçu (son numéro et son fournisseur) a
        été réglé lors d'un traitement validé auparavant, ou par un litige réglé.
    .matters =
        Un reçu réglé en mars et refacturé en avril passe tous les contrôles d'avril pris
        isolément : seul le registre se souvient qu'il a été payé.
    .example =
        Le reçu 55012, réglé sur F-031 ligne 4 en mars, est refacturé sur F-045 ligne 1 en avril.
    .at-risk =
        Le montant de la ligne.
