//! The ledger's wraps, decisions, risks and incidents as search documents: the text
//! each field indexes, and what a result line shows.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset, Utc};

use super::kinds::{self, Kind, Status};
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::ledger::Ledger;
use crate::ledger::incident::Incident;
use crate::site::lines::{Lines, TeamRef, team_ref};
use crate::site::urls;
use crate::site::vocabulary::describe_changes;
use crate::strict_toml::Choice;

/// Characters of body text a teaser shows.
const TEASER_CHARS: usize = 160;

/// An indexed field, and how much a match in it counts: a match in an id
/// (typing `INC-7` means that incident) outranks one in a title or
/// summary, which outranks labels and names, which outrank bodies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Field {
    pub name: &'static str,
    /// 0 (body) to 3 (id).
    pub class: u8,
    /// The class of a part of a hyphenated word (`inc` of `INC-7`): in an
    /// id, only the whole id ranks as one; its parts rank as a title's
    /// words, or every decision would rank by the words of its slug.
    pub part_class: u8,
}

/// The indexed fields, in the order of [`SearchDoc::fields`].
pub(crate) const FIELDS: &[Field] = &[
    // A wrap's title is its summary.
    Field {
        name: "title",
        class: 2,
        part_class: 2,
    },
    // Above titles: a wrap whose summary names an incident must not hide
    // the incident from a search for its id.
    Field {
        name: "id",
        class: 3,
        part_class: 2,
    },
    // Tags, status, severity, shift.
    Field {
        name: "labels",
        class: 1,
        part_class: 1,
    },
    // Author, owner, team.
    Field {
        name: "people",
        class: 1,
        part_class: 1,
    },
    Field {
        name: "body",
        class: 0,
        part_class: 0,
    },
];
const TITLE: usize = 0;
const ID: usize = 1;
const LABELS: usize = 2;
const PEOPLE: usize = 3;
const BODY: usize = 4;

/// The text of one field: lines, borrowed from the ledger where they can
/// be (a wrap's body is not copied to be indexed).
#[derive(Debug, Clone, Default)]
pub(crate) struct FieldText<'a> {
    lines: Vec<Cow<'a, str>>,
}

impl<'a> FieldText<'a> {
    /// Adds a line.
    pub(crate) fn push(&mut self, line: impl Into<Cow<'a, str>>) {
        self.lines.push(line.into());
    }

    /// Replaces the text with one line.
    fn set(&mut self, line: impl Into<Cow<'a, str>>) {
        self.lines.clear();
        self.push(line);
    }

    pub(crate) fn lines(&self) -> impl Iterator<Item = &str> {
        self.lines.iter().map(|l| &**l)
    }

    /// The lines joined as one text.
    #[cfg(test)]
    pub(crate) fn joined(&self) -> String {
        self.lines.join("\n")
    }
}

impl From<String> for FieldText<'_> {
    fn from(text: String) -> Self {
        FieldText {
            lines: vec![Cow::Owned(text)],
        }
    }
}

/// One searchable document.
#[derive(Debug, Clone)]
pub(crate) struct SearchDoc<'a> {
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
    /// The text of each of [`FIELDS`].
    pub fields: Vec<FieldText<'a>>,
}

impl<'a> SearchDoc<'a> {
    fn new(kind: &'static Kind, url: &str) -> SearchDoc<'a> {
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
            fields: vec![FieldText::default(); FIELDS.len()],
        }
    }

    /// A wrap whose body is `body`, for tests of what the index makes.
    #[cfg(test)]
    pub(crate) fn for_test(body: &'a str) -> SearchDoc<'a> {
        let mut doc = SearchDoc::new(&kinds::WRAP, "wraps/2026-11-20/ana-1000/");
        doc.fields[BODY].push(body);
        doc
    }

    fn set_team(&mut self, team: Option<&TeamRef>) {
        if let Some(team) = team {
            self.team = Some(team.id.clone());
            self.fields[PEOPLE].push(team.name.clone());
        }
    }

    fn set_status(&mut self, word: &str) {
        self.status = self.kind.status(word);
        self.fields[LABELS].push(word.to_string());
    }
}

/// Where a search document comes from.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Source {
    Risk(usize),
    Decision(usize),
    Wrap(usize),
    Incident(usize),
}

