//! A strict reader of TOML tables, shared by the config and the front matter.
//!
//! serde alone stops at the first error and knows nothing of where a table
//! sits in a larger file. This reader parses the whole document with spans,
//! lets the caller take each known key (deserialized by serde, one value at a
//! time), and reports every problem — syntax, wrong type, bad value, missing
//! or unknown key — at its real line and column in the file.

use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue, ValueDeserializer};

use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceFile, closest};

/// A value with the byte range it came from in its source file.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    pub value: T,
    pub span: Range<usize>,
}

impl<T> Located<T> {
    pub fn new(value: T, span: Range<usize>) -> Self {
        Self { value, span }
    }

    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Located<U> {
        Located {
            value: f(self.value),
            span: self.span,
        }
    }
}

/// A closed set of string values (an enum in the file format).
pub trait Choice: Sized + Copy + 'static {
    /// Every accepted spelling with its value, in the order shown to users.
    const CHOICES: &'static [(&'static str, Self)];

    /// Looks up a spelling.
    fn from_name(name: &str) -> Option<Self> {
        Self::CHOICES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
    }

    /// The spelling of a value.
    fn name(self) -> &'static str
    where
        Self: PartialEq,
    {
        Self::CHOICES
            .iter()
            .find(|(_, v)| *v == self)
            .map(|(n, _)| *n)
            .unwrap_or("?")
    }
}

/// Where a TOML document sits: which file, and at which byte it starts.
#[derive(Debug, Clone)]
pub struct Origin {
    pub file: SourceFile,
    pub offset: usize,
}

impl Origin {
    fn span(&self, relative: Range<usize>) -> Range<usize> {
        relative.start + self.offset..relative.end + self.offset
    }
}

type Entry<'i> = (Spanned<DeString<'i>>, Spanned<DeValue<'i>>);

/// Parses a TOML document; reports every syntax error and returns `None`
/// if there was one (a half-parsed table would only add false errors).
pub fn parse_document<'i>(
    text: &'i str,
    origin: &Origin,
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

/// One TOML table being read. Take each known key, then call `finish`,
/// which reports the keys nobody took.
pub struct Table<'i> {
    entries: Vec<Entry<'i>>,
    span: Range<usize>,
    origin: Origin,
    what: &'static str,
    known: &'static [&'static str],
}

impl<'i> Table<'i> {
    fn new(
        table: DeTable<'i>,
        span: Range<usize>,
        origin: &Origin,
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
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// The file the table is in.
    pub fn file(&self) -> &SourceFile {
        &self.origin.file
    }

    /// What the table is, as shown in messages ("wrap", "[[risk]]").
    pub fn what(&self) -> &'static str {
        self.what
    }

    /// Every string value in the table, nested ones included, whose text
    /// satisfies `pred`, with its span in the file. Reads the values
    /// without taking them; call it before taking keys.
    pub fn strings_where(&self, pred: impl Fn(&str) -> bool) -> Vec<(String, Range<usize>)> {
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

    fn take_raw(&mut self, key: &str) -> Option<Entry<'i>> {
        debug_assert!(
            self.known.contains(&key),
            "`{key}` missing from the known keys of {}",
            self.what
        );
        let index = self.entries.iter().position(|(k, _)| k.get_ref() == key)?;
        Some(self.entries.remove(index))
    }

