//! Runs the pipeline: config -> content -> ledger -> site -> output. Shared
//! by `build`, `check` and `serve`.

mod read;
mod session;
mod stamp;

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use crate::cache::Unwritten;
use crate::config::Config;
use crate::content;
use crate::diagnostics::Diagnostics;
use crate::ledger::{AsOf, Ledger};
use crate::output::{Committed, Failure, Left, Output, WriteReport};
use crate::site::theme::Theme;
use crate::site::{self, Destination, Discard, Prepared, Stopped};
use crate::site_dir::SiteDir;
use crate::site_dir::{CACHE_DIR, Read as ReadFile};
use crate::timings::{Lap, Timer};
pub(crate) use read::{Read, commit_dates_for, read};
use session::Caches;
pub use session::{Derivation, RenderedSite, Run, Session, render};
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

/// What `standin check` found: what `standin brief` reads too, so that
/// the two report the same problems, counted the same way.
pub struct Checked {
    /// Every diagnostic a build would give, sorted.
    pub diagnostics: Diagnostics,
    /// The site checked, when it has no errors.
    pub(crate) site: Option<(Config, Arc<Ledger>)>,
}

impl Checked {
    /// Wraps, decisions and risks, when the site has no errors.
    pub fn counts(&self) -> Option<(usize, usize, usize)> {
        self.site.as_ref().map(|(_, ledger)| {
            (
                ledger.wraps.len(),
                ledger.decisions.len(),
                ledger.risks.len(),
            )
        })
    }
}

/// Runs every stage a build runs and makes every file it would write, then
/// drops each as it is made: nothing is written, and nothing is held, so a
/// check needs no more memory than a build (a site that checks clean builds
/// clean). Every warning is found whether or not the site has errors.
pub fn check(options: &BuildOptions) -> Checked {
    let mut d = Diagnostics::new();
    let mut timer = Timer::new();
    let site = stages(options, &mut d, &mut timer, None).and_then(|staged| {
        site::put_site(
            staged.prepared,
            &staged.config,
            &staged.ledger,
            &staged.theme,
            staged.base_url.as_deref(),
            &Discard,
            &mut d,
        )?;
        Some((staged.config, staged.ledger))
    });
    d.sort();
    let site = site.filter(|_| !d.has_errors());
    Checked {
        diagnostics: d,
        site,
    }
}

