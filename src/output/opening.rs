//! What [`Output::look`](super::Output::look) checks before a build may
//! write into a directory: that it is one (made, with its parents, when
//! missing), that it does not hold the site, that no other build holds it,
//! and that what is in it is standin's.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::disk::{Existing, looks_like_standin_output, survey};
use super::last_build::Hint;
use super::lock::{LockError, OutputLock};
use super::{Failure, io_failed};
use crate::diagnostics::{Code, Diagnostic};

/// A refusal to build into the output `shown`, which is left as it was.
fn refused(shown: &str, message: String, help: &str) -> Failure {
    Failure::untouched(
        Diagnostic::new(Code::Output, message)
            .at_path(shown.to_string())
            .with_help(help),
    )
}

/// Makes sure `out_dir` is a directory, making it when it is missing.
/// Returns the folders made (the output and missing parents, innermost
/// first).
pub(super) fn ensure_dir(out_dir: &Path, shown: &str) -> Result<Vec<PathBuf>, Failure> {
    match fs::metadata(out_dir) {
        Ok(meta) if !meta.is_dir() => Err(refused(
            shown,
            format!("{shown} exists and is not a directory"),
            "choose another output path with `-o`",
        )),
        Ok(_) => Ok(Vec::new()),
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            let created = out_dir
                .ancestors()
                .take_while(|a| !a.as_os_str().is_empty() && fs::symlink_metadata(a).is_err())
                .map(Path::to_path_buf)
                .collect();
            fs::create_dir_all(out_dir).map_err(|e| Failure::untouched(io_failed(shown, &e)))?;
            Ok(created)
        }
        Err(error) => Err(Failure::untouched(io_failed(shown, &error))),
    }
}

/// Refuses an output (`root`, canonical) that holds the site: the output
/// is replaced on every build.
pub(super) fn refuse_site_inside(
    root: &Path,
    site_root: &Path,
    shown: &str,
) -> Result<(), Failure> {
    if site_root
        .canonicalize()
        .is_ok_and(|site| site.starts_with(root))
    {
        return Err(refused(
            shown,
            format!("{shown} holds the site itself; refusing to write there"),
            "the output is replaced on every build: pass a folder of its own with `-o`, such as `public`",
        ));
    }
    Ok(())
}

/// Takes the output's lock, refusing the output when another build holds
/// it.
pub(super) fn lock(root: &Path, shown: &str) -> Result<OutputLock, Failure> {
    OutputLock::try_take(root).map_err(|error| match error {
        LockError::Held(pid) => refused(
            shown,
            match pid {
                Some(pid) => format!("another standin build holds {shown} (pid {pid})"),
                None => format!("another standin build holds {shown}"),
            },
            "wait for it to finish, or build into another folder with `-o`",
        ),
        LockError::Io(error) => Failure::untouched(io_failed(shown, &error)),
    })
}

/// What is in the output, refusing an output with something in it that
/// standin did not make (as far as `hint` and a look at it tell).
pub(super) fn existing(root: &Path, shown: &str, hint: &Hint) -> Result<Existing, Failure> {
    let existing = survey(root).map_err(|e| Failure::untouched(io_failed(shown, &e)))?;
    let is_empty = existing.files.is_empty()
        && existing.dirs.is_empty()
        && existing.foreign.is_empty()
        && existing.leftovers.is_empty();
    if !is_empty && !hint.found && !looks_like_standin_output(root) {
        return Err(refused(
            shown,
            format!("{shown} is not empty and was not made by standin; refusing to write there"),
            "standin removes files it did not produce: pass an empty or new directory with `-o`",
        ));
    }
    Ok(existing)
}
