//! Publishing: Atom feeds read with an XML parser, the JSON API validated
//! against its documented schemas, `--base-url` touching only what needs
//! absolute URLs, `standin init`, and the CI recipes parsed as YAML.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::*;
use serde_json::Value;

const BASE: &str = "https://handoffs.northwind.example/";

fn built_example(extra: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    build(&repo().join("example-site"), dir.path(), extra);
    dir
}

const ATOM: &str = "http://www.w3.org/2005/Atom";

/// One feed, parsed: (feed id, updated, entries as (id, updated, links)).
struct ParsedFeed {
    id: String,
    updated: String,
    self_link: String,
    entries: Vec<(String, String, Vec<String>)>,
}

fn feed(out: &Path, path: &str) -> ParsedFeed {
    let text = std::fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    let doc =
        roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{path} is not XML: {e}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().namespace(), Some(ATOM), "{path}");
    assert_eq!(root.tag_name().name(), "feed");
    let child_text = |node: roxmltree::Node, name: &str| {
        node.children()
            .find(|c| c.tag_name().name() == name && c.tag_name().namespace() == Some(ATOM))
            .and_then(|c| c.text())
            .map(str::to_string)
            .unwrap_or_else(|| panic!("{path}: <{name}> missing"))
    };
    let links = |node: roxmltree::Node| -> Vec<String> {
        node.children()
            .filter(|c| c.tag_name().name() == "link")
            .map(|c| c.attribute("href").unwrap().to_string())
            .collect()
    };
    // Atom requires an author on the feed or on every entry, and a title.
    assert!(
        root.children().any(|c| c.tag_name().name() == "author"),
        "{path}: no author"
    );
    child_text(root, "title");
    let self_link = root
        .children()
        .find(|c| c.tag_name().name() == "link" && c.attribute("rel") == Some("self"))
        .unwrap()
        .attribute("href")
        .unwrap()
        .to_string();
    let entries =
        root.children()
            .filter(|c| c.tag_name().name() == "entry")
            .map(|e| {
                child_text(e, "title");
                assert!(e.children().any(
                    |c| c.tag_name().name() == "content" && c.attribute("type") == Some("html")
                ));
                (child_text(e, "id"), child_text(e, "updated"), links(e))
            })
            .collect();
    ParsedFeed {
        id: child_text(root, "id"),
        updated: child_text(root, "updated"),
        self_link,
        entries,
    }
}

#[test]
fn feeds_are_valid_atom_with_stable_ids_and_ledger_dates() {
    let a = built_example(&[]);
    let b = built_example(&[]);
    let out = a.path();
    let briefs = feed(out, "feeds/briefs.xml");
    assert_eq!(briefs.id, format!("{BASE}feeds/briefs.xml"));
    assert_eq!(briefs.self_link, briefs.id);
    assert_eq!(
        briefs.entries.len(),
        23,
        "one entry per brief (the example has 23 days)"
    );
    // The newest brief is 2026-11-20; its last wrap is marcus at 20:00 EST.
    let (id, updated, links) = &briefs.entries[0];
    assert_eq!(id, &format!("{BASE}briefs/2026-11-20/"));
    assert_eq!(updated, "2026-11-21T01:00:00+00:00");
    assert_eq!(
        briefs.updated, "2026-11-21T01:00:00+00:00",
        "the feed is as new as its newest entry"
    );
    assert_eq!(links, &vec![format!("{BASE}briefs/2026-11-20/")]);

    let decisions = feed(out, "feeds/decisions.xml");
    assert_eq!(decisions.entries.len(), 14);
    let risks = feed(out, "feeds/risks.xml");
    assert_eq!(
        risks.entries.len(),
        50,
        "the 50 latest raisings and changes"
    );
    for path in [
        "feeds/teams/checkout.xml",
        "feeds/teams/payments.xml",
        "feeds/teams/platform.xml",
    ] {
        let team = feed(out, path);
        assert!(!team.entries.is_empty(), "{path}");
    }

    for path in read_tree(out).keys().filter(|p| p.starts_with("feeds/")) {
        let parsed = feed(out, path);
        let ids: BTreeSet<&String> = parsed.entries.iter().map(|e| &e.0).collect();
        assert_eq!(
            ids.len(),
            parsed.entries.len(),
            "{path}: duplicate entry ids"
        );
        for (id, updated, links) in &parsed.entries {
            assert!(id.starts_with(BASE), "{path}: {id}");
            assert!(
                chrono::DateTime::parse_from_rfc3339(updated).is_ok(),
                "{path}: {updated}"
            );
            assert!(
                links.iter().all(|l| l.starts_with(BASE)),
                "{path}: {links:?}"
            );
        }
        // Same inputs, same feed, byte for byte: nothing comes from the clock.
        assert_eq!(
            std::fs::read(out.join(path)).unwrap(),
            std::fs::read(b.path().join(path)).unwrap(),
            "{path} differs between builds"
        );
    }
}

