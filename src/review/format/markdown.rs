//! `standin diff --format markdown`: a pull request comment, read in under
//! a minute. Grouped as a hand-over is read (incidents first); in each
//! group what needs a reviewer's eye first, then the first few changes,
//! the rest folded in `<details>`. Text from wraps is shown literally: no
//! Markdown of its own, no link, no `@mention` that would notify anyone.

use super::words::{Line, Section, Tone, count, sections};
use super::{checks_tally, tally};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::review::Review;
use crate::site::chat::{code_span, escape_markdown};

/// The first line: how a CI job finds its own comment to update.
pub(crate) const MARKER: &str = "<!-- standin diff -->";

/// Changes shown in a group before the rest is folded.
const SHOWN: usize = 3;

/// Characters of a change's text, and of what follows it, shown: the
/// rest is in the wrap.
const TEXT: usize = 80;

/// Problems shown before the rest is folded.
const SHOWN_PROBLEMS: usize = 10;

pub(super) fn render(review: &Review) -> String {
    let mut out = format!("{MARKER}\n### What this change does to the handover\n\n");
    out.push_str(&format!(
        "Against {}: {}; {}.\n",
        code_span(&review.base),
        tally(review),
        checks_tally(review)
    ));
    if review.is_empty() {
        out.push_str("\nNothing changes: no wrap, ask, risk, decision, incident or pager hand-over, and no new problem.\n");
        return out;
    }
    let introduced = &review.findings.introduced;
    if !introduced.is_empty() {
        out.push_str("\n**Problems this change brings**\n\n");
        problems(&mut out, introduced, "problems");
    }
    for section in sections(review) {
        group(&mut out, &section);
    }
    let fixed = &review.findings.fixed;
    if !fixed.is_empty() {
        out.push_str(&format!(
            "\n<details><summary>{} fixed</summary>\n\n",
            count(fixed.len(), "problem")
        ));
        for diagnostic in fixed {
            out.push_str(&problem(diagnostic));
        }
        out.push_str("\n</details>\n");
    }
    out
}

/// A group: its alarms and first lines, then the rest folded.
fn group(out: &mut String, section: &Section) {
    out.push_str(&format!("\n**{}**\n\n", section.title));
    // Wraps are the least news: only alarms are shown unfolded.
    let shown = if section.title == "Wraps" {
        section
            .lines
            .iter()
            .filter(|l| l.tone == Tone::Alarm)
            .count()
    } else {
        section.lines.len().min(SHOWN).max(
            section
                .lines
                .iter()
                .filter(|l| l.tone == Tone::Alarm)
                .count(),
        )
    };
    let (first, rest) = section.lines.split_at(shown);
    for line in first {
        out.push_str(&item(line));
    }
    if !rest.is_empty() {
        let what = count(rest.len(), section.noun);
        let summary = if first.is_empty() {
            what
        } else {
            what.replacen(' ', " more ", 1)
        };
        out.push_str(&format!("<details><summary>{summary}</summary>\n\n"));
        for line in rest {
            out.push_str(&item(line));
        }
        out.push_str("\n</details>\n");
    }
}

fn item(line: &Line) -> String {
    let id = line
        .id
        .as_deref()
        .map(|id| format!(" {}", code_span(id)))
        .unwrap_or_default();
    let alarm = if line.tone == Tone::Alarm { "⚠ " } else { "" };
    format!(
        "- {alarm}**{}**{id}: {}{}\n",
        literal(&line.verb),
        literal(&cut(&line.text, TEXT)),
        literal(&cut(&line.rest, TEXT))
    )
}

fn problems(out: &mut String, diagnostics: &Diagnostics, what: &str) {
    let all: Vec<&Diagnostic> = diagnostics.iter().collect();
    let (first, rest) = all.split_at(all.len().min(SHOWN_PROBLEMS));
    for diagnostic in first {
        out.push_str(&problem(diagnostic));
    }
    if !rest.is_empty() {
        out.push_str(&format!(
            "<details><summary>{} more {what}</summary>\n\n",
            rest.len()
        ));
        for diagnostic in rest {
            out.push_str(&problem(diagnostic));
        }
        out.push_str("\n</details>\n");
    }
}

fn problem(diagnostic: &Diagnostic) -> String {
    let at = match (diagnostic.file_path(), diagnostic.line_column()) {
        (Some(file), Some((line, _))) => format!(" {}", code_span(&format!("{file}:{line}"))),
        (Some(file), None) => format!(" {}", code_span(file)),
        _ => String::new(),
    };
    format!(
        "- **{}** {}{at}: {}\n",
        diagnostic.level,
        diagnostic.code.as_str(),
        literal(&diagnostic.message)
    )
}

/// `text` cut at a word to at most `max` characters, with `…`.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let head: String = text.chars().take(max).collect();
    let at_word = head
        .rfind(' ')
        .filter(|&at| at > max / 2)
        .unwrap_or(head.len());
    format!(
        "{}…",
        head[..at_word].trim_end_matches([' ', ',', ';', ':', '—'])
    )
}

/// Text shown as written: Markdown escaped, control characters written
/// out, and no `@` that notifies (a word joiner after it).
fn literal(text: &str) -> String {
    let text = crate::control_chars::escape(text, &[]);
    escape_markdown(&text).replace('@', "@\u{2060}")
}

#[cfg(test)]
mod tests {
    use super::literal;

    #[test]
    fn long_text_is_cut_at_a_word() {
        assert_eq!(super::cut("short", 10), "short");
        assert_eq!(super::cut("one two three four", 12), "one two…");
        assert_eq!(super::cut("ééééééééé", 4), "éééé…");
    }

    #[test]
    fn text_from_wraps_is_shown_literally_and_mentions_nobody() {
        assert_eq!(
            literal("ping @org/oncall about *this* [x](y)"),
            "ping @\u{2060}org/oncall about \\*this\\* \\[x\\](y)"
        );
        assert_eq!(literal("bell\u{7}"), "bell\\\\u{7}");
    }
}
