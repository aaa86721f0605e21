#!/usr/bin/env bash
# Runs each fuzz target for SECONDS (default 60), seeded from the tests' own files.
# Needs cargo-fuzz (`cargo install cargo-fuzz`); runs on the stable toolchain without a
# sanitizer (`-s none`): what it finds is panics, aborts, hangs and runaway memory.
# A crash is saved under fuzz/artifacts/TARGET/; add it to tests/hostile.rs as a regression.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
seed() {
  local target=$1; shift
  mkdir -p "corpus/$target"
  for file in "$@"; do
    [ -f "$file" ] && cp -n "$file" "corpus/$target/$(basename "$(dirname "$file")")-$(basename "$file")" || true
  done
}
seed csv_loader ../sample-data/*/*.csv ../tests/hostile/*.csv ../../shared/realdata/csv-spectrum/*.csv ../../shared/realdata/csvkit-examples/*.csv
seed spreadsheet_loader ../sample-data/fr/*.xlsx ../tests/hostile/*.xlsx $(find ../../shared/realdata -name '*.xls*' -size -40k 2>/dev/null; find ../../shared/realdata -name '*.ods' -size -40k 2>/dev/null)
mkdir -p corpus/values
printf '1 234,50 FCFA' > corpus/values/number
printf '05/03/2020 14:30' > corpus/values/date
for target in values csv_loader spreadsheet_loader; do
  echo "== $target: ${seconds}s"
  cargo fuzz run -s none "$target" "corpus/$target" -- -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 2>&1 \
    | grep -E "^(#[0-9]+ +DONE|Done [0-9]+ runs|==[0-9]+== ERROR|SUMMARY|artifact_prefix|Test unit written)" || true
  if compgen -G "artifacts/$target/*-*" > /dev/null; then
    echo "$target: found a failing input, see fuzz/artifacts/$target" >&2
    exit 1
  fi
done
echo "fuzzing ran clean: ${seconds}s per target"
