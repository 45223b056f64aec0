//! `standin ack`: one `[ack]` line written into a front matter in place.
//!
//! A line for the id already there gets the new value. Otherwise the
//! scaffold's commented line for it (`# kenji-1120-a7f = "taken"   # what`)
//! becomes the real line, where it was, and its `# [ack]` the real table:
//! acknowledging is what deleting the `#`s by hand would have done.

use std::ops::Range;

use toml_edit::{Document, DocumentMut, Item, Key, Table, TableLike, Value};

use super::regions::{self, Spot, TableAt};
use crate::diagnostics::{Code, Diagnostic};

/// The table acknowledgements are written in.
const ACK: &str = "ack";

/// What became of the `[ack]` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum AckEdit {
    /// A new line.
    Added,
    /// The scaffold's commented line, filled in.
    Uncommented,
    /// The id was acknowledged already, with this value.
    Replaced { was: String },
}

/// Sets `id = "value"` in the front matter's `[ack]`. An error when
/// `ack` is there but holds no table.
pub(super) fn set(
    doc: &mut DocumentMut,
    id: &str,
    value: &str,
) -> Result<AckEdit, Box<Diagnostic>> {
    match doc.get_mut(ACK) {
        None => Ok(new_table(doc, id, value)),
        Some(Item::Table(table)) if !table.is_dotted() => Ok(into_table(doc, id, value)),
        Some(item) => match item.as_table_like_mut() {
            Some(table) => Ok(into_table_like(table, id, value)),
            None => Err(Box::new(
                Diagnostic::new(
                    Code::WrongType,
                    "`ack` in this wrap is not a table of acknowledgements",
                )
                .with_help("write `[ack]` and one `id = \"taken\"` line per ask under it"),
            )),
        },
    }
}

/// Where the `[ack]` line for `id` is written, in `front_matter`.
pub(super) fn span(front_matter: &str, id: &str) -> Option<Range<usize>> {
    let doc = Document::parse(front_matter).ok()?;
    let (key, item) = doc.get(ACK)?.as_table_like()?.get_key_value(id)?;
    Some(key.span()?.start..item.span()?.end)
}

/// Into an `[ack]` table that is there.
fn into_table(doc: &mut DocumentMut, id: &str, value: &str) -> AckEdit {
    let at = TableAt {
        key: ACK.to_string(),
        index: 0,
    };
    if let Some(table) = regions::table_mut(doc, &at)
        && let Some(was) = replace(table, id, value)
    {
        return AckEdit::Replaced { was };
    }
    // The scaffold's line is among the table's lines, or right after them.
    let mut spots = regions::keys_of(doc, &at);
    spots.push(regions::after(doc, &at));
    for spot in spots {
        let text = regions::text(doc, &spot);
        let Some((line, comment)) = regions::find_line(&text, |l| commented_line(l, id)) else {
            continue;
        };
        regions::set_text(doc, &spot, text[line.end..].to_string());
        let (key, item) = entry(id, value, &text[..line.start], &comment);
        if let Some(table) = regions::table_mut(doc, &at) {
            match &spot {
                Spot::Key { key: before, .. } => insert_before(table, before, &key, item),
                _ => {
                    table.insert_formatted(&key, item);
                }
            }
        }
        return AckEdit::Uncommented;
    }
    let comment = take_line_anywhere(doc, id);
    // After the table's own closing comments: those up to a blank line
    // (the comments after it are the next table's).
    let after = regions::after(doc, &at);
    let text = regions::text(doc, &after);
    let own = regions::find_line(&text, |l| l.trim().is_empty().then_some(()))
        .map_or(0, |(blank, ())| blank.start);
    regions::set_text(doc, &after, text[own..].to_string());
    if let Some(table) = regions::table_mut(doc, &at) {
        let (key, item) = entry(id, value, &text[..own], comment.as_deref().unwrap_or(""));
        table.insert_formatted(&key, item);
    }
    AckEdit::Added
}

/// Into `ack = { ... }` or `ack.id = "..."` lines: no commented lines to
/// look for there.
fn into_table_like(table: &mut dyn TableLike, id: &str, value: &str) -> AckEdit {
    if let Some(Item::Value(old)) = table.get_mut(id) {
        let was = written(old);
        let decor = old.decor().clone();
        *old = Value::from(value);
        *old.decor_mut() = decor;
        return AckEdit::Replaced { was };
    }
    table.insert(id, Item::Value(Value::from(value)));
    AckEdit::Added
}

