//! `standin diff --format text`: one line a change, in colour on a
//! terminal; the problems the change brings as `check` prints them.

use std::io::Write;

use codespan_reporting::term::termcolor::{Buffer, Color, ColorSpec, WriteColor};

use super::words::{Tone, sections};
use super::{checks_tally, tally};
use crate::control_chars;
use crate::diagnostics::write_human;
use crate::review::Review;

pub(super) fn render(review: &Review, color: bool) -> String {
    let mut out = if color {
        Buffer::ansi()
    } else {
        Buffer::no_color()
    };
    let _ = write(review, &mut out);
    String::from_utf8_lossy(out.as_slice()).into_owned()
}

fn write(review: &Review, out: &mut Buffer) -> std::io::Result<()> {
    writeln!(
        out,
        "What this change does to the handover, against {}",
        review.base
    )?;
    for section in sections(review) {
        writeln!(out)?;
        out.set_color(ColorSpec::new().set_bold(true))?;
        writeln!(out, "{}", section.title)?;
        out.reset()?;
        for line in &section.lines {
            write!(out, "  ")?;
            out.set_color(&tone(line.tone))?;
            write!(out, "{}", control_chars::escape(&line.verb, &[]))?;
            out.reset()?;
            if let Some(id) = &line.id {
                write!(out, " {}", control_chars::escape(id, &[]))?;
            }
            write!(
                out,
                ": {}{}",
                control_chars::escape(&line.text, &[]),
                control_chars::escape(&line.rest, &[])
            )?;
            if let Some(place) = &line.place {
                let at = place.line.map(|l| format!(":{l}")).unwrap_or_default();
                out.set_color(ColorSpec::new().set_dimmed(true))?;
                write!(out, "  {}{at}", control_chars::escape(&place.file, &[]))?;
                out.reset()?;
            }
            writeln!(out)?;
        }
    }
    let findings = &review.findings;
    if !findings.introduced.is_empty() {
        writeln!(out)?;
        out.set_color(ColorSpec::new().set_bold(true))?;
        writeln!(out, "Problems this change brings")?;
        out.reset()?;
        write_human(&findings.introduced, out);
    }
    if !findings.fixed.is_empty() {
        writeln!(out)?;
        out.set_color(ColorSpec::new().set_bold(true))?;
        writeln!(out, "Problems this change fixes")?;
        out.reset()?;
        for fixed in &findings.fixed {
            let file = fixed.file_path().unwrap_or("standin.toml");
            writeln!(
                out,
                "  {}[{}] {}: {}",
                fixed.level,
                fixed.code.as_str(),
                control_chars::escape(file, &[]),
                control_chars::escape(&fixed.message, &[])
            )?;
        }
    }
    writeln!(out)?;
    writeln!(
        out,
        "standin diff: {}; {}",
        tally(review),
        checks_tally(review)
    )
}

fn tone(tone: Tone) -> ColorSpec {
    let mut spec = ColorSpec::new();
    match tone {
        Tone::Alarm => spec.set_fg(Some(Color::Red)).set_bold(true),
        Tone::Added => spec.set_fg(Some(Color::Green)),
        Tone::Changed => spec.set_fg(Some(Color::Yellow)),
        Tone::Closed => spec.set_fg(Some(Color::Cyan)),
        Tone::Removed => spec.set_fg(Some(Color::Magenta)),
    };
    spec
}
