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

/// The charts of `scope`, whose ids start with `anchor` (unique on the page).
pub(crate) fn scope_charts(view: &HealthView, scope: &ScopeView, anchor: &str) -> ScopeCharts {
    let axis = &view.axis;
    let id = |chart: &str| format!("{anchor}-{chart}");
    let desc = |headline: &str| {
        format!("{headline} Every week's numbers are in the table under the chart.")
    };
    let a = &scope.asks.rows;
    let col = |f: &dyn Fn(usize) -> usize, n: usize| (0..n).map(f).collect::<Vec<usize>>();
    let asks = bars(
        Label {
            id: &id("asks"),
            title: "What became of the asks written each week (share of the week's asks)",
            desc: &desc(&scope.asks.headline),
        },
        axis,
        Layout::Shares,
        vec![
            series(
                "within a shift",
                "c-good",
                col(&|i| a[i].within_shift, a.len()),
            ),
            series("later", "c-late", col(&|i| a[i].later, a.len())),
            series("not picked up", "c-bad", col(&|i| a[i].unanswered, a.len())),
            series("lapsed", "c-worse", col(&|i| a[i].lapsed, a.len())),
            series("still waiting", "c-quiet", col(&|i| a[i].waiting, a.len())),
        ],
    );
    let median_hours: Vec<Option<f64>> = a
        .iter()
        .map(|r| r.median_minutes.map(|m| (m as f64 / 6.0).round() / 10.0))
        .collect();
    let ack_time = ChartSvg {
        svg: Line {
            label: Label {
                id: &id("ack-time"),
                title: "Median time from an ask to its first acknowledgement, in hours, by the week it was written",
                desc: &desc(&match a.last().and_then(|r| r.median_label.as_ref()) {
                    Some(m) => format!("Median time to acknowledge this week: {m}."),
                    None => "No ask written this week has been acknowledged yet.".to_string(),
                }),
            },
            labels: axis,
            values: median_hours,
            max: None,
            unit: " h",
            class: "c-line",
        }
        .svg(),
        legend: Vec::new(),
    };
    let o = &scope.open_asks.rows;
    let open_asks = bars(
        Label {
            id: &id("open-asks"),
            title: "Asks open at the end of each week",
            desc: &desc(&scope.open_asks.headline),
        },
        axis,
        Layout::Stacked,
        vec![
            series(
                "waiting or in hand",
                "c-late",
                col(&|i| o[i].open - o[i].unacknowledged, o.len()),
            ),
            series(
                "nobody picked up",
                "c-bad",
                col(&|i| o[i].unacknowledged, o.len()),
            ),
        ],
    );
    ScopeCharts {
        asks,
        ack_time,
        open_asks,
        risks: risks(scope, axis, &id("risks"), &desc(&scope.risks.headline)),
        incidents: {
            let r = &scope.incidents.rows;
            bars(
                Label {
                    id: &id("incidents"),
                    title: "Incidents opened and resolved each week",
                    desc: &desc(&scope.incidents.headline),
                },
                axis,
                Layout::Grouped,
                vec![
                    series("opened", "c-bad", col(&|i| r[i].opened, r.len())),
                    series("resolved", "c-good", col(&|i| r[i].resolved, r.len())),
                ],
            )
        },
        shifts: chain(view, scope, &id("chain")),
        decisions: {
            let r = &scope.decisions.rows;
            bars(
                Label {
                    id: &id("decisions"),
                    title: "Decisions made and superseded each week",
                    desc: &desc(&scope.decisions.headline),
                },
                axis,
                Layout::Grouped,
                vec![
                    series("made", "c-line", col(&|i| r[i].made, r.len())),
                    series("superseded", "c-quiet", col(&|i| r[i].superseded, r.len())),
                ],
            )
        },
    }
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

/// The handover chain: each shift by day, gaps outlined.
fn chain(view: &HealthView, scope: &ScopeView, id: &str) -> ChartSvg {
    let many_teams = scope.team.is_none();
    let name = |row: &ChainRow| match (&row.shift, many_teams) {
        (Some(shift), true) => format!("{} · {shift}", row.team.name),
        (Some(shift), false) => shift.clone(),
        (None, _) => row.team.name.clone(),
    };
    let rows: Vec<(String, Vec<&'static str>)> = scope
        .chain
        .iter()
        .map(|row| {
            let cells = row
                .cells
                .iter()
                .map(|c| match c {
                    CellView::HandedOver => "cell-handed",
                    CellView::Wrote => "cell-wrote",
                    CellView::Gap => "cell-gap",
                })
                .collect();
            (name(row), cells)
        })
        .collect();
    // The latest week's gaps, by name: the table has every week's count.
    let this_week = view.weeks.last().map_or("", |w| w.first.as_str());
    let gaps: Vec<String> = scope
        .chain
        .iter()
        .flat_map(|row| {
            row.cells
                .iter()
                .zip(view.days.iter().zip(&view.day_labels))
                .filter(|(c, (day, _))| **c == CellView::Gap && day.as_str() >= this_week)
                .map(move |(_, (_, label))| format!("{} on {label}", name(row)))
        })
        .collect();
    let listed = match gaps.len() {
        0 => "No shift left a gap this week.".to_string(),
        n if n <= 12 => format!("Gaps this week: {}.", gaps.join("; ")),
        n => format!(
            "Gaps this week: {}; and {} more.",
            gaps[..12].join("; "),
            n - 12
        ),
    };
    let desc = format!(
        "{} {listed} Every week's numbers are in the table under the chart.",
        scope.shifts.headline
    );
    let legend = vec![
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
    ];
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
        legend,
    }
}
