//! The risk register and one page per risk.

use serde::Serialize;

use tera::Context;

use super::{RenderContext, Section};
use crate::content::risk::{RiskStatus, Severity};
use crate::ledger::RiskIdx;
use crate::site::health::{HealthView, charts};
use crate::site::summaries::RiskLine;
use crate::site::urls;
use crate::site::wording::{WrapRef, describe_changes, wrap_ref};

#[derive(Serialize)]
struct HistoryView<'a> {
    wrap: WrapRef<'a>,
    team: Option<&'a str>,
    changes: Vec<String>,
    note: Option<&'a str>,
    severity: Severity,
    status: RiskStatus,
    owner: Option<&'a str>,
    blocker: bool,
}

pub(crate) fn page(
    cx: &RenderContext,
    idx: RiskIdx,
    context: &mut Context,
) -> (&'static str, String, Section) {
    let risk = cx.ledger.risk(idx);
    let line = &cx.lines.risks[idx.0];
    let entries: Vec<HistoryView> = risk
        .history
        .iter()
        .rev()
        .map(|touch| HistoryView {
            wrap: wrap_ref(cx.lines, touch.wrap),
            team: cx.lines.wraps[touch.wrap.0]
                .team
                .as_ref()
                .map(|t| t.name.as_str()),
            changes: describe_changes(touch),
            note: touch.note.as_deref(),
            severity: touch.after.severity,
            status: touch.after.status,
            owner: touch.after.owner.as_ref().map(|o| o.name.as_str()),
            blocker: touch.after.blocker,
        })
        .collect();
    context.insert("risk", line);
    context.insert("history", &entries);
    context.insert("stale_after_days", &cx.config.risks.stale_after_days);
    (
        "risk.html",
        format!("Risk: {}", risk.state.title),
        Section::Risks,
    )
}

/// The register's count over the weeks.
#[derive(Serialize)]
struct OverTime<'a> {
    headline: &'a str,
    chart: charts::ChartSvg,
    /// The health page, with the numbers.
    url: String,
}

pub(crate) fn index(cx: &RenderContext, context: &mut Context) -> (&'static str, String, Section) {
    let all: Vec<RiskIdx> = (0..cx.ledger.risks.len()).map(RiskIdx).collect();
    let (active, closed): (Vec<&RiskLine>, Vec<&RiskLine>) = cx
        .ledger
        .in_register_order(&all)
        .into_iter()
        .map(|i| &cx.lines.risks[i.0])
        .partition(|line| line.active);
    context.insert(
        "blocker_count",
        &active.iter().filter(|l| l.blocker).count(),
    );
    context.insert("stale_count", &active.iter().filter(|l| l.stale).count());
    context.insert("active", &active);
    context.insert("closed", &closed);
    context.insert("stale_after_days", &cx.config.risks.stale_after_days);
    // The register's count over the weeks, as the health page draws it.
    let health = HealthView::new(cx.ledger);
    let desc = format!(
        "{} Each week's numbers are on the health page.",
        health.site.risks.headline
    );
    context.insert(
        "over_time",
        &OverTime {
            headline: &health.site.risks.headline,
            chart: charts::risks(&health.site, &health.axis, "register", &desc),
            url: format!("{}#site", urls::HEALTH),
        },
    );
    ("risks.html", "Risk register".to_string(), Section::Risks)
}
