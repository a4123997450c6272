//! The journal's bytes, pinned: lines written by crampwatch before the event
//! format was reduced to serde derives (taken from journals the binary
//! wrote), which must read and write back byte for byte.

use super::entry::*;
use super::history::{Event, Op};

/// One event of every kind and op, as the binary wrote them (with a local
/// offset, in UTC, an escaped note, every optional field and none).
const LINES: &[&str] = &[
    r#"{"v":1,"id":"01M8HT5HP0GRTCHZ1A125D7KTV","op":"add","at":"2026-11-28T14:30:00-05:00","logged":"2026-11-28T14:30:00-05:00","entry":{"type":"drink","ml":296,"kind":"water"}}"#,
    r#"{"v":1,"id":"01M8HT5HP0GRTSZG5VZZY3MC16","op":"add","at":"2026-11-28T14:30:00-05:00","logged":"2026-11-28T14:30:00-05:00","entry":{"type":"drink","ml":500,"kind":"electrolyte","sodium_mg":300,"note":"with \"salt\" ü"}}"#,
    r#"{"v":1,"id":"01M8HT5HP0GRV5HZGXXYYTGM6C","op":"add","at":"2026-11-28T07:00:00-05:00","logged":"2026-11-28T14:30:00-05:00","entry":{"type":"workout","activity":"ride","end":"2026-11-28T08:30:00-05:00","intensity":"hard","heat":"hot","new":true,"note":"hills"}}"#,
    r#"{"v":1,"id":"01M8HT5HP0YV4VE2K97ZEGPGK2","op":"add","at":"2026-11-28T19:30:00Z","logged":"2026-11-28T19:30:00Z","entry":{"type":"workout","activity":"run","intensity":"moderate","heat":"mild"}}"#,
    r#"{"v":1,"id":"01M8HT5HP0GRVF10KBRC77HWRW","op":"add","at":"2026-11-28T23:00:00-05:00","logged":"2026-11-28T14:30:00-05:00","entry":{"type":"plan","activity":"run","minutes":90,"intensity":"easy","heat":"cool","note":"easy"}}"#,
    r#"{"v":1,"id":"01M8HT5HP0MT27919ZFE5X3H92","op":"add","at":"2026-11-28T14:30:00-05:00","logged":"2026-11-28T14:30:00-05:00","entry":{"type":"cramp","muscle":"other","side":"both","severity":7,"duration_s":90,"context":"after","symptoms":{"swelling":true,"redness":true,"weakness":true,"numbness":true},"relief":["stretch","pickle-juice"],"note":"ouch"}}"#,
    r#"{"v":1,"id":"01M8HXKDA0HJM7P22KX052C2XY","op":"add","at":"2026-11-28T20:30:00Z","logged":"2026-11-28T20:30:00Z","entry":{"type":"cramp","muscle":"calf","context":"during","symptoms":{}}}"#,
    r#"{"v":1,"id":"01M8HT5HP0MT2P1BSPEK13C7KA","op":"add","at":"2026-11-28T14:30:00-05:00","logged":"2026-11-28T14:30:00-05:00","entry":{"type":"weight","kg":72.4,"when":"before","urine_ml":300}}"#,
    r#"{"v":1,"id":"01M8HXKDA0HJMHA0A668KBT0TK","op":"add","at":"2026-11-28T20:30:00Z","logged":"2026-11-28T20:30:00Z","entry":{"type":"weight","kg":72.57}}"#,
    r#"{"v":1,"id":"01M8HT5HP0NYXR5BN8SPMQ7VGR","op":"add","at":"2026-11-28T14:30:00-05:00","logged":"2026-11-28T14:30:00-05:00","entry":{"type":"medication","action":"start","name":"furosemide","class":"diuretic","dose":"20 mg daily","note":"Dr B"}}"#,
    r#"{"v":1,"id":"01M8MG04A05DF857XR1SBBTZSN","op":"add","at":"2026-11-29T20:30:00Z","logged":"2026-11-29T20:30:00Z","entry":{"type":"medication","action":"stop","name":"furosemide","class":"diuretic"}}"#,
    r#"{"v":1,"id":"01M8HXKDA0HJM4KYD5Y3QV5ZTB","op":"amend","at":"2026-11-28T19:30:00Z","logged":"2026-11-28T20:30:00Z","target":"01M8HT5HP0YV4VE2K97ZEGPGK2","entry":{"type":"workout","activity":"run","end":"2026-11-28T20:30:00Z","intensity":"moderate","heat":"mild"}}"#,
    r#"{"v":1,"id":"01M8HT5HP0NYY36KN2JC4EMZFW","op":"delete","at":"2026-11-28T23:00:00-05:00","logged":"2026-11-28T14:30:00-05:00","target":"01M8HT5HP0GRVF10KBRC77HWRW"}"#,
    r#"{"v":1,"id":"01M8HT5HP0NYYHMWGZNK72V5K0","op":"undo","at":"2026-11-28T14:30:00-05:00","logged":"2026-11-28T14:30:00-05:00","target":"01M8HT5HP0NYY36KN2JC4EMZFW"}"#,
    r#"{"v":1,"id":"01M8HT5HP0NYYTD4XQ8KCW67QF","op":"redo","at":"2026-11-28T14:30:00-05:00","logged":"2026-11-28T14:30:00-05:00","target":"01M8HT5HP0NYY36KN2JC4EMZFW"}"#,
    r#"{"v":1,"id":"01M8Y0Q6FR1XK5VXN7GKG47R6F","op":"add","at":"2026-12-03T08:15:23-05:00","logged":"2026-12-03T08:15:23-05:00","entry":{"type":"drink","ml":300,"kind":"water"}}"#,
    // Written by the TUI's cramp form (a named muscle), and a line from a
    // newer device with fields this version does not know: kept, in order.
    r#"{"v":1,"id":"01M8HT5HP0MT27919ZFE5X3H93","op":"add","at":"2026-11-28T14:30:00-05:00","logged":"2026-11-28T14:30:00-05:00","entry":{"type":"cramp","muscle":"other","symptoms":{"numbness":true},"muscle_name":"forearm"}}"#,
    r#"{"v":1,"id":"01M8HT5HP0MT27919ZFE5X3H94","op":"add","at":"2026-11-28T14:30:00.250-05:00","logged":"2026-11-28T14:30:00-05:00","entry":{"type":"drink","ml":250,"kind":"sports"},"device":"watch","zz":[1,{"a":null}]}"#,
];

