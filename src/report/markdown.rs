//! The report as Markdown, to print or share with a clinician.

use super::Report;
use super::wording::{change_text, plural, totals_line};
use crate::domain::entry::{Body, Cramp, Workout, format_duration};
use crate::domain::history::Entry;
use chrono::TimeZone;
use std::fmt::Write;

/// Escapes a Markdown table cell.
fn cell(s: &str) -> String {
    md_text(s).replace('|', "\\|")
}

/// User text (a note, an activity) as Markdown that renders as that text:
/// HTML is escaped (no `<script>`, no `<a href>`, no `<javascript:...>`
/// autolink), and the brackets that make links and images are escaped, so
/// no `javascript:` link can come from a note; so are the marks of emphasis
/// and strikethrough (`*`, `_`, `~`), so a name reads as typed. Line breaks
/// become spaces.
fn md_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '[' | ']' | '`' | '*' | '_' | '~' => {
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
    let mut o = String::new();
    let _ = writeln!(o, "# Muscle cramp summary: {}", r.period());
    let _ = writeln!(o);
    let _ = writeln!(o, "*{}*", super::NOT_ADVICE);
    let _ = writeln!(o);
    period(&mut o, r);
    cramps(&mut o, r);
    flags(&mut o, r);
    intake(&mut o, r);
    medication(&mut o, r);
    let _ = writeln!(o, "---");
    let _ = writeln!(o);
    let _ = writeln!(o, "{}", super::NOT_ADVICE);
    o
}

fn period<Tz: TimeZone>(o: &mut String, r: &Report<Tz>) {
    let s = r.summary;
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
    let _ = writeln!(o, "- Cramps: {}", totals_line(&s.totals));
    let _ = writeln!(o, "- Last cramp: {}", r.last_cramp_line());
    let _ = writeln!(
        o,
        "- Change from {}: {}",
        r.compared_with(),
        change_text(&s.change, &s.previous, r.unit())
    );
    if !s.muscles.is_empty() {
        let m: Vec<String> = s.muscles.iter().map(|(m, n)| format!("{m} {n}")).collect();
        let _ = writeln!(o, "- Muscles: {}", m.join(", "));
    }
    let _ = writeln!(o);
}

/// The table of cramps, then what came before each.
fn cramps<Tz: TimeZone>(o: &mut String, r: &Report<Tz>) {
    let _ = writeln!(o, "## Cramps");
    let _ = writeln!(o);
    if r.summary.totals.cramps == 0 {
        let _ = writeln!(o, "No cramps logged in this period.");
    } else {
        let _ = writeln!(
            o,
            "| When | Muscle | Side | Severity (1-10) | Duration | Context | Tied to exercise | Symptoms | Eased by | Note |"
        );
        let _ = writeln!(o, "|---|---|---|---|---|---|---|---|---|---|");
        for (e, c) in r.cramps() {
            let _ = writeln!(o, "{}", cramp_row(r, e, c));
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
                    md_text(&c.muscle_words()),
                    md_text(&snap.describe(r.unit()))
                );
            }
        }
    }
    let _ = writeln!(o);
}

fn cramp_row<Tz: TimeZone>(r: &Report<Tz>, e: &Entry, c: &Cramp) -> String {
    let dash = || "–".to_string();
    format!(
        "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
        r.local(&e.at).format("%a %-d %b %H:%M"),
        cell(&c.muscle_words()),
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
    )
}

fn flags<Tz: TimeZone>(o: &mut String, r: &Report<Tz>) {
    let _ = writeln!(o, "## Flags");
    let _ = writeln!(o);
    if r.summary.flags.is_empty() {
        let _ = writeln!(o, "No pattern flags were raised in this period.");
    } else {
        for f in &r.summary.flags {
            // A flag's words can hold a medicine's name as the user typed it.
            let _ = writeln!(
                o,
                "- **{}** ({}): {}",
                md_text(&f.title),
                f.level.label(),
                md_text(&f.why)
            );
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
}

/// Intake against the goal, the table of days, then the workouts.
fn intake<Tz: TimeZone>(o: &mut String, r: &Report<Tz>) {
    let s = r.summary;
    let unit = r.unit();
    let t = &s.totals;
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
        r.so_far(),
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
    workouts(o, r);
    let _ = writeln!(o);
}

fn workouts<Tz: TimeZone>(o: &mut String, r: &Report<Tz>) {
    let workouts: Vec<(&Entry, &Workout)> = r
        .entries
        .iter()
        .filter_map(|e| match &e.body {
            Body::Workout(w) => Some((*e, w)),
            _ => None,
        })
        .collect();
    if workouts.is_empty() {
        return;
    }
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

/// The medicines logged for the report's days, then those the profile notes.
fn medication<Tz: TimeZone>(o: &mut String, r: &Report<Tz>) {
    let _ = writeln!(o, "## Medication");
    let _ = writeln!(o);
    let logged = r.courses_in_period();
    let meds = r.medication();
    if logged.is_empty() && meds.is_empty() {
        let _ = writeln!(
            o,
            "None logged for these days, and none noted in the profile."
        );
    }
    let day = |t: &crate::domain::entry::Time| r.local(t).format("%a %-d %b %Y").to_string();
    for c in logged {
        let dose = c.dose.as_deref().map(|d| format!(", {}", md_text(d)));
        let started = c
            .start
            .as_ref()
            .map_or("start not logged".into(), |t| format!("started {}", day(t)));
        let stopped = c
            .stop
            .as_ref()
            .map_or("still taken".into(), |t| format!("stopped {}", day(t)));
        let _ = writeln!(
            o,
            "- {} ({}){}: {started}, {stopped} (logged).",
            md_text(&c.name),
            c.class_word(),
            dose.unwrap_or_default()
        );
    }
    for m in meds {
        let _ = writeln!(o, "- Takes {m} (noted in the profile).");
    }
    let _ = writeln!(o);
}
