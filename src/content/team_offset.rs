//! Whether the UTC offset a wrap's `date` is written with fits its team's
//! zone. A wrong offset misplaces nothing (the instant is what was
//! written), but it is nearly always a slip: a laptop on another zone, a
//! scaffold made before the writer's team was known, a `team` line
//! uncommented under a date written in the site's zone. The brief then
//! shows the shift ending at a time nobody on the team lived through.
//!
//! An offset fits when the zone has it at that instant, or at any other
//! moment of the same year: a wrap still written in summer time a week
//! after the clocks changed is a habit, not a wrong zone, and is left alone.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, Offset, TimeZone};
use chrono_tz::Tz;

use crate::config::Config;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceFile};
use crate::ids::TeamId;
use crate::strict_toml::Located;

/// How a written offset disagrees with a zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Misfit {
    /// The zone's offset at the written instant.
    pub then: FixedOffset,
    /// Every offset the zone has in that year, in the order they come.
    pub in_year: Vec<FixedOffset>,
}

/// `None` when the offset `at` is written with is one `zone` has at that
/// instant or elsewhere in the same year (of the zone's own calendar);
/// else what the zone's offsets are.
pub(crate) fn misfit(zone: Tz, at: DateTime<FixedOffset>) -> Option<Misfit> {
    let written = *at.offset();
    let local = at.with_timezone(&zone);
    let then = local.offset().fix();
    // Most wraps fit at once; only the others pay for the year's offsets.
    if written == then {
        return None;
    }
    let in_year = offsets_in_year(zone, local.year());
    (!in_year.contains(&written)).then_some(Misfit { then, in_year })
}

/// The distinct offsets `zone` has during `year`, looked at every day at
/// noon UTC: no zone has kept an offset for less than a day, so none is
/// missed, and a year is 366 lookups at most.
fn offsets_in_year(zone: Tz, year: i32) -> Vec<FixedOffset> {
    let mut offsets: Vec<FixedOffset> = Vec::new();
    let (Some(first), Some(next)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year + 1, 1, 1),
    ) else {
        return offsets;
    };
    let mut day = first;
    while day < next {
        let noon = day.and_hms_opt(12, 0, 0).unwrap_or_default();
        let offset = zone.offset_from_utc_datetime(&noon).fix();
        if !offsets.contains(&offset) {
            offsets.push(offset);
        }
        day += Duration::days(1);
    }
    offsets
}

