//! Parsed files kept between builds (for `serve`), so that a rebuild
//! re-reads only what changed: the files the watcher names, or, when it
//! cannot say, the files whose length or modification time moved.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;

use super::{Content, DecisionRecord, Wrap};
use crate::config::Config;
use crate::diagnostics::Diagnostics;
use crate::fingerprint::fingerprint;
use crate::layout::{DECISIONS_DIR, SiteDir, WRAPS_DIR, is_ignored_name};

/// One parsed file and what it was parsed from.
struct CachedFile<T> {
    stamp: Option<(u64, SystemTime)>,
    parsed: Option<Arc<T>>,
    diagnostics: Diagnostics,
}

/// The parse results of a site's wraps and decision records.
#[derive(Default)]
pub(crate) struct ContentCache {
    /// The config the entries were parsed with; they depend on it (zone,
    /// teams, secrets allowed, HTML trust).
    config: Option<u64>,
    wraps: BTreeMap<String, CachedFile<Wrap>>,
    records: BTreeMap<String, CachedFile<DecisionRecord>>,
}

/// What changed since the last load, as far as anyone knows.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Changes<'a> {
    /// Unknown: compare every file's length and modification time.
    Unknown,
    /// Exactly these site-relative paths (files or directories).
    Paths(&'a [String]),
}

impl ContentCache {
    /// Loads the site's content, re-parsing only what changed. The result
    /// equals what [`super::load`] would return.
    pub(crate) fn load(
        &mut self,
        site: &SiteDir,
        config: &Config,
        changes: Changes,
        diagnostics: &mut Diagnostics,
    ) -> Content {
        let config_print = fingerprint(config.source.text.as_bytes());
        let mut changes = changes;
        if self.config != Some(config_print) {
            self.wraps.clear();
            self.records.clear();
            self.config = Some(config_print);
            changes = Changes::Unknown;
        }
        match changes {
            Changes::Paths(paths) if paths.iter().all(|p| self.is_attributable(site, p)) => {
                let wraps: Vec<&String> = paths
                    .iter()
                    .filter(|p| is_markdown_under(p, WRAPS_DIR))
                    .collect();
                let records: Vec<&String> = paths
                    .iter()
                    .filter(|p| is_markdown_under(p, DECISIONS_DIR))
                    .collect();
                refresh(&mut self.wraps, site, &wraps, |file, d| {
                    Wrap::parse(file, config, d)
                });
                refresh(&mut self.records, site, &records, |file, d| {
                    DecisionRecord::parse(file, config, d)
                });
            }
            _ => {
                let wraps = site.markdown_under(WRAPS_DIR, diagnostics);
                let records = site.markdown_under(DECISIONS_DIR, diagnostics);
                rescan(&mut self.wraps, site, &wraps, |file, d| {
                    Wrap::parse(file, config, d)
                });
                rescan(&mut self.records, site, &records, |file, d| {
                    DecisionRecord::parse(file, config, d)
                });
            }
        }
        let mut content = Content {
            complete: self.wraps.values().all(|e| e.parsed.is_some())
                && self.records.values().all(|e| e.parsed.is_some()),
            ..Content::default()
        };
        for entry in self.wraps.values() {
            diagnostics.extend(entry.diagnostics.iter().cloned());
            content.wraps.extend(entry.parsed.clone());
        }
        for entry in self.records.values() {
            diagnostics.extend(entry.diagnostics.iter().cloned());
            content.records.extend(entry.parsed.clone());
        }
        content
    }
}

impl ContentCache {
    /// Whether the change at `path` is known without a rescan: a Markdown
    /// file (re-read or dropped), or something that cannot hold content —
    /// outside the content folders, or a plain file that is not Markdown (an
    /// editor's temporary file), or a vanished path with nothing cached
    /// below it. A directory, or a vanished one that held wraps, is not.
    fn is_attributable(&self, site: &SiteDir, path: &str) -> bool {
        if is_markdown_under(path, WRAPS_DIR)
            || is_markdown_under(path, DECISIONS_DIR)
            || !touches_content(path)
        {
            return true;
        }
        let full = site.root.join(path);
        if full.is_dir() {
            return false;
        }
        if full.exists() {
            return true;
        }
        let prefix = format!("{path}/");
        !self
            .wraps
            .keys()
            .chain(self.records.keys())
            .any(|k| k.starts_with(&prefix))
    }
}

