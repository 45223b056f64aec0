//! Client-side search: an elasticlunr index of every wrap, decision and
//! risk, built with elasticlunr-rs and split so a reader downloads only
//! what a query needs.
//!
//! One elasticlunr index stores each field's terms in a character trie, so
//! the subtree under a prefix ("re") is itself a valid index for every term
//! with that prefix, and prefix expansion ("redi" -> "redis") stays inside
//! it. The index is cut into such shards (by first letter, by first two
//! letters where a letter is large); a query loads the shards of its terms.
//! Field-length norms are folded into each posting's `tf` so that no
//! per-document table has to travel with every shard (elasticlunr.js uses a
//! norm of 1 for documents it has no length for).
//!
//! Text goes through elasticlunr-rs's English tokenizer and pipeline, the
//! same as its `Index::add_doc`; the tries are then written shard by shard,
//! in parallel, instead of serializing one `Index` and cutting it apart
//! (which took 4 s of a 10,000-wrap build). A test checks that the shards
//! put together equal what elasticlunr-rs's `Index` builds.
//!
//! Documents are numbered risks first, then decisions, then wraps, so a
//! kind filter is a range check. What a result line shows (title, kind,
//! date, team, URL, teaser) is kept apart, in chunks of numbered documents.
//! Every file is a script that calls `standinSearch.*(...)`, so it loads
//! from a `<script>` tag: that works opened from disk, where `fetch` does not.

use std::collections::BTreeMap;

mod postings;
mod shards;

use elasticlunr::Language;
use elasticlunr::lang::English;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Map, Value, json};

use super::lines::Lines;
use super::urls;
use super::vocabulary::describe_changes;
use crate::ledger::Ledger;

/// Documents per chunk of the result store.
pub(crate) const DOCS_PER_CHUNK: usize = 100;
/// The elasticlunr.js index format the shards are written in.
const ELASTICLUNR_FORMAT: &str = "0.9.5";
/// Characters of body text a teaser shows.
const TEASER_CHARS: usize = 180;

/// The indexed fields and their weight in scoring.
const FIELDS: &[(&str, u32)] = &[
    ("title", 4),
    ("body", 1),
    ("tags", 2),
    ("team", 1),
    ("author", 1),
];

/// What kind of thing a search document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Kind {
    Risk,
    Decision,
    Wrap,
}

/// One searchable document.
#[derive(Debug, Clone)]
pub(crate) struct SearchDoc {
    pub kind: Kind,
    pub title: String,
    pub body: String,
    pub author: String,
    pub team: Option<String>,
    pub tags: Vec<String>,
    /// `2026-11-20`
    pub date: String,
    /// Site-root-relative URL.
    pub url: String,
    pub teaser: String,
}

