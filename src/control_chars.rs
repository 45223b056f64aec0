//! Characters that act on a terminal or an editor instead of being shown:
//! control characters (C0, DEL, C1) and Unicode's direction overrides and
//! line separators. Text from a wrap that ends up in a terminal or in a
//! generated file shows them escaped (`\u{1b}`), so an `author` cannot
//! retitle a terminal, clear it, or reorder what a reviewer reads.

use std::borrow::Cow;

/// Whether `c` changes how the text around it is displayed.
pub(crate) fn is_control(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            // Bidi marks, embeddings, overrides and isolates.
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
            // Line and paragraph separators.
            | '\u{2028}' | '\u{2029}'
        )
}

/// `text` with every control character except those in `keep` written as
/// a Rust-style escape (`\u{1b}`). Borrowed when nothing needed escaping.
pub(crate) fn escape<'a>(text: &'a str, keep: &[char]) -> Cow<'a, str> {
    let needs = |c: char| is_control(c) && !keep.contains(&c);
    if !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if needs(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Appends `\u{..}` for `c` (lowercase hex, as Rust's `escape_unicode`).
pub(crate) fn push_escaped(out: &mut String, c: char) {
    out.extend(c.escape_unicode());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_c0_del_c1_and_bidi() {
        assert_eq!(
            escape("x\u{1b}]0;PWNED\u{7}\u{1b}[2J", &[]),
            "x\\u{1b}]0;PWNED\\u{7}\\u{1b}[2J"
        );
        assert_eq!(escape("a\u{7f}b\u{85}c", &[]), "a\\u{7f}b\\u{85}c");
        assert_eq!(escape("abc\u{202e}def", &[]), "abc\\u{202e}def");
        assert_eq!(escape("l\u{2028}p\u{2029}", &[]), "l\\u{2028}p\\u{2029}");
    }

    #[test]
    fn keeps_what_it_is_told_to_and_everything_printable() {
        assert_eq!(escape("a\tb\nc", &['\n', '\t']), "a\tb\nc");
        assert_eq!(escape("a\tb\nc", &['\n']), "a\\u{9}b\nc");
        let plain = "Zoë Ångström — 東京 \\u{1b}";
        assert!(matches!(escape(plain, &[]), Cow::Borrowed(_)));
    }
}
