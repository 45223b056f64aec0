//! Cuts the sorted terms into shards of about [`SHARD_BYTES`] each, so
//! that a query loads only the shards its terms fall in. A shard is a run
//! of consecutive terms; the manifest gives, for each shard after the
//! first, the shortest key that sorts after the previous shard's last term
//! and not after its own first term. A term's shard is then the last one
//! whose key is not greater than it, and the terms that start with a prefix
//! (which sort together) lie in a run of consecutive shards.

use std::cmp::Ordering;
use std::ops::Range;

use super::postings::utf16_cmp;

/// A shard's size, in bytes of its file, that the planner aims at; a term
/// whose postings alone are larger gets a shard to itself.
///
/// A query downloads one shard per word (its last word, a prefix, up to a
/// few more): small shards cost little per query, and the manifest names
/// every shard, so too many would grow it.
pub(crate) const SHARD_BYTES: usize = 12_000;

/// One shard: a run of terms, and the key the browser finds it by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Shard {
    /// Empty for the first shard.
    pub key: String,
    pub terms: Range<usize>,
}

/// Plans shards over `terms` (sorted), each with its postings as text.
pub(crate) fn plan<S: AsRef<str>, P: AsRef<str>>(terms: &[(S, P)]) -> Vec<Shard> {
    let mut shards: Vec<Shard> = Vec::new();
    let mut start = 0;
    let mut size = 0;
    for (i, (term, postings)) in terms.iter().enumerate() {
        // `"term","postings",`
        let bytes = term.as_ref().len() + postings.as_ref().len() + 6;
        if i > start && size + bytes > SHARD_BYTES {
            shards.push(shard(terms, start..i));
            start = i;
            size = 0;
        }
        size += bytes;
    }
    if start < terms.len() {
        shards.push(shard(terms, start..terms.len()));
    }
    shards
}

fn shard<S: AsRef<str>, P>(terms: &[(S, P)], range: Range<usize>) -> Shard {
    let key = match range.start {
        0 => String::new(),
        start => key(terms[start - 1].0.as_ref(), terms[start].0.as_ref()),
    };
    Shard { key, terms: range }
}

/// The shortest prefix of `first` that sorts after `previous`.
fn key(previous: &str, first: &str) -> String {
    let mut end = 0;
    for c in first.chars() {
        end += c.len_utf8();
        if utf16_cmp(&first[..end], previous) == Ordering::Greater {
            break;
        }
    }
    first[..end].to_string()
}

/// The JSON of a shard's terms and postings: `["term","postings",...]`.
pub(crate) fn write<S: AsRef<str>, P: AsRef<str>>(terms: &[(S, P)], shard: &Shard) -> String {
    let mut out = String::with_capacity(SHARD_BYTES + 64);
    out.push('[');
    for t in shard.terms.clone() {
        if t > shard.terms.start {
            out.push(',');
        }
        let (term, postings) = &terms[t];
        out.push_str(&serde_json::to_string(term.as_ref()).unwrap_or_default());
        out.push_str(",\"");
        // Digits need no escaping.
        out.push_str(postings.as_ref());
        out.push('"');
    }
    out.push(']');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shard the browser picks for `term`: the last whose key is not
    /// greater (`search.js`, `shardOf`).
    fn shard_of(shards: &[Shard], term: &str) -> usize {
        shards
            .iter()
            .rposition(|s| utf16_cmp(&s.key, term) != Ordering::Greater)
            .unwrap()
    }

    #[test]
    fn keys_find_every_terms_shard() {
        let terms = [
            "a", "ab", "abc", "abd", "b", "ba", "bab", "redi", "redirect", "redo", "z",
        ];
        let with: Vec<(&str, String)> = terms
            .iter()
            .map(|&t| (t, "A".repeat(SHARD_BYTES / 3)))
            .collect();
        let shards = plan(&with);
        assert!(shards.len() > 3, "{shards:?}");
        assert_eq!(shards[0].key, "");
        for (i, s) in shards.iter().enumerate() {
            for t in s.terms.clone() {
                assert_eq!(shard_of(&shards, terms[t]), i, "{}", terms[t]);
            }
        }
        // Contiguous and complete.
        assert_eq!(shards.last().unwrap().terms.end, terms.len());
        for pair in shards.windows(2) {
            assert_eq!(pair[0].terms.end, pair[1].terms.start);
        }
    }

    #[test]
    fn keys_are_as_short_as_they_can_be() {
        assert_eq!(key("redi", "redirect"), "redir");
        assert_eq!(key("abc", "b"), "b");
        assert_eq!(key("a", "ab"), "ab");
    }

    #[test]
    fn a_big_term_gets_a_shard_of_its_own() {
        let terms = [
            ("a", "A".to_string()),
            ("b", "A".repeat(SHARD_BYTES * 2)),
            ("c", "A".to_string()),
        ];
        let ranges: Vec<Range<usize>> = plan(&terms).into_iter().map(|s| s.terms).collect();
        assert_eq!(ranges, [0..1, 1..2, 2..3]);
    }

    #[test]
    fn shards_are_json_lists() {
        let terms = [("on-cal", "AB"), ("\"quoted\"", "g_")];
        let all = Shard {
            key: String::new(),
            terms: 0..2,
        };
        let json: serde_json::Value = serde_json::from_str(&write(&terms, &all)).unwrap();
        assert_eq!(
            json,
            serde_json::json!(["on-cal", "AB", "\"quoted\"", "g_"])
        );
    }
}
