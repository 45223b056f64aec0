use super::*;

/// `text` with `id = "value"` set, and how.
fn set_in(text: &str, id: &str, value: &str) -> (String, AckEdit) {
    let mut doc: DocumentMut = text.parse().unwrap();
    let edit = set(&mut doc, id, value).unwrap();
    let out = doc.to_string();
    // What is written is TOML that says exactly this.
    let read: DocumentMut = out.parse().unwrap();
    assert_eq!(read[ACK][id].as_str(), Some(value), "{out}");
    // Its span is the whole line: key to value.
    let line = &out[span(&out, id).unwrap()];
    assert!(line.ends_with(&format!("{value:?}")), "{line}");
    (out, edit)
}

const SCAFFOLD: &str = r#"author = "ana"
next = [
  # "What your team's next shift should pick up",
]

# To acknowledge an ask, uncomment `[ack]` and its line.
# [ack]
# Waiting for you:
# bo-1118-abc = "taken"   # Resize db-1 volume (bo, Wed 18 Nov)
# bo-1118-xyz = "taken"   # Watch the disk (bo, Wed 18 Nov)

# A decision needs its reason:
# [[decision]]
# title = ""
"#;

#[test]
fn the_scaffolds_lines_are_uncommented_in_place() {
    let (out, edit) = set_in(SCAFFOLD, "bo-1118-xyz", "done: resized");
    assert_eq!(edit, AckEdit::Uncommented);
    assert_eq!(
        out,
        SCAFFOLD.replace("# [ack]", "[ack]").replace(
            "# bo-1118-xyz = \"taken\"",
            "bo-1118-xyz = \"done: resized\""
        )
    );
}

#[test]
fn before_a_table_the_scaffolds_block_becomes_the_table() {
    let text = format!("{SCAFFOLD}\n[[risk]]\nid = \"db\"\nstatus = \"open\"\n");
    let (out, edit) = set_in(&text, "bo-1118-abc", "taken");
    assert_eq!(edit, AckEdit::Uncommented);
    assert_eq!(
        out,
        text.replace("# [ack]", "[ack]")
            .replace("# bo-1118-abc", "bo-1118-abc")
    );
}

#[test]
fn a_header_without_the_line_gets_the_line_under_it() {
    let (out, edit) = set_in(SCAFFOLD, "kenji-1120-a7f", "taken");
    assert_eq!(edit, AckEdit::Added);
    assert_eq!(
        out,
        SCAFFOLD.replace("# [ack]\n", "[ack]\nkenji-1120-a7f = \"taken\"\n")
    );
}

#[test]
fn a_line_already_there_gets_the_new_value_and_keeps_its_comment() {
    let text = "a = 1\n\n[ack]\nx-1 = \"taken\"   # the drill\ny-2 = \"done\"\n";
    let (out, edit) = set_in(text, "x-1", "done: ran it");
    assert_eq!(
        edit,
        AckEdit::Replaced {
            was: "taken".into()
        }
    );
    assert_eq!(out, text.replace("\"taken\"", "\"done: ran it\""));
}

#[test]
fn a_commented_line_inside_the_table_is_replaced_where_it_is() {
    let text = "a = 1\n\n[ack]\nx-1 = \"taken\"\n# z-3 = \"taken\"   # why\ny-2 = \"done\"\n# w-4 = \"taken\"\n\n[[risk]]\nid = \"r\"\n";
    let (out, _) = set_in(text, "z-3", "declined: not ours");
    assert_eq!(
        out,
        text.replace(
            "# z-3 = \"taken\"   # why",
            "z-3 = \"declined: not ours\"   # why"
        )
    );
    let (out, edit) = set_in(text, "w-4", "taken");
    assert_eq!(edit, AckEdit::Uncommented);
    assert_eq!(out, text.replace("# w-4", "w-4"));
}

#[test]
fn without_the_scaffolds_block_a_table_is_added_after_the_others() {
    let text = "a = 1\n\n[[risk]]\nid = \"r\"\n\n# the end\n";
    let (out, edit) = set_in(text, "x-1", "taken");
    assert_eq!(edit, AckEdit::Added);
    assert_eq!(
        out,
        "a = 1\n\n[[risk]]\nid = \"r\"\n\n[ack]\nx-1 = \"taken\"\n\n# the end\n"
    );
}

#[test]
fn a_commented_line_elsewhere_is_moved_not_repeated() {
    // `# [ack]` deleted, its line left before a key: the line moves into
    // the new table with its comment.
    let text = "a = 1\n# x-1 = \"taken\"   # the drill\nb = 2\n";
    let (out, _) = set_in(text, "x-1", "done");
    assert_eq!(out, "a = 1\nb = 2\n\n[ack]\nx-1 = \"done\"   # the drill\n");
}

#[test]
fn a_header_before_a_key_is_not_uncommented() {
    // Uncommented, `[ack]` would take `b` into the table.
    let text = "a = 1\n# [ack]\nb = 2\n";
    let (out, _) = set_in(text, "x-1", "taken");
    assert_eq!(out, "a = 1\n# [ack]\nb = 2\n\n[ack]\nx-1 = \"taken\"\n");
}

#[test]
fn inline_tables_and_ids_that_need_quotes() {
    let (out, edit) = set_in("ack = { x-1 = \"taken\" }\n", "x-1", "done");
    assert_eq!(
        edit,
        AckEdit::Replaced {
            was: "taken".into()
        }
    );
    assert_eq!(out, "ack = { x-1 = \"done\" }\n");
    let (out, _) = set_in("ack = { x-1 = \"taken\" }\n", "y.2", "done");
    assert_eq!(out, "ack = { x-1 = \"taken\" , \"y.2\" = \"done\" }\n");
    let (out, _) = set_in("a = 1\n", "y.2", "taken");
    assert_eq!(out, "a = 1\n\n[ack]\n\"y.2\" = \"taken\"\n");
}

#[test]
fn ack_that_is_no_table_is_an_error() {
    let mut doc: DocumentMut = "ack = \"taken\"\n".parse().unwrap();
    let problem = set(&mut doc, "x-1", "done").unwrap_err();
    assert_eq!(problem.code, Code::WrongType);
}

#[test]
fn a_new_line_goes_after_the_tables_own_comments() {
    let text =
        "a = 1\n\n[ack]\nx-1 = \"taken\"\n# more to come\n\n# the risk:\n[[risk]]\nid = \"r\"\n";
    let (out, edit) = set_in(text, "y-2", "done");
    assert_eq!(edit, AckEdit::Added);
    assert_eq!(
        out,
        text.replace("# more to come\n", "# more to come\ny-2 = \"done\"\n")
    );
    // Comments right above the next header are that table's.
    let text = "a = 1\n\n[ack]\nx-1 = \"taken\"\n# the risk:\n[[risk]]\nid = \"r\"\n";
    let (out, _) = set_in(text, "y-2", "done");
    assert_eq!(
        out,
        text.replace("x-1 = \"taken\"\n", "x-1 = \"taken\"\ny-2 = \"done\"\n")
    );
}
