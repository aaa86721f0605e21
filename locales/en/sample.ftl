### Audit sampling (SPEC §7): the workpaper (sample.html), the evaluation (evaluation.html) and
### what `fuelrecon sample` and `fuelrecon evaluate` print.

## Page titles.
sample-title = Audit sample: workpaper
evaluation-title = Audit sample: evaluation

## The population. $file: the report file read; $sha: its SHA-256.
sample-population = Population
sample-population-exceptions = exceptions
sample-population-trips = trip tickets
sample-population-receipts = receipts
sample-population-invoice-lines = invoice lines
sample-population-file = read from { $file } (SHA-256 { $sha })
sample-filter = Filter
sample-filter-none = none: every item of the report
## $codes: comma-separated exception codes.
sample-filter-codes = exception codes { $codes }
## $severity: a severity's name, already in the language.
sample-filter-severity = severity { $severity } or higher
sample-count = Number of items
sample-value = Book value
sample-value-litres = Litres (trip tickets carry no amounts)
## $count: items of zero or negative value, which an amount-weighted selection cannot reach.
sample-not-selectable = { $count ->
    [one] One item of zero or negative value cannot be selected by amount: examine it separately.
   *[other] { $count } items of zero or negative value cannot be selected by amount: examine them separately.
}

## The method and the size computation.
sample-method = Method
sample-method-random = simple random sampling, without replacement (attribute sample)
sample-method-mus = monetary-unit sampling: probability proportional to amount, systematic selection from a random start
sample-size = Sample size
sample-basis-fixed = set by the auditor (--size)
sample-basis-attribute = the smallest n for which the binomial probability of at most K deviations, when the true rate is the tolerable rate T, is at most 1 − c: P(X ≤ K; n, T) ≤ 1 − c
sample-basis-monetary = the smallest n for which the Poisson probability of at most K misstatements, at a mean of n × TM ÷ V, is at most 1 − c; with F the Poisson factor for K, n = ⌈F × V ÷ TM⌉
sample-n = n = { $size }
sample-confidence = Confidence level (c)
sample-tolerable-rate = Tolerable deviation rate (T)
sample-tolerable-amount = Tolerable misstatement, materiality threshold (TM)
## $written: what the auditor typed, e.g. 5%.
sample-tolerable-written = given as { $written } of the population's value
sample-expected = Expected deviations (K)
sample-factor = Poisson factor F for K (the mean m with P(X ≤ K; m) = 1 − c)
sample-interval = Sampling interval (J = V ÷ n)
sample-census = The planned size covers the whole population: every item is taken.
sample-seed = Seed
sample-seed-note = Generator ChaCha20, seeded with this number: the same report, options and seed draw the same items on any machine.
## $percent: a percentage, already written for the language.
sample-percent = { $percent } %

## The selected items.
sample-selected = Selected items
sample-instructions = For each item, check the documents listed, then write ok or deviation in the result column of sample.csv (and, for a monetary-unit sample, the amount found in audited_amount). Only those columns and the note may change. Then run: fuelrecon evaluate --sample sample.csv
sample-col-row = No.
sample-col-selection = Selection
sample-col-item = Item and evidence to check
sample-col-value = Book value
sample-col-result = Result
sample-col-note = Note
sample-selection-random = random
sample-selection-unit = selection point
sample-selection-certain = taken with certainty (at or above the interval)
sample-source = Source
## Before a sampled row's source file and row.
sample-source-label = Source:
sample-linked = Linked documents
sample-evidence = Evidence
sample-field-billed = amount billed
sample-field-status = status
sample-field-id = exception id
sample-field-code = exception code
sample-field-amount_at_risk = amount at risk

## The evaluation.
evaluation-results = Results recorded
evaluation-deviations = Deviations found
evaluation-upper-rate = Upper deviation limit (exact binomial, one-sided: the rate p with P(X ≤ k; n, p) = 1 − c)
evaluation-basic-precision = Basic precision (J × F(0))
## $tainting: a percentage, already written.
evaluation-tainting = Tainting { $tainting } %: incremental allowance
evaluation-certain = Misstatement found in items taken with certainty (not projected)
evaluation-projected = Projected misstatement
evaluation-understatement = Projected understatement (reported apart; the limit bounds overstatement)
evaluation-upper-misstatement = Upper misstatement limit (cell evaluation, Stringer bound)
evaluation-accept = The population can be accepted: the upper limit does not exceed the tolerable.
evaluation-reject = The population cannot be accepted: the upper limit exceeds the tolerable.
evaluation-no-tolerable = No tolerable was planned (--size alone): the sample gives a limit, not a conclusion.
evaluation-col-audited = Audited amount
evaluation-result-ok = ok
evaluation-result-deviation = deviation

## What the commands print. $population: the population's name; $folder: where the files are.
cli-sample-plan = { $population }: { $count } items; sample size n = { $size } ({ $method })
cli-sample-drawn = { $selected ->
    [one] One item drawn with seed { $seed }; workpaper and sheet in { $folder }
   *[other] { $selected } items drawn with seed { $seed }; workpaper and sheet in { $folder }
}
cli-sample-seed-drawn = No --seed given: drew seed { $seed } (give --seed { $seed } to draw this sample again).
## $limit and $confidence: percentages, already written.
cli-evaluate-attribute = { $deviations } deviation(s) in { $size } items; upper deviation limit { $limit } % at { $confidence } % confidence.
## $projected and $limit: amounts, already written.
cli-evaluate-monetary = { $deviations } misstatement(s) in { $size } items; projected misstatement { $projected }; upper misstatement limit { $limit } at { $confidence } % confidence.
cli-evaluate-written = Evaluation written to { $file }
