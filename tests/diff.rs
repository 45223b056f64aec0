//! `standin diff` on a repository made here: a site in a sub-folder,
//! committed in two steps with fixed dates. Each kind of change the second
//! commit makes is reported, and nothing else; the work tree and the index
//! are left as they were; a base that is not there is a clear error, and a
//! shallow clone says what to fetch.

mod common;

use std::path::Path;

use common::git::{CONFIG, GitRepo, base_wraps, change, fixture_repo, git};
use common::*;
use serde_json::Value;

/// `standin diff ARGS` run from `dir`.
fn diff(dir: &Path, args: &[&str]) -> std::process::Output {
    standin()
        .current_dir(dir)
        .arg("diff")
        .args(args)
        .output()
        .unwrap()
}

fn json(output: &std::process::Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", stdout(output), stderr(output)))
}

/// `event id` (or `event author` for wraps) of each entry of a section.
fn events(review: &Value, section: &str) -> Vec<String> {
    review[section]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            let name = entry["id"]
                .as_str()
                .or(entry["author"].as_str())
                .or(entry["to"].as_str())
                .unwrap();
            format!("{} {name}", entry["event"].as_str().unwrap())
        })
        .collect()
}

fn codes(review: &Value, list: &str) -> Vec<String> {
    review[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} {}",
                d["code"].as_str().unwrap(),
                d["file"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn each_kind_of_change_is_reported_and_nothing_else() {
    let repo = fixture_repo();
    let before = repo.state();
    // From a folder inside the site: it is found by walking up.
    let inside = repo.path().join("handoffs/wraps/2026");
    let output = diff(&inside, &["HEAD~1", "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let review = json(&output);
    assert_eq!(events(&review, "incidents"), ["resolved INC-1"]);
    assert_eq!(
        events(&review, "risks"),
        ["stale flaky-ci", "escalated vendor-keys", "closed disk"]
    );
    let asks = events(&review, "asks");
    assert_eq!(asks.len(), 6, "{asks:?}");
    for expected in [
        "lapsed status-copy",
        "done rotate-keys",
        "taken drain-node",
        "withdrawn dee-1119",
    ] {
        assert!(
            asks.iter().any(|a| a.starts_with(expected)),
            "{expected} in {asks:?}"
        );
    }
    let written: Vec<(&str, &str)> = review["asks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["event"] == "written")
        .map(|a| (a["to"].as_str().unwrap(), a["what"].as_str().unwrap()))
        .collect();
    assert_eq!(
        written,
        [
            ("payments", "Confirm the new keys work"),
            ("cy", "the thing")
        ]
    );
    assert_eq!(
        events(&review, "decisions"),
        ["superseded pg-sessions", "made redis-sessions"]
    );
    assert_eq!(review["decisions"][0]["superseded_by"][0], "redis-sessions");
    assert_eq!(events(&review, "pagers"), ["handed-over cy"]);
    assert_eq!(review["pagers"][0]["team"], "platform");
    let wraps: Vec<(String, bool)> = review["wraps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            (
                format!(
                    "{} {}",
                    w["event"].as_str().unwrap(),
                    w["author"].as_str().unwrap()
                ),
                w["rewrites_history"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        wraps,
        [
            ("edited cy".to_string(), true),
            ("added gus".to_string(), false),
            ("added bo".to_string(), false),
            ("deleted dee".to_string(), false),
        ]
    );
    // The problems the change brings (a vague ask; a wrap committed two
    // days after its date) and the one it fixes (the deleted wrap's ask
    // to a team that does not exist). Paths as `check` shows them from here.
    assert_eq!(
        codes(&review, "introduced"),
        [
            "W023 ../../wraps/2026/11/18/gus-1700.md",
            "W022 ../../wraps/2026/11/20/bo-1700.md"
        ]
    );
    // The pager handed to bo, who had written no wrap at the base, and
    // the deleted wrap's ask to a team that does not exist.
    assert_eq!(
        codes(&review, "fixed"),
        [
            "W011 ../../wraps/2026/11/19/ana-1700.md",
            "W011 ../../wraps/2026/11/19/dee-1800.md"
        ]
    );
    assert_eq!(review["brings_errors"], false);
    // Changes point at their lines in the work tree.
    let escalated = &review["risks"][1];
    assert_eq!(escalated["file"], "../../wraps/2026/11/20/bo-1700.md");
    assert_eq!(escalated["line"], 17);
    assert_eq!(
        repo.state(),
        before,
        "the work tree and the index are untouched"
    );
}

#[test]
fn the_json_matches_its_schema() {
    let repo = fixture_repo();
    let output = diff(
        &repo.path().join("handoffs"),
        &["HEAD~1", "--format", "json"],
    );
    let review = json(&output);
    let text = std::fs::read_to_string(repo_root().join("docs/api/diff.schema.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&review)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

fn repo_root() -> std::path::PathBuf {
    common::repo()
}

#[test]
fn an_error_the_change_brings_fails_and_the_other_formats_say_so() {
    let repo = fixture_repo();
    let site = repo.path().join("handoffs");
    // Uncommitted: the work tree is what is compared.
    let bo = site.join("wraps/2026/11/20/bo-1700.md");
    let text = std::fs::read_to_string(&bo).unwrap();
    std::fs::write(&bo, text.replacen("team = ", "teem = ", 1)).unwrap();
    let before = repo.state();
    let output = diff(&site, &["HEAD~1", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let review = json(&output);
    assert_eq!(review["brings_errors"], true);
    assert!(codes(&review, "introduced").contains(&"E007 wraps/2026/11/20/bo-1700.md".to_string()));

    let github = diff(&site, &["HEAD~1", "--format", "github"]);
    assert_eq!(github.status.code(), Some(1));
    let github = stdout(&github);
    assert!(
        github
            .contains("::error file=wraps/2026/11/20/bo-1700.md,line=4,col=1,title=standin E007::"),
        "{github}"
    );
    assert!(
        github.contains("::notice file=wraps/2026/11/20/bo-1700.md,line=17,title=standin diff%3A risks::escalated vendor-keys"),
        "{github}"
    );
    let text = stdout(&diff(&site, &["HEAD~1"]));
    assert!(text.contains("Problems this change brings"), "{text}");
    assert!(text.contains("error[E007]"), "{text}");
    assert!(!text.contains('\u{1b}'), "no colour off a terminal: {text}");
    let markdown = stdout(&diff(&site, &["HEAD~1", "--format", "markdown"]));
    assert!(
        markdown.starts_with("<!-- standin diff -->\n"),
        "{markdown}"
    );
    assert!(
        markdown.contains("**error** E007 `wraps/2026/11/20/bo-1700.md:4`"),
        "{markdown}"
    );
    assert_eq!(repo.state(), before);
}

#[test]
fn the_default_base_is_the_merge_base_with_the_default_branch() {
    let repo = GitRepo::new();
    base_wraps(&repo);
    git(repo.path(), &["checkout", "-q", "-b", "friday"]);
    change(&repo);
    let output = diff(&repo.path().join("handoffs"), &["--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let review = json(&output);
    assert!(
        review["base"]
            .as_str()
            .unwrap()
            .starts_with("main (merge base "),
        "{review}"
    );
    assert_eq!(events(&review, "incidents"), ["resolved INC-1"]);
}

#[test]
fn a_base_that_is_not_there_is_a_clear_error() {
    let repo = fixture_repo();
    let output = diff(&repo.path().join("handoffs"), &["no-such-branch"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stdout(&output).is_empty());
    let err = stderr(&output);
    assert!(err.contains("no commit is named `no-such-branch`"), "{err}");
    // A name that looks like an option is a name.
    let output = diff(&repo.path().join("handoffs"), &["--", "--output=x"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(!repo.path().join("handoffs/x").exists());
}

#[test]
fn outside_a_repository_it_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("standin.toml"), CONFIG).unwrap();
    let output = diff(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("not in a git repository"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_shallow_clone_says_what_to_fetch() {
    let repo = fixture_repo();
    let clones = tempfile::tempdir().unwrap();
    let url = format!("file://{}", repo.path().display());
    git(
        clones.path(),
        &["clone", "-q", "--depth", "1", &url, "shallow"],
    );
    let site = clones.path().join("shallow/handoffs");
    let output = diff(&site, &["HEAD~1"]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains("HEAD~1 is not in this clone") && err.contains("shallow clone"),
        "{err}"
    );
    assert!(
        err.contains("git fetch --deepen") && err.contains("git fetch --unshallow"),
        "{err}"
    );
    // `check` in a shallow clone: the cut commit says nothing of dates.
    let check = standin().arg("check").arg(&site).output().unwrap();
    assert!(!stderr(&check).contains("W023"), "{}", stderr(&check));
}

/// The example site up to its last day, committed; then that day, as one
/// commit: a realistic change to review.
fn example_last_day() -> GitRepo {
    let repo = GitRepo::new();
    let site = repo.path();
    copy_dir(&common::repo().join("example-site"), site);
    let last_day = site.join("wraps/2026/11/20");
    let held = tempfile::tempdir().unwrap();
    copy_dir(&last_day, held.path());
    std::fs::remove_dir_all(&last_day).unwrap();
    repo.commit("The example site up to Thursday", "2026-11-20T06:00:00Z");
    copy_dir(held.path(), &last_day);
    repo.commit("Friday's wraps", "2026-11-21T02:00:00Z");
    repo
}

/// The visible words of an HTML fragment, outside `<details>`: what a
/// reader takes in before choosing to unfold anything.
fn words_shown(html: &str) -> usize {
    let fragment = scraper::Html::parse_fragment(html);
    fragment
        .root_element()
        .descendants()
        .filter_map(|node| node.value().as_text().map(|t| (node, t)))
        .filter(|(node, _)| {
            !node.ancestors().any(|a| {
                a.value()
                    .as_element()
                    .is_some_and(|e| e.name() == "details")
            })
        })
        .map(|(_, text)| text.split_whitespace().count())
        .sum()
}

#[test]
fn the_comment_on_a_realistic_change_reads_in_under_a_minute() {
    let repo = example_last_day();
    let output = diff(repo.path(), &["HEAD~1", "--format", "markdown"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let markdown = stdout(&output);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&markdown));
    if let Some(path) = std::env::var_os("STANDIN_DIFF_HTML") {
        // For looking at it: `STANDIN_DIFF_HTML=/tmp/d.html cargo test ...`.
        std::fs::write(path, &html).unwrap();
    }
    let document = scraper::Html::parse_fragment(&html);
    let select = |css: &str| scraper::Selector::parse(css).unwrap();
    // Grouped, the rest folded, and nothing from a wrap made a link.
    let groups: Vec<String> = document
        .select(&select("p > strong"))
        .map(|s| s.text().collect())
        .collect();
    for group in ["Incidents", "Risks", "Asks", "Pager", "Wraps"] {
        assert!(groups.iter().any(|g| g == group), "{group} in {groups:?}");
    }
    assert!(
        document.select(&select("details > summary")).count() >= 2,
        "{markdown}"
    );
    assert_eq!(document.select(&select("a")).count(), 0, "{markdown}");
    // 238 words a minute: the average silent reading rate of adults
    // (Brysbaert, 2019).
    let shown = words_shown(&html);
    assert!(
        shown <= 238,
        "{shown} words before anything is unfolded:\n{markdown}"
    );
}

/// The base is read in place (its files listed from git's tree, those the
/// change touched read from git, the rest from the work tree, where they
/// are the same), unless it holds what only a checkout reproduces, such
/// as a symlink. Both ways say the same of a change with committed and
/// uncommitted edits, a deletion and a new file.
#[cfg(unix)]
#[test]
fn the_base_read_in_place_says_what_a_checkout_of_it_says() {
    let review = |with_symlink: bool| {
        let repo = GitRepo::new();
        if with_symlink {
            // In a folder standin does not read: it only makes the base
            // one that is checked out.
            let notes = repo.path().join("handoffs/notes");
            std::fs::create_dir_all(&notes).unwrap();
            std::os::unix::fs::symlink("../standin.toml", notes.join("link")).unwrap();
        }
        base_wraps(&repo);
        change(&repo);
        let site = repo.path().join("handoffs");
        std::fs::remove_file(site.join("wraps/2026/11/10/cy-1700.md")).unwrap();
        let eve = site.join("wraps/2026/11/13/eve-1700.md");
        let text = std::fs::read_to_string(&eve).unwrap();
        std::fs::write(&eve, text.replace("drafted.", "drafted and sent.")).unwrap();
        repo.write(
            "handoffs/wraps/2026/11/20/dee-1800.md",
            &common::git::wrap(
                "dee",
                "2026-11-20T18:00:00+09:00",
                "checkout",
                "Checkout quiet.",
                "",
            ),
        );
        let before = repo.state();
        let output = diff(&site, &["HEAD~1", "--format", "json"]);
        assert!(output.status.success(), "{}", stderr(&output));
        assert_eq!(
            repo.state(),
            before,
            "the work tree and the index are untouched"
        );
        let mut review = json(&output);
        // Names the base's commit, which the symlink changes.
        review["base"] = Value::Null;
        review
    };
    let in_place = review(false);
    let wraps = events(&in_place, "wraps");
    for expected in ["deleted cy", "edited eve", "added dee", "added bo"] {
        assert!(
            wraps.iter().any(|w| w == expected),
            "{expected} in {wraps:?}"
        );
    }
    assert_eq!(in_place, review(true));
}

/// A file git is told not to look at (`assume-unchanged`) may still be
/// edited: the base is then checked out rather than trusted to the index,
/// and the edit is seen.
#[test]
fn an_edit_git_is_told_to_ignore_is_still_seen() {
    let repo = fixture_repo();
    let site = repo.path().join("handoffs");
    let eve = "handoffs/wraps/2026/11/13/eve-1700.md";
    let text = std::fs::read_to_string(repo.path().join(eve)).unwrap();
    git(repo.path(), &["update-index", "--assume-unchanged", eve]);
    std::fs::write(
        repo.path().join(eve),
        text.replace("drafted.", "drafted and sent."),
    )
    .unwrap();
    let output = diff(&site, &["HEAD~1", "--format", "json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let wraps = events(&json(&output), "wraps");
    assert!(wraps.iter().any(|w| w == "edited eve"), "{wraps:?}");
}
