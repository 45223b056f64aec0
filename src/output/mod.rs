//! The output stage: puts a rendered site on disk, with three guarantees.
//!
//! 1. **The output holds only the site.** What standin remembers between
//!    builds (which files it wrote, see [`last_build`]) lives in the site's
//!    `.standin-cache/`, never in the published folder.
//! 2. **Nothing outside the output is touched.** Every path written,
//!    renamed or deleted is an [`OutPath`] (no `..`, no absolute path, no
//!    control character) under the canonical output directory; folders on
//!    the way are real folders, never symlinks (a symlink found there is
//!    removed, not followed).
//! 3. **Interrupted builds are repaired.** Files are written as they are
//!    rendered ([`Output::put`], callable from many threads) into a staging
//!    folder inside the output, and moved into place only by
//!    [`Output::commit`], once the whole site rendered without errors; a
//!    failed render leaves the output as it was. Every build starts from
//!    what is really on disk (a walk of the output), not from a record, so
//!    after a kill, a full disk or a power loss the next successful build
//!    leaves exactly what a fresh build would, temp files included.
//!
//! Unchanged files are not rewritten (10,000 rewritten pages cost seconds
//! and wake every file watcher and rsync), and a flock on the output
//! directory keeps two builds apart.

mod disk;
mod faults;
mod last_build;
mod lock;
mod opening;
mod path;
mod report;

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diagnostics::{Code, Diagnostic};
use crate::fingerprint::fingerprint;
use disk::Stamp;
use disk::{Existing, is_gone, make_real_dir, remove_any};
use faults::Point;
use last_build::{Entry, Hint};
use lock::OutputLock;
pub(crate) use path::OutPath;
use path::STAGING_PREFIX;
pub(crate) use report::{Committed, Failure, Left, WriteReport};

/// An output directory opened for one build: locked, surveyed, with an
/// empty staging folder. Dropping it without [`Output::commit`] discards
/// what was staged and leaves the output as it was.
#[derive(Debug)]
pub(crate) struct Output {
    /// The canonical output directory.
    root: PathBuf,
    /// The output directory as the user named it, for messages.
    shown: String,
    staging: PathBuf,
    existing: Existing,
    hint: Hint,
    outcomes: Mutex<HashMap<OutPath, Outcome>>,
    staged: AtomicUsize,
    /// Folders `open` created (the output and missing parents, innermost
    /// first), removed again if the build fails: a failed build writes
    /// nothing.
    created: Vec<PathBuf>,
    committed: bool,
    _lock: OutputLock,
}

#[derive(Debug)]
enum Outcome {
    /// Being decided by the thread that claimed the path.
    Pending,
    Unchanged(Entry),
    Staged {
        temp: PathBuf,
        entry: Entry,
    },
}

impl Output {
    /// Opens `out_dir` for a build of the site at `site_root`, creating it
    /// if needed, and looks at what is in it, writing nothing yet. Refuses
    /// a directory that holds the site, a non-empty directory standin did
    /// not make, and a directory another build holds. `cache_dir` is where
    /// the hint is kept (`None`: nowhere).
    pub(crate) fn look(
        out_dir: &Path,
        site_root: &Path,
        cache_dir: Option<&Path>,
    ) -> Result<Output, Failure> {
        let shown = out_dir.display().to_string();
        let created = opening::ensure_dir(out_dir, &shown)?;
        let root = out_dir
            .canonicalize()
            .map_err(|e| Failure::untouched(io_failed(&shown, &e)))?;
        opening::refuse_site_inside(&root, site_root, &shown)?;
        let lock = opening::lock(&root, &shown)?;
        let hint = Hint::load(cache_dir, &root);
        let existing = opening::existing(&root, &shown, &hint)?;
        let staging = root.join(format!("{STAGING_PREFIX}{}", std::process::id()));
        Ok(Output {
            root,
            shown,
            staging,
            existing,
            hint,
            outcomes: Mutex::new(HashMap::new()),
            staged: AtomicUsize::new(0),
            created,
            committed: false,
            _lock: lock,
        })
    }

    /// Gets ready for [`Output::put`]: removes what interrupted builds
    /// left and makes the staging folder.
    pub(crate) fn start(&mut self) -> Result<(), Failure> {
        for leftover in &self.existing.leftovers {
            remove_any(leftover).map_err(|e| Failure::untouched(io_failed(&self.shown, &e)))?;
        }
        fs::create_dir(&self.staging).map_err(|e| Failure::untouched(io_failed(&self.shown, &e)))
    }

    /// The canonical output directory.
    pub(crate) fn root(&self) -> &Path {
        &self.root
    }

    /// Whether the output holds exactly what the last build committed,
    /// untouched since (see [`Hint::describes`]): then a build of
    /// unchanged inputs would change nothing.
    pub(crate) fn is_as_last_committed(&self) -> bool {
        self.created.is_empty() && self.hint.describes(&self.existing)
    }

