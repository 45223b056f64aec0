//! What each change says, in words: one [`Line`] per change, grouped in
//! [`Section`]s in the order a hand-over is read (incidents first), for
//! the text and Markdown formats to decorate alike.

use crate::content::decision::DecisionStatus;
use crate::review::{
    AskChange, AskEvent, DecisionChange, DecisionEvent, IncidentChange, IncidentEvent, PagerChange,
    Place, Review, RiskChange, RiskEvent, WrapChange, WrapEvent,
};

/// How a line reads at a glance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Tone {
    /// Needs a reviewer's eye first: history rewritten, an incident
    /// opened, a risk escalated.
    Alarm,
    /// Something new.
    Added,
    /// Something moved on.
    Changed,
    /// Something closed: resolved, done, superseded.
    Closed,
    /// Something gone.
    Removed,
}

/// One change, in words.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    pub tone: Tone,
    /// What happened (`raised`, `done`, `superseded by redis`).
    pub verb: String,
    /// The id of what it happened to, if it has one.
    pub id: Option<String>,
    /// What it is about, as written (a title, an ask).
    pub text: String,
    /// What follows: facts in parentheses, a note (` (high, owner bo) — note`).
    pub rest: String,
    pub place: Option<Place>,
}

/// The lines of one kind of change.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Section {
    pub title: &'static str,
    /// What one line is about (`ask`), to count them.
    pub noun: &'static str,
    /// Alarms first, then in the order they happened.
    pub lines: Vec<Line>,
}

/// The review's changes, section by section; empty sections left out.
pub(crate) fn sections(review: &Review) -> Vec<Section> {
    let sections = [
        (
            "Incidents",
            "incident",
            review.incidents.iter().map(incident).collect::<Vec<_>>(),
        ),
        ("Risks", "risk", review.risks.iter().map(risk).collect()),
        ("Asks", "ask", review.asks.iter().map(ask).collect()),
        (
            "Decisions",
            "decision",
            review.decisions.iter().map(decision).collect(),
        ),
        ("Pager", "team's pager", pagers(&review.pagers)),
        ("Wraps", "wrap", review.wraps.iter().map(wrap).collect()),
    ];
    sections
        .into_iter()
        .filter(|(_, _, lines)| !lines.is_empty())
        .map(|(title, noun, mut lines)| {
            // Stable: alarms first, the rest as they came.
            lines.sort_by_key(|line| line.tone != Tone::Alarm);
            Section { title, noun, lines }
        })
        .collect()
}

/// `2 asks`, `1 risk`.
pub(crate) fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

fn line(
    tone: Tone,
    verb: impl Into<String>,
    id: Option<&str>,
    text: String,
    rest: String,
    place: &Option<Place>,
) -> Line {
    Line {
        tone,
        verb: verb.into(),
        id: id.map(str::to_string),
        text,
        rest,
        place: place.clone(),
    }
}

/// ` (facts) — note`: what follows a line's text.
fn rest(facts: &str, note: &Option<String>) -> String {
    let mut out = if facts.is_empty() {
        String::new()
    } else {
        format!(" ({facts})")
    };
    if let Some(note) = note {
        out.push_str(&format!(" — {note}"));
    }
    out
}

fn incident(c: &IncidentChange) -> Line {
    let mut facts: Vec<String> = c.severity.iter().cloned().collect();
    facts.push(c.status.clone());
    facts.push(match &c.commander {
        Some(commander) => format!("commander {commander}"),
        None => "no commander".to_string(),
    });
    let facts = facts.join(", ");
    let (tone, verb, facts) = match &c.event {
        IncidentEvent::Opened => (Tone::Alarm, "opened", facts),
        IncidentEvent::Changed { what } => (Tone::Changed, "updated", what.join("; ")),
        IncidentEvent::Resolved => (Tone::Closed, "resolved", String::new()),
        IncidentEvent::Reopened => (Tone::Alarm, "reopened", facts),
    };
    line(
        tone,
        verb,
        Some(&c.id),
        c.title.clone(),
        rest(&facts, &c.note),
        &c.place,
    )
}

