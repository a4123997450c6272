//! Weekly (or any run of days) summaries and their comparison with the run before.
//!
//! A week runs Monday to Sunday in local time, with days starting at
//! `prefs.day_start_hour` (see [`super::day`]): a 2 am cramp on Tuesday counts
//! for Monday. Reports over `--since` use the same [`Summary`] over more days.

use super::day::{day_of, day_start};
use super::entry::{Body, CrampContext, Muscle, Time};
use super::history::{Entry, History};
use super::patterns::{Flag, flags_since};
use super::prefs::Prefs;
use super::rules::Rules;
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Weekday};
use serde::Serialize;
use std::collections::BTreeMap;

/// Whether a cramp at `at` is tied to exercise: a workout was running then,
/// or one ended within `rules.flags.not_tied.hours_after_workout` hours before.
/// The "not tied to exercise" flag uses the same rule.
pub fn tied_to_exercise<'a>(
    entries: impl IntoIterator<Item = &'a Entry>,
    at: &Time,
    rules: &Rules,
) -> bool {
    let window = Duration::seconds((rules.flags.not_tied.hours_after_workout * 3600.0) as i64);
    entries.into_iter().any(|e| match &e.body {
        Body::Workout(w) if e.at <= *at => match w.end {
            None => true,
            Some(end) => end >= *at || *at - end <= window,
        },
        _ => false,
    })
}

/// The tied rule of [`tied_to_exercise`], answered in O(log n) for each
/// cramp: a long report checks thousands of cramps against years of workouts.
pub struct TiedIndex {
    window: Duration,
    /// Workout starts, in time order.
    starts: Vec<Time>,
    /// The latest end among the workouts up to each start.
    max_end: Vec<Time>,
    /// The first start of a workout with no end (it counts as running).
    first_open: Option<Time>,
}

impl TiedIndex {
    /// Indexes the workouts of `entries` (time-sorted, as a history holds them).
    pub fn new(entries: &[Entry], rules: &Rules) -> TiedIndex {
        let window = Duration::seconds((rules.flags.not_tied.hours_after_workout * 3600.0) as i64);
        let mut idx = TiedIndex {
            window,
            starts: Vec::new(),
            max_end: Vec::new(),
            first_open: None,
        };
        for e in entries {
            let Body::Workout(w) = &e.body else { continue };
            match w.end {
                None => {
                    idx.first_open.get_or_insert(e.at);
                }
                Some(end) => {
                    let m = idx.max_end.last().map_or(end, |m| (*m).max(end));
                    idx.starts.push(e.at);
                    idx.max_end.push(m);
                }
            }
        }
        idx
    }

    /// Whether a cramp at `at` is tied to exercise.
    pub fn tied(&self, at: &Time) -> bool {
        if self.first_open.is_some_and(|s| s <= *at) {
            return true;
        }
        let upto = self.starts.partition_point(|s| s <= at);
        upto > 0 && self.max_end[upto - 1] >= *at - self.window
    }
}

/// The figures of one day.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DayFigures {
    pub date: NaiveDate,
    /// Every cramp of the day.
    pub cramps: u32,
    /// Those not tied to exercise.
    pub cramps_untied: u32,
    pub worst_severity: Option<u8>,
    /// Total cramp duration, in seconds (cramps without a duration count 0).
    pub cramp_secs: u32,
    pub intake_ml: u32,
    pub goal_ml: u32,
    /// Minutes of workouts that started this day (a running one counts up to now).
    pub workout_minutes: u32,
}

impl DayFigures {
    pub fn cramps_tied(&self) -> u32 {
        self.cramps - self.cramps_untied
    }
}

/// The figures of a run of days, added up.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Totals {
    pub cramps: u32,
    pub cramps_untied: u32,
    pub worst_severity: Option<u8>,
    pub cramp_secs: u32,
    pub intake_ml: u32,
    pub goal_ml: u32,
    /// Days whose intake reached the goal.
    pub days_goal_met: u32,
    pub workout_minutes: u32,
    pub workouts: u32,
}

/// The change of each figure from the previous run of days (this minus previous).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Change {
    pub cramps: i64,
    pub cramps_untied: i64,
    /// None when either side had no cramp with a severity.
    pub worst_severity: Option<i64>,
    pub cramp_secs: i64,
    pub intake_ml: i64,
    pub days_goal_met: i64,
    pub workout_minutes: i64,
    pub workouts: i64,
}

