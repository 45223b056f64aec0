//! Asks handed over to the next shift: `next` in a wrap. Each names its
//! receiver as people write it (`platform: …`, `@jonas …`, `everyone: …`),
//! or nobody, for the writer's own team. Who a name is — a team, a person,
//! or just a word before a colon — is the ledger's to decide, since it
//! knows every author; this stage only reads what was written.

use std::ops::Range;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use toml::value::Datetime;

use super::datetime::place;
use chrono_tz::Tz;

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::fingerprint::fingerprint;
use crate::ids::{ItemId, PersonKey};
use crate::strict_toml::{Located, Table, TextOrTable};

/// The keys an ask written as a table may have.
pub(crate) const KEYS: &[&str] = &["to", "what", "due", "id"];

/// Who an ask is for, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum AskTo {
    /// No one named: the writer's own team's next shift.
    OwnTeam,
    /// `everyone:` or `all:`.
    Everyone,
    /// `@jonas`: a person, whoever they are.
    Person(String),
    /// `platform:` or `jonas:`: a team or a known person; otherwise the
    /// words were just part of the text.
    Name(String),
}

/// When an ask is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Due {
    Day(NaiveDate),
    Time(DateTime<FixedOffset>),
}

/// One ask in a wrap's `next`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Ask {
    /// The whole text as written, address included (its id comes from it).
    pub written: String,
    /// Where the text after the address starts in `written` (see
    /// [`Ask::what`]).
    pub what_at: usize,
    pub to: AskTo,
    /// Where `to` is written, for diagnostics about the receiver.
    pub to_span: Range<usize>,
    pub due: Option<Due>,
    /// An id its writer chose (the table form's `id`).
    pub id: Option<Located<ItemId>>,
    /// The id it gets otherwise (before the ledger tells apart two asks
    /// that would get the same one): see [`generated_id`]. Empty until
    /// the wrap's author and date are read ([`name`]).
    pub generated: GeneratedId,
    pub span: Range<usize>,
}

impl Ask {
    /// The text after the address.
    pub(crate) fn what(&self) -> &str {
        &self.written[self.what_at..]
    }
}

/// Reads `next`: text, tables (`{ to, what, due, id }`) or a list of both.
/// Times without an offset are in `zone` (the writer's team's).
pub(crate) fn read(table: &mut Table, zone: Tz, d: &mut Diagnostics) -> Vec<Ask> {
    let mut asks = Vec::new();
    for item in table.texts_or_tables("next", "[[next]]", KEYS, d) {
        match item {
            TextOrTable::Text(text) => {
                let written = text.value.trim().to_string();
                if written.is_empty() {
                    continue;
                }
                crate::url_policy::check_line(&written, table.file(), text.span.clone(), d);
                let (to, what) = split_address(&written);
                // The rest is a suffix of what was written.
                let what_at = written.len() - what.len();
                asks.push(Ask {
                    what_at,
                    written,
                    to,
                    to_span: text.span.clone(),
                    due: None,
                    id: None,
                    generated: GeneratedId::default(),
                    span: text.span,
                });
            }
            TextOrTable::Table(mut entry) => {
                if let Some(ask) = read_table(&mut entry, zone, d) {
                    asks.push(ask);
                }
                entry.finish(d);
            }
        }
    }
    asks
}

fn read_table(table: &mut Table, zone: Tz, d: &mut Diagnostics) -> Option<Ask> {
    let span = table.span();
    let what = table.required::<String>("what", d);
    let to = table.optional::<String>("to", d);
    let due =
        table
            .optional::<Datetime>("due", d)
            .and_then(|raw| match place(&raw.value, zone, true) {
                Ok(placed) if raw.value.time.is_none() => Some(Due::Day(placed.at.date_naive())),
                Ok(placed) => Some(Due::Time(placed.at)),
                Err(_) => {
                    d.push(
                        Diagnostic::new(Code::BadDate, "`due` is not a real date or time")
                            .at(table.file(), raw.span)
                            .with_help(
                                "write `due = 2026-11-23` or `due = 2026-11-23T10:00:00+01:00`",
                            ),
                    );
                    None
                }
            });
    let id =
        table
            .optional::<String>("id", d)
            .and_then(|raw| match ItemId::new(raw.value.clone()) {
                Ok(id) => Some(Located::new(id, raw.span)),
                Err(invalid) => {
                    d.push(
                        Diagnostic::new(
                            Code::BadId,
                            format!("`{}` cannot be an ask's id", raw.value),
                        )
                        .at(table.file(), raw.span)
                        .with_help(invalid.hint()),
                    );
                    None
                }
            });
    let what = what?;
    crate::url_policy::check_line(&what.value, table.file(), what.span.clone(), d);
    let text = what.value.trim().to_string();
    if text.is_empty() {
        d.push(
            Diagnostic::new(Code::BadValue, "this ask says nothing")
                .at(table.file(), what.span)
                .with_help("write what the next shift should do in `what`"),
        );
        return None;
    }
    let (to, to_span) = match to {
        Some(to) => (receiver(to.value.trim()), to.span),
        None => (AskTo::OwnTeam, span.clone()),
    };
    let written = match &to {
        AskTo::OwnTeam => text.clone(),
        AskTo::Everyone => format!("everyone: {text}"),
        AskTo::Person(name) => format!("@{name} {text}"),
        AskTo::Name(name) => format!("{name}: {text}"),
    };
    Some(Ask {
        what_at: written.len() - text.len(),
        written,
        to,
        to_span,
        due,
        id,
        generated: GeneratedId::default(),
        span,
    })
}

