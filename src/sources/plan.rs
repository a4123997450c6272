//! What an import adds, against the journal and itself: nothing twice.
//!
//! An entry is "already there" when the journal holds its source key (the
//! same file, or the same activity from another format at the same second)
//! or, for a workout, when it overlaps a workout imported before (the same
//! activity, its start read a little differently). A workout overlapping one
//! logged by hand is not added: it is reported, and `--merge` gives the
//! hand-logged entry the watch's times instead.

use super::Found;
use crate::domain::entry::{Body, Time};
use crate::domain::history::{Entry, Event, Op};
use std::collections::HashSet;

/// What the journal (and this import, as it goes) already holds.
#[derive(Debug, Default)]
pub struct Known {
    keys: HashSet<String>,
    /// Workouts: id (empty for this import's), start, end, and whether imported.
    workouts: Vec<(String, Time, Time, bool)>,
}

/// What the journal's events say about imports: see [`Known::sources`].
pub struct Sources {
    keys: HashSet<String>,
    imported: HashSet<String>,
}

/// What to do with one entry found in a file.
#[derive(Debug, PartialEq)]
pub enum Verdict {
    Add,
    /// Already in the journal, or earlier in this import; why, in words.
    Already(String),
    /// Overlaps a workout logged by hand: its id.
    Overlaps(String),
}

impl Known {
    /// From the journal's events (for the source keys they carry) and its
    /// entries as they stand.
    pub fn new(events: &[Event], entries: &[Entry]) -> Known {
        Known::with_entries(Known::sources(events), entries)
    }

    /// The source keys the events carry, and the ids of the entries they
    /// imported: taken before the events are folded (and gone).
    pub fn sources(events: &[Event]) -> Sources {
        let mut keys = HashSet::new();
        let mut imported = HashSet::new();
        for e in events
            .iter()
            .filter(|e| matches!(e.op, Op::Add | Op::Amend))
        {
            let key = e
                .extra
                .get("source")
                .and_then(|s| s.get("key"))
                .and_then(|k| k.as_str());
            if let Some(k) = key {
                keys.insert(k.to_string());
                imported.insert(e.target.clone().unwrap_or_else(|| e.id.clone()));
            }
        }
        Sources { keys, imported }
    }

    /// [`Known`] from the sources and the entries as they stand.
    pub fn with_entries(sources: Sources, entries: &[Entry]) -> Known {
        let Sources { keys, imported } = sources;
        let workouts = entries
            .iter()
            .filter_map(|e| match &e.body {
                Body::Workout(w) => Some((
                    e.id.clone(),
                    e.at,
                    w.end.unwrap_or(e.at),
                    imported.contains(&e.id),
                )),
                _ => None,
            })
            .collect();
        Known { keys, workouts }
    }

    /// Decides on `f`, and remembers it when it is added.
    pub fn decide(&mut self, f: &Found) -> Verdict {
        if self.keys.contains(&f.source.key) {
            return Verdict::Already("already there".into());
        }
        if let Body::Workout(w) = &f.body {
            let end = w.end.unwrap_or(f.at);
            let overlap = self
                .workouts
                .iter()
                .find(|(_, s, e, _)| overlaps(f.at, end, *s, *e));
            match overlap {
                Some((id, _, _, true)) if id.is_empty() => {
                    return Verdict::Already(
                        "the same session as another file of this import".into(),
                    );
                }
                Some((id, _, _, true)) => {
                    return Verdict::Already(format!("the same session as imported entry {id}"));
                }
                Some((id, _, _, false)) => return Verdict::Overlaps(id.clone()),
                None => {}
            }
            self.workouts.push((String::new(), f.at, end, true));
        }
        self.keys.insert(f.source.key.clone());
        Verdict::Add
    }

    /// Remembers a merge: the hand-logged workout `id` now has the watch's
    /// times and the source's key.
    pub fn merged(&mut self, id: &str, f: &Found) {
        self.keys.insert(f.source.key.clone());
        if let (Some(w), Body::Workout(fw)) =
            (self.workouts.iter_mut().find(|w| w.0 == id), &f.body)
        {
            w.1 = f.at;
            w.2 = fw.end.unwrap_or(f.at);
            w.3 = true;
        }
    }
}

