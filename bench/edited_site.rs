//! A copy of a site for a benchmark to edit, leaving the original as it
//! was, and how edits are reported (shared by the `serve-*` benchmarks).

use std::path::{Path, PathBuf};
use std::time::Duration;

/// Copies the site at `from` to `to`, without a `public/` output folder.
pub fn copy(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else if !entry.path().components().any(|c| c.as_os_str() == "public") {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The site's wraps, in path order (so in time order).
pub fn wraps(root: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(root.join("wraps"))
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect()
}

/// `wrap`'s path inside the site at `root`, as standin names it.
pub fn site_path(root: &Path, wrap: &Path) -> String {
    wrap.strip_prefix(root)
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/")
}

/// `best …, median …, worst …` of `times`.
pub fn stats(mut times: Vec<Duration>) -> String {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    format!(
        "best {:.0} ms, median {:.0} ms, worst {:.0} ms",
        ms(times[0]),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1])
    )
}
