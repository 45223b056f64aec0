//! `standin new`: on a terminal it asks four questions; with flags it
//! writes the wrap they describe; with neither (or `--open`) it writes a
//! scaffold to edit. A complete wrap is checked as `standin check` checks
//! it before it is kept.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::{BadFlag, usage_error};
use crate::content::risk::RiskStatus;
use crate::content::shift_state::ShiftState;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Format, render_to_stderr};
use crate::new::{self, Answers, NewOptions, ShiftEnd};
use crate::site_dir::SiteDir;
use crate::strict_toml::Choice;

#[derive(Debug, Args)]
pub(super) struct NewArgs {
    /// The site directory (holding standin.toml) [default: the nearest
    /// folder with a standin.toml, from here up].
    site_dir: Option<PathBuf>,
    /// Your handle [default: $STANDIN_AUTHOR, else git's user.name].
    #[arg(long, value_name = "NAME")]
    author: Option<String>,
    /// Your team, whose zone gives the time's offset [default: your team
    /// in [people], else the team of your last wrap].
    #[arg(long, value_name = "TEAM")]
    team: Option<String>,
    /// End of the shift: `18:00` (today), `2026-11-20T18:00` (both in your
    /// team's zone) or with an offset [default: now, in your team's zone].
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    at: Option<ShiftEnd>,
    /// Write the scaffold and open it in $VISUAL or $EDITOR (no questions).
    #[arg(long)]
    open: bool,
    /// Never ask: write the wrap the flags describe, or fail saying what
    /// is missing.
    #[arg(long)]
    no_input: bool,
    /// The one-line summary for the daily brief.
    #[arg(short = 'm', long, value_name = "TEXT")]
    summary: Option<String>,
    /// Something done this shift (repeat for each).
    #[arg(long, value_name = "TEXT")]
    done: Vec<String>,
    /// An ask to hand over: `billing: TEXT`, `@person TEXT`, `everyone: TEXT`
    /// or just TEXT for your team (repeat for each).
    #[arg(long, value_name = "ASK")]
    next: Vec<String>,
    /// Acknowledge an ask: `ID=taken`, `ID=done: note`, `ID=declined: why`,
    /// `ID=handed on to @dan` (repeat for each).
    #[arg(long, value_name = "ID=VERB", value_parser = parse_ack)]
    ack: Vec<new::AckAnswer>,
    /// Hand your team's pager to this person.
    #[arg(long, value_name = "NAME")]
    pager: Option<String>,
    /// How things stand at the end of your shift.
    #[arg(long, value_name = "STATE", value_parser = parse_state)]
    state: Option<ShiftState>,
    /// Update one of your risks: `ID=open|mitigating|resolved|accepted`
    /// (repeat for each).
    #[arg(long, value_name = "ID=STATUS", value_parser = parse_risk)]
    risk: Vec<(String, RiskStatus)>,
}

impl NewArgs {
    fn answers(&self) -> Answers {
        Answers {
            summary: self.summary.clone(),
            done: self.done.clone(),
            next: self.next.clone(),
            acks: self.ack.clone(),
            pager: self.pager.clone(),
            state: self.state,
            risks: self.risk.clone(),
        }
    }
}

