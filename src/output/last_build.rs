//! What the last build left in an output directory, remembered outside it
//! (in the site's `.standin-cache/`), so that an unchanged file costs a
//! metadata comparison instead of a read.
//!
//! It is a hint, never the truth: an entry counts only while the file on
//! disk still has exactly the length, modification time and inode recorded
//! when standin wrote it. A file touched since (by hand, or by a build that
//! was interrupted) no longer matches and is compared byte by byte. The
//! encoding is length-prefixed (postcard), so no file name can forge an
//! entry, and a hint that does not decode is simply ignored.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::disk::{Existing, Stamp};
use crate::cache;

/// Bumped whenever the encoding changes; other versions are ignored.
const VERSION: u32 = 1;

/// One file as the last build left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Entry {
    /// The fingerprint of its bytes.
    pub print: u64,
    pub stamp: Stamp,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    version: u32,
    /// The output directory it describes, canonical.
    output: String,
    files: Vec<(String, Entry)>,
}

/// The remembered state of one output directory.
#[derive(Debug, Default)]
pub(crate) struct Hint {
    /// Where it is kept; `None` when there is nowhere to keep it.
    file: Option<PathBuf>,
    /// Whether a readable hint for this output existed.
    pub found: bool,
    pub files: HashMap<String, Entry>,
}

impl Hint {
    /// Loads the hint for `output` (canonical) from `cache_dir`.
    pub(crate) fn load(cache_dir: Option<&Path>, output: &Path) -> Hint {
        let Some(cache_dir) = cache_dir else {
            return Hint::default();
        };
        let key = output.to_string_lossy();
        let file = cache::path(cache_dir, "output", &key);
        let stored =
            cache::read::<Stored>(&file).filter(|s| s.version == VERSION && s.output == key);
        Hint {
            file: Some(file),
            found: stored.is_some(),
            files: stored
                .map(|s| s.files.into_iter().collect())
                .unwrap_or_default(),
        }
    }

    /// The recorded fingerprint of a file, if the file on disk is still
    /// exactly as recorded.
    pub(crate) fn print_if_untouched(&self, path: &str, on_disk: Stamp) -> Option<u64> {
        self.files
            .get(path)
            .filter(|e| e.stamp == on_disk)
            .map(|e| e.print)
    }

    /// Whether `existing` is exactly what the hint names: its files, each
    /// with the length, times and inode standin left it with, the folders
    /// they lie in, and nothing else.
    pub(super) fn describes(&self, existing: &Existing) -> bool {
        if !self.found
            || !existing.foreign.is_empty()
            || !existing.leftovers.is_empty()
            || existing.files.len() != self.files.len()
        {
            return false;
        }
        let files_untouched = existing
            .files
            .iter()
            .all(|(path, stamp)| self.print_if_untouched(path, *stamp).is_some());
        let folders: HashSet<&str> = self
            .files
            .keys()
            .flat_map(|path| path.match_indices('/').map(move |(at, _)| &path[..at]))
            .collect();
        files_untouched
            && existing
                .dirs
                .iter()
                .all(|dir| folders.contains(dir.as_str()))
    }

    /// Replaces the stored hint with `files`. Failing to store it costs
    /// the next build its shortcuts, not its correctness: the caller says
    /// so and carries on.
    pub(crate) fn store(
        &self,
        output: &Path,
        mut files: Vec<(String, Entry)>,
    ) -> Result<(), cache::Unwritten> {
        let Some(file) = &self.file else {
            return Ok(());
        };
        files.sort_by(|a, b| a.0.cmp(&b.0));
        let stored = Stored {
            version: VERSION,
            output: output.to_string_lossy().into_owned(),
            files,
        };
        cache::write(file, &stored)
    }

    /// Forgets the stored hint (the output was changed in ways it does not
    /// describe).
    pub(crate) fn forget(&self) {
        if let Some(file) = &self.file {
            let _ = fs::remove_file(file);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_ignores_other_outputs_and_garbage() {
        let cache = tempfile::tempdir().unwrap();
        let out = Path::new("/srv/site/public");
        let stamp = Stamp {
            len: 3,
            modified_ns: 17,
            inode: 9,
        };
        let entry = Entry { print: 42, stamp };
        Hint::load(Some(cache.path()), out)
            .store(out, vec![("a\nb".into(), entry)])
            .unwrap();

        let hint = Hint::load(Some(cache.path()), out);
        assert!(hint.found);
        assert_eq!(hint.print_if_untouched("a\nb", stamp), Some(42));
        let touched = Stamp {
            modified_ns: 18,
            ..stamp
        };
        assert_eq!(hint.print_if_untouched("a\nb", touched), None);

        assert!(!Hint::load(Some(cache.path()), Path::new("/elsewhere")).found);
        let file = hint.file.clone().unwrap();
        fs::write(&file, b"\x01garbage").unwrap();
        assert!(!Hint::load(Some(cache.path()), out).found);
    }
}
