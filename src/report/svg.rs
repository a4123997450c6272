//! Small SVG charts for the HTML report, drawn with maud (every text and
//! attribute escaped). Each chart is one `<svg>` that stands alone: its own
//! fill patterns, so it prints the same in black and white, and a label on
//! every bar or cell, so no figure is told by colour alone.
//!
//! Marked for tests and readers: a bar (or a day, or a week) is a
//! `<g class="bar">`, a heat-map cell a `<rect class="cell">`, a course of
//! medicine a `<g class="course">`.

use maud::{Markup, html};

/// The drawing width every chart shares, so the medicine timeline lines up
/// under the cramps-per-week chart.
pub const WIDTH: f64 = 640.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 30.0;

/// A series' grey, from dark to white. Grey alone is not relied on: every
/// segment tall enough carries its series' letter, and the legend gives both.
/// (Fill patterns would do too, but a browser's PDF expands each pattern into
/// thousands of shapes: megabytes for a few pages.)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fill {
    Dark,
    Mid,
    Pale,
    Faint,
    White,
}

impl Fill {
    fn paint(self) -> &'static str {
        match self {
            Fill::Dark => "#23415f",
            Fill::Mid => "#6f8aa6",
            Fill::Pale => "#aebfd0",
            Fill::Faint => "#dde5ec",
            Fill::White => "#ffffff",
        }
    }

    /// The colour of a letter written on this fill.
    fn ink(self) -> &'static str {
        match self {
            Fill::Dark | Fill::Mid => "#fff",
            _ => "#000",
        }
    }
}

/// One named series of a stacked bar chart.
pub struct Series<'a> {
    pub name: &'a str,
    pub fill: Fill,
    pub values: Vec<u32>,
}

/// The letter a series is marked with: its name's first, upper case.
fn letter(name: &str) -> String {
    name.chars()
        .next()
        .map(|c| c.to_uppercase().to_string())
        .unwrap_or_default()
}

fn n(x: f64) -> String {
    format!("{:.1}", x)
}

/// Horizontal grid lines with their values, from 0 to `max`.
fn y_axis(max: f64, height: f64, unit: &str) -> Markup {
    let plot = height - TOP - BOTTOM;
    let steps = [0.0, 0.5, 1.0];
    html! {
        @for s in steps {
            @let y = TOP + plot * (1.0 - s);
            line x1=(n(LEFT)) x2=(n(WIDTH - RIGHT)) y1=(n(y)) y2=(n(y)) stroke="#999" stroke-width="0.5" {}
            text x=(n(LEFT - 4.0)) y=(n(y + 3.0)) text-anchor="end" font-size="9" { (short(max * s)) }
        }
        text x="2" y=(n(TOP - 4.0)) font-size="9" { (unit) }
    }
}

/// A round top for an axis: even up to 10 (so its half is whole), then a
/// multiple of 10.
fn nice(max: f64) -> f64 {
    let m = max.ceil().max(1.0);
    if m <= 10.0 {
        m + m % 2.0
    } else {
        (m / 10.0).ceil() * 10.0
    }
}

fn short(v: f64) -> String {
    if (v - v.round()).abs() < 0.05 {
        format!("{}", v.round() as i64)
    } else {
        format!("{v:.1}")
    }
}

/// Which x labels to draw so they do not overlap: every k-th.
fn label_every(count: usize) -> usize {
    (count / 14).max(1)
}

fn legend(series: &[(&str, Fill)], y: f64) -> Markup {
    html! {
        g class="legend" {
            @for (i, (name, fill)) in series.iter().enumerate() {
                @let x = LEFT + i as f64 * 110.0;
                rect x=(n(x)) y=(n(y)) width="12" height="12" fill=(fill.paint()) stroke="#000" stroke-width="0.6" {}
                text x=(n(x + 6.0)) y=(n(y + 9.5)) text-anchor="middle" font-size="9" font-weight="bold" fill=(fill.ink()) { (letter(name)) }
                text x=(n(x + 16.0)) y=(n(y + 10.0)) font-size="10" { (name) }
            }
        }
    }
}

