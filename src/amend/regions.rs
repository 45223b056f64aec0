//! The comment lines of a front matter, where `toml_edit` keeps them.
//!
//! `toml_edit` keeps every stretch of comments and blank lines between two
//! items in the decor of the item that follows (a key, a table header) or,
//! after the last item, in the document's trailing text. A [`Spot`] names
//! one such stretch, so that a line found in it (the scaffold's
//! `# [ack]`, `# kenji-1120-a7f = "taken"`) can be replaced by a real key
//! or table at exactly its place.

use std::ops::Range;

use toml_edit::{DocumentMut, Item, Table};

/// A top-level table: `[ack]` (`index` 0) or the `index`th `[[risk]]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct TableAt {
    pub key: String,
    pub index: usize,
}

/// Where a stretch of comment and blank lines is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Spot {
    /// Before a key: of the root (`None`) or of a top-level table.
    Key { table: Option<TableAt>, key: String },
    /// Before a top-level table's header.
    Header(TableAt),
    /// After the last item.
    Trailing,
}

/// The top-level tables (plain tables and each table of an array of
/// tables), in the order they are written, with their positions.
pub(super) fn tables(doc: &DocumentMut) -> Vec<(TableAt, isize)> {
    let mut found = Vec::new();
    // As toml_edit writes them: a table without a position follows the
    // one before it.
    let mut last = 0;
    for (key, item) in doc.iter() {
        let mut note = |index: usize, table: &Table| {
            last = table.position().unwrap_or(last);
            found.push((
                TableAt {
                    key: key.to_string(),
                    index,
                },
                last,
            ));
        };
        match item {
            Item::Table(table) if !table.is_dotted() => note(0, table),
            Item::ArrayOfTables(array) => {
                for (index, table) in array.iter().enumerate() {
                    note(index, table);
                }
            }
            _ => {}
        }
    }
    found.sort_by_key(|(_, position)| *position);
    found
}

/// The table at `at`.
pub(super) fn table<'a>(doc: &'a DocumentMut, at: &TableAt) -> Option<&'a Table> {
    match doc.get(&at.key)? {
        Item::Table(table) if at.index == 0 => Some(table),
        Item::ArrayOfTables(array) => array.get(at.index),
        _ => None,
    }
}

/// The table at `at`, to change.
pub(super) fn table_mut<'a>(doc: &'a mut DocumentMut, at: &TableAt) -> Option<&'a mut Table> {
    match doc.get_mut(&at.key)? {
        Item::Table(table) if at.index == 0 => Some(table),
        Item::ArrayOfTables(array) => array.get_mut(at.index),
        _ => None,
    }
}

/// Every stretch of the document, in the order they are written.
pub(super) fn all(doc: &DocumentMut) -> Vec<Spot> {
    let mut spots: Vec<Spot> = doc
        .iter()
        .filter(|(_, item)| item.is_value())
        .map(|(key, _)| Spot::Key {
            table: None,
            key: key.to_string(),
        })
        .collect();
    for (at, _) in tables(doc) {
        spots.push(Spot::Header(at.clone()));
        spots.extend(keys_of(doc, &at));
    }
    spots.push(Spot::Trailing);
    spots
}

