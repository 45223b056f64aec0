//! `standin ack` and `standin ask`: one line into the writer's wrap of the
//! current shift, made if there is none, every other byte of it kept; the
//! result passes `standin check`, and a line that would not is refused
//! with the file left as it was.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::*;

const CONFIG: &str = "title = \"T\"\nbase_url = \"https://handoffs.test/\"\ntimezone = \"UTC\"\n\n[teams.payments]\n[teams.platform]\n\n[people.ana]\nteam = \"payments\"\n";

/// kenji's wrap of 20 Nov, 17:00 UTC: two asks for payments (ana's team).
const KENJI: &str = "+++\nauthor = \"kenji\"\ndate = 2026-11-20T17:00:00Z\nteam = \"platform\"\nsummary = \"Handing over the vendor keys.\"\nnext = [\n  \"payments: rotate the vendor keys\",\n  \"payments: book the failover drill\",\n]\n+++\nBody.\n";

/// ana's wrap of 20 Nov, 18:00 UTC, as a writer keeps one: comments
/// everywhere, an `[ack]` table, a risk after it.
const ANA: &str = r#"+++
# ana's wrap, written by hand
author = "ana"
date = 2026-11-20T18:00:00Z   # end of shift
team = "payments"
summary = "Keys half rotated."   # for the brief
next = [
  "Finish the key rotation",     # mine
    # "platform: nothing yet",
  "@kenji check the queue"
]

# Picked up:
[ack]
# nothing yet

# The risk:
[[risk]]
id = "vendor-keys"   # raised today
title = "Vendor keys not rotated"
severity = "high"
+++
## Done

- Rotated half the keys.
"#;

/// A site with kenji's wrap and, if `ana` is given, ana's.
fn site(ana: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("standin.toml"), CONFIG).unwrap();
    let day = dir.path().join("wraps/2026/11/20");
    std::fs::create_dir_all(&day).unwrap();
    std::fs::write(day.join("kenji-1700.md"), KENJI).unwrap();
    if let Some(ana) = ana {
        std::fs::write(day.join("ana-1800.md"), ana).unwrap();
    }
    dir
}

fn ana_path(site: &Path) -> PathBuf {
    site.join("wraps/2026/11/20/ana-1800.md")
}

/// The id of kenji's ask `text`.
fn kenji_ask(text: &str) -> String {
    standin::content::generated("kenji", 11, 20, text)
        .short()
        .to_string()
}

/// `standin COMMAND ARGS --site SITE --author ana --at AT`.
fn one_liner(site: &Path, command: &str, args: &[&str], at: &str) -> Output {
    standin()
        .arg(command)
        .args(args)
        .args([
            "--site",
            site.to_str().unwrap(),
            "--author",
            "ana",
            "--at",
            at,
        ])
        .env_remove("STANDIN_AUTHOR")
        .output()
        .unwrap()
}

/// The path `standin ack`/`ask` printed, after asserting success.
fn written(output: &Output) -> PathBuf {
    assert!(
        output.status.success(),
        "{}{}",
        stdout(output),
        stderr(output)
    );
    PathBuf::from(stdout(output).trim())
}

/// `standin check` of the site: its exit code and what it printed.
fn check(site: &Path) -> (Option<i32>, String) {
    let output = run(&["check", site.to_str().unwrap(), "--as-of", "2026-11-21"]);
    (output.status.code(), stderr(&output))
}

/// `after` is `before` with `added` lines inserted, nothing else changed.
fn only_added(before: &str, after: &str, added: &[&str]) {
    let expected: Vec<&str> = before.lines().collect();
    let mut got: Vec<&str> = after.lines().collect();
    for line in added {
        let at = got
            .iter()
            .position(|l| l == line)
            .unwrap_or_else(|| panic!("no line {line:?} in:\n{after}"));
        got.remove(at);
    }
    assert_eq!(got, expected, "\n{after}");
    assert_eq!(after.ends_with('\n'), before.ends_with('\n'));
}

#[test]
fn ack_keeps_every_line_it_does_not_touch() {
    let dir = site(Some(ANA));
    let id = kenji_ask("payments: rotate the vendor keys");
    let output = one_liner(
        dir.path(),
        "ack",
        &[&id, "taken:", "half", "done"],
        "2026-11-20T18:00:00Z",
    );
    assert_eq!(written(&output), ana_path(dir.path()));
    let after = std::fs::read_to_string(ana_path(dir.path())).unwrap();
    let line = format!("{id} = \"taken: half done\"");
    only_added(ANA, &after, &[&line]);
    // Under `[ack]`, after its comment, before the risk's.
    assert!(
        after.contains(&format!("[ack]\n# nothing yet\n{line}\n\n# The risk:")),
        "{after}"
    );
    let said = stderr(&output);
    assert!(said.contains(&format!("acknowledged {id}")), "{said}");
    assert!(
        said.contains("git add ") && said.contains("ana-1800.md && git commit"),
        "{said}"
    );
    assert_eq!(check(dir.path()).0, Some(0), "{}", check(dir.path()).1);
}

