//! Tests of the strict reader: every problem at its place in the file.

use super::*;

const KEYS: &[&str] = &["name", "count", "level", "item"];
const ITEM_KEYS: &[&str] = &["id"];

choice_enum! {
    enum Loudness {
        Low = "low",
        High = "high",
    }
}

fn origin(text: &str) -> DocumentOrigin {
    DocumentOrigin {
        file: SourceFile::new("t.md", format!("+++\n{text}+++\n")),
        offset: 4,
    }
}

fn read(text: &str) -> (Diagnostics, Option<String>, Option<Loudness>, usize) {
    let origin = origin(text);
    let mut diags = Diagnostics::new();
    let Some(mut table) = parse_document(text, &origin, "wrap", KEYS, &mut diags) else {
        return (diags, None, None, 0);
    };
    let name = table
        .required::<String>("name", &mut diags)
        .map(|l| l.value);
    let _count = table.optional::<u32>("count", &mut diags);
    let level = table
        .choice::<Loudness>("level", &mut diags)
        .map(|l| l.value);
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
    assert_eq!(level, Some(Loudness::High));
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
fn syntax_errors_point_at_the_real_line() {
    let (diags, ..) = read("name = \"a\"\nlevel = high\n");
    assert_eq!(diags.len(), 1, "{diags:?}");
    let d = diags.iter().next().unwrap();
    assert_eq!(d.code, Code::TomlSyntax);
    assert_eq!(d.line_column().unwrap().0, 3);
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