/// The non-zero segments of bar `i`: (what is below it, its value, its fill, its series).
fn segments<'s>(series: &[Series<'s>], i: usize) -> Vec<(u32, u32, Fill, &'s str)> {
    let mut base = 0;
    let mut out = Vec::new();
    for s in series {
        let v = s.values.get(i).copied().unwrap_or(0);
        if v > 0 {
            out.push((base, v, s.fill, s.name));
        }
        base += v;
    }
    out
}

/// Bars of stacked series, one `g.bar` per label, its total written on top.
pub fn stacked_bars(
    id: &str,
    title: &str,
    labels: &[String],
    series: &[Series],
    unit: &str,
) -> Markup {
    let height = 190.0;
    let totals: Vec<u32> = (0..labels.len())
        .map(|i| {
            series
                .iter()
                .map(|s| s.values.get(i).copied().unwrap_or(0))
                .sum()
        })
        .collect();
    let max = nice(totals.iter().copied().max().unwrap_or(0) as f64);
    let plot = height - TOP - BOTTOM;
    let slot = (WIDTH - LEFT - RIGHT) / labels.len().max(1) as f64;
    let bar_w = (slot * 0.7).min(40.0);
    let every = label_every(labels.len());
    let keys: Vec<(&str, Fill)> = series.iter().map(|s| (s.name, s.fill)).collect();
    html! {
        svg class="chart" id=(id) viewBox=(format!("0 0 {WIDTH} {}", height + 18.0)) role="img" aria-label=(title) {
            title { (title) }
            (y_axis(max, height, unit))
            @for (i, label) in labels.iter().enumerate() {
                @let x = LEFT + slot * i as f64 + (slot - bar_w) / 2.0;
                g class="bar" data-total=(totals[i]) {
                    title { (label) ": " (totals[i]) }
                    @for (base, v, fill, name) in segments(series, i) {
                        @let y0 = TOP + plot * (1.0 - (base + v) as f64 / max);
                        @let h = plot * v as f64 / max;
                        rect class="seg" x=(n(x)) y=(n(y0)) width=(n(bar_w)) height=(n(h)) fill=(fill.paint()) stroke="#000" stroke-width="0.6" {}
                        @if h >= 10.0 && bar_w >= 8.0 {
                            text x=(n(x + bar_w / 2.0)) y=(n(y0 + h / 2.0 + 3.0)) text-anchor="middle" font-size="8" font-weight="bold" fill=(fill.ink()) { (letter(name)) }
                        }
                    }
                    @if totals[i] > 0 {
                        text x=(n(x + bar_w / 2.0)) y=(n(TOP + plot * (1.0 - totals[i] as f64 / max) - 2.0)) text-anchor="middle" font-size="9" { (totals[i]) }
                    }
                    @if i % every == 0 {
                        text x=(n(x + bar_w / 2.0)) y=(n(height - BOTTOM + 12.0)) text-anchor="middle" font-size="9" { (label) }
                    }
                }
            }
            (legend(&keys, height + 4.0))
        }
    }
}

/// Bars of values against a goal line (dashed), one `g.bar` per label.
pub fn bars_with_goal(
    id: &str,
    title: &str,
    labels: &[String],
    values: &[f64],
    goal: f64,
    unit: &str,
) -> Markup {
    let height = 170.0;
    let max = nice(values.iter().copied().fold(goal, f64::max));
    let plot = height - TOP - BOTTOM;
    let slot = (WIDTH - LEFT - RIGHT) / labels.len().max(1) as f64;
    let bar_w = (slot * 0.7).min(40.0);
    let every = label_every(labels.len());
    let gy = TOP + plot * (1.0 - goal / max);
    html! {
        svg class="chart" id=(id) viewBox=(format!("0 0 {WIDTH} {height}")) role="img" aria-label=(title) {
            title { (title) }
            (y_axis(max, height, unit))
            @for (i, label) in labels.iter().enumerate() {
                @let v = values.get(i).copied().unwrap_or(0.0);
                @let x = LEFT + slot * i as f64 + (slot - bar_w) / 2.0;
                @let fill = if v >= goal { Fill::Dark } else { Fill::Pale };
                g class="bar" data-value=(short(v)) {
                    title { (label) ": " (short(v)) " " (unit) }
                    rect x=(n(x)) y=(n(TOP + plot * (1.0 - v / max))) width=(n(bar_w)) height=(n(plot * v / max)) fill=(fill.paint()) stroke="#000" stroke-width="0.6" {}
                    @if i % every == 0 {
                        text x=(n(x + bar_w / 2.0)) y=(n(height - BOTTOM + 12.0)) text-anchor="middle" font-size="9" { (label) }
                    }
                }
            }
            line class="goal" x1=(n(LEFT)) x2=(n(WIDTH - RIGHT)) y1=(n(gy)) y2=(n(gy)) stroke="#000" stroke-width="1.2" stroke-dasharray="5 3" {}
            text x=(n(WIDTH - RIGHT)) y=(n(TOP - 4.0)) text-anchor="end" font-size="9" { "dashed: the goal, " (short(goal)) " " (unit) "; dark bars met it, pale ones did not" }
        }
    }
}

