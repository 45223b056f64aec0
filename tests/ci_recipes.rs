//! The CI recipes as written: each recipe's own `standin build` command
//! line, cut out of its YAML and run with a shell on a copy of the example
//! site (the CI variables given concrete values, `date` answering a fixed
//! instant), and each recipe's install script run against a release served
//! from this machine: what it accepts, what it refuses, and when it builds
//! the tag instead. `.ci/lint-recipes` lints the same files.
#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::io::{Read as _, Write as _};
use std::net::TcpListener;
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use common::{copy_dir, repo};
use yaml_rust2::Yaml;

/// The instant the fake `date` answers: the 05:00 UTC rebuild the morning
/// after the example site's last shift.
const NOW: &str = "2026-11-21T05:00:00Z";

/// Where the recipes say standin is kept, replaced by the local server.
const RECIPE_REPO_URL: &str = "https://github.com/YOUR-ORG/standin";

fn yaml_text(text: &str, what: &str) -> Yaml {
    let mut docs =
        yaml_rust2::YamlLoader::load_from_str(text).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_eq!(docs.len(), 1, "{what}");
    docs.remove(0)
}

fn yaml_file(path: &str) -> Yaml {
    yaml_text(&std::fs::read_to_string(repo().join(path)).unwrap(), path)
}

/// The ```yaml block of a Markdown file that starts with `first_line`.
fn yaml_block(path: &str, first_line: &str) -> Yaml {
    let text = std::fs::read_to_string(repo().join(path)).unwrap();
    let start = text
        .find(&format!("```yaml\n{first_line}"))
        .unwrap_or_else(|| panic!("{path}: no ```yaml block starting with {first_line}"))
        + "```yaml\n".len();
    let end = start + text[start..].find("\n```").unwrap();
    yaml_text(&text[start..end], path)
}

fn str_map(yaml: &Yaml) -> BTreeMap<String, String> {
    yaml.as_hash()
        .map(|h| {
            h.iter()
                .map(|(k, v)| {
                    let value = match v {
                        Yaml::String(s) => s.clone(),
                        Yaml::Integer(i) => i.to_string(),
                        Yaml::Real(r) => r.clone(),
                        Yaml::Boolean(b) => b.to_string(),
                        other => panic!("not a scalar: {other:?}"),
                    };
                    (k.as_str().unwrap().to_string(), value)
                })
                .collect()
        })
        .unwrap_or_default()
}

fn steps(job: &Yaml) -> &Vec<Yaml> {
    job["steps"].as_vec().expect("a job with steps")
}

/// The one line of `script` that runs `standin build`.
fn build_line(script: &str, what: &str) -> String {
    let lines: Vec<&str> = script
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("standin build"))
        .collect();
    assert_eq!(lines.len(), 1, "{what}: one `standin build` line: {script}");
    lines[0].to_string()
}

/// A recipe's build, as the CI runs it.
struct Build {
    recipe: &'static str,
    /// The shell and its options, as the CI system calls it.
    shell: &'static [&'static str],
    line: String,
    env: BTreeMap<String, String>,
    base_url: &'static str,
}

fn github_build() -> Build {
    let workflow = yaml_file("docs/ci/github-pages.yml");
    let step = steps(&workflow["jobs"]["build"])
        .iter()
        .find(|s| {
            s["run"]
                .as_str()
                .is_some_and(|r| r.contains("standin build"))
        })
        .expect("the build job runs standin build");
    let line = build_line(step["run"].as_str().unwrap(), "github-pages.yml");
    // Expressions reach the script only through `env:`; each gets the
    // value the CI system would give it.
    let base_url = "https://northwind.github.io/handoffs";
    let mut env = str_map(&workflow["env"]);
    for (name, value) in str_map(&step["env"]) {
        let value = match value.as_str() {
            "${{ steps.pages.outputs.base_url }}" => base_url.to_string(),
            v if v.contains("${{") => panic!("give {name} = {v} a value in this test"),
            v => v.to_string(),
        };
        env.insert(name, value);
    }
    assert!(!line.contains("${{"), "expressions go through env: {line}");
    Build {
        recipe: "docs/ci/github-pages.yml",
        // GitHub's `run:` on Linux.
        shell: &["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c"],
        line,
        env,
        base_url,
    }
}

