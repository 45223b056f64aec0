//! The layout of a site directory: its folder and file names, how paths in
//! it are shown, and how its files are found and read.
//!
//! Every read of a site's files goes through here, because of one rule:
//! nothing outside the site is read or published through a symlink. A
//! symlinked `static/` would publish whatever it points at (`/etc`), and a
//! symlinked wrap would quote a foreign file in diagnostics (CI logs, PR
//! previews). Symlinks are skipped with a warning; a path written explicitly
//! in `standin.toml` is the config's business, not this module's.

mod reads;
mod tree;
mod walk;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};

use crate::diagnostics::{Accept, Code, Diagnostic, Diagnostics, SourceFile};
pub(crate) use reads::{FileStamp, Read, ReadLog, unchanged};
use reads::{Query, bytes_print, path_key, print};
pub(crate) use tree::Tree;

/// The config file at the root of a site.
pub(crate) const CONFIG_FILE: &str = "standin.toml";
/// Where wraps live.
pub(crate) const WRAPS_DIR: &str = "wraps";
/// Where long-form decision records live unless `[decisions] dirs` says
/// otherwise.
pub(crate) const DECISIONS_DIR: &str = "decisions";
/// Where teams conventionally keep decision records; read when
/// `[decisions] dirs` is not set.
pub(crate) const CONVENTIONAL_DECISION_DIRS: &[&str] = &["docs/decisions", "docs/adr", "doc/adr"];
/// adr-tools' file naming its folder of records.
pub(crate) const ADR_DIR_FILE: &str = ".adr-dir";
/// log4brains' config, naming its folders of records.
pub(crate) const LOG4BRAINS_FILE: &str = ".log4brains.yml";
/// Where a site keeps files to copy verbatim.
pub(crate) const STATIC_DIR: &str = "static";
/// Where a site keeps its template overrides.
pub(crate) const TEMPLATES_DIR: &str = "templates";
/// Where standin keeps what it remembers between builds (never published;
/// `standin init` names it in `.gitignore`).
pub(crate) const CACHE_DIR: &str = ".standin-cache";
/// The default output folder.
pub(crate) const OUTPUT_DIR: &str = "public";

/// What a new site's `.gitignore` holds: the build output and the cache.
pub(crate) fn gitignore() -> String {
    format!("# standin build output and its cache\n/{OUTPUT_DIR}/\n/{CACHE_DIR}/\n")
}

/// Where a new wrap goes (`standin new`, `standin init`), relative to the
/// site: `wraps/YYYY/MM/DD/<author>-<HHMM>.md` in the writer's own date
/// and time, with `-<n>` after it for the `n`th try (from 2) when taken.
pub(crate) fn new_wrap_path(author: &str, at: DateTime<FixedOffset>, n: usize) -> PathBuf {
    let stem = format!("{author}-{}", at.format("%H%M"));
    let name = if n > 1 {
        format!("{stem}-{n}.md")
    } else {
        format!("{stem}.md")
    };
    Path::new(WRAPS_DIR)
        .join(at.format("%Y/%m/%d").to_string())
        .join(name)
}

/// A site directory: where it is, and how to show paths in it the way
/// the user named it. With a [`ReadLog`], every look at the site is noted
/// in it (see [`reads`]).
#[derive(Debug, Clone)]
pub struct SiteDir {
    pub(crate) root: PathBuf,
    display: String,
    log: Option<Arc<ReadLog>>,
    /// Another revision's files, read in place of the folder's (see [`tree`]).
    tree: Option<Arc<Tree>>,
}

