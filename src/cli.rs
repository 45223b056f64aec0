//! The command line: `standin build`, `standin check`, ...

mod amend;
mod brief;
mod diff;
mod new;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use clap::{Args, Parser, Subcommand};

use crate::build::{self, BuildOptions};
use crate::config::normalize_base_url;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Format, render_to_stderr};
use crate::ledger::AsOf;
use crate::output::Left;
use crate::site_dir::{OUTPUT_DIR, SiteDir, discover};

/// Turns a repository of shift-end notes into a handoff site.
#[derive(Debug, Parser)]
#[command(name = "standin", version, about, propagate_version = true)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into an output directory (nothing is written if there are errors).
    Build(BuildArgs),
    /// Report every problem in the site's wraps and decisions; writes nothing.
    Check(CheckArgs),
    /// Start a new wrap: author, time, team, your open risks and the previous shift's asks filled in.
    New(new::NewArgs),
    /// Create a new site: standin.toml, a first wrap, a CI workflow and a .gitignore.
    Init(InitArgs),
    /// Preview while writing: build, serve, rebuild on every save, reload the browser.
    Serve(ServeArgs),
    /// Print the day's brief as a short chat message (text, Markdown or a Slack webhook body).
    Brief(brief::BriefArgs),
    /// Acknowledge an ask in your wrap of this shift (made if there is none): `standin ack ID done: note`.
    Ack(amend::AckArgs),
    /// Hand over an ask in your wrap of this shift (made if there is none): `standin ask "billing: TEXT"`.
    Ask(amend::AskArgs),
    /// What a change does to the handover, against a git revision: for pull request review.
    Diff(diff::DiffArgs),
}

#[derive(Debug, Args)]
struct ServeArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// Address to listen on; other machines can reach it only if you say so.
    #[arg(long, default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Open the site in a browser.
    #[arg(long)]
    open: bool,
    /// Poll for changes instead of using file system events (network
    /// mounts, containers, WSL).
    #[arg(long)]
    poll: bool,
}

#[derive(Debug, Args)]
struct InitArgs {
    /// Where to create the site.
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// The author of the first wrap [default: $STANDIN_AUTHOR, else git's
    /// user.name, else "you"].
    #[arg(long, value_name = "NAME")]
    author: Option<String>,
}

#[derive(Debug, Args)]
struct SiteArgs {
    /// The site directory (holding standin.toml) [default: the nearest
    /// folder with a standin.toml, from here up].
    site_dir: Option<PathBuf>,
    /// "Now" for the build: on call, ages, staleness and lapses are taken
    /// at it. `2026-11-23` (the end of that day), `2026-11-23T05:00` (in the
    /// site time zone) or `2026-11-23T05:00:00Z`. Default:
    /// $SOURCE_DATE_EPOCH, else the end of the newest wrap's day.
    #[arg(long, value_name = "DATE[THH:MM]", value_parser = parse_as_of)]
    as_of: Option<AsOf>,
}

#[derive(Debug, Args)]
struct BuildArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Output directory [default: SITE_DIR/public].
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Publish under this URL instead of `base_url` (e.g. a preview deployment).
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Print how long each stage took, and the memory used at its peak.
    #[arg(long)]
    timings: bool,
}

#[derive(Debug, Args)]
struct CheckArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// How to print problems.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Fail on warnings too.
    #[arg(long)]
    deny_warnings: bool,
}

/// Parses the command line and runs the command.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => run_build(args),
        Command::Check(args) => run_check(args),
        Command::New(args) => new::run(args),
        Command::Init(args) => run_init(args),
        Command::Serve(args) => run_serve(args),
        Command::Brief(args) => brief::run(args),
        Command::Ack(args) => amend::run_ack(args),
        Command::Ask(args) => amend::run_ask(args),
        Command::Diff(args) => diff::run(args),
    }
}

fn run_serve(args: ServeArgs) -> ExitCode {
    let mut d = Diagnostics::new();
    let Some(options) = build_options(args.site, None, &mut d) else {
        return usage_error(&d);
    };
    let serve = crate::serve::ServeOptions {
        site: options.site,
        bind: args.bind,
        port: args.port,
        open: args.open,
        poll: args.poll,
        as_of: options.as_of,
    };
    let served = crate::serve::run(serve, &mut d);
    render_to_stderr(&d, Format::Human);
    exit_code(served.is_some())
}

