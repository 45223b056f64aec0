#!/usr/bin/env bash
# What the health page and the trends (issue 25) cost a fresh build: the
# same generated site built alternately by a standin from before them
# ($BEFORE) and by this one, fresh each time (no output, no cache).
# Usage: BEFORE=/path/to/standin bench/health.sh [WRAPS=10000] [RUNS=5].
# Prints each run's wall time and peak RSS, and the medians.
set -euo pipefail
source "$(dirname "$0")/common.sh" health
: "${BEFORE:?set BEFORE to a standin binary built before the health page (e.g. 5d6b293)}"
wraps=${1:-10000}
runs=${2:-5}
site="$work/site"
./target/release/examples/gen-site "$wraps" "$site" >/dev/null
echo "standin $standin_name against $BEFORE: $wraps wraps, $runs fresh builds each, alternately"
# Wall seconds and peak KiB of a fresh build.
fresh() {
  rm -rf "$work/out" "$site/.standin-cache"
  { /usr/bin/time -f '%e %M' "$1" build "$site" -o "$work/out" 2>&1 >/dev/null || true; } | tail -n 1
}
before_t=() before_m=() now_t=() now_m=()
for i in $(seq "$runs"); do
  b=$(fresh "$BEFORE")
  n=$(fresh "$standin")
  echo "run $i: before ${b% *} s, ${b#* } KiB; now ${n% *} s, ${n#* } KiB"
  before_t+=("${b% *}") before_m+=("${b#* }") now_t+=("${n% *}") now_m+=("${n#* }")
done
bt=$(printf '%s\n' "${before_t[@]}" | median)
nt=$(printf '%s\n' "${now_t[@]}" | median)
bm=$(printf '%s\n' "${before_m[@]}" | median)
nm=$(printf '%s\n' "${now_m[@]}" | median)
echo "median: before $bt s, $bm KiB; now $nt s, $nm KiB; time $(awk -v n="$nt" -v b="$bt" 'BEGIN { printf "%+.1f%%", (n / b - 1) * 100 }'), memory $(awk -v n="$nm" -v b="$bm" 'BEGIN { printf "%+.1f%%", (n / b - 1) * 100 }')"
