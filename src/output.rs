//! The output stage: puts a rendered site on disk.
//!
//! It runs only after the whole site rendered without errors, so a failed
//! build never touches the previous output. It writes only files whose
//! bytes changed (each by an atomic rename) and then removes files the new
//! site no longer has; rewriting 10,000 unchanged files would cost seconds
//! and wake every file watcher and rsync.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::{Code, Diagnostic};
use crate::site::SiteFiles;

/// Marks a directory as standin's, so it may remove stale files there.
pub const MARKER: &str = ".standin-output";

/// What a write did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteReport {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// Makes `out_dir` hold exactly `site`.
pub fn write(out_dir: &Path, site: &SiteFiles) -> Result<WriteReport, Diagnostic> {
    claim(out_dir)?;
    let results: Vec<io::Result<bool>> = site
        .files
        .par_iter()
        .map(|(path, bytes)| write_if_changed(&out_dir.join(path), bytes))
        .collect();
    let mut report = WriteReport::default();
    for (result, path) in results.into_iter().zip(site.files.keys()) {
        match result {
            Ok(true) => report.written += 1,
            Ok(false) => report.unchanged += 1,
            Err(error) => return Err(failed(&out_dir.join(path), &error)),
        }
    }
    report.removed = remove_stale(out_dir, site)?;
    Ok(report)
}

/// Creates the directory, or checks that an existing one is standin's.
fn claim(out_dir: &Path) -> Result<(), Diagnostic> {
    let marker = out_dir.join(MARKER);
    if out_dir.exists() {
        if !out_dir.is_dir() {
            return Err(Diagnostic::new(
                Code::Output,
                format!("{} exists and is not a directory", out_dir.display()),
            )
            .with_help("choose another output path with `-o`"));
        }
        let empty = fs::read_dir(out_dir)
            .map_err(|e| failed(out_dir, &e))?
            .next()
            .is_none();
        if !empty && !marker.exists() {
            return Err(Diagnostic::new(
                Code::Output,
                format!("{} is not empty and was not made by standin; refusing to write there", out_dir.display()),
            )
            .with_help("standin removes files it did not produce; pass an empty or new directory with `-o`"));
        }
    }
    fs::create_dir_all(out_dir).map_err(|e| failed(out_dir, &e))?;
    if !marker.exists() {
        fs::write(&marker, "This directory is written by `standin build`; files it does not produce are removed.\n")
            .map_err(|e| failed(&marker, &e))?;
    }
    Ok(())
}

/// Writes `bytes` unless the file already holds them; true if written.
fn write_if_changed(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    match fs::read(path) {
        Ok(existing) if existing == bytes => return Ok(false),
        _ => {}
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    // Write beside the target and rename, so a reader (or a crash) never
    // sees half a file.
    let mut temp = path.as_os_str().to_owned();
    temp.push(".standin-tmp");
    let temp = PathBuf::from(temp);
    fs::write(&temp, bytes)?;
    fs::rename(&temp, path).inspect_err(|_| {
        let _ = fs::remove_file(&temp);
    })?;
    Ok(true)
}

/// Removes files and empty directories the site no longer has.
fn remove_stale(out_dir: &Path, site: &SiteFiles) -> Result<usize, Diagnostic> {
    let keep: BTreeSet<PathBuf> = site.files.keys().map(|p| out_dir.join(p)).collect();
    let mut removed = 0;
    let mut dirs = Vec::new();
    for entry in walkdir::WalkDir::new(out_dir).min_depth(1) {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(out_dir).to_path_buf();
            failed(&path, &io::Error::other(e))
        })?;
        let path = entry.path();
        if entry.file_type().is_dir() {
            dirs.push(path.to_path_buf());
        } else if !keep.contains(path) && path != out_dir.join(MARKER) {
            fs::remove_file(path).map_err(|e| failed(path, &e))?;
            removed += 1;
        }
    }
    // Deepest first, so emptied parents go too.
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for dir in dirs {
        if fs::read_dir(&dir).is_ok_and(|mut entries| entries.next().is_none()) {
            fs::remove_dir(&dir).map_err(|e| failed(&dir, &e))?;
        }
    }
    Ok(removed)
}

fn failed(path: &Path, error: &io::Error) -> Diagnostic {
    Diagnostic::new(
        Code::Output,
        format!("cannot write {}: {error}", path.display()),
    )
    .at_path(path.display().to_string())
    .with_help("check free space and permissions of the output directory")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> SiteFiles {
        SiteFiles {
            files: files
                .iter()
                .map(|(p, b)| (p.to_string(), b.as_bytes().to_vec()))
                .collect(),
        }
    }

    #[test]
    fn writes_only_changes_and_removes_stale_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = write(
            &out,
            &site(&[
                ("index.html", "a"),
                ("x/index.html", "b"),
                ("y/z/index.html", "c"),
            ]),
        )
        .unwrap();
        assert_eq!(
            first,
            WriteReport {
                written: 3,
                unchanged: 0,
                removed: 0
            }
        );

        let second = write(&out, &site(&[("index.html", "a"), ("x/index.html", "B")])).unwrap();
        assert_eq!(
            second,
            WriteReport {
                written: 1,
                unchanged: 1,
                removed: 1
            }
        );
        assert_eq!(fs::read_to_string(out.join("x/index.html")).unwrap(), "B");
        assert!(!out.join("y").exists(), "emptied directories are removed");
        assert!(out.join(MARKER).exists());
    }

    #[test]
    fn refuses_a_foreign_non_empty_directory() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("precious.txt"), "keep me").unwrap();
        let error = write(dir.path(), &site(&[("index.html", "a")])).unwrap_err();
        assert_eq!(error.code, Code::Output);
        assert_eq!(
            fs::read_to_string(dir.path().join("precious.txt")).unwrap(),
            "keep me"
        );
        assert!(!dir.path().join("index.html").exists());
    }
}
