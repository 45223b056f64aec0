//! The ledger's wraps, decisions, risks and incidents as search documents: the text
//! each field indexes, and what a result line shows.

use chrono::{DateTime, FixedOffset, Utc};

use super::kinds::{self, Kind, Status};
use crate::ledger::Ledger;
use crate::ledger::incident::Incident;
use crate::site::lines::{Lines, TeamRef, team_ref};
use crate::site::urls;
use crate::site::vocabulary::describe_changes;
use crate::strict_toml::Choice;

/// Characters of body text a teaser shows.
const TEASER_CHARS: usize = 160;

/// An indexed field, and how much a match in it counts: matches in titles,
/// summaries and ids outrank matches in labels and names, which outrank
/// matches in bodies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Field {
    pub name: &'static str,
    /// 1 (body) to 3 (title).
    pub class: u8,
}

/// The indexed fields, in the order of [`SearchDoc::fields`].
pub(crate) const FIELDS: &[Field] = &[
    // A wrap's title is its summary.
    Field {
        name: "title",
        class: 3,
    },
    Field {
        name: "id",
        class: 3,
    },
    // Tags, status, severity, shift.
    Field {
        name: "labels",
        class: 2,
    },
    // Author, owner, team.
    Field {
        name: "people",
        class: 2,
    },
    Field {
        name: "body",
        class: 1,
    },
];
const TITLE: usize = 0;
const ID: usize = 1;
const LABELS: usize = 2;
const PEOPLE: usize = 3;
const BODY: usize = 4;

/// One searchable document.
#[derive(Debug, Clone)]
pub(crate) struct SearchDoc {
    pub kind: &'static Kind,
    pub status: Option<Status>,
    /// Words shown beside the status: `high`, `blocker`, `stale`.
    pub flags: Vec<String>,
    /// As shown; `code` spans are rendered as code.
    pub title: String,
    /// Its page is the kind's URL prefix, this, and the kind's suffix.
    pub slug: String,
    /// `2026-11-20`
    pub date: String,
    /// Who: `ana`, `owner bo`.
    pub by: String,
    /// The team's id.
    pub team: Option<String>,
    pub teaser: String,
    /// When it was written (a risk: last touched): newer ranks higher among
    /// equals, and documents are numbered in this order.
    pub at: DateTime<FixedOffset>,
    /// The text of each of [`FIELDS`].
    pub fields: Vec<String>,
}

impl SearchDoc {
    fn new(kind: &'static Kind, url: &str, at: DateTime<FixedOffset>) -> SearchDoc {
        SearchDoc {
            kind,
            status: None,
            flags: Vec::new(),
            title: String::new(),
            // Unit tests hold the kinds' patterns to `urls`.
            slug: kind.slug(url).unwrap_or(url).to_string(),
            date: String::new(),
            by: String::new(),
            team: None,
            teaser: String::new(),
            at,
            fields: vec![String::new(); FIELDS.len()],
        }
    }

    fn set_team(&mut self, team: Option<&TeamRef>) {
        if let Some(team) = team {
            self.team = Some(team.id.clone());
            push_line(&mut self.fields[PEOPLE], &team.name);
        }
    }

    fn set_status(&mut self, word: &str) {
        self.status = self.kind.status(word);
        push_line(&mut self.fields[LABELS], word);
    }
}

fn push_line(field: &mut String, text: &str) {
    if !field.is_empty() {
        field.push('\n');
    }
    field.push_str(text);
}

