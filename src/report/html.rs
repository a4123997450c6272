//! The report as one self-contained HTML page for a clinician: no script, no
//! external font, style or image; inline CSS and SVG only. Sections come in
//! the order a clinician reads: the period and sources, a five-line summary,
//! charts (medicines under the cramps chart), flags with evidence, sweat
//! figures, then the logs. maud escapes every text and attribute.

use super::figures::{self, CONTEXTS, DURATION_BANDS, HOUR_BLOCKS};
use super::html_logs;
use super::svg::{self, Fill, Series};
use super::{NOT_ADVICE, Report};
use crate::domain::day::day_of;
use crate::domain::entry::{Heat, format_duration};
use crate::domain::patterns::{Flag, Level};
use crate::domain::say::counted;
use chrono::TimeZone;
use maud::{DOCTYPE, Markup, PreEscaped, html};
use std::collections::BTreeSet;

/// What the page shows besides the report's figures.
pub struct Extras {
    /// Where the data came from, one line each.
    pub sources: Vec<String>,
    /// When the page was made, as shown.
    pub generated: String,
    /// The sweat-rate figures (src/domain/sweat.rs), as rows of (what,
    /// figure); empty renders nothing.
    pub sweat: Vec<(String, String)>,
}

const CSS: &str = include_str!("report.css");

/// The whole page.
pub fn html<Tz: TimeZone>(r: &Report<Tz>, x: &Extras) -> String {
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "Muscle cramps: " (r.period()) }
                style { (PreEscaped(CSS)) }
            }
            body {
                (header(r, x))
                (summary(r))
                (charts(r))
                (flags(&r.summary.flags))
                (sweat(&x.sweat))
                (html_logs::cramp_log(r))
                (html_logs::appendix(r))
                footer { p.disclaimer { (NOT_ADVICE) } }
            }
        }
    };
    page.into_string()
}

fn header<Tz: TimeZone>(r: &Report<Tz>, x: &Extras) -> Markup {
    html! {
        header #period {
            h1 { "Muscle cramps: a summary for a clinician" }
            p.period { strong { "Period: " } (r.period()) ". Each day runs from "
                (format!("{:02}:00", r.prefs.day_start_hour)) " local time." }
            p { "Made " (x.generated) " by crampwatch from the person's own log." }
            @if !x.sources.is_empty() {
                p { strong { "Sources: " } }
                ul.sources { @for line in &x.sources { li { (line) } } }
            }
            p.disclaimer { strong { "General information, not medical advice. " }
                "The figures are what was logged; the flags are patterns worth discussing, not diagnoses." }
        }
    }
}

