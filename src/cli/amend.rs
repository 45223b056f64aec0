//! `standin ack` and `standin ask`: one line into your wrap of this shift,
//! from the command line (see [`crate::amend`]).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::new::parse_time;
use super::{check_file, counts, site_root};
use crate::amend::{self, AckEdit, Addition, AmendOptions, Amended, Done};
use crate::build;
use crate::diagnostics::{Diagnostics, Format, render_to_stderr};
use crate::new::ShiftEnd;
use crate::site_dir::SiteDir;

#[derive(Debug, Args)]
pub(super) struct AckArgs {
    /// The ask's id, as the briefs and `standin new` show it
    /// (`kenji-1120-a7f`).
    id: String,
    /// What you did with it: `taken`, `taken by @NAME`, `done`, `declined`
    /// or `handed on to WHO`, then `: a note` if you like (quotes
    /// optional).
    #[arg(required = true, value_name = "VERB[: NOTE]")]
    verb: Vec<String>,
    #[command(flatten)]
    writer: WriterArgs,
}

#[derive(Debug, Args)]
pub(super) struct AskArgs {
    /// The ask, addressed as in `next`: `billing: …` (a team), `@jonas …`
    /// (a person), `everyone: …`, or nothing for your own team's next
    /// shift (quotes optional).
    #[arg(required = true, value_name = "TEXT")]
    text: Vec<String>,
    #[command(flatten)]
    writer: WriterArgs,
}

/// Who writes, when, where: as for `standin new`.
#[derive(Debug, Args)]
struct WriterArgs {
    /// The site directory (holding standin.toml) [default: the nearest
    /// folder with a standin.toml, from here up].
    #[arg(long, value_name = "DIR")]
    site: Option<PathBuf>,
    /// Your handle [default: $STANDIN_AUTHOR, else git's user.name].
    #[arg(long, value_name = "NAME")]
    author: Option<String>,
    /// The time: `18:00` (today), `2026-11-20T18:00` (both in your team's
    /// zone) or with an offset [default: now]. It picks the shift, and
    /// dates a wrap made for it.
    #[arg(long, value_name = "TIME", value_parser = parse_time)]
    at: Option<ShiftEnd>,
}

pub(super) fn run_ack(args: AckArgs) -> ExitCode {
    let addition = Addition::Ack {
        id: args.id,
        value: args.verb.join(" "),
    };
    run(args.writer, addition)
}

pub(super) fn run_ask(args: AskArgs) -> ExitCode {
    let addition = Addition::Ask {
        text: args.text.join(" "),
    };
    run(args.writer, addition)
}

/// Adds the line, then checks the site as `standin check` does and says
/// what to commit.
fn run(writer: WriterArgs, addition: Addition) -> ExitCode {
    let site = SiteDir::new(site_root(writer.site));
    let options = AmendOptions {
        site: site.clone(),
        author: writer.author,
        at: writer.at,
    };
    let command = match addition {
        Addition::Ack { .. } => "ack",
        Addition::Ask { .. } => "ask",
    };
    let mut d = Diagnostics::new();
    let Some(amended) = amend::amend(&options, &addition, &mut d) else {
        render_to_stderr(&d, Format::Human);
        // A quoted line may be one of the edit, which is not on disk.
        let quoted = d.iter().any(|x| x.location.is_some());
        let how = if quoted {
            "; the lines quoted are as they would have been"
        } else {
            ""
        };
        eprintln!("standin {command}: nothing was written{how}");
        return ExitCode::FAILURE;
    };
    println!("{}", amended.path.display());
    eprintln!("standin: {}", said(&addition, &amended));
    if let Some(date) = &amended.date_moved {
        eprintln!("standin: `date` moved on to {date}: it is the end of your shift, still on");
    }
    check_after(&site, &amended, &addition);
    eprintln!(
        "standin: commit it when your shift ends (until then, `standin ack` and `standin ask` add to it):\n  git add {path} && git commit -m \"wrap\"",
        path = shell_word(&amended.path.display().to_string()),
    );
    ExitCode::SUCCESS
}

/// What was written, in one line.
fn said(addition: &Addition, amended: &Amended) -> String {
    let what = match (addition, &amended.done) {
        (Addition::Ack { id, value }, Done::Ack(AckEdit::Replaced { was })) => {
            format!("{id} was \"{was}\"; now \"{value}\"")
        }
        (Addition::Ack { id, value }, Done::Ack(AckEdit::Uncommented)) => {
            format!("acknowledged {id}: \"{value}\" (the scaffold's line for it, uncommented)")
        }
        (Addition::Ack { id, value }, _) => format!("acknowledged {id}: \"{value}\""),
        (Addition::Ask { text }, _) => format!("handed over \"{text}\""),
    };
    let whose = if amended.created {
        "a new wrap: none of yours was open for this shift"
    } else {
        "your wrap of this shift"
    };
    format!("{what}, in {} ({whose})", amended.path.display())
}

/// Runs `standin check` on the site: shows the problems of this wrap, and
/// counts the rest. For an ask, says the id it got.
fn check_after(site: &SiteDir, amended: &Amended, addition: &Addition) {
    let (checked, here, elsewhere) = check_file(site, &amended.path);
    render_to_stderr(&here, Format::Human);
    let counts = counts(&checked);
    let others = match elsewhere {
        0 => String::new(),
        n => format!(" ({n} in other files: `standin check` shows them)"),
    };
    eprintln!(
        "standin check: {counts}{}{others}",
        checked.diagnostics.summary()
    );
    if let (Addition::Ask { .. }, Some(id)) = (addition, new_ask_id(&checked, site, &amended.path))
    {
        eprintln!(
            "standin: the ask's id is {id}: its receiver acknowledges it with `standin ack {id} taken`"
        );
    }
}

/// The id of the last ask of the wrap at `path`, when the site checked
/// without errors.
fn new_ask_id(checked: &build::Checked, site: &SiteDir, path: &Path) -> Option<String> {
    let (_, ledger) = checked.site.as_ref()?;
    let relative = site.relative(path);
    ledger
        .handover
        .items
        .iter()
        .filter(|item| ledger.wraps[item.wrap.0].wrap.file.site_path == relative)
        .max_by_key(|item| item.ask)
        .map(|item| item.id.to_string())
}

/// `text` as one word for a POSIX shell: as it is when that is safe,
/// else in single quotes.
fn shell_word(text: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._-+:@%,".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        return text.to_string();
    }
    format!("'{}'", text.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_quoted_for_the_shell_only_when_needed() {
        assert_eq!(
            shell_word("wraps/2026/11/20/ana-1742.md"),
            "wraps/2026/11/20/ana-1742.md"
        );
        assert_eq!(shell_word("my site/w.md"), "'my site/w.md'");
        assert_eq!(shell_word("it's.md"), r"'it'\''s.md'");
    }
}