impl Totals {
    pub fn change_from(&self, prev: &Totals) -> Change {
        let d = |a: u32, b: u32| a as i64 - b as i64;
        Change {
            cramps: d(self.cramps, prev.cramps),
            cramps_untied: d(self.cramps_untied, prev.cramps_untied),
            worst_severity: match (self.worst_severity, prev.worst_severity) {
                (Some(a), Some(b)) => Some(a as i64 - b as i64),
                _ => None,
            },
            cramp_secs: d(self.cramp_secs, prev.cramp_secs),
            intake_ml: d(self.intake_ml, prev.intake_ml),
            days_goal_met: d(self.days_goal_met, prev.days_goal_met),
            workout_minutes: d(self.workout_minutes, prev.workout_minutes),
            workouts: d(self.workouts, prev.workouts),
        }
    }
}

/// The flags raised by the cramps of `n_days` days from `first`, as they
/// stood at the end of those days (or now, if they reach now): pass them to
/// [`summarize`], which keeps those with evidence in the days.
pub fn period_flags<Tz: TimeZone>(
    now: &DateTime<Tz>,
    first: NaiveDate,
    n_days: u32,
    history: &History,
    rules: &Rules,
    prefs: &Prefs,
) -> Vec<Flag>
where
    Tz::Offset: Copy,
{
    let tz = now.timezone();
    let end = day_start(
        first + Duration::days(n_days as i64),
        &tz,
        prefs.day_start_hour,
    )
    .with_timezone(&tz);
    let as_of = if end < *now { end } else { *now };
    let start = day_start(first, &tz, prefs.day_start_hour);
    let mut flags = flags_since(&as_of, history, rules, prefs, Some(&start));
    if end < *now {
        // A past period: "the last 7 days" would read as the days before now.
        let last = first + Duration::days(n_days as i64 - 1);
        for f in &mut flags {
            f.why = dated_window(&f.why, last);
        }
    }
    flags
}

