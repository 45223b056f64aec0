//! GitHub's tag filter: raw HTML tags whose content a browser does not
//! read as markup (`<script>`, `<style>`, `<textarea>`, ...) are shown as
//! text, in both HTML modes.
//!
//! Written in prose ("the focus bug in the <script> element"), such a tag
//! would otherwise swallow every word after it: the sanitizer drops it with
//! all it encloses (to the end of the body when nobody closes it), and a
//! browser given trusted HTML reads the rest of the page as script.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, TagEnd};

use crate::diagnostics::{Code, Diagnostic, SourceFile};

/// The tags GFM filters, plus `<template>`, whose content the sanitizer
/// drops too, and `<noscript>`, whose content a browser hides and the
/// sanitizer shows as markup.
pub(crate) const TAGS: &[&str] = &[
    "title",
    "textarea",
    "style",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "script",
    "plaintext",
    "template",
    "noscript",
];

/// A filtered tag: where its `<` was in the Markdown source, and which tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FilteredTag {
    /// Byte offset of the `<` in the Markdown text given to the filter.
    pub offset: usize,
    /// The tag's name, lowercase (`script`).
    pub name: &'static str,
    /// `</script>` rather than `<script>`.
    pub closing: bool,
}

impl FilteredTag {
    /// The tag as it should be written in backticks: `<script>`.
    pub(crate) fn display(&self) -> String {
        format!("<{}{}>", if self.closing { "/" } else { "" }, self.name)
    }
}

/// Warnings for the tags the filter showed as text, at their place in
/// `file`, whose Markdown body starts at `body_offset`: one per opening
/// tag, and one per closing tag that no opening tag of its name came
/// before (a `<script>...</script>` pair is one mistake).
pub(crate) fn warnings(
    tags: &[FilteredTag],
    file: &SourceFile,
    body_offset: usize,
) -> Vec<Diagnostic> {
    let mut opened: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for tag in tags {
        if tag.closing && opened.contains(&tag.name) {
            continue;
        }
        if !tag.closing {
            opened.push(tag.name);
        }
        let written = tag.display();
        let start = body_offset + tag.offset;
        // `<script` or `</script`: as long in the source, whatever its case.
        let end = start + 1 + usize::from(tag.closing) + tag.name.len();
        out.push(
            Diagnostic::new(
                Code::FilteredTag,
                format!("`{written}` is shown as text, not read as HTML"),
            )
            .at(file, start..end)
            .with_help(format!(
                "write it in backticks: `{written}` (as raw HTML it would hide the words after it)"
            )),
        );
    }
    out
}

/// Applies the filter to the raw HTML events of one Markdown text, keeping
/// where each filtered tag was.
pub(crate) struct TagFilter<'s> {
    source: &'s str,
    /// Inside an HTML comment that began in an earlier line of an HTML
    /// block: nothing in it is shown, so nothing needs filtering.
    in_comment: bool,
    found: Vec<FilteredTag>,
}

impl<'s> TagFilter<'s> {
    /// A filter for events parsed from `source`.
    pub(crate) fn new(source: &'s str) -> Self {
        Self {
            source,
            in_comment: false,
            found: Vec::new(),
        }
    }

