//! The content stage: find the site's files, read them, parse each on its
//! own (in parallel). Nothing here looks across files; that is the ledger's.

mod cache;
pub mod datetime;
pub mod decision;
pub mod decision_record;
pub mod front_matter;
pub mod illegal_chars;
pub mod markdown;
pub mod risk;
pub mod secrets;
mod shared_keys;
pub mod tag_filter;
pub mod wrap;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use walkdir::WalkDir;

use crate::config::{Config, SiteDir};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceFile};
pub use cache::{Cache, Changes};
pub use decision_record::DecisionRecord;
pub use wrap::Wrap;

/// Where wraps live in a site.
pub const WRAPS_DIR: &str = "wraps";
/// Where long-form decision records live in a site.
pub const DECISIONS_DIR: &str = "decisions";

/// Everything parsed from a site's files.
#[derive(Debug, Default)]
pub struct Content {
    /// Every wrap, drafts included, in path order. Shared, so a cache can
    /// keep them between builds.
    pub wraps: Vec<Arc<Wrap>>,
    /// Every decision record, in path order.
    pub records: Vec<Arc<DecisionRecord>>,
    /// False when some file could not be parsed at all; the ledger then
    /// holds back "unknown id" errors that may only be echoes of it.
    pub complete: bool,
}

/// Reads and parses every wrap and decision record of a site, in parallel.
pub fn load(site: &SiteDir, config: &Config) -> (Content, Diagnostics) {
    Cache::default().load(site, config, Changes::Unknown)
}

/// The Markdown files under `site/<dir>`, sorted, skipping hidden files and
/// editor leftovers. A missing directory is simply empty.
pub fn find_markdown(site: &SiteDir, dir: &str, d: &mut Diagnostics) -> Vec<PathBuf> {
    let root = site.root.join(dir);
    if !root.is_dir() {
        return Vec::new();
    }
    let mut files = Vec::new();
    let walker = WalkDir::new(&root)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                if entry.path().extension().is_some_and(|e| e == "md") {
                    files.push(entry.into_path());
                }
            }
            Ok(_) => {}
            Err(error) => {
                let path = error
                    .path()
                    .map(|p| site.display_path(p))
                    .unwrap_or_default();
                d.push(
                    Diagnostic::new(Code::ReadFailed, format!("cannot read {path}: {error}"))
                        .at_path(path),
                );
            }
        }
    }
    files
}

/// Hidden files, and the swap, backup and lock files editors leave behind.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
}

/// Reads a file as UTF-8 text (a leading BOM is dropped).
pub fn read_source(site: &SiteDir, path: &Path, d: &mut Diagnostics) -> Option<SourceFile> {
    let display = site.display_path(path);
    let site_path = site.relative(path);
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            d.push(
                Diagnostic::new(Code::ReadFailed, format!("cannot read {display}: {error}"))
                    .at_path(display),
            );
            return None;
        }
    };
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(SourceFile::in_site(display, site_path, text)),
        Err(error) => {
            let at = error.valid_up_to();
            let lossy = String::from_utf8_lossy(bytes).into_owned();
            let file = SourceFile::in_site(display, site_path, lossy);
            let (line, column) = file.line_column(at);
            d.push(
                Diagnostic::new(
                    Code::NotUtf8,
                    format!(
                        "this file is not UTF-8 (invalid byte at line {line}, column {column})"
                    ),
                )
                .at(&file, at..at + 1)
                .with_help("save the file as UTF-8 in your editor"),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_editor_leftovers() {
        for name in [".ana.md.swp", "#ana.md#", "ana.md~", ".hidden", "4913.tmp"] {
            assert!(is_ignored_name(name), "{name}");
        }
        assert!(!is_ignored_name("ana-1742.md"));
    }
}
