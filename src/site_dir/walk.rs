//! Walking a folder of the site for its files. Two kinds of entry are
//! skipped with a warning rather than followed or read: symlinks (see the
//! module doc of `site_dir`), and names that are not UTF-8 or hold a `\`.
//! Every path of the site is used as UTF-8 text with `/` between folders
//! from here on (pages, URLs, links, the content cache), so such a name
//! would turn into another (`caf\xE9.txt` into `caf\u{FFFD}.txt`, `a\b.md`
//! into `a/b.md`): a file read back under that other name is "not found",
//! or another file, and two names that differ only there would publish one.

use std::ffi::OsStr;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::reads::print;
use super::{Folder, SiteDir, is_ignored_name, join_display};
use crate::diagnostics::{Code, Diagnostic};

/// The files a walk found, and the problems on the way.
pub(super) struct Listing {
    pub(super) files: Vec<PathBuf>,
    pub(super) problems: Vec<Diagnostic>,
}

impl Listing {
    pub(super) fn print(&self) -> u64 {
        let problems: Vec<&str> = self.problems.iter().map(|p| p.message.as_str()).collect();
        print(&(&self.files, problems))
    }
}

impl SiteDir {
    pub(super) fn look_files_under(&self, dir: &str) -> Listing {
        let root = self.root.join(dir);
        let mut listing = Listing {
            files: Vec::new(),
            problems: Vec::new(),
        };
        if let Some(tree) = &self.tree {
            listing.files = tree
                .files_under(dir)
                .iter()
                .map(|f| self.root.join(f))
                .collect();
            return listing;
        }
        match self.look_folder(dir) {
            Folder::Plain => {}
            Folder::Missing => return listing,
            Folder::ThroughSymlink(link) => {
                listing.problems.push(self.skipped_symlink(&link));
                return listing;
            }
        }
        let mut walker = WalkDir::new(&root)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
        while let Some(entry) = walker.next() {
            match entry {
                Ok(entry) if entry.path_is_symlink() => {
                    listing.problems.push(self.skipped_symlink(entry.path()))
                }
                Ok(entry) if entry.depth() > 0 && unusable(entry.file_name()).is_some() => {
                    let folder = entry.file_type().is_dir();
                    if folder {
                        walker.skip_current_dir();
                    }
                    listing
                        .problems
                        .push(self.skipped_name(entry.path(), folder));
                }
                Ok(entry) if entry.file_type().is_file() => listing.files.push(entry.into_path()),
                Ok(_) => {}
                Err(error) => {
                    let path = error
                        .path()
                        .map(|p| self.display_path(p))
                        .unwrap_or_default();
                    listing.problems.push(
                        Diagnostic::new(Code::ReadFailed, format!("cannot read {path}: {error}"))
                            .at_path(path),
                    );
                }
            }
        }
        listing
    }

    /// W010 for a file, or a folder and all in it, whose name is
    /// [`unusable`].
    fn skipped_name(&self, path: &Path, folder: bool) -> Diagnostic {
        let relative = path.strip_prefix(&self.root).unwrap_or(path);
        let why = path.file_name().and_then(unusable).unwrap_or_default();
        let relative: Vec<String> = relative.iter().map(raw_display).collect();
        let shown = join_display(&self.display, &relative.join("/"));
        let what = if folder {
            format!("the folder {shown} and everything in it")
        } else {
            shown.clone()
        };
        Diagnostic::new(
            Code::UnpublishableName,
            format!(
                "skipped {what}: its name {why}, so it cannot be read back, linked or published reliably"
            ),
        )
        .at_path(shown)
        .with_help("rename it (`convmv -f latin1 -t utf8 --notest NAME` converts a Latin-1 name to UTF-8)")
    }
}

/// Why a file name cannot stand for its file in the site, if it cannot:
/// pages, URLs, links and the content cache name files in UTF-8, with `/`
/// between folders (a `\\` too, for a link written on Windows).
fn unusable(name: &OsStr) -> Option<&'static str> {
    match name.to_str() {
        None => Some("is not UTF-8 (pages, URLs and links name files in UTF-8)"),
        Some(name) if cfg!(not(windows)) && name.contains('\\') => {
            Some("holds a backslash, which links and URLs take for a folder separator")
        }
        Some(_) => None,
    }
}

/// A name with the bytes that are not UTF-8 shown as `\xE9`, so that two
/// names differing only there are told apart.
fn raw_display(name: &OsStr) -> String {
    let mut shown = String::new();
    for chunk in name.as_encoded_bytes().utf8_chunks() {
        shown.push_str(chunk.valid());
        for byte in chunk.invalid() {
            let _ = write!(shown, "\\x{byte:02X}");
        }
    }
    shown
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostics;
    use std::os::unix::ffi::OsStrExt;

    #[test]
    fn names_that_are_not_utf8_are_skipped_with_a_warning_that_tells_them_apart() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let name = |bytes: &[u8]| root.join("static").join(OsStr::from_bytes(bytes));
        std::fs::create_dir_all(name(b"sub\xFF")).unwrap();
        std::fs::write(name(b"sub\xFF/inside.txt"), "in").unwrap();
        std::fs::write(name(b"caf\xE9.txt"), "one").unwrap();
        std::fs::write(name(b"caf\xE8.txt"), "two").unwrap();
        std::fs::write(name(b"caf\xC3\xA9.txt"), "utf-8").unwrap();
        let site = SiteDir::new(root);
        let mut d = Diagnostics::new();
        let files = site.files_under("static", &mut d);
        assert_eq!(files, [root.join("static/café.txt")]);
        let said: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(said.len(), 3, "{said:?}");
        assert!(d.iter().all(|d| d.code == Code::UnpublishableName));
        let at: Vec<&str> = d.iter().filter_map(|d| d.file_path()).collect();
        let root = root.display().to_string();
        assert_eq!(
            at,
            [
                format!("{root}/static/caf\\xE8.txt"),
                format!("{root}/static/caf\\xE9.txt"),
                format!("{root}/static/sub\\xFF"),
            ]
        );
        assert!(said[2].contains("everything in it"), "{}", said[2]);
    }
}
