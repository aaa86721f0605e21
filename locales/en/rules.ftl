### The exception catalogue: what each rule says of what it found, why a rule did not run,
### and each rule's manual (fuelrecon rules CODE).
### Numbers, money and dates arrive already written for the language. Identifiers (receipt,
### invoice, trip and vehicle numbers) arrive as written in the documents.

## Placeholders for a value a document does not give.

msg-no-number = (no number)
msg-no-id = (no id)
msg-no-vendor = (no vendor)
msg-no-vehicle = (none)
msg-no-date = (no date)
msg-the-vendor = the vendor

## The document an exception is about, as a message names it ("the receipt", "Invoice X line N").
## $receipt, $invoice: numbers; $line (integer): the invoice line number.

msg-subject-receipt = Receipt { $receipt }
msg-subject-line = Invoice { $invoice } line { $line }

## The units of the data (`[units]`), written beside distances and quantities.

msg-unit-km = km
msg-unit-mi = mi
msg-unit-litre = L
msg-unit-gallon = gal

## The fuels fuelrecon recognises; others are written as the documents name them.

msg-fuel-diesel = diesel
msg-fuel-petrol = petrol

## How two documents were linked; ids end with the method's code in matches.csv.

msg-method-receipt_no = receipt_no
msg-method-fuzzy = fuzzy
msg-method-trip_id = trip_id
msg-method-voucher = voucher
msg-method-vehicle_date = vehicle_date

## Exception messages, one or more per rule. Each states what was expected and what was found.

# BILLED_TWICE
msg-billed-twice = Receipt { $receipt } is billed again: it was already billed on invoice { $invoice } line { $line }.

# BILLED_WITHOUT_RECEIPT; $why is one of the two clauses below.
msg-billed-without-receipt = Invoice { $invoice } line { $line } is not backed by a receipt: { $why }, and no unbilled receipt of the same vehicle, date and litres was found. A receipt is required before payment.
msg-billed-without-receipt-unknown = its receipt number { $number } matches no receipt of { $vendor }
msg-billed-without-receipt-no-number = it gives no receipt number

# AMOUNT_MISMATCH
msg-amount-mismatch = Invoice { $invoice } line { $line } bills { $billed }, but its receipt { $receipt } shows { $paid } (tolerance { $tolerance }).

# QUANTITY_MISMATCH
msg-quantity-mismatch = Invoice { $invoice } line { $line } bills { $billed } L, but its receipt { $receipt } shows { $delivered } L (tolerance { $tolerance } L).

# RECEIPT_NOT_BILLED
# RECEIPT_ALREADY_PAID; $line, $paid_line: integers; $paid_on: the date the earlier run was accepted.
msg-receipt-already-paid = Invoice { $invoice } line { $line } bills receipt { $receipt }, which was already paid on invoice { $paid_invoice } line { $paid_line } (accepted { $paid_on }).

msg-receipt-not-billed = Receipt { $receipt } of { $vendor } is not billed on any invoice line given to this run.

# RECEIPT_WITHOUT_TRIP; $days (integer): date_window_days.
msg-receipt-without-trip = No trip ticket matches receipt { $receipt }: none has its trip id or voucher, and vehicle { $vehicle } has no trip within { $days } day(s) of { $date }.

# DUPLICATE_DOCUMENT; $first: where the document was first seen (file:row).
msg-duplicate-trip = Trip ticket { $trip } appears again; it was first seen at { $first }.
msg-duplicate-receipt = Receipt { $receipt } of { $vendor } appears again; it was first seen at { $first }.
msg-duplicate-line = Invoice { $invoice } line { $line } of { $vendor } appears again; it was first seen at { $first }.

# TRIP_WITHOUT_RECEIPT; $fuel is one of the three clauses below, $vouchers the voucher clause
# or nothing.
msg-trip-without-receipt = Trip ticket { $trip } { $fuel }{ $vouchers }, but no receipt matched it by trip id, voucher, or vehicle and date; a receipt was expected.
msg-trip-records-litres = records { $litres } L of fuel
msg-trip-records-voucher = records a fuel voucher
msg-trip-requires-receipt = requires a receipt
msg-trip-vouchers = {" "}(voucher { $vouchers })

