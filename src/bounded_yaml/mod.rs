//! YAML read with limits on size, nesting and alias expansion: the front
//! matter of MADR records and `.log4brains.yml`, files of other tools that
//! standin reads in place, and that anyone who can push to the repository
//! can write.
//!
//! `yaml_rust2::YamlLoader` has no limits, and three of its paths grow
//! without bound on a small input (found with yaml-rust2 0.13):
//!
//! - `Parser::load`, which feeds the loader its events, recurses once per
//!   level of nesting (`load_node` → `load_sequence` → `load_node` ...).
//!   Block nesting costs two bytes a level (`- - - - x`), so a 24 KB
//!   front matter nests 12,000 levels deep, and the stack overflows
//!   before a single value is built: 6,000 levels overflow a 2 MiB rayon
//!   thread (where records are read) in a release build, 5,000 the 8 MiB
//!   main thread (where `.log4brains.yml` is read) in a debug build. That
//!   is the abort of `check`, `build` and `serve`. (Flow nesting, `[[[`,
//!   stops at 255 levels: the scanner counts it in a `u8`.)
//! - `Yaml`'s derived `Clone`, `Drop`, `Hash` and `Eq` recurse too: a
//!   value 10,000 levels deep overflows a release build's stack when it is
//!   cloned, and the loader clones every anchored value and every alias.
//! - An alias copies the value its anchor names, so ten lines of nine
//!   aliases each ("billion laughs") stand for 9^10 values.
//!
//! This reader pulls the events itself with `Parser::next_token`, whose
//! state machine keeps its stack on the heap (pulling never recurses),
//! and builds the tree with a stack of its own. It stops, with an
//! [`Error`] and never a panic, at the first of: more than [`MAX_BYTES`]
//! of input; more than [`MAX_DEPTH`] levels of nesting, where an alias
//! counts as deep as the value it copies; more than [`MAX_VALUES`] values
//! or [`MAX_TEXT`] bytes of text built, the copies kept for anchors and
//! made for aliases included (each is charged before it is made). So no
//! tree it builds is deeper than `MAX_DEPTH` — cloning, hashing and
//! dropping one recurse at most that far — and time and memory are
//! bounded by the input limit and the two budgets.

use std::collections::HashMap;

use yaml_rust2::Yaml;
use yaml_rust2::parser::{Event, Parser, Tag};
use yaml_rust2::scanner::{Marker, TScalarStyle};
use yaml_rust2::yaml::Hash;

/// The longest text read. A MADR front matter or a `.log4brains.yml` is a
/// few hundred bytes; 64 KiB leaves room for a long one (a 25 KB front
/// matter of notes is read) while keeping the scanner's work small.
pub(crate) const MAX_BYTES: usize = 64 * 1024;

/// The deepest nesting of lists and mappings. What standin reads is at
/// most three levels deep (`project.packages[].adrFolder`); 64 is far
/// more than any hand-written file needs, and a small bound on the
/// recursion of `Yaml`'s derived `Clone`, `Drop`, `Hash` and `Eq`.
pub(crate) const MAX_DEPTH: usize = 64;

/// The most values (scalars, lists, mappings, keys included) built, with
/// the copies anchors and aliases make. A MADR template has about twenty;
/// 10,000 holds any sane file (even a 64 KiB one, unless it is a list of
/// thousands of one-letter items) and keeps the tree under a megabyte.
pub(crate) const MAX_VALUES: usize = 10_000;

/// The most bytes of scalar text built, copies included. Without aliases
/// text cannot exceed [`MAX_BYTES`]; this stops a few aliases from each
/// copying a long string, which the value count alone would allow.
pub(crate) const MAX_TEXT: usize = 1024 * 1024;

/// Why a text was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Problem {
    /// It is not YAML: the parser's words.
    Syntax(String),
    /// Longer than [`MAX_BYTES`].
    TooLong,
    /// Nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// More than [`MAX_VALUES`] values; `by_aliases` when anchors or
    /// aliases made copies (so the text itself holds fewer).
    TooManyValues { by_aliases: bool },
    /// More than [`MAX_TEXT`] bytes of text (only copies can get there).
    TooMuchText,
}

/// A text that was not read, and where the reader stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Error {
    /// Not YAML, or which limit it went past.
    pub problem: Problem,
    /// A byte offset into the text, on a character boundary.
    pub at: usize,
}

impl Error {
    /// What is wrong, to follow the name of what was read: "the front
    /// matter nests deeper than 64 levels".
    pub(crate) fn describe(&self) -> String {
        match &self.problem {
            Problem::Syntax(info) => format!("is not YAML ({info})"),
            Problem::TooLong => format!("is longer than {} KiB", MAX_BYTES / 1024),
            Problem::TooDeep => format!("nests deeper than {MAX_DEPTH} levels"),
            Problem::TooManyValues { by_aliases: true } => {
                format!("has aliases that expand past {MAX_VALUES} values")
            }
            Problem::TooManyValues { by_aliases: false } => {
                format!("holds more than {MAX_VALUES} values")
            }
            Problem::TooMuchText => format!(
                "has aliases that expand past {} KiB of text",
                MAX_TEXT / 1024
            ),
        }
    }

