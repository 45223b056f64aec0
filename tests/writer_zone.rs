//! `standin new` writes the time in the writer's team's zone, the team
//! found in `[people]`, else their last wrap, else `--team` (which wins
//! when given), and pre-fills that team's asks; when it cannot know the
//! team it says so beside `date`. `check` warns (W009) about a wrap whose
//! offset its team's zone never has that year.

mod common;

use std::path::Path;

use common::*;

const CONFIG: &str = r#"title = "Zones"
timezone = "UTC"

[teams.payments]
name = "Payments"
timezone = "Asia/Tokyo"

[teams.platform]
name = "Platform"
timezone = "Europe/Berlin"

[people.ken]
name = "Ken Sato"
team = "Payments"
"#;

/// ana (Platform, Berlin) hands over to Payments, to everyone, to Ken and
/// to her own team on the 19th.
const ANA: &str = r#"+++
author = "ana"
date = 2026-11-19T18:00:00+01:00
team = "platform"
summary = "Keys expire next week; the freeze is coming."
next = [
  "payments: rotate the vendor keys",
  "everyone: the freeze starts Friday",
  "@ken check the webhook logs",
  "Watch the disk on db-1",
]
+++
Done.
"#;

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("standin.toml"), CONFIG).unwrap();
    write_wrap(dir.path(), "2026/11/19/ana-1800.md", ANA);
    dir
}

fn write_wrap(site: &Path, relative: &str, text: &str) {
    let path = site.join("wraps").join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// `standin new site args...`; the scaffold's path and text.
fn new(site: &Path, args: &[&str]) -> (String, String) {
    let output = standin()
        .arg("new")
        .arg(site)
        .args(args)
        .env_remove("STANDIN_AUTHOR")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let path = stdout(&output).trim().to_string();
    let text = std::fs::read_to_string(&path).unwrap();
    (path, text)
}

fn line<'a>(text: &'a str, key: &str) -> &'a str {
    text.lines()
        .find(|l| l.starts_with(key))
        .unwrap_or_else(|| panic!("no `{key}` line:\n{text}"))
}

#[test]
fn a_first_wrap_by_a_listed_person_gets_their_teams_zone_and_asks() {
    let dir = site();
    let (_, text) = new(
        dir.path(),
        &["--author", "Ken Sato", "--at", "2026-11-20T18:00"],
    );
    assert_eq!(line(&text, "date = "), "date = 2026-11-20T18:00:00+09:00");
    assert_eq!(line(&text, "team = "), "team = \"payments\"");
    // Payments', everyone's and Ken's own asks, as `[ack]` lines; not
    // Platform's.
    for what in [
        "rotate the vendor keys",
        "the freeze starts Friday",
        "check the webhook logs",
    ] {
        assert!(
            text.contains(&format!("= \"taken\"   # {what} (ana, Thu 19 Nov")),
            "{what}:\n{text}"
        );
    }
    assert!(!text.contains("Watch the disk"), "{text}");

    // Now, in Tokyo (no daylight saving: always +09:00), whatever the
    // machine's zone.
    let mut command = standin();
    command
        .args(["new", dir.path().to_str().unwrap(), "--author", "ken"])
        .env("TZ", "America/New_York");
    let output = command.output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(stdout(&output).trim()).unwrap();
    assert!(line(&text, "date = ").ends_with("+09:00"), "{text}");
}

#[test]
fn an_explicit_team_wins_over_people_and_the_last_wrap() {
    let dir = site();
    let (_, text) = new(
        dir.path(),
        &[
            "--author",
            "ken",
            "--team",
            "Platform",
            "--at",
            "2026-11-20T18:00",
        ],
    );
    assert_eq!(line(&text, "date = "), "date = 2026-11-20T18:00:00+01:00");
    assert_eq!(line(&text, "team = "), "team = \"platform\"");
    assert!(text.contains("# Watch the disk on db-1 (ana"), "{text}");
}