fn schema(name: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(repo().join("docs/api").join(format!("{name}.schema.json")))
        .unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{name} schema: {e}"))
}

fn validate(out: &Path, path: &str, validator: &jsonschema::Validator) -> Value {
    let value: Value = serde_json::from_slice(&std::fs::read(out.join(path)).unwrap()).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{path} does not match its schema:\n{}",
        errors.join("\n")
    );
    value
}

#[test]
fn the_json_api_matches_its_documented_schemas() {
    let dir = built_example(&[]);
    let out = dir.path();
    let index = validate(out, "api/index.json", &schema("index"));
    assert_eq!(index["latest_brief"], "2026-11-20");
    assert_eq!(index["open_blockers"][0]["id"], "payharbor-partial-capture");

    let briefs = validate(out, "api/briefs.json", &schema("briefs"));
    let brief_schema = schema("brief");
    let listed = briefs["briefs"].as_array().unwrap();
    assert_eq!(listed.len(), 23);
    for entry in listed {
        let day = validate(
            out,
            &format!("api/{}", entry["json"].as_str().unwrap()),
            &brief_schema,
        );
        assert_eq!(day["date"], entry["date"]);
        assert_eq!(
            day["wraps"].as_array().unwrap().len() as u64,
            entry["wraps"].as_u64().unwrap()
        );
    }

    let decisions = validate(out, "api/decisions.json", &schema("decisions"));
    let chain = decisions["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "use-redis-for-sessions")
        .unwrap();
    assert_eq!(
        chain["supersedes"],
        serde_json::json!(["session-store-postgres"])
    );
    assert_eq!(
        chain["superseded_by"],
        serde_json::json!(["redis-cluster-for-sessions"])
    );

    let asks = validate(out, "api/asks.json", &schema("asks"));
    let year_schema = schema("asks-year");
    let mut every_ask = 0;
    for year in asks["years"].as_array().unwrap() {
        let file = validate(
            out,
            &format!("api/{}", year["json"].as_str().unwrap()),
            &year_schema,
        );
        assert_eq!(file["year"], year["year"]);
        assert_eq!(
            file["asks"].as_array().unwrap().len() as u64,
            year["asks"].as_u64().unwrap()
        );
        every_ask += file["asks"].as_array().unwrap().len();
    }
    assert!(every_ask > 20, "{every_ask}");
    // One shape for an ask in both files: the year's schema holds a copy.
    let def = |name: &str| -> Value {
        let text =
            std::fs::read_to_string(repo().join(format!("docs/api/{name}.schema.json"))).unwrap();
        serde_json::from_str::<Value>(&text).unwrap()["$defs"]["ask"].clone()
    };
    assert_eq!(
        def("asks"),
        def("asks-year"),
        "the two schemas' `ask` differ"
    );

    let risks = validate(out, "api/risks.json", &schema("risks"));
    let all = risks["risks"].as_array().unwrap();
    assert_eq!(all.len(), 21);
    assert!(all.iter().any(|r| r["stale"] == true));
    assert!(
        all.iter()
            .all(|r| !r["history"].as_array().unwrap().is_empty())
    );

    // The health page's figures, as the page's own view: the site and
    // each team, a row per week, the weeks the config asks for.
    let health = validate(out, "api/health.json", &schema("health"));
    assert_eq!(health["weeks"].as_array().unwrap().len(), 5);
    assert_eq!(health["teams"].as_array().unwrap().len(), 3);
    assert_eq!(health["site"]["asks"]["rows"].as_array().unwrap().len(), 5);
    assert_eq!(
        index["files"].as_array().unwrap().last().unwrap(),
        "health.json"
    );

    // Every URL in the API names a page that exists.
    let tree = read_tree(out);
    let mut urls = Vec::new();
    collect_urls(
        &serde_json::json!([index, briefs, decisions, risks, asks]),
        &mut urls,
    );
    for url in urls {
        // `…/#item-x`: the page, at one of its elements.
        let (path, fragment) = url.split_once('#').unwrap_or((&url, ""));
        let page_path = format!("{path}index.html");
        assert!(tree.contains_key(&page_path), "API url {url} has no page");
        if !fragment.is_empty() {
            let html = page(out, &page_path);
            assert_eq!(
                html.select(&selector(&format!("[id='{fragment}']")))
                    .count(),
                1,
                "API url {url}: no element with that id"
            );
        }
    }
}

fn collect_urls(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v) {
                    ("url" | "wrap_url", Value::String(s)) => out.push(s.clone()),
                    ("mentioned_in", Value::Array(items)) => {
                        out.extend(items.iter().filter_map(|i| i.as_str().map(String::from)))
                    }
                    _ => collect_urls(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| collect_urls(i, out)),
        _ => {}
    }
}

