//! A run of days rendered for people: text for the terminal (with small text
//! charts), Markdown for a clinician, JSON for scripts.
//!
//! Nothing here writes escape codes: the text is the same on a terminal and in
//! a pipe.

mod figures;
pub mod html;
mod html_logs;
pub mod page;
pub mod svg;

use crate::domain::context::Snapshot;
use crate::domain::day::day_of;
use crate::domain::entry::{Body, Cramp, Muscle, Time, VolumeUnit, format_duration};
use crate::domain::history::Entry;
use crate::domain::patterns::Flag;
use crate::domain::prefs::Prefs;
use crate::domain::week::{Change, DayFigures, Summary, Totals};
use chrono::{Datelike, Duration, NaiveDate, TimeZone};
use serde::Serialize;
use std::fmt::Write;

/// The line every report ends with.
pub const NOT_ADVICE: &str = "General information, not medical advice. \
Bring this summary to a physiotherapist or doctor; their advice for you comes first.";

/// What a report shows: the figures, the entries of those days (in time
/// order) and whether each cramp was tied to exercise.
pub struct Report<'a, Tz: TimeZone> {
    pub summary: &'a Summary,
    pub entries: Vec<&'a Entry>,
    /// For each cramp entry id, whether it was tied to exercise.
    pub tied: Vec<(String, bool)>,
    /// For each cramp entry id, what came before it.
    pub snapshots: Vec<(String, Snapshot)>,
    pub prefs: &'a Prefs,
    pub tz: Tz,
    /// The day "now" is in, for "3 days ago".
    pub today: NaiveDate,
}

impl<Tz: TimeZone> Report<'_, Tz> {
    fn unit(&self) -> VolumeUnit {
        self.prefs.unit
    }

    fn is_tied(&self, id: &str) -> bool {
        self.tied.iter().any(|(i, t)| i == id && *t)
    }

    fn snapshot(&self, id: &str) -> Option<&Snapshot> {
        self.snapshots.iter().find(|(i, _)| i == id).map(|(_, s)| s)
    }

    fn local(&self, t: &Time) -> chrono::NaiveDateTime {
        t.with_timezone(&self.tz).naive_local()
    }

    /// `week 2026-W48 · Mon 23 Nov – Sun 29 Nov 2026` or `Sun 1 Nov – Sat 28 Nov 2026 (28 days)`.
    pub fn period(&self) -> String {
        let s = self.summary;
        // The year once, unless the period starts in an earlier one.
        let first = if s.first.year() == s.last().year() {
            s.first.format("%a %-d %b")
        } else {
            s.first.format("%a %-d %b %Y")
        };
        let span = format!("{first} – {}", s.last().format("%a %-d %b %Y"));
        match s.iso_label() {
            Some(w) => format!("week {w} · {span}"),
            None => format!("{span} ({} days)", s.days.len()),
        }
    }

    fn cramps(&self) -> impl Iterator<Item = (&Entry, &crate::domain::entry::Cramp)> {
        self.entries.iter().filter_map(|e| match &e.body {
            Body::Cramp(c) => Some((*e, c)),
            _ => None,
        })
    }

    /// `2026-11-30 (3 days ago)`: the date first, so a reader later knows the day.
    fn last_cramp_line(&self) -> String {
        let s = self.summary;
        let Some(n) = s.days_since_last_cramp else {
            return "none logged up to the end of the period".into();
        };
        let reference = s.last().min(self.today);
        let date = (reference - Duration::days(n)).format("%Y-%m-%d");
        let relative = if s.last() >= self.today {
            match n {
                0 => "today".into(),
                1 => "yesterday".into(),
                n => format!("{n} days ago"),
            }
        } else {
            match n {
                0 => format!("the period's last day, {}", s.last().format("%a %-d %b")),
                n => format!(
                    "{} before {}",
                    plural(n, "day"),
                    s.last().format("%a %-d %b")
                ),
            }
        };
        format!("{date} ({relative})")
    }

    /// The days of the period that have begun: a week read on a Thursday has 4.
    fn days_begun(&self) -> usize {
        self.summary
            .days
            .iter()
            .filter(|d| d.date <= self.today)
            .count()
    }

    /// The goal of the days that have begun (the week's goal, pro rata).
    fn goal_so_far(&self) -> u32 {
        let s = self.summary;
        s.days
            .iter()
            .filter(|d| d.date <= self.today)
            .map(|d| d.goal_ml)
            .sum()
    }

    fn medication(&self) -> Vec<&'static str> {
        let p = &self.prefs.profile;
        let mut v = Vec::new();
        if p.diuretics {
            v.push("a diuretic (\"water pill\")");
        }
        if p.statins {
            v.push("a statin");
        }
        v
    }
}

