//! Generates a synthetic standin site for benchmarks:
//! `cargo run --release --example gen-site -- WRAPS OUT_DIR [--hugo HUGO_DIR] [--acks all|most|none]`.
//!
//! About ten wraps a day from forty people (named as they write
//! themselves, some listed in `[people]` with aliases) in six teams, with
//! risks raised, updated and resolved, decisions with supersedes chains,
//! tags, and ~2.5 KB bodies with lists, links and code blocks. Asks are
//! acknowledged by their team's first wrap of a later day: all of them,
//! nine in ten (`--acks most`), or none (`--acks none`, a team that has
//! not adopted `[ack]`); the bodies are the same in every mode.
//! Deterministic: the same arguments give the same files. With
//! `--hugo HUGO_DIR`, also writes the same bodies as a Hugo site with a
//! minimal theme, for side-by-side builds (`bench/vs-hugo.sh`).

use std::collections::HashSet;
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

/// Team ids (keys of `[teams]`), the names pages show, and time zones
/// with their standard UTC offsets in minutes (for writing `date`; one the
/// zone never has would be warning W009 on every wrap of the team).
const TEAMS: &[(&str, &str, &str, i32)] = &[
    ("payments", "Payments", "Asia/Tokyo", 9 * 60),
    ("platform", "Platform", "Europe/Berlin", 60),
    ("checkout", "Checkout", "America/New_York", -5 * 60),
    ("data", "Data & ML", "Asia/Kolkata", 5 * 60 + 30),
    ("sre", "SRE", "Europe/London", 0),
    ("mobile", "Mobile", "America/Sao_Paulo", -3 * 60),
];

/// Forty people named as they write themselves: accents, two-part names,
/// handles. The first dozen are listed in `[people]` with aliases and
/// sometimes sign with a handle or an e-mail instead of their name.
const PEOPLE: &[&str] = &[
    "Zoë Ångström",
    "Kobzol",
    "Inés Navarro",
    "Jörg Müller",
    "Siobhán O'Neill",
    "Nguyễn Văn An",
    "Ana María López",
    "Bo",
    "François Dubois",
    "Łukasz Wójcik",
    "Chidi Okafor",
    "Priya Raghunathan",
    "mkaufmann",
    "Yuki Tanaka",
    "Oskar Nyström",
    "Aleksandr Ivanov",
    "Søren Kierkegaard-Hansen",
    "Fatima Zahra El Idrissi",
    "João Gonçalves",
    "dee",
    "Émilie Côté",
    "Mateus Araújo",
    "Hana Novák",
    "Tomás Ó Briain",
    "Kwame Mensah",
    "Lena Schäfer",
    "Rafael Domínguez",
    "Ingrid Bjørnstad",
    "Wei Zhang",
    "Ayşe Yılmaz",
    "Mariam Haddad",
    "Pavel Dvořák",
    "sasha.k",
    "Nils Andersson",
    "Dolores Peña",
    "Henrik Lund",
    "Amara Nwosu",
    "Gábor Szabó",
    "Keiko Watanabe",
    "Marek Horváth",
];
const LISTED: usize = 12;

