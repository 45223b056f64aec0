//! Every HTML page of the site: which pages exist, and the view each
//! template gets. Rendering runs in parallel, one page per task.

mod asks;
mod briefs;
mod decisions;
mod health;
mod incident_axis;
mod incidents;
mod on_demand;
mod risks;
mod taxonomy;
mod team_now;
mod wraps;

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::Destination;
use super::links::Links;
use super::summaries::Lines;
use super::theme::Theme;
use super::urls;
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ledger::incident::IncidentIdx;
use crate::ledger::{DayIdx, DecisionIdx, Ledger, RiskIdx, WrapIdx};
pub(crate) use briefs::{insert_brief, reading_minutes};
pub(crate) use on_demand::{Made, OnDemand};

/// One page to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Page {
    Home,
    BriefIndex,
    Brief(DayIdx),
    Wrap(WrapIdx),
    DecisionIndex,
    Decision(DecisionIdx),
    RiskIndex,
    Risk(RiskIdx),
    IncidentIndex,
    Incident(IncidentIdx),
    AskIndex,
    Health,
    TeamIndex,
    /// A team and page `n` (from 1) of its wraps.
    Team(usize, usize),
    TagIndex,
    /// A tag and page `n` (from 1) of its wraps.
    Tag(usize, usize),
    Search,
    NotFound,
}

/// What every template gets as `site`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SiteView {
    pub title: String,
    pub description: Option<String>,
    pub language: String,
    /// The as-of day, `2026-11-20`.
    pub today: String,
    pub today_label: String,
    pub timezone: String,
    /// Stylesheet and script paths, with a content hash for cache busting.
    pub stylesheet: String,
    pub script: String,
    pub search_script: String,
    pub generator: String,
    /// Whether the Atom feeds exist (they need a base URL).
    pub feeds: bool,
}

/// Everything a page needs to render.
pub(crate) struct RenderContext<'a> {
    pub ledger: &'a Ledger,
    pub config: &'a Config,
    pub lines: &'a Lines,
    /// What the bodies' links and images resolve to.
    pub links: &'a Links,
    pub site: &'a SiteView,
    /// Where the 404 page's links point: hosts serve it at any path, so
    /// relative links cannot work there.
    pub not_found_root: &'a str,
    /// Where the site is published, when it is said: feeds and the
    /// sitemap need it.
    pub base_url: Option<&'a str>,
}

impl<'a> RenderContext<'a> {
    /// The context of a site published at `base_url` (the 404 page's links
    /// start there; without it, at the domain root).
    pub(crate) fn new(
        ledger: &'a Ledger,
        config: &'a Config,
        lines: &'a Lines,
        links: &'a Links,
        site: &'a SiteView,
        base_url: Option<&'a str>,
    ) -> Self {
        RenderContext {
            ledger,
            config,
            lines,
            links,
            site,
            not_found_root: base_url.unwrap_or("/"),
            base_url,
        }
    }
}

impl Page {
    /// Every page of the site, in a stable order.
    pub(crate) fn all(ledger: &Ledger) -> Vec<Page> {
        let mut pages = vec![
            Page::Home,
            Page::BriefIndex,
            Page::DecisionIndex,
            Page::RiskIndex,
            Page::IncidentIndex,
            Page::AskIndex,
            Page::Health,
            Page::TeamIndex,
            Page::TagIndex,
            Page::Search,
            Page::NotFound,
        ];
        pages.extend((0..ledger.briefs.len()).map(|i| Page::Brief(DayIdx(i))));
        pages.extend((0..ledger.wraps.len()).map(|i| Page::Wrap(WrapIdx(i))));
        pages.extend((0..ledger.decisions.len()).map(|i| Page::Decision(DecisionIdx(i))));
        pages.extend((0..ledger.risks.len()).map(|i| Page::Risk(RiskIdx(i))));
        pages.extend((0..ledger.incidents.len()).map(|i| Page::Incident(IncidentIdx(i))));
        for (i, team) in ledger.teams.iter().enumerate() {
            pages.extend((1..=taxonomy::page_count(team.wraps.len())).map(|n| Page::Team(i, n)));
        }
        for (i, tag) in ledger.tags.iter().enumerate() {
            pages.extend((1..=taxonomy::page_count(tag.wraps.len())).map(|n| Page::Tag(i, n)));
        }
        pages
    }

    /// The output path of the page.
    pub(crate) fn path(self, ledger: &Ledger) -> String {
        match self {
            Page::Home => urls::HOME.to_string(),
            Page::BriefIndex => urls::BRIEFS.to_string(),
            Page::Brief(i) => urls::brief(ledger.briefs[i.0].day),
            Page::Wrap(i) => urls::wrap(&ledger.wrap(i).slug),
            Page::DecisionIndex => urls::DECISIONS.to_string(),
            Page::Decision(i) => urls::decision(&ledger.decision(i).id),
            Page::RiskIndex => urls::RISKS.to_string(),
            Page::Risk(i) => urls::risk(&ledger.risk(i).id),
            Page::IncidentIndex => urls::INCIDENTS.to_string(),
            Page::AskIndex => urls::ASKS.to_string(),
            Page::Health => urls::HEALTH.to_string(),
            Page::Incident(i) => urls::incident(&ledger.incidents[i.0].id),
            Page::TeamIndex => urls::TEAMS.to_string(),
            Page::Team(i, n) => urls::nth_page(&urls::team(&ledger.teams[i].id), n),
            Page::TagIndex => urls::TAGS.to_string(),
            Page::Tag(i, n) => urls::nth_page(&urls::tag(&ledger.tags[i].tag), n),
            Page::Search => urls::SEARCH.to_string(),
            Page::NotFound => urls::NOT_FOUND.to_string(),
        }
    }

