//! What a new wrap hands back: the asks waiting for its writer, as
//! commented `[ack]` lines to uncomment; the writer's own asks still open;
//! the incidents they command or their team has open; the pager they hold.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::config::Config;
use crate::ids::{PersonKey, TeamId};
use crate::ledger::Ledger;
use crate::ledger::handover::broadcast::part_of;
use crate::ledger::handover::{ItemStatus, Lapse, Moment, Receiver};
use crate::site::format;
use crate::strict_toml::Choice;
use crate::toml_text;

/// An ask as a scaffold lists it. Text is escaped for a TOML comment.
#[derive(Debug, Serialize)]
pub(super) struct AskHint {
    /// Safe as a TOML bare key (ids are letters, digits, `-`, `_`, `.`).
    id: String,
    what: String,
    /// `kenji, Fri 20 Nov` or, for the writer's own asks, whom it is for.
    from: String,
    /// The acknowledgement to pre-fill: `taken`, or `done` for an ask the
    /// writer took earlier or wrote themselves.
    verb: &'static str,
}

/// An incident to update.
#[derive(Debug, Serialize)]
pub(super) struct IncidentHint {
    id: String,
    title: String,
    status: &'static str,
    severity: Option<String>,
    commander: Option<String>,
}

/// The pager the writer holds.
#[derive(Debug, Serialize)]
pub(super) struct PagerHint {
    team: String,
    since: String,
}

/// Everything about handing over that a scaffold shows.
#[derive(Debug, Default, Serialize)]
pub(super) struct Hints {
    /// Asks for the writer, their team or everyone, open at `at`.
    pub for_you: Vec<AskHint>,
    /// The writer's own asks that nobody has closed.
    pub asked: Vec<AskHint>,
    /// Asks for the writer, their team or everyone that lapsed since the
    /// writer's last wrap (not pre-filled: see the register of asks).
    pub lapsed: usize,
    pub incidents: Vec<IncidentHint>,
    pub pager: Option<PagerHint>,
}

impl Hints {
    /// The asks waiting for the writer, as the prompts offer them.
    pub(super) fn waiting(&self) -> Vec<super::prompts::Waiting> {
        self.for_you
            .iter()
            .map(|a| super::prompts::Waiting {
                id: a.id.clone(),
                what: a.what.clone(),
                from: a.from.clone(),
            })
            .collect()
    }
}

/// What is waiting for `author` of `team` at `at`, as the wraps written
/// before `at` say.
pub(super) fn hints(
    ledger: &Ledger,
    config: &Config,
    author: &PersonKey,
    team: Option<&TeamId>,
    at: DateTime<FixedOffset>,
) -> Hints {
    let mut hints = Hints::default();
    let is_for_writer = |receiver: &Receiver| match receiver {
        Receiver::Person(person) => person == author,
        Receiver::Team(t) => Some(t) == team,
        Receiver::Everyone => true,
    };
    let now = Moment {
        at,
        day: at.with_timezone(&ledger.timezone).date_naive(),
    };
    let lapse = Lapse(config.handover.lapse_after_days);
    // The day of the writer's last wrap before this one.
    let last_wrap = ledger
        .wraps
        .iter()
        .rev()
        .find(|w| w.author() == author && w.wrap.at < at)
        .map(|w| w.day);
    for item in &ledger.handover.items {
        let written = ledger.wrap(item.wrap);
        if written.wrap.at >= at {
            continue;
        }
        let state = item.state_at(&ledger.wraps, now, lapse);
        let from = format!("{}, {}", written.wrap.author_name, format::day(written.day));
        let ask = |from: String, verb| AskHint {
            id: item.id.as_str().to_string(),
            what: toml_text::comment(item.what(&ledger.wraps)),
            from: toml_text::comment(&from),
            verb,
        };
        // Never handed back to its own writer (unless someone handed it on
        // to them): listed as theirs instead.
        if written.author() == author && state.receiver == item.to {
            if state.status.is_live() {
                let status = match &state.status {
                    ItemStatus::Taken { name, .. } => format!("taken by {name}"),
                    _ => "open".to_string(),
                };
                let to = crate::site::views::receiver_ref(ledger, &state.receiver).label;
                hints.asked.push(ask(format!("for {to}, {status}"), "done"));
            }
            continue;
        }
        // An ask to everyone is the writer's while their team's part is
        // open or theirs; while the whole is live, that part says how.
        let (for_writer, status) = match part_of(&state.parts, author, team) {
            Some(part) if state.status.is_live() => (true, &part.status),
            Some(_) => (true, &state.status),
            None if !state.parts.is_empty() => (false, &state.status),
            None => (is_for_writer(&state.receiver), &state.status),
        };
        match status {
            ItemStatus::Open if for_writer => {
                hints.for_you.push(ask(from, "taken"));
            }
            ItemStatus::Taken { by, .. } if by == author => {
                hints.for_you.push(ask(from, "done"));
            }
            ItemStatus::Lapsed { on } if for_writer && last_wrap.is_none_or(|l| *on > l) => {
                hints.lapsed += 1;
            }
            _ => {}
        }
    }
    hints.incidents = incident_hints(ledger, author, team, at);
    hints.pager = pager_hint(ledger, config, author, at);
    hints
}

/// The ongoing incidents `author` commands or their team's, at `at`.
fn incident_hints(
    ledger: &Ledger,
    author: &PersonKey,
    team: Option<&TeamId>,
    at: DateTime<FixedOffset>,
) -> Vec<IncidentHint> {
    let mut hints = Vec::new();
    for incident in &ledger.incidents {
        let Some(state) = incident.state_at(at) else {
            continue;
        };
        let commands = state.commander.as_ref().is_some_and(|c| &c.key == author);
        if state.status.is_ongoing() && (commands || incident.team.as_ref() == team) {
            hints.push(IncidentHint {
                id: toml_text::string_body(&incident.written_id),
                title: toml_text::comment(&state.title),
                status: state.status.name(),
                severity: state.severity.as_ref().map(|s| s.name.clone()),
                commander: state
                    .commander
                    .as_ref()
                    .map(|c| toml_text::comment(&c.name)),
            });
        }
    }
    hints
}

/// The pager `author` holds at `at`, if any.
fn pager_hint(
    ledger: &Ledger,
    config: &Config,
    author: &PersonKey,
    at: DateTime<FixedOffset>,
) -> Option<PagerHint> {
    ledger
        .rota
        .at(at, at, &ledger.wraps)
        .into_iter()
        .find_map(|o| {
            let turn = o.now.filter(|t| t.person.key == *author)?;
            let zone = config.zone_of(o.team.as_ref());
            let local = turn.since.with_timezone(&zone);
            Some(PagerHint {
                team: toml_text::comment(
                    o.team
                        .as_ref()
                        .map_or("your team", |t| ledger.names.team(t)),
                ),
                since: format!(
                    "{} {}",
                    local.format("%a %-d %b"),
                    format::site_time(&local)
                ),
            })
        })
}
