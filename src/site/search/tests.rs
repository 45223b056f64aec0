//! The search files, made from documents built in memory: the index holds
//! what elasticlunr-rs's own `Index` holds, shards are found by their keys,
//! and the manifest describes the documents.

use std::collections::BTreeMap;

use elasticlunr::Language;
use serde_json::{Value, json};

use super::documents::{FIELDS, FieldText};
use super::kinds::{self, Kind};
use super::postings::{utf16_cmp, weight};
use super::*;

/// A document with `title` and `body`, and other fields filled in.
fn doc(kind: &'static Kind, status: &str, title: &str, body: &str) -> SearchDoc<'static> {
    let mut fields = vec![String::new(); FIELDS.len()];
    fields[0] = title.to_string();
    fields[1] = if kind.name == kinds::WRAP.name {
        String::new()
    } else {
        slug::slugify(title)
    };
    fields[2] = format!("redis {status}");
    fields[3] = "ana Payments".to_string();
    fields[4] = body.to_string();
    let fields = fields.into_iter().map(FieldText::from).collect();
    SearchDoc {
        kind,
        status: kind.status(status),
        flags: Vec::new(),
        title: title.into(),
        slug: "x".into(),
        date: "2026-11-20".into(),
        by: "ana".into(),
        team: Some("payments".into()),
        ids: Vec::new(),
        fields,
    }
}

fn sample() -> Vec<SearchDoc<'static>> {
    vec![
        doc(
            &kinds::RISK,
            "open",
            "Redis failover",
            "sessions lost when the node fails; failover drill took 94s",
        ),
        doc(
            &kinds::DECISION,
            "superseded",
            "Use Redis for `sessions`",
            "per-key TTLs; the Postgres sweeper lags. On-call agreed, on call",
        ),
        doc(
            &kinds::WRAP,
            "",
            "Shipped it",
            "rollback of the deploy, then re-deploy. Redis fine. Café naïve Zoë —",
        ),
    ]
}

fn teams() -> BTreeMap<String, String> {
    BTreeMap::from([("payments".to_string(), "Payments".to_string())])
}

fn files_for(docs: &[SearchDoc]) -> BTreeMap<String, String> {
    let collect = crate::site::Collect::default();
    let mut d = crate::diagnostics::Diagnostics::new();
    put(
        docs.len(),
        |n| Ok::<_, Unmade>(docs[n].clone()),
        &teams(),
        &collect,
        &mut d,
    )
    .unwrap();
    assert!(d.is_empty());
    collect
        .into_files()
        .into_iter()
        .map(|(p, b)| (p, String::from_utf8(b.to_vec()).unwrap()))
        .collect()
}

/// The arguments of `standinSearch.<name>(...)`, as a JSON list.
fn call(text: &str, name: &str) -> Value {
    let body = text
        .trim()
        .strip_prefix(&format!("standinSearch.{name}("))
        .unwrap()
        .strip_suffix(");")
        .unwrap();
    serde_json::from_str(&format!("[{body}]")).unwrap()
}

/// Weights by (term, document).
type Weights = BTreeMap<(String, u32), u8>;

/// Every (term, document) of the shards with its weight, and each shard's
/// terms.
fn read_shards(out: &BTreeMap<String, String>) -> (Weights, Vec<Vec<String>>) {
    let manifest = &call(&out["search/manifest.js"], "manifest")[0];
    let count = manifest["shards"].as_array().unwrap().len();
    let mut postings = BTreeMap::new();
    let mut terms = Vec::new();
    for n in 0..count {
        let shard = call(&out[&urls::search_shard(n)], "shard");
        assert_eq!(shard[0], n);
        let list = shard[1].as_array().unwrap();
        let mut of_shard = Vec::new();
        for pair in list.chunks(2) {
            let term = pair[0].as_str().unwrap().to_string();
            for (doc, w) in encode::read_postings(pair[1].as_str().unwrap()).unwrap() {
                postings.insert((term.clone(), doc), w);
            }
            of_shard.push(term);
        }
        terms.push(of_shard);
    }
    (postings, terms)
}

