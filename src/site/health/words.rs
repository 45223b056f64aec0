//! Each chart in one sentence: what it shows, its latest value and the
//! change from the week before ("Asks picked up within a shift: 86% this
//! week, up from 71%.").

use super::{AskRow, DecisionRow, IncidentRow, OpenAskRow, RiskRow, ShiftsRow};

/// The last two rows: this week's and, if there is one, the week before's.
fn latest<R>(rows: &[R]) -> Option<(&R, Option<&R>)> {
    let (last, rest) = rows.split_last()?;
    Some((last, rest.last()))
}

/// `, up from 5`, `, down from 5`, `, as the week before`: the change from
/// `before` to `now`, `unit` after the number. With `ago`, said of a
/// moment rather than a week: `, up from 5 a week ago`, `, as a week ago`.
fn change(now: usize, before: Option<usize>, unit: &str, ago: bool) -> String {
    let when = if ago { " a week ago" } else { "" };
    match before {
        Some(b) if now > b => format!(", up from {b}{unit}{when}"),
        Some(b) if now < b => format!(", down from {b}{unit}{when}"),
        Some(_) if ago => ", as a week ago".to_string(),
        Some(_) => ", as the week before".to_string(),
        None => String::new(),
    }
}

/// The share of asks picked up within a shift, this week against the week
/// before: the one sentence a trend line shows.
pub(super) fn asks_share(rows: &[AskRow]) -> String {
    const WHAT: &str = "Asks picked up within a shift";
    let Some((now, before)) = latest(rows) else {
        return format!("{WHAT}: no weeks to count.");
    };
    let before_share = before.and_then(|b| b.within_share);
    match (now.within_share, before_share) {
        (Some(p), q) => format!(
            "{WHAT}: {p}% this week{}.",
            change(p as usize, q.map(|q| q as usize), "%", false)
        ),
        (None, Some(q)) => format!("{WHAT}: none to count this week; {q}% the week before."),
        (None, None) if rows.iter().all(|r| r.written == 0) => {
            "No asks were handed over in these weeks.".to_string()
        }
        (None, None) => format!("{WHAT}: none to count this week or the week before."),
    }
}

/// The asks chart in words: the share, what it leaves out, and the median
/// time to acknowledge.
pub(super) fn asks(rows: &[AskRow]) -> String {
    let mut line = asks_share(rows);
    let Some((now, _)) = latest(rows) else {
        return line;
    };
    // The chart shows them; the share leaves them out, so the two would
    // seem to disagree without a word.
    match now.waiting {
        0 => {}
        1 => line.push_str(" 1 ask still waiting for its first shift is not counted yet."),
        n => line.push_str(&format!(
            " {n} asks still waiting for their first shift are not counted yet."
        )),
    }
    if let Some(median) = &now.median_label {
        line.push_str(&format!(" Median time to acknowledge: {median}."));
    }
    line
}

pub(super) fn open_asks(rows: &[OpenAskRow]) -> String {
    let Some((now, before)) = latest(rows) else {
        return "Open asks: no weeks to count.".to_string();
    };
    let waiting = if now.unacknowledged > 0 {
        format!(" ({} nobody picked up)", now.unacknowledged)
    } else {
        String::new()
    };
    format!(
        "Open asks: {} now{waiting}{}.",
        now.open,
        change(now.open, before.map(|b| b.open), "", true)
    )
}

pub(super) fn risks(rows: &[RiskRow]) -> String {
    let Some((now, before)) = latest(rows) else {
        return "Open risks: no weeks to count.".to_string();
    };
    let stale = if now.stale > 0 {
        format!(" ({} stale)", now.stale)
    } else {
        String::new()
    };
    format!(
        "Open risks: {} now{stale}{}.",
        now.open,
        change(now.open, before.map(|b| b.open), "", true)
    )
}

pub(super) fn incidents(rows: &[IncidentRow]) -> String {
    let Some((now, before)) = latest(rows) else {
        return "Incidents opened: no weeks to count.".to_string();
    };
    let mut line = format!(
        "Incidents opened: {} this week{}",
        now.opened,
        change(now.opened, before.map(|b| b.opened), "", false)
    );
    if let Some(median) = &now.median_label {
        line.push_str(&format!("; median time to resolve: {median}"));
    }
    line.push('.');
    line
}

