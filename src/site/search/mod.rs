//! Client-side search: an index of every wrap, decision and risk, built
//! with elasticlunr-rs's tokenizer and pipeline and cut into files so that
//! a reader downloads only what a query needs.
//!
//! Files, all in `search/`, each a script that calls `standinSearch.*(…)`
//! so that it loads from a `<script>` tag (that works opened from disk,
//! where `fetch` does not):
//! - `manifest.js`: the kinds and their statuses, teams, each document's
//!   kind and status (one character each), the keys of the shards, the stop
//!   words. Loaded first.
//! - `shard-N.js`: a run of terms with their postings (`shards`). A query
//!   loads the shard of each of its words.
//! - `docs-N.js`: what a result line shows, for [`DOCS_PER_CHUNK`]
//!   documents: title, date, who, and the text (`blocks`) that
//!   `search.js` makes a snippet of, around the first words that matched.
//!   A query loads the chunks of the results it shows.
//! - `stop-N.js`, `team-N.js`: the documents that hold a stop word (for
//!   hyphenated words: `on-call` matches documents with `on` and `call`),
//!   and the documents of a team (for the team filter).
//!
//! Text and queries are folded first (`fold`: `Inés` is `ines`); an item's
//! ids include the tickets its own links name and, for a numbered
//! decision record, its number as people write it (`documents`).
//!
//! Documents are numbered oldest first, so a higher number is newer, and
//! postings are lists of numbers (`encode`). Scoring happens in the
//! browser (`search.js`); see `bench/README.md` for what a query costs.

use std::collections::BTreeMap;

mod blocks;
mod documents;
mod encode;
mod fold;
mod inline;
mod kinds;
mod postings;
mod shards;
mod terms;

pub(crate) use documents::{SearchDoc, Source, document, order, wrap_doc};
pub use fold::fold;
use rayon::prelude::*;
use serde_json::{Value, json};

use super::urls;
use super::{Destination, Stopped};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Documents per chunk of the result store: one. A first page of results
/// loads the chunks of its twenty documents, which are rarely neighbours:
/// with sixteen a chunk (as before results carried their text) a result
/// line loaded fifteen others' lines; one document's line with its text is
/// about as much, gzipped, as sixteen lines without.
pub(crate) const DOCS_PER_CHUNK: usize = 1;

/// A query's last word matches as a prefix (it may still be being typed)
/// once it has this many characters.
const PREFIX_MIN_CHARS: usize = 3;
/// ... and unless the terms it starts span more shards than this: a short
/// prefix of a common stem would load much of the index.
const PREFIX_MAX_SHARDS: usize = 3;

/// The version of the files' format, for `search.js` to check.
const FORMAT: u32 = 3;

/// Documents made, indexed and written at a time: only one batch's
/// documents are held, never a whole site's.
const BATCH: usize = 1024;
const _: () = assert!(BATCH.is_multiple_of(DOCS_PER_CHUNK));

/// What the manifest and the team lists need of a document once it is
/// indexed and its result line written.
struct Mark {
    kind: &'static kinds::Kind,
    status: Option<kinds::Status>,
    /// Index into the teams.
    team: Option<usize>,
}

/// Why a document was not made.
#[derive(Debug)]
pub(crate) enum Unmade {
    /// Why, to report: a wrap's file changed since the build read it, or
    /// what was made with the document failed.
    Failed(Diagnostics),
    /// The destination stopped (it knows why).
    Stopped,
}

impl From<Box<Diagnostic>> for Unmade {
    fn from(why: Box<Diagnostic>) -> Self {
        Unmade::Failed(Diagnostics::from_iter([*why]))
    }
}

/// Makes the search files of `count` documents, document `n` being
/// `document(n)` (oldest first), and puts each file to `to` as it is made.
/// `teams` maps team ids to names. A document that cannot be made stops
/// it, with why in `d`.
pub(crate) fn put<'a>(
    count: usize,
    document: impl Fn(usize) -> Result<SearchDoc<'a>, Unmade> + Sync,
    teams: &BTreeMap<String, String>,
    to: &dyn Destination,
    d: &mut Diagnostics,
) -> Result<(), Stopped> {
    let mut index = postings::Builder::default();
    let mut marks: Vec<Mark> = Vec::with_capacity(count);
    // One batch's terms are added to the index (one thread) while the
    // next batch is made (the others).
    let mut scanned: Vec<postings::DocTerms> = Vec::new();
    for start in (0..count).step_by(BATCH) {
        let batch = start..count.min(start + BATCH);
        let (made, ()) = rayon::join(
            || make_batch(batch, &document, teams, to),
            || index.add(std::mem::take(&mut scanned)),
        );
        let (terms, batch_marks) = made.map_err(|unmade| {
            if let Unmade::Failed(why) = unmade {
                d.extend(why);
            }
            Stopped
        })?;
        scanned = terms;
        marks.extend(batch_marks);
    }
    index.add(scanned);
    let index = index.finish();
    let plan = shards::plan(&index.terms);

    plan.par_iter().enumerate().try_for_each(|(n, shard)| {
        let json = shards::write(&index.terms, shard);
        to.put(
            urls::search_shard(n),
            format!("standinSearch.shard({n},{json});\n").into_bytes(),
        )
    })?;
    for (n, (_, holders)) in index.stops.iter().enumerate() {
        let list = encode::documents(holders.iter().copied());
        to.put(
            urls::search_stop(n),
            script("stop", n, &Value::String(list)),
        )?;
    }
    for n in 0..teams.len() {
        let members = (0..marks.len() as u32).filter(|&d| marks[d as usize].team == Some(n));
        let list = encode::documents(members);
        to.put(
            urls::search_team(n),
            script("team", n, &Value::String(list)),
        )?;
    }
    let shard_keys: Vec<&str> = plan.iter().map(|s| s.key.as_str()).collect();
    let stops: Vec<&str> = index.stops.iter().map(|(w, _)| &**w).collect();
    to.put(
        urls::SEARCH_MANIFEST.to_string(),
        format!(
            "standinSearch.manifest({});\n",
            manifest(&marks, teams, &shard_keys, &stops)
        )
        .into_bytes(),
    )
}

