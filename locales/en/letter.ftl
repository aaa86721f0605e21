### Dispute letters to vendors (disputes/VENDOR.html and .csv).

## The letter's frame.
letter-title = Disputed invoice lines
letter-date = Date:
letter-reference = Reference:
letter-to = To:
letter-subject = Invoice lines we cannot pay as billed
letter-intro = We have checked your invoices against the fuel receipts we hold. The lines below cannot be paid as billed: we will pay the accepted amount and withhold the rest until you send what is listed for each line.
letter-invoices = Your invoices
letter-lines = Disputed lines
letter-col-invoice = Invoice
letter-col-line = Line
letter-col-receipt = Receipt
letter-col-fill-date = Fill date
letter-col-vehicle = Vehicle
letter-col-litres = Litres
letter-col-billed = Billed
letter-col-accepted = Accepted (to be paid)
letter-col-withheld = Withheld
# A line's billed amount that cannot be read, in its cell.
letter-amount-unreadable = unreadable
letter-total = Total
letter-reason = Why:
letter-to-send = To have it paid, send:
## $deadline: a date; $days: a count; $reference: the letter's reference.
letter-respond = Please respond by { $deadline } (within { $days } days), quoting reference { $reference }.
## $contact: who to write to.
letter-contact = Write to { $contact }.
letter-closing = Yours faithfully,

## Reasons, in plain words, for a vendor. $receipt: the receipt number; $first_invoice,
## $first_line: where the receipt was billed first; $receipt_amount, $receipt_litres: what the
## receipt shows; $contract_price: the price per litre agreed; $expected_amount: litres × price;
## $amount_at_risk: the amount withheld.
letter-reason-no-receipt = We hold no receipt { $receipt } for this fill, and no receipt of this vehicle, date and quantity.
letter-reason-already-paid = Receipt { $receipt } was already paid to you, on invoice { $paid_invoice } line { $paid_line }, in an earlier month.
letter-reason-billed-twice = Receipt { $receipt } was already billed on invoice { $first_invoice }, line { $first_line }.
letter-reason-duplicate-line = This line repeats a line already billed on the same invoice number.
letter-reason-amount-above-receipt = The amount billed is above the { $receipt_amount } shown on receipt { $receipt }.
letter-reason-litres-above-receipt = The litres billed are more than the { $receipt_litres } L shown on receipt { $receipt }.
letter-reason-price-above-contract = The price per litre is above the contract price of { $contract_price }.
letter-reason-arithmetic = Litres × unit price comes to { $expected_amount }, not the amount billed.
letter-reason-unreadable = Receipt { $receipt } cannot be read.
letter-reason-incomplete = The invoice line or its receipt { $receipt } lacks a required detail.
letter-reason-possible-duplicate = Receipt { $receipt } repeats another receipt of the same vehicle, day, litres and amount.
letter-reason-over-tank = The quantity on receipt { $receipt } is more than the vehicle's tank holds.
letter-reason-vehicle-mismatch = The vehicle on this line does not match the vehicle on receipt { $receipt }.
letter-reason-fuel-type = The fuel billed is not the fuel this vehicle uses.
letter-reason-non-fuel = This line bills a car wash, a shop item or a lubricant as fuel; the fuel contract covers fuel only.
letter-reason-out-of-period = The fill on this line is dated outside the period this invoice covers.
letter-reason-unmatched-credit = This credit reverses no line or receipt we hold under the same number.
letter-reason-amount-unreadable = The amount of this line cannot be read.
letter-reason-other = This line could not be verified against receipt { $receipt }.

## What the vendor must send to have the line paid.
letter-remedy-receipt-copy = a copy of receipt { $receipt }, signed at the pump.
letter-remedy-credit-note = a credit note for this line.
letter-remedy-credit-difference = a credit note for the difference ({ $amount_at_risk }), or a copy of the receipt that shows the amount billed.
letter-remedy-contract-price = a credit note bringing the price down to the contract price of { $contract_price }.
letter-remedy-corrected-invoice = a corrected invoice for this line.
letter-remedy-legible-copy = a legible copy of receipt { $receipt }.
letter-remedy-pump-record = the pump's transaction record for receipt { $receipt }.
letter-remedy-credit-reference = the invoice and line this credit reverses.

## Disputes of earlier months (with a ledger).
letter-earlier = Disputes still open from earlier months
letter-col-dispute = Dispute
letter-col-opened = Raised on
letter-col-age = Open for
## $days: a count of days.
letter-age-days = { $days ->
    [one] { $days } day
   *[other] { $days } days
}
