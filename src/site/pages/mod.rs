//! Every HTML page of the site: which pages exist, and the view each
//! template gets. Rendering runs in parallel, one page per task.

mod briefs;
mod decisions;
mod incidents;
mod risks;
mod taxonomy;
mod wraps;

use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use std::sync::atomic::{AtomicBool, Ordering};

use super::lines::Lines;
use super::links::Links;
use super::theme::Theme;
use super::urls;
use super::{Bytes, Destination};
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::ledger::incident::IncidentIdx;
use crate::ledger::{DayIdx, DecisionIdx, Ledger, RiskIdx, WrapIdx};
pub(crate) use briefs::insert_brief;

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

impl SiteView {
    /// A hash of the site-wide variables, so that page fingerprints need
    /// not serialize them again for every page.
    pub(crate) fn fingerprint(&self) -> u64 {
        let mut print = Fingerprint::new(0);
        print.insert("site", self);
        print.finish()
    }
}

/// Everything a page needs to render.
pub(crate) struct RenderContext<'a> {
    pub ledger: &'a Ledger,
    pub config: &'a Config,
    pub lines: &'a Lines,
    /// What the bodies' links and images resolve to.
    pub links: &'a Links,
    pub site: SiteView,
    /// The fingerprint of `site` (see [`SiteView::fingerprint`]).
    pub site_print: u64,
    /// Where the 404 page's links point: hosts serve it at any path, so
    /// relative links cannot work there.
    pub not_found_root: String,
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
            Page::Incident(i) => urls::incident(&ledger.incidents[i.0].id),
            Page::TeamIndex => urls::TEAMS.to_string(),
            Page::Team(i, n) => urls::nth_page(&urls::team(&ledger.teams[i].id), n),
            Page::TagIndex => urls::TAGS.to_string(),
            Page::Tag(i, n) => urls::nth_page(&urls::tag(&ledger.tags[i].tag), n),
            Page::Search => urls::SEARCH.to_string(),
            Page::NotFound => urls::NOT_FOUND.to_string(),
        }
    }

    /// Puts the page's variables into `sink`; returns the template and
    /// the page's title and section.
    fn view(
        self,
        cx: &RenderContext,
        path: &str,
        sink: &mut impl Sink,
    ) -> (&'static str, PageMeta) {
        let (template, title, section) = match self {
            Page::Home => briefs::home(cx, sink),
            Page::BriefIndex => briefs::index(cx, sink),
            Page::Brief(i) => briefs::brief_page(cx, i, sink),
            Page::Wrap(i) => wraps::page(cx, i, path, sink),
            Page::DecisionIndex => decisions::index(cx, sink),
            Page::Decision(i) => decisions::page(cx, i, path, sink),
            Page::RiskIndex => risks::index(cx, sink),
            Page::Risk(i) => risks::page(cx, i, sink),
            Page::IncidentIndex => incidents::index(cx, sink),
            Page::Incident(i) => incidents::page(cx, i, sink),
            Page::TeamIndex => taxonomy::team_index(cx, sink),
            Page::Team(i, n) => taxonomy::team_page(cx, i, n, sink),
            Page::TagIndex => taxonomy::tag_index(cx, sink),
            Page::Tag(i, n) => taxonomy::tag_page(cx, i, n, sink),
            Page::Search => {
                let teams: Vec<_> = cx
                    .ledger
                    .teams
                    .iter()
                    .map(|t| super::lines::team_ref(&t.id, &t.name))
                    .collect();
                sink.insert("teams", &teams);
                ("search.html", "Search".to_string(), Section::Search)
            }
            Page::NotFound => ("404.html", "Page not found".to_string(), Section::None),
        };
        (template, PageMeta { title, section })
    }

    /// Everything a page shows: the common variables and its own.
    fn fill(self, cx: &RenderContext, path: &str, sink: &mut impl Sink) -> &'static str {
        let root = if self == Page::NotFound {
            cx.not_found_root.clone()
        } else {
            urls::root_from(path)
        };
        sink.insert_site(&cx.site, cx.site_print);
        sink.insert("root", &root);
        let (template, meta) = self.view(cx, path, sink);
        sink.insert("page", &meta);
        template
    }
}

/// Where a page's variables go: a tera `Context` to render it, or a
/// [`Fingerprint`] to tell whether anything it shows changed.
pub(crate) trait Sink {
    fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T);

    /// Inserts the site-wide variables, the same on every page; `print` is
    /// their fingerprint, computed once per build.
    fn insert_site(&mut self, site: &SiteView, print: u64) {
        let _ = print;
        self.insert("site", site);
    }
}

impl Sink for Context {
    fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        Context::insert(self, key, value);
    }
}

/// A hash of everything a page shows, so that an unchanged page can be
/// reused without rendering it. Variables are serialized into a buffer
/// kept per thread, then hashed in one go (many small hasher updates cost
/// more than the hash itself).
pub(crate) struct Fingerprint {
    buffer: Vec<u8>,
}

