//! The message as the JSON body of a Slack incoming webhook: Block Kit
//! blocks, and a top-level `text` that notifications and clients without
//! blocks show instead.
//!
//! Slack reads `&`, `<` and `>` as markup in `mrkdwn` text and in the
//! top-level `text`, so they are escaped there; `plain_text` is shown as
//! written. Limits kept: a header's text at most 150 characters, a
//! section's 3000, at most 50 blocks.

use serde_json::{Value, json};

use super::text::heading;
use super::written::{is_bare, plain};
use super::{Message, Section, Span};
use crate::inline_markdown::Piece;

/// Slack's limit on a header block's text.
const HEADER_MAX: usize = 150;
/// Slack's limit on a section block's text.
const SECTION_MAX: usize = 3000;

/// The webhook body, pretty-printed, ending in a newline.
pub(super) fn body(message: &Message) -> String {
    let mut blocks = vec![json!({
        "type": "header",
        "text": { "type": "plain_text", "text": cut(&message.title, HEADER_MAX), "emoji": false },
    })];
    let about = match &message.team {
        Some(team) => format!("{} · for {}", escape(&message.site), escape(team)),
        None => escape(&message.site),
    };
    blocks.push(context(about));
    for section in &message.sections {
        for text in section_texts(section) {
            blocks.push(json!({
                "type": "section",
                "text": { "type": "mrkdwn", "text": text },
            }));
        }
    }
    if !message.quiet.is_empty() {
        blocks.push(context(format!(
            "Quiet: {}.",
            escape(&message.quiet.join("; "))
        )));
    }
    if let Some(url) = &message.link {
        blocks.push(json!({
            "type": "section",
            "text": { "type": "mrkdwn", "text": format!("<{}|Full brief →>", escape(url)) },
        }));
    }
    let body = json!({
        "text": escape(&message.summary),
        "blocks": blocks,
        // The brief's own page would unfurl into a second, longer card.
        "unfurl_links": false,
        "unfurl_media": false,
    });
    let mut out = serde_json::to_string_pretty(&body).expect("a JSON value always serialises");
    out.push('\n');
    out
}

fn context(text: String) -> Value {
    json!({
        "type": "context",
        "elements": [{ "type": "mrkdwn", "text": text }],
    })
}

/// A section as `mrkdwn`: its heading in bold, then a line per entry;
/// split into several texts if it would pass Slack's limit.
fn section_texts(section: &Section) -> Vec<String> {
    let mut lines = vec![format!("*{}*", escape(&heading(section)))];
    for line in &section.lines {
        let text: String = line.iter().map(span).collect();
        lines.push(format!("• {text}"));
    }
    if section.more > 0 {
        lines.push(format!("• _…and {} more_", section.more));
    }
    if let Some(note) = &section.note {
        lines.push(escape(note));
    }
    let mut texts: Vec<String> = Vec::new();
    for line in lines {
        let line = cut(&line, SECTION_MAX);
        match texts.last_mut() {
            Some(text) if text.chars().count() + 1 + line.chars().count() <= SECTION_MAX => {
                text.push('\n');
                text.push_str(&line);
            }
            _ => texts.push(line),
        }
    }
    texts
}

fn span(span: &Span) -> String {
    match span {
        Span::Text(text) => escape(text),
        Span::Written(pieces)
        | Span::Link {
            text: pieces,
            url: None,
        } => mrkdwn(pieces),
        Span::Id { id, url: None } => format!("`{}`", escape(id)),
        Span::Id { id, url: Some(url) } => format!("<{}|{}>", escape(url), escape(id)),
        // Slack shows no markup inside a link's text.
        Span::Link {
            text,
            url: Some(url),
        } => format!("<{}|{}>", escape(url), escape(&plain(text))),
    }
}

/// Written text in Slack's `mrkdwn`, as the pages show it.
fn mrkdwn(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|piece| match piece {
            Piece::Text(text) => escape(text),
            Piece::Code(code) => format!("`{}`", escape(code)),
            Piece::Emphasis(inner) => format!("_{}_", mrkdwn(inner)),
            Piece::Strong(inner) => format!("*{}*", mrkdwn(inner)),
            Piece::Strikethrough(inner) => format!("~{}~", mrkdwn(inner)),
            Piece::Link { url, text } if is_bare(url, text) => format!("<{}>", escape(url)),
            Piece::Link { url, text } => format!("<{}|{}>", escape(url), escape(&plain(text))),
        })
        .collect()
}

/// Text as Slack shows it literally: `&`, `<`, `>` escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// `text` cut to `max` characters, ending in `…` when cut.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max - 1).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_slack_reads_as_markup() {
        assert_eq!(escape("a<b> & <@U1>"), "a&lt;b&gt; &amp; &lt;@U1&gt;");
    }

    #[test]
    fn written_markup_becomes_slacks() {
        let pieces = crate::inline_markdown::pieces(
            "**do** *not* ~~run~~ `a<b`, see [FE <9>](https://t.example/?a=1&b=2) or https://d.example/x",
        );
        assert_eq!(
            mrkdwn(&pieces),
            "*do* _not_ ~run~ `a&lt;b`, see <https://t.example/?a=1&amp;b=2|FE &lt;9&gt;> or <https://d.example/x>"
        );
    }

    #[test]
    fn a_long_section_is_split_within_slacks_limit() {
        let section = Section {
            heading: "To pick up",
            count: Some(40),
            lines: (0..40)
                .map(|i| vec![Span::Text(format!("{i} {}", "x".repeat(140)))])
                .collect(),
            more: 0,
            note: None,
        };
        let texts = section_texts(&section);
        assert!(texts.len() > 1);
        assert!(texts.iter().all(|t| t.chars().count() <= SECTION_MAX));
        assert_eq!(texts.join("\n").lines().count(), 41);
    }
}
