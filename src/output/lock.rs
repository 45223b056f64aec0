//! One build at a time per output directory.
//!
//! The lock is an advisory `flock` on the output directory itself, so no
//! lock file ever lands in the published site, and the kernel releases it
//! when the holder dies (a `kill -9` leaves no stale lock behind).

use std::fs::{File, TryLockError};
use std::io;
use std::path::Path;

use super::path::STAGING_PREFIX;

/// Held while a build writes into an output directory.
#[derive(Debug)]
pub(crate) struct OutputLock {
    _dir: Option<File>,
}

/// Why the lock could not be taken.
#[derive(Debug)]
pub(crate) enum LockError {
    /// Another process holds it; its pid when its staging folder says so.
    Held(Option<u32>),
    Io(io::Error),
}

impl OutputLock {
    /// Takes the lock on `dir` without waiting.
    pub(crate) fn try_take(dir: &Path) -> Result<OutputLock, LockError> {
        let file = match File::open(dir) {
            Ok(file) => file,
            // Some platforms cannot open a directory as a file; builds there
            // are not kept apart.
            Err(error) if cfg!(not(unix)) => {
                let _ = error;
                return Ok(OutputLock { _dir: None });
            }
            Err(error) => return Err(LockError::Io(error)),
        };
        match file.try_lock() {
            Ok(()) => Ok(OutputLock { _dir: Some(file) }),
            Err(TryLockError::WouldBlock) => Err(LockError::Held(holder(dir))),
            Err(TryLockError::Error(error)) if error.kind() == io::ErrorKind::Unsupported => {
                Ok(OutputLock { _dir: None })
            }
            Err(TryLockError::Error(error)) => Err(LockError::Io(error)),
        }
    }
}

/// The pid in the name of the holder's staging folder, if it made one yet.
fn holder(dir: &Path) -> Option<u32> {
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .find_map(|entry| {
            entry
                .file_name()
                .to_str()?
                .strip_prefix(STAGING_PREFIX)?
                .parse()
                .ok()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_second_lock_on_one_directory_is_refused_and_names_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let first = OutputLock::try_take(dir.path()).unwrap();
        std::fs::create_dir(dir.path().join(format!("{STAGING_PREFIX}4242"))).unwrap();
        match OutputLock::try_take(dir.path()) {
            Err(LockError::Held(pid)) => assert_eq!(pid, Some(4242)),
            other => panic!("expected the lock to be held, got {other:?}"),
        }
        drop(first);
        assert!(OutputLock::try_take(dir.path()).is_ok());
    }
}
