//! Text that goes into XML and HTML: which characters XML 1.0 allows (not
//! control characters other than tab, line feed and carriage return, nor
//! U+FFFE and U+FFFF), and escaping for element content. Shared by the
//! content stage, which warns where such characters were written, and the
//! site stage and `serve`, which leave them out or escape.

pub(crate) mod warnings;

/// Whether XML 1.0 allows `c` in a document (its `Char` production;
/// surrogates are no `char`).
pub(crate) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Whether `text` holds a character XML does not allow.
pub(crate) fn has_illegal(text: &str) -> bool {
    // Every such character is an ASCII control byte or starts with 0xEF
    // (U+FFFE, U+FFFF): most text is cleared without decoding it.
    text.bytes()
        .any(|b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0xEF)
        && text.chars().any(|c| !is_xml_char(c))
}

/// `text` without the characters XML 1.0 does not allow, for feeds and
/// the sitemap: the whole document is filtered, so none slips in from a
/// title, a body, the config or a template. The structure XML needs is
/// all allowed characters, so nothing else changes.
pub(crate) fn xml_chars_only(text: String) -> String {
    if !has_illegal(&text) {
        return text;
    }
    text.chars().filter(|c| is_xml_char(*c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_chars_follow_the_spec() {
        for c in [
            '\t', '\n', '\r', ' ', 'é', '\u{7F}', '\u{85}', '\u{FFFD}', '😀',
        ] {
            assert!(is_xml_char(c), "{c:?}");
        }
        for c in [
            '\0', '\u{1}', '\u{B}', '\u{C}', '\u{1F}', '\u{FFFE}', '\u{FFFF}',
        ] {
            assert!(!is_xml_char(c), "{c:?}");
            assert!(has_illegal(&format!("ok {c} ok")), "{c:?}");
        }
        assert!(!has_illegal("plain text, ü, \u{EFFF} and \u{FFFD}"));
    }

    #[test]
    fn xml_text_loses_only_what_xml_forbids() {
        assert_eq!(
            xml_chars_only("<t>a\u{B}b\u{FFFE}\u{FFFF}\tc\u{1}</t>\n".to_string()),
            "<t>ab\tc</t>\n"
        );
        let clean = "<t>é &amp; 😀</t>".to_string();
        assert_eq!(xml_chars_only(clean.clone()), clean);
    }
}
