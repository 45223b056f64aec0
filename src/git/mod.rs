//! git, run as a subprocess: where the site lies in its repository, the
//! files of another revision (for `standin diff`), and when each wrap was
//! committed (for the commit-date lint). Nothing here writes to the
//! repository, its work tree or its index.
//!
//! `git` itself, not a library: it is on every machine that has the
//! repository, reads every repository format and extension the user's git
//! reads (a library lags behind them), and the three questions asked here
//! are one process each.

mod base_tree;
mod log;
mod revision;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub(crate) use base_tree::base_tree;
#[cfg(test)]
pub(crate) use log::AddedBy;
pub(crate) use log::{CommitDates, commit_dates};
pub(crate) use revision::{Base, BaseProblem, Checkout, checkout, resolve_base};

/// The repository a site lies in.
#[derive(Debug, Clone)]
pub(crate) struct Repo {
    /// The top folder of its work tree.
    pub toplevel: PathBuf,
    /// The site's folder inside it (`handoffs/`, empty at the top), with
    /// `/` separators and a trailing `/`, as git writes paths.
    pub prefix: String,
    /// Whether this clone was made with part of the history only.
    pub shallow: bool,
}

impl Repo {
    /// The repository holding `site`; `None` outside one, or when git
    /// cannot be run.
    pub(crate) fn find(site: &Path) -> Option<Repo> {
        let output = Command::new("git")
            .arg("-C")
            .arg(site)
            .args([
                "rev-parse",
                "--show-toplevel",
                "--show-prefix",
                "--is-shallow-repository",
            ])
            .output()
            .ok()?;
        if !output.status.success() {
            return None;
        }
        let text = String::from_utf8(output.stdout).ok()?;
        let mut lines = text.lines();
        let toplevel = PathBuf::from(lines.next()?);
        let prefix = lines.next()?.to_string();
        let shallow = lines.next()? == "true";
        Some(Repo {
            toplevel,
            prefix,
            shallow,
        })
    }

    /// `git` run at the top of the work tree.
    fn git(&self) -> Command {
        let mut command = Command::new("git");
        command.arg("-C").arg(&self.toplevel);
        command
    }

    /// The site's folder as a pathspec from the top of the work tree.
    fn site_pathspec(&self) -> String {
        if self.prefix.is_empty() {
            ":/".to_string()
        } else {
            format!(":/{}", self.prefix)
        }
    }

    /// Runs `git ARGS`; its standard output when it succeeds, else what it
    /// said on standard error.
    fn run(&self, args: &[&str]) -> Result<String, String> {
        output_text(self.git().args(args).output(), args)
    }

    /// The path inside the site of a path git wrote (relative to the top
    /// of the work tree); `None` for a path outside the site.
    fn site_path<'a>(&self, from_top: &'a str) -> Option<&'a str> {
        from_top.strip_prefix(self.prefix.as_str())
    }
}

/// What a git process printed, as text, or why it failed.
fn output_text(output: std::io::Result<Output>, args: &[&str]) -> Result<String, String> {
    output_bytes(output, args).map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
}

/// What a git process printed, or why it failed.
fn output_bytes(output: std::io::Result<Output>, args: &[&str]) -> Result<Vec<u8>, String> {
    match output {
        Ok(output) if output.status.success() => Ok(output.stdout),
        Ok(output) => Err(format!(
            "`git {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        )),
        Err(error) => Err(format!("cannot run `git {}`: {error}", args.join(" "))),
    }
}
