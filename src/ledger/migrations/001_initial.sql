-- The first ledger schema. Plain SQL that SQLite and PostgreSQL both accept: TEXT and BIGINT
-- only, amounts as decimal strings (see src/ledger/schema.rs for why), dates as ISO text.
-- Facts are stored once: a dispute or a payment points at the invoice line it concerns, and
-- a dispute's "opened on" is its run's date.

-- One row per accepted reconcile run. run_id is the SHA-256 over the run's input hashes,
-- sorted: the same inputs are the same run, whichever folder the report was written to.
CREATE TABLE runs (
    run_id       TEXT PRIMARY KEY,
    run_date     TEXT NOT NULL,
    generated_at TEXT NOT NULL,
    report_dir   TEXT NOT NULL,
    tool_version TEXT NOT NULL,
    lang         TEXT NOT NULL,
    accepted_by  TEXT NOT NULL,
    accepted_at  TEXT NOT NULL
);

-- The inputs of a run, as its manifest.json listed them.
CREATE TABLE run_inputs (
    run_id   TEXT NOT NULL REFERENCES runs (run_id),
    position BIGINT NOT NULL,
    path     TEXT NOT NULL,
    kind     TEXT NOT NULL,
    size     BIGINT NOT NULL,
    sha256   TEXT NOT NULL,
    PRIMARY KEY (run_id, position)
);

-- Every invoice line of an accepted run, as its lines.csv said (row_no: the row there).
-- vendor_key and receipt_key are fold_name(vendor) and normalise_id(linked receipt, else
-- the receipt number billed); receipt_key is '' when the line names no receipt.
CREATE TABLE invoice_lines (
    run_id         TEXT NOT NULL REFERENCES runs (run_id),
    row_no         BIGINT NOT NULL,
    invoice_no     TEXT NOT NULL,
    line_no        BIGINT NOT NULL,
    vendor         TEXT NOT NULL,
    vendor_key     TEXT NOT NULL,
    invoice_date   TEXT NOT NULL,
    receipt_no     TEXT NOT NULL,
    linked_receipt TEXT NOT NULL,
    receipt_key    TEXT NOT NULL,
    vehicle_id     TEXT NOT NULL,
    fill_date      TEXT NOT NULL,
    litres         TEXT NOT NULL,
    billed         TEXT NOT NULL,
    accepted       TEXT NOT NULL,
    withheld       TEXT NOT NULL,
    unverified     TEXT NOT NULL,
    status         TEXT NOT NULL,
    codes          TEXT NOT NULL,
    reasons        TEXT NOT NULL,
    exception_ids  TEXT NOT NULL,
    source         TEXT NOT NULL,
    PRIMARY KEY (run_id, row_no)
);
CREATE INDEX invoice_lines_by_receipt ON invoice_lines (vendor_key, receipt_key);

-- A withheld amount still owed or contested: one per invoice line with withheld > 0.
-- dispute_id is the number people quote ("D-12"); the writer holds the ledger's write lock
-- while it numbers, so numbers are never shared.
CREATE TABLE disputes (
    dispute_id BIGINT PRIMARY KEY,
    run_id     TEXT NOT NULL,
    row_no     BIGINT NOT NULL,
    UNIQUE (run_id, row_no),
    FOREIGN KEY (run_id, row_no) REFERENCES invoice_lines (run_id, row_no)
);

-- How a dispute ended. At most one per dispute: a dispute without one is open.
CREATE TABLE resolutions (
    dispute_id  BIGINT PRIMARY KEY REFERENCES disputes (dispute_id),
    outcome     TEXT NOT NULL CHECK (outcome IN ('paid', 'credited', 'withdrawn')),
    note        TEXT NOT NULL,
    resolved_by TEXT NOT NULL,
    resolved_at TEXT NOT NULL
);

-- Money paid against a receipt: the accepted part of a line when its run was accepted, or a
-- disputed amount when its dispute was resolved as paid (dispute_id set). What
-- RECEIPT_ALREADY_PAID looks up.
CREATE TABLE payments (
    payment_id BIGINT PRIMARY KEY,
    run_id     TEXT NOT NULL,
    row_no     BIGINT NOT NULL,
    amount     TEXT NOT NULL,
    paid_at    TEXT NOT NULL,
    dispute_id BIGINT REFERENCES disputes (dispute_id),
    FOREIGN KEY (run_id, row_no) REFERENCES invoice_lines (run_id, row_no)
);
