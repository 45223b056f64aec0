//! The shape of a Markdown record: its title heading, the lines before its
//! first section, and its `##` sections, by byte range. Found with the
//! Markdown parser, so a `#` in a code block is no heading.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// A heading and what follows it, up to the next heading at its level or
/// above.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Section {
    /// The heading's text, without markup or HTML comments.
    pub title: String,
    /// The heading itself.
    pub heading: Range<usize>,
    /// What the heading introduces.
    pub content: Range<usize>,
}

/// A Markdown text's outline, with ranges into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Outline {
    /// The first `#` heading, when it comes before any `##` one.
    pub title: Option<Section>,
    /// From the end of the title (or the start) to the first `##` heading.
    pub preamble: Range<usize>,
    /// The `##` sections, in order.
    pub sections: Vec<Section>,
}

impl Outline {
    /// The outline of `markdown`.
    pub(super) fn of(markdown: &str) -> Outline {
        let mut headings: Vec<(HeadingLevel, String, Range<usize>)> = Vec::new();
        let mut open: Option<(HeadingLevel, String, Range<usize>)> = None;
        for (event, range) in Parser::new_ext(markdown, Options::empty()).into_offset_iter() {
            match event {
                Event::Start(Tag::Heading { level, .. }) => {
                    open = Some((level, String::new(), range))
                }
                Event::End(TagEnd::Heading(_)) => headings.extend(open.take()),
                Event::Text(text) | Event::Code(text) => {
                    if let Some((_, title, _)) = &mut open {
                        title.push_str(&text);
                    }
                }
                _ => {}
            }
        }
        let top: Vec<&(HeadingLevel, String, Range<usize>)> = headings
            .iter()
            .filter(|(level, ..)| *level <= HeadingLevel::H2)
            .collect();
        let end_of = |i: usize| top.get(i + 1).map_or(markdown.len(), |(_, _, r)| r.start);
        let mut title = None;
        let mut sections = Vec::new();
        for (i, (level, text, range)) in top.iter().enumerate() {
            let section = Section {
                title: text.trim().to_string(),
                heading: range.clone(),
                content: range.end..end_of(i),
            };
            if *level == HeadingLevel::H1 {
                if title.is_none() && sections.is_empty() {
                    title = Some(section);
                }
            } else {
                sections.push(section);
            }
        }
        let preamble_start = title.as_ref().map_or(0, |t: &Section| t.heading.end);
        let preamble_end = sections
            .first()
            .map_or(markdown.len(), |s| s.heading.start)
            .max(preamble_start);
        Outline {
            title,
            preamble: preamble_start..preamble_end,
            sections,
        }
    }

    /// The first section whose title is one of `names` (in any case), in
    /// the order of `names`.
    pub(super) fn section(&self, names: &[&str]) -> Option<&Section> {
        names.iter().find_map(|name| {
            self.sections
                .iter()
                .find(|s| s.title.eq_ignore_ascii_case(name))
        })
    }
}

/// The first paragraph in `markdown` that says anything, as the Markdown
/// it is written in (emphasis, code and links kept, for the pages to show
/// as one line), its lines joined by spaces.
pub(super) fn first_paragraph(markdown: &str) -> Option<String> {
    let mut start = None;
    let mut has_text = false;
    for (event, range) in
        Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH).into_offset_iter()
    {
        match event {
            Event::Start(Tag::Paragraph) => {
                start = Some(range.start);
                has_text = false;
            }
            Event::End(TagEnd::Paragraph) => {
                let written = start.take().and_then(|from| markdown.get(from..range.end));
                if let Some(written) = written.filter(|_| has_text) {
                    return Some(written.split_whitespace().collect::<Vec<_>>().join(" "));
                }
            }
            Event::Text(t) | Event::Code(t) if !t.trim().is_empty() => has_text = true,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_title_preamble_and_sections() {
        let md = "# 2. Use Redis\n\nDate: 2026-01-02\n\n## Status\n\nAccepted\n\n```\n# not a heading\n```\n\n### Detail\n\n## Context <!-- optional -->\n\nSessions need TTLs.\n";
        let outline = Outline::of(md);
        let title = outline.title.as_ref().unwrap();
        assert_eq!(title.title, "2. Use Redis");
        assert_eq!(&md[outline.preamble.clone()], "\nDate: 2026-01-02\n\n");
        let names: Vec<&str> = outline.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(names, ["Status", "Context"]);
        let status = outline.section(&["status"]).unwrap();
        assert!(md[status.content.clone()].contains("### Detail"));
        assert_eq!(
            first_paragraph(&md[outline.section(&["context"]).unwrap().content.clone()]),
            Some("Sessions need TTLs.".to_string())
        );
    }

    #[test]
    fn a_late_title_is_not_the_title() {
        let outline = Outline::of("## Status\n\nAccepted\n\n# Title\n");
        assert!(outline.title.is_none());
        assert_eq!(outline.preamble, 0..0);
    }

    #[test]
    fn first_paragraph_skips_comments_and_joins_lines() {
        let md = "<!-- note -->\n\nWe need *one*\nstore for `sessions`.\n\nSecond.\n";
        assert_eq!(
            first_paragraph(md).as_deref(),
            Some("We need *one* store for `sessions`.")
        );
        assert_eq!(first_paragraph("- a list\n"), None);
    }
}