thread_local! {
    static BUFFER: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

impl Fingerprint {
    /// `salt` covers what every page depends on but its variables do not
    /// show: the templates.
    pub(crate) fn new(salt: u64) -> Self {
        let mut buffer = BUFFER.take();
        buffer.clear();
        buffer.extend_from_slice(&salt.to_le_bytes());
        Self { buffer }
    }

    pub(crate) fn finish(self) -> u64 {
        let print = xxhash_rust::xxh3::xxh3_64(&self.buffer);
        BUFFER.set(self.buffer);
        print
    }
}

impl Sink for Fingerprint {
    fn insert_site(&mut self, _site: &SiteView, print: u64) {
        self.buffer.extend_from_slice(b"site");
        self.buffer.extend_from_slice(&print.to_le_bytes());
    }

    fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.buffer.extend_from_slice(key.as_bytes());
        // A compact binary encoding: strings are copied, not escaped. It
        // refuses a few shapes (sequences of unknown length); then JSON
        // follows whatever it wrote, so the whole value is always covered.
        if postcard::to_io(value, &mut self.buffer).is_err() {
            let _ = serde_json::to_writer(&mut self.buffer, value);
        }
    }
}

/// The pages of the previous build, by path, with their fingerprints.
#[derive(Default)]
pub(crate) struct PageCache {
    pub pages: HashMap<String, (u64, Bytes)>,
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
    Teams,
    Tags,
    Search,
    None,
}

/// Renders every page in parallel. With a cache (from `serve`), a page
/// whose fingerprint did not change is taken from it instead; the cache is
/// then replaced by this build's pages. Returns `(path, html)` pairs in page
/// order; `None` if a page failed (every failure is in `d`, each once).
pub(crate) fn render_all(
    cx: &RenderContext,
    theme: &Theme,
    cache: Option<&mut PageCache>,
    d: &mut Diagnostics,
) -> Option<Vec<(String, Bytes)>> {
    let previous = cache.as_ref().map(|c| &c.pages);
    let salt = theme.fingerprint();
    let results: Vec<(Option<RenderedPage>, Diagnostics)> = Page::all(cx.ledger)
        .par_iter()
        .map(|&page| {
            let mut page_d = Diagnostics::new();
            let rendered = render_page(page, cx, theme, previous.map(|p| (p, salt)), &mut page_d);
            (rendered, page_d)
        })
        .collect();
    let mut pages = Vec::with_capacity(results.len());
    let mut fresh = HashMap::with_capacity(if cache.is_some() { results.len() } else { 0 });
    let mut errors: Vec<Diagnostic> = Vec::new();
    for (rendered, page_d) in results {
        if let Some(RenderedPage { path, html, print }) = rendered {
            if cache.is_some() {
                fresh.insert(path.clone(), (print, html.clone()));
            }
            pages.push((path, html));
        }
        for error in page_d {
            // One broken template fails every page that uses it; say so once.
            if !errors.iter().any(|e| e.message == error.message) {
                errors.push(error);
            }
        }
    }
    if !errors.is_empty() {
        d.extend(errors);
        return None;
    }
    if let Some(cache) = cache {
        cache.pages = fresh;
    }
    Some(pages)
}

/// Renders every page in parallel and puts each to `to` as soon as it is
/// rendered; nothing is kept. `None` if a page failed (every failure is
/// in `d`, each once) or `to` stopped.
pub(crate) fn put_all(
    cx: &RenderContext,
    theme: &Theme,
    to: &dyn Destination,
    d: &mut Diagnostics,
) -> Option<()> {
    let stopped = AtomicBool::new(false);
    let failures: Vec<Diagnostics> = Page::all(cx.ledger)
        .par_iter()
        .filter_map(|&page| {
            if stopped.load(Ordering::Relaxed) {
                return None;
            }
            let mut page_d = Diagnostics::new();
            let path = page.path(cx.ledger);
            let mut context = Context::new();
            let template = page.fill(cx, &path, &mut context);
            if let Some(html) = theme.render(template, &context, &mut page_d)
                && to.put(path, html.into_bytes()).is_err()
            {
                stopped.store(true, Ordering::Relaxed);
            }
            (!page_d.is_empty()).then_some(page_d)
        })
        .collect();
    let mut errors: Vec<Diagnostic> = Vec::new();
    for error in failures.into_iter().flatten() {
        // One broken template fails every page that uses it; say so once.
        if !errors.iter().any(|e| e.message == error.message) {
            errors.push(error);
        }
    }
    let failed = !errors.is_empty();
    d.extend(errors);
    (!failed && !stopped.into_inner()).then_some(())
}

type Previous<'a> = Option<(&'a HashMap<String, (u64, Bytes)>, u64)>;

/// A page's path, its HTML, and the fingerprint of what it shows.
struct RenderedPage {
    path: String,
    html: Bytes,
    print: u64,
}

fn render_page(
    page: Page,
    cx: &RenderContext,
    theme: &Theme,
    previous: Previous,
    d: &mut Diagnostics,
) -> Option<RenderedPage> {
    let path = page.path(cx.ledger);
    let print = match previous {
        Some((pages, salt)) => {
            let mut print = Fingerprint::new(salt);
            page.fill(cx, &path, &mut print);
            let print = print.finish();
            if let Some((old, html)) = pages.get(&path)
                && *old == print
            {
                let html = html.clone();
                return Some(RenderedPage { path, html, print });
            }
            print
        }
        None => 0,
    };
    let mut context = Context::new();
    let template = page.fill(cx, &path, &mut context);
    let html = Bytes::from(theme.render(template, &context, d)?.into_bytes());
    Some(RenderedPage { path, html, print })
}
