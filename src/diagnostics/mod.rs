//! One `Diagnostic` type for every stage, and the one place that renders
//! diagnostics for people (rustc style), machines (JSON) and CI (GitHub
//! workflow commands).

mod code;
mod decode;
mod quoted_lines;
mod render;
mod stored;
mod suggest;

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use code::Code;
pub(crate) use decode::Accept;
pub use render::{Format, render};
pub(crate) use render::{github_notice, render_to_stderr, write_human};
pub(crate) use suggest::{did_you_mean, quoted_list, suggest, suggest_n};

/// A file the user wrote, kept whole so diagnostics can show its lines.
/// Cheap to clone: every diagnostic about a file shares one copy. Not
/// serialized on its own: [`Diagnostics`] are, with each file once.
#[derive(Debug, Clone)]
pub struct SourceFile(Arc<Source>);

/// The contents of a [`SourceFile`].
#[derive(Debug, Serialize, Deserialize)]
pub struct Source {
    /// The path as the user would type it (site dir joined with the path
    /// inside the site), with `/` separators: for diagnostics.
    pub path: String,
    /// The path inside the site (`wraps/2026/11/20/ana.md`): for pages,
    /// which must not depend on how the build was invoked.
    pub site_path: String,
    /// The whole file.
    pub text: String,
}

impl std::ops::Deref for SourceFile {
    type Target = Source;
    fn deref(&self) -> &Source {
        &self.0
    }
}

impl SourceFile {
    /// A source file whose display path is its path in the site.
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let path = path.into();
        Self::in_site(path.clone(), path, text)
    }

    /// A source file with a display path and a path inside the site.
    pub(crate) fn in_site(
        path: impl Into<String>,
        site_path: impl Into<String>,
        text: impl Into<String>,
    ) -> Self {
        Self(Arc::new(Source {
            path: path.into(),
            site_path: site_path.into(),
            text: text.into(),
        }))
    }

    /// A file's bytes as UTF-8 text, a leading BOM dropped: standin's own
    /// files. Anything else is an error; see [`decode`].
    pub fn decode(
        path: impl Into<String>,
        site_path: impl Into<String>,
        bytes: &[u8],
        d: &mut Diagnostics,
    ) -> Option<Self> {
        Self::decode_as(path, site_path, bytes, Accept::Utf8, d)
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub(crate) fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        (line, column)
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The byte offset in `text` of its character number `index` (0-based),
/// or its end: for positions other libraries count in characters (YAML
/// error markers).
pub(crate) fn char_index_to_offset(text: &str, index: usize) -> usize {
    text.char_indices()
        .nth(index)
        .map_or(text.len(), |(at, _)| at)
}

/// `span` made to fit `text`: within it, on character boundaries (start
/// rounded down, end up), start before end. Renderers, JSON and the build
/// stamp all read a span so; a stage that makes one out of order has a
/// bug, which debug builds (tests, fuzzing) stop at.
fn fit(text: &str, span: Range<usize>) -> Range<usize> {
    debug_assert!(span.start <= span.end, "a span out of order: {span:?}");
    let start = floor_char_boundary(text, span.start.min(text.len()));
    if span.end <= span.start {
        return start..start;
    }
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Level {
    Error,
    Warning,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Error => "error",
            Level::Warning => "warning",
        })
    }
}

/// What a diagnostic can point into: a source file, or a file whose text
/// is fetched only when a diagnostic needs it (a wrap's, read again).
pub(crate) trait Locate {
    /// The text, if it can be had.
    fn source(&self) -> Option<&SourceFile>;
    /// The path to name when it cannot.
    fn display_path(&self) -> &str;
    /// The path inside the site.
    fn site_path(&self) -> &str;
}

impl Locate for SourceFile {
    fn source(&self) -> Option<&SourceFile> {
        Some(self)
    }

    fn display_path(&self) -> &str {
        &self.path
    }

    fn site_path(&self) -> &str {
        &self.site_path
    }
}

/// Where a diagnostic points: a file, and a span in it when one is known.
#[derive(Debug, Clone)]
pub struct Location {
    pub file: SourceFile,
    /// Byte range in `file.text`; `None` points at the file as a whole.
    pub span: Option<Range<usize>>,
}