fn gitlab_build() -> Build {
    let ci = yaml_file("docs/ci/gitlab-ci.yml");
    let script: Vec<&str> = ci["pages"]["script"]
        .as_vec()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    let line = build_line(&script.join("\n"), "gitlab-ci.yml");
    let base_url = "https://northwind.gitlab.io/handoffs";
    let mut env = str_map(&ci["variables"]);
    env.insert("CI_PAGES_URL".into(), base_url.into());
    Build {
        recipe: "docs/ci/gitlab-ci.yml",
        // The Alpine image's sh; dash is as plain.
        shell: &["sh", "-e", "-c"],
        line,
        env,
        base_url,
    }
}

fn netlify_build() -> Build {
    let text = std::fs::read_to_string(repo().join("docs/publishing.md")).unwrap();
    let start = text
        .find("Build command `")
        .expect("the Netlify build command")
        + 15;
    let line = text[start..start + text[start..].find('`').unwrap()].to_string();
    let base_url = "https://northwind-handoffs.netlify.app";
    Build {
        recipe: "docs/publishing.md (Netlify)",
        shell: &["sh", "-e", "-c"],
        line,
        env: BTreeMap::from([("URL".into(), base_url.into())]),
        base_url,
    }
}

/// A directory for `PATH` with `standin` (this build) and a `date` that
/// answers [`NOW`] to exactly the recipes' question, and fails otherwise.
fn tools(dir: &Path) -> PathBuf {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_standin"), bin.join("standin")).unwrap();
    script(
        &bin.join("date"),
        &format!(
            "#!/bin/sh\nif [ \"$*\" = '-u +%Y-%m-%dT%H:%M:%SZ' ]; then echo {NOW}; \
             else echo \"date: not the recipes' question: $*\" >&2; exit 2; fi\n"
        ),
    );
    bin
}

