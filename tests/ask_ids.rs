//! Ask ids, end to end: an acknowledgement lands on the ask it names
//! whatever order `next` lists the asks in, a short id that now names two
//! asks is an error that lists both, and no name is too long to make ids
//! from.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::*;
use serde_json::Value;

const CONFIG: &str = "title = \"T\"\nbase_url = \"https://handoffs.test/\"\ntimezone = \"UTC\"\n[teams.payments]\n[teams.platform]\n";

/// A site in a temp dir: ana's wrap of 20 Nov handing over `next`, and
/// bo's of 21 Nov with `ack` (the lines of its `[ack]` table).
fn site(author: &str, next: &[&str], ack: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("standin.toml"), CONFIG).unwrap();
    let folder = dir.path().join("wraps/2026/11");
    std::fs::create_dir_all(&folder).unwrap();
    let next: Vec<String> = next.iter().map(|n| format!("{n:?}")).collect();
    std::fs::write(
        folder.join("ana.md"),
        format!(
            "+++\nauthor = {author:?}\ndate = 2026-11-20T10:00:00Z\nteam = \"payments\"\nsummary = \"Handing over.\"\nnext = [{}]\n+++\nBody.\n",
            next.join(", ")
        ),
    )
    .unwrap();
    let ack: String = ack
        .iter()
        .map(|(id, verb)| format!("{id} = {verb:?}\n"))
        .collect();
    std::fs::write(
        folder.join("bo.md"),
        format!(
            "+++\nauthor = \"bo\"\ndate = 2026-11-21T10:00:00Z\nteam = \"payments\"\nsummary = \"Picked up.\"\n\n[ack]\n{ack}+++\nBody.\n"
        ),
    )
    .unwrap();
    dir
}

/// Runs `command`, killing it if it has not finished in a minute: a hang
/// guard, so that a loop fails the test instead of stalling the suite.
fn finishes(mut command: Command) -> Output {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("`standin` did not finish in a minute");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn check(site: &Path) -> (i32, Vec<Value>) {
    let mut command = standin();
    command.args(["check", site.to_str().unwrap(), "--format", "json"]);
    let output = finishes(command);
    let diagnostics = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l}: {e}")))
        .collect();
    (output.status.code().unwrap(), diagnostics)
}

/// Two asks for ana's team on 20 Nov whose short ids are the same, and
/// that id.
fn colliding() -> (String, String, String) {
    let mut seen = std::collections::HashMap::new();
    for n in 0.. {
        let text = format!("Check shard {n}");
        let short = standin::content::generated("ana", 11, 20, &text)
            .short()
            .to_string();
        if let Some(first) = seen.insert(short.clone(), text.clone()) {
            return (first, text, short);
        }
    }
    unreachable!()
}

/// `(id, what)` of every ask on the page of ana's wrap.
fn asks_on_page(site: &Path) -> Vec<(String, String)> {
    let out = site.join("public");
    build(site, &out, &[]);
    let html = page(&out, "wraps/2026-11-20/ana-1000/index.html");
    let ids = texts(&html, ".ask .item-id");
    let whats = texts(&html, ".ask .what");
    ids.into_iter().zip(whats).collect()
}

#[test]
fn reordering_next_never_moves_an_acknowledgement() {
    let (a, b, short) = colliding();
    let forward = site("ana", &[&a, &b], &[]);
    let ids = asks_on_page(forward.path());
    assert_eq!(ids.len(), 2, "{ids:?}");
    // Both got longer codes, each starting with the short one.
    for (id, _) in &ids {
        assert!(id.starts_with(&short) && id.len() > short.len(), "{ids:?}");
    }
    let (id_of_b, _) = ids.iter().find(|(_, what)| what == &b).unwrap().clone();
    // The same asks the other way round have the same ids.
    let backward = site("ana", &[&b, &a], &[(&id_of_b, "done")]);
    let mut again = asks_on_page(backward.path());
    again.reverse();
    assert_eq!(again, ids);
    // The acknowledgement lands on `b` in either order.
    for order in [[a.as_str(), b.as_str()], [b.as_str(), a.as_str()]] {
        let dir = site("ana", &order, &[(&id_of_b, "done")]);
        let (code, diagnostics) = check(dir.path());
        assert_eq!(code, 0, "{diagnostics:#?}");
        build(
            dir.path(),
            &dir.path().join("public"),
            &["--as-of", "2026-11-21"],
        );
        let json: Value = serde_json::from_slice(
            &std::fs::read(dir.path().join("public/api/briefs/2026-11-21.json")).unwrap(),
        )
        .unwrap();
        let text = json.to_string();
        assert!(text.contains(&id_of_b), "{text}");
    }
}

#[test]
fn a_short_id_that_names_two_asks_is_an_error_listing_both() {
    let (a, b, short) = colliding();
    let dir = site("ana", &[&a, &b], &[(&short, "done")]);
    let (code, diagnostics) = check(dir.path());
    assert_eq!(code, 1, "{diagnostics:#?}");
    let errors: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 1, "{diagnostics:#?}");
    let d = errors[0];
    assert_eq!(d["code"], "E025", "{d:#}");
    assert_eq!(d["line"], 8, "{d:#}");
    let help = d["help"].as_str().unwrap();
    assert!(help.contains(&a) && help.contains(&b), "{help}");
}

#[test]
fn an_ask_written_twice_in_one_wrap_is_an_error() {
    let dir = site("ana", &["Check the queue", "check  the queue"], &[]);
    let (code, diagnostics) = check(dir.path());
    assert_eq!(code, 1, "{diagnostics:#?}");
    let errors: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 1, "{diagnostics:#?}");
    assert_eq!(errors[0]["code"], "E021", "{diagnostics:#?}");
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap()
            .contains("written twice"),
        "{diagnostics:#?}"
    );
}

#[test]
fn a_very_long_name_gives_ids_that_can_be_acknowledged() {
    // Once the writer's key passed ~92 bytes, every id and every `-N`
    // after it was too long, and `check` never finished.
    let name = "Bartholomew ".repeat(20);
    let key = name.trim().to_lowercase().replace(' ', "-");
    let id = standin::content::generated(&key, 11, 20, "Check the queue")
        .short()
        .to_string();
    assert!(id.len() <= 100, "{id}");
    let dir = site(&name, &["Check the queue"], &[(&id, "done")]);
    let (code, diagnostics) = check(dir.path());
    assert_eq!(code, 0, "{diagnostics:#?}");
    let ids = asks_on_page_of(dir.path(), &key);
    assert_eq!(ids, [id]);
}

/// The ask ids on the page of the wrap of 20 Nov by the writer `key`.
fn asks_on_page_of(site: &Path, key: &str) -> Vec<String> {
    let out = site.join("public");
    build(site, &out, &[]);
    let folder = out.join("wraps/2026-11-20");
    let page_dir = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .find(|name| name.starts_with(&key[..20]))
        .unwrap_or_else(|| panic!("no page for {key}"));
    let html = page(&out, &format!("wraps/2026-11-20/{page_dir}/index.html"));
    texts(&html, ".ask .item-id")
}
