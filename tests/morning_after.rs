//! The morning after a quiet day, on `tests/fixtures/morning-after` (site
//! zone UTC): on Friday ana (Checkout) opens INC-7, hands the pager to
//! dan from Saturday 09:00 New York time, asks everyone about the freeze
//! and Payments about the refund queue; kenji (Payments) takes the freeze
//! for his team; eva (Platform) writes without a word on it; quentin left
//! an untouched scaffold. Nobody writes over the weekend, and CI builds on
//! Monday at 06:00 (`--as-of 2026-11-23T06:00`).

mod common;

use std::path::Path;

use common::*;
use scraper::Html;
use serde_json::Value;

const MONDAY: &str = "2026-11-23T06:00";

fn built(extra: &[&str]) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let output = build(&fixture("morning-after"), &dir.path().join("out"), extra);
    (dir, stderr(&output))
}

fn out(dir: &tempfile::TempDir) -> std::path::PathBuf {
    dir.path().join("out")
}

fn json(out: &Path, path: &str) -> Value {
    let text = std::fs::read_to_string(out.join(path)).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// `(team, who now, who next)` of the on-call rows of the home page.
fn on_call(html: &Html) -> Vec<String> {
    texts(html, "section[aria-labelledby=on-call] .on-call li")
}

fn brief_text(args: &[&str]) -> String {
    let site = fixture("morning-after");
    let mut all = vec!["brief", site.to_str().unwrap(), "--format", "text"];
    all.extend_from_slice(args);
    let output = run(&all);
    assert!(output.status.success(), "{}", stderr(&output));
    stdout(&output)
}

#[test]
fn on_call_turns_over_on_saturday_in_the_html_the_api_and_the_brief() {
    // Built as of Friday's end, ana has it and dan is next.
    let (friday, _) = built(&[]);
    let home = page(&out(&friday), "index.html");
    let rows = on_call(&home);
    assert!(
        rows[0].contains("ana") && rows[0].contains("then Dan"),
        "{rows:?}"
    );

    let (monday, _) = built(&["--as-of", MONDAY]);
    let out = out(&monday);
    let rows = on_call(&page(&out, "index.html"));
    assert!(rows[0].starts_with("Checkout"), "{rows:?}");
    assert!(rows[0].contains("Dan since Sat 21 Nov 09:00"), "{rows:?}");
    assert!(!rows[0].contains("ana"), "{rows:?}");
    let index = json(&out, "api/index.json");
    assert_eq!(index["now"], "2026-11-23T06:00:00+00:00");
    assert_eq!(index["on_call"][0]["team"], "checkout");
    assert_eq!(index["on_call"][0]["person"], "Dan");
    // The brief of the day itself still says how Friday ended.
    let friday_file = json(&out, "api/briefs/2026-11-20.json");
    assert_eq!(friday_file["on_call"][0]["person"], "ana");

    let text = brief_text(&["--as-of", MONDAY]);
    assert!(
        text.contains("- Checkout: Dan since Sat 21 Nov 09:00 EST"),
        "{text}"
    );
}

#[test]
fn ages_count_from_monday() {
    let (monday, _) = built(&["--as-of", MONDAY]);
    let home = page(&out(&monday), "index.html");
    let incident = texts(&home, "section[aria-labelledby=incidents] .meta").join(" ");
    assert!(incident.contains("open 3 days"), "{incident}");
    let asks = texts(&home, "li.ask .meta").join("\n");
    assert!(asks.contains("waiting 3 days"), "{asks}");
    assert!(!asks.contains("today"), "{asks}");
    assert_eq!(
        texts(&home, ".page-head .eyebrow"),
        ["Latest brief · as of Monday 23 November 2026, 06:00 UTC"]
    );
}

#[test]
fn an_ask_to_everyone_taken_by_one_team_stays_open_for_the_others() {
    let (monday, _) = built(&["--as-of", MONDAY]);
    let out = out(&monday);
    let home = page(&out, "index.html");
    let freeze: Vec<String> = texts(&home, "li.ask")
        .into_iter()
        .filter(|t| t.contains("Code freeze starts Thursday"))
        .collect();
    assert_eq!(freeze.len(), 1, "{freeze:?}");
    let parts: String = texts(&home, "li.ask .parts")
        .concat()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(
        parts.replace(" ,", ","),
        "open for Checkout, Platform · Payments: taken by kenji"
    );
    let asks = json(&out, "api/asks.json");
    let live: Vec<&str> = asks["live"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["id"] == "freeze")
        .map(|a| a["status"].as_str().unwrap())
        .collect();
    assert_eq!(live, ["open"]);
    // Platform let a shift pass without answering: nobody picked it up.
    let unacked = texts(&home, "section[aria-labelledby=unacknowledged] li.ask").join("\n");
    assert!(unacked.contains("Code freeze"), "{unacked}");
}

#[test]
fn an_untouched_scaffold_is_left_out_and_the_site_builds() {
    let (monday, stderr) = built(&["--as-of", MONDAY]);
    assert!(stderr.contains("warning[W017]"), "{stderr}");
    assert!(stderr.contains("quentin-1800.md:2:1"), "{stderr}");
    let out = out(&monday);
    assert!(!out.join("wraps/2026-11-20/quentin-1800").exists());
    assert!(out.join("wraps/2026-11-20/eva-1700/index.html").exists());
}

#[test]
fn a_team_page_is_the_teams_own_handover() {
    let (monday, _) = built(&["--as-of", MONDAY]);
    let out = out(&monday);
    let checkout = page(&out, "teams/checkout/index.html");
    let pager = texts(&checkout, "section[aria-labelledby=on-call] .oc-who").join(" ");
    assert!(pager.starts_with("Dan since Sat 21 Nov"), "{pager}");
    let incidents = texts(&checkout, "section[aria-labelledby=incidents] .card-title");
    assert_eq!(incidents, ["Refunds stuck"]);
    // Checkout has yet to answer the freeze.
    let waiting = texts(&checkout, "section[aria-labelledby=asks] li.ask .what");
    assert_eq!(waiting, ["Code freeze starts Thursday"]);

    let payments = page(&out, "teams/payments/index.html");
    let mut waiting = texts(&payments, "section[aria-labelledby=asks] li.ask .what");
    waiting.sort();
    // Its own ask, and the freeze it took (in hand, not yet done).
    assert_eq!(
        waiting,
        [
            "Check the refund queue before the batch",
            "Code freeze starts Thursday"
        ]
    );
    assert_eq!(
        texts(&payments, "section[aria-labelledby=asks] h2 .count"),
        ["2"]
    );
    let pager = texts(&payments, "section[aria-labelledby=on-call]").join(" ");
    assert!(
        pager.contains("has handed its pager to anyone yet"),
        "{pager}"
    );
}

#[test]
fn no_ask_id_appears_twice_on_the_example_sites_home_page() {
    let dir = tempfile::tempdir().unwrap();
    build(&repo().join("example-site"), dir.path(), &[]);
    let home = page(dir.path(), "index.html");
    let mut ids = texts(&home, ".item-id code");
    assert!(ids.len() > 5, "{ids:?}");
    ids.sort();
    let twice: Vec<&[String]> = ids.windows(2).filter(|w| w[0] == w[1]).collect();
    assert!(twice.is_empty(), "{twice:?}");
}
