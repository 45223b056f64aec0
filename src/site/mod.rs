//! The site stage: turns the ledger into files (pages, assets, sitemap).
//! It reads the theme and the site's `static/` folder, and writes nothing.

pub(crate) mod api;
pub(crate) mod chat;
pub(crate) mod feeds;
pub(crate) mod format;
pub(crate) mod handover;
pub(crate) mod lines;
pub(crate) mod links;
pub(crate) mod pages;
pub(crate) mod search;
pub(crate) mod sitemap;
pub mod theme;
pub(crate) mod urls;
pub(crate) mod vocabulary;

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::config::Config;
use crate::content::LinkedFiles;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::fingerprint::fingerprint;
use crate::layout::{STATIC_DIR, SiteDir};
use crate::ledger::Ledger;
use lines::Lines;
use links::Links;
pub(crate) use pages::PageCache;
use pages::{Page, RenderContext, SiteView};
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
    /// The number of HTML pages.
    pub(crate) fn page_count(&self) -> usize {
        self.files.keys().filter(|p| p.ends_with(".html")).count()
    }

    fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Bytes>) {
        self.files.insert(path.into(), bytes.into());
    }
}

/// What the page pass keeps between builds (for `serve`).
#[derive(Default)]
pub(crate) struct RenderCache {
    pub pages: PageCache,
    pub lines: lines::LineCache,
}

/// The result of the page pass: the pages, assets and static files, and
/// what the derived outputs (search, API, feeds) are made from.
pub(crate) struct Pages {
    pub files: SiteFiles,
    pub lines: Lines,
    pub view: SiteView,
    pub links: Links,
}

/// The page pass: theme assets, the site's static files, the files the
/// bodies show or link to (`linked` says what is on disk), and every HTML
/// page. With a cache, unchanged pages are reused (see `pages::render_all`).
#[allow(clippy::too_many_arguments)]
pub(crate) fn render_pages(
    site: &SiteDir,
    config: &Config,
    ledger: &Ledger,
    linked: LinkedFiles,
    theme: &Theme,
    base_url: Option<&str>,
    cache: Option<&mut RenderCache>,
    d: &mut Diagnostics,
) -> Option<Pages> {
    let mut files = SiteFiles::default();
    for (path, bytes) in theme::ASSETS {
        files.insert(*path, *bytes);
    }
    copy_static(site, &mut files, d);
    let links = Links::new(ledger, linked, config);
    // After the static files: a published file is where its links say.
    links.copy(site, &mut files, d);

    let (lines_cache, pages_cache) = match cache {
        Some(cache) => (Some(&mut cache.lines), Some(&mut cache.pages)),
        None => (None, None),
    };
    let lines = Lines::build(ledger, config, lines_cache);
    let cx = RenderContext {
        ledger,
        config,
        lines: &lines,
        links: &links,
        site_print: 0,
        site: site_view(config, ledger, &files, base_url.is_some()),
        not_found_root: base_url.map_or_else(|| "/".to_string(), str::to_string),
    };
    let cx = RenderContext {
        site_print: cx.site.fingerprint(),
        ..cx
    };
    files
        .files
        .extend(pages::render_all(&cx, theme, pages_cache, d)?);
    let view = cx.site;
    Some(Pages {
        files,
        lines,
        view,
        links,
    })
}

/// The derived outputs: search index, JSON API, and (with a base URL) Atom
/// feeds and sitemap. `None` if a feed template failed (in `d`).
#[allow(clippy::too_many_arguments)]
pub(crate) fn render_derived(
    config: &Config,
    ledger: &Ledger,
    lines: &Lines,
    links: &Links,
    view: &SiteView,
    theme: &Theme,
    base_url: Option<&str>,
    d: &mut Diagnostics,
) -> Option<Vec<(String, Bytes)>> {
    let mut out: Vec<(String, Bytes)> = Vec::new();
    let mut add = |files: Vec<(String, Vec<u8>)>| {
        out.extend(files.into_iter().map(|(p, b)| (p, Bytes::from(b))))
    };
    let team_names = ledger
        .teams
        .iter()
        .map(|t| (t.id.to_string(), t.name.clone()))
        .collect();
    add(search::files(
        &search::documents(ledger, lines),
        &team_names,
    ));
    add(api::files(ledger, lines, config));
    match base_url {
        Some(base_url) => {
            let cx = RenderContext {
                ledger,
                config,
                lines,
                links,
                site: view.clone(),
                site_print: 0,
                not_found_root: base_url.to_string(),
            };
            add(feeds::feeds(&cx, theme, base_url, d)?);
            let pages: Vec<String> = Page::all(ledger).iter().map(|p| p.path(ledger)).collect();
            let xml = sitemap::render(base_url, pages.iter());
            add(vec![(urls::SITEMAP.to_string(), xml.into_bytes())]);
        }
        None => d.push(
            Diagnostic::new(
                Code::NoBaseUrl,
                "no `base_url`: the Atom feeds and sitemap.xml are skipped, and 404.html links to the domain root",
            )
            .at_path(config.source.path.clone())
            .with_help("feeds and sitemaps need absolute URLs: set `base_url = \"https://…/\"` in standin.toml, or pass `--base-url`"),
        ),
    }
    Some(out)
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
        today_label: format::long_day(ledger.today),
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
        let relative = path.strip_prefix(&dir).unwrap_or(&path);
        let relative = relative.to_string_lossy().replace('\\', "/");
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