/// ` so far (3 days ahead)` when the period reaches past today.
fn so_far<Tz: TimeZone>(r: &Report<Tz>) -> String {
    let ahead = r.summary.days.len() - r.days_begun();
    if ahead == 0 {
        String::new()
    } else {
        format!(" so far ({} still ahead)", plural(ahead as i64, "day"))
    }
}

/// `1 day`, `3 days`.
fn plural(n: impl Into<i64>, word: &str) -> String {
    let n = n.into();
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn signed(n: i64) -> String {
    if n > 0 {
        format!("+{n}")
    } else {
        n.to_string()
    }
}

fn signed_volume(unit: VolumeUnit, ml: i64) -> String {
    let s = unit.format(ml.unsigned_abs() as f64);
    match ml.signum() {
        1 => format!("+{s}"),
        -1 => format!("-{s}"),
        _ => s,
    }
}

/// `##░ ` : one mark per cramp, tied first, capped at `width`.
fn cramp_bar(d: &DayFigures, width: usize) -> String {
    let tied = d.cramps_tied() as usize;
    let untied = d.cramps_untied as usize;
    let mut s = "█".repeat(tied.min(width));
    s.push_str(&"░".repeat(untied.min(width - s.chars().count())));
    if tied + untied > width {
        s.pop();
        s.push('+');
    }
    format!("{s:<width$}")
}

/// `██████····` : intake against goal, full at the goal, `+` past it.
fn intake_bar(intake: u32, goal: u32, width: usize) -> String {
    if goal == 0 {
        return " ".repeat(width);
    }
    let filled = ((intake as f64 / goal as f64) * width as f64).round() as usize;
    if filled > width {
        format!("{}+", "█".repeat(width - 1))
    } else {
        format!("{}{}", "█".repeat(filled), "·".repeat(width - filled))
    }
}

fn change_text(c: &Change, prev: &Totals, unit: VolumeUnit) -> String {
    let mut parts = vec![
        format!("cramps {} (was {})", signed(c.cramps), prev.cramps),
        format!("not tied {}", signed(c.cramps_untied)),
    ];
    if let Some(w) = c.worst_severity {
        parts.push(format!("worst severity {}", signed(w)));
    }
    parts.push(format!("cramp time {}", signed_secs(c.cramp_secs)));
    parts.push(format!("intake {}", signed_volume(unit, c.intake_ml)));
    parts.push(format!("goal days {}", signed(c.days_goal_met)));
    parts.push(format!("workout {} min", signed(c.workout_minutes)));
    parts.join(", ")
}

fn signed_secs(s: i64) -> String {
    let d = format_duration(s.unsigned_abs() as u32);
    match s.signum() {
        1 => format!("+{d}"),
        -1 => format!("-{d}"),
        _ => "0s".into(),
    }
}

fn totals_line(t: &Totals) -> String {
    let mut s = format!(
        "{} ({} not tied to exercise)",
        plural(t.cramps, "cramp"),
        t.cramps_untied
    );
    if let Some(w) = t.worst_severity {
        let _ = write!(s, ", worst severity {w}");
    }
    if t.cramp_secs > 0 {
        let _ = write!(s, ", {} in all", format_duration(t.cramp_secs));
    }
    s
}

/// Text for a terminal or a pipe.
pub fn text<Tz: TimeZone>(r: &Report<Tz>) -> String {
    let s = r.summary;
    let unit = r.unit();
    let mut o = String::new();
    let _ = writeln!(o, "crampwatch · {}", r.period());
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "{:<11} {:<14} {:<26} workout",
        "day",
        "cramps",
        format!("intake / goal ({})", unit.label()),
    );
    for d in &s.days {
        if d.date > r.today {
            let _ = writeln!(o, "{:<11} (ahead)", d.date.format("%a %-d %b"));
            continue;
        }
        let cramps = if d.cramps == 0 {
            format!("{:<10} {:>2}", "·", 0)
        } else {
            format!("{} {:>2}", cramp_bar(d, 10), d.cramps)
        };
        let intake = format!(
            "{} {:>5}/{}",
            intake_bar(d.intake_ml, d.goal_ml, 10),
            unit.number(d.intake_ml as f64),
            unit.number(d.goal_ml as f64)
        );
        let workout = if d.workout_minutes > 0 {
            format!("{} min", d.workout_minutes)
        } else {
            "·".into()
        };
        let _ = writeln!(
            o,
            "{:<11} {:<14} {:<26} {}",
            d.date.format("%a %-d %b"),
            cramps,
            intake,
            workout
        );
    }
    let _ = writeln!(o, "{:<11} █ tied to exercise  ░ not tied", "");
    let _ = writeln!(o);
    let t = &s.totals;
    let _ = writeln!(o, "{:<11} {}", "cramps", totals_line(t));
    let _ = writeln!(
        o,
        "{:<11} {} of {}, goal met on {} of {} days{}",
        "intake",
        unit.format(t.intake_ml as f64),
        unit.format(r.goal_so_far() as f64),
        t.days_goal_met,
        r.days_begun(),
        so_far(r)
    );
    let _ = writeln!(
        o,
        "{:<11} {}, {} min",
        "workouts",
        plural(t.workouts, "session"),
        t.workout_minutes
    );
    let muscles = if s.muscles.is_empty() {
        "·".to_string()
    } else {
        s.muscles
            .iter()
            .map(|(m, n)| format!("{m} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(o, "{:<11} {muscles}", "muscles");
    if !s.contexts.is_empty() {
        let ctx = s
            .contexts
            .iter()
            .map(|(c, n)| format!("{c} {n}"))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(o, "{:<11} {ctx}", "context");
    }
    let _ = writeln!(o, "{:<11} {}", "last cramp", r.last_cramp_line());
    let _ = writeln!(
        o,
        "{:<11} {} (vs the {} days before)",
        "change",
        change_text(&s.change, &s.previous, unit),
        s.days.len()
    );
    let _ = writeln!(o);
    if s.flags.is_empty() {
        let _ = writeln!(o, "flags: none raised in these days");
    } else {
        let _ = writeln!(o, "flags:");
        for f in &s.flags {
            let _ = writeln!(o, "  [{}] {}", f.level.label(), f.title);
            let _ = writeln!(o, "      {}", f.why);
        }
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "{NOT_ADVICE}");
    o
}

/// Escapes a Markdown table cell.
fn cell(s: &str) -> String {
    md_text(s).replace('|', "\\|")
}

/// User text (a note, an activity) as Markdown that renders as that text:
/// HTML is escaped (no `<script>`, no `<a href>`, no `<javascript:...>`
/// autolink), and the brackets that make links and images are escaped, so
/// no `javascript:` link can come from a note. Line breaks become spaces.
fn md_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '[' | ']' | '`' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Markdown to print or share with a clinician.
pub fn markdown<Tz: TimeZone>(r: &Report<Tz>) -> String {
    let s = r.summary;
    let unit = r.unit();
    let t = &s.totals;
    let mut o = String::new();
    let _ = writeln!(o, "# Muscle cramp summary: {}", r.period());
    let _ = writeln!(o);
    let _ = writeln!(o, "*{NOT_ADVICE}*");
    let _ = writeln!(o);
    let _ = writeln!(o, "## Period");
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "- {} to {}, {} days (each day starts at {:02}:00 local time)",
        s.first.format("%A %-d %B %Y"),
        s.last().format("%A %-d %B %Y"),
        s.days.len(),
        r.prefs.day_start_hour
    );
    let _ = writeln!(o, "- Cramps: {}", totals_line(t));
    let _ = writeln!(o, "- Last cramp: {}", r.last_cramp_line());
    let _ = writeln!(
        o,
        "- Change from the {} days before: {}",
        s.days.len(),
        change_text(&s.change, &s.previous, unit)
    );
    if !s.muscles.is_empty() {
        let m: Vec<String> = s.muscles.iter().map(|(m, n)| format!("{m} {n}")).collect();
        let _ = writeln!(o, "- Muscles: {}", m.join(", "));
    }
    let _ = writeln!(o);

    let _ = writeln!(o, "## Cramps");
    let _ = writeln!(o);
    if t.cramps == 0 {
        let _ = writeln!(o, "No cramps logged in this period.");
    } else {
        let _ = writeln!(
            o,
            "| When | Muscle | Side | Severity (1-10) | Duration | Context | Tied to exercise | Symptoms | Eased by | Note |"
        );
        let _ = writeln!(o, "|---|---|---|---|---|---|---|---|---|---|");
        for (e, c) in r.cramps() {
            let dash = || "–".to_string();
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                r.local(&e.at).format("%a %-d %b %H:%M"),
                c.muscle,
                c.side.map_or_else(dash, |x| x.to_string()),
                c.severity.map_or_else(dash, |x| x.to_string()),
                c.duration_s.map_or_else(dash, format_duration),
                c.context.map_or_else(dash, |x| x.to_string()),
                if r.is_tied(&e.id) { "yes" } else { "no" },
                if c.symptoms.any() {
                    c.symptoms.names().join(", ")
                } else {
                    dash()
                },
                if c.relief.is_empty() {
                    dash()
                } else {
                    c.relief
                        .iter()
                        .map(|x| x.word())
                        .collect::<Vec<_>>()
                        .join(", ")
                },
                cell(c.note.as_deref().unwrap_or("")),
            );
        }
        let _ = writeln!(o);
        let _ = writeln!(o, "### What came before each cramp");
        let _ = writeln!(o);
        for (e, c) in r.cramps() {
            if let Some(snap) = r.snapshot(&e.id) {
                let _ = writeln!(
                    o,
                    "- {} ({}): {}",
                    r.local(&e.at).format("%a %-d %b %H:%M"),
                    c.muscle,
                    md_text(&snap.describe(unit))
                );
            }
        }
    }
    let _ = writeln!(o);

    let _ = writeln!(o, "## Flags");
    let _ = writeln!(o);
    if s.flags.is_empty() {
        let _ = writeln!(o, "No pattern flags were raised in this period.");
    } else {
        for f in &s.flags {
            let _ = writeln!(o, "- **{}** ({}): {}", f.title, f.level.label(), f.why);
            if let Some(p) = &f.professional {
                let _ = writeln!(o, "  - Who to see: {p}");
            }
            let _ = writeln!(o, "  - Source: {}", f.source);
            for ev in &f.evidence {
                let _ = writeln!(o, "  - {}", md_text(&ev.summary));
            }
        }
    }
    let _ = writeln!(o);

    let _ = writeln!(o, "## Intake and workouts");
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "Fluid intake {} against a goal of {} ({} a day); goal met on {} of {} days{}. {}, {} minutes in all.",
        unit.format(t.intake_ml as f64),
        unit.format(r.goal_so_far() as f64),
        unit.format(r.prefs.goal_ml as f64),
        t.days_goal_met,
        r.days_begun(),
        so_far(r),
        plural(t.workouts, "workout"),
        t.workout_minutes
    );
    let _ = writeln!(o);
    let _ = writeln!(
        o,
        "| Day | Intake | Goal | Workout (min) | Cramps | Not tied |"
    );
    let _ = writeln!(o, "|---|---|---|---|---|---|");
    for d in s.days.iter().filter(|d| d.date <= r.today) {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} | {} |",
            d.date.format("%a %-d %b"),
            unit.format(d.intake_ml as f64),
            unit.format(d.goal_ml as f64),
            d.workout_minutes,
            d.cramps,
            d.cramps_untied
        );
    }
    let workouts: Vec<(&Entry, &crate::domain::entry::Workout)> = r
        .entries
        .iter()
        .filter_map(|e| match &e.body {
            Body::Workout(w) => Some((*e, w)),
            _ => None,
        })
        .collect();
    if !workouts.is_empty() {
        let _ = writeln!(o);
        let _ = writeln!(o, "| Workout | Start | Minutes | Intensity | Heat | New |");
        let _ = writeln!(o, "|---|---|---|---|---|---|");
        for (e, w) in workouts {
            let minutes = w.end.map_or("running".to_string(), |end| {
                (end - e.at).num_minutes().to_string()
            });
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {} |",
                cell(&w.activity),
                r.local(&e.at).format("%a %-d %b %H:%M"),
                minutes,
                w.intensity,
                w.heat,
                if w.new { "yes" } else { "no" }
            );
        }
    }
    let _ = writeln!(o);

    let _ = writeln!(o, "## Medication");
    let _ = writeln!(o);
    let meds = r.medication();
    if meds.is_empty() {
        let _ = writeln!(o, "None noted in the profile.");
    } else {
        for m in meds {
            let _ = writeln!(o, "- Takes {m} (noted in the profile).");
        }
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "---");
    let _ = writeln!(o);
    let _ = writeln!(o, "{NOT_ADVICE}");
    o
}

