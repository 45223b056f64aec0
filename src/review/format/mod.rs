//! How `standin diff` prints a [`Review`]: text for a terminal, Markdown
//! for a pull request comment, JSON for tools, GitHub workflow annotations
//! on the lines that make each change.

mod github;
mod json;
mod markdown;
mod text;
mod words;

use super::Review;

/// How a review is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub(crate) enum Format {
    /// For a terminal: one line a change, in colour on a terminal.
    #[default]
    Text,
    /// A pull request comment: short, grouped, the rest folded away.
    Markdown,
    /// One JSON document (docs/api/diff.schema.json).
    Json,
    /// GitHub Actions workflow commands: notices on the lines of each
    /// change, errors and warnings on those of the problems it brings.
    Github,
}

/// The review in `format`; `color` for text to a terminal.
pub(crate) fn render(review: &Review, format: Format, color: bool) -> String {
    match format {
        Format::Text => text::render(review, color),
        Format::Markdown => markdown::render(review),
        Format::Json => json::render(review),
        Format::Github => github::render(review),
    }
}

/// `2 incidents, 3 risks, 5 asks`: how much of each the change touches.
fn tally(review: &Review) -> String {
    let parts = [
        (review.incidents.len(), "incident"),
        (review.risks.len(), "risk"),
        (review.asks.len(), "ask"),
        (review.decisions.len(), "decision"),
        (review.pagers.len(), "pager hand-over"),
        (review.wraps.len(), "wrap"),
    ];
    let parts: Vec<String> = parts
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, noun)| words::count(n, noun))
        .collect();
    if parts.is_empty() {
        "nothing in the handover".to_string()
    } else {
        parts.join(", ")
    }
}

/// `brings 1 error, 2 warnings; fixes 1`.
fn checks_tally(review: &Review) -> String {
    let introduced = &review.findings.introduced;
    let mut out = format!(
        "brings {}, {}",
        words::count(introduced.error_count(), "error"),
        words::count(introduced.warning_count(), "warning")
    );
    if !review.findings.fixed.is_empty() {
        out.push_str(&format!("; fixes {}", review.findings.fixed.len()));
    }
    out
}
