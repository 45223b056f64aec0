//! Atom feeds, so chat tools and feed readers can post what changed:
//! `feeds/briefs.xml`, `decisions.xml`, `risks.xml`, one of wraps per team
//! and one of the asks handed to each team.
//! Feeds need absolute URLs, so they exist only with a `base_url`; every
//! date in them comes from the ledger, never the clock, and entry ids are
//! the entries' absolute URLs, the same on every build.

use atom_syndication::{Content, Entry, Feed, FixedDateTime, Generator, Link, Person, Text};
use chrono::{DateTime, FixedOffset, Utc};
use tera::Context;

use super::links::From;
use super::pages::RenderContext;
use super::pages::insert_brief;
use super::theme::Theme;
use super::urls;
use super::views::item_anchor;
use super::wording::describe_changes;
use crate::diagnostics::Diagnostics;
use crate::ledger::handover::items::EventKind;
use crate::ledger::handover::{ItemIdx, Receiver};
use crate::ledger::{DayIdx, DecisionIdx, RiskIdx, WrapIdx};
use crate::markup::escape;
use crate::markup::inline;
use crate::strict_toml::Choice as _;
use crate::xml_text::xml_chars_only;

/// Entries per feed: recent enough for a reader, small enough to fetch.
pub(crate) const ENTRIES: usize = 50;
/// Briefs in the briefs feed: about six working weeks.
pub(crate) const BRIEF_ENTRIES: usize = 30;

/// Every feed, by output path.
/// `None` if a feed template failed (in `d`).
pub(crate) fn feeds(
    cx: &RenderContext,
    theme: &Theme,
    base_url: &str,
    d: &mut Diagnostics,
) -> Option<Vec<(String, Vec<u8>)>> {
    let feeds = Feeds {
        cx,
        theme,
        base_url,
    };
    let mut out = vec![
        (urls::FEED_BRIEFS.to_string(), feeds.briefs(d)?),
        (urls::FEED_DECISIONS.to_string(), feeds.decisions(d)?),
        (urls::FEED_RISKS.to_string(), feeds.risks(d)?),
    ];
    for (i, team) in cx.ledger.teams.iter().enumerate() {
        out.push((urls::feed_team(&team.id), feeds.team(i, d)?));
        out.push((urls::feed_team_asks(&team.id), feeds.team_asks(i)));
    }
    Some(out)
}

struct Feeds<'a> {
    cx: &'a RenderContext<'a>,
    theme: &'a Theme,
    base_url: &'a str,
}

