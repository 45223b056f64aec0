//! The charts of one scope of the health view, drawn from the same rows
//! its tables show (see [`crate::site::charts`] for how they are drawn).

use serde::Serialize;

use super::{CellView, ChainRow, HealthView, ScopeView};
use crate::site::charts::{Bars, Grid, Label, Layout, Line, Series};

/// A chart, and the key to its colours.
#[derive(Debug, Serialize)]
pub(crate) struct ChartSvg {
    pub svg: String,
    pub legend: Vec<Legend>,
}

/// One colour of a chart and what it stands for.
#[derive(Debug, Serialize)]
pub(crate) struct Legend {
    pub name: &'static str,
    pub class: &'static str,
}

/// Every chart of one scope.
#[derive(Debug, Serialize)]
pub(crate) struct ScopeCharts {
    pub asks: ChartSvg,
    pub ack_time: ChartSvg,
    pub open_asks: ChartSvg,
    pub risks: ChartSvg,
    pub incidents: ChartSvg,
    pub shifts: ChartSvg,
    pub decisions: ChartSvg,
}

/// A series as the chart and its legend name it.
fn series(
    name: &'static str,
    class: &'static str,
    values: Vec<usize>,
) -> (Series<'static>, Legend) {
    (
        Series {
            name,
            class,
            values,
        },
        Legend { name, class },
    )
}

fn bars(
    label: Label,
    axis: &[String],
    layout: Layout,
    parts: Vec<(Series<'static>, Legend)>,
) -> ChartSvg {
    let (series, legend): (Vec<_>, Vec<_>) = parts.into_iter().unzip();
    ChartSvg {
        svg: Bars {
            label,
            labels: axis,
            series,
            layout,
            outline: None,
        }
        .svg(),
        legend,
    }
}

/// What the charts of one scope share: the weeks under their bars, and the
/// prefix that makes their ids unique on the page.
struct Frame<'a> {
    axis: &'a [String],
    anchor: &'a str,
}

impl Frame<'_> {
    /// The id of the scope's `chart`.
    fn id(&self, chart: &str) -> String {
        format!("{}-{chart}", self.anchor)
    }
}

/// A chart's description: its headline, then where its numbers are.
fn desc(headline: &str) -> String {
    format!("{headline} Every week's numbers are in the table under the chart.")
}

/// One number of each week's row, oldest week first.
fn column<R>(rows: &[R], value: impl Fn(&R) -> usize) -> Vec<usize> {
    rows.iter().map(value).collect()
}

/// The charts of `scope`, whose ids start with `anchor` (unique on the page).
pub(crate) fn scope_charts(view: &HealthView, scope: &ScopeView, anchor: &str) -> ScopeCharts {
    let frame = Frame {
        axis: &view.axis,
        anchor,
    };
    ScopeCharts {
        asks: asks(&frame, scope),
        ack_time: ack_time(&frame, scope),
        open_asks: open_asks(&frame, scope),
        risks: risks(
            scope,
            frame.axis,
            &frame.id("risks"),
            &desc(&scope.risks.headline),
        ),
        incidents: incidents(&frame, scope),
        shifts: chain(view, scope, &frame.id("chain")),
        decisions: decisions(&frame, scope),
    }
}

/// What became of each week's asks, as shares of the week.
fn asks(frame: &Frame, scope: &ScopeView) -> ChartSvg {
    let a = &scope.asks.rows;
    bars(
        Label {
            id: &frame.id("asks"),
            title: "What became of the asks written each week (share of the week's asks)",
            desc: &desc(&scope.asks.headline),
        },
        frame.axis,
        Layout::Shares,
        vec![
            series("within a shift", "c-good", column(a, |r| r.within_shift)),
            series("later", "c-late", column(a, |r| r.later)),
            series("not picked up", "c-bad", column(a, |r| r.unanswered)),
            series("lapsed", "c-worse", column(a, |r| r.lapsed)),
            series("still waiting", "c-quiet", column(a, |r| r.waiting)),
        ],
    )
}

/// The median hours to a first acknowledgement, by the week of the ask.
fn ack_time(frame: &Frame, scope: &ScopeView) -> ChartSvg {
    let a = &scope.asks.rows;
    let median_hours: Vec<Option<f64>> = a
        .iter()
        .map(|r| r.median_minutes.map(|m| (m as f64 / 6.0).round() / 10.0))
        .collect();
    let headline = match a.last().and_then(|r| r.median_label.as_ref()) {
        Some(m) => format!("Median time to acknowledge this week: {m}."),
        None => "No ask written this week has been acknowledged yet.".to_string(),
    };
    ChartSvg {
        svg: Line {
            label: Label {
                id: &frame.id("ack-time"),
                title: "Median time from an ask to its first acknowledgement, in hours, by the week it was written",
                desc: &desc(&headline),
            },
            labels: frame.axis,
            values: median_hours,
            max: None,
            unit: " h",
            class: "c-line",
        }
        .svg(),
        legend: Vec::new(),
    }
}

/// Asks open at each week's end, those nobody picked up on top.
fn open_asks(frame: &Frame, scope: &ScopeView) -> ChartSvg {
    let o = &scope.open_asks.rows;
    bars(
        Label {
            id: &frame.id("open-asks"),
            title: "Asks open at the end of each week",
            desc: &desc(&scope.open_asks.headline),
        },
        frame.axis,
        Layout::Stacked,
        vec![
            series(
                "waiting or in hand",
                "c-late",
                column(o, |r| r.open - r.unacknowledged),
            ),
            series("nobody picked up", "c-bad", column(o, |r| r.unacknowledged)),
        ],
    )
}

