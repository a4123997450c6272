//! Whether a cramp is tied to exercise, one at a time or indexed for many.

use crate::domain::context::{Snapshot, snapshot};
use crate::domain::entry::{Body, Time};
use crate::domain::history::{Entry, History};
use crate::domain::rules::Rules;
use chrono::Duration;
use std::collections::HashMap;

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

/// What a report looks up for each cramp it lists, by entry id: whether it
/// was tied to exercise, and what came before it. The cramps are those of
/// `entries` (other kinds are passed over).
pub fn cramp_lookups<'a>(
    entries: impl IntoIterator<Item = &'a Entry>,
    history: &History,
    rules: &Rules,
) -> (HashMap<String, bool>, HashMap<String, Snapshot>) {
    let index = TiedIndex::new(&history.entries, rules);
    let (mut tied, mut snapshots) = (HashMap::new(), HashMap::new());
    for e in entries {
        if matches!(e.body, Body::Cramp(_)) {
            tied.insert(e.id.clone(), index.tied(&e.at));
            snapshots.insert(e.id.clone(), snapshot(e, history, rules));
        }
    }
    (tied, snapshots)
}