/// Every wrap, decision, risk and incident as a search document, oldest
/// first.
pub(crate) fn documents(ledger: &Ledger, lines: &Lines) -> Vec<SearchDoc> {
    let mut docs = Vec::with_capacity(
        ledger.risks.len() + ledger.decisions.len() + ledger.wraps.len() + ledger.incidents.len(),
    );
    for (risk, line) in ledger.risks.iter().zip(&lines.risks) {
        let at = ledger.wrap(risk.last_touched).at();
        let mut doc = SearchDoc::new(&kinds::RISK, &line.url, at);
        doc.title = risk.state.title.clone();
        doc.fields[TITLE] = risk.state.title.clone();
        doc.fields[ID] = risk.id.to_string();
        doc.set_status(&risk.state.status.to_string());
        let severity = risk.state.severity.to_string();
        push_line(&mut doc.fields[LABELS], &severity);
        doc.flags.push(severity);
        if risk.state.blocker {
            push_line(&mut doc.fields[LABELS], "blocker");
            doc.flags.push("blocker".to_string());
        }
        if risk.stale {
            doc.flags.push("stale".to_string());
        }
        for touch in &risk.history {
            let author = ledger.wrap(touch.wrap).wrap.author_name.clone();
            push_line(&mut doc.fields[PEOPLE], &author);
            if let Some(note) = &touch.note {
                push_line(&mut doc.fields[BODY], note);
            }
            for change in describe_changes(touch) {
                push_line(&mut doc.fields[BODY], &change);
            }
        }
        if let Some(owner) = &risk.state.owner {
            push_line(&mut doc.fields[PEOPLE], &owner.name);
        }
        doc.set_team(line.team.as_ref());
        if let Some(mitigation) = &risk.state.mitigation {
            push_line(&mut doc.fields[BODY], mitigation);
        }
        doc.by = match &risk.state.owner {
            Some(owner) => format!("owner {owner}"),
            None => format!("raised by {}", line.raised_by),
        };
        doc.date = line.last_touched_on.clone();
        doc.teaser = teaser(risk.state.mitigation.as_deref().unwrap_or(""));
        docs.push(doc);
    }
    for (decision, line) in ledger.decisions.iter().zip(&lines.decisions) {
        // A record that gives no date counts as oldest, as in the ledger.
        let at = decision
            .at
            .unwrap_or_else(|| DateTime::<Utc>::MIN_UTC.fixed_offset());
        let mut doc = SearchDoc::new(&kinds::DECISION, &line.url, at);
        doc.title = decision.title.clone();
        doc.fields[TITLE] = decision.title.clone();
        doc.fields[ID] = decision.id.to_string();
        for tag in &line.tags {
            push_line(&mut doc.fields[LABELS], &tag.name);
        }
        doc.set_status(&decision.status.to_string());
        push_line(&mut doc.fields[PEOPLE], &line.author);
        doc.set_team(line.team.as_ref());
        doc.fields[BODY] = decision.why.clone();
        if let Some(record) = decision.record {
            push_line(&mut doc.fields[BODY], &ledger.records[record].body.text);
        }
        for note in decision.mentions.iter().filter_map(|m| m.note.as_ref()) {
            push_line(&mut doc.fields[BODY], note);
        }
        doc.by = line.author.clone();
        doc.date = line.date.clone();
        doc.teaser = teaser(&decision.why);
        docs.push(doc);
    }
    for (record, line) in ledger.wraps.iter().zip(&lines.wraps) {
        let wrap = &record.wrap;
        let mut doc = SearchDoc::new(&kinds::WRAP, &line.url, wrap.at);
        match &line.summary {
            Some(summary) => {
                doc.title = summary.clone();
                doc.fields[TITLE] = summary.clone();
            }
            None => doc.title = format!("Wrap by {}", line.author),
        }
        for tag in &line.tags {
            push_line(&mut doc.fields[LABELS], &tag.name);
        }
        if let Some(shift) = &wrap.shift {
            push_line(&mut doc.fields[LABELS], shift);
        }
        push_line(&mut doc.fields[PEOPLE], &line.author);
        doc.set_team(line.team.as_ref());
        doc.fields[BODY] = wrap.body.text.clone();
        for ask in &wrap.asks {
            push_line(&mut doc.fields[BODY], &ask.written);
        }
        doc.by = line.author.clone();
        doc.date = line.date.clone();
        doc.teaser = teaser(&wrap.body.text);
        docs.push(doc);
    }
    for incident in &ledger.incidents {
        docs.push(incident_doc(ledger, lines, incident));
    }
    // Stable: equal times keep risks, decisions, wraps, incidents, each in ledger order.
    docs.sort_by_key(|d| d.at);
    docs
}

