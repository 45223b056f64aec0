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
    /// The rest, user text included.
    pub text: String,
    pub place: Option<Place>,
}

/// The lines of one kind of change.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Section {
    pub title: &'static str,
    /// Alarms first, then in the order they happened.
    pub lines: Vec<Line>,
}

/// The review's changes, section by section; empty sections left out.
pub(crate) fn sections(review: &Review) -> Vec<Section> {
    let sections = [
        (
            "Incidents",
            review.incidents.iter().map(incident).collect::<Vec<_>>(),
        ),
        ("Risks", review.risks.iter().map(risk).collect()),
        ("Asks", review.asks.iter().map(ask).collect()),
        ("Decisions", review.decisions.iter().map(decision).collect()),
        ("Pager", review.pagers.iter().map(pager).collect()),
        ("Wraps", review.wraps.iter().map(wrap).collect()),
    ];
    sections
        .into_iter()
        .filter(|(_, lines)| !lines.is_empty())
        .map(|(title, mut lines)| {
            // Stable: alarms first, the rest as they came.
            lines.sort_by_key(|line| line.tone != Tone::Alarm);
            Section { title, lines }
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
    place: &Option<Place>,
) -> Line {
    Line {
        tone,
        verb: verb.into(),
        id: id.map(str::to_string),
        text,
        place: place.clone(),
    }
}

fn with_note(text: String, note: &Option<String>) -> String {
    match note {
        Some(note) => format!("{text} — {note}"),
        None => text,
    }
}

fn incident(c: &IncidentChange) -> Line {
    let mut facts: Vec<String> = c.severity.iter().cloned().collect();
    facts.push(c.status.clone());
    facts.push(match &c.commander {
        Some(commander) => format!("commander {commander}"),
        None => "no commander".to_string(),
    });
    let (tone, verb, text) = match &c.event {
        IncidentEvent::Opened => (
            Tone::Alarm,
            "opened",
            format!("{} ({})", c.title, facts.join(", ")),
        ),
        IncidentEvent::Changed { what } => (
            Tone::Changed,
            "updated",
            format!("{}: {}", c.title, what.join("; ")),
        ),
        IncidentEvent::Resolved => (Tone::Closed, "resolved", c.title.clone()),
        IncidentEvent::Reopened => (
            Tone::Alarm,
            "reopened",
            format!("{} ({})", c.title, facts.join(", ")),
        ),
    };
    line(tone, verb, Some(&c.id), with_note(text, &c.note), &c.place)
}

fn risk(c: &RiskChange) -> Line {
    let owner = c
        .owner
        .as_deref()
        .map_or("no owner".to_string(), |o| format!("owner {o}"));
    let blocker = if c.blocker { ", blocker" } else { "" };
    let (tone, verb, text) = match &c.event {
        RiskEvent::Raised => (
            if c.blocker || c.severity >= crate::content::risk::Severity::High {
                Tone::Alarm
            } else {
                Tone::Added
            },
            "raised".to_string(),
            format!("{} ({}{blocker}, {owner})", c.title, c.severity),
        ),
        RiskEvent::Escalated { from } => (
            Tone::Alarm,
            "escalated".to_string(),
            format!("{}: {from} → {} ({owner})", c.title, c.severity),
        ),
        RiskEvent::DeEscalated { from } => (
            Tone::Changed,
            "de-escalated".to_string(),
            format!("{}: {from} → {}", c.title, c.severity),
        ),
        RiskEvent::Blocking => (
            Tone::Alarm,
            "now blocks work".to_string(),
            format!("{} ({}, {owner})", c.title, c.severity),
        ),
        RiskEvent::Unblocked => (
            Tone::Changed,
            "no longer blocks work".to_string(),
            c.title.clone(),
        ),
        RiskEvent::Closed { status } => (Tone::Closed, status.to_string(), c.title.clone()),
        RiskEvent::Reopened => (
            Tone::Alarm,
            "reopened".to_string(),
            format!("{} ({}, {owner})", c.title, c.severity),
        ),
        RiskEvent::MadeStale { idle_days } => (
            Tone::Changed,
            "stale".to_string(),
            format!(
                "{}: untouched for {} ({}, {owner})",
                c.title,
                count(*idle_days as usize, "day"),
                c.severity
            ),
        ),
        RiskEvent::Dropped => (
            Tone::Removed,
            "no longer raised".to_string(),
            c.title.clone(),
        ),
    };
    line(tone, verb, Some(&c.id), text, &c.place)
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
    let text = match &c.event {
        AskEvent::Written => format!("{} (from {})", c.what, c.from),
        _ => format!("{} ({} → {})", c.what, c.from, c.to),
    };
    line(tone, verb, Some(&c.id), with_note(text, &c.note), &c.place)
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
    line(tone, verb, Some(&c.id), c.title.clone(), &c.place)
}

fn pager(c: &PagerChange) -> Line {
    let team = c.team.as_deref().unwrap_or("no team");
    let text = format!(
        "{team}: {} from {}",
        c.to,
        c.since.format("%a %-d %b %H:%M %:z")
    );
    line(Tone::Changed, "handed over", None, text, &c.place)
}

fn wrap(c: &WrapChange) -> Line {
    let (tone, verb) = match (c.event, c.rewrites_history) {
        (WrapEvent::Added, _) => (Tone::Added, "added"),
        (WrapEvent::Edited, true) => (Tone::Alarm, "edited after the fact (history rewritten)"),
        (WrapEvent::Edited, false) => (Tone::Changed, "edited"),
        (WrapEvent::Deleted, true) => (Tone::Alarm, "deleted after the fact (history rewritten)"),
        (WrapEvent::Deleted, false) => (Tone::Removed, "deleted"),
    };
    let mut text = format!("{}, {}", c.author, c.at.format("%a %-d %b %Y %H:%M %:z"));
    if let Some(summary) = &c.summary {
        text = format!("{text}: {summary}");
    }
    line(tone, verb, None, text, &c.place)
}
