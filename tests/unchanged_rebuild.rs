//! A build whose inputs did not change since the last build into the same
//! output writes nothing and says what the last one said; any change to
//! what a build reads (a wrap, a new file, a linked image, a template, the
//! options) or to the output makes it build again.

mod common;

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use common::*;

const SKIPPED: &str = "nothing it reads had changed";

struct Site {
    _dir: tempfile::TempDir,
    site: PathBuf,
    out: PathBuf,
}

impl Site {
    fn new() -> Site {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        copy_dir(&fixture("handoff"), &site);
        // A link to an image that is not there: a warning on every build.
        std::fs::write(
            site.join("wraps/2026/11/20/dee-1000.md"),
            "+++\nauthor = \"dee\"\ndate = 2026-11-20T10:00:00Z\nteam = \"alpha\"\n+++\nSee ![graph](graph.png).\n",
        )
        .unwrap();
        let out = dir.path().join("out");
        Site {
            _dir: dir,
            site,
            out,
        }
    }

    /// Builds; returns (stdout, stderr).
    fn build(&self, extra: &[&str]) -> (String, String) {
        let output = build(&self.site, &self.out, extra);
        (stdout(&output), stderr(&output))
    }

    /// Builds, and says whether the build was skipped as unchanged.
    fn skipped(&self, extra: &[&str]) -> bool {
        self.build(extra).0.contains(SKIPPED)
    }

    fn write(&self, relative: &str, text: &str) {
        let path = self.site.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

/// Every output file with its modification time.
fn mtimes(out: &Path) -> Vec<(PathBuf, SystemTime)> {
    let mut all: Vec<_> = walkdir::WalkDir::new(out)
        .into_iter()
        .map(|e| e.unwrap())
        .map(|e| {
            (
                e.path().to_path_buf(),
                e.metadata().unwrap().modified().unwrap(),
            )
        })
        .collect();
    all.sort();
    all
}

#[test]
fn an_unchanged_rebuild_writes_nothing_and_repeats_the_warnings() {
    let s = Site::new();
    let (first_out, first_err) = s.build(&[]);
    assert!(!first_out.contains(SKIPPED), "{first_out}");
    assert!(first_err.contains("graph.png"), "a warning: {first_err}");
    let before = mtimes(&s.out);

    let (out, err) = s.build(&[]);
    assert!(out.contains(SKIPPED), "{out}");
    assert!(out.contains("(0 written,"), "{out}");
    assert_eq!(err, first_err, "the same warnings, shown the same way");
    assert_eq!(mtimes(&s.out), before, "nothing in the output was touched");
    // The same counts of wraps, pages and files as the build that wrote them.
    let counts = |line: &str| line.split(" files (").next().unwrap().to_string();
    assert_eq!(counts(&out), counts(&first_out));
}

#[test]
fn a_same_length_edit_right_after_a_build_is_built() {
    let s = Site::new();
    s.build(&[]);
    let wrap = "wraps/2026/11/18/ana-2330.md";
    let text = std::fs::read_to_string(s.site.join(wrap)).unwrap();
    // Same length, at once: times may not have moved on a coarse clock.
    s.write(wrap, &text.replace("Pruned WAL", "Pruned LOG"));
    assert!(!s.skipped(&[]));
    let page = std::fs::read_to_string(s.out.join("wraps/2026-11-18/ana-2330/index.html"))
        .or_else(|_| {
            let found = walkdir::WalkDir::new(s.out.join("wraps"))
                .into_iter()
                .map(|e| e.unwrap().into_path())
                .find(|p| p.to_string_lossy().contains("ana-2330") && p.ends_with("index.html"))
                .unwrap();
            std::fs::read_to_string(found)
        })
        .unwrap();
    assert!(page.contains("Pruned LOG"));
    assert!(s.skipped(&[]), "and then it is unchanged again");
}

#[test]
fn new_files_options_and_output_changes_are_built() {
    let s = Site::new();
    s.build(&[]);
    assert!(s.skipped(&[]));

    // The linked image appears: its warning goes.
    s.write("wraps/2026/11/20/graph.png", "png");
    let (out, err) = s.build(&[]);
    assert!(!out.contains(SKIPPED), "{out}");
    assert!(!err.contains("graph.png"), "{err}");
    assert!(s.skipped(&[]));

    // A new wrap.
    s.write(
        "wraps/2026/11/21/eve-0800.md",
        "+++\nauthor = \"eve\"\ndate = 2026-11-21T08:00:00Z\nteam = \"alpha\"\n+++\nQuiet night.\n",
    );
    assert!(!s.skipped(&[]));
    assert!(s.skipped(&[]));

    // A template override.
    s.write("templates/footer.html", "<footer>ours</footer>");
    assert!(!s.skipped(&[]));
    assert!(s.skipped(&[]));

    // Another base URL, then back.
    assert!(!s.skipped(&["--base-url", "https://preview.example/"]));
    assert!(s.skipped(&["--base-url", "https://preview.example/"]));
    assert!(!s.skipped(&[]));

    // The output changed by hand: a file removed, a file added.
    std::fs::remove_file(s.out.join("index.html")).unwrap();
    assert!(!s.skipped(&[]));
    assert!(s.out.join("index.html").is_file(), "repaired");
    std::fs::write(s.out.join("stray.txt"), "x").unwrap();
    assert!(!s.skipped(&[]));
    assert!(!s.out.join("stray.txt").exists(), "removed");
    assert!(s.skipped(&[]));

    // The config.
    let config = std::fs::read_to_string(s.site.join("standin.toml")).unwrap();
    s.write("standin.toml", &format!("{config}\n# a comment\n"));
    assert!(!s.skipped(&[]));
    assert!(s.skipped(&[]));
}
