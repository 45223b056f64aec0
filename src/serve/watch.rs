//! Watches a site's inputs and reports batches of changed paths. A
//! debouncer turns one editor save (temp file, rename, chmod) into one
//! batch; swap, backup and hidden files are ignored.
//!
//! The inputs are `standin.toml` (and `.adr-dir`, `.log4brains.yml`, which
//! name decision folders), the wraps, templates and static files, and the
//! decision folders the config names or discovers (`docs/adr`, even
//! `../docs/adr`), which change with the config.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{
    DebounceEventResult, Debouncer, FileIdMap, RecommendedCache, new_debouncer_opt,
};

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::site_dir::{
    ADR_DIR_FILE, CONFIG_FILE, Folder, LOG4BRAINS_FILE, STATIC_DIR, SiteDir, TEMPLATES_DIR,
    WRAPS_DIR, is_ignored_name,
};

/// The directories of every site whose changes rebuild it; the decision
/// folders come from the config.
pub(crate) const WATCHED_DIRS: &[&str] = &[WRAPS_DIR, TEMPLATES_DIR, STATIC_DIR];

/// The files at the site root whose changes rebuild it.
const ROOT_FILES: &[&str] = &[CONFIG_FILE, ADR_DIR_FILE, LOG4BRAINS_FILE];

/// What the event filter needs to know, shared with the watcher thread:
/// the folders watched (as the watcher reports their paths) and the first
/// folder names of the site's input folders (a `docs/` appearing may bring
/// a `docs/adr`).
#[derive(Debug, Default)]
struct Inputs {
    folders: Vec<PathBuf>,
    top_names: Vec<String>,
}

/// How long a burst of events must be quiet before it is reported: an
/// editor's save (temp file, rename, chmod) takes a few milliseconds, and
/// every millisecond here is one the writer waits for the page.
const QUIET: Duration = Duration::from_millis(50);
/// How often `--poll` looks for changes.
const POLL_INTERVAL: Duration = Duration::from_millis(500);

enum Inner {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Poll(Debouncer<PollWatcher, FileIdMap>),
}

/// A running watcher; dropping it stops watching.
pub(crate) struct SiteWatcher {
    inner: Inner,
    site: SiteDir,
    root: PathBuf,
    watching: Vec<PathBuf>,
    inputs: Arc<RwLock<Inputs>>,
}

impl SiteWatcher {
    /// Starts watching, with the site's decision folders (site-relative);
    /// each batch of relevant changed paths goes to `tx`. `None` if the
    /// site cannot be watched (in `d`).
    pub(crate) fn start(
        site: &SiteDir,
        decision_dirs: &[String],
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
        let inputs = Arc::new(RwLock::new(Inputs::default()));
        let filter_inputs = inputs.clone();
        let handler = move |result: DebounceEventResult| {
            if let Ok(events) = result {
                let mut paths: Vec<PathBuf> = events
                    .into_iter()
                    // Reading a file is not changing it (and every rebuild
                    // reads them all).
                    .filter(|e| !matches!(e.event.kind, EventKind::Access(_)))
                    .flat_map(|e| e.event.paths)
                    .filter(|p| {
                        let inputs = filter_inputs.read().unwrap_or_else(|e| e.into_inner());
                        is_relevant(&filter_root, &inputs.folders, &inputs.top_names, p)
                    })
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
            site: site.clone(),
            root,
            watching: Vec::new(),
            inputs,
        };
        // The root itself, not recursively: standin.toml, and the watched
        // directories appearing.
        let root = watcher.root.clone();
        watcher.watch(&root, RecursiveMode::NonRecursive, d)?;
        watcher.watch_new_dirs(decision_dirs, d)?;
        Some(watcher)
    }

    /// Starts watching any input folder that exists now but was not
    /// watched before (a first `decisions/`, or a folder a changed config
    /// names); `decision_dirs` are the config's, site-relative. A folder
    /// reached through a symlink is not watched (nor read). `None` if one
    /// cannot be watched (in `d`); it is tried again on the next call.
    pub(crate) fn watch_new_dirs(
        &mut self,
        decision_dirs: &[String],
        d: &mut Diagnostics,
    ) -> Option<()> {
        let dirs: Vec<&str> = WATCHED_DIRS
            .iter()
            .copied()
            .chain(decision_dirs.iter().map(String::as_str))
            .collect();
        {
            let mut inputs = self.inputs.write().unwrap_or_else(|e| e.into_inner());
            inputs.top_names = dirs
                .iter()
                .filter_map(|dir| dir.split('/').next())
                .filter(|name| *name != "..")
                .map(str::to_string)
                .collect();
        }
        for dir in dirs {
            if self.site.folder(dir) != Folder::Plain {
                continue;
            }
            // As the watcher reports it: from the canonical root, or the
            // folder's own canonical path when it lies outside the site.
            let path = match self.root.join(dir).canonicalize() {
                Ok(path) => path,
                Err(_) => continue,
            };
            if !self.watching.contains(&path) {
                self.watch(&path, RecursiveMode::Recursive, d)?;
                let mut inputs = self.inputs.write().unwrap_or_else(|e| e.into_inner());
                inputs.folders.push(path);
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

/// A file at the root that names inputs (`standin.toml`, `.adr-dir`,
/// `.log4brains.yml`), an input folder's first name at the root appearing,
/// or a file under a watched `folder` that is not an editor's swap,
/// backup or hidden file.
fn is_relevant(root: &Path, folders: &[PathBuf], top_names: &[String], path: &Path) -> bool {
    if let Ok(relative) = path.strip_prefix(root) {
        let mut parts = relative.components();
        if let (Some(first), None) = (parts.next(), parts.next()) {
            let name = first.as_os_str().to_string_lossy();
            return ROOT_FILES.contains(&name.as_ref()) || top_names.iter().any(|t| *t == name);
        }
    }
    folders.iter().any(|folder| {
        path.strip_prefix(folder).is_ok_and(|relative| {
            !relative
                .components()
                .any(|c| is_ignored_name(&c.as_os_str().to_string_lossy()))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_site_inputs_are_relevant() {
        let root = Path::new("/s");
        let folders: Vec<PathBuf> = [
            "/s/wraps",
            "/s/templates",
            "/s/static",
            "/s/docs/adr",
            "/repo/adr",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let top_names: Vec<String> = ["wraps", "templates", "static", "decisions", "docs"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for yes in [
            "/s/standin.toml",
            "/s/.adr-dir",
            "/s/.log4brains.yml",
            "/s/wraps/2026/11/20/ana.md",
            "/s/templates/wrap.md",
            "/s/static/logo.png",
            "/s/decisions",
            "/s/docs",
            "/s/docs/adr/0001-x.md",
            "/repo/adr/0002-y.md",
        ] {
            assert!(
                is_relevant(root, &folders, &top_names, Path::new(yes)),
                "{yes}"
            );
        }
        for no in [
            "/s/public/index.html",
            "/s/.git/index",
            "/s/wraps/.ana.md.swp",
            "/s/wraps/ana.md~",
            "/s/wraps/#ana.md#",
            "/s/README.md",
            "/s/docs/guide.md",
            "/s/docs/adr/.0001-x.md.swp",
            "/elsewhere/standin.toml",
        ] {
            assert!(
                !is_relevant(root, &folders, &top_names, Path::new(no)),
                "{no}"
            );
        }
    }
}