/// Every wrap, decision and risk as a search document: risks, then
/// decisions, then wraps, each oldest first.
pub(crate) fn documents(ledger: &Ledger, lines: &Lines) -> Vec<SearchDoc> {
    let mut docs =
        Vec::with_capacity(ledger.risks.len() + ledger.decisions.len() + ledger.wraps.len());
    for (risk, line) in ledger.risks.iter().zip(&lines.risks) {
        let mut body = vec![risk.id.to_string()];
        body.extend(risk.state.mitigation.clone());
        for touch in &risk.history {
            body.extend(touch.note.clone());
            body.extend(describe_changes(touch));
        }
        let mut authors: Vec<String> = risk
            .history
            .iter()
            .map(|t| ledger.wrap(t.wrap).wrap.author_name.clone())
            .collect();
        authors.extend(risk.state.owner.as_ref().map(|o| o.name.clone()));
        authors.dedup();
        docs.push(SearchDoc {
            kind: Kind::Risk,
            title: risk.state.title.clone(),
            teaser: teaser(&format!(
                "{} {}, {}{}",
                risk.state.severity,
                risk.state.status,
                risk.state
                    .owner
                    .as_ref()
                    .map_or(String::from("no owner"), |o| format!("owner {o}")),
                risk.state
                    .mitigation
                    .as_deref()
                    .map_or(String::new(), |m| format!(". {m}")),
            )),
            body: body.join("\n"),
            author: authors.join(" "),
            team: line.team.as_ref().map(|t| t.id.clone()),
            tags: Vec::new(),
            date: line.last_touched_on.clone(),
            url: line.url.clone(),
        });
    }
    for (decision, line) in ledger.decisions.iter().zip(&lines.decisions) {
        let mut body = vec![decision.id.to_string(), decision.why.clone()];
        body.extend(decision.record.map(|r| ledger.records[r].body.text.clone()));
        body.extend(decision.mentions.iter().filter_map(|m| m.note.clone()));
        docs.push(SearchDoc {
            kind: Kind::Decision,
            title: decision.title.clone(),
            teaser: teaser(&decision.why),
            body: body.join("\n"),
            author: decision.author_name.clone(),
            team: line.team.as_ref().map(|t| t.id.clone()),
            tags: line.tags.iter().map(|t| t.name.clone()).collect(),
            date: line.date.clone(),
            url: line.url.clone(),
        });
    }
    for (record, line) in ledger.wraps.iter().zip(&lines.wraps) {
        let wrap = &record.wrap;
        let mut body = vec![wrap.body.text.clone()];
        body.extend(wrap.asks.iter().map(|a| a.written.clone()));
        body.extend(wrap.shift.clone());
        docs.push(SearchDoc {
            kind: Kind::Wrap,
            title: line
                .summary
                .clone()
                .unwrap_or_else(|| format!("Wrap by {}", line.author)),
            teaser: teaser(&wrap.body.text),
            body: body.join("\n"),
            author: line.author.clone(),
            team: line.team.as_ref().map(|t| t.id.clone()),
            tags: line.tags.iter().map(|t| t.name.clone()).collect(),
            date: line.date.clone(),
            url: line.url.clone(),
        });
    }
    docs
}

/// The first words of `text` (whitespace collapsed), cut at a word
/// boundary. Reads only as far as it needs: bodies can be long.
fn teaser(text: &str) -> String {
    let mut out = String::with_capacity(TEASER_CHARS + 4);
    let mut chars = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if chars + len + usize::from(chars > 0) > TEASER_CHARS {
            if out.is_empty() {
                out.extend(word.chars().take(TEASER_CHARS));
            }
            out.push('…');
            return out;
        }
        if chars > 0 {
            out.push(' ');
            chars += 1;
        }
        out.push_str(word);
        chars += len;
    }
    out
}

/// The search files, by output path.
pub(crate) fn files(
    docs: &[SearchDoc],
    team_names: &BTreeMap<String, String>,
) -> Vec<(String, Vec<u8>)> {
    let field_names: Vec<&str> = FIELDS.iter().map(|(f, _)| *f).collect();
    let tags: Vec<String> = docs.iter().map(|d| d.tags.join(" ")).collect();
    let texts: Vec<Vec<&str>> = docs
        .iter()
        .zip(&tags)
        .map(|(doc, tags)| {
            let team = doc
                .team
                .as_deref()
                .map(|t| team_names.get(t).map_or(t, String::as_str))
                .unwrap_or("");
            vec![doc.title.as_str(), &doc.body, tags, team, &doc.author]
        })
        .collect();
    let postings = postings::postings(&texts);
    let plan = shards::plan(&postings);

    let mut out: Vec<(String, Vec<u8>)> = plan
        .par_iter()
        .map(|shard| {
            let json = shards::write(&postings[shard.postings.clone()], &field_names);
            let prefix = serde_json::to_string(&shard.prefix).unwrap_or_default();
            let file = urls::search_shard(&shard.prefix);
            (
                file,
                format!("standinSearch.shard([{prefix},{json}]);\n").into_bytes(),
            )
        })
        .collect();
    let shard_files: Map<String, Value> = plan
        .iter()
        .map(|s| {
            let name = urls::search_shard_name(&s.prefix);
            (s.prefix.clone(), Value::String(name))
        })
        .collect();

    for (chunk, docs_chunk) in docs.chunks(DOCS_PER_CHUNK).enumerate() {
        let rows: Vec<Value> = docs_chunk
            .iter()
            .map(|d| json!([d.kind, d.title, d.date, d.team, d.url, d.teaser]))
            .collect();
        out.push((
            urls::search_docs(chunk),
            script("docs", &json!([chunk, rows])),
        ));
    }
    out.push((
        urls::SEARCH_MANIFEST.to_string(),
        script("manifest", &manifest(docs, team_names, shard_files)),
    ));
    out
}

