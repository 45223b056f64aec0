# What bench/vs-hugo.sh and bench/scaling.sh share; sourced, after
# `set -euo pipefail`, with the script's name as $1. Builds the release
# binary and gen-site, sets `standin` (the binary: $STANDIN, else the one
# just built) and `work` (a fresh folder in $BENCH_TMP, default /dev/shm,
# removed on exit), and defines `median`.
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin standin --example gen-site
standin=${STANDIN:-./target/release/standin}
work=$(mktemp -d "${BENCH_TMP:-/dev/shm}/standin-$1.XXXXXX")
trap 'rm -rf "$work"' EXIT
# The standin measured, for the first line of a report.
standin_name=${STANDIN:-$(git rev-parse --short HEAD 2>/dev/null || echo '?')}

# The median of the numbers on stdin, one per line.
median() { sort -n | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
