//! `standin brief`: the day's brief as a chat message.

use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Args;

use super::{SiteArgs, build_options, parse_day, usage_error};
use crate::build;
use crate::diagnostics::{Diagnostics, Format, render_to_stderr};
use crate::site::chat::{ChatFormat, ChatRequest, chat_message};

#[derive(Debug, Args)]
pub(super) struct BriefArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// The brief's day, `2026-11-20` [default: the latest brief, as on the
    /// home page].
    #[arg(long, value_name = "DAY", value_parser = parse_day)]
    date: Option<NaiveDate>,
    /// Only what concerns this team (its key or name): its pager, its asks
    /// and its people's, its risks and decisions [default: everyone].
    #[arg(long, value_name = "TEAM")]
    team: Option<String>,
    /// How to write the message: `slack` is the JSON body of an
    /// incoming-webhook message.
    #[arg(long, value_enum, default_value_t = ChatFormat::Text)]
    format: ChatFormat,
    /// Link to the site published under this URL instead of `base_url`.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
}

/// Prints the brief when the site has no errors. The site is checked as
/// `standin check` checks it (by the same function), so both find the
/// same problems and count them alike; and a site the brief links to is
/// one that builds.
pub(super) fn run(args: BriefArgs) -> ExitCode {
    let mut d = Diagnostics::new();
    // With `--base-url`, the site is checked as it is published there
    // (as `standin build --base-url` builds it).
    let Some(options) = build_options(args.site, args.base_url, &mut d) else {
        return usage_error(&d);
    };
    let checked = build::check(&options);
    let d = &checked.diagnostics;
    let Some((config, ledger)) = &checked.site else {
        // Every problem, warnings with the errors, as `check` prints them.
        render_to_stderr(d, Format::Human);
        eprintln!(
            "standin brief: the site has {}; `standin check` says what to fix",
            d.summary()
        );
        return ExitCode::FAILURE;
    };
    // Warnings are `standin check`'s to list; a message piped to chat
    // gets one line on stderr, with check's count, not the whole list.
    if d.warning_count() > 0 {
        eprintln!(
            "standin brief: the site has {}; run `standin check` for details",
            d.summary()
        );
    }
    let request = ChatRequest {
        day: args.date,
        team: args.team,
        base_url: options.base_url.clone(),
        format: args.format,
    };
    let mut asked = Diagnostics::new();
    match chat_message(config, ledger, &request, &mut asked) {
        Some(message) => {
            print!("{message}");
            ExitCode::SUCCESS
        }
        None => usage_error(&asked),
    }
}
