//! Generates a synthetic standin site for benchmarks:
//! `cargo run --release --example gen-site -- WRAPS OUT_DIR`.
//!
//! About ten wraps a day from a dozen engineers in four teams, with risks
//! raised, updated and resolved, decisions with supersedes chains, tags and
//! bodies of realistic length. Deterministic: the same arguments give the
//! same files.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// A small deterministic generator (SplitMix64); no crate needed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const TEAMS: &[(&str, &str, i32)] = &[
    ("payments", "Asia/Tokyo", 9),
    ("platform", "Europe/Berlin", 1),
    ("checkout", "America/New_York", -5),
    ("data", "Asia/Kolkata", 5),
];
const PEOPLE: &[&str] = &[
    "ana", "bo", "cy", "dee", "eli", "fay", "gus", "hal", "ivy", "jo", "kai", "lu",
];
const TAGS: &[&str] = &[
    "redis", "sessions", "vendor", "k8s", "freeze", "pci", "latency", "ci", "mobile", "incident",
    "postgres", "billing",
];
const WORDS: &[&str] = &[
    "deploy",
    "rollback",
    "latency",
    "queue",
    "replica",
    "migration",
    "index",
    "timeout",
    "retry",
    "cache",
    "shard",
    "canary",
    "alert",
    "dashboard",
    "runbook",
    "ticket",
    "vendor",
    "webhook",
    "schema",
    "backfill",
    "throughput",
    "p99",
    "error",
    "budget",
    "capacity",
    "failover",
    "certificate",
    "release",
    "flag",
    "cluster",
    "the",
    "we",
    "after",
    "before",
    "still",
    "now",
    "checked",
    "fixed",
    "looked",
    "into",
    "with",
    "and",
    "is",
];
const SEVERITIES: &[&str] = &["low", "medium", "high", "critical"];

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(rng.pick(WORDS));
    }
    let mut chars = s.chars();
    let first = chars.next().map(|c| c.to_ascii_uppercase()).unwrap_or('X');
    format!("{first}{}.", chars.as_str())
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(count), Some(out)) = (
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
        args.get(2),
    ) else {
        eprintln!("usage: gen-site WRAPS OUT_DIR");
        std::process::exit(2);
    };
    let out = Path::new(out);
    let _ = fs::remove_dir_all(out);
    fs::create_dir_all(out.join("wraps")).unwrap();
    let mut config = String::from(
        "title = \"Synthetic handoffs\"\nbase_url = \"https://bench.example/\"\ntimezone = \"UTC\"\n",
    );
    for (team, zone, _) in TEAMS {
        writeln!(config, "\n[teams.{team}]\ntimezone = \"{zone}\"").unwrap();
    }
    fs::write(out.join("standin.toml"), config).unwrap();

    let mut rng = Rng(42);
    let mut open_risks: Vec<String> = Vec::new();
    // Risks raised today become updatable tomorrow: within a day, a later
    // file can be an earlier instant in another time zone.
    let mut raised_today: Vec<String> = Vec::new();
    let mut decisions: Vec<String> = Vec::new();
    let start = chrono_day(2020, 1, 1);
    for i in 0..count {
        let day = start + (i / 10) as i64;
        if i % 10 == 0 {
            open_risks.append(&mut raised_today);
        }
        let person = PEOPLE[i % PEOPLE.len()];
        let (team, _, offset) = TEAMS[i % TEAMS.len()];
        let minute = 17 * 60 + (i * 7) % 150;
        let (y, m, d) = civil(day);
        let path = out.join(format!(
            "wraps/{y:04}/{m:02}/{d:02}/{person}-{:02}{:02}-{i}.md",
            minute / 60,
            minute % 60
        ));
        fs::create_dir_all(path.parent().unwrap()).unwrap();

        let mut fm = format!(
            "+++\nauthor = \"{person}\"\ndate = {y:04}-{m:02}-{d:02}T{:02}:{:02}:00{}{:02}:00\nteam = \"{team}\"\nsummary = \"{}\"\ntags = [\"{}\", \"{}\"]\nnext = [\"{}\", \"{}\"]\n",
            minute / 60,
            minute % 60,
            if offset < 0 { '-' } else { '+' },
            offset.abs(),
            sentence(&mut rng, 12),
            rng.pick(TAGS),
            rng.pick(TAGS),
            sentence(&mut rng, 8),
            sentence(&mut rng, 6),
        );
        if rng.below(10) == 0 {
            let id = format!("decision-{i}");
            let supersedes = match decisions.last() {
                Some(prev) if rng.below(3) == 0 => format!("supersedes = \"{prev}\"\n"),
                _ => String::new(),
            };
            write!(
                fm,
                "\n[[decision]]\nid = \"{id}\"\ntitle = \"{}\"\nwhy = \"{}\"\n{supersedes}",
                sentence(&mut rng, 6),
                sentence(&mut rng, 14)
            )
            .unwrap();
            decisions.push(id);
        }
        if rng.below(8) == 0 {
            let id = format!("risk-{i}");
            write!(
                fm,
                "\n[[risk]]\nid = \"{id}\"\ntitle = \"{}\"\nseverity = \"{}\"\nowner = \"{person}\"\nmitigation = \"{}\"\n",
                sentence(&mut rng, 7),
                rng.pick(SEVERITIES),
                sentence(&mut rng, 9)
            )
            .unwrap();
            raised_today.push(id);
        } else if !open_risks.is_empty() && rng.below(3) == 0 {
            let which = rng.below(open_risks.len());
            let id = open_risks[which].clone();
            let status = if rng.below(3) == 0 {
                open_risks.swap_remove(which);
                "resolved"
            } else {
                "mitigating"
            };
            write!(
                fm,
                "\n[[risk]]\nid = \"{id}\"\nstatus = \"{status}\"\nnote = \"{}\"\n",
                sentence(&mut rng, 10)
            )
            .unwrap();
        }
        fm.push_str("+++\n");
        let mut body = String::from("## Done\n");
        for _ in 0..(3 + rng.below(5)) {
            let words = 6 + rng.below(12);
            writeln!(body, "- {}", sentence(&mut rng, words)).unwrap();
        }
        body.push_str("\n## Notes\n");
        for _ in 0..(1 + rng.below(4)) {
            let words = 20 + rng.below(40);
            writeln!(body, "{}\n", sentence(&mut rng, words)).unwrap();
        }
        if rng.below(4) == 0 {
            body.push_str("```sh\nkubectl -n checkout rollout status deploy/api\nredis-cli --latency -h sessions-1\n```\n");
        }
        fs::write(&path, fm + &body).unwrap();
    }
    println!(
        "wrote {count} wraps, {} decisions, {} risks still open, into {}",
        decisions.len(),
        open_risks.len() + raised_today.len(),
        out.display()
    );
}

/// Days since 1970-01-01 for a civil date, and back (Howard Hinnant's
/// algorithms), so the generator needs no date crate.
fn chrono_day(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}