impl SiteDir {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        let display = root.to_string_lossy().replace('\\', "/");
        let display = display.trim_end_matches('/').to_string();
        Self {
            display: if display == "." {
                String::new()
            } else {
                display
            },
            root,
            log: None,
            tree: None,
        }
    }

    /// A site read from `root` whose paths are shown as `shown`'s are:
    /// the base revision of `standin diff`, checked out elsewhere, names
    /// its files as the work tree's, so the two sides' diagnostics compare.
    pub(crate) fn shown_as(root: impl Into<PathBuf>, shown: &SiteDir) -> Self {
        Self {
            root: root.into(),
            display: shown.display.clone(),
            log: None,
            tree: None,
        }
    }

    /// The same site, noting every look at it in a new log.
    pub(crate) fn with_log(&self) -> (SiteDir, Arc<ReadLog>) {
        let log = Arc::new(ReadLog::default());
        let site = SiteDir {
            log: Some(log.clone()),
            ..self.without_log()
        };
        (site, log)
    }

    /// The same site, noting nothing.
    pub(crate) fn without_log(&self) -> SiteDir {
        SiteDir {
            root: self.root.clone(),
            display: self.display.clone(),
            log: None,
            tree: self.tree.clone(),
        }
    }

    /// A path as a [`ReadLog`] keeps it, made whole again.
    fn at(&self, key: &str) -> PathBuf {
        self.root.join(key)
    }

    /// Notes a look at the site, if there is a log; the answer's
    /// fingerprint is only made then.
    fn note(&self, query: impl FnOnce() -> Option<Query>, answer: impl FnOnce() -> u64) {
        if let Some(log) = &self.log {
            log.note(query(), answer(), None);
        }
    }

    /// [`Self::note`] for a path.
    fn note_path(&self, make: fn(String) -> Query, path: &Path, answer: impl FnOnce() -> u64) {
        self.note(|| path_key(&self.root, path).map(make), answer);
    }

    /// A path inside the site as the user would type it.
    pub(crate) fn display_path(&self, path: &Path) -> String {
        let relative = path.strip_prefix(&self.root).unwrap_or(path);
        join_display(
            &self.display,
            &relative.to_string_lossy().replace('\\', "/"),
        )
    }

    /// The path of a file relative to the site root, with `/` separators.
    pub(crate) fn relative(&self, path: &Path) -> String {
        let relative = path.strip_prefix(&self.root).unwrap_or(path);
        relative.to_string_lossy().replace('\\', "/")
    }

    /// Every file under the site folder `dir` (a site-relative path),
    /// sorted, skipping hidden files and editor leftovers. Symlinks are
    /// skipped with a warning, the folder itself included. A missing folder
    /// is simply empty.
    pub(crate) fn files_under(&self, dir: &str, d: &mut Diagnostics) -> Vec<PathBuf> {
        let listing = self.look_files_under(dir);
        self.note(|| Some(Query::Files(dir.to_string())), || listing.print());
        d.extend(listing.problems);
        listing.files
    }

    /// What the site-relative folder `dir` is, looking at each folder it
    /// names on the way (`docs`, then `docs/adr`): one that is a symlink
    /// stops the way. Leading `..` (a folder standin.toml names outside
    /// the site) are taken as they are: above the site is the user's
    /// business, below the named folders nothing is followed.
    pub(crate) fn folder(&self, dir: &str) -> Folder {
        let folder = self.look_folder(dir);
        self.note(|| Some(Query::Folder(dir.to_string())), || print(&folder));
        folder
    }

    fn look_folder(&self, dir: &str) -> Folder {
        if let Some(tree) = &self.tree {
            return tree.folder(dir);
        }
        let mut at = self.root.clone();
        for part in dir.split('/').filter(|p| !p.is_empty() && *p != ".") {
            at.push(part);
            if part == ".." {
                continue;
            }
            match fs::symlink_metadata(&at) {
                Ok(meta) if meta.file_type().is_symlink() => return Folder::ThroughSymlink(at),
                Ok(_) => {}
                Err(_) => return Folder::Missing,
            }
        }
        if at.is_dir() {
            Folder::Plain
        } else {
            Folder::Missing
        }
    }

    /// The Markdown files under the site folder `dir`; see [`Self::files_under`].
    pub(crate) fn markdown_under(&self, dir: &str, d: &mut Diagnostics) -> Vec<PathBuf> {
        let mut files = self.files_under(dir, d);
        files.retain(|p| p.extension().is_some_and(|e| e == "md"));
        files
    }

    /// Whether `path` lies under the site root with no symlink on the way,
    /// itself included. For paths that did not come from [`Self::files_under`]
    /// (a watcher's report).
    pub(crate) fn is_plain_path(&self, path: &Path) -> bool {
        let plain = self.look_plain_path(path);
        self.note_path(Query::PlainPath, path, || print(&plain));
        plain
    }

    fn look_plain_path(&self, path: &Path) -> bool {
        let Ok(relative) = path.strip_prefix(&self.root) else {
            return false;
        };
        if self.tree.is_some() {
            // A tree read in place holds no symlink.
            return true;
        }
        let mut at = self.root.clone();
        for component in relative.components() {
            match component {
                std::path::Component::Normal(part) => at.push(part),
                _ => return false,
            }
            match fs::symlink_metadata(&at) {
                Ok(meta) if meta.file_type().is_symlink() => return false,
                Ok(_) => {}
                // A vanished path holds no symlink.
                Err(_) => return true,
            }
        }
        true
    }

    /// What is at `relative`, a `/`-separated path in the site without `.`
    /// or `..` (`""` is the site folder), looking at every folder on the
    /// way: nothing is followed through a symlink.
    pub(crate) fn entry_at(&self, relative: &str) -> Entry {
        let entry = self.look_entry(relative);
        self.note(
            || Some(Query::Entry(relative.to_string())),
            || print(&entry),
        );
        entry
    }

    fn look_entry(&self, relative: &str) -> Entry {
        if let Some(tree) = &self.tree {
            return tree.entry(relative);
        }
        let mut at = self.root.clone();
        for part in relative.split('/').filter(|p| !p.is_empty()) {
            at.push(part);
            match fs::symlink_metadata(&at) {
                Ok(meta) if meta.file_type().is_symlink() => return Entry::Symlink,
                Ok(_) => {}
                Err(_) => return Entry::Missing,
            }
        }
        match fs::metadata(&at) {
            Ok(meta) if meta.is_file() => Entry::File,
            Ok(meta) if meta.is_dir() => Entry::Folder,
            _ => Entry::Missing,
        }
    }

    /// The names in the site folder `relative` (see [`Self::entry_at`]),
    /// sorted, without hidden files and editor leftovers; empty when it is
    /// no folder.
    pub(crate) fn names_in(&self, relative: &str) -> Vec<String> {
        let names = self.look_names(relative);
        self.note(
            || Some(Query::Names(relative.to_string())),
            || print(&names),
        );
        names
    }

    fn look_names(&self, relative: &str) -> Vec<String> {
        if let Some(tree) = &self.tree {
            return tree.names_in(relative);
        }
        if self.look_entry(relative) != Entry::Folder {
            return Vec::new();
        }
        let Ok(entries) = fs::read_dir(self.root.join(relative)) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|name| !is_ignored_name(name))
            .collect();
        names.sort();
        names
    }

    /// Reads a file's bytes, unless it is a symlink (skipped with a
    /// warning). `path` comes from [`Self::files_under`] or passed
    /// [`Self::is_plain_path`], so only the file itself needs a look.
    pub(crate) fn read_bytes(&self, path: &Path, d: &mut Diagnostics) -> Option<Vec<u8>> {
        let display = self.display_path(path);
        let (result, stamp) = self.look_bytes(path);
        if let Some(log) = &self.log {
            log.note(
                path_key(&self.root, path).map(Query::File),
                bytes_print(&result),
                stamp,
            );
        }
        match result {
            Ok(Some(bytes)) => Some(bytes),
            Ok(None) => {
                d.push(self.skipped_symlink(path));
                None
            }
            Err(error) => {
                d.push(
                    Diagnostic::new(Code::ReadFailed, format!("cannot read {display}: {error}"))
                        .at_path(display),
                );
                None
            }
        }
    }

    /// A file's bytes (`None`: a symlink, not read), and its metadata
    /// from just before reading.
    fn look_bytes(&self, path: &Path) -> (io::Result<Option<Vec<u8>>>, Option<FileStamp>) {
        if let Some(tree) = &self.tree {
            return (self.tree_bytes(tree, path).map(Some), None);
        }
        match fs::symlink_metadata(path) {
            Ok(meta) if meta.file_type().is_symlink() => (Ok(None), None),
            Ok(meta) => (fs::read(path).map(Some), Some(FileStamp::of(&meta))),
            Err(error) => (Err(error), None),
        }
    }

    /// Reads a file the config names, following symlinks (see the module
    /// doc: an explicit path is the config's business).
    pub(crate) fn read_followed(&self, path: &Path) -> io::Result<Vec<u8>> {
        let result = if let Some(tree) = &self.tree {
            self.tree_bytes(tree, path).map(Some)
        } else {
            fs::read(path).map(Some)
        };
        self.note_path(Query::FileFollowed, path, || bytes_print(&result));
        result.map(|bytes| bytes.unwrap_or_default())
    }

    /// Whether anything (a symlink included) is at `path`.
    pub(crate) fn exists_no_follow(&self, path: &Path) -> bool {
        let exists = match (&self.tree, self.tree_key(path)) {
            (Some(tree), Some(key)) => tree.entry(&key) != Entry::Missing,
            _ => fs::symlink_metadata(path).is_ok(),
        };
        self.note_path(Query::Exists, path, || print(&exists));
        exists
    }

    /// Reads one of standin's own files as UTF-8 text (a leading BOM is
    /// dropped); see [`Self::read_bytes`].
    pub(crate) fn read_source(&self, path: &Path, d: &mut Diagnostics) -> Option<SourceFile> {
        self.read_source_as(path, Accept::Utf8, d)
    }

    /// Reads a file as text in the encodings `accept` allows; see
    /// [`Self::read_bytes`].
    pub(crate) fn read_source_as(
        &self,
        path: &Path,
        accept: Accept,
        d: &mut Diagnostics,
    ) -> Option<SourceFile> {
        let bytes = self.read_bytes(path, d)?;
        SourceFile::decode_as(
            self.display_path(path),
            self.relative(path),
            &bytes,
            accept,
            d,
        )
    }

    fn skipped_symlink(&self, path: &Path) -> Diagnostic {
        let display = self.display_path(path);
        Diagnostic::new(
            Code::SkippedSymlink,
            format!(
                "skipped {display}: it is a symlink, and standin reads nothing through symlinks"
            ),
        )
        .at_path(display)
        .with_help("put the file itself in the site (symlinks could publish files from outside it)")
    }
}

