//! Composing the message: what of one brief goes into it for one
//! audience, section by section, and the counts its summary gives.

use super::audience::Audience;
use super::written::written;
use super::{Line, Message, Section, Span};
use crate::config::Config;
use crate::ledger::handover::{ItemAsOf, ItemStatus};
use crate::ledger::{Brief, Ledger};
use crate::site::summaries::Lines;
use crate::site::views::{incident_view, item_view, on_call_views};
use crate::site::{format, urls};

/// Builds the message of one brief for one audience.
pub(super) struct Composer<'a> {
    pub(super) config: &'a Config,
    pub(super) ledger: &'a Ledger,
    pub(super) lines: &'a Lines,
    pub(super) brief: &'a Brief,
    pub(super) audience: &'a Audience,
    pub(super) base_url: Option<&'a str>,
}

/// A message as it is composed: its sections, what was quiet, and the
/// counts its summary gives (each with its noun, singular and plural).
#[derive(Default)]
struct Parts {
    sections: Vec<Section>,
    quiet: Vec<String>,
    counts: Vec<(usize, &'static str, &'static str)>,
}

impl Composer<'_> {
    pub(super) fn compose(&self) -> Message {
        let brief = self.brief;
        let mut parts = Parts::default();
        let (incidents, ongoing) = self.incidents();
        match incidents {
            Some(section) => parts.sections.push(section),
            None => parts.quiet.push("no incidents".to_string()),
        }
        parts
            .counts
            .push((ongoing, "ongoing incident", "ongoing incidents"));
        parts.sections.extend(self.on_call());
        self.add_asks(&mut parts);
        self.add_risks(&mut parts);
        self.add_decisions(&mut parts);
        let title = format!("Brief for {}", format::day(brief.day));
        let team = self.audience.name().map(str::to_string);
        Message {
            summary: summary(&title, team.as_deref(), &parts.counts),
            title,
            site: self.config.title.clone(),
            team,
            sections: parts.sections,
            quiet: parts.quiet,
            health: None,
            link: self.url(&urls::brief(brief.day)),
        }
    }

    /// The asks the day kept open for the audience: those nobody picked
    /// up, then those to pick up, and how many of each there were.
    fn add_asks(&self, parts: &mut Parts) {
        let kept = self.ledger.open_asks(self.brief);
        let open: Vec<&ItemAsOf> = kept
            .iter()
            .filter(|o| self.audience.receives(&o.state.receiver))
            .collect();
        let unacknowledged: Vec<&ItemAsOf> =
            open.iter().copied().filter(|o| o.unacknowledged).collect();
        let waiting: Vec<&ItemAsOf> = open
            .iter()
            .copied()
            .filter(|o| !o.unacknowledged && o.state.status == ItemStatus::Open)
            .collect();
        let (unacknowledged_count, waiting_count, in_hand) = self.ask_counts();
        parts.counts.push((
            unacknowledged_count,
            "ask nobody picked up",
            "asks nobody picked up",
        ));
        parts
            .counts
            .push((waiting_count, "ask to pick up", "asks to pick up"));
        if !unacknowledged.is_empty() {
            parts.sections.push(Section::capped_of(
                "Nobody picked these up",
                unacknowledged.iter().map(|o| self.ask(o)).collect(),
                unacknowledged_count,
            ));
        }
        let in_hand_words =
            (in_hand > 0).then(|| format!("{in_hand} in hand (taken, not yet done)"));
        if waiting.is_empty() {
            let nothing = if unacknowledged.is_empty() {
                "nothing to pick up"
            } else {
                "nothing else to pick up"
            };
            parts.quiet.push(match &in_hand_words {
                Some(words) => format!("{nothing}, {words}"),
                None => nothing.to_string(),
            });
        } else {
            let mut section = Section::capped_of(
                "To pick up",
                waiting.iter().map(|o| self.ask(o)).collect(),
                waiting_count,
            );
            section.note = in_hand_words.map(|w| format!("And {w}."));
            parts.sections.push(section);
        }
    }

    /// How many of the audience's asks nobody picked up, are waiting and
    /// are in hand. The day keeps the newest of each receiver's asks; its
    /// counts say how many there were.
    fn ask_counts(&self) -> (usize, usize, usize) {
        let (mut unacknowledged, mut waiting, mut in_hand) = (0, 0, 0);
        for count in &self.brief.handover.counts {
            if self.audience.receives(&count.receiver) {
                unacknowledged += count.unacknowledged;
                waiting += count.waiting;
                in_hand += count.in_hand;
            }
        }
        (unacknowledged, waiting, in_hand)
    }

    /// The blockers and high risks, or that there are none.
    fn add_risks(&self, parts: &mut Parts) {
        let risks = self.risks();
        parts.counts.push((
            risks.len(),
            "blocker or high risk",
            "blockers and high risks",
        ));
        if risks.is_empty() {
            parts.quiet.push("no blockers or high risks".to_string());
        } else {
            parts
                .sections
                .push(Section::capped("Blockers and high risks", risks));
        }
    }

    /// The day's decisions, or that there were none.
    fn add_decisions(&self, parts: &mut Parts) {
        let decisions = self.decisions();
        parts
            .counts
            .push((decisions.len(), "decision", "decisions"));
        if decisions.is_empty() {
            parts.quiet.push("no decisions".to_string());
        } else {
            parts.sections.push(Section::capped("Decisions", decisions));
        }
    }

    /// The absolute address of a site path (which may end in `#anchor`).
    fn url(&self, site_path: &str) -> Option<String> {
        let base = self.base_url?;
        Some(match site_path.split_once('#') {
            Some((page, anchor)) => format!("{}#{anchor}", urls::absolute(base, page)),
            None => urls::absolute(base, site_path),
        })
    }

    /// Ongoing incidents, then those resolved that day, and how many are
    /// ongoing. Every team's: an incident anywhere concerns everyone.
    fn incidents(&self) -> (Option<Section>, usize) {
        let brief = self.brief;
        let ongoing = brief
            .incidents
            .iter()
            .filter(|i| i.state.status.is_ongoing())
            .count();
        let lines: Vec<Line> = brief
            .incidents
            .iter()
            .map(|i| {
                let view = incident_view(
                    self.ledger,
                    self.lines,
                    i.incident,
                    &i.state,
                    brief.last_moment(),
                );
                let opened = self
                    .ledger
                    .wrap(self.ledger.incidents[i.incident.0].timeline[0].wrap)
                    .day;
                let mut facts: Vec<String> =
                    view.severity.map(str::to_string).into_iter().collect();
                facts.push(view.status.to_string());
                if let Some(commander) = view.commander {
                    facts.push(format!("commander {commander}"));
                }
                if view.ongoing {
                    facts.push(open_for((brief.day - opened).num_days()));
                }
                let mut line = vec![
                    Span::Id {
                        id: view.id.to_string(),
                        url: self.url(&view.url),
                    },
                    Span::Text(" ".to_string()),
                    Span::Written(written(view.title)),
                    Span::Text(format!(" ({})", facts.join(", "))),
                ];
                if let Some(note) = view.note {
                    line.push(Span::Text(": ".to_string()));
                    line.push(Span::Written(written(note)));
                }
                line
            })
            .collect();
        if lines.is_empty() {
            return (None, 0);
        }
        let mut section = Section::capped(
            if ongoing > 0 {
                "Ongoing incidents"
            } else {
                "Incidents resolved"
            },
            lines,
        );
        section.count = Some(if ongoing > 0 {
            ongoing
        } else {
            brief.incidents.len()
        });
        (Some(section), ongoing)
    }

    /// Who holds the pager, and how each team said things stand.
    fn on_call(&self) -> Option<Section> {
        let brief = self.brief;
        let views = on_call_views(self.ledger, self.lines, self.config, &brief.on_call);
        let lines: Vec<Line> = brief
            .on_call
            .iter()
            .zip(views)
            .filter(|(o, _)| self.audience.is_team(o.team.as_ref()))
            .map(|(_, view)| {
                let mut words = format!("{}: ", view.label);
                match &view.now {
                    Some(now) => words.push_str(&format!("{} since {}", now.person, now.since)),
                    None => words.push_str("nobody yet"),
                }
                if let Some(next) = &view.next {
                    words.push_str(&format!(", then {} from {}", next.person, next.since));
                }
                vec![Span::Text(words)]
            })
            .collect();
        let states: Vec<String> = brief
            .states
            .iter()
            .filter(|(team, _)| self.audience.is_team(team.as_ref()))
            .map(|(team, state)| {
                let name = team
                    .as_ref()
                    .map_or("No team", |t| self.ledger.names.team(t));
                format!("{name} {state}")
            })
            .collect();
        if lines.is_empty() && states.is_empty() {
            return None;
        }
        let mut section = Section::capped("On call", lines);
        section.count = None;
        if !states.is_empty() {
            section.note = Some(format!("How things stand: {}.", states.join(", ")));
        }
        Some(section)
    }

    /// An ask: its id, what, for whom, from whom and how long ago.
    fn ask(&self, open: &ItemAsOf) -> Line {
        let view = item_view(self.ledger, self.lines, open, self.brief.last_moment());
        // An ask to everyone: for whom it is still open.
        let open_for: Vec<&str> = view
            .parts
            .iter()
            .filter(|p| p.status == "open")
            .map(|p| p.to.label.as_str())
            .collect();
        let to = if open_for.is_empty() {
            format!("for {}", view.to.label)
        } else {
            format!("for {}, open for {}", view.to.label, open_for.join(" and "))
        };
        let mut facts = vec![
            to,
            format!(
                "from {} {}",
                view.from.author,
                format::days_ago(view.age_days)
            ),
        ];
        if let Some(due) = view.due {
            facts.push(format!("due {due}"));
        }
        if view.handed_on {
            facts.push("handed on".to_string());
        }
        vec![
            Span::Id {
                id: view.id.to_string(),
                url: self.url(&view.url),
            },
            Span::Text(" ".to_string()),
            Span::Written(written(view.what)),
            Span::Text(format!(" ({})", facts.join(", "))),
        ]
    }

    /// Blockers and high or critical risks as the day's end left them.
    fn risks(&self) -> Vec<Line> {
        let brief = self.brief;
        self.ledger
            .needs_attention_at(brief.last_moment())
            .into_iter()
            .filter(|(idx, state)| {
                let risk = self.ledger.risk(*idx);
                self.audience.is_team(risk.team.as_ref())
                    || state
                        .owner
                        .as_ref()
                        .is_some_and(|o| self.audience.has_member(&o.key))
            })
            .map(|(idx, state)| {
                let risk = self.ledger.risk(idx);
                let mut facts = Vec::new();
                if state.blocker {
                    facts.push("blocker".to_string());
                }
                facts.push(state.severity.to_string());
                if let Some(owner) = &state.owner {
                    facts.push(format!("owner {owner}"));
                }
                facts.push(open_for((brief.day - risk.raised_on).num_days()));
                vec![
                    Span::Link {
                        text: written(&state.title),
                        url: self.url(&self.lines.risks[idx.0].url),
                    },
                    Span::Text(format!(" ({})", facts.join(", "))),
                ]
            })
            .collect()
    }

    /// The day's decisions, with why.
    fn decisions(&self) -> Vec<Line> {
        self.brief
            .decisions
            .iter()
            .filter(|d| {
                self.audience
                    .is_team(self.ledger.decision(d.decision).team.as_ref())
            })
            .map(|d| {
                let line = &self.lines.decisions[d.decision.0];
                let mut spans = vec![Span::Link {
                    text: written(&line.title),
                    url: self.url(&line.url),
                }];
                if !line.why.trim().is_empty() {
                    spans.push(Span::Text(" — why: ".to_string()));
                    spans.push(Span::Written(written(&line.why)));
                }
                if !d.new {
                    spans.push(Span::Text(" (restated)".to_string()));
                }
                spans
            })
            .collect()
    }
}

