//! standin turns a git repository of shift-end notes ("wraps") into a static
//! handoff site: daily briefs, a decision log and a risk register.
//!
//! The code is a pipeline, `config -> content -> ledger -> site -> output`,
//! run by `build`, with the commands around it (`cli`, `new`, `init`,
//! `amend`, `serve`, and `review` for `standin diff`). Each stage owns the
//! data it makes and hands it on. A stage reads what earlier stages made —
//! their types, and accessors on them such as `Config::team_name` — but
//! never calls their processing functions (reading, parsing, rendering,
//! checking); what several stages need lives in the shared modules:
//! `diagnostics` (every stage reports through it), `ids`, `site_dir`,
//! `strict_toml`, `bounded_yaml`, `control_chars`, `xml_text`, `toml_text`,
//! `markup` (the edges of HTML and Markdown text: one scanner per format),
//! `url_policy`, `cache` (what is kept between builds, and its contract),
//! `git` and `fingerprint`. `docs/architecture.md` is the map.
//!
//! Every stage reports problems the same way: it takes
//! `d: &mut Diagnostics` and returns `Option<T>` (`None` when it could not
//! produce its result), or `T` when it always can. Only the output stage
//! differs: it returns `Result<_, output::Failure>`, because a failure must
//! also say what it left in the output directory.

pub(crate) mod amend;
pub(crate) mod bounded_yaml;
pub mod build;
pub(crate) mod cache;
pub mod cli;
pub mod config;
pub mod content;
pub(crate) mod control_chars;
pub mod diagnostics;
pub(crate) mod fingerprint;
pub(crate) mod git;
pub(crate) mod ids;
pub mod init;
pub mod ledger;
pub(crate) mod lint;
pub(crate) mod markup;
pub(crate) mod new;
pub(crate) mod output;
pub(crate) mod review;
pub(crate) mod serve;
pub mod site;
pub mod site_dir;
pub(crate) mod strict_toml;
pub mod timings;
pub(crate) mod toml_text;
pub(crate) mod url_policy;
pub(crate) mod xml_text;
