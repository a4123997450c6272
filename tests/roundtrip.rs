//! Property: random sequences of entries, edits, deletes, undos and redos,
//! written through the real `Journal` (one or two devices, across monthly
//! files) and read back, give the same events and fold to the same state as
//! folding them in memory; and the fold does not depend on event order or on
//! duplicates (what sync tools and imports produce).

use chrono::{DateTime, Duration, FixedOffset, TimeZone};
use crampwatch::domain::entry::{
    Body, Cramp, CrampContext, Drink, DrinkKind, Heat, Intensity, Muscle, Plan, Relief, Side,
    Symptoms, WeighWhen, Weight, Workout,
};
use crampwatch::domain::history::{Event, History, Op, SCHEMA_VERSION};
use crampwatch::store::{Journal, Scope};
use proptest::prelude::*;
use proptest::sample::select;

type Time = DateTime<FixedOffset>;

fn note() -> impl Strategy<Value = Option<String>> {
    // Any text, newlines, quotes, NUL and emoji included: it must be escaped.
    prop::option::of("(?s).{0,12}|[\"\\\\\n\0é😀]{1,4}")
}

fn time() -> impl Strategy<Value = Time> {
    // Whole seconds over about 100 days, in offsets from -12:00 to +14:00.
    (0i64..100 * 86400, -48i32..=56).prop_map(|(s, q)| {
        let tz = FixedOffset::east_opt(q * 15 * 60).unwrap();
        tz.timestamp_opt(1_788_000_000 + s, 0).unwrap()
    })
}

fn body() -> impl Strategy<Value = Body> {
    prop_oneof![
        (
            1u32..=2000,
            select(DrinkKind::ALL),
            prop::option::of(0u32..=10000),
            note()
        )
            .prop_map(|(ml, kind, sodium_mg, note)| Body::Drink(Drink {
                ml,
                kind,
                sodium_mg,
                note
            })),
        (
            "[a-z][a-z ]{0,11}",
            prop::option::of(time()),
            select(Intensity::ALL),
            select(Heat::ALL),
            any::<bool>(),
            note()
        )
            .prop_map(|(activity, end, intensity, heat, new, note)| {
                Body::Workout(Workout {
                    activity,
                    end,
                    intensity,
                    heat,
                    new,
                    note,
                })
            }),
        (
            "[a-z]{1,8}",
            5u32..=720,
            select(Intensity::ALL),
            select(Heat::ALL),
            note()
        )
            .prop_map(
                |(activity, minutes, intensity, heat, note)| Body::Plan(Plan {
                    activity,
                    minutes,
                    intensity,
                    heat,
                    note
                })
            ),
        (
            select(Muscle::ALL),
            prop::option::of(select(Side::ALL)),
            prop::option::of(1u8..=10),
            prop::option::of(1u32..=14400),
            prop::option::of(select(CrampContext::ALL)),
            any::<[bool; 4]>(),
            prop::collection::vec(select(Relief::ALL), 0..4),
            note()
        )
            .prop_map(
                |(muscle, side, severity, duration_s, context, s, relief, note)| {
                    Body::Cramp(Cramp {
                        muscle,
                        side,
                        severity,
                        duration_s,
                        context,
                        symptoms: Symptoms {
                            swelling: s[0],
                            redness: s[1],
                            weakness: s[2],
                            numbness: s[3],
                        },
                        relief,
                        note,
                        muscle_name: None,
                    })
                }
            ),
        // Weights as the CLI makes them: kilograms to two decimals.
        (
            2000u32..=40000,
            prop::option::of(select(WeighWhen::ALL)),
            prop::option::of(1u32..=2000)
        )
            .prop_map(|(c, when, urine_ml)| {
                Body::Weight(Weight {
                    kg: f64::from(c) / 100.0,
                    when,
                    urine_ml,
                })
            }),
    ]
}

/// What a user does, in order.
#[derive(Clone, Debug)]
enum Step {
    Add(Body, Time),
    /// Amend the n-th entry ever added (modulo), with a new body and time.
    Amend(usize, Body, Time),
    Delete(usize),
    Undo,
    Redo,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (body(), time(), 1i64..=1440).prop_map(|(b, t, m)| Step::Add(ends_after(b, t, m), t)),
        2 => (any::<usize>(), body(), time(), 1i64..=1440)
            .prop_map(|(i, b, t, m)| Step::Amend(i, ends_after(b, t, m), t)),
        1 => any::<usize>().prop_map(Step::Delete),
        2 => Just(Step::Undo),
        1 => Just(Step::Redo),
    ]
}

/// A finished workout ends 1 minute to 24 hours after it starts, as every
/// path that writes one checks (`domain::check`); its end keeps its own
/// UTC offset.
fn ends_after(b: Body, start: Time, minutes: i64) -> Body {
    match b {
        Body::Workout(mut w) if w.end.is_some() => {
            let offset = *w.end.unwrap().offset();
            w.end = Some((start + Duration::minutes(minutes)).with_timezone(&offset));
            Body::Workout(w)
        }
        other => other,
    }
}

