//! The health of the handover as pages and the API show it: one view of
//! the ledger's weekly figures ([`crate::ledger::Health`]), for the whole
//! site and for each team, with each chart's numbers and the one sentence
//! that says what it shows. The `/health/` page draws it (with the charts
//! of [`charts`]); `api/health.json` is the same view, serialised.

pub(crate) mod charts;
mod trend;
mod words;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::format;
use crate::ledger::Ledger;
use crate::ledger::health::{Cell, Figures, ShiftRow};
pub(crate) use trend::{trend, week_line};

/// The health of the site over the weeks counted.
#[derive(Debug, Serialize)]
pub(crate) struct HealthView {
    /// The weeks, oldest first; every list of rows below has one per week.
    pub weeks: Vec<WeekView>,
    /// The days with a brief in those weeks, which `chain` cells follow.
    pub days: Vec<String>,
    pub site: ScopeView,
    pub teams: Vec<ScopeView>,
    /// Under each week's bar: its last day, `20 Nov`.
    #[serde(skip)]
    pub axis: Vec<String>,
    /// Each of `days` as a reader says it: `Tue 17 Nov`.
    #[serde(skip)]
    pub day_labels: Vec<String>,
    /// Where each week's days begin among `days`, and its first day.
    #[serde(skip)]
    pub week_starts: Vec<(usize, String)>,
}

/// One week.
#[derive(Debug, Serialize)]
pub(crate) struct WeekView {
    /// Its first and last day, `2026-11-14`.
    pub first: String,
    pub last: String,
    /// `14–20 Nov`
    pub label: String,
}

/// A team, as the view names it.
#[derive(Debug, Serialize)]
pub(crate) struct TeamName {
    pub id: String,
    pub name: String,
}

/// The figures of the whole site (`team` is `None`) or of one team.
#[derive(Debug, Serialize)]
pub(crate) struct ScopeView {
    pub team: Option<TeamName>,
    pub asks: Chart<AskRow>,
    pub open_asks: Chart<OpenAskRow>,
    pub risks: Chart<RiskRow>,
    pub incidents: Chart<IncidentRow>,
    pub shifts: Chart<ShiftsRow>,
    pub decisions: Chart<DecisionRow>,
    /// Each shift of the team (of every team, for the site), day by day.
    pub chain: Vec<ChainRow>,
}

/// One chart's numbers, one row per week, and what it shows in a sentence.
#[derive(Debug, Serialize)]
pub(crate) struct Chart<R> {
    /// `Asks picked up within a shift: 86% this week, up from 71%.`
    pub headline: String,
    pub rows: Vec<R>,
}

/// Asks written in a week, by what became of them.
#[derive(Debug, Serialize)]
pub(crate) struct AskRow {
    /// The week's label, as the table shows it.
    pub week: String,
    pub written: usize,
    pub within_shift: usize,
    pub later: usize,
    pub lapsed: usize,
    pub unanswered: usize,
    pub waiting: usize,
    /// Of those decided (all but the waiting), the share picked up within
    /// a shift, in percent.
    pub within_share: Option<u32>,
    pub median_minutes: Option<i64>,
    /// `9 h`, `2.4 d`
    pub median_label: Option<String>,
}

/// Asks open at a week's end.
#[derive(Debug, Serialize)]
pub(crate) struct OpenAskRow {
    pub week: String,
    pub open: usize,
    pub unacknowledged: usize,
}

/// Risks open at a week's end.
#[derive(Debug, Serialize)]
pub(crate) struct RiskRow {
    pub week: String,
    pub open: usize,
    pub critical: usize,
    pub high: usize,
    pub medium: usize,
    pub low: usize,
    pub stale: usize,
    pub blocking: usize,
}

/// A week's incidents.
#[derive(Debug, Serialize)]
pub(crate) struct IncidentRow {
    pub week: String,
    pub opened: usize,
    pub resolved: usize,
    pub ongoing: usize,
    pub median_minutes: Option<i64>,
    pub median_label: Option<String>,
}

