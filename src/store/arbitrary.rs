//! Random events for property tests, of every op and every entry kind, with
//! the values a journal can hold: notes with quotes, backslashes, line
//! breaks and characters outside ASCII, fields left out, and fields this
//! version does not know. Every event passes [`Event::check`], so a test of
//! any path that takes journal events (a load, the cache, an export and its
//! import) can use them.

use crate::domain::entry::{
    Body, Cramp, CrampContext, Drink, DrinkKind, Heat, Intensity, MedAction, MedClass, Medication,
    Muscle, Plan, Relief, Side, Symptoms, Time, WeighWhen, Weight, Workout,
};
use crate::domain::history::{Event, Op, SCHEMA_VERSION};
use chrono::{Duration, FixedOffset, TimeZone};
use proptest::prelude::*;
use proptest::sample::select;

/// A time from 1970 to 2199, to the second or with a fraction, at an offset
/// of whole minutes (RFC 3339 has no seconds in offsets).
pub fn time() -> impl Strategy<Value = Time> {
    (
        0i64..7_258_118_400 - 2 * 86_400,
        prop_oneof![Just(0u32), 0u32..1_000_000_000, Just(500_000_000)],
        -14 * 60i32..=14 * 60,
    )
        .prop_map(|(secs, nanos, minutes)| {
            FixedOffset::east_opt(minutes * 60)
                .expect("within a day")
                .timestamp_opt(secs, nanos)
                .single()
                .expect("a valid instant")
        })
}

/// Text as people type it, and the characters JSON must escape.
pub fn text(max: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Z0-9 ,.]{1,8}",
        Just("\"".to_string()),
        Just("\\".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\t".to_string()),
        Just("/".to_string()),
        Just("\u{7f}".to_string()),
        Just("é".to_string()),
        Just("日本".to_string()),
        Just("🏃\u{200d}♀️".to_string()),
        Just("\u{2028}".to_string()),
        Just("\u{1}".to_string()),
        "\\PC{1,3}",
    ];
    prop::collection::vec(piece, 0..8).prop_map(move |parts| {
        let s: String = parts.concat();
        s.chars().take(max).collect()
    })
}

/// A note: absent, empty or any text.
pub fn note() -> impl Strategy<Value = Option<String>> {
    prop::option::of(text(200))
}

/// A name without control characters (activities, medicines, muscles).
pub fn name() -> impl Strategy<Value = String> {
    "[a-zA-Z][a-zA-Z0-9 éü'\"\\\\/-]{0,20}"
}

/// Where a body's free text comes from. A journal line keeps any text; a
/// CSV cell reads some back changed (blanks as empty, names trimmed), so a
/// test of the CSV gives its own. The numbers and words are the same for both.
#[derive(Clone, Copy)]
pub struct Words {
    pub note: fn() -> BoxedStrategy<Option<String>>,
    pub name: fn() -> BoxedStrategy<String>,
}

fn journal_note() -> BoxedStrategy<Option<String>> {
    note().boxed()
}

fn journal_name() -> BoxedStrategy<String> {
    name().boxed()
}

/// Text as a journal line holds it.
pub const JOURNAL: Words = Words {
    note: journal_note,
    name: journal_name,
};

fn drink(w: Words) -> impl Strategy<Value = Body> {
    (
        1u32..=2000,
        select(DrinkKind::ALL),
        prop::option::of(0u32..=10_000),
        (w.note)(),
    )
        .prop_map(|(ml, kind, sodium_mg, note)| {
            Body::Drink(Drink {
                ml,
                kind,
                sodium_mg,
                note,
            })
        })
}

/// A workout starting at `at`.
fn workout(at: Time, w: Words) -> impl Strategy<Value = Body> {
    (
        (w.name)(),
        prop::option::of(1i64..24 * 3600),
        select(Intensity::ALL),
        select(Heat::ALL),
        any::<bool>(),
        (w.note)(),
    )
        .prop_map(move |(activity, secs, intensity, heat, new, note)| {
            Body::Workout(Workout {
                activity,
                end: secs.map(|s| at + Duration::seconds(s)),
                intensity,
                heat,
                new,
                note,
            })
        })
}

