//! The context of a cramp, computed from what else was logged, never typed in:
//! what was drunk before it, the last session before it, and whether it fell
//! in the cramp-prone window after a hard, long or hot session.

use super::entry::{Body, Drink, DrinkKind, Heat, Intensity, Time, Workout};
use super::history::{Entry, History};
use super::rules::{CrampWindow, Rules};
use chrono::Duration;
use serde::Serialize;

/// The session that ended last before a cramp.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LastWorkout {
    pub entry_id: String,
    pub activity: String,
    #[serde(serialize_with = "crate::domain::timefmt::ser_time")]
    pub ended: Time,
    /// Its length, start to end.
    pub minutes: u32,
    pub intensity: Intensity,
    pub heat: Heat,
    /// Marked new or unaccustomed.
    pub new: bool,
    /// Hours from its end to the cramp.
    pub hours_since: f64,
}

/// What came before a cramp.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Snapshot {
    /// Fluids logged in the 2 h before the cramp, in ml.
    pub fluids_2h_ml: u32,
    pub fluids_6h_ml: u32,
    pub fluids_24h_ml: u32,
    /// A sports or electrolyte drink (or one with sodium noted) in the 24 h before.
    pub electrolyte_24h: bool,
    /// The id of a session running when the cramp came (started before it and
    /// not ended by then).
    pub during_workout: Option<String>,
    /// The session that ended last before the cramp (any time before it).
    pub last_workout: Option<LastWorkout>,
    /// Within `[cramp_window] hours` of the end of a hard, long or hot session.
    pub in_cramp_window: bool,
}

/// True for a drink that carries electrolytes.
pub fn is_electrolyte(d: &Drink) -> bool {
    matches!(d.kind, DrinkKind::Sports | DrinkKind::Electrolyte)
        || d.sodium_mg.is_some_and(|n| n > 0)
}

/// True for a session after which the cramp-prone window applies.
pub fn opens_cramp_window(w: &Workout, minutes: u32, rules: &CrampWindow) -> bool {
    w.intensity.is_hard() || w.heat == Heat::Hot || minutes >= rules.long_session_min
}

/// Minutes from `start` to `end`, never negative.
pub fn minutes_between(start: &Time, end: &Time) -> u32 {
    (*end - *start).num_minutes().max(0) as u32
}

/// Fluids logged in `[from, to]`, in ml.
pub fn fluids_between(history: &History, from: &Time, to: &Time) -> u32 {
    // Saturating: a hostile journal of millions of drinks cannot wrap it.
    drinks_between(history, from, to).fold(0u32, |sum, (_, d)| sum.saturating_add(d.ml))
}

/// The entries in `[from, to]`: a slice, found by binary search, since
/// history entries are sorted by time.
pub fn entries_between<'h>(history: &'h History, from: &Time, to: &Time) -> &'h [Entry] {
    let lo = history.entries.partition_point(|e| e.at < *from);
    let hi = history.entries.partition_point(|e| e.at <= *to).max(lo);
    &history.entries[lo..hi]
}

/// The drinks logged in `[from, to]`, in time order.
pub fn drinks_between<'h>(
    history: &'h History,
    from: &Time,
    to: &Time,
) -> impl Iterator<Item = (&'h Entry, &'h Drink)> {
    entries_between(history, from, to)
        .iter()
        .filter_map(|e| match &e.body {
            Body::Drink(d) => Some((e, d)),
            _ => None,
        })
}

/// The sessions around moment `at`: one running then (started before and not
/// ended by then), and the one that ended last before it, with its end.
///
/// It walks back from `at` to the last ended session, so it costs what lies
/// between them, not the whole history; an unfinished session older than
/// that one (a forgotten stop) is not taken as running.
pub fn sessions_before<'h>(
    history: &'h History,
    at: &Time,
) -> (Option<&'h Entry>, Option<(&'h Entry, &'h Workout, Time)>) {
    let mut running = None;
    let upto = history.entries.partition_point(|e| e.at <= *at);
    for e in history.entries[..upto].iter().rev() {
        let Body::Workout(w) = &e.body else { continue };
        match w.end {
            Some(end) if end <= *at => return (running, Some((e, w, end))),
            _ => {
                if running.is_none() {
                    running = Some(e);
                }
            }
        }
    }
    (running, None)
}

