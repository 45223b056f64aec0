//! A `standin serve` process for tests, on a free port, killed on drop.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::{copy_dir, fixture, standin};

/// A running `standin serve`, killed when dropped.
pub struct Server {
    child: Child,
    pub url: String,
    _site: tempfile::TempDir,
    pub site: std::path::PathBuf,
    /// What the server printed on stderr so far (its diagnostics).
    stderr: Arc<Mutex<String>>,
}

impl Server {
    /// What the server printed on stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }
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
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read as it comes, so the server never blocks on a full pipe.
    let stderr = Arc::new(Mutex::new(String::new()));
    let mut pipe = child.stderr.take().unwrap();
    let kept = stderr.clone();
    std::thread::spawn(move || {
        let mut chunk = [0u8; 4096];
        while let Ok(n @ 1..) = pipe.read(&mut chunk) {
            kept.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&chunk[..n]));
        }
    });
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
        stderr,
    }
}
