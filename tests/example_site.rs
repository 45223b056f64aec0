//! The example site is the showcase: it must build cleanly and show every
//! feature the product promises.

mod common;

use std::collections::BTreeSet;

use common::*;

fn built() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let output = build(&repo().join("example-site"), dir.path(), &[]);
    let err = stderr(&output);
    // The showcase leaves asks unacknowledged on purpose (W012); nothing
    // else may warn.
    let others: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("warning[") && !l.starts_with("warning[W012]"))
        .collect();
    assert!(others.is_empty(), "the example site has warnings:\n{err}");
    dir
}

#[test]
fn the_example_site_shows_every_feature() {
    let dir = built();
    let out = dir.path();
    let tree = read_tree(out);
    let count = |prefix: &str| {
        tree.keys()
            .filter(|p| p.starts_with(prefix) && p.ends_with("/index.html"))
            .count()
    };
    assert!(count("wraps/") >= 80, "wraps: {}", count("wraps/"));
    assert!(
        count("decisions/") > 8,
        "decisions: {}",
        count("decisions/")
    );
    assert!(count("risks/") > 10, "risks: {}", count("risks/"));
    let days: BTreeSet<chrono::NaiveDate> = tree
        .keys()
        .filter_map(|p| p.strip_prefix("briefs/")?.split('/').next())
        .filter_map(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .collect();
    assert!(days.len() >= 15, "days with briefs: {}", days.len());
    let (first, last) = (days.first().unwrap(), days.last().unwrap());
    assert!((*last - *first).num_days() >= 21, "spans {first}..{last}");

    let teams = page(out, "teams/index.html");
    assert_eq!(
        texts(&teams, ".row-title"),
        ["Checkout", "Payments", "Platform"]
    );

    let register = page(out, "risks/index.html");
    assert!(
        !texts(&register, "#open + ul .stale").is_empty(),
        "no stale risk"
    );
    assert!(
        !texts(&register, "#open + ul .blocker").is_empty(),
        "no open blocker"
    );
    assert!(
        !texts(&register, "#closed + ul .status-resolved").is_empty(),
        "no resolved risk"
    );
    assert!(
        !texts(&register, "#closed + ul .status-accepted").is_empty(),
        "no accepted risk"
    );

    let log = page(out, "decisions/index.html");
    let statuses: BTreeSet<String> = attrs(&log, ".decision-row", "data-status")
        .into_iter()
        .collect();
    for status in ["accepted", "superseded", "rejected"] {
        assert!(
            statuses.contains(status),
            "no {status} decision: {statuses:?}"
        );
    }
    let chains = tree
        .keys()
        .filter(|p| {
            p.starts_with("decisions/")
                && p.ends_with("/index.html")
                && *p != "decisions/index.html"
        })
        .map(|p| texts(&page(out, p), ".chain li").len())
        .max()
        .unwrap();
    assert!(chains >= 3, "longest supersedes chain: {chains}");
    assert!(
        tree.keys()
            .any(|p| p.starts_with("decisions/") && !texts(&page(out, p), ".record").is_empty()),
        "no long-form decision record"
    );

    let home = page(out, "index.html");
    assert!(
        !texts(&home, ".now .card").is_empty(),
        "the home page shows nothing open"
    );
    assert!(
        !texts(&home, "section[aria-labelledby=pick-up] .ask").is_empty(),
        "the latest brief has nothing to pick up"
    );
}

#[test]
fn every_internal_link_in_the_example_site_resolves() {
    let dir = built();
    let broken = broken_links(dir.path(), &["404.html"]);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn pages_have_one_h1_and_headings_in_order() {
    let dir = built();
    for (path, _) in read_tree(dir.path())
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
    {
        let html = page(dir.path(), path);
        let levels: Vec<usize> = html
            .select(&selector(
                "main h1, main h2, main h3, main h4, main h5, main h6",
            ))
            .map(|h| h.value().name()[1..].parse().unwrap())
            .collect();
        assert_eq!(
            levels.iter().filter(|l| **l == 1).count(),
            1,
            "{path}: {levels:?}"
        );
        for pair in levels.windows(2) {
            assert!(
                pair[1] <= pair[0] + 1,
                "{path}: heading jumps from h{} to h{}",
                pair[0],
                pair[1]
            );
        }
        assert_eq!(html.select(&selector("main")).count(), 1, "{path}");
        assert!(
            html.select(&selector("nav[aria-label]")).count() >= 1,
            "{path}"
        );
    }
}
