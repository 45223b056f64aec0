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
    // toml reports a key of too many dotted parts without a place; such
    // keys are found again here, in the order toml met them.
    let mut overlong = None::<std::vec::IntoIter<Range<usize>>>;
    for error in errors {
        let span = match error.span() {
            Some(span) => origin.span(span),
            None if is_key_limit(error.message()) => overlong
                .get_or_insert_with(|| overlong_keys(text).into_iter())
                .next()
                .map_or(origin.offset..origin.offset, |key| origin.span(key)),
            None => origin.offset..origin.offset,
        };
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

/// How many dotted parts a key may have; toml refuses longer keys.
const MAX_KEY_PARTS: usize = 80;

/// Whether a toml error is its refusal of a key of too many dotted parts.
fn is_key_limit(message: &str) -> bool {
    message.trim() == "recursion limit"
}

/// The spans of the keys in `text` with more than [`MAX_KEY_PARTS`]
/// dotted parts, in document order. Only called after toml refused one,
/// so the document is lexed a second time only then.
fn overlong_keys(text: &str) -> Vec<Range<usize>> {
    use toml_parser::parser::{Event, EventKind};
    let source = toml_parser::Source::new(text);
    let tokens = source.lex().into_vec();
    let mut found = Vec::new();
    // The key being read: its span so far and how many parts it has.
    let mut key: Option<(Range<usize>, usize)> = None;
    let mut after_dot = false;
    let mut on_event = |event: Event| {
        let span = event.span().start()..event.span().end();
        match event.kind() {
            EventKind::SimpleKey => match &mut key {
                Some((key_span, parts)) if after_dot => {
                    key_span.end = span.end;
                    *parts += 1;
                }
                _ => key = Some((span, 1)),
            },
            EventKind::KeySep => {}
            EventKind::Whitespace if key.is_some() => return,
            _ => {
                if let Some((key_span, parts)) = key.take()
                    && parts > MAX_KEY_PARTS
                {
                    found.push(key_span);
                }
            }
        }
        after_dot = event.kind() == EventKind::KeySep;
    };
    toml_parser::parser::parse_document(&tokens, &mut on_event, &mut ());
    if let Some((key_span, parts)) = key
        && parts > MAX_KEY_PARTS
    {
        found.push(key_span);
    }
    found
}

/// toml's message, said so that the writer knows what to change.
fn plain_message(message: &str) -> &str {
    match message.trim() {
        "recursion limit" => "a key with too many dotted parts (nested too deeply)",
        "cannot recurse further; max recursion depth met" => {
            "arrays or inline tables nested too deeply"
        }
        other => other,
    }
}

#[cfg(test)]
mod tests;