impl Location {
    /// 1-based line and column of the start of the span (1:1 without one).
    pub fn line_column(&self) -> (usize, usize) {
        match &self.span {
            Some(span) => self.file.line_column(span.start),
            None => (1, 1),
        }
    }
}

/// A problem found in the user's site, with enough context to fix it.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub level: Level,
    pub code: Code,
    pub message: String,
    /// A file path without contents (e.g. a file that could not be read).
    pub path: Option<String>,
    pub location: Option<Location>,
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic at the default level of its code.
    pub(crate) fn new(code: Code, message: impl Into<String>) -> Self {
        Self {
            level: code.level(),
            code,
            message: message.into(),
            path: None,
            location: None,
            help: None,
        }
    }

    /// Points the diagnostic at a span of a file (made to fit it: see
    /// [`fit`]); at the file's path alone if its text cannot be had.
    pub(crate) fn at(mut self, file: &(impl Locate + ?Sized), span: Range<usize>) -> Self {
        match file.source() {
            Some(source) => {
                self.location = Some(Location {
                    file: source.clone(),
                    span: Some(fit(&source.text, span)),
                })
            }
            None => self.path = Some(file.display_path().to_string()),
        }
        self
    }

    /// Names a path whose contents are unavailable.
    pub(crate) fn at_path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// Adds a hint on how to fix the problem.
    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The path this diagnostic is about, if any.
    pub fn file_path(&self) -> Option<&str> {
        match &self.location {
            Some(location) => Some(&location.file.path),
            None => self.path.as_deref(),
        }
    }

    /// 1-based line and column, when the diagnostic points into a file.
    pub fn line_column(&self) -> Option<(usize, usize)> {
        self.location.as_ref().map(Location::line_column)
    }

    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }

    fn sort_key(&self) -> (Option<&str>, usize, usize, Level, &'static str, &str) {
        let (line, column) = self.line_column().unwrap_or((0, 0));
        (
            self.file_path(),
            line,
            column,
            self.level,
            self.code.as_str(),
            &self.message,
        )
    }
}

/// The diagnostics of one run, collected from every stage. Serialized
/// (for replaying an unchanged build's) with each file they point into
/// stored once: see `stored`.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub(crate) fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub(crate) fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub(crate) fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.items.iter()
    }

    /// Orders diagnostics by file, position and code, so output is stable
    /// whatever order parallel stages produced them in.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }

    /// A one-line count such as "2 errors, 1 warning".
    pub(crate) fn summary(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        format!(
            "{}, {}",
            plural(self.error_count(), "error"),
            plural(self.warning_count(), "warning")
        )
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Self {
            items: iter.into_iter().collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters_not_bytes() {
        let file = SourceFile::new("a.md", "ab\ncé d\n");
        assert_eq!(file.line_column(0), (1, 1));
        assert_eq!(file.line_column(3), (2, 1));
        // 'd' is after "cé " = 4 bytes into line 2, but the 4th character.
        assert_eq!(file.line_column(3 + 4), (2, 4));
    }

    #[test]
    fn line_column_inside_a_multibyte_character_rounds_down() {
        let file = SourceFile::new("a.md", "é");
        assert_eq!(file.line_column(1), (1, 1));
    }

    #[test]
    fn a_span_is_made_to_fit_its_file() {
        let file = SourceFile::new("a.md", "aé\n");
        let span = |span: Range<usize>| {
            Diagnostic::new(Code::EmptyWrap, "x")
                .at(&file, span)
                .location
                .and_then(|l| l.span)
        };
        // Past the end, and inside `é` (bytes 1..3).
        assert_eq!(span(2..9), Some(1..4));
        assert_eq!(span(7..9), Some(4..4));
        assert_eq!(span(2..2), Some(1..1));
    }

    #[test]
    fn sort_orders_by_file_then_position() {
        let file = SourceFile::new("b.md", "x\ny\n");
        let mut diags: Diagnostics = [
            Diagnostic::new(Code::UnknownKey, "second").at(&file, 2..3),
            Diagnostic::new(Code::UnknownKey, "first").at(&file, 0..1),
            Diagnostic::new(Code::ReadFailed, "a file").at_path("a.md"),
        ]
        .into_iter()
        .collect();
        diags.sort();
        let messages: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages, ["a file", "first", "second"]);
    }
}
