//! Sweat tests and the user's rate by heat band, as lines of text (the
//! `sweat` command, the report, the Insights screen) and as JSON.

use crate::domain::entry::{Heat, VolumeUnit};
use crate::domain::mass::MassUnit;
use crate::domain::rules::Rules;
use crate::domain::sweat::{Band, SweatTest, litres};
use serde_json::{Value, json};

/// Said wherever a rate is shown.
pub const NOTE: &str = "Information for planning your drinking, not a medical measurement.";

/// An activity name from the journal (which syncs from elsewhere) made safe
/// to print: control characters become `?`, so no escape sequence reaches
/// the terminal.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

/// `70.0→69.2 kg` or `154.3→152.6 lb`.
fn weights(t: &SweatTest, mass: MassUnit) -> String {
    let (b, a) = match mass {
        MassUnit::Lb => (
            t.before_kg / crate::domain::entry::KG_PER_LB,
            t.after_kg / crate::domain::entry::KG_PER_LB,
        ),
        MassUnit::Kg => (t.before_kg, t.after_kg),
    };
    format!("{b:.1}→{a:.1} {}", mass.label())
}

/// The header of [`test_line`].
pub fn test_header(mass: MassUnit) -> String {
    format!(
        "{:<10} {:<8} {:<4} {:>4} {:<15} {:>8} {:>8} {:>8}  activity",
        "date",
        "effort",
        "heat",
        "min",
        format!("weight ({})", mass.label()),
        "drunk",
        "urine",
        "rate"
    )
}

/// One test on one line (its columns as wide as the header's, `100.8 oz`
/// included); the reason it is set aside, if any, on the next.
pub fn test_line(t: &SweatTest, unit: VolumeUnit, mass: MassUnit) -> Vec<String> {
    let mark = if t.used { ' ' } else { '✗' };
    let mut out = vec![format!(
        "{:<10} {:<8} {:<4} {:>4} {:<15} {:>8} {:>8} {:>8}{mark} {}",
        t.at.format("%a %-d %b").to_string(),
        t.intensity.word(),
        t.heat.word(),
        t.minutes,
        weights(t, mass),
        unit.format(t.drunk_ml as f64),
        unit.format(t.urine_ml as f64),
        format!("{} l/h", litres(t.rate_ml_per_h as f64)),
        printable(&t.activity)
    )];
    if let Some(r) = &t.reason {
        out.push(format!("  ✗ set aside: {r}"));
    }
    out
}

/// `hot`, or `  hard` for an intensity within its heat band.
fn band_name(b: &Band) -> String {
    match b.intensity {
        None => b.heat.word().to_string(),
        Some(i) => format!("  {i}"),
    }
}

fn tests_word(n: usize) -> String {
    if n == 1 {
        "1 test".into()
    } else {
        format!("{n} tests")
    }
}

/// The bands as a small table: name, tests, mean and range.
pub fn band_lines(bands: &[Band]) -> Vec<String> {
    let mut out = vec![format!(
        "{:<10} {:>5} {:>8}  range",
        "band", "tests", "mean"
    )];
    for b in bands {
        let range = if b.min_ml_per_h == b.max_ml_per_h {
            "·".to_string()
        } else {
            format!(
                "{}-{} l/h",
                litres(b.min_ml_per_h as f64),
                litres(b.max_ml_per_h as f64)
            )
        };
        out.push(format!(
            "{:<10} {:>5} {:>8}  {range}",
            band_name(b),
            b.count,
            format!("{} l/h", litres(b.mean_ml_per_h as f64)),
        ));
    }
    out
}

/// A bar per heat band (cool, mild, hot) of its mean rate, on a scale of
/// `width` cells for the largest mean; bands with no tests say so.
pub fn chart_lines(bands: &[Band], width: usize) -> Vec<String> {
    let heat_bands: Vec<&Band> = bands.iter().filter(|b| b.intensity.is_none()).collect();
    let top = heat_bands
        .iter()
        .map(|b| b.mean_ml_per_h)
        .max()
        .unwrap_or(1)
        .max(1);
    Heat::ALL
        .iter()
        .map(|heat| match heat_bands.iter().find(|b| b.heat == *heat) {
            None => format!("{:<5}│ no tests yet", heat.word()),
            Some(b) => {
                let cells = (b.mean_ml_per_h as usize * width).div_ceil(top as usize);
                format!(
                    "{:<5}│{} {} l/h ({})",
                    heat.word(),
                    "█".repeat(cells.max(1)),
                    litres(b.mean_ml_per_h as f64),
                    tests_word(b.count)
                )
            }
        })
        .collect()
}