/// Every wrap, decision, risk and incident, oldest first: the order in
/// which documents are numbered. Each is made when its turn comes
/// ([`document`]), so that a site's documents are never all held at once.
pub(crate) fn order(ledger: &Ledger) -> Vec<Source> {
    let mut order: Vec<(DateTime<FixedOffset>, Source)> = Vec::with_capacity(
        ledger.risks.len() + ledger.decisions.len() + ledger.wraps.len() + ledger.incidents.len(),
    );
    for (i, risk) in ledger.risks.iter().enumerate() {
        order.push((ledger.wrap(risk.last_touched).at(), Source::Risk(i)));
    }
    for (i, decision) in ledger.decisions.iter().enumerate() {
        // A record that gives no date counts as oldest, as in the ledger.
        let at = decision
            .at
            .unwrap_or_else(|| DateTime::<Utc>::MIN_UTC.fixed_offset());
        order.push((at, Source::Decision(i)));
    }
    for (i, record) in ledger.wraps.iter().enumerate() {
        order.push((record.wrap.at, Source::Wrap(i)));
    }
    for (i, incident) in ledger.incidents.iter().enumerate() {
        order.push((last_touch(incident).at, Source::Incident(i)));
    }
    // Stable: equal times keep risks, decisions, wraps, incidents, each in ledger order.
    order.sort_by_key(|(at, _)| *at);
    order.into_iter().map(|(_, source)| source).collect()
}

/// The search document of `source`; an error if it is a wrap whose file
/// changed since the build read it (its body is read again).
pub(crate) fn document<'a>(
    ledger: &'a Ledger,
    lines: &'a Lines,
    config: &Config,
    source: Source,
) -> Result<SearchDoc<'a>, Box<Diagnostic>> {
    Ok(match source {
        Source::Risk(i) => risk_doc(ledger, lines, i),
        Source::Decision(i) => decision_doc(ledger, lines, i),
        Source::Wrap(i) => wrap_doc(ledger, lines, i, ledger.wraps[i].wrap.body_text(config)?),
        Source::Incident(i) => incident_doc(ledger, lines, &ledger.incidents[i]),
    })
}

fn risk_doc<'a>(ledger: &'a Ledger, lines: &'a Lines, i: usize) -> SearchDoc<'a> {
    let (risk, line) = (&ledger.risks[i], &lines.risks[i]);
    let mut doc = SearchDoc::new(&kinds::RISK, &line.url);
    doc.title = risk.state.title.clone();
    doc.fields[TITLE].set(&risk.state.title);
    doc.fields[ID].set(risk.id.to_string());
    doc.set_status(&risk.state.status.to_string());
    let severity = risk.state.severity.to_string();
    doc.fields[LABELS].push(severity.clone());
    doc.flags.push(severity);
    if risk.state.blocker {
        doc.fields[LABELS].push("blocker");
        doc.flags.push("blocker".to_string());
    }
    if risk.stale {
        doc.flags.push("stale".to_string());
    }
    for touch in &risk.history {
        let author = &ledger.wrap(touch.wrap).wrap.author_name;
        doc.fields[PEOPLE].push(author);
        if let Some(note) = &touch.note {
            doc.fields[BODY].push(note);
        }
        for change in describe_changes(touch) {
            doc.fields[BODY].push(change);
        }
    }
    if let Some(owner) = &risk.state.owner {
        doc.fields[PEOPLE].push(&owner.name);
    }
    doc.set_team(line.team.as_ref());
    if let Some(mitigation) = &risk.state.mitigation {
        doc.fields[BODY].push(mitigation);
    }
    doc.by = match &risk.state.owner {
        Some(owner) => format!("owner {owner}"),
        None => format!("raised by {}", line.raised_by),
    };
    doc.date = line.last_touched_on.clone();
    doc.teaser = teaser(risk.state.mitigation.as_deref().unwrap_or(""));
    doc
}

fn decision_doc<'a>(ledger: &'a Ledger, lines: &'a Lines, i: usize) -> SearchDoc<'a> {
    let (decision, line) = (&ledger.decisions[i], &lines.decisions[i]);
    let mut doc = SearchDoc::new(&kinds::DECISION, &line.url);
    doc.title = decision.title.clone();
    doc.fields[TITLE].set(&decision.title);
    doc.fields[ID].set(decision.id.to_string());
    for tag in &line.tags {
        doc.fields[LABELS].push(&tag.name);
    }
    doc.set_status(&decision.status.to_string());
    doc.fields[PEOPLE].push(&line.author);
    doc.set_team(line.team.as_ref());
    doc.fields[BODY].set(&decision.why);
    if let Some(record) = decision.record {
        doc.fields[BODY].push(&ledger.records[record].body.text);
    }
    for note in decision.mentions.iter().filter_map(|m| m.note.as_ref()) {
        doc.fields[BODY].push(note);
    }
    doc.by = line.author.clone();
    doc.date = line.date.clone();
    doc.teaser = teaser(&decision.why);
    doc
}

