#!/usr/bin/env bash
# `standin diff HEAD~1` against `standin check` on a generated site in a
# git repository (issue 26): every day but the last committed at once,
# then the last day as one commit, the change a pull request brings.
# Usage: bench/diff.sh [WRAPS=10000] [RUNS=3]. Prints each run's wall time
# and peak RSS, and the medians.
set -euo pipefail
source "$(dirname "$0")/common.sh" diff
wraps=${1:-10000}
runs=${2:-3}
site="$work/site"
./target/release/examples/gen-site "$wraps" "$site" >/dev/null
last=$(find "$site/wraps" -mindepth 3 -maxdepth 3 -type d | sort | tail -n 1)
held="$work/last-day"
mv "$last" "$held"
git_() { git -C "$site" -c user.name=bench -c user.email=bench@example.com "$@"; }
git_ init -q -b main
git_ add -A
GIT_AUTHOR_DATE=2026-01-01T00:00:00Z GIT_COMMITTER_DATE=2026-01-01T00:00:00Z git_ commit -q -m "history"
mv "$held" "$last"
git_ add -A
day=$(echo "$last" | awk -F/ '{print $(NF-2) "-" $(NF-1) "-" $NF}')
GIT_AUTHOR_DATE="${day}T23:00:00Z" GIT_COMMITTER_DATE="${day}T23:00:00Z" git_ commit -q -m "the last day"
echo "standin $standin_name: $wraps wraps, the last day ($(git_ show --stat --format= HEAD | tail -n 1 | sed 's/^ *//')) as HEAD"
# Wall seconds and peak KiB; a run with errors (exit 1) is timed too.
time_of() { { /usr/bin/time -f '%e %M' "$@" 2>&1 >/dev/null || true; } | tail -n 1; }
check_times=() diff_times=()
for i in $(seq "$runs"); do
  c=$(time_of "$standin" check "$site")
  d=$(time_of "$standin" diff HEAD~1 --site "$site" --format json)
  echo "run $i: check ${c% *} s, ${c#* } KiB; diff ${d% *} s, ${d#* } KiB"
  check_times+=("${c% *}") diff_times+=("${d% *}")
done
check_median=$(printf '%s\n' "${check_times[@]}" | median)
diff_median=$(printf '%s\n' "${diff_times[@]}" | median)
echo "median: check $check_median s, diff $diff_median s, ratio $(awk -v d="$diff_median" -v c="$check_median" 'BEGIN { printf "%.2f", d / c }')"
