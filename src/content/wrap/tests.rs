//! Reading wraps: keys, spans, and what a wrap that says nothing becomes.

use super::*;
use crate::content::risk::Severity;
use crate::diagnostics::Level;

fn config() -> Config {
    Config::parse(
        SourceFile::new(
            "standin.toml",
            "timezone = \"Asia/Tokyo\"\n[teams.payments]\n[teams.platform]\n",
        ),
        &mut Diagnostics::new(),
    )
    .unwrap()
}

fn parse(text: &str) -> (Option<Wrap>, Diagnostics) {
    let mut d = Diagnostics::new();
    let wrap = Wrap::parse(
        SourceFile::new("wraps/a.md", text),
        Path::new("wraps/a.md"),
        &config(),
        &mut d,
    );
    (wrap, d)
}

const GOOD: &str = r#"+++
author = "ana"
date = 2026-11-20T17:42:00+09:00
team = "payments"
shift = "apac"
tags = ["Sessions", "redis", "redis"]
next = ["Run the drill", "  "]

[[decision]]
title = "Use Redis for session storage"
why = "Per-key TTLs"
supersedes = ["session-store-postgres"]

[[risk]]
id = "vendor-sandbox-keys"
title = "Vendor keys not issued"
severity = "high"
blocker = true
+++
## Done
- Moved session writes to Redis. Then lunch.
"#;

#[test]
fn parses_a_complete_wrap() {
    let (wrap, d) = parse(GOOD);
    assert!(d.is_empty(), "{d:?}");
    let wrap = wrap.unwrap();
    assert_eq!(wrap.author.as_str(), "ana");
    assert_eq!(wrap.at.to_rfc3339(), "2026-11-20T17:42:00+09:00");
    assert_eq!(wrap.team.as_ref().unwrap().as_str(), "payments");
    let tags: Vec<_> = wrap.tags.iter().map(Tag::as_str).collect();
    assert_eq!(tags, ["sessions", "redis"]);
    let asks: Vec<_> = wrap.asks.iter().map(|a| a.written.as_str()).collect();
    assert_eq!(asks, ["Run the drill"]);
    assert_eq!(
        wrap.decisions[0].id.value.as_str(),
        "use-redis-for-session-storage"
    );
    assert_eq!(
        wrap.decisions[0].supersedes[0].value.as_str(),
        "session-store-postgres"
    );
    assert_eq!(wrap.risks[0].severity, Some(Severity::High));
    assert_eq!(wrap.summary(), Some("Moved session writes to Redis."));
}

#[test]
fn an_asks_text_is_what_follows_its_address_in_either_form() {
    let (wrap, d) = parse(
        "+++\nauthor = \"a\"\ndate = 2026-11-20T17:42:00Z\nnext = [\"platform: shard 4\", \"@jonas  check X\", \"Run it\", { to = \"everyone\", what = \" freeze \" }, { to = \"@bo\", what = \"page me\" }, { what = \"own\" }]\n+++\nb\n",
    );
    assert!(!d.has_errors(), "{d:?}");
    let wrap = wrap.unwrap();
    let got: Vec<(&str, &str)> = wrap
        .asks
        .iter()
        .map(|a| (a.written.as_str(), a.what()))
        .collect();
    assert_eq!(
        got,
        [
            ("platform: shard 4", "shard 4"),
            ("@jonas  check X", "check X"),
            ("Run it", "Run it"),
            ("everyone: freeze", "freeze"),
            ("@bo page me", "page me"),
            ("own", "own"),
        ]
    );
}

#[test]
fn every_error_in_a_file_is_reported_with_its_line() {
    let text = "+++\nauthor = \"ana\"\ndate = 2026-11-20T17:42:00+09:00\nteam = \"paymnts\"\n\n[[risk]]\nid = \"k\"\nsevrity = \"high\"\nstatus = \"done\"\n\n[[decision]]\ntitle = \"X\"\n+++\nbody\n";
    let (wrap, d) = parse(text);
    assert!(wrap.is_some(), "author and date were fine");
    let mut got: Vec<_> = d
        .iter()
        .map(|x| (x.code.as_str(), x.line_column().unwrap().0))
        .collect();
    got.sort();
    assert_eq!(
        got,
        [("E007", 8), ("E009", 9), ("E010", 11), ("E012", 4)],
        "{d:?}"
    );
}