/// Turns steps into events the way the CLI does: ids that increase, undo and
/// redo aimed at what the folded history offers. Each event gets a device.
fn events_of(steps: &[Step], devices: &[bool]) -> Vec<(Event, bool)> {
    let mut events: Vec<(Event, bool)> = Vec::new();
    let mut added: Vec<String> = Vec::new();
    // `logged` walks forward over ~3 months, so events land in several files.
    let start = FixedOffset::west_opt(5 * 3600)
        .unwrap()
        .timestamp_opt(1_790_000_000, 0)
        .unwrap();
    for (i, s) in steps.iter().enumerate() {
        let logged = start + Duration::hours(50 * i as i64);
        let id =
            ulid::Ulid::from_parts(logged.timestamp_millis() as u64, i as u128 * 7919).to_string();
        let mut e = Event {
            v: SCHEMA_VERSION,
            id: id.clone(),
            op: Op::Add,
            at: logged,
            logged,
            target: None,
            entry: None,
            extra: Default::default(),
        };
        match s {
            Step::Add(b, t) => {
                e.entry = Some(b.clone());
                e.at = *t;
                added.push(id);
            }
            Step::Amend(n, b, t) => {
                if added.is_empty() {
                    continue;
                }
                e.op = Op::Amend;
                e.target = Some(added[n % added.len()].clone());
                e.entry = Some(b.clone());
                e.at = *t;
            }
            Step::Delete(n) => {
                if added.is_empty() {
                    continue;
                }
                e.op = Op::Delete;
                e.target = Some(added[n % added.len()].clone());
            }
            Step::Undo | Step::Redo => {
                let all: Vec<Event> = events.iter().map(|(e, _)| e.clone()).collect();
                let h = History::fold(&all);
                let next = if matches!(s, Step::Undo) {
                    h.next_undo()
                } else {
                    h.next_redo()
                };
                let Some(action) = next else { continue };
                e.op = if matches!(s, Step::Undo) {
                    Op::Undo
                } else {
                    Op::Redo
                };
                e.target = Some(action.event_id.clone());
            }
        }
        events.push((e, devices[i % devices.len()]));
    }
    events
}

/// The state as a user sees it: entries as JSON (which also compares the
/// UTC offsets that `DateTime`'s `==` ignores) plus undo/redo.
fn state(h: &History) -> (String, History) {
    (serde_json::to_string(&h.entries).unwrap(), h.clone())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn the_journal_round_trips_and_folds_the_same(
        steps in prop::collection::vec(step(), 1..40),
        devices in prop::collection::vec(any::<bool>(), 1..8),
        batches in prop::collection::vec(1usize..5, 1..8),
        order in prop::collection::vec(any::<u64>(), 1..60),
    ) {
        let events = events_of(&steps, &devices);
        let dir = tempfile::tempdir().unwrap();
        let a = Journal::open(dir.path(), "laptop");
        let b = Journal::open(dir.path(), "desktop");
        // Append in batches of a few events, each batch to one device.
        let mut i = 0;
        let mut k = 0;
        while i < events.len() {
            let n = batches[k % batches.len()];
            k += 1;
            let j = (i + n).min(events.len());
            let dev = events[i].1;
            let mut batch = vec![];
            while i < j && events[i].1 == dev {
                batch.push(events[i].0.clone());
                i += 1;
            }
            if dev { a.append(&batch).unwrap() } else { b.append(&batch).unwrap() }
        }
        let mem: Vec<Event> = events.iter().map(|(e, _)| e.clone()).collect();

        let loaded = a.load(Scope::All).unwrap();
        prop_assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let mut got = loaded.events.clone();
        got.sort_by(|x, y| x.id.cmp(&y.id));
        prop_assert_eq!(&got, &mem, "the same events come back");
        let folded = History::fold(&mem);
        prop_assert_eq!(state(&History::fold(&loaded.events)), state(&folded));
        // The other device sees the same.
        let from_b = History::fold(&b.load(Scope::All).unwrap().events);
        prop_assert_eq!(state(&from_b), state(&folded));

        // Any order, with duplicates (a conflict copy, a re-import): the same state.
        let mut shuffled: Vec<(u64, Event)> = mem
            .iter()
            .enumerate()
            .map(|(i, e)| (order[i % order.len()].wrapping_mul(i as u64 + 1), e.clone()))
            .collect();
        shuffled.sort_by_key(|(k, _)| *k);
        let mut shuffled: Vec<Event> = shuffled.into_iter().map(|(_, e)| e).collect();
        let dups: Vec<Event> = shuffled.iter().step_by(3).cloned().collect();
        shuffled.extend(dups);
        shuffled.reverse();
        prop_assert_eq!(state(&History::fold(&shuffled)), state(&folded));
    }
}

/// A handful of fixed cases the property also covers, kept as examples.
#[test]
fn an_edit_of_an_edited_entry_then_undo_returns_to_the_first_edit() {
    let drink = |ml| {
        Body::Drink(Drink {
            ml,
            kind: DrinkKind::Water,
            sodium_mg: None,
            note: None,
        })
    };
    let t: Time = "2026-11-28T14:30:00-05:00".parse().unwrap();
    let steps = vec![
        Step::Add(drink(300), t),
        Step::Amend(0, drink(350), t),
        Step::Amend(0, drink(400), t),
        Step::Undo,
    ];
    let events = events_of(&steps, &[true]);
    let dir = tempfile::tempdir().unwrap();
    let j = Journal::open(dir.path(), "laptop");
    for (e, _) in &events {
        j.append(std::slice::from_ref(e)).unwrap();
    }
    let h = History::fold(&j.load(Scope::All).unwrap().events);
    assert_eq!(h.entries.len(), 1);
    assert_eq!(h.entries[0].body, drink(350));
    assert!(h.next_redo().is_some());
}
