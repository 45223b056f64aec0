//! Folding: what text and queries become before elasticlunr-rs's tokenizer
//! sees them, so that `ines`, `Inés` and `ＩＮＥＳ` are one word. The
//! compatibility decomposition (NFKD) takes full-width forms, ligatures
//! and superscripts to their plain letters and splits accents from their
//! letters; the accents are dropped; what is left is composed again (NFC:
//! Hangul syllables and kana with their voicing marks stay whole) and
//! lowercased.
//!
//! `search.js` folds queries with the same steps (`fold`: `normalize` and
//! the same ranges), and `fold_cases.json` holds cases both sides are
//! tested on: the unit test below here, `tests/browser_search.rs` there.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// Marks that accent a letter and are dropped: the combining diacritical
/// marks and their extensions. Marks that spell a script's vowels or
/// voicing (Devanagari, Hebrew points, kana) are not accents and stay.
const ACCENTS: &[(char, char)] = &[
    ('\u{0300}', '\u{036f}'),
    ('\u{1ab0}', '\u{1aff}'),
    ('\u{1dc0}', '\u{1dff}'),
    ('\u{20d0}', '\u{20ff}'),
    ('\u{fe20}', '\u{fe2f}'),
];

fn is_accent(c: char) -> bool {
    ACCENTS.iter().any(|&(from, to)| (from..=to).contains(&c))
}

/// `text` folded: compatibility forms to plain ones, accents dropped,
/// lowercase. ASCII text is only lowercased (and borrowed when it already
/// is).
pub fn fold(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return if text.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(text.to_ascii_lowercase())
        } else {
            Cow::Borrowed(text)
        };
    }
    let plain: String = text.nfkd().filter(|&c| !is_accent(c)).nfc().collect();
    Cow::Owned(plain.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cases `search.js` is held to as well (`tests/browser_search.rs`).
    pub(crate) const CASES: &str = include_str!("fold_cases.json");

    #[test]
    fn folding_takes_each_case_to_its_plain_form() {
        let cases: Vec<(String, String)> = serde_json::from_str(CASES).unwrap();
        assert!(cases.len() > 20);
        let wrong: Vec<String> = cases
            .iter()
            .filter(|(text, folded)| fold(text) != folded.as_str())
            .map(|(text, folded)| format!("{text:?}: {:?}, not {folded:?}", fold(text)))
            .collect();
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn folding_twice_changes_nothing() {
        let cases: Vec<(String, String)> = serde_json::from_str(CASES).unwrap();
        for (text, _) in cases {
            let once = fold(&text).into_owned();
            assert_eq!(fold(&once), once, "{text:?}");
        }
    }

    #[test]
    fn ascii_already_lowercase_is_borrowed() {
        assert!(matches!(fold("redis-7"), Cow::Borrowed(_)));
        assert_eq!(fold("PAY-3187"), "pay-3187");
    }
}
