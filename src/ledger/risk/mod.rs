//! The risk register: each risk followed across the wraps that touch it,
//! from the one that raises it to the one that closes it.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::{RiskIdx, WrapIdx, WrapRecord};
use crate::config::PersonRef;
use crate::content::risk::{RiskEntry, RiskStatus, Severity};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, suggest_n};
use crate::ids::{RiskId, TeamId};

/// What a risk looks like at one moment.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RiskState {
    pub title: String,
    pub severity: Severity,
    pub status: RiskStatus,
    pub owner: Option<PersonRef>,
    /// Work is stopped on it, not merely at risk.
    pub blocker: bool,
    pub mitigation: Option<String>,
}

/// A risk with its current state and history.
#[derive(Debug, Clone)]
pub(crate) struct Risk {
    pub id: RiskId,
    pub state: RiskState,
    /// The team of the wrap that raised it.
    pub team: Option<TeamId>,
    /// The wrap that raised it.
    pub raised: WrapIdx,
    pub raised_on: NaiveDate,
    pub last_touched: WrapIdx,
    pub last_touched_on: NaiveDate,
    /// When it was last resolved or accepted, if it is closed now.
    pub closed_on: Option<NaiveDate>,
    /// Every wrap that touched it, oldest first (the first raised it).
    pub history: Vec<Touch>,
    /// Days open: to today while active, to `closed_on` once closed.
    pub age_days: i64,
    /// Days since the last wrap touched it.
    pub idle_days: i64,
    /// Active, and untouched for `risks.stale_after_days` or more.
    pub stale: bool,
}

impl Risk {
    /// Its state after the touches written up to `at`; `None` if nobody
    /// had raised it by then.
    pub(crate) fn state_at(
        &self,
        wraps: &[WrapRecord],
        at: DateTime<FixedOffset>,
    ) -> Option<&RiskState> {
        self.history
            .iter()
            .take_while(|t| wraps[t.wrap.0].wrap.at <= at)
            .last()
            .map(|t| &t.after)
    }
}

/// One wrap's touch of a risk.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Touch {
    pub wrap: WrapIdx,
    pub changes: Vec<Change>,
    pub note: Option<String>,
    /// The state after this touch.
    pub after: RiskState,
}

impl Touch {
    /// Raised, escalated, made a blocker or reopened: what a brief puts
    /// under "needs attention".
    pub(crate) fn needs_attention(&self) -> bool {
        self.after.status.is_active()
            && (self.after.blocker
                || self.changes.iter().any(|c| match c {
                    Change::Raised | Change::Blocker(true) => true,
                    Change::Severity { from, to } => to > from,
                    Change::Status { from, .. } => !from.is_active(),
                    _ => false,
                }))
    }

    /// Resolved or accepted by this touch.
    pub(crate) fn closed(&self) -> bool {
        self.changes.iter().any(
            |c| matches!(c, Change::Status { from, to } if from.is_active() && !to.is_active()),
        )
    }
}

/// What one touch changed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Change {
    Raised,
    Title {
        from: String,
        to: String,
    },
    Severity {
        from: Severity,
        to: Severity,
    },
    Status {
        from: RiskStatus,
        to: RiskStatus,
    },
    Owner {
        from: Option<PersonRef>,
        to: PersonRef,
    },
    Blocker(bool),
    Mitigation(String),
}

/// Builds the register from the wraps, oldest first, and says which risks
/// each wrap touched (for [`super::WrapRecord::risks`]).
pub(crate) fn build(
    wraps: &[WrapRecord],
    today: NaiveDate,
    stale_after_days: u32,
    complete: bool,
    d: &mut Diagnostics,
) -> (Vec<Risk>, Vec<Vec<RiskIdx>>) {
    let first_raise = first_raises(wraps);
    let mut index: BTreeMap<RiskId, RiskIdx> = BTreeMap::new();
    let mut risks: Vec<Risk> = Vec::new();
    let mut touched_by_wrap = Vec::with_capacity(wraps.len());
    for w in 0..wraps.len() {
        let record = &wraps[w];
        let mut touched = Vec::new();
        for entry in &record.wrap.risks {
            let id = &entry.id.value;
            if let Some(&idx) = index.get(id) {
                update(&mut risks[idx.0], entry, WrapIdx(w), record.day);
                touched.push(idx);
            } else if let Some(title) = &entry.title {
                let idx = RiskIdx(risks.len());
                risks.push(raise(entry, title, WrapIdx(w), record));
                index.insert(id.clone(), idx);
                touched.push(idx);
            } else if complete {
                d.push(unknown_risk(entry, record, wraps, &first_raise, &index));
            }
        }
        touched_by_wrap.push(touched);
    }
    for risk in &mut risks {
        measure(risk, today, stale_after_days);
    }
    (risks, touched_by_wrap)
}

/// Where each id is first given a title, to tell "raised later" apart from
/// "never raised".
fn first_raises(wraps: &[WrapRecord]) -> BTreeMap<&RiskId, usize> {
    let mut first = BTreeMap::new();
    for (w, record) in wraps.iter().enumerate() {
        for entry in record.wrap.risks.iter().filter(|e| e.title.is_some()) {
            first.entry(&entry.id.value).or_insert(w);
        }
    }
    first
}

