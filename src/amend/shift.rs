//! The writer's wrap of the current shift: the one `standin ack` and
//! `standin ask` add to.
//!
//! A wrap is dated at the end of its shift and committed when the shift
//! hands over. So at the time `at` (now, or `--at`), the wrap of the
//! current shift is the writer's newest wrap that
//!
//! - is dated within [`SHIFT_HOURS`] of `at`, before or after it: one
//!   an earlier one-liner started this shift, or one scaffolded ahead
//!   with `standin new --at 18:00`; and
//! - is not committed yet: git has it untracked, added or changed. A
//!   committed wrap has been handed over, and the next one-liner starts a
//!   new wrap. Outside a git repository (or without git) the time alone
//!   decides.
//!
//! Drafts and untouched scaffolds count: they are wraps being written.
//! When there is none, the caller makes one as `standin new` would.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, TimeDelta};

use crate::content::Wrap;
use crate::ids::PersonKey;
use crate::site_dir::SiteDir;

/// How far from `at` a wrap of the writer's may be dated and still be
/// this shift's: no shift is longer.
const SHIFT_HOURS: i64 = 12;

/// The writer's wrap of the shift going on at `at`, and where it is.
pub(super) fn current<'a>(
    site: &SiteDir,
    wraps: &'a [Arc<Wrap>],
    author: &PersonKey,
    at: DateTime<FixedOffset>,
) -> Option<(&'a Wrap, PathBuf)> {
    let mut theirs: Vec<&Wrap> = wraps
        .iter()
        .map(Arc::as_ref)
        .filter(|w| w.author == *author && in_shift(w.at, at))
        .collect();
    // Newest first; of two in one minute, the later path (`-2`) first.
    theirs.sort_by(|a, b| (b.at, &b.file.site_path).cmp(&(a.at, &a.file.site_path)));
    theirs
        .into_iter()
        .map(|w| (w, site.root.join(&w.file.site_path)))
        .find(|(_, path)| !committed(path))
}

/// Whether a wrap dated `dated` can be the one of the shift going on at
/// `at`.
fn in_shift(dated: DateTime<FixedOffset>, at: DateTime<FixedOffset>) -> bool {
    (dated - at).abs() <= TimeDelta::hours(SHIFT_HOURS)
}

/// Whether git has `path` committed as it is: tracked, unchanged, not
/// ignored. False outside a repository, or when git cannot be run.
fn committed(path: &Path) -> bool {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return false;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let output = Command::new("git")
        .arg("--literal-pathspecs")
        .arg("-C")
        .arg(dir)
        .args(["status", "--porcelain", "--ignored", "--"])
        .arg(name)
        .output();
    matches!(output, Ok(o) if o.status.success() && o.stdout.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    #[test]
    fn a_shift_is_twelve_hours_either_way() {
        let now = at("2026-11-20T12:00:00+09:00");
        assert!(in_shift(at("2026-11-20T00:00:00+09:00"), now));
        assert!(in_shift(at("2026-11-20T18:00:00+09:00"), now));
        // The same instant in another offset.
        assert!(in_shift(at("2026-11-20T03:00:00+00:00"), now));
        assert!(!in_shift(at("2026-11-19T23:59:00+09:00"), now));
        assert!(!in_shift(at("2026-11-21T00:01:00+09:00"), now));
    }

    #[test]
    fn a_file_outside_any_repository_is_not_committed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ana-1742.md");
        std::fs::write(&path, "x").unwrap();
        assert!(!committed(&path));
    }
}