fn script(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

fn run_in(
    shell: &[&str],
    line: &str,
    dir: &Path,
    path: &Path,
    env: &BTreeMap<String, String>,
) -> Output {
    Command::new(shell[0])
        .args(&shell[1..])
        .arg(line)
        .current_dir(dir)
        .env_clear()
        .env("PATH", format!("{}:/usr/bin:/bin", path.display()))
        .env("HOME", dir)
        .env("NO_COLOR", "1")
        .envs(env)
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", shell[0]))
}

fn show(output: &Output) -> String {
    format!(
        "status {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn read(path: PathBuf) -> String {
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn each_recipe_builds_the_example_site_with_its_own_command_line() {
    let configured = toml::from_str::<toml::Table>(&read(repo().join("example-site/standin.toml")))
        .unwrap()["base_url"]
        .as_str()
        .unwrap()
        .to_string();
    for build in [github_build(), gitlab_build(), netlify_build()] {
        let what = build.recipe;
        assert!(
            build
                .line
                .contains("--as-of \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\""),
            "{what}: the build's instant is now: {}",
            build.line
        );
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        copy_dir(&repo().join("example-site"), &site);
        let bin = tools(dir.path());
        let output = run_in(build.shell, &build.line, &site, &bin, &build.env);
        assert!(
            output.status.success(),
            "{what}: {}\n{}",
            build.line,
            show(&output)
        );

        // Where the recipes publish from: public/, standin's default.
        let out = site.join("public");
        assert!(out.join("index.html").is_file(), "{what}");
        let base = format!("{}/", build.base_url);

        // The host's address, not the one in standin.toml, everywhere an
        // absolute link is needed; one slash after it.
        let sitemap = read(out.join("sitemap.xml"));
        let locs: Vec<&str> = sitemap
            .split("<loc>")
            .skip(1)
            .map(|l| &l[..l.find("</loc>").unwrap()])
            .collect();
        assert!(locs.len() > 10, "{what}: {sitemap}");
        for loc in &locs {
            assert!(loc.starts_with(&base), "{what}: {loc} is not under {base}");
            assert!(!loc[base.len()..].starts_with('/'), "{what}: {loc}");
        }
        assert!(
            locs.contains(&base.as_str()),
            "{what}: the home page {base}"
        );
        for file in [
            "feeds/briefs.xml",
            "feeds/decisions.xml",
            "feeds/risks.xml",
            "404.html",
        ] {
            let text = read(out.join(file));
            assert!(
                text.contains(&base),
                "{what}: {file} has no link under {base}"
            );
            assert!(
                !text.contains(&format!("{base}/")),
                "{what}: {file}: double slash"
            );
            assert!(
                !text.contains(&configured),
                "{what}: {file} links {configured}"
            );
        }

        // "Now" is the instant the recipe's `date` gave.
        let index: serde_json::Value =
            serde_json::from_str(&read(out.join("api/index.json"))).unwrap();
        let now = chrono::DateTime::parse_from_rfc3339(index["now"].as_str().unwrap()).unwrap();
        assert_eq!(
            now,
            chrono::DateTime::parse_from_rfc3339(NOW).unwrap(),
            "{what}: {}",
            index["now"]
        );
    }
}

#[test]
fn each_recipe_checks_the_example_site_with_its_own_command_line() {
    let github = yaml_file("docs/ci/github-pages.yml");
    let gitlab = yaml_file("docs/ci/gitlab-ci.yml");
    let check_step = |job: &str| {
        steps(&github["jobs"][job])
            .iter()
            .find_map(|s| s["run"].as_str().filter(|r| r.starts_with("standin check")))
            .unwrap_or_else(|| panic!("the {job} job checks the wraps"))
            .to_string()
    };
    let lines = [
        ("github-pages.yml check", check_step("check")),
        ("github-pages.yml build", check_step("build")),
        (
            "gitlab-ci.yml check",
            gitlab["check"]["script"][0].as_str().unwrap().to_string(),
        ),
    ];
    assert_eq!(lines[0].1, "standin check --format github");
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&repo().join("example-site"), &site);
    let bin = tools(dir.path());
    for (what, line) in lines {
        let output = run_in(&["sh", "-e", "-c"], &line, &site, &bin, &BTreeMap::new());
        assert!(output.status.success(), "{what}: {line}\n{}", show(&output));
    }
}

/// The workflow `post-brief.md` tells teams to add.
fn post_brief_workflow() -> Yaml {
    yaml_block("docs/ci/post-brief.md", "# Posts the latest brief")
}

fn install_step(job: &Yaml, what: &str) -> String {
    let named = |name: &str| {
        steps(job)
            .iter()
            .find(|s| s["name"].as_str() == Some(name))
            .unwrap_or_else(|| panic!("{what}: no step {name}"))
            .clone()
    };
    let cache = named("Cache standin");
    assert_eq!(
        cache["with"]["key"].as_str(),
        Some("standin-${{ env.STANDIN_VERSION }}-${{ runner.os }}-${{ runner.arch }}"),
        "{what}: the cache holds one release"
    );
    assert_eq!(
        cache["with"]["path"].as_str(),
        Some("~/.standin/${{ env.STANDIN_VERSION }}"),
        "{what}"
    );
    named("Install standin")["run"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Every GitHub workflow installs standin with the same script, so what
/// the tests below prove of one holds for all.
fn github_install_script() -> String {
    let pages = yaml_file("docs/ci/github-pages.yml");
    let brief = post_brief_workflow();
    let scripts = [
        install_step(&pages["jobs"]["check"], "github-pages.yml check"),
        install_step(&pages["jobs"]["build"], "github-pages.yml build"),
        install_step(&brief["jobs"]["post"], "post-brief.md"),
    ];
    assert_eq!(scripts[0], scripts[1], "the two jobs install alike");
    assert_eq!(
        scripts[0], scripts[2],
        "post-brief.md installs as the site does"
    );
    for env in [&pages["env"], &brief["env"]] {
        let env = str_map(env);
        assert_eq!(env["STANDIN_REPO_URL"], RECIPE_REPO_URL);
        assert_eq!(
            env["STANDIN_VERSION"],
            str_map(&pages["env"])["STANDIN_VERSION"]
        );
        assert_eq!(env["STANDIN_SHA256"], "");
    }
    scripts[0].clone()
}

fn gitlab_install_script() -> String {
    let ci = yaml_file("docs/ci/gitlab-ci.yml");
    assert_eq!(
        ci["default"]["cache"]["key"].as_str(),
        Some("standin-$STANDIN_VERSION"),
        "the cache holds one release"
    );
    let variables = str_map(&ci["variables"]);
    assert_eq!(variables["STANDIN_REPO_URL"], RECIPE_REPO_URL);
    assert_eq!(variables["STANDIN_SHA256"], "");
    let before: Vec<&str> = ci["default"]["before_script"]
        .as_vec()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    before.join("\n")
}

fn recipe_version() -> String {
    let version = str_map(&yaml_file("docs/ci/github-pages.yml")["env"])["STANDIN_VERSION"].clone();
    assert_eq!(
        version,
        str_map(&yaml_file("docs/ci/gitlab-ci.yml")["variables"])["STANDIN_VERSION"],
        "both recipes install one release"
    );
    version
}

/// Serves `dir` as `<repo>/releases/download/` on a local port, as GitHub
/// serves release files; anything else is 404.
fn serve_releases(dir: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            stream
                .set_read_timeout(Some(Duration::from_secs(10)))
                .unwrap();
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && head.len() < 16_384 {
                match stream.read(&mut byte) {
                    Ok(1) => head.push(byte[0]),
                    _ => break,
                }
            }
            let head = String::from_utf8_lossy(&head);
            let path = head.split_whitespace().nth(1).unwrap_or("/");
            let body = path
                .strip_prefix("/YOUR-ORG/standin/releases/download/")
                .filter(|p| !p.contains(".."))
                .and_then(|p| std::fs::read(dir.join(p)).ok());
            let response = match &body {
                Some(body) => format!(
                    "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                ),
                None => "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .to_string(),
            };
            let _ = stream.write_all(response.as_bytes());
            if let Some(body) = body {
                let _ = stream.write_all(&body);
            }
        }
    });
    format!("http://{address}/YOUR-ORG/standin")
}

/// A release as the release workflow lays it out: the archive for this
/// machine's architecture (a stand-in binary inside) and `SHA256SUMS`.
struct Release {
    files: PathBuf,
    archive: String,
    sums_line: String,
}

fn release(root: &Path, version: &str) -> Release {
    let name = format!(
        "standin-{version}-{}-unknown-linux-musl",
        std::env::consts::ARCH
    );
    let stage = root.join("stage");
    std::fs::create_dir_all(stage.join(&name)).unwrap();
    script(
        &stage.join(&name).join("standin"),
        &format!("#!/bin/sh\necho 'standin {version} (released)'\n"),
    );
    std::fs::write(stage.join(&name).join("README.md"), "standin\n").unwrap();
    let files = root.join("releases");
    let dir = files.join(format!("v{version}"));
    std::fs::create_dir_all(&dir).unwrap();
    let archive = format!("{name}.tar.gz");
    let tar = Command::new("tar")
        .args(["-czf", dir.join(&archive).to_str().unwrap(), &name])
        .current_dir(&stage)
        .output()
        .unwrap();
    assert!(tar.status.success(), "{}", show(&tar));
    let sum = Command::new("sha256sum")
        .arg(&archive)
        .current_dir(&dir)
        .output()
        .unwrap();
    let sums_line = String::from_utf8(sum.stdout).unwrap();
    std::fs::write(
        dir.join("SHA256SUMS"),
        format!(
            "{}  standin-{version}-other-unknown-linux-musl.tar.gz\n{sums_line}",
            "0".repeat(64)
        ),
    )
    .unwrap();
    Release {
        files,
        archive,
        sums_line: sums_line.trim_end().to_string(),
    }
}

/// One CI system's install step, and where it leaves standin.
struct Install {
    shell: &'static [&'static str],
    script: String,
    /// The directory the binary is installed in, under the run's directory.
    bin: fn(&Path, &str) -> PathBuf,
    /// Extra variables the CI system sets, given the run's directory.
    env: fn(&Path) -> Vec<(String, String)>,
}

fn github_install() -> Install {
    Install {
        shell: &["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c"],
        script: github_install_script(),
        bin: |dir, version| dir.join(format!("home/.standin/{version}/bin")),
        env: |dir| {
            std::fs::create_dir_all(dir.join("runner")).unwrap();
            vec![
                ("HOME".into(), dir.join("home").display().to_string()),
                (
                    "RUNNER_TEMP".into(),
                    dir.join("runner").display().to_string(),
                ),
                (
                    "GITHUB_PATH".into(),
                    dir.join("github_path").display().to_string(),
                ),
            ]
        },
    }
}

fn gitlab_install() -> Install {
    Install {
        shell: &["sh", "-e", "-c"],
        script: gitlab_install_script(),
        bin: |dir, version| {
            dir.join(format!(
                "project/.standin/{version}/{}/bin",
                std::env::consts::ARCH
            ))
        },
        env: |dir| {
            std::fs::create_dir_all(dir.join("project")).unwrap();
            vec![(
                "CI_PROJECT_DIR".into(),
                dir.join("project").display().to_string(),
            )]
        },
    }
}

/// Runs `install` in a fresh directory against `repo_url`, with a `cargo`
/// that records its arguments and makes a stand-in binary where it is told.
fn run_install(install: &Install, dir: &Path, repo_url: &str, sha256: &str) -> (Output, String) {
    let fake = dir.join("fake-bin");
    std::fs::create_dir_all(&fake).unwrap();
    let cargo_args = dir.join("cargo-args");
    script(
        &fake.join("cargo"),
        &format!(
            "#!/bin/sh\necho \"$*\" > '{}'\nroot=; prev=\n\
             for a in \"$@\"; do [ \"$prev\" = --root ] && root=\"$a\"; prev=\"$a\"; done\n\
             mkdir -p \"$root/bin\"\nprintf '#!/bin/sh\\necho standin built\\n' > \"$root/bin/standin\"\n\
             chmod +x \"$root/bin/standin\"\n",
            cargo_args.display()
        ),
    );
    let mut env: BTreeMap<String, String> = (install.env)(dir).into_iter().collect();
    env.insert("STANDIN_REPO_URL".into(), repo_url.into());
    env.insert("STANDIN_VERSION".into(), recipe_version());
    env.insert("STANDIN_SHA256".into(), sha256.into());
    let output = run_in(install.shell, &install.script, dir, &fake, &env);
    let cargo = std::fs::read_to_string(&cargo_args).unwrap_or_default();
    (output, cargo)
}

fn installs_the_release_and_refuses_what_does_not_match(install: &Install) {
    let version = recipe_version();
    let root = tempfile::tempdir().unwrap();
    let release = release(root.path(), &version);
    let repo_url = serve_releases(release.files.clone());
    let sums = release.files.join(format!("v{version}/SHA256SUMS"));
    let good_sums = std::fs::read_to_string(&sums).unwrap();
    let hash = release.sums_line[..64].to_string();
    let installed = |dir: &Path| (install.bin)(dir, &version).join("standin");

    // The release, checked against SHA256SUMS; cargo never runs.
    let dir = tempfile::tempdir().unwrap();
    let (output, cargo) = run_install(install, dir.path(), &repo_url, "");
    assert!(output.status.success(), "{}", show(&output));
    assert_eq!(cargo, "", "no build when the release has the archive");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains(&format!("release checksum: {}", release.sums_line)),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("standin {version} (released)")),
        "{stdout}"
    );
    assert!(installed(dir.path()).is_file());
    if let Ok(github_path) = std::fs::read_to_string(dir.path().join("github_path")) {
        assert_eq!(
            github_path.trim(),
            (install.bin)(dir.path(), &version).display().to_string()
        );
    }

    // Cached: the next run of this version downloads nothing, even with
    // the release gone.
    std::fs::rename(&sums, root.path().join("away")).unwrap();
    let (output, cargo) = run_install(install, dir.path(), &repo_url, "");
    assert!(output.status.success(), "{}", show(&output));
    assert_eq!(cargo, "");
    assert!(!String::from_utf8_lossy(&output.stdout).contains("release checksum"));
    std::fs::rename(root.path().join("away"), &sums).unwrap();

    // Pinned by its SHA-256: the right one installs, any other is refused.
    let dir = tempfile::tempdir().unwrap();
    let (output, _) = run_install(install, dir.path(), &repo_url, &hash);
    assert!(output.status.success(), "{}", show(&output));
    let other = format!(
        "{}{}",
        &hash[..63],
        if hash.ends_with('0') { '1' } else { '0' }
    );
    let dir = tempfile::tempdir().unwrap();
    let (output, cargo) = run_install(install, dir.path(), &repo_url, &other);
    assert!(!output.status.success(), "{}", show(&output));
    assert!(!installed(dir.path()).exists(), "nothing installed");
    assert_eq!(cargo, "", "a mismatch is no reason to build");

    // An archive that is not the one SHA256SUMS lists is refused, and so
    // is a SHA256SUMS that lists no archive for this machine.
    for (sums_text, why) in [
        (
            good_sums.replace(&hash, &"ab".repeat(32)),
            "a changed archive",
        ),
        (
            good_sums.replace(&release.sums_line, ""),
            "no checksum for this archive",
        ),
    ] {
        std::fs::write(&sums, sums_text).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let (output, cargo) = run_install(install, dir.path(), &repo_url, "");
        assert!(!output.status.success(), "{why}: {}", show(&output));
        assert!(!installed(dir.path()).exists(), "{why}");
        assert_eq!(cargo, "", "{why}");
    }
    std::fs::write(&sums, &good_sums).unwrap();

    // No archive for this machine: the tag is built, locked, from the
    // repository the recipe names.
    std::fs::remove_file(
        release
            .files
            .join(format!("v{version}/{}", release.archive)),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (output, cargo) = run_install(install, dir.path(), &repo_url, "");
    assert!(output.status.success(), "{}", show(&output));
    let root_dir = (install.bin)(dir.path(), &version);
    assert_eq!(
        cargo.trim(),
        format!(
            "install --locked --git {repo_url} --tag v{version} --root {} standin",
            root_dir.parent().unwrap().display()
        )
    );
    assert!(installed(dir.path()).is_file());
}

