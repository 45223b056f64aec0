//! `standin new`: scaffolds a wrap so that writing one takes a minute.
//! Author, time and team are filled in; the asks waiting for the author
//! are there as `[ack]` lines to uncomment, and their open risks and
//! incidents as tables to update.

mod answers;
mod author;
mod hints;
mod prompts;

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, NaiveDateTime, NaiveTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use tera::Context;

use crate::config::Config;
use crate::content;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::ids::{PersonKey, TeamId};
use crate::ledger::{AsOf, Ledger, WrapRecord};
use crate::site::theme::Theme;
use crate::site_dir::{SiteDir, new_wrap_path};
use crate::strict_toml::Choice;
use crate::toml_text;

pub(crate) use answers::{AckAnswer, Answers};
pub(crate) use author::{author_name, writer_name};
pub(crate) use prompts::ask as ask_prompts;

/// The template a new wrap is made from (a site may override it).
pub(crate) const TEMPLATE: &str = "wrap.md";

/// What `standin new` was asked for.
#[derive(Debug, Clone)]
pub(crate) struct NewOptions {
    pub site: SiteDir,
    pub author: Option<String>,
    pub team: Option<String>,
    /// The end of the shift; default now.
    pub at: Option<ShiftEnd>,
    /// What flags said of the shift; empty for a scaffold to edit.
    pub answers: Answers,
}

/// The end of a shift as `--at` gives it. Times without an offset are in
/// the writer's team's zone (else the site's), so a Tokyo engineer on a UTC
/// laptop still writes `+09:00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ShiftEnd {
    /// `2026-11-20T17:42:00+09:00`: exactly this, offset as written.
    Exact(DateTime<FixedOffset>),
    /// `2026-11-20T17:42`: a wall-clock time in the team's zone.
    Local(NaiveDateTime),
    /// `17:42`: today (in the team's zone) at this time.
    Today(NaiveTime),
}

impl ShiftEnd {
    /// Reads `--at`: a full timestamp, a local date and time, or a time.
    pub(crate) fn parse(text: &str) -> Option<ShiftEnd> {
        let text = text.trim();
        if let Ok(at) = DateTime::parse_from_rfc3339(text)
            .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M%:z"))
        {
            return Some(ShiftEnd::Exact(at));
        }
        for format in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"] {
            if let Ok(at) = NaiveDateTime::parse_from_str(text, format) {
                return Some(ShiftEnd::Local(at));
            }
        }
        NaiveTime::parse_from_str(text, "%H:%M")
            .ok()
            .map(ShiftEnd::Today)
    }

    /// The instant, with the offset of `zone` (unless written), given the
    /// current instant for "today". `None` in a daylight-saving gap.
    fn resolve(self, zone: Tz, now: DateTime<Utc>) -> Option<DateTime<FixedOffset>> {
        let local = |at: NaiveDateTime| {
            zone.from_local_datetime(&at)
                .earliest()
                .map(|t| t.fixed_offset())
        };
        match self {
            ShiftEnd::Exact(at) => Some(at),
            ShiftEnd::Local(at) => local(at),
            ShiftEnd::Today(time) => local(now.with_timezone(&zone).date_naive().and_time(time)),
        }
    }
}

/// A wrap ready to write.
#[derive(Debug, Clone)]
pub(crate) struct Scaffold {
    pub path: PathBuf,
    pub text: String,
}

#[derive(Serialize)]
struct RiskView {
    id: String,
    title: String,
    severity: String,
    status: String,
    blocker: bool,
    age: String,
}

/// The scaffold (or, when `options.answers` says anything, the complete
/// wrap) `standin new` would write now, without asking: what `standin
/// ack` and `standin ask` start from when the writer has no wrap of this
/// shift yet. `None` if the config, the author, the team, `--at` or the
/// template is wrong (in `d`).
pub(crate) fn scaffold(options: &NewOptions, d: &mut Diagnostics) -> Option<Scaffold> {
    prepare(options, d)?.finish(options.answers.clone(), d)
}

/// Everything a new wrap is made from, once author, team and time are
/// known: what `finish` renders, and what the prompts offer.
pub(crate) struct Prepared {
    options: NewOptions,
    config: Config,
    ledger: Ledger,
    written: String,
    author: PersonKey,
    team: Option<TeamId>,
    shift: Option<String>,
    at: DateTime<FixedOffset>,
    risks: Vec<RiskView>,
    hints: hints::Hints,
}