/// `in the last 7 days` -> `in the 7 days to Sun 29 Nov`.
fn dated_window(why: &str, last: NaiveDate) -> String {
    let mut out = String::new();
    let mut rest = why;
    while let Some(i) = rest.find("in the last ") {
        let after = &rest[i + "in the last ".len()..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && after[digits..].starts_with(" days") {
            out.push_str(&rest[..i]);
            out.push_str(&format!(
                "in the {} days to {}",
                &after[..digits],
                last.format("%a %-d %b")
            ));
            rest = &after[digits + " days".len()..];
        } else {
            out.push_str(&rest[..i + "in the last ".len()]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// A run of days: a week, or the days of a `--since` report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    /// The first day (a Monday for a week).
    pub first: NaiveDate,
    pub days: Vec<DayFigures>,
    pub totals: Totals,
    /// Cramps per muscle, most first.
    pub muscles: Vec<(Muscle, u32)>,
    /// Cramps per context (`during`, `after`, `rest`, `night`, `unknown`), most first.
    pub contexts: Vec<(String, u32)>,
    /// Flags with evidence in these days.
    pub flags: Vec<Flag>,
    /// Whole days from the last cramp (up to the end of these days, or now) to
    /// the last of these days (or today); None when no cramp was ever logged.
    pub days_since_last_cramp: Option<i64>,
    /// The same figures over the same number of days just before.
    pub previous: Totals,
    pub change: Change,
}

/// A week: seven days from a Monday.
pub type Week = Summary;

impl Summary {
    /// The last day (inclusive).
    pub fn last(&self) -> NaiveDate {
        self.first + Duration::days(self.days.len() as i64 - 1)
    }

    /// `2026-W48` when this is a Monday-Sunday week.
    pub fn iso_label(&self) -> Option<String> {
        if self.days.len() == 7 && self.first.weekday() == Weekday::Mon {
            let w = self.first.iso_week();
            Some(format!("{}-W{:02}", w.year(), w.week()))
        } else {
            None
        }
    }

    /// The entries whose day falls in these days, in time order.
    pub fn entries<'h, Tz: TimeZone>(
        &self,
        history: &'h History,
        tz: &Tz,
        day_start_hour: u32,
    ) -> Vec<&'h Entry> {
        // The entries are in time order: find the period's two ends.
        let from = day_start(self.first, tz, day_start_hour);
        let to = day_start(self.last() + Duration::days(1), tz, day_start_hour);
        let lo = history.entries.partition_point(|e| e.at < from);
        let hi = history.entries.partition_point(|e| e.at < to).max(lo);
        history.entries[lo..hi].iter().collect()
    }
}

/// The Monday of the week that holds `date`.
pub fn monday_of(date: NaiveDate) -> NaiveDate {
    date.week(Weekday::Mon).first_day()
}

/// The Monday of ISO week `2026-W48`, or an error naming the accepted form.
pub fn parse_iso_week(s: &str) -> Result<NaiveDate, String> {
    let bad = || format!("'{}' is not a week; try 2026-W48", s.trim());
    let t = s.trim().to_ascii_uppercase();
    let (y, w) = t.split_once("-W").ok_or_else(bad)?;
    let y: i32 = y.parse().map_err(|_| bad())?;
    let w: u32 = w.parse().map_err(|_| bad())?;
    NaiveDate::from_isoywd_opt(y, w, Weekday::Mon).ok_or_else(bad)
}

/// The week (Monday-Sunday) holding `monday`, as of `now`.
pub fn week<Tz: TimeZone>(
    now: &DateTime<Tz>,
    monday: NaiveDate,
    history: &History,
    rules: &Rules,
    prefs: &Prefs,
    flags: &[Flag],
) -> Week
where
    Tz::Offset: Copy,
{
    summarize(now, monday_of(monday), 7, history, rules, prefs, flags)
}

/// The figures of `n_days` days from `first`, as of `now`; `flags` are all the
/// flags raised (those with evidence in these days are kept).
pub fn summarize<Tz: TimeZone>(
    now: &DateTime<Tz>,
    first: NaiveDate,
    n_days: u32,
    history: &History,
    rules: &Rules,
    prefs: &Prefs,
    flags: &[Flag],
) -> Summary
where
    Tz::Offset: Copy,
{
    let tz = now.timezone();
    let n = n_days.max(1) as i64;
    let h = prefs.day_start_hour;
    let prev_first = first - Duration::days(n);
    let now_fixed = now.fixed_offset();

    let mut days: Vec<DayFigures> = (0..n)
        .map(|i| DayFigures {
            date: first + Duration::days(i),
            goal_ml: prefs.goal_ml,
            ..Default::default()
        })
        .collect();
    let mut prev_days: Vec<DayFigures> = (0..n)
        .map(|i| DayFigures {
            date: prev_first + Duration::days(i),
            goal_ml: prefs.goal_ml,
            ..Default::default()
        })
        .collect();
    let mut muscles: BTreeMap<Muscle, u32> = BTreeMap::new();
    let mut contexts: BTreeMap<String, u32> = BTreeMap::new();
    let tied = TiedIndex::new(&history.entries, rules);

    // Entries come in time order: the day is worked out again only when an
    // entry falls outside the current one (time zone lookups are not free).
    let mut current: Option<(NaiveDate, Time, Time)> = None;
    for e in &history.entries {
        let d = match current {
            Some((d, start, end)) if e.at >= start && e.at < end => d,
            _ => {
                let d = day_of(&e.at, &tz, h);
                let start = day_start(d, &tz, h);
                let end = day_start(d + Duration::days(1), &tz, h);
                current = Some((d, start, end));
                d
            }
        };
        let (slot, here) = if d >= first && d < first + Duration::days(n) {
            (&mut days[(d - first).num_days() as usize], true)
        } else if d >= prev_first && d < first {
            (&mut prev_days[(d - prev_first).num_days() as usize], false)
        } else {
            continue;
        };
        match &e.body {
            Body::Drink(dr) => slot.intake_ml += dr.ml,
            Body::Workout(w) => {
                let end = w.end.unwrap_or(now_fixed).max(e.at);
                slot.workout_minutes += (end - e.at).num_minutes().max(0) as u32;
            }
            Body::Cramp(c) => {
                slot.cramps += 1;
                if !tied.tied(&e.at) {
                    slot.cramps_untied += 1;
                }
                slot.worst_severity = slot.worst_severity.max(c.severity);
                slot.cramp_secs += c.duration_s.unwrap_or(0);
                if here {
                    *muscles.entry(c.muscle).or_default() += 1;
                    let ctx = c.context.map_or("unknown", CrampContext::word);
                    *contexts.entry(ctx.to_string()).or_default() += 1;
                }
            }
            Body::Plan(_) | Body::Weight(_) => {}
        }
    }

    let totals = add_up(&days, history, &tz, h, first, n);
    let previous = add_up(&prev_days, history, &tz, h, prev_first, n);
    let change = totals.change_from(&previous);

    let mut muscles: Vec<(Muscle, u32)> = muscles.into_iter().collect();
    muscles.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut contexts: Vec<(String, u32)> = contexts.into_iter().collect();
    contexts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));

    let last = first + Duration::days(n - 1);
    let in_days = |t: &Time| {
        let d = day_of(t, &tz, h);
        d >= first && d <= last
    };
    let flags: Vec<Flag> = flags
        .iter()
        .filter(|f| f.evidence.iter().any(|ev| in_days(&ev.at)))
        .cloned()
        .collect();

    // Days since the last cramp, seen from the end of these days (or today,
    // when these days reach today or beyond).
    let today = day_of(&now_fixed, &tz, h);
    let reference = last.min(today);
    let days_since_last_cramp = history
        .entries
        .iter()
        .rev()
        .filter(|e| matches!(e.body, Body::Cramp(_)))
        .map(|e| day_of(&e.at, &tz, h))
        .find(|d| *d <= reference)
        .map(|d| (reference - d).num_days());

    Summary {
        first,
        days,
        totals,
        muscles,
        contexts,
        flags,
        days_since_last_cramp,
        previous,
        change,
    }
}