fn run_init(args: InitArgs) -> ExitCode {
    // Found as `standin new` finds the writer, so the site's first wrap and
    // its next are signed alike; from git even when DIR does not exist yet.
    let author = crate::new::writer_name(args.author, &args.dir);
    let mut d = Diagnostics::new();
    let Some(written) = crate::init::init(&args.dir, author.as_deref(), &mut d) else {
        render_to_stderr(&d, Format::Human);
        return ExitCode::FAILURE;
    };
    crate::init::print_done(&args.dir, &written, author.is_none());
    ExitCode::SUCCESS
}

/// The options of a command that builds; `None` if the environment gives
/// a bad `SOURCE_DATE_EPOCH` (in `d`).
fn build_options(
    site: SiteArgs,
    base_url: Option<String>,
    d: &mut Diagnostics,
) -> Option<BuildOptions> {
    let as_of = match site.as_of {
        Some(as_of) => as_of,
        None => source_date_epoch(d)?,
    };
    Some(BuildOptions {
        site: SiteDir::new(site_root(site.site_dir)),
        base_url: base_url_flag(base_url, d)?,
        as_of,
    })
}

fn run_build(args: BuildArgs) -> ExitCode {
    let out_dir = args
        .output
        .clone()
        .unwrap_or_else(|| site_root(args.site.site_dir.clone()).join(OUTPUT_DIR));
    let mut d = Diagnostics::new();
    let Some(options) = build_options(args.site, args.base_url.clone(), &mut d) else {
        return usage_error(&d);
    };
    let built = build::build(&options, out_dir);
    render_to_stderr(&built.diagnostics, Format::Human);
    if args.timings {
        for lap in &built.timings {
            eprintln!("standin: {}", lap.line());
        }
    }
    match &built.site {
        Some(site) => {
            if let Some(unwritten) = &site.cache_unwritten {
                eprintln!("standin: warning: {unwritten}");
            }
            let summary = &site.summary;
            let written = site.written;
            let how = if site.nothing_changed {
                "; nothing it reads had changed"
            } else {
                ""
            };
            println!(
                "standin: built {}, {}, {}, {} into {}: {} pages, {} files ({} written, {} unchanged, {} removed{how}) in {:.2} s",
                count(summary.wraps, "wrap"),
                count(summary.briefs, "brief"),
                count(summary.decisions, "decision"),
                count(summary.risks, "risk"),
                built.out_dir.display(),
                summary.pages,
                summary.files,
                written.written,
                written.unchanged,
                written.removed,
                built.elapsed.as_secs_f64(),
            );
            ExitCode::SUCCESS
        }
        _ => {
            let left = match built.left {
                Left::Untouched => format!("{} was left as it was", built.out_dir.display()),
                Left::Incomplete { updated, total } => format!(
                    "the output in {} is incomplete: {updated} of {total} files were updated; the next build repairs it",
                    built.out_dir.display()
                ),
            };
            eprintln!(
                "standin: build failed with {}; {left}",
                built.diagnostics.summary(),
            );
            ExitCode::FAILURE
        }
    }
}

fn run_check(args: CheckArgs) -> ExitCode {
    let mut d = Diagnostics::new();
    let Some(options) = build_options(args.site, None, &mut d) else {
        return usage_error(&d);
    };
    let checked = build::check(&options);
    let d = &checked.diagnostics;
    render_to_stderr(d, args.format);
    let failed = d.has_errors() || (args.deny_warnings && d.warning_count() > 0);
    if args.format == Format::Human {
        eprintln!("standin check: {}{}", counts(&checked), d.summary());
    }
    exit_code(!failed)
}

/// Checks the site as `standin check` does, for a command that just
/// wrote the wrap at `path`: what `check` says of that file, how many
/// problems are elsewhere, and the whole result.
fn check_file(site: &SiteDir, path: &Path) -> (build::Checked, Diagnostics, usize) {
    let mut ignored = Diagnostics::new();
    let as_of = source_date_epoch(&mut ignored).unwrap_or(AsOf::NewestWrap);
    let checked = build::check(&BuildOptions {
        site: site.clone(),
        base_url: None,
        as_of,
    });
    let display = site.display_path(path);
    let mut here = Diagnostics::new();
    let mut elsewhere = 0;
    for diagnostic in &checked.diagnostics {
        if diagnostic.file_path() == Some(display.as_str()) {
            here.push(diagnostic.clone());
        } else {
            elsewhere += 1;
        }
    }
    (checked, here, elsewhere)
}