    /// The event with its filtered tags shown as text. An inline tag in
    /// prose becomes a text event, so that summaries and search keep it; a
    /// tag in an HTML block has its `<` written `&lt;`, as GitHub does.
    pub(crate) fn apply<'a>(&mut self, event: Event<'a>, range: Range<usize>) -> Event<'a> {
        match event {
            Event::InlineHtml(html) if !html.starts_with("<!--") => {
                let tags = tags_in(&html, 0);
                if tags.is_empty() {
                    return Event::InlineHtml(html);
                }
                self.record(&html, &tags, range);
                if tags[0].0 == 0 {
                    Event::Text(html)
                } else {
                    Event::InlineHtml(CowStr::from(escape(&html, &tags)))
                }
            }
            Event::Html(html) => {
                let from = self.skip_comment(&html);
                let tags = match from {
                    Some(from) => tags_in(&html, from),
                    None => Vec::new(),
                };
                if tags.is_empty() {
                    return Event::Html(html);
                }
                self.record(&html, &tags, range);
                Event::Html(CowStr::from(escape(&html, &tags)))
            }
            Event::End(TagEnd::HtmlBlock) => {
                self.in_comment = false;
                event
            }
            other => other,
        }
    }

    /// Every filtered tag seen, in source order.
    pub(crate) fn finish(self) -> Vec<FilteredTag> {
        self.found
    }

    /// Where in a line of an HTML block filtering starts: after a comment
    /// that starts the line or goes on from an earlier one; `None` when the
    /// whole line is inside a comment.
    fn skip_comment(&mut self, html: &str) -> Option<usize> {
        let mut from = 0;
        if !self.in_comment {
            let trimmed = html.trim_start();
            if !trimmed.starts_with("<!--") {
                return Some(0);
            }
            self.in_comment = true;
            // `<!-->` and `<!--->` are whole comments: look for the end
            // from inside the opening.
            from = html.len() - trimmed.len() + 2;
        }
        let end = html[from..].find("-->")?;
        self.in_comment = false;
        Some(from + end + 3)
    }

    /// Records the tags found at `tags` (offsets in `html`), mapped to
    /// offsets in the source.
    fn record(&mut self, html: &str, tags: &[(usize, &'static str, bool)], range: Range<usize>) {
        let slice = self.source.get(range.clone()).unwrap_or("");
        // Events usually are the source itself; inside a block quote or a
        // list item they lose the container's prefix, so match the tags
        // up in order instead.
        let in_source = if slice == html {
            None
        } else {
            Some((tags_in(html, 0), tags_in(slice, 0)))
        };
        for &(at, name, closing) in tags {
            let offset = match &in_source {
                None => range.start + at,
                Some((in_event, in_slice)) => in_event
                    .iter()
                    .position(|t| t.0 == at)
                    .and_then(|k| in_slice.get(k))
                    .map_or(range.start, |t| range.start + t.0),
            };
            self.found.push(FilteredTag {
                offset,
                name,
                closing,
            });
        }
    }
}

/// The filtered tags in `html` from byte `from`: the offset of each `<`,
/// the tag's name and whether it closes.
fn tags_in(html: &str, from: usize) -> Vec<(usize, &'static str, bool)> {
    html[from..]
        .match_indices('<')
        .filter_map(|(i, _)| {
            tag_at(html, from + i).map(|(name, closing)| (from + i, name, closing))
        })
        .collect()
}

/// The filtered tag whose `<` is at `lt`, if any. Like GFM, the name must
/// end the tag or be followed by white space or `/`; the end of the text
/// counts too (an HTML block line may end there).
fn tag_at(html: &str, lt: usize) -> Option<(&'static str, bool)> {
    let rest = &html.as_bytes()[lt + 1..];
    let (closing, rest) = match rest.first() {
        Some(b'/') => (true, &rest[1..]),
        _ => (false, rest),
    };
    TAGS.iter()
        .find(|name| {
            rest.len() >= name.len()
                && rest[..name.len()].eq_ignore_ascii_case(name.as_bytes())
                && matches!(
                    rest.get(name.len()),
                    None | Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
                )
        })
        .map(|name| (*name, closing))
}

/// `html` with the `<` of each tag at `tags` written `&lt;`.
fn escape(html: &str, tags: &[(usize, &'static str, bool)]) -> String {
    crate::markup::escape::tags_as_text(html, tags.iter().map(|&(at, _, _)| at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_tags_like_gfm() {
        let found = |html: &str| -> Vec<(usize, &str, bool)> { tags_in(html, 0) };
        assert_eq!(found("<script>"), [(0, "script", false)]);
        assert_eq!(found("x </STYLE >"), [(2, "style", true)]);
        assert_eq!(found("<textarea\n"), [(0, "textarea", false)]);
        assert_eq!(found("<iframe/src=x>"), [(0, "iframe", false)]);
        assert_eq!(found("<template"), [(0, "template", false)]);
        // Other tags, and names that only start alike, pass.
        assert!(found("<scripts> <stylesheet> <titles> <div> <kbd>").is_empty());
    }

    #[test]
    fn escapes_only_the_opening_bracket() {
        let html = "<div><script src=x></script></div>";
        assert_eq!(
            escape(html, &tags_in(html, 0)),
            "<div>&lt;script src=x>&lt;/script></div>"
        );
    }

    #[test]
    fn comments_in_html_blocks_are_left_alone() {
        let mut filter = TagFilter::new("");
        let line =
            |f: &mut TagFilter, text: &'static str| match f.apply(Event::Html(text.into()), 0..0) {
                Event::Html(html) => html.to_string(),
                other => panic!("{other:?}"),
            };
        assert_eq!(line(&mut filter, "<!-- <script>\n"), "<!-- <script>\n");
        assert_eq!(line(&mut filter, "<style> -->\n"), "<style> -->\n");
        assert_eq!(line(&mut filter, "<style>\n"), "&lt;style>\n");
        assert_eq!(line(&mut filter, "<!--> <style>\n"), "<!--> &lt;style>\n");
    }
}
