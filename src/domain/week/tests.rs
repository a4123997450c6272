use super::period::dated_window;
use super::*;
use crate::domain::entry::{Cramp, Drink, DrinkKind, Heat, Intensity, Workout};
use crate::domain::history::{Event, Op, SCHEMA_VERSION};
use crate::domain::patterns::{Evidence, Flag, Level};
use chrono_tz::America::New_York;
use chrono_tz::Tz;

fn t(s: &str) -> Time {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn ny(s: &str) -> DateTime<Tz> {
    t(s).with_timezone(&New_York)
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn ev(id: &str, op: Op, at: &str, target: Option<&str>, entry: Option<Body>) -> Event {
    Event {
        v: SCHEMA_VERSION,
        id: id.into(),
        op,
        at: t(at),
        logged: t(at),
        target: target.map(Into::into),
        entry,
        extra: Default::default(),
    }
}

fn add(id: &str, at: &str, body: Body) -> Event {
    ev(id, Op::Add, at, None, Some(body))
}

fn drink(ml: u32) -> Body {
    Body::Drink(Drink {
        ml,
        kind: DrinkKind::Water,
        sodium_mg: None,
        note: None,
    })
}

fn workout(end: &str) -> Body {
    Body::Workout(Workout {
        activity: "run".into(),
        end: Some(t(end)),
        intensity: Intensity::Hard,
        heat: Heat::Mild,
        new: false,
        note: None,
    })
}

fn cramp(muscle: Muscle, severity: u8, secs: u32, context: CrampContext) -> Body {
    Body::Cramp(Cramp {
        muscle,
        side: None,
        severity: Some(severity),
        duration_s: Some(secs),
        context: Some(context),
        symptoms: Default::default(),
        relief: vec![],
        note: None,
        muscle_name: None,
    })
}

fn prefs() -> Prefs {
    Prefs {
        goal_ml: 2000,
        ..Prefs::default()
    }
}

fn rules() -> Rules {
    Rules::embedded().unwrap()
}

fn day<'a>(w: &'a Week, d: &str) -> &'a DayFigures {
    w.days.iter().find(|x| x.date == date(d)).unwrap()
}

/// Week of Mon 23 Nov 2026, seen on Saturday 28 Nov at 15:00 in New York.
fn november() -> History {
    History::fold(&[
        // Last week: one hamstring cramp at rest, nothing else.
        add(
            "01A0",
            "2026-11-16T20:00:00-05:00",
            cramp(Muscle::Hamstring, 3, 30, CrampContext::Rest),
        ),
        // Tuesday: a hard run, then a calf cramp 3 h later (tied).
        add(
            "01A1",
            "2026-11-24T18:00:00-05:00",
            workout("2026-11-24T19:00:00-05:00"),
        ),
        add(
            "01A2",
            "2026-11-24T22:00:00-05:00",
            cramp(Muscle::Calf, 6, 120, CrampContext::After),
        ),
        // 03:59 on Wednesday belongs to Tuesday; 04:00 to Wednesday.
        add("01A3", "2026-11-25T03:59:00-05:00", drink(500)),
        add("01A4", "2026-11-25T04:00:00-05:00", drink(300)),
        // 02:30 on Thursday, long after the run: Wednesday's night, not tied.
        add(
            "01A5",
            "2026-11-26T02:30:00-05:00",
            cramp(Muscle::Calf, 4, 60, CrampContext::Night),
        ),
        // Friday: the goal met.
        add("01A6", "2026-11-27T10:00:00-05:00", drink(2100)),
    ])
}

fn november_week(h: &History) -> Week {
    let now = ny("2026-11-28T15:00:00-05:00");
    week(&now, date("2026-11-25"), h, &rules(), &prefs(), &[])
}