#[test]
fn acking_again_replaces_the_value_and_says_so() {
    let dir = site(Some(ANA));
    let id = kenji_ask("payments: rotate the vendor keys");
    let at = "2026-11-20T18:00:00Z";
    written(&one_liner(dir.path(), "ack", &[&id, "taken"], at));
    let output = one_liner(dir.path(), "ack", &[&id, "done: all rotated"], at);
    written(&output);
    let after = std::fs::read_to_string(ana_path(dir.path())).unwrap();
    only_added(ANA, &after, &[&format!("{id} = \"done: all rotated\"")]);
    assert!(
        stderr(&output).contains(&format!("{id} was \"taken\"; now \"done: all rotated\"")),
        "{}",
        stderr(&output)
    );
}

#[test]
fn ack_fills_in_the_scaffolds_commented_line() {
    let dir = site(None);
    let id = kenji_ask("payments: book the failover drill");
    let new = standin()
        .args(["new", dir.path().to_str().unwrap(), "--author", "ana"])
        .args(["--at", "2026-11-20T18:00:00Z"])
        .output()
        .unwrap();
    let path = written(&new);
    let scaffold = std::fs::read_to_string(&path).unwrap();
    let commented = scaffold
        .lines()
        .find(|l| l.starts_with(&format!("# {id} = \"taken\"")))
        .unwrap_or_else(|| panic!("no commented line for {id}:\n{scaffold}"))
        .to_string();
    let output = one_liner(
        dir.path(),
        "ack",
        &[&id, "done: booked for Monday"],
        "2026-11-20T18:00:00Z",
    );
    assert_eq!(written(&output), path, "the scaffold is this shift's wrap");
    let after = std::fs::read_to_string(&path).unwrap();
    // The `#`s gone from `# [ack]` and from the line, which keeps its
    // comment (what the ask is, from whom); nothing else changed.
    let filled = commented.replacen('#', "", 1).trim_start().replacen(
        "\"taken\"",
        "\"done: booked for Monday\"",
        1,
    );
    assert_eq!(
        after,
        scaffold
            .replacen("# [ack]\n", "[ack]\n", 1)
            .replacen(&commented, &filled, 1)
    );
    assert_eq!(after.matches(&id).count(), 1, "{after}");
    assert!(
        stderr(&output).contains("uncommented"),
        "{}",
        stderr(&output)
    );
    // Filled in, the scaffold is a wrap that says something: it passes.
    let (code, said) = check(dir.path());
    assert_eq!(code, Some(0), "{said}");
    assert!(!said.contains("W017"), "{said}");
}

