//! When each file of the site was committed: one `git log` over the
//! history, read once, so that the cost grows with the history and no
//! more (never a process per file).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::{DateTime, FixedOffset};

use super::Repo;

/// A commit that added files to the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AddedBy {
    /// The commit's author date: when its author made it, which a rebase
    /// or a merge keeps.
    pub at: DateTime<FixedOffset>,
    /// Which commit, by its order in the log (newest first): files added
    /// together share it.
    pub commit: usize,
}

/// When each file of the site was added, by its path inside the site.
#[derive(Debug, Clone, Default)]
pub(crate) struct CommitDates {
    pub added: HashMap<String, AddedBy>,
}

/// When each file of the site at `site` was last added to the repository
/// (moves followed as git follows them: a file moved is not added). `None`
/// outside a repository, before its first commit, or when git cannot be
/// run: there is nothing to compare dates with. In a shallow clone, the
/// commits at the cut are left out: they show every file as added.
pub(crate) fn commit_dates(site: &Path) -> Option<CommitDates> {
    let repo = Repo::find(site)?;
    let cut = if repo.shallow {
        shallow_cut(&repo)
    } else {
        HashSet::new()
    };
    let pathspec = format!(":/{}", repo.prefix);
    let mut git = repo.git();
    git.args([
        "-c",
        "core.quotePath=false",
        "log",
        "-M",
        "--diff-filter=A",
        "--name-only",
        "--no-color",
        "--format=%x00%H %aI",
        "--",
        &pathspec,
    ]);
    let output = super::output_text(git.output(), &["log"]).ok()?;
    Some(parse(&repo, &output, &cut))
}

/// Reads `git log`'s output: a header line (a NUL, the commit id and its
/// date) before the paths each commit added.
fn parse(repo: &Repo, output: &str, cut: &HashSet<String>) -> CommitDates {
    let mut dates = CommitDates::default();
    let mut current: Option<AddedBy> = None;
    let mut commits = 0;
    for line in output.lines() {
        if let Some(header) = line.strip_prefix('\0') {
            let (id, at) = header.split_once(' ').unwrap_or((header, ""));
            current = DateTime::parse_from_rfc3339(at)
                .ok()
                .filter(|_| !cut.contains(id))
                .map(|at| AddedBy {
                    at,
                    commit: commits,
                });
            commits += 1;
            continue;
        }
        let site_path = repo.site_path(line).filter(|path| !path.is_empty());
        let (Some(added), Some(path)) = (&current, site_path) else {
            continue;
        };
        // Newest first: the first add of a path is its latest.
        dates
            .added
            .entry(path.to_string())
            .or_insert_with(|| added.clone());
    }
    dates
}

/// The commits where a shallow clone's history is cut.
fn shallow_cut(repo: &Repo) -> HashSet<String> {
    let Ok(path) = repo.run(&["rev-parse", "--git-path", "shallow"]) else {
        return HashSet::new();
    };
    let path = repo.toplevel.join(path.trim());
    std::fs::read_to_string(path)
        .map(|text| text.lines().map(str::to_string).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn repo(prefix: &str) -> Repo {
        Repo {
            toplevel: PathBuf::from("/r"),
            prefix: prefix.to_string(),
            shallow: false,
        }
    }

    #[test]
    fn each_path_gets_its_latest_add_inside_the_site() {
        let log = "\0bbb 2026-11-21T09:00:00+01:00\n\nsite/wraps/b.md\nsite/wraps/a.md\n\
                   \0aaa 2026-11-20T18:00:00+09:00\n\nsite/wraps/a.md\nother/x.md\n";
        let dates = parse(&repo("site/"), log, &HashSet::new());
        assert_eq!(dates.added.len(), 2);
        assert_eq!(dates.added["wraps/a.md"].commit, 0);
        assert_eq!(
            dates.added["wraps/a.md"].at.to_rfc3339(),
            "2026-11-21T09:00:00+01:00"
        );
        assert_eq!(dates.added["wraps/b.md"].commit, 0);
    }

    #[test]
    fn a_shallow_cut_adds_nothing() {
        let log = "\0ccc 2026-11-21T09:00:00Z\n\nwraps/a.md\n";
        let cut = HashSet::from(["ccc".to_string()]);
        assert!(parse(&repo(""), log, &cut).added.is_empty());
        assert_eq!(parse(&repo(""), log, &HashSet::new()).added.len(), 1);
    }
}
