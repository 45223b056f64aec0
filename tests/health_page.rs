//! `/health/` of the example site: every chart has a text alternative
//! (an SVG `role="img"` labelled by its `<title>` and `<desc>`) and a
//! table of its numbers, and those numbers are the ledger's, counted here
//! again from the API's registers of asks, risks and decisions.

mod common;

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use scraper::{ElementRef, Html};
use serde_json::Value;

use common::*;

/// The example site as the health page sees it: five weeks ending on the
/// newest wrap's day, 20 Nov.
fn built() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = build(&repo().join("example-site"), dir.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    dir
}

fn json(out: &std::path::Path, path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(out.join(path)).unwrap()).unwrap()
}

/// The weeks counted: `(first, last)`, oldest first.
fn weeks() -> Vec<(NaiveDate, NaiveDate)> {
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    (0..5u64)
        .rev()
        .map(|back| {
            let last = today - Days::new(7 * back);
            (last - Days::new(6), last)
        })
        .collect()
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// How many of `days` fall in each week.
fn per_week(days: impl IntoIterator<Item = NaiveDate>) -> Vec<usize> {
    let weeks = weeks();
    let mut counts = vec![0; weeks.len()];
    for d in days {
        if let Some(w) = weeks.iter().position(|(f, l)| *f <= d && d <= *l) {
            counts[w] += 1;
        }
    }
    counts
}

/// A figure's table, row by row: its heading and its cells.
fn table(figure: ElementRef) -> BTreeMap<String, Vec<String>> {
    figure
        .select(&selector("tbody tr"))
        .map(|tr| {
            let head = tr
                .select(&selector("th"))
                .next()
                .unwrap()
                .text()
                .collect::<String>();
            let cells = tr
                .select(&selector("td"))
                .map(|td| td.text().collect::<String>())
                .collect();
            (head, cells)
        })
        .collect()
}

fn numbers(cells: &[String]) -> Vec<usize> {
    cells.iter().map(|c| c.parse().unwrap()).collect()
}

/// The figure of `chart` in the section `scope`.
fn figure<'a>(html: &'a Html, scope: &str, chart: &str) -> ElementRef<'a> {
    html.select(&selector(&format!(
        "section#{scope} figure[data-chart=\"{chart}\"]"
    )))
    .next()
    .unwrap_or_else(|| panic!("{scope} has no {chart} chart"))
}

#[test]
fn every_chart_has_a_text_alternative_a_sentence_and_a_table() {
    let dir = built();
    let html = page(dir.path(), "health/index.html");
    let sections: Vec<String> = attrs(&html, "section.health-scope", "id");
    assert_eq!(
        sections,
        ["site", "team-checkout", "team-payments", "team-platform"]
    );
    let charts = [
        "asks",
        "ack-time",
        "open-asks",
        "risks",
        "incidents",
        "chain",
        "decisions",
    ];
    for scope in &sections {
        for chart in charts {
            let fig = figure(&html, scope, chart);
            let what = format!("{scope}/{chart}");
            let headline = fig
                .select(&selector(".headline"))
                .next()
                .map(|p| p.text().collect::<String>())
                .unwrap_or_default();
            assert!(headline.ends_with('.'), "{what}: no sentence: {headline:?}");
            let svg = fig
                .select(&selector("svg[role=img]"))
                .next()
                .unwrap_or_else(|| panic!("{what}: no chart"));
            let labelled_by = svg.value().attr("aria-labelledby").unwrap();
            for id in labelled_by.split(' ') {
                let label = html
                    .select(&selector(&format!("[id=\"{id}\"]")))
                    .next()
                    .unwrap_or_else(|| panic!("{what}: no #{id}"));
                assert!(
                    ["title", "desc"].contains(&label.value().name()),
                    "{what}: #{id} is a {}",
                    label.value().name()
                );
                assert!(!label.text().collect::<String>().trim().is_empty());
            }
            let heads = fig.select(&selector("thead th[scope=col]")).count();
            assert_eq!(heads, 6, "{what}: a column per week");
            for (row, cells) in table(fig) {
                assert_eq!(cells.len(), 5, "{what}: {row}");
            }
        }
    }
    // Ids are unique on the page: each chart's title is its own.
    let ids = attrs(&html, "[id]", "id");
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len());
}