#[test]
fn the_github_install_step_installs_the_release_and_refuses_what_does_not_match() {
    installs_the_release_and_refuses_what_does_not_match(&github_install());
}

#[test]
fn the_gitlab_install_step_installs_the_release_and_refuses_what_does_not_match() {
    if Command::new("wget").arg("--version").output().is_err() {
        eprintln!("SKIPPED: no wget on this machine");
        return;
    }
    installs_the_release_and_refuses_what_does_not_match(&gitlab_install());
}

#[test]
fn the_recipes_pin_what_they_run() {
    // Every action by a full commit, the version beside it.
    let text = read(repo().join("docs/ci/github-pages.yml"))
        + &read(repo().join("docs/ci/post-brief.md"))
        + &read(repo().join(".github/workflows/release.yml"));
    let uses: Vec<&str> = text
        .lines()
        .filter_map(|l| l.trim().trim_start_matches("- ").strip_prefix("uses: "))
        .collect();
    assert!(uses.len() >= 8, "{uses:?}");
    for line in uses {
        let (action, comment) = line.split_once(" # v").unwrap_or_else(|| panic!("{line}"));
        let sha = action.split_once('@').unwrap().1;
        assert!(
            sha.len() == 40 && sha.bytes().all(|b| b.is_ascii_hexdigit()),
            "{line}: pinned by commit"
        );
        assert!(comment.starts_with(|c: char| c.is_ascii_digit()), "{line}");
    }
    // The release the recipes install is this crate's version's tag
    // scheme, and the GitLab image is the release toolchain.
    let version = recipe_version();
    assert!(
        version.split('.').count() == 3 && version.split('.').all(|p| p.parse::<u32>().is_ok()),
        "{version}"
    );
    let toolchain =
        str_map(&yaml_file(".github/workflows/release.yml")["env"])["RUST_TOOLCHAIN"].clone();
    assert_eq!(
        yaml_file("docs/ci/gitlab-ci.yml")["default"]["image"].as_str(),
        Some(format!("rust:{toolchain}-alpine3.23").as_str())
    );
    assert!(
        read(repo().join("Dockerfile"))
            .contains(&format!("FROM rust:{toolchain}-alpine3.23 AS build")),
        "the image is built with the release toolchain"
    );
}