impl Feeds<'_> {
    fn absolute(&self, page: &str) -> String {
        urls::absolute(self.base_url, page)
    }

    /// Renders an entry's HTML with a template; links are absolute.
    fn html(
        &self,
        template: &str,
        fill: impl FnOnce(&mut Context),
        d: &mut Diagnostics,
    ) -> Option<String> {
        let mut context = Context::new();
        context.insert("root", self.base_url);
        context.insert("site", &self.cx.site);
        fill(&mut context);
        self.theme.render(template, &context, d)
    }

    fn feed(&self, path: &str, title: &str, page: &str, entries: Vec<Entry>) -> Vec<u8> {
        let updated = entries
            .iter()
            .map(|e| e.updated)
            .max()
            .unwrap_or_else(|| utc(DateTime::UNIX_EPOCH));
        let feed = Feed {
            title: Text::plain(format!("{} — {title}", self.cx.config.title)),
            id: self.absolute(path),
            updated,
            authors: vec![person(&self.cx.config.title)],
            links: vec![
                link(self.absolute(path), "self"),
                link(self.absolute(page), "alternate"),
            ],
            generator: Some(Generator {
                value: "standin".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
                ..Generator::default()
            }),
            subtitle: self.cx.config.description.clone().map(Text::plain),
            entries,
            ..Feed::default()
        };
        let mut xml = xml_chars_only(feed.to_string()).into_bytes();
        xml.push(b'\n');
        xml
    }

    fn entry(
        &self,
        id: String,
        title: String,
        updated: FixedDateTime,
        page: &str,
        author: &str,
        html: String,
    ) -> Entry {
        Entry {
            title: Text::plain(title),
            id,
            updated,
            authors: vec![person(author)],
            links: vec![link(self.absolute(page), "alternate")],
            content: Some(Content {
                value: Some(html),
                content_type: Some("html".to_string()),
                ..Content::default()
            }),
            ..Entry::default()
        }
    }

    fn briefs(&self, d: &mut Diagnostics) -> Option<Vec<u8>> {
        let ledger = self.cx.ledger;
        let mut entries = Vec::new();
        for (i, brief) in ledger.briefs.iter().enumerate().rev().take(BRIEF_ENTRIES) {
            let page = urls::brief(brief.day);
            let updated = brief
                .wraps
                .iter()
                .map(|w| ledger.wrap(*w).at())
                .max()
                .map(|t| utc(t.to_utc()));
            let mut title = format!("Brief for {}", super::format::day(brief.day));
            if !brief.attention.is_empty() {
                title.push_str(&format!(": {} need attention", brief.attention.len()));
            }
            let html = self.html(
                "feed_brief.html",
                |c| insert_brief(self.cx, DayIdx(i), c),
                d,
            )?;
            let author = self.cx.config.title.clone();
            entries.push(self.entry(
                self.absolute(&page),
                title,
                updated.unwrap_or_else(|| utc(DateTime::UNIX_EPOCH)),
                &page,
                &author,
                html,
            ));
        }
        Some(self.feed(urls::FEED_BRIEFS, "daily briefs", urls::BRIEFS, entries))
    }

    fn decisions(&self, d: &mut Diagnostics) -> Option<Vec<u8>> {
        let ledger = self.cx.ledger;
        // A decision is news when made and whenever a wrap restates it.
        // A record with no date that no wrap mentions has no time to be
        // news at, and stays out.
        let mut order: Vec<(DateTime<Utc>, DecisionIdx)> = ledger
            .decisions
            .iter()
            .enumerate()
            .filter_map(|(i, d)| {
                let last = d
                    .mentions
                    .iter()
                    .map(|m| ledger.wrap(m.wrap).at().to_utc())
                    .chain(d.at.map(|at| at.to_utc()))
                    .max();
                Some((last?, DecisionIdx(i)))
            })
            .collect();
        order.sort_by(|a, b| b.cmp(a));
        let mut entries = Vec::new();
        for (updated, idx) in order.into_iter().take(ENTRIES) {
            let line = &self.cx.lines.decisions[idx.0];
            let html = self.html("feed_decision.html", |c| c.insert("decision", line), d)?;
            let title = format!("{} ({})", line.title, line.status.name());
            // Atom wants an author; a record naming no deciders is the site's.
            let author = Some(line.author.as_str())
                .filter(|a| !a.is_empty())
                .unwrap_or(&self.cx.config.title);
            entries.push(self.entry(
                self.absolute(&line.url),
                title,
                utc(updated),
                &line.url,
                author,
                html,
            ));
        }
        Some(self.feed(urls::FEED_DECISIONS, "decisions", urls::DECISIONS, entries))
    }

    fn risks(&self, d: &mut Diagnostics) -> Option<Vec<u8>> {
        let ledger = self.cx.ledger;
        let mut touches: Vec<(DateTime<Utc>, RiskIdx, usize)> = Vec::new();
        for (r, risk) in ledger.risks.iter().enumerate() {
            for (t, touch) in risk.history.iter().enumerate() {
                touches.push((ledger.wrap(touch.wrap).at().to_utc(), RiskIdx(r), t));
            }
        }
        touches.sort_by(|a, b| b.cmp(a));
        let mut entries = Vec::new();
        for (when, r, t) in touches.into_iter().take(ENTRIES) {
            let risk = ledger.risk(r);
            let touch = &risk.history[t];
            let line = &self.cx.lines.risks[r.0];
            let changes = describe_changes(touch);
            let what = if changes.is_empty() {
                "updated".to_string()
            } else {
                changes.join(", ")
            };
            let wrap = &self.cx.lines.wraps[touch.wrap.0];
            let html = self.html(
                "feed_risk.html",
                |c| {
                    c.insert("risk", line);
                    c.insert("changes", &changes);
                    c.insert("note", &touch.note);
                    c.insert(
                        "state",
                        &serde_json::json!({
                            "severity": touch.after.severity, "status": touch.after.status,
                            "owner": touch.after.owner, "blocker": touch.after.blocker,
                        }),
                    );
                    c.insert("wrap", wrap);
                },
                d,
            )?;
            let id = format!("{}#update-{}", self.absolute(&line.url), t + 1);
            let title = format!("{}: {what}", touch.after.title);
            entries.push(self.entry(id, title, utc(when), &line.url, &wrap.author, html));
        }
        Some(self.feed(
            urls::FEED_RISKS,
            "risks raised and changed",
            urls::RISKS,
            entries,
        ))
    }

    fn team(&self, i: usize, d: &mut Diagnostics) -> Option<Vec<u8>> {
        let ledger = self.cx.ledger;
        let team = &ledger.teams[i];
        let mut entries = Vec::new();
        for &w in team.wraps.iter().rev().take(ENTRIES) {
            let line = &self.cx.lines.wraps[w.0];
            let wrap = &ledger.wrap(w).wrap;
            let body = wrap.body_html(self.cx.config);
            let html = body.map_err(|changed| d.push(*changed)).ok()?;
            let html = self.html(
                "feed_wrap.html",
                |c| {
                    c.insert("wrap", line);
                    let from = From::Feed(self.base_url);
                    let body =
                        self.cx
                            .links
                            .body(ledger, &wrap.file.site_path, &html, &wrap.body, from);
                    c.insert("body_html", &body);
                    let asks: Vec<&str> = wrap.asks.iter().map(|a| a.written.as_str()).collect();
                    c.insert("next", &asks);
                },
                d,
            )?;
            let title = match &line.summary {
                Some(summary) => format!("{}: {summary}", line.author),
                None => format!(
                    "Wrap by {}, {} {}",
                    line.author, line.day_label, line.author_time
                ),
            };
            let updated = utc(ledger.wrap(w).at().to_utc());
            entries.push(self.entry(
                self.absolute(&line.url),
                title,
                updated,
                &line.url,
                &line.author,
                html,
            ));
        }
        Some(self.feed(
            &urls::feed_team(&team.id),
            &format!("{} wraps", team.name),
            &urls::team(&team.id),
            entries,
        ))
    }

    /// The asks handed to a team (written to it, handed on to it, or to
    /// everyone), newest first: a team's inbox in a feed reader.
    fn team_asks(&self, i: usize) -> Vec<u8> {
        let ledger = self.cx.ledger;
        let team = &ledger.teams[i];
        let receiver = Receiver::Team(team.id.clone());
        // (when it reached the team, item, the wrap that handed it)
        let mut handed: Vec<(DateTime<FixedOffset>, ItemIdx, WrapIdx)> = Vec::new();
        for (idx, item) in ledger.handover.items.iter().enumerate() {
            let written = ledger.wrap(item.wrap);
            if item.to == receiver || item.to == Receiver::Everyone {
                handed.push((written.at(), ItemIdx(idx), item.wrap));
            }
            for event in &item.events {
                if matches!(&event.kind, EventKind::HandedOn { to } if *to == receiver) {
                    handed.push((event.at, ItemIdx(idx), event.wrap));
                }
            }
        }
        handed.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let entries = handed
            .into_iter()
            .take(ENTRIES)
            .map(|(at, idx, by)| {
                let item = ledger.handover.item(idx);
                let written = &self.cx.lines.wraps[item.wrap.0].url;
                let url = format!("{}#{}", self.absolute(written), item_anchor(item.id.as_str()));
                let from = &self.cx.lines.wraps[by.0];
                let html = format!(
                    "<p>{}</p><p>From {}, {} {}. Acknowledge it in your wrap: <code>[ack]</code> <code>{} = \"taken\"</code></p>",
                    inline::to_html_with(item.what(&ledger.wraps), &|to| {
                        self.cx.links.lines().url(to, self.base_url)
                    }),
                    escape::html(&from.author),
                    escape::html(&from.day_label),
                    escape::html(&from.author_time),
                    item.id,
                );
                let mut entry = self.entry(
                    format!("{}#{}", self.absolute(&from.url), item.id),
                    format!("{}: {}", item.id, item.what(&ledger.wraps)),
                    utc(at.to_utc()),
                    written,
                    &from.author,
                    html,
                );
                entry.links = vec![link(url, "alternate")];
                entry
            })
            .collect();
        self.feed(
            &urls::feed_team_asks(&team.id),
            &format!("asks for {}", team.name),
            &urls::team(&team.id),
            entries,
        )
    }
}

fn utc(at: DateTime<Utc>) -> FixedDateTime {
    at.fixed_offset()
}

fn person(name: &str) -> Person {
    Person {
        name: name.to_string(),
        ..Person::default()
    }
}

fn link(href: String, rel: &str) -> Link {
    Link {
        href,
        rel: rel.to_string(),
        mime_type: (rel == "self").then(|| "application/atom+xml".to_string()),
        ..Link::default()
    }
}
