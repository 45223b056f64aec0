//! A wrap: one engineer's end-of-shift note.

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;

use super::ack::{self, Ack};
use super::ask::{self, Ask};
use super::decision::{self, DecisionEntry};
use super::front_matter;
use super::front_matter::Body;
use super::incident::{self, IncidentEntry};
use super::line_links;
use super::markdown::{self, BodyFacts, Place};
use super::pager::{self, PagerHandover};
use super::risk::{self, RiskEntry};
use super::secrets;
use super::shared_keys::{read_author, read_date, read_tags, read_team};
use super::shift_state::ShiftState;
use super::team_offset;
pub(crate) use super::wrap_file::WrapFile;
use crate::config::{Config, PersonRef};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceFile};
use crate::ids::{PersonKey, Tag, TeamId};
use crate::strict_toml::{Located, Table};
use crate::xml_text::warnings as illegal_chars;

/// The keys a wrap's front matter may have.
pub(crate) const KEYS: &[&str] = &[
    "author", "date", "team", "shift", "summary", "tags", "next", "draft", "decision", "risk",
    "ack", "incident", "pager", "state",
];

/// A parsed wrap.
#[derive(Debug, Clone)]
pub struct Wrap {
    /// The file: its paths, and its text when a diagnostic needs it.
    pub(crate) file: WrapFile,
    /// Who wrote it (their key).
    pub(crate) author: PersonKey,
    /// Their name as this wrap (or `[people]`) gives it.
    pub(crate) author_name: String,
    /// End of shift, with the offset the author wrote.
    pub(crate) at: DateTime<FixedOffset>,
    /// Where `date` is written, for diagnostics about it.
    pub(crate) at_span: Range<usize>,
    pub(crate) team: Option<TeamId>,
    /// The team's name as written, for teams standin.toml does not list.
    pub(crate) team_name: Option<String>,
    pub(crate) shift: Option<String>,
    /// The written summary; see [`Wrap::summary`].
    pub(crate) written_summary: Option<String>,
    pub(crate) tags: Vec<Tag>,
    /// Asks handed over (`next`).
    pub(crate) asks: Vec<Ask>,
    /// Asks of earlier shifts picked up, done, declined or handed on.
    pub(crate) acks: Vec<Ack>,
    pub(crate) draft: bool,
    /// Says nothing at all, as `standin new` scaffolds it (W017): left out
    /// like a draft, so that one forgotten file stops nobody's site.
    pub(crate) untouched: bool,
    pub(crate) decisions: Vec<DecisionEntry>,
    pub(crate) risks: Vec<RiskEntry>,
    pub(crate) incidents: Vec<IncidentEntry>,
    /// Pager hand-overs (`pager`).
    pub(crate) pagers: Vec<PagerHandover>,
    /// How things stand (`state`).
    pub(crate) state: Option<ShiftState>,
    /// What the body links to and how it starts; its HTML and text are
    /// made again when they are needed ([`Wrap::body_html`],
    /// [`Wrap::body_text`]).
    pub(crate) body: BodyFacts,
    /// Where the body starts in the file.
    pub(crate) body_offset: usize,
}

impl Wrap {
    /// Whether the wrap is on the site: neither a draft nor an untouched
    /// scaffold. Only published wraps reach the ledger.
    pub(crate) fn is_published(&self) -> bool {
        !self.draft && !self.untouched
    }

    /// The summary: as written, else the first sentence of the body.
    pub(crate) fn summary(&self) -> Option<&str> {
        self.written_summary
            .as_deref()
            .or(self.body.first_sentence.as_deref())
    }

    /// The body's HTML, made again exactly as when the wrap was parsed
    /// with `config` (see [`BodyFacts`] for why it is not kept), from the
    /// file read again; an error if the file is no longer what was parsed.
    pub(crate) fn body_html(&self, config: &Config) -> Result<String, Box<Diagnostic>> {
        Ok(self.rendered_body(config)?.html)
    }

    /// The body rendered again: its HTML and text at once, for a build
    /// that shows and indexes it in one go.
    pub(crate) fn rendered_body(
        &self,
        config: &Config,
    ) -> Result<markdown::Rendered, Box<Diagnostic>> {
        let file = self.file.read_again()?;
        Ok(render_body(&file, self.body_offset, config))
    }