/// An incident as a search document: as it stands, dated by its last
/// touch; ongoing ones say so (`ongoing` is also a word to search for).
fn incident_doc(ledger: &Ledger, lines: &Lines, incident: &Incident) -> SearchDoc {
    let last = incident
        .timeline
        .last()
        .expect("an incident is opened by a touch");
    let url = urls::incident(&incident.id);
    let mut doc = SearchDoc::new(&kinds::INCIDENT, &url, last.at);
    let state = &incident.state;
    doc.title = state.title.clone();
    doc.fields[TITLE] = state.title.clone();
    doc.fields[ID] = incident.written_id.clone();
    doc.set_status(state.status.name());
    if state.status.is_ongoing() {
        push_line(&mut doc.fields[LABELS], "ongoing");
        doc.flags.push("ongoing".to_string());
    }
    if let Some(severity) = &state.severity {
        push_line(&mut doc.fields[LABELS], &severity.name);
        doc.flags.push(severity.name.clone());
    }
    for touch in &incident.timeline {
        let author = &ledger.wrap(touch.wrap).wrap.author_name;
        push_line(&mut doc.fields[PEOPLE], author);
        for change in &touch.changes {
            push_line(&mut doc.fields[BODY], change);
        }
        if let Some(note) = &touch.note {
            push_line(&mut doc.fields[BODY], note);
        }
    }
    if let Some(commander) = &state.commander {
        push_line(&mut doc.fields[PEOPLE], &commander.name);
    }
    if let Some(team) = &incident.team {
        doc.set_team(Some(&team_ref(team, ledger.names.team(team))));
    }
    for (label, _) in &state.links {
        push_line(&mut doc.fields[BODY], label);
    }
    doc.by = match &state.commander {
        Some(commander) => format!("commander {commander}"),
        None => format!(
            "opened by {}",
            lines.wraps[incident.timeline[0].wrap.0].author
        ),
    };
    doc.date = lines.wraps[last.wrap.0].date.clone();
    let latest_note = incident
        .timeline
        .iter()
        .rev()
        .find_map(|t| t.note.as_deref());
    doc.teaser = teaser(latest_note.unwrap_or(""));
    doc
}

/// The first words of `text` (whitespace collapsed), cut at a word
/// boundary. Reads only as far as it needs: bodies can be long.
pub(crate) fn teaser(text: &str) -> String {
    let mut out = String::with_capacity(TEASER_CHARS + 4);
    let mut chars = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if chars + len + usize::from(chars > 0) > TEASER_CHARS {
            if out.is_empty() {
                out.extend(word.chars().take(TEASER_CHARS));
            }
            out.push('…');
            return out;
        }
        if chars > 0 {
            out.push(' ');
            chars += 1;
        }
        out.push_str(word);
        chars += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn teasers_cut_at_words() {
        assert_eq!(teaser("a  b\nc"), "a b c");
        let long = "word ".repeat(100);
        let t = teaser(&long);
        assert!(
            t.ends_with("word…") && t.chars().count() <= TEASER_CHARS + 1,
            "{t}"
        );
        assert_eq!(teaser(&"x".repeat(300)).chars().count(), TEASER_CHARS + 1);
    }

    #[test]
    fn field_classes_put_titles_first_and_bodies_last() {
        assert_eq!(FIELDS[TITLE].class, 3);
        assert_eq!(FIELDS[ID].class, 3);
        assert!(FIELDS[LABELS].class > FIELDS[BODY].class);
        assert!(FIELDS[PEOPLE].class > FIELDS[BODY].class);
        assert!(FIELDS.iter().all(|f| (1..=3).contains(&f.class)));
    }
}
