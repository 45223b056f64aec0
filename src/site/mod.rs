//! The site stage: turns the ledger into files (pages, assets, sitemap).
//! It reads the theme and the site's `static/` folder, and writes nothing.

pub mod api;
pub mod feeds;
pub mod format;
pub mod lines;
pub mod pages;
pub mod search;
pub mod sitemap;
pub mod theme;
pub mod urls;

use std::collections::BTreeMap;

use crate::config::{Config, SiteDir};
use crate::content::is_ignored_name;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::fingerprint::fingerprint;
use crate::ledger::Ledger;
use lines::Lines;
use pages::{RenderContext, SiteView};
use theme::Theme;

/// Where a site keeps files to copy verbatim.
pub const STATIC_DIR: &str = "static";

/// Every output file, by path relative to the output directory.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SiteFiles {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl SiteFiles {
    /// The number of HTML pages.
    pub fn page_count(&self) -> usize {
        self.files.keys().filter(|p| p.ends_with(".html")).count()
    }
}

/// Renders the whole site in memory. `base_url` is the config's, or the
/// `--base-url` override.
pub fn render(
    site: &SiteDir,
    config: &Config,
    ledger: &Ledger,
    theme: &Theme,
    base_url: Option<&str>,
) -> (Option<SiteFiles>, Diagnostics) {
    let mut d = Diagnostics::new();
    let mut files = BTreeMap::new();
    for (path, bytes) in theme::ASSETS {
        files.insert(path.to_string(), bytes.to_vec());
    }
    copy_static(site, &mut files, &mut d);

    let lines = Lines::build(ledger, config);
    let cx = RenderContext {
        ledger,
        config,
        lines: &lines,
        site: site_view(config, ledger, &files, base_url.is_some()),
        not_found_root: base_url.map_or_else(|| "/".to_string(), str::to_string),
    };
    match pages::render_all(&cx, theme) {
        Ok(pages) => files.extend(pages),
        Err(errors) => {
            d.extend(errors);
            return (None, d);
        }
    }
    let team_names = ledger
        .teams
        .iter()
        .map(|t| (t.id.to_string(), t.name.clone()))
        .collect();
    files.extend(search::files(
        &search::documents(ledger, &lines),
        &team_names,
    ));
    files.extend(api::files(ledger, &lines, config.risks.stale_after_days));
    match base_url {
        Some(base_url) => {
            match feeds::feeds(&cx, theme, base_url) {
                Ok(feeds) => files.extend(feeds),
                Err(error) => {
                    d.push(error);
                    return (None, d);
                }
            }
            let xml = sitemap::render(base_url, files.keys());
            files.insert(urls::SITEMAP.to_string(), xml.into_bytes());
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
    (Some(SiteFiles { files }), d)
}

fn site_view(
    config: &Config,
    ledger: &Ledger,
    files: &BTreeMap<String, Vec<u8>>,
    feeds: bool,
) -> SiteView {
    let versioned = |path: &str| match files.get(path) {
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
        elasticlunr: versioned(urls::ELASTICLUNR),
        generator: format!("standin {}", env!("CARGO_PKG_VERSION")),
        feeds,
    }
}

/// Copies `static/` verbatim; its files win over the theme's assets.
fn copy_static(site: &SiteDir, files: &mut BTreeMap<String, Vec<u8>>, d: &mut Diagnostics) {
    let dir = site.root.join(STATIC_DIR);
    if !dir.is_dir() {
        return;
    }
    let walker = walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                d.push(Diagnostic::new(
                    Code::ReadFailed,
                    format!("cannot read static files: {error}"),
                ));
                continue;
            }
        };
        if !entry.file_type().is_file() || is_ignored_name(&entry.file_name().to_string_lossy()) {
            continue;
        }
        let relative = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
        match std::fs::read(entry.path()) {
            Ok(bytes) => {
                files.insert(relative.to_string_lossy().replace('\\', "/"), bytes);
            }
            Err(error) => {
                let path = site.display_path(entry.path());
                d.push(
                    Diagnostic::new(Code::ReadFailed, format!("cannot read {path}: {error}"))
                        .at_path(path),
                );
            }
        }
    }
}
