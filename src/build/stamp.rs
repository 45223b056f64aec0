//! An unchanged build, recognised without building it. After a build
//! commits, its stamp keeps what it read from the site (see
//! [`crate::site_dir::ReadLog`]), how standin was invoked, and what the
//! build said (its summary and diagnostics). The next build into the same
//! output whose invocation is the same, whose every read gets the same
//! answer, and whose output is exactly as committed, would write the same
//! bytes: it says again what the last one said and writes nothing.
//!
//! Like the output hint, a stamp only ever saves work: one that does not
//! decode, or belongs to another binary, is ignored, and it is removed
//! before any build that does write, so an interrupted build never leaves
//! a stamp that vouches for an output it changed.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use super::BuildOptions;
use crate::cache;
use crate::diagnostics::Diagnostics;
use crate::site_dir::{FileStamp, Read, SiteDir, unchanged};

/// Bumped whenever the encoding changes; other versions are ignored.
/// 2: diagnostics keep each file they point into once.
const VERSION: u32 = 2;

/// What a build's output depends on besides the site's files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Invocation {
    /// The standin binary: its version, and its length, times and inode
    /// (a rebuilt standin of the same version renders differently).
    standin: (String, Option<FileStamp>),
    /// The site as named (diagnostics show paths that way) and canonical.
    site: (String, Option<String>),
    base_url: Option<String>,
    as_of: String,
    /// The canonical output directory.
    output: String,
}

/// What a successful build reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Summary {
    pub wraps: usize,
    pub briefs: usize,
    pub decisions: usize,
    pub risks: usize,
    pub pages: usize,
    /// Every file of the site.
    pub files: usize,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    version: u32,
    invocation: Invocation,
    /// When the reads had all been made (ns since the epoch).
    read_at_ns: i128,
    reads: Vec<Read>,
    summary: Summary,
    diagnostics: Diagnostics,
}

/// The stamp of builds of one site into one output.
pub(super) struct Stamp {
    /// Where it is kept: beside the output hint, in the site's cache.
    file: PathBuf,
    invocation: Invocation,
}

impl Stamp {
    pub(super) fn new(cache_dir: &Path, options: &BuildOptions, output: &Path) -> Stamp {
        let output = output.to_string_lossy().into_owned();
        let file = cache::path(cache_dir, "build", &output);
        let site = &options.site.root;
        let invocation = Invocation {
            standin: (env!("CARGO_PKG_VERSION").to_string(), binary_identity()),
            site: (
                site.to_string_lossy().into_owned(),
                site.canonicalize()
                    .ok()
                    .map(|p| p.to_string_lossy().into_owned()),
            ),
            base_url: options.base_url.clone(),
            as_of: format!("{:?}", options.as_of),
            output,
        };
        Stamp { file, invocation }
    }

    /// What the last build said, if it was invoked the same way and
    /// nothing it read has changed since. The output is the caller's to
    /// check.
    pub(super) fn unchanged(&self, site: &SiteDir) -> Option<(Summary, Diagnostics)> {
        let stored: Stored = cache::read(&self.file)?;
        let same = stored.version == VERSION
            && stored.invocation == self.invocation
            && unchanged(site, &stored.reads, stored.read_at_ns);
        same.then_some((stored.summary, stored.diagnostics))
    }

    /// Removes the stamp: the output is about to change.
    pub(super) fn forget(&self) {
        let _ = fs::remove_file(&self.file);
    }

    /// Keeps the stamp of a build that committed. Failing to keep it only
    /// costs the next build its shortcut: the caller says so and carries on.
    pub(super) fn store(
        &self,
        reads: Vec<Read>,
        read_at: SystemTime,
        summary: Summary,
        diagnostics: &Diagnostics,
    ) -> Result<(), cache::Unwritten> {
        let stored = Stored {
            version: VERSION,
            invocation: self.invocation.clone(),
            read_at_ns: nanos(read_at),
            reads,
            summary,
            diagnostics: diagnostics.clone(),
        };
        cache::write(&self.file, &stored)
    }
}

fn nanos(at: SystemTime) -> i128 {
    at.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i128)
}

/// The running binary's length, times and inode.
fn binary_identity() -> Option<FileStamp> {
    let meta = fs::metadata(std::env::current_exe().ok()?).ok()?;
    Some(FileStamp::of(&meta))
}