fn risk(c: &RiskChange) -> Line {
    let owner = c
        .owner
        .as_deref()
        .map_or("no owner".to_string(), |o| format!("owner {o}"));
    let blocker = if c.blocker { ", blocker" } else { "" };
    let serious = c.blocker || c.severity >= crate::content::risk::Severity::High;
    let (tone, verb, facts) = match &c.event {
        RiskEvent::Raised => (
            if serious { Tone::Alarm } else { Tone::Added },
            "raised".to_string(),
            format!("{}{blocker}, {owner}", c.severity),
        ),
        RiskEvent::Escalated { from } => (
            Tone::Alarm,
            "escalated".to_string(),
            format!("{from} → {}, {owner}", c.severity),
        ),
        RiskEvent::DeEscalated { from } => (
            Tone::Changed,
            "de-escalated".to_string(),
            format!("{from} → {}", c.severity),
        ),
        RiskEvent::Blocking => (
            Tone::Alarm,
            "now blocks work".to_string(),
            format!("{}, {owner}", c.severity),
        ),
        RiskEvent::Unblocked => (
            Tone::Changed,
            "no longer blocks work".to_string(),
            String::new(),
        ),
        RiskEvent::Closed { status } => (Tone::Closed, status.to_string(), String::new()),
        RiskEvent::Reopened => (
            Tone::Alarm,
            "reopened".to_string(),
            format!("{}, {owner}", c.severity),
        ),
        RiskEvent::MadeStale { idle_days } => (
            Tone::Changed,
            "stale".to_string(),
            format!(
                "untouched for {}; {}, {owner}",
                count(*idle_days as usize, "day"),
                c.severity
            ),
        ),
        RiskEvent::Dropped => (Tone::Removed, "no longer raised".to_string(), String::new()),
    };
    line(
        tone,
        verb,
        Some(&c.id),
        c.title.clone(),
        rest(&facts, &None),
        &c.place,
    )
}

fn ask(c: &AskChange) -> Line {
    let (tone, verb) = match &c.event {
        AskEvent::Written => (Tone::Added, format!("to {}", c.to)),
        AskEvent::Taken { by } => (Tone::Changed, format!("taken by {by}")),
        AskEvent::Done => (Tone::Closed, "done".to_string()),
        AskEvent::Declined => (Tone::Closed, "declined".to_string()),
        AskEvent::HandedOn { to } => (Tone::Changed, format!("handed on to {to}")),
        AskEvent::Lapsed => (Tone::Alarm, "lapsed".to_string()),
        AskEvent::Withdrawn => (Tone::Removed, "withdrawn".to_string()),
    };
    let facts = match &c.event {
        AskEvent::Written => format!("from {}", c.from),
        _ => format!("{} → {}", c.from, c.to),
    };
    line(
        tone,
        verb,
        Some(&c.id),
        c.what.clone(),
        rest(&facts, &c.note),
        &c.place,
    )
}

fn decision(c: &DecisionChange) -> Line {
    let (tone, verb) = match &c.event {
        DecisionEvent::Made {
            status: DecisionStatus::Accepted,
        } => (Tone::Added, "made".to_string()),
        DecisionEvent::Made { status } => (Tone::Added, format!("made, {status}")),
        DecisionEvent::Superseded { by } if by.is_empty() => {
            (Tone::Closed, "superseded".to_string())
        }
        DecisionEvent::Superseded { by } => {
            (Tone::Closed, format!("superseded by {}", by.join(", ")))
        }
        DecisionEvent::Rejected => (Tone::Closed, "rejected".to_string()),
        DecisionEvent::Status { from, to } => (Tone::Changed, format!("{from} → {to}")),
        DecisionEvent::Dropped => (Tone::Removed, "no longer recorded".to_string()),
    };
    line(
        tone,
        verb,
        Some(&c.id),
        c.title.clone(),
        String::new(),
        &c.place,
    )
}

/// One line per team: its hand-overs in the order they take effect
/// (`Payments: aiko Fri 20 Nov 17:42, then mei Sat 21 Nov 09:00 (+09:00)`),
/// at the first one's place.
fn pagers(changes: &[PagerChange]) -> Vec<Line> {
    let mut teams: Vec<(Option<&str>, Vec<&PagerChange>)> = Vec::new();
    for change in changes {
        let team = change.team.as_deref();
        match teams.iter_mut().find(|(t, _)| *t == team) {
            Some((_, turns)) => turns.push(change),
            None => teams.push((team, vec![change])),
        }
    }
    teams
        .into_iter()
        .map(|(team, turns)| {
            let text: Vec<String> = turns
                .iter()
                .map(|c| format!("{} ({})", c.to, c.since.format("%a %-d %b %H:%M")))
                .collect();
            let text = format!("{}: {}", team.unwrap_or("no team"), text.join(", then "));
            line(
                Tone::Changed,
                "handed over",
                None,
                text,
                String::new(),
                &turns[0].place,
            )
        })
        .collect()
}

fn wrap(c: &WrapChange) -> Line {
    let (tone, verb) = match (c.event, c.rewrites_history) {
        (WrapEvent::Added, _) => (Tone::Added, "added"),
        (WrapEvent::Edited, true) => (Tone::Alarm, "edited after the fact (history rewritten)"),
        (WrapEvent::Edited, false) => (Tone::Changed, "edited"),
        (WrapEvent::Deleted, true) => (Tone::Alarm, "deleted after the fact (history rewritten)"),
        (WrapEvent::Deleted, false) => (Tone::Removed, "deleted"),
    };
    let text = format!("{}, {}", c.author, c.at.format("%a %-d %b %Y %H:%M %:z"));
    let summary = c
        .summary
        .as_deref()
        .map(|s| format!(": {s}"))
        .unwrap_or_default();
    line(tone, verb, None, text, summary, &c.place)
}
