//! A cap on how deeply HTML nests before it is sanitised.
//!
//! The sanitiser's HTML parser looks through the open elements on most
//! tags, so `<div>` nested 100,000 times takes minutes. Tags that would
//! open an element deeper than [`MAX_DEPTH`] are shown as text instead,
//! which keeps the parser's work linear. Bodies that nest less (all real
//! ones) are left exactly as they are.
//!
//! The depth is an estimate that errs high: it follows the HTML
//! tokenizer exactly (what is a tag, a comment, an attribute), but the
//! tree builder only where that cannot make it count fewer open elements
//! than the parser has. Unclosed formatting elements (`<b>`) count until
//! their end tag, because the parser re-opens them in later blocks.

use std::borrow::Cow;

/// Open elements allowed before a tag is shown as text.
pub(crate) const MAX_DEPTH: usize = 256;

/// `html` with every start tag that would open an element deeper than
/// [`MAX_DEPTH`] escaped (`&lt;div>`); `None` when nothing nests that
/// deep.
pub(crate) fn escape_deep_tags(html: &str) -> Option<String> {
    let deep = deep_tags(html);
    if deep.is_empty() {
        return None;
    }
    Some(super::escape::tags_as_text(html, deep))
}

/// Offsets of the `<` of the start tags that would nest too deeply.
fn deep_tags(html: &str) -> Vec<usize> {
    let mut tree = Tree::default();
    let mut deep = Vec::new();
    let mut at = 0;
    while let Some(found) = html[at..].find('<') {
        let start = at + found;
        let (token, next) = Token::read(html, start);
        match token {
            Token::Start { name, attributes } => {
                if !tree.open(name, attributes) {
                    deep.push(start);
                }
            }
            Token::End { name } => tree.close(&name),
            Token::Other => {}
        }
        at = next;
    }
    deep
}

/// One thing the tokenizer reads at a `<`.
enum Token<'a> {
    Start {
        name: Cow<'a, str>,
        attributes: &'a str,
    },
    End {
        name: Cow<'a, str>,
    },
    /// Text, a comment, a doctype, or a tag cut off by the end of the
    /// input (which the tokenizer drops).
    Other,
}

impl<'a> Token<'a> {
    /// Reads the token at `html[start]` (a `<`); returns it and where the
    /// text after it starts. Follows the HTML tokenizer's data state.
    fn read(html: &'a str, start: usize) -> (Token<'a>, usize) {
        let bytes = html.as_bytes();
        let after = start + 1;
        match bytes.get(after) {
            Some(b'!') if html[after..].starts_with("!--") => {
                (Token::Other, comment_end(html, start + 4))
            }
            Some(b'!' | b'?') => (Token::Other, bogus_comment_end(html, after)),
            Some(b'/') => match bytes.get(after + 1) {
                Some(c) if c.is_ascii_alphabetic() => match tag(html, after + 1) {
                    Some((name, _, next)) => (Token::End { name }, next),
                    None => (Token::Other, html.len()),
                },
                Some(b'>') => (Token::Other, after + 2),
                Some(_) => (Token::Other, bogus_comment_end(html, after + 1)),
                None => (Token::Other, html.len()),
            },
            Some(c) if c.is_ascii_alphabetic() => match tag(html, after) {
                Some((name, attributes, next)) => (Token::Start { name, attributes }, next),
                None => (Token::Other, html.len()),
            },
            _ => (Token::Other, after),
        }
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// A tag's lowercased name, its attributes as written, and where the
/// text after it starts; `None` if the input ends inside the tag.
fn tag(html: &str, name_start: usize) -> Option<(Cow<'_, str>, &str, usize)> {
    let bytes = html.as_bytes();
    let name_end = bytes[name_start..]
        .iter()
        .position(|&b| is_space(b) || b == b'/' || b == b'>')
        .map_or(bytes.len(), |i| name_start + i);
    let name = &html[name_start..name_end];
    let name = if name.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    };
    let close = attributes_end(bytes, name_end)?;
    Some((name, &html[name_end..close], close + 1))
}

/// The offset of the `>` that ends a tag whose attributes start at `i`,
/// as the tokenizer's attribute states find it: quotes count only in a
/// value, after `=`.
fn attributes_end(bytes: &[u8], mut i: usize) -> Option<usize> {
    loop {
        // Before an attribute name (a `/` not before `>` is skipped too).
        while bytes.get(i).is_some_and(|&b| is_space(b) || b == b'/') {
            i += 1;
        }
        match bytes.get(i)? {
            b'>' => return Some(i),
            // The name; its first character may be `=`.
            _ => i += 1,
        }
        while bytes
            .get(i)
            .is_some_and(|&b| !is_space(b) && !matches!(b, b'/' | b'>' | b'='))
        {
            i += 1;
        }
        while bytes.get(i).is_some_and(|&b| is_space(b)) {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while bytes.get(i).is_some_and(|&b| is_space(b)) {
            i += 1;
        }
        match bytes.get(i)? {
            quote @ (b'"' | b'\'') => {
                let close = bytes[i + 1..].iter().position(|b| b == quote)?;
                i += close + 2;
            }
            b'>' => return Some(i),
            _ => {
                while bytes.get(i).is_some_and(|&b| !is_space(b) && b != b'>') {
                    i += 1;
                }
            }
        }
    }
}

/// Where the text after a comment whose text starts at `i` starts.
fn comment_end(html: &str, i: usize) -> usize {
    let rest = &html[i..];
    if rest.starts_with('>') {
        return i + 1;
    }
    if rest.starts_with("->") {
        return i + 2;
    }
    let end = |pattern: &str| rest.find(pattern).map(|at| at + pattern.len());
    match (end("-->"), end("--!>")) {
        (Some(a), Some(b)) => i + a.min(b),
        (Some(a), None) | (None, Some(a)) => i + a,
        (None, None) => html.len(),
    }
}

/// Where the text after a bogus comment (`<!x`, `<?x`, `</1`) starts.
fn bogus_comment_end(html: &str, i: usize) -> usize {
    html[i..].find('>').map_or(html.len(), |at| i + at + 1)
}

/// The elements an HTML parser may have open, estimated from above.
#[derive(Default)]
struct Tree<'a> {
    open: Vec<Cow<'a, str>>,
    /// Formatting elements not yet closed by their own end tag, with
    /// their attributes: the parser re-opens them after other elements
    /// closed them.
    formatting: Vec<(Cow<'a, str>, &'a str)>,
}

impl<'a> Tree<'a> {
    fn depth(&self) -> usize {
        self.open.len() + self.formatting.len()
    }

