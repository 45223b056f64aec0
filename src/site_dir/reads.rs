//! What a build read from the site, kept so that the next build can tell,
//! without parsing or rendering anything, whether any of it changed.
//!
//! Every look at the site goes through [`super::SiteDir`], so a build's
//! reads are exactly the questions it asked there and the answers it got:
//! which files a folder holds, what is at a path, what a file says. A read
//! is unchanged when asking again gets the same answer. For a file's
//! contents the answer is a fingerprint of its bytes; asking again means
//! reading it, unless its metadata (length, times, inode) is exactly as it
//! was when read and was already old then, as git trusts its index: a file
//! changed in the same instant as the build is always read again.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::SiteDir;
use crate::fingerprint::fingerprint;

/// How long after a file changed its metadata is trusted to say so:
/// generously more than the coarsest timestamp of the file systems a site
/// lives on (FAT keeps 2 s).
const SETTLED_NS: i128 = 3_000_000_000;

/// One question asked of the site. Paths are site-relative (`wraps`,
/// `../docs/adr`) or, outside the site, absolute.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub(crate) enum Query {
    /// The files under a folder ([`SiteDir::files_under`]).
    Files(String),
    /// What a folder is ([`SiteDir::folder`]).
    Folder(String),
    /// What is at a path ([`SiteDir::entry_at`]).
    Entry(String),
    /// The names in a folder ([`SiteDir::names_in`]).
    Names(String),
    /// Whether a path has no symlink on the way ([`SiteDir::is_plain_path`]).
    PlainPath(String),
    /// Whether anything is at a path, symlinks not followed.
    Exists(String),
    /// A file's bytes, symlinks refused ([`SiteDir::read_bytes`]).
    File(String),
    /// A file's bytes as the system reads them (the config).
    FileFollowed(String),
}

/// A file's metadata as far as "did anyone touch it" goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct FileStamp {
    len: u64,
    modified_ns: i128,
    /// When the inode last changed (unix `ctime`): moves on every write
    /// and rename, and no tool sets it back.
    changed_ns: i128,
    inode: u64,
}

impl FileStamp {
    pub(crate) fn of(meta: &std::fs::Metadata) -> FileStamp {
        let modified_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i128);
        #[cfg(unix)]
        let (changed_ns, inode) = {
            use std::os::unix::fs::MetadataExt;
            (
                i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()),
                meta.ino(),
            )
        };
        // Without an inode change time, the modification time stands in.
        #[cfg(not(unix))]
        let (changed_ns, inode) = (modified_ns, 0);
        FileStamp {
            len: meta.len(),
            modified_ns,
            changed_ns,
            inode,
        }
    }
}

/// A question and the fingerprint of its answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Read {
    query: Query,
    answer: u64,
    /// For a file read: its metadata just before it was read.
    stamp: Option<FileStamp>,
}

/// The reads of one build, noted from any thread.
#[derive(Debug, Default)]
pub(crate) struct ReadLog {
    reads: Mutex<Vec<Read>>,
    /// Set when a path could not be noted (not UTF-8): such a build's
    /// reads cannot be asked again, so it is never taken as unchanged.
    incomplete: AtomicBool,
}

impl ReadLog {
    pub(super) fn note(&self, query: Option<Query>, answer: u64, stamp: Option<FileStamp>) {
        let Some(query) = query else {
            self.incomplete.store(true, Ordering::Relaxed);
            return;
        };
        let read = Read {
            query,
            answer,
            stamp,
        };
        self.reads
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(read);
    }

    /// The reads, in a stable order and each once; `None` when some read
    /// could not be noted.
    pub(crate) fn finish(&self) -> Option<Vec<Read>> {
        if self.incomplete.load(Ordering::Relaxed) {
            return None;
        }
        let mut reads = std::mem::take(&mut *self.reads.lock().unwrap_or_else(|e| e.into_inner()));
        reads.sort_by(|a, b| (&a.query, a.answer).cmp(&(&b.query, b.answer)));
        reads.dedup_by(|a, b| a.query == b.query && a.answer == b.answer);
        Some(reads)
    }
}

/// Whether asking `site` every question of `reads` again gets the same
/// answers; `read_at_ns` is when those reads ended (for trusting file
/// metadata, see the module doc).
pub(crate) fn unchanged(site: &SiteDir, reads: &[Read], read_at_ns: i128) -> bool {
    let site = site.without_log();
    reads.par_iter().all(|read| {
        if let (Query::File(path), Some(stamp)) = (&read.query, read.stamp) {
            let settled = stamp.changed_ns + SETTLED_NS < read_at_ns
                && stamp.modified_ns + SETTLED_NS < read_at_ns;
            let meta = std::fs::symlink_metadata(site.at(path));
            if settled && meta.is_ok_and(|m| FileStamp::of(&m) == stamp) {
                return true;
            }
        }
        answer(&site, &read.query) == read.answer
    })
}

/// Asks `site` (without a log) one question again.
fn answer(site: &SiteDir, query: &Query) -> u64 {
    match query {
        Query::Files(dir) => site.look_files_under(dir).print(),
        Query::Folder(dir) => print(&site.look_folder(dir)),
        Query::Entry(path) => print(&site.look_entry(path)),
        Query::Names(path) => print(&site.look_names(path)),
        Query::PlainPath(path) => print(&site.look_plain_path(&site.at(path))),
        Query::Exists(path) => print(&std::fs::symlink_metadata(site.at(path)).is_ok()),
        Query::File(path) => bytes_print(&site.look_bytes(&site.at(path)).0),
        Query::FileFollowed(path) => {
            bytes_print(&std::fs::read(site.at(path)).map(Some::<Vec<u8>>))
        }
    }
}

/// The fingerprint of an answer. Not stable across standin releases, and
/// need not be: a build by another binary never counts as unchanged.
pub(super) fn print(value: &impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// The fingerprint of reading a file: its bytes, a refused symlink
/// (`Ok(None)`), or the kind of error.
pub(super) fn bytes_print<B: AsRef<[u8]>>(read: &std::io::Result<Option<B>>) -> u64 {
    match read {
        Ok(Some(bytes)) => fingerprint(bytes.as_ref()),
        Ok(None) => print(&"symlink"),
        Err(error) => print(&format!("{:?}", error.kind())),
    }
}

/// `path` as a log keeps it: relative to the site root when under it.
pub(super) fn path_key(root: &Path, path: &Path) -> Option<String> {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_str()
        .map(|s| s.replace('\\', "/"))
}