fn raise(entry: &RiskEntry, title: &str, wrap: WrapIdx, record: &WrapRecord) -> Risk {
    let state = RiskState {
        title: title.to_string(),
        severity: entry.severity.unwrap_or(Severity::Medium),
        status: entry.status.unwrap_or(RiskStatus::Open),
        owner: entry.owner.clone(),
        blocker: entry.blocker.unwrap_or(false),
        mitigation: entry.mitigation.clone(),
    };
    let closed_on = (!state.status.is_active()).then_some(record.day);
    Risk {
        id: entry.id.value.clone(),
        team: record.wrap.team.clone(),
        raised: wrap,
        raised_on: record.day,
        last_touched: wrap,
        last_touched_on: record.day,
        closed_on,
        history: vec![Touch {
            wrap,
            changes: vec![Change::Raised],
            note: entry.note.clone(),
            after: state.clone(),
        }],
        state,
        age_days: 0,
        idle_days: 0,
        stale: false,
    }
}

fn update(risk: &mut Risk, entry: &RiskEntry, wrap: WrapIdx, day: NaiveDate) {
    let state = &mut risk.state;
    let mut changes = Vec::new();
    if let Some(title) = entry.title.as_ref().filter(|t| **t != state.title) {
        changes.push(Change::Title {
            from: std::mem::replace(&mut state.title, title.clone()),
            to: title.clone(),
        });
    }
    if let Some(severity) = entry.severity.filter(|s| *s != state.severity) {
        changes.push(Change::Severity {
            from: std::mem::replace(&mut state.severity, severity),
            to: severity,
        });
    }
    if let Some(status) = entry.status.filter(|s| *s != state.status) {
        let from = std::mem::replace(&mut state.status, status);
        changes.push(Change::Status { from, to: status });
        risk.closed_on = (!status.is_active()).then_some(day);
    }
    if let Some(owner) = entry
        .owner
        .as_ref()
        .filter(|o| state.owner.as_ref().map(|s| &s.key) != Some(&o.key))
    {
        changes.push(Change::Owner {
            from: state.owner.replace(owner.clone()),
            to: owner.clone(),
        });
    }
    if let Some(blocker) = entry.blocker.filter(|b| *b != state.blocker) {
        state.blocker = blocker;
        changes.push(Change::Blocker(blocker));
    }
    if let Some(mitigation) = entry
        .mitigation
        .as_ref()
        .filter(|m| state.mitigation.as_ref() != Some(*m))
    {
        state.mitigation = Some(mitigation.clone());
        changes.push(Change::Mitigation(mitigation.clone()));
    }
    risk.last_touched = wrap;
    risk.last_touched_on = day;
    risk.history.push(Touch {
        wrap,
        changes,
        note: entry.note.clone(),
        after: risk.state.clone(),
    });
}

fn measure(risk: &mut Risk, today: NaiveDate, stale_after_days: u32) {
    let end = match risk.closed_on {
        Some(closed) if !risk.state.status.is_active() => closed,
        _ => today,
    };
    risk.age_days = (end - risk.raised_on).num_days().max(0);
    risk.idle_days = (today - risk.last_touched_on).num_days().max(0);
    risk.stale = risk.state.status.is_active()
        && stale_after_days > 0
        && risk.idle_days >= i64::from(stale_after_days);
}

fn unknown_risk(
    entry: &RiskEntry,
    record: &WrapRecord,
    wraps: &[WrapRecord],
    first_raise: &BTreeMap<&RiskId, usize>,
    index: &BTreeMap<RiskId, RiskIdx>,
) -> Diagnostic {
    let id = &entry.id.value;
    let diagnostic = Diagnostic::new(
        Code::UnknownRisk,
        format!("risk `{id}` is updated here, but no earlier wrap raised it"),
    )
    .at(&record.wrap.file, entry.id.span.clone());
    if let Some(&later) = first_raise.get(id) {
        let raiser = &wraps[later];
        return diagnostic.with_help(format!(
            "it is raised later, in {} ({}); add `title = \"...\"` here to raise it now",
            raiser.wrap.file.path,
            raiser.wrap.at.format("%Y-%m-%d %H:%M %:z")
        ));
    }
    let help = match suggest_n(id.as_str(), index.keys().map(RiskId::as_str), 3) {
        Some(suggestion) => format!("{suggestion} to raise a new risk, give it a `title`"),
        None => "to raise a new risk, give it a `title` (and `severity`, `owner`)".to_string(),
    };
    diagnostic.with_help(help)
}

/// The register's order: active risks first, blockers first, then by
/// severity (worst first) then age (oldest first); closed ones after, most
/// recently closed first.
pub(crate) fn register_order(a: &Risk, b: &Risk) -> Ordering {
    let (active_a, active_b) = (a.state.status.is_active(), b.state.status.is_active());
    active_b
        .cmp(&active_a)
        .then_with(|| {
            if active_a {
                // Blockers first, as on the home page: work is stopped on them.
                b.state
                    .blocker
                    .cmp(&a.state.blocker)
                    .then(b.state.severity.cmp(&a.state.severity))
                    .then(b.age_days.cmp(&a.age_days))
            } else {
                b.closed_on.cmp(&a.closed_on)
            }
        })
        .then_with(|| a.id.cmp(&b.id))
}

#[cfg(test)]
mod tests;
