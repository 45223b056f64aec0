#!/usr/bin/env bash
# How standin's fresh build grows with the site: SMALL and LARGE wraps
# (default 10,000 and 100,000), built alternately RUNS times each (three
# small builds around each large one), so that both sizes see the same
# phases of a noisy VM. Prints each size's median wall time and peak RSS,
# and the ratio of the medians (issue 13: <= 12x for 10x the wraps, peak
# RSS <= 1 GiB at 100,000).
#
# usage: bench/scaling.sh [RUNS [SMALL LARGE]]   (default: 3 10000 100000)
#        ACKS=none bench/scaling.sh   (how asks are acknowledged: all, most, none;
#                                      default all)
#        STANDIN=/tmp/standin-old bench/scaling.sh  (another standin binary)
# needs: GNU time (`apt-get install -y time`).
set -euo pipefail
runs=${1:-3}
small=${2:-10000}
large=${3:-100000}
source "$(dirname "$0")/common.sh" scaling
echo "machine: $(nproc) cores, $(uname -m); standin $standin_name"
./target/release/examples/gen-site "$small" "$work/small" --acks "${ACKS:-all}" >/dev/null
./target/release/examples/gen-site "$large" "$work/large" --acks "${ACKS:-all}" >/dev/null

# One fresh build of site $1; appends "seconds peak-KiB" to $work/$1.log
# and the stage times to $work/$1.stages.
measure() {
  rm -rf "$work/out" "$work/$1/.standin-cache"
  /usr/bin/time -f "%e %M" -o "$work/time" \
    "$standin" build "$work/$1" -o "$work/out" --timings >/dev/null 2>"$work/stderr" ||
    { cat "$work/stderr"; exit 1; }
  cat "$work/time" >>"$work/$1.log"
  grep -E '^standin: +[a-z]+ +[0-9.]+ ms' "$work/stderr" |
    awk '{printf "  %s %s ms", $2, $3} END {print ""}' >>"$work/$1.stages"
}

for _ in $(seq "$runs"); do
  measure small
  measure large
  measure small
  measure small
done

report() {
  local name=$1 wraps=$2
  local wall rss
  wall=$(cut -d' ' -f1 "$work/$name.log" | median)
  rss=$(cut -d' ' -f2 "$work/$name.log" | median)
  printf '%7d wraps: median %6.2f s wall (all: %s), peak RSS %5d MiB (max %d)\n' "$wraps" "$wall" \
    "$(cut -d' ' -f1 "$work/$name.log" | tr '\n' ' ' | sed 's/ $//')" $((${rss%.*} / 1024)) \
    $(($(cut -d' ' -f2 "$work/$name.log" | sort -n | tail -1) / 1024))
  sed 's/^/          /' "$work/$name.stages"
  echo "$wall" >"$work/$name.wall"
}
report small "$small"
report large "$large"
awk -v s="$(cat "$work/small.wall")" -v l="$(cat "$work/large.wall")" -v n="$((large / small))" \
  'BEGIN {printf "ratio: %.1fx the time for %dx the wraps (goal <= 12x for 10x)\n", l / s, n}'