/// What the client loads first: counts, kinds, teams, the shard table, an
/// empty elasticlunr index to merge shards into, and the query settings.
fn manifest(
    docs: &[SearchDoc],
    team_names: &BTreeMap<String, String>,
    shards: Map<String, Value>,
) -> Value {
    let field_names: Vec<&str> = FIELDS.iter().map(|(f, _)| *f).collect();
    let team_ids: Vec<&String> = team_names.keys().collect();
    let team_of: Vec<i64> = docs
        .iter()
        .map(|d| {
            d.team
                .as_ref()
                .and_then(|t| team_ids.iter().position(|id| *id == t))
                .map_or(-1, |i| i as i64)
        })
        .collect();
    // Documents come risks first, then decisions, then wraps.
    let count = |kind: Kind| docs.iter().filter(|d| d.kind == kind).count();
    let (risks, decisions) = (count(Kind::Risk), count(Kind::Decision));
    let range = |kind: Kind| match kind {
        Kind::Risk => json!([0, risks]),
        Kind::Decision => json!([risks, risks + decisions]),
        Kind::Wrap => json!([risks + decisions, docs.len()]),
    };
    let pipeline = serde_json::to_value(English::new().make_pipeline()).unwrap_or_default();
    json!({
        "version": 1,
        "count": docs.len(),
        "chunk": DOCS_PER_CHUNK,
        "kinds": { "risk": range(Kind::Risk), "decision": range(Kind::Decision), "wrap": range(Kind::Wrap) },
        "teams": team_names.iter().map(|(id, name)| json!([id, name])).collect::<Vec<_>>(),
        "team_of": team_of,
        "shards": shards,
        "base": {
            "version": ELASTICLUNR_FORMAT,
            "fields": field_names,
            "ref": "id",
            "pipeline": pipeline,
            "index": field_names.iter().map(|f| (f.to_string(), json!({"root": {"docs": {}, "df": 0}}))).collect::<Map<_, _>>(),
            "documentStore": { "docs": {}, "docInfo": {}, "length": docs.len(), "save": false },
        },
        "config": {
            "fields": FIELDS.iter().map(|(f, boost)| (f.to_string(), json!({"boost": boost, "bool": "OR", "expand": true}))).collect::<Map<_, _>>(),
            "bool": "OR",
            "expand": true,
        },
    })
}

