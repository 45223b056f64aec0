//! File names a site cannot use as they are: not UTF-8, or holding a `\`
//! (a plain character on unix, a folder separator in links and URLs).
//! Each such file is skipped with warning W010 naming it (its bytes that
//! are not UTF-8 shown as `\xE9`), never read under another name ("No such
//! file") nor published over another file; and a static file is never
//! replaced unnoticed by a file the pages link to.
#![cfg(unix)]

mod common;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use common::*;

const CONFIG: &str = "title = \"Names\"\nbase_url = \"https://example.test/\"\ntimezone = \"UTC\"\n\n[teams.ops]\nname = \"Ops\"\n";

fn wrap(author: &str, body: &str) -> String {
    format!(
        "+++\nauthor = \"{author}\"\ndate = 2026-11-20T10:00:00Z\nteam = \"ops\"\nsummary = \"Names.\"\n+++\n{body}\n"
    )
}

/// A site with one good wrap, in a temp dir.
fn site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join("wraps/2026/11/20")).unwrap();
    std::fs::create_dir_all(site.join("static")).unwrap();
    std::fs::write(site.join("standin.toml"), CONFIG).unwrap();
    std::fs::write(
        site.join("wraps/2026/11/20/ana-1000.md"),
        wrap("ana", "Fine."),
    )
    .unwrap();
    (dir, site)
}

/// Writes `text` at `relative` under `site`, a path of raw bytes.
fn write_raw(site: &Path, relative: &[u8], text: &str) {
    let path = site.join(OsStr::from_bytes(relative));
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// The W010 lines of `standin check`'s human output, and its exit code.
fn w010(site: &Path) -> (i32, Vec<String>) {
    let output = run(&["check", site.to_str().unwrap()]);
    let lines = stderr(&output)
        .lines()
        .filter(|l| l.starts_with("warning[W010]"))
        .map(String::from)
        .collect();
    (output.status.code().unwrap(), lines)
}

#[test]
fn a_wrap_or_record_whose_name_is_not_utf8_is_skipped_with_a_warning_not_called_missing() {
    let (_dir, site) = site();
    write_raw(
        &site,
        b"wraps/2026/11/20/bo-caf\xE9.md",
        &wrap("bo", "Latin-1 name."),
    );
    write_raw(
        &site,
        b"decisions/0001-caf\xE9.md",
        "# 1. Cafe\n\nDate: 2026-11-20\n\n## Status\n\nAccepted\n",
    );
    let output = run(&["check", site.to_str().unwrap()]);
    let said = stderr(&output);
    assert!(!said.contains("No such file"), "{said}");
    assert!(!said.contains("E001"), "{said}");
    let (code, lines) = w010(&site);
    assert_eq!(code, 0);
    assert_eq!(lines.len(), 2, "{said}");
    assert!(lines[0].contains("decisions/0001-caf\\xE9.md: its name is not UTF-8"));
    assert!(lines[1].contains("wraps/2026/11/20/bo-caf\\xE9.md: its name is not UTF-8"));
}

#[test]
fn static_names_that_differ_only_in_bytes_that_are_not_utf8_are_both_said_and_neither_published() {
    let (dir, site) = site();
    write_raw(&site, b"static/caf\xE9.txt", "one");
    write_raw(&site, b"static/caf\xE8.txt", "two");
    write_raw(&site, "static/café.txt".as_bytes(), "utf-8");
    let (code, lines) = w010(&site);
    assert_eq!(code, 0);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].contains("static/caf\\xE8.txt"), "{lines:?}");
    assert!(lines[1].contains("static/caf\\xE9.txt"), "{lines:?}");

    let out = dir.path().join("out");
    build(&site, &out, &[]);
    let tree = read_tree(&out);
    assert_eq!(tree.get("café.txt").map(Vec::as_slice), Some(&b"utf-8"[..]));
    assert!(
        tree.keys().all(|p| !p.contains('\u{fffd}')),
        "{:?}",
        tree.keys()
    );
}

#[test]
fn a_static_name_with_a_backslash_is_skipped_not_published_over_its_folder_twin() {
    let (dir, site) = site();
    write_raw(&site, b"static/a\\b.txt", "backslash");
    write_raw(&site, b"static/a/b.txt", "folder");
    let (_, lines) = w010(&site);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].contains("static/a\\b.txt: its name holds a backslash"));
    let out = dir.path().join("out");
    build(&site, &out, &[]);
    assert_eq!(
        read_tree(&out).get("a/b.txt").map(Vec::as_slice),
        Some(&b"folder"[..])
    );
}

#[test]
fn a_static_file_where_a_linked_file_is_published_is_said_to_be_left_out() {
    let (dir, site) = site();
    std::fs::write(
        site.join("wraps/2026/11/20/ana-1000.md"),
        wrap("ana", "See ![graph](graph.png)."),
    )
    .unwrap();
    std::fs::write(site.join("wraps/2026/11/20/graph.png"), "linked").unwrap();
    write_raw(&site, b"static/files/wraps/2026/11/20/graph.png", "static");
    let (_, lines) = w010(&site);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].contains("static/files/wraps/2026/11/20/graph.png"),
        "{lines:?}"
    );
    let out = dir.path().join("out");
    build(&site, &out, &[]);
    assert_eq!(
        read_tree(&out)
            .get("files/wraps/2026/11/20/graph.png")
            .map(Vec::as_slice),
        Some(&b"linked"[..])
    );
}
