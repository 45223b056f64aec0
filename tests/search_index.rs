//! The search index files of the example site (and for incidents, the
//! search fixture): every wrap, decision, risk and incident once, under the URL of its page, numbered oldest first; shards that
//! hold what their keys say, in the order the browser compares strings;
//! lists that decode; and the same bytes on every build. (That the terms
//! are elasticlunr-rs's is checked in `src/site/search/tests.rs`, and that
//! the browser makes the same ones in `tests/browser_search.rs`.)

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::*;
use serde_json::Value;

/// The arguments of `standinSearch.<call>(...)` in a search file, as a list.
fn call(out: &Path, file: &str, name: &str) -> Value {
    let text = std::fs::read_to_string(out.join("search").join(file)).unwrap();
    let prefix = format!("standinSearch.{name}(");
    let body = text
        .trim()
        .strip_prefix(&prefix)
        .and_then(|t| t.strip_suffix(");"))
        .unwrap_or_else(|| panic!("{file} is not a {name} call"));
    serde_json::from_str(&format!("[{body}]")).unwrap()
}

const DIGITS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The numbers of a list (see `src/site/search/encode.rs`).
fn numbers(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut n = 0;
    let mut open = false;
    for c in text.chars() {
        let d = DIGITS.find(c).unwrap_or_else(|| panic!("{c:?} in {text}")) as u64;
        n = n * 32 + d % 32;
        open = d >= 32;
        if !open {
            out.push(n);
            n = 0;
        }
    }
    assert!(!open, "a list ends in the middle of a number: {text}");
    out
}

/// Documents and weights of a posting list.
fn postings(text: &str) -> Vec<(u64, u64)> {
    let mut doc: i64 = -1;
    numbers(text)
        .into_iter()
        .map(|n| {
            doc += (n / 16) as i64 + 1;
            (doc as u64, n % 16)
        })
        .collect()
}

fn documents(text: &str) -> Vec<u64> {
    let mut doc: i64 = -1;
    numbers(text)
        .into_iter()
        .map(|n| {
            doc += n as i64 + 1;
            doc as u64
        })
        .collect()
}

fn utf16_less(a: &str, b: &str) -> bool {
    a.encode_utf16().lt(b.encode_utf16())
}

#[test]
fn every_wrap_decision_risk_and_incident_is_indexed_once() {
    let kinds = every_page_is_indexed_once(&repo().join("example-site"));
    assert_eq!(
        Vec::from_iter(kinds),
        ["decision", "incident", "risk", "wrap"]
    );
    // With an ongoing and a resolved incident.
    let kinds = every_page_is_indexed_once(&fixture("search"));
    assert_eq!(
        Vec::from_iter(kinds),
        ["decision", "incident", "risk", "wrap"]
    );
}

/// Checks the index of `site` and returns the kinds it has pages of.
fn every_page_is_indexed_once(site: &Path) -> BTreeSet<String> {
    let dir = tempfile::tempdir().unwrap();
    build(site, dir.path(), &[]);
    let out = dir.path();
    let manifest = &call(out, "manifest.js", "manifest")[0];
    let count = manifest["count"].as_u64().unwrap() as usize;
    let chunk = manifest["chunk"].as_u64().unwrap() as usize;
    let codes = manifest["codes"].as_array().unwrap();
    let kinds = manifest["kinds"].as_array().unwrap();
    let doc_codes: Vec<usize> = manifest["docs"]
        .as_str()
        .unwrap()
        .chars()
        .map(|c| DIGITS.find(c).unwrap())
        .collect();
    assert_eq!(doc_codes.len(), count);
    let mut rows = Vec::new();
    for n in 0..count.div_ceil(chunk) {
        let docs = call(out, &format!("docs-{n}.js"), "docs");
        assert_eq!(docs[0], n);
        rows.extend(docs[1].as_array().unwrap().iter().cloned());
    }
    assert_eq!(rows.len(), count);

    // Exactly the site's pages, each once, as site-relative URLs.
    let kind_of = |doc: usize| &kinds[codes[doc_codes[doc]][0].as_u64().unwrap() as usize];
    let urls: Vec<String> = rows
        .iter()
        .enumerate()
        .map(|(doc, row)| {
            let kind = kind_of(doc);
            format!(
                "{}{}{}",
                kind["url_prefix"].as_str().unwrap(),
                row[1].as_str().unwrap(),
                kind["url_suffix"].as_str().unwrap()
            )
        })
        .collect();
    let unique: BTreeSet<&String> = urls.iter().collect();
    assert_eq!(unique.len(), urls.len(), "a document is indexed twice");
    let tree = read_tree(out);
    let mut with_pages = BTreeSet::new();
    for kind in kinds {
        let name = kind["name"].as_str().unwrap();
        let prefix = kind["url_prefix"].as_str().unwrap();
        let pages: BTreeSet<&str> = tree
            .keys()
            .map(String::as_str)
            .filter(|p| {
                p.starts_with(prefix) && p.ends_with("/index.html") && p.matches('/').count() > 1
            })
            .collect();
        let indexed: BTreeSet<&str> = (0..count)
            .filter(|&d| kind_of(d)["name"] == name)
            .map(|d| urls[d].as_str())
            .collect();
        assert_eq!(indexed, pages, "{name}s indexed differ from {name} pages");
        if !pages.is_empty() {
            with_pages.insert(name.to_string());
        }
    }
    // Oldest first.
    let dates: Vec<&str> = rows.iter().map(|r| r[2].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|d| d[0] <= d[1]), "{dates:?}");
    // Statuses come from each kind's words, and closed ones are marked.
    for code in codes {
        let status = code[1].as_str();
        let live = code[2].as_bool().unwrap();
        assert_eq!(
            !live,
            matches!(status, Some("superseded" | "rejected" | "resolved"))
                || (status == Some("accepted") && code[0] == 2),
            "{code}"
        );
    }
    // Teams are the manifest's, each with its documents.
    let teams = manifest["teams"].as_array().unwrap();
    assert!(!teams.is_empty());
    for (t, team) in teams.iter().enumerate() {
        let members = documents(
            call(out, &format!("team-{t}.js"), "team")[1]
                .as_str()
                .unwrap(),
        );
        assert!(!members.is_empty());
        for doc in members {
            assert_eq!(rows[doc as usize][4], t, "{team}");
        }
    }
    with_pages
}