    /// Adds one file of the site. Unless the output already holds exactly
    /// these bytes, they are written to the staging folder, to be moved
    /// into place by [`Output::commit`]. Safe to call from many threads.
    /// A failure leaves the output untouched: only staging was written.
    pub(crate) fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Failure> {
        let path = OutPath::new(path).map_err(|bad| {
            Failure::untouched(
                Diagnostic::new(Code::Output, format!("refusing to write output file {bad}"))
                    .with_help("rename the file in static/ (a bug in standin otherwise)"),
            )
        })?;
        if self
            .lock_outcomes()
            .insert(path.clone(), Outcome::Pending)
            .is_some()
        {
            return Err(Failure::untouched(Diagnostic::new(
                Code::Output,
                format!("two files of the site would be written to {path}"),
            )));
        }
        let print = fingerprint(bytes);
        let outcome = match self.existing.files.get(path.as_str()) {
            Some(&stamp)
                if stamp.len == bytes.len() as u64 && self.holds(&path, stamp, print, bytes) =>
            {
                Outcome::Unchanged(Entry { print, stamp })
            }
            _ => self.stage(bytes, print).map_err(|e| {
                Failure::untouched(io_failed(
                    &format!("{}/{path}", self.shown.trim_end_matches('/')),
                    &e,
                ))
            })?,
        };
        self.lock_outcomes().insert(path, outcome);
        Ok(())
    }

    /// Whether the file at `path` (of length `bytes.len()`) holds `bytes`:
    /// by the hint when the file is untouched since standin wrote it, else
    /// by reading it.
    fn holds(&self, path: &OutPath, stamp: Stamp, print: u64, bytes: &[u8]) -> bool {
        match self.hint.print_if_untouched(path.as_str(), stamp) {
            Some(recorded) => recorded == print,
            None => fs::read(path.under(&self.root)).is_ok_and(|old| old == bytes),
        }
    }

    fn stage(&self, bytes: &[u8], print: u64) -> io::Result<Outcome> {
        let n = self.staged.fetch_add(1, Ordering::Relaxed);
        faults::check(Point::Stage, n)?;
        let temp = self.staging.join(n.to_string());
        fs::write(&temp, bytes)?;
        let stamp = Stamp::of(&fs::symlink_metadata(&temp)?);
        Ok(Outcome::Staged {
            temp,
            entry: Entry { print, stamp },
        })
    }

    fn lock_outcomes(&self) -> std::sync::MutexGuard<'_, HashMap<OutPath, Outcome>> {
        // A panic elsewhere cannot leave the map half-updated.
        self.outcomes.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Makes the output hold exactly the files put: moves staged files
    /// into place, removes everything else, and remembers what it wrote.
    pub(crate) fn commit(mut self) -> Result<Committed, Failure> {
        let outcomes = std::mem::take(&mut *self.lock_outcomes());
        if outcomes.values().any(|o| matches!(o, Outcome::Pending)) {
            return Err(Failure::untouched(Diagnostic::new(
                Code::Output,
                "a file of the site was not finished",
            )));
        }
        let needed_dirs = self.check_shape(&outcomes)?;
        let mut staged: Vec<(&OutPath, &PathBuf)> = outcomes
            .iter()
            .filter_map(|(path, o)| match o {
                Outcome::Staged { temp, .. } => Some((path, temp)),
                _ => None,
            })
            .collect();
        staged.sort();
        let total = staged.len();
        // From here on the output changes: keep the folders `open` made.
        self.committed = true;
        let mut dirs: HashSet<String> = self.existing.dirs.iter().cloned().collect();
        for (done, (path, temp)) in staged.iter().enumerate() {
            if let Err(error) =
                faults::check(Point::Commit, done).and_then(|()| self.place(path, temp, &mut dirs))
            {
                return Err(self.incomplete(path, &error, done, total));
            }
        }
        let removed = self
            .remove_stale(&outcomes, &needed_dirs)
            .map_err(|(path, error)| self.incomplete(&path, &error, total, total))?;
        let _ = fs::remove_dir_all(&self.staging);
        let unchanged = outcomes.len() - total;
        let entries = outcomes
            .into_iter()
            .filter_map(|(path, outcome)| match outcome {
                Outcome::Unchanged(entry) | Outcome::Staged { entry, .. } => {
                    Some((path.as_str().to_string(), entry))
                }
                Outcome::Pending => None,
            })
            .collect();
        let hint = self.hint.store(&self.root, entries);
        Ok(Committed {
            report: WriteReport {
                written: total,
                unchanged,
                removed,
            },
            hint,
        })
    }

