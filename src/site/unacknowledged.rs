//! Warnings (W012) about the asks nobody picked up, as things stand now:
//! only asks still open (a lapsed ask is history, not something the next
//! shift can act on). A receiver with a handful is told of each at its
//! line; one with more, in one line with how many and the register's view
//! of them. A repository with years of asks nobody acknowledged checks
//! with a line per receiver, so the warning that matters today is seen.

use std::collections::BTreeMap;

use super::urls;
use super::views::{receiver_filter, receiver_ref};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::ledger::Ledger;
use crate::ledger::handover::{ItemAsOf, Receiver};

/// How many asks of one receiver are warned about one by one; past it,
/// in one line.
pub(crate) const EACH_PER_RECEIVER: usize = 3;

/// Warns about the asks unacknowledged now; the register is named at
/// `base_url` when the site has one.
pub(crate) fn warn(ledger: &Ledger, base_url: Option<&str>, d: &mut Diagnostics) {
    let mut by_receiver: BTreeMap<&Receiver, Vec<&ItemAsOf>> = BTreeMap::new();
    for now in ledger.asks_now.iter().filter(|o| o.unacknowledged) {
        by_receiver
            .entry(&now.state.receiver)
            .or_default()
            .push(now);
    }
    for (receiver, mut asks) in by_receiver {
        // The newest first: the oldest are the nearest to lapsing anyway.
        asks.sort_by_key(|o| (o.age_days, o.item));
        if asks.len() > EACH_PER_RECEIVER {
            d.push(many(ledger, base_url, receiver, asks.len()));
        } else {
            for open in &asks {
                d.push(one(ledger, open));
            }
        }
    }
}

fn one(ledger: &Ledger, open: &ItemAsOf) -> Diagnostic {
    let item = ledger.handover.item(open.item);
    let written = &ledger.wrap(item.wrap).wrap;
    let shifts = match open.shifts_passed {
        1 => "a shift".to_string(),
        n => format!("{n} shifts"),
    };
    Diagnostic::new(
        Code::Unacknowledged,
        format!(
            "ask `{}` is unacknowledged: its receiver let {shifts} pass without picking it up",
            item.id
        ),
    )
    .at(&written.file, written.asks[item.ask].span.clone())
    .with_help(format!(
        "the receiver acknowledges it in their wrap: `[ack]` then `{} = \"taken\"` (or done, declined, handed on to …)",
        item.id
    ))
}

fn many(ledger: &Ledger, base_url: Option<&str>, receiver: &Receiver, count: usize) -> Diagnostic {
    let label = receiver_ref(ledger, receiver).label;
    let view = urls::asks_view(&[
        ("to", &receiver_filter(receiver)),
        ("state", "unacknowledged"),
    ]);
    Diagnostic::new(
        Code::Unacknowledged,
        format!(
            "{count} asks for {label} are unacknowledged: shifts passed without picking them up"
        ),
    )
    .with_help(match base_url {
        Some(base) => format!(
            "the register of asks lists them: {base}{}",
            urls::pretty_view(&view)
        ),
        None => format!(
            "the register of asks lists them: {} on the site",
            urls::pretty_view(&view)
        ),
    })
}