#[test]
fn supersedes_list_items_have_their_own_spans() {
    let text = "+++\nauthor = \"a\"\ndate = 2026-11-20T17:42:00Z\n[[decision]]\ntitle = \"T\"\nwhy = \"w\"\nsupersedes = [\"one\", \"Two Bad\"]\n+++\nx\n";
    let (_, d) = parse(text);
    let bad = d
        .iter()
        .find(|x| x.code == Code::BadId)
        .expect("bad id reported");
    assert_eq!(bad.line_column(), Some((7, 22)));
}

#[test]
fn local_dates_warn_and_missing_summary_warns() {
    let (wrap, d) =
        parse("+++\nauthor = \"a\"\ndate = 2026-11-20T17:42:00\nnext = [\"Run the drill\"]\n+++\n");
    assert_eq!(wrap.unwrap().at.to_rfc3339(), "2026-11-20T17:42:00+09:00");
    let codes: Vec<_> = d.iter().map(|x| x.code).collect();
    assert_eq!(codes, [Code::DateWithoutOffset, Code::EmptyWrap]);
    assert!(!d.has_errors());
}

#[test]
fn a_wrap_that_says_nothing_is_left_out_with_a_warning() {
    let (wrap, d) =
        parse("+++\nauthor = \"a\"\ndate = 2026-11-20T17:42:00+09:00\n+++\n\n## Done\n\n## Next\n");
    let got: Vec<_> = d
        .iter()
        .map(|x| (x.code, x.level, x.line_column().unwrap()))
        .collect();
    assert_eq!(got, [(Code::UntouchedScaffold, Level::Warning, (2, 1))]);
    assert!(
        d.iter()
            .next()
            .unwrap()
            .message
            .starts_with("not published")
    );
    let wrap = wrap.expect("read, to be left out by the ledger");
    assert!(wrap.untouched && !wrap.is_published());
}

#[test]
fn a_wrap_that_says_anything_is_published() {
    // A draft says nothing on purpose: not a scaffold, still kept back.
    let (wrap, d) =
        parse("+++\nauthor = \"a\"\ndate = 2026-11-20T17:42:00+09:00\ndraft = true\n+++\n");
    let codes: Vec<_> = d.iter().map(|x| x.code).collect();
    assert_eq!(codes, [Code::EmptyWrap]);
    let wrap = wrap.unwrap();
    assert!(!wrap.untouched && !wrap.is_published());
    // One line of anything but a summary is enough to publish.
    for says in [
        "state = \"watch\"\n",
        "next = [\"Run it\"]\n",
        "[ack]\nx-1120-abc = \"taken\"\n",
    ] {
        let (wrap, d) = parse(&format!(
            "+++\nauthor = \"a\"\ndate = 2026-11-20T17:42:00+09:00\n{says}+++\n"
        ));
        assert!(
            d.iter().all(|x| x.code != Code::UntouchedScaffold),
            "{says}: {d:?}"
        );
        assert!(wrap.unwrap().is_published(), "{says}");
    }
}

#[test]
fn filtered_tags_warn_at_their_place_in_the_file() {
    let text = "+++\nauthor = \"a\"\ndate = 2026-11-20T17:42:00Z\n+++\nFixed it.\n\n- the <script> element, then </script>\n";
    let (wrap, d) = parse(text);
    let wrap = wrap.unwrap();
    let file = SourceFile::new("wraps/a.md", text);
    let html = render_body(&file, wrap.body_offset, &config()).html;
    assert!(html.contains("&lt;script&gt; element"), "{html}");
    let got: Vec<_> = d
        .iter()
        .map(|x| (x.code, x.line_column().unwrap()))
        .collect();
    assert_eq!(got, [(Code::FilteredTag, (7, 7))], "{d:?}");
}

#[test]
fn duplicate_risks_in_one_wrap_are_errors() {
    let (_, d) = parse(
        "+++\nauthor = \"a\"\ndate = 2026-11-20T17:42:00Z\n[[risk]]\nid = \"x\"\ntitle = \"t\"\n[[risk]]\nid = \"x\"\n+++\nb\n",
    );
    assert_eq!(d.iter().next().unwrap().code, Code::DuplicateEntry);
}
