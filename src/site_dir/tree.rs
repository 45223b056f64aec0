//! A site as another revision has it, read without writing it out: the
//! base of `standin diff`. Which files there are, and which folders, comes
//! from the revision's tree; the bytes of a file the work tree holds
//! differently come from git (through the same filters a checkout
//! applies); every other file is read from the work tree, where it is
//! byte for byte the same. Writing 11,000 files of a large site to a
//! temporary folder cost more than both ledger builds on a slow disk.
//!
//! Only a tree that holds plain files with usable names is read this way
//! (see `git::revision`): symlinks, submodules and names that are not
//! UTF-8 are checked out, so that they are skipped with the same warnings
//! as in the work tree.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::io;
use std::path::Path;
use std::sync::Arc;

use super::{Entry, Folder, SiteDir, is_ignored_name};

/// The files of a revision under the site's folder.
#[derive(Debug, Default)]
pub(crate) struct Tree {
    /// Site-relative, `/`-separated.
    files: BTreeSet<String>,
    /// Every folder that holds a file, site-relative (`""`: the site).
    folders: BTreeSet<String>,
    /// The bytes of the files the work tree holds differently (or not at all).
    changed: HashMap<String, Vec<u8>>,
}

impl Tree {
    /// A tree of `files`, of which `changed` differ from the work tree.
    pub(crate) fn new(files: Vec<String>, changed: HashMap<String, Vec<u8>>) -> Self {
        let mut folders = BTreeSet::from([String::new()]);
        for file in &files {
            let mut at = 0;
            while let Some(slash) = file[at..].find('/') {
                folders.insert(file[..at + slash].to_string());
                at += slash + 1;
            }
        }
        Tree {
            files: files.into_iter().collect(),
            folders,
            changed,
        }
    }

    /// The files under the folder `dir`, as a walk of it would list them:
    /// depth first, names sorted in each folder, hidden files and editor
    /// leftovers (and folders of them) left out.
    pub(super) fn files_under(&self, dir: &str) -> Vec<String> {
        let dir = &clean(dir);
        let start = if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        };
        let mut found: Vec<&String> = self
            .files
            .range(start.clone()..)
            .take_while(|f| f.starts_with(&start))
            .filter(|f| !f[start.len()..].split('/').any(is_ignored_name))
            .collect();
        // A walk sorts by name within each folder: `a/b.md` before `a.md`.
        found.sort_by(|a, b| a.split('/').cmp(b.split('/')));
        found.into_iter().cloned().collect()
    }

    /// What the folder `dir` is.
    pub(super) fn folder(&self, dir: &str) -> Folder {
        if self.folders.contains(&clean(dir)) {
            Folder::Plain
        } else {
            Folder::Missing
        }
    }

    /// What is at `relative`.
    pub(super) fn entry(&self, relative: &str) -> Entry {
        let relative = clean(relative);
        let relative = relative.as_str();
        if self.files.contains(relative) {
            Entry::File
        } else if self.folders.contains(relative) {
            Entry::Folder
        } else {
            Entry::Missing
        }
    }

    /// The names in the folder `relative`, sorted, without hidden files
    /// and editor leftovers.
    pub(super) fn names_in(&self, relative: &str) -> Vec<String> {
        let relative = clean(relative);
        let relative = relative.as_str();
        if !self.folders.contains(relative) {
            return Vec::new();
        }
        let start = if relative.is_empty() {
            String::new()
        } else {
            format!("{relative}/")
        };
        let names: BTreeSet<&str> = self
            .files
            .range(start.clone()..)
            .take_while(|f| f.starts_with(&start))
            .filter_map(|f| f[start.len()..].split('/').next())
            .filter(|name| !is_ignored_name(name))
            .collect();
        names.into_iter().map(str::to_string).collect()
    }

    /// Whether the tree holds the file `relative`.
    pub(super) fn has_file(&self, relative: &str) -> bool {
        self.files.contains(relative)
    }

    /// The revision's bytes of `relative`, when the work tree's differ.
    pub(super) fn changed(&self, relative: &str) -> Option<&[u8]> {
        self.changed.get(relative).map(Vec::as_slice)
    }
}

/// A site-relative path as the tree names it: `./docs//adr/` is
/// `docs/adr`, as a look on disk would take it.
fn clean(path: &str) -> String {
    let parts: Vec<&str> = path
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    parts.join("/")
}

impl SiteDir {
    /// The site as the revision `tree` has it (the base of `standin diff`,
    /// see the module doc): listed from the tree, read from it where the
    /// work tree differs and from the work tree elsewhere, its paths shown
    /// as this site's.
    pub(crate) fn as_of(&self, tree: Tree) -> SiteDir {
        SiteDir {
            tree: Some(Arc::new(tree)),
            ..self.without_log()
        }
    }

    /// Whether `path` reads as the file on disk: not when another
    /// revision's bytes stand in for it.
    pub(crate) fn is_on_disk(&self, path: &Path) -> bool {
        match (&self.tree, self.tree_key(path)) {
            (Some(tree), Some(key)) => tree.changed(&key).is_none(),
            _ => true,
        }
    }

    /// `path` as the tree names it (site-relative, `/`-separated); `None`
    /// outside the site.
    pub(super) fn tree_key(&self, path: &Path) -> Option<String> {
        path.starts_with(&self.root).then(|| self.relative(path))
    }

    /// A file of the tree: its bytes where the work tree's differ, else
    /// the work tree's (the same bytes).
    pub(super) fn tree_bytes(&self, tree: &Tree, path: &Path) -> io::Result<Vec<u8>> {
        let key = self.tree_key(path).filter(|key| tree.has_file(key));
        let Some(key) = key else {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                "not in the base revision",
            ));
        };
        match tree.changed(&key) {
            Some(bytes) => Ok(bytes.to_vec()),
            None => fs::read(path),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> Tree {
        let files = [
            "standin.toml",
            "wraps/a.md",
            "wraps/a/b.md",
            "wraps/.hidden.md",
            "wraps/x.md~",
            "decisions/0001-a.md",
        ];
        Tree::new(files.map(String::from).to_vec(), HashMap::new())
    }

    #[test]
    fn a_tree_lists_as_a_walk_of_the_folder_would() {
        let tree = tree();
        assert_eq!(tree.files_under("wraps"), ["wraps/a/b.md", "wraps/a.md"]);
        assert_eq!(tree.files_under("docs"), Vec::<String>::new());
        assert_eq!(tree.folder("wraps/a"), Folder::Plain);
        assert_eq!(tree.folder("./wraps/a/"), Folder::Plain);
        assert_eq!(tree.files_under("./wraps/a"), ["wraps/a/b.md"]);
        assert_eq!(tree.folder("docs"), Folder::Missing);
        assert_eq!(tree.entry("wraps/a"), Entry::Folder);
        assert_eq!(tree.entry("wraps/a.md"), Entry::File);
        assert_eq!(tree.entry("wraps/c.md"), Entry::Missing);
        assert_eq!(tree.names_in("wraps"), ["a", "a.md"]);
        assert_eq!(tree.names_in(""), ["decisions", "standin.toml", "wraps"]);
    }
}
