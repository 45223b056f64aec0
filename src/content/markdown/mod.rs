//! Markdown to safe HTML, plus the plain text that summaries and search
//! are made from, the relative links and images the site stage resolves,
//! the headings' ids, and what the body's warnings need (tags shown as
//! text, character references XML does not allow).

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

mod anchors;
mod autolink;
pub(crate) mod references;
mod text;

use super::front_matter::Body;
use super::html_depth;
use super::tag_filter::{self, FilteredTag, TagFilter};
use crate::diagnostics::{Code, Diagnostic, SourceFile};
use crate::xml_text::has_illegal;
use crate::xml_text::warnings as illegal_chars;
use anchors::HeadingIds;
use autolink::Autolinker;
pub(crate) use references::Place;
pub use references::Reference;
use references::{Referencer, Target};
use text::{TextCollector, first_sentence};

/// A rendered Markdown body: its HTML, what the rest of the build needs to
/// know of it ([`BodyFacts`], reached through `Deref`), and what to warn
/// about.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rendered {
    /// Safe HTML: raw HTML sanitized unless the site trusts it. Each
    /// relative link or image holds a placeholder for the site stage to
    /// fill in (see [`crate::html_links`]).
    pub html: String,
    pub(crate) facts: BodyFacts,
    /// Raw HTML tags shown as text by the tag filter, for warnings.
    pub(crate) filtered_tags: Vec<FilteredTag>,
    /// Character references (`&#11;`) that make characters XML does not
    /// allow, by byte range in the Markdown, for warnings.
    pub(crate) illegal_references: Vec<Range<usize>>,
    /// The first raw HTML of a body whose HTML nested too deeply to be
    /// sanitised as it was (some tags were shown as text), for a warning.
    pub(crate) nested_too_deeply: Option<Range<usize>>,
}

/// What a rendered body says and links to, without its HTML: what a wrap
/// keeps between stages. Its HTML is made again for the pages that show
/// it (rendering is a pure function of the file and the config), so that
/// a site's bodies are not held twice over until the site is written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BodyFacts {
    /// The relative links and images, by placeholder index.
    pub(crate) references: Vec<Reference>,
    /// The headings' slugs, in order: `context` for the heading whose id
    /// is `user-content-context`.
    pub(crate) anchors: Vec<String>,
    /// The visible text, blocks separated by newlines.
    pub(crate) text: String,
    /// The first sentence of the first paragraph or list item.
    pub(crate) first_sentence: Option<String>,
    /// Whether the source contained raw HTML (and so went through the
    /// sanitizer, unless trusted).
    pub(crate) had_raw_html: bool,
}

impl std::ops::Deref for Rendered {
    type Target = BodyFacts;
    fn deref(&self) -> &BodyFacts {
        &self.facts
    }
}

impl Rendered {
    /// Warnings about the body of `file`, which starts at `body_offset`:
    /// tags shown as text, and characters XML does not allow made by
    /// character references (those written as they are are found in the
    /// file's text).
    /// Links and images that lead out of the site are warned about here;
    /// those whose file is missing, once the files are looked at (see
    /// `content::linked_files`).
    pub fn warnings(&self, file: &SourceFile, body_offset: usize) -> Vec<Diagnostic> {
        let mut out = tag_filter::warnings(&self.filtered_tags, file, body_offset);
        out.extend(self.illegal_references.iter().map(|range| {
            let span = body_offset + range.start..body_offset + range.end;
            illegal_chars::made_by_escape(file, span)
        }));
        if let Some(range) = &self.nested_too_deeply {
            let span = body_offset + range.start..body_offset + range.end;
            out.push(
                Diagnostic::new(
                    Code::FilteredTag,
                    format!(
                        "the HTML of this body nests more than {} elements deep (its lists and quotes included): the deeper tags are shown as text",
                        html_depth::MAX_DEPTH
                    ),
                )
                .at(file, span)
                .with_help("close the tags you open; no page needs to nest that deep"),
            );
        }
        // Once per target as written: a target repeated is one mistake.
        let mut seen = std::collections::HashSet::new();
        out.extend(
            self.references
                .iter()
                .filter(|r| r.target == Target::OutsideSite && seen.insert(r.written.as_str()))
                .map(|r| r.outside_site(file)),
        );
        out
    }
}

