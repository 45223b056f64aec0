//! Live reload in a real browser: an edit on disk reloads the open page by
//! itself, and a broken wrap shows the error overlay without a reload.

mod common;

use std::time::Duration;

use common::browser::{Page, browser};
use common::server::serve;

const WAIT: Duration = Duration::from_secs(10);

#[test]
fn the_page_reloads_itself_after_an_edit() {
    let Some(browser) = browser("the_page_reloads_itself_after_an_edit") else {
        return;
    };
    let server = serve(&[]);
    let page = Page::open(
        &browser,
        &format!("{}wraps/2026-11-18/ana-2330/", server.url),
    );
    page.wait_until(
        "document.body.innerText.includes('Pruned WAL on db-1.')",
        WAIT,
    );
    // Wait for the event stream (the client marks the page when it is
    // open), then mark this page: a reload forgets it.
    page.wait_until(
        "document.documentElement.dataset.standinLive === 'open'",
        WAIT,
    );
    page.eval("window.standinMarker = 'before'");

    let wrap = server.site.join("wraps/2026/11/18/ana-2330.md");
    let text = std::fs::read_to_string(&wrap).unwrap();
    std::fs::write(
        &wrap,
        text.replace("Pruned WAL on db-1.", "Pruned WAL on every replica."),
    )
    .unwrap();
    page.wait_until(
        "document.body.innerText.includes('Pruned WAL on every replica.')",
        WAIT,
    );
    assert_eq!(
        page.eval("window.standinMarker === undefined"),
        true,
        "the page was not reloaded"
    );

    // A broken wrap: the overlay appears on the open page, no reload needed.
    page.eval("window.standinMarker = 'still here'");
    let broken = server.site.join("wraps/2026/11/18/zed-2359.md");
    std::fs::write(
        &broken,
        "+++\nauthor = \"zed\"\ndate = 2026-11-18T23:59:00+09:00\nsevrity = 1\n+++\nx\n",
    )
    .unwrap();
    page.wait_until("document.getElementById('standin-errors') !== null", WAIT);
    assert_eq!(
        page.eval("window.standinMarker"),
        "still here",
        "the overlay came without a reload"
    );
    let overlay = page.eval("document.getElementById('standin-errors').innerText");
    assert!(
        overlay
            .as_str()
            .unwrap()
            .contains("unknown key `sevrity` in the wrap"),
        "{overlay}"
    );

    // The reader may dismiss it; the same errors do not bring it back.
    page.eval("document.querySelector('#standin-errors [data-dismiss]').click()");
    assert_eq!(
        page.eval("document.getElementById('standin-errors') === null"),
        true
    );

    // Fixed: the page reloads and the overlay is gone.
    std::fs::remove_file(&broken).unwrap();
    page.wait_until(
        "document.getElementById('standin-errors') === null && window.standinMarker === undefined",
        WAIT,
    );
    page.assert_no_errors();
}
