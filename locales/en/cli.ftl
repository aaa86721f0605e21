### The command line's own words: help, progress, summaries and errors of every command.

## The language asked for (--lang, or lang in the config) is not one fuelrecon has.
## $code: what was asked; $available: the codes it has, comma-separated.

cli-unknown-language = unknown language "{ $code }": use one of { $available }

## The last lines of `fuelrecon reconcile`: the headline, then the money (SPEC §6.1).
## $documented, $trips: counts; $exceptions: a count; $out: the report folder.

cli-reconcile-done = documented: { $documented } of { $trips } trip tickets; { $money }; { $exceptions } exception(s); report in { $out }

## $invoiced, $supported, $at_risk, $unverified: amounts.
cli-money-invoices = invoiced { $invoiced }, supported { $supported }, at risk { $at_risk }, unverified { $unverified }

## A run without invoices: $total, $flagged: amounts.
cli-money-receipts = no invoices: receipts total { $total }, flagged { $flagged }
cli-money-none = no invoices or receipts: no money checked

## Invoices given without receipts: $unverified: an amount.
cli-invoices-not-checked = The invoices were NOT checked against receipts (no receipts file was given): { $unverified } is unverified and none of it is supported.

## A date column that fits both orders and that nothing fixed (SPEC §2.2).
## $file; $column: a letter; $header; $field; $count: values that would read differently.
cli-ambiguous-dates-day-first = { $file }: column { $column } ("{ $header }", { $field }) has dates that fit both orders; read day first, { $count } value(s) would be other dates read month first: if that is wrong, set [reading] date_order in the config
cli-ambiguous-dates-month-first = { $file }: column { $column } ("{ $header }", { $field }) has dates that fit both orders; read month first, { $count } value(s) would be other dates read day first: if that is wrong, set [reading] date_order in the config

## `fuelrecon check`, in text. $source: the file (and sheet); $kind: trips, receipts…; the
## counts; $header: the header's row.
cli-check-file = { $source } ({ $kind }): { $read } rows read, { $loaded } loaded, { $blank } blank{ $totals ->
    [0] {""}
   *[other] , { $totals } totals
}; header at row { $header }; { $problems } problem(s)
## $columns: "Header (letter)", comma-separated.
cli-check-unused = unused columns: { $columns }
## $conventions: the phrases below, comma-separated.
cli-check-read-with = read with { $conventions }
cli-check-delimiter = delimiter '{ $delimiter }'
cli-check-encoding = encoding { $encoding }
## $mark: . or ,; $by: what decided it.
cli-check-decimal-mark = decimal mark { $mark } (by { $by })
cli-check-day-first = dates day first (by { $by })
cli-check-month-first = dates month first (by { $by })
cli-check-by-evidence = the file's own values
cli-check-by-config = the config
cli-check-by-default = default
## $words: "word (count)", comma-separated.
cli-check-unknown-fuels = unknown fuel words, never compared until mapped in [fuel_types]: { $words }

## Progress on a terminal.
cli-progress-reading = reading { $files } file(s)
## $file: the file being read; $rows: rows so far (the first pass settles each column's conventions).
cli-progress-rereading = { $file }: reading again with the conventions all its rows show, { $rows } rows
cli-progress-loading = { $file }: { $rows } rows read
cli-progress-linking = linking invoice lines, receipts and trip tickets
cli-progress-rules = running the rules
cli-progress-writing = writing { $out }

## A file's rows taken for totals (no id, no date, a cell saying TOTAL). $count: how many;
## $rows: the first few row numbers; $more: how many more.
cli-totals-rows = { $file }: { $count ->
    [one] row { $rows } sums the rows above it (no id, no date, a cell saying total): it is not read as a document
   *[other] rows { $rows }{ $more ->
        [0] {""}
       *[other] {" "}and { $more } more
    } sum the rows above them (no id, no date, a cell saying total): they are not read as documents
}
