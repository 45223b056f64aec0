//! `standin diff --format github`: workflow commands. A notice on the
//! line of each change (shown beside the diff of the pull request), and
//! the errors and warnings the change brings as `check --format github`
//! writes them.

use super::words::sections;
use crate::diagnostics::{Format, github_notice, render as render_diagnostics};
use crate::review::Review;

pub(super) fn render(review: &Review) -> String {
    let mut out = String::new();
    for section in sections(review) {
        for line in &section.lines {
            let id = line
                .id
                .as_deref()
                .map(|id| format!(" {id}"))
                .unwrap_or_default();
            let title = format!("standin diff: {}", section.title.to_lowercase());
            let message = format!("{}{id}: {}{}", line.verb, line.text, line.rest);
            let (file, at) = match &line.place {
                Some(place) => (Some(place.file.as_str()), place.line),
                None => (None, None),
            };
            out.push_str(&github_notice(file, at, &title, &message));
        }
    }
    out.push_str(&render_diagnostics(
        &review.findings.introduced,
        Format::Github,
    ));
    out
}
