//! `standin new` on a terminal: four questions (summary, what was done,
//! the asks waiting for the writer, asks to hand over), then, only if the
//! writer wants them, risks, the pager and the state. Whatever a flag
//! already gave is not asked again. Ctrl-C or Esc writes nothing.

use inquire::autocompletion::{Autocomplete, Replacement};
use inquire::{Confirm, CustomUserError, InquireError, Select, Text};

use super::answers::{AckAnswer, Answers};
use crate::content::risk::RiskStatus;
use crate::content::shift_state::ShiftState;
use crate::strict_toml::Choice;

/// An ask waiting for the writer, as the prompts show it.
pub(crate) struct Waiting {
    pub id: String,
    pub what: String,
    /// `ana, Thu 19 Nov 2026`
    pub from: String,
}

/// An open risk of the writer's, as the prompts show it.
pub(crate) struct OwnRisk {
    pub id: String,
    pub title: String,
    pub status: RiskStatus,
}

/// What the prompts offer: the asks to acknowledge, the risks to update,
/// and the names an ask or a hand-on may address (teams, people).
pub(crate) struct Offer {
    pub waiting: Vec<Waiting>,
    pub risks: Vec<OwnRisk>,
    pub receivers: Vec<String>,
}

const LEAVE: &str = "leave it";
const VERBS: [&str; 5] = [LEAVE, "taken", "done", "declined", "handed on"];

/// Asks for what `answers` lacks. `Err` when the writer stopped (Ctrl-C,
/// Esc) or the terminal failed: nothing is to be written then.
pub(crate) fn ask(mut answers: Answers, offer: &Offer) -> Result<Answers, InquireError> {
    if answers.summary.is_none() {
        let summary = Text::new("Summary, in one line:").prompt()?;
        answers.summary = Some(summary.trim().to_string()).filter(|s| !s.is_empty());
    }
    if answers.done.is_empty() {
        answers.done = lines("Done (one per line, empty line to finish):", None)?;
    }
    if answers.acks.is_empty() {
        answers.acks = acknowledge(offer)?;
    }
    if answers.next.is_empty() {
        let completer = Addressees(offer.receivers.clone(), ": ");
        answers.next = lines(
            "Hand over (`team: what`, `@person what`; empty line to finish):",
            Some(completer),
        )?;
    }
    let more = answers.risks.is_empty() || answers.pager.is_none() || answers.state.is_none();
    if more
        && Confirm::new("Update a risk, the pager or the state?")
            .with_default(false)
            .prompt()?
    {
        more_answers(&mut answers, offer)?;
    }
    Ok(answers)
}

/// Lines until an empty one.
fn lines(message: &str, completer: Option<Addressees>) -> Result<Vec<String>, InquireError> {
    let mut out = Vec::new();
    loop {
        let mut prompt = Text::new(message);
        if let Some(completer) = &completer {
            prompt = prompt.with_autocomplete(completer.clone());
        }
        let line = prompt.prompt()?;
        if line.trim().is_empty() {
            return Ok(out);
        }
        out.push(line.trim().to_string());
    }
}

/// The checklist of asks waiting for the writer.
fn acknowledge(offer: &Offer) -> Result<Vec<AckAnswer>, InquireError> {
    let mut acks = Vec::new();
    for ask in &offer.waiting {
        let message = format!("{} ({}): {}", ask.id, ask.from, ask.what);
        let verb = Select::new(&message, VERBS.to_vec()).prompt()?;
        let verb = match verb {
            LEAVE => continue,
            "handed on" => {
                let to = Text::new("Handed on to:")
                    .with_autocomplete(Addressees(offer.receivers.clone(), ""))
                    .prompt()?;
                format!("handed on to {}", to.trim())
            }
            other => {
                let note = Text::new("Note (optional):").prompt()?;
                match note.trim() {
                    "" => other.to_string(),
                    note => format!("{other}: {note}"),
                }
            }
        };
        acks.push(AckAnswer {
            id: ask.id.clone(),
            verb,
        });
    }
    Ok(acks)
}

/// Risks, the pager and the state, for a writer who asked for them.
fn more_answers(answers: &mut Answers, offer: &Offer) -> Result<(), InquireError> {
    if answers.risks.is_empty() {
        for risk in &offer.risks {
            let mut options = vec![LEAVE];
            options.extend(RiskStatus::CHOICES.iter().map(|(name, _)| *name));
            let message = format!("{}: {} ({})", risk.id, risk.title, risk.status.name());
            let chosen = Select::new(&message, options).prompt()?;
            if let Some(status) = RiskStatus::from_name(chosen) {
                answers.risks.push((risk.id.clone(), status));
            }
        }
    }
    if answers.pager.is_none() {
        let to = Text::new("Hand your team's pager to (empty: nobody):")
            .with_autocomplete(Addressees(offer.receivers.clone(), ""))
            .prompt()?;
        answers.pager =
            Some(to.trim().trim_start_matches('@').to_string()).filter(|t| !t.is_empty());
    }
    if answers.state.is_none() {
        let mut options = vec!["say nothing"];
        options.extend(ShiftState::CHOICES.iter().map(|(name, _)| *name));
        let chosen = Select::new("How things stand at the end of your shift:", options).prompt()?;
        answers.state = ShiftState::from_name(chosen);
    }
    Ok(())
}

/// Completes the name an ask starts with (`billing: `) or a pager goes
/// to: a team or a person of the site.
#[derive(Clone)]
struct Addressees(Vec<String>, &'static str);

impl Addressees {
    /// The names the first word of `input` may be the start of.
    fn matching(&self, input: &str) -> Vec<String> {
        let word = input.trim_start_matches('@');
        if word.is_empty() || word.contains([':', ' ']) {
            return Vec::new();
        }
        let word = word.to_lowercase();
        self.0
            .iter()
            .filter(|name| name.to_lowercase().starts_with(&word))
            .cloned()
            .collect()
    }
}

impl Autocomplete for Addressees {
    fn get_suggestions(&mut self, input: &str) -> Result<Vec<String>, CustomUserError> {
        Ok(self.matching(input))
    }

    fn get_completion(
        &mut self,
        input: &str,
        highlighted: Option<String>,
    ) -> Result<Replacement, CustomUserError> {
        let name = highlighted.or_else(|| {
            let all = self.matching(input);
            (all.len() == 1).then(|| all[0].clone())
        });
        Ok(name.map(|name| format!("{name}{}", self.1)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_word_completes_to_a_team_or_a_person() {
        let names = Addressees(vec!["billing".into(), "platform".into(), "Bo".into()], ": ");
        assert_eq!(names.matching("b"), ["billing", "Bo"]);
        assert_eq!(names.matching("PLAT"), ["platform"]);
        assert!(names.matching("billing: x").is_empty());
        assert!(names.matching("").is_empty());
    }
}
