//! Postings: for each term, the documents that hold it, each with one
//! small weight that folds in the best field it appears in and how much of
//! that field it is. Also, for each stop word, the documents that hold it.

use std::cmp::Ordering;
use std::sync::Arc;

use ahash::AHashMap;
use rayon::prelude::*;

use super::documents::{FIELDS, SearchDoc};
use super::encode::PostingList;
use super::terms::{Found, Terms};

/// Levels of [`Posting::weight`]'s strength: `0..STRENGTHS`.
const STRENGTHS: u8 = 4;

/// The whole index, before it is cut into files.
#[derive(Debug, Default)]
pub(crate) struct Postings {
    /// Every term with its postings, in UTF-16 order of the terms
    /// (JavaScript's `<`), so that the browser can find a term's shard by
    /// comparing strings.
    pub terms: Vec<(Arc<str>, PostingList)>,
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
pub(crate) struct DocTerms {
    /// Term -> best weight.
    weights: Vec<(Arc<str>, u8)>,
    stops: Vec<Arc<str>>,
}

/// Builds the index from documents added in order, numbered from 0. Each
/// term's postings are written as they come ([`PostingList`]): the index
/// holds a few bytes a posting, and no document once it is added. Terms
/// are numbered as they are first met, then put in UTF-16 order at the end.
#[derive(Default)]
pub(crate) struct Builder {
    numbers: AHashMap<Arc<str>, u32>,
    /// Terms with their postings, by number.
    terms: Vec<(Arc<str>, PostingList)>,
    stops: AHashMap<Arc<str>, Vec<u32>>,
    /// Documents added so far.
    count: u32,
}

/// What each of `docs` gives the index, scanned in parallel.
pub(crate) fn scan(docs: &[SearchDoc]) -> Vec<DocTerms> {
    docs.par_iter().map_init(Terms::new, doc_terms).collect()
}

impl Builder {
    /// Adds the next documents' terms ([`scan`]), numbered on from those
    /// added so far.
    pub(crate) fn add(&mut self, per_doc: Vec<DocTerms>) {
        for found in per_doc {
            let doc = self.count;
            self.count += 1;
            for (term, weight) in found.weights {
                let number = *self.numbers.entry(term).or_insert_with_key(|term| {
                    self.terms.push((term.clone(), PostingList::default()));
                    self.terms.len() as u32 - 1
                });
                self.terms[number as usize].1.push(doc, weight);
            }
            for stop in found.stops {
                self.stops.entry(stop).or_default().push(doc);
            }
        }
    }

    /// The index, terms in UTF-16 order (sorted in place: a large site
    /// has hundreds of thousands of terms).
    pub(crate) fn finish(self) -> Postings {
        let Builder {
            numbers,
            mut terms,
            stops,
            ..
        } = self;
        drop(numbers);
        terms.par_sort_unstable_by(|a, b| utf16_cmp(&a.0, &b.0));
        let mut stops: Vec<(Arc<str>, Vec<u32>)> = stops.into_iter().collect();
        stops.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Postings { terms, stops }
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
            // A term is whole unless its line is hyphenated (ids are one
            // word). Asked once a line, not once a term: a wrap's body can
            // be one line of megabytes, and asking per term made it
            // quadratic (a 2 MB wrap took a minute to index).
            let whole = !line.contains('-');
            terms.scan(line, |found| match found {
                Found::Term(term) => {
                    length += 1;
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
