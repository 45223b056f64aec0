//! What standin keeps between builds, and the files it keeps it in.
//!
//! The contract: everything kept only ever saves work. A build that finds
//! nothing kept, or something it cannot decode or trust, does the work and
//! produces the same bytes; so a cache is never a reason for an error, and
//! deleting `.standin-cache/` (or restarting `serve`) is always safe.
//!
//! | what | where | why | invalidated when |
//! |---|---|---|---|
//! | the output hint (`output::last_build`): each output file's fingerprint and metadata stamp | `.standin-cache/output-<fp>.bin`, per output directory | an unchanged file costs a metadata comparison, not a read | a file's length, modification time or inode differs from its entry (then its bytes are compared); the version or output path differs |
//! | the build stamp (`build::stamp`): what the last build read (`site_dir::reads`), how standin was invoked, what it said | `.standin-cache/build-<fp>.bin`, per output directory | an unchanged site builds in milliseconds and says again what it said | any read answers differently, the invocation or binary differs, or the output is not exactly as committed; removed before any build that writes |
//! | parsed wraps and records (`content::cache`) | `serve`'s memory | a rebuild parses only what changed | the watcher names the file, or its length or modification time moved; the config changed |
//! | the rows lists show of each wrap (`site::summaries::LineCache`) | `serve`'s memory | a rebuild formats only the rows of what changed | the wrap was parsed again, or its URL or counts changed; the config changed |
//! | the theme (`site::theme`) | `serve`'s memory | templates compile once | a file under `templates/` may have changed (or the watcher cannot say what did) |
//! | the last build's pages, made when asked for (`site::pages::on_demand`, `build::session`) | `serve`'s memory | the page a browser reloads is made first | every rebuild replaces it |
//!
//! Bodies are not kept: a wrap's HTML and text are made again from the file
//! when its page and search document are written (`Wrap::rendered_body`),
//! so that a 100,000-wrap site fits in memory; a file that changed in
//! between is error E029 rather than a page that disagrees with the ledger.
//!
//! The files in `.standin-cache/` are written here: one per output
//! directory and kind, postcard-encoded, written to a temporary name and
//! renamed. Failing to write one does not fail the build either, but is
//! said (see [`Unwritten`]): a build that silently stops being
//! incremental, or a full disk nobody hears about, costs more than a line
//! on stderr.

use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::fingerprint::fingerprint;

/// What follows a cache file's stem in the name of its temp file, before
/// the writer's process id: `build-<fingerprint>.tmp-<pid>`.
const TEMP_MARK: &str = "tmp-";

/// Where the `kind` file for the output directory `output` (canonical,
/// as text) is kept: `<cache_dir>/<kind>-<fingerprint>.bin`.
pub(crate) fn path(cache_dir: &Path, kind: &str, output: &str) -> PathBuf {
    cache_dir.join(format!(
        "{kind}-{:016x}.bin",
        fingerprint(output.as_bytes())
    ))
}

/// The value in `file`, if it is there and decodes.
pub(crate) fn read<T: DeserializeOwned>(file: &Path) -> Option<T> {
    let bytes = fs::read(file).ok()?;
    postcard::from_bytes(&bytes).ok()
}

/// A cache file that could not be written, and why.
#[derive(Debug)]
pub(crate) struct Unwritten {
    pub file: PathBuf,
    pub error: io::Error,
}

impl fmt::Display for Unwritten {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "cannot write the build cache {}: {}; the next build will be a full one",
            self.file.display(),
            self.error
        )
    }
}

/// Replaces `file` with `value`, atomically (a temp file renamed over it).
/// On any failure the temp file is removed and `file` is left as it was.
/// Temp files of earlier writes of `file` whose process is gone (a crash,
/// a kill) are removed first.
pub(crate) fn write<T: Serialize>(file: &Path, value: &T) -> Result<(), Unwritten> {
    let unwritten = |error| Unwritten {
        file: file.to_path_buf(),
        error,
    };
    let bytes = postcard::to_stdvec(value).map_err(|e| unwritten(io::Error::other(e)))?;
    let dir = file
        .parent()
        .ok_or_else(|| unwritten(io::Error::other("no folder to keep it in")))?;
    fs::create_dir_all(dir).map_err(unwritten)?;
    remove_stale_temps(file);
    let temp = temp_path(file, std::process::id());
    // A temp file of this pid is this process's: any earlier one is stale.
    let written = fs::File::create(&temp)
        .and_then(|mut out| out.write_all(&bytes))
        .and_then(|()| fs::rename(&temp, file));
    written.map_err(|error| {
        let _ = fs::remove_file(&temp);
        unwritten(error)
    })
}

/// Where process `pid` writes `file` before renaming it into place.
fn temp_path(file: &Path, pid: u32) -> PathBuf {
    file.with_extension(format!("{TEMP_MARK}{pid}"))
}

/// Removes the temp files of `file` that a process left when it died
/// while writing. Only those whose process is known to be gone: a live
/// one may be about to rename its own.
fn remove_stale_temps(file: &Path) {
    let (Some(dir), Some(stem)) = (file.parent(), file.file_stem().and_then(|n| n.to_str())) else {
        return;
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let prefix = format!("{stem}.{TEMP_MARK}");
    for entry in entries.filter_map(Result::ok) {
        let pid = entry
            .file_name()
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .and_then(|pid| pid.parse::<u32>().ok());
        if let Some(pid) = pid
            && pid != std::process::id()
            && is_gone(pid)
        {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether no process `pid` runs. Known only where `/proc` lists
/// processes (Linux); elsewhere every process counts as running, and
/// stale temp files stay (they are small and named for what they are).
fn is_gone(pid: u32) -> bool {
    let proc = Path::new("/proc");
    proc.join("self").exists() && !proc.join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let file = path(dir.path(), "build", "/out");
        write(&file, &vec![1u32, 2, 3]).unwrap();
        assert_eq!(read::<Vec<u32>>(&file), Some(vec![1, 2, 3]));
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_file_where_the_folder_should_be_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let blocked = dir.path().join("cache");
        fs::write(&blocked, "not a folder").unwrap();
        let file = path(&blocked, "build", "/out");
        let error = write(&file, &1u32).unwrap_err();
        let said = error.to_string();
        assert!(said.contains(&file.display().to_string()), "{said}");
        assert!(said.contains("the next build will be a full one"), "{said}");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_rename_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = path(dir.path(), "build", "/out");
        // A folder where the file goes: the temp is written, the rename fails.
        fs::create_dir(&file).unwrap();
        fs::write(file.join("inside"), "x").unwrap();
        assert!(write(&file, &1u32).is_err());
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [file.file_name().unwrap()]);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn temps_of_dead_processes_are_removed_and_of_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let file = path(dir.path(), "build", "/out");
        // Process 1 always runs; no pid is above the kernel's limit.
        let live = temp_path(&file, 1);
        let dead = temp_path(&file, u32::MAX);
        let other = path(dir.path(), "output", "/out");
        let others = temp_path(&other, u32::MAX);
        for temp in [&live, &dead, &others] {
            fs::write(temp, "half").unwrap();
        }
        write(&file, &1u32).unwrap();
        assert!(live.exists());
        assert!(!dead.exists());
        // Another file's temps are that file's write to clean up.
        assert!(others.exists());
    }
}