    /// Opens an element; false (and nothing opened) when it would nest
    /// too deeply.
    fn open(&mut self, name: Cow<'a, str>, attributes: &'a str) -> bool {
        if VOID.contains(&&*name) {
            return true;
        }
        // `<p>` closes an open `<p>`, `<li>` an `<li>`, ... (not in SVG or
        // MathML, where any element nests).
        let in_foreign = self.open.iter().any(|e| e == "svg" || e == "math");
        if CLOSES_ITS_LIKE.contains(&&*name)
            && !in_foreign
            && self.open.last().is_some_and(|top| *top == name)
        {
            self.open.pop();
        }
        if self.depth() >= MAX_DEPTH {
            return false;
        }
        if FORMATTING.contains(&&*name) {
            // At most three alike are remembered (the "Noah's Ark" rule).
            let attributes = attributes.trim_end_matches(['/', ' ']);
            let alike = |(n, a): &&(Cow<str>, &str)| *n == name && *a == attributes;
            if self.formatting.iter().filter(alike).count() >= 3
                && let Some(i) = self.formatting.iter().position(|e| alike(&e))
            {
                self.formatting.remove(i);
            }
            self.formatting.push((name.clone(), attributes));
        }
        self.open.push(name);
        true
    }

    /// Closes elements for an end tag, where the parser surely would: down
    /// to the nearest element of that name, unless an element the end tag
    /// cannot reach past is in between.
    fn close(&mut self, name: &str) {
        let special = SPECIAL.contains(&name);
        for i in (0..self.open.len()).rev() {
            let element = &*self.open[i];
            if element == name {
                self.open.truncate(i);
                if let Some(f) = self.formatting.iter().rposition(|(n, _)| n == name) {
                    self.formatting.remove(f);
                }
                return;
            }
            let stops = if special {
                SCOPE.contains(&element) || (name == "li" && matches!(element, "ol" | "ul"))
            } else {
                SPECIAL.contains(&element)
            };
            if stops {
                return;
            }
        }
    }
}

/// Elements that have no end tag.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
    "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose start tag closes an open element of the same name.
const CLOSES_ITS_LIKE: &[&str] = &["p", "li", "dd", "dt", "option", "tr", "td", "th"];

/// Formatting elements, which the parser re-opens when other elements
/// closed them.
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// Elements a special end tag does not look past (every kind of scope the
/// parser checks, joined, so that this errs towards keeping elements open).
const SCOPE: &[&str] = &[
    "annotation-xml",
    "applet",
    "button",
    "caption",
    "desc",
    "foreignobject",
    "html",
    "marquee",
    "math",
    "mi",
    "mn",
    "mo",
    "ms",
    "mtext",
    "object",
    "select",
    "svg",
    "table",
    "td",
    "template",
    "th",
    "title",
];

/// The HTML standard's "special" elements (plus those of MathML and SVG):
/// an end tag for any other element does not look past them.
const SPECIAL: &[&str] = &[
    "address",
    "annotation-xml",
    "applet",
    "area",
    "article",
    "aside",
    "base",
    "basefont",
    "bgsound",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "desc",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "foreignobject",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "iframe",
    "img",
    "input",
    "keygen",
    "li",
    "link",
    "listing",
    "main",
    "marquee",
    "math",
    "menu",
    "meta",
    "mi",
    "mn",
    "mo",
    "ms",
    "mtext",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "p",
    "param",
    "plaintext",
    "pre",
    "script",
    "search",
    "section",
    "select",
    "source",
    "style",
    "summary",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
    "wbr",
    "xmp",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_after(html: &str) -> usize {
        let mut tree = Tree::default();
        let mut at = 0;
        while let Some(found) = html[at..].find('<') {
            let (token, next) = Token::read(html, at + found);
            match token {
                Token::Start { name, attributes } => {
                    tree.open(name, attributes);
                }
                Token::End { name } => tree.close(&name),
                Token::Other => {}
            }
            at = next;
        }
        tree.depth()
    }

    #[test]
    fn ordinary_html_is_left_as_it_is() {
        let html = "<p>a <b>x</b> <br> <img src=x></p>\n<details><summary>s</summary>\n<ul>\n<li>a<li>b\n</ul>\n</details>\n<p>c<p>d";
        assert_eq!(escape_deep_tags(html), None);
        assert_eq!(depth_after(html), 1);
    }

    #[test]
    fn tags_past_the_cap_are_shown_as_text() {
        let html = format!(
            "{}x{}",
            "<div>".repeat(MAX_DEPTH + 2),
            "</div>".repeat(MAX_DEPTH + 2)
        );
        let escaped = escape_deep_tags(&html).unwrap();
        assert_eq!(escaped.find("&lt;div>"), Some(MAX_DEPTH * 5));
        assert_eq!(escaped.matches("&lt;div>").count(), 2);
        assert_eq!(escaped.matches("<div>").count(), MAX_DEPTH);
    }

    #[test]
    fn the_tokenizer_decides_what_is_a_tag() {
        // Comments, quoted `>` in values, and quotes outside values.
        assert_eq!(depth_after("<!-- <div> --><div title='>'><!--><div>"), 2);
        assert_eq!(depth_after("<!--->x<div>"), 1);
        assert_eq!(depth_after("<!-- a --!><div>"), 1);
        assert_eq!(depth_after("<div a\"b><div>\"<div>"), 3);
        assert_eq!(depth_after("<div a = \"<div>\" b='<div>' c=<div>><div>"), 2);
        assert_eq!(depth_after("</ div><div/><? <div> ><div"), 1);
        assert_eq!(depth_after("<DIV><Div></dIV>"), 1);
    }

    #[test]
    fn end_tags_close_only_what_the_parser_closes() {
        // `</span>` cannot reach past a `<div>`; `</div>` can past `<span>`.
        assert_eq!(depth_after(&"<span><div></span>".repeat(10)), 20);
        assert_eq!(depth_after("<div><span><span></div>"), 0);
        // `</li>` does not reach past a nested list.
        assert_eq!(depth_after(&"<li><ul></li>".repeat(10)), 20);
        // Same-name `<p>` and `<li>` close the open one, not in SVG.
        assert_eq!(depth_after(&"<li>".repeat(10)), 1);
        assert_eq!(depth_after(&format!("<svg>{}", "<li>".repeat(10))), 11);
    }

    #[test]
    fn unclosed_formatting_elements_count_until_closed() {
        // The parser re-opens each in the next paragraph.
        let html: String = (0..10)
            .map(|i| format!("<p>a <b class={i}>x</p>"))
            .collect();
        assert_eq!(depth_after(&html), 10);
        // Alike ones are remembered three times at most.
        assert_eq!(depth_after(&"<p><b>x</p>".repeat(10)), 3);
        assert_eq!(depth_after("<p><b>x</b></p>"), 0);
    }
}
