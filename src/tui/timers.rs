//! The one place the TUI asks the core for timers (`domain::hydration`).

use super::app::Zone;
use crate::domain::history::History;
use crate::domain::prefs::Prefs;
use crate::domain::rules::Rules;
use chrono::DateTime;

pub use crate::domain::hydration::{Hydration, RunningWorkout, Timer, TimerKind, TimerState};

/// Timers and today's totals at `now`, most urgent first.
pub fn compute<Z: Zone>(
    now: &DateTime<Z>,
    history: &History,
    rules: &Rules,
    prefs: &Prefs,
) -> Hydration {
    crate::domain::hydration::timers(now, history, rules, prefs)
}

/// A short word for a timer's kind, as shown on screen.
pub fn kind_label(kind: TimerKind) -> &'static str {
    kind.label()
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