/// The review recipes of `docs/ci/review-diff.md`: the GitHub workflow's
/// comment step and the GitLab job's script, run as written against the
/// review fixture, with `gh` and `curl` replaced by scripts that answer
/// with the comments a pull request has (through the real `jq`, with the
/// recipe's own filter) and keep what is posted.
mod review {
    use super::*;
    use common::git::{fixture_repo, git};

    /// The GitHub workflow in review-diff.md.
    fn workflow() -> Yaml {
        yaml_block("docs/ci/review-diff.md", "# Comments on each pull request")
    }

    /// The GitLab job in review-diff.md.
    fn gitlab_job() -> Yaml {
        yaml_block("docs/ci/review-diff.md", "handover-review:")["handover-review"].clone()
    }

    /// Fake `gh`, `curl` and `apk`: each call is logged; a listing answers
    /// `comments.json` (through `jq` for gh's `--jq`); what is posted is
    /// kept in `posted.md`.
    fn fakes(bin: &Path) {
        script(
            &bin.join("gh"),
            "#!/bin/sh\nprintf '%s\\n' \"$*\" >> \"$HOME/calls.log\"\nprev=''\nexpr=''\n\
             for a in \"$@\"; do\n  [ \"$prev\" = --jq ] && expr=\"$a\"\n  \
             case \"$a\" in body=@*) cp \"${a#body=@}\" \"$HOME/posted.md\";; esac\n  prev=\"$a\"\ndone\n\
             if [ -n \"$expr\" ]; then jq -r \"$expr\" \"$HOME/comments.json\"; fi\n",
        );
        script(
            &bin.join("curl"),
            "#!/bin/sh\nprintf '%s\\n' \"$*\" >> \"$HOME/calls.log\"\nposted=''\n\
             for a in \"$@\"; do case \"$a\" in body@*) cp \"${a#body@}\" \"$HOME/posted.md\"; posted=1;; esac; done\n\
             [ -z \"$posted\" ] && cat \"$HOME/comments.json\"\nexit 0\n",
        );
        script(&bin.join("apk"), "#!/bin/sh\nexit 0\n");
    }

