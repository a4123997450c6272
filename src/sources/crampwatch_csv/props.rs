//! Property: every entry kind survives the CSV round trip through the one
//! table of columns: written by [`to_csv`], read by [`from_csv`], the same
//! ids, times (offsets included), logged times and bodies, whatever the
//! notes hold (commas, quotes, line breaks, formula starts, any script).

use super::{from_csv, to_csv};
use crate::domain::entry::{
    Body, Cramp, CrampContext, Drink, DrinkKind, Heat, Intensity, MedAction, MedClass, Medication,
    Muscle, Plan, Relief, Side, Symptoms, Time, WeighWhen, Weight, Workout,
};
use crate::domain::history::Entry;
use chrono::{FixedOffset, TimeZone};
use proptest::prelude::*;
use proptest::sample::select;

/// Free text as a cell: what a spreadsheet finds awkward, and a formula's
/// first character. A cell of blanks reads as empty, so text has a letter.
fn text(max: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just(",".to_string()),
        Just("\"".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("'".to_string()),
        select(&["=", "+", "-", "@", "\t"][..]).prop_map(str::to_string),
        Just("=HYPERLINK(\"http://x\",\"y\")".to_string()),
        "[a-zé😀日本 ]{1,6}",
        "(?s).{1,4}",
    ];
    (prop::collection::vec(piece, 0..5), "[a-zé]")
        .prop_map(move |(pieces, letter)| {
            let s: String = pieces.concat();
            let s: String = s.chars().take(max.saturating_sub(1)).collect();
            format!("{s}{letter}")
        })
        .prop_filter("a cell of blanks reads as empty", |s| !s.trim().is_empty())
}

fn note() -> impl Strategy<Value = Option<String>> {
    prop::option::of(text(40))
}

/// A name as the reader keeps it: trimmed, no control characters.
fn name(max: usize) -> impl Strategy<Value = String> {
    text(max).prop_map(move |s| {
        let s: String = s.chars().filter(|c| !c.is_control()).take(max).collect();
        let s = s.trim().to_string();
        if s.is_empty() { "x".into() } else { s }
    })
}

fn time() -> impl Strategy<Value = Time> {
    (0i64..3_000_000_000, -48i32..=56).prop_map(|(s, q)| {
        let tz = FixedOffset::east_opt(q * 15 * 60).unwrap();
        tz.timestamp_opt(s, 0).unwrap()
    })
}

fn drink() -> impl Strategy<Value = Body> {
    (
        1u32..=2000,
        select(DrinkKind::ALL),
        prop::option::of(0u32..=10_000),
        note(),
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

fn workout() -> impl Strategy<Value = Body> {
    (
        name(40),
        prop::option::of(1i64..=86_400),
        select(Intensity::ALL),
        select(Heat::ALL),
        any::<bool>(),
        note(),
    )
        .prop_map(|(activity, end_s, intensity, heat, new, note)| {
            // The end, in seconds after the start: set once `at` is known.
            Body::Workout(Workout {
                activity,
                end: end_s.map(|s| Time::default() + chrono::Duration::seconds(s)),
                intensity,
                heat,
                new,
                note,
            })
        })
}

fn plan() -> impl Strategy<Value = Body> {
    (
        name(40),
        5u32..=720,
        select(Intensity::ALL),
        select(Heat::ALL),
        note(),
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

fn cramp() -> impl Strategy<Value = Body> {
    (
        (
            select(Muscle::ALL),
            prop::option::of(select(Side::ALL)),
            prop::option::of(1u8..=10),
            prop::option::of(1u32..=14_400),
            prop::option::of(select(CrampContext::ALL)),
        ),
        any::<[bool; 4]>(),
        prop::collection::vec(select(Relief::ALL), 0..4),
        note(),
        prop::option::of(name(40)),
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
        20.0f64..=400.0,
        prop::option::of(select(WeighWhen::ALL)),
        prop::option::of(0u32..=2000),
    )
        .prop_map(|(kg, when, urine_ml)| Body::Weight(Weight { kg, when, urine_ml }))
}

fn medication() -> impl Strategy<Value = Body> {
    (
        select(MedAction::ALL),
        name(60),
        prop::option::of(select(MedClass::ALL)),
        prop::option::of(name(40)),
        note(),
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

fn entry() -> impl Strategy<Value = Entry> {
    let body = prop_oneof![drink(), workout(), plan(), cramp(), weight(), medication()];
    ("[0-9A-Z]{26}", time(), time(), body).prop_map(|(id, at, logged, mut body)| {
        if let Body::Workout(w) = &mut body
            && let Some(end) = w.end
        {
            let secs = (end - Time::default()).num_seconds();
            w.end = Some(at + chrono::Duration::seconds(secs));
        }
        Entry {
            id,
            at,
            logged,
            amended: None,
            body,
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn every_kind_survives_export_then_import(
        entries in prop::collection::vec(entry(), 1..8)
    ) {
        let text = to_csv(&entries);
        let (rows, errors) = from_csv(&text, &chrono::Utc).unwrap();
        prop_assert!(errors.is_empty(), "{errors:?}\n{text}");
        prop_assert_eq!(rows.len(), entries.len());
        for (row, e) in rows.iter().zip(&entries) {
            prop_assert_eq!(row.id.as_deref(), Some(e.id.as_str()));
            prop_assert_eq!(row.at, e.at);
            prop_assert_eq!(row.at.offset(), e.at.offset());
            prop_assert_eq!(row.logged, Some(e.logged));
            prop_assert_eq!(&row.body, &e.body);
        }
    }
}
