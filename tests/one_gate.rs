//! One gate for every input path: the command line, a TUI form, an import
//! and the demo refuse the same bad values with the same message, because
//! each turns its input into a `Change` that `Journal::commit` checks.
//!
//! Each expected message is made from the rule it enforces (the bounds in
//! `domain::check`), not copied from output.

mod common;

use chrono::Duration;
use common::Env;
use crampwatch::domain::change::Change;
use crampwatch::domain::check::{
    BODY_KG, MAX_CRAMP_SECS, MAX_DRINK_ML, MAX_NOTE_CHARS, MAX_WORKOUT_HOURS, PLAN_IS_FOR_LATER,
    PLAN_MINUTES,
};
use crampwatch::domain::entry::{Body, Cramp, Drink, Muscle, Plan, Time, Weight, Workout};
use crampwatch::domain::history::History;
use crampwatch::domain::rules::Rules;
use crampwatch::store::{Journal, Stamped, new_id};

fn now() -> Time {
    common::NOW.parse().unwrap()
}

fn long_note() -> String {
    "x".repeat(3000)
}

fn drink(ml: u32, note: Option<String>) -> Body {
    Body::Drink(Drink {
        ml,
        kind: Default::default(),
        sodium_mg: None,
        note,
    })
}

fn weight(kg: f64) -> Body {
    Body::Weight(Weight {
        kg,
        when: None,
        urine_ml: None,
    })
}

fn cramp(duration_s: u32) -> Body {
    Body::Cramp(Cramp {
        muscle: Muscle::Calf,
        side: None,
        severity: None,
        duration_s: Some(duration_s),
        context: None,
        symptoms: Default::default(),
        relief: Vec::new(),
        note: None,
        muscle_name: None,
    })
}

fn named(muscle: Muscle, name: &str) -> Body {
    let Body::Cramp(c) = cramp(60) else {
        unreachable!()
    };
    Body::Cramp(Cramp {
        muscle,
        muscle_name: Some(name.into()),
        ..c
    })
}

fn plan(minutes: u32) -> Body {
    Body::Plan(Plan {
        activity: "run".into(),
        minutes,
        intensity: Default::default(),
        heat: Default::default(),
        note: None,
    })
}

/// The bad values, each with the one message the gate gives for it.
fn cases() -> Vec<(&'static str, Body, String)> {
    let (kg_lo, kg_hi) = (BODY_KG.start(), BODY_KG.end());
    let hours = MAX_CRAMP_SECS / 3600;
    vec![
        (
            "a drink of 5 l",
            drink(5000, None),
            format!(
                "a drink of 5000 ml (accepted: 1-{MAX_DRINK_ML} ml; log large amounts as several drinks)"
            ),
        ),
        (
            "a weight of 2 kg",
            weight(2.0),
            format!(
                "a body weight of 2 kg is not plausible (accepted: {kg_lo}-{kg_hi} kg, 44-880 lb)"
            ),
        ),
        (
            "a note of 3,000 characters",
            drink(300, Some(long_note())),
            format!("a note of 3000 characters (at most {MAX_NOTE_CHARS})"),
        ),
        (
            "a cramp of 5 hours",
            cramp(5 * 3600),
            format!(
                "a cramp lasting 18000 s (accepted: 1 s to {hours} hours; a cramp that long needs a professional's attention, not a log entry)"
            ),
        ),
        (
            "a plan of 2 minutes",
            plan(2),
            format!(
                "a plan of 2 minutes (accepted: {}-{} minutes)",
                PLAN_MINUTES.start(),
                PLAN_MINUTES.end()
            ),
        ),
    ]
}

fn running(activity: &str) -> Body {
    Body::Workout(Workout {
        activity: activity.into(),
        end: None,
        intensity: Default::default(),
        heat: Default::default(),
        new: false,
        note: None,
    })
}

fn minute(t: Time) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

