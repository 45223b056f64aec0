//! `standin ask`: one ask appended to `next` in place, written as the
//! list already is (one per line, indented alike, comments kept), or as a
//! `[[next]]` table when the wrap writes its asks so.

use std::ops::Range;

use toml_edit::{Array, Document, DocumentMut, Item, Table, Value};

use super::regions;
use crate::content::ask::{AskTo, split_address};
use crate::diagnostics::{Code, Diagnostic};

/// The key asks are written under.
const NEXT: &str = "next";

/// Appends `text` to the front matter's `next`, making it if there is
/// none. An error when `next` is one `[next]` table (no list to add to).
pub(super) fn add(doc: &mut DocumentMut, text: &str) -> Result<(), Box<Diagnostic>> {
    match doc.get_mut(NEXT) {
        None => {
            let mut list = Array::new();
            list.push(text);
            doc.insert(NEXT, Item::Value(Value::Array(list)));
        }
        Some(Item::Value(Value::Array(list))) => push(list, text),
        Some(Item::Value(one)) => {
            // `next = "…"` or `next = { … }`: a list of it and the new one.
            let decor = one.decor().clone();
            let mut first = one.clone();
            first.decor_mut().clear();
            let mut list = Array::new();
            list.push(first);
            list.push(text);
            *list.decor_mut() = decor;
            *one = Value::Array(list);
        }
        Some(Item::ArrayOfTables(_)) => add_table(doc, text),
        Some(_) => {
            return Err(Box::new(
                Diagnostic::new(
                    Code::WrongType,
                    "`next` in this wrap is one table, not a list",
                )
                .with_help("write it as `[[next]]` (a list of tables), or as `next = [...]`"),
            ));
        }
    }
    Ok(())
}

/// Where the ask added last is written, in `front_matter`.
pub(super) fn span(front_matter: &str) -> Option<Range<usize>> {
    let doc = Document::parse(front_matter).ok()?;
    match doc.get(NEXT)? {
        Item::Value(Value::Array(list)) => list.iter().last()?.span(),
        Item::ArrayOfTables(tables) => {
            // A table's own span is its header's: up to its last value.
            let table = tables.iter().last()?;
            let end = table
                .iter()
                .filter_map(|(_, v)| v.span())
                .map(|s| s.end)
                .max();
            let header = table.span()?;
            Some(header.start..end.unwrap_or(header.end))
        }
        _ => None,
    }
}

/// Appends to a list, as its last item is written: on a line of its own,
/// indented alike, after any comment lines that close the list.
fn push(list: &mut Array, text: &str) {
    let multiline = list.trailing().as_str().unwrap_or_default().contains('\n')
        || list
            .iter()
            .any(|v| prefix(v).contains('\n') || suffix(v).contains('\n'));
    if !multiline {
        list.push(text);
        return;
    }
    let was_empty = list.is_empty();
    let indent = indent(list);
    // What is written after the last item: its own trailing space (when
    // no comma follows it), then the list's.
    let mut after = String::new();
    if let Some(last) = list.iter_mut().last() {
        after.push_str(&suffix(last));
        last.decor_mut().set_suffix("");
    }
    after.push_str(list.trailing().as_str().unwrap_or_default());
    // Up to the last line break: comments, which stay before the new
    // item; from it: the line break and indentation before `]`.
    let cut = after.rfind('\n').unwrap_or(after.len());
    let (before, close) = after.split_at(cut);
    let item = Value::from(text).decorated(format!("{before}\n{indent}"), "");
    list.push_formatted(item);
    list.set_trailing(close);
    if was_empty {
        list.set_trailing_comma(true);
    }
}

/// The indentation of the list's items: as its last item's, else as its
/// comment lines', else two spaces.
fn indent(list: &Array) -> String {
    let of_item = list.iter().last().and_then(|v| {
        let prefix = prefix(v);
        let line = &prefix[prefix.rfind('\n')? + 1..];
        line.chars()
            .all(char::is_whitespace)
            .then(|| line.to_string())
    });
    let of_comment = || {
        let trailing = list.trailing().as_str().unwrap_or_default();
        trailing
            .lines()
            .find(|l| !l.trim().is_empty())
            .map(|l| l[..l.len() - l.trim_start().len()].to_string())
    };
    of_item
        .or_else(of_comment)
        .unwrap_or_else(|| "  ".to_string())
}