/// Who a table's `to` names: `@x` a person, `everyone`/`all`, else a name.
fn receiver(to: &str) -> AskTo {
    if let Some(person) = to.strip_prefix('@') {
        return AskTo::Person(person.trim().to_string());
    }
    if is_everyone(to) {
        return AskTo::Everyone;
    }
    if to.is_empty() {
        return AskTo::OwnTeam;
    }
    AskTo::Name(to.to_string())
}

fn is_everyone(name: &str) -> bool {
    name.eq_ignore_ascii_case("everyone") || name.eq_ignore_ascii_case("all")
}

/// Splits an ask written as text into its address and the rest:
/// `@jonas check X`, `platform: shard 4`, `everyone: freeze`. A prefix is
/// a name only if it is short (a team or a name, not a sentence) and not a
/// URL or a time (`https://…`, `10:00`).
pub(crate) fn split_address(written: &str) -> (AskTo, &str) {
    if let Some(rest) = written.strip_prefix('@') {
        let end = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
        let name = rest[..end].trim_end_matches([':', ',']);
        let what = rest[end..].trim_start();
        if !name.is_empty() && !what.is_empty() {
            return (AskTo::Person(name.to_string()), what);
        }
    }
    if let Some(colon) = written.find(':') {
        let name = written[..colon].trim();
        let what = written[colon + 1..].trim_start();
        let is_name = !name.is_empty()
            && name.chars().count() <= 40
            && name.split_whitespace().count() <= 3
            && name.chars().any(char::is_alphabetic)
            && !name.contains(['/', '(', ')', '[', ']', '`', '"'])
            && written[colon + 1..].starts_with(char::is_whitespace)
            && !what.is_empty();
        if is_name {
            if is_everyone(name) {
                return (AskTo::Everyone, what);
            }
            return (AskTo::Name(name.to_string()), what);
        }
    }
    (AskTo::OwnTeam, written)
}

/// Gives each ask the id it gets unless its writer chose one.
pub(crate) fn name(asks: &mut [Ask], author: &PersonKey, at: DateTime<FixedOffset>) {
    for ask in asks {
        ask.generated = generated_id(author, at, &ask.written);
    }
}

/// The alphabet of generated ids: lowercase, no look-alikes (Crockford).
const ID_ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// The most of a writer's key a generated id holds, in bytes: with the day,
/// the longest code and a `-N`, an id stays within [`crate::ids::MAX_ID_LEN`].
const AUTHOR_MAX: usize = 64;

/// The longest code a generated id can have: 12 characters of 5 bits
/// each, all of the hash's 64 bits that the code can hold.
pub(crate) const CODE_MAX: usize = 12;

/// The id an ask gets unless its writer chose one (see [`generated_id`]),
/// and the hash that a longer code comes from when two asks of one writer
/// and day share the short one (see `ledger::handover::ids`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GeneratedId {
    /// `kenji-1120-a7f`: writer, day, three characters of the hash.
    short: String,
    hash: u64,
}

impl GeneratedId {
    /// The id with its usual three-character code.
    pub fn short(&self) -> &str {
        &self.short
    }

    /// Whether two asks can be told apart by a longer code: their texts
    /// hash differently (asks of one writer and day written alike, up to
    /// case and spacing, cannot).
    pub fn same_text(&self, other: &GeneratedId) -> bool {
        self.hash == other.hash && self.short == other.short
    }