fn plan(w: Words) -> impl Strategy<Value = Body> {
    (
        (w.name)(),
        5u32..=720,
        select(Intensity::ALL),
        select(Heat::ALL),
        (w.note)(),
    )
        .prop_map(|(activity, minutes, intensity, heat, note)| {
            Body::Plan(Plan {
                activity,
                minutes,
                intensity,
                heat,
                note,
            })
        })
}

fn cramp(w: Words) -> impl Strategy<Value = Body> {
    (
        (
            select(Muscle::ALL),
            prop::option::of(select(Side::ALL)),
            prop::option::of(1u8..=10),
            prop::option::of(1u32..=4 * 3600),
            prop::option::of(select(CrampContext::ALL)),
        ),
        any::<[bool; 4]>(),
        prop::collection::vec(select(Relief::ALL), 0..4),
        (w.note)(),
        prop::option::of((w.name)()),
    )
        .prop_map(
            |((muscle, side, severity, duration_s, context), s, relief, note, muscle_name)| {
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
                    muscle_name,
                })
            },
        )
}

fn weight() -> impl Strategy<Value = Body> {
    (
        // Hundredths of a kg: as precise as any scale, and exact in JSON.
        2000u32..=40_000,
        prop::option::of(select(WeighWhen::ALL)),
        prop::option::of(0u32..=2000),
    )
        .prop_map(|(centi, when, urine_ml)| {
            Body::Weight(Weight {
                kg: centi as f64 / 100.0,
                when,
                urine_ml,
            })
        })
}

fn medication(w: Words) -> impl Strategy<Value = Body> {
    (
        select(MedAction::ALL),
        (w.name)(),
        prop::option::of(select(MedClass::ALL)),
        prop::option::of((w.name)()),
        (w.note)(),
    )
        .prop_map(|(action, name, class, dose, note)| {
            Body::Medication(Medication {
                action,
                name,
                class,
                dose,
                note,
            })
        })
}

/// An entry of any kind, at `at`.
pub fn body(at: Time) -> impl Strategy<Value = Body> {
    body_with(at, JOURNAL)
}

/// An entry of any kind, at `at`, its text from `w`.
pub fn body_with(at: Time, w: Words) -> impl Strategy<Value = Body> {
    prop_oneof![
        drink(w),
        workout(at, w),
        plan(w),
        cramp(w),
        weight(),
        medication(w)
    ]
}

/// An id: a ULID, or any short run of printable ASCII.
pub fn id() -> impl Strategy<Value = String> {
    prop_oneof!["[0-9A-HJKMNP-TV-Z]{26}", "[!-~]{1,20}",]
}

/// Fields a later version might add: kept as they were.
pub fn extra() -> impl Strategy<Value = serde_json::Map<String, serde_json::Value>> {
    let value = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        text(20).prop_map(serde_json::Value::from),
        Just(serde_json::json!({"x": [1, 2, {"y": "z"}]})),
    ];
    prop::collection::btree_map("[a-z_]{1,8}", value, 0..3).prop_map(|m| {
        m.into_iter()
            .filter(|(k, _)| {
                !["v", "id", "op", "at", "logged", "target", "entry"].contains(&k.as_str())
            })
            .collect()
    })
}

/// An event of any op: adds and amends carry an entry, every other op a
/// target; an add may also name one, and a delete or undo hold no entry.
pub fn event() -> impl Strategy<Value = Event> {
    (
        time(),
        time(),
        select(&[Op::Add, Op::Amend, Op::Delete, Op::Undo, Op::Redo][..]),
        id(),
        prop::option::of(id()),
        extra(),
    )
        .prop_flat_map(|(at, logged, op, id, target, extra)| {
            let target = match op {
                Op::Add => None,
                _ => Some(target.unwrap_or_else(|| "01TARGET".into())),
            };
            let entry = match op {
                Op::Add | Op::Amend => body(at).prop_map(Some).boxed(),
                _ => Just(None).boxed(),
            };
            (entry, Just((at, logged, op, id, target, extra)))
        })
        .prop_map(|(entry, (at, logged, op, id, target, extra))| Event {
            v: SCHEMA_VERSION,
            id,
            op,
            at,
            logged,
            target,
            entry,
            extra,
        })
}
