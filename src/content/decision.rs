//! A decision: a `[[decision]]` entry in a wrap, or the front matter of a
//! long-form record in `decisions/`.

use std::ops::Range;

use super::shared_keys::{read_id, read_line, read_tags};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::ids::{DecisionId, Tag};
use crate::strict_toml::{Located, Table, choice_enum};
use crate::url_policy;

/// The keys a `[[decision]]` table may have.
pub(crate) const KEYS: &[&str] = &["id", "title", "why", "link", "supersedes", "status", "tags"];

choice_enum! {
    /// Where a decision stands.
    pub(crate) enum DecisionStatus {
        Proposed = "proposed",
        Accepted = "accepted",
        Superseded = "superseded",
        Rejected = "rejected",
    }
}

/// What one file says about a decision.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DecisionEntry {
    /// The id as written, or the slug of the title (then its span is the
    /// title's).
    pub id: Located<DecisionId>,
    pub title: Located<String>,
    pub why: Option<String>,
    pub link: Option<String>,
    pub supersedes: Vec<Located<DecisionId>>,
    /// `None` means the default, accepted.
    pub status: Option<DecisionStatus>,
    pub tags: Vec<Tag>,
    pub span: Range<usize>,
}

impl DecisionEntry {
    /// Reads the decision keys of `table`, leaving others (a record's
    /// `date`, `author`, ...) for the caller. `None` without a usable title.
    pub(crate) fn read_keys(table: &mut Table, d: &mut Diagnostics) -> Option<DecisionEntry> {
        let explicit_id = read_id(table, "id", DecisionId::new, false, d);
        let title = read_line(table, "title", true, d);
        let why = read_line(table, "why", true, d).map(|l| l.value);
        if let Some(why) = &why
            && why.trim().is_empty()
        {
            d.push(table.missing("why").with_help(
                "a decision without its reason is an announcement: say why in one sentence",
            ));
        }
        let link = read_link(table, d);
        let supersedes = read_supersedes(table, d);
        let status = table.choice::<DecisionStatus>("status", d).map(|l| l.value);
        let tags = read_tags(table, d);
        let title = title?;
        let id = match explicit_id {
            Some(id) => id,
            None => match DecisionId::from_title(&title.value) {
                Some(id) => Located::new(id, title.span.clone()),
                None => {
                    d.push(
                        Diagnostic::new(Code::BadId, "this title gives no usable id")
                            .at(table.file(), title.span.clone())
                            .with_help("add `id = \"short-name\"` to the decision"),
                    );
                    return None;
                }
            },
        };
        Some(DecisionEntry {
            id,
            title,
            why,
            link,
            supersedes,
            status,
            tags,
            span: table.span(),
        })
    }
}

fn read_link(table: &mut Table, d: &mut Diagnostics) -> Option<String> {
    let link = table.optional::<String>("link", d)?;
    url_policy::check_field("link", &link.value, table.file(), link.span, d).then_some(link.value)
}

fn read_supersedes(table: &mut Table, d: &mut Diagnostics) -> Vec<Located<DecisionId>> {
    let mut ids = Vec::new();
    for item in table.strings("supersedes", d) {
        match DecisionId::new(item.value) {
            Ok(id) => ids.push(Located::new(id, item.span)),
            Err(invalid) => d.push(
                Diagnostic::new(Code::BadId, "`supersedes` must name decision ids")
                    .at(table.file(), item.span)
                    .with_help(invalid.hint()),
            ),
        }
    }
    ids
}

/// Reads a `[[decision]]` table of a wrap.
pub(crate) fn read_entry(mut table: Table, d: &mut Diagnostics) -> Option<DecisionEntry> {
    let entry = DecisionEntry::read_keys(&mut table, d);
    table.finish(d);
    entry
}
