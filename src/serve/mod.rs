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
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Instant;

use tokio::sync::watch as channel;

use crate::build::{BuildOptions, Session};
use crate::config::SiteDir;
use crate::diagnostics::{Format, render, render_to_stderr};
use crate::ledger::AsOf;
pub use reload::{EVENTS_PATH, OVERLAY_ID};
use server::Live;
pub use server::{Lookup, resolve};
pub use watch::{WATCHED_DIRS, is_relevant};

/// What `standin serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub site: SiteDir,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub open: bool,
    /// Poll the file system instead of relying on its change events.
    pub poll: bool,
    pub as_of: AsOf,
}

/// Runs the server until Ctrl+C.
pub fn run(options: ServeOptions) -> Result<(), String> {
    let listener = std::net::TcpListener::bind(SocketAddr::new(options.bind, options.port))
        .map_err(|e| format!("cannot listen on {}:{}: {e}", options.bind, options.port))?;
    listener.set_nonblocking(true).map_err(|e| e.to_string())?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    let url = format!("http://{address}/");

    // Feeds, sitemap and the 404 page point at this server.
    let mut session = Session::new(BuildOptions {
        site: options.site.clone(),
        base_url: Some(url.clone()),
        as_of: options.as_of,
    });
    let first = rebuild(&mut session, &[], None);
    let (sender, receiver) = channel::channel(first);

    let (changes_tx, changes_rx) = mpsc::channel();
    let mut watcher = watch::SiteWatcher::start(&options.site, options.poll, changes_tx)?;
    std::thread::spawn(move || {
        while let Ok(mut paths) = changes_rx.recv() {
            // Take every batch that queued up during the last rebuild.
            while let Ok(more) = changes_rx.try_recv() {
                paths.extend(more);
            }
            paths.sort();
            paths.dedup();
            let _ = watcher.watch_new_dirs();
            let previous = sender.borrow().clone();
            let next = rebuild(&mut session, &paths, Some(previous));
            sender.send_replace(next);
        }
    });

    println!("standin: serving {url} (Ctrl+C to stop)");
    let _ = std::io::stdout().flush();
    if options.open {
        if let Err(error) = opener::open_browser(&url) {
            eprintln!("standin: cannot open a browser: {error}");
        }
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener).map_err(|e| e.to_string())?;
        axum::serve(listener, server::router(receiver))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| e.to_string())
    })
}

/// Rebuilds and reports in the terminal. On errors the previous good site
/// stays, with the errors attached.
fn rebuild(session: &mut Session, changed: &[PathBuf], previous: Option<Live>) -> Live {
    let started = Instant::now();
    let run = session.rebuild(changed);
    render_to_stderr(&run.diagnostics, Format::Human);
    let took = started.elapsed().as_secs_f64() * 1000.0;
    let what = match changed.len() {
        0 => String::new(),
        1 => " (1 file changed)".to_string(),
        n => format!(" ({n} files changed)"),
    };
    let previous = previous.unwrap_or_default();
    match run.rendered {
        Some(rendered) => {
            println!("standin: built{what} in {took:.0} ms");
            Live {
                files: Arc::new(rendered.files),
                generation: previous.generation + 1,
                errors: None,
            }
        }
        None => {
            println!(
                "standin: {}{what}; still serving the last good build",
                run.diagnostics.summary()
            );
            Live {
                errors: Some(render(&run.diagnostics, Format::Human).into()),
                ..previous
            }
        }
    }
}