fn prefix(value: &Value) -> String {
    let raw = value.decor().prefix().and_then(|r| r.as_str());
    raw.unwrap_or_default().to_string()
}

fn suffix(value: &Value) -> String {
    let raw = value.decor().suffix().and_then(|r| r.as_str());
    raw.unwrap_or_default().to_string()
}

/// Appends a `[[next]]` table after the last one: `to` from the ask's
/// address, `what` the rest.
fn add_table(doc: &mut DocumentMut, text: &str) {
    let (to, what) = split_address(text);
    let to = match to {
        AskTo::OwnTeam => None,
        AskTo::Everyone => Some("everyone".to_string()),
        AskTo::Person(name) => Some(format!("@{name}")),
        AskTo::Name(name) => Some(name),
    };
    let last = regions::tables(doc)
        .into_iter()
        .filter(|(at, _)| at.key == NEXT)
        .map(|(_, position)| position)
        .max();
    let position = last.map_or_else(|| regions::end_position(doc), |p| p + 1);
    regions::make_room(doc, position);
    let mut table = Table::new();
    table.set_position(Some(position));
    table.decor_mut().set_prefix("\n");
    if let Some(to) = to {
        table.insert("to", toml_edit::value(to));
    }
    table.insert("what", toml_edit::value(what));
    if let Some(Item::ArrayOfTables(tables)) = doc.get_mut(NEXT) {
        tables.push(table);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn add_to(text: &str, ask: &str) -> String {
        let mut doc: DocumentMut = text.parse().unwrap();
        add(&mut doc, ask).unwrap();
        let out = doc.to_string();
        let written = span(&out).map(|r| out[r].to_string());
        assert!(
            written
                .as_deref()
                .is_some_and(|w| w.contains(&ask[ask.len() - 4..])),
            "{out}"
        );
        out
    }

    #[test]
    fn a_list_one_per_line_gets_one_more_line() {
        let text = "next = [\n  \"a\",   # why\n    \"b\",\n]\nx = 1\n";
        assert_eq!(
            add_to(text, "billing: rotate"),
            "next = [\n  \"a\",   # why\n    \"b\",\n    \"billing: rotate\",\n]\nx = 1\n"
        );
        // No comma after the last item: none after the new one either.
        assert_eq!(
            add_to("next = [\n  \"a\"\n]\n", "b c d e"),
            "next = [\n  \"a\",\n  \"b c d e\"\n]\n"
        );
    }

    #[test]
    fn the_scaffolds_commented_list_keeps_its_comments() {
        let text = "next = [\n  # \"What your team's next shift should pick up\",\n  # \"platform: for another team\",\n]\n";
        assert_eq!(
            add_to(text, "@bo check the disk"),
            "next = [\n  # \"What your team's next shift should pick up\",\n  # \"platform: for another team\",\n  \"@bo check the disk\",\n]\n"
        );
    }

    #[test]
    fn a_list_on_one_line_stays_on_one_line() {
        assert_eq!(
            add_to("next = [\"a\", \"b\"]   # asks\n", "c d e f"),
            "next = [\"a\", \"b\", \"c d e f\"]   # asks\n"
        );
        assert_eq!(add_to("next = []\n", "c d e f"), "next = [\"c d e f\"]\n");
    }

    #[test]
    fn no_next_then_one_after_the_other_keys() {
        assert_eq!(
            add_to("a = 1\n\n# c\n[[risk]]\nid = \"r\"\n", "c d e f"),
            "a = 1\nnext = [\"c d e f\"]\n\n# c\n[[risk]]\nid = \"r\"\n"
        );
        assert_eq!(
            add_to("next = \"a\"   # one\n", "c d e f"),
            "next = [\"a\", \"c d e f\"]   # one\n"
        );
    }

    #[test]
    fn tables_of_asks_get_one_more_table() {
        let text = "a = 1\n\n[[next]]\nwhat = \"x\"\n\n[[risk]]\nid = \"r\"\n";
        assert_eq!(
            add_to(text, "billing: rotate the keys"),
            "a = 1\n\n[[next]]\nwhat = \"x\"\n\n[[next]]\nto = \"billing\"\nwhat = \"rotate the keys\"\n\n[[risk]]\nid = \"r\"\n"
        );
    }

    #[test]
    fn one_next_table_is_an_error() {
        let mut doc: DocumentMut = "[next]\nwhat = \"x\"\n".parse().unwrap();
        assert_eq!(add(&mut doc, "y").unwrap_err().code, Code::WrongType);
    }
}
