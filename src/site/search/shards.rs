//! Cuts the postings into shards by term prefix and writes each as the
//! per-field tries of an elasticlunr.js 0.9.5 index: every node has `docs`
//! (doc ref -> `{"tf": ...}`) and `df`, and one child per next character.

use std::fmt::Write as _;
use std::ops::Range;

use super::postings::Posting;

/// A first-letter shard larger than this (estimated bytes) is split by
/// second letter.
pub(crate) const SPLIT_BYTES: usize = 150_000;

/// A shard: a term prefix and the range of sorted postings under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Shard {
    pub prefix: String,
    pub postings: Range<usize>,
}

/// Plans shards over postings sorted by term: one per first letter, or per
/// first two letters where a letter is large (its one-letter term, if any,
/// keeps a shard of its own).
pub(crate) fn plan(postings: &[Posting]) -> Vec<Shard> {
    let mut shards = Vec::new();
    for letter in runs(postings, 0..postings.len(), |p| first_chars(&p.term, 1)) {
        let size: usize = postings[letter.clone()].iter().map(estimated_bytes).sum();
        if size <= SPLIT_BYTES {
            shards.push(Shard {
                prefix: first_chars(&postings[letter.start].term, 1).to_string(),
                postings: letter,
            });
            continue;
        }
        for part in runs(postings, letter, |p| first_chars(&p.term, 2)) {
            shards.push(Shard {
                prefix: first_chars(&postings[part.start].term, 2).to_string(),
                postings: part,
            });
        }
    }
    shards
}

/// Consecutive runs of postings with the same key.
fn runs<'a>(
    postings: &'a [Posting],
    range: Range<usize>,
    key: impl Fn(&'a Posting) -> &'a str,
) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    for i in range.start + 1..=range.end {
        if i == range.end || key(&postings[i]) != key(&postings[start]) {
            out.push(start..i);
            start = i;
        }
    }
    out
}

fn first_chars(term: &str, n: usize) -> &str {
    let end = term.char_indices().nth(n).map_or(term.len(), |(i, _)| i);
    &term[..end]
}

fn estimated_bytes(p: &Posting) -> usize {
    // `"1234":{"tf":0.577},` plus a share of the trie's own keys.
    18 + p.term.len()
}

/// The JSON of one shard: for each field, `{"root": trie}`, where the trie
/// holds every term of the shard (and the path from the root down to it).
///
/// Postings come sorted by term, and terms in sorted order are the trie's
/// nodes in depth-first order (a prefix sorts before its extensions), so
/// the trie is written straight from them: no tree is built, and no
/// recursion follows a term's length.
pub(crate) fn write(postings: &[Posting], fields: &[&str]) -> String {
    let mut out = String::with_capacity(postings.len() * 24);
    out.push('{');
    for (field_index, field) in fields.iter().enumerate() {
        if field_index > 0 {
            out.push(',');
        }
        let _ = write!(out, "{}:{{\"root\":", json_string(field));
        open_node(&mut out, &[]);
        // The characters of the path from the root to the open node.
        let mut open: Vec<char> = Vec::new();
        let in_field: Vec<&Posting> = postings.iter().filter(|p| p.field == field_index).collect();
        for term in in_field.chunk_by(|a, b| a.term == b.term) {
            let chars: Vec<char> = term[0].term.chars().collect();
            let shared = open.iter().zip(&chars).take_while(|(a, b)| a == b).count();
            debug_assert!(shared < chars.len(), "postings must be sorted by term");
            for _ in shared..open.len() {
                out.push('}');
            }
            open.truncate(shared);
            for (depth, c) in chars.iter().enumerate().skip(shared) {
                let mut buf = [0u8; 4];
                let _ = write!(out, ",{}:", json_string(c.encode_utf8(&mut buf)));
                let docs: &[&Posting] = if depth + 1 == chars.len() { term } else { &[] };
                open_node(&mut out, docs);
                open.push(*c);
            }
        }
        for _ in 0..open.len() {
            out.push('}');
        }
        // The root, then the field.
        out.push_str("}}");
    }
    out.push('}');
    out
}

