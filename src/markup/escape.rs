//! One HTML escaper, for text and attribute values alike, and its inverse
//! for the attribute values written in raw HTML.

use std::borrow::Cow;

/// `text` made safe as HTML text or inside an attribute value, whichever
/// quotes surround it: `&`, `<`, `>`, `"` and `'` escaped.
pub(crate) fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// `html` with the `<` at each of `offsets` (in order) written `&lt;`:
/// tags shown as text, everything else as it was.
pub(crate) fn tags_as_text(html: &str, offsets: impl IntoIterator<Item = usize>) -> String {
    let mut out = String::with_capacity(html.len() + 16);
    let mut rest = 0;
    for at in offsets {
        out.push_str(&html[rest..at]);
        out.push_str("&lt;");
        rest = at + 1;
    }
    out.push_str(&html[rest..]);
    out
}

/// An attribute value as written, with its character references decoded:
/// the numeric ones and those that appear in URLs (`&amp;`, `&quot;`, ...).
/// A reference it does not know stays as written. (lol_html hands values
/// over as written; ammonia decodes them all when it sanitises.)
pub(crate) fn unescape_attribute(value: &str) -> Cow<'_, str> {
    if !value.contains('&') {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match rest
            .find(';')
            .and_then(|end| Some((reference(&rest[1..end])?, end + 1)))
        {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character a reference's name (between `&` and `;`) stands for.
fn reference(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{A0}'),
        _ => name
            .strip_prefix("#x")
            .or_else(|| name.strip_prefix("#X"))
            .and_then(|hex| u32::from_str_radix(hex, 16).ok())
            .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
            .and_then(char::from_u32),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_round_trips_through_attribute_values() {
        assert_eq!(html("a\"b'c&<>"), "a&quot;b&#39;c&amp;&lt;&gt;");
        assert_eq!(
            unescape_attribute("a&amp;b&#x20;c&#47;d&bogus;e&"),
            "a&b c/d&bogus;e&"
        );
        let text = "x < y & \"z\" 'w'";
        assert_eq!(unescape_attribute(&html(text)), text);
    }
}
