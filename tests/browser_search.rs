//! Search in a real browser, on the example site opened from disk
//! (`file://`): typing, filters from the URL, prefixes, keyboard. Every test
//! fails if the page reports a JavaScript error or a failed load.

mod common;

use std::time::Duration;

use common::browser::{Page, browser, file_url};
use common::*;

const WAIT: Duration = Duration::from_secs(15);
const RESULTS: &str = "document.querySelectorAll('#search-results li').length > 0";

fn built_example() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    build(&repo().join("example-site"), dir.path(), &[]);
    dir
}

fn search_url(dir: &tempfile::TempDir, query: &str) -> String {
    format!("{}{query}", file_url(&dir.path().join("search/index.html")))
}

#[test]
fn typing_a_word_from_one_decision_lists_it_first() {
    let Some(browser) = browser("typing_a_word_from_one_decision_lists_it_first") else {
        return;
    };
    let dir = built_example();
    let page = Page::open(&browser, &search_url(&dir, ""));
    page.wait_until(
        "document.getElementById('search-status').textContent.startsWith('Type to search')",
        WAIT,
    );
    // The box has focus on load, so typing goes straight into it.
    page.tab
        .find_element("#search-page-input")
        .unwrap()
        .click()
        .unwrap();
    page.tab.type_str("exponential").unwrap();
    page.wait_until(RESULTS, WAIT);
    let titles = page.texts("#search-results li .result-title");
    assert_eq!(
        titles[0], "Retry failed Acquira webhook processing with exponential backoff",
        "{titles:?}"
    );
    assert_eq!(
        page.texts("#search-results li:first-child .kind"),
        ["decision"]
    );
    assert_eq!(
        page.texts("#search-results li:first-child mark"),
        ["exponential"]
    );
    // The query is in the URL, so the search is a link to paste.
    assert!(
        page.eval("location.search")
            .as_str()
            .unwrap()
            .contains("q=exponential")
    );
    page.assert_no_errors();
}

#[test]
fn kind_in_the_url_shows_only_risks() {
    let Some(browser) = browser("kind_in_the_url_shows_only_risks") else {
        return;
    };
    let dir = built_example();
    let page = Page::open(&browser, &search_url(&dir, "?q=redis&kind=risk"));
    page.wait_until(RESULTS, WAIT);
    let kinds = page.texts("#search-results li .kind");
    assert!(!kinds.is_empty());
    assert!(kinds.iter().all(|k| k == "risk"), "{kinds:?}");
    assert_eq!(
        page.eval("document.querySelector('select[name=kind]').value"),
        "risk"
    );
    let status = page.texts("#search-status").concat();
    assert!(status.contains("risks for “redis”"), "{status}");
    page.assert_no_errors();
}

#[test]
fn three_letter_prefixes_find_results() {
    let Some(browser) = browser("three_letter_prefixes_find_results") else {
        return;
    };
    let dir = built_example();
    for prefix in ["red", "fai", "pay"] {
        let page = Page::open(&browser, &search_url(&dir, &format!("?q={prefix}")));
        page.wait_until(RESULTS, WAIT);
        let marked = page.texts("#search-results mark");
        assert!(
            marked.iter().any(|m| m.to_lowercase().starts_with(prefix)),
            "{prefix}: {marked:?}"
        );
        page.assert_no_errors();
    }
}

#[test]
fn team_filter_and_no_results() {
    let Some(browser) = browser("team_filter_and_no_results") else {
        return;
    };
    let dir = built_example();
    let all = Page::open(&browser, &search_url(&dir, "?q=acquira"));
    all.wait_until(RESULTS, WAIT);
    let all_status = all.texts("#search-status").concat();
    let page = Page::open(&browser, &search_url(&dir, "?q=acquira&team=payments"));
    page.wait_until(RESULTS, WAIT);
    let teams = page.texts("#search-results li .meta");
    assert!(teams.iter().all(|m| m.ends_with("· Payments")), "{teams:?}");
    let count = |status: &str| status.split(' ').next().unwrap().parse::<usize>().unwrap();
    let filtered = page.texts("#search-status").concat();
    assert!(
        count(&filtered) < count(&all_status),
        "{filtered} vs {all_status}"
    );
    let page = Page::open(&browser, &search_url(&dir, "?q=zzzqqq"));
    page.wait_until(
        "document.getElementById('search-status').textContent.startsWith('No results')",
        WAIT,
    );
    page.assert_no_errors();
}

#[test]
fn keyboard_moves_through_results_and_enter_opens_one() {
    let Some(browser) = browser("keyboard_moves_through_results_and_enter_opens_one") else {
        return;
    };
    let dir = built_example();
    // `/` on any page focuses the header box.
    let home = Page::open(&browser, &file_url(&dir.path().join("index.html")));
    home.tab.press_key("/").unwrap();
    assert_eq!(home.eval("document.activeElement.id"), "site-search");
    home.assert_no_errors();

    let page = Page::open(&browser, &search_url(&dir, "?q=freeze"));
    page.wait_until(RESULTS, WAIT);
    page.tab
        .find_element("#search-page-input")
        .unwrap()
        .click()
        .unwrap();
    page.tab.press_key("ArrowDown").unwrap();
    page.tab.press_key("ArrowDown").unwrap();
    let second = page.eval("document.querySelectorAll('#search-results a')[1].href");
    assert_eq!(page.eval("document.activeElement.href"), second);
    page.tab.press_key("ArrowUp").unwrap();
    page.tab.press_key("ArrowUp").unwrap();
    assert_eq!(page.eval("document.activeElement.id"), "search-page-input");
    page.tab.press_key("ArrowDown").unwrap();
    let first = page.eval("document.activeElement.href");
    page.tab.press_key("Enter").unwrap();
    page.wait_until(&format!("location.href === {first}"), WAIT);
    page.assert_no_errors();
}
