//! The site's `.standin-cache/`: what a build keeps there stays about the
//! size of what it read, however many diagnostics point into one file; and
//! a cache that cannot be written costs the next build its shortcut, never
//! this build its success, is said in one line, and leaves no temp files.

mod common;

use std::path::{Path, PathBuf};

use common::*;

const CONFIG: &str = "title = \"Cache\"\nbase_url = \"https://example.test/\"\ntimezone = \"UTC\"\n\n[teams.ops]\nname = \"Ops\"\n";

const WRAP: &str = "wraps/2026/11/20/ana-1000.md";

/// A site whose one wrap links `links` files that are not there (a W013
/// warning each), padded with prose to `bytes`.
fn site_with_warnings(root: &Path, links: usize, bytes: usize) -> PathBuf {
    let site = root.join("site");
    std::fs::create_dir_all(site.join("wraps/2026/11/20")).unwrap();
    std::fs::write(site.join("standin.toml"), CONFIG).unwrap();
    let mut text = String::from(
        "+++\nauthor = \"ana\"\ndate = 2026-11-20T10:00:00Z\nteam = \"ops\"\nsummary = \"Links.\"\n+++\n",
    );
    for i in 0..links {
        text.push_str(&format!("- see [missing {i}](missing-{i}.md)\n"));
    }
    while text.len() < bytes {
        text.push_str("Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n");
    }
    std::fs::write(site.join(WRAP), text).unwrap();
    site
}

/// Every file under `dir` with its length.
fn files(dir: &Path) -> Vec<(String, u64)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let name = e.path().strip_prefix(dir).unwrap().display().to_string();
            (name, e.metadata().unwrap().len())
        })
        .collect()
}

#[test]
fn a_wrap_with_hundreds_of_warnings_makes_a_cache_about_its_own_size() {
    let dir = tempfile::tempdir().unwrap();
    let site = site_with_warnings(dir.path(), 500, 69 * 1024);
    let out = dir.path().join("out");
    let first = build(&site, &out, &[]);
    assert!(stderr(&first).contains("480 more W013 warnings"));

    let source = std::fs::metadata(site.join(WRAP)).unwrap().len();
    let cache: u64 = files(&site.join(".standin-cache"))
        .iter()
        .map(|(_, len)| len)
        .sum();
    // The wrap once, and 500 short diagnostics; before, 500 copies (35 MB).
    assert!(
        cache < 4 * source,
        "cache of {cache} bytes for a {source}-byte wrap"
    );

    // And it still replays what the build said.
    let again = build(&site, &out, &[]);
    assert!(stdout(&again).contains("nothing it reads had changed"));
    assert_eq!(stderr(&again), stderr(&first));
}

#[test]
fn a_cache_that_cannot_be_written_is_said_once_and_the_build_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let site = site_with_warnings(dir.path(), 1, 0);
    let out = dir.path().join("out");
    // A plain file where the cache folder goes stops writes even as root.
    std::fs::write(site.join(".standin-cache"), "in the way").unwrap();
    let built = build(&site, &out, &[]);
    let said = stderr(&built);
    let warning: Vec<&str> = said
        .lines()
        .filter(|l| l.contains("cannot write the build cache"))
        .collect();
    assert_eq!(warning.len(), 1, "{said}");
    assert!(warning[0].starts_with("standin: warning: "), "{said}");
    assert!(warning[0].contains(".standin-cache"), "{said}");
    assert!(
        warning[0].ends_with("; the next build will be a full one"),
        "{said}"
    );
    assert!(std::fs::read(out.join("index.html")).is_ok());
    // Nothing to skip with: the next build is a full one, and says so again.
    let again = build(&site, &out, &[]);
    assert!(!stdout(&again).contains("nothing it reads had changed"));
    assert!(stderr(&again).contains("cannot write the build cache"));
}

#[test]
fn a_cache_file_that_cannot_be_replaced_leaves_no_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    let site = site_with_warnings(dir.path(), 1, 0);
    let out = dir.path().join("out");
    build(&site, &out, &[]);
    let cache = site.join(".standin-cache");
    let stamp = files(&cache)
        .into_iter()
        .map(|(name, _)| name)
        .find(|name| name.starts_with("build-"))
        .expect("a build stamp");
    // A folder that is not empty where the stamp goes: its temp file is
    // written, and renaming it over the folder fails.
    std::fs::remove_file(cache.join(&stamp)).unwrap();
    std::fs::create_dir(cache.join(&stamp)).unwrap();
    std::fs::write(cache.join(&stamp).join("keep"), "x").unwrap();
    // A temp file a crashed build left (no process has this id); whether
    // its process is gone is known where `/proc` says.
    if cfg!(target_os = "linux") {
        let crashed = stamp.replace(".bin", ".tmp-4294967295");
        std::fs::write(cache.join(&crashed), "half a stamp").unwrap();
    }
    std::fs::write(site.join("wraps/2026/11/20/bo-1100.md"), NEW_WRAP).unwrap();

    let built = build(&site, &out, &[]);
    assert!(
        stderr(&built).contains(&format!("{stamp}: ")),
        "{}",
        stderr(&built)
    );
    let left: Vec<String> = files(&cache).into_iter().map(|(name, _)| name).collect();
    assert!(
        left.iter().all(|name| !name.contains(".tmp-")),
        "temp files left: {left:?}"
    );
}

const NEW_WRAP: &str = "+++\nauthor = \"bo\"\ndate = 2026-11-20T11:00:00Z\nteam = \"ops\"\nsummary = \"More.\"\n+++\nBody.\n";