    /// Takes an optional key, deserialized with serde.
    pub fn optional<T: DeserializeOwned>(
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
    pub fn strings(&mut self, key: &str, diagnostics: &mut Diagnostics) -> Vec<Located<String>> {
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
    pub fn required<T: DeserializeOwned>(
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
    pub fn missing(&self, key: &str) -> Diagnostic {
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
    pub fn choice<C: Choice>(
        &mut self,
        key: &str,
        diagnostics: &mut Diagnostics,
    ) -> Option<Located<C>> {
        let raw = self.optional::<String>(key, diagnostics)?;
        match C::from_name(&raw.value) {
            Some(value) => Some(Located::new(value, raw.span)),
            None => {
                let names: Vec<&str> = C::CHOICES.iter().map(|(n, _)| *n).collect();
                let allowed = names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let help = match closest(&raw.value, names.iter().copied()) {
                    Some(name) => format!("did you mean `{name}`? allowed: {allowed}"),
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
    pub fn tables(
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

    /// Takes an optional sub-table (`[key]`) to be read with its own keys.
    pub fn table(
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
    pub fn named_tables(
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
    pub fn finish(self, diagnostics: &mut Diagnostics) {
        for (key, _) in &self.entries {
            let name: &str = key.get_ref();
            let help = match closest(name, self.known.iter().copied()) {
                Some(known) => format!("did you mean `{known}`?"),
                None => format!(
                    "known keys: {}",
                    self.known
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
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

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: &[&str] = &["name", "count", "level", "item"];
    const ITEM_KEYS: &[&str] = &["id"];

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Level {
        Low,
        High,
    }

    impl Choice for Level {
        const CHOICES: &'static [(&'static str, Self)] =
            &[("low", Level::Low), ("high", Level::High)];
    }

    fn origin(text: &str) -> Origin {
        Origin {
            file: SourceFile::new("t.md", format!("+++\n{text}+++\n")),
            offset: 4,
        }
    }

    fn read(text: &str) -> (Diagnostics, Option<String>, Option<Level>, usize) {
        let origin = origin(text);
        let mut diags = Diagnostics::new();
        let Some(mut table) = parse_document(text, &origin, "wrap", KEYS, &mut diags) else {
            return (diags, None, None, 0);
        };
        let name = table
            .required::<String>("name", &mut diags)
            .map(|l| l.value);
        let _count = table.optional::<u32>("count", &mut diags);
        let level = table.choice::<Level>("level", &mut diags).map(|l| l.value);
        let items = table.tables("item", "[[item]]", ITEM_KEYS, &mut diags);
        let n = items.len();
        for mut item in items {
            item.required::<String>("id", &mut diags);
            item.finish(&mut diags);
        }
        table.finish(&mut diags);
        (diags, name, level, n)
    }

    fn positions(diags: &Diagnostics) -> Vec<(&'static str, usize, usize)> {
        diags
            .iter()
            .map(|d| {
                let (l, c) = d.line_column().unwrap();
                (d.code.as_str(), l, c)
            })
            .collect()
    }

    #[test]
    fn reads_known_keys() {
        let (diags, name, level, items) =
            read("name = \"a\"\nlevel = \"high\"\n[[item]]\nid = \"x\"\n[[item]]\nid = \"y\"\n");
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(name.as_deref(), Some("a"));
        assert_eq!(level, Some(Level::High));
        assert_eq!(items, 2);
    }

    #[test]
    fn reports_every_problem_at_its_file_position() {
        let (diags, ..) =
            read("nmae = \"a\"\ncount = \"three\"\nlevel = \"hgih\"\n[[item]]\nidd = 1\n");
        // Line numbers count the opening `+++` line of the file.
        let mut got = positions(&diags);
        got.sort();
        assert_eq!(
            got,
            vec![
                ("E007", 2, 1), // nmae unknown
                ("E007", 6, 1), // idd unknown
                ("E008", 3, 9), // count wrong type
                ("E009", 4, 9), // level bad value
                ("E010", 2, 1), // name missing (reported at the first front-matter line)
                ("E010", 5, 1), // item id missing
            ]
        );
        let unknown = diags.iter().find(|d| d.message.contains("nmae")).unwrap();
        assert_eq!(unknown.help.as_deref(), Some("did you mean `name`?"));
        let bad = diags.iter().find(|d| d.code == Code::BadValue).unwrap();
        assert!(
            bad.help
                .as_deref()
                .unwrap()
                .starts_with("did you mean `high`?"),
            "{bad:?}"
        );
    }

    #[test]
    fn strings_anywhere_are_found_with_their_spans() {
        let text = "name = \"x!\"\nitem = [{ id = \"a!\" }, [\"b\", \"c!\"]]\n";
        let origin = origin(text);
        let mut diags = Diagnostics::new();
        let table = parse_document(text, &origin, "wrap", KEYS, &mut diags).unwrap();
        let found: Vec<(String, &str)> = table
            .strings_where(|s| s.ends_with('!'))
            .into_iter()
            .map(|(value, span)| (value, &origin.file.text[span]))
            .collect();
        assert_eq!(
            found,
            [
                ("x!".to_string(), "\"x!\""),
                ("a!".to_string(), "\"a!\""),
                ("c!".to_string(), "\"c!\"")
            ]
        );
    }

    #[test]
    fn keys_of_too_many_parts_point_at_themselves() {
        let long = vec!["a"; MAX_KEY_PARTS + 1].join(" . ");
        let quoted = vec!["\"b.c\""; 200].join(".");
        let fine = vec!["x"; MAX_KEY_PARTS].join(".");
        for (text, line, column, key) in [
            (
                format!("name = \"a\"\n{fine} = 1\n{long} = 1\n"),
                4,
                1,
                &long,
            ),
            (
                format!("name = \"a\"\n[{fine}]\n[{quoted}]\n"),
                4,
                2,
                &quoted,
            ),
            (
                format!("name = \"a\"\nitem = [{{ {long} = 2 }}]\n"),
                3,
                11,
                &long,
            ),
        ] {
            let (diags, ..) = read(&text);
            let file = origin(&text).file;
            let found: Vec<(usize, usize, &str)> = diags
                .iter()
                .map(|d| {
                    let (line, column) = d.line_column().unwrap();
                    let span = d.location.as_ref().unwrap().span.clone().unwrap();
                    (line, column, &file.text[span])
                })
                .collect();
            assert_eq!(found, [(line, column, key.as_str())], "{diags:?}");
            let message = &diags.iter().next().unwrap().message;
            assert!(message.contains("too many dotted parts"), "{message}");
        }
    }

    #[test]
    fn syntax_errors_point_at_the_real_line() {
        let (diags, ..) = read("name = \"a\"\nlevel = high\n");
        assert_eq!(diags.len(), 1, "{diags:?}");
        let d = diags.iter().next().unwrap();
        assert_eq!(d.code, Code::TomlSyntax);
        assert_eq!(d.line_column().unwrap().0, 3);
    }
}