impl BodyFacts {
    /// The id on the page of the heading a link's `fragment` names: the
    /// heading's GitHub slug (`context`, or `Context`), or its id as
    /// written (`user-content-context`). `None` when no heading has it.
    pub(crate) fn heading_id(&self, fragment: &str) -> Option<String> {
        let fragment = fragment
            .strip_prefix(anchors::ID_PREFIX)
            .unwrap_or(fragment);
        let lower = fragment.to_lowercase();
        self.anchors
            .iter()
            .find(|slug| **slug == fragment || **slug == lower)
            .map(|slug| format!("{}{slug}", anchors::ID_PREFIX))
    }
}

/// Headings in a body start at this level: the page's own title is `<h1>`.
const TOP_HEADING: usize = 2;

/// Renders GitHub-flavoured Markdown, the body of the file at `at` (which
/// relative links are read from). Raw HTML goes
/// through GitHub's tag filter, then an allow-list sanitizer unless
/// `trust_html`; link targets with unsafe schemes are neutralised either
/// way, because Markdown links bypass the sanitizer.
///
/// One pass over the events makes the HTML, the text and the summary
/// together; events are buffered only when a heading must be shifted (and
/// each heading until its end, for its id).
pub(crate) fn render<'a>(body: Body<'a>, at: Place, trust_html: bool) -> Rendered {
    let markdown = body.text;
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM;
    let mut filter = TagFilter::new(markdown);
    let mut illegal_references = Vec::new();
    let mut first_raw_html = None;
    let parser = Parser::new_ext(markdown, options)
        .into_offset_iter()
        .map(|(event, range)| {
            if first_raw_html.is_none() && matches!(event, Event::Html(_) | Event::InlineHtml(_)) {
                first_raw_html = Some(range.clone());
            }
            // Text that holds what its source does not: a reference.
            let made = matches!(&event, Event::Text(text) if has_illegal(text));
            if made && !markdown.get(range.clone()).is_some_and(has_illegal) {
                illegal_references.push(range.clone());
            }
            (filter.apply(event, range.clone()), range)
        });
    let mut references = Referencer::new(parser, markdown, at, body.offset);
    let mut collector = TextCollector::with_capacity(markdown.len());
    let mut had_raw_html = false;
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    let mut visit = |mut event: Event<'a>| -> Event<'a> {
        match &mut event {
            Event::Html(_) | Event::InlineHtml(_) => had_raw_html = true,
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if !is_safe_url(dest_url) =>
            {
                *dest_url = CowStr::Borrowed("#");
            }
            _ => {}
        }
        collector.visit(&event);
        event
    };
    let anchors = if may_have_top_heading(markdown) {
        let mut events: Vec<Event<'a>> = references.by_ref().collect();
        shift_headings(&mut events);
        let mut ids = HeadingIds::new(events.into_iter());
        let mut autolink = Autolinker::default();
        let events = ids.by_ref().flat_map(|e| autolink.expand(e));
        html::push_html(&mut html, events.map(&mut visit));
        ids.finish()
    } else {
        let mut ids = HeadingIds::new(references.by_ref());
        let mut autolink = Autolinker::default();
        let events = ids.by_ref().flat_map(|e| autolink.expand(e));
        html::push_html(&mut html, events.map(&mut visit));
        ids.finish()
    };
    // Ends the parser's borrows of the spans it recorded.
    let references = references.finish();
    let mut nested_too_deeply = None;
    if had_raw_html && !trust_html {
        // The sanitiser's parser is slow on deep nesting; see html_depth.
        if let Some(capped) = html_depth::escape_deep_tags(&html) {
            html = capped;
            nested_too_deeply = first_raw_html;
        }
        html = SANITIZER.clean(&html).to_string();
    }
    let (mut text, first_block) = collector.finish();
    // Kept until the site is written: without the room left for growth
    // (up to half again), a site's bodies take a third less memory.
    html.shrink_to_fit();
    text.shrink_to_fit();
    Rendered {
        html,
        facts: BodyFacts {
            first_sentence: first_block.as_deref().and_then(first_sentence),
            references,
            anchors,
            text,
            had_raw_html,
        },
        filtered_tags: filter.finish(),
        illegal_references,
        nested_too_deeply,
    }
}

/// Renders `markdown` as the whole of a wrap at `wraps/w.md`: the entry
/// the fuzz targets use, as bodies reach `render` only through the reader.
#[doc(hidden)]
pub fn render_whole_file(markdown: &str, trust_html: bool) -> Rendered {
    let body = Body {
        text: markdown,
        offset: 0,
    };
    render(body, Place::in_site("wraps/w.md"), trust_html)
}