/// Every ask of the site as `(text as written, id, what each
/// acknowledgement did)`, sorted, and the diagnostics of reading them
/// (the site may have errors). For tools that check that no id and no
/// acknowledgement depends on the order asks are listed in (the fuzz
/// target `handover`).
#[doc(hidden)]
pub fn ask_outcomes(options: &BuildOptions) -> (Vec<(String, String, Vec<String>)>, Diagnostics) {
    let mut d = Diagnostics::new();
    let Some(config) = Config::load(&options.site, &mut d) else {
        return (Vec::new(), d);
    };
    let content = content::load(&options.site, &config, &mut d);
    let ledger = Ledger::build(&config, content, options.as_of, &mut d);
    let mut outcomes: Vec<(String, String, Vec<String>)> = ledger
        .handover
        .items
        .iter()
        .map(|item| {
            let ask = &ledger.wraps[item.wrap.0].wrap.asks[item.ask];
            let events = item.events.iter().map(|e| e.kind.verb().to_string());
            (ask.written.clone(), item.id.to_string(), events.collect())
        })
        .collect();
    outcomes.sort();
    d.sort();
    (outcomes, d)
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

/// Runs the pipeline up to the page pass. `None` when the site has errors
/// (in `d`, with every warning a site without them would give: only the
/// page pass is skipped, which adds no warnings, only errors of its own).
fn stages<'a>(
    options: &BuildOptions,
    d: &mut Diagnostics,
    timer: &mut Timer,
    caches: Option<Caches<'a>>,
) -> Option<Staged> {
    let site_dir = &options.site;
    let config = Config::load(site_dir, d)?;
    // git's answer comes while the content is read. Not while serving: a
    // preview rebuilds on every save, and the lint is for check and CI.
    let commit_dates = caches
        .is_none()
        .then(|| commit_dates_for(site_dir, &config))
        .flatten();
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
    let base_url = options.base_url.clone().or_else(|| config.base_url.clone());
    site::warn(&config, &ledger, base_url.as_deref(), d);
    let dates = commit_dates.and_then(|dates| dates.join().ok().flatten());
    crate::lint::warn(
        &config,
        &ledger,
        dates.as_ref(),
        crate::lint::Scope::Recent,
        d,
    );
    timer.lap("ledger");
    let theme = match theme_cache.as_ref().and_then(|cached| (*cached).clone()) {
        Some(theme) => Some(theme),
        None => Theme::load(site_dir, d).map(Arc::new),
    };
    if let (Some(cache), Some(theme)) = (theme_cache, &theme) {
        *cache = Some(theme.clone());
    }
    let theme = match theme {
        Some(theme) if !d.has_errors() => theme,
        _ => {
            // Rendering a site that will not be published only adds
            // noise; the files it would publish are still looked at, so
            // that its warnings come with its errors, as many as in a
            // build that has none.
            site::gather_files(site_dir, &config, &ledger, linked, d);
            return None;
        }
    };
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
    /// A cache file that could not be kept (the first, when more could
    /// not): the build stands, the next one will not be able to skip work.
    pub cache_unwritten: Option<Unwritten>,
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
        return unchanged(summary, diagnostics, started, timer.laps, out_dir);
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
    let RenderedInto {
        ledger: rendered,
        failure,
        pages,
    } = render_into(&output, &options, &mut d, &mut timer);
    let read_at = SystemTime::now();
    let mut site = None;
    let mut left = Left::Untouched;
    d.sort();
    match (rendered, failure) {
        (_, Some(failure)) => d.push(*failure.diagnostic),
        (Some(ledger), None) if !d.has_errors() => {
            let reads = log.finish();
            match commit(output, &ledger, pages, &stamp, reads, read_at, &d) {
                Ok(built) => site = Some(built),
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

/// The build that finds nothing changed since the last one into the same
/// output: that build's summary, every file unchanged, and what it said.
fn unchanged(
    summary: Summary,
    diagnostics: Diagnostics,
    started: Instant,
    timings: Vec<Lap>,
    out_dir: PathBuf,
) -> Built {
    let site = BuiltSite {
        summary,
        written: WriteReport {
            unchanged: summary.files,
            ..WriteReport::default()
        },
        nothing_changed: true,
        cache_unwritten: None,
    };
    Built {
        diagnostics,
        elapsed: started.elapsed(),
        timings,
        site: Some(site),
        left: Left::Untouched,
        out_dir,
    }
}

/// What rendering into the output left.
struct RenderedInto {
    /// The ledger of a site rendered whole; `None` when it has errors or
    /// the output stopped it.
    ledger: Option<Arc<Ledger>>,
    /// The output's first failure, which stopped the build.
    failure: Option<Failure>,
    /// How many pages were put.
    pages: usize,
}

/// Runs the stages and renders the site into `output`, file by file as
/// each is made.
fn render_into(
    output: &Output,
    options: &BuildOptions,
    d: &mut Diagnostics,
    timer: &mut Timer,
) -> RenderedInto {
    let to = ToOutput {
        output,
        failure: Mutex::new(None),
        pages: AtomicUsize::new(0),
    };
    let ledger = stages(options, d, timer, None).and_then(|staged| {
        let put = site::put_site(
            staged.prepared,
            &staged.config,
            &staged.ledger,
            &staged.theme,
            staged.base_url.as_deref(),
            &to,
            d,
        );
        // Pages, search, API and feeds are made at once; this is all of them.
        timer.lap("render");
        put.map(|()| staged.ledger)
    });
    RenderedInto {
        ledger,
        failure: to.failure.into_inner().unwrap_or_else(|e| e.into_inner()),
        pages: to.pages.into_inner(),
    }
}

/// Moves the staged output into place and remembers what the build read
/// (`reads`, as of `read_at`) for the next one.
fn commit(
    output: Output,
    ledger: &Ledger,
    pages: usize,
    stamp: &Stamp,
    reads: Option<Vec<ReadFile>>,
    read_at: SystemTime,
    d: &Diagnostics,
) -> Result<BuiltSite, Failure> {
    let Committed {
        report: written,
        hint,
    } = output.commit()?;
    let summary = Summary {
        wraps: ledger.wraps.len(),
        briefs: ledger.briefs.len(),
        decisions: ledger.decisions.len(),
        risks: ledger.risks.len(),
        pages,
        files: written.written + written.unchanged,
    };
    let stored = match reads {
        Some(reads) => stamp.store(reads, read_at, summary, d),
        None => Ok(()),
    };
    Ok(BuiltSite {
        summary,
        written,
        nothing_changed: false,
        cache_unwritten: hint.and(stored).err(),
    })
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
