//! How diagnostics are kept between builds (in the build stamp, see
//! `build::stamp`): a table of the files they point into, each stored
//! once, and the diagnostics, each naming its file by its place in the
//! table. Serializing each diagnostic with its file would copy the whole
//! file per diagnostic (a 2 MB wrap with 300 warnings made a 600 MB
//! cache); this way the size is the files plus the diagnostics.
//!
//! The table is self-contained, so a stamp replays exactly what the build
//! said (masked text, config text) without reading anything again. A
//! stored diagnostic that names no file in the table, or a span outside
//! its file, does not decode: the stamp is then ignored, like any other
//! that does not decode.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Code, Diagnostic, Diagnostics, Level, Location, Source, SourceFile};

/// One diagnostic, its file named by its index in the table.
#[derive(Serialize, Deserialize)]
struct Row<'a> {
    level: Level,
    code: Code,
    message: Cow<'a, str>,
    path: Option<Cow<'a, str>>,
    /// The file's index in the table, and the span in it.
    location: Option<(usize, Option<Range<usize>>)>,
    help: Option<Cow<'a, str>>,
}

/// What is written: every file once, then the diagnostics.
#[derive(Serialize)]
struct Table<'a> {
    files: Vec<&'a Source>,
    rows: Vec<Row<'a>>,
}

/// What is read back (the same layout, owned).
#[derive(Deserialize)]
struct OwnedTable {
    files: Vec<Source>,
    rows: Vec<Row<'static>>,
}

impl<'a> Table<'a> {
    fn of(diagnostics: &'a Diagnostics) -> Table<'a> {
        let mut files = Files::default();
        let rows = diagnostics
            .iter()
            .map(|d| Row {
                level: d.level,
                code: d.code,
                message: Cow::Borrowed(&d.message),
                path: d.path.as_deref().map(Cow::Borrowed),
                location: d
                    .location
                    .as_ref()
                    .map(|l| (files.index(&l.file), l.span.clone())),
                help: d.help.as_deref().map(Cow::Borrowed),
            })
            .collect();
        Table {
            files: files.table,
            rows,
        }
    }
}

/// The table being made. Diagnostics about one file usually share one
/// copy of it, so the copy's address finds it without hashing its text;
/// two copies of the same file (read twice) are still stored once.
#[derive(Default)]
struct Files<'a> {
    table: Vec<&'a Source>,
    by_copy: HashMap<*const Source, usize>,
    by_content: HashMap<(&'a str, &'a str, &'a str), usize>,
}

impl<'a> Files<'a> {
    fn index(&mut self, file: &'a SourceFile) -> usize {
        let copy = Arc::as_ptr(&file.0);
        if let Some(&index) = self.by_copy.get(&copy) {
            return index;
        }
        let source: &'a Source = file;
        let key = (
            source.path.as_str(),
            source.site_path.as_str(),
            source.text.as_str(),
        );
        let next = self.table.len();
        let index = *self.by_content.entry(key).or_insert(next);
        if index == next {
            self.table.push(source);
        }
        self.by_copy.insert(copy, index);
        index
    }
}

impl OwnedTable {
    fn into_diagnostics(self) -> Result<Diagnostics, String> {
        let files: Vec<SourceFile> = self
            .files
            .into_iter()
            .map(|source| SourceFile(Arc::new(source)))
            .collect();
        self.rows
            .into_iter()
            .map(|row| {
                let location = match row.location {
                    None => None,
                    Some((index, span)) => {
                        let file = files
                            .get(index)
                            .ok_or_else(|| format!("no file {index} in the table"))?;
                        if let Some(span) = &span {
                            check_span(&file.text, span)?;
                        }
                        Some(Location {
                            file: file.clone(),
                            span,
                        })
                    }
                };
                Ok(Diagnostic {
                    level: row.level,
                    code: row.code,
                    message: row.message.into_owned(),
                    path: row.path.map(Cow::into_owned),
                    location,
                    help: row.help.map(Cow::into_owned),
                })
            })
            .collect()
    }
}

/// A span must lie in its text, in order, on character boundaries: what
/// rendering it assumes.
fn check_span(text: &str, span: &Range<usize>) -> Result<(), String> {
    let fits = span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end);
    if fits {
        Ok(())
    } else {
        Err(format!("span {span:?} outside its file"))
    }
}