#[test]
fn a_week_runs_monday_to_sunday_with_figures_per_day() {
    let h = november();
    let w = november_week(&h);
    assert_eq!(w.first, date("2026-11-23"));
    assert_eq!(w.days.len(), 7);
    assert_eq!(w.last(), date("2026-11-29"));
    assert_eq!(w.iso_label().as_deref(), Some("2026-W48"));

    let tue = day(&w, "2026-11-24");
    assert_eq!((tue.cramps, tue.cramps_untied), (1, 0));
    assert_eq!(tue.worst_severity, Some(6));
    assert_eq!(tue.cramp_secs, 120);
    assert_eq!(tue.workout_minutes, 60);
    assert_eq!(tue.intake_ml, 500, "03:59 Wednesday counts for Tuesday");
    assert_eq!(tue.goal_ml, 2000);

    let wed = day(&w, "2026-11-25");
    assert_eq!(wed.intake_ml, 300);
    assert_eq!((wed.cramps, wed.cramps_untied), (1, 1), "the 02:30 cramp");
    assert_eq!(day(&w, "2026-11-26").cramps, 0);

    assert_eq!(w.totals.cramps, 2);
    assert_eq!(w.totals.cramps_untied, 1);
    assert_eq!(w.totals.worst_severity, Some(6));
    assert_eq!(w.totals.cramp_secs, 180);
    assert_eq!(w.totals.intake_ml, 2900);
    assert_eq!(w.totals.goal_ml, 14000);
    assert_eq!(w.totals.days_goal_met, 1);
    assert_eq!(w.totals.workouts, 1);
    assert_eq!(w.muscles, vec![(Muscle::Calf, 2)]);
    assert_eq!(
        w.contexts,
        vec![("after".to_string(), 1), ("night".to_string(), 1)]
    );
    // Last cramp on Wednesday's day, seen from Saturday.
    assert_eq!(w.days_since_last_cramp, Some(3));
}

/// Read on a Thursday, this week's four days are set against Monday to
/// Thursday of last week: its Friday session and its weekend's drinks are
/// not in the comparison (they read as a steep fall in intake).
#[test]
fn a_week_under_way_is_compared_with_the_same_days_of_last_week() {
    let mut events = Vec::new();
    for (i, d) in (16..=26).enumerate() {
        let at = format!("2026-11-{d}T12:00:00-05:00");
        events.push(add(&format!("D{i:02}"), &at, drink(1000)));
    }
    events.push(add(
        "W1",
        "2026-11-17T07:00:00-05:00",
        workout("2026-11-17T08:00:00-05:00"),
    ));
    events.push(add(
        "W2",
        "2026-11-20T07:00:00-05:00",
        workout("2026-11-20T08:00:00-05:00"),
    ));
    let h = History::fold(&events);
    let now = ny("2026-11-26T15:00:00-05:00");
    let w = week(&now, date("2026-11-23"), &h, &rules(), &prefs(), &[]);
    assert_eq!(w.totals.intake_ml, 4000);
    assert_eq!(
        w.previous.intake_ml, 4000,
        "Mon 16 to Thu 19, not the weekend"
    );
    assert_eq!(w.change.intake_ml, 0);
    assert_eq!(w.previous.workouts, 1, "Tuesday's, not Friday's");
    assert_eq!(w.previous.workout_minutes, 60);
    // Once the week is over, all seven days of each are compared.
    let later = ny("2026-11-30T15:00:00-05:00");
    let w = week(&later, date("2026-11-23"), &h, &rules(), &prefs(), &[]);
    assert_eq!(w.previous.intake_ml, 7000);
    assert_eq!(w.previous.workouts, 2);
}

#[test]
fn the_change_from_last_week_is_each_figure_minus_last_weeks() {
    let h = november();
    let w = november_week(&h);
    assert_eq!(w.previous.cramps, 1);
    assert_eq!(w.previous.cramps_untied, 1);
    assert_eq!(w.previous.worst_severity, Some(3));
    assert_eq!(w.change.cramps, 1);
    assert_eq!(w.change.cramps_untied, 0);
    assert_eq!(w.change.worst_severity, Some(3));
    assert_eq!(w.change.intake_ml, 2900);
    assert_eq!(w.change.workout_minutes, 60);
    assert_eq!(w.change.days_goal_met, 1);

    // Last week itself: its cramp (Monday 16th) was 6 days before its Sunday.
    let now = ny("2026-11-28T15:00:00-05:00");
    let last = week(&now, date("2026-11-16"), &h, &rules(), &prefs(), &[]);
    assert_eq!(last.totals.cramps, 1);
    assert_eq!(last.days_since_last_cramp, Some(6));
    assert_eq!(last.change.cramps, 1);
}

