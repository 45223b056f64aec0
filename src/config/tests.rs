//! Tests of reading `standin.toml`: defaults, every table, and the
//! problems reported for a config that does not parse.

use super::*;

fn parse(text: &str) -> Config {
    let mut d = Diagnostics::new();
    let config = Config::parse(SourceFile::new("standin.toml", text), &mut d);
    assert!(d.is_empty(), "{d:?}");
    config.expect("a config")
}

/// The problems of a config that does not parse.
fn problems(text: &str) -> Diagnostics {
    let mut d = Diagnostics::new();
    let config = Config::parse(SourceFile::new("standin.toml", text), &mut d);
    assert!(config.is_none() && d.has_errors(), "{d:?}");
    d
}

#[test]
fn title_and_description_characters_xml_forbids_are_warned_at() {
    let text = "title = \"Ops\\u000Bdesk\"\ndescription = \"a\u{FFFE}\u{FFFF}b\"\nlanguage = \"\\u0001\"\n";
    let mut d = Diagnostics::new();
    let config = Config::parse(SourceFile::new("standin.toml", text), &mut d);
    assert!(config.is_some());
    let found: Vec<_> = d
        .iter()
        .map(|d| (d.code, d.line_column().unwrap(), d.message.as_str()))
        .collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].0, Code::IllegalCharacter);
    assert_eq!(found[0].1, (1, 9));
    assert!(found[0].2.contains("U+000B"), "{found:?}");
    assert_eq!(found[1].1, (2, 17));
    assert!(
        found[1].2.starts_with("2 characters from U+FFFE"),
        "{found:?}"
    );
}

#[test]
fn defaults() {
    let config = parse("");
    assert_eq!(config.timezone, Tz::UTC);
    assert_eq!(config.risks.stale_after_days, 3);
    assert!(!config.markdown.allow_html);
    assert!(config.base_url.is_none());
    assert!(config.teams.is_empty());
}

#[test]
fn full_config() {
    let config = parse(
        "title = \"T\"\nbase_url = \"https://x.github.io/handoffs\"\ntimezone = \"Asia/Tokyo\"\n\
         [risks]\nstale_after_days = 5\n[markdown]\nallow_html = true\n\
         [teams.payments]\nname = \"Payments\"\ntimezone = \"Europe/Berlin\"\n",
    );
    assert_eq!(
        config.base_url.as_deref(),
        Some("https://x.github.io/handoffs/")
    );
    assert_eq!(config.timezone, chrono_tz::Asia::Tokyo);
    assert_eq!(config.risks.stale_after_days, 5);
    assert!(config.markdown.allow_html);
    let team = &config.teams[&TeamId::new("payments").unwrap()];
    assert_eq!(team.name, "Payments");
    assert_eq!(team.timezone, Some(chrono_tz::Europe::Berlin));
}

#[test]
fn errors_name_the_line_and_suggest() {
    let diags = problems("timezone = \"Asia/Tokio\"\n[risks]\nstale_after = 2\n");
    let found: Vec<_> = diags
        .iter()
        .map(|d| {
            (
                d.code,
                d.line_column().unwrap().0,
                d.help.clone().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found
            .iter()
            .any(|(c, l, h)| *c == Code::BadValue && *l == 1 && h.contains("Asia/Tokyo"))
    );
    assert!(
        found
            .iter()
            .any(|(c, l, h)| *c == Code::UnknownKey && *l == 3 && h.contains("stale_after_days"))
    );
}

#[test]
fn allow_secrets_compile_or_report() {
    let config = parse("[check]\nallow_secrets = [\"^AKIAEXAMPLE\"]\n");
    assert!(config.check.allow_secrets[0].is_match("AKIAEXAMPLE123"));
    let diags = problems("[check]\nallow_secrets = [\"(\"]\n");
    assert_eq!(diags.iter().next().unwrap().line_column(), Some((2, 18)));
}

#[test]
fn repository_links_fill_the_pattern() {
    let config = parse("[repository]\nurl = \"https://github.com/org/repo/\"\n");
    let repository = config.repository.unwrap();
    assert_eq!(
        repository.file_link("src/main%20x.rs"),
        "https://github.com/org/repo/blob/HEAD/src/main%20x.rs"
    );
    let config = parse(
        "[repository]\nurl = \"https://gitlab.example/g/r\"\nfile_url = \"{url}/-/blob/main/handoffs/{path}\"\n",
    );
    assert_eq!(
        config.repository.unwrap().file_link("README.md"),
        "https://gitlab.example/g/r/-/blob/main/handoffs/README.md"
    );
    assert!(parse("").repository.is_none());
    for (text, line) in [
        ("[repository]\nfile_url = \"{url}/{path}\"\n", 1),
        ("[repository]\nurl = \"github.com/org/repo\"\n", 2),
        (
            "[repository]\nurl = \"https://g.example/r\"\nfile_url = \"{url}/blob/{branch}/{path}\"\n",
            3,
        ),
        (
            "[repository]\nurl = \"https://g.example/r\"\nfile_url = \"{url}/blob/main\"\n",
            3,
        ),
        (
            "[repository]\nurl = \"https://g.example/r\"\nbranch = \"main\"\n",
            3,
        ),
    ] {
        let d = problems(text);
        assert_eq!(
            d.iter().next().unwrap().line_column().unwrap().0,
            line,
            "{text}"
        );
    }
}

#[test]
fn base_urls_are_normalized() {
    assert_eq!(
        normalize_base_url("https://a.b").as_deref().ok(),
        Some("https://a.b/")
    );
    assert_eq!(
        normalize_base_url("http://a.b/x//").as_deref().ok(),
        Some("http://a.b/x/")
    );
    assert_eq!(
        normalize_base_url("a.b/x"),
        Err(BaseUrlProblem::NotAbsolute)
    );
    assert_eq!(
        normalize_base_url("https:///x"),
        Err(BaseUrlProblem::NotAbsolute)
    );
    assert_eq!(
        normalize_base_url("https://gitlab-ci-token:glpat-x@h.example/"),
        Err(BaseUrlProblem::Credentials)
    );
}

#[test]
fn health_weeks_default_to_a_quarter_and_are_bounded() {
    assert_eq!(parse("").health.weeks, 12);
    assert_eq!(parse("[health]\nweeks = 4\n").health.weeks, 4);
    for bad in ["0", "53"] {
        let diags = problems(&format!("[health]\nweeks = {bad}\n"));
        let found: Vec<_> = diags.iter().map(|d| (d.code, d.line_column())).collect();
        assert_eq!(found, vec![(Code::BadValue, Some((2, 9)))], "{bad}");
    }
    let diags = problems("[health]\nweek = 4\n");
    let unknown = diags.iter().next().unwrap();
    assert_eq!(unknown.code, Code::UnknownKey);
    assert!(
        unknown.help.as_deref().unwrap_or("").contains("weeks"),
        "{unknown:?}"
    );
}
