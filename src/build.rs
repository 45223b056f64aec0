//! Runs the pipeline: config -> content -> ledger -> site -> output. Shared
//! by `build`, `check` and `serve`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::config::{Config, SiteDir};
use crate::content;
use crate::diagnostics::Diagnostics;
use crate::ledger::{AsOf, Ledger};
use crate::output::{self, WriteReport};
use crate::site::{self, SiteFiles, theme::Theme};

/// What to build and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub site: SiteDir,
    /// Overrides `base_url` from the config (preview deployments).
    pub base_url: Option<String>,
    pub as_of: AsOf,
}

/// A rendered site with everything known about it.
pub struct Rendered {
    pub config: Config,
    pub ledger: Ledger,
    pub files: SiteFiles,
}

/// The outcome of running the pipeline: the site when it has no errors,
/// and every diagnostic of the run, sorted.
pub struct Run {
    pub rendered: Option<Rendered>,
    pub diagnostics: Diagnostics,
    pub elapsed: Duration,
    /// How long each stage took, in order.
    pub timings: Vec<(&'static str, Duration)>,
}

/// Runs every stage up to rendering, in memory. Nothing is written.
pub fn render(options: &BuildOptions) -> Run {
    let started = Instant::now();
    let mut diagnostics = Diagnostics::new();
    let mut timer = Timer::new();
    let rendered = run_stages(options, &mut diagnostics, &mut timer);
    diagnostics.sort();
    Run {
        rendered: rendered.filter(|_| !diagnostics.has_errors()),
        diagnostics,
        elapsed: started.elapsed(),
        timings: timer.laps,
    }
}

/// Records how long each stage takes.
struct Timer {
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
}

impl Timer {
    fn new() -> Self {
        Self {
            last: Instant::now(),
            laps: Vec::new(),
        }
    }

    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.laps.push((stage, now - self.last));
        self.last = now;
    }
}

fn run_stages(options: &BuildOptions, d: &mut Diagnostics, timer: &mut Timer) -> Option<Rendered> {
    let site_dir = &options.site;
    let config = match Config::load(site_dir) {
        Ok(config) => config,
        Err(errors) => {
            d.extend(errors);
            return None;
        }
    };
    let (content, content_diagnostics) = content::load(site_dir, &config);
    d.extend(content_diagnostics);
    timer.lap("content");
    let (ledger, ledger_diagnostics) = Ledger::build(&config, content, options.as_of);
    d.extend(ledger_diagnostics);
    timer.lap("ledger");
    let theme = match Theme::load(site_dir) {
        Ok(theme) => theme,
        Err(errors) => {
            d.extend(errors);
            return None;
        }
    };
    if d.has_errors() {
        // Rendering a site that will not be published only adds noise.
        return None;
    }
    let base_url = options.base_url.as_deref().or(config.base_url.as_deref());
    let (files, site_diagnostics) = site::render(site_dir, &config, &ledger, &theme, base_url);
    d.extend(site_diagnostics);
    timer.lap("site");
    Some(Rendered {
        files: files?,
        config,
        ledger,
    })
}

/// A build run again and again (by `serve`), keeping between runs what
/// did not change.
pub struct Session {
    options: BuildOptions,
}

impl Session {
    pub fn new(options: BuildOptions) -> Self {
        Self { options }
    }

    /// Rebuilds after `changed` paths changed (empty: the first build).
    pub fn rebuild(&mut self, _changed: &[PathBuf]) -> Run {
        render(&self.options)
    }
}

/// The result of `standin build`.
pub struct Built {
    pub run: Run,
    pub written: Option<WriteReport>,
    pub out_dir: PathBuf,
}

/// Renders and, only if there are no errors, writes to `out_dir`.
pub fn build(options: &BuildOptions, out_dir: PathBuf) -> Built {
    let started = Instant::now();
    let mut run = render(options);
    let mut written = None;
    if let Some(rendered) = &run.rendered {
        let writing = Instant::now();
        let result = output::write(&out_dir, &rendered.files);
        run.timings.push(("output", writing.elapsed()));
        match result {
            Ok(report) => written = Some(report),
            Err(error) => {
                run.diagnostics.push(error);
                run.rendered = None;
            }
        }
    }
    run.elapsed = started.elapsed();
    Built {
        run,
        written,
        out_dir,
    }
}
