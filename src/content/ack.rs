//! Acknowledgements: `[ack]` in a wrap, one short line per ask picked up.
//!
//! ```toml
//! [ack]
//! kenji-1120-a7f = "taken"
//! lena-1120-k2m = "taken by @tomasz"
//! marcus-1120-p9q = "done: booked, 14:00 ET Monday"
//! aiko-1119-x2c = "declined: billing owns the webhook"
//! ines-1119-44d = "handed on to @dan: needs the iOS build"
//! ```

use std::ops::Range;

use super::ask::{AskTo, split_address};
use crate::config::{Config, PersonRef};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, suggest};
use crate::ids::ItemId;
use crate::strict_toml::{Located, Table};

/// What the receiver did with an ask.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum AckVerb {
    /// Picked up, by the wrap's author or by `by`.
    Taken {
        by: Option<PersonRef>,
    },
    Done,
    Declined,
    /// Passed to someone else, who now has it to pick up.
    HandedOn {
        to: AskTo,
    },
}

/// One `[ack]` line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Ack {
    /// The ask it is about (checked against every ask by the ledger).
    pub item: Located<ItemId>,
    pub verb: AckVerb,
    pub note: Option<String>,
    pub span: Range<usize>,
}

const VERBS: &[&str] = &["taken", "done", "declined", "handed on"];

/// Reads `[ack]`.
pub(crate) fn read(table: Table, config: &Config, d: &mut Diagnostics) -> Vec<Ack> {
    let file = table.file().clone();
    let mut acks = Vec::new();
    for (key, value) in table.named_texts(d) {
        let item = match ItemId::new(key.value.clone()) {
            Ok(id) => Located::new(id, key.span.clone()),
            Err(invalid) => {
                d.push(
                    Diagnostic::new(Code::BadId, format!("`{}` is not an ask's id", key.value))
                        .at(&file, key.span)
                        .with_help(invalid.hint()),
                );
                continue;
            }
        };
        match parse(&value.value, config) {
            Ok((verb, note)) => {
                if let Some(note) = &note {
                    crate::url_policy::check_line(note, &file, value.span.clone(), d);
                }
                acks.push(Ack {
                    item,
                    verb,
                    note,
                    span: key.span.start..value.span.end,
                })
            }
            Err(problem) => d.push(problem.at(&file, value.span)),
        }
    }
    acks
}

/// Reads `"done: note"`, `"taken by @bo"`, `"handed on to platform: why"`
/// (also for `standin ack`, before it writes one).
pub(crate) fn parse(text: &str, config: &Config) -> Result<(AckVerb, Option<String>), Diagnostic> {
    let (head, note) = match text.split_once(':') {
        Some((head, note)) => (
            head,
            Some(note.trim().to_string()).filter(|n| !n.is_empty()),
        ),
        None => (text, None),
    };
    let head = head.trim();
    let lower = head.to_lowercase();
    let bad =
        |message: String, help: String| Diagnostic::new(Code::BadValue, message).with_help(help);
    let verb = if let Some(rest) = lower.strip_prefix("taken") {
        let rest = head[head.len() - rest.len()..].trim();
        if rest.is_empty() {
            AckVerb::Taken { by: None }
        } else if let Some(who) = rest.strip_prefix("by ").map(str::trim) {
            let who = who.trim_start_matches('@');
            let by = config.people.resolve(who).ok_or_else(|| {
                bad(
                    format!("`{who}` cannot name a person"),
                    "write `taken by @name`".into(),
                )
            })?;
            AckVerb::Taken { by: Some(by) }
        } else {
            return Err(bad(
                format!("`{head}` is not an acknowledgement"),
                "write `taken`, or `taken by @name`".into(),
            ));
        }
    } else if lower == "done" {
        AckVerb::Done
    } else if lower == "declined" {
        AckVerb::Declined
    } else if let Some(rest) = lower
        .strip_prefix("handed on")
        .or_else(|| lower.strip_prefix("handed-on"))
    {
        let rest = head[head.len() - rest.len()..].trim();
        let Some(to) = rest
            .strip_prefix("to ")
            .map(str::trim)
            .filter(|t| !t.is_empty())
        else {
            return Err(bad(
                format!("`{head}` does not say to whom"),
                "write `handed on to @name` or `handed on to <team>`".into(),
            ));
        };
        // The receiver is written as an ask's address is.
        let (to, _) = split_address(&format!("{to}: x"));
        let to = match to {
            AskTo::Name(name) if name.starts_with('@') => {
                AskTo::Person(name.trim_start_matches('@').to_string())
            }
            other => other,
        };
        AckVerb::HandedOn { to }
    } else {
        let first = lower.split_whitespace().next().unwrap_or("");
        let help = match suggest(first, VERBS.iter().copied()) {
            Some(suggestion) => format!(
                "{suggestion} write one of: taken, done, declined, handed on to <who> (then `: note`)"
            ),
            None => {
                "write one of: taken, done, declined, handed on to <who> (then `: note`)".into()
            }
        };
        return Err(bad(format!("`{head}` is not an acknowledgement"), help));
    };
    Ok((verb, note))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::SourceFile;

    fn config() -> Config {
        let mut d = Diagnostics::new();
        Config::parse(SourceFile::new("standin.toml", ""), &mut d).unwrap()
    }

    #[test]
    fn every_verb_with_and_without_a_note() {
        let config = config();
        let read = |text: &str| parse(text, &config).unwrap();
        assert_eq!(read("taken"), (AckVerb::Taken { by: None }, None));
        assert_eq!(
            read("Done: ran at 08:10"),
            (AckVerb::Done, Some("ran at 08:10".into()))
        );
        assert_eq!(
            read("declined: not ours"),
            (AckVerb::Declined, Some("not ours".into()))
        );
        let (verb, note) = read("taken by @Tomasz: after the drill");
        match verb {
            AckVerb::Taken { by: Some(by) } => {
                assert_eq!((by.key.as_str(), by.name.as_str()), ("tomasz", "Tomasz"))
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(note.as_deref(), Some("after the drill"));
        assert_eq!(
            read("handed on to @dan: needs the iOS build"),
            (
                AckVerb::HandedOn {
                    to: AskTo::Person("dan".into())
                },
                Some("needs the iOS build".into())
            )
        );
        assert_eq!(
            read("handed on to platform"),
            (
                AckVerb::HandedOn {
                    to: AskTo::Name("platform".into())
                },
                None
            )
        );
    }

    #[test]
    fn typos_get_a_hint() {
        let config = config();
        let problem = parse("tkaen", &config).unwrap_err();
        assert!(
            problem.help.as_deref().unwrap().contains("`taken`"),
            "{problem:?}"
        );
        assert!(
            parse("handed on", &config)
                .unwrap_err()
                .message
                .contains("to whom")
        );
    }
}
