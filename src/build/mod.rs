//! Runs the pipeline: config -> content -> ledger -> site -> output. Shared
//! by `build`, `check` and `serve`.

mod stamp;

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use crate::config::Config;
use crate::content::{self, Changes};
use crate::diagnostics::Diagnostics;
use crate::layout::SiteDir;
use crate::layout::{CACHE_DIR, TEMPLATES_DIR};
use crate::ledger::{AsOf, Ledger};
use crate::output::{Failure, Left, Output, WriteReport};
use crate::site::lines::LineCache;
use crate::site::theme::Theme;
use crate::site::{
    self, Bytes, Collect, Destination, Discard, OnDemand, Prepared, SiteFiles, Stopped,
};
use crate::timings::{Lap, Timer};
use stamp::Stamp;
pub(crate) use stamp::Summary;

/// What to build and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub site: SiteDir,
    /// Overrides `base_url` from the config (preview deployments).
    pub base_url: Option<String>,
    pub as_of: AsOf,
}

/// A rendered site with everything known about it.
pub struct RenderedSite {
    pub(crate) ledger: Arc<Ledger>,
    /// Every file made so far: for `serve`, the assets and the files the
    /// wraps link to, the pages being made on demand ([`Self::pages`]).
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

/// What `standin check` found.
pub struct Checked {
    /// Every diagnostic a build would give, sorted.
    pub diagnostics: Diagnostics,
    /// Wraps, decisions and risks, when the site has no errors.
    pub counts: Option<(usize, usize, usize)>,
}

/// Runs every stage a build runs and makes every file it would write, then
/// drops each as it is made: nothing is written, and nothing is held, so a
/// check needs no more memory than a build (a site that checks clean builds
/// clean).
pub fn check(options: &BuildOptions) -> Checked {
    let mut d = Diagnostics::new();
    let mut timer = Timer::new();
    let counts = stages(options, &mut d, &mut timer, None).and_then(|staged| {
        let ledger = &staged.ledger;
        let counts = (
            ledger.wraps.len(),
            ledger.decisions.len(),
            ledger.risks.len(),
        );
        site::put_site(
            staged.prepared,
            &staged.config,
            ledger,
            &staged.theme,
            staged.base_url.as_deref(),
            &Discard,
            &mut d,
        )?;
        Some(counts)
    });
    d.sort();
    let counts = counts.filter(|_| !d.has_errors());
    Checked {
        diagnostics: d,
        counts,
    }
}

/// Runs the stages up to the ledger, for commands that read the site
/// without rendering it (`standin brief`). `None` when the site has
/// errors: what it would say is what a build would refuse to publish.
pub(crate) fn ledger(options: &BuildOptions, d: &mut Diagnostics) -> Option<(Config, Ledger)> {
    let config = Config::load(&options.site, d)?;
    let content = content::load(&options.site, &config, d);
    let ledger = Ledger::build(&config, content, options.as_of, d);
    d.sort();
    (!d.has_errors()).then_some((config, ledger))
}

/// What a `serve` session keeps between builds.
struct Caches<'a> {
    content: &'a mut content::ContentCache,
    changes: Changes<'a>,
    /// The lines of the previous build's wraps.
    lines: &'a mut LineCache,
    /// The templates, unless they may have changed.
    theme: &'a mut Option<Arc<Theme>>,
    /// Where the config read last says decision records are.
    decision_dirs: &'a mut Vec<String>,
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

/// The pipeline up to the page pass, ready to render.
struct Staged {
    config: Config,
    ledger: Arc<Ledger>,
    theme: Arc<Theme>,
    prepared: Prepared,
    /// The base URL: `--base-url`, else the config's.
    base_url: Option<String>,
}

fn stages<'a>(
    options: &BuildOptions,
    d: &mut Diagnostics,
    timer: &mut Timer,
    caches: Option<Caches<'a>>,
) -> Option<Staged> {
    let site_dir = &options.site;
    let config = Config::load(site_dir, d)?;
    let (content, lines_cache, theme_cache) = match caches {
        Some(caches) => {
            *caches.decision_dirs = config
                .decisions
                .dirs
                .iter()
                .map(|dir| dir.path.clone())
                .collect();
            (
                caches.content.load(site_dir, &config, caches.changes, d),
                Some(caches.lines),
                Some(caches.theme),
            )
        }
        None => (content::load(site_dir, &config, d), None, None),
    };
    // What the bodies link to on disk goes to the site stage, past the ledger.
    let linked = content::survey_links(site_dir, &content, d);
    timer.lap("content");
    let ledger = Ledger::build(&config, content, options.as_of, d);
    timer.lap("ledger");
    let theme = match theme_cache.as_ref().and_then(|cached| (*cached).clone()) {
        Some(theme) => theme,
        None => Arc::new(Theme::load(site_dir, d)?),
    };
    if let Some(cache) = theme_cache {
        *cache = Some(theme.clone());
    }
    if d.has_errors() {
        // Rendering a site that will not be published only adds noise.
        return None;
    }
    let base_url = options.base_url.clone().or_else(|| config.base_url.clone());
    let prepared = site::prepare(
        site_dir,
        &config,
        &ledger,
        linked,
        base_url.as_deref(),
        lines_cache,
        d,
    );
    Some(Staged {
        config,
        ledger: Arc::new(ledger),
        theme,
        prepared,
        base_url,
    })
}

