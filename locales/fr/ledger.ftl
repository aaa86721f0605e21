### Le registre : ce qu'un mois retient du précédent (accept, disputes, handover).
### Montants et dates arrivent déjà écrits pour la langue.

## fuelrecon accept, quand le rapprochement est enregistré.
## $run : identifiant court ; $ledger : le registre ; $lines, $paid, $disputes (entiers) :
## lignes de facture enregistrées, reçus désormais réglés, litiges ouverts ;
## $accepted, $withheld : montants.

ledger-accepted = rapprochement { $run } validé dans { $ledger } : { $lines ->
    [one] { $lines } ligne de facture
   *[other] { $lines } lignes de facture
}, { $paid ->
    [one] { $paid } reçu réglé
   *[other] { $paid } reçus réglés
} ({ $accepted }), { $disputes ->
    [one] { $disputes } litige ouvert
   *[other] { $disputes } litiges ouverts
} ({ $withheld })

## fuelrecon accept, quand les mêmes fichiers ont déjà été validés.
## $run : identifiant court ; $at : quand ; $by : qui ; $report : le dossier validé alors.

ledger-already-accepted = rapprochement { $run } déjà validé le { $at } par { $by } (depuis { $report }) ; rien n'a changé

## Où en est un litige ; l'id se termine par le code enregistré dans le registre.

dispute-status-open = en cours
dispute-status-paid = réglé
dispute-status-credited = avoir reçu
dispute-status-withdrawn = abandonné

## Les colonnes de `fuelrecon disputes` et des tableaux de la page de passation.

dispute-col-id = n°
dispute-col-age = âge
dispute-col-opened = ouvert le
dispute-col-status = état
dispute-col-vendor = fournisseur
dispute-col-vehicle = véhicule
dispute-col-invoice = facture
dispute-col-line = ligne
dispute-col-receipt = reçu
dispute-col-amount = montant retenu
dispute-col-reason = motif
dispute-col-history = historique
dispute-col-count = litiges
dispute-col-oldest = le plus ancien

## L'âge d'un litige en jours, en abrégé. $days (entier).

dispute-age = { $days } j

## La dernière ligne de la liste. $count, $open (entiers) ; $amount : montant encore en litige.

disputes-total = { $count ->
    [one] { $count } litige
   *[other] { $count } litiges
}, dont { $open } en cours ({ $amount })

## fuelrecon disputes resolve, une fois fait. $id : D-12 ; $outcome : un mot d'état ;
## $vendor, $invoice : tels que facturés ; $line (entier) ; $amount : montant.

dispute-resolved = { $id } clos, { $outcome } : { $vendor }, facture { $invoice } ligne { $line }, { $amount }

## fuelrecon handover, une fois écrit. $count, $vendors (entiers) ; $amount ; $out : dossier.

handover-written = { $count ->
    [one] { $count } litige en cours
   *[other] { $count } litiges en cours
} ({ $amount }) chez { $vendors ->
    [one] { $vendors } fournisseur
   *[other] { $vendors } fournisseurs
} ; dossier de passation dans { $out }

## La page de passation (templates/handover.html) : tout ce qui reste ouvert, pour un successeur.
## $ledger : le registre ; $today : la date du dossier.

handover-title = Passation : litiges en cours
handover-intro = Tout ce que le registre { $ledger } tient pour ouvert au { $today } : ce dont un successeur a besoin dès le premier jour. Chaque litige est la part retenue d'une ligne de facture d'un rapprochement validé ; le fournisseur en a reçu le motif dans la lettre de contestation du mois.
## $count (entier) ; $amount : montant.
handover-totals = { $count ->
    [one] Un litige est en cours
   *[other] { $count } litiges sont en cours
}, { $amount } retenus au total.
handover-none = Rien n'est en cours : tous les litiges du registre sont clos.
handover-how-to-resolve = Quand un fournisseur répond, enregistrez l'issue : fuelrecon disputes resolve D-12 --ledger { $ledger } --as paid|credited|withdrawn --note "ce qui l'a réglé". La même liste figure dans open-disputes.csv, pour un tableur.
handover-by-vendor = Par fournisseur
handover-by-vehicle = Par véhicule
handover-vehicle-none = (sans véhicule)
## L'âge d'un groupe : $days (entier).
handover-days = { $days ->
    [one] { $days } jour
   *[other] { $days } jours
}

## L'historique d'un litige, un événement par ligne. $date : quand ; $dispute : D-12 ;
## $run : identifiant court du rapprochement ; $by : qui ; $invoice ; $line (entier) ;
## $amount : montant ; $note : la note de clôture.

handover-event-opened = { $date } : { $dispute } ouvert par le rapprochement { $run } (validé par { $by }) : facture { $invoice } ligne { $line }, { $amount } retenus
handover-event-paid = { $date } : { $dispute } clos, réglé, par { $by } : { $note }
handover-event-credited = { $date } : { $dispute } clos sur avoir par { $by } : { $note }
handover-event-withdrawn = { $date } : { $dispute } abandonné par { $by } : { $note }
handover-event-receipt_paid = { $date } : le reçu a été réglé dans le rapprochement { $run } (facture { $invoice } ligne { $line }, { $amount })
