//! Git repositories made by a test: a site committed in steps, each
//! commit with fixed dates, so that what `standin diff` sees is the same
//! on every machine; and the review fixture, a site in `handoffs/` whose
//! second commit makes every kind of change `standin diff` reports.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A repository in a temporary folder.
pub struct GitRepo {
    pub dir: tempfile::TempDir,
}

/// `git` with no user or system configuration, so that a developer's
/// settings (signing, hooks, default branch) change nothing.
pub fn git_command(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com");
    command
}

/// Runs git in `dir`, asserting success; its standard output.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let output: Output = git_command(dir).args(args).output().expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

impl GitRepo {
    /// An empty repository on branch `main`.
    pub fn new() -> GitRepo {
        let dir = tempfile::tempdir().unwrap();
        git(dir.path(), &["init", "-q", "-b", "main"]);
        GitRepo { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `text` at `path` (inside the repository), making folders.
    pub fn write(&self, path: &str, text: &str) -> PathBuf {
        let file = self.path().join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, text).unwrap();
        file
    }

    /// Commits everything, authored and committed at `date` (RFC 3339).
    pub fn commit(&self, message: &str, date: &str) {
        git(self.path(), &["add", "-A"]);
        let output = git_command(self.path())
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .args(["commit", "-q", "-m", message])
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
    }

    /// `git status --porcelain` and the index file's bytes: what must not
    /// change when standin only reads.
    pub fn state(&self) -> (String, Vec<u8>) {
        let status = git(
            self.path(),
            &["status", "--porcelain", "--untracked-files=all"],
        );
        let index = std::fs::read(self.path().join(".git/index")).unwrap();
        (status, index)
    }
}

/// The site of the review fixture: `handoffs/` in the repository.
pub const CONFIG: &str = "title = \"Diff fixture\"\n\
base_url = \"https://handoffs.example/\"\n\
timezone = \"Asia/Tokyo\"\n\
[teams.payments]\n[teams.platform]\n[teams.checkout]\n";

pub fn wrap(author: &str, date: &str, team: &str, summary: &str, rest: &str) -> String {
    format!(
        "+++\nauthor = \"{author}\"\ndate = {date}\nteam = \"{team}\"\nsummary = \"{summary}\"\n{rest}+++\n## Done\n- {summary}\n"
    )
}

/// The base: a week of wraps, committed at once on 19 November.
pub fn base_wraps(repo: &GitRepo) {
    repo.write("handoffs/standin.toml", CONFIG);
    repo.write(
        "handoffs/wraps/2026/11/10/cy-1700.md",
        &wrap(
            "cy",
            "2026-11-10T17:00:00+09:00",
            "payments",
            "Quiet shift.",
            "",
        ),
    );
    repo.write(
        "handoffs/wraps/2026/11/13/eve-1700.md",
        &wrap(
            "eve",
            "2026-11-13T17:00:00+09:00",
            "payments",
            "Status page copy drafted.",
            "next = [{ to = \"checkout\", what = \"Update the status page copy\", id = \"status-copy\" }]\n",
        ),
    );
    repo.write(
        "handoffs/wraps/2026/11/17/fay-1700.md",
        &wrap(
            "fay",
            "2026-11-17T17:00:00+09:00",
            "platform",
            "CI flaky again.",
            "[[risk]]\nid = \"flaky-ci\"\ntitle = \"CI flaky on arm runners\"\nseverity = \"low\"\nowner = \"fay\"\nmitigation = \"Retry once\"\n",
        ),
    );
    repo.write(
        "handoffs/wraps/2026/11/19/ana-1700.md",
        &wrap(
            "ana",
            "2026-11-19T17:00:00+09:00",
            "payments",
            "Keys expire soon; 502s looked at.",
            "next = [\n  { to = \"platform\", what = \"Rotate the vendor keys\", id = \"rotate-keys\" },\n  { to = \"platform\", what = \"Drain node 4\", id = \"drain-node\" },\n]\n\
             pager = \"bo\"\n\
             [[decision]]\nid = \"pg-sessions\"\ntitle = \"Keep sessions in Postgres\"\nwhy = \"One database to run\"\n\
             [[risk]]\nid = \"vendor-keys\"\ntitle = \"Vendor keys expire Monday\"\nseverity = \"medium\"\nowner = \"ana\"\nmitigation = \"Mock server\"\n\
             [[risk]]\nid = \"disk\"\ntitle = \"Disk on db-1 filling\"\nseverity = \"low\"\nowner = \"ana\"\nmitigation = \"Prune logs\"\n\
             [[incident]]\nid = \"INC-1\"\ntitle = \"Checkout 502s\"\nseverity = \"sev3\"\nstatus = \"investigating\"\ncommander = \"ana\"\nnote = \"Looking at the pool\"\n",
        ),
    );
    repo.write(
        "handoffs/wraps/2026/11/19/dee-1800.md",
        &wrap(
            "dee",
            "2026-11-19T18:00:00+09:00",
            "payments",
            "Dashboards half done.",
            "next = [\"paymnts: check the dashboards\"]\n",
        ),
    );
    repo.commit("A week of wraps", "2026-11-19T12:00:00Z");
}

/// The change: a day's wraps, one wrap of two days before, an old wrap
/// edited and another deleted, committed on 20 November.
pub fn change(repo: &GitRepo) {
    repo.write(
        "handoffs/wraps/2026/11/20/bo-1700.md",
        &wrap(
            "bo",
            "2026-11-20T17:00:00+09:00",
            "platform",
            "Keys rotated; sessions move to Redis.",
            "next = [\"payments: Confirm the new keys work\", \"@cy the thing\"]\n\
             pager = \"cy\"\n\
             [ack]\nrotate-keys = \"done: rotated at 14:00\"\ndrain-node = \"taken\"\n\
             [[decision]]\nid = \"redis-sessions\"\ntitle = \"Move sessions to Redis\"\nwhy = \"Per-key TTLs\"\nsupersedes = \"pg-sessions\"\n\
             [[risk]]\nid = \"vendor-keys\"\nseverity = \"critical\"\n\
             [[risk]]\nid = \"disk\"\nstatus = \"resolved\"\n\
             [[incident]]\nid = \"INC-1\"\nstatus = \"resolved\"\nnote = \"Pool size fixed\"\n",
        ),
    );
    repo.write(
        "handoffs/wraps/2026/11/18/gus-1700.md",
        &wrap(
            "gus",
            "2026-11-18T17:00:00+09:00",
            "payments",
            "Late notes.",
            "",
        ),
    );
    repo.write(
        "handoffs/wraps/2026/11/10/cy-1700.md",
        &wrap(
            "cy",
            "2026-11-10T17:00:00+09:00",
            "payments",
            "Quiet shift, told otherwise.",
            "",
        ),
    );
    std::fs::remove_file(repo.path().join("handoffs/wraps/2026/11/19/dee-1800.md")).unwrap();
    repo.commit("Friday's wraps", "2026-11-20T12:00:00Z");
}

pub fn fixture_repo() -> GitRepo {
    let repo = GitRepo::new();
    base_wraps(&repo);
    change(&repo);
    repo
}
