//! The lines of a source file that a diagnostic quotes, as a terminal is
//! given them: control characters escaped (`\u{1b}`), so that quoting a
//! line cannot act on the terminal; a long line cut to a window around the
//! span (`…` where it was cut), so that a megabyte line prints as a line;
//! and byte spans mapped from the file to the shown text, so that carets
//! still fall under what they point at and columns are the file's.

use std::ops::Range;

use codespan_reporting::files::{Error, Files, SimpleFile};

use super::SourceFile;
use crate::control_chars;

/// Characters that stay as they are in quoted lines and messages: line
/// breaks are the layout, and tabs are expanded by the renderer.
pub const KEPT: &[char] = &['\n', '\t'];

/// Lines longer than this many characters are shown as a window of it.
pub const WINDOW: usize = 200;
/// How much of a cut line is shown before the span.
const BEFORE_SPAN: usize = 60;
/// Lines of a multi-line span the renderer shows at its start and end
/// (codespan's `start_context_lines` and `end_context_lines`, plus the
/// span's own lines); the lines between are left empty.
const START_LINES: usize = 4;
const END_LINES: usize = 2;

/// Where something in the file went in the shown text.
#[derive(Debug)]
struct Piece {
    original: Range<usize>,
    shown: Range<usize>,
    /// Shown as written, byte for byte; otherwise an escape, a `…` for a
    /// cut, or nothing for a line left out.
    verbatim: bool,
}

/// The lines of a [`SourceFile`] that one span is on, ready for codespan.
pub struct Shown<'a> {
    file: &'a SourceFile,
    inner: SimpleFile<String, String>,
    /// The line number of the first shown line.
    first_line: usize,
    /// In file order, covering the shown lines without gaps.
    pieces: Vec<Piece>,
}

impl<'a> Shown<'a> {
    /// The lines `span` is on (none without a span).
    pub fn new(file: &'a SourceFile, span: Option<&Range<usize>>) -> Self {
        let name = control_chars::escape(&file.path, &[]).into_owned();
        let mut excerpt = Excerpt::default();
        let mut first_line = 1;
        if let Some(span) = span {
            let text = file.text.as_str();
            let start = floor_char_boundary(text, span.start.min(text.len()));
            let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
            let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
            first_line = text[..start].matches('\n').count() + 1;
            let lines = text[start..end].matches('\n').count() + 1;
            let mut at = line_start;
            for index in 0..lines {
                let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
                let line = at..line_end;
                if index < START_LINES || index + END_LINES >= lines {
                    let focus = if index == 0 { start } else { end };
                    excerpt.push_line(text, line, focus.clamp(at, line_end));
                } else {
                    excerpt.push_left_out(line);
                }
                if line_end < text.len() {
                    excerpt.push_verbatim(text, line_end..line_end + 1);
                }
                at = line_end + 1;
            }
        }
        Self {
            file,
            inner: SimpleFile::new(name, excerpt.text),
            first_line,
            pieces: excerpt.pieces,
        }
    }

    /// A span of the file as a span of the shown text. A bound inside an
    /// escape or a cut widens to cover all of it.
    pub fn span(&self, span: &Range<usize>) -> Range<usize> {
        let start = self.to_shown(span.start, false);
        let end = self.to_shown(span.end, true).max(start);
        start..end
    }

    fn to_shown(&self, offset: usize, round_up: bool) -> usize {
        let Some(last) = self.pieces.last() else {
            return 0;
        };
        if offset >= last.original.end {
            return last.shown.end;
        }
        let i = self.pieces.partition_point(|p| p.original.end <= offset);
        let piece = &self.pieces[i];
        if offset <= piece.original.start {
            piece.shown.start
        } else if piece.verbatim {
            piece.shown.start + (offset - piece.original.start)
        } else if round_up {
            piece.shown.end
        } else {
            piece.shown.start
        }
    }

    fn to_original(&self, shown: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.shown.end <= shown);
        match self.pieces.get(i) {
            Some(piece) if piece.verbatim && shown >= piece.shown.start => {
                piece.original.start + (shown - piece.shown.start)
            }
            Some(piece) => piece.original.start,
            None => self.pieces.last().map_or(0, |p| p.original.end),
        }
    }
}

/// The shown text being built, and where each piece of it came from.
#[derive(Default)]
struct Excerpt {
    text: String,
    pieces: Vec<Piece>,
}

impl Excerpt {
    /// Shows `line` of `text`, cut to a window around `focus` if long.
    fn push_line(&mut self, text: &str, line: Range<usize>, focus: usize) {
        let (window, cut_before, cut_after) = window(text, line.clone(), focus);
        if cut_before {
            self.push_cut(line.start..window.start);
        }
        let mut run = window.start;
        for (i, c) in text[window.clone()].char_indices() {
            let i = window.start + i;
            let escape = control_chars::is_control(c)
                && !KEPT.contains(&c)
                && !(c == '\r' && text[i + 1..].starts_with('\n'));
            if escape {
                self.push_verbatim(text, run..i);
                let shown_start = self.text.len();
                control_chars::push_escaped(&mut self.text, c);
                self.pieces.push(Piece {
                    original: i..i + c.len_utf8(),
                    shown: shown_start..self.text.len(),
                    verbatim: false,
                });
                run = i + c.len_utf8();
            }
        }
        self.push_verbatim(text, run..window.end);
        if cut_after {
            self.push_cut(window.end..line.end);
        }
    }

    fn push_verbatim(&mut self, text: &str, original: Range<usize>) {
        if original.is_empty() {
            return;
        }
        let start = self.text.len();
        self.text.push_str(&text[original.clone()]);
        self.pieces.push(Piece {
            original,
            shown: start..self.text.len(),
            verbatim: true,
        });
    }

