//! `standin check`: every diagnostic, on a small site made for it, checked
//! by file, line, column, message and exit code of the real binary.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use serde_json::Value;

const CONFIG: &str = "base_url = \"https://handoffs.test/\"\ntimezone = \"Asia/Tokyo\"\n[teams.alpha]\n[teams.beta]\n";

/// A site in a temp dir with the given files (paths relative to it).
struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    fn new(files: &[(&str, &[u8])]) -> Site {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("standin.toml"), CONFIG).unwrap();
        for (path, bytes) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        Site { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn file(&self, relative: &str) -> String {
        self.path().join(relative).display().to_string()
    }

    /// Runs `standin check --format json`; returns the exit code and the
    /// diagnostics.
    fn check(&self, extra: &[&str]) -> (i32, Vec<Value>) {
        let mut args = vec!["check", self.path().to_str().unwrap(), "--format", "json"];
        args.extend_from_slice(extra);
        let output = run(&args);
        let diagnostics = stdout(&output)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l}: {e}")))
            .collect();
        (output.status.code().unwrap(), diagnostics)
    }
}

/// A valid wrap with `extra` front matter and a body.
fn wrap(extra: &str) -> String {
    format!(
        "+++\nauthor = \"ana\"\ndate = 2026-11-20T17:42:00+09:00\nteam = \"alpha\"\n{extra}+++\nShipped it.\n"
    )
}

/// Asserts exactly one diagnostic, with this code, at this place.
fn only(diagnostics: &[Value], code: &str, file: &str, line: u64, column: u64) -> Value {
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let d = diagnostics[0].clone();
    assert_eq!(d["code"], code, "{d:#}");
    assert_eq!(d["file"], file, "{d:#}");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(line), Some(column)),
        "{d:#}"
    );
    d
}

const W: &str = "wraps/w.md";

#[test]
fn a_clean_site_exits_zero() {
    let site = Site::new(&[(W, wrap("").as_bytes())]);
    assert_eq!(site.check(&[]), (0, vec![]));
}

#[test]
fn toml_syntax_errors_point_at_their_line_in_the_file() {
    let site = Site::new(&[(
        W,
        b"+++\nauthor = \"ana\"\ndate = 2026-11-20T17:42:00+09:00\ntags = [\"a\" \"b\"]\n+++\nx\n",
    )]);
    let (code, d) = site.check(&[]);
    assert_eq!(code, 1);
    let d = only(&d, "E006", &site.file(W), 4, 13);
    assert!(
        d["message"].as_str().unwrap().starts_with("invalid TOML"),
        "{d}"
    );
}

#[test]
fn missing_and_empty_front_matter() {
    let site = Site::new(&[(W, b"# Done\nstuff\n")]);
    let (code, d) = site.check(&[]);
    assert_eq!(code, 1);
    only(&d, "E003", &site.file(W), 1, 1);

    let site = Site::new(&[(W, b"+++\nauthor = \"ana\"\n")]);
    only(&site.check(&[]).1, "E004", &site.file(W), 1, 1);

    let site = Site::new(&[(W, b"+++\n\n+++\nbody\n")]);
    only(&site.check(&[]).1, "E005", &site.file(W), 1, 1);
}

#[test]
fn a_file_that_is_not_utf8() {
    let mut bytes = wrap("").into_bytes();
    bytes.splice(bytes.len() - 3..bytes.len() - 3, [0xff, 0xfe]);
    let site = Site::new(&[(W, &bytes)]);
    let (code, d) = site.check(&[]);
    assert_eq!(code, 1);
    // "Shipped i" then the bad bytes: column 10 of line 6.
    let d = only(&d, "E002", &site.file(W), 6, 10);
    assert!(d["message"].as_str().unwrap().contains("not UTF-8"));
}

#[test]
fn unknown_keys_suggest_the_closest_known_key() {
    let site = Site::new(&[(
        W,
        wrap("\n[[risk]]\nid = \"r\"\ntitle = \"T\"\nsevrity = \"high\"\n").as_bytes(),
    )]);
    let (code, d) = site.check(&[]);
    assert_eq!(code, 1);
    let d = only(&d, "E007", &site.file(W), 9, 1);
    assert_eq!(d["message"], "unknown key `sevrity` in [[risk]]");
    assert_eq!(d["help"], "did you mean `severity`?");
}

