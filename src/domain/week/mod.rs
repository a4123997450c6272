//! Weekly (or any run of days) summaries and their comparison with the run before.
//!
//! A week runs Monday to Sunday in local time, with days starting at
//! `prefs.day_start_hour` (see [`super::day`]): a 2 am cramp on Tuesday counts
//! for Monday. Reports over `--since` use the same [`Summary`] over more days.

use crate::domain::day::{DayCursor, day_of, day_start};
use crate::domain::entry::{Body, CrampContext, Muscle, Time};
use crate::domain::history::{Entry, History};
use crate::domain::patterns::Flag;
use crate::domain::prefs::Prefs;
use crate::domain::rules::Rules;
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Weekday};
use serde::Serialize;
use std::collections::BTreeMap;

mod figures;
mod period;
mod tied;

use figures::add_up;
pub use figures::{Change, DayFigures, Overview, Totals, cramps_per_day, overview};
pub use period::{PeriodCramps, flags_in_days, period_cramps, period_flags, period_flags_known};
pub use tied::{TiedIndex, cramp_lookups, tied_to_exercise};

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

    let mut t = Tally {
        days: blank_days(first, n, prefs.goal_ml),
        prev_days: blank_days(prev_first, n, prefs.goal_ml),
        muscles: BTreeMap::new(),
        contexts: BTreeMap::new(),
        workouts: 0,
        prev_workouts: vec![0; n as usize],
    };
    t.count(history, rules, &tz, h, &now_fixed);
    let Tally {
        days,
        prev_days,
        muscles,
        contexts,
        workouts,
        prev_workouts,
    } = t;

    // Days still ahead are compared with nothing: this week read on a
    // Thursday is set against Monday to Thursday of the week before, not
    // against all seven of its days.
    let today = day_of(&now_fixed, &tz, h);
    let begun = days.iter().filter(|d| d.date <= today).count();
    let totals = add_up(&days, workouts);
    let previous = add_up(&prev_days[..begun], prev_workouts[..begun].iter().sum());
    let change = totals.change_from(&previous);

    let last = first + Duration::days(n - 1);
    let flags = flags_in_days(flags, &tz, h, first, n_days);

    // Days since the last cramp, seen from the end of these days (or today,
    // when these days reach today or beyond).
    let days_since_last_cramp = days_since_last_cramp(history, &tz, h, last.min(today));
    let muscles = most_first(muscles);
    let contexts = most_first(contexts);

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

fn blank_days(first: NaiveDate, n: i64, goal_ml: u32) -> Vec<DayFigures> {
    (0..n)
        .map(|i| DayFigures {
            date: first + Duration::days(i),
            goal_ml,
            ..Default::default()
        })
        .collect()
}

/// The days being summarized, the same number of days before them, and
/// what the cramps of the days were.
struct Tally {
    days: Vec<DayFigures>,
    prev_days: Vec<DayFigures>,
    muscles: BTreeMap<Muscle, u32>,
    contexts: BTreeMap<String, u32>,
    /// Workouts begun in these days.
    workouts: u32,
    /// Workouts begun in each of the previous days.
    prev_workouts: Vec<u32>,
}

impl Tally {
    fn count<Tz: TimeZone>(
        &mut self,
        history: &History,
        rules: &Rules,
        tz: &Tz,
        h: u32,
        now_fixed: &Time,
    ) {
        let prev_first = self.prev_days[0].date;
        let n = self.days.len();
        let tied = TiedIndex::new(&history.entries, rules);
        // Entries come in time order: the cursor works a day out again only
        // when an entry falls outside the current one.
        let mut days = DayCursor::new(tz, h);
        // Days as numbers from the previous period's first: 0..n is the
        // previous period, n..2n these days (no date arithmetic per entry).
        let base = prev_first.num_days_from_ce();
        // Most entries share the day of the one before: its number is kept.
        let mut last = (prev_first, 0);
        for e in &history.entries {
            let d = days.day(&e.at);
            if d != last.0 {
                last = (d, d.num_days_from_ce() - base);
            }
            let i = last.1;
            let (slot, here, started) = match usize::try_from(i) {
                Ok(i) if i < n => (&mut self.prev_days[i], false, &mut self.prev_workouts[i]),
                Ok(i) if i < 2 * n => (&mut self.days[i - n], true, &mut self.workouts),
                _ => continue,
            };
            match &e.body {
                Body::Drink(dr) => slot.intake_ml = slot.intake_ml.saturating_add(dr.ml),
                Body::Workout(w) => {
                    *started += 1;
                    let end = w.end.unwrap_or(*now_fixed).max(e.at);
                    slot.workout_minutes += (end - e.at).num_minutes().max(0) as u32;
                }
                Body::Cramp(c) => {
                    slot.cramps += 1;
                    if !tied.tied(&e.at) {
                        slot.cramps_untied += 1;
                    }
                    slot.worst_severity = slot.worst_severity.max(c.severity);
                    slot.cramp_secs = slot.cramp_secs.saturating_add(c.duration_s.unwrap_or(0));
                    if here {
                        *self.muscles.entry(c.muscle).or_default() += 1;
                        let ctx = c.context.map_or("unknown", CrampContext::word);
                        *self.contexts.entry(ctx.to_string()).or_default() += 1;
                    }
                }
                Body::Plan(_) | Body::Weight(_) | Body::Medication(_) => {}
            }
        }
    }
}

/// Counts, most first; equal counts in key order.
fn most_first<K: Ord>(counts: BTreeMap<K, u32>) -> Vec<(K, u32)> {
    let mut v: Vec<(K, u32)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}

/// Whole days from the last cramp on or before `reference` to `reference`.
fn days_since_last_cramp<Tz: TimeZone>(
    history: &History,
    tz: &Tz,
    h: u32,
    reference: NaiveDate,
) -> Option<i64> {
    history
        .entries
        .iter()
        .rev()
        .filter(|e| matches!(e.body, Body::Cramp(_)))
        .map(|e| day_of(&e.at, tz, h))
        .find(|d| *d <= reference)
        .map(|d| (reference - d).num_days())
}

#[cfg(test)]
mod tests;
