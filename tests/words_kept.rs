//! "No word of a body is lost": tricky Markdown bodies, built with raw
//! HTML sanitized and trusted, must show every word of their source on the
//! wrap page and in the team feed, as a reader sees them.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;
use regex::Regex;
use scraper::{ElementRef, Html, Node};

/// Bodies that have lost words before: raw tags in prose, code, HTML
/// blocks, comments, entities, links, emphasis, footnotes and tables.
const CASES: &[(&str, &str)] = &[
    (
        "script-in-prose",
        "Fixed the focus bug in the <script> element before lunch.\n\nClosing words survive too.\n",
    ),
    (
        "other-filtered-tags",
        "Then the <style> block moved, and <template> markup, a <textarea> field, \
         the <title> tag, an <iframe> embed, old <xmp> and <noembed> and <noframes> notes.\n\n\
         A <plaintext> mention comes last.\n\nNothing after it vanishes.\n",
    ),
    (
        "closing-and-uppercase",
        "Removed the stray </script> and <SCRIPT src=\"loader.js\"> loader today.\n\nAfterwards everything rendered.\n",
    ),
    (
        "script-block",
        "<script>\nconsole.log(\"still shown\")\n</script>\n\nParagraph after the block.\n",
    ),
    (
        "code",
        "Use `<script type=\"module\">` in code and `<style>` too.\n\n```html\n<template>\n  <p>fenced words</p>\n</template>\n```\n\n    <textarea>indented code</textarea>\n\nAfter the fence.\n",
    ),
    (
        "unclosed-tags",
        "An unclosed <b>bold start and <div class=x> block text.\n\nA broken <span tag without end.\n\nFinal sentence here.\n",
    ),
    (
        "comparisons",
        "Latency a < b > c held, x <= y and p99 >= 200ms, also 3<4 and 5>2.\n\nArrows -> and <- too, and <<double>> brackets.\n",
    ),
    (
        "comments",
        "Visible before <!-- hidden note --> visible after.\n\n<!--\nblock comment <script>\n-->\n\nTail words.\n",
    ),
    (
        "details",
        "<details><summary>Deploy logs</summary>\n\nInside the details block.\n\n</details>\n\nPress <kbd>Ctrl</kbd>+<kbd>C</kbd> to stop.\n",
    ),
    (
        "entities",
        "AT&amp;T outage &mdash; fixed &copy; vendor, &#169; and &#x27;quoted&#x27; text, &notanentity; stays, &lt;script&gt; literal.\n",
    ),
    (
        "links",
        "See <https://status.example.com/incidents/42> and https://grafana.example/d/latency?from=now, \
         or [the runbook page](https://wiki.example/runbooks/redis \"Title here\") and <ops@example.com>.\n",
    ),
    (
        "emphasis",
        "Edge *cases* with snake_case_names, 2*3*4 math, **unclosed bold, _under_score_ words, \
         ***triple*** emphasis, ~~struck~~ text and * lone stars *.\n",
    ),
    (
        "footnotes",
        "Claim needing proof[^1] and another[^2].\n\n[^1]: First footnote words.\n[^2]: Second footnote <script> words.\n",
    ),
    (
        "table",
        "| Service | State |\n|:--|--:|\n| payments <script> api | degraded |\n| search | fine `<style>` |\n\nAfter the table.\n",
    ),
    (
        "containers",
        "> quoted <textarea> words\n> - list <iframe src=x> item\n\n1. numbered <title> entry\n   continued line\n\nBack outside.\n",
    ),
];

const CONFIG: &str =
    "title = \"Words\"\nbase_url = \"https://words.test/\"\ntimezone = \"UTC\"\n[teams.alpha]\n";

/// Writes a site with one wrap per case (case `i` at 10:`i`) and returns
/// the wrap page of each case.
fn write_site(dir: &Path, allow_html: bool) -> Vec<String> {
    let config = format!("{CONFIG}[markdown]\nallow_html = {allow_html}\n");
    std::fs::write(dir.join("standin.toml"), config).unwrap();
    let wraps = dir.join("wraps");
    std::fs::create_dir_all(&wraps).unwrap();
    let mut pages = Vec::new();
    for (i, (_, body)) in CASES.iter().enumerate() {
        let text = format!(
            "+++\nauthor = \"ana\"\ndate = 2026-11-20T10:{i:02}:00Z\nteam = \"alpha\"\n+++\n{body}"
        );
        std::fs::write(wraps.join(format!("ana-10{i:02}.md")), text).unwrap();
        pages.push(format!("wraps/2026-11-20/ana-10{i:02}/index.html"));
    }
    pages
}

/// The words a reader of the rendered body should see: the source without
/// what Markdown and HTML hide or replace (comments, code fence info,
/// entity names, link targets, footnote labels, tags other than the
/// filtered ones, which are shown as text).
fn source_words(markdown: &str) -> BTreeMap<String, usize> {
    let hidden = [
        r"(?s)<!--.*?-->",
        r"(?m)^```\w+",
        r"&#?[A-Za-z0-9]+;",
        r"\]\([^)]*\)",
        r"\[\^\w+\]:?",
    ];
    let mut text = markdown.to_string();
    for pattern in hidden {
        text = Regex::new(pattern)
            .unwrap()
            .replace_all(&text, " ")
            .into_owned();
    }
    let filtered = [
        "script",
        "style",
        "template",
        "textarea",
        "title",
        "iframe",
        "xmp",
        "noembed",
        "noframes",
        "plaintext",
    ];
    let tag = Regex::new(r"</?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>").unwrap();
    let text = tag.replace_all(&text, |caps: &regex::Captures| {
        if filtered.contains(&caps[1].to_ascii_lowercase().as_str()) {
            caps[0].to_string()
        } else {
            " ".to_string()
        }
    });
    words(&text)
}

