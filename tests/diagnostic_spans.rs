//! Every span `standin check` reports lies in its file, start before end:
//! many sites made from random pieces of wraps and decision records (in
//! every format, with CRLF line ends, tabs, raw HTML across lines, noise
//! slipped in, files cut short, YAML that does not parse) go through check,
//! and each diagnostic is checked as made and as its JSON line says (a
//! stage that makes a span out of order also stops debug builds, see
//! `Diagnostic::at`). And where YAML does not parse, after characters of
//! more than one byte, is reported at its real line.

use std::path::Path;

use serde_json::Value;
use standin::build::{BuildOptions, check};
use standin::diagnostics::{Format, render};
use standin::ledger::AsOf;
use standin::site_dir::SiteDir;

/// A small deterministic generator (xorshift): the same seed, the same
/// sites, so a failure can be run again.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }

    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

const FRONT_MATTER: &[&str] = &[
    "summary = \"Fixed it.\"\n",
    "summary = \"\"\"\nTwo\nlines\"\"\"\n",
    "tags = [\"a\", \"b c\"]\n",
    "severity = \"hgih\"\n",
    "unknown = 1\n",
    "next = [\"billing: take it\", \"@nobody x\"]\n",
    "[[risk]]\nid = \"r1\"\ntitle = \"Risk\"\nseverity = \"high\"\n",
    "[[risk]]\nid = \"Bad Id\"\nseverity = \"meh\"\n",
    "[[decision]]\ntitle = \"Use X\"\nwhy = \"Because\"\nsupersedes = \"nothing-here\"\n",
    "[[decision]]\ntitle = \"\"\n",
    "date = 2026-13-40\n",
    "key = \"unterminated\n",
    "= broken\n",
    "token = \"AKIAIOSFODNN7EXAMPLE\"\n",
    "summary = \"nul \0 in it\"\n",
];

const BODY: &[&str] = &[
    "## Done\n- Moved [the doc](missing.md).\n",
    "See ![graph](graph.png \"t\") and [x](../../../../etc/passwd).\n",
    "<div>\n<a href=\"nope.md\">a</a>\n<img\n  src=\"gone.png\">\n</div>\n",
    "> <a href=\"quoted.md\">q</a>\n>\t<img src=\"tab.png\">\n",
    "- item\n\t<a href=\"in-list.md\">l</a>\n",
    "Inline <a href='x.md'>x</a> and <img src=y.png>.\n",
    "[ref]: missing-ref.md\n\n[a link][ref]\n",
    "<script>alert(1)</script>\n",
    "Text with a \u{1b} control and \u{feff} mark.\n",
    "[a](#here) [b](<spaced name.md>) [c](%ZZ.md)\n",
    "```\n[not](a-link.md)\n```\n",
    "password = hunter2hunter2\nAKIAIOSFODNN7EXAMPLE\n",
    "é🙂 [ü](ü.md)\n",
    "<div>\n<a href=\"a\0b.md\">x</a> <img src=\"c\0.png\">\n</div>\n",
    "Inline <a href=\"\0.md\">nul</a> [l](\0.md) \0 <script>\0\n",
    "<div>\r\n<a href=\"cr.md\">cr</a>\r\n</div>\r\n",
    "<table><tr><td>\n\n[deep](deep.md)\n\n</td></tr></table>\n",
    "",
];

const RECORD_HEAD: &[&str] = &[
    "# 9. Title\n\nDate: 2026-02-30\n\n## Status\n\nSuperseded by [8. Old](0008-old.md)\n\nAmends 0042\n",
    "# Use things\n\n* Status: superseded by [ADR-0099](0099-x.md)\n* Date: someday\n* Deciders: a, b\n",
    "---\nstatus: \"superseded by ADR-0012\"\ndate: 2026-01-01\ndeciders: [x, y\n---\n# Broken YAML\n",
    "---\nstatus: accepted\ndate: not a date\n---\n# MADR\n\n## More Information\n\nAmended by [x](0003-x.md)\n",
    "---\ntitle: Only YAML\nstatus: [a, b]\n---\n",
    "No title at all\n",
    "# \n",
    "---\nstatus: x\n",
    "+++\ntitle = \"Strict\"\nwhy = \"w\"\nstatus = \"maybe\"\n+++\n",
];

const CONFIG: &str = "title = \"Spans\"\ntimezone = \"UTC\"\n[teams.alpha]\n";

/// What is slipped into texts at random places.
const NOISE: &[&str] = &[
    "\"",
    "'",
    "[",
    "]",
    "(",
    ")",
    "=",
    "\n",
    "\r",
    "\r\n",
    "<",
    ">",
    "#",
    "`",
    "*",
    "\t",
    "+++\n",
    "---\n",
    "é",
    "🙂",
    "\0",
    "\\",
    "&amp;",
    "<a href=\"",
    "](",
    "- ",
    "> ",
    "    ",
    "\n\n",
    "&#0;",
    "<!--",
    "-->",
];