#[test]
fn base_url_changes_only_feeds_sitemap_and_404() {
    let ours = built_example(&[]);
    let preview = built_example(&["--base-url", "https://pr-42.preview.example.com/"]);
    let (a, b) = (read_tree(ours.path()), read_tree(preview.path()));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    assert!(
        a.keys().all(|p| !p.starts_with('.')),
        "standin's bookkeeping stays out of the output"
    );
    let changed: Vec<&String> = a.keys().filter(|p| a[*p] != b[*p]).collect();
    assert!(!changed.is_empty());
    for path in &changed {
        assert!(
            path.starts_with("feeds/") || *path == "sitemap.xml" || *path == "404.html",
            "{path} changed with --base-url"
        );
    }
    for must in ["feeds/briefs.xml", "sitemap.xml", "404.html"] {
        assert!(changed.iter().any(|p| *p == must), "{must} did not change");
    }
    let sitemap = String::from_utf8(b["sitemap.xml"].clone()).unwrap();
    assert!(sitemap.contains("<loc>https://pr-42.preview.example.com/briefs/2026-11-20/</loc>"));
}

#[test]
fn without_a_base_url_feeds_and_sitemap_are_skipped_with_one_warning() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&fixture("handoff"), &site);
    let config = std::fs::read_to_string(site.join("standin.toml")).unwrap();
    std::fs::write(
        site.join("standin.toml"),
        config.replace("base_url = ", "# base_url = "),
    )
    .unwrap();
    let out = dir.path().join("out");
    let output = build(&site, &out, &[]);
    assert_eq!(
        stderr(&output).matches("warning[W004]").count(),
        1,
        "{}",
        stderr(&output)
    );
    let tree = read_tree(&out);
    assert!(
        !tree
            .keys()
            .any(|p| p.starts_with("feeds/") || p == "sitemap.xml")
    );
    assert!(tree.contains_key("api/index.json") && tree.contains_key("index.html"));
    assert!(broken_links(&out, &["404.html"]).is_empty());
}

