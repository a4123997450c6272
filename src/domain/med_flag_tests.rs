//! The medication flag from logged dates, against hand-counted histories.

use crate::domain::entry::{Body, DrinkKind, MedAction, MedClass, Medication};
use crate::domain::patterns::tests::B;
use crate::domain::patterns::{Flag, flags};
use crate::domain::prefs::Prefs;
use crate::domain::rules::Rules;
use chrono::{DateTime, TimeZone};
use chrono_tz::America::New_York;
use chrono_tz::Tz;

/// Saturday 28 November 2026, noon in New York.
fn now() -> DateTime<Tz> {
    New_York.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap()
}

fn med(b: B, id: &str, at: &str, action: MedAction, class: MedClass) -> B {
    b.add(
        id,
        at,
        Body::Medication(Medication {
            action,
            name: "furosemide".into(),
            class: Some(class),
            dose: Some("20 mg".into()),
            note: None,
        }),
    )
}

/// A journal that reaches back to August, so "none before" means something.
fn since_august() -> B {
    B::default().drink("D0", "2026-08-01T09:00:00-04:00", 300, DrinkKind::Water)
}

fn medication_flag(b: &B) -> Option<Flag> {
    let p = Prefs {
        goal_ml: 2000,
        ..Prefs::default()
    };
    flags(&now(), &b.h(), &Rules::embedded().unwrap(), &p)
        .into_iter()
        .find(|f| f.id == "medication")
}

fn ids(f: &Flag) -> Vec<&str> {
    f.evidence.iter().map(|e| e.entry_id.as_str()).collect()
}

#[test]
fn cramps_that_began_after_a_start_are_flagged_with_the_start_as_evidence() {
    let b = med(
        since_august(),
        "M1",
        "2026-11-10T08:00:00-05:00",
        MedAction::Start,
        MedClass::Diuretic,
    );
    let b = b.cramp("C1", "2026-11-20T03:00:00-05:00", |_| {});
    let f = medication_flag(&b).expect("a medication flag");
    assert_eq!(f.title, "Cramps began after starting furosemide");
    assert_eq!(ids(&f), ["M1", "C1"]);
    assert!(
        f.evidence[0].summary.contains("Tue 10 Nov 2026"),
        "{:?}",
        f.evidence
    );
    // 56 days before the start: none; 10 Nov 08:00 to 28 Nov noon: 18 whole days.
    assert!(
        f.why
            .contains("0 cramps in the 56 days before it; 1 cramp in the 18 days after"),
        "{}",
        f.why
    );
    assert!(f.why.contains("do not stop a medicine on your own"));
}

#[test]
fn cramps_that_came_more_often_after_a_start_are_flagged_and_a_small_rise_is_not() {
    // Before: 2 cramps in 56 days (0.036 a day). After: 2 in 18 days (0.11 a day),
    // over 1.5 times the rate before.
    let base = since_august()
        .cramp("B1", "2026-10-01T03:00:00-04:00", |_| {})
        .cramp("B2", "2026-10-20T03:00:00-04:00", |_| {});
    let b = med(
        base,
        "M1",
        "2026-11-10T08:00:00-05:00",
        MedAction::Start,
        MedClass::Other,
    )
    .cramp("C1", "2026-11-15T03:00:00-05:00", |_| {})
    .cramp("C2", "2026-11-25T03:00:00-05:00", |_| {});
    let f = medication_flag(&b).expect("a medication flag");
    assert_eq!(f.title, "Cramps came more often after starting furosemide");
    assert_eq!(ids(&f), ["M1", "C1", "C2"]);

    // Six before (0.107 a day) and two after (0.111 a day): not 1.5 times.
    let mut base = since_august();
    for (i, day) in [20, 25, 30].iter().enumerate() {
        base = base.cramp(
            &format!("S{i}"),
            &format!("2026-09-{day:02}T03:00:00-04:00"),
            |_| {},
        );
    }
    for (i, day) in [5, 15, 25].iter().enumerate() {
        base = base.cramp(
            &format!("O{i}"),
            &format!("2026-10-{day:02}T03:00:00-04:00"),
            |_| {},
        );
    }
    let b = med(
        base,
        "M1",
        "2026-11-10T08:00:00-05:00",
        MedAction::Start,
        MedClass::Other,
    )
    .cramp("C1", "2026-11-15T03:00:00-05:00", |_| {})
    .cramp("C2", "2026-11-25T03:00:00-05:00", |_| {});
    assert!(
        medication_flag(&b).is_none(),
        "a medicine of class other, no rise"
    );
}

#[test]
fn a_journal_too_short_to_compare_falls_back_to_the_class_of_what_was_taken() {
    // A medicine logged as started long ago does not make the log reach back.
    let b = med(
        B::default(),
        "M0",
        "2026-01-10T08:00:00-05:00",
        MedAction::Start,
        MedClass::Other,
    );
    let b = med(
        b,
        "M1",
        "2026-11-10T08:00:00-05:00",
        MedAction::Start,
        MedClass::Diuretic,
    )
    .cramp("C1", "2026-11-20T03:00:00-05:00", |_| {});
    let f = medication_flag(&b).expect("the fallback flag");
    assert_eq!(f.title, "Cramps while taking a diuretic or statin");
    assert!(
        f.why.contains("a diuretic taken then (furosemide)"),
        "{}",
        f.why
    );
}

#[test]
fn cramps_after_the_stop_do_not_count() {
    let b = med(
        since_august(),
        "M1",
        "2026-11-01T08:00:00-05:00",
        MedAction::Start,
        MedClass::Diuretic,
    );
    let b = med(
        b,
        "M2",
        "2026-11-05T08:00:00-05:00",
        MedAction::Stop,
        MedClass::Diuretic,
    )
    .cramp("C1", "2026-11-20T03:00:00-05:00", |_| {});
    assert!(medication_flag(&b).is_none());
}
