//! W023: a wrap dated more than a day from the commit that added it: a
//! wrong date (a month or a year off), or a handover written long after
//! the shift it hands over, which the next shift never had.

use std::collections::{BTreeSet, HashMap};

use chrono::TimeDelta;

use super::window::Findings;
use crate::config::Lint;
use crate::diagnostics::{Code, Diagnostic};
use crate::git::CommitDates;
use crate::ledger::Ledger;

/// How far a wrap's date may be from its commit's.
const TOLERANCE: TimeDelta = TimeDelta::days(1);

/// A commit adding wraps of more days than this is an import of history
/// (a repository moved to standin at once), whose date says nothing of
/// when they were written: its wraps are left alone.
const IMPORT_DAYS: usize = 3;

/// W023 at the `date` of each wrap more than a day from the commit that
/// added it (wraps not committed yet, and imports, are left alone).
pub(super) fn far_from_commit(ledger: &Ledger, dates: &CommitDates, findings: &mut Findings) {
    let added: Vec<_> = ledger
        .wraps
        .iter()
        .filter_map(|record| {
            let added = dates.added.get(&record.wrap.file.site_path)?;
            Some((record, added))
        })
        .collect();
    let mut days_by_commit: HashMap<usize, BTreeSet<chrono::NaiveDate>> = HashMap::new();
    for (record, added) in &added {
        days_by_commit
            .entry(added.commit)
            .or_default()
            .insert(record.day);
    }
    for (record, added) in added {
        if days_by_commit[&added.commit].len() > IMPORT_DAYS {
            continue;
        }
        let wrap = &record.wrap;
        let apart = added.at.signed_duration_since(wrap.at);
        if apart.abs() <= TOLERANCE {
            continue;
        }
        let when = if apart > TimeDelta::zero() {
            "later"
        } else {
            "earlier"
        };
        let message = format!(
            "this wrap is dated {}, but the commit that added it was made {} ({} {when})",
            wrap.at.format("%a %-d %b %Y %H:%M %:z"),
            added.at.format("%a %-d %b %Y %H:%M %:z"),
            days(apart.abs()),
        );
        findings.push(
            Lint::CommitDate,
            record.day,
            Diagnostic::new(Code::CommitDate, message)
                .at(&wrap.file, wrap.at_span.clone())
                .with_help(
                    "`date` is the end of the shift the wrap hands over: fix it if it is wrong, and commit wraps when the shift ends",
                ),
        );
    }
}

/// `2 days`, `1 day 5 hours`.
fn days(span: TimeDelta) -> String {
    let plural = |n: i64, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (span.num_days(), span.num_hours() % 24) {
        (days, 0) => plural(days, "day"),
        (days, hours) if days < 3 => format!("{} {}", plural(days, "day"), plural(hours, "hour")),
        (days, _) => plural(days, "day"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostics;
    use crate::git::AddedBy;
    use crate::lint::Scope;
    use crate::lint::testing::{config, ledger, messages, wrap};

    fn dates(added: &[(&str, &str, usize)]) -> CommitDates {
        CommitDates {
            added: added
                .iter()
                .map(|(path, at, commit)| {
                    let at = chrono::DateTime::parse_from_rfc3339(at).unwrap();
                    (
                        path.to_string(),
                        AddedBy {
                            at,
                            commit: *commit,
                        },
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn a_wrap_committed_days_after_its_date_is_warned_of() {
        let a = wrap("ana", "2026-11-20T17:00:00+09:00", "payments", "");
        let (ledger, _) = ledger(&config(""), &[("wraps/a.md", &a)]);
        let lint = |added: &[(&str, &str, usize)]| {
            let mut d = Diagnostics::new();
            let mut findings = Findings::new(Scope::All, ledger.today, &mut d);
            far_from_commit(&ledger, &dates(added), &mut findings);
            messages(&d)
        };
        assert!(lint(&[("wraps/a.md", "2026-11-21T09:00:00+01:00", 0)]).is_empty());
        assert_eq!(
            lint(&[("wraps/a.md", "2026-11-19T02:00:00Z", 0)]),
            [
                "W023 this wrap is dated Fri 20 Nov 2026 17:00 +09:00, but the commit that added it was made Thu 19 Nov 2026 02:00 +00:00 (1 day 6 hours earlier)"
            ]
        );
        assert_eq!(
            lint(&[("wraps/a.md", "2026-11-23T09:00:00+01:00", 0)]),
            [
                "W023 this wrap is dated Fri 20 Nov 2026 17:00 +09:00, but the commit that added it was made Mon 23 Nov 2026 09:00 +01:00 (3 days later)"
            ]
        );
        // Not committed yet: nothing to compare with.
        assert!(lint(&[]).is_empty());
    }

    #[test]
    fn an_import_of_many_days_is_left_alone() {
        let texts: Vec<(String, String)> = (16..=20)
            .map(|day| {
                (
                    format!("wraps/{day}.md"),
                    wrap(
                        "ana",
                        &format!("2026-11-{day}T17:00:00+09:00"),
                        "payments",
                        "",
                    ),
                )
            })
            .collect();
        let wraps: Vec<(&str, &str)> = texts
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        let (ledger, _) = ledger(&config(""), &wraps);
        let import: Vec<(&str, &str, usize)> = wraps
            .iter()
            .map(|(path, _)| (*path, "2027-01-05T10:00:00Z", 0))
            .collect();
        let mut d = Diagnostics::new();
        let mut findings = Findings::new(Scope::All, ledger.today, &mut d);
        far_from_commit(&ledger, &dates(&import), &mut findings);
        assert!(d.is_empty(), "{d:?}");
    }
}