/// Prepares a new wrap: resolves author, team and time, and reads the
/// site for what the writer should carry forward. `None` if the config,
/// the author, the team or `--at` is wrong (in `d`).
pub(crate) fn prepare(options: &NewOptions, d: &mut Diagnostics) -> Option<Prepared> {
    let config = Config::load(&options.site, d)?;
    let written = author_name(options.author.clone(), &options.site.root, d)?;
    let author = config.people.resolve(&written)?;
    let now = Utc::now();
    // The team decides the zone, and the author's last wrap before the
    // shift decides the team: place the shift in the site zone first.
    let provisional = options
        .at
        .unwrap_or(ShiftEnd::Exact(now.fixed_offset()))
        .resolve(config.timezone, now)
        .unwrap_or(now.fixed_offset());
    // The site may have problems; a new wrap is still useful, so use
    // whatever parsed and ignore the diagnostics (`check` reports them).
    let mut ignored = Diagnostics::new();
    let parsed = content::load(&options.site, &config, &mut ignored);
    let as_of = AsOf::Instant(provisional.to_utc());
    let ledger = Ledger::build(&config, parsed, as_of, &mut ignored);
    let last_own = ledger
        .wraps
        .iter()
        .rev()
        .find(|w| w.wrap.author == author.key && w.wrap.at <= provisional);
    let team = match &options.team {
        Some(team) => Some(given_team(team, &config, d)?),
        None => default_team(&config, &author.key, last_own),
    };
    let shift = last_own.and_then(|w| w.wrap.shift.clone());
    // The team's zone, else the site's (see `date_note` for when the
    // site's only stands in for a zone nobody told us).
    let zone = config.zone_of(team.as_ref());
    let at = shift_end(options.at, zone, now, d)?;
    let risks = open_risks(&ledger, &author.key);
    let hints = hints::hints(&ledger, &config, &author.key, team.as_ref(), at);
    Some(Prepared {
        options: options.clone(),
        config,
        ledger,
        written,
        author: author.key,
        team,
        shift,
        at,
        risks,
        hints,
    })
}

impl Prepared {
    /// What the prompts offer this writer.
    pub(crate) fn offer(&self) -> prompts::Offer {
        let mut receivers: Vec<String> = self
            .config
            .teams
            .keys()
            .map(|t| t.as_str().to_string())
            .collect();
        receivers.extend(self.ledger.names.people().map(str::to_string));
        receivers.push("everyone".to_string());
        receivers.dedup();
        prompts::Offer {
            waiting: self.hints.waiting(),
            risks: self
                .ledger
                .risks
                .iter()
                .filter(|r| self.risks.iter().any(|v| v.id == r.id.as_str()))
                .map(|r| prompts::OwnRisk {
                    id: r.id.as_str().to_string(),
                    title: r.state.title.clone(),
                    status: r.state.status,
                })
                .collect(),
            receivers,
        }
    }

    /// The wrap to write: the complete wrap `answers` make, else the
    /// scaffold to edit.
    pub(crate) fn finish(self, answers: Answers, d: &mut Diagnostics) -> Option<Scaffold> {
        let date = self.at.format("%Y-%m-%dT%H:%M:00%:z").to_string();
        let text = if answers.is_empty() {
            self.render_scaffold(&date, d)?
        } else {
            answers::render(
                &answers::Head {
                    author: &self.written,
                    date: &date,
                    team: self.team.as_ref().map(TeamId::as_str),
                    shift: self.shift.as_deref(),
                },
                &answers,
            )
        };
        Some(Scaffold {
            path: free_path(&self.options, &self.author, self.at),
            text,
        })
    }

    /// The scaffold an editor opens.
    fn render_scaffold(&self, date: &str, d: &mut Diagnostics) -> Option<String> {
        let config = &self.config;
        // The template puts values inside quotes or after `#`: each is
        // escaped for where it goes, so nothing carried from an earlier
        // wrap can end its string or comment and become TOML of its own.
        let mut context = Context::new();
        context.insert("author", &toml_text::string_body(&self.written));
        context.insert("date", date);
        context.insert(
            "date_note",
            &date_note(config, self.team.as_ref(), self.options.at).map(|n| toml_text::comment(&n)),
        );
        context.insert(
            "team",
            &self
                .team
                .as_ref()
                .map(|t| toml_text::string_body(t.as_str())),
        );
        context.insert(
            "teams",
            &config
                .teams
                .keys()
                .map(|t| toml_text::string_body(t.as_str()))
                .collect::<Vec<_>>(),
        );
        context.insert("shift", &self.shift.as_deref().map(toml_text::string_body));
        // Hints name the site's own teams and people, not made-up ones.
        let example_team = config
            .teams
            .keys()
            .find(|t| Some(*t) != self.team.as_ref())
            .map_or("billing", TeamId::as_str);
        let example_person = self
            .ledger
            .names
            .people()
            .find(|p| *p != self.author.as_str())
            .unwrap_or("name");
        context.insert("example_team", &toml_text::comment(example_team));
        context.insert("example_person", &toml_text::comment(example_person));
        context.insert("risks", &self.risks);
        context.insert("handover", &self.hints);
        let theme = Theme::load(&self.options.site, d)?;
        theme.render(TEMPLATE, &context, d)
    }
}

