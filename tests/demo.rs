//! The demo generator and `crampwatch demo`.

mod common;

use chrono::{DateTime, Duration};
use chrono_tz::America::New_York;
use chrono_tz::Tz;
use common::Env;
use crampwatch::demo::generate;
use crampwatch::domain::entry::{Body, CrampContext, EntryKind, Intensity};
use crampwatch::domain::history::{History, Op};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

fn end() -> DateTime<Tz> {
    DateTime::parse_from_rfc3339("2026-06-10T18:30:00-04:00")
        .unwrap()
        .with_timezone(&New_York)
}

#[test]
fn the_same_seed_gives_the_same_events_and_another_seed_does_not() {
    let a = generate(60, 7, end());
    let b = generate(60, 7, end());
    assert_eq!(a, b);
    let c = generate(60, 8, end());
    assert_ne!(a, c);
}

#[test]
fn a_year_has_10_to_20_events_a_day_of_every_kind() {
    let events = generate(365, 3, end());
    let per_day = events.len() as f64 / 365.0;
    assert!((10.0..=20.0).contains(&per_day), "{per_day} events a day");

    // Ids are unique ULIDs in logged order; nothing is logged after the end.
    let ids: HashSet<_> = events.iter().map(|e| e.id.clone()).collect();
    assert_eq!(ids.len(), events.len());
    assert!(events.windows(2).all(|w| w[0].id < w[1].id));
    assert!(
        events
            .iter()
            .all(|e| ulid::Ulid::from_string(&e.id).is_ok())
    );
    assert!(events.iter().all(|e| e.logged <= end().fixed_offset()));
    assert!(events.iter().all(|e| e.check().is_ok()));

    let ops: HashSet<_> = events.iter().map(|e| format!("{:?}", e.op)).collect();
    for op in [Op::Add, Op::Amend, Op::Delete, Op::Undo] {
        assert!(ops.contains(&format!("{op:?}")), "no {op:?} in {ops:?}");
    }

    let h = History::fold(&events);
    let mut kinds: BTreeMap<EntryKind, usize> = BTreeMap::new();
    for e in &h.entries {
        *kinds.entry(e.kind()).or_default() += 1;
    }
    // Workouts 4-5 days a week.
    let workouts = kinds[&EntryKind::Workout] as f64 / 52.0;
    assert!(
        (4.0..=5.0).contains(&workouts),
        "{workouts} workouts a week"
    );
    assert!(kinds[&EntryKind::Plan] > 100, "{kinds:?}");
    assert!(kinds[&EntryKind::Weight] > 50, "{kinds:?}");
    // Drinks add up to a plausible day.
    let drinks: u32 = h
        .entries
        .iter()
        .filter_map(|e| match &e.body {
            Body::Drink(d) => Some(d.ml),
            _ => None,
        })
        .sum();
    let per_day = drinks as f64 / 365.0;
    assert!((1500.0..=4500.0).contains(&per_day), "{per_day} ml a day");

    // Cramps with patterns: after sessions, at night, and a severe one.
    let cramps: Vec<_> = h
        .entries
        .iter()
        .filter_map(|e| match &e.body {
            Body::Cramp(c) => Some(c),
            _ => None,
        })
        .collect();
    let ctx = |c: CrampContext| cramps.iter().filter(|x| x.context == Some(c)).count();
    assert!(ctx(CrampContext::After) >= 10, "{cramps:?}");
    assert!(ctx(CrampContext::Night) >= 3, "{cramps:?}");
    assert!(
        cramps.iter().any(|c| c.severity >= Some(8)),
        "no severe cramp in a year"
    );
    // After-session cramps fall 6-8 h after a workout's end.
    let ends: Vec<_> = h
        .entries
        .iter()
        .filter_map(|e| match &e.body {
            Body::Workout(w) => w.end,
            _ => None,
        })
        .collect();
    for e in h
        .entries
        .iter()
        .filter(|e| matches!(&e.body, Body::Cramp(c) if c.context == Some(CrampContext::After)))
    {
        assert!(
            ends.iter()
                .any(|end| e.at - *end >= Duration::hours(6) && e.at - *end <= Duration::hours(8)),
            "after-cramp at {} not 6-8 h after a session",
            e.at
        );
    }
}

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for dev in std::fs::read_dir(dir.join("journal")).unwrap() {
        for f in std::fs::read_dir(dev.unwrap().path()).unwrap() {
            let p = f.unwrap().path();
            if p.extension().is_some_and(|x| x == "jsonl") {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                out.insert(name, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

#[test]
fn demo_writes_the_same_journal_for_a_seed_into_monthly_files() {
    let mut env = Env::new();
    env.now = "2026-06-10T18:30:00-04:00".into();
    let (a, b) = (env.root().join("a"), env.root().join("b"));
    for dir in [&a, &b] {
        let out = env.quiet(&[
            "demo",
            "--days",
            "45",
            "--seed",
            "9",
            "--data-dir",
            dir.to_str().unwrap(),
        ]);
        assert!(out.starts_with("wrote "), "{out}");
    }
    let fa = files(&a);
    assert_eq!(fa, files(&b));
    // 45 days ending 10 June: April, May and June files, by logged time.
    let names: Vec<_> = fa.keys().cloned().collect();
    assert_eq!(names, ["2026-04.jsonl", "2026-05.jsonl", "2026-06.jsonl"]);
    let lines: usize = fa
        .values()
        .map(|f| f.iter().filter(|b| **b == b'\n').count())
        .sum();
    assert!((45 * 10..=45 * 20).contains(&lines), "{lines} lines");

    // The journal reads back: status works on it.
    let out = env.quiet(&["status", "--data-dir", a.to_str().unwrap()]);
    assert!(out.contains("/64 oz"), "{out}");
}

#[test]
fn demo_refuses_a_data_dir_with_a_journal_and_needs_an_explicit_one() {
    let env = Env::new();
    env.quiet(&["drink", "10oz"]);
    let err = env.refused(&["demo", "--days", "5"]);
    assert!(err.contains("already has a journal"), "{err}");

    // Without --data-dir (or CRAMPWATCH_DATA_DIR) it will not pick the default.
    let out = env
        .std_cmd()
        .env_remove("CRAMPWATCH_DATA_DIR")
        .args(["demo", "--days", "5"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--data-dir"));
    assert!(!env.root().join("xdg-data").exists());
}

#[test]
fn the_demo_looks_like_an_athletes_month() {
    // A morning: the evening's session is planned, its pre-load still ahead.
    let morning = DateTime::parse_from_rfc3339("2026-11-26T08:30:00-05:00")
        .unwrap()
        .with_timezone(&New_York);
    let events = generate(30, 5, morning);
    let h = History::fold(&events);
    let mut sizes = Vec::new();
    for e in &h.entries {
        match &e.body {
            Body::Drink(d) => sizes.push(d.ml),
            // Sessions of sensible length, and no maximal effort for hours.
            Body::Workout(w) => {
                let minutes = w.end.map(|end| (end - e.at).num_minutes()).unwrap_or(0);
                assert!((20..=300).contains(&minutes), "{w:?} {minutes} min");
                if minutes > 75 {
                    assert_ne!(w.intensity, Intensity::Max, "{w:?} {minutes} min");
                }
            }
            Body::Plan(p) => {
                assert!((20..=330).contains(&p.minutes), "{p:?}");
                assert!(!(p.activity == "hike" && p.intensity.is_hard()), "{p:?}");
            }
            _ => {}
        }
    }
    // A glass or a bottle at a time: 150-750 ml.
    assert!(sizes.iter().all(|ml| (150..=750).contains(ml)), "{sizes:?}");
    assert!(sizes.len() > 200, "{} drinks in a month", sizes.len());
    let today_plan = h.entries.iter().find(|e| {
        matches!(e.body, Body::Plan(_))
            && e.at > morning.fixed_offset()
            && e.at.date_naive() == morning.date_naive()
    });
    assert!(today_plan.is_some(), "no session planned for this evening");
}