/// `opened today`, `open 3 days`.
fn open_for(days: i64) -> String {
    match days {
        0 => "opened today".to_string(),
        n => format!("open {}", format::duration_days(n)),
    }
}

/// `Brief for Fri 20 Nov 2026 (Alpha): 1 ongoing incident, 2 asks to pick
/// up`; the counts that are not zero.
fn summary(title: &str, team: Option<&str>, counts: &[(usize, &str, &str)]) -> String {
    let parts: Vec<String> = counts
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| format!("{n} {}", if *n == 1 { one } else { many }))
        .collect();
    let team = team.map(|t| format!(" ({t})")).unwrap_or_default();
    if parts.is_empty() {
        format!("{title}{team}: a quiet day")
    } else {
        format!("{title}{team}: {}", parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_counts_what_there_is() {
        let counts = [
            (1, "ongoing incident", "ongoing incidents"),
            (0, "ask to pick up", "asks to pick up"),
            (3, "decision", "decisions"),
        ];
        assert_eq!(
            summary("Brief for Fri 20 Nov 2026", Some("Alpha"), &counts),
            "Brief for Fri 20 Nov 2026 (Alpha): 1 ongoing incident, 3 decisions"
        );
        assert_eq!(
            summary(
                "Brief for Fri 20 Nov 2026",
                None,
                &[(0, "decision", "decisions")]
            ),
            "Brief for Fri 20 Nov 2026: a quiet day"
        );
    }
}