/// Bad values of a rule added for new values only, each at its time:
/// refused from the command line, a TUI form and the demo, but kept when a
/// backup restores an entry written before the rule (see
/// `a_restored_entry_meets_the_rules_of_a_load`).
fn new_value_cases() -> Vec<(&'static str, Time, Body, String)> {
    let ahead = now() + Duration::hours(2);
    let long_ago = now() - Duration::hours(MAX_WORKOUT_HOURS + 6);
    vec![
        (
            "an other muscle named as a listed one",
            at_for(&cramp(60)),
            named(Muscle::Other, "Calf"),
            "calf is in the list of muscles: log it as calf, not as other".into(),
        ),
        (
            "a listed muscle with a name",
            at_for(&cramp(60)),
            named(Muscle::Hand, "thumb"),
            "a muscle's name goes with muscle 'other' only, not with hand (like other, forearm)"
                .into(),
        ),
        (
            "a drink two hours from now",
            ahead,
            drink(300, None),
            format!(
                "the time {} is in the future; only plans can be ahead of now",
                minute(ahead)
            ),
        ),
        (
            "a workout still running after 30 hours",
            long_ago,
            running("swim"),
            format!(
                "a workout still running since {} would be more than {MAX_WORKOUT_HOURS} hours long; log the finished session with 'workout add ACTIVITY --from .. --to ..'",
                minute(long_ago)
            ),
        ),
    ]
}

/// Every bad value, each at its time.
fn all_cases() -> Vec<(&'static str, Time, Body, String)> {
    let old = cases().into_iter().map(|(w, b, m)| (w, at_for(&b), b, m));
    old.chain(new_value_cases()).collect()
}

fn at_for(body: &Body) -> Time {
    match body {
        // A plan is for later.
        Body::Plan(_) => now() + chrono::Duration::hours(4),
        _ => now() - chrono::Duration::minutes(10),
    }
}

fn journal(dir: &std::path::Path) -> Journal {
    Journal::open(dir, "gate").with_clock(now())
}

fn files_in(dir: &std::path::Path) -> usize {
    walk(dir)
}

fn walk(dir: &std::path::Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |d| {
        d.flatten()
            .map(|e| {
                let p = e.path();
                if p.is_dir() { walk(&p) } else { 1 }
            })
            .sum()
    })
}

#[test]
fn the_tui_s_commit_refuses_each_bad_value_with_the_gates_message() {
    for (what, at, body, want) in all_cases() {
        let dir = tempfile::tempdir().unwrap();
        let j = journal(dir.path());
        let change = Change::Add { at, body };
        // The way the TUI writes a form's change, and what its flash says.
        let rules = Rules::embedded().unwrap();
        let history = History::default();
        let err = crampwatch::tui::commit(&j, change, &history, &rules, &now(), &j.signature())
            .expect_err(what);
        assert_eq!(err, format!("not saved: {want}"), "{what}");
        assert_eq!(files_in(dir.path()), 0, "{what}: nothing written");
    }
}

#[test]
fn the_demo_s_commit_refuses_each_bad_value_with_the_gates_message() {
    for (what, at, body, want) in all_cases() {
        let dir = tempfile::tempdir().unwrap();
        let j = journal(dir.path());
        let good = Stamped {
            change: Change::Add {
                at: now(),
                body: drink(300, None),
            },
            id: new_id(&now(), None),
            logged: now(),
        };
        let bad = Stamped {
            change: Change::Add { at, body },
            id: new_id(&now(), Some(&good.id)),
            logged: now(),
        };
        // A batch with one bad change is refused whole.
        let err = j.commit_all(vec![good, bad]).expect_err(what);
        assert_eq!(err.to_string(), format!("not saved: {want}"), "{what}");
        assert_eq!(files_in(dir.path()), 0, "{what}: nothing written");
    }
}

