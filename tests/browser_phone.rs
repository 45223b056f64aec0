//! The pages a reader opens at the start of a shift, on a phone: nothing
//! scrolls sideways at 390 px, whatever the wraps hold (long ids, links,
//! code, names).

mod common;

use common::browser::{Page, browser, file_url};
use common::*;

/// Pages of the example site with the most in them: the home page (with
/// incidents, on call, asks), a brief, a wrap with acks and an incident, a
/// risk, an incident, the incident log, the registers, and the health
/// page with its charts and tables.
const PAGES: &[&str] = &[
    "index.html",
    "briefs/2026-11-20/index.html",
    "briefs/index.html",
    "wraps/2026-11-20/kenji-1742/index.html",
    "wraps/2026-11-05/marcus-2340/index.html",
    "risks/index.html",
    "risks/payharbor-partial-capture/index.html",
    "incidents/index.html",
    "incidents/inc-2026-1105/index.html",
    "decisions/index.html",
    "health/index.html",
    "teams/checkout/index.html",
];

#[test]
fn no_page_scrolls_sideways_on_a_phone() {
    let dir = tempfile::tempdir().unwrap();
    build(
        &repo().join("example-site"),
        dir.path(),
        &["--as-of", "2026-11-21"],
    );
    for path in PAGES {
        assert!(dir.path().join(path).exists(), "{path} is not built");
    }
    let Some(browser) = browser("no_page_scrolls_sideways_on_a_phone") else {
        return;
    };
    let mut wide = Vec::new();
    for path in PAGES {
        let page = Page::open(&browser, &file_url(&dir.path().join(path)));
        page.emulate_phone(390, 844);
        let width = page.eval("window.innerWidth").as_f64().unwrap();
        assert!(width <= 400.0, "the window is {width} px wide");
        let scroll = page
            .eval("document.documentElement.scrollWidth")
            .as_f64()
            .unwrap();
        if scroll > width {
            // Name the widest element, to say what to fix.
            let culprit = page.eval(
                "(() => { let w = null; for (const e of document.querySelectorAll('main *')) { \
                 const r = e.getBoundingClientRect(); if (r.right > window.innerWidth + 1 && \
                 (!w || r.right > w.r)) w = {r: r.right, d: e.tagName + '.' + e.className + ' ' + \
                 (e.textContent || '').slice(0, 60)}; } return w && w.d; })()",
            );
            wide.push(format!("{path}: {scroll} px > {width} px ({culprit})"));
        }
        page.assert_no_errors();
    }
    assert!(
        wide.is_empty(),
        "pages scroll sideways:\n{}",
        wide.join("\n")
    );
}
