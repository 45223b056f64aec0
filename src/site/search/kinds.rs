//! The kinds of document search finds, as data: a name (the `?kind=` value
//! and a CSS class), labels, where their pages live, and the words their
//! status can take. The index, the manifest and the page all read this
//! table, so a new kind is one entry here plus the loop in `documents` that
//! turns the ledger's items into documents.

use serde::Serialize;

/// A status a document of some kind can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct Status {
    /// As shown, and as indexed: `superseded`.
    pub word: &'static str,
    /// Whether it still holds: open risks and accepted decisions rank above
    /// resolved, superseded and rejected ones.
    pub live: bool,
}

/// A kind of searchable document.
#[derive(Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Kind {
    /// `risk`: the `?kind=` value and the result's CSS class.
    pub name: &'static str,
    /// `risk`: the badge on a result.
    pub label: &'static str,
    /// `risks`: the filter's option and the status line.
    pub plural: &'static str,
    /// A page is `prefix + slug + suffix` (`risks/` `vendor-keys`
    /// `/index.html`): result rows carry only the slug.
    pub url_prefix: &'static str,
    pub url_suffix: &'static str,
    /// Every status a document of this kind can have; empty for kinds
    /// without one (wraps). The manifest gives them as documents use them.
    #[serde(skip)]
    pub statuses: &'static [Status],
}

const fn live(word: &'static str) -> Status {
    Status { word, live: true }
}

const fn closed(word: &'static str) -> Status {
    Status { word, live: false }
}

pub(crate) const RISK: Kind = Kind {
    name: "risk",
    label: "risk",
    plural: "risks",
    url_prefix: "risks/",
    url_suffix: "/index.html",
    statuses: &[
        live("open"),
        live("mitigating"),
        closed("resolved"),
        closed("accepted"),
    ],
};

pub(crate) const DECISION: Kind = Kind {
    name: "decision",
    label: "decision",
    plural: "decisions",
    url_prefix: "decisions/",
    url_suffix: "/index.html",
    statuses: &[
        live("proposed"),
        live("accepted"),
        closed("superseded"),
        closed("rejected"),
    ],
};

pub(crate) const WRAP: Kind = Kind {
    name: "wrap",
    label: "wrap",
    plural: "wraps",
    url_prefix: "wraps/",
    url_suffix: "/index.html",
    statuses: &[],
};

pub(crate) const INCIDENT: Kind = Kind {
    name: "incident",
    label: "incident",
    plural: "incidents",
    url_prefix: "incidents/",
    url_suffix: "/index.html",
    statuses: &[
        live("investigating"),
        live("identified"),
        live("monitoring"),
        closed("resolved"),
    ],
};

/// Every kind, in the order the kind filter lists them.
pub(crate) const KINDS: &[&Kind] = &[&WRAP, &DECISION, &RISK, &INCIDENT];

impl Kind {
    /// This kind's status spelled `word`, if it has one.
    pub(crate) fn status(&self, word: &str) -> Option<Status> {
        self.statuses.iter().copied().find(|s| s.word == word)
    }

    /// The slug of a page of this kind: its URL without the kind's prefix
    /// and suffix.
    pub(crate) fn slug<'a>(&self, url: &'a str) -> Option<&'a str> {
        url.strip_prefix(self.url_prefix)?
            .strip_suffix(self.url_suffix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::decision::DecisionStatus;
    use crate::content::incident::IncidentStatus;
    use crate::content::risk::RiskStatus;
    use crate::ids::{DecisionId, IncidentId, RiskId};
    use crate::site::urls;
    use crate::strict_toml::Choice;

    #[test]
    fn status_words_are_the_vocabularies_of_the_content() {
        let words = |kind: &Kind| kind.statuses.iter().map(|s| s.word).collect::<Vec<_>>();
        let risk: Vec<&str> = RiskStatus::CHOICES.iter().map(|(w, _)| *w).collect();
        assert_eq!(words(&RISK), risk);
        for (word, status) in RiskStatus::CHOICES {
            assert_eq!(
                RISK.status(word).unwrap().live,
                status.is_active(),
                "{word}"
            );
        }
        let decision: Vec<&str> = DecisionStatus::CHOICES.iter().map(|(w, _)| *w).collect();
        assert_eq!(words(&DECISION), decision);
        let incident: Vec<&str> = IncidentStatus::CHOICES.iter().map(|(w, _)| *w).collect();
        assert_eq!(words(&INCIDENT), incident);
        for (word, status) in IncidentStatus::CHOICES {
            assert_eq!(
                INCIDENT.status(word).unwrap().live,
                status.is_ongoing(),
                "{word}"
            );
        }
    }

    #[test]
    fn slugs_come_from_the_site_urls() {
        let risk = urls::risk(&RiskId::new("vendor-keys").unwrap());
        assert_eq!(RISK.slug(&risk), Some("vendor-keys"));
        let decision = urls::decision(&DecisionId::new("use-redis").unwrap());
        assert_eq!(DECISION.slug(&decision), Some("use-redis"));
        let wrap = urls::wrap("2026-11-20/ana-1742");
        assert_eq!(WRAP.slug(&wrap), Some("2026-11-20/ana-1742"));
        assert_eq!(WRAP.slug("risks/x/index.html"), None);
        let incident = urls::incident(&IncidentId::new("inc-2026-1105").unwrap());
        assert_eq!(INCIDENT.slug(&incident), Some("inc-2026-1105"));
    }

    #[test]
    fn names_are_unique() {
        for (i, a) in KINDS.iter().enumerate() {
            for b in &KINDS[i + 1..] {
                assert_ne!(a.name, b.name);
            }
        }
    }
}