/// `12 wraps, 3 decisions, 4 risks: ` as `check` counts them (empty when
/// the site could not be read that far).
fn counts(checked: &build::Checked) -> String {
    checked
        .counts()
        .map(|(wraps, decisions, risks)| {
            format!(
                "{}, {}, {}: ",
                count(wraps, "wrap"),
                count(decisions, "decision"),
                count(risks, "risk")
            )
        })
        .unwrap_or_default()
}

fn exit_code(success: bool) -> ExitCode {
    if success {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `1 wrap`, `3 wraps`.
/// The site the user named, else the nearest one from the current folder
/// up; else the current folder (whose missing standin.toml is then
/// reported with a hint).
pub(super) fn site_root(given: Option<PathBuf>) -> PathBuf {
    given.unwrap_or_else(|| discover(Path::new(".")).unwrap_or_else(|| PathBuf::from(".")))
}

fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// Reports a problem with how standin was called (exit status 2).
pub(super) fn usage_error(d: &Diagnostics) -> ExitCode {
    render_to_stderr(d, Format::Human);
    ExitCode::from(2)
}

/// A flag's value standin cannot read: clap prints it with the flag's
/// name, and exits with status 2.
#[derive(Debug)]
pub(super) struct BadFlag {
    /// The value as given.
    text: String,
    /// What it should have been: "a day".
    what: &'static str,
    /// How to write one: "2026-11-20".
    write: &'static str,
}

impl BadFlag {
    pub(super) fn new(text: &str, what: &'static str, write: &'static str) -> Self {
        BadFlag {
            text: text.to_string(),
            what,
            write,
        }
    }
}

impl std::fmt::Display for BadFlag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "`{}` is not {}: write {}",
            self.text, self.what, self.write
        )
    }
}

impl std::error::Error for BadFlag {}

fn parse_as_of(text: &str) -> Result<AsOf, BadFlag> {
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(AsOf::Day(day));
    }
    for format in ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"] {
        if let Ok(local) = NaiveDateTime::parse_from_str(text, format) {
            return Ok(AsOf::LocalTime(local));
        }
    }
    DateTime::parse_from_rfc3339(text)
        .map(|t| AsOf::Instant(t.with_timezone(&Utc)))
        .map_err(|_| {
            BadFlag::new(
                text,
                "a date or time",
                "2026-11-20, 2026-11-20T05:00 (site time zone) or 2026-11-20T05:00:00Z",
            )
        })
}

fn parse_day(text: &str) -> Result<NaiveDate, BadFlag> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| BadFlag::new(text, "a day", "2026-11-20"))
}

/// `--base-url`, normalized; `None` (with the problem in `d`) when it is
/// no URL to publish under. Read here, not by clap, whose message would
/// repeat a password written in it.
fn base_url_flag(raw: Option<String>, d: &mut Diagnostics) -> Option<Option<String>> {
    let Some(raw) = raw else {
        return Some(None);
    };
    match normalize_base_url(&raw) {
        Ok(url) => Some(Some(url)),
        Err(problem) => {
            d.push(
                Diagnostic::new(Code::BadValue, problem.message("--base-url", &raw)).with_help(
                    problem.help("e.g. `--base-url https://example.github.io/handoffs/`"),
                ),
            );
            None
        }
    }
}

/// `SOURCE_DATE_EPOCH` (reproducible builds) fixes "today" when set.
fn source_date_epoch(d: &mut Diagnostics) -> Option<AsOf> {
    let Ok(value) = std::env::var("SOURCE_DATE_EPOCH") else {
        return Some(AsOf::NewestWrap);
    };
    let as_of = value
        .trim()
        .parse::<i64>()
        .ok()
        .and_then(|secs| DateTime::from_timestamp(secs, 0))
        .map(AsOf::Instant);
    if as_of.is_none() {
        d.push(
            Diagnostic::new(
                Code::BadValue,
                format!("SOURCE_DATE_EPOCH=`{value}` is not a Unix timestamp in seconds"),
            )
            .with_help("unset it, or set it to seconds since 1970, e.g. `1795305600`"),
        );
    }
    as_of
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
    }

    #[test]
    fn as_of_accepts_days_and_instants() {
        assert_eq!(
            parse_as_of("2026-11-20").unwrap(),
            AsOf::Day(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap())
        );
        assert!(matches!(
            parse_as_of("2026-11-20T09:00:00+09:00").unwrap(),
            AsOf::Instant(_)
        ));
        assert!(parse_as_of("yesterday").is_err());
    }
}
