//! Builds held in memory: `serve`'s session, which keeps between builds
//! what did not change and makes pages when they are asked for, and
//! [`render`], the whole site in memory for tests and tools.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::{BuildOptions, Staged, stages};
use crate::content::{self, Changes};
use crate::diagnostics::Diagnostics;
use crate::ledger::Ledger;
use crate::site::summaries::LineCache;
use crate::site::theme::Theme;
use crate::site::{self, Bytes, Collect, OnDemand, SiteFiles};
use crate::site_dir::TEMPLATES_DIR;
use crate::timings::{Lap, Timer};

/// A rendered site with everything known about it.
pub struct RenderedSite {
    pub(crate) ledger: Arc<Ledger>,
    /// Every file made so far: for `serve`, the assets and the files the
    /// wraps link to, the pages being made on demand ([`Self::file`]).
    pub files: SiteFiles,
    /// For `serve`: the pages, made when asked for.
    pub(crate) pages: Option<Arc<OnDemand>>,
}

impl RenderedSite {
    /// The file at `path` in the site, making it if it is a page not made
    /// yet; `None` if there is none, or its template failed.
    pub fn file(&self, path: &str) -> Option<Bytes> {
        match self.files.files.get(path) {
            Some(bytes) => Some(bytes.clone()),
            None => self.pages.as_ref()?.get(path)?.ok(),
        }
    }

    /// The path of the page of the wrap at `site_path`
    /// (`wraps/2026/11/20/ana.md`), if it is published.
    pub fn wrap_page(&self, site_path: &str) -> Option<String> {
        let record = self
            .ledger
            .wraps
            .iter()
            .find(|r| r.wrap.file.site_path == site_path)?;
        Some(site::urls::wrap(&record.slug))
    }
}

/// The outcome of running the pipeline: the site when it has no errors,
/// and every diagnostic of the run, sorted.
pub struct Run {
    pub rendered: Option<RenderedSite>,
    pub diagnostics: Diagnostics,
    pub elapsed: Duration,
    /// How long each stage took, in order.
    pub timings: Vec<Lap>,
    /// For `serve`: the pages not asked for yet and the derived outputs
    /// (search, API, feeds, sitemap), made off the critical path. `None`
    /// when `rendered` is complete.
    pub pending: Option<Derivation>,
}

/// The rest of a `serve` build, made on another thread: every page not
/// made on demand yet, and the derived outputs.
pub struct Derivation {
    pages: Arc<OnDemand>,
}

impl Derivation {
    /// Makes every page not made yet, then the search index, JSON API,
    /// feeds and sitemap; `None` on errors, or when a newer build
    /// superseded this one. Warnings come back either way.
    pub fn run(&self) -> (Option<Vec<(String, Bytes)>>, Diagnostics) {
        let mut d = Diagnostics::new();
        let Some(mut files) = self.pages.all(&mut d) else {
            return (None, d);
        };
        let derived = Collect::default();
        let done = self.pages.rendition().derive(&derived, &mut d);
        if done.is_none() || d.has_errors() {
            return (None, d);
        }
        files.extend(derived.into_files());
        (Some(files), d)
    }

    /// The pages this derivation completes.
    pub(crate) fn pages(&self) -> &Arc<OnDemand> {
        &self.pages
    }
}

/// Runs every stage up to rendering, in memory. Nothing is written.
pub fn render(options: &BuildOptions) -> Run {
    run(options, None)
}

/// What a `serve` session keeps between builds.
pub(super) struct Caches<'a> {
    pub(super) content: &'a mut content::ContentCache,
    pub(super) changes: Changes<'a>,
    /// The lines of the previous build's wraps.
    pub(super) lines: &'a mut LineCache,
    /// The templates, unless they may have changed.
    pub(super) theme: &'a mut Option<Arc<Theme>>,
    /// Where the config read last says decision records are.
    pub(super) decision_dirs: &'a mut Vec<String>,
}

fn run(options: &BuildOptions, caches: Option<Caches>) -> Run {
    let started = Instant::now();
    let mut d = Diagnostics::new();
    let mut timer = Timer::new();
    let defer = caches.is_some();
    let staged = stages(options, &mut d, &mut timer, caches);
    let mut pending = None;
    let rendered = staged.and_then(|staged| {
        let Staged {
            config,
            ledger,
            theme,
            prepared,
            base_url,
        } = staged;
        let (mut files, rendition) =
            prepared.into_rendition(Arc::new(config), ledger.clone(), theme, base_url);
        let pages = Arc::new(OnDemand::new(Arc::new(rendition)));
        timer.lap("prepare");
        let derivation = Derivation {
            pages: pages.clone(),
        };
        if defer {
            pending = Some(derivation);
            return Some(RenderedSite {
                ledger,
                files,
                pages: Some(pages),
            });
        }
        let (made, diagnostics) = derivation.run();
        d.extend(diagnostics);
        files.files.extend(made?);
        timer.lap("render");
        Some(RenderedSite {
            ledger,
            files,
            pages: None,
        })
    });
    d.sort();
    let ok = !d.has_errors();
    Run {
        rendered: rendered.filter(|_| ok),
        pending: pending.filter(|_| ok),
        diagnostics: d,
        elapsed: started.elapsed(),
        timings: timer.laps,
    }
}

/// A build run again and again (by `serve`), keeping between runs what
/// did not change: parsed files, templates, and the lines of unchanged
/// wraps. Pages are made when asked for ([`RenderedSite::file`]); the
/// rest of the site is left to the caller ([`Run::pending`]), to make
/// after the page on screen.
pub struct Session {
    options: BuildOptions,
    root: Option<PathBuf>,
    content: content::ContentCache,
    lines: LineCache,
    theme: Option<Arc<Theme>>,
    decision_dirs: Vec<String>,
}

impl Session {
    pub fn new(options: BuildOptions) -> Self {
        let root = options.site.root.canonicalize().ok();
        Self {
            options,
            root,
            content: content::ContentCache::default(),
            lines: LineCache::default(),
            theme: None,
            decision_dirs: Vec::new(),
        }
    }

    /// The decision folders (site-relative) the last build's config named
    /// or discovered, for the watcher.
    pub fn decision_dirs(&self) -> Vec<String> {
        self.decision_dirs.clone()
    }

    /// Rebuilds after `changed` paths (absolute) changed; none means the
    /// first build, or "anything may have changed".
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Run {
        let relative: Option<Vec<String>> = self
            .root
            .as_ref()
            .filter(|_| !changed.is_empty())
            .and_then(|root| {
                changed
                    .iter()
                    .map(|p| {
                        // A name that is not UTF-8 is for a full rescan
                        // to warn about, not to be taken for another.
                        p.strip_prefix(root)
                            .ok()
                            .and_then(|r| r.to_str())
                            .map(|r| r.replace('\\', "/"))
                    })
                    .collect()
            });
        let changes = match &relative {
            Some(paths) => Changes::Paths(paths),
            None => Changes::Unknown,
        };
        // Templates are parsed again only if they may have changed.
        let templates_may_have_changed = match &relative {
            Some(paths) => paths.iter().any(|p| p.starts_with(TEMPLATES_DIR)),
            None => true,
        };
        if templates_may_have_changed {
            self.theme = None;
        }
        let caches = Caches {
            content: &mut self.content,
            changes,
            lines: &mut self.lines,
            theme: &mut self.theme,
            decision_dirs: &mut self.decision_dirs,
        };
        run(&self.options, Some(caches))
    }
}