/// A script that hands `value` to `standinSearch.<call>`.
fn script(call: &str, value: &Value) -> Vec<u8> {
    format!("standinSearch.{call}({value});\n").into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(kind: Kind, title: &str, body: &str) -> SearchDoc {
        SearchDoc {
            kind,
            title: title.into(),
            body: body.into(),
            author: "ana".into(),
            team: Some("payments".into()),
            tags: vec!["redis".into()],
            date: "2026-11-20".into(),
            url: "x/index.html".into(),
            teaser: teaser(body),
        }
    }

    fn teams() -> BTreeMap<String, String> {
        BTreeMap::from([("payments".to_string(), "Payments".to_string())])
    }

    fn files_for(docs: &[SearchDoc]) -> BTreeMap<String, String> {
        files(docs, &teams())
            .into_iter()
            .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
            .collect()
    }

    fn call(text: &str, name: &str) -> Value {
        let body = text
            .trim()
            .strip_prefix(&format!("standinSearch.{name}("))
            .unwrap()
            .strip_suffix(");")
            .unwrap();
        serde_json::from_str(body).unwrap()
    }

    /// Merges shard tries the way search.js does.
    fn merge(target: &mut Value, source: &Value) {
        for (key, value) in source.as_object().unwrap() {
            match key.as_str() {
                "docs" if !value.as_object().unwrap().is_empty() => target["docs"] = value.clone(),
                "df" if value.as_u64() > Some(0) => target["df"] = value.clone(),
                "docs" | "df" => {}
                _ if target.get(key).is_some() => merge(&mut target[key.as_str()], value),
                _ => target[key.as_str()] = value.clone(),
            }
        }
    }

    /// elasticlunr.js divides by sqrt(field length) at query time; the
    /// shards do it at build time.
    fn fold(node: &mut Value, field: &str, doc_info: &Value) {
        for (key, child) in node.as_object_mut().unwrap() {
            if key == "docs" {
                for (doc, posting) in child.as_object_mut().unwrap() {
                    let length = doc_info[doc.as_str()][field].as_f64().unwrap();
                    posting["tf"] = json!(postings::round_tf(
                        posting["tf"].as_f64().unwrap() / length.sqrt()
                    ));
                }
            } else if key != "df" {
                fold(child, field, doc_info);
            }
        }
    }

    #[test]
    fn shards_together_equal_the_elasticlunr_rs_index() {
        let docs = [
            doc(
                Kind::Risk,
                "Redis failover",
                "sessions lost when the node fails; failover drill took 94s",
            ),
            doc(
                Kind::Decision,
                "Use Redis for sessions",
                "per-key TTLs; the Postgres sweeper lags",
            ),
            doc(
                Kind::Wrap,
                "Shipped it",
                "rollback of the deploy, then redeploy. Redis fine.",
            ),
        ];
        let out = files_for(&docs);
        let mut merged = json!({});
        for (path, text) in &out {
            if path.contains("/shard-") {
                let shard = call(text, "shard");
                for (field, index) in shard[1].as_object().unwrap() {
                    if merged.get(field).is_none() {
                        merged[field.as_str()] = json!({"docs": {}, "df": 0});
                    }
                    merge(&mut merged[field.as_str()], &index["root"]);
                }
            }
        }

        let mut reference = elasticlunr::IndexBuilder::new()
            .save_docs(false)
            .add_fields(&FIELDS.iter().map(|(f, _)| *f).collect::<Vec<_>>())
            .build();
        for (n, d) in docs.iter().enumerate() {
            reference.add_doc(
                &n.to_string(),
                [
                    d.title.as_str(),
                    &d.body,
                    &d.tags.join(" "),
                    "Payments",
                    &d.author,
                ],
            );
        }
        let mut reference = serde_json::to_value(&reference).unwrap();
        let doc_info = reference["documentStore"]["docInfo"].clone();
        for (field, _) in FIELDS {
            let root = &mut reference["index"][*field]["root"];
            fold(root, field, &doc_info);
            assert_eq!(merged[*field], *root, "field {field}");
        }
        let manifest = call(&out["search/manifest.js"], "manifest");
        assert_eq!(manifest["base"]["pipeline"], reference["pipeline"]);
        assert_eq!(manifest["base"]["version"], reference["version"]);
    }

    #[test]
    fn manifest_gives_kinds_teams_and_shards() {
        let docs = [
            doc(Kind::Risk, "Redis failover", "sessions lost"),
            doc(Kind::Wrap, "Shipped it", "rollback"),
        ];
        let out = files_for(&docs);
        let manifest = call(&out["search/manifest.js"], "manifest");
        assert_eq!(
            manifest["kinds"],
            json!({"risk": [0, 1], "decision": [1, 1], "wrap": [1, 2]})
        );
        assert_eq!(manifest["team_of"], json!([0, 0]));
        assert_eq!(manifest["shards"]["r"], "shard-72.js");
        assert!(out["search/docs-0.js"].contains("\"Redis failover\""));
    }

    #[test]
    fn output_is_stable() {
        let docs = [
            doc(Kind::Decision, "Use Redis", "TTL per key"),
            doc(Kind::Wrap, "Day", "redis redis"),
        ];
        assert_eq!(files_for(&docs), files_for(&docs));
    }

    #[test]
    fn teasers_cut_at_words() {
        assert_eq!(teaser("a  b\nc"), "a b c");
        let long = "word ".repeat(100);
        let t = teaser(&long);
        assert!(
            t.ends_with("word…") && t.chars().count() <= TEASER_CHARS + 1,
            "{t}"
        );
        assert_eq!(teaser(&"x".repeat(300)).chars().count(), TEASER_CHARS + 1);
    }
}