    /// Folders every file needs; an error if one file's path is another's
    /// folder (`a` and `a/b.html`).
    fn check_shape(
        &self,
        outcomes: &HashMap<OutPath, Outcome>,
    ) -> Result<HashSet<String>, Failure> {
        let mut needed = HashSet::new();
        for path in outcomes.keys() {
            for parent in path.parents() {
                if outcomes
                    .contains_key(&OutPath::new(parent).expect("a parent of a valid path is valid"))
                {
                    return Err(Failure::untouched(Diagnostic::new(
                        Code::Output,
                        format!("the site has both a file `{parent}` and files inside a folder of that name"),
                    ).with_help("rename the file in static/")));
                }
                needed.insert(parent.to_string());
            }
        }
        Ok(needed)
    }

    /// Moves one staged file into place, making its folders as needed.
    fn place(&self, path: &OutPath, temp: &Path, dirs: &mut HashSet<String>) -> io::Result<()> {
        for parent in path.parents() {
            if !dirs.contains(parent) {
                make_real_dir(&self.root.join(parent))?;
                dirs.insert(parent.to_string());
            }
        }
        let target = path.under(&self.root);
        if dirs.contains(path.as_str()) {
            // The previous site had a folder where this file now goes.
            fs::remove_dir_all(&target)?;
            dirs.remove(path.as_str());
        }
        fs::rename(temp, &target)
    }

    /// Removes what the site no longer has; returns how many files went.
    fn remove_stale(
        &self,
        outcomes: &HashMap<OutPath, Outcome>,
        needed_dirs: &HashSet<String>,
    ) -> Result<usize, (OutPath, io::Error)> {
        let at = |path: &Path, error| {
            let relative = path.strip_prefix(&self.root).unwrap_or(path);
            let shown = OutPath::new(&relative.to_string_lossy())
                .unwrap_or_else(|_| OutPath::new("(unprintable name)").expect("valid"));
            (shown, error)
        };
        let mut removed = 0;
        let mut stale: Vec<&String> = self
            .existing
            .files
            .keys()
            .filter(|p| {
                !needed_dirs.contains(p.as_str())
                    && OutPath::new(p).map_or(true, |p| !outcomes.contains_key(&p))
            })
            .collect();
        stale.sort();
        for path in stale {
            let full = self.root.join(path);
            match fs::remove_file(&full) {
                Ok(()) => removed += 1,
                // Gone, or a file now stands where its folder was.
                Err(error) if is_gone(&error) => {}
                Err(error) => return Err(at(&full, error)),
            }
        }
        for (path, is_dir) in &self.existing.foreign {
            let replaced = path
                .strip_prefix(&self.root)
                .ok()
                .and_then(Path::to_str)
                .is_some_and(|r| {
                    needed_dirs.contains(r)
                        || OutPath::new(r).is_ok_and(|p| outcomes.contains_key(&p))
                });
            if replaced {
                // A symlink that stood where the site needs a folder or
                // file was already replaced by it.
                continue;
            }
            let result = if *is_dir {
                fs::remove_dir_all(path)
            } else {
                fs::remove_file(path)
            };
            match result {
                Ok(()) => removed += 1,
                Err(error) if error.kind() == io::ErrorKind::NotFound => {}
                Err(error) => return Err(at(path, error)),
            }
        }
        // Deepest first, so a folder is empty by the time it is removed.
        let mut dirs: Vec<&String> = self
            .existing
            .dirs
            .iter()
            .filter(|d| {
                !needed_dirs.contains(d.as_str())
                    && OutPath::new(d).map_or(true, |p| !outcomes.contains_key(&p))
            })
            .collect();
        dirs.sort_by_key(|d| std::cmp::Reverse(d.matches('/').count()));
        for dir in dirs {
            let full = self.root.join(dir);
            match fs::remove_dir(&full) {
                Ok(()) => {}
                Err(error) if error.kind() == io::ErrorKind::NotFound => {}
                Err(error) => return Err(at(&full, error)),
            }
        }
        Ok(removed)
    }

    fn incomplete(
        &self,
        path: &OutPath,
        error: &io::Error,
        updated: usize,
        total: usize,
    ) -> Failure {
        // The hint no longer describes the output; the next build walks
        // and compares instead.
        self.hint.forget();
        let shown = format!("{}/{path}", self.shown.trim_end_matches('/'));
        Failure {
            diagnostic: Box::new(io_failed(&shown, error)),
            left: Left::Incomplete { updated, total },
        }
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.staging);
        if !self.committed {
            for dir in &self.created {
                // Fails, as it should, if anything else is in there.
                let _ = fs::remove_dir(dir);
            }
        }
    }
}

fn io_failed(path: &str, error: &io::Error) -> Diagnostic {
    Diagnostic::new(Code::Output, format!("cannot write {path}: {error}"))
        .at_path(path.to_string())
        .with_help("check free space and permissions of the output directory")
}

#[cfg(test)]
mod tests;
