//! The weeks the health figures are counted in: the last `n` runs of seven
//! days ending with the build's "today", so that every week is whole and
//! the latest one is comparable with the one before it.

use std::ops::Range;

use chrono::{Days, NaiveDate};

/// One week: seven days of the site's time zone, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Week {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

/// The weeks counted, oldest first; the last one ends on "today".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Weeks(pub Vec<Week>);

impl Weeks {
    /// The `n` weeks ending with `today` (`n` of 0 counts as 1).
    pub(crate) fn ending(today: NaiveDate, n: u32) -> Weeks {
        let n = u64::from(n.max(1));
        Weeks(
            (0..n)
                .rev()
                .filter_map(|back| {
                    let last = today.checked_sub_days(Days::new(7 * back))?;
                    let first = last.checked_sub_days(Days::new(6))?;
                    Some(Week { first, last })
                })
                .collect(),
        )
    }

    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    /// The first day counted.
    pub(crate) fn first_day(&self) -> Option<NaiveDate> {
        self.0.first().map(|w| w.first)
    }

    /// The week `day` falls in, if it falls in one.
    pub(crate) fn of(&self, day: NaiveDate) -> Option<usize> {
        let (first, last) = (self.0.first()?, self.0.last()?);
        if day < first.first || day > last.last {
            return None;
        }
        let back = usize::try_from((last.last - day).num_days() / 7).ok()?;
        Some(self.0.len() - 1 - back)
    }

    /// The weeks whose last day is `from` or later, and before `until`
    /// (`None`: no end): the weeks at whose end something that held over
    /// those days was so.
    pub(crate) fn ending_within(&self, from: NaiveDate, until: Option<NaiveDate>) -> Range<usize> {
        let start = self.0.partition_point(|w| w.last < from);
        let end = until.map_or(self.0.len(), |u| self.0.partition_point(|w| w.last < u));
        start..end.max(start)
    }
}

/// Per-week counts built by adding over ranges of weeks, then summed once:
/// each thing that held over many weeks costs two additions, not one per
/// week.
#[derive(Debug, Clone)]
pub(crate) struct Spans(Vec<i64>);

impl Spans {
    pub(crate) fn new(weeks: usize) -> Spans {
        Spans(vec![0; weeks + 1])
    }

    /// Counts one for every week of `range`.
    pub(crate) fn add(&mut self, range: Range<usize>) {
        if range.start < range.end {
            self.0[range.start] += 1;
            self.0[range.end] -= 1;
        }
    }

    /// The count of each week.
    pub(crate) fn totals(&self) -> Vec<usize> {
        let mut running = 0i64;
        self.0[..self.0.len() - 1]
            .iter()
            .map(|d| {
                running += d;
                usize::try_from(running).unwrap_or(0)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::testing::day;

    #[test]
    fn weeks_end_today_and_are_whole() {
        let weeks = Weeks::ending(day("2026-11-20"), 3);
        assert_eq!(weeks.len(), 3);
        assert_eq!(weeks.0[2].first, day("2026-11-14"));
        assert_eq!(weeks.0[2].last, day("2026-11-20"));
        assert_eq!(weeks.0[0].first, day("2026-10-31"));
        assert_eq!(weeks.first_day(), Some(day("2026-10-31")));
        assert_eq!(weeks.of(day("2026-11-20")), Some(2));
        assert_eq!(weeks.of(day("2026-11-14")), Some(2));
        assert_eq!(weeks.of(day("2026-11-13")), Some(1));
        assert_eq!(weeks.of(day("2026-10-31")), Some(0));
        assert_eq!(weeks.of(day("2026-10-30")), None);
        assert_eq!(weeks.of(day("2026-11-21")), None);
        assert_eq!(Weeks::ending(day("2026-11-20"), 0).len(), 1);
    }

    #[test]
    fn spans_count_the_weeks_whose_end_they_cover() {
        let weeks = Weeks::ending(day("2026-11-20"), 3);
        // Ends: 6 Nov, 13 Nov, 20 Nov.
        assert_eq!(weeks.ending_within(day("2026-11-06"), None), 0..3);
        assert_eq!(weeks.ending_within(day("2026-11-07"), None), 1..3);
        assert_eq!(
            weeks.ending_within(day("2026-11-07"), Some(day("2026-11-13"))),
            1..1
        );
        assert_eq!(
            weeks.ending_within(day("2026-11-01"), Some(day("2026-11-14"))),
            0..2
        );
        let mut spans = Spans::new(3);
        spans.add(0..2);
        spans.add(1..3);
        spans.add(2..2);
        assert_eq!(spans.totals(), vec![1, 2, 1]);
    }
}
