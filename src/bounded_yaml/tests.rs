//! Tests of the bounded reader: ordinary YAML reads as `YamlLoader` reads
//! it; each limit stops a hostile input with its error, at a place in it.

use yaml_rust2::YamlLoader;

use super::*;

fn problem(text: &str) -> Problem {
    let error = read(text).expect_err("past a limit");
    assert!(text.is_char_boundary(error.at) && error.at <= text.len());
    error.problem
}

/// `levels` lists nested by indentation: `- - - x`.
fn block_nesting(levels: usize) -> String {
    format!("key:\n  {}x\n", "- ".repeat(levels))
}

/// `levels` lists nested by brackets: `[[[x]]]`.
fn flow_nesting(levels: usize) -> String {
    format!("key: {}x{}\n", "[".repeat(levels), "]".repeat(levels))
}

/// "Billion laughs": each anchor a list of nine aliases to the one before.
fn laughs(levels: usize) -> String {
    let mut yaml = String::from("l0: &l0 \"lol\"\n");
    for level in 1..=levels {
        let items = vec![format!("*l{}", level - 1); 9].join(", ");
        yaml.push_str(&format!("l{level}: &l{level} [{items}]\n"));
    }
    yaml
}

#[test]
fn ordinary_yaml_reads_as_the_loader_reads_it() {
    let texts = [
        // MADR 4's template, filled in.
        "status: \"accepted\"\ndate: 2026-01-02\ndecision-makers: [Ana, Bo]\nconsulted: Zoë Ångström, SRE\ninformed: {list everyone}\n",
        "parent: Decisions\nnav_order: 3\nstatus: superseded by [ADR-0012](0012-x.md)\ntags:\n  - redis\n  - sessions\n",
        // .log4brains.yml
        "---\nproject:\n  name: shop\n  tz: Europe/Paris\n  adrFolder: ./docs/adr\n  packages:\n    - name: billing\n      path: ./services/billing\n      adrFolder: ./services/billing/docs/adr\n",
        // Anchors, aliases, tags, block scalars, numbers, several documents.
        "base: &base {a: 1, b: [x, y]}\ncopy: *base\nlist: [*base, *base]\n? [complex, key]\n: value\n",
        "n: !!str 12\ni: !!int 7\nf: !!float 1.5\nb: !!bool TRUE\nz: !!null ~\nbad: !!int x\nmine: !thing 3\n",
        "text: |\n  two\n  lines\nfolded: >\n  one\n  line\nreal: 1e3\nnull: ~\nneg: -.inf\n",
        "first: 1\n---\nsecond: 2\n",
        "",
        "# only a comment\n",
        "just text\n",
    ];
    for text in texts {
        let expected = YamlLoader::load_from_str(text).unwrap().into_iter().next();
        assert_eq!(read(text), Ok(expected), "{text}");
    }
}

#[test]
fn not_yaml_is_a_syntax_error_at_its_place() {
    let text = "name: Zoë\nstatus: [accepted\n";
    let error = read(text).unwrap_err();
    let expected = YamlLoader::load_from_str(text).unwrap_err();
    assert_eq!(error.problem, Problem::Syntax(expected.info().to_string()));
    assert!(error.is_syntax());
    // The mark counts characters; `ë` is two bytes.
    assert_eq!(
        byte_at(text, expected.marker()),
        expected.marker().index() + 1
    );
    assert_eq!(error.at, byte_at(text, expected.marker()));
    assert!(text.is_char_boundary(error.at));
}

#[test]
fn a_key_given_twice_is_a_syntax_error() {
    assert!(YamlLoader::load_from_str("a: 1\na: 2\n").is_err());
    assert_eq!(
        problem("a: 1\na: 2\n"),
        Problem::Syntax("`a`: duplicated key in mapping".to_string())
    );
}

#[test]
fn nesting_is_read_to_the_limit_and_no_deeper() {
    // The mapping `key:` is one level.
    for nesting in [block_nesting, flow_nesting] {
        assert!(read(&nesting(MAX_DEPTH - 1)).is_ok());
        assert_eq!(problem(&nesting(MAX_DEPTH)), Problem::TooDeep);
    }
}

#[test]
fn deep_block_nesting_stops_at_the_limit() {
    // 24 KB, 12,000 levels: `Parser::load` overflows the stack on it.
    let text = block_nesting(12_000);
    let error = read(&text).unwrap_err();
    assert_eq!(error.problem, Problem::TooDeep);
    // At the first level past the limit: `key:\n  ` then two bytes a level.
    assert_eq!(error.at, 7 + 2 * (MAX_DEPTH - 1));
}