pub(super) fn run(args: NewArgs) -> ExitCode {
    let options = NewOptions {
        site: SiteDir::new(super::site_root(args.site_dir.clone())),
        author: args.author.clone(),
        team: args.team.clone(),
        at: args.at,
        answers: args.answers(),
    };
    let mut d = Diagnostics::new();
    let Some(prepared) = new::prepare(&options, &mut d) else {
        render_to_stderr(&d, Format::Human);
        return ExitCode::FAILURE;
    };
    let terminal = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let mut answers = options.answers.clone();
    if terminal && !args.open && !args.no_input {
        answers = match new::ask_prompts(answers, &prepared.offer()) {
            Ok(answers) => answers,
            Err(stopped) => {
                eprintln!("standin new: stopped ({stopped}); nothing was written");
                return ExitCode::from(130);
            }
        };
        if answers.is_empty() {
            eprintln!(
                "standin new: nothing was said, so nothing was written; `standin new --open` writes in an editor"
            );
            return ExitCode::FAILURE;
        }
    }
    if args.no_input && answers.summary.is_none() && answers.done.is_empty() {
        d.push(
            Diagnostic::new(Code::BadValue, "`--no-input` needs something to say")
                .with_help("give `-m \"one-line summary\"` or `--done \"what you did\"`"),
        );
        return usage_error(&d);
    }
    let complete = !answers.is_empty();
    let written = prepared
        .finish(answers, &mut d)
        .and_then(|scaffold| new::write(&scaffold, &mut d).map(|()| scaffold));
    let Some(scaffold) = written else {
        render_to_stderr(&d, Format::Human);
        return ExitCode::FAILURE;
    };
    if complete && !checked(&options.site, &scaffold.path) {
        return ExitCode::FAILURE;
    }
    println!("{}", scaffold.path.display());
    if args.open {
        return open_in_editor(&scaffold.path);
    }
    if complete {
        let shown = scaffold
            .path
            .strip_prefix(std::env::current_dir().unwrap_or_default())
            .unwrap_or(&scaffold.path);
        let name = scaffold
            .path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy();
        eprintln!(
            "standin new: checked; to hand it over:\n  git add {} && git commit -m \"Wrap {name}\"",
            shown.display()
        );
    }
    ExitCode::SUCCESS
}

/// Checks the site as `standin check` does and prints what it says of the
/// wrap at `path`; a wrap with errors is removed (`false`), so nothing
/// broken is left behind.
fn checked(site: &SiteDir, path: &Path) -> bool {
    let (_, own, _) = super::check_file(site, path);
    render_to_stderr(&own, Format::Human);
    if own.has_errors() {
        let _ = std::fs::remove_file(path);
        eprintln!("standin new: the wrap was not kept: fix what is said above and run it again");
        return false;
    }
    true
}

/// Runs `$VISUAL` or `$EDITOR` through the shell, as git does, so editor
/// commands with arguments (`code --wait`) work.
fn open_in_editor(path: &Path) -> ExitCode {
    let Some(editor) = ["VISUAL", "EDITOR"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|e| !e.trim().is_empty()))
    else {
        eprintln!(
            "standin: set $VISUAL or $EDITOR to open the wrap (it is written at {})",
            path.display()
        );
        return ExitCode::FAILURE;
    };
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(path)
        .status();
    match status {
        Ok(status) if status.success() => ExitCode::SUCCESS,
        Ok(status) => {
            eprintln!("standin: the editor exited with {status}");
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("standin: cannot start the editor `{editor}`: {error}");
            ExitCode::FAILURE
        }
    }
}

pub(super) fn parse_time(text: &str) -> Result<ShiftEnd, BadFlag> {
    ShiftEnd::parse(text).ok_or_else(|| {
        BadFlag::new(
            text,
            "a time",
            "18:00 (today, in your team's zone), 2026-11-20T18:00, or 2026-11-20T18:00:00+09:00",
        )
    })
}

fn parse_ack(text: &str) -> Result<new::AckAnswer, BadFlag> {
    Answers::parse_ack(text).ok_or_else(|| {
        BadFlag::new(
            text,
            "an acknowledgement",
            "ID=taken, ID=done: note, ID=declined: why or ID=handed on to @name",
        )
    })
}

fn parse_risk(text: &str) -> Result<(String, RiskStatus), BadFlag> {
    Answers::parse_risk(text).ok_or_else(|| {
        BadFlag::new(
            text,
            "a risk update",
            "ID=open, ID=mitigating, ID=resolved or ID=accepted",
        )
    })
}

fn parse_state(text: &str) -> Result<ShiftState, BadFlag> {
    ShiftState::from_name(text)
        .ok_or_else(|| BadFlag::new(text, "a state", "stable, watch or unstable"))
}
