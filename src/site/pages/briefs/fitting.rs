//! Fitting a brief to what reads in five minutes: what each section
//! could show, in the order the budget is spent (see [`budget`]), and each
//! cut to what the budget took.

use super::budget::{self, Candidates, Entry, words};
use super::{AttentionView, BriefView, NowView};
use crate::site::summaries::WrapLine;
use crate::site::views::ItemView;

/// Cuts `view` (and, on the home page, `now`) to what reads in five
/// minutes, section by section in the order a hand-over goes (see
/// [`budget`]), and sets its reading time from the words it shows.
pub(super) fn fit(view: &mut BriefView, now: Option<&mut NowView>) {
    let (sections, fixed) = candidates(view, now.as_deref());
    let (taken, used) = budget::plan(&sections);
    let named = cut_to(view, now, taken);
    let words = used + fixed + named * budget::Entry::Named.words();
    view.reading_minutes = budget::minutes(words);
}

/// What the brief could show, section by section in the order the budget
/// is spent, and the words of what is never cut.
fn candidates(view: &BriefView, now: Option<&NowView>) -> (Vec<Candidates>, usize) {
    let mut sections = ask_sections(view);
    if let Some(now) = now {
        sections.push(section(Entry::Card, now_words(now)));
    }
    sections.extend(register_sections(view));
    sections.push(wrap_section(view));
    (sections, fixed_words(view))
}

/// A section of the brief, with the frame every section has.
fn section(kind: Entry, texts: Vec<usize>) -> Candidates {
    Candidates {
        kind,
        frame: budget::SECTION_WORDS,
        texts,
    }
}

/// The words of each ask of a list.
fn ask_words(items: &[ItemView]) -> Vec<usize> {
    items.iter().map(|i| words(i.what)).collect()
}

/// The words of each risk of a list of the day's touches.
fn attention_words(list: &[AttentionView]) -> Vec<usize> {
    list.iter()
        .map(|a| words(&a.risk.title) + a.note.map_or(0, words))
        .collect()
}

/// The asks: nobody picked up, lapsed, each receiver's group, in hand.
fn ask_sections(view: &BriefView) -> Vec<Candidates> {
    let mut sections = vec![
        section(Entry::Ask, ask_words(&view.unacknowledged.items)),
        section(
            Entry::Lapsed,
            view.lapsed.iter().map(|l| words(l.what())).collect(),
        ),
    ];
    sections.extend(view.asks.iter().map(|g| Candidates {
        kind: Entry::Ask,
        frame: budget::GROUP_WORDS,
        texts: ask_words(&g.list().items),
    }));
    sections.push(section(Entry::Ask, ask_words(&view.in_hand.items)));
    sections
}

/// The home page's cards: blockers, then high risks.
fn now_words(now: &NowView) -> Vec<usize> {
    now.blockers
        .iter()
        .chain(&now.high)
        .map(|r| words(&r.title) + r.mitigation.as_deref().map_or(0, words))
        .collect()
}

/// The risks, decisions, acknowledgements and closed risks of the day.
fn register_sections(view: &BriefView) -> Vec<Candidates> {
    vec![
        section(Entry::Risk, attention_words(&view.attention)),
        section(
            Entry::Decision,
            view.decisions
                .iter()
                .map(|d| {
                    words(&d.decision.title) + d.note.map_or_else(|| words(&d.decision.why), words)
                })
                .collect(),
        ),
        section(
            Entry::Ack,
            view.acknowledged
                .iter()
                .map(|a| words(a.what) + a.note.map_or(0, words))
                .collect(),
        ),
        // Closed risks share the acknowledgements' heading.
        Candidates {
            kind: Entry::Risk,
            frame: 0,
            texts: attention_words(&view.closed),
        },
    ]
}

/// The day's wraps, by their summaries.
fn wrap_section(view: &BriefView) -> Candidates {
    let wraps: Vec<&WrapLine> = view
        .shifts
        .iter()
        .flat_map(|s| s.wraps.iter().copied())
        .collect();
    Candidates {
        kind: Entry::Wrap,
        frame: budget::GROUP_WORDS,
        texts: wraps
            .iter()
            .map(|w| w.summary.as_deref().map_or(0, words))
            .collect(),
    }
}

/// The words of incidents and who is on call, never cut: they lead every
/// brief.
fn fixed_words(view: &BriefView) -> usize {
    view.incidents
        .iter()
        .map(|i| words(i.title) + i.note.map_or(0, words) + Entry::Incident.words())
        .sum::<usize>()
        + view.on_call.len() * Entry::OnCall.words()
}

/// Keeps of each section what the budget took (`taken`, in the order of
/// [`candidates`]), counting the rest as "more"; returns how many wraps are
/// named without their summaries.
fn cut_to(view: &mut BriefView, now: Option<&mut NowView>, taken: Vec<usize>) -> usize {
    let mut taken = taken.into_iter();
    let cut = |more: &mut usize, len: usize, keep: usize| {
        *more += len - keep;
        keep
    };
    let mut next = || taken.next().unwrap_or(0);
    let n = next();
    view.unacknowledged.truncate(n);
    let n = next();
    let kept = cut(&mut view.lapsed_more, view.lapsed.len(), n);
    view.lapsed.truncate(kept);
    for group in &mut view.asks {
        group.truncate(next());
    }
    let n = next();
    view.in_hand.truncate(n);
    if let Some(now) = now {
        let n = next();
        now.more +=
            now.blockers.len() + now.high.len() - n.min(now.blockers.len() + now.high.len());
        now.blockers.truncate(n);
        now.high.truncate(n - now.blockers.len());
    }
    let n = next();
    let kept = cut(&mut view.attention_more, view.attention.len(), n);
    view.attention.truncate(kept);
    let n = next();
    let kept = cut(&mut view.decisions_more, view.decisions.len(), n);
    view.decisions.truncate(kept);
    let n = next();
    let kept = cut(&mut view.acknowledged_more, view.acknowledged.len(), n);
    view.acknowledged.truncate(kept);
    let n = next();
    let kept = cut(&mut view.closed_more, view.closed.len(), n);
    view.closed.truncate(kept);
    // Wraps past the budget are named, without their summaries: every
    // wrap of the day stays a click away.
    let mut wraps_left = next();
    let mut named = 0;
    for shift in &mut view.shifts {
        let keep = wraps_left.min(shift.wraps.len());
        wraps_left -= keep;
        shift.also = shift.wraps.split_off(keep);
        named += shift.also.len();
    }
    named
}
