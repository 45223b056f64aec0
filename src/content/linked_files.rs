//! What the relative links and images of the bodies lead to on disk: a
//! file, a folder, nothing, or a symlink (never followed). Looked at once
//! every file is parsed, in parallel, once per path, and again on every
//! build (an image may appear or vanish without any Markdown changing).
//! A reference to nothing, or through a symlink, is warned about here.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

use super::markdown::BodyFacts;
use super::markdown::references::{Reference, Target};
use super::{DecisionRecord, Wrap};
use crate::diagnostics::{Diagnostics, Locate, suggest};
use crate::site_dir::{Entry, SiteDir};

/// What is at each site path a body refers to.
#[derive(Debug, Clone, Default)]
pub(crate) struct LinkedFiles {
    // Only looked up, never iterated: a hash map is fine for determinism.
    entries: HashMap<String, Entry>,
}

impl LinkedFiles {
    /// What is at `path`, a [`Target::Path`] of some body; `Missing` for a
    /// path no body names.
    pub(crate) fn entry(&self, path: &str) -> Entry {
        self.entries.get(path).copied().unwrap_or(Entry::Missing)
    }
}

/// Looks at every path the bodies of `wraps` and `records` refer to, and
/// warns about references to nothing or through a symlink.
pub(crate) fn survey(
    site: &SiteDir,
    wraps: &[Arc<Wrap>],
    records: &[Arc<DecisionRecord>],
    d: &mut Diagnostics,
) -> LinkedFiles {
    let bodies: Vec<(&dyn Locate, &BodyFacts)> = wraps
        .iter()
        .map(|w| (&w.file as &dyn Locate, &w.body))
        .chain(records.iter().map(|r| (&r.file as &dyn Locate, &*r.body)))
        .collect();
    let paths: BTreeSet<&str> = bodies
        .iter()
        .flat_map(|(_, body)| &body.references)
        .filter_map(|r| match &r.target {
            Target::Path(path) => Some(path.as_str()),
            _ => None,
        })
        .collect();
    let entries: HashMap<String, Entry> = paths
        .into_par_iter()
        .map(|path| (path.to_string(), site.entry_at(path)))
        .collect();
    let linked = LinkedFiles { entries };
    let mut near: HashMap<&str, Option<String>> = HashMap::new();
    for (file, body) in bodies {
        // One warning per target and file, at its first place: a target
        // written a thousand times is one mistake.
        let mut first: Vec<(&str, &Reference, usize)> = Vec::new();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for reference in &body.references {
            let Target::Path(path) = &reference.target else {
                continue;
            };
            if linked.entry(path) == Entry::File || linked.entry(path) == Entry::Folder {
                continue;
            }
            match seen.get(path.as_str()) {
                Some(&at) => first[at].2 += 1,
                None => {
                    seen.insert(path, first.len());
                    first.push((path, reference, 1));
                }
            }
        }
        // A wrap changed since it was parsed: its warnings name the file
        // without pointing into it (see `Diagnostic::at`).
        for (path, reference, count) in first {
            let mut warning = match linked.entry(path) {
                Entry::Symlink => reference.through_symlink(file),
                _ => {
                    let near = near
                        .entry(path)
                        .or_insert_with(|| near_name(site, path))
                        .clone();
                    reference.missing(file, near)
                }
            };
            if count > 1 {
                let more = count - 1;
                let times = if more == 1 { "time" } else { "times" };
                warning.message += &format!(" (and {more} more {times} in this file)");
            }
            d.push(warning);
        }
    }
    linked
}

/// "did you mean `0033-ip-ranges.md`?" for a missing file whose folder
/// holds a file of a close name.
fn near_name(site: &SiteDir, path: &str) -> Option<String> {
    let (folder, name) = path.rsplit_once('/').unwrap_or(("", path));
    let names = site.names_in(folder);
    suggest(name, names.iter().map(String::as_str))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::diagnostics::{Code, SourceFile};

    /// `wraps/a.md` holding `text`, written in `dir` and parsed.
    fn wrap_at(dir: &std::path::Path, text: &str) -> Wrap {
        std::fs::create_dir_all(dir.join("wraps")).unwrap();
        let path = dir.join("wraps/a.md");
        std::fs::write(&path, text).unwrap();
        let mut d = Diagnostics::new();
        let config = Config::parse(SourceFile::new("standin.toml", ""), &mut d).unwrap();
        let wrap = Wrap::parse(SourceFile::new("wraps/a.md", text), &path, &config, &mut d);
        assert!(d.is_empty(), "{d:?}");
        wrap.unwrap()
    }

    #[test]
    fn a_missing_target_warns_once_per_file_with_a_near_name() {
        let dir = tempfile::tempdir().unwrap();
        let text = "+++\nauthor = \"a\"\ndate = 2026-11-20T10:00:00Z\n+++\n![a](grap.png) ![b](grap.png) [c](grap.png) ![d](graph.png)\n";
        let wrap = wrap_at(dir.path(), text);
        std::fs::write(dir.path().join("wraps/graph.png"), b"png").unwrap();
        let site = SiteDir::new(dir.path());
        let mut d = Diagnostics::new();
        let linked = survey(&site, &[Arc::new(wrap)], &[], &mut d);
        assert_eq!(linked.entry("wraps/graph.png"), Entry::File);
        assert_eq!(linked.entry("wraps/grap.png"), Entry::Missing);
        let found: Vec<_> = d.iter().collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].code, Code::BrokenReference);
        assert_eq!(found[0].line_column(), Some((5, 6)));
        assert!(
            found[0]
                .message
                .ends_with("(and 2 more times in this file)")
        );
        assert!(
            found[0]
                .help
                .as_deref()
                .unwrap()
                .starts_with("did you mean `graph.png`?")
        );
    }

    #[test]
    fn a_wrap_changed_since_it_was_parsed_is_named_not_quoted() {
        let dir = tempfile::tempdir().unwrap();
        let text = "+++\nauthor = \"a\"\ndate = 2026-11-20T10:00:00Z\n+++\nSee [it](gone.png).\n";
        let wrap = wrap_at(dir.path(), text);
        // Edited after it was parsed: the warning must not quote a line
        // of the new text at the old place.
        let edited = "+++\nauthor = \"a\"\n+++\nsomething else entirely\n";
        std::fs::write(dir.path().join("wraps/a.md"), edited).unwrap();
        let site = SiteDir::new(dir.path());
        let mut d = Diagnostics::new();
        survey(&site, &[Arc::new(wrap)], &[], &mut d);
        let found: Vec<_> = d.iter().collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].code, Code::BrokenReference);
        assert!(found[0].location.is_none());
        assert_eq!(found[0].file_path(), Some("wraps/a.md"));
    }
}
