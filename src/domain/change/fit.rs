//! Does a change fit the history it would join? The checks that need more
//! than the change's own values: the entry an edit or delete names is there,
//! one workout runs at a time, a weighing is plausible next to the others
//! (unless forced), a medicine stopped is one being taken, after its start,
//! and an edited start or stop keeps its course in that order.
//! The front ends word a refusal (with times in the user's zone); the
//! decision is made here, once.

use super::Change;
use crate::domain::check;
use crate::domain::entry::{Body, MedAction, Medication, Time};
use crate::domain::history::History;
use crate::domain::medication::{courses, current};
use crate::domain::rules::Rules;
use crate::domain::weights::{self, Typed};

/// Why a change was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum Refusal {
    /// A value out of bounds: [`Change::check`]'s message.
    Value(String),
    /// An edit or delete of an entry that is not (or no longer) there.
    NoEntry(String),
    /// A workout started while another runs.
    AlreadyRunning { activity: String, since: Time },
    /// A weighing far from the others: the message names the likely mix-up.
    Implausible(String),
    /// A medicine stopped that is not being taken.
    NotCurrent(String),
    /// A medicine stopped before (or when) it started.
    StopBeforeStart { name: String, start: Time },
    /// A start edited to come at or after the stop of its course.
    StartAfterStop { name: String, stop: Time },
}

/// In words, with times as they were logged (the front ends may say more:
/// the command line names its flags and gives times in the user's zone).
impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Value(why) | Refusal::Implausible(why) => f.write_str(why),
            Refusal::NoEntry(id) => write!(f, "no entry has the id '{id}'"),
            Refusal::AlreadyRunning { activity, since } => write!(
                f,
                "a workout is already running ({activity} since {})",
                since.format("%H:%M")
            ),
            Refusal::NotCurrent(name) => write!(f, "'{name}' is not a current medicine"),
            Refusal::StopBeforeStart { name, start } => write!(
                f,
                "{name} started {}; the stop must come after it",
                start.format("%Y-%m-%d")
            ),
            Refusal::StartAfterStop { name, stop } => write!(
                f,
                "{name} stopped {}; the start must come before it",
                stop.format("%Y-%m-%d")
            ),
        }
    }
}

/// How the change was given, where a check depends on it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Given {
    /// Keep a weighing that looks implausible (`--force`).
    pub force: bool,
    /// How a weight was typed: a bare number may be a kg/lb mix-up.
    pub typed: Typed,
}

impl Default for Given {
    fn default() -> Given {
        Given {
            force: false,
            typed: Typed::WithUnit,
        }
    }
}

impl Change {
    /// Checks the change's values ([`Change::check`]) and its fit with
    /// `history`: the one gate every front end asks before a commit.
    pub fn check_against(
        &self,
        history: &History,
        rules: &Rules,
        given: Given,
        now: &Time,
    ) -> Result<(), Refusal> {
        self.check(now).map_err(Refusal::Value)?;
        match self {
            Change::Add { at, body } => fits(history, rules, given, *at, body, None),
            Change::Amend { target, at, body } => {
                live(history, target)?;
                moved(history, target, at, body, now).map_err(Refusal::Value)?;
                fits(history, rules, given, *at, body, Some(target))
            }
            Change::Delete { target, .. } => live(history, target),
            Change::Undo { .. } | Change::Redo { .. } => Ok(()),
        }
    }
}

/// An edit that moves an entry's time (or a workout's end) meets the time
/// rules of a new value: nothing but a plan ahead of now, no workout running
/// for more than a day, and a plan kept for later. An edit of other fields
/// keeps a time that no longer meets them (a plan whose time has passed).
fn moved(
    history: &History,
    target: &str,
    at: &Time,
    body: &Body,
    now: &Time,
) -> Result<(), String> {
    let Some(was) = history.get(target) else {
        return Ok(());
    };
    let end = |b: &Body| match b {
        Body::Workout(w) => w.end,
        _ => None,
    };
    if was.at == *at && end(&was.body) == end(body) {
        return Ok(());
    }
    match body {
        Body::Plan(_) => check::plan_moved(at, now),
        _ => check::fresh(body, at, now),
    }
}

fn live(history: &History, id: &str) -> Result<(), Refusal> {
    match history.entries.iter().any(|e| e.id == id) {
        true => Ok(()),
        false => Err(Refusal::NoEntry(id.to_string())),
    }
}

fn fits(
    history: &History,
    rules: &Rules,
    given: Given,
    at: Time,
    body: &Body,
    target: Option<&str>,
) -> Result<(), Refusal> {
    match body {
        Body::Workout(w) if w.end.is_none() && target.is_none() => {
            match history.running_workout() {
                Some(running) => Err(Refusal::AlreadyRunning {
                    activity: match &running.body {
                        Body::Workout(r) => r.activity.clone(),
                        _ => unreachable!("running_workout returns workouts"),
                    },
                    since: running.at,
                }),
                None => Ok(()),
            }
        }
        Body::Weight(w) if !given.force => {
            weights::check_new(history, at, w.kg, given.typed, target, &rules.weights)
                .map_err(|e| Refusal::Implausible(e.message))
        }
        Body::Medication(m) if m.action == MedAction::Stop && target.is_none() => {
            stopped(history, at, m)
        }
        Body::Medication(m) => match target {
            Some(target) => kept_in_course(history, at, m, target),
            None => Ok(()),
        },
        _ => Ok(()),
    }
}

