//! The health of the handover where people already look: one line and a
//! sparkline in the home page's header and on each team's page, and one
//! line in `standin brief`.

use serde::Serialize;

use super::{ask_rows, words};
use crate::ledger::Ledger;
use crate::site::charts::sparkline;
use crate::site::urls;

/// One figure with its trend.
#[derive(Debug, Serialize)]
pub(crate) struct Trend {
    /// `Asks picked up within a shift: 86% this week, up from 71%.`
    pub text: String,
    /// The share week by week, when at least two weeks have one.
    pub sparkline: Option<String>,
    /// Where the health page shows it in full.
    pub url: String,
}

/// The share of asks picked up within a shift, for `team` (an index of
/// [`Ledger::teams`]) or the whole site.
pub(crate) fn trend(ledger: &Ledger, team: Option<usize>) -> Trend {
    let figures = ledger.health_of(team);
    let labels: Vec<String> = ledger
        .health
        .weeks
        .0
        .iter()
        .map(|w| w.last.format("%-d %b").to_string())
        .collect();
    let labels: Vec<&str> = labels.iter().map(String::as_str).collect();
    let rows = ask_rows(figures, &labels);
    let values: Vec<Option<f64>> = rows.iter().map(|r| r.within_share.map(f64::from)).collect();
    let said: Vec<String> = rows
        .iter()
        .map(|r| match r.within_share {
            Some(p) => format!("{p}% to {}", r.week),
            None => format!("none to {}", r.week),
        })
        .collect();
    let title = format!(
        "Asks picked up within a shift, week by week: {}",
        said.join(", ")
    );
    let anchor = match team {
        Some(t) => format!("#team-{}", ledger.teams[t].id),
        None => String::new(),
    };
    Trend {
        text: words::asks_share(&rows),
        sparkline: sparkline(&title, &values, 100.0, "c-good"),
        url: format!("{}{anchor}", urls::HEALTH),
    }
}

/// The week's health in one line, for a chat message: asks picked up
/// within a shift, open risks, incidents opened.
pub(crate) fn week_line(ledger: &Ledger, team: Option<usize>) -> String {
    let figures = ledger.health_of(team);
    let (Some(asks), Some(open), Some(incidents)) = (
        figures.asks.last(),
        figures.open.last(),
        figures.incidents.last(),
    ) else {
        return String::new();
    };
    let before = figures.asks.len().checked_sub(2).map(|i| &figures.asks[i]);
    let share = match (asks.within_share(), before.and_then(|b| b.within_share())) {
        (Some(p), Some(q)) => format!("{p}% (the week before: {q}%)"),
        (Some(p), None) => format!("{p}%"),
        (None, _) => "none to count".to_string(),
    };
    format!(
        "This week: asks picked up within a shift {share} · open risks {} · incidents opened {}.",
        open.risks_open(),
        incidents.opened
    )
}
