### Words shared by every output: severities, document kinds, field names, yes and no.
### Every message here exists in every language with the same ids and the same $variables
### (a test compares them). Numbers, money and dates arrive already formatted for the language.

## The statement every report and letter carries (SPEC §6.2).

indicator-note = An exception is an indicator to review, not a finding of fraud or error.

## Yes and no, as shown in tables (trips.csv "documented", legibility).

yes = yes
no = no

## Severities of an exception; ids end with the code used in exceptions.json.

severity = severity
severity-info = info
severity-low = low
severity-medium = medium
severity-high = high

## Kinds of document an exception concerns; ids end with the code used in exceptions.json.

document = document
document-trip = trip ticket
document-receipt = receipt
document-invoice_line = invoice line
document-invoice = invoice
document-vehicle = vehicle
document-price = contract price
document-voucher_series = voucher series

## A count of documents of one kind, e.g. "12 trip tickets".
## $count (integer): how many.

document-count-trip = { $count ->
    [one] { $count } trip ticket
   *[other] { $count } trip tickets
}
document-count-receipt = { $count ->
    [one] { $count } receipt
   *[other] { $count } receipts
}
document-count-invoice_line = { $count ->
    [one] { $count } invoice line
   *[other] { $count } invoice lines
}
document-count-invoice = { $count ->
    [one] { $count } invoice
   *[other] { $count } invoices
}
document-count-vehicle = { $count ->
    [one] { $count } vehicle
   *[other] { $count } vehicles
}
document-count-price = { $count ->
    [one] { $count } contract price
   *[other] { $count } contract prices
}
document-count-voucher_series = { $count ->
    [one] { $count } voucher series
   *[other] { $count } voucher series
}

## The fields of the input files (SPEC §2.1) as a person reads them; ids end with the
## field's canonical name.

field-trip_id = trip ticket number
field-vehicle_id = vehicle
field-driver = driver
field-date_out = departure date
field-date_in = return date
field-odometer_out = odometer at departure
field-odometer_in = odometer at return
field-fuel_litres = litres of fuel drawn
field-voucher_no = fuel voucher number
field-destination = destination
field-approved_by = approved by
field-receipt_no = receipt number
field-date = fill date
field-vendor = vendor
field-station = station
field-fuel_type = fuel type
field-litres = litres
field-unit_price = unit price
field-amount = amount
field-odometer = odometer
field-legible = legible
field-invoice_no = invoice number
field-invoice_date = invoice date
field-line_no = line number
field-invoice_total = invoice total
field-tank_litres = tank capacity (litres)
field-l_per_100km = expected consumption (L/100 km)
field-valid_from = valid from
field-valid_to = valid to