/// What the index should hold, from elasticlunr-rs's `Index` (terms, their
/// counts, field lengths) and its pipeline run on whole hyphenated words,
/// of the folded text.
fn reference(docs: &[SearchDoc]) -> Weights {
    let names: Vec<&str> = FIELDS.iter().map(|f| f.name).collect();
    let mut index = elasticlunr::IndexBuilder::new()
        .save_docs(false)
        .add_fields(&names)
        .build();
    for (n, d) in docs.iter().enumerate() {
        let fields: Vec<String> = d.fields.iter().map(|f| fold(&f.joined()).into()).collect();
        index.add_doc(&n.to_string(), &fields);
    }
    let index = serde_json::to_value(&index).unwrap();
    let lengths = &index["documentStore"]["docInfo"];
    let mut expected = Weights::new();
    let mut add = |term: String, doc: u32, w: u8| {
        let slot = expected.entry((term, doc)).or_default();
        *slot = (*slot).max(w);
    };
    for (i, field) in FIELDS.iter().enumerate() {
        let mut stack = vec![(String::new(), &index["index"][field.name]["root"])];
        while let Some((term, node)) = stack.pop() {
            for (key, child) in node.as_object().unwrap() {
                match key.as_str() {
                    "docs" => {
                        for (doc, tf) in child.as_object().unwrap() {
                            let count = tf["tf"].as_f64().unwrap().powi(2).round() as usize;
                            let length = lengths[doc][field.name].as_u64().unwrap() as usize;
                            let n: u32 = doc.parse().unwrap();
                            // The documents here have one-line fields: a
                            // term of a hyphenated one is a part.
                            let class = if docs[n as usize].fields[i].joined().contains('-') {
                                field.part_class
                            } else {
                                field.class
                            };
                            add(term.clone(), n, weight(class, count, length));
                        }
                    }
                    "df" => {}
                    c => stack.push((format!("{term}{c}"), child)),
                }
            }
        }
    }
    let language = elasticlunr::lang::English::new();
    let pipeline = language.make_pipeline();
    for (n, d) in docs.iter().enumerate() {
        for (field, text) in FIELDS.iter().zip(&d.fields) {
            let text = &fold(&text.joined()).into_owned();
            let length = pipeline.run(language.tokenize(text)).len();
            let mut counts: BTreeMap<String, usize> = BTreeMap::new();
            for word in text.split_whitespace().filter(|w| w.contains('-')) {
                if let Some(term) = pipeline.run(vec![word.to_lowercase()]).pop()
                    && term.contains('-')
                {
                    *counts.entry(term).or_default() += 1;
                }
            }
            for (term, count) in counts {
                add(term, n as u32, weight(field.class, count, length));
            }
        }
    }
    expected
}

#[test]
fn the_index_holds_what_elasticlunr_rs_indexes() {
    let docs = sample();
    let out = files_for(&docs);
    let (postings, _) = read_shards(&out);
    let expected = reference(&docs);
    assert_eq!(postings, expected);
    // Hyphenated words are there as written; the stop word is not.
    assert!(postings.contains_key(&("on-cal".to_string(), 1)));
    assert!(postings.contains_key(&("call".to_string(), 1)));
    assert!(!postings.keys().any(|(t, _)| t == "on"));
}

