//! Property: every entry kind survives the CSV round trip through the one
//! table of columns: written by [`to_csv`], read by [`from_csv`], the same
//! ids, times (offsets included), logged times and bodies, whatever the
//! notes hold (commas, quotes, line breaks, formula starts, any script).
//! A control character a terminal would act on is the exception: it is
//! written as `\u{FFFD}` and never reaches the file (the last property).

use super::{from_csv, to_csv};
use crate::domain::entry::Time;
use crate::domain::entry::{Body, Drink, Workout};
use crate::domain::history::Entry;
use crate::store::arbitrary::{Words, body_with};
use crate::term_safe::is_unsafe_in_data;
use chrono::{FixedOffset, TimeZone};
use proptest::prelude::*;
use proptest::sample::select;

/// Free text as a cell: what a spreadsheet finds awkward, and a formula's
/// first character. A cell of blanks reads as empty, so text has a letter.
/// Characters the sanitiser replaces are left out (see the last property).
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
            let kept = |c: &char| !is_unsafe_in_data(*c) || matches!(c, '\t' | '\n' | '\r');
            let s: String = s.chars().filter(kept).take(max.saturating_sub(1)).collect();
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

fn csv_note() -> BoxedStrategy<Option<String>> {
    note().boxed()
}

fn csv_name() -> BoxedStrategy<String> {
    name(40).boxed()
}

/// The journal's random bodies (one generator for every kind's numbers and
/// words), with text as a CSV cell reads it back.
const CSV: Words = Words {
    note: csv_note,
    name: csv_name,
};

fn entry() -> impl Strategy<Value = Entry> {
    ("[0-9A-Z]{26}", time(), time()).prop_flat_map(|(id, at, logged)| {
        body_with(at, CSV).prop_map(move |body| Entry {
            id: id.clone(),
            at,
            logged,
            amended: None,
            body,
        })
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    /// Whatever a note or an activity holds (escapes, BEL, C1, bidi
    /// controls), the CSV holds none of it but tabs and line breaks inside
    /// quoted cells (and the joiners text needs), and the note reads back
    /// with only those replaced.
    #[test]
    fn no_escape_reaches_the_csv(note in "(?s).{0,30}", activity in "(?s).{1,12}", at in time()) {
        let entry = |id: &str, body| Entry { id: id.into(), at, logged: at, amended: None, body };
        let drink = Drink { ml: 250, kind: Default::default(), sodium_mg: None, note: Some(note.clone()) };
        let workout = Workout {
            activity,
            end: None,
            intensity: Default::default(),
            heat: Default::default(),
            new: false,
            note: None,
        };
        let text = to_csv(&[
            entry("01KB0000000000000000000001", Body::Drink(drink)),
            entry("01KB0000000000000000000002", Body::Workout(workout)),
        ]);
        let bad: Vec<char> = text
            .chars()
            .filter(|&c| is_unsafe_in_data(c) && !matches!(c, '\t' | '\n' | '\r'))
            .collect();
        prop_assert!(bad.is_empty(), "{bad:?} in {text:?}");
        let (rows, _) = from_csv(&text, &chrono::Utc).unwrap();
        let safe = crate::term_safe::cell(&note);
        if !safe.trim().is_empty() {
            prop_assert_eq!(rows[0].body.note(), Some(&*safe));
        }
    }
}
