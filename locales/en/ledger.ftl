### The ledger: what one month remembers of the last (accept, disputes, handover).
### Money and dates arrive already written for the language.

## fuelrecon accept, when the run is recorded.
## $run: the run's short id; $ledger: where the ledger is; $lines, $paid, $disputes (integers):
## invoice lines recorded, receipts now paid, disputes opened; $accepted, $withheld: money.

ledger-accepted = run { $run } accepted into { $ledger }: { $lines ->
    [one] { $lines } invoice line
   *[other] { $lines } invoice lines
}, { $paid ->
    [one] { $paid } receipt paid
   *[other] { $paid } receipts paid
} ({ $accepted }), { $disputes ->
    [one] { $disputes } dispute opened
   *[other] { $disputes } disputes opened
} ({ $withheld })

## fuelrecon accept, when the same inputs were accepted before.
## $run: short id; $at: when (date and time); $by: who; $report: the folder accepted then.

ledger-already-accepted = run { $run } already accepted on { $at } by { $by } (from { $report }); nothing changed

## How a dispute stands; ids end with the status code stored in the ledger.

dispute-status-open = open
dispute-status-paid = paid
dispute-status-credited = credited
dispute-status-withdrawn = withdrawn

## The columns of `fuelrecon disputes`, and of the handover page's tables.

dispute-col-id = id
dispute-col-age = age
dispute-col-opened = opened
dispute-col-status = status
dispute-col-vendor = vendor
dispute-col-vehicle = vehicle
dispute-col-invoice = invoice
dispute-col-line = line
dispute-col-receipt = receipt
dispute-col-amount = amount
dispute-col-reason = reason
dispute-col-history = history
dispute-col-count = disputes
dispute-col-oldest = oldest

## A dispute's age in days, short, as the listing shows it. $days (integer).

dispute-age = { $days }d

## The listing's last line. $count, $open (integers); $amount: money still open.

disputes-total = { $count ->
    [one] { $count } dispute
   *[other] { $count } disputes
}, { $open } open ({ $amount })

## fuelrecon disputes resolve, when done. $id: D-12; $outcome: a dispute-status word;
## $vendor, $invoice: as billed; $line (integer); $amount: money.

dispute-resolved = { $id } resolved as { $outcome }: { $vendor } invoice { $invoice } line { $line }, { $amount }

## fuelrecon handover, when written. $count, $vendors (integers); $amount: money; $out: folder.

handover-written = { $count ->
    [one] { $count } open dispute
   *[other] { $count } open disputes
} ({ $amount }) for { $vendors ->
    [one] { $vendors } vendor
   *[other] { $vendors } vendors
}; handover in { $out }

## The handover page (templates/handover.html): everything open, for a successor.
## $ledger: where the ledger is; $today: the date of the pack.

handover-title = Handover: disputes still open
handover-intro = Everything the ledger { $ledger } holds open on { $today }: what a successor needs on day one. Each dispute is the withheld part of an invoice line in an accepted run; the vendor was told why in that month's dispute letter.
## $count (integer); $amount: money.
handover-totals = { $count ->
    [one] One dispute is open
   *[other] { $count } disputes are open
}, { $amount } withheld in all.
handover-none = Nothing is open: every dispute in the ledger has been resolved.
handover-how-to-resolve = When a vendor answers, record the outcome: fuelrecon disputes resolve D-12 --ledger { $ledger } --as paid|credited|withdrawn --note "what settled it". The same list is in open-disputes.csv, for a spreadsheet.
handover-by-vendor = By vendor
handover-by-vehicle = By vehicle
handover-vehicle-none = (no vehicle)
## A group's age: $days (integer).
handover-days = { $days ->
    [one] { $days } day
   *[other] { $days } days
}

## A dispute's history, one event a line. $date: when; $dispute: D-12; $run: the run's short
## id; $by: who; $invoice; $line (integer); $amount: money; $note: the resolution's note.

handover-event-opened = { $date }: { $dispute } opened by run { $run } (accepted by { $by }): invoice { $invoice } line { $line }, { $amount } withheld
handover-event-paid = { $date }: { $dispute } resolved as paid by { $by }: { $note }
handover-event-credited = { $date }: { $dispute } resolved as credited by { $by }: { $note }
handover-event-withdrawn = { $date }: { $dispute } withdrawn by { $by }: { $note }
handover-event-receipt_paid = { $date }: the receipt was paid in run { $run } (invoice { $invoice } line { $line }, { $amount })
