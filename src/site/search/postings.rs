//! Postings: for each term, the documents that hold it, each with one
//! small weight that folds in the best field it appears in and how much of
//! that field it is. Also, for each stop word, the documents that hold it.

use std::cmp::Ordering;
use std::sync::Arc;

use ahash::AHashMap;
use rayon::prelude::*;

use super::documents::{FIELDS, SearchDoc};
use super::terms::{Found, Terms};

/// Levels of [`Posting::weight`]'s strength: `0..STRENGTHS`.
const STRENGTHS: u8 = 4;

/// One term in one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Posting {
    /// Index into [`Postings::terms`].
    pub term: u32,
    pub doc: u32,
    /// `class * 4 + strength`: the class of the best field the term is in
    /// (3 title or id, 2 labels or people, 1 body), and its strength there,
    /// 0 to 3: `sqrt(count / field length)` in quarters, elasticlunr's
    /// term frequency with its length norm.
    pub weight: u8,
}

/// The whole index, before it is cut into files.
#[derive(Debug, Default)]
pub(crate) struct Postings {
    /// Every term, in UTF-16 order (JavaScript's `<`), so that the browser
    /// can find a term's shard by comparing strings.
    pub terms: Vec<Arc<str>>,
    /// Sorted by term, then document.
    pub postings: Vec<Posting>,
    /// Each stop word found, with the documents that hold it, in order.
    pub stops: Vec<(Arc<str>, Vec<u32>)>,
}

/// The weight of a term found `count` times in a field of `class` that has
/// `length` terms.
pub(crate) fn weight(class: u8, count: usize, length: usize) -> u8 {
    let share = count as f64 / length.max(1) as f64;
    let strength = (share.sqrt() * f64::from(STRENGTHS)) as u8;
    class * STRENGTHS + strength.min(STRENGTHS - 1)
}

/// What one document gives the index.
struct DocTerms {
    /// Term -> best weight.
    weights: Vec<(Arc<str>, u8)>,
    stops: Vec<Arc<str>>,
}

/// Indexes `docs`, numbered by their position.
pub(crate) fn build(docs: &[SearchDoc]) -> Postings {
    let per_doc: Vec<DocTerms> = docs.par_iter().map_init(Terms::new, doc_terms).collect();

    let mut ranks: AHashMap<Arc<str>, u32> = AHashMap::new();
    for doc in &per_doc {
        for (term, _) in &doc.weights {
            if !ranks.contains_key(term) {
                ranks.insert(term.clone(), 0);
            }
        }
    }
    let mut terms: Vec<Arc<str>> = ranks.keys().cloned().collect();
    terms.par_sort_unstable_by(|a, b| utf16_cmp(a, b));
    for (rank, term) in terms.iter().enumerate() {
        ranks.insert(term.clone(), rank as u32);
    }

    let mut postings: Vec<Posting> = per_doc
        .par_iter()
        .enumerate()
        .flat_map_iter(|(doc, found)| {
            let ranks = &ranks;
            found.weights.iter().map(move |(term, weight)| Posting {
                term: ranks[term],
                doc: doc as u32,
                weight: *weight,
            })
        })
        .collect();
    postings.par_sort_unstable_by_key(|p| (p.term, p.doc));

    let mut stops: AHashMap<Arc<str>, Vec<u32>> = AHashMap::new();
    for (doc, found) in per_doc.iter().enumerate() {
        for stop in &found.stops {
            stops.entry(stop.clone()).or_default().push(doc as u32);
        }
    }
    let mut stops: Vec<(Arc<str>, Vec<u32>)> = stops.into_iter().collect();
    stops.sort_unstable_by(|a, b| a.0.cmp(&b.0));

    Postings {
        terms,
        postings,
        stops,
    }
}

fn doc_terms(terms: &mut Terms, doc: &SearchDoc) -> DocTerms {
    let mut best: AHashMap<Arc<str>, u8> = AHashMap::new();
    let mut stops: Vec<Arc<str>> = Vec::new();
    let mut counts: AHashMap<Arc<str>, usize> = AHashMap::new();
    for (field, text) in FIELDS.iter().zip(&doc.fields) {
        counts.clear();
        // The field's length is elasticlunr's: its terms, repeats counted.
        let mut length = 0;
        terms.scan(text, |found| match found {
            Found::Term(term) => {
                length += 1;
                *counts.entry(term.clone()).or_default() += 1;
            }
            Found::Compound(term) => *counts.entry(term.clone()).or_default() += 1,
            Found::Stop(word) => {
                if !stops.contains(word) {
                    stops.push(word.clone());
                }
            }
        });
        for (term, count) in counts.drain() {
            let w = weight(field.class, count, length);
            let slot = best.entry(term).or_default();
            *slot = (*slot).max(w);
        }
    }
    DocTerms {
        weights: best.into_iter().collect(),
        stops,
    }
}

/// Compares as JavaScript compares strings: by UTF-16 code units.
pub(crate) fn utf16_cmp(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_fold_the_field_class_and_the_term_frequency() {
        // One word of a one-word title: all of it.
        assert_eq!(weight(3, 1, 1), 15);
        // One of four terms: sqrt(1/4) = 0.5, two quarters.
        assert_eq!(weight(3, 1, 4), 14);
        // Once in a long body.
        assert_eq!(weight(1, 1, 100), 4);
        assert_eq!(weight(2, 3, 9) / STRENGTHS, 2);
        // Any title match outweighs any body match.
        assert!(weight(3, 1, 1000) > weight(1, 1000, 1000));
    }

    #[test]
    fn utf16_order_is_javascripts() {
        // U+FF21 sorts before U+1F600 by code point, after its surrogates
        // (D83D DE00) in UTF-16.
        assert_eq!(utf16_cmp("\u{ff21}", "\u{1f600}"), Ordering::Greater);
        assert_eq!("\u{ff21}".cmp("\u{1f600}"), Ordering::Less);
        assert_eq!(utf16_cmp("ab", "abc"), Ordering::Less);
    }
}
