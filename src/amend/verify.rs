//! Before anything is written: the edited wrap read as `standin check`
//! reads it, on its own and with the rest of the site (the asks it
//! acknowledges, the names it hands over to). An error that the edit
//! brings stops the write; problems the wrap had before are left to
//! `standin check`.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use crate::config::Config;
use crate::content::wrap::WrapFile;
use crate::content::{Content, Wrap};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceFile, suggest_n};
use crate::ids::ItemId;
use crate::ledger::{AsOf, Ledger};
use crate::site_dir::SiteDir;

/// A wrap's text as it would be written.
pub(super) struct Candidate<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    /// The bytes the edit wrote (the `[ack]` line, the ask).
    pub edited: Range<usize>,
    /// A new file: every error in it is the edit's.
    pub created: bool,
}

/// Whether `candidate` may be written: `None`, with the errors it would
/// bring in `d`, if not. `content` is the site as it is; `ack` the id an
/// acknowledgement names.
pub(super) fn sound(
    site: &SiteDir,
    config: &Config,
    mut content: Content,
    candidate: &Candidate,
    ack: Option<&str>,
    d: &mut Diagnostics,
) -> Option<()> {
    let relative = site.relative(candidate.path);
    let display = site.display_path(candidate.path);
    let file = SourceFile::in_site(display.clone(), relative.clone(), candidate.text);
    let mut found = Diagnostics::new();
    let parsed = Wrap::parse(file.clone(), candidate.path, config, &mut found);
    content.wraps.retain(|w| w.file.site_path != relative);
    if let Some(mut wrap) = parsed {
        // Not on disk (yet): the ledger's diagnostics quote this text.
        wrap.file = WrapFile::in_memory(file.clone());
        let at = content
            .wraps
            .partition_point(|w| w.file.site_path < relative);
        content.wraps.insert(at, Arc::new(wrap));
    }
    let ledger = Ledger::build(config, content, AsOf::NewestWrap, &mut found);
    let mut problems: Vec<Diagnostic> = found
        .iter()
        .filter(|x| x.is_error() && x.file_path() == Some(display.as_str()))
        .filter(|x| candidate.created || touches(x, &candidate.edited))
        .cloned()
        .collect();
    // A draft or an untouched scaffold never reaches the ledger, and a
    // site with a file that cannot be read holds back unknown ids: the
    // id is looked up here then.
    if let Some(id) = ack
        && problems.is_empty()
        && !ledger.handover.by_id.contains_key(id)
    {
        problems.push(unknown_ask(id, &ledger, &file, candidate.edited.clone()));
    }
    if problems.is_empty() {
        return Some(());
    }
    d.extend(problems);
    None
}

/// Whether a diagnostic points into `edited` (one with no place in the
/// file does not).
fn touches(diagnostic: &Diagnostic, edited: &Range<usize>) -> bool {
    let span = diagnostic.location.as_ref().and_then(|l| l.span.clone());
    span.is_some_and(|s| {
        if s.is_empty() {
            edited.contains(&s.start)
        } else {
            s.start < edited.end && edited.start < s.end
        }
    })
}

/// An acknowledgement of an ask no wrap hands over, said as `check` says
/// it (E025), with the closest ids.
fn unknown_ask(id: &str, ledger: &Ledger, file: &SourceFile, span: Range<usize>) -> Diagnostic {
    let mut ids: Vec<&str> = ledger.handover.by_id.keys().map(ItemId::as_str).collect();
    ids.sort_unstable();
    let help = suggest_n(id, ids, 3).unwrap_or_else(|| {
        "ask ids are shown beside each ask on the briefs; `standin new` pre-fills the ones handed to you".to_string()
    });
    Diagnostic::new(
        Code::UnknownItem,
        format!("no earlier wrap hands over an ask `{id}`"),
    )
    .at(file, span)
    .with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_points_into_the_edit_is_the_edits() {
        let file = SourceFile::new("w.md", "0123456789");
        let at = |span: Range<usize>| Diagnostic::new(Code::UnknownItem, "x").at(&file, span);
        assert!(touches(&at(3..5), &(4..8)));
        assert!(touches(&at(4..4), &(4..8)));
        assert!(!touches(&at(0..4), &(4..8)));
        assert!(!touches(&at(8..9), &(4..8)));
        assert!(!touches(&Diagnostic::new(Code::UnknownItem, "x"), &(4..8)));
    }
}