    /// Runs `line` with `shell` in the fixture's site, with `comments`
    /// already on the pull request; the calls made and what was posted.
    fn run_recipe(
        shell: &[&str],
        line: &str,
        env: &BTreeMap<String, String>,
        comments: &str,
    ) -> (Output, String, String) {
        let repo = fixture_repo();
        let site = repo.path().join("handoffs");
        let home = tempfile::tempdir().unwrap();
        let bin = tools(home.path());
        fakes(&bin);
        std::fs::write(home.path().join("comments.json"), comments).unwrap();
        let mut env = env.clone();
        env.insert("RUNNER_TEMP".into(), home.path().display().to_string());
        env.insert("CI_PROJECT_DIR".into(), site.display().to_string());
        let base = git(repo.path(), &["rev-parse", "HEAD~1"]);
        env.insert(
            "CI_MERGE_REQUEST_DIFF_BASE_SHA".into(),
            base.trim().to_string(),
        );
        let output = Command::new(shell[0])
            .args(&shell[1..])
            .arg(line)
            .current_dir(&site)
            .env_clear()
            .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
            .env("HOME", home.path())
            .env("NO_COLOR", "1")
            .envs(&env)
            .output()
            .unwrap();
        let calls = std::fs::read_to_string(home.path().join("calls.log")).unwrap_or_default();
        let posted = std::fs::read_to_string(home.path().join("posted.md")).unwrap_or_default();
        (output, calls, posted)
    }