# ARITHMETIC_ERROR; $subject: msg-subject-receipt or msg-subject-line.
msg-arithmetic-error = { $subject }: { $litres } L × { $price } = { $expected }, but the amount given is { $amount }.
# $lines (integer): how many lines the invoice has.
msg-invoice-total = Invoice { $invoice }: its { $lines } line(s) add up to { $sum }, but the invoice total is { $total }.

# CONSUMPTION_OUTLIER; $period: the month, as YYYY-MM; $tolerance: a percentage.
msg-consumption-outlier = Vehicle { $vehicle } used { $bought } { $volume } for { $driven } { $distance } in { $period }: { $actual } { $volume }/100 { $distance }, against an expected { $expected } { $volume }/100 { $distance } (at most { $limit } with the { $tolerance }% tolerance).
# With miles and gallons the norm is in miles per gallon, and too few is the outlier.
msg-consumption-outlier-mpg = Vehicle { $vehicle } used { $bought } { $volume } for { $driven } { $distance } in { $period }: { $actual } mpg, against an expected { $expected } mpg (at least { $limit } with the { $tolerance }% tolerance).

# FUEL_TYPE_MISMATCH; $bought, $expected: fuel types as the documents name them.
msg-fuel-type-receipt = Receipt { $receipt } is for { $bought }, but vehicle { $vehicle } runs on { $expected }.
msg-fuel-type-line = Invoice { $invoice } line { $line } bills { $bought }, but vehicle { $vehicle } runs on { $expected }.

# MULTIPLE_FILLS; $position, $fills, $allowed: integers.
msg-multiple-fills = Receipt { $receipt } is fill { $position } of { $fills } for vehicle { $vehicle } on { $date }; at most { $allowed } a day are expected.

# ODOMETER_GAP
msg-odometer-gap = Trip ticket { $trip } of vehicle { $vehicle } starts at { $start } { $unit }, { $gap } { $unit } after its previous trip { $previous } ended at { $end } { $unit }; at most { $allowed } { $unit } were expected.

# ODOMETER_INCONSISTENT: each way readings disagree (SPEC §3.6). $unit: msg-unit-km or
# msg-unit-mi; $where, $previous_where, $first_where: msg-odometer-at-*; $around:
# msg-odometer-around-*.
msg-odometer-trip-backwards = Trip ticket { $trip } ends at { $end } { $unit }, below its start of { $start } { $unit }.
msg-odometer-receipt-outside-trip = Receipt { $receipt } reads { $reading } { $unit }, outside its trip { $trip }'s readings of { $start } to { $end } { $unit }.
msg-odometer-backwards = Vehicle { $vehicle }: { $reading } { $unit } on { $date } ({ $where }) is below the { $previous } { $unit } read on { $previous_date } ({ $previous_where }), which the later readings keep to; it is left out of the vehicle's odometer sequence.
msg-odometer-jump = Vehicle { $vehicle }: { $reading } { $unit } on { $date } ({ $where }) is out of line with { $around }; it is left out of the vehicle's odometer sequence.
msg-odometer-placeholder = Vehicle { $vehicle }: { $reading } { $unit } on { $date } ({ $where }) is a placeholder, not a reading; it is left out of the vehicle's odometer sequence.
msg-odometer-repeated = Vehicle { $vehicle }: { $reading } { $unit } on { $date } ({ $where }) repeats the reading of { $first_date } ({ $first_where }), though fuel was bought at both; it is left out of the vehicle's odometer sequence.
msg-odometer-at-trip-out = start of trip ticket { $trip }
msg-odometer-at-trip-in = end of trip ticket { $trip }
msg-odometer-at-receipt = receipt { $receipt }
msg-odometer-around-both = the readings around it: { $previous } { $unit } on { $previous_date } before, { $next } { $unit } on { $next_date } after
msg-odometer-around-before = the reading before it, { $previous } { $unit } on { $previous_date }
msg-odometer-around-after = the readings after it, from { $next } { $unit } on { $next_date }
msg-odometer-around-none = the vehicle's other readings

# OFF_HOURS_FILL; $time, $hours: times of day as HH:MM.
msg-off-hours-fill = Receipt { $receipt } is timed { $time }, outside the working hours { $hours }.

# POSSIBLE_DUPLICATE
msg-possible-duplicate = Receipt { $receipt } looks like a copy of receipt { $earlier }: same vehicle and day, { $litres } L for { $amount } against { $earlier_litres } L for { $earlier_amount }.