/// Horizontal bars, one `g.bar` per row, the count written after each.
pub fn hbars(id: &str, title: &str, rows: &[(String, u32)]) -> Markup {
    let row_h = 18.0;
    let height = TOP + row_h * rows.len() as f64 + 6.0;
    let max = rows.iter().map(|r| r.1).max().unwrap_or(0).max(1) as f64;
    let left = 90.0;
    let span = WIDTH - left - 60.0;
    html! {
        svg class="chart" id=(id) viewBox=(format!("0 0 {WIDTH} {height}")) role="img" aria-label=(title) {
            title { (title) }
            @for (i, (label, v)) in rows.iter().enumerate() {
                @let y = TOP + row_h * i as f64;
                g class="bar" data-value=(v) {
                    text x=(n(left - 6.0)) y=(n(y + 11.0)) text-anchor="end" font-size="10" { (label) }
                    rect x=(n(left)) y=(n(y + 2.0)) width=(n(span * *v as f64 / max)) height="11" fill="#23415f" stroke="#000" stroke-width="0.6" {}
                    text x=(n(left + span * *v as f64 / max + 4.0)) y=(n(y + 11.0)) font-size="10" { (v) }
                }
            }
        }
    }
}

/// A grid of counts (rows x columns), one `rect.cell` each, darker for more,
/// the count written in every cell that has one.
pub fn heat_map(
    id: &str,
    title: &str,
    rows: &[&str],
    cols: &[String],
    counts: &[Vec<u32>],
) -> Markup {
    let cell_h = 20.0;
    let left = 44.0;
    let cell_w = (WIDTH - left - RIGHT) / cols.len().max(1) as f64;
    let height = TOP + cell_h * rows.len() as f64 + 20.0;
    let max = counts.iter().flatten().copied().max().unwrap_or(0).max(1) as f64;
    html! {
        svg class="chart" id=(id) viewBox=(format!("0 0 {WIDTH} {height}")) role="img" aria-label=(title) {
            title { (title) }
            @for (r, row) in rows.iter().enumerate() {
                @let y = TOP + cell_h * r as f64;
                text x=(n(left - 6.0)) y=(n(y + 14.0)) text-anchor="end" font-size="10" { (row) }
                @for (c, _) in cols.iter().enumerate() {
                    @let v = counts.get(r).and_then(|row| row.get(c)).copied().unwrap_or(0);
                    @let shade = 255.0 - 200.0 * v as f64 / max;
                    @let x = left + cell_w * c as f64;
                    rect class="cell" data-count=(v) x=(n(x)) y=(n(y)) width=(n(cell_w)) height=(n(cell_h)) fill=(format!("rgb({0:.0},{0:.0},{0:.0})", shade)) stroke="#666" stroke-width="0.5" {
                        title { (row) " " (cols[c]) ": " (v) }
                    }
                    @if v > 0 {
                        text x=(n(x + cell_w / 2.0)) y=(n(y + 14.0)) text-anchor="middle" font-size="10" font-weight="bold" fill=(if shade < 140.0 { "#fff" } else { "#000" }) { (v) }
                    }
                }
            }
            @for (c, label) in cols.iter().enumerate() {
                text x=(n(left + cell_w * (c as f64 + 0.5))) y=(n(TOP + cell_h * rows.len() as f64 + 12.0)) text-anchor="middle" font-size="9" { (label) }
            }
        }
    }
}

