//! W018 (a high or critical risk with nobody on it, or no fallback) and
//! W020 (a blocker handed to nobody).

use crate::content::risk::Severity;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::ledger::risk::{Change, Risk, Touch};
use crate::ledger::{Ledger, WrapIdx};

/// W018: every active high or critical risk without an owner or a
/// mitigation, at the touch that made it high or critical (raised so, or
/// escalated), where the reviewer of that change would ask.
pub(super) fn without_owner(ledger: &Ledger, d: &mut Diagnostics) {
    for risk in &ledger.risks {
        let state = &risk.state;
        if !state.status.is_active() || state.severity < Severity::High {
            continue;
        }
        let missing = match (&state.owner, &state.mitigation) {
            (Some(_), Some(_)) => continue,
            (None, None) => "no owner and no mitigation",
            (None, Some(_)) => "no owner",
            (Some(_), None) => "no mitigation",
        };
        let Some(touch) = made_serious(risk) else {
            continue;
        };
        let message = format!("risk `{}` is {} with {missing}", risk.id, state.severity);
        d.push(
            at_entry(ledger, risk, touch.wrap, Code::RiskWithoutOwner, message).with_help(
                "name who acts on it (`owner = \"…\"`) and the fallback (`mitigation = \"…\"`), here or in a wrap that updates it",
            ),
        );
    }
}

/// The last touch that made the risk high or critical.
fn made_serious(risk: &Risk) -> Option<&Touch> {
    risk.history.iter().rev().find(|touch| {
        touch.changes.iter().any(|change| match change {
            Change::Raised => touch.after.severity >= Severity::High,
            Change::Severity { from, to } => *from < Severity::High && *to >= Severity::High,
            _ => false,
        })
    })
}

/// W020: every touch that raises a blocker or makes a risk one, from a
/// wrap that hands over no ask, while the risk still blocks work.
pub(super) fn blockers_without_ask(ledger: &Ledger, d: &mut Diagnostics) {
    for risk in &ledger.risks {
        if !(risk.state.status.is_active() && risk.state.blocker) {
            continue;
        }
        let made_blocker = risk.history.iter().filter(|touch| {
            touch.after.blocker
                && touch
                    .changes
                    .iter()
                    .any(|c| matches!(c, Change::Raised | Change::Blocker(true)))
        });
        for touch in made_blocker {
            if !ledger.wrap(touch.wrap).wrap.asks.is_empty() {
                continue;
            }
            let message = format!(
                "risk `{}` blocks work from this wrap on, but the wrap asks nobody to unblock it",
                risk.id
            );
            d.push(
                at_entry(ledger, risk, touch.wrap, Code::BlockerWithoutAsk, message).with_help(
                    "hand it over in `next` (`billing: get the sandbox keys`, `@jonas …`), so it is on someone's brief",
                ),
            );
        }
    }
}

/// A diagnostic at the risk's entry in a wrap that touched it.
fn at_entry(
    ledger: &Ledger,
    risk: &Risk,
    wrap: WrapIdx,
    code: Code,
    message: String,
) -> Diagnostic {
    let wrap = &ledger.wrap(wrap).wrap;
    let span = wrap
        .risks
        .iter()
        .find(|entry| entry.id.value == risk.id)
        .map_or(wrap.at_span.clone(), |entry| entry.id.span.clone());
    Diagnostic::new(code, message).at(&wrap.file, span)
}

#[cfg(test)]
mod tests {
    use crate::diagnostics::Diagnostics;
    use crate::lint::testing::{config, ledger, messages, wrap};

    fn lint(wraps: &[(&str, &str)]) -> Vec<String> {
        let (ledger, read) = ledger(&config(""), wraps);
        assert!(!read.has_errors(), "{read:?}");
        let mut d = Diagnostics::new();
        super::without_owner(&ledger, &mut d);
        super::blockers_without_ask(&ledger, &mut d);
        messages(&d)
    }

    #[test]
    fn a_serious_risk_needs_an_owner_and_a_mitigation() {
        let raise = |extra: &str| {
            wrap(
                "ana",
                "2026-11-20T17:00:00+09:00",
                "payments",
                &format!(
                    "[[risk]]\nid = \"keys\"\ntitle = \"Keys expire\"\nseverity = \"critical\"\n{extra}"
                ),
            )
        };
        assert_eq!(
            lint(&[("a.md", &raise(""))]),
            ["W018 risk `keys` is critical with no owner and no mitigation"]
        );
        assert_eq!(
            lint(&[("a.md", &raise("owner = \"bo\""))]),
            ["W018 risk `keys` is critical with no mitigation"]
        );
        assert!(lint(&[("a.md", &raise("owner = \"bo\"\nmitigation = \"Mock\""))]).is_empty());
        // Medium needs neither; made high later, it is asked for there.
        let medium = wrap(
            "ana",
            "2026-11-19T17:00:00+09:00",
            "payments",
            "[[risk]]\nid = \"keys\"\ntitle = \"Keys expire\"\nseverity = \"medium\"",
        );
        assert!(lint(&[("a.md", &medium)]).is_empty());
        let escalate = wrap(
            "bo",
            "2026-11-20T17:00:00+09:00",
            "payments",
            "[[risk]]\nid = \"keys\"\nseverity = \"high\"\nowner = \"bo\"",
        );
        let (ledger, _) = ledger(&config(""), &[("a.md", &medium), ("b.md", &escalate)]);
        let mut d = Diagnostics::new();
        super::without_owner(&ledger, &mut d);
        assert_eq!(
            messages(&d),
            ["W018 risk `keys` is high with no mitigation"]
        );
        assert_eq!(d.iter().next().unwrap().file_path(), Some("b.md"));
    }

    #[test]
    fn a_blocker_is_handed_to_someone() {
        let blocker = |next: &str| {
            wrap(
                "ana",
                "2026-11-20T17:00:00+09:00",
                "payments",
                &format!("{next}\n[[risk]]\nid = \"keys\"\ntitle = \"No keys\"\nblocker = true"),
            )
        };
        assert_eq!(
            lint(&[("a.md", &blocker(""))]),
            [
                "W020 risk `keys` blocks work from this wrap on, but the wrap asks nobody to unblock it"
            ]
        );
        assert!(lint(&[("a.md", &blocker("next = [\"platform: issue the keys\"]"))]).is_empty());
    }
}
