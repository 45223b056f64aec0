//! A grid of cells, rows by columns: the handover chain, each team's
//! shifts by day. An empty cell is drawn as an outline, so that a gap is
//! seen by its shape and not only by its colour.

use std::fmt::Write;

use super::{Label, WIDTH, label_width, num, open, text};

/// A grid chart.
#[derive(Debug, Clone)]
pub(crate) struct Grid<'a> {
    pub label: Label<'a>,
    /// Each row's label and its cells' CSS classes, one per column.
    pub rows: Vec<(String, Vec<&'static str>)>,
    /// Labels under some columns: `(column, label)`.
    pub columns: Vec<(usize, String)>,
    /// How many columns.
    pub width: usize,
}

const ROW: f64 = 20.0;
const TOP: f64 = 4.0;
const BOTTOM: f64 = 20.0;
const RIGHT: f64 = 4.0;
/// The longest row label written, in characters.
const LABEL_CHARS: usize = 16;

impl Grid<'_> {
    pub(crate) fn svg(&self) -> String {
        let height = TOP + ROW * self.rows.len().max(1) as f64 + BOTTOM;
        let mut out = open(&self.label, height, "grid");
        let longest = self
            .rows
            .iter()
            .map(|(l, _)| l.chars().count().min(LABEL_CHARS))
            .max()
            .unwrap_or(0);
        // About 7.2 units a character at the chart's text size.
        let left = 10.0 + 7.2 * longest as f64;
        let cell = (WIDTH - left - RIGHT) / self.width.max(1) as f64;
        for (r, (label, cells)) in self.rows.iter().enumerate() {
            let y = TOP + ROW * r as f64;
            text(
                &mut out,
                left - 4.0,
                y + ROW - 4.0,
                "end",
                "tick",
                &shorten(label),
            );
            for (c, class) in cells.iter().enumerate() {
                let inset = if cell > 4.0 { 1.0 } else { 0.3 };
                let _ = write!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" class=\"{class}\"/>",
                    num(left + cell * c as f64 + inset / 2.0),
                    num(y + 2.0),
                    num((cell - inset).max(0.5)),
                    num(ROW - 4.0)
                );
            }
        }
        let bottom = TOP + ROW * self.rows.len() as f64;
        for (c, _) in &self.columns {
            let x = left + cell * *c as f64;
            let _ = write!(
                out,
                "<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" class=\"gridline\"/>",
                num(x),
                num(x),
                num(TOP),
                num(bottom + 4.0)
            );
        }
        self.column_labels(&mut out, left, cell, bottom);
        out.push_str("</svg>");
        out
    }
}

impl Grid<'_> {
    /// The column labels that fit, the latest first: each starts at its
    /// gridline and ends before the next one written, inside the drawing
    /// (twelve weeks' dates would run into each other).
    fn column_labels(&self, out: &mut String, left: f64, cell: f64, bottom: f64) {
        let mut room_until = WIDTH;
        for (c, label) in self.columns.iter().rev() {
            let x = left + cell * *c as f64 + 2.0;
            let end = x + label_width(label);
            if end <= room_until {
                text(out, x, bottom + 15.0, "start", "tick", label);
                room_until = x - 6.0;
            }
        }
    }
}

/// `label` within [`LABEL_CHARS`] characters.
fn shorten(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        return label.to_string();
    }
    let mut short: String = label.chars().take(LABEL_CHARS - 1).collect();
    short.push('…');
    short
}
