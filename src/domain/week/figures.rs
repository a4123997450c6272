//! The figures of days and runs of days, and the change from the run before.

use crate::domain::day::day_of;
use crate::domain::entry::Body;
use crate::domain::history::History;
use chrono::{Duration, NaiveDate, TimeZone};
use serde::Serialize;

use super::monday_of;

/// The figures of one day.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DayFigures {
    #[serde(serialize_with = "crate::domain::timefmt::ser_date")]
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

/// The totals of `days`, in which `workouts` workouts began.
pub(super) fn add_up(days: &[DayFigures], workouts: u32) -> Totals {
    Totals {
        cramps: days.iter().map(|d| d.cramps).sum(),
        cramps_untied: days.iter().map(|d| d.cramps_untied).sum(),
        worst_severity: days.iter().filter_map(|d| d.worst_severity).max(),
        cramp_secs: days
            .iter()
            .fold(0u32, |s, d| s.saturating_add(d.cramp_secs)),
        intake_ml: days.iter().fold(0u32, |s, d| s.saturating_add(d.intake_ml)),
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