/// Incidents opened and resolved, side by side each week.
fn incidents(frame: &Frame, scope: &ScopeView) -> ChartSvg {
    let r = &scope.incidents.rows;
    bars(
        Label {
            id: &frame.id("incidents"),
            title: "Incidents opened and resolved each week",
            desc: &desc(&scope.incidents.headline),
        },
        frame.axis,
        Layout::Grouped,
        vec![
            series("opened", "c-bad", column(r, |w| w.opened)),
            series("resolved", "c-good", column(r, |w| w.resolved)),
        ],
    )
}

/// Decisions made and superseded, side by side each week.
fn decisions(frame: &Frame, scope: &ScopeView) -> ChartSvg {
    let r = &scope.decisions.rows;
    bars(
        Label {
            id: &frame.id("decisions"),
            title: "Decisions made and superseded each week",
            desc: &desc(&scope.decisions.headline),
        },
        frame.axis,
        Layout::Grouped,
        vec![
            series("made", "c-line", column(r, |w| w.made)),
            series("superseded", "c-quiet", column(r, |w| w.superseded)),
        ],
    )
}

/// Open risks stacked by severity, the stale among them outlined.
pub(crate) fn risks(scope: &ScopeView, axis: &[String], id: &str, desc: &str) -> ChartSvg {
    let r = &scope.risks.rows;
    let (series, mut legend): (Vec<_>, Vec<_>) = vec![
        series("critical", "c-crit", r.iter().map(|w| w.critical).collect()),
        series("high", "c-high", r.iter().map(|w| w.high).collect()),
        series("medium", "c-med", r.iter().map(|w| w.medium).collect()),
        series("low", "c-low", r.iter().map(|w| w.low).collect()),
    ]
    .into_iter()
    .unzip();
    legend.push(Legend {
        name: "of which stale (outlined)",
        class: "c-stale",
    });
    ChartSvg {
        svg: Bars {
            label: Label {
                id,
                title: "Risks open at the end of each week, by severity; the stale ones outlined",
                desc,
            },
            labels: axis,
            series,
            layout: Layout::Stacked,
            outline: Some(Series {
                name: "stale",
                class: "c-stale",
                values: r.iter().map(|w| w.stale).collect(),
            }),
        }
        .svg(),
        legend,
    }
}

/// A row of the handover chain as the chart names it: the shift, with
/// its team's name in front when the scope holds `many_teams`.
fn shift_name(row: &ChainRow, many_teams: bool) -> String {
    match (&row.shift, many_teams) {
        (Some(shift), true) => format!("{} · {shift}", row.team.name),
        (Some(shift), false) => shift.clone(),
        (None, _) => row.team.name.clone(),
    }
}

/// The class of a chain cell, which colours it.
fn cell_class(cell: &CellView) -> &'static str {
    match cell {
        CellView::HandedOver => "cell-handed",
        CellView::Wrote => "cell-wrote",
        CellView::Gap => "cell-gap",
    }
}

/// The latest week's gaps, by name (the table has every week's count):
/// at most twelve named, then how many more.
fn gaps_this_week(view: &HealthView, scope: &ScopeView, many_teams: bool) -> String {
    let this_week = view.weeks.last().map_or("", |w| w.first.as_str());
    let gaps: Vec<String> = scope
        .chain
        .iter()
        .flat_map(|row| {
            row.cells
                .iter()
                .zip(view.days.iter().zip(&view.day_labels))
                .filter(|(c, (day, _))| **c == CellView::Gap && day.as_str() >= this_week)
                .map(move |(_, (_, label))| format!("{} on {label}", shift_name(row, many_teams)))
        })
        .collect();
    match gaps.len() {
        0 => "No shift left a gap this week.".to_string(),
        n if n <= 12 => format!("Gaps this week: {}.", gaps.join("; ")),
        n => format!(
            "Gaps this week: {}; and {} more.",
            gaps[..12].join("; "),
            n - 12
        ),
    }
}

/// The key to the chain's cells.
fn chain_legend() -> Vec<Legend> {
    vec![
        Legend {
            name: "handed over asks",
            class: "cell-handed",
        },
        Legend {
            name: "wrote a wrap",
            class: "cell-wrote",
        },
        Legend {
            name: "no wrap (gap, outlined)",
            class: "cell-gap",
        },
    ]
}

/// The handover chain: each shift by day, gaps outlined.
fn chain(view: &HealthView, scope: &ScopeView, id: &str) -> ChartSvg {
    let many_teams = scope.team.is_none();
    let rows: Vec<(String, Vec<&'static str>)> = scope
        .chain
        .iter()
        .map(|row| {
            let cells = row.cells.iter().map(cell_class).collect();
            (shift_name(row, many_teams), cells)
        })
        .collect();
    let desc = format!(
        "{} {} Every week's numbers are in the table under the chart.",
        scope.shifts.headline,
        gaps_this_week(view, scope, many_teams)
    );
    if rows.is_empty() {
        return ChartSvg {
            svg: String::new(),
            legend: Vec::new(),
        };
    }
    ChartSvg {
        svg: Grid {
            label: Label {
                id,
                title: "The handover chain: which shift wrote a wrap on each day with a brief",
                desc: &desc,
            },
            rows,
            columns: view.week_starts.clone(),
            width: view.days.len(),
        }
        .svg(),
        legend: chain_legend(),
    }
}
