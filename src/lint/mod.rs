//! What a careful reviewer of a handover asks for, as warnings W018 to
//! W023, after the handoff checklists of hospitals and on-call teams
//! (I-PASS: severity, an action list with owners, a contingency, a
//! read-back): a serious risk with nobody on it, an incident nobody leads,
//! a blocker handed to nobody, a decision that may silently contradict
//! another, an ask with nothing to do, a wrap dated far from its commit.
//!
//! Read from the ledger (and, for commit dates, from what git says), after
//! it is built; each lint can be turned off under `[lint]` in standin.toml.
//! `check`, `build` and `diff` all give them.

mod asks;
mod commits;
mod decisions;
mod incidents;
mod risks;
mod window;

pub(crate) use window::Scope;

use crate::config::{Config, Lint};
use crate::diagnostics::Diagnostics;
use crate::git::CommitDates;
use crate::ledger::Ledger;

/// Every lint the site has on. `dates` says when each wrap was committed
/// (`None` outside a git repository: the commit-date lint is skipped);
/// `scope` says which findings about what was written are listed one by
/// one (see [`window`]).
pub(crate) fn warn(
    config: &Config,
    ledger: &Ledger,
    dates: Option<&CommitDates>,
    scope: Scope,
    d: &mut Diagnostics,
) {
    let on = |lint: Lint| config.lint.on(lint);
    if on(Lint::RiskOwner) {
        risks::without_owner(ledger, d);
    }
    if on(Lint::BlockerAsk) {
        risks::blockers_without_ask(ledger, d);
    }
    if on(Lint::IncidentCommand) {
        incidents::without_command(ledger, d);
    }
    let mut findings = window::Findings::new(scope, ledger.today, d);
    if on(Lint::SimilarDecision) {
        decisions::similar(ledger, &mut findings);
    }
    if on(Lint::VagueAsk) {
        asks::vague(ledger, &mut findings);
    }
    if let Some(dates) = dates.filter(|_| on(Lint::CommitDate)) {
        commits::far_from_commit(ledger, dates, &mut findings);
    }
    findings.finish();
}

#[cfg(test)]
pub(crate) mod testing {
    //! Ledgers made from wrap texts, for the lints' and the review's tests.

    use std::path::Path;
    use std::sync::Arc;

    use crate::config::Config;
    use crate::content::wrap::WrapFile;
    use crate::content::{Content, Wrap};
    use crate::diagnostics::{Diagnostics, SourceFile};
    use crate::ledger::{AsOf, Ledger};

    /// A site's config: two teams in Tokyo and Berlin.
    pub(crate) const CONFIG: &str = "timezone = \"Asia/Tokyo\"\n\
        [teams.payments]\ntimezone = \"Asia/Tokyo\"\n\
        [teams.platform]\ntimezone = \"Europe/Berlin\"\n";

    pub(crate) fn config(extra: &str) -> Config {
        let mut d = Diagnostics::new();
        let text = format!("{CONFIG}{extra}");
        let config = Config::parse(SourceFile::new("standin.toml", text), &mut d);
        assert!(d.is_empty(), "{d:?}");
        config.expect("the test config parses")
    }

    /// The ledger of wraps given as `(path, text)`, and every diagnostic
    /// of reading them.
    pub(crate) fn ledger(config: &Config, wraps: &[(&str, &str)]) -> (Ledger, Diagnostics) {
        let mut d = Diagnostics::new();
        let wraps = wraps
            .iter()
            .filter_map(|(path, text)| {
                let file = SourceFile::new(*path, *text);
                let mut wrap = Wrap::parse(file.clone(), Path::new(path), config, &mut d)?;
                // Kept in memory: there is no file to read again.
                wrap.file = WrapFile::in_memory(file);
                Some(Arc::new(wrap))
            })
            .collect();
        let content = Content {
            wraps,
            records: Vec::new(),
            complete: true,
        };
        let ledger = Ledger::build(config, content, AsOf::NewestWrap, &mut d);
        (ledger, d)
    }

    /// A wrap's text: front matter lines and a summary.
    pub(crate) fn wrap(author: &str, date: &str, team: &str, lines: &str) -> String {
        format!(
            "+++\nauthor = \"{author}\"\ndate = {date}\nteam = \"{team}\"\nsummary = \"A shift.\"\n{lines}\n+++\nBody.\n"
        )
    }

    /// The codes and messages of `d`, for asserts.
    pub(crate) fn messages(d: &Diagnostics) -> Vec<String> {
        d.iter()
            .map(|d| format!("{} {}", d.code.as_str(), d.message))
            .collect()
    }
}
