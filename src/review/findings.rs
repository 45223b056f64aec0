//! The errors and warnings a change brings, and those it fixes. A
//! diagnostic is the same on both sides when its code, file and message
//! are: lines shift with every edit above them, and are not compared.

use std::collections::HashMap;

use crate::diagnostics::{Code, Diagnostic, Diagnostics};

/// Diagnostics only one side has.
#[derive(Debug, Clone, Default)]
pub(crate) struct Findings {
    /// In the work tree, not at the base: what the change brings.
    pub introduced: Diagnostics,
    /// At the base, not in the work tree: what the change fixes.
    pub fixed: Diagnostics,
}

type Key<'a> = (Code, Option<&'a str>, &'a str);

fn key(diagnostic: &Diagnostic) -> Key<'_> {
    (
        diagnostic.code,
        diagnostic.file_path(),
        diagnostic.message.as_str(),
    )
}

impl Findings {
    /// Both sides' diagnostics must name files alike (the base's as the
    /// work tree's): see `SiteDir::shown_as`.
    pub(crate) fn compare(base: &Diagnostics, head: &Diagnostics) -> Findings {
        Findings {
            introduced: only_in(head, base),
            fixed: only_in(base, head),
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.introduced.is_empty() && self.fixed.is_empty()
    }
}

/// The diagnostics of `these` that `those` does not have, as many times
/// as they are there more often.
fn only_in(these: &Diagnostics, those: &Diagnostics) -> Diagnostics {
    let mut counts: HashMap<Key, usize> = HashMap::new();
    for diagnostic in those {
        *counts.entry(key(diagnostic)).or_default() += 1;
    }
    these
        .iter()
        .filter(|diagnostic| match counts.get_mut(&key(diagnostic)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::SourceFile;

    #[test]
    fn diagnostics_are_matched_by_code_file_and_message_not_line() {
        let before = SourceFile::new("a.md", "x\ny\n");
        let after = SourceFile::new("a.md", "new\nx\ny\n");
        let warn = |file: &SourceFile, at: usize, message: &str| {
            Diagnostic::new(Code::EmptyWrap, message).at(file, at..at + 1)
        };
        let base: Diagnostics = [warn(&before, 0, "moved"), warn(&before, 2, "gone")]
            .into_iter()
            .collect();
        let head: Diagnostics = [
            warn(&after, 4, "moved"),
            warn(&after, 0, "new"),
            warn(&after, 6, "new"),
        ]
        .into_iter()
        .collect();
        let findings = Findings::compare(&base, &head);
        let messages = |d: &Diagnostics| d.iter().map(|d| d.message.clone()).collect::<Vec<_>>();
        assert_eq!(messages(&findings.introduced), ["new", "new"]);
        assert_eq!(messages(&findings.fixed), ["gone"]);
    }
}