#[test]
fn init_check_build() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("x");
    let output = standin()
        .args(["init", site.to_str().unwrap(), "--author", "ana"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    for file in [
        "standin.toml",
        ".gitignore",
        ".github/workflows/handoffs.yml",
    ] {
        assert!(site.join(file).exists(), "{file}");
    }
    let check = run(&["check", site.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let out = site.join("public");
    build(&site, &out, &[]);
    assert!(out.join("index.html").exists());
    assert_eq!(
        std::fs::read_to_string(site.join(".gitignore")).unwrap(),
        "# standin build output and its cache\n/public/\n/.standin-cache/\n"
    );

    // A second init refuses and changes nothing.
    let before = read_tree(&site);
    let again = run(&["init", site.to_str().unwrap(), "--author", "ana"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("nothing was written"),
        "{}",
        stderr(&again)
    );
    assert!(read_tree(&site) == before);
}

#[test]
fn init_quotes_whatever_name_the_directory_has() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("it\"s\\ \u{1b}[2J");
    let output = run(&["init", site.to_str().unwrap(), "--author", "ana"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(site.join("standin.toml")).unwrap();
    let config: toml::Table = text.parse().unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(
        config["title"].as_str(),
        Some("it\"s\\ \u{1b}[2J handoffs"),
        "{text}"
    );
    let check = run(&["check", site.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
}

#[cfg(unix)]
#[test]
fn init_never_writes_through_a_symbolic_link() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir_all(&site).unwrap();
    std::fs::create_dir_all(&elsewhere).unwrap();

    // A dangling link where standin.toml goes: following it would create
    // its target.
    let target = elsewhere.join("created.toml");
    std::os::unix::fs::symlink(&target, site.join("standin.toml")).unwrap();
    let output = run(&["init", site.to_str().unwrap(), "--author", "ana"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("standin.toml is a symbolic link; nothing was written"),
        "{}",
        stderr(&output)
    );
    assert!(!target.exists(), "the link's target was created");
    assert_eq!(read_tree(&elsewhere).len(), 0);
    let entries: Vec<_> = std::fs::read_dir(&site).unwrap().collect();
    assert_eq!(entries.len(), 1, "only the link is there");

    // A link to a directory on the way is refused too.
    std::fs::remove_file(site.join("standin.toml")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, site.join(".github")).unwrap();
    let output = run(&["init", site.to_str().unwrap(), "--author", "ana"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(".github is a symbolic link"),
        "{}",
        stderr(&output)
    );
    assert_eq!(read_tree(&elsewhere).len(), 0);
    assert!(!site.join("standin.toml").exists());
}

fn yaml(path: &str) -> yaml_rust2::Yaml {
    let text = std::fs::read_to_string(repo().join(path)).unwrap();
    let mut docs =
        yaml_rust2::YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(docs.len(), 1, "{path}");
    docs.remove(0)
}

fn steps(job: &yaml_rust2::Yaml) -> Vec<BTreeMap<String, String>> {
    job["steps"]
        .as_vec()
        .unwrap()
        .iter()
        .map(|s| {
            s.as_hash()
                .unwrap()
                .iter()
                .filter_map(|(k, v)| {
                    Some((
                        k.as_str()?.to_string(),
                        v.as_str().unwrap_or("").to_string(),
                    ))
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_github_workflow_checks_pull_requests_and_deploys_main() {
    let workflow = yaml("docs/ci/github-pages.yml");
    let on = &workflow["on"];
    assert!(!on["pull_request"].is_badvalue(), "runs on pull requests");
    assert_eq!(on["push"]["branches"][0].as_str(), Some("main"));
    let jobs = &workflow["jobs"];
    let check = &jobs["check"];
    assert_eq!(
        check["if"].as_str(),
        Some("github.event_name == 'pull_request'")
    );
    let check_steps = steps(check);
    assert!(check_steps.iter().any(|s| {
        s.get("run")
            .is_some_and(|r| r.contains("standin check --format github"))
    }));
    assert!(
        check_steps.iter().any(|s| s
            .get("uses")
            .is_some_and(|u| u.starts_with("actions/cache@"))),
        "caches standin"
    );
    // Build and deploy run on main, the schedule and on demand; only the
    // deploy job may publish.
    let build = &jobs["build"];
    assert_eq!(
        build["if"].as_str(),
        Some("github.event_name != 'pull_request'")
    );
    let build_steps = steps(build);
    let uses: Vec<&str> = build_steps
        .iter()
        .filter_map(|s| s.get("uses").map(String::as_str))
        .collect();
    for action in ["actions/configure-pages@", "actions/upload-pages-artifact@"] {
        assert!(
            uses.iter().any(|u| u.starts_with(action)),
            "{action} missing: {uses:?}"
        );
    }
    assert!(build_steps.iter().any(|s| {
        s.get("run")
            .is_some_and(|r| r.contains("standin build --base-url"))
    }));
    assert!(build["permissions"]["pages"].as_str() == Some("read"));
    let deploy = &jobs["deploy"];
    assert_eq!(deploy["needs"].as_str(), Some("build"));
    assert_eq!(deploy["permissions"]["pages"].as_str(), Some("write"));
    assert!(
        steps(deploy).iter().all(|s| s
            .get("uses")
            .is_some_and(|u| u.starts_with("actions/deploy-pages@"))),
        "the deploy job runs nothing but the deployment"
    );
    // `standin init` installs exactly this workflow.
    assert_eq!(
        standin::init::GITHUB_WORKFLOW,
        std::fs::read_to_string(repo().join("docs/ci/github-pages.yml")).unwrap()
    );
}

#[test]
fn the_gitlab_job_publishes_public_from_the_default_branch() {
    let ci = yaml("docs/ci/gitlab-ci.yml");
    let pages = &ci["pages"];
    assert_eq!(
        pages["artifacts"]["paths"][0].as_str(),
        Some("public"),
        "GitLab Pages serves `public`"
    );
    assert!(
        pages["script"][0]
            .as_str()
            .unwrap()
            .starts_with("standin build --base-url \"$CI_PAGES_URL/\"")
    );
    assert_eq!(
        pages["rules"][0]["if"].as_str(),
        Some("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH")
    );
    assert_eq!(ci["check"]["script"][0].as_str(), Some("standin check"));
    assert!(
        ci["default"]["cache"]["paths"]
            .as_vec()
            .unwrap()
            .iter()
            .any(|p| p.as_str() == Some(".standin/"))
    );
}

/// Where a schema's objects are not closed, a field the build adds and the
/// schema does not name passes validation, and the two drift apart
/// unseen. So every object in every schema allows no property it does not
/// name, and in the site's files (which write `null` for what is missing)
/// names every property as required, so that one the build stops writing
/// fails too. `standin diff`'s JSON leaves out what a change lacks.
#[test]
fn every_api_schema_names_each_field_the_build_writes() {
    fn walk(name: &str, at: &str, node: &Value, open: &mut Vec<String>) {
        let all_required = name != "diff.schema.json";
        match node {
            Value::Object(map) => {
                if let Some(Value::Object(properties)) = map.get("properties") {
                    if map.get("additionalProperties") != Some(&Value::Bool(false)) {
                        open.push(format!("{name}{at}: additionalProperties is not false"));
                    }
                    let required: BTreeSet<&str> = map
                        .get("required")
                        .and_then(Value::as_array)
                        .map(|r| r.iter().filter_map(Value::as_str).collect())
                        .unwrap_or_default();
                    let named: BTreeSet<&str> = properties.keys().map(String::as_str).collect();
                    let wrong = if all_required {
                        required != named
                    } else {
                        !required.is_subset(&named)
                    };
                    if wrong {
                        let missing: Vec<_> = named.difference(&required).collect();
                        let extra: Vec<_> = required.difference(&named).collect();
                        open.push(format!(
                            "{name}{at}: not required {missing:?}, required but not a property {extra:?}"
                        ));
                    }
                }
                for (key, child) in map {
                    walk(name, &format!("{at}/{key}"), child, open);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    walk(name, &format!("{at}/{i}"), child, open);
                }
            }
            _ => {}
        }
    }
    let mut open = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(repo().join("docs/api"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".schema.json"))
        .collect();
    names.sort();
    assert!(names.len() >= 9, "{names:?}");
    for path in names {
        let value: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        walk(&name, "", &value, &mut open);
    }
    assert!(open.is_empty(), "{}", open.join("\n"));
}
