//! `standin init`: a new site in one command — a commented `standin.toml`,
//! a first wrap, the CI workflow and a `.gitignore` — and never over
//! anything that is already there.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Local, Timelike};

use crate::diagnostics::{Code, Diagnostic};

/// The GitHub Actions workflow `init` installs (kept in `docs/ci/`).
pub const GITHUB_WORKFLOW: &str = include_str!("../docs/ci/github-pages.yml");

/// What `init` writes, relative to the site directory.
pub fn files(author: &str, at: DateTime<FixedOffset>, title: &str) -> Vec<(PathBuf, String)> {
    let wrap = PathBuf::from(format!(
        "wraps/{}/{author}-{}.md",
        at.format("%Y/%m/%d"),
        at.format("%H%M")
    ));
    vec![
        (PathBuf::from("standin.toml"), config(title)),
        (wrap, first_wrap(author, at)),
        (
            PathBuf::from(".github/workflows/handoffs.yml"),
            GITHUB_WORKFLOW.to_string(),
        ),
        (
            PathBuf::from(".gitignore"),
            "# standin build output\n/public/\n".to_string(),
        ),
    ]
}

/// Creates a site in `dir` (made if missing). Refuses, writing nothing, if
/// any file it would write exists.
pub fn init(dir: &Path, author: &str) -> Result<Vec<PathBuf>, Diagnostic> {
    let now = Local::now().fixed_offset();
    let at = now
        .with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(now);
    let title = dir
        .canonicalize()
        .ok()
        .as_deref()
        .unwrap_or(dir)
        .file_name()
        .map(|n| format!("{} handoffs", n.to_string_lossy()))
        .unwrap_or_else(|| "Handoffs".to_string());
    let files = files(author, at, &title);
    let existing: Vec<String> = files
        .iter()
        .filter(|(path, _)| dir.join(path).exists())
        .map(|(path, _)| path.display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(Diagnostic::new(
            Code::Output,
            format!(
                "{} already has {}; nothing was written",
                dir.display(),
                existing.join(", ")
            ),
        )
        .with_help("`standin init` only creates new sites; pass an empty or new directory"));
    }
    let mut written = Vec::new();
    for (path, text) in files {
        let target = dir.join(&path);
        let fail = |e: std::io::Error| {
            Diagnostic::new(
                Code::Output,
                format!("cannot write {}: {e}", target.display()),
            )
        };
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(fail)?;
        }
        std::fs::write(&target, text).map_err(fail)?;
        written.push(target);
    }
    Ok(written)
}

fn config(title: &str) -> String {
    format!(
        r#"# standin site configuration. Every key is optional.

title = "{title}"
# description = "Shift handoffs of the platform teams."

# The address the site is published at. Feeds and the sitemap need it;
# everything else uses relative links and works under any path or from disk.
# base_url = "https://handoffs.example.com/"

# The time zone whose days the daily briefs follow (an IANA name), and in
# which dates written without a UTC offset are read. For teams around the
# clock, pick the zone whose midnight falls between two shifts.
timezone = "UTC"

[risks]
# An open risk no wrap touches for this many days is marked stale.
stale_after_days = 3

[markdown]
# Raw HTML in wraps is passed through an allow-list (details, kbd, tables,
# ...). Set to true only if every author is trusted.
allow_html = false

# Teams, by id. Once any is listed, every wrap's `team` must be one of them.
# [teams.payments]
# name = "Payments"
# timezone = "Asia/Tokyo"
# description = "Payment gateway and vendor integrations."

# [check]
# Text matching these regular expressions is not reported as a secret.
# allow_secrets = ["AKIAIOSFODNN7EXAMPLE"]
"#
    )
}

fn first_wrap(author: &str, at: DateTime<FixedOffset>) -> String {
    format!(
        r#"+++
author = "{author}"
date = {}
summary = "Set up the handoff site: wraps go in wraps/, `standin build` makes the site."
tags = ["handoffs"]
next = [
  "Write your own wrap with `standin new --open` at the end of your shift",
]
+++
## Done
- Created this site with `standin init`.
- CI checks wraps on pull requests and publishes the site from `main`
  (`.github/workflows/handoffs.yml`).

## Notes
A wrap is Markdown with TOML front matter: what you did, decisions and why
(`[[decision]]`), what is at risk (`[[risk]]`), and what the next shift should
pick up (`next`). Run `standin check` before you commit.
"#,
        at.format("%Y-%m-%dT%H:%M:00%:z")
    )
}