/// JSON for scripts.
pub fn json<'a, Tz: TimeZone>(r: &'a Report<'a, Tz>) -> JsonReport<'a> {
    let s = r.summary;
    JsonReport {
        period: JsonPeriod {
            first: s.first,
            last: s.last(),
            week: s.iso_label(),
            days: s.days.len(),
            days_begun: r.days_begun(),
            goal_so_far_ml: r.goal_so_far(),
            day_start_hour: r.prefs.day_start_hour,
        },
        days: &s.days,
        totals: &s.totals,
        muscles: s
            .muscles
            .iter()
            .map(|(muscle, cramps)| JsonMuscle {
                muscle: *muscle,
                cramps: *cramps,
            })
            .collect(),
        contexts: s
            .contexts
            .iter()
            .map(|(context, cramps)| JsonContext {
                context,
                cramps: *cramps,
            })
            .collect(),
        cramps: r
            .cramps()
            .map(|(e, cramp)| JsonCramp {
                id: &e.id,
                at: e.at,
                day: day_of(&e.at, &r.tz, r.prefs.day_start_hour),
                tied: r.is_tied(&e.id),
                cramp,
                snapshot: r.snapshot(&e.id),
            })
            .collect(),
        flags: &s.flags,
        days_since_last_cramp: s.days_since_last_cramp,
        previous: JsonPrevious {
            first: s.first - Duration::days(s.days.len() as i64),
            last: s.first - Duration::days(1),
            totals: &s.previous,
        },
        change: &s.change,
        profile: JsonProfile {
            diuretics: r.prefs.profile.diuretics,
            statins: r.prefs.profile.statins,
        },
        notice: NOT_ADVICE,
    }
}

