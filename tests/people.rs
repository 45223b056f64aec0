//! People and teams named as people write them: any Unicode, capitals,
//! spaces; `[people]` joins a person's names; URLs use derived keys.

mod common;

use common::*;

fn built() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    build(&fixture("people"), dir.path(), &["--as-of", "2026-11-21"]);
    dir
}

#[test]
fn pages_show_names_as_written_and_urls_use_keys() {
    let out = built();
    let kobzol = page(out.path(), "wraps/2026-11-20/kobzol-0900/index.html");
    assert!(
        texts(&kobzol, "h1").join(" ").contains("Kobzol"),
        "{:?}",
        texts(&kobzol, "h1")
    );
    // `team = "PAYMENTS"` is the listed team `payments`, shown by its name.
    assert!(texts(&kobzol, "h1").join(" ").contains("Payments"));
    assert!(
        attrs(&kobzol, "a", "href")
            .iter()
            .any(|href| href.ends_with("teams/payments/index.html"))
    );

    // Every way Zoë writes her name finds her: one key, her listed name.
    for path in [
        "wraps/2026-11-20/zoe-1742/index.html",
        "wraps/2026-11-20/zoe-2000/index.html",
    ] {
        let html = page(out.path(), path);
        let heading = texts(&html, "h1").join(" ");
        assert!(heading.contains("Zoë Ångström"), "{path}: {heading}");
        // Her wrap without a `team` is in her listed team.
        assert!(heading.contains("SRE"), "{path}: {heading}");
        assert!(
            attrs(&html, "a", "href")
                .iter()
                .any(|href| href.ends_with("teams/sre/index.html")),
            "{path}"
        );
    }
    assert!(broken_links(out.path(), &[]).is_empty());
}

#[test]
fn owners_are_people_too() {
    let out = built();
    let register = page(out.path(), "risks/index.html");
    assert_eq!(attrs(&register, "li.risk-row", "data-owner"), ["kobzol"]);
    let risk = page(out.path(), "risks/parser-regression/index.html");
    let text = texts(&risk, "main").join(" ");
    // Raised with owner "zangstrom" (an alias), handed back to Kobzol.
    assert!(text.contains("Zoë Ångström"), "{text}");
    assert!(text.contains("Kobzol"), "{text}");
}

#[test]
fn two_listed_people_answering_to_one_name_is_an_error_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("people"), dir.path());
    let config = std::fs::read_to_string(dir.path().join("standin.toml")).unwrap();
    let config = format!("{config}\n[people.zoe-a]\nname = \"Zoe Angstrom\"\n");
    std::fs::write(dir.path().join("standin.toml"), &config).unwrap();
    // The clash is told at the name the second listed person gives.
    let name_line = config.lines().count();
    let output = run(&["check", dir.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let clash: serde_json::Value = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|d| d["code"] == "E024")
        .expect("a clash is reported");
    let message = clash["message"].as_str().unwrap();
    assert!(
        message.contains("`zoe`") && message.contains("`zoe-a`"),
        "{message}"
    );
    assert_eq!(clash["line"], name_line);
}

/// Runs `standin new` in a git repository whose `user.name` is `name`.
fn new_as_git_user(site: &std::path::Path, name: &str) -> String {
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .args(args)
            .current_dir(site)
            .output()
            .unwrap();
        assert!(status.status.success(), "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["config", "user.name", name]);
    let output = standin()
        .args(["new", site.to_str().unwrap(), "--at", "2026-11-21T10:00"])
        .env_remove("STANDIN_AUTHOR")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    stdout(&output).trim().to_string()
}

#[test]
fn new_keeps_the_git_name_as_written() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("people"), dir.path());
    let path = new_as_git_user(dir.path(), "Zoë Ångström");
    // Listed: her key names the file; her name, as git has it, the author.
    assert!(path.ends_with("wraps/2026/11/21/zoe-1000.md"), "{path}");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("author = \"Zoë Ångström\""), "{text}");
    assert!(text.contains("team = \"sre\""), "{text}");

    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("people"), dir.path());
    let path = new_as_git_user(dir.path(), "Émile Zola");
    assert!(
        path.ends_with("wraps/2026/11/21/emile-zola-1000.md"),
        "{path}"
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("author = \"Émile Zola\""), "{text}");
}
