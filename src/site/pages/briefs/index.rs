//! The index of the daily briefs: month by month, each day in a line with
//! its headline.

use serde::Serialize;
use tera::Context;

use crate::ledger::Brief;
use crate::site::format;
use crate::site::pages::{RenderContext, Section};
use crate::site::wording::{DayRef, day_ref};

#[derive(Serialize)]
struct MonthView<'a> {
    label: String,
    days: Vec<DaySummary<'a>>,
}

#[derive(Serialize)]
struct DaySummary<'a> {
    day: DayRef,
    wrap_count: usize,
    attention_count: usize,
    decision_count: usize,
    reading_minutes: usize,
    /// Incidents ongoing at the day's end.
    ongoing_count: usize,
    /// Asks open at the day's end, and how many of them unacknowledged.
    open_item_count: usize,
    unacknowledged_count: usize,
    /// The first wrap's summary, as the day's headline.
    headline: Option<&'a str>,
}

pub(crate) fn index(cx: &RenderContext, context: &mut Context) -> (&'static str, String, Section) {
    let mut months: Vec<MonthView> = Vec::new();
    for (i, brief) in cx.ledger.briefs.iter().enumerate().rev() {
        let label = format::month(brief.day);
        let summary = DaySummary {
            day: day_ref(brief.day),
            wrap_count: brief.wraps.len(),
            attention_count: brief.attention.len(),
            decision_count: brief.decisions.len(),
            reading_minutes: super::reading_minutes(cx, crate::ledger::DayIdx(i)),
            ongoing_count: brief
                .incidents
                .iter()
                .filter(|i| i.state.status.is_ongoing())
                .count(),
            open_item_count: brief.handover.open_count(),
            unacknowledged_count: brief.handover.unacknowledged_count(),
            headline: headline(cx, brief),
        };
        match months.last_mut() {
            Some(month) if month.label == label => month.days.push(summary),
            _ => months.push(MonthView {
                label,
                days: vec![summary],
            }),
        }
    }
    context.insert("months", &months);
    ("briefs.html", "Daily briefs".to_string(), Section::Briefs)
}

/// One line that says what the day was about: the summary of its most
/// pressing wrap (one that touched an incident, else raised attention,
/// else the first with a summary).
fn headline<'a>(cx: &RenderContext<'a>, brief: &'a Brief) -> Option<&'a str> {
    let ledger = cx.ledger;
    let summary = |w: &crate::ledger::WrapIdx| ledger.wrap(*w).wrap.summary();
    let incident = brief
        .wraps
        .iter()
        .filter(|w| !ledger.wrap(**w).incidents.is_empty())
        .find_map(summary);
    let attention = brief.attention.iter().find_map(|t| {
        let touch = &ledger.risk(t.risk).history[t.touch];
        summary(&touch.wrap)
    });
    incident
        .or(attention)
        .or_else(|| brief.wraps.iter().find_map(summary))
}