/// The stretches before each key of the table at `at`.
pub(super) fn keys_of(doc: &DocumentMut, at: &TableAt) -> Vec<Spot> {
    table(doc, at)
        .map(|t| {
            t.iter()
                .filter(|(_, item)| item.is_value())
                .map(|(key, _)| Spot::Key {
                    table: Some(at.clone()),
                    key: key.to_string(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The stretch right after the last key of the table at `at`: before the
/// next table's header, or the trailing text.
pub(super) fn after(doc: &DocumentMut, at: &TableAt) -> Spot {
    let tables = tables(doc);
    tables
        .iter()
        .position(|(t, _)| t == at)
        .and_then(|i| tables.get(i + 1))
        .map_or(Spot::Trailing, |(next, _)| Spot::Header(next.clone()))
}

/// The text of a stretch (empty when toml_edit would write its default).
pub(super) fn text(doc: &DocumentMut, spot: &Spot) -> String {
    let raw = match spot {
        Spot::Key { table: None, key } => doc
            .as_table()
            .key(key)
            .and_then(|k| k.leaf_decor().prefix()),
        Spot::Key {
            table: Some(at),
            key,
        } => table(doc, at)
            .and_then(|t| t.key(key))
            .and_then(|k| k.leaf_decor().prefix()),
        Spot::Header(at) => table(doc, at).and_then(|t| t.decor().prefix()),
        Spot::Trailing => Some(doc.trailing()),
    };
    raw.and_then(|r| r.as_str()).unwrap_or_default().to_string()
}

/// Replaces the text of a stretch.
pub(super) fn set_text(doc: &mut DocumentMut, spot: &Spot, text: String) {
    match spot {
        Spot::Key { table: None, key } => {
            if let Some(mut key) = doc.as_table_mut().key_mut(key) {
                key.leaf_decor_mut().set_prefix(text);
            }
        }
        Spot::Key {
            table: Some(at),
            key,
        } => {
            if let Some(mut key) = table_mut(doc, at).and_then(|t| t.key_mut(key)) {
                key.leaf_decor_mut().set_prefix(text);
            }
        }
        Spot::Header(at) => {
            if let Some(table) = table_mut(doc, at) {
                table.decor_mut().set_prefix(text);
            }
        }
        Spot::Trailing => doc.set_trailing(text),
    }
}

/// The first line of `text` that `matches` (its bytes, newline included),
/// with what `matches` made of it.
pub(super) fn find_line<T>(
    text: &str,
    mut matches: impl FnMut(&str) -> Option<T>,
) -> Option<(Range<usize>, T)> {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.len();
        if let Some(found) = matches(line.trim_end_matches(['\n', '\r'])) {
            return Some((start..end, found));
        }
        start = end;
    }
    None
}

/// Moves every table at `from` or later one place on, to make room for a
/// new table at `from`.
pub(super) fn make_room(doc: &mut DocumentMut, from: isize) {
    fn shift(table: &mut Table, from: isize) {
        if let Some(position) = table.position().filter(|p| *p >= from) {
            table.set_position(Some(position + 1));
        }
        for (_, item) in table.iter_mut() {
            match item {
                Item::Table(inner) => shift(inner, from),
                Item::ArrayOfTables(array) => array.iter_mut().for_each(|t| shift(t, from)),
                _ => {}
            }
        }
    }
    for (_, item) in doc.as_table_mut().iter_mut() {
        match item {
            Item::Table(table) => shift(table, from),
            Item::ArrayOfTables(array) => array.iter_mut().for_each(|t| shift(t, from)),
            _ => {}
        }
    }
}

/// The position after every table: where a new last table goes.
pub(super) fn end_position(doc: &DocumentMut) -> isize {
    tables(doc).last().map_or(1, |(_, position)| position + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "a = 1\n# before b\nb = 2\n\n# before t\n[t]\n# in t\nx = 1\n\n# before r\n[[r]]\ny = 1\n# end\n";

    #[test]
    fn every_stretch_in_the_order_written() {
        let doc: DocumentMut = TEXT.parse().unwrap();
        let texts: Vec<String> = all(&doc).iter().map(|s| text(&doc, s)).collect();
        assert_eq!(
            texts,
            [
                "",
                "# before b\n",
                "\n# before t\n",
                "# in t\n",
                "\n# before r\n",
                "",
                "# end\n"
            ]
        );
        let t = TableAt {
            key: "t".into(),
            index: 0,
        };
        assert_eq!(
            after(&doc, &t),
            Spot::Header(TableAt {
                key: "r".into(),
                index: 0
            })
        );
    }

    #[test]
    fn a_stretch_is_written_where_it_was() {
        let mut doc: DocumentMut = TEXT.parse().unwrap();
        set_text(&mut doc, &Spot::Trailing, "# the end\n".into());
        let spot = Spot::Key {
            table: Some(TableAt {
                key: "t".into(),
                index: 0,
            }),
            key: "x".into(),
        };
        set_text(&mut doc, &spot, "# x\n".into());
        assert_eq!(
            doc.to_string(),
            TEXT.replace("# in t\n", "# x\n")
                .replace("# end\n", "# the end\n")
        );
    }

    #[test]
    fn lines_are_found_with_their_newline() {
        let found = find_line("# a\n# b = 1\n", |l| l.ends_with('1').then_some(()));
        assert_eq!(found.map(|(r, ())| r), Some(4..12));
    }

    #[test]
    fn room_is_made_before_a_table() {
        let mut doc: DocumentMut = TEXT.parse().unwrap();
        let r_at = tables(&doc)[1].1;
        make_room(&mut doc, r_at);
        let mut table = Table::new();
        table.set_position(Some(r_at));
        table.insert("z", toml_edit::value(3));
        doc.insert("n", Item::Table(table));
        assert!(
            doc.to_string()
                .contains("x = 1\n\n[n]\nz = 3\n\n# before r\n[[r]]"),
            "{doc}"
        );
        assert_eq!(end_position(&doc), r_at + 2);
    }
}
