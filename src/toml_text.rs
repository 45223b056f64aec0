//! TOML that standin writes for people to edit (`init`, `new`). Every value
//! that comes from somewhere else — a directory name, an earlier wrap — is
//! escaped here, so none can end a string or a comment early and become
//! keys of its own.

use crate::control_chars;

/// `text` as a TOML basic string, quotes included.
pub(crate) fn basic_string(text: &str) -> String {
    format!("\"{}\"", string_body(text))
}

/// The inside of a TOML basic string (for a template that supplies the
/// quotes): `"` and `\` escaped, and every control character or direction
/// override as an escape, so the line reads the same in any editor.
pub(crate) fn string_body(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if control_chars::is_control(c) => {
                // Every such character is in the Basic Multilingual Plane.
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}

/// Text for the rest of a one-line `#` comment: whitespace runs, line
/// breaks included, become one space (a line break would end the comment
/// and start a line of TOML), and control characters, which TOML forbids
/// in comments, are shown escaped (`\u{1b}`).
pub(crate) fn comment(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    control_chars::escape(&one_line, &[]).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(toml: &str) -> toml::Table {
        toml.parse()
            .unwrap_or_else(|e| panic!("not TOML: {e}\n{toml}"))
    }

    #[test]
    fn basic_strings_round_trip_anything() {
        for text in [
            "plain",
            "it\"s",
            "a\"b\nc = 1",
            "back\\slash \\u0041",
            "tab\tcr\rnul\0esc\u{1b}del\u{7f}c1\u{85}",
            "bidi \u{202e}olleh\u{2066}",
            "Zoë Ångström — 東京 🚀",
            "'''\"\"\"",
        ] {
            let toml = format!("v = {}\n", basic_string(text));
            assert_eq!(parse(&toml)["v"].as_str(), Some(text), "{toml}");
            assert_eq!(toml.lines().count(), 1, "{toml}");
            assert!(!toml.contains('\u{202e}'), "{toml}");
        }
    }

    #[test]
    fn comments_cannot_be_ended() {
        let text = "note\nevil = true\r\n\u{1b}[2J\u{2028}x = 1\u{85}y";
        let toml = format!("# {}\nv = 1\n", comment(text));
        let table = parse(&toml);
        assert_eq!(table.len(), 1, "{toml}");
        assert_eq!(
            comment(text),
            "note evil = true \\u{1b}[2J x = 1 y",
            "Unicode line breaks are whitespace too"
        );
        assert_eq!(comment("a\u{7}\u{7f}b"), "a\\u{7}\\u{7f}b");
    }
}
