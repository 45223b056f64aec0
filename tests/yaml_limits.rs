//! YAML written to exhaust a reader — nesting thousands of levels deep,
//! aliases that expand into billions of values — in a record's front
//! matter and in `.log4brains.yml`: `check` and `build` finish with a
//! warning (W014, W015) instead of overflowing the stack or the memory,
//! the record keeps its page without what its front matter said, and a
//! long but sane front matter is still read. The hostile inputs are made
//! here rather than kept as fixtures.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use serde_json::Value;

/// Block nesting costs two bytes a level: 12,000 levels in 24 KB.
fn deep_block(levels: usize) -> String {
    format!("notes:\n  {}x\n", "- ".repeat(levels))
}

/// "Billion laughs": each anchor a list of nine aliases to the one
/// before, so `levels` lines stand for 9^levels values.
fn laughs(levels: usize) -> String {
    let mut yaml = String::from("l0: &l0 \"lol\"\n");
    for level in 1..=levels {
        let previous = format!("*l{}", level - 1);
        let items = [previous.as_str(); 9].join(", ");
        yaml.push_str(&format!("l{level}: &l{level} [{items}]\n"));
    }
    yaml
}

/// A MADR record whose front matter says `status: deprecated` and names
/// a decider, then `more`.
fn record(title: &str, more: &str) -> String {
    format!(
        "---\nstatus: deprecated\ndeciders: Kenji Sato\n{more}---\n# {title}\n\n## Context and Problem Statement\n\nThe front matter of {title} is large.\n"
    )
}

/// The madr3 fixture with records discovered rather than listed (so that
/// `.log4brains.yml` is read), a hostile `.log4brains.yml`, two hostile
/// records and one long sane one.
fn hostile_site(dir: &Path) -> PathBuf {
    let site = dir.join("site");
    copy_dir(&fixture("madr3"), &site);
    let write = |path: &str, text: &str| std::fs::write(site.join(path), text).unwrap();
    write(
        "standin.toml",
        "title = \"Platform handoffs\"\nbase_url = \"https://example.test/platform/\"\ntimezone = \"Asia/Tokyo\"\n",
    );
    write(
        ".log4brains.yml",
        &format!(
            "---\nproject:\n  adrFolder: ./docs/decisions\n  {}",
            deep_block(12_000).replace('\n', "\n  ")
        ),
    );
    let folder = "docs/decisions";
    write(
        &format!("{folder}/0005-deep-front-matter.md"),
        &record("Deep front matter", &deep_block(12_000)),
    );
    write(
        &format!("{folder}/0006-laughing-front-matter.md"),
        &record("Laughing front matter", &laughs(9)),
    );
    let sane: String = (0..450)
        .map(|i| format!("  Line {i:03} of notes kept in the front matter, and ignored.\n"))
        .collect();
    assert!(sane.len() > 24_000);
    write(
        &format!("{folder}/0007-long-front-matter.md"),
        &record("Long front matter", &format!("notes: |\n{sane}")),
    );
    site
}

/// `standin check --format json`: exit code and diagnostics.
fn check(site: &Path) -> (i32, Vec<Value>) {
    let output = run(&["check", site.to_str().unwrap(), "--format", "json"]);
    let diagnostics = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l}: {e}")))
        .collect();
    let code = output.status.code();
    let code = code.unwrap_or_else(|| panic!("check was killed: {}", stderr(&output)));
    (code, diagnostics)
}

#[test]
fn hostile_yaml_is_left_out_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let site = hostile_site(dir.path());
    let (code, diagnostics) = check(&site);
    assert_eq!(code, 0, "warnings only: {diagnostics:?}");
    let mut found: Vec<(String, String, String)> = diagnostics
        .iter()
        .map(|d| {
            let file = d["file"].as_str().unwrap_or("");
            let name = file.rsplit('/').next().unwrap_or("").to_string();
            let text = |key: &str| d[key].as_str().unwrap_or("").to_string();
            (text("code"), name, text("message"))
        })
        .collect();
    found.sort();
    let expected = [
        (
            "W014",
            "0005-deep-front-matter.md",
            "the front matter nests deeper than 64 levels; it is left out",
        ),
        (
            "W014",
            "0006-laughing-front-matter.md",
            "the front matter has aliases that expand past 10000 values; it is left out",
        ),
        (
            "W015",
            ".log4brains.yml",
            ".log4brains.yml nests deeper than 64 levels; its decision folders are not read",
        ),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn records_with_hostile_front_matter_keep_their_pages() {
    let dir = tempfile::tempdir().unwrap();
    let site = hostile_site(dir.path());
    let out = dir.path().join("out");
    build(&site, &out, &[]);
    assert_eq!(broken_links(&out, &[]), Vec::<String>::new());
    let shown = |id: &str| {
        let html = page(&out, &format!("decisions/{id}/index.html"));
        let badges = texts(&html, ".page-head .badges").join(" ");
        let facts = texts(&html, ".facts").join(" ");
        let prose = texts(&html, ".prose").join(" ");
        (texts(&html, "h1").join(" "), badges, facts, prose)
    };
    for (id, title) in [
        ("0005-deep-front-matter", "Deep front matter"),
        ("0006-laughing-front-matter", "Laughing front matter"),
    ] {
        let (h1, badges, facts, prose) = shown(id);
        assert_eq!(h1, title);
        assert!(prose.contains(&format!("The front matter of {title} is large.")));
        // Nothing the front matter said: no status, no decider, and no
        // YAML shown as text.
        assert!(!badges.contains("deprecated"), "{id}: {badges}");
        assert!(!facts.contains("Kenji Sato"), "{id}: {facts}");
        assert!(!prose.contains("status:"), "{id}: {prose}");
    }
    let (h1, badges, facts, _) = shown("0007-long-front-matter");
    assert_eq!(h1, "Long front matter");
    assert!(badges.contains("deprecated"), "{badges}");
    assert!(facts.contains("Kenji Sato"), "{facts}");
}