/// A new `[ack]` table: where the scaffold's `# [ack]` is, uncommented,
/// else after every other table.
fn new_table(doc: &mut DocumentMut, id: &str, value: &str) -> AckEdit {
    // Only a stretch before a header, or at the end, holds nothing but
    // comments up to the next table: a `[ack]` uncommented in one before
    // a key would take that key and those after it into the table.
    let spots = regions::all(doc)
        .into_iter()
        .filter(|s| !matches!(s, Spot::Key { .. }));
    for spot in spots {
        let text = regions::text(doc, &spot);
        let Some((header, suffix)) = regions::find_line(&text, commented_header) else {
            continue;
        };
        let rest = &text[header.end..];
        let found = regions::find_line(rest, |l| commented_line(l, id));
        let (between, comment, after) = match &found {
            Some((line, comment)) => (&rest[..line.start], comment.as_str(), &rest[line.end..]),
            None => ("", "", rest),
        };
        let mut table = Table::new();
        table.decor_mut().set_prefix(&text[..header.start]);
        table.decor_mut().set_suffix(suffix);
        let (key, item) = entry(id, value, between, comment);
        table.insert_formatted(&key, item);
        let after = after.to_string();
        place(doc, &spot, table);
        regions::set_text(doc, &spot, after);
        return if found.is_some() {
            AckEdit::Uncommented
        } else {
            AckEdit::Added
        };
    }
    let comment = take_line_anywhere(doc, id);
    let mut table = Table::new();
    table.decor_mut().set_prefix("\n");
    let (key, item) = entry(id, value, "", comment.as_deref().unwrap_or(""));
    table.insert_formatted(&key, item);
    place(doc, &Spot::Trailing, table);
    AckEdit::Added
}

/// Puts the new `[ack]` table where the stretch `spot` is: before the
/// table it precedes, or after every table.
fn place(doc: &mut DocumentMut, spot: &Spot, mut table: Table) {
    let position = match spot {
        Spot::Header(before) => regions::tables(doc)
            .into_iter()
            .find(|(at, _)| at == before)
            .map(|(_, position)| position),
        _ => None,
    };
    let position = match position {
        Some(position) => {
            regions::make_room(doc, position);
            position
        }
        None => regions::end_position(doc),
    };
    table.set_position(Some(position));
    doc.insert(ACK, Item::Table(table));
}

/// A commented line for `id` anywhere else (a scaffold's `# [ack]` block
/// the writer moved): taken out, so that the id is not there twice. Its
/// comment, if any, goes with the new line.
fn take_line_anywhere(doc: &mut DocumentMut, id: &str) -> Option<String> {
    for spot in regions::all(doc) {
        let text = regions::text(doc, &spot);
        if let Some((line, comment)) = regions::find_line(&text, |l| commented_line(l, id)) {
            let rest = format!("{}{}", &text[..line.start], &text[line.end..]);
            regions::set_text(doc, &spot, rest);
            return Some(comment);
        }
    }
    None
}

/// Replaces the value of `id` in `table`, keeping what is written around
/// it; returns the value it had. `None` when `id` is not there.
fn replace(table: &mut Table, id: &str, value: &str) -> Option<String> {
    let Some(Item::Value(old)) = table.get_mut(id) else {
        return None;
    };
    let was = written(old);
    let decor = old.decor().clone();
    *old = Value::from(value);
    *old.decor_mut() = decor;
    Some(was)
}

/// A value as its text, or as written when it is not text.
fn written(value: &Value) -> String {
    value
        .as_str()
        .map_or_else(|| value.to_string().trim().to_string(), str::to_string)
}

/// The line `id = "value"`, after the comment lines `before`, with
/// `comment` after its value.
fn entry(id: &str, value: &str, before: &str, comment: &str) -> (Key, Item) {
    let mut key = Key::new(id);
    key.leaf_decor_mut().set_prefix(before);
    key.leaf_decor_mut().set_suffix(" ");
    let value = Value::from(value).decorated(" ", comment);
    (key, Item::Value(value))
}

/// Inserts `key` into `table` just before the key `before`.
fn insert_before(table: &mut Table, before: &str, key: &Key, item: Item) {
    let keys: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
    let from = keys.iter().position(|k| k == before).unwrap_or(keys.len());
    let moved: Vec<(Key, Item)> = keys[from..]
        .iter()
        .filter_map(|k| table.remove_entry(k))
        .collect();
    table.insert_formatted(key, item);
    for (key, item) in moved {
        table.insert_formatted(&key, item);
    }
}

/// The text of a commented-out line, `#` and what follows it.
fn uncommented(line: &str) -> Option<&str> {
    Some(line.trim_start().strip_prefix('#')?.trim_start())
}

/// Whether `line` is a commented-out `[ack]` line for `id` (`# id =
/// "taken"   # what`); the comment after its value, if so.
fn commented_line(line: &str, id: &str) -> Option<String> {
    let doc: DocumentMut = uncommented(line)?.parse().ok()?;
    let (key, item) = doc.iter().next()?;
    let value = item.as_value()?;
    (doc.len() == 1 && key == id && value.is_str()).then(|| {
        value
            .decor()
            .suffix()
            .and_then(|s| s.as_str())
            .unwrap_or_default()
            .to_string()
    })
}

/// Whether `line` is a commented-out `[ack]` header; what follows the
/// header on its line (a comment), if so.
fn commented_header(line: &str) -> Option<String> {
    let doc: DocumentMut = uncommented(line)?.parse().ok()?;
    let table = doc.get(ACK)?.as_table()?;
    (doc.len() == 1 && table.is_empty()).then(|| {
        table
            .decor()
            .suffix()
            .and_then(|s| s.as_str())
            .unwrap_or_default()
            .to_string()
    })
}

#[cfg(test)]
mod tests;
