### index.html and the report files: headline, tables, charts, the exceptions browser.

## index.html (SPEC §6.2).
report-title = Fuel reconciliation
## $date: when the report was generated (ISO).
report-generated = Generated { $date }
## $currency: the currency code of the amounts.
report-currency = amounts in { $currency }
report-documented-label = Documented trip tickets
## $documented, $trips: counts.
report-documented = { $documented } of { $trips }
## summary.json's headline. $documented, $trips: counts.
summary-headline = documented: { $documented } of { $trips } trip tickets
report-invoiced = Invoiced
report-supported = Supported (to pay)
report-at-risk = At risk (withheld)
report-unverified = Unverified
report-receipts-total = Receipts total
report-receipts-flagged = Flagged on receipts
## $amount: the unverified amount, formatted.
report-not-checked = The invoices were NOT checked against receipts (no receipts file was given): { $amount } is unverified, and none of it is supported.
## $count: the number of exceptions.
report-exceptions-count = { $count ->
    [one] This run raised one exception.
   *[other] This run raised { $count } exceptions.
}
report-by-vendor = Per vendor
report-letter = Dispute letter
report-open-letter = open the letter
report-by-invoice = Per invoice
report-total = Total
report-documented-share = Documented trip tickets: who is not bringing receipts back (least documented first)
report-by-vehicle = Per vehicle
report-by-driver = Per driver
report-unknown = (not given)
report-by-month = Per month
report-charts = Charts
report-chart-by-code = Exceptions by code
report-chart-by-vendor = Amount at risk by vendor
report-chart-by-vehicle = Amount at risk by vehicle
report-chart-consumption = Litres per 100 km per vehicle (the line marks its norm; red is above it)
report-chart-consumption-mpg = Miles per gallon per vehicle (the line marks its norm; red is below it)
## $count: bars left out.
report-chart-more = and { $count } more
report-chart-empty = Nothing to show.
report-exceptions = Exceptions
report-filter-code = Code
report-filter-all = all
report-filter-severity = Severity
report-filter-text = Search
report-shown = exceptions shown
## $code; $shown, $total: counts.
report-cut = { $code }: the first { $shown } of { $total }.
report-col-id = Id
report-col-code = Code
report-col-message = What was found
report-trace = Trace: the documents, the evidence, the rule
## Before a source file and row, in an exception's trace.
report-source-label = Source:
report-evidence = Evidence
report-rest-in-csv = The page holds the first exceptions of each code; every exception is in exceptions.csv and exceptions.json.
report-invoices-cut = The { $shown } invoices with the most at risk are shown, of { $total }; every invoice is in summary.json (money_by_invoice) and lines.csv.
report-share-cut = The { $shown } least documented of { $total } are shown; all are in summary.json and trips.csv.
report-run = What this run used
report-not-run = Rules that did not run
report-inputs = Inputs
report-input-kind = Kind
report-input-path = File
report-input-size = Bytes
report-settings = Settings used
