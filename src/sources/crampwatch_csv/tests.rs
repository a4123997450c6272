use super::*;
use crate::domain::entry::{
    Body, Cramp, CrampContext, Drink, DrinkKind, Heat, Intensity, Muscle, Plan, Relief, Side,
    Symptoms, Time, WeighWhen, Weight, Workout,
};
use crate::domain::history::Entry;
use chrono::DateTime;
use chrono_tz::America::New_York;

fn t(s: &str) -> Time {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn entry(id: &str, at: &str, body: Body) -> Entry {
    Entry {
        id: id.into(),
        at: t(at),
        logged: t("2026-11-28T15:00:00-05:00"),
        amended: None,
        body,
    }
}

/// One entry of every type, with the awkward cells a spreadsheet meets.
fn every_type() -> Vec<Entry> {
    vec![
        entry(
            "01KB0000000000000000000001",
            "2026-11-27T07:00:00-05:00",
            Body::Drink(Drink {
                ml: 296,
                kind: DrinkKind::Electrolyte,
                sodium_mg: Some(300),
                note: Some("with \"salt\", lemon\nsecond line".into()),
            }),
        ),
        entry(
            "01KB0000000000000000000002",
            "2026-11-27T18:00:00-05:00",
            Body::Workout(Workout {
                activity: "trail run".into(),
                end: Some(t("2026-11-27T19:30:00-05:00")),
                intensity: Intensity::Hard,
                heat: Heat::Hot,
                new: true,
                note: None,
            }),
        ),
        entry(
            "01KB0000000000000000000003",
            "2026-11-29T18:00:00-05:00",
            Body::Plan(Plan {
                activity: "swim".into(),
                minutes: 45,
                intensity: Intensity::Easy,
                heat: Heat::Cool,
                note: Some("  pool ".into()),
            }),
        ),
        entry(
            "01KB0000000000000000000004",
            "2026-11-28T02:10:00+01:00",
            Body::Cramp(Cramp {
                muscle: Muscle::Calf,
                side: Some(Side::Left),
                severity: Some(7),
                duration_s: Some(150),
                context: Some(CrampContext::Night),
                symptoms: Symptoms {
                    swelling: true,
                    numbness: true,
                    ..Default::default()
                },
                relief: vec![Relief::Stretch, Relief::PickleJuice],
                note: None,
                muscle_name: None,
            }),
        ),
        entry(
            "01KB0000000000000000000005",
            "2026-11-28T09:00:00-05:00",
            Body::Weight(Weight {
                kg: 72.4567,
                when: Some(WeighWhen::Before),
                urine_ml: Some(250),
            }),
        ),
    ]
}

#[test]
fn every_type_reads_back_as_written() {
    let entries = every_type();
    let text = to_csv(&entries);
    let (rows, errors) = from_csv(&text, &New_York).unwrap();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(rows.len(), entries.len());
    for (row, e) in rows.iter().zip(&entries) {
        assert_eq!(row.id.as_deref(), Some(e.id.as_str()));
        assert_eq!(row.at, e.at);
        assert_eq!(row.at.offset(), e.at.offset(), "the offset is kept");
        assert_eq!(row.logged, Some(e.logged));
        assert_eq!(row.body, e.body);
    }
    assert_eq!(rows[0].row, 2, "the header is row 1");
    // The multi-line note takes two lines but is one row.
    assert_eq!(rows[1].row, 3);
}

#[test]
fn a_hand_made_sheet_may_leave_out_columns_and_ids() {
    let text = "type,at,ml,muscle,severity,note\n\
                drink,2026-11-27 09:00,500,,,\n\
                cramp,2026-11-28 02:30,,CALF,6,woke me\n\
                ,,,,,\n";
    let (rows, errors) = from_csv(text, &New_York).unwrap();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(rows.len(), 2, "the blank row is skipped");
    assert_eq!(rows[0].id, None);
    assert_eq!(rows[0].logged, None);
    assert_eq!(rows[0].at, t("2026-11-27T09:00:00-05:00"));
    match &rows[1].body {
        Body::Cramp(c) => {
            assert_eq!(c.muscle, Muscle::Calf);
            assert_eq!(c.severity, Some(6));
            assert_eq!(c.note.as_deref(), Some("woke me"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn bad_rows_are_named_by_row_number_with_every_problem() {
    let text = "type,at,ml,muscle,severity,end,activity\n\
                drink,2026-11-27 09:00,500,,,,\n\
                cramp,2026-11-28 02:30,,calf,11,,\n\
                drink,yesterday,-3,,,,\n\
                soup,2026-11-27 09:00,,,,,\n\
                workout,2026-11-27 09:00,,,,2026-11-27 08:00,run\n\
                drink,2026-11-27 09:00,250,calf,,,\n\
                cramp,2026-03-08 02:30,,calf,,,\n";
    let (rows, errors) = from_csv(text, &New_York).unwrap();
    assert_eq!(rows.len(), 1);
    let by_row: Vec<(usize, &str)> = errors.iter().map(|e| (e.row, e.message.as_str())).collect();
    assert_eq!(by_row.len(), 6, "{by_row:#?}");
    assert_eq!(by_row[0].0, 3);
    assert!(by_row[0].1.contains("severity '11'"), "{}", by_row[0].1);
    assert_eq!(by_row[1].0, 4);
    assert!(by_row[1].1.contains("at 'yesterday'"), "{}", by_row[1].1);
    assert!(
        by_row[1].1.contains("ml '-3'"),
        "both problems: {}",
        by_row[1].1
    );
    assert_eq!(by_row[2].0, 5);
    assert!(by_row[2].1.contains("'soup' is not one of drink, workout"));
    assert_eq!(by_row[3].0, 6);
    assert!(by_row[3].1.contains("end must be after at"));
    assert_eq!(by_row[4].0, 7);
    assert!(by_row[4].1.contains("muscle does not apply to a drink"));
    assert_eq!(by_row[5].0, 8);
    assert!(by_row[5].1.contains("clocks changed"), "{}", by_row[5].1);
    assert_eq!(
        errors[0].to_string(),
        format!("row 3: {}", errors[0].message)
    );
}

#[test]
fn a_header_that_is_not_the_format_is_refused_whole() {
    let err = from_csv("date,amount\n2026-11-27,500\n", &New_York).unwrap_err();
    assert!(err.contains("'date' is not a column"), "{err}");
    assert!(err.contains("id,type,at,logged"), "{err}");
    let err = from_csv("type,ml\ndrink,500\n", &New_York).unwrap_err();
    assert!(err.contains("no 'at' column"), "{err}");
    let err = from_csv("type,at,at\n", &New_York).unwrap_err();
    assert!(err.contains("twice"), "{err}");
}
