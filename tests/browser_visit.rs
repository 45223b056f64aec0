//! "Since my last visit" and "my team", in a real browser, on the handover
//! fixture opened from disk: a wrap added between two visits is marked
//! new, and a reader's team leads the home page with its asks.

mod common;

use std::path::Path;
use std::time::Duration;

use common::browser::{Page, browser, file_url};
use common::*;

const WAIT: Duration = Duration::from_secs(15);

/// Written after the fixture's newest wrap (ana, 20 Nov 18:00 JST), the
/// same day: an ask for beta, one for alpha (dee's own team) and a risk.
const NEW_WRAP: (&str, &str) = (
    "wraps/2026/11/20/dee-2200.md",
    r#"+++
author = "dee"
date = 2026-11-20T22:00:00+09:00
team = "alpha"
summary = "Pool alerts tuned; the edge-2 certificate needs beta."
next = [
  "beta: Renew the TLS certificate on edge-2",
  "Keep an eye on the pool alerts",
]

[[risk]]
id = "edge-2-cert"
title = "TLS certificate on edge-2 expires Monday"
severity = "high"
owner = "bo"
+++
Tuned the pool alerts.
"#,
);

/// An ask for beta on the 19th that beta's shift that day let pass: it is
/// unacknowledged on the 20th.
const EARLY_WRAP: (&str, &str) = (
    "wraps/2026/11/19/cy-1000.md",
    r#"+++
author = "cy"
date = 2026-11-19T10:00:00+09:00
team = "alpha"
summary = "Pool size checked on alpha."
next = ["beta: Check the pool size in 4.83 on beta's hosts"]
+++
Checked.
"#,
);

/// The handover fixture, copied so that a test can add wraps to it.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("handover"), dir.path());
    dir
}

fn add(site: &Path, (path, text): (&str, &str)) {
    let file = site.join(path);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(file, text).unwrap();
}

/// `kind: words` of every element marked on the page, in page order.
fn marked(page: &Page) -> Vec<String> {
    let json = page.eval(
        "JSON.stringify(Array.from(document.querySelectorAll('.is-new')).map(e => \
           e.dataset.mark + ': ' + e.querySelector('.new-mark').textContent + ' ' + \
           (e.querySelector('.what, .row-title strong, .card-title, .item-title') || e).textContent.trim()))",
    );
    serde_json::from_str(json.as_str().unwrap()).unwrap()
}

/// The receivers of the groups of asks to pick up, in page order.
fn ask_groups(page: &Page) -> Vec<String> {
    let json = page.eval(
        "JSON.stringify(Array.from(document.querySelectorAll('section[aria-labelledby=pick-up] .ask-group')).map(g => g.dataset.to))",
    );
    serde_json::from_str(json.as_str().unwrap()).unwrap()
}

/// Shows the page as a phone does and checks that nothing scrolls
/// sideways.
fn assert_fits_a_phone(page: &Page) {
    page.emulate_phone(390, 844);
    assert_eq!(page.eval("window.innerWidth"), serde_json::json!(390));
    let widths = page.eval("[document.documentElement.scrollWidth, window.innerWidth].join(' ')");
    let widths: Vec<u32> = widths
        .as_str()
        .unwrap()
        .split(' ')
        .map(|w| w.parse().unwrap())
        .collect();
    assert!(
        widths[0] <= widths[1],
        "the page scrolls sideways on a phone: scrollWidth {} > innerWidth {}",
        widths[0],
        widths[1]
    );
}