#[test]
fn a_week_with_no_data_has_zeros_and_no_last_cramp() {
    let now = ny("2026-11-28T15:00:00-05:00");
    let w = week(
        &now,
        date("2026-11-23"),
        &History::default(),
        &rules(),
        &prefs(),
        &[],
    );
    assert_eq!(w.days.len(), 7);
    assert!(
        w.days
            .iter()
            .all(|d| d.cramps == 0 && d.intake_ml == 0 && d.goal_ml == 2000)
    );
    assert_eq!(
        w.totals,
        Totals {
            goal_ml: 14000,
            ..Totals::default()
        }
    );
    assert!(w.muscles.is_empty() && w.contexts.is_empty() && w.flags.is_empty());
    assert_eq!(w.days_since_last_cramp, None);
    assert_eq!(w.change, Change::default());
}

#[test]
fn a_week_across_the_autumn_dst_change() {
    // Clocks fall back at 02:00 on Sunday 1 November 2026: that day is 25 h.
    let h = History::fold(&[
        add(
            "01B1",
            "2026-10-31T19:00:00-04:00",
            workout("2026-10-31T20:00:00-04:00"),
        ),
        // The repeated hour, both times round: Saturday's night.
        add(
            "01B2",
            "2026-11-01T01:30:00-04:00",
            cramp(Muscle::Calf, 5, 60, CrampContext::Night),
        ),
        add("01B3", "2026-11-01T01:30:00-05:00", drink(250)),
        // 07:30 EST is 11.5 h on the wall clock after the run, but 12.5 h elapsed.
        add(
            "01B4",
            "2026-11-01T07:30:00-05:00",
            cramp(Muscle::Foot, 2, 30, CrampContext::Rest),
        ),
        // 03:30 on Monday 2 November belongs to Sunday, the week's last day.
        add("01B5", "2026-11-02T03:30:00-05:00", drink(400)),
        add("01B6", "2026-11-02T04:00:00-05:00", drink(999)),
    ]);
    let now = ny("2026-11-05T12:00:00-05:00");
    let w = week(&now, date("2026-10-28"), &h, &rules(), &prefs(), &[]);
    assert_eq!(w.first, date("2026-10-26"));
    let sat = day(&w, "2026-10-31");
    assert_eq!((sat.cramps, sat.cramps_untied), (1, 0), "during the window");
    assert_eq!(sat.intake_ml, 250);
    assert_eq!(sat.workout_minutes, 60);
    let sun = day(&w, "2026-11-01");
    assert_eq!((sun.cramps, sun.cramps_untied), (1, 1), "12.5 h elapsed");
    assert_eq!(sun.intake_ml, 400);
    assert_eq!(w.totals.intake_ml, 650, "Monday 04:00 is the next week");
    assert_eq!(w.muscles, vec![(Muscle::Calf, 1), (Muscle::Foot, 1)]);
}

#[test]
fn a_week_across_the_spring_dst_change() {
    // Clocks jump from 02:00 to 03:00 on Sunday 8 March 2026; day start at 2.
    let p = Prefs {
        day_start_hour: 2,
        ..prefs()
    };
    let h = History::fold(&[
        add("01C1", "2026-03-08T01:59:00-05:00", drink(100)),
        add("01C2", "2026-03-08T03:00:00-04:00", drink(200)),
        add("01C3", "2026-03-09T01:30:00-04:00", drink(300)),
    ]);
    let now = ny("2026-03-12T12:00:00-04:00");
    let w = week(&now, date("2026-03-02"), &h, &rules(), &p, &[]);
    assert_eq!(day(&w, "2026-03-07").intake_ml, 100);
    assert_eq!(day(&w, "2026-03-08").intake_ml, 500);
    assert_eq!(w.totals.intake_ml, 600);
}

