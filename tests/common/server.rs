//! A `standin serve` process for tests, on a free port, killed on drop.

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::time::Duration;

use super::{copy_dir, fixture, standin};

/// A running `standin serve`, killed when dropped.
pub struct Server {
    child: Child,
    pub url: String,
    _site: tempfile::TempDir,
    pub site: std::path::PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn serve(extra: &[&str]) -> Server {
    serve_with_env(extra, &[])
}

/// `serve` with extra environment variables for the server.
pub fn serve_with_env(extra: &[&str], env: &[(&str, &str)]) -> Server {
    let site_dir = tempfile::tempdir().unwrap();
    let site = site_dir.path().join("site");
    copy_dir(&fixture("handoff"), &site);
    let mut child = standin()
        .args(["serve", site.to_str().unwrap(), "--port", "0"])
        .args(extra)
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(url) = line.strip_prefix("standin: serving ") {
                let _ = tx.send(url.split(' ').next().unwrap().to_string());
            }
        }
    });
    let url = rx
        .recv_timeout(Duration::from_secs(20))
        .expect("the server starts");
    Server {
        child,
        url,
        _site: site_dir,
        site,
    }
}
