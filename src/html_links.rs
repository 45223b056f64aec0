//! Links and images in rendered HTML: finding `<a href>` and `<img src>` in
//! an HTML text, and the placeholders the content stage writes in their
//! place for the site stage to fill in.
//!
//! Markdown is rendered per file before anyone knows the URL of the page
//! a link leads to (a wrap's comes from its author and time, a record's
//! from its decision id). So the content stage writes `#standin-ref-N` as
//! the value of the `N`th relative reference of a body, and the site stage
//! [`fill`]s each with an href from the page being written, or drops the
//! link. A fragment-only value passes the sanitizer, and none can be
//! forged: every relative `href`/`src` of an `<a>`/`<img>` in a body, a
//! written `#standin-ref-0` included, is itself turned into a placeholder.
//!
//! The scanner reads HTML as the sanitizer and pulldown-cmark write it (and
//! as people write it by hand): start and end tags with quoted or unquoted
//! attributes, comments and declarations skipped, a `<` not starting a tag
//! taken as text.

use std::ops::Range;

/// What every placeholder value starts with.
const PLACEHOLDER: &str = "#standin-ref-";

/// The placeholder value for reference `index` of a body.
pub(crate) fn placeholder(index: usize) -> String {
    format!("{PLACEHOLDER}{index}")
}

/// The reference index a placeholder value stands for.
fn placeholder_index(value: &str) -> Option<usize> {
    let digits = value.strip_prefix(PLACEHOLDER)?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Which element a reference is on: a link's target is followed, an
/// image's is shown in the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Element {
    Link,
    Image,
}

/// A start or end tag in an HTML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HtmlTag {
    /// The whole tag, `<` to `>`.
    pub range: Range<usize>,
    /// The tag name as written.
    pub name: Range<usize>,
    pub closing: bool,
    pub attributes: Vec<Attribute>,
}

/// An attribute of a start tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Attribute {
    pub name: Range<usize>,
    /// The value as written, without its quotes (still escaped); `None`
    /// for a bare attribute (`<details open>`).
    pub value: Option<Range<usize>>,
}

impl HtmlTag {
    /// Whether this is a start tag named `name` (ASCII, lowercase).
    fn starts(&self, html: &str, name: &str) -> bool {
        !self.closing && html[self.name.clone()].eq_ignore_ascii_case(name)
    }

    /// The value of attribute `name` (ASCII, lowercase) as written.
    fn value<'h>(&self, html: &'h str, name: &str) -> Option<(Range<usize>, &'h str)> {
        let attribute = self
            .attributes
            .iter()
            .find(|a| html[a.name.clone()].eq_ignore_ascii_case(name))?;
        let range = attribute.value.clone()?;
        Some((range.clone(), &html[range]))
    }

    /// The element and the range of the value of its reference attribute,
    /// when this is an `<a href>` or an `<img src>`.
    pub(crate) fn reference<'h>(&self, html: &'h str) -> Option<(Element, Range<usize>, &'h str)> {
        let (element, attribute) = if self.starts(html, "a") {
            (Element::Link, "href")
        } else if self.starts(html, "img") {
            (Element::Image, "src")
        } else {
            return None;
        };
        let (range, value) = self.value(html, attribute)?;
        Some((element, range, value))
    }
}

/// Every tag in `html`, in order. A tag cut off by the end of the text is
/// not a tag.
pub(crate) fn tags(html: &str) -> Vec<HtmlTag> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(found) = html[at..].find('<') {
        let start = at + found;
        let next = bytes.get(start + 1).copied();
        at = match next {
            Some(b'!') if html[start..].starts_with("<!--") => {
                match html[start + 4..].find("-->") {
                    Some(end) => start + 4 + end + 3,
                    None => return out,
                }
            }
            Some(b'!' | b'?') => match html[start..].find('>') {
                Some(end) => start + end + 1,
                None => return out,
            },
            Some(b'/') if bytes.get(start + 2).is_some_and(u8::is_ascii_alphabetic) => {
                let name = name_at(html, start + 2);
                match html[name.end..].find('>') {
                    Some(end) => {
                        let end = name.end + end + 1;
                        out.push(HtmlTag {
                            range: start..end,
                            name,
                            closing: true,
                            attributes: Vec::new(),
                        });
                        end
                    }
                    None => return out,
                }
            }
            Some(b) if b.is_ascii_alphabetic() => match start_tag(html, start) {
                Some(tag) => {
                    let end = tag.range.end;
                    out.push(tag);
                    end
                }
                None => return out,
            },
            _ => start + 1,
        };
    }
    out
}

