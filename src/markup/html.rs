//! Links and images in rendered HTML: the `<a href>` and `<img src>` of an
//! HTML text found and rewritten with the `lol_html` streaming rewriter
//! (which follows the HTML tokenizer, and leaves every byte it is not asked
//! to change as it was), and the placeholders the content stage writes in
//! their place for the site stage to fill in.
//!
//! Markdown is rendered per file before anyone knows the URL of the page
//! a link leads to (a wrap's comes from its author and time, a record's
//! from its decision id). So the content stage writes `#standin-ref-N` as
//! the value of the `N`th relative reference of a body, and the site stage
//! [`fill`]s each with an href from the page being written, or drops the
//! link. A fragment-only value passes the sanitizer, and none can be
//! forged: every relative `href`/`src` of an `<a>`/`<img>` in a body, a
//! written `#standin-ref-0` included, is itself turned into a placeholder.

use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::Range;

use lol_html::html_content::{ContentType, Element as HtmlElement};
use lol_html::{RewriteStrSettings, element, rewrite_str};

use super::escape;

/// What every placeholder value starts with.
const PLACEHOLDER: &str = "#standin-ref-";

/// The elements whose references are read: a link's target is followed,
/// an image's is shown in the page.
const SELECTOR: &str = "a[href], img[src]";

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

/// Which element a reference is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Element {
    Link,
    Image,
}

impl Element {
    /// The element of an `<a>` or `<img>` lol_html matched, and the name
    /// of its reference attribute.
    fn of(el: &HtmlElement) -> (Element, &'static str) {
        if el.tag_name().eq_ignore_ascii_case("img") {
            (Element::Image, "src")
        } else {
            (Element::Link, "href")
        }
    }
}

/// A reference found in raw HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    pub element: Element,
    /// The value with its character references decoded.
    pub value: String,
    /// Where the value is written in the HTML (its tag, when the value
    /// cannot be told apart in it).
    pub at: Range<usize>,
}

/// `html` with the value of every `<a href>` and `<img src>` for which
/// `replace` gives a new one (not escaped) replaced; `None` when nothing
/// was.
pub(crate) fn rewrite_references(
    html: &str,
    replace: impl FnMut(Found) -> Option<String>,
) -> Option<String> {
    // Raw HTML comes a tag at a time (`<b>` thousands of times over):
    // the rewriter is made only for text that may hold a reference.
    if !may_hold_reference(html) {
        return None;
    }
    let replace = RefCell::new(replace);
    let mut changed = false;
    let rewritten = rewrite_str(
        html,
        RewriteStrSettings::new().append_element_content_handler(element!(SELECTOR, |el| {
            let (element, attribute) = Element::of(el);
            let Some(written) = el.get_attribute(attribute) else {
                return Ok(());
            };
            let tag = el.source_location().bytes();
            let at = html
                .get(tag.clone())
                .and_then(|source| source.find(&written))
                .map_or(tag.clone(), |i| {
                    tag.start + i..tag.start + i + written.len()
                });
            let found = Found {
                element,
                value: escape::unescape_attribute(&written).into_owned(),
                at,
            };
            if let Some(value) = (replace.borrow_mut())(found) {
                el.set_attribute(attribute, &escape::html(&value))?;
                changed = true;
            }
            Ok(())
        })),
    );
    rewritten.ok().filter(|_| changed)
}

/// Whether `html` has a `<a` or `<img` (any case) in it.
fn may_hold_reference(html: &str) -> bool {
    html.match_indices('<').any(|(at, _)| {
        let next = html.as_bytes().get(at + 1).map(u8::to_ascii_lowercase);
        next == Some(b'a') || next == Some(b'i')
    })
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
pub(crate) fn fill(html: &str, fill: impl FnMut(usize, Element) -> Fill) -> Cow<'_, str> {
    if !html.contains(PLACEHOLDER) {
        return Cow::Borrowed(html);
    }
    let fill = RefCell::new(fill);
    let rewritten = rewrite_str(
        html,
        RewriteStrSettings::new().append_element_content_handler(element!(SELECTOR, |el| {
            let (element, attribute) = Element::of(el);
            let index = el
                .get_attribute(attribute)
                .and_then(|value| placeholder_index(&value));
            let Some(index) = index else { return Ok(()) };
            match ((fill.borrow_mut())(index, element), element) {
                (Fill::Href(href), _) => el.set_attribute(attribute, &escape::html(&href))?,
                (Fill::Drop, Element::Link) => el.remove_and_keep_content(),
                (Fill::Drop, Element::Image) => {
                    let alt = el.get_attribute("alt").unwrap_or_default();
                    el.replace(&escape::unescape_attribute(&alt), ContentType::Text);
                }
            }
            Ok(())
        })),
    );
    // The handlers never fail and the input is UTF-8, so the rewriter has
    // no reason to; if it did, the placeholders would stay, which are
    // links to nowhere on the page, never to another site.
    match rewritten {
        Ok(html) => Cow::Owned(html),
        Err(_) => Cow::Borrowed(html),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_found_where_they_are_written() {
        let html = r#"<p>a < b <!-- <a href="no"> --><a title='x>"y' HREF=z.md>t</a><img src="i.png" alt="A &amp; B"/><a href="q?a=1&amp;b=2">q</a></p>"#;
        let mut found = Vec::new();
        let out = rewrite_references(html, |f| {
            found.push(f.clone());
            (f.value == "i.png").then(|| "#standin-ref-0".to_string())
        });
        let values: Vec<(Element, &str, &str)> = found
            .iter()
            .map(|f| (f.element, f.value.as_str(), &html[f.at.clone()]))
            .collect();
        assert_eq!(
            values,
            [
                (Element::Link, "z.md", "z.md"),
                (Element::Image, "i.png", "i.png"),
                (Element::Link, "q?a=1&b=2", "q?a=1&amp;b=2"),
            ]
        );
        assert_eq!(
            out.unwrap(),
            // A tag that changed is written again, its attributes as they were.
            html.replace(
                "src=\"i.png\" alt=\"A &amp; B\"/>",
                "src=\"#standin-ref-0\" alt=\"A &amp; B\" />"
            )
        );
        assert_eq!(rewrite_references("<p>x</p>", |_| None), None);
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
            r#"<p><a href="../a b/?q=&quot;1&quot;&amp;r" title="t">one</a> <a href="https://x.example/">two</a> th<em>r</em>ee a &lt;b&gt; "c"<img src="x.png" alt="x"></p>"#
        );
        assert!(matches!(
            fill("<p>plain</p>", |_, _| Fill::Drop),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn only_whole_placeholder_values_are_filled() {
        let html = "<p>#standin-ref-0 <a href=\"#standin-ref-0x\">a</a> <a title=\"#standin-ref-0\">b</a></p>";
        assert_eq!(fill(html, |_, _| Fill::Drop), html);
    }
}
