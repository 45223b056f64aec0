//! The site stage: turns the ledger into files (pages, assets, sitemap).
//! It reads the theme and the site's `static/` folder, and writes nothing.

pub(crate) mod api;
pub(crate) mod asks;
pub(crate) mod charts;
pub(crate) mod chat;
pub(crate) mod feeds;
pub(crate) mod format;
pub(crate) mod health;
pub(crate) mod links;
pub(crate) mod pages;
pub(crate) mod search;
pub(crate) mod sitemap;
pub(crate) mod summaries;
pub mod theme;
pub(crate) mod unacknowledged;
pub(crate) mod urls;
pub(crate) mod views;
pub(crate) mod wording;

/// How search folds text and queries (`Inés` is `ines`), for the browser
/// tests that hold `search.js` to it.
pub use search::fold as search_fold;

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::config::Config;
use crate::content::LinkedFiles;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::fingerprint::fingerprint;
use crate::ledger::{DayIdx, Ledger, WrapIdx};
use crate::site_dir::{STATIC_DIR, SiteDir};
use links::Links;
pub(crate) use pages::{Made, OnDemand};
use pages::{Page, RenderContext, SiteView};
use summaries::Lines;
use theme::Theme;

/// The bytes of an output file, shared: a rebuild reuses unchanged pages
/// without copying them.
pub type Bytes = Arc<[u8]>;

/// Every output file, by path relative to the output directory.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SiteFiles {
    pub files: BTreeMap<String, Bytes>,
}

impl SiteFiles {
    fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Bytes>) {
        self.files.insert(path.into(), bytes.into());
    }
}

/// What every page is rendered from, made before any page: the theme's
/// assets, the site's static files and the files the bodies link to
/// (`files`: small, and the pages' cache-busting URLs come from them), and
/// the views that pages, search, API and feeds share.
pub(crate) struct Prepared {
    pub files: SiteFiles,
    pub lines: Lines,
    pub view: SiteView,
    pub links: Links,
}

/// Where the site's files go as soon as they are made: `standin build`
/// writes them straight to the output instead of holding the whole site
/// in memory; `serve` and `check` collect them ([`Collect`]).
pub(crate) trait Destination: Sync {
    /// Takes one file. On failure the destination keeps the reason and
    /// answers [`Stopped`]: nothing more needs making.
    fn put(&self, path: String, bytes: Vec<u8>) -> Result<(), Stopped>;
}

/// The destination failed (and knows why); making more files is useless.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stopped;

/// A destination that keeps every file in memory.
#[derive(Default)]
pub(crate) struct Collect {
    files: std::sync::Mutex<Vec<(String, Bytes)>>,
}

impl Collect {
    /// The files put, in no particular order.
    pub(crate) fn into_files(self) -> Vec<(String, Bytes)> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Destination for Collect {
    fn put(&self, path: String, bytes: Vec<u8>) -> Result<(), Stopped> {
        let bytes = Bytes::from(bytes);
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((path, bytes));
        Ok(())
    }
}

/// A destination that keeps nothing: `standin check` makes every file a
/// build would, to find every error a build would, and drops it at once.
pub(crate) struct Discard;

impl Destination for Discard {
    fn put(&self, _path: String, _bytes: Vec<u8>) -> Result<(), Stopped> {
        Ok(())
    }
}

/// Warns about the site as a whole, before any page is made, so that a
/// site with errors hears of them too: the asks nobody picked up (W012),
/// and a missing base URL (W004), which leaves out feeds and sitemap.
pub(crate) fn warn(config: &Config, ledger: &Ledger, base_url: Option<&str>, d: &mut Diagnostics) {
    unacknowledged::warn(ledger, base_url, d);
    if base_url.is_none() {
        d.push(
            Diagnostic::new(
                Code::NoBaseUrl,
                "no `base_url`: the Atom feeds and sitemap.xml are skipped, and 404.html links to the domain root",
            )
            .at_path(config.source.path.clone())
            .with_help("feeds and sitemaps need absolute URLs: set `base_url = \"https://…/\"` in standin.toml, or pass `--base-url`"),
        );
    }
}

/// The files published as they are: theme assets, the site's static
/// files, and the files the bodies show or link to (`linked` says what is
/// on disk), with what links to them. What is wrong with them is in `d`
/// (a name that cannot be published, a key in a linked file).
pub(crate) fn gather_files(
    site: &SiteDir,
    config: &Config,
    ledger: &Ledger,
    linked: LinkedFiles,
    d: &mut Diagnostics,
) -> (SiteFiles, Links) {
    let mut files = SiteFiles::default();
    for (path, bytes) in theme::ASSETS {
        files.insert(*path, *bytes);
    }
    copy_static(site, &mut files, d);
    let links = Links::new(ledger, linked, config);
    // After the static files: a published file is where its links say.
    links.copy(site, ledger, &config.check.allow_secrets, &mut files, d);
    (files, links)
}

/// Gets the page pass ready: theme assets, the site's static files, the
/// files the bodies show or link to (`linked` says what is on disk), the
/// lines every list shows, and the site-wide view.
#[allow(clippy::too_many_arguments)]
pub(crate) fn prepare(
    site: &SiteDir,
    config: &Config,
    ledger: &Ledger,
    linked: LinkedFiles,
    base_url: Option<&str>,
    lines_cache: Option<&mut summaries::LineCache>,
    d: &mut Diagnostics,
) -> Prepared {
    let (files, links) = gather_files(site, config, ledger, linked, d);
    let lines = Lines::build(ledger, config, lines_cache);
    let view = site_view(config, ledger, &files, base_url.is_some());
    Prepared {
        files,
        lines,
        view,
        links,
    }
}

impl Prepared {
    /// What every page renders with.
    fn context<'a>(
        &'a self,
        config: &'a Config,
        ledger: &'a Ledger,
        base_url: Option<&'a str>,
    ) -> RenderContext<'a> {
        RenderContext::new(
            ledger,
            config,
            &self.lines,
            &self.links,
            &self.view,
            base_url,
        )
    }

    /// The prepared views, owned with what else pages and derived outputs
    /// are made from, for making them later (`serve`); the files stay.
    pub(crate) fn into_rendition(
        self,
        config: Arc<Config>,
        ledger: Arc<Ledger>,
        theme: Arc<Theme>,
        base_url: Option<String>,
    ) -> (SiteFiles, Rendition) {
        theme.resolve_lines_with(self.links.lines());
        let rendition = Rendition {
            config,
            ledger,
            theme,
            lines: self.lines,
            links: self.links,
            view: self.view,
            base_url,
        };
        (self.files, rendition)
    }
}

