//! A time axis: something that lasted from one moment to another (an
//! incident, from opened to resolved, or to now), with a mark at each
//! moment something happened, and ticks to read the time by.

use std::fmt::Write;

use super::{Label, WIDTH, axis_label, num, open};

/// One moment on the axis.
#[derive(Debug, Clone)]
pub(crate) struct Mark {
    /// Where, from 0 (the start) to 1 (the end).
    pub at: f64,
    /// What happened, with when: its tooltip.
    pub title: String,
    /// The CSS class that colours it.
    pub class: &'static str,
}

/// A time axis chart.
#[derive(Debug, Clone)]
pub(crate) struct Timeline<'a> {
    pub label: Label<'a>,
    /// The span: from 0 to `until` (1 when it ended at the axis' end).
    pub until: f64,
    /// Still going on at the axis' end: drawn open-ended.
    pub ongoing: bool,
    pub marks: Vec<Mark>,
    /// `(where, label)`, from 0 to 1.
    pub ticks: Vec<(f64, String)>,
}

const HEIGHT: f64 = 56.0;
const LEFT: f64 = 12.0;
const RIGHT: f64 = 12.0;
const LINE_Y: f64 = 20.0;

impl Timeline<'_> {
    pub(crate) fn svg(&self) -> String {
        let mut out = open(&self.label, HEIGHT, "axis");
        let x = |at: f64| LEFT + (WIDTH - LEFT - RIGHT) * at.clamp(0.0, 1.0);
        let _ = write!(
            out,
            "<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" class=\"baseline\"/>",
            num(x(0.0)),
            num(x(1.0)),
            num(LINE_Y),
            num(LINE_Y)
        );
        let class = if self.ongoing { "span ongoing" } else { "span" };
        let _ = write!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"8\" rx=\"4\" class=\"{class}\"/>",
            num(x(0.0)),
            num(LINE_Y - 4.0),
            num((x(self.until) - x(0.0)).max(1.0))
        );
        for (at, label) in &self.ticks {
            let _ = write!(
                out,
                "<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" class=\"gridline\"/>",
                num(x(*at)),
                num(x(*at)),
                num(LINE_Y + 6.0),
                num(LINE_Y + 12.0)
            );
            axis_label(&mut out, x(*at), LINE_Y + 26.0, label);
        }
        for mark in &self.marks {
            let _ = write!(
                out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"5\" class=\"{}\"><title>{}</title></circle>",
                num(x(mark.at)),
                num(LINE_Y),
                mark.class,
                crate::markup::escape::html(&mark.title)
            );
        }
        out.push_str("</svg>");
        out
    }
}
