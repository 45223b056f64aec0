//! Turns search documents into postings with elasticlunr-rs's English
//! tokenizer and pipeline (trimmer, stop words, stemmer), exactly as its
//! `Index::add_doc` does — `tf` is the square root of the term's count —
//! but in parallel, with the field-length norm folded into `tf`.

use std::sync::Arc;

use ahash::AHashMap;
use elasticlunr::Language;
use elasticlunr::lang::English;
use rayon::prelude::*;

/// Terms longer than this many characters are left out of the index.
///
/// Words people search for are shorter: long English or German compounds
/// run to 30-odd letters, a UUID is 36, a git hash 40, a SHA-256 hex digest
/// 64 (hyphenated identifiers are split at `-`). Longer tokens are base64
/// blobs, minified payloads and long URLs, which nobody types into a search
/// box (and a URL's token starts with `https`, so its words do not match
/// anyway). Each character of a term is one level of the shard's trie,
/// about 20 bytes of JSON a reader downloads, so without a limit one pasted
/// blob would bloat its shard by megabytes.
pub(crate) const MAX_TERM_CHARS: usize = 64;

/// Words longer than this many bytes are skipped before the pipeline runs:
/// trimming punctuation could not bring them down to a term of
/// [`MAX_TERM_CHARS`], and a megabyte-long word should cost nothing.
const MAX_WORD_BYTES: usize = 4 * MAX_TERM_CHARS + 64;

/// One term of one field of one document.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Posting {
    pub term: Arc<str>,
    pub field: usize,
    pub doc: usize,
    /// `sqrt(count) / sqrt(field length)`, rounded to three decimals.
    pub tf: f64,
}

/// Postings of every document, sorted by term, field, then document.
/// `docs[d][f]` is the text of field `f` of document `d`.
pub(crate) fn postings(docs: &[Vec<&str>]) -> Vec<Posting> {
    let mut all: Vec<Posting> = docs
        .par_iter()
        .enumerate()
        .map_init(Terms::new, |terms, (doc, fields)| {
            let mut out = Vec::new();
            let mut ids: Vec<u32> = Vec::new();
            for (field, text) in fields.iter().enumerate() {
                ids.clear();
                for word in text.split(|c: char| c.is_whitespace() || c == '-') {
                    if !word.is_empty() {
                        ids.extend(terms.of(word));
                    }
                }
                if ids.is_empty() {
                    continue;
                }
                let norm = (ids.len() as f64).sqrt();
                ids.sort_unstable();
                for run in ids.chunk_by(|a, b| a == b) {
                    out.push(Posting {
                        term: terms.text(run[0]),
                        field,
                        doc,
                        tf: round_tf((run.len() as f64).sqrt() / norm),
                    });
                }
            }
            out
        })
        .flatten()
        .collect();
    all.par_sort_unstable_by(|a, b| (&a.term, a.field, a.doc).cmp(&(&b.term, b.field, b.doc)));
    all
}

/// elasticlunr-rs's English tokenizer and pipeline, memoized per word:
/// prose repeats its words, and the pipeline allocates several strings per
/// token. A miss runs exactly what `Index::add_doc` runs.
struct Terms {
    language: English,
    pipeline: elasticlunr::Pipeline,
    /// Raw word -> term id, or `None` for a stop word.
    seen: AHashMap<String, Option<u32>>,
    /// Term -> id: words that differ ("Redis", "redis") share a term.
    ids: AHashMap<Arc<str>, u32>,
    texts: Vec<Arc<str>>,
}

impl Terms {
    fn new() -> Self {
        let language = English::new();
        let pipeline = language.make_pipeline();
        Self {
            language,
            pipeline,
            seen: AHashMap::new(),
            ids: AHashMap::new(),
            texts: Vec::new(),
        }
    }

    /// The term a word becomes, if any: none for a stop word or a word
    /// too long to be worth indexing.
    fn of(&mut self, word: &str) -> Option<u32> {
        if word.len() > MAX_WORD_BYTES {
            return None;
        }
        if let Some(id) = self.seen.get(word) {
            return *id;
        }
        let term = self
            .pipeline
            .run(self.language.tokenize(word))
            .into_iter()
            .next()
            .filter(|term| term.chars().count() <= MAX_TERM_CHARS);
        let id = term.map(|term| match self.ids.get(term.as_str()) {
            Some(&id) => id,
            None => {
                let text: Arc<str> = Arc::from(term);
                let id = self.texts.len() as u32;
                self.texts.push(text.clone());
                self.ids.insert(text, id);
                id
            }
        });
        self.seen.insert(word.to_string(), id);
        id
    }

    fn text(&self, id: u32) -> Arc<str> {
        self.texts[id as usize].clone()
    }
}

/// Three decimals keep shards small; never zero, so a posting still counts.
pub(crate) fn round_tf(tf: f64) -> f64 {
    (tf * 1000.0).round().max(1.0) / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_stemmed_counted_and_normed() {
        let docs = vec![vec!["Redis redis failover", ""], vec!["", "the failover"]];
        let p = postings(&docs);
        let found: Vec<(&str, usize, usize, f64)> =
            p.iter().map(|p| (&*p.term, p.field, p.doc, p.tf)).collect();
        assert_eq!(
            found,
            [
                // "failover" once among 3 tokens of doc 0's title.
                ("failov", 0, 0, round_tf(1.0 / 3f64.sqrt())),
                // "the" is a stop word: doc 1's body has one token.
                ("failov", 1, 1, 1.0),
                ("redi", 0, 0, round_tf(2f64.sqrt() / 3f64.sqrt())),
            ]
        );
    }

    #[test]
    fn terms_longer_than_the_limit_are_left_out() {
        let fits = "k".repeat(MAX_TERM_CHARS);
        let too_long = "q".repeat(MAX_TERM_CHARS + 1);
        let huge = "z".repeat(1 << 20);
        let text = format!("{fits} {too_long} {huge} ({too_long}) redis");
        let docs = vec![vec![text.as_str()]];
        let terms: Vec<String> = postings(&docs).iter().map(|p| p.term.to_string()).collect();
        assert_eq!(terms, [fits, "redi".to_string()]);
    }
}
