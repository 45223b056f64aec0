#!/usr/bin/env bash
# Fills corpus/<target>/ with seeds made from the example site and the
# test fixtures. Run from anywhere; existing corpus files are kept.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
corpus="$here/corpus"
mkdir -p "$corpus/front_matter" "$corpus/markdown" "$corpus/site" \
    "$corpus/decision_record"

sources=$(find "$repo/example-site/wraps" "$repo/example-site/decisions" \
    "$repo/tests/fixtures" -name '*.md' -not -path '*/.standin-cache/*' | sort)

# front_matter: whole files. markdown: their bodies (after the second +++).
for file in $sources; do
    name="$(basename "$(dirname "$file")")-$(basename "$file" .md)"
    cp "$file" "$corpus/front_matter/$name"
    awk 'n >= 2 { print } /^\+\+\+[ \t\r]*$/ { n++ }' "$file" > "$corpus/markdown/$name"
done

# site: a flag byte, then files separated by two 0x1e bytes, each led by
# its kind (w wrap, d decision record, t + template index). See src/lib.rs.
# Seeds are whole consistent sites (a later wrap's risk updates need the
# wrap that raised the risk), so the fuzzer starts from rendered pages.
sep=$'\x1e\x1e'
flag() { printf "\\$(printf '%03o' "$1")"; }
put() { printf '%s' "$1"; cat "$2"; printf '%s' "$sep"; }
example_wraps=$(find "$repo/example-site/wraps" -name '*.md' | sort | head -8)
fixture="$repo/tests/fixtures/handoff"
fixture_wraps=$(find "$fixture/wraps" -name '*.md' | sort)
for flags in 0 1 2 3 4 5 6 7; do
    { flag $flags; for w in $example_wraps; do put w "$w"; done; } \
        > "$corpus/site/example-$flags"
    { flag $flags; for w in $fixture_wraps; do put w "$w"; done
      for r in "$fixture"/decisions/*.md; do put d "$r"; done; } \
        > "$corpus/site/fixture-$flags"
done
for r in "$repo"/example-site/decisions/*.md; do
    { flag 7; for w in $example_wraps; do put w "$w"; done; put d "$r"; } \
        > "$corpus/site/record-$(basename "$r" .md)"
done
# With a template override: default templates as they are (the byte after
# `t` indexes standin::site::theme::TEMPLATES).
templates="$repo/themes/default/templates"
for pick in "7 wrap.html" "2 brief_body.html" "19 feed_brief.html" "18 wrap.md"; do
    set -- $pick
    { flag 7; for w in $fixture_wraps; do put w "$w"; done
      for r in "$fixture"/decisions/*.md; do put d "$r"; done
      printf 't'; flag "$1"; cat "$templates/$2"; } > "$corpus/site/template-$2"
done

# decision_record: byte 0 picks the folder (modulo 5: decisions, docs/adr,
# docs/decisions, log4brains package, or 4 for .log4brains.yml) and, divided
# by 5, the file name (see src/lib.rs); then the file. Every record of the
# fixtures and the example site, in a folder of its kind.
record() { { flag "$1"; cat "$2"; } > "$corpus/decision_record/$3"; }
for file in $(find "$repo/tests/fixtures" "$repo/example-site" -path '*/.standin-cache' -prune \
        -o -name '*.md' -print | grep -E '/(decisions|adr)/' | sort); do
    name="$(echo "${file#"$repo"/}" | tr '/' '_')"
    case "$file" in
        */example-site/*|*/fixtures/handoff/*) pick=0 ;;        # decisions/, standin's
        */log4brains/*) pick=8 ;;                               # a package, dated name
        */madr2/*|*/adr-tools/*) pick=1 ;;                      # docs/adr, numbered
        *) pick=2 ;;                                            # docs/decisions, numbered
    esac
    record $pick "$file" "$name"
done
for file in $(find "$repo/tests/fixtures" -name '.log4brains.yml' | sort); do
    record 4 "$file" "log4brains-$(basename "$(dirname "$file")").yml"
done
# Front matter at the limits of the YAML reader (src/bounded_yaml): 63 and
# 64 levels of nesting, and aliases that expand to just under 10,000 values.
{ flag 1; printf -- '---\nstatus: accepted\nnotes:\n  '
  for _ in $(seq 62); do printf -- '- '; done; printf 'x\n---\n# Deep\n'; } \
    > "$corpus/decision_record/yaml-deep-63"
{ flag 1; printf -- '---\nstatus: accepted\nnotes: '
  for _ in $(seq 64); do printf '['; done; printf x
  for _ in $(seq 64); do printf ']'; done; printf '\n---\n# Deep\n'; } \
    > "$corpus/decision_record/yaml-deep-65"
{ flag 1; printf -- '---\nstatus: accepted\nl0: &l0 lol\n'
  printf 'l1: &l1 [*l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0]\n'
  printf 'l2: &l2 [*l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1]\n'
  printf 'l3: &l3 [*l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2, *l2]\n'
  printf -- '---\n# Laughs\n'; } > "$corpus/decision_record/yaml-laughs-3"
# Larger ones, for runs with -max_len up to the reader's 64 KiB: 12,000
# levels of block nesting in 24 KB, and a sane 25 KB front matter.
{ flag 1; printf -- '---\nstatus: accepted\nnotes:\n  '
  for _ in $(seq 12000); do printf -- '- '; done; printf 'x\n---\n# Deep\n'; } \
    > "$corpus/decision_record/yaml-deep-12000"
{ flag 1; printf -- '---\nstatus: accepted\nnotes: |\n'
  for i in $(seq 450); do printf '  line %03d of notes kept in the front matter, and ignored\n' "$i"; done
  printf -- '---\n# Long\n'; } > "$corpus/decision_record/yaml-long-25k"

# handover: picks, then asks' texts (see fuzz_targets/handover.rs); the
# second seed's first two texts share a short id for ana on 20 Nov.
mkdir -p "$corpus/handover"
printf '\001\042\103%sRun the drill%splatform: shard 4 Monday%s@jonas check [doc](https://d.example/x)%severyone: freeze' \
    "$sep" "$sep" "$sep" "$sep" > "$corpus/handover/asks"
printf '\000\010\020\050%sCheck shard 37%sCheck shard 150%sCheck shard 37 ' \
    "$sep" "$sep" "$sep" > "$corpus/handover/collision"
echo "seeds: $(ls "$corpus/front_matter" | wc -l) front_matter," \
    "$(ls "$corpus/markdown" | wc -l) markdown, $(ls "$corpus/site" | wc -l) site," \
    "$(ls "$corpus/decision_record" | wc -l) decision_record, $(ls "$corpus/handover" | wc -l) handover"
