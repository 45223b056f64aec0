//! Text to index terms, exactly as elasticlunr-rs's English tokenizer and
//! pipeline (trimmer, stop words, Porter stemmer) make them from the text
//! folded ([`fold`]: `Inés` is `ines`), plus two things elasticlunr leaves
//! out: hyphenated words as written (`on-call` is found as `on-call` and by
//! its parts) and which stop words a document holds (so that `on-call` can
//! ask for documents with `on` and `call`).
//! `search.js` runs the same steps on the query; a browser test checks the
//! two agree word for word.

use std::sync::Arc;

use ahash::AHashMap;
use elasticlunr::Language;
use elasticlunr::lang::English;

use super::fold::fold;

/// Terms longer than this many characters are left out of the index.
///
/// Words people search for are shorter: long English or German compounds
/// run to 30-odd letters, a UUID is 36, a git hash 40, a SHA-256 hex digest
/// 64. Longer tokens are base64 blobs, minified payloads and long URLs,
/// which nobody types into a search box; without a limit one pasted blob
/// would bloat its shard.
pub(crate) const MAX_TERM_CHARS: usize = 64;

/// Words longer than this many bytes are skipped before the pipeline runs:
/// trimming punctuation could not bring them down to a term of
/// [`MAX_TERM_CHARS`], and a megabyte-long word should cost nothing.
const MAX_WORD_BYTES: usize = 4 * MAX_TERM_CHARS + 64;

/// What a word of text gives the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Found {
    /// A term, as elasticlunr-rs indexes it.
    Term(Arc<str>),
    /// A hyphenated word as written, through the same pipeline (`on-cal`).
    Compound(Arc<str>),
    /// A stop word (`on`): not a term, but its presence is recorded.
    Stop(Arc<str>),
}

/// elasticlunr-rs's tokenizer and pipeline, memoized per word: prose
/// repeats its words, and the pipeline allocates several strings per token.
/// A miss runs exactly what `Index::add_doc` runs.
pub(crate) struct Terms {
    language: English,
    pipeline: elasticlunr::Pipeline,
    /// A word between whitespace and hyphens -> what it gives.
    parts: AHashMap<String, Option<Found>>,
    /// A hyphenated word -> its compound term.
    compounds: AHashMap<String, Option<Found>>,
    /// One shared string per distinct term or stop word.
    interned: AHashMap<Arc<str>, ()>,
}

impl Terms {
    pub(crate) fn new() -> Self {
        let language = English::new();
        let pipeline = language.make_pipeline();
        Self {
            language,
            pipeline,
            parts: AHashMap::new(),
            compounds: AHashMap::new(),
            interned: AHashMap::new(),
        }
    }

    /// Everything `text` gives the index, in order: for each word between
    /// whitespace, folded (which may split it: `ＡＢＣ　ｄｅｆ`), its
    /// compound term if it is hyphenated, then its parts.
    pub(crate) fn scan(&mut self, text: &str, mut found: impl FnMut(&Found)) {
        for word in text.split(char::is_whitespace) {
            if word.is_empty() || word.len() > MAX_WORD_BYTES {
                continue;
            }
            if word.is_ascii() {
                // Folding ASCII only lowercases, as the tokenizer does: the
                // word is looked up as written.
                self.word(word, &mut found);
            } else {
                let folded = fold(word);
                for piece in folded.split(char::is_whitespace) {
                    if !piece.is_empty() && piece.len() <= MAX_WORD_BYTES {
                        self.word(piece, &mut found);
                    }
                }
            }
        }
    }

    /// What one word between whitespace gives: its compound, its parts.
    fn word(&mut self, word: &str, found: &mut impl FnMut(&Found)) {
        if word.contains('-')
            && let Some(compound) = self.compound(word)
        {
            found(compound);
        }
        for part in word.split('-') {
            if !part.is_empty()
                && let Some(part) = self.part(part)
            {
                found(part);
            }
        }
    }