const TAGS: &[&str] = &[
    "redis",
    "sessions",
    "vendor",
    "k8s",
    "freeze",
    "pci",
    "latency",
    "ci",
    "mobile",
    "incident",
    "postgres",
    "billing",
    "Kafka",
    "Terraform",
    "on-call",
    "iOS",
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
    "partition",
    "consumer",
    "lag",
    "pipeline",
    "terraform",
    "quota",
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
    "for",
    "on",
    "it",
];
const CODE: &[&str] = &[
    "```sh\nkubectl -n checkout rollout status deploy/api\nkubectl -n checkout get pods -l app=api -o wide\nredis-cli --latency -h sessions-1\n```\n",
    "```sql\nSELECT account_id, count(*) AS retries\nFROM payment_attempts\nWHERE created_at > now() - interval '1 hour'\nGROUP BY account_id\nORDER BY retries DESC\nLIMIT 20;\n```\n",
    "```yaml\nresources:\n  requests:\n    cpu: 500m\n    memory: 1Gi\n  limits:\n    memory: 2Gi\n```\n",
    "```text\nERROR 2026-11-20T17:02:11Z worker-7 consumer lag 48213 on partition 11\nWARN  2026-11-20T17:02:14Z worker-7 rebalancing group payments-events\n```\n",
];
const LINKS: &[(&str, &str)] = &[
    (
        "the dashboard",
        "https://grafana.bench.example/d/api-latency?orgId=1&from=now-6h",
    ),
    (
        "the runbook",
        "https://runbooks.bench.example/redis/failover",
    ),
    ("the PR", "https://git.bench.example/platform/infra/pull/"),
    ("the ticket", "https://tracker.bench.example/browse/OPS-"),
    ("the vendor status page", "https://status.vendor.example/"),
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

/// A sentence with inline code or a link now and then.
fn rich_sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = sentence(rng, words);
    match rng.below(6) {
        0 => {
            let (text, url) = LINKS[rng.below(LINKS.len())];
            let n = 1000 + rng.below(9000);
            let url = if url.ends_with('/') || url.ends_with('-') {
                format!("{url}{n}")
            } else {
                url.to_string()
            };
            s.pop();
            write!(s, ", see [{text}]({url}).").unwrap();
        }
        1 => {
            s.pop();
            write!(s, " in `{}-{}`.", rng.pick(WORDS), rng.below(12)).unwrap();
        }
        _ => {}
    }
    s
}

/// The key a listed person has in `[people]`, and their handle.
fn handle(person: usize) -> String {
    format!("user{person:02}")
}

/// How wrap `i` by `person` names its author: listed people sometimes sign
/// with their handle or e-mail.
fn author_as_written(rng: &mut Rng, person: usize) -> String {
    if person < LISTED {
        match rng.below(4) {
            0 => return handle(person),
            1 => return format!("{}@bench.example", handle(person)),
            _ => {}
        }
    }
    PEOPLE[person].to_string()
}

/// The body of a wrap: ~2.5 KB of lists, paragraphs, links and code.
fn body(rng: &mut Rng) -> String {
    let mut body = String::from("## Done\n");
    for _ in 0..(4 + rng.below(4)) {
        let words = 8 + rng.below(12);
        writeln!(body, "- {}", rich_sentence(rng, words)).unwrap();
    }
    body.push_str("\n## Notes\n");
    for _ in 0..(3 + rng.below(3)) {
        let sentences = 3 + rng.below(3);
        let paragraph: Vec<String> = (0..sentences)
            .map(|_| {
                let words = 8 + rng.below(12);
                rich_sentence(rng, words)
            })
            .collect();
        writeln!(body, "{}\n", paragraph.join(" ")).unwrap();
    }
    if rng.below(2) == 0 {
        body.push_str(CODE[rng.below(CODE.len())]);
        body.push('\n');
    }
    body.push_str("## Links\n");
    for _ in 0..(1 + rng.below(3)) {
        let (text, url) = LINKS[rng.below(LINKS.len())];
        let n = 1000 + rng.below(9000);
        writeln!(
            body,
            "- [{} {n}]({url}{n})",
            text.trim_start_matches("the ")
        )
        .unwrap();
    }
    body
}

/// The key standin knows a person by: their `[people]` key when listed,
/// else the slug of their name.
fn person_key(person: usize) -> String {
    if person < LISTED {
        handle(person)
    } else {
        slug::slugify(PEOPLE[person])
    }
}

/// How many asks their teams acknowledge (`--acks`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Acks {
    /// Every ask, at the team's first wrap of a later day.
    All,
    /// Nine in ten; the tenth is never acknowledged.
    Most,
    /// None: a team that has not adopted `[ack]`.
    None,
}

/// An ask waiting for its team: its id, the day it was asked, and whether
/// someone already took it.
struct Waiting {
    id: String,
    day: i64,
    taken: bool,
}

