//! Cuts the postings into shards by term prefix and writes each as the
//! per-field tries of an elasticlunr.js 0.9.5 index: every node has `docs`
//! (doc ref -> `{"tf": ...}`) and `df`, and one child per next character.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;

use super::postings::Posting;

/// A first-letter shard larger than this (estimated bytes) is split by
/// second letter.
pub const SPLIT_BYTES: usize = 150_000;

/// A shard: a term prefix and the range of sorted postings under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shard {
    pub prefix: String,
    pub postings: Range<usize>,
}

/// Plans shards over postings sorted by term: one per first letter, or per
/// first two letters where a letter is large (its one-letter term, if any,
/// keeps a shard of its own).
pub fn plan(postings: &[Posting]) -> Vec<Shard> {
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

/// A trie node being built.
#[derive(Default)]
struct Node {
    docs: Vec<(usize, f64)>,
    children: BTreeMap<char, Node>,
}

/// The JSON of one shard: for each field, `{"root": trie}`, where the trie
/// holds every term of the shard (and the path from the root down to it).
pub fn write(postings: &[Posting], fields: &[&str]) -> String {
    let mut roots: Vec<Node> = fields.iter().map(|_| Node::default()).collect();
    for posting in postings {
        let mut node = &mut roots[posting.field];
        for c in posting.term.chars() {
            node = node.children.entry(c).or_default();
        }
        node.docs.push((posting.doc, posting.tf));
    }
    let mut out = String::with_capacity(postings.len() * 24);
    out.push('{');
    for (i, (field, root)) in fields.iter().zip(&roots).enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{}:{{\"root\":", json_string(field));
        write_node(&mut out, root);
        out.push('}');
    }
    out.push('}');
    out
}

fn write_node(out: &mut String, node: &Node) {
    out.push_str("{\"docs\":{");
    for (i, (doc, tf)) in node.docs.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "\"{doc}\":{{\"tf\":{tf:?}}}");
    }
    let _ = write!(out, "}},\"df\":{}", node.docs.len());
    for (c, child) in &node.children {
        let mut buf = [0u8; 4];
        let _ = write!(out, ",{}:", json_string(c.encode_utf8(&mut buf)));
        write_node(out, child);
    }
    out.push('}');
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
}
