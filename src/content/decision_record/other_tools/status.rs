//! Statuses as other tools' records write them ("Accepted", "Draft",
//! "On hold", "superseded by ADR-0012"), mapped to standin's four for the
//! log's filter. The words written are kept and shown; the mapping only
//! says which filter finds the record.
//!
//! The mapping: words that mean the decision is in force map to
//! `accepted`; words for a decision not (yet) in force — a draft, a
//! proposal, one on hold, and any word standin does not know — map to
//! `proposed`; words for a decision turned down map to `rejected`; words
//! for one no longer in force — replaced or retired (`deprecated`,
//! `obsolete`) — map to `superseded`.

use crate::content::decision::DecisionStatus;

/// A status as a record writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WrittenStatus {
    /// The status the filters know it by.
    pub mapped: DecisionStatus,
    /// The words as written, when they are not simply the mapped status
    /// (`Deprecated`, `On hold`); `None` for `Accepted`, `superseded`,
    /// `Superceded`.
    pub label: Option<String>,
}

/// Known phrases, lowercase, longest first where one starts another; and
/// whether the phrase is just a spelling of the status it maps to.
const PHRASES: &[(&str, DecisionStatus, bool)] = &[
    ("accepted", DecisionStatus::Accepted, true),
    ("approved", DecisionStatus::Accepted, false),
    ("adopted", DecisionStatus::Accepted, false),
    ("agreed", DecisionStatus::Accepted, false),
    ("decided", DecisionStatus::Accepted, false),
    ("implemented", DecisionStatus::Accepted, false),
    ("done", DecisionStatus::Accepted, false),
    ("active", DecisionStatus::Accepted, false),
    ("proposed", DecisionStatus::Proposed, true),
    ("proposal", DecisionStatus::Proposed, false),
    ("draft", DecisionStatus::Proposed, false),
    ("in progress", DecisionStatus::Proposed, false),
    ("in review", DecisionStatus::Proposed, false),
    ("under review", DecisionStatus::Proposed, false),
    ("under discussion", DecisionStatus::Proposed, false),
    ("pending", DecisionStatus::Proposed, false),
    ("on hold", DecisionStatus::Proposed, false),
    ("open", DecisionStatus::Proposed, false),
    ("rejected", DecisionStatus::Rejected, true),
    ("declined", DecisionStatus::Rejected, false),
    ("abandoned", DecisionStatus::Rejected, false),
    ("withdrawn", DecisionStatus::Rejected, false),
    ("won't do", DecisionStatus::Rejected, false),
    ("superseded", DecisionStatus::Superseded, true),
    ("superceded", DecisionStatus::Superseded, true),
    ("replaced", DecisionStatus::Superseded, false),
    ("deprecated", DecisionStatus::Superseded, false),
    ("obsolete", DecisionStatus::Superseded, false),
    ("retired", DecisionStatus::Superseded, false),
    ("revoked", DecisionStatus::Superseded, false),
];

/// Reads the status at the start of `text` (a status line or value): a
/// known phrase, else its first word. `None` when `text` has no word.
pub(crate) fn read(text: &str) -> Option<WrittenStatus> {
    let text = text.trim().trim_start_matches(['*', '_', '`']);
    for (phrase, mapped, is_spelling) in PHRASES {
        if let Some(written) = starts_with_word(text, phrase) {
            return Some(WrittenStatus {
                mapped: *mapped,
                label: (!is_spelling).then(|| written.to_string()),
            });
        }
    }
    let word: String = text
        .split_whitespace()
        .next()?
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_string();
    let usable = word.chars().next().is_some_and(char::is_alphanumeric);
    usable.then_some(WrittenStatus {
        mapped: DecisionStatus::Proposed,
        label: Some(word),
    })
}

/// The start of `text` when it is `phrase` (in any case) followed by no
/// letter or digit.
fn starts_with_word<'a>(text: &'a str, phrase: &str) -> Option<&'a str> {
    let written = text.get(..phrase.len())?;
    let rest = &text[phrase.len()..];
    (written.eq_ignore_ascii_case(phrase)
        && !rest.chars().next().is_some_and(char::is_alphanumeric))
    .then_some(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mapped(text: &str) -> (DecisionStatus, Option<String>) {
        let status = read(text).unwrap();
        (status.mapped, status.label)
    }

    #[test]
    fn statuses_map_and_keep_their_words() {
        assert_eq!(mapped("Accepted"), (DecisionStatus::Accepted, None));
        assert_eq!(
            mapped("accepted on 2020-01-02"),
            (DecisionStatus::Accepted, None)
        );
        assert_eq!(
            mapped("Superceded by [2. X](0002-x.md)"),
            (DecisionStatus::Superseded, None)
        );
        assert_eq!(
            mapped("Deprecated"),
            (DecisionStatus::Superseded, Some("Deprecated".into()))
        );
        assert_eq!(
            mapped("On hold until Q3"),
            (DecisionStatus::Proposed, Some("On hold".into()))
        );
        assert_eq!(
            mapped("draft"),
            (DecisionStatus::Proposed, Some("draft".into()))
        );
        assert_eq!(
            mapped("Experimental, staging only"),
            (DecisionStatus::Proposed, Some("Experimental".into()))
        );
        assert_eq!(
            mapped("**Approved**"),
            (DecisionStatus::Accepted, Some("Approved".into()))
        );
        // A word that only starts like a known one is not it.
        assert_eq!(
            mapped("Opened"),
            (DecisionStatus::Proposed, Some("Opened".into()))
        );
        assert_eq!(read("  "), None);
        assert_eq!(read("{proposed | accepted}"), None);
    }
}