/// A week's shifts.
#[derive(Debug, Serialize)]
pub(crate) struct ShiftsRow {
    pub week: String,
    pub shifts: usize,
    pub wrote: usize,
    pub handed_over: usize,
    pub gaps: usize,
}

/// A week's decisions.
#[derive(Debug, Serialize)]
pub(crate) struct DecisionRow {
    pub week: String,
    pub made: usize,
    pub superseded: usize,
}

/// One shift of one team, day by day.
#[derive(Debug, Serialize)]
pub(crate) struct ChainRow {
    pub team: TeamName,
    /// The shift label; `None` for wraps without one.
    pub shift: Option<String>,
    /// One per day of [`HealthView::days`].
    pub cells: Vec<CellView>,
}

/// A shift on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum CellView {
    HandedOver,
    Wrote,
    Gap,
}

impl HealthView {
    pub(crate) fn new(ledger: &Ledger) -> HealthView {
        let health = &ledger.health;
        let weeks: Vec<WeekView> = health
            .weeks
            .0
            .iter()
            .map(|w| WeekView {
                first: format::iso_day(w.first),
                last: format::iso_day(w.last),
                label: week_label(w.first, w.last),
            })
            .collect();
        let labels: Vec<&str> = weeks.iter().map(|w| w.label.as_str()).collect();
        let team_name = |i: usize| TeamName {
            id: ledger.teams[i].id.to_string(),
            name: ledger.teams[i].name.clone(),
        };
        let chain_of = |i: usize| chain_rows(team_name(i), &health.chains[i]);
        let site_chain = (0..ledger.teams.len()).flat_map(chain_of).collect();
        let week_starts = health
            .weeks
            .0
            .iter()
            .filter_map(|w| {
                let at = health.days.partition_point(|d| *d < w.first);
                let day = health.days.get(at).filter(|d| **d <= w.last)?;
                Some((at, day.format("%-d %b").to_string()))
            })
            .collect();
        HealthView {
            axis: health
                .weeks
                .0
                .iter()
                .map(|w| w.last.format("%-d %b").to_string())
                .collect(),
            day_labels: health
                .days
                .iter()
                .map(|d| d.format("%a %-d %b").to_string())
                .collect(),
            week_starts,
            site: scope(None, &health.site, &labels, site_chain),
            teams: (0..ledger.teams.len())
                .map(|i| scope(Some(team_name(i)), &health.teams[i], &labels, chain_of(i)))
                .collect(),
            days: health.days.iter().map(|d| format::iso_day(*d)).collect(),
            weeks,
        }
    }
}

/// `14–20 Nov`, `31 Oct–6 Nov`
fn week_label(first: NaiveDate, last: NaiveDate) -> String {
    if first.month() == last.month() {
        format!("{}–{}", first.day(), last.format("%-d %b"))
    } else {
        format!("{}–{}", first.format("%-d %b"), last.format("%-d %b"))
    }
}

/// `45 min`, `9 h`, `2.4 d`: a median time as a reader takes it in.
pub(crate) fn minutes_label(minutes: i64) -> String {
    match minutes {
        m if m < 60 => format!("{m} min"),
        m if m < 48 * 60 => format!("{} h", (m + 30) / 60),
        m => {
            let tenths = (m * 10 + 720) / 1440;
            format!("{}.{} d", tenths / 10, tenths % 10)
        }
    }
}

fn chain_rows(team: TeamName, rows: &[ShiftRow]) -> Vec<ChainRow> {
    rows.iter()
        .map(|r| ChainRow {
            team: TeamName {
                id: team.id.clone(),
                name: team.name.clone(),
            },
            shift: r.label.clone(),
            cells: r
                .cells
                .iter()
                .map(|c| match c {
                    Cell::HandedOver => CellView::HandedOver,
                    Cell::Wrote => CellView::Wrote,
                    Cell::Gap => CellView::Gap,
                })
                .collect(),
        })
        .collect()
}

