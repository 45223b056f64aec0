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
    /// (3 id, 2 title, 1 labels or people, 0 body), and its strength there,
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

/// Documents scanned at once: only one batch's terms per document are
/// held at a time, not every document's.
const BATCH: usize = 1024;

/// Indexes `docs`, numbered by their position. Terms are numbered as they
/// are first met, then renumbered in UTF-16 order once all are known.
pub(crate) fn build(docs: &[SearchDoc]) -> Postings {
    let mut numbers: AHashMap<Arc<str>, u32> = AHashMap::new();
    let mut met: Vec<Arc<str>> = Vec::new();
    let mut postings: Vec<Posting> = Vec::new();
    let mut stops: AHashMap<Arc<str>, Vec<u32>> = AHashMap::new();
    for (n, batch) in docs.chunks(BATCH).enumerate() {
        let per_doc: Vec<DocTerms> = batch.par_iter().map_init(Terms::new, doc_terms).collect();
        for (i, found) in per_doc.into_iter().enumerate() {
            let doc = (n * BATCH + i) as u32;
            for (term, weight) in found.weights {
                let number = *numbers.entry(term).or_insert_with_key(|term| {
                    met.push(term.clone());
                    met.len() as u32 - 1
                });
                postings.push(Posting {
                    term: number,
                    doc,
                    weight,
                });
            }
            for stop in found.stops {
                stops.entry(stop).or_default().push(doc);
            }
        }
    }
    drop(numbers);

    let mut order: Vec<u32> = (0..met.len() as u32).collect();
    order.par_sort_unstable_by(|&a, &b| utf16_cmp(&met[a as usize], &met[b as usize]));
    let mut rank = vec![0u32; met.len()];
    for (r, &n) in order.iter().enumerate() {
        rank[n as usize] = r as u32;
    }
    postings
        .par_iter_mut()
        .for_each(|p| p.term = rank[p.term as usize]);
    postings.par_sort_unstable_by_key(|p| (p.term, p.doc));
    let terms = order.iter().map(|&n| met[n as usize].clone()).collect();

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
    // Term -> (count, whether it is ever a whole word, not a part).
    let mut counts: AHashMap<Arc<str>, (usize, bool)> = AHashMap::new();
    for (field, text) in FIELDS.iter().zip(&doc.fields) {
        counts.clear();
        // The field's length is elasticlunr's: its terms, repeats counted.
        let mut length = 0;
        for line in text.lines() {
            terms.scan(line, |found| match found {
                Found::Term(term) => {
                    length += 1;
                    // Whole unless its line is hyphenated (ids are one word).
                    let whole = !line.contains('-');
                    let entry = counts.entry(term.clone()).or_default();
                    *entry = (entry.0 + 1, entry.1 || whole);
                }
                Found::Compound(term) => {
                    let entry = counts.entry(term.clone()).or_default();
                    *entry = (entry.0 + 1, true);
                }
                Found::Stop(word) => {
                    if !stops.contains(word) {
                        stops.push(word.clone());
                    }
                }
            });
        }
        for (term, (count, whole)) in counts.drain() {
            let class = if whole { field.class } else { field.part_class };
            let w = weight(class, count, length);
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