/// What the timers do with these figures, and where the numbers come from.
pub fn footer(rules: &Rules) -> Vec<String> {
    let s = &rules.sweat;
    vec![
        format!(
            "With {} or more used tests in a heat band, their mean is your own rate there (the last {} tests of the last {} days).",
            s.min_tests, s.last_tests, s.recent_days
        ),
        NOTE.to_string(),
        format!("Source: {}", rules.source(&s.source)),
    ]
}

/// The whole text of `crampwatch sweat`.
pub fn text(
    tests: &[SweatTest],
    bands: &[Band],
    (unit, mass): (VolumeUnit, MassUnit),
    rules: &Rules,
) -> String {
    let mut lines = vec!["Sweat tests".to_string()];
    if tests.is_empty() {
        lines.push(format!(
            "No sweat tests yet: weigh within {} min before a workout ('crampwatch weight 72.4kg --when before') and within {} min after it ('--when after', '--urine 300ml' if you passed urine), and log what you drink.",
            rules.sweat.weigh_within_min, rules.sweat.weigh_within_min
        ));
    } else {
        lines.push(test_header(mass));
        lines.extend(tests.iter().flat_map(|t| test_line(t, unit, mass)));
    }
    lines.push(String::new());
    lines.push("Your rate by heat band".to_string());
    if !bands.is_empty() {
        lines.extend(band_lines(bands));
        lines.push(String::new());
    }
    lines.extend(chart_lines(bands, 30));
    lines.push(String::new());
    lines.extend(footer(rules));
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// `{ "tests": [...], "bands": [...], ... }`.
pub fn json(tests: &[SweatTest], bands: &[Band], rules: &Rules) -> Value {
    json!({
        "tests": tests,
        "bands": bands,
        "min_tests": rules.sweat.min_tests,
        "note": NOTE,
        "source": rules.source(&rules.sweat.source),
    })
}

/// The sweat section of the text report: the user's rate by band now, and
/// the tests of the period.
pub fn report_text(
    period: &[SweatTest],
    bands: &[Band],
    (unit, mass): (VolumeUnit, MassUnit),
) -> String {
    let mut lines = vec![String::new(), "Sweat rate".to_string()];
    if bands.is_empty() {
        lines.push("no used sweat tests yet (see 'crampwatch sweat')".into());
    } else {
        lines.extend(band_lines(bands));
    }
    if !period.is_empty() {
        lines.push(String::new());
        lines.push(format!("Sweat tests in these days: {}", period.len()));
        lines.push(test_header(mass));
        lines.extend(period.iter().flat_map(|t| test_line(t, unit, mass)));
    }
    lines.push(NOTE.to_string());
    lines.join("\n") + "\n"
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The sweat section of the Markdown report.
pub fn report_markdown(
    period: &[SweatTest],
    bands: &[Band],
    (unit, mass): (VolumeUnit, MassUnit),
) -> String {
    let mut o = vec![String::new(), "## Sweat rate".to_string(), String::new()];
    if bands.is_empty() {
        o.push("No used sweat tests yet.".into());
    } else {
        o.push("| Heat | Intensity | Tests | Mean (l/h) | Range (l/h) |".into());
        o.push("|---|---|---|---|---|".into());
        for b in bands {
            o.push(format!(
                "| {} | {} | {} | {} | {}-{} |",
                b.heat,
                b.intensity.map_or("all".to_string(), |i| i.to_string()),
                b.count,
                litres(b.mean_ml_per_h as f64),
                litres(b.min_ml_per_h as f64),
                litres(b.max_ml_per_h as f64)
            ));
        }
    }
    o.push(String::new());
    if period.is_empty() {
        o.push("No sweat tests in these days.".into());
    } else {
        o.push("| Date | Activity | Intensity | Heat | Minutes | Weight | Drunk | Urine | Rate (l/h) | Used |".into());
        o.push("|---|---|---|---|---|---|---|---|---|---|".into());
        for t in period {
            let used = match &t.reason {
                None => "yes".to_string(),
                Some(r) => format!("no: {}", md_cell(r)),
            };
            o.push(format!(
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {used} |",
                t.at.format("%a %-d %b %H:%M"),
                md_cell(&printable(&t.activity)),
                t.intensity,
                t.heat,
                t.minutes,
                weights(t, mass),
                unit.format(t.drunk_ml as f64),
                unit.format(t.urine_ml as f64),
                litres(t.rate_ml_per_h as f64),
            ));
        }
    }
    o.push(String::new());
    o.push(format!("*{NOTE}*"));
    o.join("\n") + "\n"
}
