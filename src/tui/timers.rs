//! The one place the TUI asks the core for timers.
//!
//! The screens are written against the shapes of `domain::hydration`
//! (`Hydration`, `Timer`, `TimerKind`, `TimerState`). Until that module is
//! merged, [`compute`] fills only what needs no timer rules (intake today,
//! the goal, the running workout) and returns no timers at all: nothing on
//! screen is invented.

use super::app::Zone;
use crate::domain::day::today_bounds;
use crate::domain::entry::{Body, Time};
use crate::domain::history::History;
use crate::domain::prefs::Prefs;
use crate::domain::rules::Rules;
use chrono::DateTime;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimerKind {
    Preload,
    Topup,
    Sip,
    SportsDrink,
    Rehydrate,
    CrampWindow,
    Daily,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimerState {
    Upcoming,
    Open,
    Due,
    Overdue,
    Done,
    Active,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Timer {
    pub kind: TimerKind,
    pub state: TimerState,
    pub due: Option<Time>,
    pub secs_left: Option<i64>,
    pub target_ml: Option<u32>,
    pub done_ml: u32,
    pub message: String,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RunningWorkout {
    pub entry_id: String,
    pub activity: String,
    pub started: Time,
    pub elapsed_secs: i64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Hydration {
    pub timers: Vec<Timer>,
    pub warnings: Vec<String>,
    pub intake_today_ml: u32,
    pub goal_ml: u32,
    pub last_hour_ml: u32,
    pub workout: Option<RunningWorkout>,
}

/// Timers and today's totals at `now`.
pub fn compute<Z: Zone>(
    now: &DateTime<Z>,
    history: &History,
    _rules: &Rules,
    prefs: &Prefs,
) -> Hydration {
    let now_t = now.fixed_offset();
    let (start, end) = today_bounds(now, prefs.day_start_hour);
    let sum = |from: Time, to: Time| -> u32 {
        history
            .entries
            .iter()
            .filter(|e| e.at >= from && e.at < to && e.at <= now_t)
            .filter_map(|e| match &e.body {
                Body::Drink(d) => Some(d.ml),
                _ => None,
            })
            .sum()
    };
    let workout = history.running_workout().and_then(|e| match &e.body {
        Body::Workout(w) => Some(RunningWorkout {
            entry_id: e.id.clone(),
            activity: w.activity.clone(),
            started: e.at,
            elapsed_secs: (now_t - e.at).num_seconds().max(0),
        }),
        _ => None,
    });
    Hydration {
        timers: Vec::new(),
        warnings: Vec::new(),
        intake_today_ml: sum(start, end),
        goal_ml: prefs.goal_ml,
        last_hour_ml: sum(now_t - chrono::Duration::hours(1), end),
        workout,
    }
}

/// A short word for a timer's kind, as shown on screen.
pub fn kind_label(kind: TimerKind) -> &'static str {
    match kind {
        TimerKind::Preload => "pre-load",
        TimerKind::Topup => "top-up",
        TimerKind::Sip => "sip",
        TimerKind::SportsDrink => "sports drink",
        TimerKind::Rehydrate => "rehydrate",
        TimerKind::CrampWindow => "cramp-prone window",
        TimerKind::Daily => "daily",
    }
}

/// A short word for a timer's state.
pub fn state_label(state: TimerState) -> &'static str {
    match state {
        TimerState::Upcoming => "upcoming",
        TimerState::Open => "open",
        TimerState::Due => "due",
        TimerState::Overdue => "overdue",
        TimerState::Done => "done",
        TimerState::Active => "active",
    }
}

/// True for the states that ring the bell when a timer enters them.
pub fn rings(state: TimerState) -> bool {
    matches!(state, TimerState::Due | TimerState::Overdue)
}