    const EXISTING: &str = r#"[{"id": 1, "body": "Looks good"}, {"id": 42, "body": "<!-- standin diff -->\nold review"}]"#;
    const NONE: &str = r#"[{"id": 1, "body": "Looks good"}]"#;

    fn github_step(name: &str) -> (String, BTreeMap<String, String>) {
        let workflow = workflow();
        let step = steps(&workflow["jobs"]["review"])
            .iter()
            .find(|s| s["name"].as_str() == Some(name))
            .unwrap_or_else(|| panic!("a step named {name}"));
        let mut env = BTreeMap::new();
        for (key, value) in str_map(&step["env"]) {
            let value = match value.as_str() {
                "${{ github.token }}" => "token".to_string(),
                "${{ github.event.pull_request.number }}" => "7".to_string(),
                "${{ github.repository }}" => "northwind/handoffs".to_string(),
                v => panic!("give {key} = {v} a value in this test"),
            };
            env.insert(key, value);
        }
        (step["run"].as_str().unwrap().to_string(), env)
    }

    const BASH: &[&str] = &["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c"];

    #[test]
    fn the_github_job_posts_one_comment_then_updates_it() {
        let workflow = workflow();
        let checkout = &steps(&workflow["jobs"]["review"])[0];
        assert_eq!(checkout["with"]["fetch-depth"].as_i64(), Some(0));
        let (run, env) = github_step("Comment on the pull request");
        let (output, calls, posted) = run_recipe(BASH, &run, &env, NONE);
        assert!(output.status.success(), "{}", show(&output));
        assert!(posted.starts_with("<!-- standin diff -->\n"), "{posted}");
        assert!(posted.contains("**resolved** `INC-1`"), "{posted}");
        let calls: Vec<&str> = calls.lines().collect();
        assert_eq!(calls.len(), 2, "{calls:?}");
        assert!(
            calls[0].starts_with("api --paginate repos/northwind/handoffs/issues/7/comments --jq")
        );
        assert!(
            calls[1].starts_with(
                "api --method POST repos/northwind/handoffs/issues/7/comments -F body=@"
            )
        );

        let (output, calls, posted) = run_recipe(BASH, &run, &env, EXISTING);
        assert!(output.status.success(), "{}", show(&output));
        assert!(posted.starts_with("<!-- standin diff -->\n"));
        let last = calls.lines().last().unwrap();
        assert!(
            last.starts_with(
                "api --method PATCH repos/northwind/handoffs/issues/comments/42 -F body=@"
            ),
            "{calls}"
        );

        let (annotate, env) = github_step("Annotate the changed lines");
        let (output, _, _) = run_recipe(BASH, &annotate, &env, NONE);
        assert!(output.status.success(), "{}", show(&output));
        assert!(String::from_utf8_lossy(&output.stdout).contains("::notice file=wraps/"));
    }

