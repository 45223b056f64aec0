//! `standin diff [BASE]`: what a change does to the handover, for the
//! review of a pull request. The site at BASE is read from git (the work
//! tree and the index are left alone; see `site_dir::tree`), both sides
//! are read up to their ledgers (no page is rendered), and the difference
//! is printed.

use std::borrow::Cow;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::{parse_as_of, site_root, source_date_epoch, usage_error};
use crate::build::{Read, read};
use crate::config::Config;
use crate::content::Content;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::git::{self, Base, BaseProblem, Checkout, Repo};
use crate::ledger::{AsOf, Ledger};
use crate::review::format::{Format, render};
use crate::review::{Findings, Review, Side};
use crate::site_dir::{CONFIG_FILE, Entry, SiteDir, Tree};

#[derive(Debug, Args)]
pub(crate) struct DiffArgs {
    /// The revision to compare with [default: the merge base of HEAD with
    /// the default branch (origin/HEAD, else main or master), else HEAD~1].
    base: Option<String>,
    /// The site directory [default: the nearest folder with a standin.toml,
    /// from here up].
    #[arg(long, value_name = "DIR")]
    site: Option<PathBuf>,
    /// How to print the review.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// "Now" for both sides, as for `standin build` [default:
    /// $SOURCE_DATE_EPOCH, else each side's newest wrap].
    #[arg(long, value_name = "DATE[THH:MM]", value_parser = parse_as_of)]
    as_of: Option<AsOf>,
}

pub(super) fn run(args: DiffArgs) -> ExitCode {
    let mut d = Diagnostics::new();
    let as_of = match args.as_of {
        Some(as_of) => as_of,
        None => match source_date_epoch(&mut d) {
            Some(as_of) => as_of,
            None => return usage_error(&d),
        },
    };
    let site = SiteDir::new(site_root(args.site));
    let review = match review(&site, args.base.as_deref(), as_of) {
        Ok(review) => review,
        Err(problem) => return usage_error(&Diagnostics::from_iter([*problem])),
    };
    let color = args.format == Format::Text
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(render(&review, args.format, color).as_bytes());
    if review.brings_errors() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The review of the work tree of `site` against `base`.
fn review(site: &SiteDir, base: Option<&str>, as_of: AsOf) -> Result<Review, Box<Diagnostic>> {
    let repo =
        Repo::find(&site.root).ok_or_else(|| Box::new(BaseProblem::NotARepository.diagnostic()))?;
    let base = git::resolve_base(&repo, base).map_err(|p| Box::new(p.diagnostic()))?;
    let folders = outside_folders(site, &repo);
    // git answers both while the work tree is read.
    let dates = std::thread::spawn({
        let root = site.root.clone();
        move || git::commit_dates(&root)
    });
    let base_files = std::thread::spawn({
        let (repo, base) = (repo.clone(), base.clone());
        move || base_files(&repo, &base, &folders)
    });
    let dates = dates.join().ok().flatten();
    let head = read(site, as_of, dates.as_ref());
    let base_files = base_files
        .join()
        .unwrap_or_else(|_| Err("reading the base failed".to_string()))
        .map_err(|e| Box::new(Diagnostic::new(Code::ReadFailed, e)))?;
    // The checkout, if any, lives until the base is read.
    let (base_site, _checkout) = match base_files {
        BaseFiles::InPlace(tree) => (site.as_of(tree), None),
        BaseFiles::CheckedOut(checkout) => {
            (SiteDir::shown_as(checkout.site(), site), Some(checkout))
        }
    };
    let base_read = if base_site.entry_at(CONFIG_FILE) == Entry::File {
        read(&base_site, as_of, dates.as_ref())
    } else {
        // The change makes the site: everything in it is new.
        Read {
            site: None,
            diagnostics: Diagnostics::new(),
        }
    };
    let Some((base_ledger, head_ledger)) = ledgers(&base_read, &head, as_of) else {
        let findings = Findings::compare(&base_read.diagnostics, &head.diagnostics);
        return Ok(Review::of_findings(base.named, findings));
    };
    Ok(Review::compare(
        base.named,
        Side {
            ledger: &base_ledger,
            diagnostics: &base_read.diagnostics,
        },
        Side {
            ledger: &head_ledger,
            diagnostics: &head.diagnostics,
        },
    ))
}

/// The base's files: read in place (the tree, and git's bytes of what the
/// work tree changed), or checked out when the site reads folders outside
/// its own or the tree holds what only a checkout reproduces.
enum BaseFiles {
    InPlace(Tree),
    CheckedOut(Checkout),
}

fn base_files(repo: &Repo, base: &Base, folders: &[String]) -> Result<BaseFiles, String> {
    if folders.is_empty()
        && let Some(tree) = git::base_tree(repo, base)?
    {
        return Ok(BaseFiles::InPlace(tree));
    }
    git::checkout(repo, base, folders).map(BaseFiles::CheckedOut)
}

/// Both sides' ledgers, borrowed from their reads (a clone of each would
/// double what a 100,000-wrap diff holds); a side that could not be read
/// (no standin.toml there, or a broken one) is an empty site with the
/// other's config. `None` when neither side could be read.
fn ledgers<'a>(
    base: &'a Read,
    head: &'a Read,
    as_of: AsOf,
) -> Option<(Cow<'a, Ledger>, Cow<'a, Ledger>)> {
    let (config, _) = head.site.as_ref().or(base.site.as_ref())?;
    let side = |read: &'a Read| match &read.site {
        Some((_, ledger)) => Cow::Borrowed(ledger),
        None => Cow::Owned(Ledger::build(
            config,
            Content::default(),
            as_of,
            &mut Diagnostics::new(),
        )),
    };
    Some((side(base), side(head)))
}

/// The decision folders the site reads from outside its own folder
/// (`[decisions] dirs = ["../docs/adr"]`), from the top of the repository:
/// the base's are checked out with the site.
fn outside_folders(site: &SiteDir, repo: &Repo) -> Vec<String> {
    let Some(config) = Config::load(site, &mut Diagnostics::new()) else {
        return Vec::new();
    };
    config
        .decisions
        .dirs
        .iter()
        .filter(|dir| dir.path.starts_with("../"))
        .filter_map(|dir| from_top(&repo.prefix, &dir.path))
        .collect()
}

/// `../docs/adr` from the site folder `handoffs/`, as `docs/adr`; `None`
/// if it leads out of the repository.
fn from_top(prefix: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = prefix.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::from_top;

    #[test]
    fn folders_above_the_site_are_named_from_the_top() {
        assert_eq!(
            from_top("handoffs/", "../docs/adr").as_deref(),
            Some("docs/adr")
        );
        assert_eq!(from_top("a/b/", "../../adr").as_deref(), Some("adr"));
        assert_eq!(from_top("", "../adr"), None);
    }
}
