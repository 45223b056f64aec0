//! Copies a site for a benchmark to edit, leaving the original as it was
//! (shared by the `serve-*` benchmarks).

use std::path::Path;

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
