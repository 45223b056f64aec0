//! A strict reader of TOML tables, shared by the config and the front matter.
//!
//! serde alone stops at the first error and knows nothing of where a table
//! sits in a larger file. This reader parses the whole document with spans,
//! lets the caller take each known key (deserialized by serde, one value at a
//! time), and reports every problem — syntax, wrong type, bad value, missing
//! or unknown key — at its real line and column in the file.

mod choice;
mod table;

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceFile};
pub(crate) use choice::Choice;
pub(crate) use choice::choice_enum;
pub(crate) use table::{Table, TextOrTable};

/// A value with the byte range it came from in its source file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Located<T> {
    pub value: T,
    pub span: Range<usize>,
}

impl<T> Located<T> {
    pub(crate) fn new(value: T, span: Range<usize>) -> Self {
        Self { value, span }
    }
}

/// Where a TOML document sits: which file, and at which byte it starts.
#[derive(Debug, Clone)]
pub(crate) struct DocumentOrigin {
    pub file: SourceFile,
    pub offset: usize,
}

impl DocumentOrigin {
    fn span(&self, relative: Range<usize>) -> Range<usize> {
        relative.start + self.offset..relative.end + self.offset
    }
}

type KeyValue<'i> = (Spanned<DeString<'i>>, Spanned<DeValue<'i>>);

/// Parses a TOML document; reports every syntax error and returns `None`
/// if there was one (a half-parsed table would only add false errors).
pub(crate) fn parse_document<'i>(
    text: &'i str,
    origin: &DocumentOrigin,
    what: &'static str,
    known: &'static [&'static str],
    diagnostics: &mut Diagnostics,
) -> Option<Table<'i>> {
    let (table, errors) = DeTable::parse_recoverable(text);
    if errors.is_empty() {
        let span = origin.span(table.span());
        return Some(Table::new(table.into_inner(), span, origin, what, known));
    }
    for error in errors {
        let span = error
            .span()
            .map(|s| origin.span(s))
            .unwrap_or(origin.offset..origin.offset);
        diagnostics.push(
            Diagnostic::new(
                Code::TomlSyntax,
                format!("invalid TOML: {}", plain_message(error.message())),
            )
            .at(&origin.file, span)
            .with_help(
                "front matter is TOML: `key = \"text\"`, `list = [\"a\", \"b\"]`, \
                     dates unquoted like `2026-11-20T17:42:00+09:00`",
            ),
        );
    }
    None
}

/// toml's message, said so that the writer knows what to change.
fn plain_message(message: &str) -> &str {
    match message.trim() {
        // Reported without a place: a key of too many dotted parts.
        "recursion limit" => "a key with too many dotted parts (nested too deeply)",
        "cannot recurse further; max recursion depth met" => {
            "arrays or inline tables nested too deeply"
        }
        other => other,
    }
}

#[cfg(test)]
mod tests;