#[test]
fn shards_hold_the_terms_their_keys_say() {
    let dir = tempfile::tempdir().unwrap();
    build(&repo().join("example-site"), dir.path(), &[]);
    let out = dir.path();
    let manifest = &call(out, "manifest.js", "manifest")[0];
    let count = manifest["count"].as_u64().unwrap();
    let keys: Vec<&str> = manifest["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    assert_eq!(keys[0], "");
    let mut previous: Option<String> = None;
    let mut terms = 0;
    let mut classes = BTreeSet::new();
    for (n, key) in keys.iter().enumerate() {
        let shard = call(out, &format!("shard-{n}.js"), "shard");
        assert_eq!(shard[0], n);
        let list = shard[1].as_array().unwrap();
        assert!(!list.is_empty() && list.len().is_multiple_of(2));
        for pair in list.chunks(2) {
            let term = pair[0].as_str().unwrap();
            // In order, and at or after this shard's key, before the next.
            if let Some(previous) = &previous {
                assert!(utf16_less(previous, term), "{previous} {term}");
            }
            assert!(!utf16_less(term, key), "{term} before key {key}");
            if let Some(next) = keys.get(n + 1) {
                assert!(utf16_less(term, next), "{term} after next key {next}");
            }
            let list = postings(pair[1].as_str().unwrap());
            assert!(!list.is_empty(), "{term}");
            for (doc, weight) in list {
                assert!(doc < count, "{term}: document {doc}");
                classes.insert(weight / 4);
            }
            previous = Some(term.to_string());
            terms += 1;
        }
    }
    assert!(terms > 1000, "{terms} terms");
    // Every field class is met: body 0, labels and names 1, titles 2, ids 3.
    assert_eq!(classes, BTreeSet::from([0, 1, 2, 3]));
    // Words people use are there, stemmed.
    let all: BTreeSet<String> = (0..keys.len())
        .flat_map(|n| {
            call(out, &format!("shard-{n}.js"), "shard")[1]
                .as_array()
                .unwrap()
                .iter()
                .step_by(2)
                .map(|t| t.as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    for term in ["redi", "failov", "acquira", "on-cal"] {
        assert!(all.contains(term), "{term}");
    }
    // Stop words each list the documents that hold them.
    let stops = manifest["stops"].as_array().unwrap();
    assert!(stops.iter().any(|s| s == "the"));
    for (n, word) in stops.iter().enumerate() {
        let list = call(out, &format!("stop-{n}.js"), "stop");
        let docs = documents(list[1].as_str().unwrap());
        assert!(
            !docs.is_empty() && docs.iter().all(|&d| d < count),
            "{word}"
        );
        assert!(docs.windows(2).all(|d| d[0] < d[1]), "{word}");
    }
}

#[test]
fn the_index_is_the_same_on_every_build() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    build(&repo().join("example-site"), a.path(), &[]);
    build(&repo().join("example-site"), b.path(), &[]);
    let search = |dir: &std::path::Path| {
        read_tree(dir)
            .into_iter()
            .filter(|(p, _)| p.starts_with("search/"))
            .collect::<Vec<_>>()
    };
    let (sa, sb) = (search(a.path()), search(b.path()));
    assert!(sa.len() > 3);
    assert!(sa == sb, "search files differ between builds");
}

/// Every term of a built site's shards with its documents, and the result
/// line of each document.
fn index_of(out: &Path) -> (std::collections::BTreeMap<String, Vec<u64>>, Vec<Value>) {
    let manifest = &call(out, "manifest.js", "manifest")[0];
    let shards = manifest["shards"].as_array().unwrap().len();
    let mut terms = std::collections::BTreeMap::new();
    for n in 0..shards {
        let list = call(out, &format!("shard-{n}.js"), "shard")[1].clone();
        for pair in list.as_array().unwrap().chunks(2) {
            let docs = postings(pair[1].as_str().unwrap())
                .into_iter()
                .map(|(d, _)| d);
            terms.insert(pair[0].as_str().unwrap().to_string(), docs.collect());
        }
    }
    let count = manifest["count"].as_u64().unwrap() as usize;
    let chunk = manifest["chunk"].as_u64().unwrap() as usize;
    let rows = (0..count.div_ceil(chunk))
        .flat_map(|n| {
            call(out, &format!("docs-{n}.js"), "docs")[1]
                .as_array()
                .unwrap()
                .clone()
        })
        .collect();
    (terms, rows)
}

/// The document whose result line has `slug`.
fn doc_of(rows: &[Value], slug: &str) -> u64 {
    rows.iter()
        .position(|r| r[1] == slug)
        .unwrap_or_else(|| panic!("no document {slug}")) as u64
}

#[test]
fn an_items_own_links_give_their_ticket_ids_and_names_are_folded() {
    let dir = tempfile::tempdir().unwrap();
    build(&repo().join("example-site"), dir.path(), &[]);
    let (terms, rows) = index_of(dir.path());
    // The incident whose `links.ticket` is …/browse/PAY-3187.
    let incident = doc_of(&rows, "inc-2026-1120");
    assert!(
        terms["pay-3187"].contains(&incident),
        "{:?}",
        terms.get("pay-3187")
    );
    let row = &rows[incident as usize];
    assert!(
        row[7]
            .as_array()
            .unwrap()
            .contains(&Value::from("PAY-3187")),
        "{row}"
    );
    // No accented term is left: `Inés` is indexed as `ines` is.
    use elasticlunr::Language;
    let english = elasticlunr::lang::English::new();
    let ines = english
        .make_pipeline()
        .run(english.tokenize("ines"))
        .pop()
        .unwrap();
    assert!(terms.contains_key(&ines), "{ines}");
    let accented: Vec<&String> = terms
        .keys()
        .filter(|t| t.chars().any(|c| matches!(c, 'à'..='ÿ')))
        .collect();
    assert!(accented.is_empty(), "{accented:?}");
}

#[test]
fn a_record_is_indexed_by_its_number_and_its_text_keeps_headings_apart() {
    let dir = tempfile::tempdir().unwrap();
    build(&fixture("adr-tools"), dir.path(), &[]);
    let (terms, rows) = index_of(dir.path());
    let record = doc_of(&rows, "0003-session-lifetime-of-thirty-minutes");
    for term in ["adr-0003", "adr-3", "adr", "0003", "3"] {
        assert!(
            terms.get(term).is_some_and(|docs| docs.contains(&record)),
            "{term}: {:?}",
            terms.get(term)
        );
    }
    // Not record 3's number, though 0013 would end in 3.
    let other = doc_of(&rows, "0004-move-sessions-to-redis");
    assert!(!terms["adr-3"].contains(&other));
    let row = &rows[record as usize];
    assert_eq!(row[7], serde_json::json!(["ADR-0003"]));
    // Its text as blocks, the headings marked, its context once (the
    // decision's `why` quotes it).
    let blocks: Vec<&str> = row[5]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_str().unwrap())
        .collect();
    let headings: Vec<&str> = row[6]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| blocks[h.as_u64().unwrap() as usize])
        .collect();
    assert_eq!(headings, ["Status", "Context", "Decision", "Consequences"]);
    let context = blocks
        .iter()
        .filter(|b| b.starts_with("Payment providers"))
        .count();
    assert_eq!(context, 1, "{blocks:?}");
    // A link in a wrap's text is its words: "ADR 5" of
    // `[ADR 5](…/0005-redis-eviction-policy.md#decision)`, not the path.
    let wrap = doc_of(&rows, "2026-03-12/ana-1730");
    assert!(terms["5"].contains(&wrap));
    assert!(
        !terms
            .keys()
            .any(|t| t.contains("0005-redis-eviction-policy.md"))
    );
}
