//! What the writer says about their shift, from flags (`-m`, `--done`,
//! `--next`, `--ack`, ...) or from the prompts, and the complete wrap it
//! makes. Flags and prompts fill the same [`Answers`]; a value given by a
//! flag is never asked again.

use crate::content::risk::RiskStatus;
use crate::content::shift_state::ShiftState;
use crate::strict_toml::Choice;
use crate::toml_text;

/// An `[ack]` line: the ask's id and what was done (`done: booked`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AckAnswer {
    pub id: String,
    pub verb: String,
}

/// Everything a writer may say in a wrap written without an editor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Answers {
    pub summary: Option<String>,
    /// What was done, one item each.
    pub done: Vec<String>,
    /// Asks handed over, as written (`billing: check the refunds`).
    pub next: Vec<String>,
    pub acks: Vec<AckAnswer>,
    /// Whom the writer hands their team's pager to.
    pub pager: Option<String>,
    pub state: Option<ShiftState>,
    /// Risks to update: `(id, status)`.
    pub risks: Vec<(String, RiskStatus)>,
}

impl Answers {
    /// Nothing was said: `standin new` writes a scaffold to edit instead.
    pub(crate) fn is_empty(&self) -> bool {
        *self == Answers::default()
    }

    /// Reads `--ack ID=VERB[: note]`; `None` without an `=`.
    pub(crate) fn parse_ack(text: &str) -> Option<AckAnswer> {
        let (id, verb) = text.split_once('=')?;
        let (id, verb) = (id.trim(), verb.trim());
        (!id.is_empty() && !verb.is_empty()).then(|| AckAnswer {
            id: id.to_string(),
            verb: verb.to_string(),
        })
    }

    /// Reads `--risk ID=STATUS`; `None` without an `=` or with a status
    /// that is not one of [`RiskStatus`]'s.
    pub(crate) fn parse_risk(text: &str) -> Option<(String, RiskStatus)> {
        let (id, status) = text.split_once('=')?;
        let status = RiskStatus::from_name(status.trim())?;
        let id = id.trim();
        (!id.is_empty()).then(|| (id.to_string(), status))
    }
}

/// Who writes, when, for which team: the head of every wrap.
#[derive(Debug, Clone)]
pub(crate) struct Head<'a> {
    pub author: &'a str,
    /// `2026-11-20T18:00:00+09:00`
    pub date: &'a str,
    pub team: Option<&'a str>,
    pub shift: Option<&'a str>,
}

/// The complete wrap `answers` make: front matter with only what was said,
/// then what was done as a list. Every value is a TOML string escaped for
/// its place, so no answer can become TOML of its own.
pub(crate) fn render(head: &Head, answers: &Answers) -> String {
    let mut out = String::from("+++\n");
    let string = |out: &mut String, key: &str, value: &str| {
        out.push_str(&format!("{key} = {}\n", toml_text::basic_string(value)));
    };
    string(&mut out, "author", head.author);
    out.push_str(&format!("date = {}\n", head.date));
    let said = [
        ("team", head.team),
        ("shift", head.shift),
        ("summary", answers.summary.as_deref()),
        ("state", answers.state.map(ShiftState::name)),
        ("pager", answers.pager.as_deref()),
    ];
    for (key, value) in said {
        if let Some(value) = value {
            string(&mut out, key, value);
        }
    }
    if !answers.next.is_empty() {
        out.push_str("next = [\n");
        for ask in &answers.next {
            out.push_str(&format!("  {},\n", toml_text::basic_string(ask)));
        }
        out.push_str("]\n");
    }
    if !answers.acks.is_empty() {
        out.push_str("\n[ack]\n");
        for ack in &answers.acks {
            out.push_str(&format!(
                "{} = {}\n",
                key(&ack.id),
                toml_text::basic_string(&ack.verb)
            ));
        }
    }
    for (id, status) in &answers.risks {
        out.push_str(&format!(
            "\n[[risk]]\nid = {}\nstatus = {}\n",
            toml_text::basic_string(id),
            toml_text::basic_string(status.name())
        ));
    }
    out.push_str("+++\n");
    if !answers.done.is_empty() {
        out.push_str("\n## Done\n\n");
        for item in &answers.done {
            out.push_str(&format!("- {}\n", item.trim()));
        }
    }
    out
}

/// A TOML key: bare when it can be (ask ids always can), else quoted.
fn key(text: &str) -> String {
    let bare = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if bare {
        text.to_string()
    } else {
        toml_text::basic_string(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head() -> Head<'static> {
        Head {
            author: "ana",
            date: "2026-11-20T18:00:00+09:00",
            team: Some("payments"),
            shift: None,
        }
    }

    #[test]
    fn only_what_was_said_is_written() {
        let answers = Answers {
            summary: Some("Refunds \"stuck\"; fixed".to_string()),
            done: vec!["Replayed the queue".to_string()],
            next: vec!["billing: check the totals".to_string()],
            acks: vec![Answers::parse_ack("ana-1119-k30=done: booked").unwrap()],
            risks: vec![Answers::parse_risk("vendor-keys=resolved").unwrap()],
            ..Answers::default()
        };
        let text = render(&head(), &answers);
        assert_eq!(
            text,
            "+++\nauthor = \"ana\"\ndate = 2026-11-20T18:00:00+09:00\nteam = \"payments\"\nsummary = \"Refunds \\\"stuck\\\"; fixed\"\nnext = [\n  \"billing: check the totals\",\n]\n\n[ack]\nana-1119-k30 = \"done: booked\"\n\n[[risk]]\nid = \"vendor-keys\"\nstatus = \"resolved\"\n+++\n\n## Done\n\n- Replayed the queue\n"
        );
    }

    #[test]
    fn flags_are_read_strictly() {
        assert_eq!(Answers::parse_ack("no-equals"), None);
        assert_eq!(Answers::parse_ack("=done"), None);
        assert_eq!(Answers::parse_risk("x=fixed"), None);
        assert_eq!(
            Answers::parse_risk(" x = mitigating "),
            Some(("x".to_string(), RiskStatus::Mitigating))
        );
        assert!(Answers::default().is_empty());
    }
}