impl Serialize for Diagnostics {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Table::of(self).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Diagnostics {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        OwnedTable::deserialize(deserializer)?
            .into_diagnostics()
            .map_err(D::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diagnostics(file: &SourceFile, count: usize) -> Diagnostics {
        (0..count)
            .map(|i| Diagnostic::new(Code::BrokenReference, format!("link {i}")).at(file, i..i + 1))
            .collect()
    }

    #[test]
    fn a_file_is_stored_once_however_many_diagnostics_point_into_it() {
        let text = "x".repeat(100_000);
        let file = SourceFile::new("wraps/a.md", text.as_str());
        let one = postcard::to_stdvec(&diagnostics(&file, 1)).unwrap();
        let many = postcard::to_stdvec(&diagnostics(&file, 500)).unwrap();
        assert!(one.len() > 100_000);
        // 500 diagnostics cost their messages and spans, not 500 copies.
        assert!(many.len() < 100_000 + 500 * 32, "{} bytes", many.len());

        // Two copies of one file (read twice) are stored once too.
        let again = SourceFile::new("wraps/a.md", text.as_str());
        let mut both = diagnostics(&file, 1);
        both.extend(diagnostics(&again, 1));
        let both = postcard::to_stdvec(&both).unwrap();
        assert!(both.len() < 100_000 + 2 * 32, "{} bytes", both.len());
    }

    #[test]
    fn round_trips() {
        let a = SourceFile::in_site("site/a.md", "a.md", "é\nb\n");
        let b = SourceFile::new("b.md", "bb");
        let stored: Diagnostics = [
            Diagnostic::new(Code::UnknownKey, "one")
                .at(&a, 3..4)
                .with_help("h"),
            Diagnostic::new(Code::ReadFailed, "two").at_path("c.md"),
            Diagnostic::new(Code::EmptyWrap, "three").at(&b, 0..2),
            Diagnostic::new(Code::EmptyWrap, "four").at(&a, 0..2),
        ]
        .into_iter()
        .collect();
        let bytes = postcard::to_stdvec(&stored).unwrap();
        let back: Diagnostics = postcard::from_bytes(&bytes).unwrap();
        let show = |d: &Diagnostics| {
            d.iter()
                .map(|d| {
                    let at = d.location.as_ref().map(|l| {
                        (
                            l.file.path.clone(),
                            l.file.site_path.clone(),
                            l.file.text.clone(),
                            l.span.clone(),
                        )
                    });
                    format!(
                        "{:?} {:?} {} {:?} {at:?} {:?}",
                        d.level, d.code, d.message, d.path, d.help
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(show(&back), show(&stored));
    }

    #[test]
    fn a_row_naming_no_file_or_a_span_outside_it_does_not_decode() {
        let file = SourceFile::new("a.md", "é");
        let backwards = Range { start: 2, end: 1 };
        for (index, span) in [(1, 0..1), (0, 0..1), (0, 0..3), (0, backwards)] {
            let table = Table {
                files: vec![&file],
                rows: vec![Row {
                    level: Level::Warning,
                    code: Code::EmptyWrap,
                    message: Cow::Borrowed("m"),
                    path: None,
                    location: Some((index, Some(span.clone()))),
                    help: None,
                }],
            };
            let bytes = postcard::to_stdvec(&table).unwrap();
            let back = postcard::from_bytes::<Diagnostics>(&bytes);
            assert!(back.is_err(), "{index} {span:?} decoded");
        }
    }
}