/// A tag name from `from`: ASCII letters, digits and `-`.
fn name_at(html: &str, from: usize) -> Range<usize> {
    let len = html[from..]
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
        .count();
    from..from + len
}

/// The start tag whose `<` is at `start`; `None` if the text ends in it.
fn start_tag(html: &str, start: usize) -> Option<HtmlTag> {
    let bytes = html.as_bytes();
    let name = name_at(html, start + 1);
    let mut at = name.end;
    let mut attributes = Vec::new();
    loop {
        while bytes
            .get(at)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'/')
        {
            at += 1;
        }
        match bytes.get(at)? {
            b'>' => {
                return Some(HtmlTag {
                    range: start..at + 1,
                    name,
                    closing: false,
                    attributes,
                });
            }
            _ => {
                let name_start = at;
                at += 1;
                while bytes
                    .get(at)
                    .is_some_and(|b| !b.is_ascii_whitespace() && !matches!(b, b'/' | b'>' | b'='))
                {
                    at += 1;
                }
                let name = name_start..at;
                let mut after = at;
                while bytes.get(after).is_some_and(u8::is_ascii_whitespace) {
                    after += 1;
                }
                if bytes.get(after) != Some(&b'=') {
                    attributes.push(Attribute { name, value: None });
                    continue;
                }
                at = after + 1;
                while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
                    at += 1;
                }
                let value = match bytes.get(at)? {
                    quote @ (b'"' | b'\'') => {
                        let end = at + 1 + html[at + 1..].find(*quote as char)?;
                        let value = at + 1..end;
                        at = end + 1;
                        value
                    }
                    _ => {
                        let from = at;
                        while bytes
                            .get(at)
                            .is_some_and(|b| !b.is_ascii_whitespace() && *b != b'>')
                        {
                            at += 1;
                        }
                        from..at
                    }
                };
                attributes.push(Attribute {
                    name,
                    value: Some(value),
                });
            }
        }
    }
}

/// What becomes of a placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Fill {
    /// The link or image points here (not yet escaped).
    Href(String),
    /// No target: the link's text, or the image's `alt` text, stays as
    /// plain text.
    Drop,
}

/// `html` with every placeholder of an `<a href>` or `<img src>` filled in
/// by `fill(index, element)`: an href, or the element dropped for its text.
/// Borrowed when it holds no placeholder.
pub(crate) fn fill(
    html: &str,
    mut fill: impl FnMut(usize, Element) -> Fill,
) -> std::borrow::Cow<'_, str> {
    if !html.contains(PLACEHOLDER) {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len() + 64);
    let mut copied = 0;
    // Links do not nest (Markdown forbids it, and the sanitizer closes an
    // `<a>` before another opens), so a dropped link ends at the next `</a>`.
    let mut dropping_link = false;
    for tag in tags(html) {
        if tag.closing {
            if dropping_link && html[tag.name.clone()].eq_ignore_ascii_case("a") {
                out.push_str(&html[copied..tag.range.start]);
                copied = tag.range.end;
                dropping_link = false;
            }
            continue;
        }
        let Some((element, value, written)) = tag.reference(html) else {
            continue;
        };
        let Some(index) = placeholder_index(written) else {
            continue;
        };
        out.push_str(&html[copied..tag.range.start]);
        match fill(index, element) {
            Fill::Href(href) => {
                out.push_str(&html[tag.range.start..value.start]);
                out.push_str(&escape_attribute(&href));
                out.push_str(&html[value.end..tag.range.end]);
            }
            Fill::Drop => match element {
                Element::Link => dropping_link = true,
                Element::Image => {
                    if let Some((_, alt)) = tag.value(html, "alt") {
                        out.push_str(&alt.replace('<', "&lt;").replace('>', "&gt;"));
                    }
                }
            },
        }
        copied = tag.range.end;
    }
    out.push_str(&html[copied..]);
    std::borrow::Cow::Owned(out)
}

