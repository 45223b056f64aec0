//! W021: a decision that supersedes nothing while an accepted decision
//! with a similar title stands: two answers to one question, unless the
//! new one says it replaces the old.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::window::Findings;
use crate::config::Lint;
use crate::content::decision::DecisionStatus;
use crate::diagnostics::{Code, Diagnostic};
use crate::ledger::decision::Origin;
use crate::ledger::{Decision, Ledger};

/// Words that say nothing of what a decision is about.
const STOPWORDS: &[&str] = &[
    "the", "and", "for", "use", "using", "with", "from", "into", "onto", "not", "all", "our",
    "new", "now", "via", "per", "its", "out", "off", "over", "keep", "make", "move", "stay",
    "instead", "before", "after", "until",
];

/// Titles this alike (shared words over all words) are about one thing.
const ALIKE: f64 = 0.5;

/// Titles must share at least this many words: two one-word titles
/// that agree say little.
const SHARED: usize = 2;

/// The words a title is about: lower case, three letters or more, no
/// stopwords, a plural `s` dropped (`sessions` is `session`).
fn words(title: &str) -> BTreeSet<String> {
    title
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 3 && !STOPWORDS.contains(&w.as_str()))
        .map(|w| match w.strip_suffix('s') {
            Some(stem) if stem.chars().count() >= 3 && !stem.ends_with('s') => stem.to_string(),
            _ => w,
        })
        .collect()
}

/// Whether two titles' words are about one thing.
fn alike(a: &BTreeSet<String>, b: &BTreeSet<String>, shared: usize) -> bool {
    let union = a.len() + b.len() - shared;
    shared >= SHARED && union > 0 && shared as f64 / union as f64 >= ALIKE
}

/// W021 at the title of each decision made in a wrap that is accepted,
/// supersedes and amends nothing, and is like an earlier decision still
/// accepted. Earlier decisions are found through the words of their
/// titles, so the cost grows with how many share words, not with the
/// square of the log.
pub(super) fn similar(ledger: &Ledger, findings: &mut Findings) {
    let mut by_word: HashMap<String, Vec<usize>> = HashMap::new();
    let mut titles: Vec<BTreeSet<String>> = Vec::with_capacity(ledger.decisions.len());
    for (i, decision) in ledger.decisions.iter().enumerate() {
        let mine = words(&decision.title);
        let accepted = decision.status == DecisionStatus::Accepted;
        if accepted && decision.supersedes.is_empty() && decision.amends.is_empty() {
            let mut shared: BTreeMap<usize, usize> = BTreeMap::new();
            for word in &mine {
                for &earlier in by_word.get(word).into_iter().flatten() {
                    *shared.entry(earlier).or_default() += 1;
                }
            }
            let like = shared
                .into_iter()
                .find(|&(earlier, n)| alike(&mine, &titles[earlier], n));
            if let Some((earlier, _)) = like {
                report(ledger, decision, &ledger.decisions[earlier], findings);
            }
        }
        if accepted {
            for word in &mine {
                by_word.entry(word.clone()).or_default().push(i);
            }
        }
        titles.push(mine);
    }
}

fn report(ledger: &Ledger, decision: &Decision, earlier: &Decision, findings: &mut Findings) {
    let Origin::Wrap(w) = decision.origin else {
        return;
    };
    let record = ledger.wrap(w);
    let wrap = &record.wrap;
    let Some(entry) = wrap.decisions.iter().find(|e| e.id.value == decision.id) else {
        return;
    };
    findings.push(
        Lint::SimilarDecision,
        record.day,
        Diagnostic::new(
            Code::SimilarDecision,
            format!(
                "decision `{}` (\"{}\") supersedes nothing, while accepted decision `{}` (\"{}\") has a similar title",
                decision.id, decision.title, earlier.id, earlier.title
            ),
        )
        .at(&wrap.file, entry.title.span.clone())
        .with_help(format!(
            "if it replaces it, add `supersedes = \"{}\"`; if both stand, say in the title how they differ",
            earlier.id
        )),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostics;
    use crate::lint::Scope;
    use crate::lint::testing::{config, ledger, messages, wrap};

    #[test]
    fn titles_about_one_thing_are_alike() {
        let alike_titles = |a: &str, b: &str| {
            let (a, b) = (words(a), words(b));
            alike(&a, &b, a.intersection(&b).count())
        };
        assert!(alike_titles(
            "Use Redis for session storage",
            "Use Postgres for sessions storage"
        ));
        assert!(!alike_titles(
            "Use Redis for session storage",
            "Freeze deploys on Friday"
        ));
        assert!(!alike_titles(
            "Use Redis for session storage",
            "Redis cluster sizing for Black Friday peak traffic"
        ));
    }

    fn decision(id: &str, title: &str, extra: &str) -> String {
        format!("[[decision]]\nid = \"{id}\"\ntitle = \"{title}\"\nwhy = \"Because\"\n{extra}")
    }

    #[test]
    fn a_like_decision_supersedes_or_is_warned_of() {
        let first = wrap(
            "ana",
            "2026-11-19T17:00:00+09:00",
            "payments",
            &decision("pg", "Keep session storage in Postgres", ""),
        );
        let second = |extra: &str| {
            wrap(
                "bo",
                "2026-11-20T17:00:00+09:00",
                "payments",
                &decision("redis", "Session storage in Redis", extra),
            )
        };
        let lint = |wraps: &[(&str, &str)]| {
            let (ledger, read) = ledger(&config(""), wraps);
            assert!(!read.has_errors(), "{read:?}");
            let mut d = Diagnostics::new();
            let mut findings = Findings::new(Scope::All, ledger.today, &mut d);
            similar(&ledger, &mut findings);
            messages(&d)
        };
        assert_eq!(
            lint(&[("a.md", &first), ("b.md", &second(""))]),
            [
                "W021 decision `redis` (\"Session storage in Redis\") supersedes nothing, while accepted decision `pg` (\"Keep session storage in Postgres\") has a similar title"
            ]
        );
        assert!(lint(&[("a.md", &first), ("b.md", &second("supersedes = \"pg\""))]).is_empty());
        assert!(lint(&[("a.md", &first), ("b.md", &second("status = \"proposed\""))]).is_empty());
    }
}
