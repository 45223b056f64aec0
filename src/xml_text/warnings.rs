//! Warnings for characters XML 1.0 does not allow (see [`crate::xml_text`]):
//! one of them in a title or body would make every feed that carries it
//! unreadable, so feeds and the sitemap leave them out, and `check` says
//! where they came from.

use std::ops::Range;

use super::{has_illegal, is_xml_char};
use crate::diagnostics::{Code, Diagnostic, SourceFile};
use crate::strict_toml::Table;

/// A warning for every run of characters XML does not allow written in
/// `file`.
pub(crate) fn in_text(file: &SourceFile) -> Vec<Diagnostic> {
    let text: &str = &file.text;
    if !has_illegal(text) {
        return Vec::new();
    }
    runs(text)
        .into_iter()
        .map(|run| written(file, run))
        .collect()
}

/// A warning for every string in the front matter `table` whose escapes
/// (`"\u000B"`) make a character XML does not allow. Characters written
/// as they are were reported by [`in_text`].
pub(crate) fn in_strings(table: &Table, file: &SourceFile) -> Vec<Diagnostic> {
    table
        .strings_where(has_illegal)
        .into_iter()
        .filter(|(_, span)| !file.text.get(span.clone()).is_some_and(has_illegal))
        .map(|(value, span)| escaped(file, &value, span))
        .collect()
}

/// Warnings for one string `value` written at `span` of `file` (the
/// site's title): each run of characters XML does not allow written in
/// it, or the escapes that make them.
pub(crate) fn in_value(file: &SourceFile, value: &str, span: Range<usize>) -> Vec<Diagnostic> {
    if !has_illegal(value) {
        return Vec::new();
    }
    match file.text.get(span.clone()).filter(|text| has_illegal(text)) {
        Some(text) => runs(text)
            .into_iter()
            .map(|run| written(file, span.start + run.start..span.start + run.end))
            .collect(),
        None => vec![escaped(file, value, span)],
    }
}

/// The warning for a run of characters XML does not allow at `run`.
fn written(file: &SourceFile, run: Range<usize>) -> Diagnostic {
    let text = &file.text[run.clone()];
    let first = text.chars().next().unwrap_or_default();
    let count = text.chars().count();
    let what = if count == 1 {
        format!(
            "{} is not allowed in XML: feeds and the sitemap leave it out",
            describe(first)
        )
    } else {
        format!(
            "{count} characters from {} on are not allowed in XML: feeds and the sitemap leave them out",
            describe(first)
        )
    };
    Diagnostic::new(Code::IllegalCharacter, what)
        .at(file, run)
        .with_help("delete it; most editors do not show it (it often comes pasted from a terminal)")
}

/// The warning for a TOML string at `span` whose escapes make `value`
/// hold a character XML does not allow.
fn escaped(file: &SourceFile, value: &str, span: Range<usize>) -> Diagnostic {
    let first = value.chars().find(|c| !is_xml_char(*c)).unwrap_or_default();
    Diagnostic::new(
        Code::IllegalCharacter,
        format!(
            "an escape in this text makes {}, which XML does not allow: feeds leave it out",
            describe(first)
        ),
    )
    .at(file, span)
    .with_help(format!(
        "remove the escape that writes it (`\\u{:04X}` or the like)",
        u32::from(first)
    ))
}

/// A warning for an escape at `span` of `file` (a TOML `\u000B`, a
/// Markdown `&#11;`) that makes characters XML does not allow.
pub(crate) fn made_by_escape(file: &SourceFile, span: Range<usize>) -> Diagnostic {
    Diagnostic::new(
        Code::IllegalCharacter,
        "an escape here makes a character XML does not allow: feeds leave it out",
    )
    .at(file, span)
    .with_help("remove the escape (a control character shows nothing anyway)")
}

/// Byte ranges of the runs of characters XML does not allow in `text`.
fn runs(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for (i, c) in text.char_indices().filter(|(_, c)| !is_xml_char(*c)) {
        match out.last_mut() {
            Some(run) if run.end == i => run.end = i + c.len_utf8(),
            _ => out.push(i..i + c.len_utf8()),
        }
    }
    out
}

/// `U+000B (a control character)`
fn describe(c: char) -> String {
    let kind = if c.is_control() {
        "a control character"
    } else {
        "a noncharacter"
    };
    format!("U+{:04X} ({kind})", u32::from(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_warning_per_run() {
        let file = SourceFile::new("w.md", "a\u{B}\u{1}b\nc \u{FFFF}\n");
        let found: Vec<_> = in_text(&file)
            .iter()
            .map(|d| {
                (
                    d.line_column().unwrap(),
                    d.location.as_ref().unwrap().span.clone(),
                )
            })
            .collect();
        assert_eq!(found, [((1, 2), Some(1..3)), ((2, 3), Some(7..10))]);
        assert!(in_text(&SourceFile::new("w.md", "clean\ttext\r\n")).is_empty());
    }
}