    fn push_cut(&mut self, original: Range<usize>) {
        let start = self.text.len();
        self.text.push('…');
        self.pieces.push(Piece {
            original,
            shown: start..self.text.len(),
            verbatim: false,
        });
    }

    /// A line inside a long span, which the renderer does not show.
    fn push_left_out(&mut self, original: Range<usize>) {
        if !original.is_empty() {
            let at = self.text.len();
            self.pieces.push(Piece {
                original,
                shown: at..at,
                verbatim: false,
            });
        }
    }
}

/// The part of `line` to show: all of it when it is short, else [`WINDOW`]
/// characters from a little before `focus`; and whether it was cut before
/// and after.
fn window(text: &str, line: Range<usize>, focus: usize) -> (Range<usize>, bool, bool) {
    let content = &text[line.clone()];
    if content.len() <= WINDOW || content.chars().count() <= WINDOW {
        return (line, false, false);
    }
    // Byte offsets of the characters before and from `focus`.
    let before: Vec<usize> = text[line.start..focus]
        .char_indices()
        .rev()
        .take(BEFORE_SPAN)
        .map(|(i, _)| line.start + i)
        .collect();
    let mut start = before.last().copied().unwrap_or(focus);
    let shown_before = before.len();
    let mut end = text[focus..line.end]
        .char_indices()
        .nth(WINDOW - shown_before)
        .map_or(line.end, |(i, _)| focus + i);
    if end == line.end {
        // Near the end of the line: fill the window from before instead.
        start = text[line.start..end]
            .char_indices()
            .rev()
            .nth(WINDOW - 1)
            .map_or(line.start, |(i, _)| line.start + i);
    }
    end = end.max(start);
    (start..end, start > line.start, end < line.end)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
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

    /// The line number in the file: the shown text starts at the span's
    /// first line.
    fn line_number(&'a self, _: (), line_index: usize) -> Result<usize, Error> {
        Ok(self.first_line + line_index)
    }

    /// The column in the file as the user's editor counts it, not in the
    /// escaped or cut text, so it matches the JSON and GitHub formats.
    fn column_number(&'a self, _: (), _: usize, byte_index: usize) -> Result<usize, Error> {
        Ok(self.file.line_column(self.to_original(byte_index)).1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown_text<'a>(shown: &'a Shown) -> &'a str {
        shown.source(()).unwrap()
    }

    #[test]
    fn short_lines_are_shown_as_they_are() {
        let file = SourceFile::new("a.md", "zz\nab\r\ncd\te\nyy\n");
        let shown = Shown::new(&file, Some(&(3..8)));
        assert_eq!(shown_text(&shown), "ab\r\ncd\te\n");
        assert_eq!(shown.span(&(4..6)), 1..3);
        assert_eq!(shown.line_number((), 1).unwrap(), 3);
    }

    #[test]
    fn spans_move_with_the_escapes_before_them() {
        // ESC is 1 byte shown as 6; U+202E is 3 bytes shown as 8.
        let text = "a\u{1b}b\u{202e}cd\ne\rf\n";
        let file = SourceFile::new("a\u{7}.md", text);
        let shown = Shown::new(&file, Some(&(0..text.len())));
        let text = shown_text(&shown);
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
        let shown = Shown::new(&file, Some(&(3..4)));
        let c = shown.span(&(3..4)).start;
        assert_eq!(shown.column_number((), 0, c).unwrap(), 4);
        assert_eq!(file.line_column(3), (1, 4));
    }

    #[test]
    fn long_lines_are_cut_around_the_span() {
        let line = format!("{}KEY{}", "é".repeat(50_000), "x".repeat(50_000));
        let file = SourceFile::new("a.md", format!("top\n{line}\nend\n"));
        let key = 4 + "é".len() * 50_000;
        let shown = Shown::new(&file, Some(&(key..key + 3)));
        let text = shown_text(&shown);
        assert_eq!(text.chars().count(), WINDOW + 3, "{text}");
        assert!(text.starts_with('…') && text.ends_with("…\n"), "{text}");
        let span = shown.span(&(key..key + 3));
        assert_eq!(&text[span.clone()], "KEY");
        assert_eq!(text[..span.start].chars().count(), 1 + BEFORE_SPAN);
        assert_eq!(shown.column_number((), 0, span.start).unwrap(), 50_001);
        // A span longer than the window ends at the cut.
        let long = shown.span(&(key..file.text.len() - 5));
        assert!(text[long].ends_with("x…"));
        // Near the end of the line, the window is filled from before.
        let x = 4 + line.len() - 2;
        let shown = Shown::new(&file, Some(&(x..x + 1)));
        let text = shown_text(&shown);
        assert_eq!(text.chars().count(), WINDOW + 2, "{text}");
        assert!(text.starts_with("…") && text.ends_with("xx\n"), "{text}");
    }

    #[test]
    fn the_middle_of_a_long_span_is_left_out() {
        let lines: Vec<String> = (1..=10_000).map(|i| format!("line {i}")).collect();
        let file = SourceFile::new("a.md", lines.join("\n"));
        let shown = Shown::new(&file, Some(&(0..file.text.len())));
        let text = shown_text(&shown);
        assert!(text.starts_with("line 1\nline 2\nline 3\nline 4\n\n\n"));
        assert!(text.ends_with("\n\nline 9999\nline 10000"), "{text}");
        assert_eq!(text.lines().count(), 10_000);
        assert!(text.len() < 20_000);
        let end = shown.span(&(0..file.text.len())).end;
        assert_eq!(shown.column_number((), 9_999, end).unwrap(), 11);
    }
}
