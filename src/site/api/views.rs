//! The shapes of the API files, as serialized: one struct per JSON object,
//! its fields in the order they are written.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::content::decision::DecisionStatus;
use crate::content::risk::{RiskStatus, Severity};
use crate::site::summaries::WrapLine;
use crate::site::views::StateView;

#[derive(Serialize)]
pub(super) struct IndexJson {
    pub(super) version: u32,
    /// The day of `now`: ages and staleness are counted to it.
    pub(super) today: String,
    /// The build's "now", RFC 3339: everything below stands as of it.
    pub(super) now: String,
    pub(super) timezone: String,
    pub(super) latest_brief: Option<String>,
    pub(super) files: Vec<&'static str>,
    /// Open risks that block work, worst first: "open blockers this
    /// morning" without reading anything else.
    pub(super) open_blockers: Vec<RiskRefJson>,
    /// Now: ongoing incidents, worst first.
    pub(super) ongoing_incidents: Vec<IncidentJson>,
    /// Now: who holds each team's pager.
    pub(super) on_call: Vec<OnCallJson>,
    /// Now: the newest ten open or in hand of each receiver and kind,
    /// unacknowledged first (`asks.json` has them all).
    pub(super) asks: Vec<AskJson>,
}

/// An ask open at the end of a day.
#[derive(Serialize)]
pub(super) struct AskJson {
    pub(super) id: String,
    pub(super) what: String,
    /// `team`, `person` or `everyone`.
    pub(super) to_kind: &'static str,
    /// The team's or person's key; empty for everyone.
    pub(super) to: String,
    pub(super) to_name: String,
    /// `open` or `taken` (an ask on a brief is live).
    pub(super) status: &'static str,
    pub(super) taken_by: Option<String>,
    pub(super) unacknowledged: bool,
    pub(super) age_days: i64,
    pub(super) due: Option<String>,
    pub(super) author: String,
    pub(super) url: String,
}

/// How many asks one receiver had open or in hand at a day's end.
#[derive(Serialize)]
pub(super) struct OpenCountJson {
    /// `team`, `person` or `everyone`.
    pub(super) to_kind: &'static str,
    pub(super) to: String,
    pub(super) to_name: String,
    pub(super) unacknowledged: usize,
    pub(super) waiting: usize,
    pub(super) in_hand: usize,
}

/// An ask that lapsed: open or in hand too long with no word on it.
#[derive(Serialize)]
pub(super) struct LapsedJson {
    pub(super) id: String,
    pub(super) what: String,
    pub(super) to_kind: &'static str,
    pub(super) to: String,
    pub(super) to_name: String,
    /// The day it lapsed, `2026-11-27`.
    pub(super) lapsed_on: String,
    pub(super) author: String,
    pub(super) url: String,
}

/// An acknowledgement written that day.
#[derive(Serialize)]
pub(super) struct AckJson {
    pub(super) id: String,
    pub(super) what: String,
    /// `taken`, `done`, `declined` or `handed on`.
    pub(super) verb: &'static str,
    pub(super) words: String,
    pub(super) note: Option<String>,
    pub(super) by: String,
    pub(super) wrap_url: String,
}

/// An incident as a day left it.
#[derive(Serialize)]
pub(super) struct IncidentJson {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) severity: Option<String>,
    pub(super) status: &'static str,
    pub(super) ongoing: bool,
    pub(super) commander: Option<String>,
    pub(super) links: BTreeMap<String, String>,
    pub(super) note: Option<String>,
    pub(super) url: String,
}

/// Who holds a team's pager.
#[derive(Serialize)]
pub(super) struct OnCallJson {
    pub(super) team: Option<String>,
    pub(super) person: Option<String>,
    pub(super) since: Option<String>,
    pub(super) next: Option<String>,
    pub(super) next_since: Option<String>,
}

#[derive(Serialize)]
pub(super) struct RiskRefJson {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) severity: Severity,
    pub(super) owner: Option<String>,
    pub(super) url: String,
}

#[derive(Serialize)]
pub(super) struct BriefIndexJson {
    pub(super) version: u32,
    pub(super) briefs: Vec<BriefSummaryJson>,
}

#[derive(Serialize)]
pub(super) struct BriefSummaryJson {
    pub(super) date: String,
    pub(super) url: String,
    pub(super) json: String,
    pub(super) wraps: usize,
    pub(super) needs_attention: usize,
    pub(super) decisions: usize,
    pub(super) reading_minutes: usize,
}

#[derive(Serialize)]
pub(super) struct BriefJson {
    pub(super) version: u32,
    pub(super) date: String,
    pub(super) url: String,
    pub(super) reading_minutes: usize,
    pub(super) needs_attention: Vec<RiskEventJson>,
    pub(super) closed: Vec<RiskEventJson>,
    pub(super) decisions: Vec<BriefDecisionJson>,
    pub(super) next: Vec<TeamNextJson>,
    /// Open or in hand at the day's end: the newest ten of each receiver
    /// and kind (unacknowledged, waiting, in hand), unacknowledged first,
    /// then by receiver. `open_asks` says how many there were.
    pub(super) asks: Vec<AskJson>,
    /// How many asks each receiver had open or in hand at the day's end.
    pub(super) open_asks: Vec<OpenCountJson>,
    /// The ids of the asks handed over that day, in the order written.
    pub(super) written: Vec<String>,
    /// Asks that lapsed since the previous brief's day.
    pub(super) lapsed: Vec<LapsedJson>,
    /// Acknowledgements written that day.
    pub(super) acknowledged: Vec<AckJson>,
    /// Ongoing at the day's end, then resolved that day.
    pub(super) incidents: Vec<IncidentJson>,
    pub(super) on_call: Vec<OnCallJson>,
    /// How each team said things stand: the page's own view.
    pub(super) states: Vec<StateView>,
    pub(super) wraps: Vec<WrapSummaryJson>,
}