#[test]
fn an_unknown_id_is_refused_and_the_wrap_is_left_as_it_was() {
    let dir = site(Some(ANA));
    let id = kenji_ask("payments: rotate the vendor keys");
    // One character off.
    let typo = format!("{}x", &id[..id.len() - 1]);
    let output = one_liner(dir.path(), "ack", &[&typo, "taken"], "2026-11-20T18:00:00Z");
    assert_eq!(output.status.code(), Some(1));
    let said = stderr(&output);
    assert!(
        said.contains(&format!(
            "error[E025]: no earlier wrap hands over an ask `{typo}`"
        )),
        "{said}"
    );
    assert!(said.contains(&format!("`{id}`")), "the near id: {said}");
    assert!(said.contains("nothing was written"), "{said}");
    assert!(stdout(&output).is_empty());
    assert_eq!(std::fs::read_to_string(ana_path(dir.path())).unwrap(), ANA);
    // No temporary file left beside it.
    let names: Vec<String> = std::fs::read_dir(dir.path().join("wraps/2026/11/20"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn a_bad_verb_is_refused_before_anything_is_made() {
    let dir = site(None);
    let id = kenji_ask("payments: rotate the vendor keys");
    let output = one_liner(dir.path(), "ack", &[&id, "tkaen"], "2026-11-20T18:00:00Z");
    assert_eq!(output.status.code(), Some(1));
    let said = stderr(&output);
    assert!(said.contains("`tkaen` is not an acknowledgement"), "{said}");
    assert!(said.contains("`taken`"), "a did-you-mean: {said}");
    assert!(!dir.path().join("wraps/2026/11/20/ana-1800.md").exists());
}

#[test]
fn ask_appends_to_a_list_of_asks_as_it_is_written() {
    let dir = site(Some(ANA));
    let output = one_liner(
        dir.path(),
        "ask",
        &["platform: renew the TLS cert"],
        "2026-11-20T18:00:00Z",
    );
    assert_eq!(written(&output), ana_path(dir.path()));
    let after = std::fs::read_to_string(ana_path(dir.path())).unwrap();
    // On a line of its own, indented as the last ask, after the comment
    // line; the comma the last ask lacked put after it, none after the new.
    assert_eq!(
        after,
        ANA.replace(
            "  \"@kenji check the queue\"\n]",
            "  \"@kenji check the queue\",\n  \"platform: renew the TLS cert\"\n]"
        )
    );
    let id = standin::content::generated("ana", 11, 20, "platform: renew the TLS cert")
        .short()
        .to_string();
    assert!(
        stderr(&output).contains(&format!("the ask's id is {id}")),
        "{}",
        stderr(&output)
    );
    assert_eq!(check(dir.path()).0, Some(0), "{}", check(dir.path()).1);
}

#[test]
fn ask_makes_next_when_there_is_none() {
    let without = ANA.replace(
        "next = [\n  \"Finish the key rotation\",     # mine\n    # \"platform: nothing yet\",\n  \"@kenji check the queue\"\n]\n",
        "",
    );
    assert_ne!(without, ANA);
    let dir = site(Some(&without));
    let output = one_liner(
        dir.path(),
        "ask",
        &["everyone:", "freeze", "starts", "Friday"],
        "2026-11-20T18:00:00Z",
    );
    written(&output);
    let after = std::fs::read_to_string(ana_path(dir.path())).unwrap();
    only_added(
        &without,
        &after,
        &["next = [\"everyone: freeze starts Friday\"]"],
    );
    assert_eq!(check(dir.path()).0, Some(0), "{}", check(dir.path()).1);
}

#[test]
fn an_unknown_addressee_is_written_with_a_warning() {
    let dir = site(Some(ANA));
    let output = one_liner(
        dir.path(),
        "ask",
        &["paymnts: close the ticket"],
        "2026-11-20T18:00:00Z",
    );
    written(&output);
    let said = stderr(&output);
    assert!(said.contains("warning[W011]"), "{said}");
    assert!(said.contains("payments"), "the name meant: {said}");
}

#[test]
fn both_make_the_wrap_when_there_is_none_and_it_checks() {
    let dir = site(None);
    let id = kenji_ask("payments: rotate the vendor keys");
    let ack = one_liner(dir.path(), "ack", &[&id, "taken"], "2026-11-20T18:00:00Z");
    let path = written(&ack);
    assert_eq!(
        path,
        ana_path(dir.path()),
        "named as `standin new` names it"
    );
    assert!(stderr(&ack).contains("a new wrap"), "{}", stderr(&ack));
    // An hour later, the same shift: the same wrap, its end moved on.
    let ask = one_liner(
        dir.path(),
        "ask",
        &["platform: renew the TLS cert"],
        "2026-11-20T19:00:00Z",
    );
    assert_eq!(written(&ask), path);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("\ndate = 2026-11-20T19:00:00+00:00"),
        "{text}"
    );
    assert!(
        text.contains(&format!("\n{id} = \"taken\"   # rotate the vendor keys")),
        "{text}"
    );
    assert!(
        text.contains("  \"platform: renew the TLS cert\",\n]"),
        "{text}"
    );
    assert!(stderr(&ask).contains("moved on to"), "{}", stderr(&ask));
    let (code, said) = check(dir.path());
    assert_eq!(code, Some(0), "{said}");
    // The next day is another shift: another wrap.
    let next_day = one_liner(dir.path(), "ask", &["hello there"], "2026-11-21T09:00:00Z");
    assert_eq!(
        written(&next_day),
        dir.path().join("wraps/2026/11/21/ana-0900.md")
    );
}

#[test]
fn a_committed_wrap_is_handed_over_and_the_next_line_starts_a_new_one() {
    let dir = site(Some(ANA));
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .arg("-C")
            .arg(dir.path())
            .args([
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .output()
    };
    match git(&["init", "-q"]) {
        Ok(o) if o.status.success() => {}
        _ => return eprintln!("no git here: skipped"),
    }
    let at = "2026-11-20T18:30:00Z";
    // Uncommitted, ana's wrap is this shift's.
    let first = one_liner(dir.path(), "ask", &["one more thing to do"], at);
    assert_eq!(written(&first), ana_path(dir.path()));
    // Committed, it is handed over.
    assert!(git(&["add", "."]).unwrap().status.success());
    assert!(
        git(&["commit", "-q", "-m", "wrap"])
            .unwrap()
            .status
            .success()
    );
    let second = one_liner(dir.path(), "ask", &["and another thing"], at);
    assert_eq!(
        written(&second),
        dir.path().join("wraps/2026/11/20/ana-1830.md")
    );
}

#[test]
fn a_byte_order_mark_and_windows_line_endings_are_kept() {
    let windows = format!("\u{feff}{}", ANA.replace('\n', "\r\n"));
    let dir = site(Some(&windows));
    let id = kenji_ask("payments: rotate the vendor keys");
    written(&one_liner(
        dir.path(),
        "ack",
        &[&id, "taken"],
        "2026-11-20T18:00:00Z",
    ));
    let after = std::fs::read_to_string(ana_path(dir.path())).unwrap();
    assert_eq!(
        after,
        windows.replace(
            "# nothing yet\r\n",
            &format!("# nothing yet\r\n{id} = \"taken\"\r\n")
        )
    );
}
