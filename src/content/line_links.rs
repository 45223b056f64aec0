//! Links in one-line text (an ask, a decision's `why`, a risk's note) to
//! files of the site, read from the file they are written in as a body's
//! links are, and written back into the text as a path from the site
//! folder: `[0003](0003-x.md)` in `docs/adr/0004-y.md` becomes
//! `[0003](/docs/adr/0003-x.md)` (GitHub reads a leading `/` the same
//! way). The text then means the same wherever it is shown (a brief, the
//! decision log, a feed, a chat message), and the site stage resolves the
//! path to the page or file it became, or shows the text alone.
//!
//! Each such link is kept with the file's references (see
//! [`Reference::anchored`]), so that a link to a missing file is warned
//! about (W013) and a file beside the text is published, as for a link in
//! the body.

use std::ops::Range;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

use super::markdown::references::{Target, locate};
use super::markdown::{Place, Reference};
use crate::diagnostics::{Diagnostics, SourceFile};
use crate::markup::html::Element;
use crate::markup::inline;

/// What a path written back into a link's parentheses must not hold as it
/// is: what ends it, starts a fragment or query, or reads as an escape.
const IN_DESTINATION: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'(')
    .add(b')')
    .add(b'<')
    .add(b'>')
    .add(b'#')
    .add(b'?')
    .add(b'%')
    .add(b'\\')
    .add(b'"');

/// Rewrites the relative links of `text`, one line written at `span` of
/// `file` (whose place is `at`), as paths from the site folder, and
/// returns a reference for each. One that leads out of the site is left as
/// written (it shows as its text) and warned about (W013).
pub(crate) fn anchor(
    text: &mut String,
    at: Place,
    span: &Range<usize>,
    file: &SourceFile,
    d: &mut Diagnostics,
) -> Vec<Reference> {
    let mut found = Vec::new();
    let mut rewrites: Vec<(Range<usize>, String)> = Vec::new();
    for (range, written) in inline::link_targets(text) {
        let Some((target, fragment)) = locate(&written, at) else {
            continue;
        };
        let target = match target {
            Target::ThisFile => Target::Path(at.site_path.to_string()),
            other => other,
        };
        let anchored = match &target {
            Target::Path(path) => Some(destination(path, fragment.as_deref())),
            _ => None,
        };
        let reference = Reference {
            element: Element::Link,
            target,
            fragment,
            span: span.clone(),
            written,
            anchored,
        };
        match &reference.anchored {
            Some(anchored) if text.get(range.clone()) == Some(reference.written.as_str()) => {
                rewrites.push((range, anchored.clone()));
                found.push(reference);
            }
            Some(_) => {}
            None => d.push(reference.outside_site(file)),
        }
    }
    for (range, anchored) in rewrites.into_iter().rev() {
        text.replace_range(range, &anchored);
    }
    found
}

/// The destination a link to `path` (at `fragment`) is written with.
fn destination(path: &str, fragment: Option<&str>) -> String {
    let mut out = format!("/{}", utf8_percent_encode(path, IN_DESTINATION));
    if let Some(fragment) = fragment {
        out.push('#');
        out.extend(utf8_percent_encode(fragment, IN_DESTINATION));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchored(text: &str, file: &str) -> (String, Vec<Option<String>>) {
        let mut text = text.to_string();
        let source = SourceFile::new(file, text.clone());
        let mut d = Diagnostics::new();
        let found = anchor(&mut text, Place::in_site(file), &(0..1), &source, &mut d);
        (text, found.into_iter().map(|r| r.anchored).collect())
    }

    #[test]
    fn relative_links_become_paths_from_the_site_folder() {
        let (text, found) = anchored(
            "In part supersedes [0003](0003-aws-networking-outline.md), see [ctx](#Context) and [web](https://x.example/).",
            "docs/adr/0004-y.md",
        );
        assert_eq!(
            text,
            "In part supersedes [0003](/docs/adr/0003-aws-networking-outline.md), see [ctx](/docs/adr/0004-y.md#Context) and [web](https://x.example/)."
        );
        assert_eq!(found.len(), 2);
        let (text, _) = anchored(
            "- [log](../../my%20run(1).log) first",
            "wraps/2026/11/20/ana.md",
        );
        assert_eq!(text, "- [log](/wraps/2026/my%20run%281%29.log) first");
    }

    #[test]
    fn a_link_out_of_the_site_is_left_as_written() {
        let (text, found) = anchored("see [x](../../../../etc/passwd)", "wraps/a.md");
        assert_eq!(text, "see [x](../../../../etc/passwd)");
        assert!(found.is_empty());
    }
}
