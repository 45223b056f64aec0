#!/usr/bin/env bash
# What the health page and the trends (issue 25) cost a fresh build: the
# same generated site built alternately by a standin from before them
# ($BEFORE) and by this one, fresh each time (no output, no cache).
# Usage: BEFORE=/path/to/standin bench/health.sh [WRAPS=10000] [RUNS=5].
# Prints each run's wall time, CPU time (user + system, less moved by
# neighbours' load than wall time) and peak RSS, and the medians.
set -euo pipefail
source "$(dirname "$0")/common.sh" health
: "${BEFORE:?set BEFORE to a standin binary built before the health page (e.g. 5d6b293)}"
wraps=${1:-10000}
runs=${2:-5}
site="$work/site"
./target/release/examples/gen-site "$wraps" "$site" >/dev/null
echo "standin $standin_name against $BEFORE: $wraps wraps, $runs fresh builds each, alternately"
# Wall seconds, CPU seconds and peak KiB of a fresh build.
fresh() {
  rm -rf "$work/out" "$site/.standin-cache"
  { /usr/bin/time -f '%e %U %S %M' "$1" build "$site" -o "$work/out" 2>&1 >/dev/null || true; } |
    tail -n 1 | awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }'
}
before_t=() before_c=() before_m=() now_t=() now_c=() now_m=()
for i in $(seq "$runs"); do
  read -r bt bc bm < <(fresh "$BEFORE")
  read -r nt nc nm < <(fresh "$standin")
  echo "run $i: before $bt s ($bc s CPU), $bm KiB; now $nt s ($nc s CPU), $nm KiB"
  before_t+=("$bt") before_c+=("$bc") before_m+=("$bm") now_t+=("$nt") now_c+=("$nc") now_m+=("$nm")
done
change() { awk -v n="$1" -v b="$2" 'BEGIN { printf "%+.1f%%", (n / b - 1) * 100 }'; }
bt=$(printf '%s\n' "${before_t[@]}" | median)
nt=$(printf '%s\n' "${now_t[@]}" | median)
bc=$(printf '%s\n' "${before_c[@]}" | median)
nc=$(printf '%s\n' "${now_c[@]}" | median)
bm=$(printf '%s\n' "${before_m[@]}" | median)
nm=$(printf '%s\n' "${now_m[@]}" | median)
echo "median: before $bt s ($bc s CPU), $bm KiB; now $nt s ($nc s CPU), $nm KiB"
echo "change: wall $(change "$nt" "$bt"), CPU $(change "$nc" "$bc"), peak memory $(change "$nm" "$bm")"
