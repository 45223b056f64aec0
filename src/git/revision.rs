//! The base revision of `standin diff`: which commit it is, and, when its
//! files cannot be read in place (see `base_tree`), its files checked out
//! into a temporary folder through an index of its own, so that the
//! repository's work tree and index are never touched.
//!
//! Why a checkout through a temporary index (`git read-tree` then `git
//! checkout-index`, with `GIT_INDEX_FILE` pointing into the temporary
//! folder) rather than `git archive`: the archive leaves out whatever
//! `.gitattributes` marks `export-ignore` (often `docs/`, where decision
//! records live), while a checkout writes every file as the work tree has
//! it, through the same filters. And it needs no crate: the base is read
//! from disk by the same code that reads the work tree.

use std::io::Write;
use std::path::PathBuf;
use std::process::Stdio;

use super::{Repo, output_bytes, output_text};
use crate::diagnostics::{Code, Diagnostic};

/// The revision to compare with.
#[derive(Debug, Clone)]
pub(crate) struct Base {
    /// The full commit id.
    pub commit: String,
    /// How to name it: `origin/main (merge base 1a2b3c4)`, `HEAD~1 (1a2b3c4)`.
    pub named: String,
}

/// Why there is no base to compare with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BaseProblem {
    /// The site is not in a git repository (or git cannot be run).
    NotARepository,
    /// No commit by that name in this clone.
    Unknown {
        /// The revision as named.
        rev: String,
        /// The clone has only part of the history: fetching more may help.
        shallow: bool,
    },
    /// The first commit, and no default branch to compare with.
    NoParent,
}

impl BaseProblem {
    /// The problem as `standin diff` reports it.
    pub(crate) fn diagnostic(&self) -> Diagnostic {
        match self {
            BaseProblem::NotARepository => Diagnostic::new(
                Code::BadValue,
                "the site is not in a git repository: there is no earlier revision to compare with",
            )
            .with_help("`standin diff` compares the work tree with a commit; run `git init` and commit, or use `standin check`"),
            BaseProblem::Unknown { rev, shallow: true } => Diagnostic::new(
                Code::BadValue,
                format!("{rev} is not in this clone, which holds only part of the history (a shallow clone)"),
            )
            .with_help("fetch more history: `git fetch --deepen=100` (repeat until it is found), or all of it: `git fetch --unshallow`; in CI, check out with the full history (GitHub: `fetch-depth: 0`; GitLab: `GIT_DEPTH: 0`)"),
            BaseProblem::Unknown { rev, shallow: false } => Diagnostic::new(
                Code::BadValue,
                format!("no commit is named `{rev}` in this repository"),
            )
            .with_help("name a branch, tag or commit: `standin diff origin/main`, `standin diff HEAD~3`; `git fetch` first if it is on the remote"),
            BaseProblem::NoParent => Diagnostic::new(
                Code::BadValue,
                "HEAD is the first commit and there is no default branch to compare with",
            )
            .with_help("name the revision to compare with: `standin diff REV`"),
        }
    }
}

/// The commit `given` names; without one, the merge base of HEAD with the
/// default branch (`origin/HEAD`, else `main`, `master`, `origin/main`,
/// `origin/master`), else `HEAD~1`.
pub(crate) fn resolve_base(repo: &Repo, given: Option<&str>) -> Result<Base, BaseProblem> {
    let unknown = |rev: &str| BaseProblem::Unknown {
        rev: rev.to_string(),
        shallow: repo.shallow,
    };
    if let Some(rev) = given {
        let commit = verify(repo, rev).ok_or_else(|| unknown(rev))?;
        let named = format!("{rev} ({})", short(&commit));
        return Ok(Base { commit, named });
    }
    if let Some(branch) = default_branch(repo) {
        match repo.run(&["merge-base", "HEAD", &branch]) {
            Ok(commit) => {
                let commit = commit.trim().to_string();
                let named = format!("{branch} (merge base {})", short(&commit));
                return Ok(Base { commit, named });
            }
            // Unrelated histories fall back to the parent; a shallow clone
            // may simply not reach the fork point.
            Err(_) if repo.shallow => {
                return Err(unknown(&format!("the merge base of HEAD and {branch}")));
            }
            Err(_) => {}
        }
    }
    let rev = "HEAD~1";
    match verify(repo, rev) {
        Some(commit) => {
            let named = format!("{rev} ({})", short(&commit));
            Ok(Base { commit, named })
        }
        None if repo.shallow => Err(unknown(rev)),
        None => Err(BaseProblem::NoParent),
    }
}

