//! `/health/`: how the handover is going over the last weeks, for the
//! whole site and for each team, as charts with their numbers.

use serde::Serialize;
use tera::Context;

use super::{RenderContext, Section};
use crate::site::health::charts::{ScopeCharts, scope_charts};
use crate::site::health::{HealthView, ScopeView};
use crate::site::urls;

/// One scope as the page shows it: its figures (the API's view), its
/// charts, and where it is.
#[derive(Serialize)]
struct ScopePage<'a> {
    #[serde(flatten)]
    view: &'a ScopeView,
    /// Its id on the page: `site`, `team-payments`.
    anchor: String,
    /// The team's own page.
    url: Option<String>,
    charts: ScopeCharts,
}

pub(crate) fn page(cx: &RenderContext, context: &mut Context) -> (&'static str, String, Section) {
    let view = HealthView::new(cx.ledger);
    let mut scopes = vec![ScopePage {
        charts: scope_charts(&view, &view.site, "site"),
        view: &view.site,
        anchor: "site".to_string(),
        url: None,
    }];
    for (team, scope) in cx.ledger.teams.iter().zip(&view.teams) {
        let anchor = format!("team-{}", team.id);
        scopes.push(ScopePage {
            charts: scope_charts(&view, scope, &anchor),
            view: scope,
            anchor,
            url: Some(urls::team(&team.id)),
        });
    }
    context.insert("weeks", &view.weeks);
    context.insert("scopes", &scopes);
    context.insert("lapse_after_days", &cx.config.handover.lapse_after_days);
    context.insert("stale_after_days", &cx.config.risks.stale_after_days);
    (
        "health.html",
        "Handover health".to_string(),
        Section::Health,
    )
}