/// A TOML basic string.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(count), Some(out)) = (
        args.get(1).and_then(|n| n.parse::<usize>().ok()),
        args.get(2),
    ) else {
        eprintln!("usage: gen-site WRAPS OUT_DIR [--hugo HUGO_DIR] [--acks all|most|none]");
        std::process::exit(2);
    };
    let usage = || -> ! {
        eprintln!("usage: gen-site WRAPS OUT_DIR [--hugo HUGO_DIR] [--acks all|most|none]");
        std::process::exit(2);
    };
    let mut hugo = None;
    let mut acks = Acks::All;
    let mut rest = args[3..].iter();
    while let Some(flag) = rest.next() {
        match (flag.as_str(), rest.next().map(String::as_str)) {
            ("--hugo", Some(dir)) => hugo = Some(Path::new(dir).to_path_buf()),
            ("--acks", Some("all")) => acks = Acks::All,
            ("--acks", Some("most")) => acks = Acks::Most,
            ("--acks", Some("none")) => acks = Acks::None,
            _ => usage(),
        }
    }
    let out = Path::new(out);
    let _ = fs::remove_dir_all(out);
    fs::create_dir_all(out.join("wraps")).unwrap();
    let mut config = String::from(
        "title = \"Synthetic handoffs\"\nbase_url = \"https://bench.example/\"\ntimezone = \"UTC\"\n",
    );
    for (team, name, zone, _) in TEAMS {
        writeln!(
            config,
            "\n[teams.{team}]\nname = {}\ntimezone = \"{zone}\"",
            quoted(name)
        )
        .unwrap();
    }
    for (person, name) in PEOPLE.iter().enumerate().take(LISTED) {
        let handle = handle(person);
        writeln!(
            config,
            "\n[people.{handle}]\nname = {}\naliases = [\"{handle}@bench.example\"]\nteam = \"{}\"",
            quoted(name),
            TEAMS[person % TEAMS.len()].0
        )
        .unwrap();
    }
    fs::write(out.join("standin.toml"), config).unwrap();
    if let Some(hugo) = &hugo {
        hugo_skeleton(hugo);
    }

    let mut rng = Rng(42);
    // Which asks `--acks most` leaves unacknowledged: a generator of its
    // own, so that the bodies are the same in every mode.
    let mut drops = Rng(7);
    let mut dropped: HashSet<String> = HashSet::new();
    let mut open_risks: Vec<String> = Vec::new();
    // Risks raised today become updatable tomorrow: within a day, a later
    // file can be an earlier instant in another time zone.
    let mut raised_today: Vec<String> = Vec::new();
    let mut decisions: Vec<String> = Vec::new();
    let mut bytes = 0usize;
    // Asks each team has to pick up. A team's first wrap on a later day
    // acknowledges them (most done, some taken and done the day after, a
    // few declined), as a team that reads its brief does.
    let mut waiting: Vec<Vec<Waiting>> = (0..TEAMS.len()).map(|_| Vec::new()).collect();
    let mut ask_ids: HashSet<String> = HashSet::new();
    let start = chrono_day(2020, 1, 1);
    for i in 0..count {
        let day = start + (i / 10) as i64;
        if i % 10 == 0 {
            open_risks.append(&mut raised_today);
        }
        let person = i % PEOPLE.len();
        let (team, _, _, offset) = TEAMS[person % TEAMS.len()];
        let author = author_as_written(&mut rng, person);
        let minute = 17 * 60 + (i * 7) % 150;
        let (y, m, d) = civil(day);
        let file_name = format!(
            "{}-{:02}{:02}-{i}.md",
            handle(person),
            minute / 60,
            minute % 60
        );
        let folder = format!("wraps/{y:04}/{m:02}/{d:02}");
        let path = out.join(&folder).join(&file_name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();

        let date = format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:00{}{:02}:{:02}",
            minute / 60,
            minute % 60,
            if offset < 0 { '-' } else { '+' },
            offset.abs() / 60,
            offset.abs() % 60,
        );
        let summary = sentence(&mut rng, 12);
        let tags = [rng.pick(TAGS), rng.pick(TAGS)];
        let asks = [sentence(&mut rng, 8), sentence(&mut rng, 6)];
        let mut fm = format!(
            "+++\nauthor = {}\ndate = {date}\nteam = \"{team}\"\nsummary = \"{summary}\"\ntags = [\"{}\", \"{}\"]\nnext = [\"{}\", \"{}\"]\n",
            quoted(&author),
            tags[0],
            tags[1],
            asks[0],
            asks[1],
        );
        let team_index = person % TEAMS.len();
        let (due, later): (Vec<Waiting>, Vec<Waiting>) =
            waiting[team_index].drain(..).partition(|w| w.day < day);
        waiting[team_index] = later;
        // The acknowledgements are drawn whatever `acks` says, and only
        // their writing is left out, so that every mode has the same bodies.
        let mut ack_lines = String::new();
        for mut ask in due {
            let first_turn = !ask.taken;
            let verb = match (ask.taken, rng.below(10)) {
                (true, _) => "done",
                (false, 0) => "declined: another team owns it",
                (false, 1 | 2) => {
                    ask.taken = true;
                    "taken"
                }
                (false, 3) => "done: see the notes",
                _ => "done",
            };
            // One ask in ten is never acknowledged: decided at its first
            // turn, by a generator of its own.
            if acks == Acks::Most && first_turn && drops.below(10) == 0 {
                dropped.insert(ask.id.clone());
            }
            let written = match acks {
                Acks::All => true,
                Acks::Most => !dropped.contains(&ask.id),
                Acks::None => false,
            };
            if written {
                writeln!(ack_lines, "{} = \"{verb}\"", ask.id).unwrap();
            }
            if ask.taken && verb == "taken" {
                ask.day = day;
                waiting[team_index].push(ask);
            }
        }
        if !ack_lines.is_empty() {
            fm.push_str("\n[ack]\n");
            fm.push_str(&ack_lines);
        }
        // Two asks can hash alike: standin gives them longer codes, as
        // `assign_ids` does for the ledger.
        let codes: Vec<_> = asks
            .iter()
            .map(|ask| standin::content::generated(&person_key(person), m as u32, d as u32, ask))
            .collect();
        let refs: Vec<_> = codes.iter().collect();
        for assigned in standin::ledger::assign_ids(&refs, |id| ask_ids.contains(id)) {
            ask_ids.insert(assigned.id.clone());
            waiting[team_index].push(Waiting {
                id: assigned.id,
                day,
                taken: false,
            });
        }
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
                "\n[[risk]]\nid = \"{id}\"\ntitle = \"{}\"\nseverity = \"{}\"\nowner = {}\nmitigation = \"{}\"\n",
                sentence(&mut rng, 7),
                rng.pick(SEVERITIES),
                quoted(PEOPLE[person]),
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
        let body = body(&mut rng);
        bytes += body.len();
        if let Some(hugo) = &hugo {
            // The same body, with the front matter Hugo needs to list it.
            let page = format!(
                "+++\ntitle = \"{summary}\"\ndate = {date}\nauthor = {}\ntags = [\"{}\", \"{}\"]\n+++\n{body}",
                quoted(&author),
                tags[0],
                tags[1]
            );
            let path = hugo.join("content").join(&folder).join(&file_name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, page).unwrap();
        }
        fs::write(&path, fm + &body).unwrap();
    }
    println!(
        "wrote {count} wraps ({} bytes of body on average), {} decisions, {} risks still open, into {}",
        bytes / count.max(1),
        decisions.len(),
        open_risks.len() + raised_today.len(),
        out.display()
    );
}