/// Everything the pages and derived outputs of one build are made from,
/// owned: `serve` makes pages when they are asked for and the derived
/// outputs in the background, after the build has returned.
pub(crate) struct Rendition {
    pub config: Arc<Config>,
    pub ledger: Arc<Ledger>,
    pub theme: Arc<Theme>,
    pub lines: Lines,
    pub links: Links,
    pub view: SiteView,
    pub base_url: Option<String>,
}

impl Rendition {
    /// What every page renders with.
    pub(crate) fn context(&self) -> RenderContext<'_> {
        RenderContext::new(
            &self.ledger,
            &self.config,
            &self.lines,
            &self.links,
            &self.view,
            self.base_url.as_deref(),
        )
    }

    /// The derived outputs (see [`render_derived`]).
    pub(crate) fn derive(&self, to: &dyn Destination, d: &mut Diagnostics) -> Option<()> {
        render_derived(&self.context(), &self.theme, false, to, d)
    }
}

/// The whole site, put to `to` as it is made: the prepared files, then
/// every page and, at the same time, the derived outputs (search, API,
/// feeds, sitemap). Nothing is kept after it is put. `None` on errors (in
/// `d`) or when `to` stopped.
pub(crate) fn put_site(
    mut prepared: Prepared,
    config: &Config,
    ledger: &Ledger,
    theme: &Theme,
    base_url: Option<&str>,
    to: &dyn Destination,
    d: &mut Diagnostics,
) -> Option<()> {
    for (path, bytes) in std::mem::take(&mut prepared.files.files) {
        to.put(path, bytes.to_vec()).ok()?;
    }
    theme.resolve_lines_with(prepared.links.lines());
    let cx = prepared.context(config, ledger, base_url);
    let mut derived_d = Diagnostics::new();
    // Wrap pages are made with their search documents, from one rendering
    // of each body (see `render_derived`).
    let mut others = Page::all(ledger);
    others.retain(|page| !matches!(page, Page::Wrap(_)));
    let (pages, derived) = rayon::join(
        || {
            let mut pages_d = Diagnostics::new();
            let done = pages::put_all(&cx, theme, &others, to, &mut pages_d);
            (done, pages_d)
        },
        || render_derived(&cx, theme, true, to, &mut derived_d),
    );
    d.extend(pages.1);
    d.extend(derived_d);
    pages.0.and(derived)
}

