//! A site read as far as its ledger, with the diagnostics of every stage
//! up to the pages: what `standin diff` compares, twice, without the cost
//! of rendering.

use std::thread::JoinHandle;

use crate::config::{Config, Lint};
use crate::content;
use crate::diagnostics::Diagnostics;
use crate::git::{self, CommitDates};
use crate::ledger::{AsOf, Ledger};
use crate::site;
use crate::site_dir::SiteDir;

/// A site read up to its ledger.
pub(crate) struct Read {
    /// `None` when standin.toml could not be read.
    pub site: Option<(Config, Ledger)>,
    /// What `check` would say, but for the page pass (which only adds
    /// errors of templates): sorted.
    pub diagnostics: Diagnostics,
}

/// When each file of the site was committed, asked of git on a thread of
/// its own, so that `check` does not wait for it; `None` when the site
/// turns the commit-date lint off.
pub(crate) fn commit_dates_for(
    site: &SiteDir,
    config: &Config,
) -> Option<JoinHandle<Option<CommitDates>>> {
    if !config.lint.on(Lint::CommitDate) {
        return None;
    }
    let root = site.root.clone();
    Some(std::thread::spawn(move || git::commit_dates(&root)))
}

/// Reads the site at `site` as `check` does, up to the ledger and the
/// files it would publish, without rendering a page. `dates` are given
/// by the caller, who asks git once for both sides of a comparison.
pub(crate) fn read(site: &SiteDir, as_of: AsOf, dates: Option<&CommitDates>) -> Read {
    let mut d = Diagnostics::new();
    let Some(config) = Config::load(site, &mut d) else {
        return Read {
            site: None,
            diagnostics: d,
        };
    };
    let content = content::load(site, &config, &mut d);
    let linked = content::survey_links(site, &content, &mut d);
    let ledger = Ledger::build(&config, content, as_of, &mut d);
    site::warn(&config, &ledger, config.base_url.as_deref(), &mut d);
    let dates = dates.filter(|_| config.lint.on(Lint::CommitDate));
    // Every finding: a diff keeps to the lines a change touches.
    crate::lint::warn(&config, &ledger, dates, crate::lint::Scope::All, &mut d);
    // The files a build would publish: their warnings (links, symlinks,
    // secrets in linked files) are check's too.
    site::gather_files(site, &config, &ledger, linked, &mut d);
    d.sort();
    Read {
        site: Some((config, ledger)),
        diagnostics: d,
    }
}
