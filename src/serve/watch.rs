//! Watches a site's inputs and reports batches of changed paths. A
//! debouncer turns one editor save (temp file, rename, chmod) into one
//! batch; swap, backup and hidden files are ignored.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, FileIdMap, RecommendedCache, new_debouncer_opt,
};

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::layout::{
    CONFIG_FILE, DECISIONS_DIR, STATIC_DIR, SiteDir, TEMPLATES_DIR, WRAPS_DIR, is_ignored_name,
};

/// The directories of a site whose changes rebuild it.
pub(crate) const WATCHED_DIRS: &[&str] = &[WRAPS_DIR, DECISIONS_DIR, TEMPLATES_DIR, STATIC_DIR];

/// How long a burst of events must be quiet before it is reported.
const QUIET: Duration = Duration::from_millis(120);
/// How often `--poll` looks for changes.
const POLL_INTERVAL: Duration = Duration::from_millis(500);

enum Inner {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, FileIdMap>),
}

/// A running watcher; dropping it stops watching.
pub(crate) struct SiteWatcher {
    inner: Inner,
    root: PathBuf,
    watching: Vec<PathBuf>,
}

impl SiteWatcher {
    /// Starts watching; each batch of relevant changed paths goes to `tx`.
    /// `None` if the site cannot be watched (in `d`).
    pub(crate) fn start(
        site: &SiteDir,
        poll: bool,
        tx: Sender<Vec<PathBuf>>,
        d: &mut Diagnostics,
    ) -> Option<SiteWatcher> {
        let root = match site.root.canonicalize() {
            Ok(root) => root,
            Err(error) => {
                d.push(cannot_watch(&site.root, error));
                return None;
            }
        };
        let filter_root = root.clone();
        let handler = move |result: DebounceEventResult| {
            if let Ok(events) = result {
                let mut paths: Vec<PathBuf> = events
                    .into_iter()
                    // Reading a file is not changing it (and every rebuild
                    // reads them all).
                    .filter(|e| !matches!(e.event.kind, EventKind::Access(_)))
                    .flat_map(|e| e.event.paths)
                    .filter(|p| is_relevant(&filter_root, p))
                    .collect();
                paths.sort();
                paths.dedup();
                if !paths.is_empty() {
                    let _ = tx.send(paths);
                }
            }
        };
        let inner = if poll {
            // Compare contents: modification times are compared to the
            // second, which misses a save in the same second as the last
            // look. Reading the inputs each poll is the price of the
            // fallback.
            let config = notify::Config::default()
                .with_poll_interval(POLL_INTERVAL)
                .with_compare_contents(true);
            new_debouncer_opt(QUIET, None, handler, FileIdMap::new(), config).map(Inner::Poll)
        } else {
            let config = notify::Config::default();
            new_debouncer_opt(QUIET, None, handler, RecommendedCache::new(), config)
                .map(Inner::Native)
        };
        let inner = match inner {
            Ok(inner) => inner,
            Err(error) => {
                d.push(cannot_watch(&root, error));
                return None;
            }
        };
        let mut watcher = SiteWatcher {
            inner,
            root,
            watching: Vec::new(),
        };
        // The root itself, not recursively: standin.toml, and the watched
        // directories appearing.
        let root = watcher.root.clone();
        watcher.watch(&root, RecursiveMode::NonRecursive, d)?;
        watcher.watch_new_dirs(d)?;
        Some(watcher)
    }

    /// Starts watching any watched directory that exists now but did not
    /// before (a first `decisions/`, say). `None` if one cannot be watched
    /// (in `d`); it is tried again on the next call.
    pub(crate) fn watch_new_dirs(&mut self, d: &mut Diagnostics) -> Option<()> {
        for dir in WATCHED_DIRS {
            let path = self.root.join(dir);
            if path.is_dir() && !self.watching.contains(&path) {
                self.watch(&path, RecursiveMode::Recursive, d)?;
            }
        }
        Some(())
    }

    fn watch(&mut self, path: &Path, mode: RecursiveMode, d: &mut Diagnostics) -> Option<()> {
        let result = match &mut self.inner {
            Inner::Native(debouncer) => debouncer.watch(path, mode),
            Inner::Poll(debouncer) => debouncer.watch(path, mode),
        };
        if let Err(error) = result {
            d.push(cannot_watch(path, error));
            return None;
        }
        self.watching.push(path.to_path_buf());
        Some(())
    }
}

fn cannot_watch(path: &Path, error: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::new(
        Code::Serve,
        format!("cannot watch {}: {error}", path.display()),
    )
    .with_help("check the folder's permissions; on network mounts, containers or WSL use `--poll`")
}

/// `standin.toml`, or a file under a watched directory, that is not an
/// editor's swap, backup or hidden file.
pub(crate) fn is_relevant(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    if relative
        .components()
        .any(|c| is_ignored_name(&c.as_os_str().to_string_lossy()))
    {
        return false;
    }
    let mut parts = relative.components();
    match (parts.next(), parts.next()) {
        (Some(first), None) => {
            first.as_os_str() == CONFIG_FILE || WATCHED_DIRS.iter().any(|d| first.as_os_str() == *d)
        }
        (Some(first), Some(_)) => WATCHED_DIRS.iter().any(|d| first.as_os_str() == *d),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_site_inputs_are_relevant() {
        let root = Path::new("/s");
        for yes in [
            "/s/standin.toml",
            "/s/wraps/2026/11/20/ana.md",
            "/s/templates/wrap.md",
            "/s/static/logo.png",
            "/s/decisions",
        ] {
            assert!(is_relevant(root, Path::new(yes)), "{yes}");
        }
        for no in [
            "/s/public/index.html",
            "/s/.git/index",
            "/s/wraps/.ana.md.swp",
            "/s/wraps/ana.md~",
            "/s/wraps/#ana.md#",
            "/s/README.md",
            "/elsewhere/standin.toml",
        ] {
            assert!(!is_relevant(root, Path::new(no)), "{no}");
        }
    }
}
