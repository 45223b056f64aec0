//! Paths inside the output directory, checked before anything is written,
//! renamed or deleted there.

use std::fmt;
use std::path::{Path, PathBuf};

/// A file's path relative to the output directory: `/`-separated normal
/// segments only. No `..`, no `.`, no empty segment, no absolute path, no
/// backslash, no control character (a name with a newline once smuggled a
/// line into a manifest), and no segment standin uses for itself.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct OutPath(String);

/// Why a path cannot be an output path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BadOutPath {
    pub path: String,
    pub reason: &'static str,
}

impl fmt::Display for BadOutPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` {}", self.path.escape_debug(), self.reason)
    }
}

/// The prefix of the folder a build stages its files in, inside the output.
pub(super) const STAGING_PREFIX: &str = ".standin-staging-";

impl OutPath {
    pub(crate) fn new(path: &str) -> Result<Self, BadOutPath> {
        let bad = |reason| {
            Err(BadOutPath {
                path: path.to_string(),
                reason,
            })
        };
        if path.is_empty() {
            return bad("is empty");
        }
        if path.starts_with('/') {
            return bad("is absolute");
        }
        if path.contains('\\') {
            return bad("holds a backslash");
        }
        if path.chars().any(char::is_control) {
            return bad("holds a control character");
        }
        for segment in path.split('/') {
            match segment {
                "" => return bad("has an empty segment"),
                "." | ".." => return bad("leads out of its folder"),
                s if s.starts_with(STAGING_PREFIX) => {
                    return bad("is a name standin keeps for itself");
                }
                _ => {}
            }
        }
        if Path::new(path).is_absolute() {
            // `C:x` and friends on Windows.
            return bad("is absolute");
        }
        Ok(Self(path.to_string()))
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    /// The path under `root`.
    pub(crate) fn under(&self, root: &Path) -> PathBuf {
        root.join(&self.0)
    }

    /// Its parent folders, outermost first (`a`, `a/b` for `a/b/c.html`).
    pub(crate) fn parents(&self) -> impl Iterator<Item = &str> {
        self.0.match_indices('/').map(|(at, _)| &self.0[..at])
    }
}

impl fmt::Display for OutPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_site_paths() {
        for path in [
            "index.html",
            "briefs/2026-11-20/index.html",
            "assets/vendor/elasticlunr.min.js",
            "static name with spaces.pdf",
            "zoë/ångström.png",
            ".well-known/security.txt",
        ] {
            assert!(OutPath::new(path).is_ok(), "{path}");
        }
    }

    #[test]
    fn rejects_paths_that_could_leave_the_output() {
        for path in [
            "",
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a/./b",
            "a//b",
            "a/",
            "a\\..\\x",
            "a\n0000000000000000 1 /tmp/x/victim",
            "a\u{1b}[2J",
            ".standin-staging-42/x",
        ] {
            assert!(OutPath::new(path).is_err(), "{path:?}");
        }
    }

    #[test]
    fn parents_are_outermost_first() {
        let path = OutPath::new("a/b/c.html").unwrap();
        assert_eq!(path.parents().collect::<Vec<_>>(), ["a", "a/b"]);
        assert_eq!(OutPath::new("c.html").unwrap().parents().count(), 0);
    }
}