    /// Whether the text is not YAML (rather than YAML past a limit).
    pub(crate) fn is_syntax(&self) -> bool {
        matches!(self.problem, Problem::Syntax(_))
    }
}

/// The limits in words, for a help line.
pub(crate) fn limits() -> String {
    format!(
        "standin reads YAML of at most {} KiB, nested at most {MAX_DEPTH} levels deep, with at most {MAX_VALUES} values once aliases (`*name`) are expanded",
        MAX_BYTES / 1024
    )
}

/// The scanner's words for flow nesting past 255 levels (`[[[...`). It
/// reads ahead to the end of a flow collection before the parser gives the
/// first event inside it, so it finds that before the builder finds
/// nesting past [`MAX_DEPTH`]: it is the same problem.
const SCANNER_DEPTH_LIMIT: &str = "recursion limit exceeded";

/// Reads the first YAML document of `text` (`None` when it holds none),
/// as `YamlLoader` would, within the limits. Later documents are read
/// too, so that an error in one is reported, but not kept.
pub(crate) fn read(text: &str) -> Result<Option<Yaml>, Error> {
    if text.len() > MAX_BYTES {
        let at = (0..=MAX_BYTES)
            .rev()
            .find(|&at| text.is_char_boundary(at))
            .unwrap_or(0);
        return Err(Error {
            problem: Problem::TooLong,
            at,
        });
    }
    let mut parser = Parser::new_from_str(text);
    let mut builder = Builder::default();
    loop {
        let (event, mark) = parser.next_token().map_err(|error| Error {
            problem: match error.info() {
                SCANNER_DEPTH_LIMIT => Problem::TooDeep,
                info => Problem::Syntax(info.to_string()),
            },
            at: byte_at(text, error.marker()),
        })?;
        if event == Event::StreamEnd {
            return Ok(builder.first);
        }
        builder.take(event).map_err(|problem| Error {
            problem,
            at: byte_at(text, &mark),
        })?;
    }
}

/// The byte offset of a parser's mark. Marks count characters (and, after
/// a block scalar, some bytes: the scanner adds a line's byte length), so
/// this counts characters and stops at the end: always a char boundary.
fn byte_at(text: &str, mark: &Marker) -> usize {
    crate::diagnostics::char_index_to_offset(text, mark.index())
}

/// What a value costs: its values and text (copies charge them again),
/// and how many levels of lists and mappings it holds (0 for a scalar).
#[derive(Debug, Clone, Copy, Default)]
struct Size {
    values: usize,
    text: usize,
    height: usize,
}

/// A value built, with its size.
#[derive(Debug, Clone)]
struct Built {
    value: Yaml,
    size: Size,
}

/// A list or mapping being built.
struct Frame {
    collection: Yaml,
    /// Its anchor id (0 for none).
    anchor: usize,
    /// In a mapping, the key read and waiting for its value.
    key: Option<Yaml>,
    size: Size,
}

/// Builds documents from parser events, charging every value to the
/// budgets before it is made.
#[derive(Default)]
struct Builder {
    /// The lists and mappings open, outermost first.
    stack: Vec<Frame>,
    /// The anchored values of the current document, by the parser's id.
    anchors: HashMap<usize, Built>,
    /// The value of the document being read, once complete.
    root: Option<Yaml>,
    first: Option<Yaml>,
    values: usize,
    text: usize,
    /// Whether an anchor or an alias made a copy.
    copied: bool,
}

impl Builder {
    fn take(&mut self, event: Event) -> Result<(), Problem> {
        match event {
            Event::Nothing | Event::StreamStart | Event::StreamEnd => Ok(()),
            // Anchors name values within one document, as `Parser::load`
            // has them.
            Event::DocumentStart => {
                self.anchors.clear();
                Ok(())
            }
            Event::DocumentEnd => {
                // An empty document is `BadValue`, as the loader has it.
                let root = self.root.take().unwrap_or(Yaml::BadValue);
                self.first.get_or_insert(root);
                Ok(())
            }
            Event::SequenceStart(anchor, _) => self.open(Yaml::Array(Vec::new()), anchor),
            Event::MappingStart(anchor, _) => self.open(Yaml::Hash(Hash::new()), anchor),
            Event::SequenceEnd | Event::MappingEnd => self.close(),
            Event::Scalar(text, style, anchor, tag) => {
                let size = Size {
                    values: 1,
                    text: text.len(),
                    height: 0,
                };
                self.charge(size, false)?;
                let value = scalar(text, style, tag);
                self.insert(Built { value, size }, anchor)
            }
            Event::Alias(id) => self.alias(id),
        }
    }

