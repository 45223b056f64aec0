//! The output stage's guarantees, tried as an attacker and as an unlucky
//! user would: crafted file names, symlinks, a killed build, a full disk,
//! two builds at once. Each test runs the real binary.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};

use common::*;

const AS_OF: &str = "2026-11-21";

/// A copy of the example site in a temp dir, with an output path beside it.
struct Site {
    dir: tempfile::TempDir,
    site: PathBuf,
    out: PathBuf,
}

fn example() -> Site {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&repo().join("example-site"), &site);
    let _ = std::fs::remove_dir_all(site.join("public"));
    let _ = std::fs::remove_dir_all(site.join(".standin-cache"));
    Site {
        out: dir.path().join("out"),
        site,
        dir,
    }
}

impl Site {
    fn args<'a>(&'a self, out: &'a Path) -> Vec<&'a str> {
        vec![
            "build",
            self.site.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--as-of",
            AS_OF,
        ]
    }

    fn build(&self) -> std::process::Output {
        standin().args(self.args(&self.out)).output().unwrap()
    }

    /// What a fresh build of the site as it is now produces.
    fn fresh_tree(&self) -> std::collections::BTreeMap<String, Vec<u8>> {
        let fresh = self.dir.path().join(format!("fresh-{}", rand_suffix()));
        let output = standin().args(self.args(&fresh)).output().unwrap();
        assert!(output.status.success(), "{}", stderr(&output));
        read_tree(&fresh)
    }

    /// Starts a build that stops at an injected fault and waits there;
    /// returns once it has stalled.
    fn stalled_build(&self, fault: &str) -> Child {
        let mut child = standin()
            .args(self.args(&self.out))
            .env("STANDIN_FAULT", fault)
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let mut lines = BufReader::new(stderr).lines();
        loop {
            match lines.next() {
                Some(Ok(line)) if line.contains("fault: stalled") => break,
                Some(_) => {}
                None => panic!("the build ended before reaching the fault {fault}"),
            }
        }
        child
    }

