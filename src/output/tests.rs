//! Tests of the output stage on real directories.

use super::*;
use std::collections::BTreeMap;
use walkdir::WalkDir;

use crate::site_dir::{CACHE_DIR, OUTPUT_DIR};

impl Output {
    /// Opens `out_dir` for writing a build of the site at `site_root`,
    /// creating it if needed: [`Output::look`], then [`Output::start`].
    pub(crate) fn open(
        out_dir: &Path,
        site_root: &Path,
        cache_dir: Option<&Path>,
    ) -> Result<Output, Failure> {
        let mut output = Self::look(out_dir, site_root, cache_dir)?;
        output.start()?;
        Ok(output)
    }
}

struct Fixture {
    _dir: tempfile::TempDir,
    site: PathBuf,
    out: PathBuf,
    cache: PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    fs::create_dir(&site).unwrap();
    Fixture {
        out: site.join(OUTPUT_DIR),
        cache: site.join(CACHE_DIR),
        site,
        _dir: dir,
    }
}

impl Fixture {
    fn write(&self, files: &[(&str, &str)]) -> Result<WriteReport, Failure> {
        let output = Output::open(&self.out, &self.site, Some(&self.cache))?;
        for (path, bytes) in files {
            output.put(path, bytes.as_bytes())?;
        }
        output.commit().map(|committed| committed.report)
    }

    fn tree(&self) -> BTreeMap<String, String> {
        WalkDir::new(&self.out)
            .min_depth(1)
            .into_iter()
            .map(Result::unwrap)
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(&self.out)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                let body = if e.file_type().is_file() {
                    fs::read_to_string(e.path()).unwrap()
                } else {
                    "<dir>".to_string()
                };
                (rel, body)
            })
            .collect()
    }
}

fn report(written: usize, unchanged: usize, removed: usize) -> WriteReport {
    WriteReport {
        written,
        unchanged,
        removed,
    }
}

#[test]
fn writes_only_changes_and_removes_stale_files_and_folders() {
    let f = fixture();
    let first = f.write(&[
        ("index.html", "a"),
        ("x/index.html", "b"),
        ("y/z/index.html", "c"),
    ]);
    assert_eq!(first.unwrap(), report(3, 0, 0));
    let second = f.write(&[("index.html", "a"), ("x/index.html", "B")]);
    assert_eq!(second.unwrap(), report(1, 1, 1));
    let tree = f.tree();
    assert_eq!(
        tree.keys().collect::<Vec<_>>(),
        ["index.html", "x", "x/index.html"],
        "only the site: no manifest, no staging, no emptied folders"
    );
    assert_eq!(tree["x/index.html"], "B");
}

#[test]
fn a_file_changed_behind_standins_back_is_rewritten() {
    let f = fixture();
    f.write(&[("index.html", "abc")]).unwrap();
    // Same length, other bytes: only the stamp tells. The modification
    // time is set apart, not waited for (a coarse clock may not tick).
    fs::write(f.out.join("index.html"), "xyz").unwrap();
    fs::File::options()
        .write(true)
        .open(f.out.join("index.html"))
        .unwrap()
        .set_modified(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1))
        .unwrap();
    assert_eq!(f.write(&[("index.html", "abc")]).unwrap().written, 1);
    assert_eq!(f.tree()["index.html"], "abc");
    // Without the hint, bytes are compared (the generator tag says the
    // folder is standin's).
    let page = "<meta name=\"generator\" content=\"standin 0.1.0\">";
    f.write(&[("index.html", page)]).unwrap();
    fs::remove_dir_all(&f.cache).unwrap();
    assert_eq!(f.write(&[("index.html", page)]).unwrap(), report(0, 1, 0));
}

#[test]
fn refuses_a_foreign_non_empty_directory_and_the_site_itself() {
    let f = fixture();
    fs::create_dir(&f.out).unwrap();
    fs::write(f.out.join("precious.txt"), "keep me").unwrap();
    let failure = f.write(&[("index.html", "a")]).unwrap_err();
    assert_eq!(failure.left, Left::Untouched);
    assert!(failure.diagnostic.message.contains("not made by standin"));
    assert_eq!(f.tree().len(), 1);

    let output = Output::open(&f.site, &f.site, None).unwrap_err();
    assert!(output.diagnostic.message.contains("holds the site"));
    let parent = f.site.parent().unwrap();
    assert!(Output::open(parent, &f.site, None).is_err());
}

