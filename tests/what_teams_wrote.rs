//! Text as teams write it, shown everywhere with its links working
//! (`tests/fixtures/what-teams-wrote`, in the shape of a government team's
//! adr-tools records and a week of wraps): a link between source files in
//! a decision's `why`, an ask or an acknowledgement's note leads to the
//! page it became on every page that shows the line (the decision log, a
//! brief, a wrap, the register of asks) and in the feeds; `<a@b.example>`
//! is a `mailto:` link; bare URLs stay whole, as GitHub keeps them.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::*;
use scraper::Html;

const LOG: &str = "decisions/index.html";
const IP_RANGES: &str = "decisions/0004-ip-ranges/index.html";
const OUTLINE: &str = "decisions/0003-aws-networking-outline/index.html";
const BRIEF: &str = "briefs/2026-11-20/index.html";
const ANA: &str = "wraps/2026-11-20/ana-1742/index.html";
const KENJI: &str = "wraps/2026-11-21/kenji-0910/index.html";
const ASKS: &str = "asks/index.html";
const URLS: [&str; 2] = [
    "https://x.example/wiki/Foo(bar)",
    "https://x.example/wiki/Foo_(bar)",
];

/// The fixture, built once for every test here.
fn out() -> &'static Path {
    static OUT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, out) = OUT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let output = build(&fixture("what-teams-wrote"), &out, &[]);
        let said = stdout(&output) + &stderr(&output);
        assert!(!said.contains("warning["), "{said}");
        (dir, out)
    });
    out
}

/// The page the link with `text` among `css` on `page` leads to.
fn target_of(html: &Html, page: &str, css: &str, text: &str) -> String {
    let found = links(html, css);
    let (_, href) = found
        .iter()
        .find(|(t, _)| t == text)
        .unwrap_or_else(|| panic!("no link {text:?} in {css} of {page}: {found:?}"));
    resolve(page, href)
}

#[test]
fn no_link_in_the_output_is_broken() {
    assert_eq!(broken_links(out(), &[]), Vec::<String>::new());
}

#[test]
fn a_records_why_links_the_record_it_names_in_the_log_and_on_its_page() {
    let log = page(out(), LOG);
    assert_eq!(target_of(&log, LOG, ".why a", "0003"), OUTLINE);
    let record = page(out(), IP_RANGES);
    // The body's links, the fragment kept, lead to the same page.
    assert_eq!(target_of(&record, IP_RANGES, ".prose a", "0003"), OUTLINE);
    assert_eq!(
        target_of(&record, IP_RANGES, ".prose a", "the outline"),
        OUTLINE
    );
}

#[test]
fn a_wraps_why_links_a_record_on_the_brief_the_log_and_the_wrap() {
    for at in [BRIEF, LOG, ANA] {
        let html = page(out(), at);
        assert_eq!(target_of(&html, at, "a", "ADR 4"), IP_RANGES, "on {at}");
    }
}

#[test]
fn an_ask_and_a_note_link_files_of_the_site_wherever_they_show() {
    for at in [BRIEF, ASKS, ANA] {
        let html = page(out(), at);
        assert_eq!(target_of(&html, at, "a", "the outline"), OUTLINE, "on {at}");
    }
    // A note links a file beside the wrap: published with the site.
    let kenji = page(out(), KENJI);
    let notes = target_of(&kenji, KENJI, "a", "my notes");
    assert!(notes.starts_with("files/"), "{notes}");
    assert!(out().join(&notes).is_file(), "{notes}");
}

#[test]
fn email_autolinks_are_mailto_links() {
    let ana = page(out(), ANA);
    let hrefs = attrs(&ana, "a[href^='mailto:']", "href");
    assert!(
        hrefs.contains(&"mailto:sepi@joesepi.example".to_string()),
        "{hrefs:?}"
    );
    assert!(
        hrefs.contains(&"mailto:ops@b.example".to_string()),
        "{hrefs:?}"
    );
}

#[test]
fn bare_urls_stay_whole_on_a_wrap_page_in_an_ask_and_in_a_feed() {
    let whole = |html: &Html, css: &str, at: &str| {
        let found = links(html, css);
        for url in URLS {
            assert!(
                found.iter().any(|(text, href)| text == url && href == url),
                "{url} not whole in {css} of {at}: {found:?}"
            );
        }
    };
    let ana = page(out(), ANA);
    whole(&ana, ".prose a", "the body of ana's wrap");
    whole(&page(out(), ASKS), "a", "the register of asks");
    whole(&page(out(), BRIEF), "a", "the brief");
    let feed = std::fs::read_to_string(out().join("feeds/asks/payments.xml")).unwrap();
    let feed = roxmltree::Document::parse(&feed).unwrap();
    let content: String = feed
        .descendants()
        .filter(|n| n.has_tag_name("content"))
        .filter_map(|n| n.text())
        .collect();
    whole(&Html::parse_fragment(&content), "a", "the asks feed");
}