    /// The id with a code of `len` characters (3 to [`CODE_MAX`]): the
    /// short code, then more of the hash. A longer code starts with the
    /// shorter one, so `kenji-1120-a7f` still reads as its beginning.
    pub fn with_code(&self, len: usize) -> String {
        let mut id = self.short.clone();
        let more = len.clamp(3, CODE_MAX) - 3;
        id.extend((0..more).map(|i| code_char(self.hash, 15 + 5 * i as u32)));
        id
    }
}

/// The character of the hash's five bits at `shift`.
fn code_char(hash: u64, shift: u32) -> char {
    ID_ALPHABET[((hash >> shift) & 31) as usize] as char
}

/// The id an ask gets unless its writer chose one: writer, day (as the
/// writer dated the wrap), and three characters of a hash of the text as
/// written, so it survives every other edit of the wrap.
pub(crate) fn generated_id(
    author: &PersonKey,
    at: DateTime<FixedOffset>,
    written: &str,
) -> GeneratedId {
    generated(author.as_str(), at.month(), at.day(), written)
}

/// [`generated_id`] from plain parts: the writer's key, the month and day
/// as written, the ask's text. Public for tools that write sites
/// (`bench/gen_site.rs`), whose acknowledgements must name asks exactly as
/// standin does (with `ledger::handover::assign_ids`, re-exported as
/// [`crate::content::assign_ids`]).
#[doc(hidden)]
pub fn generated(author: &str, month: u32, day: u32, written: &str) -> GeneratedId {
    let normal: String = written
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let hash = fingerprint(normal.as_bytes());
    let code_at =
        |shift: u32| -> String { (0..3).map(|i| code_char(hash, shift + i * 5)).collect() };
    // `…-pwd = "declined: …"` reads as a password assignment to the secret
    // scan, which would then refuse the acknowledging wrap: never generate it.
    let code = [0, 15, 30, 45]
        .into_iter()
        .map(code_at)
        .find(|code| code != "pwd")
        .unwrap_or_else(|| "pwe".to_string());
    // Keys are ASCII (ids are); a very long name is cut, so that the id,
    // however its code grows, is always a valid id.
    let author = author[..author.len().min(AUTHOR_MAX)].trim_end_matches(['-', '_', '.']);
    GeneratedId {
        short: format!("{author}-{month:02}{day:02}-{code}"),
        hash,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_read_as_written() {
        let cases: &[(&str, AskTo, &str)] = &[
            ("Run the drill", AskTo::OwnTeam, "Run the drill"),
            (
                "platform: shard 4 Monday",
                AskTo::Name("platform".into()),
                "shard 4 Monday",
            ),
            (
                "Payments: call the TAM",
                AskTo::Name("Payments".into()),
                "call the TAM",
            ),
            (
                "@jonas check the export",
                AskTo::Person("jonas".into()),
                "check the export",
            ),
            (
                "@jonas: check it",
                AskTo::Person("jonas".into()),
                "check it",
            ),
            ("Everyone: war room doc", AskTo::Everyone, "war room doc"),
            ("all: freeze", AskTo::Everyone, "freeze"),
            (
                "Weekend on-call: tomasz Sat, ines Sun",
                AskTo::Name("Weekend on-call".into()),
                "tomasz Sat, ines Sun",
            ),
        ];
        for (written, to, what) in cases {
            assert_eq!(split_address(written), (to.clone(), *what), "{written}");
        }
    }

    #[test]
    fn sentences_urls_and_times_are_not_addresses() {
        for written in [
            "https://docs.example/bf is the war room",
            "Deploy at 10:00 CET",
            "Note the (important) thing: read it",
            "@ nobody",
            "platform:no space after the colon",
        ] {
            let (to, _) = split_address(written);
            assert_eq!(to, AskTo::OwnTeam, "{written}");
        }
        // A short phrase before a colon may be a name; the ledger decides.
        assert_eq!(
            split_address("Runbook is done: https://runbooks.example/x").0,
            AskTo::Name("Runbook is done".into())
        );
        // Four words before a colon is a sentence, not a name.
        assert_eq!(
            split_address("The failover runbook is done: see the wiki").0,
            AskTo::OwnTeam
        );
    }

    #[test]
    fn no_generated_id_reads_as_a_password_assignment() {
        let author = crate::ids::PersonKey::new("kenji".to_string()).unwrap();
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-20T17:42:00+09:00").unwrap();
        // 32^3 codes: 200,000 texts meet every code several times.
        for n in 0..200_000 {
            let id = generated_id(&author, at, &format!("ask number {n}")).with_code(3);
            assert!(!id.ends_with("-pwd"), "{id}");
        }
    }
}