#[derive(Serialize)]
pub(super) struct RiskEventJson {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) severity: Severity,
    pub(super) status: RiskStatus,
    pub(super) blocker: bool,
    pub(super) owner: Option<String>,
    pub(super) changes: Vec<String>,
    pub(super) note: Option<String>,
    pub(super) author: String,
    pub(super) url: String,
    pub(super) wrap_url: String,
}

#[derive(Serialize)]
pub(super) struct BriefDecisionJson {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) why: String,
    pub(super) status: DecisionStatus,
    pub(super) new: bool,
    pub(super) url: String,
}

#[derive(Serialize)]
pub(super) struct TeamNextJson {
    pub(super) team: Option<String>,
    pub(super) items: Vec<NextItemJson>,
}

#[derive(Serialize)]
pub(super) struct NextItemJson {
    pub(super) text: String,
    pub(super) author: String,
    pub(super) wrap_url: String,
}

#[derive(Serialize)]
pub(super) struct WrapSummaryJson {
    pub(super) author: String,
    pub(super) team: Option<String>,
    pub(super) shift: Option<String>,
    /// RFC 3339 with the author's offset.
    pub(super) time: String,
    pub(super) summary: Option<String>,
    pub(super) tags: Vec<String>,
    pub(super) url: String,
}

impl WrapSummaryJson {
    /// The API's part of the row every list of wraps shows: a field shown
    /// with a wrap on the pages comes here from the same [`WrapLine`].
    pub(super) fn of(line: &WrapLine, pretty: &dyn Fn(&str) -> String) -> Self {
        WrapSummaryJson {
            author: line.author.clone(),
            team: line.team.as_ref().map(|t| t.id.clone()),
            shift: line.shift.clone(),
            time: line.datetime.clone(),
            summary: line.summary.clone(),
            tags: line.tags.iter().map(|t| t.name.clone()).collect(),
            url: pretty(&line.url),
        }
    }
}

#[derive(Serialize)]
pub(super) struct DecisionsJson {
    pub(super) version: u32,
    pub(super) decisions: Vec<DecisionJson>,
}

#[derive(Serialize)]
pub(super) struct DecisionJson {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) why: String,
    pub(super) status: DecisionStatus,
    /// The status as its record writes it, when not simply `status`.
    pub(super) status_as_written: Option<String>,
    /// A numbered record's number.
    pub(super) number: Option<u32>,
    pub(super) link: Option<String>,
    /// `None` for a record that gives no date.
    pub(super) date: Option<String>,
    pub(super) author: String,
    pub(super) team: Option<String>,
    pub(super) tags: Vec<String>,
    pub(super) supersedes: Vec<String>,
    pub(super) superseded_by: Vec<String>,
    pub(super) amends: Vec<String>,
    pub(super) amended_by: Vec<String>,
    pub(super) related: Vec<RelatedJson>,
    pub(super) deciders: Vec<String>,
    pub(super) consulted: Vec<String>,
    pub(super) informed: Vec<String>,
    pub(super) mentioned_in: Vec<String>,
    pub(super) url: String,
}

#[derive(Serialize)]
pub(super) struct RelatedJson {
    /// As written by the record that states it (`Clarifies`).
    pub(super) relation: String,
    pub(super) id: String,
    /// `outgoing`: this decision states it of `id`; `incoming`: `id`
    /// states it of this one.
    pub(super) direction: &'static str,
}

#[derive(Serialize)]
pub(super) struct RisksJson {
    pub(super) version: u32,
    pub(super) today: String,
    pub(super) stale_after_days: u32,
    pub(super) risks: Vec<RiskJson>,
}

#[derive(Serialize)]
pub(super) struct RiskJson {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) severity: Severity,
    pub(super) status: RiskStatus,
    pub(super) blocker: bool,
    pub(super) stale: bool,
    pub(super) owner: Option<String>,
    pub(super) mitigation: Option<String>,
    pub(super) team: Option<String>,
    pub(super) raised_by: String,
    pub(super) raised_on: String,
    pub(super) last_touched_on: String,
    pub(super) closed_on: Option<String>,
    pub(super) age_days: i64,
    pub(super) idle_days: i64,
    pub(super) url: String,
    pub(super) history: Vec<HistoryJson>,
}

#[derive(Serialize)]
pub(super) struct HistoryJson {
    pub(super) time: String,
    pub(super) author: String,
    pub(super) wrap_url: String,
    pub(super) changes: Vec<String>,
    pub(super) note: Option<String>,
    pub(super) severity: Severity,
    pub(super) status: RiskStatus,
    pub(super) owner: Option<String>,
    pub(super) blocker: bool,
}
