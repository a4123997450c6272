//! The one place the TUI asks the core for timers (`domain::hydration`).

use super::app::Zone;
use super::app::{App, Effect};
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

impl<Z: Zone> App<Z> {
    /// The bell and notify command for timers that just came due.
    pub(crate) fn ring(&mut self) -> Vec<Effect> {
        let mut effects = Vec::new();
        let fresh: Vec<(String, String)> = due_keys(&self.hydration)
            .filter(|(k, _)| !self.rung.contains(k))
            .collect();
        for (key, message) in fresh {
            self.rung.insert(key);
            if self.settings.bell && !effects.contains(&Effect::Bell) {
                effects.push(Effect::Bell);
            }
            if self.settings.notify_command.is_some() {
                effects.push(Effect::Notify(message));
            }
        }
        effects
    }
}

/// The timers that ring, each with a key that is stable while it stays the
/// same deadline, and its message.
pub(crate) fn due_keys(h: &Hydration) -> impl Iterator<Item = (String, String)> + '_ {
    h.timers.iter().filter(|t| rings(t.state)).map(|t| {
        let due = t.due.map(|d| d.timestamp()).unwrap_or_default();
        (format!("{:?}@{due}", t.kind), t.message.clone())
    })
}
