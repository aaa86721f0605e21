### Les mots de la ligne de commande : aide, avancement, bilans et erreurs de chaque commande.

## La langue demandée (--lang, ou lang dans la configuration) n'est pas disponible.
## $code : ce qui a été demandé ; $available : les codes disponibles, séparés par des virgules.

cli-unknown-language = langue inconnue "{ $code }" : choisissez parmi { $available }

## Les dernières lignes de `fuelrecon reconcile` : le résumé, puis les montants (SPEC §6.1).
## $documented, $trips : nombres ; $exceptions : un nombre ; $out : le dossier du rapport.

cli-reconcile-done = justifiées : { $documented } feuilles de route sur { $trips } ; { $money } ; { $exceptions } anomalie(s) ; rapport dans { $out }

## $invoiced, $supported, $at_risk, $unverified : montants.
cli-money-invoices = facturé { $invoiced }, justifié { $supported }, à risque { $at_risk }, non vérifié { $unverified }

## Un traitement sans factures : $total, $flagged : montants.
cli-money-receipts = pas de factures : total des reçus { $total }, dont signalé { $flagged }
cli-money-none = ni factures ni reçus : aucun montant contrôlé

## Des factures sans reçus : $unverified : un montant.
cli-invoices-not-checked = Les factures n'ont PAS été rapprochées des reçus (aucun fichier de reçus fourni) : { $unverified } n'est pas vérifié et rien n'en est justifié.

## Une colonne de dates lisible dans les deux ordres, que rien n'a fixé (SPEC §2.2).
## $file ; $column : une lettre ; $header ; $field ; $count : valeurs qui se liraient autrement.
cli-ambiguous-dates-day-first = { $file } : la colonne { $column } (« { $header } », { $field }) contient des dates lisibles dans les deux ordres ; lues jour d'abord, { $count } valeur(s) seraient d'autres dates lues mois d'abord : si c'est faux, indiquez [reading] date_order dans la configuration
cli-ambiguous-dates-month-first = { $file } : la colonne { $column } (« { $header } », { $field }) contient des dates lisibles dans les deux ordres ; lues mois d'abord, { $count } valeur(s) seraient d'autres dates lues jour d'abord : si c'est faux, indiquez [reading] date_order dans la configuration

## `fuelrecon check`, en texte. $source : le fichier (et la feuille) ; $kind : trips, receipts… ;
## les nombres ; $header : la ligne d'en-tête.
cli-check-file = { $source } ({ $kind }) : { $read } ligne(s) lue(s), { $loaded } chargée(s), { $blank } vide(s){ $totals ->
    [0] {""}
   *[other] , { $totals } ligne(s) de total
} ; en-tête à la ligne { $header } ; { $problems } problème(s)
## $columns : « En-tête (lettre) », séparés par des virgules.
cli-check-unused = colonnes non utilisées : { $columns }
## $conventions : les expressions ci-dessous, séparées par des virgules.
cli-check-read-with = lu avec { $conventions }
cli-check-delimiter = séparateur « { $delimiter } »
cli-check-encoding = encodage { $encoding }
## $mark : . ou , ; $by : ce qui l'a décidé.
cli-check-decimal-mark = séparateur décimal { $mark } (d'après { $by })
cli-check-day-first = dates jour d'abord (d'après { $by })
cli-check-month-first = dates mois d'abord (d'après { $by })
cli-check-by-evidence = les valeurs du fichier
cli-check-by-config = la configuration
cli-check-by-default = la valeur par défaut
## $words : « mot (nombre) », séparés par des virgules.
cli-check-unknown-fuels = types de carburant inconnus, jamais comparés tant qu'ils ne sont pas rattachés dans [fuel_types] : { $words }

## Progression, dans un terminal.
cli-progress-reading = lecture de { $files } fichier(s)
## $file : le fichier lu ; $rows : les lignes lues jusqu’ici (la première passe fixe les conventions de chaque colonne).
cli-progress-rereading = { $file } : relecture selon les conventions de toutes ses lignes, { $rows } lignes
cli-progress-loading = { $file } : { $rows } lignes lues
cli-progress-linking = rapprochement des lignes de facture, des reçus et des feuilles de route
cli-progress-rules = application des règles
cli-progress-writing = écriture de { $out }

## Les lignes d'un fichier prises pour des totaux (ni numéro, ni date, une cellule TOTAL).
cli-totals-rows = { $file } : { $count ->
    [one] la ligne { $rows } totalise les lignes au-dessus (ni numéro, ni date, une cellule « total ») : elle n'est pas lue comme une pièce
   *[other] les lignes { $rows }{ $more ->
        [0] {""}
       *[other] {" "}et { $more } autres
    } totalisent les lignes au-dessus (ni numéro, ni date, une cellule « total ») : elles ne sont pas lues comme des pièces
}
