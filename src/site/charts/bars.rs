//! Bars per week: stacked counts, stacked shares of each week's whole, or
//! groups side by side; with, optionally, a dashed outline over part of
//! each bar (the stale among the open risks).

use std::fmt::Write;

use super::{AXIS_LABELS, Label, WIDTH, axis_label, num, open, shown_labels, text};

/// One series of values, one per label.
#[derive(Debug, Clone)]
pub(crate) struct Series<'a> {
    /// What it counts, as the legend and the table say it.
    pub name: &'a str,
    /// The CSS class that colours it.
    pub class: &'static str,
    pub values: Vec<usize>,
}

/// How the series of a bar chart stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// On top of each other, in counts.
    Stacked,
    /// On top of each other, each week's bar its whole (100%).
    Shares,
    /// Side by side.
    Grouped,
}

/// A bar chart over weeks.
#[derive(Debug, Clone)]
pub(crate) struct Bars<'a> {
    pub label: Label<'a>,
    /// Under each bar (week labels).
    pub labels: &'a [String],
    pub series: Vec<Series<'a>>,
    pub layout: Layout,
    /// Drawn as a dashed outline from the baseline: a part of the bar to
    /// mark (counts; stacked layout only).
    pub outline: Option<Series<'a>>,
}

const HEIGHT: f64 = 150.0;
const TOP: f64 = 8.0;
const BOTTOM: f64 = 22.0;
const LEFT: f64 = 46.0;
const RIGHT: f64 = 4.0;

impl Bars<'_> {
    pub(crate) fn svg(&self) -> String {
        let mut out = open(&self.label, HEIGHT, "bars");
        let n = self.labels.len().max(1);
        let plot = HEIGHT - TOP - BOTTOM;
        let slot = (WIDTH - LEFT - RIGHT) / n as f64;
        let total = |i: usize| -> usize {
            self.series
                .iter()
                .map(|s| s.values.get(i).copied().unwrap_or(0))
                .sum()
        };
        let top = match self.layout {
            Layout::Shares => 100,
            Layout::Stacked => (0..n).map(total).max().unwrap_or(0),
            Layout::Grouped => self
                .series
                .iter()
                .flat_map(|s| s.values.iter().copied())
                .max()
                .unwrap_or(0),
        }
        .max(1);
        let y = |v: f64| TOP + plot - plot * v / top as f64;
        axis(&mut out, top, self.layout == Layout::Shares, &y);
        for i in 0..n {
            let x = LEFT + slot * i as f64;
            match self.layout {
                Layout::Grouped => self.group(&mut out, i, x, slot, &y),
                Layout::Stacked | Layout::Shares => {
                    let scale = if self.layout == Layout::Shares {
                        100.0 / total(i).max(1) as f64
                    } else {
                        1.0
                    };
                    self.stack(&mut out, i, x, slot, scale, &y);
                }
            }
        }
        for i in shown_labels(n, AXIS_LABELS) {
            if let Some(label) = self.labels.get(i) {
                let x = LEFT + slot * (i as f64 + 0.5);
                axis_label(&mut out, x, HEIGHT - 6.0, label);
            }
        }
        out.push_str("</svg>");
        out
    }

    /// Bar `i`, its series on top of each other.
    fn stack(
        &self,
        out: &mut String,
        i: usize,
        x: f64,
        slot: f64,
        scale: f64,
        y: &dyn Fn(f64) -> f64,
    ) {
        let (bar_x, width) = (x + slot * 0.15, slot * 0.7);
        let mut base = 0.0;
        for series in &self.series {
            let v = series.values.get(i).copied().unwrap_or(0) as f64 * scale;
            if v > 0.0 {
                rect(
                    out,
                    bar_x,
                    y(base + v),
                    width,
                    y(base) - y(base + v),
                    series.class,
                    series.name,
                    v,
                    scale != 1.0,
                );
            }
            base += v;
        }
        if let Some(outline) = &self.outline {
            let v = outline.values.get(i).copied().unwrap_or(0) as f64 * scale;
            if v > 0.0 {
                let _ = write!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" class=\"{}\"/>",
                    num(bar_x + 1.0),
                    num(y(v)),
                    num(width - 2.0),
                    num(y(0.0) - y(v)),
                    outline.class
                );
            }
        }
    }

    /// Bar group `i`, its series side by side.
    fn group(&self, out: &mut String, i: usize, x: f64, slot: f64, y: &dyn Fn(f64) -> f64) {
        let k = self.series.len().max(1) as f64;
        let width = slot * 0.8 / k;
        for (s, series) in self.series.iter().enumerate() {
            let v = series.values.get(i).copied().unwrap_or(0) as f64;
            if v > 0.0 {
                let bar_x = x + slot * 0.1 + width * s as f64;
                rect(
                    out,
                    bar_x,
                    y(v),
                    width,
                    y(0.0) - y(v),
                    series.class,
                    series.name,
                    v,
                    false,
                );
            }
        }
    }
}

/// One bar segment, with a tooltip that says what it is.
#[allow(clippy::too_many_arguments)]
fn rect(
    out: &mut String,
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    class: &str,
    name: &str,
    v: f64,
    share: bool,
) {
    let value = if share {
        format!("{}%", v.round())
    } else {
        num(v)
    };
    let _ = write!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" class=\"{class}\"><title>{}: {value}</title></rect>",
        num(x),
        num(y),
        num(w),
        num(h),
        crate::markup::escape::html(name),
    );
}

/// The baseline, a line at the top value and one half way, labelled.
fn axis(out: &mut String, top: usize, percent: bool, y: &dyn Fn(f64) -> f64) {
    let label = |v: usize| {
        if percent {
            format!("{v}%")
        } else {
            v.to_string()
        }
    };
    let mut marks = vec![0, top];
    if top >= 2 && (percent || top.is_multiple_of(2)) {
        marks.insert(1, top / 2);
    }
    for v in marks {
        let at = y(v as f64);
        let class = if v == 0 { "baseline" } else { "gridline" };
        let _ = write!(
            out,
            "<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" class=\"{class}\"/>",
            num(LEFT),
            num(WIDTH - RIGHT),
            num(at),
            num(at)
        );
        text(out, LEFT - 4.0, at + 4.0, "end", "tick", &label(v));
    }
}
