//! "Valid XML always": characters XML 1.0 does not allow, written in a
//! body or made by TOML escapes in the front matter or the site's title,
//! never reach a feed or the sitemap, and `check` says where each came
//! from.

mod common;

use std::path::Path;

use common::*;

/// The title has an escape of a control character, the description a
/// noncharacter as it is.
const CONFIG: &str = "title = \"X\\u000BML\"\ndescription = \"Handoffs \u{FFFF} here\"\n\
    base_url = \"https://xml.test/\"\ntimezone = \"UTC\"\n[teams.alpha]\n";

/// Raw control characters and noncharacters in the body, a character
/// reference to one, and TOML escapes of them in the summary, a tag, a
/// handed-over item, a decision and a risk.
const WRAP: &str = "+++
author = \"ana\"
date = 2026-11-20T17:42:00Z
team = \"alpha\"
summary = \"Vendor\\u000Bkeys still missing\"
tags = [\"ops\\u0001x\"]
next = [\"@bo check \\u0002 it\"]

[[decision]]
title = \"Use \\u0001 Redis\"
why = \"Per-key TTLs \\uFFFF\"

[[risk]]
id = \"vendor-keys\"
title = \"Keys \\uFFFE missing\"
severity = \"high\"
mitigation = \"Escalated\\b\"
+++
Fixed the \u{B} failover today.

Raw \u{1}\u{2}\u{3} run, then \u{FFFE} and \u{FFFF} here.

A reference &#11; too.
";

/// A decision record with an escape in its title and a raw character in
/// its body.
const RECORD: &str = "+++
title = \"Keep \\u0007 Postgres\"
why = \"Backups\"
date = 2026-11-19T09:00:00Z
author = \"bo\"
+++
Context \u{C} here.
";

fn write_site(dir: &Path) {
    std::fs::write(dir.join("standin.toml"), CONFIG).unwrap();
    for (path, text) in [
        ("wraps/2026/11/20/ana.md", WRAP),
        ("decisions/keep-postgres.md", RECORD),
    ] {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

#[test]
fn feeds_and_sitemap_parse_as_xml() {
    let site = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    write_site(site.path());
    build(site.path(), out.path(), &[]);
    let xml_files: Vec<String> = read_tree(out.path())
        .into_keys()
        .filter(|p| p.ends_with(".xml"))
        .collect();
    assert!(
        xml_files.len() >= 5,
        "feeds and sitemap expected: {xml_files:?}"
    );
    let mut all_text = String::new();
    for path in &xml_files {
        let text = std::fs::read_to_string(out.path().join(path)).unwrap();
        let doc = roxmltree::Document::parse(&text)
            .unwrap_or_else(|e| panic!("{path} is not well-formed XML: {e}"));
        for node in doc.descendants() {
            all_text.extend(node.text());
            all_text.push('\n');
        }
    }
    // The words around each dropped character are all still there.
    for kept in [
        "Vendorkeys still missing",
        "Use  Redis",
        "Keys  missing",
        "Keep  Postgres",
        "Fixed the  failover today.",
        "Raw  run, then  and  here.",
        "A reference  too.",
        "Handoffs  here",
    ] {
        assert!(all_text.contains(kept), "{kept:?} missing from the feeds");
    }
}

#[test]
fn check_warns_where_each_character_came_from() {
    let site = tempfile::tempdir().unwrap();
    write_site(site.path());
    let output = run(&["check", site.path().to_str().unwrap(), "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut found: Vec<(String, u64, u64, u64)> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|d| d["code"] == "W007")
        .map(|d| {
            let file = d["file"].as_str().unwrap();
            let name = file.rsplit('/').next().unwrap().to_string();
            (
                name,
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["end_column"].as_u64().unwrap(),
            )
        })
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            // Escapes: the whole string value.
            ("ana.md".to_string(), 5, 11, 43),
            ("ana.md".to_string(), 6, 9, 21),
            ("ana.md".to_string(), 7, 9, 30),
            ("ana.md".to_string(), 10, 9, 27),
            ("ana.md".to_string(), 11, 7, 28),
            ("ana.md".to_string(), 15, 9, 30),
            ("ana.md".to_string(), 17, 14, 27),
            // Raw characters: one warning per run.
            ("ana.md".to_string(), 19, 11, 12),
            ("ana.md".to_string(), 21, 5, 8),
            ("ana.md".to_string(), 21, 19, 20),
            ("ana.md".to_string(), 21, 25, 26),
            // A Markdown character reference.
            ("ana.md".to_string(), 23, 13, 18),
            ("keep-postgres.md".to_string(), 2, 9, 31),
            ("keep-postgres.md".to_string(), 7, 9, 10),
            // The site's title and description, which feeds carry.
            ("standin.toml".to_string(), 1, 9, 20),
            ("standin.toml".to_string(), 2, 25, 26),
        ],
        "{}",
        stdout(&output)
    );
}