/// Makes the documents of `batch` (a run of whole chunks but the last),
/// puts their result lines, and returns what they give the index and the
/// manifest.
fn make_batch<'a>(
    batch: std::ops::Range<usize>,
    document: &(impl Fn(usize) -> Result<SearchDoc<'a>, Unmade> + Sync),
    teams: &BTreeMap<String, String>,
    to: &dyn Destination,
) -> Result<(Vec<postings::DocTerms>, Vec<Mark>), Unmade> {
    let start = batch.start;
    let docs: Vec<SearchDoc> = batch
        .into_par_iter()
        .map(document)
        .collect::<Result<_, _>>()?;
    let terms = postings::scan(&docs);
    docs.par_chunks(DOCS_PER_CHUNK)
        .enumerate()
        .try_for_each(|(i, chunk)| {
            let n = start / DOCS_PER_CHUNK + i;
            to.put(urls::search_docs(n), chunk_file(n, chunk, teams))
        })
        .map_err(|Stopped| Unmade::Stopped)?;
    let marks = docs
        .iter()
        .map(|d| Mark {
            kind: d.kind,
            status: d.status,
            team: team_number(teams, d.team.as_deref()),
        })
        .collect();
    Ok((terms, marks))
}

/// The index of `team` among `teams`.
fn team_number(teams: &BTreeMap<String, String>, team: Option<&str>) -> Option<usize> {
    teams.keys().position(|id| Some(id.as_str()) == team)
}

/// A script that hands `n` and `value` to `standinSearch.<call>`.
fn script(call: &str, n: usize, value: &Value) -> Vec<u8> {
    format!("standinSearch.{call}({n},{value});\n").into_bytes()
}

/// The result lines of chunk `n`: for each document, `[title, slug, date,
/// by, team, blocks, headings, ids, flags...]`, with `team` an index into
/// the manifest's teams or -1, `blocks` the text of the body (`blocks`),
/// `headings` which of them are headings, and `ids` those a result shows
/// when the query matched them.
fn chunk_file(n: usize, docs: &[SearchDoc], teams: &BTreeMap<String, String>) -> Vec<u8> {
    let rows: Vec<Value> = docs
        .iter()
        .map(|d| {
            let team = team_number(teams, d.team.as_deref()).map_or(-1, |i| i as i64);
            let text = blocks::blocks(&d.fields[documents::BODY]);
            let mut row = vec![
                json!(d.title),
                json!(d.slug),
                json!(d.date),
                json!(d.by),
                json!(team),
                json!(text.text),
                json!(text.headings),
                json!(d.ids),
            ];
            row.extend(d.flags.iter().map(|f| json!(f)));
            Value::Array(row)
        })
        .collect();
    script("docs", n, &Value::Array(rows))
}

/// The distinct (kind, status) pairs of `docs` in the order of
/// [`kinds::KINDS`], and each document's pair as an index into them.
fn codes(docs: &[Mark]) -> (Vec<(usize, Option<kinds::Status>)>, Vec<usize>) {
    let mut pairs: Vec<(usize, Option<kinds::Status>)> = Vec::new();
    for (k, kind) in kinds::KINDS.iter().enumerate() {
        let mut options: Vec<Option<kinds::Status>> = vec![None];
        options.extend(kind.statuses.iter().copied().map(Some));
        for status in options {
            if docs
                .iter()
                .any(|d| d.kind.name == kind.name && d.status == status)
            {
                pairs.push((k, status));
            }
        }
    }
    let of_doc = docs
        .iter()
        .map(|d| {
            pairs
                .iter()
                .position(|(k, s)| kinds::KINDS[*k].name == d.kind.name && *s == d.status)
                .unwrap_or(0)
        })
        .collect();
    (pairs, of_doc)
}

/// What the client loads first.
fn manifest(
    docs: &[Mark],
    teams: &BTreeMap<String, String>,
    shard_keys: &[&str],
    stops: &[&str],
) -> Value {
    let (pairs, of_doc) = codes(docs);
    // One digit per document: at most 64 (kind, status) pairs.
    let doc_codes: String = of_doc
        .iter()
        .map(|&c| encode::DIGITS[c.min(63)] as char)
        .collect();
    json!({
        "format": FORMAT,
        "count": docs.len(),
        "chunk": DOCS_PER_CHUNK,
        "kinds": kinds::KINDS,
        "codes": pairs.iter().map(|(k, s)| json!([k, s.map(|s| s.word), s.is_none_or(|s| s.live)])).collect::<Vec<_>>(),
        "docs": doc_codes,
        "teams": teams.iter().map(|(id, name)| json!([id, name])).collect::<Vec<_>>(),
        "shards": shard_keys,
        "stops": stops,
        "prefix": { "min_chars": PREFIX_MIN_CHARS, "max_shards": PREFIX_MAX_SHARDS },
    })
}

#[cfg(test)]
mod tests;