#[test]
fn an_earlier_standin_output_is_recognised_without_a_hint() {
    let f = fixture();
    fs::create_dir(&f.out).unwrap();
    fs::write(
        f.out.join("index.html"),
        "<html><head><meta name=\"generator\" content=\"standin 0.1.0\">",
    )
    .unwrap();
    fs::write(f.out.join(".standin-output"), "# old manifest\n").unwrap();
    assert_eq!(f.write(&[("index.html", "new")]).unwrap(), report(1, 0, 1));
    assert_eq!(f.tree().keys().collect::<Vec<_>>(), ["index.html"]);
}

#[test]
fn a_build_dropped_before_commit_leaves_the_output_as_it_was() {
    let f = fixture();
    f.write(&[("index.html", "a"), ("x/index.html", "b")])
        .unwrap();
    let before = f.tree();
    let output = Output::open(&f.out, &f.site, Some(&f.cache)).unwrap();
    output.put("index.html", b"changed").unwrap();
    output.put("new/index.html", b"new").unwrap();
    drop(output);
    assert_eq!(f.tree(), before);
}

#[test]
fn leftovers_of_an_interrupted_build_are_removed() {
    let f = fixture();
    f.write(&[("index.html", "a")]).unwrap();
    // What a killed build leaves: its staging folder, a half-written
    // page it had already moved, and a temp file of an older version.
    fs::create_dir(f.out.join(".standin-staging-99999")).unwrap();
    fs::write(f.out.join(".standin-staging-99999/0"), "half").unwrap();
    fs::create_dir(f.out.join("half")).unwrap();
    fs::write(f.out.join("half/index.html"), "x").unwrap();
    fs::write(f.out.join("index.html.standin-tmp"), "x").unwrap();
    assert_eq!(f.write(&[("index.html", "a")]).unwrap(), report(0, 1, 2));
    assert_eq!(f.tree().keys().collect::<Vec<_>>(), ["index.html"]);
}

#[test]
fn duplicate_and_unsafe_paths_are_refused() {
    let f = fixture();
    let output = Output::open(&f.out, &f.site, None).unwrap();
    output.put("a.html", b"1").unwrap();
    assert!(output.put("a.html", b"2").is_err());
    for bad in ["../escape", "/abs", "x/../../y", "a\nb"] {
        assert!(output.put(bad, b"x").is_err(), "{bad:?}");
    }
    output.put("a.html/b.html", b"x").unwrap();
    let failure = output.commit().unwrap_err();
    assert_eq!(failure.left, Left::Untouched);
    assert!(!f.dir_escape_exists());
}

impl Fixture {
    fn dir_escape_exists(&self) -> bool {
        self.site.join("escape").exists() || self.site.parent().unwrap().join("y").exists()
    }
}

#[cfg(unix)]
#[test]
fn symlinks_in_the_output_are_replaced_never_followed() {
    use std::os::unix::fs::symlink;
    let f = fixture();
    let victim = tempfile::tempdir().unwrap();
    fs::write(victim.path().join("index.html"), "victim").unwrap();
    f.write(&[("index.html", "a")]).unwrap();
    // A folder the site needs, and a stale name, both symlinks out.
    symlink(victim.path(), f.out.join("briefs")).unwrap();
    symlink(victim.path().join("index.html"), f.out.join("old.html")).unwrap();
    f.write(&[("index.html", "a"), ("briefs/index.html", "b")])
        .unwrap();
    assert_eq!(
        fs::read_to_string(victim.path().join("index.html")).unwrap(),
        "victim"
    );
    assert!(fs::symlink_metadata(f.out.join("briefs")).unwrap().is_dir());
    assert!(!f.out.join("old.html").exists());
    assert_eq!(f.tree()["briefs/index.html"], "b");
}

#[test]
fn a_file_may_replace_a_folder_and_a_folder_a_file() {
    let f = fixture();
    f.write(&[("a/index.html", "1"), ("b", "2")]).unwrap();
    f.write(&[("a", "3"), ("b/index.html", "4")]).unwrap();
    let tree = f.tree();
    assert_eq!(tree["a"], "3");
    assert_eq!(tree["b/index.html"], "4");
    assert_eq!(tree.len(), 3);
}
