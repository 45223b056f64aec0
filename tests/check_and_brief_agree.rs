//! `standin check` and `standin brief` find the same problems in a site
//! and count them alike: every warning is printed with the errors, and
//! warnings found at any stage (a wrap, a link on disk, the config) count
//! in both.

mod common;

use std::path::Path;
use std::process::Output;

use common::*;

/// The scaffold fixture without `base_url` (W004, known to the site stage
/// only), with a link to a file that is not there (W013, found on disk,
/// past the parse) and its scaffold (W017); with `error`, bo's wrap has an
/// unknown key too (E007).
fn site(error: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("scaffold"), dir.path());
    let config = dir.path().join("standin.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    let without: String = text
        .lines()
        .filter(|l| !l.starts_with("base_url"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&config, without).unwrap();
    let ana = dir.path().join("wraps/2026/11/19/ana-1700.md");
    let text = std::fs::read_to_string(&ana).unwrap();
    let linked = text.replace(
        "- Rotated the db-1 credentials.",
        "- Rotated the db-1 credentials ([log](rotation.log)).",
    );
    std::fs::write(&ana, linked).unwrap();
    if error {
        let bo = dir.path().join("wraps/2026/11/20/bo-0900.md");
        let text = std::fs::read_to_string(&bo).unwrap();
        std::fs::write(&bo, text.replacen("team = ", "teem = ", 1)).unwrap();
    }
    dir
}

/// The header line of every diagnostic printed (`warning[W013]: ...`).
fn headers(output: &Output) -> Vec<String> {
    stderr(output)
        .lines()
        .filter(|l| l.starts_with("error[") || l.starts_with("warning["))
        .map(str::to_string)
        .collect()
}

/// The count on the last line of stderr: `1 error, 3 warnings`.
fn counted(output: &Output) -> String {
    let err = stderr(output);
    let last = err.lines().last().unwrap_or_default();
    let errors = last.find(" error").expect("a count");
    let start = last[..errors]
        .rfind(|c: char| !c.is_ascii_digit())
        .map_or(0, |i| i + 1);
    last[start..].split(';').next().unwrap().to_string()
}

fn check_and_brief(site: &Path) -> (Output, Output) {
    let dir = site.to_str().unwrap();
    (run(&["check", dir]), run(&["brief", dir]))
}

#[test]
fn with_an_error_both_print_every_warning_and_the_same_counts() {
    let site = site(true);
    let (check, brief) = check_and_brief(site.path());
    assert_eq!(check.status.code(), Some(1));
    assert_eq!(brief.status.code(), Some(1));
    assert!(brief.stdout.is_empty(), "no message for a site with errors");
    let printed = headers(&check);
    let codes: Vec<&str> = printed
        .iter()
        .map(|h| &h[h.find('[').unwrap() + 1..h.find(']').unwrap()])
        .collect();
    assert_eq!(
        codes,
        ["W004", "W013", "E007", "W017"],
        "{}",
        stderr(&check)
    );
    assert_eq!(headers(&brief), printed, "{}", stderr(&brief));
    assert_eq!(counted(&check), "1 error, 3 warnings", "{}", stderr(&check));
    assert_eq!(counted(&brief), counted(&check), "{}", stderr(&brief));
}

#[test]
fn without_errors_the_brief_counts_as_check_does() {
    let site = site(false);
    let (check, brief) = check_and_brief(site.path());
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(brief.status.success(), "{}", stderr(&brief));
    assert!(stdout(&brief).starts_with("Brief for Fri 20 Nov 2026"));
    assert_eq!(headers(&check).len(), 3, "{}", stderr(&check));
    // The brief's stderr is one line, for a job log, not the whole list.
    assert_eq!(stderr(&brief).lines().count(), 1, "{}", stderr(&brief));
    assert_eq!(counted(&check), "0 errors, 3 warnings");
    assert_eq!(counted(&brief), counted(&check), "{}", stderr(&brief));
}