/// Whether a site-relative path is a Markdown file under `dir`.
fn is_markdown_under(path: &str, dir: &str) -> bool {
    path.strip_prefix(dir)
        .is_some_and(|rest| rest.starts_with('/'))
        && path.ends_with(".md")
        && !path.split('/').any(is_ignored_name)
}

/// Whether a change at `path` could add, remove or change content.
fn touches_content(path: &str) -> bool {
    let first = path.split('/').next().unwrap_or("");
    first == WRAPS_DIR || first == DECISIONS_DIR
}

fn stamp(path: &Path) -> Option<(u64, SystemTime)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

fn parse_one<T>(
    site: &SiteDir,
    relative: &str,
    parse: &(impl Fn(crate::diagnostics::SourceFile, &mut Diagnostics) -> Option<T> + Sync),
) -> CachedFile<T> {
    let path = site.root.join(relative);
    let mut diagnostics = Diagnostics::new();
    let stamp = stamp(&path);
    let parsed = site
        .read_source(&path, &mut diagnostics)
        .and_then(|file| parse(file, &mut diagnostics))
        .map(Arc::new);
    CachedFile {
        stamp,
        parsed,
        diagnostics,
    }
}

/// Re-parses the named files; drops those that are gone.
fn refresh<T: Send + Sync>(
    entries: &mut BTreeMap<String, CachedFile<T>>,
    site: &SiteDir,
    paths: &[&String],
    parse: impl Fn(crate::diagnostics::SourceFile, &mut Diagnostics) -> Option<T> + Sync,
) {
    for relative in paths {
        let path = site.root.join(relative.as_str());
        // A watcher reports any path; only plain files of the site are read.
        if path.is_file() && site.is_plain_path(&path) {
            entries.insert((*relative).clone(), parse_one(site, relative, &parse));
        } else {
            entries.remove(relative.as_str());
        }
    }
}

/// Makes the entries match `files` (a full listing), re-parsing in
/// parallel only files whose length or modification time changed.
fn rescan<T: Send + Sync>(
    entries: &mut BTreeMap<String, CachedFile<T>>,
    site: &SiteDir,
    files: &[std::path::PathBuf],
    parse: impl Fn(crate::diagnostics::SourceFile, &mut Diagnostics) -> Option<T> + Sync,
) {
    let relative: Vec<String> = files.iter().map(|p| site.relative(p)).collect();
    let stale: Vec<&String> = relative
        .par_iter()
        .filter(|r| {
            entries
                .get(r.as_str())
                .is_none_or(|e| e.stamp.is_none() || e.stamp != stamp(&site.root.join(r.as_str())))
        })
        .collect();
    let fresh: Vec<(String, CachedFile<T>)> = stale
        .into_par_iter()
        .map(|r| (r.clone(), parse_one(site, r, &parse)))
        .collect();
    let keep: std::collections::BTreeSet<&String> = relative.iter().collect();
    entries.retain(|k, _| keep.contains(k));
    entries.extend(fresh);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_paths() {
        assert!(is_markdown_under("wraps/2026/11/20/ana.md", WRAPS_DIR));
        assert!(!is_markdown_under(
            "wraps/2026/11/20/.ana.md.swp",
            WRAPS_DIR
        ));
        assert!(!is_markdown_under("wrapsx/a.md", WRAPS_DIR));
        assert!(!is_markdown_under("wraps/2026", WRAPS_DIR));
        assert!(touches_content("wraps/2026"));
        assert!(!touches_content("templates/base.html"));
    }
}