pub(super) fn shifts(rows: &[ShiftsRow]) -> String {
    let Some((now, before)) = latest(rows) else {
        return "Shifts that handed over nothing: no weeks to count.".to_string();
    };
    if now.shifts == 0 {
        return "Shifts that handed over nothing: no shift to count this week.".to_string();
    }
    format!(
        "Shifts that handed over nothing: {} of {} this week{}.",
        now.gaps,
        now.shifts,
        change(
            now.gaps,
            before.filter(|b| b.shifts > 0).map(|b| b.gaps),
            "",
            false
        )
    )
}

pub(super) fn decisions(rows: &[DecisionRow]) -> String {
    let Some((now, before)) = latest(rows) else {
        return "Decisions made: no weeks to count.".to_string();
    };
    let superseded = match now.superseded {
        0 => String::new(),
        n => format!("; {n} superseded"),
    };
    format!(
        "Decisions made: {} this week{}{superseded}.",
        now.made,
        change(now.made, before.map(|b| b.made), "", false)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ask(share: Option<u32>, median: Option<&str>) -> AskRow {
        AskRow {
            week: String::new(),
            written: 10,
            within_shift: 0,
            later: 0,
            lapsed: 0,
            unanswered: 0,
            waiting: 0,
            within_share: share,
            median_minutes: None,
            median_label: median.map(String::from),
        }
    }

    #[test]
    fn each_sentence_gives_the_latest_value_and_its_change() {
        assert_eq!(
            asks(&[ask(Some(71), None), ask(Some(86), Some("9 h"))]),
            "Asks picked up within a shift: 86% this week, up from 71%. Median time to acknowledge: 9 h."
        );
        assert_eq!(
            asks(&[ask(Some(90), None), ask(Some(70), None)]),
            "Asks picked up within a shift: 70% this week, down from 90%."
        );
        assert_eq!(
            asks(&[ask(Some(71), None), ask(None, None)]),
            "Asks picked up within a shift: none to count this week; 71% the week before."
        );
        assert_eq!(
            asks(&[ask(Some(50), None)]),
            "Asks picked up within a shift: 50% this week."
        );
        let mut waiting = ask(Some(89), None);
        waiting.waiting = 7;
        assert_eq!(
            asks(&[ask(Some(41), None), waiting]),
            "Asks picked up within a shift: 89% this week, up from 41%. 7 asks still waiting for their first shift are not counted yet."
        );
        // A trend line (the home page's header) says the share alone.
        let mut both = ask(Some(89), Some("23 h"));
        both.waiting = 7;
        assert_eq!(
            asks_share(&[ask(Some(41), None), both]),
            "Asks picked up within a shift: 89% this week, up from 41%."
        );
        let row = |open, stale| RiskRow {
            week: String::new(),
            open,
            critical: 0,
            high: 0,
            medium: open,
            low: 0,
            stale,
            blocking: 0,
        };
        assert_eq!(
            risks(&[row(5, 0), row(7, 2)]),
            "Open risks: 7 now (2 stale), up from 5 a week ago."
        );
        assert_eq!(
            risks(&[row(5, 0), row(5, 0)]),
            "Open risks: 5 now, as a week ago."
        );
        let week = |shifts, gaps| ShiftsRow {
            week: String::new(),
            shifts,
            wrote: shifts - gaps,
            handed_over: 0,
            gaps,
        };
        assert_eq!(
            shifts(&[week(15, 4), week(15, 2)]),
            "Shifts that handed over nothing: 2 of 15 this week, down from 4."
        );
        assert_eq!(
            decisions(&[
                DecisionRow {
                    week: String::new(),
                    made: 4,
                    superseded: 0
                },
                DecisionRow {
                    week: String::new(),
                    made: 4,
                    superseded: 1
                },
            ]),
            "Decisions made: 4 this week, as the week before; 1 superseded."
        );
    }
}