    #[test]
    fn the_gitlab_job_posts_one_note_then_updates_it() {
        let job = gitlab_job();
        assert_eq!(job["variables"]["GIT_DEPTH"].as_i64(), Some(0));
        let script: Vec<&str> = job["script"]
            .as_vec()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap())
            .collect();
        let script = script.join("\n");
        let env = BTreeMap::from([
            (
                "CI_API_V4_URL".to_string(),
                "https://gitlab.example/api/v4".to_string(),
            ),
            ("CI_PROJECT_ID".to_string(), "5".to_string()),
            ("CI_MERGE_REQUEST_IID".to_string(), "9".to_string()),
            ("STANDIN_REVIEW_TOKEN".to_string(), "secret".to_string()),
        ]);
        let sh: &[&str] = &["sh", "-e", "-c"];
        let (output, calls, posted) = run_recipe(sh, &script, &env, NONE);
        assert!(output.status.success(), "{}", show(&output));
        assert!(posted.contains("**made** `redis-sessions`"), "{posted}");
        let notes = "https://gitlab.example/api/v4/projects/5/merge_requests/9/notes";
        let calls: Vec<&str> = calls.lines().collect();
        assert_eq!(calls.len(), 2, "{calls:?}");
        assert!(
            calls[0].contains(&format!("{notes}?per_page=100")),
            "{calls:?}"
        );
        assert!(
            calls[1].contains("-X POST") && calls[1].ends_with(notes),
            "{calls:?}"
        );

        let (output, calls, _) = run_recipe(sh, &script, &env, EXISTING);
        assert!(output.status.success(), "{}", show(&output));
        let last = calls.lines().last().unwrap();
        assert!(
            last.contains("-X PUT") && last.ends_with(&format!("{notes}/42")),
            "{calls}"
        );
    }
}