#[test]
fn every_kind_of_line_reads_and_writes_back_byte_for_byte() {
    for line in LINES {
        let e: Event = serde_json::from_str(line).unwrap_or_else(|err| panic!("{err}: {line}"));
        assert_eq!(e.check(), Ok(()), "{line}");
        assert_eq!(&serde_json::to_string(&e).unwrap(), line);
    }
}

fn t(s: &str) -> Time {
    Time::parse_from_rfc3339(s).unwrap()
}

fn add(id: &str, body: Body) -> Event {
    Event {
        v: 1,
        id: id.into(),
        op: Op::Add,
        at: t("2026-11-28T14:30:00-05:00"),
        logged: t("2026-11-28T14:30:00-05:00"),
        target: None,
        entry: Some(body),
        extra: Default::default(),
    }
}

#[test]
fn entries_built_in_code_write_the_pinned_lines() {
    let cramp = Body::Cramp(Cramp {
        muscle: Muscle::Other,
        side: Some(Side::Both),
        severity: Some(7),
        duration_s: Some(90),
        context: Some(CrampContext::After),
        symptoms: Symptoms {
            swelling: true,
            redness: true,
            weakness: true,
            numbness: true,
        },
        relief: vec![Relief::Stretch, Relief::PickleJuice],
        note: Some("ouch".into()),
        muscle_name: None,
    });
    let weight = Body::Weight(Weight {
        kg: 72.4,
        when: Some(WeighWhen::Before),
        urine_ml: Some(300),
    });
    let med = Body::Medication(Medication {
        action: MedAction::Start,
        name: "furosemide".into(),
        class: Some(MedClass::Diuretic),
        dose: Some("20 mg daily".into()),
        note: Some("Dr B".into()),
    });
    let drink = Body::Drink(Drink {
        ml: 500,
        kind: DrinkKind::Electrolyte,
        sodium_mg: Some(300),
        note: Some("with \"salt\" ü".into()),
    });
    for (id, body, line) in [
        ("01M8HT5HP0MT27919ZFE5X3H92", cramp, LINES[5]),
        ("01M8HT5HP0MT2P1BSPEK13C7KA", weight, LINES[7]),
        ("01M8HT5HP0NYXR5BN8SPMQ7VGR", med, LINES[9]),
        ("01M8HT5HP0GRTSZG5VZZY3MC16", drink, LINES[1]),
    ] {
        assert_eq!(serde_json::to_string(&add(id, body)).unwrap(), line);
    }
}

