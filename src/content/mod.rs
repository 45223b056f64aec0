//! The content stage: find the site's files, read them, parse each on its
//! own (in parallel). Nothing here looks across files; that is the ledger's.

pub(crate) mod ack;
pub(crate) mod ask;
mod cache;
pub(crate) mod datetime;
pub(crate) mod decision;
pub mod decision_record;
pub(crate) mod front_matter;
pub(crate) mod incident;
pub(crate) mod line_links;
pub(crate) mod linked_files;
pub mod markdown;
pub(crate) mod pager;
pub(crate) mod risk;
pub(crate) mod secrets;
mod shared_keys;
pub(crate) mod shift_state;
pub(crate) mod tag_filter;
mod team_offset;
pub mod wrap;
mod wrap_file;

use std::sync::Arc;

use crate::config::Config;
use crate::diagnostics::Diagnostics;
use crate::site_dir::SiteDir;
#[doc(hidden)]
pub use ask::{GeneratedId, generated};
pub(crate) use cache::{Changes, ContentCache};
pub use decision_record::DecisionRecord;
pub(crate) use linked_files::LinkedFiles;
pub use wrap::Wrap;

/// Everything parsed from a site's files.
#[derive(Debug, Default)]
pub(crate) struct Content {
    /// Every wrap, drafts and untouched scaffolds included, in path order. Shared, so a cache can
    /// keep them between builds.
    pub wraps: Vec<Arc<Wrap>>,
    /// Every decision record, in path order.
    pub records: Vec<Arc<DecisionRecord>>,
    /// False when some file could not be parsed at all; the ledger then
    /// holds back "unknown id" errors that may only be echoes of it.
    pub complete: bool,
}

/// Reads and parses every wrap and decision record of a site, in parallel.
pub(crate) fn load(site: &SiteDir, config: &Config, d: &mut Diagnostics) -> Content {
    ContentCache::default().load(site, config, Changes::Unknown, d)
}

/// Looks at what the relative links and images of every body lead to on
/// disk, warning about those that lead to nothing or through a symlink.
/// Run on every build, cached content or not: a linked file may appear or
/// vanish while no Markdown changes.
pub(crate) fn survey_links(site: &SiteDir, content: &Content, d: &mut Diagnostics) -> LinkedFiles {
    linked_files::survey(site, &content.wraps, &content.records, d)
}
