//! Charts as SVG, written at build time by this small module rather than
//! by a plotting crate. Why our own, on the three things that matter here:
//!
//! - **Accessibility**: every chart is `role="img"` with a `<title>` and a
//!   `<desc>` it is labelled by, and a gap in the shift chain is an empty
//!   outlined cell, not only another colour. `plotters`' SVG backend
//!   writes neither `<title>` nor `<desc>` and draws by colour alone.
//! - **Dark mode**: shapes carry CSS classes and no colour, so the
//!   theme's variables (`themes/default/static/standin.css`) colour them
//!   in light and dark alike; `plotters` bakes `fill="#…"` into each shape.
//! - **Size and determinism**: a twelve-week chart is one or two
//!   kilobytes (integers and one decimal, no fonts or styles inline), and
//!   the same numbers give the same bytes; a crate would add a dependency
//!   tree for a few hundred lines of geometry.
//!
//! Charts scale to their container (`viewBox`, no fixed size), sized so
//! that their text stays legible on a 390 px wide phone. Every chart's
//! numbers are also in a table beside it (the templates' job).

mod bars;
mod grid;
mod line;
mod timeline;

pub(crate) use bars::{Bars, Layout, Series};
pub(crate) use grid::Grid;
pub(crate) use line::{Line, sparkline};
pub(crate) use timeline::{Mark, Timeline};

use std::fmt::Write;

use crate::markup::escape::html as escape_text;

/// The drawing's width in its own units; charts scale to fit.
const WIDTH: f64 = 380.0;
/// The text size, in the drawing's units: about 12 px on a phone.
const TEXT: u32 = 13;

/// What every chart says about itself.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Label<'a> {
    /// Unique on its page: the `<title>` and `<desc>` are found by it.
    pub id: &'a str,
    pub title: &'a str,
    /// The chart in words, for those who cannot see it.
    pub desc: &'a str,
}

/// The opening of a chart `height` units high, with its title and
/// description; `class` says which kind of chart it is.
fn open(label: &Label, height: f64, class: &str) -> String {
    let mut out = String::with_capacity(2048);
    let id = label.id;
    let _ = write!(
        out,
        "<svg class=\"chart {class}\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" \
         viewBox=\"0 0 {} {}\" font-size=\"{TEXT}\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        num(WIDTH),
        num(height),
        escape_text(label.title),
        escape_text(label.desc),
    );
    out
}

/// A coordinate: one decimal at most, so that output is small and the
/// same numbers always give the same bytes.
fn num(x: f64) -> String {
    let tenths = (x * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let (whole, tenth) = (tenths.abs() / 10, tenths.abs() % 10);
    if tenth == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{tenth}")
    }
}

/// `text` at `(x, y)`, anchored `anchor` (`start`, `middle`, `end`).
fn text(out: &mut String, x: f64, y: f64, anchor: &str, class: &str, text: &str) {
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\" class=\"{class}\">{}</text>",
        num(x),
        num(y),
        escape_text(text)
    );
}

/// About how wide `label` is drawn at the chart's text size: 0.62 em a
/// character, as nothing measures text at build time.
fn label_width(label: &str) -> f64 {
    label.chars().count() as f64 * 0.62 * f64::from(TEXT)
}

/// A label centred under `x` on an axis, kept inside the drawing: near an
/// edge it is anchored at that edge instead (the latest week's label under
/// the last of twelve bars would run past the right one).
fn axis_label(out: &mut String, x: f64, y: f64, label: &str) {
    let half = label_width(label) / 2.0;
    let (x, anchor) = if x + half > WIDTH {
        (WIDTH - 1.0, "end")
    } else if x - half < 0.0 {
        (1.0, "start")
    } else {
        (x, "middle")
    };
    text(out, x, y, anchor, "tick", label);
}

/// How many week labels an axis of the drawing's width has room for: at
/// twelve weeks, every third, so that the latest (kept inside the drawing
/// by [`axis_label`]) does not meet the one before it.
const AXIS_LABELS: usize = 5;

/// Which of `n` labels along an axis are written: about `room` of them,
/// evenly, always the last (the latest week).
fn shown_labels(n: usize, room: usize) -> impl Iterator<Item = usize> {
    let step = n.div_ceil(room.max(1)).max(1);
    (0..n).filter(move |i| (n - 1 - i).is_multiple_of(step))
}

#[cfg(test)]
mod tests;