/// One medicine on the timeline: where it starts and ends as fractions of the
/// period (clamped to 0..1), and whether it runs on past either edge.
pub struct Course<'a> {
    pub label: &'a str,
    pub from: f64,
    pub to: f64,
    pub before: bool,
    pub after: bool,
}

/// Medicines as bars over the same x extent as [`stacked_bars`].
pub fn timeline(id: &str, title: &str, courses: &[Course]) -> Markup {
    let row_h = 20.0;
    let height = 8.0 + row_h * courses.len() as f64;
    let span = WIDTH - LEFT - RIGHT;
    html! {
        svg class="chart timeline" id=(id) viewBox=(format!("0 0 {WIDTH} {height}")) role="img" aria-label=(title) {
            title { (title) }
            @for (i, c) in courses.iter().enumerate() {
                @let y = 4.0 + row_h * i as f64;
                @let x0 = LEFT + span * c.from.clamp(0.0, 1.0);
                @let x1 = (LEFT + span * c.to.clamp(0.0, 1.0)).max(x0 + 2.0);
                g class="course" {
                    rect x=(n(x0)) y=(n(y)) width=(n(x1 - x0)) height="14" fill=(Fill::Faint.paint()) stroke="#000" stroke-width="0.8" {}
                    @if !c.before {
                        line x1=(n(x0)) x2=(n(x0)) y1=(n(y - 2.0)) y2=(n(y + 16.0)) stroke="#000" stroke-width="2" {}
                    }
                    @if !c.after {
                        line x1=(n(x1)) x2=(n(x1)) y1=(n(y - 2.0)) y2=(n(y + 16.0)) stroke="#000" stroke-width="2" {}
                    }
                    text x=(n(x0 + 4.0)) y=(n(y + 11.0)) font-size="10" font-weight="bold" {
                        @if c.before { "◀ " }
                        (c.label)
                        @if c.after { " ▶" }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(html: &str, needle: &str) -> usize {
        html.matches(needle).count()
    }

    #[test]
    fn a_stacked_chart_has_one_bar_per_label_and_a_segment_per_nonzero_value() {
        let labels: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        let series = [
            Series {
                name: "x",
                fill: Fill::Dark,
                values: vec![1, 0, 2],
            },
            Series {
                name: "y",
                fill: Fill::Pale,
                values: vec![0, 0, 3],
            },
        ];
        let svg = stacked_bars("t", "T", &labels, &series, "n").into_string();
        assert_eq!(count(&svg, r#"<g class="bar""#), 3);
        assert_eq!(
            count(&svg, r#"class="seg""#),
            3,
            "1 + 0 + 2 non-zero segments"
        );
        assert!(svg.contains(r#"data-total="5""#));
    }

    #[test]
    fn labels_are_escaped() {
        let rows = vec![("<script>".to_string(), 2)];
        let svg = hbars("m", "<b>", &rows).into_string();
        assert!(!svg.contains("<script>") && svg.contains("&lt;script&gt;"));
        assert!(!svg.contains("<b>"));
    }

    #[test]
    fn a_heat_map_has_every_cell_and_writes_the_counts() {
        let cols: Vec<String> = (0..8).map(|i| format!("{}", i * 3)).collect();
        let mut counts = vec![vec![0; 8]; 7];
        counts[2][1] = 4;
        let svg = heat_map(
            "h",
            "H",
            &["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
            &cols,
            &counts,
        )
        .into_string();
        assert_eq!(count(&svg, r#"class="cell""#), 56);
        assert!(svg.contains(r#"data-count="4""#));
        assert!(svg.contains(">4</text>"));
    }

    #[test]
    fn a_course_running_on_past_the_period_has_no_end_mark() {
        let c = [Course {
            label: "x",
            from: 0.5,
            to: 1.0,
            before: false,
            after: true,
        }];
        let svg = timeline("tl", "T", &c).into_string();
        assert_eq!(count(&svg, "<line"), 1, "only the start is marked");
        assert!(svg.contains("x ▶"));
    }
}