# PRICE_ABOVE_CONTRACT; $subject: msg-subject-receipt or msg-subject-line.
msg-price-above-contract = { $subject } charges { $price } per litre of { $fuel }, above the contract price of { $contract }.

# RECEIPT_OUTSIDE_TRIP; $method: a msg-method-… word; $days, $window (integers): days.
msg-receipt-outside-trip = Receipt { $receipt } names trip { $trip } (by { $method }) but is dated { $date }, { $days } day(s) outside the trip's { $from } to { $to }; at most { $window } day(s) were expected.

# TANK_CAPACITY_EXCEEDED; $tolerance: a percentage.
msg-tank-capacity-exceeded = Receipt { $receipt } puts { $litres } L into vehicle { $vehicle }, whose tank holds { $tank } L (at most { $limit } L with the { $tolerance }% tolerance).

# VEHICLE_MISMATCH; $method: a msg-method-… word.
msg-vehicle-mismatch-receipt = Receipt { $receipt } is for vehicle { $vehicle }, but its trip { $trip } (linked by { $method }) is for vehicle { $trip_vehicle }.
msg-vehicle-mismatch-line = Invoice { $invoice } line { $line } bills vehicle { $vehicle }, but its receipt { $receipt } (linked by { $method }) is for vehicle { $receipt_vehicle }.

# VOUCHER_SEQUENCE_GAP; $range: one voucher or msg-voucher-range; $missing (integer): how
# many numbers; $series: msg-voucher-range.
msg-voucher-gap = Voucher { $range } ({ $missing } number(s)) is missing from the series { $series } used on trip tickets and receipts.
msg-voucher-range = { $from } to { $to }

## MISSING_FIELD, UNREADABLE_FIELD, INVALID_VALUE. $document: a msg-doc-… word; $field: a
## msg-field-name-… word; $raw: the value as found; $expected: a msg-expected-… phrase.

msg-field-missing = The { $document }'s required field { $field } is blank; the { $document } cannot be verified without it.
msg-field-illegible = The { $document } is marked "{ $raw }" in the legible column: it is not fully readable, so it supports nothing until a readable copy is provided.
msg-field-unreadable = The { $document }'s field { $field } is unreadable ("{ $raw }"); a legible value was expected.
msg-field-invalid = The { $document }'s field { $field } holds "{ $raw }", which is not { $expected }.
msg-row-out-of-line = The { $document }'s row has cells beyond the file's last column ("{ $raw }"): its values may have shifted, as when a number is written with an unquoted comma (1,120.00), so none of them is taken as read.

msg-doc-trip = trip ticket
msg-doc-receipt = receipt
msg-doc-invoice_line = invoice line
msg-doc-vehicle = vehicle record
msg-doc-price = contract price

msg-expected-text = text
msg-expected-date = a date
msg-expected-datetime = a date, with or without a time
msg-expected-time = a time of day
msg-expected-number = a number
msg-expected-integer = a whole number
msg-expected-fuel = a fuel type
msg-expected-legibility = yes, no or partial

## A field as a field-problem message names it; ids end with the field's canonical name.
## English names the column as the files do; another language may use its field-… word.

msg-field-name-row = row
msg-field-name-trip_id = trip_id
msg-field-name-vehicle_id = vehicle_id
msg-field-name-driver = driver
msg-field-name-date_out = date_out
msg-field-name-date_in = date_in
msg-field-name-odometer_out = odometer_out
msg-field-name-odometer_in = odometer_in
msg-field-name-fuel_litres = fuel_litres
msg-field-name-voucher_no = voucher_no
msg-field-name-destination = destination
msg-field-name-approved_by = approved_by
msg-field-name-receipt_no = receipt_no
msg-field-name-date = date
msg-field-name-time = time
msg-field-name-vendor = vendor
msg-field-name-station = station
msg-field-name-fuel_type = fuel_type
msg-field-name-litres = litres
msg-field-name-unit_price = unit_price
msg-field-name-amount = amount
msg-field-name-odometer = odometer
msg-field-name-legible = legible
msg-field-name-invoice_no = invoice_no
msg-field-name-invoice_date = invoice_date
msg-field-name-line_no = line_no
msg-field-name-invoice_total = invoice_total
msg-field-name-tank_litres = tank_litres
msg-field-name-l_per_100km = l_per_100km
msg-field-name-valid_from = valid_from
msg-field-name-valid_to = valid_to

