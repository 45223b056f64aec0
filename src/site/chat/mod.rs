//! The day's brief as a short chat message (`standin brief`): what a
//! reader takes in within a minute. Ongoing incidents, who is on call, the
//! asks waiting for the team (those nobody picked up first), blockers and
//! high risks, decisions, and the link to the brief's page. The message is
//! built once ([`Message`]) from the same views the pages use, then written
//! as plain text, Markdown or the body of a Slack incoming webhook.

mod audience;
mod compose;
mod slack;
mod text;
mod written;

use chrono::NaiveDate;

use super::format;
use super::summaries::Lines;
use crate::config::Config;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::ledger::{DayIdx, Ledger};
use crate::markup::inline::Piece;
use audience::Audience;
use compose::Composer;
/// How Markdown shows text literally: for `standin diff`'s pull request comment too.
pub(crate) use text::{code_span, escape_markdown};

/// How many entries a list shows before "and N more": enough to act on,
/// few enough to read in a minute.
const LIST_CAP: usize = 8;

/// How the message is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub(crate) enum ChatFormat {
    /// Plain text, for a terminal, e-mail or any chat.
    #[default]
    Text,
    /// Markdown with links (Mattermost, Teams, Discord, GitHub).
    Markdown,
    /// The JSON body of a Slack incoming-webhook message.
    Slack,
}

/// Which brief, for whom, linked where.
#[derive(Debug, Clone, Default)]
pub(crate) struct ChatRequest {
    /// The brief's day; the latest brief (the home page's) when `None`.
    pub day: Option<NaiveDate>,
    /// A team, by key or name as people write it; everyone when `None`.
    pub team: Option<String>,
    /// Where the site is published; without it, nothing is linked.
    pub base_url: Option<String>,
    pub format: ChatFormat,
}

/// The message: a title, then sections in the order a hand-over goes.
#[derive(Debug)]
struct Message {
    /// `Brief for Fri 20 Nov 2026`
    title: String,
    /// The site's title.
    site: String,
    /// The team it is for, as pages name it.
    team: Option<String>,
    sections: Vec<Section>,
    /// What the day had none of, said once: `no incidents`, ...
    quiet: Vec<String>,
    /// The week's health in one line (`This week: asks picked up within
    /// a shift 86% ...`); only for the latest brief, as the figures stand
    /// now.
    health: Option<String>,
    /// The brief's page, when the site has an address.
    link: Option<String>,
    /// The counts in one line: what a notification shows.
    summary: String,
}

/// One part of the message: a heading and a capped list.
#[derive(Debug)]
struct Section {
    heading: &'static str,
    /// How many there are in all, shown beside the heading.
    count: Option<usize>,
    lines: Vec<Line>,
    /// Left out to keep the message short.
    more: usize,
    /// A closing remark: `2 more in hand`.
    note: Option<String>,
}

impl Section {
    /// A section listing the first [`LIST_CAP`] of `lines`.
    fn capped(heading: &'static str, lines: Vec<Line>) -> Section {
        let count = lines.len();
        Section::capped_of(heading, lines, count)
    }

    /// A section listing the first [`LIST_CAP`] of `lines`, of which there
    /// are `count` in all (a day keeps only the newest of a long list).
    fn capped_of(heading: &'static str, mut lines: Vec<Line>, count: usize) -> Section {
        lines.truncate(LIST_CAP);
        Section {
            heading,
            count: Some(count),
            more: count.saturating_sub(lines.len()),
            lines,
            note: None,
        }
    }
}

/// A line of a list, in pieces each format writes its own way.
type Line = Vec<Span>;

#[derive(Debug, Clone, PartialEq)]
enum Span {
    /// standin's own words, and names: shown as they are.
    Text(String),
    /// What someone wrote (an ask, a note): inline Markdown, as the pages
    /// read it.
    Written(Vec<Piece>),
    /// An id (of an ask or incident): code, linked when the site has an
    /// address.
    Id { id: String, url: Option<String> },
    /// A title someone wrote, linked to its page when the site has an
    /// address.
    Link {
        text: Vec<Piece>,
        url: Option<String>,
    },
}

/// The brief as a message in `request.format`, or `None` when the day or
/// team asked for does not exist (in `d`).
pub(crate) fn chat_message(
    config: &Config,
    ledger: &Ledger,
    request: &ChatRequest,
    d: &mut Diagnostics,
) -> Option<String> {
    let day = find_day(ledger, request.day, d)?;
    // The latest brief as things stand now, as the home page shows it; a
    // day asked for as its end left it.
    let brief = match (request.day, &ledger.standing) {
        (None, Some(standing)) => standing,
        _ => &ledger.briefs[day.0],
    };
    let audience = match &request.team {
        Some(written) => Audience::team(config, ledger, written, brief, d)?,
        None => Audience::Everyone,
    };
    let lines = Lines::build(ledger, config, None);
    let base_url = request.base_url.as_deref().or(config.base_url.as_deref());
    let mut message = Composer {
        config,
        ledger,
        lines: &lines,
        brief,
        audience: &audience,
        base_url,
    }
    .compose();
    if request.day.is_none() {
        let team = audience
            .id()
            .and_then(|id| ledger.teams.iter().position(|t| t.id == *id));
        message.health = Some(super::health::week_line(ledger, team)).filter(|l| !l.is_empty());
    }
    Some(match request.format {
        // Printed to a terminal or piped on: whatever a name or a note
        // holds, no control character reaches it raw (content refuses
        // them in names; this is the one place that guarantees it).
        ChatFormat::Text => escape_controls(text::plain(&message)),
        ChatFormat::Markdown => escape_controls(text::markdown(&message)),
        // JSON escapes every control character itself.
        ChatFormat::Slack => slack::body(&message),
    })
}

/// `text` with every control character but the line breaks escaped.
fn escape_controls(text: String) -> String {
    match crate::control_chars::escape(&text, &['\n']) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(escaped) => escaped,
    }
}

/// The brief of `day`, else the latest (as the home page shows it).
fn find_day(ledger: &Ledger, day: Option<NaiveDate>, d: &mut Diagnostics) -> Option<DayIdx> {
    let Some(day) = day else {
        let latest = ledger.latest_brief();
        if latest.is_none() {
            d.push(
                Diagnostic::new(
                    Code::NoBrief,
                    "there is no brief yet: the site has no wraps",
                )
                .with_help("write the first with `standin new`"),
            );
        }
        return latest;
    };
    let at = ledger.briefs.partition_point(|b| b.day < day);
    if ledger.briefs.get(at).is_some_and(|b| b.day == day) {
        return Some(DayIdx(at));
    }
    let nearest: Vec<String> = [at.checked_sub(1), Some(at)]
        .into_iter()
        .flatten()
        .filter_map(|i| ledger.briefs.get(i))
        .map(|b| format::iso_day(b.day))
        .collect();
    let help = match nearest.as_slice() {
        [] => "the site has no wraps yet".to_string(),
        [one] => format!("the nearest day with a brief is {one}"),
        [before, after] => format!("the nearest days with a brief are {before} and {after}"),
        _ => unreachable!("at most the day before and the day after"),
    };
    d.push(
        Diagnostic::new(
            Code::NoBrief,
            format!(
                "there is no brief for {}: no wrap was written that day (days are counted in {})",
                format::iso_day(day),
                ledger.timezone.name()
            ),
        )
        .with_help(help),
    );
    None
}
