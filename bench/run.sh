#!/usr/bin/env bash
# Times fuelrecon on a synthetic month of ROWS receipts (default 1 000 000), with peak memory.
# Usage: bench/run.sh [ROWS]. Writes its data under target/bench-data.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
data=target/bench-data/$rows
cargo build --release --quiet --example make_month
cargo build --release --quiet
[ -f "$data/receipts.csv" ] || target/release/examples/make_month "$data" "$rows"
ls -la "$data"
measure() {
  /usr/bin/time -f "%e s elapsed, %M KiB peak memory" "$@" > /dev/null
}
echo "check, receipts only ($rows rows):"
measure target/release/fuelrecon check --receipts "$data/receipts.csv"
echo "reconcile, trips + receipts + invoices ($rows rows each):"
rm -rf "$data/report"
measure target/release/fuelrecon reconcile --trips "$data/trips.csv" --receipts "$data/receipts.csv" --invoices "$data/invoices.csv" --out "$data/report"