    fn edit(&self) {
        // A new wrap changes its own page, the brief, the home page, the
        // search index, feeds and API.
        let path = self.site.join("wraps/2026/11/20/zed-2300.md");
        std::fs::write(
            path,
            "+++\nauthor = \"zed\"\ndate = 2026-11-20T23:00:00-08:00\nteam = \"checkout\"\nsummary = \"A late note from zed.\"\n+++\nNothing else.\n",
        )
        .unwrap();
    }
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

fn kill(mut child: Child) {
    // SIGKILL: no destructor, no cleanup, as after `kill -9`.
    child.kill().unwrap();
    child.wait().unwrap();
}

fn leftovers(out: &Path) -> Vec<String> {
    read_tree(out)
        .into_keys()
        .filter(|p| {
            p.contains("standin-staging")
                || p.contains("standin-tmp")
                || p.contains(".standin-output")
        })
        .collect()
}

#[test]
fn a_static_file_name_cannot_make_a_build_delete_outside_the_output() {
    let s = example();
    let victim_dir = tempfile::Builder::new().prefix("victim").tempdir().unwrap();
    let victim = victim_dir.path().join("victim");
    std::fs::write(&victim, "precious").unwrap();
    // The old manifest stored paths unescaped: this folder name injected a
    // line naming the victim by its absolute path.
    let crafted = s
        .site
        .join("static")
        .join("a\n0000000000000000 1 ")
        .join(victim.strip_prefix("/").unwrap());
    std::fs::create_dir_all(crafted.parent().unwrap()).unwrap();
    std::fs::write(&crafted, "x").unwrap();

    for _ in 0..2 {
        let output = s.build();
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(stderr(&output).contains("W010"), "{}", stderr(&output));
    }
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    let tree = read_tree(&s.out);
    assert!(
        tree.keys()
            .all(|p| !p.starts_with('.') && !p.contains('\n')),
        "bookkeeping or crafted names in the output: {:?}",
        tree.keys()
            .filter(|p| p.starts_with('.') || p.contains('\n'))
            .collect::<Vec<_>>()
    );
}

#[cfg(unix)]
#[test]
fn nothing_outside_the_site_is_read_or_published_through_a_symlink() {
    use std::os::unix::fs::symlink;
    let s = example();
    let outside = tempfile::tempdir().unwrap();
    let host = outside.path();
    std::fs::write(host.join("passwd"), "root:x:0:0:SECRET-PASSWD").unwrap();
    std::fs::create_dir(host.join("templates")).unwrap();
    std::fs::write(host.join("templates/base.html"), "SECRET-TEMPLATE {{ oops").unwrap();
    std::fs::create_dir(host.join("wraps")).unwrap();
    std::fs::write(
        host.join("wraps/x.md"),
        "+++\nSECRET-WRAP-LINE = = =\n+++\n",
    )
    .unwrap();
    std::fs::write(host.join("record.md"), "+++\nSECRET-RECORD = = =\n+++\n").unwrap();

    symlink(host, s.site.join("static")).unwrap();
    symlink(host.join("templates"), s.site.join("templates")).unwrap();
    symlink(host.join("wraps"), s.site.join("wraps/2026/linked")).unwrap();
    symlink(
        host.join("wraps/x.md"),
        s.site.join("wraps/2026/11/20/linked.md"),
    )
    .unwrap();
    symlink(host.join("record.md"), s.site.join("decisions/linked.md")).unwrap();

    let output = s.build();
    let err = stderr(&output);
    assert!(output.status.success(), "{err}");
    for name in [
        "static",
        "templates",
        "wraps/2026/linked",
        "wraps/2026/11/20/linked.md",
        "decisions/linked.md",
    ] {
        assert!(
            err.contains(&format!(
                "skipped {}/{name}: it is a symlink",
                s.site.display()
            )),
            "no warning for {name}:\n{err}"
        );
    }
    assert!(!err.contains("SECRET"), "outside content quoted:\n{err}");
    let tree = read_tree(&s.out);
    assert!(!tree.contains_key("passwd"));
    assert!(
        tree.values()
            .all(|bytes| !String::from_utf8_lossy(bytes).contains("SECRET")),
        "outside content published"
    );
}

#[test]
fn a_killed_build_is_repaired_by_the_next_one() {
    for fault in ["stage-stall:5", "commit-stall:5"] {
        let s = example();
        assert!(s.build().status.success());
        let before = s.fresh_tree();
        s.edit();
        let edited = s.fresh_tree();
        kill(s.stalled_build(fault));

        // Back to the first version: files the killed build had moved into
        // place must not be trusted just because a record says so.
        std::fs::remove_file(s.site.join("wraps/2026/11/20/zed-2300.md")).unwrap();
        let output = s.build();
        assert!(output.status.success(), "{}", stderr(&output));
        assert_eq!(
            read_tree(&s.out),
            before,
            "after {fault}, back to the first version"
        );
        assert!(leftovers(&s.out).is_empty());

        s.edit();
        kill(s.stalled_build(fault));
        let output = s.build();
        assert!(output.status.success(), "{}", stderr(&output));
        assert_eq!(
            read_tree(&s.out),
            edited,
            "after {fault}, the edited version"
        );
        assert!(leftovers(&s.out).is_empty(), "{:?}", leftovers(&s.out));
    }
}

#[test]
fn a_full_disk_fails_the_build_truthfully_and_the_next_build_repairs_it() {
    let s = example();
    assert!(s.build().status.success());
    let before = read_tree(&s.out);
    s.edit();
    let edited = s.fresh_tree();

    // Full while staging: nothing was moved into place.
    let output = standin()
        .args(s.args(&s.out))
        .env("STANDIN_FAULT", "stage-full:3")
        .output()
        .unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(err.contains("No space left on device"), "{err}");
    assert!(err.contains("was left as it was"), "{err}");
    assert_eq!(read_tree(&s.out), before);

    // Full while moving files into place: say how far it got.
    let output = standin()
        .args(s.args(&s.out))
        .env("STANDIN_FAULT", "commit-full:3")
        .output()
        .unwrap();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains("is incomplete: 3 of ")
            && err.contains("files were updated; the next build repairs it"),
        "{err}"
    );
    assert!(!err.contains("left as it was"), "{err}");

    let output = s.build();
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(read_tree(&s.out), edited);
    assert!(leftovers(&s.out).is_empty());
}

#[test]
fn a_second_build_into_a_held_output_stops_and_names_the_first() {
    let s = example();
    assert!(s.build().status.success());
    s.edit();
    let first = s.stalled_build("stage-stall:10");
    let pid = first.id();
    let output = s.build();
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!(
            "another standin build holds {} (pid {pid})",
            s.out.display()
        )),
        "{err}"
    );
    kill(first);
    let output = s.build();
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(read_tree(&s.out), s.fresh_tree());
}

#[test]
fn two_builds_started_together_leave_one_complete_site() {
    let s = example();
    s.edit();
    let spawn = || {
        standin()
            .args(s.args(&s.out))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    for child in [a, b] {
        let output = child.wait_with_output().unwrap();
        let err = stderr(&output);
        assert!(
            output.status.success() || err.contains("another standin build holds"),
            "neither built nor stopped cleanly:\n{err}"
        );
    }
    assert_eq!(read_tree(&s.out), s.fresh_tree());
    assert!(leftovers(&s.out).is_empty());
}
