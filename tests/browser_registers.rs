//! Registers filtered by link, in a real browser, on the example site opened
//! from disk: a view is a URL, and without JavaScript every row still shows.

mod common;

use std::time::Duration;

use common::browser::{Page, browser, file_url};
use common::*;

const WAIT: Duration = Duration::from_secs(15);

fn built_example() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    build(
        &repo().join("example-site"),
        dir.path(),
        &["--as-of", "2026-11-21"],
    );
    dir
}

/// `(id, team, blocker)` of every risk row the HTML has, without scripts.
fn rows_without_javascript(dir: &tempfile::TempDir) -> Vec<(String, String, bool)> {
    let html = page(dir.path(), "risks/index.html");
    html.select(&selector("li.risk-row"))
        .map(|row| {
            let id = row
                .select(&selector("code"))
                .map(|c| c.text().collect::<String>())
                .last()
                .unwrap_or_default();
            let team = row.value().attr("data-team").unwrap_or("").to_string();
            (id, team, row.value().attr("data-blocker") == Some("1"))
        })
        .collect()
}

#[test]
fn a_risk_register_url_with_filters_shows_only_matching_rows() {
    let dir = built_example();
    let all = rows_without_javascript(&dir);
    assert!(all.len() >= 10, "{all:?}");
    // Without JavaScript the filter form stays hidden and every row shows.
    let html = page(dir.path(), "risks/index.html");
    assert_eq!(attrs(&html, "form[data-filter=risks]", "hidden").len(), 1);
    assert!(all.iter().any(|(_, team, _)| team == "payments"));

    let Some(browser) = browser("a_risk_register_url_with_filters_shows_only_matching_rows") else {
        return;
    };
    let url = format!(
        "{}?team=payments&blocker=1",
        file_url(&dir.path().join("risks/index.html"))
    );
    let page = Page::open(&browser, &url);
    page.wait_until(
        "!document.querySelector('form[data-filter=risks]').hidden",
        WAIT,
    );
    let visible: Vec<String> = serde_json::from_str(
        page.eval(
            "JSON.stringify(Array.from(document.querySelectorAll('li.risk-row')).filter(r => !r.hidden).map(r => Array.from(r.querySelectorAll('code')).pop().textContent))",
        )
        .as_str()
        .unwrap(),
    )
    .unwrap();
    let expected: Vec<String> = all
        .iter()
        .filter(|(_, team, blocker)| team == "payments" && *blocker)
        .map(|(id, _, _)| id.clone())
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(visible, expected);
    assert_eq!(
        page.eval("document.querySelector('select[name=team]').value"),
        "payments"
    );
    assert_eq!(
        page.eval("document.querySelector('input[name=blocker]').checked"),
        true
    );

    // Changing a control changes the URL, so the view can be shared.
    page.eval(
        "(() => { const s = document.querySelector('select[name=sort]'); s.value = 'age'; s.form.dispatchEvent(new Event('change')); })()",
    );
    let search = page.eval("location.search");
    let search = search.as_str().unwrap();
    assert!(
        search.contains("team=payments")
            && search.contains("blocker=1")
            && search.contains("sort=age"),
        "{search}"
    );
    // Clearing shows every row again.
    page.eval("document.querySelector('[data-filter-reset]').click()");
    assert_eq!(
        page.eval(
            "Array.from(document.querySelectorAll('li.risk-row')).filter(r => !r.hidden).length"
        ),
        serde_json::json!(all.len())
    );
    assert_eq!(page.eval("location.search"), "");
    page.assert_no_errors();
}

#[test]
fn the_decision_log_keeps_its_filters_in_the_url() {
    let Some(browser) = browser("the_decision_log_keeps_its_filters_in_the_url") else {
        return;
    };
    let dir = built_example();
    let url = format!(
        "{}?status=superseded",
        file_url(&dir.path().join("decisions/index.html"))
    );
    let page = Page::open(&browser, &url);
    page.wait_until(
        "!document.querySelector('form[data-filter=decisions]').hidden",
        WAIT,
    );
    let statuses = page.eval(
        "JSON.stringify(Array.from(document.querySelectorAll('li.decision-row')).filter(r => !r.hidden).map(r => r.dataset.status))",
    );
    let statuses: Vec<String> = serde_json::from_str(statuses.as_str().unwrap()).unwrap();
    assert!(!statuses.is_empty());
    assert!(statuses.iter().all(|s| s == "superseded"), "{statuses:?}");
    page.assert_no_errors();
}
