//! The ledger's wraps, decisions, risks and incidents as search documents: the text
//! each field indexes, and what a result line shows.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset, Utc};

use super::inline;
use super::kinds::{self, Kind, Status};
use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::ledger::Ledger;
use crate::ledger::incident::Incident;
use crate::site::summaries::{Lines, TeamRef, team_ref};
use crate::site::wording::describe_changes;
use crate::site::{format, urls};
use crate::strict_toml::Choice;

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
pub(crate) const BODY: usize = 4;

/// The text of one field: lines, borrowed from the ledger where they can
/// be (a wrap's body is not copied to be indexed).
#[derive(Debug, Clone, Default)]
pub(crate) struct FieldText<'a> {
    lines: Vec<Cow<'a, str>>,
    /// (line, byte offset in it) where a heading starts: a body's.
    headings: Vec<(usize, usize)>,
}

impl<'a> FieldText<'a> {
    /// Adds a line.
    pub(crate) fn push(&mut self, line: impl Into<Cow<'a, str>>) {
        self.lines.push(line.into());
    }

    /// Adds a line of inline Markdown as its visible text, and returns
    /// the web links it holds.
    fn push_inline(&mut self, line: &'a str) -> Vec<String> {
        let (text, urls) = inline::visible(line);
        self.push(text);
        urls
    }

    /// Adds a body's text (blocks on lines of their own), with where its
    /// headings start in it.
    pub(crate) fn push_with_headings(
        &mut self,
        text: impl Into<Cow<'a, str>>,
        headings: impl IntoIterator<Item = usize>,
    ) {
        let line = self.lines.len();
        self.headings
            .extend(headings.into_iter().map(|at| (line, at)));
        self.push(text);
    }

    /// Whether a heading starts at byte `at` of line `line`.
    pub(crate) fn is_heading(&self, line: usize, at: usize) -> bool {
        self.headings.contains(&(line, at))
    }

    /// Replaces the text with one line.
    fn set(&mut self, line: impl Into<Cow<'a, str>>) {
        self.lines.clear();
        self.headings.clear();
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
            headings: Vec::new(),
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
    /// Ids it is found by that its page names but its result line would
    /// not: its record's number, its tickets, its asks. A result shows
    /// those a query matched.
    pub ids: Vec<String>,
    /// The text of each of [`FIELDS`]; the body's is also what a result
    /// line shows a snippet of (`blocks`), from its start when no word
    /// of a query is in it: so each kind puts first what it would show.
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
            ids: Vec::new(),
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

    /// Puts the ticket ids of `urls` (the item's own links) among its
    /// ids: `PAY-3187` finds the incident whose ticket it is.
    fn add_ticket_ids(&mut self, urls: &[String]) {
        let mut ids: Vec<&str> = Vec::new();
        for url in urls {
            for id in inline::ticket_ids(url) {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        for id in ids {
            self.fields[ID].push(id.to_string());
            self.ids.push(id.to_string());
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
        Source::Wrap(i) => {
            let body = ledger.wraps[i].wrap.rendered_body(config)?;
            wrap_doc(ledger, lines, i, body.text, body.headings)
        }
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
    // The mitigation first: what a result shows when no word of the
    // query is in the text.
    let mut urls = Vec::new();
    if let Some(mitigation) = &risk.state.mitigation {
        urls.extend(doc.fields[BODY].push_inline(mitigation));
    }
    for touch in &risk.history {
        let author = &ledger.wrap(touch.wrap).wrap.author_name;
        doc.fields[PEOPLE].push(author);
        if let Some(note) = &touch.note {
            urls.extend(doc.fields[BODY].push_inline(note));
        }
        for change in describe_changes(touch) {
            doc.fields[BODY].push(change);
        }
    }
    doc.add_ticket_ids(&urls);
    if let Some(owner) = &risk.state.owner {
        doc.fields[PEOPLE].push(&owner.name);
    }
    doc.set_team(line.team.as_ref());
    doc.by = match &risk.state.owner {
        Some(owner) => format!("owner {owner}"),
        None => format!("raised by {}", line.raised_by),
    };
    doc.date = line.last_touched_on.clone();
    doc
}

fn decision_doc<'a>(ledger: &'a Ledger, lines: &'a Lines, i: usize) -> SearchDoc<'a> {
    let (decision, line) = (&ledger.decisions[i], &lines.decisions[i]);
    let mut doc = SearchDoc::new(&kinds::DECISION, &line.url);
    doc.title = decision.title.clone();
    doc.fields[TITLE].set(&decision.title);
    doc.fields[ID].set(decision.id.to_string());
    // `ADR-0003`, `ADR-3` (and so `ADR 3`), `0003`, `3`.
    if let Some(number) = decision.number {
        let padded = format::record_number(number);
        let prefix = padded.trim_end_matches(|c: char| c.is_ascii_digit());
        let short = format!("{prefix}{number}");
        if short != padded {
            doc.fields[ID].push(short);
        }
        doc.fields[ID].push(padded.clone());
        doc.ids.push(padded);
    }
    for tag in &line.tags {
        doc.fields[LABELS].push(&tag.name);
    }
    doc.set_status(&decision.status.to_string());
    doc.fields[PEOPLE].push(&line.author);
    doc.set_team(line.team.as_ref());
    let mut urls: Vec<String> = decision.link.iter().cloned().collect();
    let record = decision.record.map(|r| &ledger.records[r].body);
    // A record's `why` is most often its context, quoted: once is enough,
    // under its heading.
    if !record.is_some_and(|body| body.text.contains(decision.why.as_str())) {
        urls.extend(doc.fields[BODY].push_inline(&decision.why));
    }
    if let Some(body) = record {
        doc.fields[BODY].push_with_headings(&body.text, body.headings.iter().copied());
    }
    for note in decision.mentions.iter().filter_map(|m| m.note.as_ref()) {
        urls.extend(doc.fields[BODY].push_inline(note));
    }
    doc.add_ticket_ids(&urls);
    doc.by = line.author.clone();
    doc.date = line.date.clone();
    doc
}

/// The search document of wrap `i`, whose body's text is `text`, with
/// headings starting at `headings` in it.
pub(crate) fn wrap_doc<'a>(
    ledger: &'a Ledger,
    lines: &'a Lines,
    i: usize,
    text: String,
    headings: Vec<usize>,
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
    doc.fields[BODY].push_with_headings(text, headings);
    for ask in &wrap.asks {
        doc.fields[BODY].push_inline(&ask.written);
    }
    // An ask's id finds the wrap that handed it over (ids are what
    // briefs, acks and chat messages quote).
    for &item in &record.items {
        let id = ledger.handover.item(item).id.as_str();
        doc.fields[ID].push(id);
        doc.ids.push(id.to_string());
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
    // Newest first: a result shows the latest note when no word of the
    // query is in the text.
    let mut urls: Vec<String> = state.links.iter().map(|(_, url)| url.clone()).collect();
    for touch in incident.timeline.iter().rev() {
        let author = &ledger.wrap(touch.wrap).wrap.author_name;
        doc.fields[PEOPLE].push(author);
        if let Some(note) = &touch.note {
            urls.extend(doc.fields[BODY].push_inline(note));
        }
        for change in &touch.changes {
            doc.fields[BODY].push(change);
        }
    }
    doc.add_ticket_ids(&urls);
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
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

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