/// The search document of wrap `i`, whose body's text is `text`.
pub(crate) fn wrap_doc<'a>(
    ledger: &'a Ledger,
    lines: &'a Lines,
    i: usize,
    text: String,
) -> SearchDoc<'a> {
    let (record, line) = (&ledger.wraps[i], &lines.wraps[i]);
    let wrap = &record.wrap;
    let mut doc = SearchDoc::new(&kinds::WRAP, &line.url);
    match &line.summary {
        Some(summary) => {
            doc.title = summary.clone();
            doc.fields[TITLE].set(summary);
        }
        None => doc.title = format!("Wrap by {}", line.author),
    }
    for tag in &line.tags {
        doc.fields[LABELS].push(&tag.name);
    }
    if let Some(shift) = &wrap.shift {
        doc.fields[LABELS].push(shift);
    }
    doc.fields[PEOPLE].push(&line.author);
    doc.set_team(line.team.as_ref());
    doc.teaser = teaser(&text);
    doc.fields[BODY].set(text);
    for ask in &wrap.asks {
        doc.fields[BODY].push(&ask.written);
    }
    // An ask's id finds the wrap that handed it over (ids are what
    // briefs, acks and chat messages quote).
    for &item in &record.items {
        doc.fields[ID].push(ledger.handover.item(item).id.as_str());
    }
    doc.by = line.author.clone();
    doc.date = line.date.clone();
    doc
}

/// An incident's last touch: what it is dated by.
fn last_touch(incident: &Incident) -> &crate::ledger::incident::IncidentTouch {
    incident
        .timeline
        .last()
        .expect("an incident is opened by a touch")
}

/// An incident as a search document: as it stands, dated by its last
/// touch; ongoing ones say so (`ongoing` is also a word to search for).
fn incident_doc<'a>(ledger: &'a Ledger, lines: &'a Lines, incident: &'a Incident) -> SearchDoc<'a> {
    let last = last_touch(incident);
    let url = urls::incident(&incident.id);
    let mut doc = SearchDoc::new(&kinds::INCIDENT, &url);
    let state = &incident.state;
    doc.title = state.title.clone();
    doc.fields[TITLE].set(&state.title);
    doc.fields[ID].set(&incident.written_id);
    doc.set_status(state.status.name());
    if state.status.is_ongoing() {
        doc.fields[LABELS].push("ongoing");
        doc.flags.push("ongoing".to_string());
    }
    if let Some(severity) = &state.severity {
        doc.fields[LABELS].push(&severity.name);
        doc.flags.push(severity.name.clone());
    }
    for touch in &incident.timeline {
        let author = &ledger.wrap(touch.wrap).wrap.author_name;
        doc.fields[PEOPLE].push(author);
        for change in &touch.changes {
            doc.fields[BODY].push(change);
        }
        if let Some(note) = &touch.note {
            doc.fields[BODY].push(note);
        }
    }
    if let Some(commander) = &state.commander {
        doc.fields[PEOPLE].push(&commander.name);
    }
    if let Some(team) = &incident.team {
        doc.set_team(Some(&team_ref(team, ledger.names.team(team))));
    }
    for (label, _) in &state.links {
        doc.fields[BODY].push(label);
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
    fn field_classes_put_ids_first_and_bodies_last() {
        assert_eq!(FIELDS[ID].class, 3);
        assert_eq!(FIELDS[TITLE].class, 2);
        // The parts of an id rank as a title's words.
        assert_eq!(FIELDS[ID].part_class, FIELDS[TITLE].class);
        assert!(FIELDS[LABELS].class > FIELDS[BODY].class);
        assert!(FIELDS[PEOPLE].class > FIELDS[BODY].class);
        // Four classes of four strengths: a weight fits in four bits.
        assert!(
            FIELDS
                .iter()
                .all(|f| f.class <= 3 && f.part_class <= f.class)
        );
    }
}