/// The last moment that counts as before a cramp at `at`: the end of the
/// minute before. A drink logged in the cramp's own minute (both typed as
/// `--at 19:30`, or one logged right after the other) did not come before it.
pub fn just_before(at: &Time) -> Time {
    use chrono::Timelike;
    let minute = at
        .with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(*at);
    minute - Duration::nanoseconds(1)
}

/// The context snapshot of `cramp` (any entry; its time is what counts).
pub fn snapshot(cramp: &Entry, history: &History, rules: &Rules) -> Snapshot {
    let at = cramp.at;
    let upto = just_before(&at);
    let fluids = |h: i64| fluids_between(history, &(at - Duration::hours(h)), &upto);
    let electrolyte_24h =
        drinks_between(history, &(at - Duration::hours(24)), &upto).any(|(_, d)| is_electrolyte(d));

    let (running, last) = sessions_before(history, &at);
    let during_workout = running.map(|e| e.id.clone());
    let last_workout = last.map(|(e, w, end)| LastWorkout {
        entry_id: e.id.clone(),
        activity: w.activity.clone(),
        ended: end,
        minutes: minutes_between(&e.at, &end),
        intensity: w.intensity,
        heat: w.heat,
        new: w.new,
        hours_since: (at - end).num_seconds() as f64 / 3600.0,
    });
    let in_cramp_window = last.is_some_and(|(e, w, end)| {
        let hours = (at - end).num_seconds() as f64 / 3600.0;
        opens_cramp_window(w, minutes_between(&e.at, &end), &rules.cramp_window)
            && hours <= rules.cramp_window.hours
    });
    Snapshot {
        fluids_2h_ml: fluids(2),
        fluids_6h_ml: fluids(6),
        fluids_24h_ml: fluids(24),
        electrolyte_24h,
        during_workout,
        last_workout,
        in_cramp_window,
    }
}