/// Alphabetic words with their counts.
fn words(text: &str) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for word in Regex::new(r"[A-Za-z]+").unwrap().find_iter(text) {
        *counts.entry(word.as_str().to_string()).or_insert(0) += 1;
    }
    counts
}

/// The text a browser shows inside `element`: not what is inside
/// elements whose content is never displayed.
fn visible_text(element: ElementRef) -> String {
    const UNSHOWN: &[&str] = &[
        "script", "style", "template", "noscript", "title", "iframe", "noembed", "noframes",
    ];
    let mut out = String::new();
    for node in element.descendants() {
        if let Node::Text(text) = node.value() {
            let hidden = node.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| UNSHOWN.contains(&e.name()))
            });
            if !hidden {
                out.push_str(text);
                out.push(' ');
            }
        }
    }
    out
}

/// The words of the source missing from what is shown (as `word xN`).
fn missing(source: &BTreeMap<String, usize>, shown: &BTreeMap<String, usize>) -> Vec<String> {
    source
        .iter()
        .filter(|(word, n)| shown.get(*word).copied().unwrap_or(0) < **n)
        .map(|(word, n)| format!("{word} x{n}"))
        .collect()
}

/// The rendered HTML of each entry of a feed, by the page it links to.
fn feed_entries(out: &Path, feed: &str) -> BTreeMap<String, String> {
    let xml = std::fs::read_to_string(out.join(feed)).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let mut entries = BTreeMap::new();
    for entry in doc.descendants().filter(|n| n.has_tag_name("entry")) {
        let link = entry
            .children()
            .find(|n| n.has_tag_name("link"))
            .and_then(|n| n.attribute("href"))
            .unwrap()
            .trim_start_matches("https://words.test/")
            .to_string();
        let content = entry
            .children()
            .find(|n| n.has_tag_name("content"))
            .and_then(|n| n.text())
            .unwrap_or("")
            .to_string();
        entries.insert(link, content);
    }
    entries
}

fn check_every_word_is_shown(allow_html: bool) {
    let site = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let pages = write_site(site.path(), allow_html);
    build(site.path(), out.path(), &[]);
    let feed = feed_entries(out.path(), "feeds/teams/alpha.xml");
    let mut failures = Vec::new();
    for ((name, body), page_path) in CASES.iter().zip(&pages) {
        let expected = source_words(body);
        let html = page(out.path(), page_path);
        let prose = html
            .select(&selector("section.prose"))
            .next()
            .unwrap_or_else(|| panic!("{name}: no body on {page_path}"));
        let lost = missing(&expected, &words(&visible_text(prose)));
        if !lost.is_empty() {
            failures.push(format!("{name}: page lost {lost:?}"));
        }
        let url = page_path.trim_end_matches("index.html");
        let entry = feed
            .get(url)
            .unwrap_or_else(|| panic!("{name}: no feed entry for {url}"));
        let entry = Html::parse_fragment(entry);
        let lost = missing(&expected, &words(&visible_text(entry.root_element())));
        if !lost.is_empty() {
            failures.push(format!("{name}: feed lost {lost:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "allow_html = {allow_html}:\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_word_is_shown_with_sanitized_html() {
    check_every_word_is_shown(false);
}

#[test]
fn every_word_is_shown_with_trusted_html() {
    check_every_word_is_shown(true);
}

#[test]
fn filtered_tags_warn_where_they_were_written() {
    let site = tempfile::tempdir().unwrap();
    write_site(site.path(), false);
    let output = run(&["check", site.path().to_str().unwrap(), "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let warnings: Vec<serde_json::Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|d: &serde_json::Value| d["code"] == "W006")
        .collect();
    let at = |file: &str| -> Vec<(u64, u64, String)> {
        warnings
            .iter()
            .filter(|d| d["file"].as_str().unwrap().ends_with(file))
            .map(|d| {
                (
                    d["line"].as_u64().unwrap(),
                    d["column"].as_u64().unwrap(),
                    d["help"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    // The body starts on line 6, after five lines of front matter.
    assert_eq!(
        at("ana-1000.md"),
        [(
            6,
            28,
            "write it in backticks: `<script>` (as raw HTML it would hide the words after it)"
                .to_string()
        )]
    );
    // `</script>` then `<SCRIPT ...>`: the closing tag came first, so both
    // are reported.
    let positions: Vec<(u64, u64)> = at("ana-1002.md").iter().map(|w| (w.0, w.1)).collect();
    assert_eq!(positions, [(6, 19), (6, 33)]);
    // An HTML block: the opening tag only, not its closing partner.
    let positions: Vec<(u64, u64)> = at("ana-1003.md").iter().map(|w| (w.0, w.1)).collect();
    assert_eq!(positions, [(6, 1)]);
    // Nothing in code, nothing in comments.
    assert!(at("ana-1004.md").is_empty() && at("ana-1007.md").is_empty());
    // In a block quote, a list item, and a numbered list.
    let positions: Vec<(u64, u64)> = at("ana-1014.md").iter().map(|w| (w.0, w.1)).collect();
    assert_eq!(positions, [(6, 10), (7, 10), (9, 13)]);
}