/// An edited start or stop stays on its side of its course: a stop after
/// the start it ends, a start before the stop that ends it (the command
/// line's `medication stop` asks the same of a new stop).
fn kept_in_course(
    history: &History,
    at: Time,
    m: &Medication,
    target: &str,
) -> Result<(), Refusal> {
    let all = courses(&history.entries);
    let is = |id: &Option<String>| id.as_deref() == Some(target);
    let Some(course) = all.iter().find(|c| is(&c.start_id) || is(&c.stop_id)) else {
        return Ok(());
    };
    let name = m.name.clone();
    match (m.action, course.start, course.stop) {
        (MedAction::Stop, Some(start), _) if is(&course.stop_id) && at <= start => {
            Err(Refusal::StopBeforeStart { name, start })
        }
        // Only a logged stop: a second start also ends a course.
        (MedAction::Start, _, Some(stop))
            if is(&course.start_id) && course.stop_id.is_some() && at >= stop =>
        {
            Err(Refusal::StartAfterStop { name, stop })
        }
        _ => Ok(()),
    }
}

/// A medicine stopped must be one being taken, stopped after its start.
fn stopped(history: &History, at: Time, m: &Medication) -> Result<(), Refusal> {
    let all = courses(&history.entries);
    let Some(course) = current(&all, &m.name) else {
        return Err(Refusal::NotCurrent(m.name.clone()));
    };
    match course.start {
        Some(start) if at <= start => Err(Refusal::StopBeforeStart {
            name: m.name.clone(),
            start,
        }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::entry::{Drink, Weight, Workout};
    use crate::domain::history::Event;

    fn t(s: &str) -> Time {
        s.parse().unwrap()
    }

    fn history(changes: Vec<Change>) -> History {
        let events: Vec<Event> = changes
            .into_iter()
            .enumerate()
            .map(|(i, c)| c.into_event(format!("01KB00000000000000000000{i:02}"), t(NOW)))
            .collect();
        History::fold(&events)
    }

    const NOW: &str = "2026-11-28T14:30:00-05:00";

    fn run(end: Option<Time>) -> Body {
        Body::Workout(Workout {
            activity: "run".into(),
            end,
            intensity: Default::default(),
            heat: Default::default(),
            new: false,
            note: None,
        })
    }

    fn weighing(kg: f64) -> Body {
        Body::Weight(Weight {
            kg,
            when: None,
            urine_ml: None,
        })
    }

    fn med(action: MedAction) -> Body {
        Body::Medication(Medication {
            action,
            name: "furosemide".into(),
            class: None,
            dose: None,
            note: None,
        })
    }

    #[test]
    fn a_change_must_fit_the_history_it_joins() {
        let rules = Rules::embedded().unwrap();
        let at = t("2026-11-28T14:00:00-05:00");
        let h = history(vec![
            Change::Add {
                at,
                body: run(None),
            },
            Change::Add {
                at: t("2026-11-27T07:00:00-05:00"),
                body: weighing(80.0),
            },
            Change::Add {
                at: t("2026-10-01T08:00:00-04:00"),
                body: med(MedAction::Start),
            },
        ]);
        let check = |c: Change, given| c.check_against(&h, &rules, given, &t(NOW));
        let given = Given::default();
        // One workout runs at a time.
        let refused = check(
            Change::Add {
                at,
                body: run(None),
            },
            given,
        );
        assert!(matches!(refused, Err(Refusal::AlreadyRunning { since, .. }) if since == at));
        // An edit names an entry that is there.
        let gone = Change::Delete {
            target: "01ZZZZZZZZZZZZZZZZZZZZZZZZ".into(),
            at,
        };
        assert!(matches!(check(gone, given), Err(Refusal::NoEntry(_))));
        // 40 kg the morning after 80 kg is a mix-up, unless forced.
        let light = Change::Add {
            at,
            body: weighing(40.0),
        };
        assert!(matches!(
            check(light.clone(), given),
            Err(Refusal::Implausible(_))
        ));
        let forced = Given {
            force: true,
            ..given
        };
        assert_eq!(check(light, forced), Ok(()));
        // A medicine stops after its start, and only while it is taken.
        let stop = |at| Change::Add {
            at,
            body: med(MedAction::Stop),
        };
        assert_eq!(check(stop(at), given), Ok(()));
        let early = check(stop(t("2026-09-01T08:00:00-04:00")), given);
        assert!(matches!(early, Err(Refusal::StopBeforeStart { .. })));
        let h2 = history(vec![]);
        let none = stop(at).check_against(&h2, &rules, given, &t(NOW));
        assert_eq!(none, Err(Refusal::NotCurrent("furosemide".into())));
        // The values come first, with the gate's own message.
        let big = Change::Add {
            at,
            body: Body::Drink(Drink {
                ml: 5000,
                kind: Default::default(),
                sodium_mg: None,
                note: None,
            }),
        };
        assert!(matches!(check(big, given), Err(Refusal::Value(m)) if m.contains("5000 ml")));
    }
}
