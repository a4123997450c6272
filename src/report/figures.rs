//! The numbers behind the HTML report's charts, from a [`Report`]: plain
//! counts, drawn by `svg.rs` and laid out by `html.rs`.

use super::Report;
use crate::domain::day::{day_of, day_start};
use crate::domain::entry::{Body, Cramp, CrampContext, Heat, Muscle};
use crate::domain::history::Entry;
use crate::domain::medication::Course;
use chrono::{Datelike, Duration, NaiveDate, TimeZone, Timelike};

/// Periods of up to this many days are charted day by day, longer ones by week.
pub const DAILY_UP_TO: usize = 14;

/// Context names in the order they are stacked, `unknown` last.
pub const CONTEXTS: [&str; 5] = ["during", "after", "rest", "night", "unknown"];

/// Time-of-day columns of the heat map: 3-hour blocks from midnight.
pub const HOUR_BLOCKS: usize = 8;

/// The days each bar of the cramps chart covers, and the bars' first days.
pub fn buckets<Tz: TimeZone>(r: &Report<Tz>) -> (i64, Vec<NaiveDate>) {
    let n = r.summary.days.len();
    let size = if n <= DAILY_UP_TO { 1 } else { 7 };
    let count = n.div_ceil(size as usize);
    let firsts = (0..count)
        .map(|i| r.summary.first + Duration::days(i as i64 * size))
        .collect();
    (size, firsts)
}

fn cramps<'r, Tz: TimeZone>(r: &'r Report<Tz>) -> impl Iterator<Item = (&'r Entry, &'r Cramp)> {
    r.entries.iter().filter_map(|e| match &e.body {
        Body::Cramp(c) => Some((*e, c)),
        _ => None,
    })
}

/// Cramps per bar, one row per [`CONTEXTS`] entry.
pub fn cramps_by_context<Tz: TimeZone>(r: &Report<Tz>) -> Vec<Vec<u32>> {
    let (size, firsts) = buckets(r);
    let mut out = vec![vec![0; firsts.len()]; CONTEXTS.len()];
    let h = r.prefs.day_start_hour;
    for (e, c) in cramps(r) {
        let i = (day_of(&e.at, &r.tz, h) - r.summary.first).num_days() / size;
        let k = c.context.map_or(4, |x| match x {
            CrampContext::During => 0,
            CrampContext::After => 1,
            CrampContext::Rest => 2,
            CrampContext::Night => 3,
        });
        if let Some(slot) = out[k].get_mut(i.max(0) as usize) {
            *slot += 1;
        }
    }
    out
}

/// Cramps by weekday (Monday first) and 3-hour block of the local clock.
pub fn heat_map<Tz: TimeZone>(r: &Report<Tz>) -> Vec<Vec<u32>> {
    let mut out = vec![vec![0; HOUR_BLOCKS]; 7];
    for (e, _) in cramps(r) {
        let local = e.at.with_timezone(&r.tz);
        let day = local.weekday().num_days_from_monday() as usize;
        out[day][local.hour() as usize / 3] += 1;
    }
    out
}

/// Cramps per muscle, every muscle listed.
pub fn muscles<Tz: TimeZone>(r: &Report<Tz>) -> Vec<(String, u32)> {
    Muscle::ALL
        .iter()
        .map(|m| {
            (
                m.to_string(),
                cramps(r).filter(|(_, c)| c.muscle == *m).count() as u32,
            )
        })
        .collect()
}

/// Cramps per severity 1 to 10, and those with none logged.
pub fn severities<Tz: TimeZone>(r: &Report<Tz>) -> (Vec<u32>, u32) {
    let mut out = vec![0; 10];
    let mut none = 0;
    for (_, c) in cramps(r) {
        match c.severity {
            Some(s @ 1..=10) => out[s as usize - 1] += 1,
            _ => none += 1,
        }
    }
    (out, none)
}

/// Duration bands, in the order shown.
pub const DURATION_BANDS: [&str; 5] = ["< 1 min", "1-2 min", "2-5 min", "5-10 min", "10 min +"];

/// Cramps per duration band, and those with no duration logged.
pub fn durations<Tz: TimeZone>(r: &Report<Tz>) -> (Vec<u32>, u32) {
    let mut out = vec![0; DURATION_BANDS.len()];
    let mut none = 0;
    for (_, c) in cramps(r) {
        match c.duration_s {
            Some(s) if s < 60 => out[0] += 1,
            Some(s) if s < 120 => out[1] += 1,
            Some(s) if s < 300 => out[2] += 1,
            Some(s) if s < 600 => out[3] += 1,
            Some(_) => out[4] += 1,
            None => none += 1,
        }
    }
    (out, none)
}

/// Minutes of finished sessions per bar (the bars of [`buckets`]), one row
/// per heat (cool, mild, hot).
pub fn session_minutes<Tz: TimeZone>(r: &Report<Tz>) -> Vec<Vec<u32>> {
    let (size, firsts) = buckets(r);
    let mut out = vec![vec![0; firsts.len()]; Heat::ALL.len()];
    for e in &r.entries {
        let Body::Workout(w) = &e.body else { continue };
        let Some(end) = w.end else { continue };
        let i = (day_of(&e.at, &r.tz, r.prefs.day_start_hour) - r.summary.first).num_days() / size;
        let k = Heat::ALL.iter().position(|h| *h == w.heat).unwrap_or(0);
        if let Some(slot) = out[k].get_mut(i.max(0) as usize) {
            *slot += (end - e.at).num_minutes().max(0) as u32;
        }
    }
    out
}

/// Where a course lies in the period, as fractions (0 = the period's start,
/// 1 = its end), with whether it runs on past the start or the end.
pub fn course_span<Tz: TimeZone>(r: &Report<Tz>, c: &Course) -> Option<(f64, f64, bool, bool)> {
    let h = r.prefs.day_start_hour;
    let from = day_start(r.summary.first, &r.tz, h);
    let to = day_start(r.summary.last() + Duration::days(1), &r.tz, h);
    let len = (to - from).num_seconds() as f64;
    let start = c.start.unwrap_or(from - Duration::days(1));
    let stop = c.stop.unwrap_or(to + Duration::days(1));
    if stop <= from || start >= to || len <= 0.0 {
        return None;
    }
    let frac = |t: chrono::DateTime<chrono::FixedOffset>| (t - from).num_seconds() as f64 / len;
    Some((
        frac(start).max(0.0),
        frac(stop).min(1.0),
        start < from,
        stop > to,
    ))
}