/// Whether the body may contain an `<h1>` (an `# ATX` line or a `===`
/// setext underline). A cheap scan that lets most bodies stream.
fn may_have_top_heading(markdown: &str) -> bool {
    markdown.lines().any(|line| {
        let line = line.trim_start();
        line == "#" || line.starts_with("# ") || line.starts_with("#\t") || line.starts_with("==")
    })
}

/// Moves headings down so the body's highest heading is an `<h2>`, keeping
/// the page's heading outline in order.
fn shift_headings(events: &mut [Event]) {
    let top = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as usize),
            _ => None,
        })
        .min();
    let Some(top) = top else { return };
    if top >= TOP_HEADING {
        return;
    }
    let shift = TOP_HEADING - top;
    let lower = |level: HeadingLevel| {
        HeadingLevel::try_from((level as usize + shift).min(6)).unwrap_or(HeadingLevel::H6)
    };
    for event in events {
        match event {
            Event::Start(Tag::Heading { level, .. }) => *level = lower(*level),
            Event::End(TagEnd::Heading(level)) => *level = lower(*level),
            _ => {}
        }
    }
}

/// Relative URLs, fragments and the http, https and mailto schemes.
pub(crate) fn is_safe_url(url: &str) -> bool {
    let trimmed = url.trim_start();
    let scheme_end = trimmed.find(':');
    let path_start = trimmed.find(['/', '?', '#']);
    match (scheme_end, path_start) {
        (None, _) => true,
        (Some(colon), Some(path)) if path < colon => true,
        (Some(colon), _) => {
            let scheme = trimmed[..colon].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto")
        }
    }
}