/// A Hugo site with a minimal theme (one layout per kind, no taxonomy
/// pages, no search), for side-by-side builds.
fn hugo_skeleton(dir: &Path) {
    let _ = fs::remove_dir_all(dir);
    let layouts = dir.join("layouts/_default");
    fs::create_dir_all(&layouts).unwrap();
    fs::create_dir_all(dir.join("content")).unwrap();
    fs::write(
        dir.join("config.toml"),
        "baseURL = \"https://bench.example/\"\ntitle = \"Synthetic handoffs\"\ndisableKinds = [\"taxonomy\", \"term\"]\n",
    )
    .unwrap();
    fs::write(
        layouts.join("baseof.html"),
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{{ .Title }} · {{ .Site.Title }}</title></head>\n<body><nav><a href=\"{{ \"/\" | relURL }}\">{{ .Site.Title }}</a></nav>\n<main>{{ block \"main\" . }}{{ end }}</main></body></html>\n",
    )
    .unwrap();
    fs::write(
        layouts.join("single.html"),
        "{{ define \"main\" }}<article><h1>{{ .Title }}</h1><p>{{ .Params.author }} · {{ .Date.Format \"2006-01-02 15:04\" }} · {{ delimit .Params.tags \", \" }}</p>{{ .Content }}</article>{{ end }}\n",
    )
    .unwrap();
    fs::write(
        layouts.join("list.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range first 100 .RegularPagesRecursive }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n",
    )
    .unwrap();
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