## Why a rule did not run (summary.json "rules_not_run"). $kind, $first, $second: msg-kind-…
## words naming the kinds of input file.

not-run-no-file = no { $kind } file was given
not-run-no-files = no { $first } or { $second } file was given
msg-kind-trips = trips
msg-kind-receipts = receipts
msg-kind-invoices = invoices
msg-kind-vehicles = vehicles
msg-kind-prices = prices
not-run-no-unit-prices = the data holds no unit prices and no invoice totals
not-run-no-consumption = the vehicles file gives no l_per_100km
not-run-no-fuel-type = the vehicles file gives no fuel_type
not-run-no-ledger = no ledger was given (--ledger, or ledger in the config)
not-run-no-tank = the vehicles file gives no tank_litres
not-run-no-working-hours = working_hours is not set in the config
not-run-no-contract-price = the prices file holds no readable contract price
not-run-no-vouchers = no trip ticket or receipt gives a voucher number

## The manual of each rule (fuelrecon rules CODE): rule-CODE has a one-line .summary and the
## four sections printed under the headings below.

rule-heading-catches = What it catches
rule-heading-matters = Why it matters to an auditor
rule-heading-example = Example
rule-heading-at-risk = Amount at risk

rule-MISSING_FIELD =
    .summary = a required field is blank
    .catches =
        A required field left blank: a trip ticket without a driver, a receipt without litres,
        an invoice line without its invoice number.
    .matters =
        A document with a blank required field cannot be verified; the audit that fuelrecon
        answers found most trip tickets incomplete in exactly this way.
    .example =
        Receipt R-1042 has no vehicle: nothing says which vehicle took the fuel.
    .at-risk =
        0, except on an invoice line, where it is the line's amount: an incomplete line is not
        payable as billed; and on a receipt without an amount, where it is what is billed on
        the receipt: nothing shows what was paid at the pump.

rule-UNREADABLE_FIELD =
    .summary = a field is unreadable, or the receipt is not legible
    .catches =
        A value marked unreadable (`?`, `illegible`, `illisible`, `###`, a spreadsheet error such
        as `#N/A`), or a receipt whose `legible` column says it is not (fully) readable.
    .matters =
        An unreadable receipt supports nothing: the litres, the amount or the vehicle on it
        cannot be checked.
    .example =
        Receipt R-1042 has `legible = non`; invoice INV-7 line 3 has amount `#VALUE!`.
    .at-risk =
        The receipt's amount, for a receipt (what is billed on it, when the amount itself is
        unreadable); 0 for other documents.

