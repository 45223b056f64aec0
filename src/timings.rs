//! How long each stage of a build took, and how much memory the process
//! had used at its peak when the stage ended (`--timings`).

use std::time::{Duration, Instant};

/// One stage of a run.
#[derive(Debug, Clone, Copy)]
pub struct Lap {
    pub stage: &'static str,
    pub took: Duration,
    /// The process's peak resident memory so far, in bytes, where the
    /// system says (Linux); stages run in order, so the growth from one
    /// lap to the next is what that stage added to the peak.
    pub peak_rss: Option<u64>,
}

impl Lap {
    /// The lap as `--timings` prints it: `content    301.2 ms  peak 120 MiB`.
    pub fn line(&self) -> String {
        let ms = self.took.as_secs_f64() * 1000.0;
        match self.peak_rss {
            Some(peak) => format!("{:<8} {ms:>8.1} ms  peak {:>5} MiB", self.stage, peak >> 20),
            None => format!("{:<8} {ms:>8.1} ms", self.stage),
        }
    }
}

/// Records the laps of a run.
pub(crate) struct Timer {
    last: Instant,
    pub(crate) laps: Vec<Lap>,
}

impl Timer {
    pub(crate) fn new() -> Self {
        Self {
            last: Instant::now(),
            laps: Vec::new(),
        }
    }

    /// Ends the stage that is running.
    pub(crate) fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.laps.push(Lap {
            stage,
            took: now - self.last,
            peak_rss: peak_rss(),
        });
        self.last = now;
    }
}

/// The process's peak resident set size (`VmHWM`), where there is a
/// `/proc` to ask.
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    parse_vm_hwm(&status)
}

fn parse_vm_hwm(status: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line["VmHWM:".len()..]
        .trim()
        .strip_suffix("kB")?
        .trim()
        .parse()
        .ok()?;
    Some(kib * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_peak_from_proc_status() {
        let status = "Name:\tstandin\nVmPeak:\t  500 kB\nVmHWM:\t   2048 kB\nVmRSS:\t 1024 kB\n";
        assert_eq!(parse_vm_hwm(status), Some(2048 * 1024));
        assert_eq!(parse_vm_hwm("VmRSS:\t1 kB\n"), None);
    }

    #[test]
    fn a_lap_prints_its_peak_when_known() {
        let lap = Lap {
            stage: "content",
            took: Duration::from_millis(301),
            peak_rss: Some(120 << 20),
        };
        assert_eq!(lap.line(), "content     301.0 ms  peak   120 MiB");
        let lap = Lap {
            peak_rss: None,
            ..lap
        };
        assert_eq!(lap.line(), "content     301.0 ms");
    }
}