/// The full id of the commit `rev` names, if there is one.
fn verify(repo: &Repo, rev: &str) -> Option<String> {
    let spec = format!("{rev}^{{commit}}");
    // `--end-of-options`: a name starting with `-` is a name, not an option.
    repo.run(&[
        "rev-parse",
        "--verify",
        "--quiet",
        "--end-of-options",
        &spec,
    ])
    .ok()
    .map(|commit| commit.trim().to_string())
}

/// The repository's default branch, as this clone knows it.
fn default_branch(repo: &Repo) -> Option<String> {
    if let Ok(head) = repo.run(&[
        "symbolic-ref",
        "--quiet",
        "--short",
        "refs/remotes/origin/HEAD",
    ]) {
        return Some(head.trim().to_string());
    }
    ["main", "master", "origin/main", "origin/master"]
        .into_iter()
        .find(|branch| verify(repo, branch).is_some())
        .map(str::to_string)
}

fn short(commit: &str) -> &str {
    &commit[..commit.len().min(7)]
}

/// The files of a revision, in a temporary folder removed when dropped.
#[derive(Debug)]
pub(crate) struct Checkout {
    dir: tempfile::TempDir,
    prefix: String,
}

impl Checkout {
    /// Where the site's folder is in the checkout.
    pub(crate) fn site(&self) -> PathBuf {
        self.dir.path().join("tree").join(&self.prefix)
    }
}

/// Checks out the files of `base` under the site's folder and the
/// `folders` outside it that the site reads (decision records above the
/// site; paths relative to the top of the work tree, `/`-separated) into a
/// temporary folder, through a temporary index: the work tree and the
/// repository's index are never touched.
pub(crate) fn checkout(repo: &Repo, base: &Base, folders: &[String]) -> Result<Checkout, String> {
    let dir = tempfile::Builder::new()
        .prefix("standin-diff-")
        .tempdir()
        .map_err(|e| format!("cannot make a temporary folder: {e}"))?;
    let index = dir.path().join("index");
    let tree = dir.path().join("tree");
    let with_index = |args: &[&str]| {
        let mut command = repo.git();
        command.env("GIT_INDEX_FILE", &index).args(args);
        command
    };
    let read = ["read-tree", base.commit.as_str()];
    output_text(with_index(&read).output(), &read)?;
    let mut list = vec!["ls-files", "-z", "--"];
    let site = repo.site_pathspec();
    list.push(&site);
    let others: Vec<String> = folders.iter().map(|f| format!(":/{f}")).collect();
    list.extend(others.iter().map(String::as_str));
    // Bytes, not text: a path that is not UTF-8 is checked out as it is
    // (and skipped with W010 by the reading, as in the work tree).
    let paths = output_bytes(with_index(&list).output(), &list)?;
    let prefix = format!("--prefix={}/", tree.display());
    let write = ["checkout-index", "-z", "--stdin", prefix.as_str()];
    let mut child = with_index(&write)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run `git checkout-index`: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(&paths)
            .map_err(|e| format!("cannot write to `git checkout-index`: {e}"))?;
    }
    output_text(child.wait_with_output(), &write)?;
    Ok(Checkout {
        dir,
        prefix: repo.prefix.clone(),
    })
}
