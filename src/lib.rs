//! standin turns a git repository of shift-end notes ("wraps") into a static
//! handoff site: daily briefs, a decision log and a risk register.
//!
//! The code is a pipeline — `content -> ledger -> site -> output` — with
//! `cli` and `serve` around it. Each stage owns its data and never calls back
//! into an earlier one; `diagnostics` is shared by all of them.

pub mod build;
pub mod cli;
pub mod config;
pub mod content;
pub(crate) mod controls;
pub mod diagnostics;
pub(crate) mod fingerprint;
pub(crate) mod ids;
pub mod init;
pub mod layout;
pub mod ledger;
pub(crate) mod new;
pub(crate) mod output;
pub(crate) mod serve;
pub mod site;
pub(crate) mod strict_toml;
pub(crate) mod toml_text;
