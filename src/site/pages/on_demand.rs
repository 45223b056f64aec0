//! Pages made when they are first asked for, for `serve`: after an edit the
//! browser reloads the page it shows, and that one page is made at once
//! instead of after the thousands nobody is looking at. A background pass
//! ([`OnDemand::all`]) then makes the rest, to find any page whose
//! template fails.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use super::{Page, once_each};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::site::{Bytes, Rendition};

/// A page's HTML, or the errors that kept it from being made.
pub(crate) type Made = Result<Bytes, Arc<[Diagnostic]>>;

/// The pages of one build, each made at most once, when first asked for.
pub(crate) struct OnDemand {
    rendition: Arc<Rendition>,
    pages: Vec<Page>,
    paths: Vec<String>,
    by_path: HashMap<String, usize>,
    made: Vec<OnceLock<Made>>,
    /// A newer build replaced this one: the background pass stops.
    superseded: AtomicBool,
}

impl OnDemand {
    /// The pages of the build `rendition` describes; none is made yet.
    pub(crate) fn new(rendition: Arc<Rendition>) -> OnDemand {
        let pages = Page::all(&rendition.ledger);
        let paths: Vec<String> = pages.iter().map(|p| p.path(&rendition.ledger)).collect();
        let by_path = paths
            .iter()
            .enumerate()
            .map(|(i, p)| (p.clone(), i))
            .collect();
        let made = pages.iter().map(|_| OnceLock::new()).collect();
        OnDemand {
            rendition,
            pages,
            paths,
            by_path,
            made,
            superseded: AtomicBool::new(false),
        }
    }

    /// What the pages are made from (and the derived outputs too).
    pub(crate) fn rendition(&self) -> &Rendition {
        &self.rendition
    }

    /// Whether the site has a page at `path` (`risks/index.html`).
    pub(crate) fn has(&self, path: &str) -> bool {
        self.by_path.contains_key(path)
    }

    /// The page at `path`, made now unless it was made before.
    pub(crate) fn get(&self, path: &str) -> Option<Made> {
        let &i = self.by_path.get(path)?;
        Some(self.make(i).clone())
    }

    fn make(&self, i: usize) -> &Made {
        self.made[i].get_or_init(|| {
            let mut d = Diagnostics::new();
            let cx = self.rendition.context();
            let page = self.pages[i];
            match page.render(&cx, &self.rendition.theme, &self.paths[i], &mut d) {
                Some(html) => Ok(Bytes::from(html.into_bytes())),
                None => Err(d.into_iter().collect()),
            }
        })
    }

    /// Every page, `(path, html)` in page order, made in parallel (those
    /// not made yet). `None` if a page failed (each error once in `d`), or
    /// if this build was superseded before all were made.
    pub(crate) fn all(&self, d: &mut Diagnostics) -> Option<Vec<(String, Bytes)>> {
        let made: Vec<Option<&Made>> = (0..self.pages.len())
            .into_par_iter()
            .map(|i| (!self.is_superseded()).then(|| self.make(i)))
            .collect();
        let mut pages = Vec::with_capacity(made.len());
        let mut errors = Vec::new();
        for (path, made) in self.paths.iter().zip(made) {
            match made? {
                Ok(html) => pages.push((path.clone(), html.clone())),
                Err(failure) => errors.extend(failure.iter().cloned()),
            }
        }
        if errors.is_empty() {
            Some(pages)
        } else {
            d.extend(once_each(errors));
            None
        }
    }

    /// Stops the background pass: a newer build replaced this one.
    pub(crate) fn supersede(&self) {
        self.superseded.store(true, Ordering::Relaxed);
    }

    /// Whether a newer build replaced this one.
    pub(crate) fn is_superseded(&self) -> bool {
        self.superseded.load(Ordering::Relaxed)
    }
}