rule-INVALID_VALUE =
    .summary = a value cannot be parsed as its type
    .catches =
        A value that cannot be read as its type: `12O,5` litres (a letter O), `31/02/2020`; or
        a row with cells beyond the file's last column, whose values may have shifted.
    .matters =
        The value is kept as written, but no rule can use it, so the document is not verified.
    .example =
        Trip T-17 has odometer_in `45 2O0`.
    .at-risk =
        0, except on a receipt whose amount is invalid or whose row is out of line (cells
        beyond the file's last column), where it is what is billed on the receipt: a receipt
        that does not show what was paid backs no line that bills it; and on an invoice line
        whose row is out of line, where it is the line's amount.

rule-DUPLICATE_DOCUMENT =
    .summary = the same document id appears twice within one document type
    .catches =
        The same document twice within one document type: a trip ticket number used twice, a
        receipt number of one vendor submitted twice, an invoice line (invoice number and line
        number of one vendor) billed twice. Ids are compared normalised (`R-001` is `r001`).
    .matters =
        A repeated document is the simplest way to be paid twice, or to justify fuel twice.
    .example =
        Receipt 000123 of Total appears on rows 4 and 19 of receipts.csv.
    .at-risk =
        The amount of the repeat (0 for a trip ticket).

rule-TRIP_WITHOUT_RECEIPT =
    .summary = a trip ticket that records fuel has no matching receipt
    .catches =
        A trip ticket that records fuel (litres drawn or a voucher number), or any trip ticket
        with `require_receipt = "always"`, that no receipt matched by trip id, voucher or
        vehicle and date.
    .matters =
        Fuel recorded on a trip without a receipt is fuel nobody can show was delivered to that
        vehicle: the finding at the root of the audit this tool answers.
    .example =
        Trip T-0412 drew 60 L on voucher B-2291, and no receipt names T-0412, B-2291 or
        vehicle UN-1234 on that day.
    .at-risk =
        The trip's litres × the average price per litre of the run's receipts, when both are
        known; else 0.

rule-RECEIPT_WITHOUT_TRIP =
    .summary = no trip ticket matched a receipt
    .catches =
        A receipt that no trip ticket matched: not by its trip id, not by its voucher, not by
        the same vehicle travelling on that date (± `date_window_days`).
    .matters =
        Fuel bought for a vehicle that, on paper, was not travelling may have gone elsewhere.
    .example =
        Receipt R-88 fills UN-1234 on 12 March; UN-1234 has no trip ticket from 11 to 13 March.
    .at-risk =
        0: the receipt itself may be genuine; the missing trip ticket is what needs finding.

rule-BILLED_WITHOUT_RECEIPT =
    .summary = an invoice line has no matching receipt
    .catches =
        An invoice line that no receipt backs: its receipt number matches no receipt of the same
        vendor, and no unbilled receipt of the same vendor, vehicle, date (± `date_window_days`)
        and litres (± `litres_tolerance`) was found either.
    .matters =
        Paying a line without a receipt is paying on the vendor's word alone: the control the
        audit found missing.
    .example =
        Invoice F-2020-031 line 4 bills receipt 55012, and Total has no receipt 55012.
    .at-risk =
        The line's amount.

rule-BILLED_TWICE =
    .summary = a receipt is billed on more than one invoice line
    .catches =
        An invoice line whose receipt is also billed on an earlier line, of the same invoice or
        another one (earlier by invoice date, invoice number and line number).
    .matters =
        One fill paid twice. It happens by mistake when invoices overlap months, and on purpose
        when nobody checks.
    .example =
        Receipt 55012 is billed on F-031 line 4 and again on F-045 line 1.
    .at-risk =
        The later line's amount.

rule-AMOUNT_MISMATCH =
    .summary = the billed amount differs from the receipt's
    .catches =
        An invoice line that bills a different amount from its receipt's, by more than
        `amount_tolerance` percent (and at least one unit of the smallest denomination the data
        uses).
    .matters =
        The receipt is what the driver saw paid at the pump; an invoice above it is an
        overcharge, whatever the reason.
    .example =
        Receipt 55012 shows 30 000 FCFA; invoice line F-031/4 bills 33 000 FCFA.
    .at-risk =
        Billed minus receipt amount, when positive.

rule-QUANTITY_MISMATCH =
    .summary = the billed litres differ from the receipt's
    .catches =
        An invoice line that bills different litres from its receipt's, by more than
        `litres_tolerance`.
    .matters =
        Litres are what the vehicle received; billing more litres than were delivered is an
        overcharge even when the price is right.
    .example =
        Receipt 55012 shows 40 L; invoice line F-031/4 bills 45 L.
    .at-risk =
        (Billed − receipt litres) × the line's price per litre, when positive.

rule-PRICE_ABOVE_CONTRACT =
    .summary = the price per litre is above the contract price
    .catches =
        A receipt or invoice line whose price per litre is above the contract price for its
        vendor, fuel type and date (plus the vendor's `price_tolerance`, 0 unless set). The
        fuel type is the record's own, else its vehicle's; the price is the unit price given,
        else amount ÷ litres.
    .matters =
        The contract fixes the price; every litre above it is money the vendor is not owed.
    .example =
        The contract says diesel at 655 FCFA/L from 1 March; line F-031/4 bills 700 FCFA/L.
    .at-risk =
        (Price − contract price) × litres.

rule-ARITHMETIC_ERROR =
    .summary = litres × unit price, or the sum of lines, does not match the amount
    .catches =
        Sums that do not add up: on a receipt or an invoice line, litres × unit price differs
        from the amount by more than `amount_tolerance`; on an invoice, its lines do not add up
        to the invoice total (when the file gives one).
    .matters =
        A wrong multiplication or addition on a vendor's document is an overcharge whether it is
        a mistake or not, and it is invisible unless someone redoes the sum.
    .example =
        40 L × 650 = 26 000, but the line says 27 000.
    .at-risk =
        The excess: amount − litres × price, or invoice total − sum of lines, when positive.

rule-RECEIPT_NOT_BILLED =
    .summary = no invoice line bills a receipt
    .catches =
        A receipt that no invoice line bills.
    .matters =
        Usually nothing: the vendor will bill it next month. But a receipt that is never billed
        may have been paid some other way (cash, a fuel card), and should be accounted for.
    .example =
        Receipt 55090 of 29 March appears on no invoice of March.
    .at-risk =
        0.

rule-TANK_CAPACITY_EXCEEDED =
    .summary = a fill larger than the vehicle's tank
    .catches =
        A receipt for more litres than the vehicle's tank holds, beyond `tank_tolerance`
        percent (pumps and tank labels are not exact).
    .matters =
        Fuel that cannot fit in the tank went somewhere else: into jerrycans, another vehicle,
        or nowhere at all.
    .example =
        UN-1234 has an 80 L tank; receipt 55012 puts 95 L into it.
    .at-risk =
        (Litres − tank capacity) × the receipt's price per litre.

rule-CONSUMPTION_OUTLIER =
    .summary = a vehicle's fuel use per km is far above its expected consumption
    .catches =
        A vehicle that, over a calendar month, used more fuel per 100 km than its expected
        `l_per_100km` by more than `consumption_tolerance` percent. Litres are those of its
        receipts (or of its trip tickets when it has no receipts); kilometres are those of its
        trip tickets' odometers (or, with no trips, the span of its receipts' odometers, with the
        litres bought after the first reading, since the first fill paid for earlier driving).
        Readings left out of the vehicle's odometer sequence count no distance. In the data's
        units (`[units]`): with miles and gallons, `l_per_100km` is read as the vehicle's mpg,
        and too few miles per gallon is the outlier.
    .matters =
        Fuel that the kilometres do not explain is the classic sign of siphoning or of fills
        for other vehicles.
    .example =
        UN-1234 is expected to use 12 L/100 km; in March it bought 600 L for 2 000 km (30 L/100 km).
    .at-risk =
        (Litres − kilometres × expected consumption ÷ 100) × the run's average price per litre.

rule-ODOMETER_INCONSISTENT =
    .summary = odometer readings go backwards, jump, repeat or are placeholders
    .catches =
        Odometer readings that cannot all be true. A vehicle's readings (its trip tickets' start
        and end, its receipts') are judged as one sequence, by date, and the reading out of line
        is the one raised and left out, so the good reading after a typo is not blamed:
        a reading below the one before it that the later readings keep to; a jump out of line
        with the readings around it, or further than `max_km_per_day` allows for the days
        between; a placeholder (0, or one of `odometer_placeholders`: 1234, 99999…); a receipt
        repeating the reading of an earlier day's receipt. Besides: a trip that ends below its
        start, and a receipt whose reading lies outside its linked trip's. The message says
        which case it is. Distances (ODOMETER_GAP, CONSUMPTION_OUTLIER) are measured without
        the readings left out.
    .matters =
        Kilometres are what justify fuel. Readings that go backwards, jump or repeat mean the
        trip tickets or receipts were written after the fact, copied, or typed without looking
        at the odometer.
    .example =
        UN-1234's receipts read 28 600, 333 695, 28 716 km on three days: the 333 695 is
        raised, not the 28 716 after it.
    .at-risk =
        0.

rule-ODOMETER_GAP =
    .summary = kilometres between two trips that no trip ticket logs
    .catches =
        A trip that starts more than `odometer_gap_km` above where the vehicle's previous trip
        ended: kilometres driven with no trip ticket. Where either reading was left out of the
        vehicle's odometer sequence (ODOMETER_INCONSISTENT), where the vehicle was is not known,
        and no gap is raised.
    .matters =
        Unlogged kilometres are unlogged use of the vehicle, and the fuel for them is justified
        by nothing.
    .example =
        UN-1234's trip of 4 March ends at 45 100 km; its next trip starts at 45 380 km.
    .at-risk =
        0.

rule-FUEL_TYPE_MISMATCH =
    .summary = the fuel bought is not the vehicle's fuel type
    .catches =
        A receipt or invoice line for a fuel the vehicle does not use: petrol for a diesel
        vehicle, say. Fuel names are folded first (gasoil, gazole and DSL are diesel; essence,
        super and SP95 are petrol).
    .matters =
        A diesel vehicle cannot run on petrol: the fuel went into another vehicle or a can.
    .example =
        UN-1234 runs on diesel; receipt 55012 is for 40 L of super.
    .at-risk =
        The receipt's or line's amount.

rule-RECEIPT_OUTSIDE_TRIP =
    .summary = a receipt is dated outside the trip it names
    .catches =
        A receipt linked to a trip by its trip id or voucher, but dated outside the trip's
        departure and return dates by more than `date_window_days`.
    .matters =
        A receipt that names a trip it could not have been bought on was attached to the
        paperwork afterwards, to justify a fill that belongs elsewhere.
    .example =
        Receipt 55012 names trip T-0412 (4–6 March) but is dated 19 March.
    .at-risk =
        0.

rule-VEHICLE_MISMATCH =
    .summary = linked documents name different vehicles
    .catches =
        A receipt whose linked trip ticket is for another vehicle, or an invoice line whose
        linked receipt names another vehicle.
    .matters =
        The paperwork says one vehicle travelled and another was fuelled: one of the two
        documents is wrong, and the fuel may not have gone to a fleet vehicle at all.
    .example =
        Receipt 55012 (UN-1234) names trip T-0412, which is a trip of UN-0999.
    .at-risk =
        The receipt's or line's amount.

rule-MULTIPLE_FILLS =
    .summary = a vehicle is filled more times in a day than allowed
    .catches =
        More than `max_fills_per_day` receipts for one vehicle on one day; raised on each fill
        beyond the allowed number (by time, then content).
    .matters =
        A vehicle rarely needs several full tanks in a day; repeated fills are a sign of fuel
        taken for something else.
    .example =
        UN-1234 has receipts at 08:10, 12:40 and 17:05 on 5 March.
    .at-risk =
        0.

rule-POSSIBLE_DUPLICATE =
    .summary = two receipts with different numbers look like one fill
    .catches =
        Two receipts with different numbers for the same vehicle on the same day, with litres
        within `litres_tolerance` and amounts within `amount_tolerance` of each other: a receipt
        copied or resubmitted under a new number. Raised on the later one (by time, then
        content). Not raised when what both receipts record shows two fills: times more than
        `duplicate_window_minutes` apart, odometers more than `odometer_gap_km` apart, or
        different stations or vendors. Odometers that agree outweigh times far apart: a vehicle
        that did not move cannot have burnt the first fill before the second.
    .matters =
        A duplicate with a fresh number escapes the duplicate-number check and is paid twice.
    .example =
        Receipts 55012 and 55019, both UN-1234 on 5 March, both 40 L for 26 000 FCFA.
    .at-risk =
        The later receipt's amount.

rule-OFF_HOURS_FILL =
    .summary = a fill outside working hours
    .catches =
        A receipt timed outside the `working_hours` of the config (`"06:00-18:00"`; a range
        such as `"22:00-06:00"` runs over midnight). It runs only when working hours are set,
        and only on receipts that give a time.
    .matters =
        Official vehicles fill up during official hours; fills at night or at dawn deserve a
        question.
    .example =
        Receipt 55012 is timed 23:40 with working hours 06:00–18:00.
    .at-risk =
        0.

rule-VOUCHER_SEQUENCE_GAP =
    .summary = voucher numbers missing inside a series
    .catches =
        Numbers missing inside a run of fuel voucher numbers that share a prefix, taken from the
        voucher numbers of trip tickets and receipts together (`B-0101`, `B-0102`, `B-0104`:
        `B-0103` is missing). One exception per gap.
    .matters =
        Vouchers are pre-numbered so that every one can be accounted for; a missing number is a
        voucher used without paperwork, or lost, or voided without record.
    .example =
        Series B: 0101 to 0140 are used, except 0117 and 0118.
    .at-risk =
        0.

## NON_FUEL_PURCHASE, DATE_OUT_OF_PERIOD, UNMATCHED_CREDIT: their messages and manuals.

msg-subject-trip = Trip ticket { $trip }

# NON_FUEL_PURCHASE; $subject: msg-subject-receipt or msg-subject-line; $product: as the
# document names it.
msg-non-fuel-purchase = { $subject } is for { $product }, which is not fuel; only fuel may be bought on the fuel card or billed as fuel.

# DATE_OUT_OF_PERIOD; $subject: msg-subject-trip, msg-subject-receipt or msg-subject-line;
# $period: the month, as YYYY-MM; $days, $window (integers): days.
msg-date-out-of-period = { $subject } is dated { $date }, { $days } day(s) outside the period { $period }; at most { $window } day(s) were expected.
msg-date-out-of-span = { $subject } is dated { $date }, outside the run's own dates: { $from } to { $to } (their 1st to 99th percentile, widened by 31 days each side).
msg-date-after-invoice = Receipt { $receipt } is dated { $date }, { $days } day(s) after invoice { $invoice } of { $invoice_date } that bills it.

# UNMATCHED_CREDIT; $subject: msg-subject-receipt or msg-subject-line; $amount: negative.
msg-unmatched-credit = { $subject } is a credit of { $amount }, but no earlier receipt or line of { $vendor } with the same number and at least that amount is there for it to reverse.

rule-NON_FUEL_PURCHASE =
    .summary = a car wash, shop item or lubricant bought on the fuel card or billed as fuel
    .catches =
        A receipt or invoice line whose product is not fuel: a car wash, merchandise, a shop
        item, oil or lubricant, AdBlue/DEF, and the words `[fuel_types] non_fuel` adds. Such a
        line is kept out of every fuel check (litres, tank, consumption, fuel type, contract
        price), and a car wash rung up under the transaction number of a fill is not taken for
        a copy of the fill.
    .matters =
        A fuel card pays for fuel. What else it buys is either allowed by a policy, and then
        should be accounted for apart, or it is private spending on the organisation's card.
    .example =
        Card transaction 5531207: 15.20 gal of UNL for 41.04, and under the same number a car
        wash for 8.00.
    .at-risk =
        The amount of the receipt or line.

rule-DATE_OUT_OF_PERIOD =
    .summary = a document is dated outside the period reconciled
    .catches =
        A trip ticket, receipt or invoice line dated outside the month the run reconciles
        (`period = "2024-03"` in the config, or `--period 2024-03`) by more than
        `date_window_days`. Without a period: dated outside the run's own dates, from their 1st
        to their 99th percentile widened by 31 days each side, so that a year's export flags
        only its strays. Also a receipt dated, by more than `date_window_days`, after the
        invoice that bills it. Invoice lines are judged by their fill date, not the invoice
        date.
    .matters =
        A date far from the others is a typing error (a day and month swapped, a wrong year) or
        a document from another period billed in this one, where it may already have been paid.
        A receipt dated after its invoice bills fuel not yet bought when the invoice was issued.
    .example =
        In a 2017 card export, a fill dated 10/05/1999.
    .at-risk =
        0, or the line's amount for an invoice line. The rule is low on trip tickets, which
        move no money.

rule-UNMATCHED_CREDIT =
    .summary = a credit or reversal with nothing to net against
    .catches =
        A receipt or invoice line with a negative amount (a credit, a reversal, a discount)
        that finds no earlier receipt or line of the same vendor and number whose amount it
        does not exceed. A credit that does find one is netted against it: the pair is neither
        billed twice nor a duplicate, and the line's billed amount is the net.
    .matters =
        A credit normally reverses a sale in the same records. One without its sale reverses
        something this run does not hold (another month, another card), or reverses a sale that
        was never recorded; either way the netted figures need a look.
    .example =
        Card transaction 5531980: -0.02, and no transaction 5531980 before it.
    .at-risk =
        0: the money goes the organisation's way.
rule-RECEIPT_ALREADY_PAID =
    .summary = a receipt paid in an accepted earlier run is billed again
    .catches =
        With a ledger: an invoice line whose receipt (its number and vendor) was paid in a run
        accepted earlier, or by a dispute resolved as paid.
    .matters =
        A receipt paid in March and billed again in April passes every check of April alone:
        only the ledger remembers that it was paid.
    .example =
        Receipt 55012, paid on F-031 line 4 in March, is billed again on F-045 line 1 in April.
    .at-risk =
        The line's amount.