impl Snapshot {
    /// One line for lists, e.g.
    /// `before: 10 oz in 2h, 20 oz in 6h, 40 oz in 24h, no electrolytes · run hard hot 90 min ended 3h10m before (cramp-prone window)`.
    pub fn describe(&self, unit: super::entry::VolumeUnit) -> String {
        let mut s = format!(
            "before: {} in 2h, {} in 6h, {} in 24h, {}",
            unit.format(self.fluids_2h_ml as f64),
            unit.format(self.fluids_6h_ml as f64),
            unit.format(self.fluids_24h_ml as f64),
            if self.electrolyte_24h {
                "electrolytes taken"
            } else {
                "no electrolytes"
            }
        );
        if self.during_workout.is_some() {
            s.push_str(" · during a session");
        }
        match &self.last_workout {
            Some(w) => {
                let secs = (w.hours_since * 3600.0).round().max(0.0) as u32;
                let ago = super::entry::format_duration(secs - secs % 60);
                s.push_str(&format!(
                    " · last session: {} {} {} {} min{}, ended {ago} before",
                    w.activity,
                    w.intensity,
                    w.heat,
                    w.minutes,
                    if w.new { " new" } else { "" }
                ));
            }
            None => s.push_str(" · no session before it"),
        }
        if self.in_cramp_window {
            s.push_str(" (in the cramp-prone window, a heuristic)");
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::entry::{CrampContext, Muscle, VolumeUnit};
    use crate::domain::patterns::tests::B;

    #[test]
    fn a_drink_in_the_cramps_own_minute_is_not_before_it() {
        let h = B::default()
            .drink("D1", "2026-11-27T19:29:59-05:00", 200, DrinkKind::Water)
            .drink("D2", "2026-11-27T19:30:00-05:00", 300, DrinkKind::Sports)
            .cramp("C1", "2026-11-27T19:30:20-05:00", |_| {})
            .h();
        let s = snapshot(h.get("C1").unwrap(), &h, &Rules::embedded().unwrap());
        assert_eq!(s.fluids_2h_ml, 200);
        assert!(
            !s.electrolyte_24h,
            "the sports drink came in the cramp's minute"
        );
    }

    #[test]
    fn a_snapshot_counts_fluids_and_finds_the_last_session() {
        let h = B::default()
            .drink("D24", "2026-11-26T13:00:00-05:00", 500, DrinkKind::Water)
            .drink("D25", "2026-11-26T11:59:00-05:00", 999, DrinkKind::Water)
            .drink("D6", "2026-11-27T07:00:00-05:00", 300, DrinkKind::Sports)
            .drink("D2", "2026-11-27T11:00:00-05:00", 200, DrinkKind::Water)
            .workout(
                "W1",
                "2026-11-27T08:00:00-05:00",
                Some("2026-11-27T09:30:00-05:00"),
                Intensity::Hard,
                Heat::Hot,
            )
            .cramp("C1", "2026-11-27T12:00:00-05:00", |c| {
                c.context = Some(CrampContext::After)
            })
            .h();
        let c = h.get("C1").unwrap();
        let s = snapshot(c, &h, &Rules::embedded().unwrap());
        assert_eq!(
            (s.fluids_2h_ml, s.fluids_6h_ml, s.fluids_24h_ml),
            (200, 500, 1000)
        );
        assert!(s.electrolyte_24h);
        assert!(s.during_workout.is_none());
        let w = s.last_workout.as_ref().unwrap();
        assert_eq!((w.entry_id.as_str(), w.minutes), ("W1", 90));
        assert_eq!(w.hours_since, 2.5);
        assert!(s.in_cramp_window);
        assert_eq!(
            s.describe(VolumeUnit::Ml),
            "before: 200 ml in 2h, 500 ml in 6h, 1000 ml in 24h, electrolytes taken · \
             last session: run hard hot 90 min, ended 2h30m before (in the cramp-prone window, a heuristic)"
        );
    }

    #[test]
    fn a_cramp_during_a_session_knows_it_and_the_window_ends_after_8h() {
        let h = B::default()
            .workout(
                "W0",
                "2026-11-27T06:00:00-05:00",
                Some("2026-11-27T06:20:00-05:00"),
                Intensity::Max,
                Heat::Cool,
            )
            .workout(
                "W1",
                "2026-11-27T14:00:00-05:00",
                None,
                Intensity::Easy,
                Heat::Cool,
            )
            .cramp("C1", "2026-11-27T14:21:00-05:00", |c| {
                c.muscle = Muscle::Foot
            })
            .h();
        let s = snapshot(h.get("C1").unwrap(), &h, &Rules::embedded().unwrap());
        assert_eq!(s.during_workout.as_deref(), Some("W1"));
        assert_eq!(s.last_workout.as_ref().unwrap().entry_id, "W0");
        assert!(!s.in_cramp_window, "8 h 1 min after a max session");
        assert_eq!(s.fluids_24h_ml, 0);
        assert!(!s.electrolyte_24h);
    }

    #[test]
    fn a_forgotten_stop_before_a_finished_session_is_not_running() {
        let h = B::default()
            .workout(
                "W0",
                "2026-11-20T06:00:00-05:00",
                None,
                Intensity::Easy,
                Heat::Cool,
            )
            .workout(
                "W1",
                "2026-11-26T06:00:00-05:00",
                Some("2026-11-26T07:00:00-05:00"),
                Intensity::Easy,
                Heat::Cool,
            )
            .cramp("C1", "2026-11-27T06:00:00-05:00", |_| {})
            .h();
        let s = snapshot(h.get("C1").unwrap(), &h, &Rules::embedded().unwrap());
        assert_eq!(s.during_workout, None);
        assert_eq!(s.last_workout.unwrap().entry_id, "W1");
    }
}
