//! An incremental rebuild (what `serve` does) must give exactly the site a
//! full build gives, whatever changed.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use standin::build::{self, BuildOptions, Session};
use standin::ledger::AsOf;
use standin::site::SiteFiles;
use standin::site_dir::SiteDir;

fn options(site: &Path) -> BuildOptions {
    BuildOptions {
        site: SiteDir::new(site),
        base_url: Some("http://127.0.0.1:1111/".to_string()),
        as_of: AsOf::Day(chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()),
    }
}

/// A copy of the handoff fixture in a temporary folder (kept while the
/// returned guard lives), and its path.
fn handoff_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().canonicalize().unwrap().join("site");
    copy_dir(&fixture("handoff"), &site);
    (dir, site)
}

/// The session's site after a rebuild, derived outputs included.
fn incremental(session: &mut Session, changed: &[PathBuf]) -> SiteFiles {
    let run = session.rebuild(changed);
    assert!(!run.diagnostics.has_errors(), "{:?}", run.diagnostics);
    let mut files = run.rendered.expect("rendered").files;
    let (derived, _) = run.pending.expect("derived outputs to make").run();
    files.files.extend(derived.expect("derived"));
    files
}

fn full(site: &Path) -> SiteFiles {
    let run = build::render(&options(site));
    assert!(!run.diagnostics.has_errors(), "{:?}", run.diagnostics);
    run.rendered.unwrap().files
}

/// A change to the site, returning the paths it changed.
type Change<'a> = Box<dyn Fn() -> Vec<PathBuf> + 'a>;

fn assert_same(incremental: &SiteFiles, full: &SiteFiles, step: &str) {
    let a: Vec<&String> = incremental.files.keys().collect();
    let b: Vec<&String> = full.files.keys().collect();
    assert_eq!(a, b, "{step}: different files");
    for (path, bytes) in &full.files {
        assert!(
            incremental.files[path] == *bytes,
            "{step}: {path} differs from a full build"
        );
    }
}

#[test]
fn incremental_rebuilds_equal_full_builds() {
    let (_dir, site) = handoff_copy();
    let mut session = Session::new(options(&site));
    assert_same(&incremental(&mut session, &[]), &full(&site), "first build");

    let write = |relative: &str, text: &str| {
        let path = site.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    };
    let edit = |relative: &str, from: &str, to: &str| {
        let path = site.join(relative);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{relative}: {from}");
        std::fs::write(&path, text.replace(from, to)).unwrap();
        path
    };

    let steps: Vec<(&str, Change)> = vec![
        (
            "edit a body",
            Box::new(|| {
                vec![edit(
                    "wraps/2026/11/18/ana-2330.md",
                    "Pruned WAL",
                    "Pruned old WAL",
                )]
            }),
        ),
        (
            "change a summary",
            Box::new(|| {
                vec![edit(
                    "wraps/2026/11/18/bo-1630.md",
                    "db-1 disk critical",
                    "db-1 disk is critical",
                )]
            }),
        ),
        (
            "escalate a risk",
            Box::new(|| {
                vec![edit(
                    "wraps/2026/11/19/ana-1800.md",
                    "status = \"resolved\"",
                    "status = \"mitigating\"\nseverity = \"critical\"",
                )]
            }),
        ),
        (
            "add a wrap with a decision",
            Box::new(|| {
                vec![write(
                    "wraps/2026/11/20/cy-1900.md",
                    "+++\nauthor = \"cy\"\ndate = 2026-11-20T19:00:00+09:00\nteam = \"beta\"\ntags = [\"redis\"]\n\n[[decision]]\ntitle = \"Shard the session store\"\nwhy = \"One node is a single point of failure\"\nsupersedes = \"use-redis-for-sessions\"\n+++\nSharded it.\n",
                )]
            }),
        ),
        (
            "publish the draft",
            Box::new(|| vec![edit("wraps/2026/11/20/cy-0900.md", "draft = true\n", "")]),
        ),
        (
            "delete a wrap",
            Box::new(|| {
                let path = site.join("wraps/2026/11/20/cy-0900.md");
                std::fs::remove_file(&path).unwrap();
                vec![path]
            }),
        ),
        (
            "override a template",
            Box::new(|| {
                vec![write(
                    "templates/404.html",
                    "{% extends \"base.html\" %}{% block main %}<h1>Lost</h1>{% endblock main %}",
                )]
            }),
        ),
        (
            "add a static file",
            Box::new(|| vec![write("static/robots.txt", "User-agent: *\n")]),
        ),
        (
            "change the config",
            Box::new(|| {
                vec![edit(
                    "standin.toml",
                    "title = \"Fixture handoffs\"",
                    "title = \"Fixture shift handoffs\"",
                )]
            }),
        ),
        (
            "change the site zone",
            Box::new(|| {
                vec![edit(
                    "standin.toml",
                    "timezone = \"Asia/Tokyo\"",
                    "timezone = \"Europe/Berlin\"",
                )]
            }),
        ),
        // A change nobody reported: the session is told "anything may have changed".
        (
            "an unreported edit",
            Box::new(|| {
                edit(
                    "wraps/2026/11/18/ana-2330.md",
                    "Pruned old WAL",
                    "Pruned the old WAL",
                );
                vec![]
            }),
        ),
    ];
    for (step, change) in steps {
        let changed = change();
        assert_same(&incremental(&mut session, &changed), &full(&site), step);
    }
}

#[test]
fn editor_temporary_files_and_removed_directories() {
    let (_dir, site) = handoff_copy();
    let mut session = Session::new(options(&site));
    incremental(&mut session, &[]);

    // A temporary file beside a wrap, reported and then gone: no content.
    let temp = site.join("wraps/2026/11/18/sedX1y2Z3");
    std::fs::write(&temp, "partial").unwrap();
    std::fs::remove_file(&temp).unwrap();
    assert_same(
        &incremental(&mut session, &[temp]),
        &full(&site),
        "a vanished temporary file",
    );

    // A whole day's folder removed, reported as the folder only.
    let day = site.join("wraps/2026/11/19");
    std::fs::remove_dir_all(&day).unwrap();
    assert_same(
        &incremental(&mut session, &[day]),
        &full(&site),
        "a removed folder",
    );
}

/// A wrap keeps no text: its page and its search document read the file
/// again. If it changed since the build read it, neither is made from the
/// new text: the page and the derived outputs fail with E029, which tells
/// `serve` that a newer build is coming.
#[test]
fn a_wrap_changed_under_a_build_is_never_shown_half_read() {
    let (_dir, site) = handoff_copy();
    let mut session = Session::new(options(&site));
    let run = session.rebuild(&[]);
    assert!(!run.diagnostics.has_errors(), "{:?}", run.diagnostics);
    let rendered = run.rendered.expect("rendered");
    let wrap = "wraps/2026/11/18/bo-1630.md";
    let page = rendered.wrap_page(wrap).expect("a published wrap");
    // Another wrap's page, read again while its file is as parsed.
    let other = rendered
        .wrap_page("wraps/2026/11/18/ana-2330.md")
        .expect("a published wrap");
    assert!(rendered.file(&other).is_some());
    let file = site.join(wrap);
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        format!("{text}\nA line written after the build read it.\n"),
    )
    .unwrap();
    assert!(
        rendered.file(&page).is_none(),
        "the page of a changed wrap is not made from its new text"
    );
    let (derived, d) = run.pending.expect("derived outputs to make").run();
    assert!(derived.is_none());
    let codes: Vec<&str> = d.iter().map(|x| x.code.as_str()).collect();
    assert!(codes.contains(&"E029"), "{codes:?}");
}