#[test]
fn bad_entries_are_refused_with_the_same_words() {
    let refuse = |entry: &str| {
        let line = format!(
            r#"{{"v":1,"id":"01M8HT5HP0GRTCHZ1A125D7KTV","op":"add","at":"2026-11-28T14:30:00-05:00","logged":"2026-11-28T14:30:00-05:00","entry":{entry}}}"#
        );
        serde_json::from_str::<Event>(&line)
            .unwrap_err()
            .to_string()
    };
    assert!(refuse(r#"{"type":"weight","kg":0}"#).starts_with("a weight of 0 kg"));
    assert!(refuse(r#"{"type":"weight","kg":-3.5}"#).starts_with("a weight of -3.5 kg"));
    assert!(refuse(r#"{"type":"soup","ml":3}"#).contains("soup"));
    assert!(refuse(r#"{"type":"drink","ml":"a lot"}"#).contains("a lot"));
    assert!(refuse(r#"{"type":"drink","kind":"water"}"#).contains("`ml`"));
}

mod props {
    use super::*;
    use proptest::prelude::*;
    use proptest::sample::select;

    fn word<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
        select(all)
    }

    fn note() -> impl Strategy<Value = Option<String>> {
        proptest::option::of("[a-zA-Z0-9 \"\\\\ü,.:{}]{0,12}")
    }

    fn time() -> impl Strategy<Value = Time> {
        // 2001-2040, any quarter-hour offset, sometimes with milliseconds.
        (
            978_307_200i64..2_208_988_800,
            -48i32..=56,
            prop_oneof![Just(0u32), 0u32..1000],
        )
            .prop_map(|(secs, q, ms)| {
                let off = chrono::FixedOffset::east_opt(q * 900).unwrap();
                chrono::DateTime::from_timestamp(secs, ms * 1_000_000)
                    .unwrap()
                    .with_timezone(&off)
            })
    }

    fn body() -> impl Strategy<Value = Body> {
        prop_oneof![
            (
                1u32..3000,
                word(DrinkKind::ALL),
                proptest::option::of(0u32..5000),
                note()
            )
                .prop_map(|(ml, kind, sodium_mg, note)| Body::Drink(Drink {
                    ml,
                    kind,
                    sodium_mg,
                    note
                })),
            (
                "[a-z]{1,8}",
                proptest::option::of(time()),
                word(Intensity::ALL),
                word(Heat::ALL),
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
                1u32..600,
                word(Intensity::ALL),
                word(Heat::ALL),
                note()
            )
                .prop_map(|(activity, minutes, intensity, heat, note)| {
                    Body::Plan(Plan {
                        activity,
                        minutes,
                        intensity,
                        heat,
                        note,
                    })
                }),
            (
                (word(Muscle::ALL), proptest::option::of(word(Side::ALL))),
                (
                    proptest::option::of(1u8..=10),
                    proptest::option::of(1u32..3600)
                ),
                proptest::option::of(word(CrampContext::ALL)),
                any::<[bool; 4]>(),
                proptest::collection::vec(word(Relief::ALL), 0..3),
                note(),
                proptest::option::of("[a-z]{1,8}"),
            )
                .prop_map(
                    |(
                        (muscle, side),
                        (severity, duration_s),
                        context,
                        s,
                        relief,
                        note,
                        muscle_name,
                    )| {
                        let [swelling, redness, weakness, numbness] = s;
                        let symptoms = Symptoms {
                            swelling,
                            redness,
                            weakness,
                            numbness,
                        };
                        Body::Cramp(Cramp {
                            muscle,
                            side,
                            severity,
                            duration_s,
                            context,
                            symptoms,
                            relief,
                            note,
                            muscle_name,
                        })
                    }
                ),
            (
                2000u32..30000,
                proptest::option::of(word(WeighWhen::ALL)),
                proptest::option::of(0u32..2000)
            )
                .prop_map(|(g, when, urine_ml)| {
                    Body::Weight(Weight {
                        kg: g as f64 / 100.0,
                        when,
                        urine_ml,
                    })
                }),
            (
                word(MedAction::ALL),
                "[a-z]{1,10}",
                proptest::option::of(word(MedClass::ALL)),
                proptest::option::of("[a-z0-9 ]{1,10}"),
                note()
            )
                .prop_map(|(action, name, class, dose, note)| {
                    Body::Medication(Medication {
                        action,
                        name,
                        class,
                        dose,
                        note,
                    })
                }),
        ]
    }

    fn event() -> impl Strategy<Value = Event> {
        let id = "[0-9A-HJKMNP-TV-Z]{26}";
        (id, 0usize..5, time(), time(), id, body()).prop_map(
            |(id, op, at, logged, target, body)| {
                let op = [Op::Add, Op::Amend, Op::Delete, Op::Undo, Op::Redo][op];
                Event {
                    v: 1,
                    id,
                    op,
                    at,
                    logged,
                    target: (op != Op::Add).then_some(target),
                    entry: matches!(op, Op::Add | Op::Amend).then_some(body),
                    extra: Default::default(),
                }
            },
        )
    }

    proptest! {
        /// Every entry kind, with any mix of its fields, survives a journal
        /// line: the derives read back what they wrote, byte for byte.
        #[test]
        fn every_event_survives_a_json_line(e in event()) {
            let line = serde_json::to_string(&e).unwrap();
            prop_assert!(!line.contains('\n'));
            let back: Event = serde_json::from_str(&line).unwrap();
            prop_assert_eq!(&back, &e);
            prop_assert_eq!(serde_json::to_string(&back).unwrap(), line);
        }
    }
}