/// The asks of `f`, week by week, labelled `weeks`.
fn ask_rows(f: &Figures, weeks: &[&str]) -> Vec<AskRow> {
    f.asks
        .iter()
        .zip(weeks)
        .map(|(a, week)| AskRow {
            week: week.to_string(),
            written: a.written,
            within_shift: a.within_shift,
            later: a.later,
            lapsed: a.lapsed,
            unanswered: a.unanswered,
            waiting: a.waiting,
            within_share: a.within_share(),
            median_minutes: a.median_minutes,
            median_label: a.median_minutes.map(minutes_label),
        })
        .collect()
}

/// The open asks of `f` at each week's end, labelled `weeks`.
fn open_ask_rows(f: &Figures, weeks: &[&str]) -> Vec<OpenAskRow> {
    f.open
        .iter()
        .enumerate()
        .map(|(i, o)| OpenAskRow {
            week: weeks[i].to_string(),
            open: o.asks_open,
            unacknowledged: o.asks_unacknowledged,
        })
        .collect()
}

/// The open risks of `f` at each week's end, by severity, labelled `weeks`.
fn risk_rows(f: &Figures, weeks: &[&str]) -> Vec<RiskRow> {
    f.open
        .iter()
        .enumerate()
        .map(|(i, o)| RiskRow {
            week: weeks[i].to_string(),
            open: o.risks_open(),
            low: o.risks[0],
            medium: o.risks[1],
            high: o.risks[2],
            critical: o.risks[3],
            stale: o.risks_stale,
            blocking: o.risks_blocking,
        })
        .collect()
}

/// The incidents of `f`, week by week, labelled `weeks`.
fn incident_rows(f: &Figures, weeks: &[&str]) -> Vec<IncidentRow> {
    f.incidents
        .iter()
        .enumerate()
        .map(|(i, w)| IncidentRow {
            week: weeks[i].to_string(),
            opened: w.opened,
            resolved: w.resolved,
            ongoing: w.ongoing,
            median_minutes: w.median_minutes,
            median_label: w.median_minutes.map(minutes_label),
        })
        .collect()
}

/// The shifts of `f`, week by week, labelled `weeks`.
fn shift_rows(f: &Figures, weeks: &[&str]) -> Vec<ShiftsRow> {
    f.shifts
        .iter()
        .enumerate()
        .map(|(i, s)| ShiftsRow {
            week: weeks[i].to_string(),
            shifts: s.shifts,
            wrote: s.wrote,
            handed_over: s.handed_over,
            gaps: s.gaps(),
        })
        .collect()
}

/// The decisions of `f`, week by week, labelled `weeks`.
fn decision_rows(f: &Figures, weeks: &[&str]) -> Vec<DecisionRow> {
    f.decisions
        .iter()
        .enumerate()
        .map(|(i, d)| DecisionRow {
            week: weeks[i].to_string(),
            made: d.made,
            superseded: d.superseded,
        })
        .collect()
}

/// The figures of one scope (the site, or `team`), each chart's rows with
/// its headline.
fn scope(team: Option<TeamName>, f: &Figures, weeks: &[&str], chain: Vec<ChainRow>) -> ScopeView {
    let asks = ask_rows(f, weeks);
    let open_asks = open_ask_rows(f, weeks);
    let risks = risk_rows(f, weeks);
    let incidents = incident_rows(f, weeks);
    let shifts = shift_rows(f, weeks);
    let decisions = decision_rows(f, weeks);
    ScopeView {
        team,
        asks: Chart {
            headline: words::asks(&asks),
            rows: asks,
        },
        open_asks: Chart {
            headline: words::open_asks(&open_asks),
            rows: open_asks,
        },
        risks: Chart {
            headline: words::risks(&risks),
            rows: risks,
        },
        incidents: Chart {
            headline: words::incidents(&incidents),
            rows: incidents,
        },
        shifts: Chart {
            headline: words::shifts(&shifts),
            rows: shifts,
        },
        decisions: Chart {
            headline: words::decisions(&decisions),
            rows: decisions,
        },
        chain,
    }
}