    /// Parses a wrap file, read from `path`. Every problem goes to `d`;
    /// the wrap is returned whenever its author and date could be read, so
    /// that later stages can still check the rest of the site against it.
    pub fn parse(
        file: SourceFile,
        path: &Path,
        config: &Config,
        d: &mut Diagnostics,
    ) -> Option<Wrap> {
        let secrets::Scanned { file, masked } = secrets::scan(file, &config.check.allow_secrets, d);
        d.extend(illegal_chars::in_text(&file));
        let (mut table, body) = front_matter::parse(&file, "the wrap", KEYS, d)?;
        d.extend(illegal_chars::in_strings(&table, &file));
        let author = read_author(&mut table, config, d);
        let (team, team_name) = team_of(&mut table, author.as_ref(), config, d);
        let at = read_date(&mut table, config, team.as_ref(), false, d);
        team_offset::check(at.as_ref(), team.as_ref(), config, &file, d);
        let zone = config.zone_of(team.as_ref());
        let shift = table.optional::<String>("shift", d).map(|l| l.value);
        let written_summary = table
            .optional::<String>("summary", d)
            .map(|l| l.value.trim().to_string())
            .filter(|s| !s.is_empty());
        let tags = read_tags(&mut table, d);
        let mut entries = Entries::read(&mut table, config, zone, d);
        let draft = table.optional::<bool>("draft", d).is_some_and(|l| l.value);
        let front_matter_span = table.span();
        table.finish(d);
        report_duplicates(&file, &entries, d);

        let body_offset = body.offset;
        let rendered = render_body(&file, body_offset, config);
        d.extend(rendered.warnings(&file, body_offset));
        let mut body = rendered.facts;
        let shows_a_sentence = body.first_sentence.is_some() || written_summary.is_some();
        let untouched = !shows_a_sentence && entries.is_empty() && !draft;
        if !shows_a_sentence {
            d.push(silence(&file, front_matter_span, untouched));
        }
        let at = at?;
        let author = author?.value;
        ask::name(&mut entries.asks, &author.key, at.value);
        let place = Place::new(&file.site_path, &config.decisions);
        for (text, span) in entries.one_line_texts() {
            let found = line_links::anchor(text, place, &span, &file, d);
            body.references.extend(found);
        }
        let Entries {
            asks,
            acks,
            incidents,
            pagers,
            state,
            decisions,
            risks,
        } = entries;
        Some(Wrap {
            author: author.key,
            author_name: author.name,
            at: at.value,
            at_span: at.span,
            file: WrapFile::new(&file, path, masked),
            team,
            team_name,
            shift,
            written_summary,
            tags,
            asks,
            acks,
            draft,
            untouched,
            decisions,
            risks,
            incidents,
            pagers,
            state,
            body,
            body_offset,
        })
    }
}

/// What a wrap's front matter hands over, apart from who wrote it, when
/// and for which team: read in one place, so that a new kind of entry is
/// added here and in [`Wrap`].
struct Entries {
    asks: Vec<Ask>,
    acks: Vec<Ack>,
    incidents: Vec<IncidentEntry>,
    pagers: Vec<PagerHandover>,
    state: Option<ShiftState>,
    decisions: Vec<DecisionEntry>,
    risks: Vec<RiskEntry>,
}

impl Entries {
    /// Reads the entries of `table`; times without an offset are in `zone`.
    fn read(table: &mut Table, config: &Config, zone: Tz, d: &mut Diagnostics) -> Entries {
        let asks = ask::read(table, zone, d);
        let acks = table
            .table("ack", "[ack]", &[], d)
            .map(|acks| ack::read(acks, config, d))
            .unwrap_or_default();
        let incidents = table
            .tables("incident", "[[incident]]", incident::KEYS, d)
            .into_iter()
            .filter_map(|t| IncidentEntry::read(t, config, d))
            .collect();
        let pagers = pager::read(table, config, zone, d);
        let state = table.choice::<ShiftState>("state", d).map(|l| l.value);
        let decisions = table
            .tables("decision", "[[decision]]", decision::KEYS, d)
            .into_iter()
            .filter_map(|t| decision::read_entry(t, d))
            .collect();
        let risks = table
            .tables("risk", "[[risk]]", risk::KEYS, d)
            .into_iter()
            .filter_map(|t| RiskEntry::read(t, config, d))
            .collect();
        Entries {
            asks,
            acks,
            incidents,
            pagers,
            state,
            decisions,
            risks,
        }
    }

    /// Whether the front matter hands over nothing at all.
    fn is_empty(&self) -> bool {
        self.asks.is_empty()
            && self.acks.is_empty()
            && self.decisions.is_empty()
            && self.risks.is_empty()
            && self.incidents.is_empty()
            && self.pagers.is_empty()
            && self.state.is_none()
    }

