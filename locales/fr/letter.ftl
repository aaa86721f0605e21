### Lettres de contestation aux fournisseurs (disputes/FOURNISSEUR.html et .csv).

## Le cadre de la lettre.
letter-title = Lignes de facture contestées
letter-date = Date :
letter-reference = Référence :
letter-to = À l'attention de :
letter-subject = Lignes de facture que nous ne pouvons pas régler en l'état
letter-intro = Nous avons rapproché vos factures des reçus de carburant en notre possession. Les lignes ci-dessous ne peuvent pas être réglées telles que facturées : nous réglerons le montant accepté et retiendrons le reste jusqu'à réception des pièces indiquées pour chaque ligne.
letter-invoices = Vos factures
letter-lines = Lignes contestées
letter-col-invoice = Facture
letter-col-line = Ligne
letter-col-receipt = Reçu
letter-col-fill-date = Date du plein
letter-col-vehicle = Véhicule
letter-col-litres = Litres
letter-col-billed = Facturé
letter-col-accepted = Accepté (à régler)
letter-col-withheld = Retenu
# A line's billed amount that cannot be read, in its cell.
letter-amount-unreadable = illisible
letter-total = Total
letter-reason = Motif :
letter-to-send = Pour obtenir le règlement, veuillez nous adresser :
## $deadline : une date ; $days : un nombre ; $reference : la référence de la lettre.
letter-respond = Nous vous prions de répondre avant le { $deadline } (sous { $days } jours), en rappelant la référence { $reference }.
## $contact : à qui écrire.
letter-contact = Écrire à { $contact }.
letter-closing = Veuillez agréer nos salutations distinguées,

## Les motifs, en termes simples, pour un fournisseur. $receipt : le numéro du reçu ;
## $first_invoice, $first_line : où le reçu a été facturé la première fois ; $receipt_amount,
## $receipt_litres : ce que montre le reçu ; $contract_price : le prix au litre convenu ;
## $expected_amount : litres × prix ; $amount_at_risk : le montant retenu.
letter-reason-no-receipt = Nous ne détenons aucun reçu { $receipt } pour ce plein, ni aucun reçu de ce véhicule à cette date pour cette quantité.
letter-reason-already-paid = Le reçu { $receipt } vous a déjà été réglé, sur la facture { $paid_invoice } ligne { $paid_line }, lors d'un mois précédent.
letter-reason-billed-twice = Le reçu { $receipt } a déjà été facturé sur la facture { $first_invoice }, ligne { $first_line }.
letter-reason-duplicate-line = Cette ligne reprend une ligne déjà facturée sous le même numéro de facture.
letter-reason-amount-above-receipt = Le montant facturé dépasse les { $receipt_amount } portés sur le reçu { $receipt }.
letter-reason-litres-above-receipt = Les litres facturés dépassent les { $receipt_litres } L portés sur le reçu { $receipt }.
letter-reason-price-above-contract = Le prix au litre dépasse le prix contractuel de { $contract_price }.
letter-reason-arithmetic = Litres × prix unitaire donnent { $expected_amount }, et non le montant facturé.
letter-reason-unreadable = Le reçu { $receipt } est illisible.
letter-reason-incomplete = Il manque une information obligatoire sur la ligne de facture ou sur son reçu { $receipt }.
letter-reason-possible-duplicate = Le reçu { $receipt } reproduit un autre reçu du même véhicule, du même jour, pour les mêmes litres et le même montant.
letter-reason-over-tank = La quantité portée sur le reçu { $receipt } dépasse la capacité du réservoir du véhicule.
letter-reason-vehicle-mismatch = Le véhicule de cette ligne ne correspond pas à celui du reçu { $receipt }.
letter-reason-fuel-type = Le carburant facturé n'est pas celui qu'utilise ce véhicule.
letter-reason-non-fuel = Cette ligne facture comme carburant un lavage, un article de boutique ou un lubrifiant ; le marché ne couvre que le carburant.
letter-reason-out-of-period = Le plein de cette ligne est daté hors de la période couverte par cette facture.
letter-reason-unmatched-credit = Cet avoir n'annule aucune ligne ni aucun reçu que nous détenons sous le même numéro.
letter-reason-amount-unreadable = Le montant de cette ligne est illisible.
letter-reason-other = Cette ligne n'a pas pu être vérifiée au regard du reçu { $receipt }.

## Ce que le fournisseur doit envoyer pour être réglé.
letter-remedy-receipt-copy = une copie du reçu { $receipt }, signée à la pompe.
letter-remedy-credit-note = un avoir pour cette ligne.
letter-remedy-credit-difference = un avoir pour la différence ({ $amount_at_risk }), ou une copie du reçu portant le montant facturé.
letter-remedy-contract-price = un avoir ramenant le prix au prix contractuel de { $contract_price }.
letter-remedy-corrected-invoice = une facture rectifiée pour cette ligne.
letter-remedy-legible-copy = une copie lisible du reçu { $receipt }.
letter-remedy-pump-record = le relevé de transaction de la pompe pour le reçu { $receipt }.
letter-remedy-credit-reference = la facture et la ligne que cet avoir annule.

## Les litiges des mois précédents (avec un registre).
letter-earlier = Litiges encore ouverts des mois précédents
letter-col-dispute = Litige
letter-col-opened = Ouvert le
letter-col-age = Ouvert depuis
## $days : un nombre de jours.
letter-age-days = { $days ->
    [one] { $days } jour
   *[other] { $days } jours
}