/// Whether two sessions share time (a zero-length one counts at its instant).
fn overlaps(a0: Time, a1: Time, b0: Time, b1: Time) -> bool {
    if a0 == b0 {
        return true;
    }
    a0 < b1 && b0 < a1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::entry::{Heat, Intensity, Weight, Workout};
    use crate::domain::history::SCHEMA_VERSION;
    use crate::sources::Source;

    fn t(s: &str) -> Time {
        Time::parse_from_rfc3339(s).unwrap()
    }

    fn run(start: &str, end: &str, key: &str) -> Found {
        Found {
            at: t(start),
            body: Body::Workout(Workout {
                activity: "run".into(),
                end: Some(t(end)),
                intensity: Intensity::Easy,
                heat: Heat::Mild,
                new: false,
                note: None,
            }),
            source: Source {
                from: "fit",
                id: None,
                key: key.into(),
            },
        }
    }

    fn journal(found: &Found, id: &str, with_source: bool) -> (Event, Entry) {
        let mut extra = serde_json::Map::new();
        if with_source {
            extra.insert("source".into(), found.source.to_json());
        }
        let e = Event {
            v: SCHEMA_VERSION,
            id: id.into(),
            op: Op::Add,
            at: found.at,
            logged: found.at,
            target: None,
            entry: Some(found.body.clone()),
            extra,
        };
        let entry = Entry {
            id: id.into(),
            at: found.at,
            logged: found.at,
            amended: None,
            body: found.body.clone(),
        };
        (e, entry)
    }

    #[test]
    fn a_key_or_an_overlap_with_an_import_is_already_there() {
        let old = run(
            "2026-01-01T10:00:00Z",
            "2026-01-01T11:00:00Z",
            "workout 2026-01-01T10:00:00Z",
        );
        let (e, entry) = journal(&old, "A", true);
        let mut k = Known::new(&[e], &[entry]);
        assert!(matches!(k.decide(&old), Verdict::Already(_)));
        // The same run from a GPX, its start read a second later.
        let gpx = run(
            "2026-01-01T10:00:01Z",
            "2026-01-01T11:00:00Z",
            "workout 2026-01-01T10:00:01Z",
        );
        assert!(matches!(k.decide(&gpx), Verdict::Already(w) if w.contains('A')));
        // Right after it: new.
        let next = run(
            "2026-01-01T11:00:00Z",
            "2026-01-01T11:30:00Z",
            "workout 2026-01-01T11:00:00Z",
        );
        assert_eq!(k.decide(&next), Verdict::Add);
        // And the same again, in this import: already there.
        assert!(matches!(k.decide(&next), Verdict::Already(_)));
    }

    #[test]
    fn an_overlap_with_a_hand_logged_workout_names_it() {
        let hand = run("2026-01-01T10:10:00Z", "2026-01-01T10:50:00Z", "unused");
        let (e, entry) = journal(&hand, "H", false);
        let mut k = Known::new(&[e], &[entry]);
        let watch = run(
            "2026-01-01T10:00:00Z",
            "2026-01-01T11:00:00Z",
            "workout 2026-01-01T10:00:00Z",
        );
        assert_eq!(k.decide(&watch), Verdict::Overlaps("H".into()));
        k.merged("H", &watch);
        assert!(matches!(k.decide(&watch), Verdict::Already(_)));
    }

    #[test]
    fn weighings_repeat_only_by_key() {
        let mut k = Known::default();
        let w = |kg: f64, key: &str| Found {
            at: t("2026-01-01T07:00:00Z"),
            body: Body::Weight(Weight {
                kg,
                when: None,
                urine_ml: None,
            }),
            source: Source {
                from: "apple-health",
                id: None,
                key: key.into(),
            },
        };
        assert_eq!(k.decide(&w(70.0, "weight a 70")), Verdict::Add);
        assert_eq!(k.decide(&w(71.0, "weight a 71")), Verdict::Add);
        assert!(matches!(
            k.decide(&w(70.0, "weight a 70")),
            Verdict::Already(_)
        ));
    }
}
