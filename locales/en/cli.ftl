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