#[test]
fn a_writer_not_listed_keeps_the_team_and_zone_of_their_last_wrap() {
    let dir = site();
    let (_, text) = new(dir.path(), &["--author", "ana", "--at", "2026-11-20T18:00"]);
    assert_eq!(line(&text, "date = "), "date = 2026-11-20T18:00:00+01:00");
    assert_eq!(line(&text, "team = "), "team = \"platform\"");
    assert!(!text.contains("offset of the site's zone"), "{text}");
}

#[test]
fn an_unknown_writers_scaffold_says_whose_offset_it_wrote() {
    let dir = site();
    let (path, text) = new(
        dir.path(),
        &["--author", "stranger", "--at", "2026-11-20T18:00"],
    );
    assert_eq!(
        line(&text, "date = "),
        "date = 2026-11-20T18:00:00+00:00   # offset of the site's zone (UTC): set your team with --team or in [people] in standin.toml to get your team's zone"
    );
    assert_eq!(
        line(&text, "# team = "),
        "# team = \"payments\" | \"platform\""
    );

    // Filled in with the team uncommented and the offset left as it was:
    // `check` says the offset is not the team's.
    let filled = text
        .replacen(
            "# team = \"payments\" | \"platform\"",
            "team = \"payments\"",
            1,
        )
        .replacen("summary = \"\"", "summary = \"Paired on the gateway.\"", 1);
    std::fs::write(&path, filled).unwrap();
    let warnings = offset_warnings(dir.path());
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    let warning = &warnings[0];
    assert!(
        warning["file"]
            .as_str()
            .unwrap()
            .ends_with("wraps/2026/11/20/stranger-1800.md"),
        "{warning}"
    );
    assert_eq!(
        (&warning["line"], &warning["column"]),
        (&3.into(), &8.into())
    );
    assert_eq!(
        warning["help"],
        "Asia/Tokyo is at +09:00 all year; write the same instant as `date = 2026-11-21T03:00:00+09:00`, or set `team` to the team you worked for"
    );
}

/// Every W009 `check` reports for `site`, as JSON; `check` passes (they
/// are warnings).
fn offset_warnings(site: &Path) -> Vec<serde_json::Value> {
    let output = run(&[
        "check",
        site.to_str().unwrap(),
        "--format",
        "json",
        "--as-of",
        "2026-11-21",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    stdout(&output)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|d| d["code"] == "W009")
        .collect()
}

#[test]
fn check_warns_on_an_offset_the_teams_zone_never_has_and_not_on_summer_time() {
    let dir = site();
    let wrap = |author: &str, date: &str, team: &str| {
        format!("+++\nauthor = \"{author}\"\ndate = {date}\n{team}summary = \"Done.\"\n+++\n")
    };
    // Ken's team comes from [people]: Tokyo, never +01:00.
    write_wrap(
        dir.path(),
        "2026/11/20/ken-0900.md",
        &wrap("ken", "2026-11-20T09:00:00+01:00", ""),
    );
    // Berlin in November is +01:00; +02:00 is its summer time, written
    // out of habit: not warned.
    write_wrap(
        dir.path(),
        "2026/11/20/ana-1900.md",
        &wrap("ana", "2026-11-20T19:00:00+02:00", "team = \"platform\"\n"),
    );
    // +00:00 is neither.
    write_wrap(
        dir.path(),
        "2026/11/20/ana-1700.md",
        &wrap("ana", "2026-11-20T17:00:00+00:00", "team = \"platform\"\n"),
    );
    let warnings = offset_warnings(dir.path());
    let found: Vec<(&str, &str)> = warnings
        .iter()
        .map(|w| {
            (
                w["file"].as_str().unwrap().rsplit('/').next().unwrap(),
                w["message"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "ana-1700.md",
                "`date` is written at UTC+00:00, but the team Platform works in Europe/Berlin, at +01:00 then"
            ),
            (
                "ken-0900.md",
                "`date` is written at UTC+01:00, but the team Payments works in Asia/Tokyo, at +09:00 then"
            ),
        ],
        "{warnings:#?}"
    );
    assert!(
        warnings[0]["help"]
            .as_str()
            .unwrap()
            .starts_with("Europe/Berlin is at +01:00 or +02:00 in 2026;"),
        "{warnings:#?}"
    );
    assert!(warnings.iter().all(|w| w["line"] == 3 && w["column"] == 8));
}
