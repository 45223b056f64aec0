//! Reading every ask and acknowledgement of the site into items: their
//! ids, whom each is for, and the acknowledgements that name them (with
//! the errors for an id nobody wrote, or one that names several asks).

use ahash::AHashMap;

use super::super::{WrapIdx, WrapRecord};
use super::directory::Directory;
use super::ids::assign_ids;
use super::items::{EventKind, Item, ItemEvent, ItemIdx, Receiver};
use crate::config::Config;
use crate::content::ack::AckVerb;
use crate::content::ask::GeneratedId;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Locate, suggest_n};
use crate::ids::{ItemId, TeamId};

/// Reads every ask and acknowledgement of the site into items.
pub(crate) fn build(
    config: &Config,
    wraps: &[WrapRecord],
    complete: bool,
    d: &mut Diagnostics,
) -> (Vec<Item>, AHashMap<ItemId, ItemIdx>) {
    let asks = wraps.iter().map(|r| r.wrap.asks.len()).sum();
    let mut reg = Register {
        items: Vec::with_capacity(asks),
        by_id: AHashMap::with_capacity(asks),
        wraps,
        directory: Directory::new(config, wraps),
        complete,
    };
    // Whom an ask to everyone reaches: the configured teams, and the
    // teams that had written by then (a site may list none).
    let mut teams: Vec<TeamId> = config.teams.values().map(|t| t.id.clone()).collect();
    teams.sort();
    teams.dedup();
    for (w, record) in wraps.iter().enumerate() {
        if let Some(team) = &record.wrap.team
            && let Err(at) = teams.binary_search(team)
        {
            teams.insert(at, team.clone());
        }
        let ids = wrap_ask_ids(record, &reg.by_id, d);
        for (a, (ask, id)) in record.wrap.asks.iter().zip(ids).enumerate() {
            let Some(id) = id else { continue };
            let (to, addressed) = reg.directory.receiver(ask, record, d);
            reg.by_id.insert(id.clone(), ItemIdx(reg.items.len()));
            reg.items.push(Item {
                id,
                wrap: WrapIdx(w),
                ask: a,
                addressed,
                teams: if to == Receiver::Everyone {
                    teams.clone()
                } else {
                    Vec::new()
                },
                to,
                due: ask.due,
                events: Vec::new(),
            });
        }
        // Pager turns and commanders name people too: catch their typos.
        let file = &record.wrap.file;
        for pager in &record.wrap.pagers {
            reg.directory.check_name(
                &pager.to.name,
                "hands the pager to",
                file,
                pager.span.clone(),
                d,
            );
        }
        for incident in &record.wrap.incidents {
            if let Some(commander) = &incident.commander {
                let span = incident.span.clone();
                reg.directory
                    .check_name(&commander.name, "names as commander", file, span, d);
            }
        }
        // Acknowledgements name asks of earlier wraps: read after this
        // wrap's own asks, so acknowledging one's own ask is caught.
        for a in 0..record.wrap.acks.len() {
            reg.acknowledge(WrapIdx(w), a, d);
        }
    }
    (reg.items, reg.by_id)
}

/// The id of each ask of `record` (`None` for one that is not an item: a
/// chosen id already taken), given the ids of earlier wraps. Chosen ids
/// first, then the generated ones (see [`super::ids`]), so that no id
/// depends on the order of `next`.
fn wrap_ask_ids(
    record: &WrapRecord,
    earlier: &AHashMap<ItemId, ItemIdx>,
    d: &mut Diagnostics,
) -> Vec<Option<ItemId>> {
    let asks = &record.wrap.asks;
    let mut ids: Vec<Option<ItemId>> = vec![None; asks.len()];
    let mut chosen: Vec<&ItemId> = Vec::new();
    for (a, ask) in asks.iter().enumerate() {
        let Some(id) = &ask.id else { continue };
        if earlier.contains_key(&id.value) || chosen.contains(&&id.value) {
            d.push(
                Diagnostic::new(
                    Code::DuplicateEntry,
                    format!("the ask id `{}` is already taken", id.value),
                )
                .at(&record.wrap.file, id.span.clone())
                .with_help("give each ask its own `id`, or leave it out for a generated one"),
            );
            continue;
        }
        chosen.push(&id.value);
        ids[a] = Some(id.value.clone());
    }
    let generated: Vec<usize> = (0..asks.len()).filter(|&a| asks[a].id.is_none()).collect();
    let codes: Vec<&GeneratedId> = generated.iter().map(|&a| &asks[a].generated).collect();
    let taken = |id: &str| earlier.contains_key(id) || chosen.iter().any(|c| c.as_str() == id);
    for (assigned, &a) in assign_ids(&codes, taken).into_iter().zip(&generated) {
        if let Some(first) = assigned.repeats {
            d.push(repeated_ask(record, generated[first], a));
        }
        // Generated ids are always valid ids; this only guards the type.
        ids[a] = ItemId::new(assigned.id).ok();
    }
    ids
}

/// An ask written twice in one wrap: the two cannot be told apart.
fn repeated_ask(record: &WrapRecord, first: usize, again: usize) -> Diagnostic {
    let file = &record.wrap.file;
    let first_line = file
        .source()
        .map(|source| source.line_column(record.wrap.asks[first].span.start).0);
    let at = match first_line {
        Some(line) => format!(" (first on line {line})"),
        None => String::new(),
    };
    Diagnostic::new(
        Code::DuplicateEntry,
        format!("this ask is written twice in this wrap{at}"),
    )
    .at(file, record.wrap.asks[again].span.clone())
    .with_help("write each ask once; two asks alike cannot be told apart when acknowledged")
}