/// A crampwatch JSON export holding one entry of `body`, at `at` and
/// logged at `logged`.
fn export_with(id: &str, at: Time, logged: Time, body: &Body) -> String {
    let mut entry = serde_json::to_value(body).unwrap();
    let map = entry.as_object_mut().unwrap();
    map.insert("id".into(), id.into());
    map.insert("at".into(), at.to_rfc3339().into());
    map.insert("logged".into(), logged.to_rfc3339().into());
    serde_json::json!({
        "format": "crampwatch-export",
        "version": 1,
        "exported": now().to_rfc3339(),
        "entries": [entry],
    })
    .to_string()
}

#[test]
fn an_import_refuses_each_bad_value_with_the_gates_message() {
    let env = Env::new();
    env.log(&["drink", "10oz"]);
    for (i, (what, body, want)) in cases().into_iter().enumerate() {
        let id = format!("01KB00000000000000000000{i:02}");
        let file = env.root().join(format!("bad-{i}.json"));
        let at = at_for(&body);
        std::fs::write(&file, export_with(&id, at, at, &body)).unwrap();
        let err = env.refused(&["import", file.to_str().unwrap()]);
        assert_eq!(
            err.trim_end(),
            format!("error: {}: entry {id}: {want}", file.display()),
            "{what}"
        );
    }
}

/// An entry restored from an export keeps its id and was written under the
/// rules of its day: it meets what a load asks of every entry, so a backup
/// made before a rule for new values restores whole. An entry ahead of now
/// was logged then too: by a device whose clock ran ahead.
#[test]
fn a_restored_entry_meets_the_rules_of_a_load() {
    let env = Env::new();
    for (i, (what, at, body, _)) in new_value_cases().into_iter().enumerate() {
        let id = format!("01KB00000000000000000000{i:02}");
        let file = env.root().join(format!("old-{i}.json"));
        std::fs::write(&file, export_with(&id, at, at, &body)).unwrap();
        let out = env.ok(&["import", file.to_str().unwrap()]);
        assert!(out.starts_with("imported 1 entry from"), "{what}: {out}");
        assert!(env.entry(&id).is_some(), "{what}: kept");
    }
}

#[test]
fn the_command_line_refuses_each_bad_value_with_the_gates_message() {
    let env = Env::new();
    env.log(&["drink", "10oz"]);
    let note = long_note();
    let want = format!("error: not saved: a note of 3000 characters (at most {MAX_NOTE_CHARS})");
    // What the command line parses leniently reaches the gate as it is.
    for args in [
        &["drink", "10oz", "--note", &note][..],
        &["cramp", "calf", "--note", &note],
        &["plan", "run", "--at", "18:00", "--note", &note],
        &[
            "workout", "add", "run", "--from", "07:00", "--to", "08:00", "--note", &note,
        ],
        &["medication", "start", "furosemide", "--note", &note],
    ] {
        let err = env.refused(args);
        assert_eq!(err.trim_end(), want, "{:?}", &args[..2]);
    }
    // What it parses itself is refused there, with the flag named and the
    // same bound: a typed amount is checked where it is read.
    let oz = format!("{:.1} oz", f64::from(MAX_DRINK_ML) / 29.5735);
    let kg = format!("{}-{} kg", BODY_KG.start(), BODY_KG.end());
    let hours = format!("longer than {} hours", MAX_CRAMP_SECS / 3600);
    let minutes = format!("from {} to {}", PLAN_MINUTES.start(), PLAN_MINUTES.end());
    for (args, bound) in [
        (&["drink", "5l"][..], oz),
        (&["weight", "2kg"], kg),
        (&["cramp", "calf", "--duration", "5h"], hours),
        (&["plan", "run", "--at", "18:00", "--minutes", "2"], minutes),
    ] {
        let err = env.refused(args);
        assert!(err.contains(&bound), "{args:?}: {err:?} lacks {bound:?}");
    }
}

