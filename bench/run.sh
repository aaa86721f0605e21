#!/usr/bin/env bash
# Times fuelrecon against its floor (issue 12), on the same synthetic data in the same run, and
# prints a table ready for the README's Performance section.
# Usage: bench/run.sh [ROWS]   (ROWS receipts, trip tickets and invoice lines; default 1 000 000)
# Each run is made RUNS times (default 3), in turn with the others: the table gives the median
# wall time and the largest peak memory of each, as one run on a shared machine is noise.
# Data goes under target/bench-data (kept between runs). For each line: wall time and peak
# memory of fuelrecon and of the least program doing the same reading (examples/floor.rs,
# examples/calamine_floor.rs), and their ratio:
#   reconcile, three files, every output (HTML included)  vs  parse + hash joins of the three;
#   check of receipts.csv                                  vs  parsing that file;
#   check --invoices of a 100 000-line xlsx                vs  calamine reading every cell;
#   reconcile at ROWS/10, for the linearity ratio (ROWS run / ROWS/10 run).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/time ]; then
  echo "bench/run.sh needs GNU time for peak memory: apt-get install time" >&2
  exit 2
fi
rows=${1:-1000000}
tenth=$((rows / 10))
xlsx_rows=100000
root=target/bench-data
log=$root/bench.log
cargo build --release --quiet --example make_month --example floor --example calamine_floor
cargo build --release --quiet
bin=target/release
mkdir -p "$root"
: > "$log"
for n in "$rows" "$tenth"; do
  [ -f "$root/$n/planted.csv" ] || "$bin/examples/make_month" "$root/$n" "$n"
done
book=$root/invoices-$xlsx_rows.xlsx
[ -f "$book" ] || "$bin/examples/calamine_floor" --write "$book" "$xlsx_rows"

# measure NAME COMMAND...: runs it (output to the log) and appends its wall time (s) and peak
# memory (MiB) to times_NAME and mems_NAME. Peak memory is /usr/bin/time's %M; wall time is taken
# around it to the millisecond, as %e's hundredths are too coarse for the floor of `check`.
measure() {
  local name=$1 stats start end kib
  local times="times_$1" mems="mems_$1"
  shift
  stats=$(mktemp)
  echo "\$ $*" >> "$log"
  # Each run starts alike: the last run's report written out, the inputs in the page cache
  # (otherwise the gigabytes a reconcile writes slow whatever runs next).
  sync
  cat "$root/$rows"/*.csv "$root/$tenth"/*.csv "$book" > /dev/null
  start=$EPOCHREALTIME
  /usr/bin/time -f "%e %M" -o "$stats" "$@" >> "$log" 2>&1
  end=$EPOCHREALTIME
  read -r _ kib < "$stats"
  rm -f "$stats"
  printf -v "$times" '%s %s' "${!times:-}" \
    "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')"
  printf -v "$mems" '%s %s' "${!mems:-}" "$((kib / 1024))"
}
# settle NAME: time_NAME, the median of its runs' times, and mem_NAME, the largest peak.
settle() {
  local times="times_$1" mems="mems_$1"
  printf -v "time_$1" '%s' "$(tr ' ' '\n' <<< "${!times}" | grep . | sort -n \
    | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')"
  printf -v "mem_$1" '%s' "$(tr ' ' '\n' <<< "${!mems}" | grep . | sort -n | tail -1)"
}
reconcile() {
  local dir=$1
  rm -rf "$dir/report"
  measure "$2" "$bin/fuelrecon" reconcile --trips "$dir/trips.csv" --receipts "$dir/receipts.csv" \
    --invoices "$dir/invoices.csv" --out "$dir/report"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u '+%F %H:%M UTC')"
echo "load before: $(uptime | sed 's/.*load average/load average/')"
data=$root/$rows
for _ in $(seq "${RUNS:-3}"); do
  measure floor "$bin/examples/floor" "$data"
  reconcile "$data" reconcile
  measure parse "$bin/examples/floor" --parse "$data/receipts.csv"
  measure check "$bin/fuelrecon" check --receipts "$data/receipts.csv"
  measure calamine "$bin/examples/calamine_floor" "$book"
  measure xlsx "$bin/fuelrecon" check --invoices "$book"
  reconcile "$root/$tenth" tenth
done
for name in floor reconcile parse check calamine xlsx tenth; do
  settle "$name"
done
echo "load after: $(uptime | sed 's/.*load average/load average/')"
echo "runs: ${RUNS:-3} of each; the wall times of each, sorted (the table takes the median), and the peaks:"
for name in floor reconcile parse check calamine xlsx tenth; do
  times="times_$name" mems="mems_$name"
  echo "  $name: $(tr ' ' '\n' <<< "${!times}" | grep . | sort -n | tr '\n' ' ')s; peaks:${!mems} MiB"
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf (b > 0 ? "%.1f×" : "n/a"), a / b }'; }
mb() { du -b "$1" | awk '{ printf "%.0f MB", $1 / 1e6 }'; }
size=$(du -cb "$data"/trips.csv "$data"/receipts.csv "$data"/invoices.csv | awk 'END { printf "%.0f MB", $1 / 1e6 }')
echo
echo "| run | fuelrecon | floor | ratio | target |"
echo "|---|---|---|---|---|"
echo "| reconcile, $rows each of trips, receipts, invoice lines ($size), every output | $time_reconcile s, $mem_reconcile MiB | $time_floor s, $mem_floor MiB (parse + hash joins) | $(ratio "$time_reconcile" "$time_floor") | ≤ 1.5×, ≤ 1024 MiB |"
echo "| check, receipts.csv ($(mb "$data/receipts.csv")) | $time_check s, $mem_check MiB | $time_parse s, $mem_parse MiB (parse) | $(ratio "$time_check" "$time_parse") | ≤ 1.5× |"
echo "| check --invoices, $xlsx_rows-line xlsx ($(mb "$book")) | $time_xlsx s, $mem_xlsx MiB | $time_calamine s, $mem_calamine MiB (calamine) | $(ratio "$time_xlsx" "$time_calamine") | ≤ 1.5× |"
echo "| reconcile, $tenth each | $time_tenth s, $mem_tenth MiB | | $(ratio "$time_reconcile" "$time_tenth") ($rows / $tenth) | ≤ 11× |"
echo "| index.html of the $rows run | $(mb "$data/report/index.html") | | | |"
