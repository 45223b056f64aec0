//! `standin serve`: build, serve over HTTP, watch, rebuild, reload.
//!
//! The site is served from memory. A rebuild that fails keeps the last
//! good site on screen, with the diagnostics as an overlay on every page
//! (and in the terminal) until the next good build.

mod reload;
mod server;
mod watch;

use std::io::Write as _;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, mpsc};
use std::time::{Duration, Instant};

use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::sync::watch as channel;

use crate::build::{BuildOptions, Derivation, Session};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Format, render, render_to_stderr};
use crate::ledger::AsOf;
use crate::site::{self, SiteFiles, urls};
use crate::site_dir::SiteDir;
use server::{HostPolicy, Live};

/// What `standin serve` was asked for.
#[derive(Debug, Clone)]
pub(crate) struct ServeOptions {
    pub site: SiteDir,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub open: bool,
    /// Poll the file system instead of relying on its change events.
    pub poll: bool,
    pub as_of: AsOf,
}

/// Runs the server until Ctrl+C. `None` if it could not start (in `d`).
pub(crate) fn run(options: ServeOptions, d: &mut Diagnostics) -> Option<()> {
    let listening = std::net::TcpListener::bind(SocketAddr::new(options.bind, options.port))
        .and_then(|listener| {
            listener.set_nonblocking(true)?;
            let address = listener.local_addr()?;
            Ok((listener, address))
        });
    let (listener, address) = started(
        listening,
        || format!("cannot listen on {}:{}", options.bind, options.port),
        d,
    )?;
    let url = format!("http://{address}/");

    // Feeds, sitemap and the 404 page point at this server.
    let mut session = Session::new(BuildOptions {
        site: options.site.clone(),
        base_url: Some(url.clone()),
        as_of: options.as_of,
    });
    let (sender, receiver) = channel::channel(first_build(&mut session));
    let derive = Deriver::start(sender.clone());

    let (changes_tx, changes_rx) = mpsc::channel();
    let mut watcher = watch::SiteWatcher::start(
        &options.site,
        &session.decision_dirs(),
        options.poll,
        changes_tx,
        d,
    )?;
    std::thread::spawn(move || {
        while let Ok(paths) = changes_rx.recv() {
            let paths = with_queued(paths, &changes_rx);
            // One that cannot be watched yet is tried again next time.
            let _ = watcher.watch_new_dirs(&session.decision_dirs(), &mut Diagnostics::new());
            rebuild_and_publish(&mut session, &paths, &sender, &derive);
            // The rebuild read the config again: it may name new folders.
            let _ = watcher.watch_new_dirs(&session.decision_dirs(), &mut Diagnostics::new());
        }
    });

    println!("standin: serving {url} (Ctrl+C to stop)");
    let _ = std::io::stdout().flush();
    if options.open
        && let Err(error) = opener::open_browser(&url)
    {
        eprintln!("standin: cannot open a browser: {error}");
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build();
    let runtime = started(runtime, || "cannot start the server".to_string(), d)?;
    let hosts = HostPolicy::for_bind(options.bind);
    let timeout = header_timeout();
    let served = runtime.block_on(serve_until_stopped(listener, receiver, hosts, timeout));
    started(served, || format!("cannot serve {url}"), d)
}

/// The first build, its pages and derived files complete before anyone
/// looks at them; its errors are printed and shown in the browser.
fn first_build(session: &mut Session) -> Live {
    let (mut first, pending) = rebuild(session, &[], Live::default());
    if let Some(job) = pending {
        let (derived, diagnostics) = job.run();
        render_to_stderr(&diagnostics, Format::Human);
        if diagnostics.has_errors() {
            first.errors = Some(render(&diagnostics, Format::Human).into());
        }
        if let Some(derived) = derived {
            first.files = Arc::new(with(&first.files, derived));
        }
    }
    first
}

/// `paths` with every batch that queued up during the last rebuild, each
/// path once.
fn with_queued(mut paths: Vec<PathBuf>, queue: &mpsc::Receiver<Vec<PathBuf>>) -> Vec<PathBuf> {
    while let Ok(more) = queue.try_recv() {
        paths.extend(more);
    }
    paths.sort();
    paths.dedup();
    paths
}

/// Rebuilds for `paths`, serves the result, and hands what is derived
/// from it (search, API, feeds) to `derive`.
fn rebuild_and_publish(
    session: &mut Session,
    paths: &[PathBuf],
    sender: &channel::Sender<Live>,
    derive: &Deriver,
) {
    let previous = sender.borrow().clone();
    let (next, pending) = rebuild(session, paths, previous.clone());
    if next.generation != previous.generation
        && let Some(pages) = &previous.pages
    {
        // Nobody will look at those pages again: stop making them.
        pages.supersede();
    }
    let generation = next.generation;
    sender.send_replace(next);
    if let Some(job) = pending {
        derive.submit(generation, job);
    }
}

/// Accepts connections until Ctrl+C.
async fn serve_until_stopped(
    listener: std::net::TcpListener,
    receiver: channel::Receiver<Live>,
    hosts: HostPolicy,
    timeout: Duration,
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let app = server::router(receiver, hosts);
    let mut stop = std::pin::pin!(tokio::signal::ctrl_c());
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(_) => {
                    // Out of file descriptors or an aborted handshake:
                    // wait a little rather than spin.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut stop => return Ok(()),
        };
        let service = TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            // Without a timer hyper waits forever for a request head, on a
            // new connection and on an idle kept-alive one alike.
            let _ = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(timeout)
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// The value of `result`, or its error reported in `d` after `what`.
fn started<T>(
    result: std::io::Result<T>,
    what: impl FnOnce() -> String,
    d: &mut Diagnostics,
) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(error) => {
            d.push(Diagnostic::new(Code::Serve, format!("{}: {error}", what())));
            None
        }
    }
}

