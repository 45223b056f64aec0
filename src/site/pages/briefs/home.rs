//! The home page: the latest brief carried on to now, led by what needs
//! someone now (open blockers and high risks, stale ones last).

use std::collections::BTreeSet;

use serde::Serialize;
use tera::Context;

use super::{NO_RISKS, STALE_SHOWN, asks, fit, whole_brief_view};
use crate::content::risk::Severity;
use crate::site::pages::{RenderContext, Section};
use crate::site::summaries::{RiskLine, TeamRef, team_ref};
use crate::site::urls;

/// What needs someone now, whatever day it was raised: the first
/// [`asks::SHOWN`] blockers and high risks (blockers and critical first,
/// stale ones last), and how many more.
#[derive(Serialize)]
pub(super) struct NowView<'a> {
    pub(super) blockers: Vec<&'a RiskLine>,
    pub(super) high: Vec<&'a RiskLine>,
    /// Blockers and high risks left off.
    pub(super) more: usize,
    pub(super) stale: Vec<&'a RiskLine>,
    pub(super) stale_more: usize,
    /// The register, filtered to the stale risks.
    pub(super) stale_url: String,
    pub(super) open_count: usize,
}

pub(crate) fn home(cx: &RenderContext, context: &mut Context) -> (&'static str, String, Section) {
    let ledger = cx.ledger;
    let mut blockers = Vec::new();
    let mut high = Vec::new();
    let mut stale_high = Vec::new();
    for idx in ledger.needs_attention_now() {
        let line = &cx.lines.risks[idx.0];
        match (line.blocker, line.stale) {
            (true, _) => blockers.push(line),
            (false, false) => high.push(line),
            (false, true) => stale_high.push(line),
        }
    }
    // Stale ones last: nobody is looking at them, or they are not news.
    high.extend(stale_high);
    let total = blockers.len() + high.len();
    blockers.truncate(asks::SHOWN);
    high.truncate(asks::SHOWN - blockers.len());
    let mut stale: Vec<&RiskLine> = ledger
        .risks
        .iter()
        .enumerate()
        .filter(|(_, r)| r.stale)
        .map(|(i, _)| &cx.lines.risks[i])
        .filter(|l| !l.blocker && l.severity < Severity::High)
        .collect();
    let stale_more = stale.len().saturating_sub(STALE_SHOWN);
    stale.truncate(STALE_SHOWN);
    let mut now = NowView {
        more: total - blockers.len() - high.len(),
        blockers,
        high,
        stale,
        stale_more,
        stale_url: format!("{}?stale=1", urls::RISKS),
        open_count: ledger
            .risks
            .iter()
            .filter(|r| r.state.status.is_active())
            .count(),
    };
    if let (Some(day), Some(standing)) = (ledger.latest_brief(), &ledger.standing) {
        let mut view = whole_brief_view(cx, day, standing);
        // The open blockers and high risks lead the home page: the day's
        // list does not show them again.
        let leading: BTreeSet<&str> = now
            .blockers
            .iter()
            .chain(&now.high)
            .map(|r| r.id.as_str())
            .collect();
        view.attention
            .retain(|a| !leading.contains(a.risk.id.as_str()));
        // The home page always shows the open risks, within its budget.
        view.quiet.retain(|q| *q != NO_RISKS);
        fit(&mut view, Some(&mut now));
        context.insert("brief", &view);
    }
    context.insert("now", &now);
    context.insert("trend", &crate::site::health::trend(ledger, None));
    // For "my team": the reader picks one, and the page leads with its asks.
    let teams: Vec<TeamRef> = ledger
        .teams
        .iter()
        .map(|t| team_ref(&t.id, &t.name))
        .collect();
    context.insert("teams", &teams);
    ("home.html", cx.site.title.clone(), Section::Today)
}