#[test]
fn bad_enum_values_list_the_allowed_ones() {
    let site = Site::new(&[(
        W,
        wrap("\n[[risk]]\nid = \"r\"\ntitle = \"T\"\nseverity = \"hgih\"\n").as_bytes(),
    )]);
    let d = only(&site.check(&[]).1, "E009", &site.file(W), 9, 12);
    assert_eq!(
        d["help"],
        "did you mean `high`? allowed: `low`, `medium`, `high`, `critical`"
    );
}

#[test]
fn dates_without_offset_and_in_the_future_warn() {
    let local = "+++\nauthor = \"ana\"\ndate = 2026-11-20T17:42:00\n+++\nShipped it.\n";
    let site = Site::new(&[(W, local.as_bytes())]);
    let (code, d) = site.check(&[]);
    assert_eq!(code, 0, "a warning does not fail");
    let d = only(&d, "W001", &site.file(W), 3, 8);
    assert_eq!(d["severity"], "warning");
    assert!(d["message"].as_str().unwrap().contains("Asia/Tokyo"), "{d}");
    assert_eq!(site.check(&["--deny-warnings"]).0, 1);

    let site = Site::new(&[(W, wrap("").as_bytes())]);
    let (code, d) = site.check(&["--as-of", "2026-11-19"]);
    assert_eq!(code, 0);
    only(&d, "W002", &site.file(W), 3, 8);
}

#[test]
fn a_risk_update_nobody_raised_names_the_closest_ids() {
    let raise = wrap("\n[[risk]]\nid = \"vendor-sandbox-keys\"\ntitle = \"Keys\"\n");
    let update = "+++\nauthor = \"bo\"\ndate = 2026-11-21T09:00:00+09:00\n\n[[risk]]\nid = \"vendor-sandbox-key\"\nstatus = \"resolved\"\n+++\nDone.\n";
    let site = Site::new(&[(W, raise.as_bytes()), ("wraps/x.md", update.as_bytes())]);
    let (code, d) = site.check(&[]);
    assert_eq!(code, 1);
    let d = only(&d, "E013", &site.file("wraps/x.md"), 6, 6);
    assert!(
        d["help"]
            .as_str()
            .unwrap()
            .contains("`vendor-sandbox-keys`"),
        "{d}"
    );
}

#[test]
fn supersedes_must_name_a_decision() {
    let site = Site::new(&[(
        W,
        wrap(
            "\n[[decision]]\ntitle = \"Use Redis\"\nwhy = \"TTLs\"\nsupersedes = \"pg-sesions\"\n",
        )
        .as_bytes(),
    )]);
    let d = only(&site.check(&[]).1, "E014", &site.file(W), 9, 14);
    assert!(
        d["message"].as_str().unwrap().contains("`pg-sesions`"),
        "{d}"
    );
}

#[test]
fn one_id_for_two_different_decisions() {
    let first = wrap("\n[[decision]]\nid = \"store\"\ntitle = \"Use Redis\"\nwhy = \"TTLs\"\n");
    let second = "+++\nauthor = \"bo\"\ndate = 2026-11-21T09:00:00+09:00\n\n[[decision]]\nid = \"store\"\ntitle = \"Use Memcached\"\nwhy = \"cheaper\"\n+++\nx.\n";
    let site = Site::new(&[(W, first.as_bytes()), ("wraps/x.md", second.as_bytes())]);
    let d = only(&site.check(&[]).1, "E015", &site.file("wraps/x.md"), 6, 6);
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("already used for \"Use Redis\""),
        "{d}"
    );
}

#[test]
fn a_decision_needs_its_reason() {
    let site = Site::new(&[(
        W,
        wrap("\n[[decision]]\ntitle = \"Use Redis\"\n").as_bytes(),
    )]);
    let d = only(&site.check(&[]).1, "E010", &site.file(W), 6, 1);
    assert_eq!(d["message"], "[[decision]] is missing `why`");
}