#[test]
fn a_wrap_added_after_a_visit_is_marked_new() {
    let site = site();
    let out = tempfile::tempdir().unwrap();
    build(site.path(), out.path(), &[]);
    // Without JavaScript nothing is marked and no control shows.
    let html = page(out.path(), "index.html");
    assert_eq!(attrs(&html, "form[data-my-team]", "hidden").len(), 1);
    assert!(texts(&html, ".new-mark, .visit-note").is_empty());
    assert!(!attrs(&html, "li.wrap-row[data-mark=wrap]", "data-at").is_empty());

    let Some(browser) = browser("a_wrap_added_after_a_visit_is_marked_new") else {
        return;
    };
    let home = file_url(&out.path().join("index.html"));
    // First visit: nothing to compare with, nothing marked.
    let first = Page::open(&browser, &home);
    first.wait_until("!document.querySelector('form[data-my-team]').hidden", WAIT);
    assert_eq!(marked(&first), Vec::<String>::new());
    assert_eq!(first.texts(".visit-note"), Vec::<String>::new());
    first.assert_no_errors();
    first.tab.close(false).unwrap();

    // A wrap is written and the site rebuilt in place.
    add(site.path(), NEW_WRAP);
    build(site.path(), out.path(), &[]);
    let second = Page::open(&browser, &home);
    second.wait_until("document.querySelector('.visit-note')", WAIT);
    let expected = [
        "ask: new Keep an eye on the pool alerts",
        "ask: new Renew the TLS certificate on edge-2",
        "risk: new TLS certificate on edge-2 expires Monday",
        "wrap: new Dee",
    ];
    assert_eq!(marked(&second), expected);
    // The older wrap, the ask in hand and the acknowledgements are not.
    assert_eq!(
        second.texts(".wrap-row:not(.is-new) .row-title strong"),
        ["ana"]
    );
    // (`marked` lists every mark: the older ask in hand and the older
    // acknowledgements are on the page, unmarked.)
    assert_eq!(
        second.texts(".ask.is-taken:not(.is-new) .what"),
        ["Rotate the db-1 credentials"]
    );
    assert!(second.texts(".ack:not(.is-new)").len() >= 2);
    let note = second.texts(".visit-note");
    assert!(
        note.len() == 1
            && note[0].contains("Since your last visit")
            && note[0].contains("1 wrap, 2 asks, 1 risk"),
        "{note:?}"
    );
    // A reload is the same visit: the marks stay.
    second.tab.reload(false, None).unwrap();
    second.tab.wait_until_navigated().unwrap();
    second.wait_until("document.querySelector('.visit-note')", WAIT);
    assert_eq!(marked(&second), expected);
    // So does another brief of the same visit; an older day has nothing new.
    let day19 = file_url(&out.path().join("briefs/2026-11-19/index.html"));
    second.tab.navigate_to(&day19).unwrap();
    second.tab.wait_until_navigated().unwrap();
    assert_eq!(marked(&second), Vec::<String>::new());
    second.tab.navigate_to(&home).unwrap();
    second.tab.wait_until_navigated().unwrap();
    second.wait_until("document.querySelector('.visit-note')", WAIT);
    assert_eq!(marked(&second), expected);
    // On a phone (the page reloads: the same visit), marked, nothing
    // scrolls sideways.
    assert_fits_a_phone(&second);
    assert_eq!(marked(&second), expected);
    second.assert_no_errors();
    second.tab.close(false).unwrap();

    // The next visit has seen it all.
    let third = Page::open(&browser, &home);
    third.wait_until("document.querySelector('.visit-note')", WAIT);
    assert_eq!(marked(&third), Vec::<String>::new());
    assert!(
        third.texts(".visit-note")[0].starts_with("Nothing new since your last visit"),
        "{:?}",
        third.texts(".visit-note")
    );
    third.assert_no_errors();
}

#[test]
fn my_team_leads_the_home_page_with_its_asks() {
    let site = site();
    add(site.path(), EARLY_WRAP);
    add(site.path(), NEW_WRAP);
    let out = tempfile::tempdir().unwrap();
    build(site.path(), out.path(), &[]);
    let html = page(out.path(), "index.html");
    assert_eq!(
        texts(&html, "form[data-my-team] option"),
        ["any", "Alpha", "Beta"]
    );
    assert_eq!(
        attrs(
            &html,
            "section[aria-labelledby=unacknowledged] li.ask",
            "data-to"
        ),
        ["team:beta"]
    );

    let Some(browser) = browser("my_team_leads_the_home_page_with_its_asks") else {
        return;
    };
    let home = file_url(&out.path().join("index.html"));
    let page = Page::open(&browser, &home);
    page.wait_until("!document.querySelector('form[data-my-team]').hidden", WAIT);
    assert_eq!(ask_groups(&page), ["team:alpha", "team:beta"]);
    assert_eq!(page.texts(".for-team"), Vec::<String>::new());

    page.eval(
        "(() => { const s = document.querySelector('#my-team'); s.value = 'beta'; s.dispatchEvent(new Event('change', { bubbles: true })); })()",
    );
    assert_eq!(ask_groups(&page), ["team:beta", "team:alpha"]);

    // Kept in this browser: a reload opens with beta's asks.
    page.tab.reload(false, None).unwrap();
    page.tab.wait_until_navigated().unwrap();
    page.wait_until("document.querySelector('.for-team')", WAIT);
    assert_eq!(
        page.eval("document.querySelector('#my-team').value"),
        "beta"
    );
    assert_eq!(ask_groups(&page), ["team:beta", "team:alpha"]);
    assert_eq!(
        page.texts(".ask-group.is-mine .team-heading"),
        ["Beta my team"]
    );
    assert_eq!(
        page.texts(".for-team"),
        ["For Beta: 2 asks, 1 unacknowledged."]
    );
    // The line leads the page, before any section.
    assert_eq!(
        page.eval("document.querySelector('.brief').firstElementChild.className"),
        "visit-notes"
    );
    // A day's brief leads with the team too.
    page.tab
        .navigate_to(&file_url(&out.path().join("briefs/2026-11-20/index.html")))
        .unwrap();
    page.tab.wait_until_navigated().unwrap();
    page.wait_until("document.querySelector('.for-team')", WAIT);
    assert_eq!(ask_groups(&page), ["team:beta", "team:alpha"]);

    // "any" goes back to the page's order.
    page.tab.navigate_to(&home).unwrap();
    page.tab.wait_until_navigated().unwrap();
    assert_fits_a_phone(&page);
    page.eval(
        "(() => { const s = document.querySelector('#my-team'); s.value = ''; s.dispatchEvent(new Event('change', { bubbles: true })); })()",
    );
    assert_eq!(ask_groups(&page), ["team:alpha", "team:beta"]);
    assert_eq!(page.texts(".for-team"), Vec::<String>::new());
    page.assert_no_errors();
}
