#!/usr/bin/env bash
# Build-time and memory benchmark on synthetic sites.
# usage: bench/run.sh [SIZES...]   (default: 1000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000}")
[ $# -eq 0 ] && sizes=(1000 10000)
cargo build --release --quiet --bin standin --example gen-site
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "machine: $(nproc) cores, $(uname -m); standin $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
for n in "${sizes[@]}"; do
  site="$work/site-$n"; out="$work/out-$n"
  ./target/release/examples/gen-site "$n" "$site" >/dev/null
  echo "== $n wraps"
  for run in fresh unchanged; do
    [ "$run" = fresh ] && rm -rf "$out"
    best=""; best_rss=""
    for i in 1 2 3; do
      [ "$run" = fresh ] && rm -rf "$out"
      /usr/bin/time -f "%e %M" -o "$work/time" ./target/release/standin build "$site" -o "$out" --timings >"$work/stdout" 2>"$work/stderr"
      read -r secs rss < "$work/time"
      if [ -z "$best" ] || awk "BEGIN{exit !($secs < $best)}"; then best=$secs; best_rss=$rss; cp "$work/stderr" "$work/best"; fi
    done
    printf '%-10s best of 3: %5.2f s wall, %4d MB peak RSS; stages:' "$run" "$best" $((best_rss / 1024))
    grep -E '^standin: (content|ledger|pages|derived|output|render|commit|stamp)' "$work/best" | awk '{printf " %s %s ms", $2, $3}'
    echo
  done
  echo "output: $(du -sh "$out" | cut -f1) on disk, $(find "$out" -type f | wc -l) files"
done
