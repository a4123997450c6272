//! The `medication` flag from logged medicine dates: cramps that began, or
//! came more often, after a medicine was started.
//!
//! For each course with a logged start, the cramps of `[flags.medication]
//! window_days` before the start are compared with those of as many days
//! after it (or up to the stop or now, when sooner). The flag is raised when
//! cramps of the period came while the medicine was taken and either there
//! were none before (they *began* after) or the rate after is `more_factor`
//! times the rate before, with at least two after. A journal that starts less
//! than `window_days` before the medicine cannot show "none before", so such a
//! course is not judged.

use super::entry::{Body, MedClass, Time, VolumeUnit};
use super::history::{Entry, History};
use super::medication::{Course, courses};
use super::patterns::{Evidence, Flag, Level};
use super::rules::MedicationFlag;
use super::say::counted;
use chrono::{DateTime, Duration, TimeZone};

/// What one course shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub course: Course,
    pub before: usize,
    pub after: usize,
    /// Days compared before the start (the window).
    pub days_before: i64,
    /// Days compared after the start (up to the window).
    pub days_after: i64,
    pub began: bool,
}

fn cramps_in(history: &History, from: Time, to: Time) -> Vec<&Entry> {
    history
        .entries
        .iter()
        .filter(|e| matches!(e.body, Body::Cramp(_)) && e.at >= from && e.at < to)
        .collect()
}

/// The courses whose start changed the cramps, judged at `now`.
pub fn findings(
    history: &History,
    period: &[&Entry],
    now: Time,
    rule: &MedicationFlag,
) -> Vec<Finding> {
    let window = Duration::days(rule.window_days as i64);
    // How far back the log reaches: medicine entries are often backdated, so
    // they do not count.
    let first = history
        .entries
        .iter()
        .filter(|e| !matches!(e.body, Body::Medication(_)))
        .map(|e| e.at)
        .min();
    let mut out = Vec::new();
    for course in courses(&history.entries) {
        let Some(start) = course.start.filter(|s| *s <= now) else {
            continue;
        };
        if first.is_none_or(|f| f > start - window) {
            continue; // the journal does not reach back far enough to compare
        }
        if !period.iter().any(|c| course.covers(&c.at)) {
            continue;
        }
        let end = course.stop.unwrap_or(now).min(now).min(start + window);
        let days_after = (end - start).num_days().max(1);
        let before = cramps_in(history, start - window, start).len();
        let after = cramps_in(history, start, end).len();
        let began = before == 0 && after >= 1;
        let rate_before = before as f64 / rule.window_days.max(1) as f64;
        // A short time after a start is judged as a week at least, so that one
        // cramp the day after does not read as a huge rate.
        let rate_after = after as f64 / days_after.max(7) as f64;
        let grew = before > 0 && after >= 2 && rate_after >= rule.more_factor * rate_before;
        if began || grew {
            out.push(Finding {
                course,
                before,
                after,
                days_before: rule.window_days as i64,
                days_after,
                began,
            });
        }
    }
    out
}

fn day<Tz: TimeZone>(t: &Time, tz: &Tz) -> String {
    t.with_timezone(tz)
        .naive_local()
        .format("%a %-d %b %Y")
        .to_string()
}

fn why_of<Tz: TimeZone>(f: &Finding, tz: &Tz) -> String {
    let c = &f.course;
    let start = c.start.expect("a finding has a start");
    let mut s = format!(
        "{} ({}) was started on {}{}. ",
        c.name,
        c.class_word(),
        day(&start, tz),
        c.stop
            .map(|t| format!(" and stopped on {}", day(&t, tz)))
            .unwrap_or_default()
    );
    s.push_str(&format!(
        "{} in the {} days before it; {} in the {} days after.",
        counted(f.before, "cramp", "cramps"),
        f.days_before,
        counted(f.after, "cramp", "cramps"),
        f.days_after
    ));
    s
}

fn evidence<Tz: TimeZone>(e: &Entry, tz: &Tz, unit: VolumeUnit, detail: &str) -> Evidence {
    let mut summary = format!(
        "{} · {}",
        e.at.with_timezone(tz)
            .naive_local()
            .format("%a %-d %b %Y %H:%M"),
        e.body.describe(unit, tz)
    );
    if !detail.is_empty() {
        summary.push_str(" · ");
        summary.push_str(detail);
    }
    Evidence {
        entry_id: e.id.clone(),
        at: e.at,
        summary,
    }
}

/// The flag for `found` (not empty): the medicine entries and the period's
/// cramps taken while on them, in time order.
pub fn flag<Tz: TimeZone>(
    now: &DateTime<Tz>,
    history: &History,
    period: &[&Entry],
    found: &[Finding],
    source: String,
    unit: VolumeUnit,
) -> Flag {
    let tz = now.timezone();
    let names: Vec<&str> = found.iter().map(|f| f.course.name.as_str()).collect();
    let title = if found.iter().all(|f| f.began) {
        format!("Cramps began after starting {}", names.join(" and "))
    } else {
        format!(
            "Cramps came more often after starting {}",
            names.join(" and ")
        )
    };
    let mut why: Vec<String> = found.iter().map(|f| why_of(f, &tz)).collect();
    why.push(
        "Some medicines, diuretics and statins among them, are associated with cramps; \
         do not stop a medicine on your own, but mention the cramps and these dates to \
         whoever prescribes it or to a pharmacist."
            .into(),
    );
    let mut ev = Vec::new();
    for f in found {
        for id in [&f.course.start_id, &f.course.stop_id]
            .into_iter()
            .flatten()
        {
            if let Some(e) = history.get(id) {
                ev.push(evidence(e, &tz, unit, ""));
            }
        }
        for c in period.iter().filter(|c| f.course.covers(&c.at)) {
            if !ev.iter().any(|x: &Evidence| x.entry_id == c.id) {
                ev.push(evidence(
                    c,
                    &tz,
                    unit,
                    &format!("while on {}", f.course.name),
                ));
            }
        }
    }
    ev.sort_by_key(|e| e.at);
    Flag {
        id: "medication".into(),
        level: Level::Note,
        title,
        why: why.join(" "),
        source,
        professional: None,
        evidence: ev,
    }
}

/// The classes the profile fallback knows, as logged: a diuretic or statin
/// being taken when one of the period's cramps came.
pub fn logged_classes(history: &History, period: &[&Entry]) -> Vec<(MedClass, String)> {
    let mut out: Vec<(MedClass, String)> = Vec::new();
    for c in courses(&history.entries) {
        let Some(class) = c.class.filter(|k| *k != MedClass::Other) else {
            continue;
        };
        if period.iter().any(|e| c.covers(&e.at)) && !out.iter().any(|(_, n)| *n == c.name) {
            out.push((class, c.name.clone()));
        }
    }
    out
}

#[cfg(test)]
#[path = "med_flag_tests.rs"]
mod tests;
