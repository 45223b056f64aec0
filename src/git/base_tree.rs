//! The base revision's files under the site's folder without a checkout
//! (see `site_dir::tree`): its paths from `git ls-tree`, the files the
//! work tree holds differently from `git diff-index`, and their bytes from
//! `git cat-file --filters`, which applies the filters a checkout would
//! (line endings, LFS). Nothing is written: not the work tree, not the
//! index, not a temporary folder. A change of many files (or an index so
//! stale that git suspects them all) is checked out instead.

use std::collections::{HashMap, HashSet};

use super::revision::Base;
use super::{Repo, output_bytes};
use crate::site_dir::Tree;

/// Changed files read from git one by one; past this, the base is
/// checked out instead.
const MOST_CHANGED: usize = 200;

/// git's modes of what only a checkout reproduces: a symlink, a submodule.
const NOT_PLAIN: [&[u8]; 2] = [b"120000", b"160000"];

/// The base's tree under the site, or `None` when it holds what a
/// checkout must reproduce to be read as the work tree is (a symlink, a
/// submodule, or a name that is not UTF-8, holds a backslash or a line
/// break: each is skipped with a warning, or cannot be asked of git by
/// name), or when the index cannot say which files changed.
pub(crate) fn base_tree(repo: &Repo, base: &Base) -> Result<Option<Tree>, String> {
    let pathspec = repo.site_pathspec();
    let list = ["ls-tree", "-r", "-z", base.commit.as_str(), "--", &pathspec];
    let listing = output_bytes(repo.git().args(list).output(), &list)?;
    let mut files = Vec::new();
    for entry in listing.split(|&b| b == 0).filter(|e| !e.is_empty()) {
        // `<mode> <type> <object>\t<path>`
        let Some(tab) = entry.iter().position(|&b| b == b'\t') else {
            return Err(format!(
                "`git ls-tree` wrote an entry without a path: {entry:?}"
            ));
        };
        let (meta, path) = (&entry[..tab], &entry[tab + 1..]);
        if NOT_PLAIN.iter().any(|mode| meta.starts_with(mode)) {
            return Ok(None);
        }
        let Some(relative) = site_relative(repo, path) else {
            return Ok(None);
        };
        files.push(relative);
    }
    if !index_tells_all(repo, &pathspec)? {
        return Ok(None);
    }
    let Some(changed) = changed_bytes(repo, base, &pathspec, &files)? else {
        return Ok(None);
    };
    Ok(Some(Tree::new(files, changed)))
}

/// Whether git's index can say which files the work tree changed: not
/// when an entry is marked assume-unchanged (git would not look at its
/// file) or skip-worktree (a sparse checkout: no file to read). `git
/// ls-files -v` tags those with a lower-case letter or `S`.
fn index_tells_all(repo: &Repo, pathspec: &str) -> Result<bool, String> {
    let args = ["ls-files", "-v", "-z", "--", pathspec];
    let listing = output_bytes(repo.git().args(args).output(), &args)?;
    Ok(listing
        .split(|&b| b == 0)
        .filter_map(|entry| entry.first())
        .all(|tag| !tag.is_ascii_lowercase() && *tag != b'S'))
}

/// A path from the top of the work tree, made relative to the site, if
/// it can be read by name.
fn site_relative(repo: &Repo, path: &[u8]) -> Option<String> {
    let path = std::str::from_utf8(path).ok()?;
    if path.contains(['\\', '\n', '\r']) {
        return None;
    }
    Some(path.strip_prefix(repo.prefix.as_str())?.to_string())
}

/// The base's bytes of the files in `files` that the work tree holds
/// differently or not at all; `None` when there are more than
/// [`MOST_CHANGED`] (a checkout is then as quick). A file git only
/// suspects (its metadata moved) is read too: that costs a read, never a
/// wrong answer.
fn changed_bytes(
    repo: &Repo,
    base: &Base,
    pathspec: &str,
    files: &[String],
) -> Result<Option<HashMap<String, Vec<u8>>>, String> {
    let diff = [
        "diff-index",
        "-z",
        "--name-only",
        "--no-renames",
        base.commit.as_str(),
        "--",
        pathspec,
    ];
    let names = output_bytes(repo.git().args(diff).output(), &diff)?;
    let known: HashSet<&str> = files.iter().map(String::as_str).collect();
    let wanted: Vec<String> = names
        .split(|&b| b == 0)
        .filter_map(|name| site_relative(repo, name))
        .filter(|relative| known.contains(relative.as_str()))
        .collect();
    if wanted.len() > MOST_CHANGED {
        return Ok(None);
    }
    let mut changed = HashMap::new();
    for relative in wanted {
        let bytes = cat_file(repo, base, &relative)?;
        changed.insert(relative, bytes);
    }
    Ok(Some(changed))
}

/// The bytes of `relative` at `base` as a checkout would write them
/// (through the filters its path has). One `git cat-file` a file: in
/// `--batch` mode git announces each object's size before the filters,
/// so the bytes cannot be told apart.
fn cat_file(repo: &Repo, base: &Base, relative: &str) -> Result<Vec<u8>, String> {
    let path = format!("{}{relative}", repo.prefix);
    let object = format!("{}:{path}", base.commit);
    let path_arg = format!("--path={path}");
    let args = ["cat-file", "--filters", path_arg.as_str(), object.as_str()];
    output_bytes(repo.git().args(args).output(), &args)
}