/// The JSON form of a report: typed, so that years of days are written
/// straight out rather than built as a tree of values first.
#[derive(Serialize)]
pub struct JsonReport<'a> {
    period: JsonPeriod,
    days: &'a [DayFigures],
    totals: &'a Totals,
    muscles: Vec<JsonMuscle>,
    contexts: Vec<JsonContext<'a>>,
    cramps: Vec<JsonCramp<'a>>,
    flags: &'a [Flag],
    days_since_last_cramp: Option<i64>,
    previous: JsonPrevious<'a>,
    change: &'a Change,
    profile: JsonProfile,
    notice: &'static str,
}

#[derive(Serialize)]
struct JsonPeriod {
    first: NaiveDate,
    last: NaiveDate,
    week: Option<String>,
    days: usize,
    /// The days that have begun (a week read on a Thursday: 4).
    days_begun: usize,
    /// The goal of those days, in ml.
    goal_so_far_ml: u32,
    day_start_hour: u32,
}

#[derive(Serialize)]
struct JsonMuscle {
    muscle: Muscle,
    cramps: u32,
}

#[derive(Serialize)]
struct JsonContext<'a> {
    context: &'a str,
    cramps: u32,
}

#[derive(Serialize)]
struct JsonCramp<'a> {
    id: &'a str,
    at: Time,
    day: NaiveDate,
    tied: bool,
    cramp: &'a Cramp,
    snapshot: Option<&'a Snapshot>,
}

