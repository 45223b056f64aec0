//! Links between records as adr-tools, MADR and log4brains write them: a
//! line `Supersedes [1. Use Postgres](0001-use-postgres.md)` in the Status
//! or Links section, or a status `superseded by ADR-0012`. The content
//! stage reads what each line names; the ledger finds the records.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::content::markdown::Place;
use crate::content::markdown::references::{Target, locate};

/// How one record relates to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RelationKind {
    /// This record replaces the other.
    Supersedes,
    /// The other replaces this one.
    SupersededBy,
    /// This record changes the other without retiring it.
    Amends,
    /// The other changes this one.
    AmendedBy,
    /// Any other relation, by its words as written (`Clarifies`).
    Other(String),
}

impl RelationKind {
    /// The kind a verb names; the historical misspelling `Supercedes` too.
    pub(crate) fn from_verb(verb: &str) -> RelationKind {
        let normal = verb
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        match normal.as_str() {
            "supersedes" | "supercedes" | "replaces" => RelationKind::Supersedes,
            "superseded by" | "superceded by" | "replaced by" => RelationKind::SupersededBy,
            "amends" => RelationKind::Amends,
            "amended by" => RelationKind::AmendedBy,
            _ => RelationKind::Other(verb.split_whitespace().collect::<Vec<_>>().join(" ")),
        }
    }
}

/// What a relation points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RelationTarget {
    /// A record file, by its path in the site (`docs/adr/0001-x.md`).
    File(String),
    /// A record by its number in the same folder (`ADR-0012`).
    Number(u32),
}

/// One relation a record states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Relation {
    pub kind: RelationKind,
    pub target: RelationTarget,
    /// The target as written (`1. Use Postgres`), for messages.
    pub text: String,
    /// Where the relation is written, in the file.
    pub span: Range<usize>,
}

/// `[text](destination)`, with an optional title.
static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"\[([^\]]*)\]\(\s*(<[^>]*>|[^)\s]*)(?:\s+"[^"]*")?\s*\)"#).expect("a valid regex")
});
/// A verb: one to five words of letters.
static VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\p{L}[\p{L}'’-]*(?: \p{L}[\p{L}'’-]*){0,4}$").expect("a valid regex")
});
/// A record named by its number: `ADR-0012`, `ADR 12`, `#12`, `0012`.
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:ADR[-_ ]?|#)?0*(\d{1,6})(?:\b|$)").expect("a valid regex")
});
/// A status naming what replaced it without a link: `superseded by ADR-0012`.
static BY_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(superseded|superceded|replaced|amended)\s+by\s*:?\s+(.+?)\s*$")
        .expect("a valid regex")
});

/// The relations a line states (`Supersedes [a](a.md)`, `* Refined by
/// [b](b.md), [c](c.md)`): a verb, then one or more links to records.
/// `line_start` is the line's offset in the file; `at` the record's place,
/// which links are read from as in its body.
pub(super) fn from_line(line: &str, line_start: usize, at: Place) -> Vec<Relation> {
    let body = strip_bullet(line);
    let Some(first) = LINK.find(body) else {
        return Vec::new();
    };
    let verb = body[..first.start()].trim().trim_end_matches(':').trim();
    if !VERB.is_match(verb) {
        return Vec::new();
    }
    let kind = RelationKind::from_verb(verb);
    let span = line_start..line_start + line.trim_end().len();
    LINK.captures_iter(body)
        .filter_map(|link| {
            let target = link_target(&link[2], at)?;
            Some(Relation {
                kind: kind.clone(),
                target,
                text: link[1].trim().to_string(),
                span: span.clone(),
            })
        })
        .collect()
}

/// The relation in a status such as `superseded by [ADR-0005](0005-x.md)`
/// or `superseded by ADR-0123`.
pub(super) fn from_status(status: &str, span: Range<usize>, at: Place) -> Option<Relation> {
    if let Some(relation) = from_line(status, span.start, at).into_iter().next() {
        return Some(Relation { span, ..relation });
    }
    let by = BY_TEXT.captures(status)?;
    let kind = RelationKind::from_verb(&format!("{} by", &by[1]));
    let text = by[2].trim_end_matches('.').to_string();
    let target = text_target(&text)?;
    Some(Relation {
        kind,
        target,
        text,
        span,
    })
}