/// GitHub-like allow-list: the formatting engineers paste (`<details>`,
/// `<kbd>`, `<br>`, tables) passes; scripts, event handlers, styles and
/// unsafe URL schemes do not.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .add_tags(["input"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("code", ["class"])
        .add_tag_attributes("details", ["open"])
        .add_tag_attributes("th", ["style", "colspan", "rowspan"])
        .add_tag_attributes("td", ["style", "colspan", "rowspan"])
        .add_tag_attributes("sup", ["class", "id"])
        .add_tag_attributes("div", ["class", "id"])
        .add_tag_attributes("a", ["id"])
        .add_tag_attributes("li", ["id"])
        .add_tag_attributes("h1", ["id"])
        .add_tag_attributes("h2", ["id"])
        .add_tag_attributes("h3", ["id"])
        .add_tag_attributes("h4", ["id"])
        .add_tag_attributes("h5", ["id"])
        .add_tag_attributes("h6", ["id"])
        .link_rel(Some("noopener noreferrer"))
        .attribute_filter(|element, attribute, value| match (element, attribute) {
            ("input", "type") => (value == "checkbox").then_some(Cow::Borrowed(value)),
            // Table alignment is the only inline style Markdown produces.
            (_, "style") => value
                .strip_prefix("text-align: ")
                .filter(|a| matches!(*a, "left" | "center" | "right"))
                .map(|_| Cow::Borrowed(value)),
            _ => Some(Cow::Borrowed(value)),
        });
    builder
});

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// Renders `markdown` as the body of `wraps/a.md`, from its start.
    pub(crate) fn render_md(markdown: &str, trust_html: bool) -> Rendered {
        let body = Body {
            text: markdown,
            offset: 0,
        };
        render(body, Place::in_site("wraps/a.md"), trust_html)
    }

    #[test]
    fn plain_markdown_renders_without_the_sanitizer() {
        let r = render_md("## Done\n- Moved *writes* to `redis`.\n", false);
        assert!(!r.had_raw_html);
        assert!(
            r.html.contains("<h2 id=\"user-content-done\">Done</h2>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<em>writes</em>"));
        assert_eq!(r.first_sentence.as_deref(), Some("Moved writes to redis."));
    }

    #[test]
    fn headings_shift_so_the_body_starts_at_h2() {
        let r = render_md("# Top\n## Sub\n", false);
        assert!(
            r.html.contains("<h2 id=\"user-content-top\">Top</h2>")
                && r.html.contains("<h3 id=\"user-content-sub\">Sub</h3>"),
            "{}",
            r.html
        );
        let r = render_md("### Deep\n", false);
        assert!(r.html.contains("<h3 id=\"user-content-deep\">Deep</h3>"));
    }

    #[test]
    fn github_style_html_survives() {
        let md = "Press <kbd>Ctrl</kbd>+<kbd>C</kbd><br>then\n\n<details><summary>log</summary>\n\n```\nboom\n```\n</details>\n\n| a | b |\n|:-:|---|\n| x<br>y | <b>z</b> |\n\n- [x] done\n";
        let r = render_md(md, false);
        assert!(r.had_raw_html);
        for needle in [
            "<kbd>Ctrl</kbd>",
            "<br>",
            "<details>",
            "<summary>log</summary>",
            "<b>z</b>",
            "text-align: center",
            "type=\"checkbox\"",
        ] {
            assert!(r.html.contains(needle), "missing {needle} in {}", r.html);
        }
    }

    #[test]
    fn dangerous_html_is_removed() {
        let md = "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n<a href=\"javascript:alert(1)\">x</a>\n<p style=\"position:fixed\">y</p>\n";
        let r = render_md(md, false);
        for needle in ["<script", "onerror", "javascript:", "position:fixed"] {
            assert!(!r.html.contains(needle), "{needle} survived in {}", r.html);
        }
    }

    #[test]
    fn prose_tags_are_shown_as_text_in_both_modes() {
        let md = "Fixed the focus bug in the <script> element. Then lunch.\n\nNext <STYLE> day.\n";
        for trust in [false, true] {
            let r = render_md(md, trust);
            assert!(
                r.html
                    .contains("the &lt;script&gt; element. Then lunch.</p>"),
                "{}",
                r.html
            );
            assert!(r.html.contains("Next &lt;STYLE&gt; day."), "{}", r.html);
            assert_eq!(
                r.first_sentence.as_deref(),
                Some("Fixed the focus bug in the <script> element.")
            );
            let found: Vec<(usize, &str)> =
                r.filtered_tags.iter().map(|t| (t.offset, t.name)).collect();
            assert_eq!(found, [(27, "script"), (63, "style")]);
        }
    }

    #[test]
    fn filtered_tags_in_html_blocks_show_what_they_enclose() {
        let md =
            "<script>\nalert(1)\n</script>\n\n<div><iframe src=x></iframe> kept</div>\n\nafter\n";
        for trust in [false, true] {
            let r = render_md(md, trust);
            for needle in [
                "&lt;script",
                "alert(1)",
                "&lt;/script",
                "&lt;iframe",
                "kept</div>",
                "<p>after</p>",
            ] {
                assert!(r.html.contains(needle), "missing {needle} in {}", r.html);
            }
            assert!(!r.html.contains("<script") && !r.html.contains("<iframe"));
        }
    }

    #[test]
    fn character_references_to_control_characters_are_noted() {
        let r = render_md(
            "Tab&#9;ok, vertical &#11; tab, `&#11;` in code, &#xFFFE; too.\n",
            false,
        );
        assert_eq!(r.illegal_references, [20..25, 48..56]);
    }

    #[test]
    fn markdown_links_with_unsafe_schemes_are_neutralised() {
        let r = render_md(
            "[x](javascript:alert(1)) [y](https://ok.example/a:b) [z](../rel) ![i](data:text/html,hi)",
            false,
        );
        assert!(!r.html.contains("javascript:"), "{}", r.html);
        assert!(!r.html.contains("data:"), "{}", r.html);
        assert!(r.html.contains("https://ok.example/a:b"));
        assert!(r.html.contains("href=\"#standin-ref-0\""), "{}", r.html);
        assert_eq!(r.references[0].target, Target::Path("rel".into()));
    }

    /// `(element, target, fragment, the text at its span)` of each
    /// reference of a body written at offset 4 of `docs/adr/0027-x.md`.
    fn references_of(markdown: &str, trust_html: bool) -> (Rendered, Vec<String>) {
        let text = format!("+++\n{markdown}");
        let body = Body {
            text: &text[4..],
            offset: 4,
        };
        let r = render(body, Place::in_site("docs/adr/0027-x.md"), trust_html);
        let found = r
            .references
            .iter()
            .map(|x| {
                format!(
                    "{:?} {:?} {:?} `{}`",
                    x.element,
                    x.target,
                    x.fragment,
                    &text[x.span.clone()]
                )
            })
            .collect();
        (r, found)
    }

    #[test]
    fn relative_links_and_images_become_placeholders() {
        let md = "See [ADR 33](0033-ip-ranges.md#context \"t\") and [home](https://x.example/a.md), [here](#decision).\n\n![diagram](0027-img01.jpg?raw=true) ![ref][r]\n\n[r]: <my diagram.png>\n";
        for trust in [false, true] {
            let (r, found) = references_of(md, trust);
            assert_eq!(
                found,
                [
                    "Link Path(\"docs/adr/0033-ip-ranges.md\") Some(\"context\") `0033-ip-ranges.md#context`",
                    "Link ThisFile Some(\"decision\") `#decision`",
                    "Image Path(\"docs/adr/0027-img01.jpg\") None `0027-img01.jpg?raw=true`",
                    "Image Path(\"docs/adr/my diagram.png\") None `![ref][r]`",
                ]
            );
            for needle in [
                r##"<a href="#standin-ref-0" title="t">ADR 33</a>"##,
                r##"<a href="https://x.example/a.md">home</a>"##,
                r##"<a href="#standin-ref-1">here</a>"##,
                r##"<img src="#standin-ref-2" alt="diagram""##,
                r##"<img src="#standin-ref-3" alt="ref""##,
            ] {
                assert!(r.html.contains(needle), "{needle} not in {}", r.html);
            }
        }
    }

    #[test]
    fn raw_html_links_and_images_get_placeholders_that_survive_sanitizing() {
        let md = "Inline <a href=\"../decisions/pg.md\">pg</a> and <img src='a&amp;b.png' width=\"50\">.\n\n<p align=\"center\">\n  <img\n    src=\"img/wide.png\" alt=\"wide\">\n</p>\n\n> <img src=\"q.png\">\n";
        for trust in [false, true] {
            let (r, found) = references_of(md, trust);
            assert_eq!(
                found,
                [
                    "Link Path(\"docs/decisions/pg.md\") None `../decisions/pg.md`",
                    "Image Path(\"docs/adr/a&b.png\") None `a&amp;b.png`",
                    "Image Path(\"docs/adr/img/wide.png\") None `img/wide.png`",
                    "Image Path(\"docs/adr/q.png\") None `q.png`",
                ],
                "trust {trust}"
            );
            for i in 0..4 {
                assert!(
                    r.html.contains(&crate::html_links::placeholder(i)),
                    "{i} in {}",
                    r.html
                );
            }
            assert!(!r.html.contains("wide.png"), "{}", r.html);
        }
    }

    #[test]
    fn a_written_placeholder_is_a_reference_like_any_other() {
        let (r, found) = references_of(
            "[x](#standin-ref-0) <a href=\"#standin-ref-0\">y</a>",
            false,
        );
        assert_eq!(found.len(), 2);
        assert!(r.html.contains("#standin-ref-1"), "{}", r.html);
    }

    #[test]
    fn links_out_of_the_site_warn_where_they_are_written() {
        let text = "+++\nx\n+++\n[passwd](../../../etc/passwd)\n";
        let file = SourceFile::new("docs/adr/0027-x.md", text);
        let body = Body {
            text: &text[10..],
            offset: 10,
        };
        let r = render(body, Place::in_site("docs/adr/0027-x.md"), false);
        assert_eq!(r.references[0].target, Target::OutsideSite);
        let warnings = r.warnings(&file, 10);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].code, crate::diagnostics::Code::BrokenReference);
        assert_eq!(warnings[0].line_column(), Some((4, 10)));
    }

    #[test]
    fn heading_ids_survive_sanitizing_and_name_fragments() {
        let r = render_md("## Context\n\n<b>raw</b>\n\n## Décision & Outcome\n", false);
        assert!(r.had_raw_html);
        assert!(
            r.html
                .contains("<h2 id=\"user-content-context\">Context</h2>"),
            "{}",
            r.html
        );
        assert_eq!(
            r.heading_id("context").as_deref(),
            Some("user-content-context")
        );
        assert_eq!(
            r.heading_id("Context").as_deref(),
            Some("user-content-context")
        );
        assert_eq!(
            r.heading_id("user-content-décision--outcome").as_deref(),
            Some("user-content-décision--outcome")
        );
        assert_eq!(r.heading_id("nothing"), None);
    }

    #[test]
    fn trusted_html_passes_through() {
        let r = render_md("<span style=\"color:red\">x</span>", true);
        assert!(r.html.contains("style=\"color:red\""));
    }

    #[test]
    fn setext_top_headings_shift_too() {
        let r = render_md("Title\n=====\n\ntext\n", false);
        assert!(
            r.html.contains("<h2 id=\"user-content-title\">Title</h2>"),
            "{}",
            r.html
        );
        assert!(!may_have_top_heading("## Done\n- x\n"));
    }
}