/// Warns (W009) at `date` in `file` when its offset does not fit the zone
/// `[teams.<team>] timezone` gives the wrap's team. A team without a zone
/// of its own says nothing about where its people are, so neither a wrap
/// without a team nor one whose team has no `timezone` is looked at.
pub(crate) fn check(
    date: Option<&Located<DateTime<FixedOffset>>>,
    team: Option<&TeamId>,
    config: &Config,
    file: &SourceFile,
    d: &mut Diagnostics,
) {
    let (Some(date), Some(team)) = (date, team.and_then(|t| config.teams.get(t))) else {
        return;
    };
    let Some(zone) = team.timezone else {
        return;
    };
    let Some(misfit) = misfit(zone, date.value) else {
        return;
    };
    let same_instant = date.value.with_timezone(&zone);
    let year = match misfit.in_year.as_slice() {
        [only] => format!("{only} all year"),
        offsets => {
            let list: Vec<String> = offsets.iter().map(ToString::to_string).collect();
            format!("{} in {}", list.join(" or "), same_instant.year())
        }
    };
    d.push(
        Diagnostic::new(
            Code::OffsetOutsideTeamZone,
            format!(
                "`date` is written at UTC{}, but the team {} works in {}, at {} then",
                date.value.offset(),
                team.name,
                zone.name(),
                misfit.then
            ),
        )
        .at(file, date.span.clone())
        .with_help(format!(
            "{} is at {year}; write the same instant as `date = {}`, or set `team` to the team you worked for",
            zone.name(),
            same_instant.format("%Y-%m-%dT%H:%M:%S%:z"),
        )),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::{Asia, Australia, Europe};

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn offset(hours: i32) -> FixedOffset {
        FixedOffset::east_opt(hours * 3600).unwrap()
    }

    #[test]
    fn the_zones_offset_at_the_instant_fits() {
        assert_eq!(misfit(Asia::Tokyo, at("2026-11-20T17:42:00+09:00")), None);
        assert_eq!(
            misfit(Europe::Berlin, at("2026-07-20T17:42:00+02:00")),
            None
        );
        assert_eq!(misfit(Tz::UTC, at("2026-07-20T17:42:00Z")), None);
    }

    #[test]
    fn the_zones_other_offset_in_the_year_fits() {
        // Summer time written a few weeks after the clocks went back.
        assert_eq!(
            misfit(Europe::Berlin, at("2026-11-20T18:05:00+02:00")),
            None
        );
        // Southern summer: Sydney is +11:00 in January, +10:00 in winter.
        assert_eq!(
            misfit(Australia::Sydney, at("2026-01-20T18:05:00+10:00")),
            None
        );
    }

    #[test]
    fn an_offset_the_zone_never_has_that_year_is_a_misfit() {
        assert_eq!(
            misfit(Asia::Tokyo, at("2026-11-20T09:42:00+01:00")),
            Some(Misfit {
                then: offset(9),
                in_year: vec![offset(9)],
            })
        );
        assert_eq!(
            misfit(Europe::Berlin, at("2026-11-20T18:05:00+00:00")),
            Some(Misfit {
                then: offset(1),
                in_year: vec![offset(1), offset(2)],
            })
        );
        // Half-hour zones are compared to the minute.
        assert!(misfit(Asia::Kolkata, at("2026-11-20T18:05:00+05:00")).is_some());
        assert!(misfit(Asia::Kolkata, at("2026-11-20T18:05:00+05:30")).is_none());
    }

    #[test]
    fn a_year_of_a_zone_without_daylight_saving_has_one_offset() {
        assert_eq!(offsets_in_year(Asia::Tokyo, 2026), [offset(9)]);
        assert_eq!(
            offsets_in_year(Europe::Berlin, 2026),
            [offset(1), offset(2)]
        );
    }

    fn config() -> Config {
        Config::parse(
            SourceFile::new(
                "standin.toml",
                "timezone = \"UTC\"\n[teams.payments]\nname = \"Payments\"\ntimezone = \"Asia/Tokyo\"\n[teams.ops]\n",
            ),
            &mut Diagnostics::new(),
        )
        .unwrap()
    }

    fn warnings(text: &str, team: &str) -> Diagnostics {
        let file = SourceFile::new("wraps/a.md", format!("+++\ndate = {text}\n+++\n"));
        let date = Located::new(at(text), 11..11 + text.len());
        let mut d = Diagnostics::new();
        let team = TeamId::new(team).unwrap();
        check(Some(&date), Some(&team), &config(), &file, &mut d);
        d
    }

    #[test]
    fn a_misfit_warns_at_the_date_with_the_teams_offset() {
        let d = warnings("2026-11-20T09:42:00+01:00", "payments");
        let warning = d.iter().next().expect("a warning");
        assert_eq!(warning.code, Code::OffsetOutsideTeamZone);
        assert_eq!(warning.line_column(), Some((2, 8)));
        assert_eq!(
            warning.message,
            "`date` is written at UTC+01:00, but the team Payments works in Asia/Tokyo, at +09:00 then"
        );
        assert_eq!(
            warning.help.as_deref(),
            Some(
                "Asia/Tokyo is at +09:00 all year; write the same instant as `date = 2026-11-20T17:42:00+09:00`, or set `team` to the team you worked for"
            )
        );
    }

    #[test]
    fn a_team_without_a_zone_of_its_own_is_not_checked() {
        assert!(warnings("2026-11-20T09:42:00+01:00", "ops").is_empty());
        assert!(warnings("2026-11-20T17:42:00+09:00", "payments").is_empty());
    }
}