/// A build run again and again (by `serve`), keeping between runs what
/// did not change: parsed files, templates, and the lines of unchanged
/// wraps. Pages are made when asked for ([`RenderedSite::pages`]); the
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
                        p.strip_prefix(root)
                            .ok()
                            .map(|r| r.to_string_lossy().replace('\\', "/"))
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

/// The result of `standin build`.
pub struct Built {
    pub diagnostics: Diagnostics,
    pub elapsed: Duration,
    /// How long each stage took, in order.
    pub timings: Vec<Lap>,
    /// What was built and written, when the build succeeded.
    pub(crate) site: Option<BuiltSite>,
    /// What a failed build left in the output directory.
    pub(crate) left: Left,
    pub out_dir: PathBuf,
}

/// A site built and written.
pub(crate) struct BuiltSite {
    pub summary: Summary,
    pub written: WriteReport,
    /// Whether nothing the last build read had changed, so nothing was
    /// built again (see [`stamp`]).
    pub nothing_changed: bool,
}

/// Renders the site straight into `out_dir`, page by page, and commits it
/// only if there are no errors: the site is never held in memory whole.
/// The output is opened (and locked) first, so a second build into it
/// stops at once; see [`crate::output`] for what is guaranteed. When
/// nothing the last build into it read has changed, and the output is as
/// that build left it, nothing is built: see [`stamp`].
pub fn build(options: &BuildOptions, out_dir: PathBuf) -> Built {
    let started = Instant::now();
    let mut timer = Timer::new();
    let cache = options.site.root.join(CACHE_DIR);
    let failed = |failure: Failure, out_dir: PathBuf| Built {
        diagnostics: Diagnostics::from_iter([*failure.diagnostic]),
        elapsed: started.elapsed(),
        timings: Vec::new(),
        site: None,
        left: failure.left,
        out_dir,
    };
    let mut output = match Output::look(&out_dir, &options.site.root, Some(&cache)) {
        Ok(output) => output,
        Err(failure) => return failed(failure, out_dir),
    };
    let stamp = Stamp::new(&cache, options, output.root());
    let last = output
        .is_as_last_committed()
        .then(|| stamp.unchanged(&options.site))
        .flatten();
    if let Some((summary, diagnostics)) = last {
        timer.lap("stamp");
        return Built {
            diagnostics,
            elapsed: started.elapsed(),
            timings: timer.laps,
            site: Some(BuiltSite {
                summary,
                written: WriteReport {
                    unchanged: summary.files,
                    ..WriteReport::default()
                },
                nothing_changed: true,
            }),
            left: Left::Untouched,
            out_dir,
        };
    }
    stamp.forget();
    if let Err(failure) = output.start() {
        return failed(failure, out_dir);
    }
    let (site, log) = options.site.with_log();
    let options = BuildOptions {
        site,
        ..options.clone()
    };
    let mut d = Diagnostics::new();
    let to = ToOutput {
        output: &output,
        failure: Mutex::new(None),
        pages: AtomicUsize::new(0),
    };
    let rendered = stages(&options, &mut d, &mut timer, None).and_then(|staged| {
        let put = site::put_site(
            staged.prepared,
            &staged.config,
            &staged.ledger,
            &staged.theme,
            staged.base_url.as_deref(),
            &to,
            &mut d,
        );
        // Pages, search, API and feeds are made at once; this is all of them.
        timer.lap("render");
        put.map(|()| staged.ledger)
    });
    let read_at = SystemTime::now();
    let mut site = None;
    let mut left = Left::Untouched;
    let failure = to.failure.into_inner().unwrap_or_else(|e| e.into_inner());
    let pages = to.pages.into_inner();
    d.sort();
    match (rendered, failure) {
        (_, Some(failure)) => d.push(*failure.diagnostic),
        (Some(ledger), None) if !d.has_errors() => {
            match output.commit() {
                Ok(written) => {
                    let summary = Summary {
                        wraps: ledger.wraps.len(),
                        briefs: ledger.briefs.len(),
                        decisions: ledger.decisions.len(),
                        risks: ledger.risks.len(),
                        pages,
                        files: written.written + written.unchanged,
                    };
                    if let Some(reads) = log.finish() {
                        stamp.store(reads, read_at, summary, &d);
                    }
                    site = Some(BuiltSite {
                        summary,
                        written,
                        nothing_changed: false,
                    })
                }
                Err(failure) => {
                    d.push(*failure.diagnostic);
                    left = failure.left;
                }
            }
            timer.lap("commit");
        }
        // Errors are in `d`; dropping the output discards what was staged.
        _ => {}
    }
    d.sort();
    Built {
        diagnostics: d,
        elapsed: started.elapsed(),
        timings: timer.laps,
        site,
        left,
        out_dir,
    }
}

/// The output as the site stage's destination: each file is staged as
/// soon as it is made. The first failure is kept and stops the build.
struct ToOutput<'a> {
    output: &'a Output,
    failure: Mutex<Option<Failure>>,
    pages: AtomicUsize,
}

impl Destination for ToOutput<'_> {
    fn put(&self, path: String, bytes: Vec<u8>) -> Result<(), Stopped> {
        if path.ends_with(".html") {
            self.pages.fetch_add(1, Ordering::Relaxed);
        }
        self.output.put(&path, &bytes).map_err(|failure| {
            let mut first = self.failure.lock().unwrap_or_else(|e| e.into_inner());
            first.get_or_insert(failure);
            Stopped
        })
    }
}
