#!/usr/bin/env bash
# standin and Hugo side by side: fresh builds of the same bodies into tmpfs,
# alternately, RUNS times each, for each way teams acknowledge asks (ACKS:
# all, most = nine in ten, none = a team that never acknowledges; the same
# bodies every time); prints median wall time, median peak RSS, the ratio,
# output size and `check`'s lines of output. Then an unchanged rebuild, and
# one fresh standin build of LARGE wraps (default 100,000; its ACKS is
# LARGE_ACKS, default none: the heaviest) with its peak RSS and its time
# against the median of that corpus above (bench/scaling.sh measures that
# growth with both sizes built alternately, which the VM's phases disturb
# less).
#
# usage: bench/vs-hugo.sh [WRAPS [RUNS]]       (default: 10000 5)
#        ACKS=none bench/vs-hugo.sh            (one corpus)
#        LARGE=0 bench/vs-hugo.sh              (no large build)
#        NO_HUGO=1 bench/vs-hugo.sh 100000 1   (standin alone, e.g. at 100,000)
#        STANDIN=/tmp/standin-old bench/vs-hugo.sh (another standin binary)
# needs: hugo (`apt-get install -y hugo`; figures in bench/README.md are
# Hugo 0.111) and GNU time (`apt-get install -y time`).
set -euo pipefail
n=${1:-10000}
runs=${2:-5}
source "$(dirname "$0")/common.sh" vs-hugo
echo "machine: $(nproc) cores, $(uname -m); standin $standin_name; $(hugo version 2>/dev/null | cut -d' ' -f1-2 || echo 'no hugo')"

# The stage times of `standin build --timings`, on one line.
stages() { grep -E '^standin: +[a-z]+ +[0-9.]+ ms' "$1" | awk '{printf "  %s %s ms", $2, $3} END {print ""}'; }

# One fresh build of the corpus in $work/site; appends "seconds peak-KiB"
# to $2.
measure() {
  local what=$1 log=$2
  case $what in
    standin)
      rm -rf "$work/out" "$work/site/.standin-cache"
      /usr/bin/time -f "%e %M" -o "$work/time" \
        "$standin" build "$work/site" -o "$work/out" --timings >/dev/null 2>"$work/stderr" ||
        { cat "$work/stderr"; exit 1; }
      stages "$work/stderr" >>"$work/stages"
      ;;
    hugo)
      rm -rf "$work/hugo-out" "$work/hugo-cache" "$work/hugo/resources"
      /usr/bin/time -f "%e %M" -o "$work/time" \
        hugo --quiet -s "$work/hugo" -d "$work/hugo-out" --cacheDir "$work/hugo-cache" >/dev/null 2>"$work/stderr" ||
        { cat "$work/stderr"; exit 1; }
      ;;
  esac
  cat "$work/time" >>"$log"
}

report() {
  local what=$1 log=$2 out=$3
  local wall rss
  wall=$(cut -d' ' -f1 "$log" | median)
  rss=$(cut -d' ' -f2 "$log" | median)
  printf '%-8s median of %d: %6.2f s wall (all: %s), peak RSS %4d MiB; output %s, %d files\n' \
    "$what" "$runs" "$wall" "$(cut -d' ' -f1 "$log" | tr '\n' ' ' | sed 's/ $//')" $((${rss%.*} / 1024)) \
    "$(du -sh --apparent-size "$out" | cut -f1)" "$(find "$out" -type f | wc -l)"
  echo "$wall" >"$work/$what.wall"
}

for acks in ${ACKS:-all most none}; do
  hugo_args=()
  [ -z "${NO_HUGO:-}" ] && hugo_args=(--hugo "$work/hugo")
  rm -rf "$work/site" "$work/hugo" "$work/stages" "$work/standin.log" "$work/hugo.log"
  ./target/release/examples/gen-site "$n" "$work/site" --acks "$acks" "${hugo_args[@]}"
  for _ in $(seq "$runs"); do
    measure standin "$work/standin.log"
    [ -z "${NO_HUGO:-}" ] && measure hugo "$work/hugo.log"
  done
  echo "== $n wraps, asks acknowledged: $acks; fresh builds into $(dirname "$work"); source $(du -sh --apparent-size "$work/site/wraps" | cut -f1) of wraps"
  report standin "$work/standin.log" "$work/out"
  du -s --apparent-size --block-size=1 "$work/out" | cut -f1 >"$work/bytes.$acks"
  cp "$work/standin.wall" "$work/wall.$acks"
  echo "standin stages, each run:"
  cat "$work/stages"
  if [ -z "${NO_HUGO:-}" ]; then
    report hugo "$work/hugo.log" "$work/hugo-out"
    awk -v s="$(cat "$work/standin.wall")" -v h="$(cat "$work/hugo.wall")" \
      'BEGIN {printf "ratio: standin/hugo = %.2fx (goal <= 0.40x)\n", s / h}'
  fi
  printf 'standin check: %d lines of output, %s\n' \
    "$("$standin" check "$work/site" 2>&1 | wc -l)" \
    "$("$standin" check "$work/site" 2>&1 | tail -1 | sed 's/^standin check: //')"
done
if [ -f "$work/bytes.all" ] && [ -f "$work/bytes.none" ]; then
  awk -v a="$(cat "$work/bytes.all")" -v z="$(cat "$work/bytes.none")" \
    'BEGIN {printf "output: never acknowledged / all acknowledged = %.2fx the bytes (goal <= 1.3x)\n", z / a}'
fi

# An unchanged rebuild over the last fresh output (goal: writes nothing).
/usr/bin/time -f "%e %M" -o "$work/time" \
  "$standin" build "$work/site" -o "$work/out" --timings >"$work/stdout" 2>"$work/stderr"
read -r secs rss <"$work/time"
printf 'standin unchanged rebuild: %.2f s wall, peak RSS %d MiB; %s\n' "$secs" $((rss / 1024)) \
  "$(grep -oE "[0-9]+ written, [0-9]+ unchanged, [0-9]+ removed" "$work/stdout")"
stages "$work/stderr"

# The large build: one fresh build of LARGE wraps, if that is more.
large=${LARGE:-100000}
large_acks=${LARGE_ACKS:-none}
if [ "$large" -gt "$n" ]; then
  rm -rf "$work/out" "$work/hugo-out" "$work/site" "$work/hugo"
  ./target/release/examples/gen-site "$large" "$work/large" --acks "$large_acks" >/dev/null
  rm -f "$work/stages"
  /usr/bin/time -f "%e %M" -o "$work/time" \
    "$standin" build "$work/large" -o "$work/out" --timings >/dev/null 2>"$work/stderr" ||
    { cat "$work/stderr"; exit 1; }
  read -r secs rss <"$work/time"
  printf '== %d wraps, asks acknowledged: %s; one fresh build: %.2f s wall, peak RSS %d MiB (goal <= 1024)\n' \
    "$large" "$large_acks" "$secs" $((rss / 1024))
  stages "$work/stderr"
  small="$work/wall.$large_acks"
  [ -f "$small" ] || small="$work/standin.wall"
  awk -v s="$(cat "$small")" -v l="$secs" -v n="$large" -v m="$n" \
    'BEGIN {printf "growth: %.1fx the time for %.0fx the wraps (goal <= 12x for 10x)\n", l / s, n / m}'
fi
