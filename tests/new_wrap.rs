//! `standin new`: a wrap that `check` accepts straight away, with the
//! author's open risks carried forward and their asks to acknowledge.

mod common;

use std::path::Path;

use common::*;

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("handoff"), dir.path());
    dir
}

fn new(site: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["new", site.to_str().unwrap()];
    all.extend_from_slice(args);
    standin()
        .args(&all)
        .env_remove("STANDIN_AUTHOR")
        .env_remove("VISUAL")
        .env_remove("EDITOR")
        .output()
        .unwrap()
}

fn written(output: &std::process::Output) -> String {
    assert!(output.status.success(), "{}", stderr(output));
    let path = stdout(output).trim().to_string();
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn new_then_check_passes() {
    let dir = site();
    let output = new(
        dir.path(),
        &["--author", "ana", "--at", "2026-11-20T18:05:00+09:00"],
    );
    assert_eq!(
        stdout(&output).trim(),
        dir.path()
            .join("wraps/2026/11/20/ana-1805.md")
            .display()
            .to_string()
    );
    let text = written(&output);
    assert!(
        text.contains(
            "author = \"ana\"\ndate = 2026-11-20T18:05:00+09:00\nteam = \"alpha\"\nshift = \"apac\""
        ),
        "{text}"
    );
    // Untouched, the scaffold is never published: `check` warns of it.
    let check = run(&[
        "check",
        dir.path().to_str().unwrap(),
        "--as-of",
        "2026-11-20",
    ]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(
        stderr(&check).contains("warning[W017]"),
        "{}",
        stderr(&check)
    );
    // Written, it passes.
    let path = dir.path().join("wraps/2026/11/20/ana-1805.md");
    let filled = text.replacen("summary = \"\"", "summary = \"Rotated the keys.\"", 1);
    assert_ne!(filled, text, "the scaffold has an empty summary to fill in");
    std::fs::write(&path, filled).unwrap();
    let check = run(&[
        "check",
        dir.path().to_str().unwrap(),
        "--as-of",
        "2026-11-20",
    ]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
}

#[test]
fn open_risks_are_carried_and_resolved_ones_are_not() {
    let dir = site();
    let text = written(&new(
        dir.path(),
        &["--author", "ana", "--at", "2026-11-20T18:05:00+09:00"],
    ));
    // vendor-keys is ana's and open; db-disk was handed to bo and resolved.
    assert!(
        text.contains(
            "# id = \"vendor-keys\"   # Vendor sandbox keys not issued (medium, open, blocking"
        ),
        "{text}"
    );
    assert!(!text.contains("db-disk"), "{text}");
    // Carried commented out: writing nothing about a risk is not a touch.
    let check = run(&["check", dir.path().to_str().unwrap(), "--format", "json"]);
    assert!(stdout(&check).lines().all(|l| !l.contains("E013")));
}

#[test]
fn the_writers_own_open_asks_are_listed_as_theirs() {
    let dir = site();
    let text = written(&new(
        dir.path(),
        &["--author", "bo", "--at", "2026-11-20T18:05:00+01:00"],
    ));
    assert!(
        text.contains("team = \"beta\""),
        "team from bo's last wrap: {text}"
    );
    // bo's own ask is listed as his, to close himself, never as one left
    // for him.
    assert!(
        text.contains("# Your own asks, still open")
            && text.contains("= \"done\"   # Resize db-1 volume (for Beta, open)"),
        "{text}"
    );
    assert!(!text.contains("# Waiting for you:"), "{text}");
}

#[test]
fn never_overwrites_an_existing_wrap() {
    let dir = site();
    let at = ["--author", "ana", "--at", "2026-11-20T18:05:00+09:00"];
    let first = stdout(&new(dir.path(), &at)).trim().to_string();
    std::fs::write(&first, "mine").unwrap();
    let second = stdout(&new(dir.path(), &at)).trim().to_string();
    assert!(second.ends_with("ana-1805-2.md"), "{second}");
    assert_eq!(std::fs::read_to_string(first).unwrap(), "mine");
}

#[test]
fn the_author_comes_from_flag_env_or_git() {
    let dir = site();
    let output = standin()
        .args([
            "new",
            dir.path().to_str().unwrap(),
            "--at",
            "2026-11-20T18:05:00+09:00",
        ])
        .env("STANDIN_AUTHOR", "cy")
        .output()
        .unwrap();
    assert!(
        stdout(&output).contains("cy-1805.md"),
        "{}",
        stderr(&output)
    );

    // From git, slugged.
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .arg("-C")
            .arg(dir.path())
            .args(args)
            .output()
            .unwrap()
    };
    assert!(git(&["init", "-q"]).status.success());
    assert!(git(&["config", "user.name", "Dee Ramos"]).status.success());
    let output = new(dir.path(), &["--at", "2026-11-20T18:06:00+09:00"]);
    assert!(
        stdout(&output).contains("dee-ramos-1806.md"),
        "{}",
        stderr(&output)
    );

    // Nobody: a clear error.
    let bare = tempfile::tempdir().unwrap();
    copy_dir(&fixture("handoff"), bare.path());
    let output = standin()
        .args(["new", bare.path().to_str().unwrap()])
        .env_remove("STANDIN_AUTHOR")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_SYSTEM", "/dev/null")
        .env("GIT_CEILING_DIRECTORIES", bare.path().parent().unwrap())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("who is writing this wrap?"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn an_unknown_team_is_refused_with_a_suggestion() {
    let dir = site();
    let output = new(dir.path(), &["--author", "ana", "--team", "alpah"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("did you mean `alpha`?"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn open_runs_the_editor_on_the_new_file() {
    let dir = site();
    let log = dir.path().join("edited");
    let output = standin()
        .args([
            "new",
            dir.path().to_str().unwrap(),
            "--author",
            "ana",
            "--open",
        ])
        .env("EDITOR", format!("echo >{}", log.display()))
        .env_remove("VISUAL")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let edited = std::fs::read_to_string(&log).unwrap();
    assert_eq!(edited.trim(), stdout(&output).trim());
}

#[test]
fn a_site_template_overrides_the_scaffold() {
    let dir = site();
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::write(
        dir.path().join("templates/wrap.md"),
        "+++\nauthor = \"{{ author }}\"\ndate = {{ date }}\n+++\n## Incidents\n\nNone.\n",
    )
    .unwrap();
    let text = written(&new(
        dir.path(),
        &["--author", "ana", "--at", "2026-11-20T18:05:00+09:00"],
    ));
    assert_eq!(
        text,
        "+++\nauthor = \"ana\"\ndate = 2026-11-20T18:05:00+09:00\n+++\n## Incidents\n\nNone.\n"
    );
}

/// Everything after the `+++` line up to the closing one, parsed.
fn front_matter(text: &str) -> toml::Table {
    let inner = text
        .strip_prefix("+++\n")
        .and_then(|rest| rest.split_once("\n+++\n"))
        .map(|(inner, _)| inner)
        .unwrap_or_else(|| panic!("no front matter:\n{text}"));
    inner
        .parse()
        .unwrap_or_else(|e| panic!("the scaffold is not TOML: {e}\n{text}"))
}

#[test]
fn carried_values_cannot_break_or_add_toml() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("standin.toml"),
        "timezone = \"UTC\"\n[teams.alpha]\n",
    )
    .unwrap();
    // A quote, a line break and a trailing backslash in the shift; line
    // breaks and terminal escapes in what is carried as comments.
    let shift = "a\"b\nc = 1\\";
    let previous = r#"+++
author = "ana"
date = 2026-11-19T17:00:00+00:00
team = "alpha"
shift = "a\"b\nc = 1\\"
summary = "Handed over."
next = ["line one\nevil = true", "esc \u001b[2J and \u0007 bell"]

[[risk]]
id = "r1"
title = "T\"\nowner = \"mallory\"\n\u001b]0;x\u0007"
severity = "high"
+++
Done.
"#;
    let wraps = dir.path().join("wraps/2026/11/19");
    std::fs::create_dir_all(&wraps).unwrap();
    std::fs::write(wraps.join("ana-1700.md"), previous).unwrap();

    let text = written(&new(
        dir.path(),
        &["--author", "ana", "--at", "2026-11-20T17:00:00+00:00"],
    ));
    let table = front_matter(&text);
    assert_eq!(table["shift"].as_str(), Some(shift), "{text}");
    let keys: Vec<&str> = table.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        ["author", "date", "next", "shift", "summary", "tags", "team"],
        "{text}"
    );
    // Carried as one comment line each, escapes visible.
    assert!(
        text.contains("# id = \"r1\"   # T\" owner = \"mallory\" \\u{1b}]0;x\\u{7} (high, open"),
        "{text}"
    );
    assert!(
        text.contains("\"done\"   # line one evil = true (for alpha, open)\n"),
        "{text}"
    );
    assert!(
        text.contains("\"done\"   # esc \\u{1b}[2J and \\u{7} bell (for alpha, open)\n"),
        "{text}"
    );
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text}");

    let check = run(&[
        "check",
        dir.path().to_str().unwrap(),
        "--as-of",
        "2026-11-20",
        "--format",
        "json",
    ]);
    // No error, and the scaffold is still untouched (so left out): the
    // carried values themselves are valid TOML that reads back as written.
    let codes: Vec<String> = stdout(&check)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    assert!(check.status.success(), "{codes:?}");
    assert!(codes.iter().any(|c| c == "W017"), "{codes:?}");
}

/// The `date = ...` line of a written wrap.
fn date_line(text: &str) -> &str {
    text.lines().find(|l| l.starts_with("date = ")).unwrap()
}

#[test]
fn times_are_written_in_the_writers_team_zone() {
    let dir = site();
    // On a UTC machine, a Berlin engineer's wrap still carries +01:00.
    let mut command = standin();
    command
        .args([
            "new",
            dir.path().to_str().unwrap(),
            "--author",
            "bo",
            "--team",
            "beta",
        ])
        .env("TZ", "UTC")
        .env_remove("STANDIN_AUTHOR");
    let text = written(&command.output().unwrap());
    let date = date_line(&text);
    assert!(date.ends_with("+01:00"), "{date}");

    // `--at 18:00` is today at 18:00 where the team is.
    let output = new(
        dir.path(),
        &["--author", "bo", "--team", "beta", "--at", "18:00"],
    );
    let text = written(&output);
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Berlin)
        .date_naive();
    assert_eq!(
        date_line(&text),
        format!("date = {}T18:00:00+01:00", today.format("%Y-%m-%d"))
    );

    // A date and time without an offset: in the team's zone too.
    let output = new(
        dir.path(),
        &[
            "--author",
            "bo",
            "--team",
            "beta",
            "--at",
            "2026-11-20T18:00",
        ],
    );
    assert_eq!(
        date_line(&written(&output)),
        "date = 2026-11-20T18:00:00+01:00"
    );
    assert!(dir.path().join("wraps/2026/11/20/bo-1800.md").is_file());

    let output = new(dir.path(), &["--author", "bo", "--at", "6pm"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("write 18:00"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_date_without_offset_is_read_in_the_authors_team_zone() {
    let dir = site();
    std::fs::write(
        dir.path().join("wraps/2026/11/19/bo-2000.md"),
        "+++\nauthor = \"bo\"\ndate = 2026-11-19T20:00:00\nteam = \"beta\"\nsummary = \"Evening in Berlin.\"\n+++\n",
    )
    .unwrap();
    let output = run(&[
        "check",
        dir.path().to_str().unwrap(),
        "--format",
        "json",
        "--as-of",
        "2026-11-20",
    ]);
    let warning: serde_json::Value = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|d| d["code"] == "W001")
        .expect("a date without offset warns");
    assert_eq!(
        warning["message"],
        "`date` has no UTC offset; read as 20:00 +01:00 in Europe/Berlin"
    );
    assert_eq!(
        warning["help"],
        "write the offset, e.g. `date = 2026-11-19T20:00:00+01:00`"
    );
}
