#!/usr/bin/env bash
# Writes every output of one fuelrecon binary on fixed inputs with a fixed clock, so that two
# builds can be compared byte for byte: the guard of a change meant to leave outputs alone
# (issue 12's speed work kept them identical this way).
# Usage: bench/golden.sh BIN OUTDIR, then after the change again into another OUTDIR, and
#   diff -r OUTDIR1 OUTDIR2
# Inputs: sample-data in English and French (reconcile and check), and a 20 000-row month from
# examples/make_month (reconcile, check --json, and reconcile of the month's rows shuffled,
# whose exceptions must be the same but for the rows they cite).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(realpath "$1")
out=$(realpath -m "$2")
rm -rf "$out"
mkdir -p "$out"
export SOURCE_DATE_EPOCH=1700000000
month=target/golden-data/month20k
if [ ! -f "$month/planted.csv" ]; then
  cargo build --release --quiet --example make_month
  target/release/examples/make_month "$month" 20000 > /dev/null
  for kind in trips receipts invoices; do
    { head -1 "$month/$kind.csv"; tail -n +2 "$month/$kind.csv" | shuf --random-source=<(yes); } \
      > "$month/$kind.shuf.csv"
  done
fi
run() { local name=$1; shift; "$bin" "$@" > "$out/$name" 2>&1 || true; }
run en.stdout reconcile --config sample-data/en/recon.toml --out "$out/en"
run fr.stdout reconcile --config sample-data/fr/recon.toml --out "$out/fr"
run fr-check.json check --config sample-data/fr/recon.toml --json
run en-check.txt check --config sample-data/en/recon.toml
run month.stdout reconcile --trips "$month/trips.csv" --receipts "$month/receipts.csv" \
  --invoices "$month/invoices.csv" --out "$out/month"
run month-check.json check --receipts "$month/receipts.csv" --json
run shuffled.stdout reconcile --trips "$month/trips.shuf.csv" --receipts "$month/receipts.shuf.csv" \
  --invoices "$month/invoices.shuf.csv" --out "$out/month-shuffled"
# The shuffled month's exceptions are the month's (id, code, documents, amount at risk); their
# message, evidence and source may cite other rows.
python3 - "$out/month/exceptions.csv" "$out/month-shuffled/exceptions.csv" <<'PY'
import csv, sys
read = lambda path: [row[:13] for row in csv.reader(open(path, encoding="utf-8"))]
same = read(sys.argv[1]) == read(sys.argv[2])
print("shuffled month: same exceptions" if same else "SHUFFLED MONTH DIFFERS")
sys.exit(0 if same else 1)
PY
rm -rf "$out/month-shuffled" "$out/shuffled.stdout"
# The report folder's path is in each run's last line: name it the same in every OUTDIR.
sed -i "s|$out|OUTDIR|g" "$out"/*.stdout
echo "outputs written to $out"
