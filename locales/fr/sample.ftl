### Sondages d'audit (SPEC §7) : la feuille de travail (sample.html), l'évaluation
### (evaluation.html) et ce qu'affichent `fuelrecon sample` et `fuelrecon evaluate`.

sample-title = Échantillon d'audit : feuille de travail
evaluation-title = Échantillon d'audit : évaluation

sample-population = Population
sample-population-exceptions = anomalies signalées
sample-population-trips = feuilles de route
sample-population-receipts = reçus de carburant
sample-population-invoice-lines = lignes de facture
sample-population-file = lue dans { $file } (SHA-256 { $sha })
sample-filter = Filtre
sample-filter-none = aucun : tous les éléments du rapport
sample-filter-codes = codes d'anomalie { $codes }
sample-filter-severity = gravité { $severity } ou plus
sample-count = Nombre d'éléments
sample-value = Valeur comptable
sample-value-litres = Litres (les feuilles de route ne portent pas de montant)
sample-not-selectable = { $count ->
    [one] Un élément de valeur nulle ou négative ne peut pas être tiré en fonction du montant : examinez-le séparément.
   *[other] { $count } éléments de valeur nulle ou négative ne peuvent pas être tirés en fonction du montant : examinez-les séparément.
}

sample-method = Méthode
sample-method-random = sondage aléatoire simple, sans remise (sondage par attributs)
sample-method-mus = sondage en unités monétaires : probabilité proportionnelle au montant, tirage systématique à partir d'un point de départ aléatoire
sample-size = Taille de l'échantillon
sample-basis-fixed = fixée par l'auditeur (--size)
sample-basis-attribute = le plus petit n pour lequel la probabilité binomiale d'observer au plus K écarts, lorsque le taux réel égale le taux d'écart tolérable T, est au plus 1 − c : P(X ≤ K ; n, T) ≤ 1 − c
sample-basis-monetary = le plus petit n pour lequel la probabilité de Poisson d'observer au plus K anomalies, pour une moyenne de n × AT ÷ V, est au plus 1 − c ; avec F le facteur de Poisson pour K, n = ⌈F × V ÷ AT⌉
sample-n = n = { $size }
sample-confidence = Niveau de confiance (c)
sample-tolerable-rate = Taux d'écart tolérable (T)
sample-tolerable-amount = Anomalie tolérable, seuil de signification (AT)
sample-tolerable-written = exprimée comme { $written } de la valeur de la population
sample-expected = Nombre d'écarts attendus (K)
sample-factor = Facteur de Poisson F pour K (la moyenne m telle que P(X ≤ K ; m) = 1 − c)
sample-interval = Pas de sondage (J = V ÷ n)
sample-census = La taille prévue couvre toute la population : tous les éléments sont retenus.
sample-seed = Graine
sample-seed-note = Générateur ChaCha20 initialisé avec ce nombre : le même rapport, les mêmes options et la même graine tirent les mêmes éléments sur toute machine.
sample-percent = { $percent } %

sample-selected = Éléments sélectionnés
sample-instructions = Pour chaque élément, contrôlez les pièces indiquées, puis inscrivez ok ou deviation dans la colonne result de sample.csv (et, pour un sondage en unités monétaires, le montant constaté dans audited_amount). Seules ces colonnes et la note peuvent changer. Lancez ensuite : fuelrecon evaluate --sample sample.csv
sample-col-row = N°
sample-col-selection = Sélection
sample-col-item = Élément et pièces à contrôler
sample-col-value = Valeur comptable
sample-col-result = Résultat
sample-col-note = Note
sample-selection-random = aléatoire
sample-selection-unit = point de sélection
sample-selection-certain = retenu d'office (valeur au moins égale au pas)
sample-source = Source
## Devant le fichier source et la ligne d'une ligne tirée.
sample-source-label = Source :
sample-linked = Pièces liées
sample-evidence = Éléments probants
sample-field-billed = montant facturé
sample-field-status = statut
sample-field-id = identifiant de l'anomalie
sample-field-code = code d'anomalie
sample-field-amount_at_risk = montant en risque

evaluation-results = Résultats consignés
evaluation-deviations = Écarts constatés
evaluation-upper-rate = Limite supérieure d'écart (binomiale exacte, unilatérale : le taux p tel que P(X ≤ k ; n, p) = 1 − c)
evaluation-basic-precision = Précision de base (J × F(0))
evaluation-tainting = Taux d'anomalie { $tainting } % : provision incrémentale
evaluation-certain = Anomalies constatées dans les éléments retenus d'office (non extrapolées)
evaluation-projected = Anomalie extrapolée
evaluation-understatement = Sous-évaluation extrapolée (présentée à part ; la limite borne la surévaluation)
evaluation-upper-misstatement = Limite supérieure d'anomalies (évaluation par cellules, borne de Stringer)
evaluation-accept = La population peut être acceptée : la limite supérieure ne dépasse pas le seuil tolérable.
evaluation-reject = La population ne peut pas être acceptée : la limite supérieure dépasse le seuil tolérable.
evaluation-no-tolerable = Aucun seuil tolérable n'a été prévu (--size seul) : l'échantillon donne une limite, pas une conclusion.
evaluation-col-audited = Montant audité
evaluation-result-ok = conforme
evaluation-result-deviation = écart

cli-sample-plan = { $population } : { $count } éléments ; taille de l'échantillon n = { $size } ({ $method })
cli-sample-drawn = { $selected ->
    [one] Un élément tiré avec la graine { $seed } ; feuille de travail et tableau dans { $folder }
   *[other] { $selected } éléments tirés avec la graine { $seed } ; feuille de travail et tableau dans { $folder }
}
cli-sample-seed-drawn = Aucune --seed donnée : graine tirée { $seed } (donnez --seed { $seed } pour retirer le même échantillon).
cli-evaluate-attribute = { $deviations } écart(s) sur { $size } éléments ; limite supérieure d'écart { $limit } % au niveau de confiance de { $confidence } %.
cli-evaluate-monetary = { $deviations } anomalie(s) sur { $size } éléments ; anomalie extrapolée { $projected } ; limite supérieure d'anomalies { $limit } au niveau de confiance de { $confidence } %.
cli-evaluate-written = Évaluation écrite dans { $file }