    /// Every text shown as one line of Markdown, with where it is
    /// written: what [`line_links::anchor`] reads.
    fn one_line_texts(&mut self) -> Vec<(&mut String, Range<usize>)> {
        let mut out: Vec<(&mut String, Range<usize>)> = Vec::new();
        for ask in &mut self.asks {
            out.push((&mut ask.written, ask.span.clone()));
        }
        for ack in &mut self.acks {
            out.extend(ack.note.as_mut().map(|n| (n, ack.span.clone())));
        }
        for decision in &mut self.decisions {
            let span = decision.span.clone();
            out.push((&mut decision.title.value, decision.title.span.clone()));
            out.extend(decision.why.as_mut().map(|w| (w, span)));
        }
        for risk in &mut self.risks {
            let fields = [&mut risk.title, &mut risk.mitigation, &mut risk.note];
            out.extend(fields.into_iter().flatten().map(|t| (t, risk.span.clone())));
        }
        for incident in &mut self.incidents {
            let span = incident.span.clone();
            let fields = [&mut incident.title, &mut incident.note];
            out.extend(fields.into_iter().flatten().map(|t| (t, span.clone())));
        }
        out
    }
}

/// The wrap's team (and its name as written, when the wrap names one): a
/// listed person's team is theirs unless the wrap says otherwise.
fn team_of(
    table: &mut Table,
    author: Option<&Located<PersonRef>>,
    config: &Config,
    d: &mut Diagnostics,
) -> (Option<TeamId>, Option<String>) {
    match read_team(table, config, d) {
        Some((id, name)) => (Some(id), Some(name)),
        None => (
            author
                .and_then(|a| config.people.team_of(&a.value.key))
                .cloned(),
            None,
        ),
    }
}

/// The diagnostic for a wrap with no sentence a brief could show, at its
/// front matter: a warning either way. An `untouched` one (a scaffold
/// nobody filled in) is left out of the site (W017) rather than failing
/// the build, which would keep every other team's wraps from publishing
/// for one forgotten file; one that says something elsewhere is published
/// without a summary (W003).
fn silence(file: &SourceFile, front_matter: Range<usize>, untouched: bool) -> Diagnostic {
    let (code, message, help) = if untouched {
        (
            Code::UntouchedScaffold,
            "not published: this wrap says nothing (no summary, no text, no ask, risk, decision or incident); fill it in or delete it",
            "write what happened this shift, or delete the file; `draft = true` keeps a wrap unpublished on purpose",
        )
    } else {
        (
            Code::EmptyWrap,
            "this wrap has no summary and no sentence a brief could show",
            "add `summary = \"...\"` or a few lines of what you did; the brief shows it",
        )
    };
    Diagnostic::new(code, message)
        .at(file, front_matter)
        .with_help(help)
}

/// Renders the body of `file`, which starts at `offset`.
fn render_body(file: &SourceFile, offset: usize, config: &Config) -> markdown::Rendered {
    let body = Body {
        text: &file.text[offset..],
        offset,
    };
    let place = Place::new(&file.site_path, &config.decisions);
    markdown::render_wrap(body, place, config.markdown.allow_html)
}

fn report_duplicates(file: &SourceFile, entries: &Entries, d: &mut Diagnostics) {
    let Entries {
        decisions,
        risks,
        incidents,
        ..
    } = entries;
    let mut seen = BTreeSet::new();
    for incident in incidents {
        if !seen.insert(incident.id.value.as_str()) {
            d.push(
                Diagnostic::new(
                    Code::DuplicateEntry,
                    format!(
                        "incident `{}` appears twice in this wrap",
                        incident.written_id
                    ),
                )
                .at(file, incident.id.span.clone())
                .with_help("merge the two `[[incident]]` entries into one"),
            );
        }
    }
    let mut seen = BTreeSet::new();
    for risk in risks {
        if !seen.insert(risk.id.value.as_str()) {
            d.push(
                Diagnostic::new(
                    Code::DuplicateEntry,
                    format!("risk `{}` appears twice in this wrap", risk.id.value),
                )
                .at(file, risk.id.span.clone())
                .with_help("merge the two `[[risk]]` entries into one"),
            );
        }
    }
    let mut seen = BTreeSet::new();
    for decision in decisions {
        if !seen.insert(decision.id.value.as_str()) {
            d.push(
                Diagnostic::new(
                    Code::DuplicateEntry,
                    format!(
                        "decision `{}` appears twice in this wrap",
                        decision.id.value
                    ),
                )
                .at(file, decision.id.span.clone())
                .with_help("give each decision its own `id`, or merge them"),
            );
        }
    }
}

#[cfg(test)]
mod tests;