#[test]
fn edits_and_deletes_are_reflected() {
    let mut events = vec![
        add(
            "01D1",
            "2026-11-24T22:00:00-05:00",
            cramp(Muscle::Calf, 6, 120, CrampContext::Rest),
        ),
        add("01D2", "2026-11-24T10:00:00-05:00", drink(500)),
        add("01D3", "2026-11-25T10:00:00-05:00", drink(700)),
    ];
    // The cramp was a hamstring, on Thursday; the Tuesday drink never happened.
    events.push(ev(
        "01D4",
        Op::Amend,
        "2026-11-26T21:00:00-05:00",
        Some("01D1"),
        Some(cramp(Muscle::Hamstring, 9, 700, CrampContext::Rest)),
    ));
    events.push(ev(
        "01D5",
        Op::Delete,
        "2026-11-26T21:00:00-05:00",
        Some("01D2"),
        None,
    ));
    let h = History::fold(&events);
    let w = november_week(&h);
    assert_eq!(day(&w, "2026-11-24").cramps, 0);
    assert_eq!(day(&w, "2026-11-24").intake_ml, 0);
    let thu = day(&w, "2026-11-26");
    assert_eq!(thu.cramps, 1);
    assert_eq!(thu.worst_severity, Some(9));
    assert_eq!(thu.cramp_secs, 700);
    assert_eq!(w.muscles, vec![(Muscle::Hamstring, 1)]);
    assert_eq!(w.totals.intake_ml, 700);

    // Undoing the delete brings the drink back.
    events.push(ev(
        "01D6",
        Op::Undo,
        "2026-11-26T21:00:00-05:00",
        Some("01D5"),
        None,
    ));
    let w = november_week(&History::fold(&events));
    assert_eq!(w.totals.intake_ml, 1200);
}

#[test]
fn tied_means_a_workout_running_or_ended_within_the_rule_hours() {
    let r = rules();
    assert_eq!(r.flags.not_tied.hours_after_workout, 12.0);
    let h = History::fold(&[add(
        "01E1",
        "2026-11-24T08:00:00-05:00",
        workout("2026-11-24T09:00:00-05:00"),
    )]);
    let tied = |at: &str| {
        let slow = tied_to_exercise(&h.entries, &t(at), &r);
        assert_eq!(
            TiedIndex::new(&h.entries, &r).tied(&t(at)),
            slow,
            "the index agrees at {at}"
        );
        slow
    };
    assert!(!tied("2026-11-24T07:59:00-05:00"), "before it started");
    assert!(tied("2026-11-24T08:30:00-05:00"), "while it ran");
    assert!(tied("2026-11-24T21:00:00-05:00"), "exactly 12 h after");
    assert!(!tied("2026-11-24T21:01:00-05:00"));

    let running = History::fold(&[add(
        "01E2",
        "2026-11-24T08:00:00-05:00",
        Body::Workout(Workout {
            activity: "ride".into(),
            end: None,
            intensity: Intensity::Easy,
            heat: Heat::Cool,
            new: false,
            note: None,
        }),
    )]);
    assert!(tied_to_exercise(
        &running.entries,
        &t("2026-11-24T23:00:00-05:00"),
        &r
    ));
}

#[test]
fn a_running_workout_counts_up_to_now() {
    let h = History::fold(&[add(
        "01F1",
        "2026-11-28T14:00:00-05:00",
        Body::Workout(Workout {
            activity: "ride".into(),
            end: None,
            intensity: Intensity::Easy,
            heat: Heat::Cool,
            new: false,
            note: None,
        }),
    )]);
    let w = november_week(&h);
    assert_eq!(day(&w, "2026-11-28").workout_minutes, 60);
}

#[test]
fn a_weeks_flags_are_those_with_evidence_in_it() {
    let h = november();
    let flag = |id: &str, at: &str| Flag {
        id: id.into(),
        level: Level::Watch,
        title: id.into(),
        why: "because".into(),
        source: "mayo".into(),
        professional: None,
        evidence: vec![Evidence {
            entry_id: "x".into(),
            at: t(at),
            summary: "cramp".into(),
        }],
    };
    let all = [
        flag("before", "2026-11-23T03:00:00-05:00"),
        flag("monday", "2026-11-23T04:00:00-05:00"),
        flag("sunday-night", "2026-11-30T03:59:00-05:00"),
        flag("after", "2026-11-30T04:00:00-05:00"),
    ];
    let now = ny("2026-11-28T15:00:00-05:00");
    let w = week(&now, date("2026-11-23"), &h, &rules(), &prefs(), &all);
    let ids: Vec<&str> = w.flags.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["monday", "sunday-night"]);
}

