//! W019: an ongoing incident nobody leads, or whose latest word says
//! nothing of where it stands.

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::ledger::Ledger;

/// W019 at the latest touch of each ongoing incident with no commander
/// or whose latest touch has no `note`: the next shift needs both.
pub(super) fn without_command(ledger: &Ledger, d: &mut Diagnostics) {
    for incident in &ledger.incidents {
        if !incident.state.status.is_ongoing() {
            continue;
        }
        let Some(latest) = incident.timeline.last() else {
            continue;
        };
        let missing = match (&incident.state.commander, &latest.note) {
            (Some(_), Some(_)) => continue,
            (None, None) => "no commander, and its latest word has no status note",
            (None, Some(_)) => "no commander",
            (Some(_), None) => "a latest word with no status note",
        };
        let wrap = &ledger.wrap(latest.wrap).wrap;
        let span = wrap
            .incidents
            .iter()
            .find(|entry| entry.id.value == incident.id)
            .map_or(wrap.at_span.clone(), |entry| entry.id.span.clone());
        d.push(
            Diagnostic::new(
                Code::IncidentWithoutCommand,
                format!(
                    "ongoing incident `{}` ({}) has {missing}",
                    incident.written_id, incident.state.status
                ),
            )
            .at(&wrap.file, span)
            .with_help(
                "say who leads it (`commander = \"…\"`) and where it stands in a line (`note = \"rolled back; watching error rates\"`)",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::Diagnostics;
    use crate::lint::testing::{config, ledger, messages, wrap};

    fn lint(wraps: &[(&str, &str)]) -> Vec<String> {
        let (ledger, read) = ledger(&config(""), wraps);
        assert!(!read.has_errors(), "{read:?}");
        let mut d = Diagnostics::new();
        super::without_command(&ledger, &mut d);
        messages(&d)
    }

    fn incident(lines: &str) -> String {
        wrap(
            "ana",
            "2026-11-20T17:00:00+09:00",
            "payments",
            &format!(
                "[[incident]]\nid = \"INC-1\"\ntitle = \"502s\"\nseverity = \"sev2\"\nstatus = \"identified\"\n{lines}"
            ),
        )
    }

    #[test]
    fn an_ongoing_incident_needs_a_commander_and_a_note() {
        assert_eq!(
            lint(&[("a.md", &incident(""))]),
            [
                "W019 ongoing incident `INC-1` (identified) has no commander, and its latest word has no status note"
            ]
        );
        assert_eq!(
            lint(&[("a.md", &incident("note = \"Rolled back\""))]),
            ["W019 ongoing incident `INC-1` (identified) has no commander"]
        );
        assert!(
            lint(&[(
                "a.md",
                &incident("commander = \"bo\"\nnote = \"Rolled back\"")
            )])
            .is_empty()
        );
        let resolved = wrap(
            "bo",
            "2026-11-21T17:00:00+09:00",
            "payments",
            "[[incident]]\nid = \"INC-1\"\nstatus = \"resolved\"",
        );
        assert!(lint(&[("a.md", &incident("")), ("b.md", &resolved)]).is_empty());
    }
}