    /// Takes `size` from the budgets; `copy` when it is charged for a copy.
    fn charge(&mut self, size: Size, copy: bool) -> Result<(), Problem> {
        self.copied |= copy;
        self.values = self.values.saturating_add(size.values);
        self.text = self.text.saturating_add(size.text);
        if self.values > MAX_VALUES {
            return Err(Problem::TooManyValues {
                by_aliases: self.copied,
            });
        }
        if self.text > MAX_TEXT {
            return Err(Problem::TooMuchText);
        }
        Ok(())
    }

    fn open(&mut self, collection: Yaml, anchor: usize) -> Result<(), Problem> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(Problem::TooDeep);
        }
        let size = Size {
            values: 1,
            text: 0,
            height: 1,
        };
        self.charge(size, false)?;
        self.stack.push(Frame {
            collection,
            anchor,
            key: None,
            size,
        });
        Ok(())
    }

    fn close(&mut self) -> Result<(), Problem> {
        // The parser ends only what it started; an end with nothing open
        // would be its mistake, and is ignored.
        let Some(frame) = self.stack.pop() else {
            return Ok(());
        };
        let built = Built {
            value: frame.collection,
            size: frame.size,
        };
        self.insert(built, frame.anchor)
    }

    /// A copy of the value anchor `id` names; `BadValue` (as the loader
    /// has it) for an anchor whose value is not complete, as in `&a [*a]`.
    fn alias(&mut self, id: usize) -> Result<(), Problem> {
        let Some(size) = self.anchors.get(&id).map(|anchored| anchored.size) else {
            let size = Size {
                values: 1,
                ..Size::default()
            };
            self.charge(size, false)?;
            return self.insert(
                Built {
                    value: Yaml::BadValue,
                    size,
                },
                0,
            );
        };
        if self.stack.len() + size.height > MAX_DEPTH {
            return Err(Problem::TooDeep);
        }
        self.charge(size, true)?;
        let value = self
            .anchors
            .get(&id)
            .map_or(Yaml::BadValue, |a| a.value.clone());
        self.insert(Built { value, size }, 0)
    }

    /// Puts a complete value in the list or mapping open, or makes it the
    /// document's; keeps a copy (charged) when it has an anchor.
    fn insert(&mut self, built: Built, anchor: usize) -> Result<(), Problem> {
        if anchor > 0 {
            self.charge(built.size, true)?;
            self.anchors.insert(anchor, built.clone());
        }
        let Some(parent) = self.stack.last_mut() else {
            self.root = Some(built.value);
            return Ok(());
        };
        parent.size.values += built.size.values;
        parent.size.text += built.size.text;
        parent.size.height = parent.size.height.max(built.size.height + 1);
        match &mut parent.collection {
            Yaml::Array(items) => items.push(built.value),
            Yaml::Hash(map) => match parent.key.take() {
                None => parent.key = Some(built.value),
                Some(key) if map.contains_key(&key) => {
                    return Err(Problem::Syntax(duplicate_key(&key)));
                }
                Some(key) => {
                    map.insert(key, built.value);
                }
            },
            // Only lists and mappings are opened.
            _ => {}
        }
        Ok(())
    }
}

/// The loader's error for a key given twice in one mapping, with the key
/// when it is short text.
fn duplicate_key(key: &Yaml) -> String {
    match key.as_str() {
        Some(text) if text.len() <= 40 => format!("`{text}`: duplicated key in mapping"),
        _ => "duplicated key in mapping".to_string(),
    }
}

/// A scalar as `YamlLoader` makes it: quoted text is a string; plain
/// text is a number, a boolean, null or a string, as it reads, or as its
/// core-schema tag (`!!int`, `!!str` ...) says.
fn scalar(text: String, style: TScalarStyle, tag: Option<Tag>) -> Yaml {
    if style != TScalarStyle::Plain {
        return Yaml::String(text);
    }
    match tag {
        None => Yaml::from_str(&text),
        Some(tag) if tag.handle == "tag:yaml.org,2002:" => match tag.suffix.as_str() {
            "bool" => match text.as_str() {
                "true" | "True" | "TRUE" => Yaml::Boolean(true),
                "false" | "False" | "FALSE" => Yaml::Boolean(false),
                _ => Yaml::BadValue,
            },
            "int" => text.parse::<i64>().map_or(Yaml::BadValue, Yaml::Integer),
            "float" if is_core_float(&text) => Yaml::Real(text),
            "float" => Yaml::BadValue,
            "null" => match text.as_str() {
                "~" | "null" => Yaml::Null,
                _ => Yaml::BadValue,
            },
            _ => Yaml::String(text),
        },
        Some(_) => Yaml::String(text),
    }
}

/// Whether `!!float` accepts `text`, as yaml-rust2's (private)
/// `parse_f64` decides.
fn is_core_float(text: &str) -> bool {
    matches!(
        text,
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf" | "-.INF"
    ) || matches!(text, ".nan" | ".NaN" | ".NAN")
        || (text.bytes().any(|b| b.is_ascii_digit()) && text.parse::<f64>().is_ok())
}

#[cfg(test)]
mod tests;