/// Writes a node's `docs` and `df`, leaving it open for its children.
fn open_node(out: &mut String, docs: &[&Posting]) {
    out.push_str("{\"docs\":{");
    for (i, posting) in docs.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "\"{}\":{{\"tf\":{:?}}}", posting.doc, posting.tf);
    }
    let _ = write!(out, "}},\"df\":{}", docs.len());
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posting(term: &str, doc: usize) -> Posting {
        Posting {
            term: term.into(),
            field: 0,
            doc,
            tf: 1.0,
        }
    }

    #[test]
    fn small_letters_make_one_shard_each() {
        let p = vec![
            posting("apple", 0),
            posting("avocado", 1),
            posting("berry", 0),
        ];
        let shards = plan(&p);
        assert_eq!(
            shards,
            [
                Shard {
                    prefix: "a".into(),
                    postings: 0..2
                },
                Shard {
                    prefix: "b".into(),
                    postings: 2..3
                }
            ]
        );
    }

    #[test]
    fn big_letters_split_by_second_letter() {
        let mut p = vec![posting("r", 0)];
        p.extend((0..SPLIT_BYTES / 20).map(|d| posting("redis", d)));
        p.push(posting("rollback", 0));
        let prefixes: Vec<String> = plan(&p).into_iter().map(|s| s.prefix).collect();
        assert_eq!(prefixes, ["r", "re", "ro"]);
    }

    #[test]
    fn writes_elasticlunr_tries() {
        let p = vec![posting("ab", 3), posting("b", 1)];
        let json: serde_json::Value = serde_json::from_str(&write(&p, &["title"])).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"title": {"root": {"docs": {}, "df": 0,
                "a": {"docs": {}, "df": 0, "b": {"docs": {"3": {"tf": 1.0}}, "df": 1}},
                "b": {"docs": {"1": {"tf": 1.0}}, "df": 1}}}})
        );
    }

    /// A trie built node by node, the obvious way, to check the streamed
    /// one against.
    fn reference_trie(postings: &[&Posting]) -> serde_json::Value {
        let mut root = serde_json::json!({"docs": {}, "df": 0});
        for p in postings {
            let mut node = &mut root;
            for c in p.term.chars() {
                let key = c.to_string();
                if node.get(&key).is_none() {
                    node[key.as_str()] = serde_json::json!({"docs": {}, "df": 0});
                }
                node = &mut node[key.as_str()];
            }
            node["docs"][p.doc.to_string()] = serde_json::json!({"tf": p.tf});
            node["df"] = serde_json::json!(node["df"].as_u64().unwrap() + 1);
        }
        root
    }

    #[test]
    fn streamed_tries_equal_tries_built_node_by_node() {
        let terms = [
            "a", "ab", "abc", "abd", "abdé", "b", "ba", "bab", "c", "ça", "zz",
        ];
        let mut p: Vec<Posting> = Vec::new();
        for (i, term) in terms.iter().enumerate() {
            for field in 0..2 {
                for doc in 0..(i % 3 + 1) {
                    if (i + field + doc) % 2 == 0 {
                        p.push(Posting {
                            term: (*term).into(),
                            field,
                            doc: doc * 7 + field,
                            tf: 0.5,
                        });
                    }
                }
            }
        }
        p.sort_by(|a, b| (&a.term, a.field, a.doc).cmp(&(&b.term, b.field, b.doc)));
        let json: serde_json::Value = serde_json::from_str(&write(&p, &["title", "body"])).unwrap();
        for (field, name) in ["title", "body"].iter().enumerate() {
            let of_field: Vec<&Posting> = p.iter().filter(|p| p.field == field).collect();
            assert_eq!(json[*name]["root"], reference_trie(&of_field), "{name}");
        }
    }

    #[test]
    fn a_term_of_any_length_is_written_without_recursion() {
        // Deeper than any thread's stack would allow a recursive writer
        // (18,000 characters overflowed it).
        let deep = "x".repeat(200_000);
        let p = vec![posting(&deep, 0), posting(&format!("{deep}y"), 1)];
        let json = write(&p, &["body"]);
        assert_eq!(json.matches('{').count(), json.matches('}').count());
        // The root and 199,999 `x` nodes hold no documents.
        assert_eq!(json.matches(r#"{"docs":{},"df":0"#).count(), 200_000);
        // Closed: `y`, 200,000 `x`s, the root, the field, the shard.
        let closing = format!(
            r#"{{"docs":{{"1":{{"tf":1.0}}}},"df":1{}"#,
            "}".repeat(200_004)
        );
        assert!(json.ends_with(&closing));
    }
}