/// How long a connection may take to send a request's head, and stay idle
/// between requests: 10 s, or `STANDIN_HEADER_TIMEOUT_MS` (for tests).
fn header_timeout() -> Duration {
    std::env::var("STANDIN_HEADER_TIMEOUT_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(HEADER_TIMEOUT, Duration::from_millis)
}

/// See [`header_timeout`].
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Rebuilds and reports in the terminal. On success the new site goes out
/// at once, its pages made as they are asked for, with the previous
/// build's search, API and feeds until the new ones are made; on errors
/// the previous good site stays, with the errors attached.
fn rebuild(
    session: &mut Session,
    changed: &[PathBuf],
    previous: Live,
) -> (Live, Option<Derivation>) {
    let started = Instant::now();
    let run = session.rebuild(changed);
    render_to_stderr(&run.diagnostics, Format::Human);
    let took = started.elapsed().as_secs_f64() * 1000.0;
    let what = match changed.len() {
        0 => String::new(),
        1 => " (1 file changed)".to_string(),
        n => format!(" ({n} files changed)"),
    };
    match run.rendered {
        Some(rendered) => {
            println!("standin: built{what} in {took:.0} ms");
            if std::env::var_os("STANDIN_TIMINGS").is_some() {
                for lap in &run.timings {
                    println!("standin:   {}", lap.line());
                }
            }
            let mut files = rendered.files;
            for (path, bytes) in &previous.files.files {
                if urls::is_derived(path) && !files.files.contains_key(path) {
                    files.files.insert(path.clone(), bytes.clone());
                }
            }
            let live = Live {
                files: Arc::new(files),
                pages: rendered.pages,
                generation: previous.generation + 1,
                errors: None,
            };
            (live, run.pending)
        }
        None => {
            println!(
                "standin: {}{what}; still serving the last good build",
                run.diagnostics.summary()
            );
            let live = Live {
                errors: Some(render(&run.diagnostics, Format::Human).into()),
                ..previous
            };
            (live, None)
        }
    }
}

/// `files` with `derived` added (or replaced).
fn with(files: &SiteFiles, derived: Vec<(String, site::Bytes)>) -> SiteFiles {
    let mut files = files.clone();
    files.files.extend(derived);
    files
}

/// The next job for the deriver: a build's generation and its derivation.
type Slot = Arc<(Mutex<Option<(u64, Derivation)>>, Condvar)>;

/// Makes the rest of the latest build (pages nobody asked for yet, and the
/// derived outputs) on one background thread.
/// A job waiting when a newer one arrives is dropped; a result arriving
/// after a newer build is discarded.
struct Deriver {
    slot: Slot,
}

impl Deriver {
    fn start(sender: channel::Sender<Live>) -> Deriver {
        let slot: Slot = Arc::default();
        let worker = slot.clone();
        std::thread::spawn(move || {
            loop {
                let (generation, job) = {
                    let (lock, ready) = &*worker;
                    let mut next = lock.lock().unwrap_or_else(|e| e.into_inner());
                    loop {
                        if let Some(job) = next.take() {
                            break job;
                        }
                        next = ready.wait(next).unwrap_or_else(|e| e.into_inner());
                    }
                };
                let started = Instant::now();
                let (derived, diagnostics) = job.run();
                // Warnings were shown with the first build; errors matter,
                // in the terminal and over the pages of that build. A wrap
                // that changed under the pass means a newer build is on
                // its way (the watcher saw the change): not an error.
                let stale = diagnostics
                    .iter()
                    .any(|d| d.code == Code::ChangedDuringBuild);
                if diagnostics.has_errors() && !stale && !job.pages().is_superseded() {
                    render_to_stderr(&diagnostics, Format::Human);
                    let errors: Arc<str> = render(&diagnostics, Format::Human).into();
                    sender.send_if_modified(|live| {
                        let current = live.generation == generation;
                        if current {
                            live.errors = Some(errors.clone());
                        }
                        current
                    });
                }
                if let Some(derived) = derived {
                    let mut installed = false;
                    sender.send_if_modified(|live| {
                        if live.generation != generation {
                            return false;
                        }
                        live.files = Arc::new(with(&live.files, derived));
                        installed = true;
                        true
                    });
                    if installed {
                        println!(
                            "standin: every page, search, feeds and API made in {:.0} ms",
                            started.elapsed().as_secs_f64() * 1000.0
                        );
                    }
                }
            }
        });
        Deriver { slot }
    }

    fn submit(&self, generation: u64, job: Derivation) {
        let (lock, ready) = &*self.slot;
        *lock.lock().unwrap_or_else(|e| e.into_inner()) = Some((generation, job));
        ready.notify_one();
    }
}
