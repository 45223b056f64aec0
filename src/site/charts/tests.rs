use super::*;

fn label(id: &'static str) -> Label<'static> {
    Label {
        id,
        title: "Asks <picked up> & more",
        desc: "In words.",
    }
}

/// The chart parsed as XML: it must be well formed.
fn parse(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}: {svg}"))
}

fn weeks() -> Vec<String> {
    ["2 Nov", "9 Nov", "16 Nov"].map(String::from).to_vec()
}

/// Every chart names its title and description, which say it in words.
fn assert_labelled(doc: &roxmltree::Document, id: &str) {
    let root = doc.root_element();
    assert_eq!(root.attribute("role"), Some("img"));
    assert_eq!(
        root.attribute("aria-labelledby"),
        Some(format!("{id}-t {id}-d").as_str())
    );
    let title = root.children().find(|n| n.has_tag_name("title")).unwrap();
    assert_eq!(title.attribute("id"), Some(format!("{id}-t").as_str()));
    assert_eq!(title.text(), Some("Asks <picked up> & more"));
    let desc = root.children().find(|n| n.has_tag_name("desc")).unwrap();
    assert_eq!(desc.text(), Some("In words."));
    assert!(!doc.input_text().contains("NaN") && !doc.input_text().contains("inf"));
    assert!(
        !doc.input_text().contains("fill=\"#"),
        "colours come from CSS classes"
    );
}

fn bars(layout: Layout, values: [Vec<usize>; 2]) -> String {
    let labels = weeks();
    let [a, b] = values;
    Bars {
        label: label("b"),
        labels: &labels,
        series: vec![
            Series {
                name: "within a shift",
                class: "c-good",
                values: a,
            },
            Series {
                name: "later",
                class: "c-late",
                values: b,
            },
        ],
        layout,
        outline: None,
    }
    .svg()
}

/// The `(class, height)` of each bar segment.
fn segments(doc: &roxmltree::Document) -> Vec<(String, f64)> {
    doc.descendants()
        .filter(|n| n.has_tag_name("rect"))
        .map(|n| {
            (
                n.attribute("class").unwrap().to_string(),
                n.attribute("height").unwrap().parse().unwrap(),
            )
        })
        .collect()
}

#[test]
fn stacked_bars_are_labelled_deterministic_and_to_scale() {
    let svg = bars(Layout::Stacked, [vec![1, 0, 3], vec![1, 0, 1]]);
    assert_eq!(svg, bars(Layout::Stacked, [vec![1, 0, 3], vec![1, 0, 1]]));
    let doc = parse(&svg);
    assert_labelled(&doc, "b");
    // No segment for a zero; the tallest bar (4) fills the plot (120).
    let got = segments(&doc);
    assert_eq!(got.len(), 4, "{got:?}");
    assert_eq!(got[2].1 + got[3].1, 120.0);
    assert_eq!(got[0].1, 30.0);
    // Each segment says what it is and how many.
    let tips: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect"))
        .filter_map(|r| r.first_child().and_then(|t| t.text()))
        .collect();
    assert_eq!(tips[2], "within a shift: 3");
}

#[test]
fn shares_fill_each_week_and_an_empty_week_draws_nothing() {
    let doc_text = bars(Layout::Shares, [vec![7, 0, 1], vec![3, 0, 0]]);
    let doc = parse(&doc_text);
    let got = segments(&doc);
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(got[0].1 + got[1].1, 120.0);
    assert_eq!(got[2].1, 120.0);
    assert!(doc_text.contains(">100%<"), "the axis says percent");
    // Nothing at all: an axis and no bars, no division by zero.
    let empty = bars(Layout::Shares, [vec![0, 0, 0], vec![0, 0, 0]]);
    assert!(segments(&parse(&empty)).is_empty());
}

#[test]
fn grouped_bars_stand_side_by_side() {
    let doc_text = bars(Layout::Grouped, [vec![2, 0, 0], vec![1, 0, 0]]);
    let doc = parse(&doc_text);
    let xs: Vec<f64> = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect"))
        .map(|n| n.attribute("x").unwrap().parse().unwrap())
        .collect();
    assert_eq!(xs.len(), 2);
    assert!(xs[1] > xs[0]);
    assert_eq!(segments(&doc)[0].1, 2.0 * segments(&doc)[1].1);
}

#[test]
fn a_line_breaks_where_a_week_has_no_value() {
    let labels = weeks();
    let svg = Line {
        label: label("l"),
        labels: &labels,
        values: vec![Some(50.0), None, Some(100.0)],
        max: Some(100.0),
        unit: "%",
        class: "c-good",
    }
    .svg();
    let doc = parse(&svg);
    assert_labelled(&doc, "l");
    let path = doc.descendants().find(|n| n.has_tag_name("path")).unwrap();
    assert_eq!(path.attribute("d").unwrap().matches('M').count(), 2);
    assert_eq!(
        doc.descendants()
            .filter(|n| n.has_tag_name("circle"))
            .count(),
        2
    );
}

#[test]
fn a_sparkline_needs_two_values() {
    assert_eq!(sparkline("t", &[Some(1.0), None], 100.0, "c"), None);
    let svg = sparkline(
        "Picked up: 80%",
        &[Some(50.0), None, Some(80.0)],
        100.0,
        "c",
    )
    .unwrap();
    let doc = parse(&svg);
    assert_eq!(doc.root_element().attribute("role"), Some("img"));
    assert!(svg.contains("<title>Picked up: 80%</title>"));
}

#[test]
fn the_grid_draws_every_cell_and_shortens_long_labels() {
    let svg = Grid {
        label: label("g"),
        rows: vec![
            ("Payments · apac".into(), vec!["cell-handed", "cell-gap"]),
            (
                "A team with a very long name".into(),
                vec!["cell-wrote", "cell-gap"],
            ),
        ],
        columns: vec![(0, "16 Nov".into())],
        width: 2,
    }
    .svg();
    let doc = parse(&svg);
    assert_labelled(&doc, "g");
    let classes: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect"))
        .map(|n| n.attribute("class").unwrap())
        .collect();
    assert_eq!(
        classes,
        ["cell-handed", "cell-gap", "cell-wrote", "cell-gap"]
    );
    assert!(svg.contains(">A team with a v…<"), "{svg}");
}

#[test]
fn a_timeline_marks_each_moment_within_its_span() {
    let svg = Timeline {
        label: label("t"),
        until: 1.0,
        ongoing: true,
        marks: vec![
            Mark {
                at: 0.0,
                title: "opened".into(),
                class: "m-open",
            },
            Mark {
                at: 2.0,
                title: "after the end".into(),
                class: "m-touch",
            },
        ],
        ticks: vec![(0.5, "20 Nov".into())],
    }
    .svg();
    let doc = parse(&svg);
    assert_labelled(&doc, "t");
    let xs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("circle"))
        .map(|n| n.attribute("cx").unwrap())
        .collect();
    // Clamped to the axis: 12 to 368.
    assert_eq!(xs, ["12", "368"]);
    assert!(svg.contains("class=\"span ongoing\""));
}

#[test]
fn coordinates_have_one_decimal_at_most() {
    assert_eq!(num(3.0), "3");
    assert_eq!(num(12.34), "12.3");
    assert_eq!(num(-0.25), "-0.3");
    assert_eq!(num(122.0), "122");
    assert_eq!(shown_labels(12, 6).collect::<Vec<_>>(), [1, 3, 5, 7, 9, 11]);
    assert_eq!(shown_labels(3, 6).collect::<Vec<_>>(), [0, 1, 2]);
}
