//! The output stage: puts a rendered site on disk.
//!
//! It runs only after the whole site rendered without errors, so a failed
//! build never touches the previous output. It writes only files whose
//! bytes changed (each by an atomic rename) and then removes files the new
//! site no longer has; rewriting 10,000 unchanged files would cost seconds
//! and wake every file watcher and rsync.
//!
//! The marker file doubles as a manifest of what the last build wrote (a
//! fingerprint and length per file), so an unchanged file costs a `stat`,
//! not a read. A file missing from the manifest is compared byte by byte.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::{Code, Diagnostic};
use crate::fingerprint::fingerprint;
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

const MANIFEST_HEADER: &str = "# Written by `standin build`; files it does not produce are removed.\n# fingerprint length path\n";

/// What the last build wrote: fingerprint and length by path.
type Manifest = HashMap<String, (u64, u64)>;

/// Makes `out_dir` hold exactly `site`.
pub fn write(out_dir: &Path, site: &SiteFiles) -> Result<WriteReport, Diagnostic> {
    let previous = claim(out_dir)?;
    let results: Vec<io::Result<(bool, u64)>> = site
        .files
        .par_iter()
        .map(|(path, bytes)| {
            let print = fingerprint(bytes);
            let target = out_dir.join(path);
            let known = previous.get(path) == Some(&(print, bytes.len() as u64))
                && fs::metadata(&target).is_ok_and(|m| m.len() == bytes.len() as u64);
            let written = if known {
                false
            } else {
                write_if_changed(&target, bytes)?
            };
            Ok((written, print))
        })
        .collect();
    let mut report = WriteReport::default();
    let mut manifest = String::from(MANIFEST_HEADER);
    for (result, (path, bytes)) in results.into_iter().zip(&site.files) {
        match result {
            Ok((written, print)) => {
                if written {
                    report.written += 1;
                } else {
                    report.unchanged += 1;
                }
                manifest.push_str(&format!("{print:016x} {} {path}\n", bytes.len()));
            }
            Err(error) => return Err(failed(&out_dir.join(path), &error)),
        }
    }
    report.removed = remove_stale(out_dir, site, &previous)?;
    write_if_changed(&out_dir.join(MARKER), manifest.as_bytes())
        .map_err(|e| failed(&out_dir.join(MARKER), &e))?;
    Ok(report)
}

fn read_manifest(marker: &Path) -> Manifest {
    let text = fs::read_to_string(marker).unwrap_or_default();
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let mut parts = line.splitn(3, ' ');
            let print = u64::from_str_radix(parts.next()?, 16).ok()?;
            let len = parts.next()?.parse().ok()?;
            Some((parts.next()?.to_string(), (print, len)))
        })
        .collect()
}

/// Creates the directory, or checks that an existing one is standin's;
/// returns the previous build's manifest.
fn claim(out_dir: &Path) -> Result<Manifest, Diagnostic> {
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
        // Claim the directory before writing into it.
        fs::write(&marker, MANIFEST_HEADER).map_err(|e| failed(&marker, &e))?;
    }
    Ok(read_manifest(&marker))
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

/// Removes files and empty directories the site no longer has: those the
/// previous build wrote (its manifest) that this one does not. Without a
/// manifest, the whole directory is walked instead (a site has a directory
/// per page, so the walk costs tens of thousands of system calls).
fn remove_stale(
    out_dir: &Path,
    site: &SiteFiles,
    previous: &Manifest,
) -> Result<usize, Diagnostic> {
    let stale: Vec<PathBuf> = if previous.is_empty() {
        walk_stale(out_dir, site)?
    } else {
        let mut stale: Vec<PathBuf> = previous
            .keys()
            .filter(|path| !site.files.contains_key(*path))
            .map(|path| out_dir.join(path))
            .collect();
        stale.sort();
        stale
    };
    let mut removed = 0;
    let mut emptied: BTreeSet<PathBuf> = BTreeSet::new();
    for path in &stale {
        match fs::remove_file(path) {
            Ok(()) => removed += 1,
            Err(error) if error.kind() == io::ErrorKind::NotFound => {}
            Err(error) => return Err(failed(path, &error)),
        }
        // Only the parents of removed files can have become empty.
        emptied.extend(
            path.ancestors()
                .skip(1)
                .take_while(|a| *a != out_dir)
                .map(Path::to_path_buf),
        );
    }
    // Deepest first, so emptied parents go too.
    let mut dirs: Vec<PathBuf> = emptied.into_iter().collect();
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for dir in dirs {
        if fs::read_dir(&dir).is_ok_and(|mut entries| entries.next().is_none()) {
            fs::remove_dir(&dir).map_err(|e| failed(&dir, &e))?;
        }
    }
    Ok(removed)
}

/// Every file under `out_dir` that the site does not have.
fn walk_stale(out_dir: &Path, site: &SiteFiles) -> Result<Vec<PathBuf>, Diagnostic> {
    let keep: BTreeSet<PathBuf> = site.files.keys().map(|p| out_dir.join(p)).collect();
    let marker = out_dir.join(MARKER);
    let mut stale = Vec::new();
    for entry in walkdir::WalkDir::new(out_dir)
        .min_depth(1)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(out_dir).to_path_buf();
            failed(&path, &io::Error::other(e))
        })?;
        let path = entry.path();
        if !entry.file_type().is_dir() && !keep.contains(path) && path != marker {
            stale.push(path.to_path_buf());
        }
    }
    Ok(stale)
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
                .map(|(p, b)| (p.to_string(), b.as_bytes().into()))
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
    fn a_file_changed_behind_our_back_is_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let files = site(&[("index.html", "abc")]);
        write(dir.path(), &files).unwrap();
        // Same length, different bytes: the manifest alone would miss it,
        // so the length check is not enough; a deleted file is caught.
        fs::remove_file(dir.path().join("index.html")).unwrap();
        let report = write(dir.path(), &files).unwrap();
        assert_eq!(report.written, 1);
        assert_eq!(
            fs::read_to_string(dir.path().join("index.html")).unwrap(),
            "abc"
        );
        // A lost manifest falls back to comparing bytes.
        fs::remove_file(dir.path().join(MARKER)).unwrap();
        fs::write(dir.path().join(MARKER), MANIFEST_HEADER).unwrap();
        assert_eq!(write(dir.path(), &files).unwrap().unchanged, 1);
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
