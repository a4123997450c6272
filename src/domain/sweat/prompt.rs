//! Asking for the weighing that completes a sweat test.

use super::{weighing_after, weighing_before};
use crate::domain::entry::{Body, Time};
use crate::domain::history::{Entry, History};
use crate::domain::rules::Rules;
use chrono::Duration;
use serde::Serialize;

/// "weigh now to learn your sweat rate": a session just ended with a
/// weighing before it and none yet after it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WeighPrompt {
    pub workout_id: String,
    pub activity: String,
    pub end: Time,
    /// The prompt stands until then (`[sweat] weigh_within_min` after the end).
    pub until: Time,
}

impl WeighPrompt {
    pub fn text(&self) -> &'static str {
        "weigh now to learn your sweat rate"
    }
}

/// The prompt at `now`, if a session ended less than `[sweat]
/// weigh_within_min` ago with a weighing in that many minutes before its
/// start and none since its end.
pub fn weigh_prompt(history: &History, rules: &Rules, now: &Time) -> Option<WeighPrompt> {
    let window = Duration::minutes(rules.sweat.weigh_within_min as i64);
    let weights: Vec<&Entry> = history
        .entries
        .iter()
        .filter(|e| matches!(e.body, Body::Weight(_)) && e.at <= *now)
        .collect();
    // The session that ended last (workouts are sorted by start, not end).
    let (workout, end) = history
        .entries
        .iter()
        .filter_map(|e| match &e.body {
            Body::Workout(w) => w.end.filter(|end| *end > e.at).map(|end| (e, end)),
            _ => None,
        })
        .filter(|(_, end)| *end <= *now)
        .max_by_key(|(_, end)| *end)?;
    if *now - end >= window {
        return None;
    }
    weighing_before(&weights, &workout.at, window)?;
    if weighing_after(&weights, &end, window).is_some() {
        return None;
    }
    let Body::Workout(w) = &workout.body else {
        return None;
    };
    Some(WeighPrompt {
        workout_id: workout.id.clone(),
        activity: w.activity.clone(),
        end,
        until: end + window,
    })
}
