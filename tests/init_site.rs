//! `standin init` makes a site that starts clean: its sample wrap is
//! signed by whoever runs it (`--author`, else git's `user.name`, read as
//! `standin new` reads it, even for a folder that does not exist yet), and
//! it hands nothing over, so the next day's brief and scaffolds hold no
//! leftover of it.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::{DateTime, Days, FixedOffset};
use common::*;

/// A folder with a home of its own and no git config anywhere: git reads
/// neither the machine's nor the user's real config.
struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        let sandbox = Sandbox {
            dir: tempfile::tempdir().unwrap(),
        };
        std::fs::create_dir_all(sandbox.home()).unwrap();
        sandbox
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    fn home(&self) -> PathBuf {
        self.path("home")
    }

    /// A command that sees only this sandbox's git config.
    fn isolate<'a>(&self, command: &'a mut Command) -> &'a mut Command {
        command
            .env("HOME", self.home())
            .env("XDG_CONFIG_HOME", self.home().join(".config"))
            .env("GIT_CONFIG_GLOBAL", self.home().join(".gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            // No repository above the sandbox (a CI checkout) is found.
            .env("GIT_CEILING_DIRECTORIES", self.dir.path())
            .env_remove("STANDIN_AUTHOR")
            .env("TZ", "UTC")
    }

    fn git(&self, args: &[&str]) {
        let output = self
            .isolate(&mut Command::new("git"))
            .args(args)
            .output()
            .unwrap();
        assert!(output.status.success(), "git {args:?}: {}", stderr(&output));
    }

    /// `standin init site` (plus `extra`), from the sandbox.
    fn init(&self, site: &Path, extra: &[&str]) -> Output {
        self.isolate(&mut standin())
            .current_dir(self.dir.path())
            .arg("init")
            .arg(site)
            .args(extra)
            .output()
            .unwrap()
    }
}

/// The one wrap `init` wrote in `site`: its path and text.
fn sample_wrap(site: &Path) -> (PathBuf, String) {
    let wraps: Vec<PathBuf> = walkdir::WalkDir::new(site.join("wraps"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    assert_eq!(wraps.len(), 1, "{wraps:?}");
    let text = std::fs::read_to_string(&wraps[0]).unwrap();
    (wraps[0].clone(), text)
}

fn author_line(text: &str) -> &str {
    text.lines().find(|l| l.starts_with("author = ")).unwrap()
}

#[test]
fn init_in_a_new_folder_takes_the_author_from_the_repositorys_git_config() {
    let sandbox = Sandbox::new();
    let repo = sandbox.path("repo");
    sandbox.git(&["init", "-q", repo.to_str().unwrap()]);
    sandbox.git(&[
        "-C",
        repo.to_str().unwrap(),
        "config",
        "user.name",
        "Dee Ramos",
    ]);
    // `handoffs` does not exist yet: git is asked from the repository.
    let site = repo.join("handoffs");
    let output = sandbox.init(&site, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let (path, text) = sample_wrap(&site);
    assert_eq!(author_line(&text), "author = \"Dee Ramos\"");
    let name = path.file_name().unwrap().to_str().unwrap();
    assert!(name.starts_with("dee-ramos-"), "{name}");
    assert!(!stderr(&output).contains("nobody was named"));
}

#[test]
fn init_outside_a_repository_takes_the_users_git_name() {
    let sandbox = Sandbox::new();
    std::fs::write(
        sandbox.home().join(".gitconfig"),
        "[user]\n\tname = Zoë Ångström\n",
    )
    .unwrap();
    let site = sandbox.path("new/handoffs");
    let output = sandbox.init(&site, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        author_line(&sample_wrap(&site).1),
        "author = \"Zoë Ångström\""
    );
}

#[test]
fn author_flag_wins_over_git_config() {
    let sandbox = Sandbox::new();
    let repo = sandbox.path("repo");
    sandbox.git(&["init", "-q", repo.to_str().unwrap()]);
    sandbox.git(&[
        "-C",
        repo.to_str().unwrap(),
        "config",
        "user.name",
        "Dee Ramos",
    ]);
    let site = repo.join("handoffs");
    let output = sandbox.init(&site, &["--author", "ana"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let (path, text) = sample_wrap(&site);
    assert_eq!(author_line(&text), "author = \"ana\"");
    assert!(
        path.file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("ana-")
    );
}

#[test]
fn init_with_nobody_named_says_so_and_the_site_still_checks() {
    let sandbox = Sandbox::new();
    let site = sandbox.path("handoffs");
    let output = sandbox.init(&site, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("nobody was named") && stderr(&output).contains("\"you\""),
        "{}",
        stderr(&output)
    );
    let text = sample_wrap(&site).1;
    assert!(
        author_line(&text).starts_with("author = \"you\"   # nobody was named"),
        "{text}"
    );
    let check = run(&["check", site.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));

    // A name with no letter or digit is refused, not replaced.
    let output = sandbox.init(&sandbox.path("other"), &["--author", "!!!"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("cannot name a person"));
}

/// The day after the sample wrap, in the site's zone (UTC), as `YYYY-MM-DD`.
fn day_after(sample: &str) -> String {
    let date = sample
        .lines()
        .find_map(|l| l.strip_prefix("date = "))
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap();
    let at: DateTime<FixedOffset> = DateTime::parse_from_rfc3339(date).unwrap();
    let next = at
        .to_utc()
        .date_naive()
        .checked_add_days(Days::new(1))
        .unwrap();
    next.format("%Y-%m-%d").to_string()
}

#[test]
fn a_day_after_init_the_brief_and_the_scaffold_hold_nothing_of_the_sample() {
    let sandbox = Sandbox::new();
    let site = sandbox.path("handoffs");
    let output = sandbox.init(&site, &["--author", "ana"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let day = day_after(&sample_wrap(&site).1);

    // bo's first real wrap, a day later: nothing is waiting for him.
    let new = sandbox
        .isolate(&mut standin())
        .args(["new", site.to_str().unwrap(), "--author", "bo"])
        .args(["--at", &format!("{day}T18:00:00+00:00")])
        .output()
        .unwrap();
    assert!(new.status.success(), "{}", stderr(&new));
    let path = stdout(&new).trim().to_string();
    let scaffold = std::fs::read_to_string(&path).unwrap();
    assert!(!scaffold.contains("[ack]"), "{scaffold}");
    let filled = scaffold.replacen(
        "summary = \"\"",
        "summary = \"Moved the staging database.\"",
        1,
    );
    std::fs::write(&path, filled).unwrap();

    let check = run(&["check", site.to_str().unwrap(), "--as-of", &day]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(!stderr(&check).contains("W012"), "{}", stderr(&check));

    let out = sandbox.path("out");
    build(&site, &out, &["--as-of", &day]);
    for page_path in ["index.html".to_string(), format!("briefs/{day}/index.html")] {
        let brief = page(&out, &page_path);
        assert!(texts(&brief, ".ask").is_empty(), "{page_path}");
        assert!(
            texts(&brief, "section[aria-labelledby=unacknowledged]").is_empty(),
            "{page_path}"
        );
        assert!(
            texts(&brief, "main")
                .iter()
                .all(|t| !t.contains("standin new --open")),
            "{page_path}"
        );
    }
    let register = page(&out, "asks/index.html");
    assert!(texts(&register, ".ask-row").is_empty());
}