#[test]
fn deep_flow_nesting_stops_at_the_limit() {
    // Past the scanner's own limit of 255 levels too, which it finds first
    // (it reads ahead to the end of a flow collection), calling it a
    // "recursion limit".
    assert_eq!(problem(&flow_nesting(10_000)), Problem::TooDeep);
    assert_eq!(problem(&flow_nesting(200)), Problem::TooDeep);
    assert_eq!(
        problem(&format!("{}\n", "{a: ".repeat(5_000))),
        Problem::TooDeep
    );
}

#[test]
fn billion_laughs_stop_at_the_value_budget() {
    for levels in [9, 20] {
        let text = laughs(levels);
        assert!(text.len() < 1_500);
        assert_eq!(
            problem(&text),
            Problem::TooManyValues { by_aliases: true },
            "{levels} levels"
        );
    }
    // Three levels are 9^3 = 729 values; with every level's, and the
    // copy each anchor keeps, 1849: read.
    let three = read(&laughs(3)).unwrap().unwrap();
    assert_eq!(three["l3"][8][8][8].as_str(), Some("lol"));
}

#[test]
fn an_alias_is_as_deep_as_the_value_it_copies() {
    // An anchored value 60 levels deep, copied five levels down: 66.
    let deep = format!("{}x{}", "[".repeat(60), "]".repeat(60));
    let text = format!("a: &a {deep}\nb: [[[[[*a]]]]]\n");
    assert_eq!(problem(&text), Problem::TooDeep);
    let text = format!("a: &a {deep}\nb: [*a]\n");
    assert!(read(&text).is_ok());
    // A chain of aliases, each one level deeper than the last.
    let mut chain = String::from("l0: &l0 x\n");
    for level in 1..100 {
        chain.push_str(&format!("l{level}: &l{level} [*l{}]\n", level - 1));
    }
    assert_eq!(problem(&chain), Problem::TooDeep);
}

#[test]
fn aliases_copying_long_text_stop_at_the_text_budget() {
    let long = "x".repeat(60_000);
    let aliases = vec!["*s"; 20].join(", ");
    let text = format!("s: &s {long}\ncopies: [{aliases}]\n");
    assert!(text.len() <= MAX_BYTES);
    assert_eq!(problem(&text), Problem::TooMuchText);
}

#[test]
fn many_values_without_aliases() {
    let items = |n: usize| format!("[{}]\n", vec!["a"; n].join(","));
    assert_eq!(
        read(&items(9_000)).unwrap().unwrap().as_vec().map(Vec::len),
        Some(9_000)
    );
    assert_eq!(
        problem(&items(MAX_VALUES)),
        Problem::TooManyValues { by_aliases: false }
    );
}

#[test]
fn nested_anchors_pay_for_the_copies_they_keep() {
    // Each anchor keeps a copy of its value, which holds the next: 62
    // copies of one long text would be 3.7 MB of text.
    let text = format!(
        "k: {}\"{}\"{}\n",
        (0..62).map(|i| format!("&a{i} [")).collect::<String>(),
        "x".repeat(60_000),
        "]".repeat(62)
    );
    assert!(text.len() <= MAX_BYTES);
    assert_eq!(problem(&text), Problem::TooMuchText);
}

#[test]
fn input_longer_than_the_limit_is_not_read() {
    let text = format!("k: {}\n", "é".repeat(MAX_BYTES));
    let error = read(&text).unwrap_err();
    assert_eq!(error.problem, Problem::TooLong);
    assert!(error.at <= MAX_BYTES && text.is_char_boundary(error.at));
    // A 25 KB front matter is read.
    let notes: String = (0..450)
        .map(|i| format!("  line {i:03} of notes kept in the front matter and ignored\n"))
        .collect();
    let text = format!("status: accepted\nnotes: |\n{notes}");
    assert!(text.len() > 25_000);
    assert_eq!(
        read(&text).unwrap().unwrap()["status"].as_str(),
        Some("accepted")
    );
}

#[test]
fn errors_say_what_went_past_which_limit() {
    let at = |problem| Error { problem, at: 0 };
    assert_eq!(
        at(Problem::TooDeep).describe(),
        "nests deeper than 64 levels"
    );
    assert_eq!(
        at(Problem::TooManyValues { by_aliases: true }).describe(),
        "has aliases that expand past 10000 values"
    );
    assert_eq!(at(Problem::TooLong).describe(), "is longer than 64 KiB");
    assert!(!at(Problem::TooMuchText).is_syntax());
}
