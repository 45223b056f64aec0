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
use crate::markup::inline::Piece;

/// Slack's limit on a header block's text.
const HEADER_MAX: usize = 150;
/// Slack's limit on a section block's text.
const SECTION_MAX: usize = 3000;
/// Slack's limit on the blocks of one message.
const BLOCKS_MAX: usize = 50;
/// The longest line of a list: past it, links show their text alone and
/// the line is cut, so that a few long URLs cannot fill the message.
const LINE_MAX: usize = 600;

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
    if let Some(health) = &message.health {
        blocks.push(context(escape(health)));
    }
    if let Some(url) = &message.link {
        blocks.push(json!({
            "type": "section",
            "text": { "type": "mrkdwn", "text": format!("<{}|Full brief →>", escape(url)) },
        }));
    }
    cap_blocks(&mut blocks);
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

/// At most [`BLOCKS_MAX`] blocks (Slack refuses the message otherwise):
/// the first ones, then one that says how many were left out.
fn cap_blocks(blocks: &mut Vec<Value>) {
    if blocks.len() <= BLOCKS_MAX {
        return;
    }
    let left_out = blocks.len() - (BLOCKS_MAX - 1);
    blocks.truncate(BLOCKS_MAX - 1);
    blocks.push(context(format!(
        "_…and {left_out} more parts: see the full brief_"
    )));
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
        let mut text: String = line.iter().map(|s| span(s, true)).collect();
        if text.chars().count() > LINE_MAX {
            let plain: String = line.iter().map(|s| span(s, false)).collect();
            text = cut(&plain, LINE_MAX);
        }
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

/// A span in `mrkdwn`; with `links` false, links show their text alone.
fn span(span: &Span, links: bool) -> String {
    match span {
        Span::Text(text) => escape(text),
        Span::Written(pieces)
        | Span::Link {
            text: pieces,
            url: None,
        } => mrkdwn(pieces, links),
        Span::Id { id, url: Some(url) } if links => format!("<{}|{}>", link_url(url), escape(id)),
        Span::Id { id, .. } => format!("`{}`", escape(id)),
        // Slack shows no markup inside a link's text.
        Span::Link {
            text,
            url: Some(url),
        } if links => format!("<{}|{}>", link_url(url), escape(&plain(text))),
        Span::Link { text, .. } => mrkdwn(text, false),
    }
}

/// Written text in Slack's `mrkdwn`, as the pages show it; with `links`
/// false, links show their text alone.
fn mrkdwn(pieces: &[Piece], links: bool) -> String {
    pieces
        .iter()
        .map(|piece| match piece {
            Piece::Text(text) => escape(text),
            Piece::Code(code) => format!("`{}`", escape(code)),
            Piece::Emphasis(inner) => format!("_{}_", mrkdwn(inner, links)),
            Piece::Strong(inner) => format!("*{}*", mrkdwn(inner, links)),
            Piece::Strikethrough(inner) => format!("~{}~", mrkdwn(inner, links)),
            Piece::Link { url, text } if !links => escape(&plain(text)),
            Piece::Link { url, text } if is_bare(url, text) => format!("<{}>", link_url(url)),
            Piece::Link { url, text } => format!("<{}|{}>", link_url(url), escape(&plain(text))),
        })
        .collect()
}

/// A URL inside `<…|…>`: escaped, and its `|` encoded, which would
/// otherwise end the URL there. Only web links reach here (pieces keep no
/// other: see `url_policy`), so no `<!channel>` or `<@U…>` can be made.
fn link_url(url: &str) -> String {
    escape(url).replace('|', "%7C")
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

/// `text` cut to `max` characters, ending in `…` when cut, and never
/// inside a `<…>` link: one cut there would leave the `<` unclosed.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max - 1).collect();
    // Escaped text holds no `<` but those that open links.
    if let Some(open) = out.rfind('<')
        && !out[open..].contains('>')
    {
        out.truncate(open);
    }
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
        let pieces = crate::markup::inline::pieces(
            "**do** *not* ~~run~~ `a<b`, see [FE <9>](https://t.example/?a=1&b=2) or https://d.example/x",
            &crate::markup::inline::no_links,
        );
        assert_eq!(
            mrkdwn(&pieces, true),
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
