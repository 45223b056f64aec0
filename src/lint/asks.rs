//! W022: an ask that names a thing but says nothing to do.

use super::window::Findings;
use crate::config::Lint;
use crate::diagnostics::{Code, Diagnostic};
use crate::ledger::Ledger;

/// Words that start a noun phrase: an ask of three words or fewer that
/// starts with one names a thing, not what to do with it (`the thing`,
/// `that ticket`, `our Redis drill`). A longer ask may well say what to
/// do after its subject (`the freeze starts Friday`).
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "my", "our", "your", "their", "his", "her",
    "its", "some",
];

/// Words an ask so short may have: past this, it is left alone (`the
/// freeze starts Friday` says something).
const SHORT: usize = 3;

/// Whether `what` (an ask without its address) names a thing and no
/// action: a short noun phrase. English-only, and deliberately narrow: a
/// lint that cries wolf gets turned off.
pub(crate) fn names_no_action(what: &str) -> bool {
    let words: Vec<&str> = what
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    match words.first() {
        Some(first) => words.len() <= SHORT && DETERMINERS.contains(&first.to_lowercase().as_str()),
        // Nothing but an address: nothing to do either.
        None => true,
    }
}

/// W022 at every ask that names no action.
pub(super) fn vague(ledger: &Ledger, findings: &mut Findings) {
    for item in &ledger.handover.items {
        let what = item.what(&ledger.wraps);
        if !names_no_action(what) {
            continue;
        }
        let record = ledger.wrap(item.wrap);
        let wrap = &record.wrap;
        let ask = &wrap.asks[item.ask];
        findings.push(
            Lint::VagueAsk,
            record.day,
            Diagnostic::new(
                Code::VagueAsk,
                format!(
                    "ask `{}` (\"{}\") says no action: what should its receiver do?",
                    item.id,
                    what.trim()
                ),
            )
            .at(&wrap.file, ask.span.clone())
            .with_help(
                "start with what to do, and by when: `Rotate the sandbox keys before 09:00 EST`",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::names_no_action;

    #[test]
    fn a_short_noun_phrase_names_no_action() {
        for vague in ["the thing", "That ticket.", "our Redis drill", "a PR", ""] {
            assert!(names_no_action(vague), "{vague}");
        }
        for clear in [
            "Rotate the keys",
            "Run the Redis failover drill before enabling the flag",
            "The drill needs running before Friday in eu-1",
            "shard 4 Monday 10:00 CET",
            "Weekend on-call: tomasz Sat, ines Sun",
            "the freeze starts Friday",
        ] {
            assert!(!names_no_action(clear), "{clear}");
        }
    }
}
