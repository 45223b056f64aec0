//! `standin init`: a new site in one command — a commented `standin.toml`,
//! a first wrap, the CI workflow and a `.gitignore` — and never over
//! anything that is already there.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Local, Timelike};

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::ids::PersonKey;
use crate::site_dir::{CONFIG_FILE, OUTPUT_DIR, gitignore, new_wrap_path};
use crate::toml_text;

/// The GitHub Actions workflow `init` installs (kept in `docs/ci/`).
pub const GITHUB_WORKFLOW: &str = include_str!("../docs/ci/github-pages.yml");

/// Who signs the sample wrap when nobody is named: a site still starts,
/// and the file says where the name goes.
const PLACEHOLDER_AUTHOR: &str = "you";

/// What `init` writes, relative to the site directory; `author` is `None`
/// when nobody was named (see [`PLACEHOLDER_AUTHOR`]).
pub(crate) fn files(
    key: &PersonKey,
    author: Option<&str>,
    at: DateTime<FixedOffset>,
    title: &str,
) -> Vec<(PathBuf, String)> {
    vec![
        (PathBuf::from(CONFIG_FILE), config(title)),
        (new_wrap_path(key.as_str(), at, 1), first_wrap(author, at)),
        (
            PathBuf::from(".github/workflows/handoffs.yml"),
            GITHUB_WORKFLOW.to_string(),
        ),
        (PathBuf::from(".gitignore"), gitignore()),
    ]
}

/// Creates a site in `dir` (made if missing). Refuses, writing nothing, if
/// any file it would write exists, or if any path it would write through
/// is a symbolic link (even a dangling one: writing would create its
/// target, wherever that is). Returns the files written; `None` (with the
/// reason in `d`) if it wrote nothing, or failed part way. The sample
/// wrap is by `author`, else by [`PLACEHOLDER_AUTHOR`].
pub(crate) fn init(dir: &Path, author: Option<&str>, d: &mut Diagnostics) -> Option<Vec<PathBuf>> {
    let Some(key) = PersonKey::from_name(author.unwrap_or(PLACEHOLDER_AUTHOR)) else {
        let author = author.unwrap_or_default();
        d.push(
            Diagnostic::new(
                Code::BadId,
                format!("`{author}` cannot name a person: it has no letter or digit"),
            )
            .with_help("pass your name or handle with `--author`"),
        );
        return None;
    };
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
    let files = files(&key, author, at, &title);
    let mut links = Vec::new();
    let mut existing = Vec::new();
    for (path, _) in &files {
        match obstacle(dir, path) {
            Some((Obstacle::Link, at)) => links.push(at.display().to_string()),
            Some((Obstacle::Exists, at)) => existing.push(at.display().to_string()),
            None => {}
        }
    }
    links.dedup();
    if !links.is_empty() {
        d.push(Diagnostic::new(
            Code::Output,
            format!(
                "in {}, {} {} a symbolic link; nothing was written",
                dir.display(),
                links.join(", "),
                if links.len() == 1 { "is" } else { "are" }
            ),
        )
        .with_help(
            "`standin init` never writes through a symbolic link; remove it, or pass another directory",
        ));
        return None;
    }
    if !existing.is_empty() {
        d.push(
            Diagnostic::new(
                Code::Output,
                format!(
                    "{} already has {}; nothing was written",
                    dir.display(),
                    existing.join(", ")
                ),
            )
            .with_help("`standin init` only creates new sites; pass an empty or new directory"),
        );
        return None;
    }
    let mut written = Vec::new();
    for (path, text) in files {
        let target = dir.join(&path);
        if let Err(error) = create(&target, &text) {
            d.push(Diagnostic::new(
                Code::Output,
                format!("cannot write {}: {error}", target.display()),
            ));
            return None;
        }
        written.push(target);
    }
    Some(written)
}

