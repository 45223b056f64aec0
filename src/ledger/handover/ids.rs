//! How asks get their ids when their writers do not choose one.
//!
//! An ask's id is its writer, its day and a code from a hash of its text
//! (`kenji-1120-a7f`, see [`crate::content::ask::generated`]), so it
//! survives every other edit of the wrap. Three characters are short
//! enough to type and collide once in 32,768 pairs; when two asks of one
//! writer and day share a code, each gets a longer one, taken from its own
//! hash:
//!
//! - asks of one wrap that share a code all get longer codes, each as long
//!   as it takes to tell it from the others. No id depends on the order of
//!   `next`, so reordering it never moves an acknowledgement to another
//!   ask; an `[ack]` that named the short code now names two asks, and is
//!   an error that lists both (see `items::unknown_item`).
//! - an ask whose code an earlier wrap's ask already has gets a longer
//!   code; the earlier ask keeps its id, and the acknowledgements that
//!   name it.
//!
//! Only asks written alike (the same text up to case and spacing) by one
//! writer on one day cannot be told apart by their hash; the later one is
//! numbered (`-2`), and two of them in one wrap are an error.

use crate::content::ask::{CODE_MAX, GeneratedId};

/// The id given to one generated ask of a wrap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assigned {
    pub id: String,
    /// The index (in the asks given) of an earlier ask of the same wrap
    /// written alike, which this one repeats.
    pub repeats: Option<usize>,
}

/// The ids of one wrap's asks that have no id of their own, given which
/// ids are taken already (by earlier wraps, and by this wrap's chosen
/// ids). Does not depend on the order of `asks` but for which of two asks
/// written alike is the repeat.
pub fn assign_ids(asks: &[&GeneratedId], taken: impl Fn(&str) -> bool) -> Vec<Assigned> {
    let mut out: Vec<Assigned> = Vec::with_capacity(asks.len());
    for (i, ask) in asks.iter().enumerate() {
        let repeats = asks[..i].iter().position(|other| other.same_text(ask));
        let sharing: Vec<&GeneratedId> = asks
            .iter()
            .filter(|other| other.short() == ask.short() && !other.same_text(ask))
            .copied()
            .collect();
        let chosen = out.iter().map(|a| a.id.as_str());
        let id = match repeats {
            Some(_) => None,
            None => shortest_free(ask, &sharing, &taken),
        };
        let id = id.unwrap_or_else(|| {
            let longest = ask.with_code(if sharing.is_empty() { 3 } else { CODE_MAX });
            numbered(&longest, |id| taken(id) || chosen.clone().any(|c| c == id))
        });
        out.push(Assigned { id, repeats });
    }
    out
}

/// The shortest code (3 characters only when no other ask of the wrap
/// shares it) that tells `ask` from `sharing` and is not `taken`.
fn shortest_free(
    ask: &GeneratedId,
    sharing: &[&GeneratedId],
    taken: &impl Fn(&str) -> bool,
) -> Option<String> {
    let first = if sharing.is_empty() { 3 } else { 4 };
    (first..=CODE_MAX).find_map(|len| {
        let id = ask.with_code(len);
        let distinct = sharing.iter().all(|other| other.with_code(len) != id);
        (distinct && !taken(&id) && !reads_as_secret_name(&id)).then_some(id)
    })
}

/// `base-2`, `base-3`… the first not taken.
fn numbered(base: &str, taken: impl Fn(&str) -> bool) -> String {
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or_else(|| base.to_string())
}

/// Whether `… = "declined"` after this id would read to the secret scan as
/// a password assignment (`…pwd = "…"`): the names it looks for that the
/// code's alphabet can spell. Such an id would make the acknowledging wrap
/// an error.
fn reads_as_secret_name(id: &str) -> bool {
    ["pwd", "passwd", "secret", "accesskey"]
        .iter()
        .any(|name| id.ends_with(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::ask::generated;

    fn ids(texts: &[&str], taken: &[&str]) -> Vec<String> {
        let asks: Vec<GeneratedId> = texts
            .iter()
            .map(|t| generated("kenji", 11, 20, t))
            .collect();
        let refs: Vec<&GeneratedId> = asks.iter().collect();
        assign_ids(&refs, |id| taken.contains(&id))
            .into_iter()
            .map(|a| a.id)
            .collect()
    }

    /// Two texts of kenji's on 20 Nov whose short codes collide.
    fn colliding() -> (String, String) {
        let mut by_code: std::collections::HashMap<String, String> = Default::default();
        for n in 0.. {
            let text = format!("check shard {n}");
            let short = generated("kenji", 11, 20, &text).short().to_string();
            if let Some(first) = by_code.insert(short, text.clone()) {
                return (first, text);
            }
        }
        unreachable!()
    }

    #[test]
    fn an_ask_alone_keeps_its_short_code() {
        assert_eq!(
            ids(&["check shard 4"], &[]),
            [generated("kenji", 11, 20, "check shard 4").short()]
        );
    }

    #[test]
    fn asks_of_one_wrap_that_share_a_code_both_get_longer_ones_in_any_order() {
        let (a, b) = colliding();
        let forward = ids(&[&a, &b], &[]);
        let backward = ids(&[&b, &a], &[]);
        assert_eq!(forward, [backward[1].clone(), backward[0].clone()]);
        let short = generated("kenji", 11, 20, &a).short().to_string();
        assert_ne!(forward[0], forward[1]);
        for id in &forward {
            assert!(id.starts_with(&short) && id.len() > short.len(), "{id}");
        }
    }

    #[test]
    fn an_ask_whose_code_is_taken_gets_a_longer_one() {
        let (a, b) = colliding();
        let earlier = generated("kenji", 11, 20, &a).short().to_string();
        let later = ids(&[&b], &[&earlier]);
        assert_eq!(later[0], generated("kenji", 11, 20, &b).with_code(4));
    }

    #[test]
    fn asks_written_alike_are_numbered_and_marked() {
        let asks = [
            generated("kenji", 11, 20, "Check  the drill"),
            generated("kenji", 11, 20, "check the drill"),
        ];
        let refs: Vec<&GeneratedId> = asks.iter().collect();
        let assigned = assign_ids(&refs, |_| false);
        assert_eq!(assigned[0].id, asks[0].short());
        assert_eq!(assigned[0].repeats, None);
        assert_eq!(assigned[1].id, format!("{}-2", asks[0].short()));
        assert_eq!(assigned[1].repeats, Some(0));
    }

    #[test]
    fn a_very_long_name_still_gives_valid_ids() {
        let author = "a".repeat(300);
        let ask = generated(&author, 11, 20, "check");
        let taken: Vec<String> = (3..=CODE_MAX).map(|len| ask.with_code(len)).collect();
        let refs = [&ask];
        let id = &assign_ids(&refs, |id| taken.iter().any(|t| t == id))[0].id;
        assert!(crate::ids::ItemId::new(id.clone()).is_ok(), "{id}");
    }

    #[test]
    fn no_code_reads_as_a_secret_name() {
        assert!(reads_as_secret_name("kenji-1120-abpwd"));
        assert!(!reads_as_secret_name("kenji-1120-pwda"));
    }
}