fn strip_bullet(line: &str) -> &str {
    let line = line.trim();
    for bullet in ["* ", "- ", "+ "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return rest.trim_start();
        }
    }
    line
}

/// A link's destination as a record file, read from `at` as the body's
/// links are; `None` for URLs, files that are not Markdown, and paths out
/// of the site.
fn link_target(destination: &str, at: Place) -> Option<RelationTarget> {
    let destination = destination.trim_start_matches('<').trim_end_matches('>');
    match locate(destination, at)? {
        (Target::Path(path), _) if path.to_ascii_lowercase().ends_with(".md") => {
            Some(RelationTarget::File(path))
        }
        _ => None,
    }
}

/// A record named in text: by number, or by its file name.
fn text_target(text: &str) -> Option<RelationTarget> {
    if text.to_ascii_lowercase().ends_with(".md") && !text.contains(char::is_whitespace) {
        return None;
    }
    let number = NUMBER.captures(text)?;
    number[1].parse().ok().map(RelationTarget::Number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{DecisionDir, FoundBy};

    fn file(path: &str) -> RelationTarget {
        RelationTarget::File(path.to_string())
    }

    #[test]
    fn adr_tools_link_lines() {
        let relations = from_line(
            "Superceded by [2. Second Record](0002-second-record.md)",
            10,
            Place::in_site("doc/adr/x.md"),
        );
        assert_eq!(
            relations,
            [Relation {
                kind: RelationKind::SupersededBy,
                target: file("doc/adr/0002-second-record.md"),
                text: "2. Second Record".into(),
                span: 10..65,
            }]
        );
        let clarifies = from_line(
            "Clarifies [2. X](0002-x.md)",
            0,
            Place::in_site("doc/adr/x.md"),
        );
        assert_eq!(clarifies[0].kind, RelationKind::Other("Clarifies".into()));
        assert_eq!(
            from_line(
                "Supercedes [1. Y](./0001-y.md)",
                0,
                Place::in_site("doc/adr/x.md")
            )[0]
            .kind,
            RelationKind::Supersedes
        );
    }

    #[test]
    fn bullets_several_links_and_folders() {
        let relations = from_line(
            "- Refined by [a](../other/a.md), [b](b.md#context)",
            0,
            Place::in_site("docs/adr/x.md"),
        );
        let targets: Vec<_> = relations.iter().map(|r| r.target.clone()).collect();
        assert_eq!(targets, [file("docs/other/a.md"), file("docs/adr/b.md")]);
        assert_eq!(relations[0].kind, RelationKind::Other("Refined by".into()));
        let folders = [DecisionDir {
            path: "../adr".into(),
            package: None,
            found_by: FoundBy::Config,
        }];
        let above = Place {
            site_path: "../adr/x.md",
            folders: &folders,
            site_names: &[],
        };
        assert_eq!(
            from_line("* Amends [x](x%20y.md)", 0, above)[0].target,
            file("../adr/x y.md")
        );
        // Out of the site, as in the body: no record there.
        assert!(from_line("* Amends [x](../../y.md)", 0, above).is_empty());
    }

    #[test]
    fn not_relations() {
        for line in [
            "Accepted",
            "Accepted, see [the notes](notes.md)",
            "We chose [Redis](https://redis.io) for this",
            "Relates to [diagram](diagram.png)",
            "Relates to [site](https://example.com/a.md)",
        ] {
            assert!(
                from_line(line, 0, Place::in_site("d/x.md")).is_empty(),
                "{line}"
            );
        }
    }

    #[test]
    fn statuses_naming_what_replaced_them() {
        let by_number = from_status(
            "superseded by ADR-0123",
            5..27,
            Place::in_site("docs/adr/x.md"),
        )
        .unwrap();
        assert_eq!(by_number.kind, RelationKind::SupersededBy);
        assert_eq!(by_number.target, RelationTarget::Number(123));
        let by_link = from_status(
            "superseded by [ADR-0005](0005-x.md)",
            0..1,
            Place::in_site("docs/adr/x.md"),
        )
        .unwrap();
        assert_eq!(by_link.target, file("docs/adr/0005-x.md"));
        assert_eq!(by_link.span, 0..1);
        assert!(from_status("accepted", 0..1, Place::in_site("d/x.md")).is_none());
        assert!(
            from_status("superseded by the next one", 0..1, Place::in_site("d/x.md")).is_none()
        );
    }
}
