//! A 60-second wrap: `standin new` asks on a terminal (driven here through
//! a pseudo-terminal, keystrokes counted), takes the same answers as
//! flags, and keeps only a wrap that checks.
//!
//! The site: on Thursday bo (Beta) asks Alpha to rotate the vendor keys
//! and ana (Alpha) raises the risk `vendor-keys`; on Friday ana writes her
//! wrap.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::*;
use expectrl::Expect;
use expectrl::session::OsSession as Session;

const CONFIG: &str = "title = \"Sixty seconds\"\nbase_url = \"https://example.test/\"\ntimezone = \"UTC\"\n\n[teams.alpha]\nname = \"Alpha\"\n\n[teams.beta]\nname = \"Beta\"\n";

const BO: &str = "+++\nauthor = \"bo\"\ndate = 2026-11-19T17:00:00+00:00\nteam = \"beta\"\nsummary = \"Keys are due.\"\nnext = [{ to = \"alpha\", what = \"Rotate the vendor keys\", id = \"rotate-keys\" }]\n+++\nKeys.\n";

const ANA: &str = "+++\nauthor = \"ana\"\ndate = 2026-11-19T18:00:00+00:00\nteam = \"alpha\"\nsummary = \"Vendor keys expire soon.\"\n\n[[risk]]\nid = \"vendor-keys\"\ntitle = \"Vendor keys expire Monday\"\nseverity = \"high\"\n+++\nKeys.\n";

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("standin.toml"), CONFIG).unwrap();
    let day = root.join("wraps/2026/11/19");
    std::fs::create_dir_all(&day).unwrap();
    std::fs::write(day.join("bo-1700.md"), BO).unwrap();
    std::fs::write(day.join("ana-1800.md"), ANA).unwrap();
    dir
}

fn new_args<'a>(site: &'a Path, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "new",
        site.to_str().unwrap(),
        "--author",
        "ana",
        "--at",
        "2026-11-20T18:00",
    ];
    args.extend_from_slice(extra);
    args
}

fn written(site: &Path) -> String {
    std::fs::read_to_string(site.join("wraps/2026/11/20/ana-1800.md")).unwrap()
}

fn check_passes(site: &Path) {
    let output = run(&["check", site.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
}

/// Drives the prompts: each step waits for its question, then types.
struct Typist {
    session: Session,
    keystrokes: usize,
}

const DOWN: &str = "\x1b[B";

impl Typist {
    fn answer(&mut self, question: &str, keys: &[&str]) {
        self.session
            .expect(question)
            .unwrap_or_else(|e| panic!("no question {question:?}: {e}"));
        for key in keys {
            self.session.send(key).unwrap();
            // A text is one keystroke a character; a key (Enter, an arrow)
            // is one.
            self.keystrokes += if key.starts_with('\x1b') || *key == "\r" {
                1
            } else {
                key.chars().count()
            };
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

fn typist(site: &Path) -> Typist {
    let mut command = Command::new(env!("CARGO_BIN_EXE_standin"));
    command.args(new_args(site, &[]));
    command.env("TERM", "xterm-256color").env("NO_COLOR", "1");
    let mut session = Session::spawn(command).expect("a pseudo-terminal");
    session.set_expect_timeout(Some(Duration::from_secs(20)));
    Typist {
        session,
        keystrokes: 0,
    }
}

#[test]
fn the_prompts_write_a_realistic_wrap_in_under_300_keystrokes() {
    let site = site();
    let mut t = typist(site.path());
    t.answer("Summary", &["Vendor keys rotated; beta to verify.", "\r"]);
    t.answer("Done", &["Rotated the vendor keys", "\r"]);
    t.answer("Done", &["Updated the runbook", "\r"]);
    t.answer("Done", &["Paged beta about the swap", "\r"]);
    t.answer("Done", &["\r"]);
    // The ask waiting for Alpha: done, with a note.
    t.answer("rotate-keys", &[DOWN, DOWN, "\r"]);
    t.answer("Note", &["new keys live", "\r"]);
    t.answer("Hand over", &["beta: verify the new keys", "\r"]);
    t.answer("Hand over", &["\r"]);
    t.answer("Update a risk", &["y", "\r"]);
    // vendor-keys: leave it, open, mitigating, resolved.
    t.answer("vendor-keys", &[DOWN, DOWN, DOWN, "\r"]);
    t.answer("pager", &["\r"]);
    t.answer("How things stand", &["\r"]);
    t.session.expect(expectrl::Eof).unwrap();
    let keystrokes = t.keystrokes;
    assert!(keystrokes <= 300, "{keystrokes} keystrokes");
    eprintln!("the realistic wrap took {keystrokes} keystrokes");

    let text = written(site.path());
    for line in [
        "summary = \"Vendor keys rotated; beta to verify.\"",
        "  \"beta: verify the new keys\",",
        "rotate-keys = \"done: new keys live\"",
        "id = \"vendor-keys\"\nstatus = \"resolved\"",
        "- Rotated the vendor keys\n- Updated the runbook\n- Paged beta about the swap",
    ] {
        assert!(text.contains(line), "{line:?} not in:\n{text}");
    }
    check_passes(site.path());
}

#[test]
fn ctrl_c_writes_nothing() {
    let site = site();
    let mut t = typist(site.path());
    t.answer("Summary", &["half a thought"]);
    t.session.send(expectrl::ControlCode::EndOfText).unwrap();
    t.session.expect(expectrl::Eof).unwrap();
    assert!(!site.path().join("wraps/2026/11/20").exists());
}

#[test]
fn flags_write_the_same_wrap_without_a_question() {
    let site = site();
    let output = run(&new_args(
        site.path(),
        &[
            "--no-input",
            "-m",
            "Vendor keys rotated.",
            "--done",
            "Rotated the keys",
            "--next",
            "beta: verify the new keys",
            "--ack",
            "rotate-keys=done: new keys live",
            "--risk",
            "vendor-keys=resolved",
            "--pager",
            "bo",
            "--state",
            "watch",
        ],
    ));
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("git add "), "{}", stderr(&output));
    let text = written(site.path());
    for line in [
        "summary = \"Vendor keys rotated.\"",
        "state = \"watch\"",
        "pager = \"bo\"",
        "rotate-keys = \"done: new keys live\"",
        "status = \"resolved\"",
        "- Rotated the keys",
    ] {
        assert!(text.contains(line), "{line:?} not in:\n{text}");
    }
    check_passes(site.path());
}

#[test]
fn no_input_without_anything_to_say_is_a_clear_error() {
    let site = site();
    let output = run(&new_args(site.path(), &["--no-input"]));
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("`--no-input` needs something to say"));
    assert!(!site.path().join("wraps/2026/11/20").exists());
}

#[test]
fn bad_flags_are_refused_and_a_wrap_that_fails_check_is_not_kept() {
    let site = site();
    for bad in [
        &["--state", "fine"][..],
        &["--risk", "vendor-keys=fixed"],
        &["--ack", "rotate-keys"],
    ] {
        let output = run(&new_args(site.path(), bad));
        assert_eq!(output.status.code(), Some(2), "{bad:?}");
    }
    let output = run(&new_args(
        site.path(),
        &["-m", "Wrong id", "--ack", "rotate-kees=done"],
    ));
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(
        err.contains("rotate-kees") && err.contains("not kept"),
        "{err}"
    );
    assert!(!site.path().join("wraps/2026/11/20/ana-1800.md").exists());
}