#[test]
fn a_wrap_without_summary_warns_and_one_that_says_nothing_is_left_out() {
    let asks_only = "+++\nauthor = \"ana\"\ndate = 2026-11-20T17:42:00+09:00\nnext = [\"Run the drill\"]\n+++\n## Done\n\n## Notes\n";
    let site = Site::new(&[(W, asks_only.as_bytes())]);
    let (code, d) = site.check(&[]);
    assert_eq!(code, 0);
    only(&d, "W003", &site.file(W), 2, 1);

    // An untouched scaffold: never published, and no reason to fail.
    let empty =
        "+++\nauthor = \"ana\"\ndate = 2026-11-20T17:42:00+09:00\n+++\n## Done\n\n## Notes\n";
    let site = Site::new(&[(W, empty.as_bytes())]);
    let (code, d) = site.check(&[]);
    assert_eq!(code, 0);
    let warning = only(&d, "W017", &site.file(W), 2, 1);
    assert_eq!(warning["severity"], "warning");
    assert!(
        warning["message"]
            .as_str()
            .unwrap()
            .starts_with("not published")
    );
}

#[test]
fn likely_secrets_are_errors_unless_allowed() {
    let body = wrap("").replace("Shipped it.", "Shipped it.\n\nUsed AKIAABCDEFGHIJKLMNOP to test, and\n\n    curl -H \"Authorization: Bearer abcdef0123456789abcdef0123\"\n");
    let site = Site::new(&[(W, body.as_bytes())]);
    let (code, d) = site.check(&[]);
    assert_eq!(code, 1);
    assert_eq!(d.len(), 2, "{d:#?}");
    assert_eq!(
        (
            d[0]["code"].as_str(),
            d[0]["line"].as_u64(),
            d[0]["column"].as_u64()
        ),
        (Some("E017"), Some(8), Some(6))
    );
    assert_eq!(d[0]["message"], "this looks like an AWS access key id");
    assert_eq!(
        (d[1]["line"].as_u64(), d[1]["message"].as_str()),
        (Some(10), Some("this looks like a bearer token"))
    );

    // The human format shows the line with the secret masked.
    let output = run(&["check", site.path().to_str().unwrap()]);
    let human = stderr(&output);
    assert!(human.contains("AKIA****************"), "{human}");
    assert!(
        !human.contains("ABCDEFGHIJKLMNOP"),
        "the secret leaked into the log:\n{human}"
    );

    std::fs::write(
        site.path().join("standin.toml"),
        format!("{CONFIG}[check]\nallow_secrets = [\"^AKIAABCD\", \"^abcdef0123\"]\n"),
    )
    .unwrap();
    assert_eq!(site.check(&[]), (0, vec![]));
}

#[test]
fn github_format_prints_workflow_commands() {
    let site = Site::new(&[(W, wrap("teem = \"alpha\"\n").as_bytes())]);
    let output = run(&["check", site.path().to_str().unwrap(), "--format", "github"]);
    assert_eq!(output.status.code(), Some(1));
    let file = site.file(W);
    assert_eq!(
        stdout(&output),
        format!(
            "::error file={file},line=5,col=1,title=standin E007::unknown key `teem` in the wrap%0Ahelp: did you mean `team`?\n"
        )
    );
}

