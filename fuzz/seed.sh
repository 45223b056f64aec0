#!/usr/bin/env bash
# Fills corpus/<target>/ with seeds made from the example site and the
# test fixtures. Run from anywhere; existing corpus files are kept.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
corpus="$here/corpus"
mkdir -p "$corpus/front_matter" "$corpus/markdown" "$corpus/site"

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

# handover: picks, then asks' texts (see fuzz_targets/handover.rs); the
# second seed's first two texts share a short id for ana on 20 Nov.
mkdir -p "$corpus/handover"
printf '\001\042\103%sRun the drill%splatform: shard 4 Monday%s@jonas check [doc](https://d.example/x)%severyone: freeze' \
    "$sep" "$sep" "$sep" "$sep" > "$corpus/handover/asks"
printf '\000\010\020\050%sCheck shard 37%sCheck shard 150%sCheck shard 37 ' \
    "$sep" "$sep" "$sep" > "$corpus/handover/collision"
echo "seeds: $(ls "$corpus/front_matter" | wc -l) front_matter," \
    "$(ls "$corpus/markdown" | wc -l) markdown, $(ls "$corpus/site" | wc -l) site," \
    "$(ls "$corpus/handover" | wc -l) handover"
