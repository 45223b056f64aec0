//! A rendered Markdown body ([`Rendered`]) and what the build keeps of it
//! ([`BodyFacts`]), with the warnings the body gives.

use std::ops::Range;

use super::anchors;
use super::references::{Reference, Target};
use crate::content::tag_filter::{self, FilteredTag};
use crate::diagnostics::{Code, Diagnostic, SourceFile};
use crate::markup::depth;
use crate::url_policy::Refusal;
use crate::xml_text::warnings as illegal_chars;

/// A rendered Markdown body: its HTML, what the rest of the build needs to
/// know of it ([`BodyFacts`], reached through `Deref`), and what to warn
/// about.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rendered {
    /// Safe HTML: raw HTML sanitized unless the site trusts it. Each
    /// relative link or image holds a placeholder for the site stage to
    /// fill in (see [`crate::markup::html`]).
    pub html: String,
    /// The visible text, blocks separated by newlines: what search
    /// indexes.
    pub(crate) text: String,
    /// Where each heading's line starts in `text` (byte offsets), so that
    /// search shows a heading apart from the text after it.
    pub(crate) headings: Vec<usize>,
    pub(crate) facts: BodyFacts,
    /// Raw HTML tags shown as text by the tag filter, for warnings.
    pub(crate) filtered_tags: Vec<FilteredTag>,
    /// Character references (`&#11;`) that make characters XML does not
    /// allow, by byte range in the Markdown, for warnings.
    pub(crate) illegal_references: Vec<Range<usize>>,
    /// The first raw HTML of a body whose HTML nested too deeply to be
    /// sanitised as it was (some tags were shown as text), for a warning.
    pub(crate) nested_too_deeply: Option<Range<usize>>,
    /// Links and images never published as links (`javascript:`, a URL
    /// with a password), by byte range in the Markdown, for warnings.
    pub(crate) refused_links: Vec<(Range<usize>, Refusal)>,
}

/// What a rendered body links to and how it starts, without its HTML or
/// text: what a wrap keeps between stages. Its HTML and text are made
/// again when a page shows it or search indexes it (rendering is a pure
/// function of the file and the config), so that a site's bodies are not
/// held until the site is written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BodyFacts {
    /// The relative links and images, by placeholder index.
    pub(crate) references: Vec<Reference>,
    /// The headings' slugs, in order: `context` for the heading whose id
    /// is `user-content-context`.
    pub(crate) anchors: Vec<String>,
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
    /// tags shown as text, characters XML does not allow made by
    /// character references (those written as they are are found in the
    /// file's text), and links never published as links.
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
                        depth::MAX_DEPTH
                    ),
                )
                .at(file, span)
                .with_help("close the tags you open; no page needs to nest that deep"),
            );
        }
        out.extend(self.refused_links.iter().map(|(range, refusal)| {
            let span = body_offset + range.start..body_offset + range.end;
            Diagnostic::new(
                Code::RefusedLink,
                format!(
                    "this link is shown as its text, without the link: {}",
                    refusal.why()
                ),
            )
            .at(file, span)
            .with_help(refusal.help())
        }));
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
