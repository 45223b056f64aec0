//! Injected failures, for the tests that prove an interrupted or failed
//! build is repaired by the next one. Read once from `STANDIN_FAULT`; unset
//! in normal use, where every check is a comparison with `None`.
//!
//! `STANDIN_FAULT=<point>:<n>` acts at the (n+1)-th operation of a point:
//! - `stage-full` / `commit-full`: the write or rename fails as on a full
//!   disk;
//! - `stage-stall` / `commit-stall`: the process prints
//!   `standin: fault: stalled` to stderr and waits to be killed.

use std::io;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Point {
    Stage,
    Commit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Full,
    Stall,
}

#[derive(Debug, Clone, Copy)]
struct Fault {
    point: Point,
    action: Action,
    after: usize,
}

fn configured() -> Option<Fault> {
    static FAULT: OnceLock<Option<Fault>> = OnceLock::new();
    *FAULT.get_or_init(|| {
        let spec = std::env::var("STANDIN_FAULT").ok()?;
        let (what, after) = spec.split_once(':')?;
        let (point, action) = match what {
            "stage-full" => (Point::Stage, Action::Full),
            "stage-stall" => (Point::Stage, Action::Stall),
            "commit-full" => (Point::Commit, Action::Full),
            "commit-stall" => (Point::Commit, Action::Stall),
            _ => return None,
        };
        Some(Fault {
            point,
            action,
            after: after.parse().ok()?,
        })
    })
}

/// Called before the `done`-th (from 0) operation at `point`.
pub(super) fn check(point: Point, done: usize) -> io::Result<()> {
    let Some(fault) = configured() else {
        return Ok(());
    };
    if fault.point != point || done != fault.after {
        return Ok(());
    }
    match fault.action {
        Action::Full => Err(io::Error::new(
            io::ErrorKind::StorageFull,
            "No space left on device (injected by STANDIN_FAULT)",
        )),
        Action::Stall => {
            eprintln!("standin: fault: stalled");
            loop {
                std::thread::park();
            }
        }
    }
}
