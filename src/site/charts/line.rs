//! A line over weeks, with a dot at each week that has a value (a week
//! without one leaves a gap), and the sparkline pages show beside a figure.

use std::fmt::Write;

use super::{AXIS_LABELS, Label, WIDTH, axis_label, num, open, shown_labels, text};

/// A line chart over weeks.
#[derive(Debug, Clone)]
pub(crate) struct Line<'a> {
    pub label: Label<'a>,
    pub labels: &'a [String],
    /// One per label; `None`: nothing to count that week.
    pub values: Vec<Option<f64>>,
    /// The top of the scale, when it is fixed (100 for a share).
    pub max: Option<f64>,
    /// After each value on the axis: `%`, ` h`.
    pub unit: &'a str,
    /// The CSS class that colours it.
    pub class: &'static str,
}

const HEIGHT: f64 = 120.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 20.0;
const LEFT: f64 = 36.0;
const RIGHT: f64 = 8.0;

impl Line<'_> {
    pub(crate) fn svg(&self) -> String {
        let mut out = open(&self.label, HEIGHT, "line");
        let n = self.labels.len().max(1);
        let plot = HEIGHT - TOP - BOTTOM;
        let top = self
            .max
            .unwrap_or_else(|| self.values.iter().flatten().copied().fold(0.0, f64::max))
            .max(1.0)
            .ceil();
        let slot = (WIDTH - LEFT - RIGHT) / n as f64;
        let x = |i: usize| LEFT + slot * (i as f64 + 0.5);
        let y = |v: f64| TOP + plot - plot * v / top;
        for (v, class) in [(0.0, "baseline"), (top, "gridline")] {
            let _ = write!(
                out,
                "<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" class=\"{class}\"/>",
                num(LEFT),
                num(WIDTH - RIGHT),
                num(y(v)),
                num(y(v))
            );
            text(
                &mut out,
                LEFT - 4.0,
                y(v) + 4.0,
                "end",
                "tick",
                &format!("{}{}", num(v), self.unit),
            );
        }
        let points: Vec<Option<(f64, f64)>> = self
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| v.map(|v| (x(i), y(v))))
            .collect();
        path(&mut out, &points, self.class);
        for (i, point) in points.iter().enumerate() {
            if let (Some((px, py)), Some(Some(v))) = (point, self.values.get(i)) {
                let _ = write!(
                    out,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"3\" class=\"{}\"><title>{}: {}{}</title></circle>",
                    num(*px),
                    num(*py),
                    self.class,
                    crate::markup::escape::html(&self.labels[i]),
                    num(*v),
                    self.unit
                );
            }
        }
        for i in shown_labels(n, AXIS_LABELS) {
            if let Some(label) = self.labels.get(i) {
                axis_label(&mut out, x(i), HEIGHT - 6.0, label);
            }
        }
        out.push_str("</svg>");
        out
    }
}

/// The line through `points`, broken where a point is missing.
fn path(out: &mut String, points: &[Option<(f64, f64)>], class: &str) {
    let mut d = String::new();
    let mut pen_down = false;
    for point in points {
        match point {
            Some((x, y)) => {
                let _ = write!(
                    d,
                    "{}{} {}",
                    if pen_down { "L" } else { "M" },
                    num(*x),
                    num(*y)
                );
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    if !d.is_empty() {
        let _ = write!(out, "<path d=\"{d}\" class=\"{class} stroke\"/>");
    }
}

/// A small line without axes, to sit beside a figure in running text;
/// `title` says what it shows, numbers included. `None` when fewer than
/// two values are known: there is no trend to draw.
pub(crate) fn sparkline(
    title: &str,
    values: &[Option<f64>],
    max: f64,
    class: &str,
) -> Option<String> {
    if values.iter().flatten().count() < 2 {
        return None;
    }
    let (width, height) = (80.0, 20.0);
    let n = values.len().max(2) as f64 - 1.0;
    let points: Vec<Option<(f64, f64)>> = values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            v.map(|v| {
                (
                    2.0 + (width - 4.0) * i as f64 / n,
                    height - 2.0 - (height - 4.0) * v.min(max) / max.max(1.0),
                )
            })
        })
        .collect();
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg class=\"sparkline\" role=\"img\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" \
         xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title>",
        num(width),
        num(height),
        num(width),
        num(height),
        crate::markup::escape::html(title)
    );
    // The zero line: without it a line at the top (100% every week)
    // reads as an underline of the text beside it, not as a chart.
    let _ = write!(
        out,
        "<line x1=\"2\" x2=\"{}\" y1=\"{}\" y2=\"{}\" class=\"baseline\"/>",
        num(width - 2.0),
        num(height - 1.5),
        num(height - 1.5)
    );
    path(&mut out, &points, class);
    if let Some((x, y)) = points.iter().rev().flatten().next() {
        let _ = write!(
            out,
            "<circle cx=\"{}\" cy=\"{}\" r=\"2\" class=\"{class}\"/>",
            num(*x),
            num(*y)
        );
    }
    out.push_str("</svg>");
    Some(out)
}