/// A text from pieces, sometimes with noise slipped in, CRLF line ends,
/// or cut short.
fn finish(mut text: String, random: &mut Random) -> String {
    if random.chance(2) {
        for _ in 0..1 + random.below(6) {
            let mut at = random.below(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            text.insert_str(at, random.pick(NOISE));
        }
    }
    if random.chance(3) {
        text = text.replace('\n', "\r\n");
    }
    if random.chance(4) && !text.is_empty() {
        let mut cut = random.below(text.len());
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
    }
    text
}

fn wrap(random: &mut Random, minute: usize) -> String {
    let mut text =
        format!("+++\nauthor = \"ana\"\ndate = 2026-11-20T10:{minute:02}:00Z\nteam = \"alpha\"\n");
    for _ in 0..random.below(3) {
        text.push_str(random.pick(FRONT_MATTER));
    }
    text.push_str("+++\n");
    for _ in 0..random.below(4) {
        text.push_str(random.pick(BODY));
    }
    finish(text, random)
}

fn record(random: &mut Random) -> String {
    let mut text = random.pick(RECORD_HEAD).to_string();
    for _ in 0..random.below(3) {
        text.push('\n');
        text.push_str(random.pick(BODY));
    }
    finish(text, random)
}

/// Writes a site of a few wraps and records made from `seed`.
fn make_site(root: &Path, seed: u64) {
    let mut random = Random(seed);
    let _ = std::fs::remove_dir_all(root);
    std::fs::create_dir_all(root.join("wraps/2026/11/20")).unwrap();
    std::fs::create_dir_all(root.join("decisions")).unwrap();
    std::fs::write(root.join("standin.toml"), CONFIG).unwrap();
    for i in 0..1 + random.below(3) {
        let name = format!("wraps/2026/11/20/ana-10{i:02}.md");
        std::fs::write(root.join(name), wrap(&mut random, i)).unwrap();
    }
    for i in 0..random.below(3) {
        let name = format!("decisions/000{i}-record.md");
        std::fs::write(root.join(name), record(&mut random)).unwrap();
    }
}

/// 1-based line and column (in characters) of the end of `text`.
fn lines_of(text: &str) -> Vec<usize> {
    text.split('\n').map(|l| l.chars().count()).collect()
}

fn check_spans(root: &Path, seed: u64) {
    let options = BuildOptions {
        site: SiteDir::new(root),
        base_url: None,
        as_of: AsOf::NewestWrap,
    };
    let checked = check(&options);
    for d in checked.diagnostics.iter() {
        let Some(location) = &d.location else {
            continue;
        };
        let text = &location.file.text;
        if let Some(span) = &location.span {
            assert!(
                span.start <= span.end
                    && span.end <= text.len()
                    && text.is_char_boundary(span.start)
                    && text.is_char_boundary(span.end),
                "seed {seed}: {} {span:?} in {} bytes of {}: {}",
                d.code.as_str(),
                text.len(),
                location.file.path,
                d.message
            );
        }
    }
    let json = render(&checked.diagnostics, Format::Json);
    for line in json.lines() {
        let d: Value = serde_json::from_str(line).unwrap();
        let Some(start) = d["line"].as_u64().zip(d["column"].as_u64()) else {
            continue;
        };
        let Some(end) = d["end_line"].as_u64().zip(d["end_column"].as_u64()) else {
            continue;
        };
        assert!(start <= end, "seed {seed}: end before start: {line}");
        let file = d["file"].as_str().unwrap();
        let text = checked
            .diagnostics
            .iter()
            .filter_map(|d| d.location.as_ref())
            .find(|l| l.file.path == file)
            .map(|l| l.file.text.clone())
            .unwrap();
        let lines = lines_of(&text);
        for (line_no, column) in [start, end] {
            let chars = lines.get(line_no as usize - 1).copied();
            assert!(
                chars.is_some_and(|chars| column as usize <= chars + 1),
                "seed {seed}: {line_no}:{column} outside {file}: {line}"
            );
        }
    }
}

#[test]
fn every_span_check_reports_lies_in_its_file_start_before_end() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    for seed in 1..=300u64 {
        make_site(&root, seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        check_spans(&root, seed);
    }
}

/// `check --format json` of `root`.
fn json(root: &Path) -> Vec<Value> {
    let options = BuildOptions {
        site: SiteDir::new(root),
        base_url: None,
        as_of: AsOf::NewestWrap,
    };
    render(&check(&options).diagnostics, Format::Json)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn yaml_that_does_not_parse_is_placed_by_characters_not_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    make_site(root, 1);
    std::fs::write(
        root.join("decisions/0001-record.md"),
        "---\ntitle: Décision à prendre — été\nstatus: {\n---\n# Décision\n\nBody.\n",
    )
    .unwrap();
    std::fs::write(
        root.join(".log4brains.yml"),
        "project:\n  name: Café — été\n  adrFolder: [\n",
    )
    .unwrap();
    let found = json(root);
    let at = |file: &str| -> Vec<(u64, u64)> {
        found
            .iter()
            .filter(|d| d["file"].as_str().is_some_and(|f| f.ends_with(file)))
            .filter(|d| {
                d["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("YAML") || m.contains("cannot read"))
            })
            .map(|d| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()))
            .collect()
    };
    // Both end before the node YAML expected: the line after the last.
    assert_eq!(at("0001-record.md"), [(4, 1)], "{found:?}");
    assert_eq!(at(".log4brains.yml"), [(4, 1)], "{found:?}");
}
