//! Search finds what people type as they type it (issue 24), in a real
//! browser opened from disk: names with or without their accents, a
//! ticket id from an item's own links, a record's number in its usual
//! spellings; and a result's snippet is the text around the word that
//! matched, with the word marked and headings apart. The folding the
//! browser does is checked on the cases the index's folding is
//! (`src/site/search/fold_cases.json`). Every test fails if the page
//! reports a JavaScript error or a failed load.

mod common;

use std::path::Path;
use std::time::Duration;

use common::browser::{Page, browser, file_url};
use common::*;

const WAIT: Duration = Duration::from_secs(15);
/// Results, or the page's word that there are none.
const SETTLED: &str = "document.querySelectorAll('#search-results li').length > 0 || /^No /.test(document.getElementById('search-status').textContent)";

fn built(site: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    build(site, dir.path(), &[]);
    dir
}

/// The page of `query`, settled, without errors.
fn search(browser: &headless_chrome::Browser, dir: &tempfile::TempDir, query: &str) -> Page {
    let q: String = query
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            b' ' => "+".to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    let url = format!("{}?q={q}", file_url(&dir.path().join("search/index.html")));
    let page = Page::open(browser, &url);
    page.wait_until(SETTLED, WAIT);
    page.assert_no_errors();
    page
}

/// Each result's link, in order.
fn hrefs(page: &Page) -> Vec<String> {
    let value = page.eval(
        "JSON.stringify(Array.from(document.querySelectorAll('#search-results a.result-link')).map(a => a.getAttribute('href')))",
    );
    serde_json::from_str(value.as_str().unwrap()).unwrap()
}

#[test]
fn the_browser_folds_as_the_index_does() {
    let Some(browser) = browser("the_browser_folds_as_the_index_does") else {
        return;
    };
    let dir = built(&fixture("search"));
    let url = file_url(&dir.path().join("search/index.html"));
    let page = Page::open(&browser, &url);
    page.wait_until("window.standinSearch && standinSearch.fold", WAIT);
    let cases: Vec<(String, String)> = serde_json::from_str(
        &std::fs::read_to_string(repo().join("src/site/search/fold_cases.json")).unwrap(),
    )
    .unwrap();
    let inputs: Vec<&String> = cases.iter().map(|(text, _)| text).collect();
    let got = page.eval(&format!(
        "JSON.stringify({}.map(t => standinSearch.fold(t)))",
        serde_json::to_string(&inputs).unwrap()
    ));
    let got: Vec<String> = serde_json::from_str(got.as_str().unwrap()).unwrap();
    let mut wrong = Vec::new();
    for ((text, folded), browser) in cases.iter().zip(&got) {
        let index = standin::site::search_fold(text);
        if browser != folded || index != folded.as_str() {
            wrong.push(format!(
                "{text:?}: expected {folded:?}, index {index:?}, browser {browser:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_name_is_found_with_or_without_its_accent() {
    let Some(browser) = browser("a_name_is_found_with_or_without_its_accent") else {
        return;
    };
    let dir = built(&repo().join("example-site"));
    // `ines` is the handle, `Inés` the name pages show.
    let plain = search(&browser, &dir, "ines");
    let found = hrefs(&plain);
    assert!(found.len() > 5, "{found:?}");
    for query in ["Inés", "INÉS", "ｉｎｅｓ", "Ine\u{301}s"] {
        let page = search(&browser, &dir, query);
        assert_eq!(hrefs(&page), found, "{query:?} and \"ines\" differ");
    }
    // A result shows the name as written; the word is marked however it
    // is written.
    let metas = plain.texts("#search-results li .meta");
    assert!(
        metas.iter().any(|m| m.ends_with("· Inés · Platform")),
        "{metas:?}"
    );
    let accented = search(&browser, &dir, "Inés");
    let marked = accented.texts("#search-results mark");
    assert!(marked.iter().any(|m| m == "ines"), "{marked:?}");
}

#[test]
fn an_incident_is_found_by_its_ticket_id() {
    let Some(browser) = browser("an_incident_is_found_by_its_ticket_id") else {
        return;
    };
    let dir = built(&repo().join("example-site"));
    // `links.ticket = "https://jira.northwind.example/browse/PAY-3187"`.
    for query in ["PAY-3187", "pay-3187"] {
        let page = search(&browser, &dir, query);
        assert_eq!(
            page.texts("#search-results li:first-child .kind"),
            ["incident"],
            "{query}"
        );
        let first = &hrefs(&page)[0];
        assert!(first.starts_with("../incidents/"), "{query}: {first}");
        // The line says what it was found by, marked.
        assert_eq!(
            page.texts("#search-results li:first-child .result-id mark"),
            ["PAY-3187"],
            "{query}"
        );
        // `pay` of `PAY-3187` is not marked in "payments".
        let marked = page.texts("#search-results li:first-child .result-title mark");
        assert!(marked.is_empty(), "{marked:?}");
    }
}

#[test]
fn a_record_number_is_found_in_three_spellings() {
    let Some(browser) = browser("a_record_number_is_found_in_three_spellings") else {
        return;
    };
    let dir = built(&fixture("adr-tools"));
    for query in ["ADR-0003", "ADR 3", "0003", "adr-3"] {
        let page = search(&browser, &dir, query);
        let titles = page.texts("#search-results li .result-title");
        assert_eq!(
            titles.first().map(String::as_str),
            Some("Session lifetime of thirty minutes"),
            "{query}: {titles:?}"
        );
        assert_eq!(
            page.texts("#search-results li:first-child .result-id"),
            ["ADR-0003"],
            "{query}"
        );
    }
    // Record 3 is not record 13 nor 30: "ADR 3" does not list the others
    // above it, and "ADR 4" finds record 4 first.
    let page = search(&browser, &dir, "ADR 4");
    assert_eq!(
        page.texts("#search-results li:first-child .result-title"),
        ["Move sessions to Redis"]
    );
}

#[test]
fn a_snippet_is_the_text_around_the_word_that_matched() {
    let Some(browser) = browser("a_snippet_is_the_text_around_the_word_that_matched") else {
        return;
    };
    let dir = built(&fixture("adr-tools"));
    // "Freed" is in record 3's last section, far from its start.
    let page = search(&browser, &dir, "freed");
    let snippet = "#search-results li:first-child .teaser";
    assert_eq!(
        page.texts(&format!("{snippet} mark")),
        ["freed"],
        "{:?}",
        page.texts(snippet)
    );
    // The section's heading, apart from the text after it.
    assert_eq!(
        page.texts(&format!("{snippet} .snippet-heading")),
        ["Consequences"]
    );
    let text = page.texts(snippet).concat();
    assert!(
        text.starts_with("Consequences — Abandoned baskets are freed"),
        "{text}"
    );
    // Built of text nodes: the only elements are the heading and marks.
    let tags = page.eval(
        "JSON.stringify(Array.from(document.querySelectorAll('#search-results .teaser *')).map(e => e.tagName))",
    );
    let tags: Vec<String> = serde_json::from_str(tags.as_str().unwrap()).unwrap();
    assert!(tags.iter().all(|t| t == "MARK" || t == "SPAN"), "{tags:?}");
}