#[derive(Serialize)]
struct JsonPrevious<'a> {
    first: NaiveDate,
    last: NaiveDate,
    totals: &'a Totals,
}

#[derive(Serialize)]
struct JsonProfile {
    diuretics: bool,
    statins: bool,
}

/// The dates of a period, for callers that build one from `--since`.
pub fn days_between(first: NaiveDate, last: NaiveDate) -> u32 {
    ((last - first).num_days() + 1).max(1) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(cramps: u32, untied: u32) -> DayFigures {
        DayFigures {
            cramps,
            cramps_untied: untied,
            ..Default::default()
        }
    }

    #[test]
    fn cramp_bars_put_tied_first_and_cap_with_a_plus() {
        assert_eq!(cramp_bar(&day(3, 1), 5), "██░  ");
        assert_eq!(cramp_bar(&day(2, 2), 5), "░░   ");
        assert_eq!(cramp_bar(&day(12, 4), 10), "████████░+");
        assert_eq!(cramp_bar(&day(12, 12), 10), "░░░░░░░░░+");
    }

    #[test]
    fn intake_bars_fill_to_the_goal_and_mark_past_it() {
        assert_eq!(intake_bar(0, 2000, 10), "··········");
        assert_eq!(intake_bar(1000, 2000, 10), "█████·····");
        assert_eq!(intake_bar(2000, 2000, 10), "██████████");
        assert_eq!(intake_bar(2500, 2000, 10), "█████████+");
        assert_eq!(intake_bar(500, 0, 4), "    ");
    }

    #[test]
    fn changes_are_signed() {
        assert_eq!(signed(3), "+3");
        assert_eq!(signed(-2), "-2");
        assert_eq!(signed(0), "0");
        assert_eq!(signed_volume(VolumeUnit::Ml, -250), "-250 ml");
        assert_eq!(signed_secs(90), "+1m30s");
        assert_eq!(plural(1, "cramp"), "1 cramp");
        assert_eq!(plural(0, "cramp"), "0 cramps");
    }
}