/// Text made safe inside an attribute value, whichever quotes surround it.
pub(crate) fn escape_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// An attribute value as written, with its character references decoded:
/// the numeric ones and those that appear in URLs (`&amp;`, `&quot;`, ...).
/// A reference it does not know stays as written.
pub(crate) fn unescape_attribute(value: &str) -> std::borrow::Cow<'_, str> {
    if !value.contains('&') {
        return std::borrow::Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let decoded = rest.find(';').and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
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
            };
            c.map(|c| (c, end + 1))
        });
        match decoded {
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
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(html: &str) -> Vec<String> {
        tags(html)
            .iter()
            .map(|t| {
                format!(
                    "{}{}",
                    if t.closing { "/" } else { "" },
                    &html[t.name.clone()]
                )
            })
            .collect()
    }

    #[test]
    fn tags_are_found_with_their_attributes() {
        let html = r#"<p>a < b <!-- <a href="no"> --><a title='x>"y' HREF=z.md>t</a><img src="i.png" alt="A &amp; B"/><details open></p>"#;
        assert_eq!(names(html), ["p", "a", "/a", "img", "details", "/p"]);
        let found = tags(html);
        let (element, _, value) = found[1].reference(html).unwrap();
        assert_eq!((element, value), (Element::Link, "z.md"));
        let (element, _, value) = found[3].reference(html).unwrap();
        assert_eq!((element, value), (Element::Image, "i.png"));
        assert_eq!(found[4].attributes[0].value, None);
        // A tag cut off by the end is no tag.
        assert_eq!(names("<b>x</b><a href=\"y"), ["b", "/b"]);
    }

    #[test]
    fn placeholders_are_filled_or_dropped() {
        let html = format!(
            r#"<p><a href="{}" title="t">one</a> <a href="https://x.example/">two</a> <a href="{}" rel="noopener">th<em>r</em>ee</a> <img src="{}" alt="a &lt;b&gt; &quot;c&quot;"><img src='{}' alt="x"></p>"#,
            placeholder(0),
            placeholder(1),
            placeholder(2),
            placeholder(3),
        );
        let out = fill(&html, |i, element| match (i, element) {
            (0, Element::Link) => Fill::Href("../a b/?q=\"1\"&r".to_string()),
            (3, Element::Image) => Fill::Href("x.png".to_string()),
            _ => Fill::Drop,
        });
        assert_eq!(
            out,
            r#"<p><a href="../a b/?q=&quot;1&quot;&amp;r" title="t">one</a> <a href="https://x.example/">two</a> th<em>r</em>ee a &lt;b&gt; &quot;c&quot;<img src='x.png' alt="x"></p>"#
        );
        assert!(matches!(
            fill("<p>plain</p>", |_, _| Fill::Drop),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn only_whole_placeholder_values_are_filled() {
        let html = "<p>#standin-ref-0 <a href=\"#standin-ref-0x\">a</a> <a title=\"#standin-ref-0\">b</a></p>";
        assert_eq!(fill(html, |_, _| Fill::Drop), html);
    }

    #[test]
    fn attribute_values_unescape() {
        assert_eq!(
            unescape_attribute("a&amp;b&#x20;c&#47;d&bogus;e&"),
            "a&b c/d&bogus;e&"
        );
        assert_eq!(escape_attribute("a\"b'c&<>"), "a&quot;b&#39;c&amp;&lt;&gt;");
    }
}