#[test]
fn iso_weeks_parse_and_bad_ones_say_the_form() {
    assert_eq!(parse_iso_week("2026-W48"), Ok(date("2026-11-23")));
    assert_eq!(parse_iso_week("2026-w01"), Ok(date("2025-12-29")));
    assert!(parse_iso_week("2026-W54").unwrap_err().contains("2026-W48"));
    assert!(parse_iso_week("last week").is_err());
}

#[test]
fn cramps_per_day_for_the_overview() {
    let h = november();
    let v = cramps_per_day(&h, &New_York, 4, date("2026-11-16"), 14);
    assert_eq!(v.len(), 14);
    assert_eq!(v[0], 1);
    assert_eq!(v[8], 1, "Tuesday 24th");
    assert_eq!(v[9], 1, "Wednesday 25th (the 02:30 cramp)");
    assert_eq!(v.iter().sum::<u32>(), 3);
}

#[test]
fn a_past_weeks_flags_are_those_its_cramps_raised_by_its_end() {
    // A severe cramp in W47 and nothing in W48: W47 shows the flag, W48 does not.
    let h = History::fold(&[add(
        "01G1",
        "2026-11-18T20:00:00-05:00",
        cramp(Muscle::Calf, 9, 60, CrampContext::Rest),
    )]);
    let now = ny("2026-11-28T15:00:00-05:00");
    let (r, p) = (rules(), prefs());
    let w47 = date("2026-11-16");
    let flags = period_flags(&now, w47, 7, &h, &r, &p);
    let last_week = week(&now, w47, &h, &r, &p, &flags);
    let ids: Vec<&str> = last_week.flags.iter().map(|f| f.id.as_str()).collect();
    assert!(ids.contains(&"severe"), "{ids:?}");
    let w48 = date("2026-11-23");
    let flags = period_flags(&now, w48, 7, &h, &r, &p);
    let this_week = week(&now, w48, &h, &r, &p, &flags);
    assert!(this_week.flags.is_empty(), "{:?}", this_week.flags);
}

#[test]
fn the_tied_index_agrees_with_the_rule_on_random_histories() {
    let r = rules();
    let base = t("2026-11-01T00:00:00-05:00");
    let mut seed: u64 = 7;
    let mut next = |m: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % m
    };
    for round in 0..50 {
        let mut events = Vec::new();
        for k in 0..(next(12) + 1) {
            let start = base + chrono::Duration::minutes(next(20_000) as i64);
            let end =
                (next(10) != 0).then(|| start + chrono::Duration::minutes(next(600) as i64 + 1));
            let body = Body::Workout(Workout {
                activity: "run".into(),
                end,
                intensity: Intensity::Hard,
                heat: Heat::Mild,
                new: false,
                note: None,
            });
            let mut e = add(&format!("01R{round:03}{k:03}"), &start.to_rfc3339(), body);
            e.at = start;
            events.push(e);
        }
        let h = History::fold(&events);
        let index = TiedIndex::new(&h.entries, &r);
        for _ in 0..40 {
            let at = base + chrono::Duration::minutes(next(22_000) as i64);
            assert_eq!(
                index.tied(&at),
                tied_to_exercise(&h.entries, &at, &r),
                "round {round} at {at}"
            );
        }
    }
}

#[test]
fn a_past_period_dates_its_windows() {
    let sun = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    assert_eq!(
        dated_window(
            "Cramps woke you on 2 nights in the last 7 days (the flag).",
            sun
        ),
        "Cramps woke you on 2 nights in the 7 days to Sun 29 Nov (the flag)."
    );
    assert_eq!(dated_window("in the last hour", sun), "in the last hour");
}
