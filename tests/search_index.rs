//! The search index files: every wrap, decision and risk once, relative
//! URLs, kinds in ranges, shards that hold what their prefix says, and the
//! same bytes on every build.

mod common;

use std::collections::BTreeSet;

use common::*;
use serde_json::Value;

/// The argument of `standinSearch.<call>(...)` in a search file.
fn call(out: &std::path::Path, file: &str, name: &str) -> Value {
    let text = std::fs::read_to_string(out.join("search").join(file)).unwrap();
    let prefix = format!("standinSearch.{name}(");
    let body = text
        .trim()
        .strip_prefix(&prefix)
        .and_then(|t| t.strip_suffix(");"))
        .unwrap_or_else(|| panic!("{file} is not a {name} call"));
    serde_json::from_str(body).unwrap()
}

#[test]
fn every_wrap_decision_and_risk_is_indexed_once() {
    let dir = tempfile::tempdir().unwrap();
    build(&repo().join("example-site"), dir.path(), &[]);
    let out = dir.path();
    let manifest = call(out, "manifest.js", "manifest");
    let count = manifest["count"].as_u64().unwrap() as usize;
    let chunk = manifest["chunk"].as_u64().unwrap() as usize;
    let mut rows = Vec::new();
    for n in 0..count.div_ceil(chunk) {
        let docs = call(out, &format!("docs-{n}.js"), "docs");
        assert_eq!(docs[0], n);
        rows.extend(docs[1].as_array().unwrap().iter().cloned());
    }
    assert_eq!(rows.len(), count);

    // Exactly the site's pages, each once, as site-relative URLs.
    let urls: Vec<&str> = rows.iter().map(|r| r[4].as_str().unwrap()).collect();
    let unique: BTreeSet<&str> = urls.iter().copied().collect();
    assert_eq!(unique.len(), urls.len(), "a document is indexed twice");
    let tree = read_tree(out);
    let pages = |prefix: &str| -> BTreeSet<&str> {
        tree.keys()
            .map(String::as_str)
            .filter(|p| {
                p.starts_with(prefix) && p.ends_with("/index.html") && p.matches('/').count() > 1
            })
            .collect()
    };
    for (kind, prefix) in [
        ("risk", "risks/"),
        ("decision", "decisions/"),
        ("wrap", "wraps/"),
    ] {
        let indexed: BTreeSet<&str> = rows
            .iter()
            .filter(|r| r[0] == kind)
            .map(|r| r[4].as_str().unwrap())
            .collect();
        assert_eq!(
            indexed,
            pages(prefix),
            "{kind}s indexed differ from {kind} pages"
        );
        // Kinds sit in the ranges the manifest gives, for filtering.
        let range = manifest["kinds"][kind].as_array().unwrap();
        let (start, end) = (
            range[0].as_u64().unwrap() as usize,
            range[1].as_u64().unwrap() as usize,
        );
        assert!(
            rows[start..end].iter().all(|r| r[0] == kind),
            "{kind} range"
        );
        assert_eq!(end - start, indexed.len());
    }
    for url in &urls {
        assert!(
            !url.starts_with('/') && !url.contains("://"),
            "not relative: {url}"
        );
    }

    // Each shard holds only terms under its prefix, in every field.
    for (prefix, file) in manifest["shards"].as_object().unwrap() {
        let shard = call(out, file.as_str().unwrap(), "shard");
        assert_eq!(shard[0], prefix.as_str());
        for (field, index) in shard[1].as_object().unwrap() {
            let mut node = &index["root"];
            for letter in prefix.chars() {
                let keys: Vec<&String> = node
                    .as_object()
                    .unwrap()
                    .keys()
                    .filter(|k| *k != "docs" && *k != "df")
                    .collect();
                assert!(
                    keys.iter().all(|k| **k == letter.to_string()),
                    "{file} {field}: {keys:?}"
                );
                match node.get(letter.to_string()) {
                    Some(next) => node = next,
                    None => break,
                }
            }
        }
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