#[test]
fn human_format_is_rustc_style() {
    let site = Site::new(&[(W, wrap("teem = \"alpha\"\n").as_bytes())]);
    let output = run(&["check", site.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    let expected = format!(
        "error[E007]: unknown key `teem` in the wrap\n  --> {}:5:1\n  |\n5 | teem = \"alpha\"\n  | ^^^^\n  |\n  = help: did you mean `team`?\n",
        site.file(W)
    );
    assert!(
        err.starts_with(&expected),
        "got:\n{err}\nexpected:\n{expected}"
    );
    assert!(
        err.ends_with("0 wraps, 0 decisions, 0 risks: 1 error, 0 warnings\n")
            || err.contains("1 error, 0 warnings"),
        "{err}"
    );
}

#[test]
fn build_reports_the_same_diagnostics() {
    let site = Site::new(&[(W, wrap("teem = \"alpha\"\n").as_bytes())]);
    let out: PathBuf = site.path().join("public");
    let output = run(&["build", site.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("error[E007]: unknown key `teem` in the wrap"));
    assert!(!out.exists());
}

/// Bytes a terminal acts on instead of showing: every C0 control but the
/// line break (and tab), DEL, and the C1 controls and bidi overrides as
/// UTF-8.
fn terminal_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect()
}

#[test]
fn control_characters_reach_the_terminal_escaped() {
    // The author escapes retitle the terminal and clear it; the body line
    // holds raw ESC, a C1 CSI and a right-to-left override before a secret.
    let text = wrap("")
        .replace(
            "author = \"ana\"",
            "author = \"x\\u001b]0;PWNED\\u0007\\u001b[2J\"",
        )
        .replace(
            "Shipped it.",
            "Used \u{1b}[2J\u{9b}1m\u{202e} AKIAABCDEFGHIJKLMNOP to test.",
        );
    let site = Site::new(&[(W, text.as_bytes())]);
    let file = site.file(W);

    let id_help = "write the name as it should be shown, without escapes";
    let secret_help = "remove it and rotate the credential: the site and the git history keep it. If it is not a secret, allow it in standin.toml: [check] allow_secrets = [\"<regex>\"]";
    let id =
        "`x\\u{1b}]0;PWNED\\u{7}\\u{1b}[2J` cannot name a person: it holds a control character";

    let human = stderr(&run(&["check", site.path().to_str().unwrap()]));
    assert_eq!(terminal_controls(&human), Vec::<char>::new(), "{human}");
    assert!(
        !human.contains("ABCDEFGHIJKLMNOP"),
        "a secret is masked in every diagnostic about its file:\n{human}"
    );
    // The caret stays under the secret, after the escapes; the column is
    // the file's (`Used ` + 4 + 3 + 1 characters + space = 14 before it).
    let shown = "Used \\u{1b}[2J\\u{9b}1m\\u{202e} ";
    let expected = format!(
        "error[E022]: {id}\n  --> {file}:2:10\n  |\n2 | author = \"x\\u001b]0;PWNED\\u0007\\u001b[2J\"\n  |          {}\n  |\n  = help: {id_help}\n\n\
         warning[W007]: an escape in this text makes U+001B (a control character), which XML does not allow: feeds leave it out\n  --> {file}:2:10\n  |\n2 | author = \"x\\u001b]0;PWNED\\u0007\\u001b[2J\"\n  |          {}\n  |\n  = help: remove the escape that writes it (`\\u001B` or the like)\n\n\
         warning[W007]: U+001B (a control character) is not allowed in XML: feeds and the sitemap leave it out\n  --> {file}:6:6\n  |\n6 | {shown}AKIA**************** to test.\n  |      ^^^^^^\n  |\n  = help: delete it; most editors do not show it (it often comes pasted from a terminal)\n\n\
         error[E017]: this looks like an AWS access key id\n  --> {file}:6:15\n  |\n6 | {shown}AKIA**************** to test.\n  | {}{}\n  |\n  = help: {secret_help}\n\n\
         standin check: 2 errors, 2 warnings\n",
        "^".repeat(32),
        "^".repeat(32),
        " ".repeat(shown.len()),
        "^".repeat(20),
    );
    assert_eq!(human, expected);

    let github = stdout(&run(&[
        "check",
        site.path().to_str().unwrap(),
        "--format",
        "github",
    ]));
    assert_eq!(terminal_controls(&github), Vec::<char>::new(), "{github}");
    let errors: Vec<&str> = github
        .lines()
        .filter(|l| l.starts_with("::error"))
        .collect();
    assert_eq!(
        errors,
        [
            format!("::error file={file},line=2,col=10,title=standin E022::{id}%0Ahelp: {id_help}"),
            format!(
                "::error file={file},line=6,col=15,title=standin E017::this looks like an AWS access key id%0Ahelp: {secret_help}"
            ),
        ]
    );

    // JSON stays exact: serde escapes the characters themselves.
    let (_, json) = site.check(&[]);
    assert_eq!(
        json[0]["message"],
        "`x\u{1b}]0;PWNED\u{7}\u{1b}[2J` cannot name a person: it holds a control character"
    );
}

#[test]
fn a_config_that_is_not_utf8_is_located_like_a_wrap() {
    let site = Site::new(&[(W, wrap("").as_bytes())]);
    let mut config = CONFIG.as_bytes().to_vec();
    // In the time zone's value: `timezone = "Asia/T` then a Latin-1 `ö`.
    let at = CONFIG.find("Tokyo").unwrap();
    config.splice(at..at + 1, [0xf6]);
    std::fs::write(site.path().join("standin.toml"), &config).unwrap();
    let (code, d) = site.check(&[]);
    assert_eq!(code, 1);
    let d = only(&d, "E002", &site.file("standin.toml"), 2, 18);
    assert_eq!(
        d["message"],
        "this file is not UTF-8 (invalid byte at line 2, column 18)"
    );
    assert_eq!(d["help"], "save the file as UTF-8 in your editor");

    // People see the offending line with a caret under the bad byte.
    let human = stderr(&run(&["check", site.path().to_str().unwrap()]));
    let expected = format!(
        "error[E002]: this file is not UTF-8 (invalid byte at line 2, column 18)\n  --> {}:2:18\n  |\n2 | timezone = \"Asia/\u{fffd}okyo\"\n  |                  ^\n",
        site.file("standin.toml")
    );
    assert!(
        human.starts_with(&expected),
        "got:\n{human}\nexpected:\n{expected}"
    );
}

#[test]
fn a_windows_device_name_is_not_an_id() {
    let site = Site::new(&[(
        W,
        wrap("\n[[risk]]\nid = \"con\"\ntitle = \"Console access\"\n").as_bytes(),
    )]);
    let (code, d) = site.check(&[]);
    assert_eq!(code, 1);
    let d = only(&d, "E022", &site.file(W), 7, 6);
    assert_eq!(d["message"], "`con` cannot be used as an id");
    assert_eq!(
        d["help"],
        "ids become file names, and Windows reserves this one for a device; did you mean `con-1`?"
    );
}

#[test]
fn credentials_in_connection_strings_and_assignments_are_found_and_masked() {
    let body = wrap("").replace(
        "Shipped it.",
        "Shipped it.\n\n    DATABASE_URL=postgres://app:S3cr3tPw@db.internal:5432/app\n    redis://:hunter22pw@cache-1:6379/0\n    DB_PASSWORD: correcthorsebattery\n    aws_secret_access_key = wJalrXUtnFEMIK7MDENGbPxRfiCY\n",
    );
    let site = Site::new(&[(W, body.as_bytes())]);
    let (code, d) = site.check(&[]);
    assert_eq!(code, 1);
    let found: Vec<(u64, u64, &str)> = d
        .iter()
        .map(|x| {
            (
                x["line"].as_u64().unwrap(),
                x["column"].as_u64().unwrap(),
                x["message"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (8, 33, "this looks like a password in a connection string"),
            (9, 14, "this looks like a password in a connection string"),
            (10, 18, "this looks like a password or secret assignment"),
            (11, 29, "this looks like a password or secret assignment"),
        ]
    );
    let human = stderr(&run(&["check", site.path().to_str().unwrap()]));
    for secret in [
        "S3cr3tPw",
        "hunter22pw",
        "correcthorsebattery",
        "wJalrXUtnFEMIK7MDENGbPxRfiCY",
    ] {
        assert!(!human.contains(secret), "{secret} leaked:\n{human}");
    }
}

/// A reviewer's warning about what was written (here W022, an ask with
/// nothing to do) is listed for the last week's wraps; older ones are
/// counted in one line, so years of history check in a few lines.
#[test]
fn old_vague_asks_are_counted_in_one_line_and_recent_ones_listed() {
    let at = |day: u32| {
        format!(
            "+++\nauthor = \"ana\"\ndate = 2026-11-{day:02}T17:00:00+09:00\nteam = \"alpha\"\nsummary = \"A shift.\"\nnext = [\"beta: the thing\"]\n+++\nShipped it.\n"
        )
    };
    let files: Vec<(String, String)> = [1, 2, 3, 10, 20]
        .iter()
        .map(|day| (format!("wraps/2026/11/{day:02}/ana.md"), at(*day)))
        .collect();
    let files: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_bytes()))
        .collect();
    let site = Site::new(&files);
    let (_, diagnostics) = site.check(&[]);
    let vague: Vec<&Value> = diagnostics.iter().filter(|d| d["code"] == "W022").collect();
    let messages: Vec<&str> = vague
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(vague.len(), 2, "{messages:?}");
    // The newest wrap's ask, at its line; the four older ones in one line.
    let (listed, counted): (Vec<&Value>, Vec<&Value>) =
        vague.into_iter().partition(|d| !d["file"].is_null());
    assert_eq!(listed[0]["file"], site.file("wraps/2026/11/20/ana.md"));
    assert_eq!(
        counted[0]["message"],
        "4 more asks written before 14 Nov 2026 say no action: not listed one by one"
    );
}
