//! Decision records in a folder above the site (`[decisions] dirs =
//! ["../docs/decisions"]`, `tests/fixtures/madr4`) that link back down into
//! the site folder (`../../handoffs/wraps/...`): the link leads to the page
//! built from that file, not out of the site.

mod common;

use std::path::Path;

use common::*;
use serde_json::Value;

const RECORD: &str = "docs/decisions/0002-parquet-for-exports.md";
const WRAP_PAGE: &str = "wraps/2026-06-18/lucia-1700/index.html";

/// `standin check --format json`: exit code and diagnostics.
fn check(site: &Path) -> (i32, Vec<Value>) {
    let output = run(&["check", site.to_str().unwrap(), "--format", "json"]);
    let diagnostics = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (output.status.code().unwrap(), diagnostics)
}

#[test]
fn a_record_above_the_site_links_to_a_wrap_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    copy_dir(&fixture("madr4"), &repo);
    let record = repo.join(RECORD);
    let text = std::fs::read_to_string(&record).unwrap();
    let added = "\nFound in [Lucía's wrap](../../handoffs/wraps/2026/06/18/lucia-1700.md#done) \
         and the [config](../../handoffs/standin.toml); not [elsewhere](../../other/x.md).\n";
    std::fs::write(&record, format!("{text}{added}")).unwrap();
    let site = repo.join("handoffs");

    let (code, diagnostics) = check(&site);
    assert_eq!(code, 0);
    let warned: Vec<&str> = diagnostics
        .iter()
        .filter_map(|d| d["message"].as_str())
        .collect();
    // Only the link that does lead out of the site is one.
    assert_eq!(
        warned,
        ["`../../other/x.md` leads out of the site folder; it is shown as plain text"],
        "{diagnostics:?}"
    );

    let out = dir.path().join("out");
    build(&site, &out, &[]);
    let page_path = "decisions/0002-parquet-for-exports/index.html";
    let html = page(&out, page_path);
    let found: Vec<(String, String)> = links(&html, ".prose a")
        .into_iter()
        .filter(|(text, _)| text == "Lucía's wrap")
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    let (path, fragment) = found[0].1.split_once('#').unwrap();
    assert_eq!(resolve(page_path, path), WRAP_PAGE);
    assert_eq!(fragment, "user-content-done");
    assert_eq!(broken_links(&out, &[]), Vec::<String>::new());
}
