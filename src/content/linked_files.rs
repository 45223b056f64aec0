//! What the relative links and images of the bodies lead to on disk: a
//! file, a folder, nothing, or a symlink (never followed). Looked at once
//! every file is parsed, in parallel, once per path, and again on every
//! build (an image may appear or vanish without any Markdown changing).
//! A reference to nothing, or through a symlink, is warned about here.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

use super::markdown::Rendered;
use super::markdown::references::Target;
use super::{DecisionRecord, Wrap};
use crate::diagnostics::{Diagnostics, SourceFile, suggest};
use crate::layout::{Entry, SiteDir};

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
    let bodies: Vec<(&SourceFile, &Rendered)> = wraps
        .iter()
        .map(|w| (&w.file, &w.body))
        .chain(records.iter().map(|r| (&r.file, &r.body)))
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
    for (file, body) in bodies {
        for reference in &body.references {
            let Target::Path(path) = &reference.target else {
                continue;
            };
            match linked.entry(path) {
                Entry::Missing => d.push(reference.missing(file, near_name(site, path))),
                Entry::Symlink => d.push(reference.through_symlink(file)),
                Entry::File | Entry::Folder => {}
            }
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