fn add_up<Tz: TimeZone>(
    days: &[DayFigures],
    history: &History,
    tz: &Tz,
    h: u32,
    first: NaiveDate,
    n: i64,
) -> Totals {
    let workouts = history
        .entries
        .iter()
        .filter(|e| matches!(e.body, Body::Workout(_)))
        .filter(|e| {
            let d = day_of(&e.at, tz, h);
            d >= first && d < first + Duration::days(n)
        })
        .count() as u32;
    Totals {
        cramps: days.iter().map(|d| d.cramps).sum(),
        cramps_untied: days.iter().map(|d| d.cramps_untied).sum(),
        worst_severity: days.iter().filter_map(|d| d.worst_severity).max(),
        cramp_secs: days.iter().map(|d| d.cramp_secs).sum(),
        intake_ml: days.iter().map(|d| d.intake_ml).sum(),
        goal_ml: days.iter().map(|d| d.goal_ml).sum(),
        days_goal_met: days
            .iter()
            .filter(|d| d.goal_ml > 0 && d.intake_ml >= d.goal_ml)
            .count() as u32,
        workout_minutes: days.iter().map(|d| d.workout_minutes).sum(),
        workouts,
    }
}

/// Cramps per day for `n_days` days from `first` (for the 12-week overview).
pub fn cramps_per_day<Tz: TimeZone>(
    history: &History,
    tz: &Tz,
    day_start_hour: u32,
    first: NaiveDate,
    n_days: u32,
) -> Vec<u32> {
    let mut out = vec![0; n_days as usize];
    for e in &history.entries {
        if matches!(e.body, Body::Cramp(_)) {
            let d = day_of(&e.at, tz, day_start_hour);
            let i = (d - first).num_days();
            if i >= 0 && (i as usize) < out.len() {
                out[i as usize] += 1;
            }
        }
    }
    out
}

/// Cramps per day over several weeks, for an overview (a heat map).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Overview {
    /// The Monday of the first week.
    pub first: NaiveDate,
    /// One count per day from `first`, whole weeks.
    pub counts: Vec<u32>,
}

impl Overview {
    pub fn weeks(&self) -> usize {
        self.counts.len() / 7
    }

    /// The count of a day, None outside the overview.
    pub fn on(&self, date: NaiveDate) -> Option<u32> {
        let i = (date - self.first).num_days();
        (i >= 0).then(|| self.counts.get(i as usize).copied())?
    }
}

/// The `weeks` weeks ending with the week of `last_monday`.
pub fn overview<Tz: TimeZone>(
    history: &History,
    tz: &Tz,
    day_start_hour: u32,
    last_monday: NaiveDate,
    weeks: u32,
) -> Overview {
    let first = monday_of(last_monday) - Duration::weeks(weeks.max(1) as i64 - 1);
    Overview {
        first,
        counts: cramps_per_day(history, tz, day_start_hour, first, weeks.max(1) * 7),
    }
}

#[cfg(test)]
#[path = "week_tests.rs"]
mod tests;
