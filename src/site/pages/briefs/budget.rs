//! A brief's reading budget. Whatever the backlog, a brief (and the home
//! page) reads in five minutes: its sections are filled in the order a
//! hand-over goes, each with the words its entries show, until the budget
//! is spent; every section still shows its first entries, and says how
//! many more there are with a link. The reading time a brief prints is
//! the words it shows, counted here as its view is made: the same count
//! for the page, the index of briefs, the API and the feeds.

/// Reading speed, in words per minute.
const WORDS_PER_MINUTE: usize = 200;

/// What a brief may ask of its reader: under five minutes. Three
/// quarters of a minute are kept in hand, as the words are counted by
/// what each kind of entry usually shows around its text.
pub(super) const BUDGET_WORDS: usize = 17 * WORDS_PER_MINUTE / 4;

/// Entries every section with any shows, over budget or not: a section
/// that says only "12 more" hides what it is about.
const AT_LEAST: usize = 2;

/// Words a page shows whatever it lists: its heading, the day's line,
/// the quiet line, the links to other days.
const FRAME_WORDS: usize = 40;

/// Words a section with entries adds: its heading, the line under it,
/// its link to the rest.
pub(super) const SECTION_WORDS: usize = 30;

/// Words a group within a section (the asks for one team) adds: its
/// heading and its link to the rest.
pub(super) const GROUP_WORDS: usize = 12;

/// The words a page adds around each entry it lists, by kind.
#[derive(Debug, Clone, Copy)]
pub(super) enum Entry {
    /// `Platform: … kenji-1120-a7f · from Kenji Watanabe, Fri 20 Nov ·
    /// unacknowledged, waiting 2 days`
    Ask,
    /// An ask that lapsed: as an ask, and when it lapsed after how long.
    Lapsed,
    /// A risk as a card (the home page's open blockers): its badges,
    /// owner, age and last update, and `Mitigation:`.
    Card,
    /// A risk's badges, events, owner and byline.
    Risk,
    /// A decision's badges, `Why:` and byline.
    Decision,
    /// An acknowledgement's verb, id and byline.
    Ack,
    /// An incident's badges, id, commander, age and links.
    Incident,
    /// A team, who holds its pager since when, and who is next.
    OnCall,
    /// A wrap's author, team and time.
    Wrap,
    /// A wrap named in a line of others: author and time.
    Named,
}

impl Entry {
    pub(super) fn words(self) -> usize {
        match self {
            Entry::Ask => 13,
            Entry::Lapsed => 16,
            Entry::Card => 18,
            Entry::Risk => 12,
            Entry::Decision => 9,
            Entry::Ack => 10,
            Entry::Incident => 12,
            Entry::OnCall => 10,
            Entry::Wrap => 6,
            Entry::Named => 3,
        }
    }
}

/// The words of a text, as a reader reads them.
pub(super) fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// One section of a brief, for [`plan`]: the kind of its entries, the
/// words it adds when it has any ([`SECTION_WORDS`], [`GROUP_WORDS`]),
/// and the words of each entry's own text, in the order it would show
/// them.
pub(super) struct Candidates {
    pub kind: Entry,
    pub frame: usize,
    pub texts: Vec<usize>,
}

/// What a brief shows: how many entries of each section (in order, the
/// order a hand-over goes), and the words that makes. Each section shows
/// its first [`AT_LEAST`] whatever the budget (their words are set aside
/// first), then as many more as fit.
pub(super) fn plan(sections: &[Candidates]) -> (Vec<usize>, usize) {
    let cost = |s: &Candidates, n: usize| -> usize {
        let frame = if s.texts.is_empty() { 0 } else { s.frame };
        frame
            + s.texts
                .iter()
                .take(n)
                .map(|t| t + s.kind.words())
                .sum::<usize>()
    };
    let least: Vec<usize> = sections.iter().map(|s| cost(s, AT_LEAST)).collect();
    let mut set_aside: usize = least.iter().sum();
    let mut used = FRAME_WORDS;
    let mut taken = Vec::with_capacity(sections.len());
    for (s, least) in sections.iter().zip(&least) {
        set_aside -= least;
        if !s.texts.is_empty() {
            used += s.frame;
        }
        let mut n = 0;
        for text in &s.texts {
            let words = text + s.kind.words();
            if n >= AT_LEAST && used + words + set_aside > BUDGET_WORDS {
                break;
            }
            used += words;
            n += 1;
        }
        taken.push(n);
    }
    (taken, used)
}

/// The minutes `words` take to read, at least one.
pub(super) fn minutes(words: usize) -> usize {
    words.div_ceil(WORDS_PER_MINUTE).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(kind: Entry, words: usize, n: usize) -> Candidates {
        Candidates {
            kind,
            frame: SECTION_WORDS,
            texts: vec![words; n],
        }
    }

    #[test]
    fn sections_fill_in_order_within_the_budget_and_each_shows_two() {
        // Forty asks of 20 words (33 with their labels), then ten risks
        // and three wraps: the asks stop where the rest's two each fit.
        let (taken, used) = plan(&[
            section(Entry::Ask, 20, 40),
            section(Entry::Risk, 5, 10),
            section(Entry::Wrap, 10, 3),
        ]);
        let room = BUDGET_WORDS - FRAME_WORDS - 3 * SECTION_WORDS;
        let asks = (room - 2 * 17 - 2 * 16) / 33;
        assert_eq!(taken[0], asks);
        // What the asks left, the risks take (the wraps' two are kept).
        let risks = 2 + (room - asks * 33 - 2 * 17 - 2 * 16) / 17;
        assert_eq!(taken[1..], [risks.min(10), 2]);
        assert!(used <= BUDGET_WORDS, "{used}");
        assert!(minutes(used) <= 5);
    }

    #[test]
    fn a_short_day_shows_everything_and_reads_in_a_minute() {
        let (taken, used) = plan(&[section(Entry::Ask, 5, 3), section(Entry::Wrap, 8, 0)]);
        assert_eq!(taken, [3, 0]);
        assert_eq!(minutes(used), 1);
    }

    #[test]
    fn sections_over_the_budget_still_show_two_each() {
        let sections: Vec<Candidates> = (0..20).map(|_| section(Entry::Ask, 40, 5)).collect();
        let (taken, _) = plan(&sections);
        assert!(taken.iter().all(|&n| n == 2), "{taken:?}");
    }
}
