//! Parsed files kept between builds (for `serve`), so that a rebuild
//! re-reads only what changed: the files the watcher names, or, when it
//! cannot say, the files whose length or modification time moved.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;

use super::decision_record::other_tools::is_record_name;
use super::{Content, DecisionRecord, Wrap};
use crate::config::{Config, DecisionDir};
use crate::diagnostics::{Accept, Diagnostics, SourceFile};
use crate::fingerprint::fingerprint;
use crate::site_dir::{SiteDir, WRAPS_DIR, is_ignored_name};

/// Wraps are standin's own format: UTF-8 only, and a wrap read again for
/// its page is read the same way (see `WrapFile`).
const WRAPS: Accept = Accept::Utf8;
/// Decision records are other tools' too: Windows editors save them as
/// UTF-16, with a byte order mark.
const RECORDS: Accept = Accept::Utf8OrUtf16;

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
        // Discovered folders depend on files beside the config, not on it.
        let config_print =
            fingerprint(format!("{}{:?}", config.source.text, config.decisions.dirs).as_bytes());
        let dirs = &config.decisions.dirs;
        let mut changes = changes;
        let parse_wrap = |file: SourceFile, path: &Path, d: &mut Diagnostics| {
            // Text that is not on disk (another revision's) cannot be read
            // again for diagnostics: it is kept.
            let kept = (!site.is_on_disk(path)).then(|| file.clone());
            let mut wrap = Wrap::parse(file, path, config, d)?;
            if let Some(kept) = kept {
                wrap.file.keep_text(kept);
            }
            Some(wrap)
        };
        if self.config != Some(config_print) {
            self.wraps.clear();
            self.records.clear();
            self.config = Some(config_print);
            changes = Changes::Unknown;
        }
        match changes {
            Changes::Paths(paths) if paths.iter().all(|p| self.is_attributable(site, dirs, p)) => {
                let wraps: Vec<&String> = paths
                    .iter()
                    .filter(|p| is_markdown_under(p, WRAPS_DIR))
                    .collect();
                let records: Vec<&String> =
                    paths.iter().filter(|p| is_record_path(dirs, p)).collect();
                refresh(&mut self.wraps, site, &wraps, WRAPS, parse_wrap);
                refresh(&mut self.records, site, &records, RECORDS, |file, _, d| {
                    parse_record(file, config, d)
                });
            }
            _ => {
                let wraps = site.markdown_under(WRAPS_DIR, diagnostics);
                let records = record_files(site, dirs, diagnostics);
                rescan(&mut self.wraps, site, &wraps, WRAPS, parse_wrap);
                rescan(&mut self.records, site, &records, RECORDS, |file, _, d| {
                    parse_record(file, config, d)
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
    fn is_attributable(&self, site: &SiteDir, dirs: &[DecisionDir], path: &str) -> bool {
        if is_markdown_under(path, WRAPS_DIR)
            || is_record_path(dirs, path)
            || !touches_content(dirs, path)
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
        .and_then(|rest| rest.strip_prefix('/'))
        .is_some_and(|rest| !rest.split('/').any(is_ignored_name))
        && path.ends_with(".md")
}

/// The decision folder a site-relative path lies in: the innermost one
/// when folders nest (a log4brains package inside `docs/adr`).
fn folder_of<'a>(dirs: &'a [DecisionDir], path: &str) -> Option<&'a DecisionDir> {
    dirs.iter()
        .filter(|d| {
            path.strip_prefix(d.path.as_str())
                .is_some_and(|rest| rest.starts_with('/'))
        })
        .max_by_key(|d| d.path.len())
}

/// Whether a site-relative path is a record file of a decision folder.
fn is_record_path(dirs: &[DecisionDir], path: &str) -> bool {
    folder_of(dirs, path).is_some_and(|dir| is_markdown_under(path, &dir.path))
        && is_record_name(path.rsplit('/').next().unwrap_or(path))
}

/// Every record file of the decision folders, in path order, each once.
fn record_files(site: &SiteDir, dirs: &[DecisionDir], d: &mut Diagnostics) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = dirs
        .iter()
        .flat_map(|dir| site.markdown_under(&dir.path, d))
        .filter(|p| is_record_path(dirs, &site.relative(p)))
        .collect();
    files.sort();
    files.dedup();
    files
}

/// Parses a record with the folder it lies in.
fn parse_record(file: SourceFile, config: &Config, d: &mut Diagnostics) -> Option<DecisionRecord> {
    let dir = folder_of(&config.decisions.dirs, &file.site_path)?.clone();
    DecisionRecord::parse(file, &dir, config, d)
}

/// Whether a change at `path` could add, remove or change content: it is
/// in, or holds, the wraps or a decision folder.
fn touches_content(dirs: &[DecisionDir], path: &str) -> bool {
    let related = |dir: &str| {
        path == dir
            || path.strip_prefix(dir).is_some_and(|r| r.starts_with('/'))
            || dir.strip_prefix(path).is_some_and(|r| r.starts_with('/'))
    };
    related(WRAPS_DIR) || dirs.iter().any(|d| related(&d.path))
}

fn stamp(path: &Path) -> Option<(u64, SystemTime)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

fn parse_one<T>(
    site: &SiteDir,
    relative: &str,
    accept: Accept,
    parse: &(impl Fn(SourceFile, &Path, &mut Diagnostics) -> Option<T> + Sync),
) -> CachedFile<T> {
    let path = site.root.join(relative);
    let mut diagnostics = Diagnostics::new();
    let stamp = stamp(&path);
    let parsed = site
        .read_source_as(&path, accept, &mut diagnostics)
        .and_then(|file| parse(file, &path, &mut diagnostics))
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
    accept: Accept,
    parse: impl Fn(SourceFile, &Path, &mut Diagnostics) -> Option<T> + Sync,
) {
    for relative in paths {
        let path = site.root.join(relative.as_str());
        // A watcher reports any path; only plain files of the site are read.
        if path.is_file() && site.is_plain_path(&path) {
            entries.insert(
                (*relative).clone(),
                parse_one(site, relative, accept, &parse),
            );
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
    accept: Accept,
    parse: impl Fn(SourceFile, &Path, &mut Diagnostics) -> Option<T> + Sync,
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
        .map(|r| (r.clone(), parse_one(site, r, accept, &parse)))
        .collect();
    let keep: std::collections::BTreeSet<&String> = relative.iter().collect();
    entries.retain(|k, _| keep.contains(k));
    entries.extend(fresh);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dirs() -> Vec<DecisionDir> {
        let config = "[decisions]\ndirs = [\"decisions\", \"docs/adr\", \"docs/adr/billing\"]\n";
        let mut d = Diagnostics::new();
        let config = Config::parse(SourceFile::new("standin.toml", config), &mut d).unwrap();
        config.decisions.dirs
    }

    #[test]
    fn classifies_paths() {
        let dirs = dirs();
        assert!(is_markdown_under("wraps/2026/11/20/ana.md", WRAPS_DIR));
        assert!(!is_markdown_under(
            "wraps/2026/11/20/.ana.md.swp",
            WRAPS_DIR
        ));
        assert!(!is_markdown_under("wrapsx/a.md", WRAPS_DIR));
        assert!(!is_markdown_under("wraps/2026", WRAPS_DIR));
        assert!(is_markdown_under("../docs/adr/a.md", "../docs/adr"));
        assert!(touches_content(&dirs, "wraps/2026"));
        assert!(touches_content(&dirs, "docs"));
        assert!(touches_content(&dirs, "docs/adr/img"));
        assert!(!touches_content(&dirs, "templates/base.html"));
        assert!(!touches_content(&dirs, "docs/guide.md"));
        assert!(is_record_path(&dirs, "docs/adr/0001-x.md"));
        assert!(!is_record_path(&dirs, "docs/adr/README.md"));
        assert!(!is_record_path(&dirs, "docs/adr/template.md"));
        assert!(!is_record_path(&dirs, "docs/adr/diagram.png"));
        assert_eq!(
            folder_of(&dirs, "docs/adr/billing/0001-x.md").map(|d| d.path.as_str()),
            Some("docs/adr/billing")
        );
    }
}