#[test]
fn a_second_running_workout_is_refused_by_the_gate_on_the_cli_and_in_the_tui() {
    let running = || running("run");
    let start = now() - chrono::Duration::minutes(20);
    // The TUI: another terminal started a run since the form was opened.
    let dir = tempfile::tempdir().unwrap();
    let j = journal(dir.path());
    j.commit(
        Change::Add {
            at: start,
            body: running(),
        },
        &start,
        None,
    )
    .unwrap();
    let loaded = j.load(crampwatch::store::Scope::All).unwrap();
    let history = History::from_events(loaded.events);
    let rules = Rules::embedded().unwrap();
    let change = Change::Add {
        at: now(),
        body: running(),
    };
    let err =
        crampwatch::tui::commit(&j, change, &history, &rules, &now(), &j.signature()).unwrap_err();
    let since = start.format("%H:%M");
    assert_eq!(
        err,
        format!("not saved: a workout is already running (run since {since})")
    );
    // The command line, with its hint.
    let env = Env::new();
    env.log(&["workout", "start", "run", "--at", "14:10"]);
    let err = env.refused(&["workout", "start", "swim"]);
    assert!(
        err.contains("a workout is already running (run since 14:10 today)"),
        "{err}"
    );
}

/// An import adds nothing dated in the future, on the gate's word: a JSON
/// export's entry dated after both now and when it was logged (no clock ran
/// ahead: it never happened) refuses the file, a CSV row without an id is
/// named and skipped as every bad row is.
#[test]
fn an_import_refuses_an_entry_from_the_future_with_the_gates_message() {
    let env = Env::new();
    env.log(&["drink", "10oz"]);
    let ahead = now() + Duration::days(100);
    let want = format!(
        "the time {} is in the future; only plans can be ahead of now",
        minute(ahead)
    );
    let id = "01KB0000000000000000000077";
    let file = env.root().join("future.json");
    std::fs::write(&file, export_with(id, ahead, now(), &drink(300, None))).unwrap();
    let err = env.refused(&["import", file.to_str().unwrap()]);
    assert_eq!(
        err,
        format!("error: {}: entry {id}: {want}", file.display())
    );
    // A sheet's row in the future is bad; the good row beside it imports.
    let csv = env.root().join("future.csv");
    let row = ahead.format("%Y-%m-%d %H:%M");
    std::fs::write(
        &csv,
        format!("type,at,ml\ndrink,{row},300\ndrink,2026-11-28 09:00,250\n"),
    )
    .unwrap();
    let before = env.entries().len();
    let refused = env.run(&["import", csv.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2), "a bad row imports nothing");
    assert_eq!(env.entries().len(), before);
    let out = env.run(&["import", "--skip-bad", csv.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert_eq!(
        err.trim_end(),
        format!("warning: {}: row 2: {want}", csv.display())
    );
    let ml: Vec<u64> = env.entries().iter().map(common::ml).collect();
    assert_eq!(ml.len(), before + 1, "{ml:?}");
    assert!(ml.contains(&250) && !ml.contains(&300), "{ml:?}");
}

/// What another journal brings back with its id meets the rule an
/// export's restore meets: a line dated after both now and its own logging
/// is set aside (named, as a bad line) while the rest imports.
#[test]
fn another_journal_brings_nothing_from_the_future() {
    let env = Env::new();
    env.log(&["drink", "10oz"]);
    // Another journal: one line from the future, one good.
    let other = env.root().join("other/journal/peer");
    std::fs::create_dir_all(&other).unwrap();
    let line = |id: &str, at: Time, ml: u32| {
        format!(
            r#"{{"v":1,"id":"{id}","op":"add","at":"{}","logged":"{}","entry":{{"type":"drink","ml":{ml},"kind":"water"}}}}"#,
            at.to_rfc3339(),
            now().to_rfc3339()
        )
    };
    let soon = now() + Duration::days(17);
    let lines = [
        line("01KB0000000000000000000079", soon, 300),
        line("01KB000000000000000000007A", now() - Duration::days(1), 250),
    ];
    std::fs::write(other.join("2026-11.jsonl"), lines.join("\n") + "\n").unwrap();
    let out = env.run(&["import", env.root().join("other").to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains(&format!(
            "line 1: skipped a line that is not a valid entry (the time {} is in the future; only plans can be ahead of now)",
            minute(soon)
        )),
        "{err}"
    );
    let ml: Vec<u64> = env.entries().iter().map(common::ml).collect();
    assert!(ml.contains(&250) && !ml.contains(&300), "{ml:?}");
}

/// A device whose clock ran months ahead started a run and stopped it an
/// hour later: its export restores whole here (the run was logged when it
/// started, and its end came after), JSON and CSV alike.
#[test]
fn a_live_workout_from_a_clock_ahead_restores_with_its_end() {
    let mut ahead = Env::with_device("ahead");
    ahead.now = "2027-03-01T09:00:00-05:00".into();
    ahead.log(&["workout", "start", "run"]);
    ahead.now = "2027-03-01T10:00:00-05:00".into();
    ahead.quiet(&["workout", "stop"]);
    let json = ahead.root().join("ahead.json");
    std::fs::write(&json, ahead.quiet(&["export"])).unwrap();
    let csv = ahead.root().join("ahead.csv");
    std::fs::write(&csv, ahead.quiet(&["export", "--format", "csv"])).unwrap();
    for file in [&json, &csv] {
        let env = Env::new();
        let out = env.quiet(&["import", file.to_str().unwrap()]);
        assert!(out.starts_with("imported 1 entry"), "{out}");
        let e = &env.entries()[0];
        assert_eq!(e["end"], "2027-03-01T10:00:00-05:00", "{e}");
    }
}

/// A workout started more than a day ago cannot be running: `workout start`
/// refuses it with the gate's message, which says what to log instead.
#[test]
fn a_workout_started_more_than_a_day_ago_is_not_started() {
    let env = Env::new();
    let err = env.refused(&["workout", "start", "swim", "--at", "-30h"]);
    let since = minute(now() - Duration::hours(30));
    assert_eq!(
        err,
        format!(
            "error: not saved: a workout still running since {since} would be more than {MAX_WORKOUT_HOURS} hours long; log the finished session with 'workout add ACTIVITY --from .. --to ..'"
        )
    );
    // Within the day it starts, and stops as every session does.
    env.log(&["workout", "start", "swim", "--at", "-23h"]);
    env.quiet(&["workout", "stop"]);
}

/// An edit does not move a plan into the past, on the command line (with
/// the message of `plan --at`) or in a TUI form (the gate's); a plan whose
/// time has passed keeps it through an edit of its other fields.
#[test]
fn an_edit_does_not_move_a_plan_into_the_past() {
    let env = Env::new();
    let later = env.log(&["plan", "run", "--at", "+3h"]);
    let err = env.refused(&["edit", &later, "--at", "-1h"]);
    assert_eq!(
        err,
        format!("error: --at: '-1h' is in the past; {PLAN_IS_FOR_LATER}")
    );
    let passed = env.log(&["plan", "swim", "--at", "-30m"]);
    env.quiet(&["edit", &passed, "--note", "pool closed", "--minutes", "45"]);
    assert_eq!(env.entry(&passed).unwrap()["minutes"], 45);
    // The TUI's edit form, through the gate.
    let dir = tempfile::tempdir().unwrap();
    let j = journal(dir.path());
    let at = now() + Duration::hours(3);
    let added = j.commit(Change::Add { at, body: plan(60) }, &now(), None);
    let target = added.unwrap().id;
    let history = History::from_events(j.load(crampwatch::store::Scope::All).unwrap().events);
    let rules = Rules::embedded().unwrap();
    let back = now() - Duration::hours(1);
    let moved = Change::Amend {
        target,
        at: back,
        body: plan(60),
    };
    let err = crampwatch::tui::commit(&j, moved, &history, &rules, &now(), &j.signature());
    let want = format!(
        "the time {} is in the past; {PLAN_IS_FOR_LATER}",
        minute(back)
    );
    assert_eq!(err.unwrap_err(), format!("not saved: {want}"));
}