/// The end of the shift in `zone`: `--at` as given, else now (to the
/// minute). `None` when `--at` falls in a daylight-saving gap (in `d`).
fn shift_end(
    given: Option<ShiftEnd>,
    zone: Tz,
    now: DateTime<Utc>,
    d: &mut Diagnostics,
) -> Option<DateTime<FixedOffset>> {
    let Some(given) = given else {
        return Some(to_minute(now.with_timezone(&zone).fixed_offset()));
    };
    given.resolve(zone, now).or_else(|| {
        d.push(
            Diagnostic::new(
                Code::BadDate,
                format!("`--at` falls in a daylight-saving gap of {}", zone.name()),
            )
            .with_help("give the time with its UTC offset, e.g. `--at 2026-03-29T02:30:00+01:00`"),
        );
        None
    })
}

/// The risks `author` owns (or raised, when nobody owns them) that are
/// still open, to update.
fn open_risks(ledger: &Ledger, author: &PersonKey) -> Vec<RiskView> {
    ledger
        .risks
        .iter()
        .filter(|r| r.state.status.is_active())
        .filter(|r| match &r.state.owner {
            Some(owner) => owner.key == *author,
            None => ledger.wrap(r.raised).author() == author,
        })
        .map(|r| RiskView {
            id: toml_text::string_body(r.id.as_str()),
            title: toml_text::comment(&r.state.title),
            severity: r.state.severity.name().to_string(),
            status: r.state.status.name().to_string(),
            blocker: r.state.blocker,
            age: crate::site::format::duration_days(r.age_days),
        })
        .collect()
}

/// What the scaffold says beside `date` when its offset is only the
/// site's: the writer's team is unknown (not in `[people]`, no wrap of
/// theirs, no `--team`), so the site's zone stands in for theirs, and a
/// wrong offset written silently would stay wrong once they set `team`.
/// `None` when the team's zone, or an offset given with `--at`, decides.
fn date_note(config: &Config, team: Option<&TeamId>, at: Option<ShiftEnd>) -> Option<String> {
    if team.is_some() || matches!(at, Some(ShiftEnd::Exact(_))) {
        return None;
    }
    let zone = config.timezone.name();
    Some(if config.teams.is_empty() {
        format!(
            "offset of the site's zone ({zone}): write yours if you are elsewhere, or give your team a timezone under [teams] in standin.toml"
        )
    } else {
        format!(
            "offset of the site's zone ({zone}): set your team with --team or in [people] in standin.toml to get your team's zone"
        )
    })
}

/// Writes the scaffold; never overwrites a file. `None` if it could not
/// be written (in `d`).
pub(crate) fn write(scaffold: &Scaffold, d: &mut Diagnostics) -> Option<()> {
    use std::io::Write as _;
    let written = scaffold
        .path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| {
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&scaffold.path)
        })
        .and_then(|mut file| file.write_all(scaffold.text.as_bytes()));
    if let Err(error) = written {
        d.push(
            Diagnostic::new(
                Code::Output,
                format!("cannot write {}: {error}", scaffold.path.display()),
            )
            .at_path(scaffold.path.display().to_string()),
        );
        return None;
    }
    Some(())
}

/// A time to the minute (a wrap's date has no seconds).
fn to_minute(at: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    at.with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(at)
}

/// The team `--team` names, by key or name in any case, as a wrap's
/// `team` is read (so `--team Platform` is the `team = "Platform"` a wrap
/// may hold).
fn given_team(team: &str, config: &Config, d: &mut Diagnostics) -> Option<TeamId> {
    let found = config.resolve_team(team);
    if found.is_none() {
        d.push(config.unknown_team(team));
    }
    found
}

/// Without `--team`: the author's team in `[people]`, else the team of
/// their last wrap, else the only team there is.
fn default_team(
    config: &Config,
    author: &PersonKey,
    last_own: Option<&WrapRecord>,
) -> Option<TeamId> {
    if let Some(team) = config.people.team_of(author) {
        return Some(team.clone());
    }
    if let Some(team) = last_own.and_then(|w| w.wrap.team.clone()) {
        return Some(team);
    }
    (config.teams.len() == 1)
        .then(|| config.teams.keys().next().cloned())
        .flatten()
}

/// A path for the new wrap that nothing holds yet (see
/// [`new_wrap_path`]).
fn free_path(options: &NewOptions, author: &PersonKey, at: DateTime<FixedOffset>) -> PathBuf {
    let root = &options.site.root;
    let mut n = 1;
    let mut path = root.join(new_wrap_path(author.as_str(), at, n));
    // Not `exists()`: a dangling link counts as taken, never written through.
    while path.symlink_metadata().is_ok() {
        n += 1;
        path = root.join(new_wrap_path(author.as_str(), at, n));
    }
    path
}