/// The five lines, each with an id a reader (or a test) can find.
fn summary<Tz: TimeZone>(r: &Report<Tz>) -> Markup {
    let s = r.summary;
    // The rate is over the days begun: a page running to next Sunday has
    // not had its last days yet.
    let begun = r.days_begun().max(1);
    let days = begun as f64;
    let in_days = match s.days.len() - r.days_begun() {
        0 => counted(begun, "day", "days"),
        _ => format!("the {} so far", counted(begun, "day", "days")),
    };
    let n = s.totals.cramps;
    let prev = s.previous.cramps;
    let trend = match n.cmp(&prev) {
        std::cmp::Ordering::Greater => "up",
        std::cmp::Ordering::Less => "down",
        std::cmp::Ordering::Equal => "no change",
    };
    let cramps: Vec<_> = r.cramps().collect();
    let nights: BTreeSet<_> = cramps
        .iter()
        .filter(|(_, c)| c.context == Some(crate::domain::entry::CrampContext::Night))
        .map(|(e, _)| day_of(&e.at, &r.tz, r.prefs.day_start_hour))
        .collect();
    let at_night = cramps
        .iter()
        .filter(|(_, c)| c.context == Some(crate::domain::entry::CrampContext::Night))
        .count();
    let longest = cramps
        .iter()
        .filter(|(_, c)| c.duration_s.is_some())
        .max_by_key(|(_, c)| c.duration_s);
    let worst = cramps
        .iter()
        .filter(|(_, c)| c.severity.is_some())
        .max_by_key(|(_, c)| c.severity);
    let untied = cramps.iter().filter(|(e, _)| !r.is_tied(&e.id)).count();
    let pro: Vec<&Flag> = s
        .flags
        .iter()
        .filter(|f| f.level == Level::Professional)
        .collect();
    let when = |e: &crate::domain::history::Entry| r.local(&e.at).format("%a %-d %b").to_string();
    html! {
        section #summary {
            h2 { "Summary" }
            ol.summary {
                li #sum-rate { (counted(n, "cramp", "cramps")) " in " (in_days) " ("
                    (format!("{:.1}", n as f64 * 7.0 / days)) " a week); "
                    (r.compared_with()) ": " (prev) " (" (trend) ")." }
                li #sum-nights { "Nights woken: " (nights.len()) " (" (counted(at_night as i64, "cramp", "cramps")) " at night)." }
                li #sum-worst {
                    "Longest: "
                    @match longest { Some((e, c)) => { (format_duration(c.duration_s.unwrap_or(0))) " (" (c.muscle_words()) ", " (when(e)) ")" } None => { "no duration logged" } }
                    "; most severe: "
                    @match worst { Some((e, c)) => { (c.severity.unwrap_or(0)) "/10 (" (c.muscle_words()) ", " (when(e)) ")" } None => { "no severity logged" } }
                    "."
                }
                li #sum-untied { "Not tied to exercise: " (untied) " of " (n)
                    @if n > 0 { " (" (format!("{:.0}", untied as f64 * 100.0 / n as f64)) "%)" } "." }
                li #sum-flags {
                    "Flags at the \u{201c}see a professional\u{201d} level: " (pro.len())
                    @if !pro.is_empty() { ": " (pro.iter().map(|f| f.title.as_str()).collect::<Vec<_>>().join("; ")) } "."
                }
            }
        }
    }
}

fn figure(id: &str, caption: &str, chart: Markup, note: Option<String>) -> Markup {
    html! {
        figure id=(id) {
            figcaption { (caption) }
            (chart)
            @if let Some(n) = note { p.note { (n) } }
        }
    }
}

const FILLS: [Fill; 5] = [Fill::Dark, Fill::Mid, Fill::Pale, Fill::Faint, Fill::White];

fn charts<Tz: TimeZone>(r: &Report<Tz>) -> Markup {
    let (size, firsts) = figures::buckets(r);
    let labels: Vec<String> = firsts
        .iter()
        .map(|d| {
            if size == 1 {
                d.format("%a %-d").to_string()
            } else {
                d.format("%-d %b").to_string()
            }
        })
        .collect();
    let by_ctx = figures::cramps_by_context(r);
    let series: Vec<Series> = CONTEXTS
        .iter()
        .zip(FILLS)
        .zip(by_ctx)
        .map(|((name, fill), values)| Series { name, fill, values })
        .collect();
    let per = if size == 1 {
        "day"
    } else {
        "week (from the day shown)"
    };
    let unit = r.prefs.unit;
    let day_labels: Vec<String> = r
        .summary
        .days
        .iter()
        .map(|d| d.date.format("%-d %b").to_string())
        .collect();
    let intake: Vec<f64> = r
        .summary
        .days
        .iter()
        .map(|d| d.intake_ml as f64 / unit.ml())
        .collect();
    let heat = figures::session_minutes(r);
    let heat_fills = [Fill::Faint, Fill::Mid, Fill::Dark];
    let heat_series: Vec<Series> = Heat::ALL
        .iter()
        .zip(heat_fills)
        .zip(heat)
        .map(|((h, fill), values)| Series {
            name: h.word(),
            fill,
            values,
        })
        .collect();
    let (sev, sev_none) = figures::severities(r);
    let (dur, dur_none) = figures::durations(r);
    let hours: Vec<String> = (0..HOUR_BLOCKS)
        .map(|i| format!("{:02}-{:02}", i * 3, i * 3 + 3))
        .collect();
    let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    html! {
        section #charts {
            h2 { "Charts" }
            (figure("chart-cramps", &format!("Cramps per {per}, by when they came"),
                svg::stacked_bars("svg-cramps", "Cramps by context", &labels, &series, "cramps"), None))
            (medicines(r))
            (figure("chart-heatmap", "When cramps came: day of the week by time of day (local clock)",
                svg::heat_map("svg-heatmap", "Cramps by weekday and time of day", &weekdays, &hours, &figures::heat_map(r)), None))
            (figure("chart-muscles", "Muscles affected", svg::hbars("svg-muscles", "Cramps per muscle", &figures::muscles(r)), None))
            (figure("chart-severity", "Severity (1 = barely, 10 = worst imaginable)",
                svg::hbars("svg-severity", "Cramps per severity", &(1..=10).map(|i| (format!("{i}/10"), sev[i - 1])).collect::<Vec<_>>()),
                (sev_none > 0).then(|| format!("{} without a severity.", counted(sev_none, "cramp", "cramps")))))
            (figure("chart-duration", "Duration",
                svg::hbars("svg-duration", "Cramps per duration", &DURATION_BANDS.iter().zip(&dur).map(|(b, v)| (b.to_string(), *v)).collect::<Vec<_>>()),
                (dur_none > 0).then(|| format!("{} without a duration.", counted(dur_none, "cramp", "cramps")))))
            (figure("chart-intake", &format!("Fluid intake per day against the goal of {}", unit.format(r.prefs.goal_ml as f64)),
                svg::bars_with_goal("svg-intake", "Intake per day", &day_labels, &intake, r.prefs.goal_ml as f64 / unit.ml(), unit.label()), None))
            (figure("chart-sessions", &format!("Workout minutes per {per}, by heat"),
                svg::stacked_bars("svg-sessions", "Workout minutes by heat", &labels, &heat_series, "min"), None))
        }
    }
}