    /// Puts the page's variables into `context`; returns the template and
    /// the page's title and section. `None` if what it shows could not be
    /// read (in `d`).
    fn view(
        self,
        cx: &RenderContext,
        path: &str,
        context: &mut Context,
        d: &mut Diagnostics,
    ) -> Option<(&'static str, PageMeta)> {
        let (template, title, section) = match self {
            Page::Home => briefs::home(cx, context),
            Page::BriefIndex => briefs::index(cx, context),
            Page::Brief(i) => briefs::brief_page(cx, i, context),
            Page::Wrap(i) => {
                let body = cx.ledger.wrap(i).wrap.body_html(cx.config);
                let html = body.map_err(|changed| d.push(*changed)).ok()?;
                wraps::page(cx, i, path, html, context)
            }
            Page::DecisionIndex => decisions::index(cx, context),
            Page::Decision(i) => decisions::page(cx, i, path, context),
            Page::RiskIndex => risks::index(cx, context),
            Page::Risk(i) => risks::page(cx, i, context),
            Page::IncidentIndex => incidents::index(cx, context),
            Page::AskIndex => asks::index(cx, context),
            Page::Health => health::page(cx, context),
            Page::Incident(i) => incidents::page(cx, i, context),
            Page::TeamIndex => taxonomy::team_index(cx, context),
            Page::Team(i, n) => taxonomy::team_page(cx, i, n, context),
            Page::TagIndex => taxonomy::tag_index(cx, context),
            Page::Tag(i, n) => taxonomy::tag_page(cx, i, n, context),
            Page::Search => {
                let teams: Vec<_> = cx
                    .ledger
                    .teams
                    .iter()
                    .map(|t| super::summaries::team_ref(&t.id, &t.name))
                    .collect();
                context.insert("teams", &teams);
                ("search.html", "Search".to_string(), Section::Search)
            }
            Page::NotFound => ("404.html", "Page not found".to_string(), Section::None),
        };
        Some((template, PageMeta { title, section }))
    }

    /// Everything a page shows: the common variables and its own.
    fn fill(
        self,
        cx: &RenderContext,
        path: &str,
        context: &mut Context,
        d: &mut Diagnostics,
    ) -> Option<&'static str> {
        self.fill_common(cx, path, context);
        let (template, meta) = self.view(cx, path, context, d)?;
        context.insert("page", &meta);
        Some(template)
    }

    /// The variables every page has.
    fn fill_common(self, cx: &RenderContext, path: &str, context: &mut Context) {
        let root = if self == Page::NotFound {
            cx.not_found_root.to_string()
        } else {
            urls::root_from(path)
        };
        context.insert("site", cx.site);
        context.insert("root", &root);
    }

    /// The page's HTML, at `path` (its [`Page::path`]); `None` if its
    /// template failed or what it shows could not be read (in `d`).
    fn render(
        self,
        cx: &RenderContext,
        theme: &Theme,
        path: &str,
        d: &mut Diagnostics,
    ) -> Option<String> {
        let mut context = Context::new();
        let template = self.fill(cx, path, &mut context, d)?;
        theme.render(template, &context, d)
    }
}

/// The page's title and which navigation section it belongs to.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PageMeta {
    pub title: String,
    pub section: Section,
}

/// Navigation sections, for marking the current one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Section {
    Today,
    Briefs,
    Decisions,
    Risks,
    Incidents,
    Asks,
    Health,
    Teams,
    Tags,
    Search,
    None,
}

/// Renders `pages` in parallel and puts each to `to` as soon as it is
/// rendered; nothing is kept. `None` if a page failed (every failure is
/// in `d`, each once) or `to` stopped.
pub(crate) fn put_all(
    cx: &RenderContext,
    theme: &Theme,
    pages: &[Page],
    to: &dyn Destination,
    d: &mut Diagnostics,
) -> Option<()> {
    let stopped = AtomicBool::new(false);
    let failures: Vec<Diagnostics> = pages
        .par_iter()
        .filter_map(|&page| {
            if stopped.load(Ordering::Relaxed) {
                return None;
            }
            let mut page_d = Diagnostics::new();
            let path = page.path(cx.ledger);
            if let Some(html) = page.render(cx, theme, &path, &mut page_d)
                && to.put(path, html.into_bytes()).is_err()
            {
                stopped.store(true, Ordering::Relaxed);
            }
            (!page_d.is_empty()).then_some(page_d)
        })
        .collect();
    let failed = !failures.is_empty();
    d.extend(once_each(failures.into_iter().flatten()));
    (!failed && !stopped.into_inner()).then_some(())
}

/// The page of wrap `i` showing `body_html`, the wrap's body rendered by
/// the caller: a build renders each body once for its page and its
/// search document. Its path and HTML; `None` if its template failed (in
/// `d`).
pub(crate) fn wrap_page(
    cx: &RenderContext,
    theme: &Theme,
    i: WrapIdx,
    body_html: String,
    d: &mut Diagnostics,
) -> Option<(String, String)> {
    let page = Page::Wrap(i);
    let path = page.path(cx.ledger);
    let mut context = Context::new();
    page.fill_common(cx, &path, &mut context);
    let (template, title, section) = wraps::page(cx, i, &path, body_html, &mut context);
    context.insert("page", &PageMeta { title, section });
    let html = theme.render(template, &context, d)?;
    Some((path, html))
}

/// The errors of many pages, each said once: one broken template fails
/// every page that uses it.
fn once_each(errors: impl IntoIterator<Item = Diagnostic>) -> Vec<Diagnostic> {
    let mut once: Vec<Diagnostic> = Vec::new();
    for error in errors {
        if !once.iter().any(|e| e.message == error.message) {
            once.push(error);
        }
    }
    once
}
