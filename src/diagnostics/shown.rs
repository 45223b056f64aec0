//! A source file as a terminal is given it: control characters escaped
//! (`\u{1b}`), so that quoting a line cannot act on the terminal, with byte
//! spans mapped from the file to the escaped text so carets still fall
//! under what they point at.

use std::borrow::Cow;
use std::ops::Range;

use codespan_reporting::files::{Error, Files, SimpleFile};

use super::SourceFile;
use crate::controls;

/// Characters that stay as they are in quoted lines and messages: line
/// breaks are the layout, and tabs are expanded by the renderer.
pub(crate) const KEPT: &[char] = &['\n', '\t'];

/// One escaped character: where it is in the file and in the shown text.
#[derive(Debug)]
struct Escape {
    original: Range<usize>,
    shown: Range<usize>,
}

/// A [`SourceFile`] ready for codespan, escaped.
pub(crate) struct Shown<'a> {
    file: &'a SourceFile,
    inner: SimpleFile<String, Cow<'a, str>>,
    /// In file order; empty when nothing needed escaping.
    escapes: Vec<Escape>,
}

impl<'a> Shown<'a> {
    pub(crate) fn new(file: &'a SourceFile) -> Self {
        let text = file.text.as_str();
        let name = controls::escape(&file.path, &[]).into_owned();
        let (shown, escapes) = escape_with_offsets(text);
        Self {
            file,
            inner: SimpleFile::new(name, shown),
            escapes,
        }
    }

    /// A span of the file as a span of the shown text. A bound inside an
    /// escaped character widens to cover all of its escape.
    pub(crate) fn span(&self, span: &Range<usize>) -> Range<usize> {
        let start = self.to_shown(span.start, false);
        let end = self.to_shown(span.end, true).max(start);
        start..end
    }

    fn to_shown(&self, offset: usize, round_up: bool) -> usize {
        let offset = offset.min(self.file.text.len());
        let before = self.escapes.partition_point(|e| e.original.start < offset);
        match before.checked_sub(1).map(|i| &self.escapes[i]) {
            None => offset,
            Some(e) if offset < e.original.end => {
                if round_up {
                    e.shown.end
                } else {
                    e.shown.start
                }
            }
            Some(e) => e.shown.end + (offset - e.original.end),
        }
    }

    fn to_original(&self, shown: usize) -> usize {
        let before = self.escapes.partition_point(|e| e.shown.start < shown);
        match before.checked_sub(1).map(|i| &self.escapes[i]) {
            None => shown,
            Some(e) if shown < e.shown.end => e.original.start,
            Some(e) => e.original.end + (shown - e.shown.end),
        }
    }
}

/// The text with control characters escaped (CRLF line ends kept: the
/// renderer trims them), and where each escape went.
fn escape_with_offsets(text: &str) -> (Cow<'_, str>, Vec<Escape>) {
    let needs = |(i, c): (usize, char)| {
        controls::is_control(c)
            && !KEPT.contains(&c)
            && !(c == '\r' && text[i + 1..].starts_with('\n'))
    };
    if !text.char_indices().any(needs) {
        return (Cow::Borrowed(text), Vec::new());
    }
    let mut shown = String::with_capacity(text.len() + 64);
    let mut escapes = Vec::new();
    for (i, c) in text.char_indices() {
        if needs((i, c)) {
            let start = shown.len();
            controls::push_escaped(&mut shown, c);
            escapes.push(Escape {
                original: i..i + c.len_utf8(),
                shown: start..shown.len(),
            });
        } else {
            shown.push(c);
        }
    }
    (Cow::Owned(shown), escapes)
}

impl<'a> Files<'a> for Shown<'_> {
    type FileId = ();
    type Name = String;
    type Source = &'a str;

    fn name(&'a self, id: ()) -> Result<String, Error> {
        Files::name(&self.inner, id)
    }

    fn source(&'a self, id: ()) -> Result<&'a str, Error> {
        Files::source(&self.inner, id)
    }

    fn line_index(&'a self, id: (), byte_index: usize) -> Result<usize, Error> {
        Files::line_index(&self.inner, id, byte_index)
    }

    fn line_range(&'a self, id: (), line_index: usize) -> Result<Range<usize>, Error> {
        Files::line_range(&self.inner, id, line_index)
    }

    /// The column in the file as the user's editor counts it, not in the
    /// escaped text, so it matches the JSON and GitHub formats.
    fn column_number(&'a self, _: (), _: usize, byte_index: usize) -> Result<usize, Error> {
        Ok(self.file.line_column(self.to_original(byte_index)).1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_files_are_shown_as_they_are() {
        let file = SourceFile::new("a.md", "ab\r\ncd\te\n");
        let shown = Shown::new(&file);
        assert_eq!(shown.source(()).unwrap(), "ab\r\ncd\te\n");
        assert_eq!(shown.span(&(4..6)), 4..6);
    }

    #[test]
    fn spans_move_with_the_escapes_before_them() {
        // ESC is 1 byte shown as 6; U+202E is 3 bytes shown as 8.
        let file = SourceFile::new("a\u{7}.md", "a\u{1b}b\u{202e}cd\ne\rf\n");
        let shown = Shown::new(&file);
        let text = shown.source(()).unwrap();
        assert_eq!(text, "a\\u{1b}b\\u{202e}cd\ne\\u{d}f\n");
        assert_eq!(shown.name(()).unwrap(), "a\\u{7}.md");
        let c = "a\u{1b}b\u{202e}".len();
        let span = shown.span(&(c..c + 2));
        assert_eq!(&text[span], "cd");
        // The escape itself is covered whole, even by a span inside it.
        assert_eq!(&text[shown.span(&(1..2))], "\\u{1b}");
        assert_eq!(&text[shown.span(&(3..4))], "\\u{202e}");
        // A later line is unaffected by the length of earlier escapes.
        let f = "a\u{1b}b\u{202e}cd\ne\r".len();
        assert_eq!(&text[shown.span(&(f..f + 1))], "f");
    }

    #[test]
    fn columns_are_those_of_the_file() {
        let file = SourceFile::new("a.md", "a\u{1b}bc\n");
        let shown = Shown::new(&file);
        let c = shown.span(&(3..4)).start;
        assert_eq!(shown.column_number((), 0, c).unwrap(), 4);
        assert_eq!(file.line_column(3), (1, 4));
    }
}