    fn part(&mut self, part: &str) -> Option<&Found> {
        if !self.parts.contains_key(part) {
            let tokens = self.language.tokenize(part);
            let trimmed = tokens.first().map(|t| trim(t).to_string());
            let term = self.pipeline.run(tokens).into_iter().next();
            let found = match (term, trimmed) {
                (Some(term), _) if term.chars().count() <= MAX_TERM_CHARS => {
                    Some(Found::Term(self.intern(term)))
                }
                (Some(_), _) => None,
                // The pipeline drops a trimmed token only as a stop word.
                (None, Some(stop)) if !stop.is_empty() => Some(Found::Stop(self.intern(stop))),
                (None, _) => None,
            };
            self.parts.insert(part.to_string(), found);
        }
        self.parts[part].as_ref()
    }

    fn compound(&mut self, word: &str) -> Option<&Found> {
        if !self.compounds.contains_key(word) {
            let term = self
                .pipeline
                .run(vec![word.to_lowercase()])
                .into_iter()
                .next()
                // Trimming can leave no inner hyphen (`--flag`, `x-`).
                .filter(|t| t.contains('-') && t.chars().count() <= MAX_TERM_CHARS);
            let found = term.map(|t| Found::Compound(self.intern(t)));
            self.compounds.insert(word.to_string(), found);
        }
        self.compounds[word].as_ref()
    }

    fn intern(&mut self, text: String) -> Arc<str> {
        if let Some((shared, ())) = self.interned.get_key_value(text.as_str()) {
            return shared.clone();
        }
        let shared: Arc<str> = Arc::from(text);
        self.interned.insert(shared.clone(), ());
        shared
    }
}

/// elasticlunr-rs's English trimmer: everything but ASCII letters, digits
/// and `_` goes from both ends.
fn trim(token: &str) -> &str {
    token.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> Vec<Found> {
        let mut out = Vec::new();
        Terms::new().scan(text, |f| out.push(f.clone()));
        out
    }

    fn term(t: &str) -> Found {
        Found::Term(t.into())
    }

    #[test]
    fn terms_are_elasticlunr_rs_terms() {
        let text = "The Redis failover—drill took 94s, (sessions.redis) ACKed!";
        let mut expected = Vec::new();
        let language = English::new();
        let pipeline = language.make_pipeline();
        for term in pipeline.run(language.tokenize(text)) {
            expected.push(term);
        }
        let found: Vec<String> = scan(text)
            .into_iter()
            .filter_map(|f| match f {
                Found::Term(t) => Some(t.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn hyphenated_words_give_the_whole_and_the_parts() {
        assert_eq!(
            scan("On-call, x-"),
            [
                Found::Compound("on-cal".into()),
                Found::Stop("on".into()),
                term("call"),
                term("x"),
            ]
        );
        // No inner hyphen once trimmed: no compound.
        assert_eq!(scan("--flag"), [term("flag")]);
    }

    #[test]
    fn stop_words_are_recorded_as_trimmed() {
        assert_eq!(
            scan("(The) «on»"),
            [Found::Stop("the".into()), Found::Stop("on".into())]
        );
        // Punctuation alone is nothing.
        assert_eq!(scan("— …"), []);
    }

    #[test]
    fn words_are_folded_before_the_pipeline() {
        assert_eq!(scan("Inés"), scan("ines"));
        assert_eq!(scan("ＩＮＥＳ naïve"), scan("INES naive"));
        assert_eq!(
            scan("ＰＡＹ－３１８７"),
            [
                Found::Compound("pay-3187".into()),
                term("pay"),
                term("3187")
            ]
        );
        // Full-width space folds to a space: two words.
        assert_eq!(
            scan("ｒｅｄｉｓ\u{3000}ｃａｃｈｅ"),
            [term("redi"), term("cach")]
        );
    }

    #[test]
    fn terms_longer_than_the_limit_are_left_out() {
        let fits = "k".repeat(MAX_TERM_CHARS);
        let too_long = "q".repeat(MAX_TERM_CHARS + 1);
        let huge = "z".repeat(1 << 20);
        let text = format!("{fits} {too_long} {huge} ({too_long}) redis");
        assert_eq!(scan(&text), [term(&fits), term("redi")]);
    }
}