/// The derived outputs: search index, JSON API, and (with a base URL) Atom
/// feeds and sitemap, put to `to` as each is made. With `wrap_pages`, the
/// wrap pages too: each body is rendered once for its page and its search
/// document (without, as `serve` makes pages apart, search renders the
/// bodies for itself). `None` if a template failed or a wrap changed since
/// it was read (in `d`), or `to` stopped.
pub(crate) fn render_derived(
    cx: &RenderContext,
    theme: &Theme,
    wrap_pages: bool,
    to: &dyn Destination,
    d: &mut Diagnostics,
) -> Option<()> {
    let RenderContext {
        ledger,
        config,
        lines,
        base_url,
        ..
    } = *cx;
    let put_all = |files: Vec<(String, Vec<u8>)>| {
        files
            .into_iter()
            .try_for_each(|(path, bytes)| to.put(path, bytes))
            .ok()
    };
    let team_names = ledger
        .teams
        .iter()
        .map(|t| (t.id.to_string(), t.name.clone()))
        .collect();
    let order = search::order(ledger);
    let document = |n: usize| match order[n] {
        search::Source::Wrap(i) if wrap_pages => {
            let body = ledger.wraps[i].wrap.rendered_body(config)?;
            let mut page_d = Diagnostics::new();
            let (path, html) = pages::wrap_page(cx, theme, WrapIdx(i), body.html, &mut page_d)
                .ok_or(search::Unmade::Failed(page_d))?;
            to.put(path, html.into_bytes())
                .map_err(|Stopped| search::Unmade::Stopped)?;
            Ok(search::wrap_doc(ledger, lines, i, body.text, body.headings))
        }
        source => Ok(search::document(ledger, lines, config, source)?),
    };
    search::put(order.len(), document, &team_names, to, d).ok()?;
    // What each brief page takes to read, as its view counts it.
    let minutes: Vec<usize> = (0..ledger.briefs.len())
        .map(|i| pages::reading_minutes(cx, DayIdx(i)))
        .collect();
    api::put(ledger, lines, config, &minutes, to).ok()?;
    // Without a base URL there are no feeds nor sitemap: `warn` said so.
    if let Some(base_url) = base_url {
        put_all(feeds::feeds(cx, theme, base_url, d)?)?;
        let pages: Vec<String> = Page::all(ledger).iter().map(|p| p.path(ledger)).collect();
        let xml = sitemap::render(base_url, pages.iter());
        to.put(urls::SITEMAP.to_string(), xml.into_bytes()).ok()?;
    }
    Some(())
}

/// "Now" as every page's footer and the home page say it: the day, and
/// the time when the build was asked for one (`--as-of 2026-11-23T05:00`,
/// `SOURCE_DATE_EPOCH`) rather than a day's end.
fn now_label(ledger: &Ledger) -> String {
    let day = format::long_day(ledger.today);
    if ledger.now == crate::ledger::end_of_day(ledger.today, ledger.timezone) {
        return day;
    }
    let at = ledger.now.at.with_timezone(&ledger.timezone);
    format!("{day}, {}", format::site_time(&at))
}

fn site_view(config: &Config, ledger: &Ledger, files: &SiteFiles, feeds: bool) -> SiteView {
    let versioned = |path: &str| match files.files.get(path) {
        Some(bytes) => format!("{path}?v={:08x}", fingerprint(bytes) as u32),
        None => path.to_string(),
    };
    SiteView {
        title: config.title.clone(),
        description: config.description.clone(),
        language: config.language.clone(),
        today: format::iso_day(ledger.today),
        today_label: now_label(ledger),
        timezone: config.timezone.name().to_string(),
        stylesheet: versioned(urls::STYLESHEET),
        script: versioned(urls::SCRIPT),
        search_script: versioned(urls::SEARCH_SCRIPT),
        generator: format!("standin {}", env!("CARGO_PKG_VERSION")),
        feeds,
    }
}

/// Copies `static/` verbatim; its files win over the theme's assets.
fn copy_static(site: &SiteDir, files: &mut SiteFiles, d: &mut Diagnostics) {
    let dir = site.root.join(STATIC_DIR);
    for path in site.files_under(STATIC_DIR, d) {
        // Joined from its names with `/`, whatever the platform's
        // separator; `files_under` gave only names that are UTF-8 and
        // hold no `\`, so no two files get one path.
        let relative = path
            .strip_prefix(&dir)
            .unwrap_or(&path)
            .iter()
            .map(|name| name.to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if !is_publishable_name(&relative) {
            let shown = site.display_path(&path);
            d.push(
                Diagnostic::new(
                    Code::UnpublishableName,
                    format!(
                        "skipped {}: its name holds a control character or backslash",
                        shown.escape_debug()
                    ),
                )
                .at_path(shown)
                .with_help("rename the file; such names break URLs and static hosts"),
            );
            continue;
        }
        if let Some(bytes) = site.read_bytes(&path, d) {
            files.insert(relative, bytes);
        }
    }
}

/// Whether a static file's path can be published as it is: names with
/// control characters or backslashes break URLs (and once broke a manifest).
fn is_publishable_name(relative: &str) -> bool {
    !relative.chars().any(|c| c.is_control() || c == '\\')
}
