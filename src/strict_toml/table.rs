//! One TOML table being read: take each known key, then `finish`, which
//! reports the keys nobody took.

use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::{Choice, DocumentOrigin, KeyValue, Located};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceFile, quoted_list, suggest};

/// One item of a list that holds text or tables.
pub(crate) enum TextOrTable<'i> {
    Text(Located<String>),
    Table(Table<'i>),
}

/// A span already made file-absolute, as a document-relative one (so that
/// `origin.span` of it gives it back).
fn value_span(span: &Range<usize>, origin: &DocumentOrigin) -> Range<usize> {
    span.start - origin.offset..span.end - origin.offset
}

/// One TOML table being read. Take each known key, then call `finish`,
/// which reports the keys nobody took.
pub(crate) struct Table<'i> {
    entries: Vec<KeyValue<'i>>,
    span: Range<usize>,
    origin: DocumentOrigin,
    what: &'static str,
    known: &'static [&'static str],
}

impl<'i> Table<'i> {
    pub(super) fn new(
        table: DeTable<'i>,
        span: Range<usize>,
        origin: &DocumentOrigin,
        what: &'static str,
        known: &'static [&'static str],
    ) -> Self {
        Self {
            entries: table.into_iter().collect(),
            span,
            origin: origin.clone(),
            what,
            known,
        }
    }

    /// The table's span in the file.
    pub(crate) fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// The file the table is in.
    pub(crate) fn file(&self) -> &SourceFile {
        &self.origin.file
    }

    /// Every string value in the table, nested ones included, whose text
    /// satisfies `pred`, with its span in the file. Reads the values
    /// without taking them; call it before taking keys.
    pub(crate) fn strings_where(&self, pred: impl Fn(&str) -> bool) -> Vec<(String, Range<usize>)> {
        // A stack, not recursion: nesting depth is the writer's to choose.
        let mut stack: Vec<&Spanned<DeValue<'i>>> = self.entries.iter().map(|(_, v)| v).collect();
        let mut out = Vec::new();
        while let Some(value) = stack.pop() {
            match value.get_ref() {
                DeValue::String(text) if pred(text) => {
                    out.push((text.to_string(), self.origin.span(value.span())));
                }
                DeValue::Array(items) => stack.extend(items.iter()),
                DeValue::Table(table) => stack.extend(table.values()),
                _ => {}
            }
        }
        out.sort_by_key(|(_, span)| span.start);
        out
    }

    fn take_raw(&mut self, key: &str) -> Option<KeyValue<'i>> {
        debug_assert!(
            self.known.contains(&key),
            "`{key}` missing from the known keys of {}",
            self.what
        );
        let index = self.entries.iter().position(|(k, _)| k.get_ref() == key)?;
        Some(self.entries.remove(index))
    }

    /// Takes an optional key, deserialized with serde.
    pub(crate) fn optional<T: DeserializeOwned>(
        &mut self,
        key: &str,
        diagnostics: &mut Diagnostics,
    ) -> Option<Located<T>> {
        let (_, value) = self.take_raw(key)?;
        let span = self.origin.span(value.span());
        let kind = value.get_ref().type_str();
        match T::deserialize(ValueDeserializer::from(value)) {
            Ok(v) => Some(Located::new(v, span)),
            Err(error) => {
                diagnostics.push(
                    Diagnostic::new(
                        Code::WrongType,
                        format!(
                            "`{key}` in {} has the wrong type: {}",
                            self.what,
                            tidy(error.message())
                        ),
                    )
                    .at(&self.origin.file, span)
                    .with_help(format!("found {} here", article(kind))),
                );
                None
            }
        }
    }

    /// Takes an optional key holding one string or a list of strings, each
    /// with its own span.
    pub(crate) fn strings(
        &mut self,
        key: &str,
        diagnostics: &mut Diagnostics,
    ) -> Vec<Located<String>> {
        let Some((_, value)) = self.take_raw(key) else {
            return Vec::new();
        };
        let span = self.origin.span(value.span());
        let items = match value.into_inner() {
            DeValue::String(s) => return vec![Located::new(s.into_owned(), span)],
            DeValue::Array(array) => array,
            other => {
                diagnostics.push(self.not_strings(key, other.type_str(), span));
                return Vec::new();
            }
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items.iter() {
            let item_span = self.origin.span(item.span());
            match item.get_ref() {
                DeValue::String(s) => out.push(Located::new(s.to_string(), item_span)),
                other => diagnostics.push(self.not_strings(key, other.type_str(), item_span)),
            }
        }
        out
    }

    fn not_strings(&self, key: &str, kind: &str, span: Range<usize>) -> Diagnostic {
        Diagnostic::new(
            Code::WrongType,
            format!(
                "`{key}` in {} must be text or a list of text, found {}",
                self.what,
                article(kind)
            ),
        )
        .at(&self.origin.file, span)
        .with_help(format!("write `{key} = [\"first\", \"second\"]`"))
    }

    /// Takes a required key; a missing key is reported at the table.
    pub(crate) fn required<T: DeserializeOwned>(
        &mut self,
        key: &str,
        diagnostics: &mut Diagnostics,
    ) -> Option<Located<T>> {
        let present = self.entries.iter().any(|(k, _)| k.get_ref() == key);
        if !present {
            diagnostics.push(self.missing(key));
            return None;
        }
        self.optional(key, diagnostics)
    }

    /// A diagnostic for a missing key, pointing at the table's first line.
    pub(crate) fn missing(&self, key: &str) -> Diagnostic {
        let start = self.span.start;
        let first_line_end = self.origin.file.text[start..]
            .find('\n')
            .map_or(self.span.end, |i| start + i);
        Diagnostic::new(
            Code::MissingKey,
            format!("{} is missing `{key}`", self.what),
        )
        .at(&self.origin.file, start..first_line_end.max(start))
        .with_help(format!("add `{key} = ...`"))
    }

    /// Takes an optional key whose value must be one of a closed set.
    pub(crate) fn choice<C: Choice>(
        &mut self,
        key: &str,
        diagnostics: &mut Diagnostics,
    ) -> Option<Located<C>> {
        let raw = self.optional::<String>(key, diagnostics)?;
        match C::from_name(&raw.value) {
            Some(value) => Some(Located::new(value, raw.span)),
            None => {
                let names: Vec<&str> = C::CHOICES.iter().map(|(n, _)| *n).collect();
                let allowed = quoted_list(&names);
                let help = match suggest(&raw.value, names.iter().copied()) {
                    Some(suggestion) => format!("{suggestion} allowed: {allowed}"),
                    None => format!("allowed: {allowed}"),
                };
                diagnostics.push(
                    Diagnostic::new(
                        Code::BadValue,
                        format!("`{}` is not a valid `{key}` in {}", raw.value, self.what),
                    )
                    .at(&self.origin.file, raw.span)
                    .with_help(help),
                );
                None
            }
        }
    }

    /// Takes an optional array of tables (`[[key]]`), each to be read with
    /// its own known keys.
    pub(crate) fn tables(
        &mut self,
        key: &str,
        what: &'static str,
        known: &'static [&'static str],
        diagnostics: &mut Diagnostics,
    ) -> Vec<Table<'i>> {
        let Some((_, value)) = self.take_raw(key) else {
            return Vec::new();
        };
        let span = self.origin.span(value.span());
        let wrong_type = |kind: &str| {
            Diagnostic::new(
                Code::WrongType,
                format!(
                    "`{key}` in {} must be a table or a list of tables, found {}",
                    self.what,
                    article(kind)
                ),
            )
            .at(&self.origin.file, span.clone())
            .with_help(format!("write each entry as a `[[{key}]]` section"))
        };
        let items = match value.into_inner() {
            DeValue::Table(table) => vec![Spanned::new(span.clone(), DeValue::Table(table))],
            DeValue::Array(mut array) => array
                .iter_mut()
                .map(|item| std::mem::replace(item, Spanned::new(0..0, DeValue::Boolean(false))))
                .collect(),
            other => {
                diagnostics.push(wrong_type(other.type_str()));
                return Vec::new();
            }
        };
        let mut tables = Vec::with_capacity(items.len());
        for item in items {
            let item_span = self.origin.span(item.span());
            match item.into_inner() {
                DeValue::Table(table) => {
                    tables.push(Table::new(table, item_span, &self.origin, what, known));
                }
                other => diagnostics.push(wrong_type(other.type_str())),
            }
        }
        tables
    }

    /// Takes an optional key holding text, a table, or a list of either
    /// (`next = ["a", { to = "x", what = "b" }]`, or `[[next]]` sections);
    /// each table is read with `known` keys.
    pub(crate) fn texts_or_tables(
        &mut self,
        key: &str,
        what: &'static str,
        known: &'static [&'static str],
        diagnostics: &mut Diagnostics,
    ) -> Vec<TextOrTable<'i>> {
        let Some((_, value)) = self.take_raw(key) else {
            return Vec::new();
        };
        let span = self.origin.span(value.span());
        let items = match value.into_inner() {
            DeValue::Array(mut array) => array
                .iter_mut()
                .map(|item| std::mem::replace(item, Spanned::new(0..0, DeValue::Boolean(false))))
                .collect(),
            other => vec![Spanned::new(value_span(&span, &self.origin), other)],
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            let item_span = self.origin.span(item.span());
            match item.into_inner() {
                DeValue::String(text) => {
                    out.push(TextOrTable::Text(Located::new(
                        text.into_owned(),
                        item_span,
                    )));
                }
                DeValue::Table(table) => out.push(TextOrTable::Table(Table::new(
                    table,
                    item_span,
                    &self.origin,
                    what,
                    known,
                ))),
                other => diagnostics.push(
                    Diagnostic::new(
                        Code::WrongType,
                        format!(
                            "`{key}` in {} must be text, a table, or a list of them; found {}",
                            self.what,
                            article(other.type_str())
                        ),
                    )
                    .at(&self.origin.file, item_span),
                ),
            }
        }
        out
    }

    /// Takes every remaining entry as text keyed by a user-chosen name
    /// (`[ack]` with `kenji-1120-a7f = "taken"`).
    pub(crate) fn named_texts(
        mut self,
        diagnostics: &mut Diagnostics,
    ) -> Vec<(Located<String>, Located<String>)> {
        let mut out = Vec::new();
        for (key, value) in std::mem::take(&mut self.entries) {
            let key_span = self.origin.span(key.span());
            let span = self.origin.span(value.span());
            let name = key.into_inner().into_owned();
            match value.into_inner() {
                DeValue::String(text) => out.push((
                    Located::new(name, key_span),
                    Located::new(text.into_owned(), span),
                )),
                other => diagnostics.push(
                    Diagnostic::new(
                        Code::WrongType,
                        format!(
                            "`{name}` in {} must be text, found {}",
                            self.what,
                            article(other.type_str())
                        ),
                    )
                    .at(&self.origin.file, span)
                    .with_help(format!("write `{name} = \"taken\"`")),
                ),
            }
        }
        out
    }

    /// Takes an optional sub-table (`[key]`) to be read with its own keys.
    pub(crate) fn table(
        &mut self,
        key: &str,
        what: &'static str,
        known: &'static [&'static str],
        diagnostics: &mut Diagnostics,
    ) -> Option<Table<'i>> {
        let (_, value) = self.take_raw(key)?;
        let span = self.origin.span(value.span());
        match value.into_inner() {
            DeValue::Table(table) => Some(Table::new(table, span, &self.origin, what, known)),
            other => {
                diagnostics.push(
                    Diagnostic::new(
                        Code::WrongType,
                        format!(
                            "`{key}` in {} must be a table, found {}",
                            self.what,
                            article(other.type_str())
                        ),
                    )
                    .at(&self.origin.file, span),
                );
                None
            }
        }
    }

    /// Takes every remaining entry as a named sub-table (`[key.name]`), for
    /// maps keyed by user-chosen names such as teams.
    pub(crate) fn named_tables(
        mut self,
        what: &'static str,
        known: &'static [&'static str],
        diagnostics: &mut Diagnostics,
    ) -> Vec<(Located<String>, Table<'i>)> {
        let mut out = Vec::new();
        for (key, value) in std::mem::take(&mut self.entries) {
            let key_span = self.origin.span(key.span());
            let span = self.origin.span(value.span());
            let name = key.into_inner().into_owned();
            match value.into_inner() {
                DeValue::Table(table) => out.push((
                    Located::new(name, key_span),
                    Table::new(table, span, &self.origin, what, known),
                )),
                other => diagnostics.push(
                    Diagnostic::new(
                        Code::WrongType,
                        format!(
                            "`{name}` must be a table, found {}",
                            article(other.type_str())
                        ),
                    )
                    .at(&self.origin.file, span),
                ),
            }
        }
        out
    }

    /// Reports every key that was not taken, with a "did you mean" hint.
    pub(crate) fn finish(self, diagnostics: &mut Diagnostics) {
        for (key, _) in &self.entries {
            let name: &str = key.get_ref();
            let help = suggest(name, self.known.iter().copied())
                .unwrap_or_else(|| format!("known keys: {}", quoted_list(self.known)));
            diagnostics.push(
                Diagnostic::new(
                    Code::UnknownKey,
                    format!("unknown key `{name}` in {}", self.what),
                )
                .at(&self.origin.file, self.origin.span(key.span()))
                .with_help(help),
            );
        }
    }
}

fn article(kind: &str) -> String {
    let vowel = kind.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {kind}", if vowel { "an" } else { "a" })
}

/// serde's messages say "invalid type: integer `5`, expected a string";
/// keep the useful part.
fn tidy(message: &str) -> String {
    message
        .trim()
        .trim_start_matches("invalid type: ")
        .to_string()
}