/// Tells what `init` wrote in `dir` and what to do next; when nobody was
/// named, says that the sample wrap is signed [`PLACEHOLDER_AUTHOR`] so
/// the writer puts their name in it before it is published.
pub(crate) fn print_done(dir: &Path, written: &[PathBuf], placeholder: bool) {
    if placeholder {
        eprintln!(
            "standin init: nobody was named (no --author, STANDIN_AUTHOR or `git config user.name`), so the first wrap is by \"{PLACEHOLDER_AUTHOR}\"; put your name in it"
        );
    }
    for path in written {
        println!("created {}", path.display());
    }
    let dir = dir.display();
    println!(
        "\nNext: `standin build {dir}` and open {dir}/{OUTPUT_DIR}/index.html; write wraps with `standin new {dir} --open`."
    );
}

/// Creates a new file at `target` (and its folders) holding `text`.
fn create(target: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)?;
    }
    // `create_new` is O_EXCL: it fails on anything already there, a
    // symbolic link included, instead of following it.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(target)?;
    file.write_all(text.as_bytes())
}

/// What keeps `init` from creating a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Obstacle {
    /// A symbolic link on the way, or in the file's place.
    Link,
    /// The file exists, or a file stands where a directory must be.
    Exists,
}

/// What stands in the way of creating `path` (relative) inside `dir`,
/// and where: each component is looked at without following links.
fn obstacle(dir: &Path, path: &Path) -> Option<(Obstacle, PathBuf)> {
    let components: Vec<_> = path.components().collect();
    let mut prefix = PathBuf::new();
    for (i, component) in components.iter().enumerate() {
        prefix.push(component);
        // Missing: it and everything below it will be created.
        let meta = std::fs::symlink_metadata(dir.join(&prefix)).ok()?;
        if meta.file_type().is_symlink() {
            return Some((Obstacle::Link, prefix));
        }
        if i + 1 == components.len() || !meta.is_dir() {
            return Some((Obstacle::Exists, prefix));
        }
    }
    None
}

fn config(title: &str) -> String {
    let title = toml_text::basic_string(title);
    format!(
        r#"# standin site configuration. Every key is optional.

title = {title}
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
# false: raw HTML in wraps is sanitised, keeping a safe subset (details,
# summary, kbd, br, tables, ...) and removing scripts, styles and event
# handlers. true: raw HTML passes untouched; only if every author is trusted.
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

/// The sample wrap. It teaches the format without handing anything over:
/// an ask written here would be pre-filled into every scaffold and lead
/// every brief until someone acknowledged it, so `next` is shown in a
/// comment. `author` is `None` when nobody was named; the file says so
/// where the name goes.
fn first_wrap(author: Option<&str>, at: DateTime<FixedOffset>) -> String {
    let author = match author {
        Some(name) => toml_text::basic_string(name),
        None => format!(
            "{}   # nobody was named (--author, STANDIN_AUTHOR, git config user.name): write yours",
            toml_text::basic_string(PLACEHOLDER_AUTHOR)
        ),
    };
    format!(
        r#"+++
author = {author}
date = {}   # the end of the shift, with its UTC offset
summary = "Set up the handoff site: wraps go in wraps/, `standin build` makes the site."
tags = ["handoffs"]
# What the next shift should pick up, one ask a line. Each stays on the
# briefs until the one it is for acknowledges it in their wrap (`[ack]`):
# next = [
#   "Watch the disk on db-1",                 # your own team's next shift
#   "platform: shard 4 on Monday 10:00 CET",  # a team
#   "@kenji rotate the staging keys",         # a person
#   "everyone: the freeze starts Friday",     # every team
# ]
+++
## Done
- Created this site with `standin init`.
- CI checks wraps on pull requests and publishes the site from `main`
  (`.github/workflows/handoffs.yml`).

## Notes
A wrap is Markdown with TOML front matter: what you did, decisions and why
(`[[decision]]`), what is at risk (`[[risk]]`), and what the next shift should
pick up (`next`, above). Write yours with `standin new --open` at the end of
your shift, and run `standin check` before you commit.
"#,
        at.format("%Y-%m-%dT%H:%M:00%:z")
    )
}
