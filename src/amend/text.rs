//! A wrap's file around its front matter: opened for `toml_edit`, and put
//! back together with every byte the edit did not touch as it was.

use std::ops::Range;

use chrono::{DateTime, FixedOffset};
use toml_edit::{Datetime, DocumentMut, Item, Value};

use crate::content::front_matter;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceFile};

/// A wrap's text, split for editing its front matter.
#[derive(Debug)]
pub(super) struct Opened {
    /// `+++` and its line ending.
    head: String,
    /// The closing `+++` line and the body.
    tail: String,
    /// The front matter was written with CRLF line endings (`toml_edit`
    /// writes LF: they are put back).
    crlf: bool,
}

impl Opened {
    /// Splits `file` and parses its front matter for editing. `None` (in
    /// `d`) if it has none, if it is not TOML, or if `toml_edit` could not
    /// write it back exactly as it is: then nothing is edited, rather than
    /// a line the writer did not ask to change.
    pub(super) fn open(file: &SourceFile, d: &mut Diagnostics) -> Option<(Opened, DocumentMut)> {
        let split = front_matter::split(file, d)?;
        let start = split.front_matter_offset;
        let end = start + split.front_matter.len();
        let crlf = split.front_matter.contains("\r\n");
        let front_matter = if crlf {
            split.front_matter.replace("\r\n", "\n")
        } else {
            split.front_matter.to_string()
        };
        let doc = match front_matter.parse::<DocumentMut>() {
            Ok(doc) => doc,
            Err(error) => {
                let span = error
                    .span()
                    .map_or(start..end, |s| start + s.start..start + s.end);
                let span = if crlf { start..end } else { span };
                d.push(
                    Diagnostic::new(
                        Code::TomlSyntax,
                        format!("the front matter is not valid TOML: {}", error.message()),
                    )
                    .at(file, span)
                    .with_help("fix it first (`standin check` says how), then try again"),
                );
                return None;
            }
        };
        if doc.to_string() != front_matter {
            d.push(
                Diagnostic::new(
                    Code::TomlSyntax,
                    "this front matter cannot be edited without rewriting lines of it",
                )
                .at(file, start..end)
                .with_help("add the line by hand in your editor"),
            );
            return None;
        }
        let opened = Opened {
            head: file.text[..start].to_string(),
            tail: file.text[end..].to_string(),
            crlf,
        };
        Some((opened, doc))
    }

    /// The whole text with `doc` as its front matter, and where the front
    /// matter lies in it.
    pub(super) fn close(&self, doc: &DocumentMut) -> (String, Range<usize>) {
        let mut front_matter = doc.to_string();
        if self.crlf {
            front_matter = front_matter.replace('\n', "\r\n");
        }
        let start = self.head.len();
        let end = start + front_matter.len();
        (
            format!("{}{front_matter}{}", self.head, self.tail),
            start..end,
        )
    }
}

/// Moves `date` on to `to` (given in the offset the wrap is written in),
/// keeping how it is written: with its offset or without, and any comment
/// after it. The end of a shift that is still on is at least now. Returns
/// the new date as written; `None` if `date` is not a date and time.
pub(super) fn move_date(doc: &mut DocumentMut, to: DateTime<FixedOffset>) -> Option<String> {
    let Some(Item::Value(value)) = doc.get_mut("date") else {
        return None;
    };
    let written = value.as_datetime()?;
    written.time?;
    let text = if written.offset.is_some() {
        to.format("%Y-%m-%dT%H:%M:%S%:z").to_string()
    } else {
        to.format("%Y-%m-%dT%H:%M:%S").to_string()
    };
    let moved: Datetime = text.parse().ok()?;
    let decor = value.decor().clone();
    *value = Value::from(moved);
    *value.decor_mut() = decor;
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(text: &str) -> (Opened, DocumentMut) {
        let file = SourceFile::new("w.md", text);
        Opened::open(&file, &mut Diagnostics::new()).unwrap()
    }

    #[test]
    fn an_untouched_document_closes_to_the_same_bytes() {
        for text in [
            "+++\na = 1 # one\n\n# c\n[t]\nb = 2\n+++\nbody\n",
            "+++\r\na = 1 # one\r\n# c\r\n+++\r\nbody\r\n",
        ] {
            let (opened, doc) = open(text);
            let (closed, range) = opened.close(&doc);
            assert_eq!(closed, text);
            assert!(closed[range].starts_with("a = 1"));
        }
    }

    #[test]
    fn crlf_is_kept_in_what_is_added() {
        let (opened, mut doc) = open("+++\r\na = 1\r\n+++\r\n");
        doc.insert("b", toml_edit::value(2));
        assert_eq!(opened.close(&doc).0, "+++\r\na = 1\r\nb = 2\r\n+++\r\n");
    }

    #[test]
    fn broken_toml_is_not_edited() {
        let file = SourceFile::new("w.md", "+++\na = \n+++\n");
        let mut d = Diagnostics::new();
        assert!(Opened::open(&file, &mut d).is_none());
        assert!(d.iter().any(|x| x.code == Code::TomlSyntax), "{d:?}");
    }

    #[test]
    fn the_date_moves_as_it_is_written() {
        let to = DateTime::parse_from_rfc3339("2026-11-20T12:40:00+09:00").unwrap();
        let (opened, mut doc) = open("+++\ndate = 2026-11-20T10:02:00+09:00   # end\n+++\n");
        assert_eq!(
            move_date(&mut doc, to).as_deref(),
            Some("2026-11-20T12:40:00+09:00")
        );
        assert_eq!(
            opened.close(&doc).0,
            "+++\ndate = 2026-11-20T12:40:00+09:00   # end\n+++\n"
        );
        let (_, mut doc) = open("+++\ndate = 2026-11-20T10:02:00\n+++\n");
        assert_eq!(
            move_date(&mut doc, to).as_deref(),
            Some("2026-11-20T12:40:00")
        );
        let (_, mut doc) = open("+++\ndate = 2026-11-20\n+++\n");
        assert_eq!(move_date(&mut doc, to), None);
    }
}
