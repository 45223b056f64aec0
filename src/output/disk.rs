//! What is on disk in the output directory, and the file-system moves the
//! output stage makes there without ever following a symlink.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::path::STAGING_PREFIX;
use serde::{Deserialize, Serialize};

/// A file's identity on disk, as far as "did anyone touch it" goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Stamp {
    pub len: u64,
    pub modified_ns: i128,
    pub inode: u64,
}

impl Stamp {
    pub(crate) fn of(meta: &fs::Metadata) -> Stamp {
        let modified_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i128);
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(meta);
        #[cfg(not(unix))]
        let inode = 0;
        Stamp {
            len: meta.len(),
            modified_ns,
            inode,
        }
    }
}

/// What is in the output directory before the build.
#[derive(Debug, Default)]
pub(super) struct Existing {
    /// Plain files, by output path.
    pub(super) files: HashMap<String, Stamp>,
    /// Real folders (not symlinks), by output path.
    pub(super) dirs: Vec<String>,
    /// Anything else (symlinks, sockets, names that are not UTF-8): never
    /// part of a site, always removed.
    pub(super) foreign: Vec<(PathBuf, bool)>,
    /// Staging folders of builds that did not finish.
    pub(super) leftovers: Vec<PathBuf>,
}

/// Walks the output directory without following symlinks.
pub(super) fn survey(root: &Path) -> io::Result<Existing> {
    let mut existing = Existing::default();
    let mut walker = WalkDir::new(root).min_depth(1).into_iter();
    while let Some(entry) = walker.next() {
        let entry = entry.map_err(io::Error::from)?;
        let kind = entry.file_type();
        let relative = entry
            .path()
            .strip_prefix(root)
            .ok()
            .and_then(Path::to_str)
            .map(|r| r.replace('\\', "/"));
        let is_leftover = entry.depth() == 1
            && entry
                .file_name()
                .to_str()
                .is_some_and(|n| n.starts_with(STAGING_PREFIX));
        match relative {
            _ if is_leftover => existing.leftovers.push(entry.path().to_path_buf()),
            Some(relative) if kind.is_dir() => {
                existing.dirs.push(relative);
                continue;
            }
            Some(relative) if kind.is_file() => {
                existing.files.insert(
                    relative,
                    Stamp::of(&entry.metadata().map_err(io::Error::from)?),
                );
                continue;
            }
            _ => existing
                .foreign
                .push((entry.path().to_path_buf(), kind.is_dir())),
        }
        if kind.is_dir() {
            walker.skip_current_dir();
        }
    }
    Ok(existing)
}

/// Whether a non-empty directory without a hint is an earlier standin
/// output: its home page names standin as generator, or it has the marker
/// file of standin versions before 0.2.
pub(super) fn looks_like_standin_output(root: &Path) -> bool {
    if fs::symlink_metadata(root.join(".standin-output")).is_ok_and(|m| m.is_file()) {
        return true;
    }
    let Ok(meta) = fs::symlink_metadata(root.join("index.html")) else {
        return false;
    };
    if !meta.is_file() {
        return false;
    }
    use std::io::Read;
    let mut head = Vec::new();
    fs::File::open(root.join("index.html"))
        .and_then(|f| f.take(8192).read_to_end(&mut head))
        .is_ok_and(|_| {
            String::from_utf8_lossy(&head).contains("<meta name=\"generator\" content=\"standin ")
        })
}

/// Makes `dir` a real folder: creates it, or replaces a file or symlink
/// standing where it goes (never following the symlink).
pub(super) fn make_real_dir(dir: &Path) -> io::Result<()> {
    match fs::create_dir(dir) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
            let meta = fs::symlink_metadata(dir)?;
            if meta.is_dir() {
                return Ok(());
            }
            fs::remove_file(dir)?;
            fs::create_dir(dir)
        }
        Err(error) => Err(error),
    }
}

pub(super) fn is_gone(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
    )
}

pub(super) fn remove_any(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(error) => Err(error),
    }
}