#[test]
fn the_tables_hold_the_ledgers_numbers() {
    let dir = built();
    let out = dir.path();
    let html = page(out, "health/index.html");
    let asks: Vec<Value> = json(out, "api/asks/2026.json")["asks"]
        .as_array()
        .unwrap()
        .clone();

    // Asks written each week, and those nobody ever answered that lapsed.
    let site = table(figure(&html, "site", "asks"));
    let written = per_week(asks.iter().map(|a| day(a["written"].as_str().unwrap())));
    assert_eq!(numbers(&site["Written"]), written);
    let never_answered_lapsed =
        |a: &&Value| a["status"] == "lapsed" && a["history"].as_array().unwrap().is_empty();
    let lapsed = per_week(
        asks.iter()
            .filter(never_answered_lapsed)
            .map(|a| day(a["written"].as_str().unwrap())),
    );
    assert_eq!(numbers(&site["Lapsed"]), lapsed);
    assert!(
        lapsed.iter().sum::<usize>() >= 5,
        "the example's lapsing team"
    );
    // Every ask is counted once, in one outcome.
    let outcomes = [
        "Within a shift",
        "Later",
        "Not picked up",
        "Lapsed",
        "Still waiting",
    ];
    for (w, written) in written.iter().enumerate() {
        let sum: usize = outcomes.iter().map(|o| numbers(&site[*o])[w]).sum();
        assert_eq!(sum, *written, "week {w}");
    }
    // The lapsing team is Checkout: the asks to it that lapsed.
    let checkout = table(figure(&html, "team-checkout", "asks"));
    let to_checkout = per_week(
        asks.iter()
            .filter(never_answered_lapsed)
            .filter(|a| a["to"] == "checkout")
            .map(|a| day(a["written"].as_str().unwrap())),
    );
    assert_eq!(numbers(&checkout["Lapsed"]), to_checkout);

    // Risks open at each week's end: raised by then, not closed by then.
    let risks = json(out, "api/risks.json");
    let open_at = |end: NaiveDate| {
        risks["risks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| day(r["raised_on"].as_str().unwrap()) <= end)
            .filter(|r| r["closed_on"].as_str().is_none_or(|c| day(c) > end))
            .count()
    };
    let want: Vec<usize> = weeks().iter().map(|(_, end)| open_at(*end)).collect();
    let site_risks = table(figure(&html, "site", "risks"));
    assert_eq!(numbers(&site_risks["Open"]), want);
    // The story: the list grows, then shrinks.
    assert!(
        want[2] > want[1] && want[3] > want[2] && want[4] < want[3],
        "{want:?}"
    );

    // Decisions made each week.
    let decisions = json(out, "api/decisions.json");
    let made = per_week(
        decisions["decisions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|d| d["date"].as_str())
            .map(day),
    );
    assert_eq!(
        numbers(&table(figure(&html, "site", "decisions"))["Made"]),
        made
    );

    // The incident-heavy week: three opened in the week of 7 to 13 Nov.
    let incidents = table(figure(&html, "site", "incidents"));
    assert_eq!(numbers(&incidents["Opened"])[3], 3);
}

#[test]
fn the_api_serialises_the_pages_view() {
    let dir = built();
    let out = dir.path();
    let html = page(out, "health/index.html");
    let api = json(out, "api/health.json");
    // The same sentences and numbers, read from either.
    let headlines = texts(&html, "section#site figure .headline");
    assert_eq!(
        headlines[0],
        api["site"]["asks"]["headline"].as_str().unwrap()
    );
    let written: Vec<usize> = api["site"]["asks"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["written"].as_u64().unwrap() as usize)
        .collect();
    assert_eq!(
        numbers(&table(figure(&html, "site", "asks"))["Written"]),
        written
    );
    // The trend on the home page and on a team page is the chart's first
    // sentence, the share: one line in a header, not the chart's notes.
    let first_sentence = |headline: &str| {
        let end = headline.find(". ").map_or(headline.len(), |i| i + 1);
        headline[..end].to_string()
    };
    let home = page(out, "index.html");
    let site_headline = api["site"]["asks"]["headline"].as_str().unwrap();
    assert_eq!(texts(&home, ".trend a")[0], first_sentence(site_headline));
    assert!(
        site_headline.contains("Median time to acknowledge"),
        "{site_headline}"
    );
    let team = page(out, "teams/checkout/index.html");
    assert_eq!(
        texts(&team, ".trend a")[0],
        first_sentence(api["teams"][0]["asks"]["headline"].as_str().unwrap())
    );
}
