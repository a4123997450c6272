//! Asking for the weighing that completes a sweat test.

use super::{weighing_after, weighing_before};
use crate::domain::entry::{Body, Time};
use crate::domain::history::{Entry, History};
use crate::domain::rules::Rules;
use chrono::Duration;
use serde::Serialize;

/// How far back a session that just ended may have started.
const RECENT_HOURS: i64 = 24;

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

/// True when a weighing in the `[sweat] weigh_within_min` before `start`
/// can open a sweat test (one not marked `after`).
pub fn weighed_before(history: &History, rules: &Rules, start: &Time) -> bool {
    let window = Duration::minutes(rules.sweat.weigh_within_min as i64);
    let from = history.entries.partition_point(|e| e.at < *start - window);
    let weights: Vec<&Entry> = history.entries[from..]
        .iter()
        .filter(|e| matches!(e.body, Body::Weight(_)) && e.at <= *start)
        .collect();
    weighing_before(&weights, start, window).is_some()
}

/// The prompt at `now`, if a session ended less than `[sweat]
/// weigh_within_min` ago with a weighing in that many minutes before its
/// start and none since its end.
pub fn weigh_prompt(history: &History, rules: &Rules, now: &Time) -> Option<WeighPrompt> {
    let window = Duration::minutes(rules.sweat.weigh_within_min as i64);
    // Only the last day can hold the session and its weighings: the Today
    // screen asks every second, whatever the journal's length.
    let recent = &history.entries[history
        .entries
        .partition_point(|e| e.at < *now - Duration::hours(RECENT_HOURS))..];
    let weights: Vec<&Entry> = recent
        .iter()
        .filter(|e| matches!(e.body, Body::Weight(_)) && e.at <= *now)
        .collect();
    // The session that ended last (workouts are sorted by start, not end).
    let (workout, end) = recent
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