/// What a folder of the site is, as [`SiteDir::folder`] finds it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Folder {
    /// A folder reached without a symlink.
    Plain,
    /// Nothing there, or not a folder.
    Missing,
    /// This path on the way is a symlink.
    ThroughSymlink(PathBuf),
}

/// What a path in the site names, as [`SiteDir::entry_at`] finds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Entry {
    File,
    Folder,
    /// Nothing, or something that is neither a file nor a folder.
    Missing,
    /// A symlink, itself or a folder on the way.
    Symlink,
}

/// The site to work on when the user named none: the nearest folder with a
/// `standin.toml`, from `start` up, as cargo and git find their roots. The
/// path is relative to `start` (`.`, `..`, `../..`), so diagnostics show
/// paths that work from where the command was run. `None` when no folder
/// up to the file system's root has one.
pub(crate) fn discover(start: &Path) -> Option<PathBuf> {
    let absolute = start.canonicalize().ok()?;
    let levels = absolute
        .ancestors()
        .position(|dir| dir.join(CONFIG_FILE).is_file())?;
    Some(match levels {
        0 => PathBuf::from("."),
        n => std::iter::repeat_n("..", n).collect(),
    })
}

/// Hidden files, and the swap, backup and lock files editors leave behind.
pub(crate) fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
}

/// Joins a display directory and a relative path the way a user typed it
/// (`wraps/a.md` for the current directory, `site/wraps/a.md` otherwise).
pub(crate) fn join_display(dir: &str, relative: &str) -> String {
    if dir.is_empty() || dir == "." {
        relative.to_string()
    } else {
        format!("{}/{relative}", dir.trim_end_matches('/'))
    }
}

#[cfg(test)]
mod tests;