/// The items read so far, and what an acknowledgement is read against.
struct Register<'w> {
    items: Vec<Item>,
    by_id: AHashMap<ItemId, ItemIdx>,
    wraps: &'w [WrapRecord],
    directory: Directory<'w>,
    /// Whether every wrap was read: only then is an id nobody wrote an
    /// error.
    complete: bool,
}

impl Register<'_> {
    /// Reads acknowledgement `a` of wrap `w` into the item it names.
    fn acknowledge(&mut self, w: WrapIdx, a: usize, d: &mut Diagnostics) {
        let wraps = self.wraps;
        let record = &wraps[w.0];
        let ack = &record.wrap.acks[a];
        let Some(&idx) = self.by_id.get(&ack.item.value) else {
            let id = ack.item.value.as_str();
            let shared = sharing_code(&self.items, wraps, id);
            if shared.len() > 1 {
                d.push(ambiguous_item(id, &shared, record, ack, wraps));
            } else if self.complete {
                d.push(unknown_item(id, record, ack, &self.by_id, wraps));
            }
            return;
        };
        let item = &mut self.items[idx.0];
        if item.wrap == w {
            d.push(
                Diagnostic::new(
                    Code::UnknownItem,
                    format!("this wrap acknowledges its own ask `{}`", ack.item.value),
                )
                .at(&record.wrap.file, ack.item.span.clone())
                .with_help("asks are for the next shift; acknowledge asks handed to you"),
            );
            return;
        }
        let kind = match &ack.verb {
            AckVerb::Taken { by } => match by {
                Some(by) => {
                    self.directory.check_name(
                        &by.name,
                        "says is taken by",
                        &record.wrap.file,
                        ack.span.clone(),
                        d,
                    );
                    EventKind::Taken {
                        by: by.key.clone(),
                        name: by.name.clone(),
                    }
                }
                None => EventKind::Taken {
                    by: record.wrap.author.clone(),
                    name: record.wrap.author_name.clone(),
                },
            },
            AckVerb::Done => EventKind::Done,
            AckVerb::Declined => EventKind::Declined,
            AckVerb::HandedOn { to } => EventKind::HandedOn {
                to: self.directory.handed_to(to, record, ack.span.clone(), d),
            },
        };
        item.events.push(ItemEvent {
            wrap: w,
            at: record.wrap.at,
            kind,
            note: ack.note.clone(),
        });
    }
}

/// The items whose short generated id is `id` but that got longer ones,
/// because asks of one wrap shared it (see [`super::ids`]).
fn sharing_code<'a>(items: &'a [Item], wraps: &[WrapRecord], id: &str) -> Vec<&'a Item> {
    items
        .iter()
        .filter(|item| item.id.as_str() != id && item.id.as_str().starts_with(id))
        .filter(|item| wraps[item.wrap.0].wrap.asks[item.ask].generated.short() == id)
        .collect()
}

/// An acknowledgement of a short id that now names several asks: which
/// one was meant is never guessed.
fn ambiguous_item(
    id: &str,
    shared: &[&Item],
    record: &WrapRecord,
    ack: &crate::content::ack::Ack,
    wraps: &[WrapRecord],
) -> Diagnostic {
    let choices: Vec<String> = shared
        .iter()
        .map(|item| {
            let what: String = item.what(wraps).chars().take(60).collect();
            format!("`{}` (“{what}”)", item.id)
        })
        .collect();
    Diagnostic::new(
        Code::UnknownItem,
        format!("`{id}` names {} asks of one wrap", shared.len()),
    )
    .at(&record.wrap.file, ack.item.span.clone())
    .with_help(format!(
        "their texts share a code, so each got a longer id; name the one you mean: {}",
        choices.join(" or ")
    ))
}

fn unknown_item(
    id: &str,
    record: &WrapRecord,
    ack: &crate::content::ack::Ack,
    by_id: &AHashMap<ItemId, ItemIdx>,
    wraps: &[WrapRecord],
) -> Diagnostic {
    // Written later? Then the ack is early, not wrong.
    let written_later = wraps.iter().find_map(|r| {
        r.wrap.asks.iter().find_map(|ask| {
            let explicit = ask.id.as_ref().map(|i| i.value.as_str());
            (explicit == Some(id) || ask.generated.short() == id).then_some(r)
        })
    });
    let help = match written_later {
        Some(later) => format!(
            "that ask is handed over later, in {}; an ask is acknowledged after it is written",
            later.wrap.file.path
        ),
        None => {
            // In id order, so that equally close ids are always offered alike.
            let mut ids: Vec<&str> = by_id.keys().map(ItemId::as_str).collect();
            ids.sort_unstable();
            suggest_n(id, ids, 3).unwrap_or_else(|| {
                "ask ids are shown beside each ask on the briefs; `standin new` pre-fills the ones handed to you".to_string()
            })
        }
    };
    Diagnostic::new(
        Code::UnknownItem,
        format!("no earlier wrap hands over an ask `{id}`"),
    )
    .at(&record.wrap.file, ack.item.span.clone())
    .with_help(help)
}