#[test]
fn shard_keys_find_each_terms_shard_and_terms_are_in_javascript_order() {
    let docs = sample();
    let out = files_for(&docs);
    let manifest = &call(&out["search/manifest.js"], "manifest")[0];
    let keys: Vec<&str> = manifest["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    let (_, terms) = read_shards(&out);
    let all: Vec<&String> = terms.iter().flatten().collect();
    for pair in all.windows(2) {
        assert_eq!(utf16_cmp(pair[0], pair[1]), std::cmp::Ordering::Less);
    }
    for (n, of_shard) in terms.iter().enumerate() {
        for term in of_shard {
            let found = keys
                .iter()
                .rposition(|k| utf16_cmp(k, term) != std::cmp::Ordering::Greater)
                .unwrap();
            assert_eq!(found, n, "{term}");
        }
    }
}

#[test]
fn stop_words_list_the_documents_that_hold_them() {
    let docs = sample();
    let out = files_for(&docs);
    let manifest = &call(&out["search/manifest.js"], "manifest")[0];
    let stops: Vec<&str> = manifest["stops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    let on = stops.iter().position(|s| *s == "on").unwrap();
    let list = call(&out[&urls::search_stop(on)], "stop");
    assert_eq!(list[0], on);
    assert_eq!(
        encode::read_documents(list[1].as_str().unwrap()),
        Some(vec![1])
    );
    let the = stops.iter().position(|s| *s == "the").unwrap();
    let list = call(&out[&urls::search_stop(the)], "stop");
    assert_eq!(
        encode::read_documents(list[1].as_str().unwrap()),
        Some(vec![0, 1, 2])
    );
}

#[test]
fn the_manifest_gives_kinds_statuses_and_teams() {
    let docs = sample();
    let out = files_for(&docs);
    let manifest = &call(&out["search/manifest.js"], "manifest")[0];
    assert_eq!(manifest["count"], 3);
    let kinds: Vec<&str> = manifest["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["name"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["wrap", "decision", "risk", "incident"]);
    // Wrap, decision superseded, risk open: in kind order, then status
    // order.
    assert_eq!(
        manifest["codes"],
        json!([[0, null, true], [1, "superseded", false], [2, "open", true]])
    );
    // Documents in order: the risk, the decision, the wrap.
    assert_eq!(manifest["docs"], "CBA");
    assert_eq!(manifest["teams"], json!([["payments", "Payments"]]));
    let team = call(&out[&urls::search_team(0)], "team");
    assert_eq!(
        encode::read_documents(team[1].as_str().unwrap()),
        Some(vec![0, 1, 2])
    );
    // One document a chunk: the decision's line, with its text as blocks.
    let rows = call(&out[&urls::search_docs(1)], "docs");
    assert_eq!(rows[0], 1);
    let row = &rows[1][0];
    assert_eq!(row[0], "Use Redis for `sessions`");
    assert_eq!(row[4], 0);
    assert_eq!(
        row[5],
        json!(["per-key TTLs; the Postgres sweeper lags. On-call agreed, on call"])
    );
    assert_eq!(row[6], json!([]));
    assert_eq!(row[7], json!([]));
}

#[test]
fn every_kind_and_status_fits_one_digit() {
    let pairs: usize = kinds::KINDS.iter().map(|k| k.statuses.len() + 1).sum();
    assert!(pairs <= encode::DIGITS.len());
}

#[test]
fn output_is_stable() {
    let docs = sample();
    assert_eq!(files_for(&docs), files_for(&docs));
}

#[test]
fn documents_past_one_batch_are_numbered_and_indexed_as_one_run() {
    // More than two batches, the last one short, so that numbering,
    // chunks and postings cross batch boundaries.
    let words = [
        "redis", "failover", "kafka", "rollback", "deploy", "on-call",
    ];
    let docs: Vec<SearchDoc> = (0..2 * BATCH + 37)
        .map(|n| {
            let body = format!(
                "{} {} the n{}",
                words[n % words.len()],
                words[n % 5],
                n % 11
            );
            let mut d = doc(&kinds::WRAP, "", &format!("shift {}", n % 3), &body);
            if n % 4 == 0 {
                d.team = None;
            }
            d
        })
        .collect();
    let out = files_for(&docs);
    let (postings, _) = read_shards(&out);
    assert_eq!(postings, reference(&docs));
    // "kafka" is words[2]: a document of the last batch holds it.
    let kafka = (2 * BATCH..docs.len())
        .find(|n| n % words.len() == 2)
        .unwrap();
    assert!(postings.contains_key(&("kafka".to_string(), kafka as u32)));
    let chunks = docs.len().div_ceil(DOCS_PER_CHUNK);
    assert!(out.contains_key(&urls::search_docs(chunks - 1)));
    assert!(!out.contains_key(&urls::search_docs(chunks)));
    let last = call(&out[&urls::search_docs(chunks - 1)], "docs");
    assert_eq!(
        last[1].as_array().unwrap().len(),
        docs.len() - (chunks - 1) * DOCS_PER_CHUNK
    );
    let manifest = &call(&out["search/manifest.js"], "manifest")[0];
    assert_eq!(manifest["count"], docs.len());
    assert_eq!(manifest["docs"].as_str().unwrap().len(), docs.len());
    let team = call(&out[&urls::search_team(0)], "team");
    let members = encode::read_documents(team[1].as_str().unwrap()).unwrap();
    let expected: Vec<u32> = (0..docs.len() as u32).filter(|n| n % 4 != 0).collect();
    assert_eq!(members, expected);
    let stops = manifest["stops"].as_array().unwrap();
    let the = stops.iter().position(|s| s == "the").unwrap();
    let the = call(&out[&urls::search_stop(the)], "stop");
    assert_eq!(
        encode::read_documents(the[1].as_str().unwrap())
            .unwrap()
            .len(),
        docs.len()
    );
}