fn medicines<Tz: TimeZone>(r: &Report<Tz>) -> Markup {
    let shown: Vec<(String, (f64, f64, bool, bool))> = r
        .courses
        .iter()
        .filter_map(|c| {
            let mut label = format!("{} ({})", c.name, c.class_word());
            if let Some(d) = &c.dose {
                label.push_str(&format!(" {d}"));
            }
            figures::course_span(r, c).map(|span| (label, span))
        })
        .collect();
    let courses: Vec<svg::Course> = shown
        .iter()
        .map(|(label, (from, to, before, after))| svg::Course {
            label,
            from: *from,
            to: *to,
            before: *before,
            after: *after,
        })
        .collect();
    let profile = r.medication();
    html! {
        figure #chart-medicines {
            figcaption { "Medicines over the same days (a bar mark is a start or stop; an arrow, taken before or after the period)" }
            @if courses.is_empty() {
                p.note { "No medicine logged for these days." }
            } @else {
                (svg::timeline("svg-medicines", "Medicines", &courses))
            }
            @if !profile.is_empty() {
                p.note { "The profile notes: " (profile.join(", ")) "." }
            }
        }
    }
}

fn flags(flags: &[Flag]) -> Markup {
    html! {
        section #flags .page {
            h2 { "Observations (pattern flags)" }
            @if flags.is_empty() { p { "No pattern flags were raised in this period." } }
            @for f in flags {
                article.flag {
                    h3 { span.level { "[" (f.level.label()) "]" } " " (f.title) }
                    p { (f.why) }
                    @if let Some(p) = &f.professional { p { strong { "Who to see: " } (p) } }
                    p.source { "Source: " (f.source) }
                    @if !f.evidence.is_empty() {
                        p { "Evidence:" }
                        ul.evidence { @for e in &f.evidence { li { (e.summary) } } }
                    }
                }
            }
        }
    }
}

/// The sweat-rate section: nothing at all without sweat tests.
fn sweat(rows: &[(String, String)]) -> Markup {
    html! {
        @if !rows.is_empty() {
            section #sweat {
                h2 { "Sweat rate" }
                table { @for (what, v) in rows { tr { th { (what) } td { (v) } } } }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_sweat_hook_shows_its_rows_and_nothing_without_them() {
        assert_eq!(super::sweat(&[]).into_string(), "");
        let rows = [("rate when hot".to_string(), "1.1 l/h <b>".to_string())];
        let html = super::sweat(&rows).into_string();
        assert!(html.contains(r#"<section id="sweat">"#), "{html}");
        assert!(
            html.contains("<th>rate when hot</th><td>1.1 l/h &lt;b&gt;</td>"),
            "{html}"
        );
    }
}
