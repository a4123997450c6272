//! The fault and bad-input campaign: each scenario tries many times or many
//! kinds of input, asserts, and prints one `campaign: ...` line with its
//! counts (`cargo test --test campaign -- --nocapture`), for the README.
//!
//! What `tests/faults.rs` already covers (torn tails, NUL and bad UTF-8
//! lines, a read-only dir, a full disk, 4x50 writers, 100 kills, devices,
//! sync copies) is not repeated here.

mod common;

use common::{DEVICE, Env, saved_id};
use crampwatch::domain::history::{Event, History};
use crampwatch::store::{Journal, Problem, Scope};
use serde_json::Value;
use std::cell::Cell;
use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::process::Stdio;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

#[path = "campaign/support.rs"]
mod support;

use proptest::prelude::*;
use proptest::test_runner::{TestCaseError, TestRunner};
use support::*;

// ---------------------------------------------------------------- kill -9

#[test]
fn kill_9_at_random_moments_during_1000_appends() {
    const ATTEMPTS: usize = 1000;
    const WRITERS: usize = 4;
    let env = Env::new();
    env.log(&["drink", "1oz"]);
    // How long one drink takes here, to aim the kills inside a run.
    let t = Instant::now();
    env.log(&["drink", "2oz"]);
    let first_span = (t.elapsed().as_micros() as u64).max(2000);

    let next = AtomicUsize::new(0);
    let confirmed = Mutex::new(Vec::<(usize, String)>::new());
    let killed = AtomicUsize::new(0);
    let deadline = Instant::now() + Duration::from_secs(90);
    let env = &env;
    std::thread::scope(|s| {
        for _ in 0..WRITERS {
            s.spawn(|| {
                let mut rng = rand::rng();
                let mut span = first_span;
                let (mut mine_saved, mut mine_killed) = (0usize, 0usize);
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    if i >= ATTEMPTS || Instant::now() > deadline {
                        break;
                    }
                    // Keep the kills landing inside a run: later when most
                    // die before saving, earlier when most finish.
                    if (mine_saved + mine_killed) % 16 == 15 {
                        if mine_saved * 3 < mine_killed {
                            span = span * 3 / 2;
                        } else if mine_killed * 3 < mine_saved {
                            span = (span * 2 / 3).max(200);
                        }
                    }
                    let mut child = env
                        .std_cmd()
                        .args(["drink", "3oz", "--note", &format!("k{i}")])
                        .stdout(Stdio::piped())
                        .stderr(Stdio::null())
                        .spawn()
                        .unwrap();
                    let wait = rand::Rng::random_range(&mut rng, 0..span * 3 / 2);
                    std::thread::sleep(Duration::from_micros(wait));
                    let _ = child.kill(); // SIGKILL
                    let out = child.wait_with_output().unwrap();
                    match saved_id(&String::from_utf8_lossy(&out.stdout)) {
                        Some(id) => {
                            mine_saved += 1;
                            confirmed.lock().unwrap().push((i, id));
                        }
                        None => {
                            mine_killed += 1;
                            killed.fetch_add(1, Ordering::SeqCst);
                        }
                    }
                }
            });
        }
    });
    let attempted = next.load(Ordering::SeqCst).min(ATTEMPTS);
    let confirmed = confirmed.into_inner().unwrap();
    let killed = killed.load(Ordering::SeqCst);

    // The journal loads; the only problems allowed are recovered torn tails.
    let loaded = Journal::open(&env.data, DEVICE).load(Scope::All).unwrap();
    let torn = loaded
        .problems
        .iter()
        .filter(|p| {
            assert!(
                matches!(
                    p,
                    Problem::TornTailMoved { .. } | Problem::TornTailRepaired { .. }
                ),
                "only recovered torn tails: {p}"
            );
            true
        })
        .count();
    let out = env.run(&["list", "--all", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "nothing left to warn about");
    let listed: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let by_id: HashMap<&str, &Value> = listed
        .iter()
        .map(|e| (e["id"].as_str().unwrap(), e))
        .collect();
    let mut found = 0;
    for (i, id) in &confirmed {
        let e = by_id
            .get(id.as_str())
            .unwrap_or_else(|| panic!("confirmed drink {id} (k{i}) is lost"));
        assert_eq!(e["note"], format!("k{i}"), "{id} is the drink it confirmed");
        found += 1;
    }
    let lost = confirmed.len() - found;
    // Written but killed before it could say so: kept, and that is fine.
    let unconfirmed_kept = listed.len() - 2 - found;
    let lines = assert_every_line_valid(env);
    assert_eq!(lines, listed.len(), "one line per entry, no duplicates");
    eprintln!(
        "campaign: kill -9 during {ATTEMPTS} appends ({WRITERS} writers): {attempted} attempted, {} confirmed, {found} found, {lost} lost; {killed} killed before confirming ({unconfirmed_kept} of them had written their line, kept); {torn} torn tails recovered",
        confirmed.len()
    );
    assert_eq!(attempted, ATTEMPTS, "ran out of time");
    assert!(
        !confirmed.is_empty() && killed > 0,
        "kills landed both before and after saving"
    );
    // And logging still works.
    let last = env.log(&["drink", "4oz"]);
    assert!(env.entry(&last).is_some());
}

// ---------------------------------------------------------------- writers and a reader

#[test]
fn four_writers_and_a_reader_reloading_lose_and_interleave_nothing() {
    const WRITERS: usize = 4;
    const EACH: usize = 25;
    let env = Env::new();
    env.log(&["drink", "1oz"]);
    let done = AtomicBool::new(false);
    let env = &env;
    let reads: Vec<Vec<(usize, usize)>> = std::thread::scope(|s| {
        let reader = s.spawn(|| {
            let mut reads = Vec::new();
            loop {
                let last = done.load(Ordering::SeqCst);
                let out = env.run(&["list", "--all", "--format", "json"]);
                assert!(out.status.success(), "a reload failed: {}", stderr(&out));
                assert_eq!(stderr(&out), "", "a reload warned");
                let listed: Vec<Value> = serde_json::from_slice(&out.stdout)
                    .unwrap_or_else(|e| panic!("a reload printed bad JSON: {e}"));
                let seen: Vec<(usize, usize)> = listed
                    .iter()
                    .filter_map(|e| e["note"].as_str())
                    .map(|n| {
                        let (w, i) = n[1..].split_once('-').unwrap();
                        (w.parse().unwrap(), i.parse().unwrap())
                    })
                    .collect();
                assert_eq!(seen.len() + 1, listed.len());
                reads.push(seen);
                if last {
                    break;
                }
            }
            reads
        });
        let writers: Vec<_> = (0..WRITERS)
            .map(|w| {
                s.spawn(move || {
                    for i in 0..EACH {
                        env.quiet(&[
                            "drink",
                            &format!("{}ml", 100 + w),
                            "--note",
                            &format!("w{w}-{i}"),
                        ]);
                    }
                })
            })
            .collect();
        for h in writers {
            h.join().unwrap();
        }
        done.store(true, Ordering::SeqCst);
        reader.join().unwrap()
    });

    // Each reload sees, of each writer, the first k drinks (a prefix), and
    // never fewer than the reload before.
    let mut before: BTreeSet<(usize, usize)> = BTreeSet::new();
    for seen in &reads {
        let set: BTreeSet<(usize, usize)> = seen.iter().copied().collect();
        assert_eq!(set.len(), seen.len(), "no entry twice");
        for w in 0..WRITERS {
            let n = set.iter().filter(|(x, _)| *x == w).count();
            for i in 0..n {
                assert!(set.contains(&(w, i)), "writer {w}: saw a gap at {i}");
            }
        }
        assert!(
            set.is_superset(&before),
            "a reload saw less than the one before"
        );
        before = set;
    }
    let total = WRITERS * EACH;
    assert_eq!(before.len(), total, "the last reload sees every drink");
    let lines = assert_every_line_valid(env);
    assert_eq!(lines, total + 1, "no line interleaved or doubled");
    for l in common::json_lines(&env.month_file()) {
        if let Some(n) = l["entry"]["note"].as_str() {
            let w: u64 = n[1..2].parse().unwrap();
            assert_eq!(l["entry"]["ml"], 100 + w, "{l}");
        }
    }
    let growing = reads.windows(2).filter(|p| p[1].len() > p[0].len()).count();
    eprintln!(
        "campaign: {WRITERS} writers x {EACH} drinks with a reader reloading: {total} written, {} found, 0 lost, 0 interleaved; {} reloads, all succeeded, {growing} saw more than the one before",
        before.len(),
        reads.len()
    );
}

#[test]
fn a_reader_during_a_write_in_progress_reads_around_it_silently() {
    let env = Env::new();
    let a = env.log(&["drink", "10oz"]);
    let file = env.month_file();
    // A writer holding the lock, half-way through its line.
    let journal = Journal::open(&env.data, DEVICE);
    let lock = journal.lock().unwrap();
    let whole = br#"{"v":1,"id":"01M8HT5HP0ZZZZZZZZZZZZZZZZ","op":"add","at":"2026-11-28T14:30:00-05:00","logged":"2026-11-28T14:30:00-05:00","entry":{"type":"drink","ml":100}}"#;
    let (half, rest) = whole.split_at(60);
    append_bytes(&file, half);
    let mid = fs::read(&file).unwrap();
    let out = env.run(&["list", "--all", "--format", "json"]);
    assert!(out.status.success());
    assert_eq!(stderr(&out), "", "a line being written is not torn");
    let listed: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(ids(&listed), [a.as_str()]);
    assert_eq!(
        fs::read(&file).unwrap(),
        mid,
        "the writer's line is not touched"
    );
    // The writer finishes.
    append_bytes(&file, rest);
    append_bytes(&file, b"\n");
    drop(lock);
    let listed = env.entries();
    assert_eq!(ids(&listed), [a, "01M8HT5HP0ZZZZZZZZZZZZZZZZ".to_string()]);
    eprintln!("campaign: a reload during a write in progress: 1 run, 0 warnings, 0 lines touched");
}

// ---------------------------------------------------------------- bad input, line by line

#[test]
fn crlf_lines_and_a_bom_load_silently_and_logging_goes_on() {
    let env = Env::new();
    let file = env.month_file();
    fs::create_dir_all(env.device_dir()).unwrap();
    // Saved by a Windows editor: a BOM and CRLF endings.
    let mut text = b"\xEF\xBB\xBF".to_vec();
    for (i, ml) in [250, 300, 350].into_iter().enumerate() {
        text.extend(add_line(&id_at(i as u64), "2026-11-28T10:00:00-05:00", &drink(ml)).as_bytes());
        text.extend(b"\r\n");
    }
    fs::write(&file, &text).unwrap();
    // Another device's file: CRLF only; a third: a BOM only.
    let phone = env.data.join("journal/phone/2026-11.jsonl");
    fs::create_dir_all(phone.parent().unwrap()).unwrap();
    fs::write(
        &phone,
        format!(
            "{}\r\n",
            add_line(&id_at(10), "2026-11-28T11:00:00-05:00", &drink(400))
        ),
    )
    .unwrap();
    let tablet = env.data.join("journal/tablet/2026-11.jsonl");
    fs::create_dir_all(tablet.parent().unwrap()).unwrap();
    fs::write(
        &tablet,
        format!(
            "\u{FEFF}{}\n",
            add_line(&id_at(11), "2026-11-28T12:00:00-05:00", &drink(450))
        ),
    )
    .unwrap();

    let listed = env.entries_quiet();
    assert_eq!(mls(&listed), [250, 300, 350, 400, 450]);
    let b = env.log(&["drink", "500ml"]);
    let listed = env.entries_quiet();
    assert_eq!(mls(&listed), [250, 300, 350, 400, 450, 500]);
    assert_eq!(listed.last().unwrap()["id"], b);
    let after = fs::read(&file).unwrap();
    assert!(
        after.starts_with(&text),
        "the CRLF lines are left as they were"
    );
    // Editing a CRLF line's entry works too.
    env.quiet(&["edit", &id_at(1), "--amount", "320ml"]);
    assert_eq!(common::ml(&env.entry(&id_at(1)).unwrap()), 320);
    eprintln!(
        "campaign: CRLF endings and a BOM: 3 files (BOM+CRLF, CRLF, BOM), 5 lines, 5 loaded, 0 warnings; append and edit after them work"
    );
}

#[test]
fn text_above_the_first_line_is_reported_with_file_and_line() {
    let env = Env::new();
    let file = env.month_file();
    fs::create_dir_all(env.device_dir()).unwrap();
    let text = format!(
        "My cramp journal -- do not edit\n\n{}\n{}\n",
        add_line(&id_at(0), "2026-11-28T10:00:00-05:00", &drink(250)),
        add_line(&id_at(1), "2026-11-28T11:00:00-05:00", &drink(300)),
    );
    fs::write(&file, &text).unwrap();
    let (listed, warnings) = env.entries_warned();
    assert_eq!(mls(&listed), [250, 300]);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains(&format!("{}, line 1:", file.display()))
            && warnings[0].contains("left in place"),
        "{warnings:?}"
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), text, "left in place");
    eprintln!(
        "campaign: text above the first line: 1 bad line, 1 warning naming file and line 1, 2 of 2 entries loaded, file unchanged"
    );
}

#[test]
fn duplicate_ids_are_silent_when_equal_and_reported_when_not() {
    let env = Env::new();
    let file = env.month_file();
    fs::create_dir_all(env.device_dir()).unwrap();
    let same = add_line(&id_at(0), "2026-11-28T10:00:00-05:00", &drink(250));
    let first = add_line(&id_at(1), "2026-11-28T11:00:00-05:00", &drink(300));
    let second = add_line(&id_at(1), "2026-11-28T11:00:00-05:00", &drink(999));
    fs::write(&file, format!("{same}\n{first}\n{same}\n{second}\n")).unwrap();
    // The same content again in another device's folder: silent too.
    let phone = env.data.join("journal/phone/2026-11.jsonl");
    fs::create_dir_all(phone.parent().unwrap()).unwrap();
    let other = add_line(&id_at(2), "2026-11-28T12:00:00-05:00", &drink(400));
    let other_changed = add_line(&id_at(2), "2026-11-28T12:00:00-05:00", &drink(888));
    fs::write(&phone, format!("{same}\n{other_changed}\n")).unwrap();
    let laptop = env.data.join("journal/laptop/2026-11.jsonl");
    fs::create_dir_all(laptop.parent().unwrap()).unwrap();
    fs::write(&laptop, format!("{other}\n")).unwrap();

    let (listed, warnings) = env.entries_warned();
    assert_eq!(mls(&listed), [250, 300, 400], "the first of each is kept");
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    let about = |id: &str| {
        warnings
            .iter()
            .find(|w| w.contains(id))
            .unwrap_or_else(|| panic!("{id}: {warnings:?}"))
    };
    // Files are read in path order (laptop, phone, testdev); the first wins.
    let w = about(&id_at(2));
    assert!(
        w.contains(&format!("{}, line 2:", phone.display())) && w.contains("first was kept"),
        "{w}"
    );
    let w = about(&id_at(1));
    assert!(w.contains(&format!("{}, line 4:", file.display())), "{w}");
    eprintln!(
        "campaign: duplicate ids: 3 repeats with the same content (silent), 2 with different content (2 warnings naming file and line, first kept)"
    );
}

#[test]
fn unknown_fields_load_and_survive_an_edit() {
    let env = Env::new();
    let file = env.month_file();
    fs::create_dir_all(env.device_dir()).unwrap();
    let line = format!(
        r#"{{"v":1,"id":"{}","op":"add","at":"2026-11-28T10:00:00-05:00","logged":"2026-11-28T10:00:00-05:00","entry":{{"type":"drink","ml":250,"kind":"water","straw":true}},"mood":"fine","sync":{{"rev":3}}}}"#,
        id_at(0)
    );
    fs::write(&file, format!("{line}\n")).unwrap();
    let listed = env.entries_quiet();
    assert_eq!(mls(&listed), [250]);
    env.quiet(&["edit", &id_at(0), "--amount", "300ml"]);
    env.quiet(&["delete", &id_at(0)]);
    env.quiet(&["undo"]);
    assert_eq!(mls(&env.entries_quiet()), [300]);
    let text = fs::read_to_string(&file).unwrap();
    assert!(
        text.starts_with(&format!("{line}\n")),
        "the line is kept as it was"
    );
    eprintln!(
        "campaign: unknown fields (top level and in the entry): 1 line, loaded silently, edit/delete/undo on it work, line kept byte for byte"
    );
}

#[test]
fn a_future_schema_in_another_devices_file_is_refused_naming_file_and_line() {
    let env = Env::new();
    env.log(&["drink", "10oz"]);
    let phone = env.data.join("journal/phone/2026-11.jsonl");
    fs::create_dir_all(phone.parent().unwrap()).unwrap();
    // Well-formed, readable by this version's parser, but v 2.
    let mut newer = add_line(&id_at(5), "2026-11-28T10:00:00-05:00", &drink(250));
    newer = newer.replacen(r#""v":1"#, r#""v":2"#, 1);
    fs::write(
        &phone,
        format!(
            "{}\n{newer}\n",
            add_line(&id_at(4), "2026-11-28T09:00:00-05:00", &drink(200))
        ),
    )
    .unwrap();
    let mut refused = 0;
    for args in [
        &["list", "--all"][..],
        &["list"],
        &["drink", "5oz"],
        &["export"],
        &["undo"],
    ] {
        let err = env.refused(args);
        assert!(
            err.contains(&format!("{}, line 2", phone.display())),
            "{err}"
        );
        assert!(
            err.contains("newer crampwatch") && err.contains("schema 2"),
            "{err}"
        );
        refused += 1;
    }
    eprintln!(
        "campaign: a future schema version (a well-formed v2 line in another device's file): {refused} of 5 commands refused with one line naming file and line 2, journal unchanged"
    );
}

// ---------------------------------------------------------------- the data dir

#[test]
fn a_dangling_symlink_as_the_data_dir_is_one_clear_error() {
    let mut env = Env::new();
    let target = env.root().join("usb-drive/crampwatch");
    let link = env.root().join("data-link");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    env.data = link.clone();
    let mut refused = 0;
    for args in [
        &["drink", "10oz"][..],
        &["list"],
        &["list", "--all"],
        &["export"],
        &["undo"],
    ] {
        let err = env.refused(args);
        assert!(
            err.contains(&format!(
                "{} is a symlink to {}",
                link.display(),
                target.display()
            )) && err.contains("does not exist"),
            "{args:?}: {err}"
        );
        refused += 1;
    }
    assert!(
        !env.root().join("usb-drive").exists(),
        "nothing made at the target"
    );
    // The drive comes back: the link works.
    fs::create_dir_all(&target).unwrap();
    let id = env.log(&["drink", "10oz"]);
    assert!(env.entry(&id).is_some());
    assert!(
        target
            .join("journal")
            .join(DEVICE)
            .join("2026-11.jsonl")
            .is_file()
    );
    eprintln!(
        "campaign: a dangling symlink as the data dir: {refused} of 5 commands refused with one line naming the link and its target; nothing created; works once the target exists"
    );
}

// ---------------------------------------------------------------- clocks and zones

#[test]
fn a_clock_set_back_a_year_still_folds_new_events_last() {
    let mut env = Env::new();
    let a = env.log(&["drink", "10oz", "--at", "-2h"]);
    let b = env.log(&["drink", "12oz", "--at", "-1h"]);
    let mut written = vec![a.clone(), b.clone()];
    written.extend(new_events(&env, &["edit", &a, "--amount", "11oz"]));

    // The clock goes back a year (a dead CMOS battery, a wrong manual setting).
    env.now = "2025-11-28T14:30:00-05:00".into();
    let c = env.log(&["drink", "300ml"]);
    written.push(c.clone());
    written.extend(new_events(&env, &["edit", &a, "--amount", "400ml"]));
    assert_eq!(
        common::ml(&env.entry(&a).unwrap()),
        400,
        "the later edit wins"
    );
    written.extend(new_events(&env, &["undo"]));
    assert_eq!(
        common::ml(&env.entry(&a).unwrap()),
        325,
        "undo reverts the latest change (the 400 ml edit)"
    );
    written.extend(new_events(&env, &["edit", &b, "--note", "set back"]));
    written.extend(new_events(&env, &["delete", &c]));
    assert!(env.entry(&c).is_none());

    // The clock is put right again.
    env.now = common::NOW.into();
    env.now = "2026-11-28T15:00:00-05:00".into();
    let d = env.log(&["drink", "5oz"]);
    written.push(d.clone());
    let sorted = {
        let mut s = written.clone();
        s.sort();
        s
    };
    assert_eq!(written, sorted, "every new id sorts after every older one");
    // What was changed while the clock was wrong shows in recent views too.
    let recent: Vec<Value> =
        serde_json::from_str(&env.quiet(&["list", "--format", "json"])).unwrap();
    let find = |v: &[Value], id: &str| v.iter().find(|e| e["id"] == id).cloned();
    assert_eq!(common::ml(&find(&recent, &a).unwrap()), 325);
    assert_eq!(find(&recent, &b).unwrap()["note"], "set back");
    assert!(find(&recent, &d).is_some());
    let all = env.entries_quiet();
    assert_eq!(ids(&all).len(), 3, "a, b and d; c stays deleted");
    written.extend(new_events(&env, &["undo"]));
    assert!(env.entry(&d).is_none(), "undo takes back the newest, d");
    eprintln!(
        "campaign: clock set back a year between runs: {} events written across it, all ids in write order; edit, undo, delete apply to the latest; recent views see the changes made meanwhile",
        written.len()
    );
}

#[test]
fn a_time_zone_change_between_runs_shifts_nothing() {
    let env = Env::new();
    let ny = env.log(&["drink", "10oz"]); // 14:30 New York
    let tokyo_now = "2026-11-29T04:40:00+09:00"; // 14:40 New York
    let run_in = |tz: &str, now: &str, args: &[&str]| -> String {
        let mut c = env.std_cmd();
        c.env("TZ", tz).env("CRAMPWATCH_NOW", now).args(args);
        let out = c.output().unwrap();
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "{args:?}: {}",
            stderr(&out)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let tk = saved_id(&run_in("Asia/Tokyo", tokyo_now, &["drink", "300ml"])).unwrap();
    let lines = common::json_lines(&env.month_file());
    assert_eq!(
        lines[0]["at"], "2026-11-28T14:30:00-05:00",
        "kept with its offset"
    );
    assert_eq!(
        lines[1]["at"], "2026-11-29T04:40:00+09:00",
        "kept with its offset"
    );

    let tokyo = run_in("Asia/Tokyo", tokyo_now, &["list", "--all"]);
    let newyork = run_in("America/New_York", common::NOW, &["list", "--all"]);
    let line_of = |text: &str, id: &str| {
        text.lines()
            .find(|l| l.starts_with(id))
            .unwrap()
            .to_string()
    };
    assert!(line_of(&tokyo, &ny).contains("Sun 29 Nov 04:30"), "{tokyo}");
    assert!(line_of(&tokyo, &tk).contains("Sun 29 Nov 04:40"), "{tokyo}");
    assert!(
        line_of(&newyork, &ny).contains("Sat 28 Nov 14:30"),
        "{newyork}"
    );
    assert!(
        line_of(&newyork, &tk).contains("Sat 28 Nov 14:40"),
        "{newyork}"
    );
    // JSON gives the same instants whichever zone reads it.
    let js = |tz: &str, now: &str| -> Vec<Value> {
        serde_json::from_str(&run_in(tz, now, &["list", "--all", "--format", "json"])).unwrap()
    };
    let instants = |v: Vec<Value>| -> Vec<i64> {
        v.iter()
            .map(|e| {
                chrono::DateTime::parse_from_rfc3339(e["at"].as_str().unwrap())
                    .unwrap()
                    .timestamp()
            })
            .collect()
    };
    let (a, b) = (
        instants(js("Asia/Tokyo", tokyo_now)),
        instants(js("America/New_York", common::NOW)),
    );
    assert_eq!(a, b);
    assert_eq!(a[1] - a[0], 600, "ten minutes apart, in either zone");
    // An edit made in the other zone keeps the entry's time.
    run_in("Asia/Tokyo", tokyo_now, &["edit", &ny, "--amount", "11oz"]);
    let after = run_in("America/New_York", common::NOW, &["list", "--all"]);
    assert!(line_of(&after, &ny).contains("Sat 28 Nov 14:30"), "{after}");
    eprintln!(
        "campaign: TZ change between runs (America/New_York -> Asia/Tokyo -> back): 2 entries, offsets kept, list shows each zone's local time, 0 shifted"
    );
}

#[test]
fn entries_across_dst_and_month_ends_land_in_their_files_and_load() {
    let mut env = Env::new();
    let mut at = |now: &str, args: &[&str]| -> String {
        env.now = now.to_string();
        env.log(args)
    };
    // UTC month end (files go by the UTC month of writing): 23:50 and 00:10 UTC.
    let oct = at("2026-10-31T19:50:00-04:00", &["drink", "250ml"]);
    let nov = at("2026-10-31T20:10:00-04:00", &["drink", "260ml"]);
    // The clocks go back at 02:00 EDT on Sunday 1 November: 01:30 happens twice.
    let edt = at(
        "2026-11-01T03:00:00-05:00",
        &["drink", "270ml", "--at", "2026-11-01T01:30:00-04:00"],
    );
    let est = at(
        "2026-11-01T03:00:00-05:00",
        &["drink", "280ml", "--at", "2026-11-01T01:30:00-05:00"],
    );
    let local = at(
        "2026-11-01T03:00:00-05:00",
        &["drink", "290ml", "--at", "2026-11-01 01:15"],
    );
    // The local month end, and the spring change (02:30 does not exist).
    let dec = at("2026-11-30T23:50:00-05:00", &["drink", "300ml"]);
    let dev = env.device_dir();
    let month_ids = |m: &str| -> Vec<String> {
        common::json_lines(&dev.join(format!("{m}.jsonl")))
            .iter()
            .map(|l| l["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(month_ids("2026-10"), [oct.as_str()]);
    assert_eq!(
        month_ids("2026-11"),
        [nov.clone(), edt.clone(), est.clone(), local.clone()]
    );
    // The repeated wall-clock time takes the earlier moment (EDT).
    let local_at = common::json_lines(&dev.join("2026-11.jsonl"))[3]["at"].clone();
    assert_eq!(local_at, "2026-11-01T01:15:00-04:00");
    assert_eq!(month_ids("2026-12"), [dec.as_str()]);

    env.now = "2026-12-01T09:00:00-05:00".into();
    let all = env.entries_quiet();
    assert_eq!(
        ids(&all),
        [
            oct.clone(),
            nov.clone(),
            local.clone(),
            edt.clone(),
            est.clone(),
            dec.clone()
        ],
        "in time order"
    );
    let text = env.quiet(&["list", "--all"]);
    let on = |id: &str| {
        text.lines()
            .find(|l| l.starts_with(id))
            .unwrap()
            .to_string()
    };
    assert!(
        on(&edt).contains("Sun  1 Nov 01:30") && on(&est).contains("Sun  1 Nov 01:30"),
        "{text}"
    );
    // --since across the files.
    let since = |s: &str| -> Vec<String> {
        ids(&serde_json::from_str::<Vec<Value>>(
            &env.quiet(&["list", "--since", s, "--format", "json"]),
        )
        .unwrap())
    };
    assert_eq!(
        since("2026-10-31 20:00"),
        [
            nov.clone(),
            local.clone(),
            edt.clone(),
            est.clone(),
            dec.clone()
        ]
    );
    assert_eq!(
        since("2026-11-01 01:45"),
        [est.clone(), dec.clone()],
        "01:45 is the first (EDT) one"
    );
    assert_eq!(since("31d").len(), 6);
    assert_eq!(since("12h"), [dec.as_str()]);
    // The skipped hour in spring is refused, naming it.
    env.now = "2027-03-08T12:00:00-04:00".into();
    let err = env.refused(&["drink", "5oz", "--at", "2027-03-14 02:30"]);
    assert!(err.contains("does not exist"), "{err}");
    eprintln!(
        "campaign: DST and month ends: 6 entries over 3 monthly files (UTC month of writing), the repeated 01:30 kept apart, list --since across files: 4 of 4 ranges right, the skipped spring hour refused"
    );
}

// ---------------------------------------------------------------- properties

/// Valid event lines mixed with junk, in any order, with CRLF and a BOM here
/// and there, over two devices' files: every valid line loads unchanged,
/// every non-blank junk line is reported by file and line and nothing else
/// is; the fold of what loads is the fold of what was written.
#[test]
fn proptest_any_bytes_around_valid_lines_never_lose_a_line() {
    let mut runner = TestRunner::new(ProptestConfig {
        cases: 128,
        // A runner outside `proptest!` has no source file to save failures by.
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let (cases, lines, junk_lines, reported) =
        (Cell::new(0), Cell::new(0), Cell::new(0), Cell::new(0));
    let strategy = (
        events(1..30),
        prop::collection::vec(junk_line(), 0..20),
        prop::collection::vec(any::<u32>(), 50),
        prop::collection::vec(any::<bool>(), 50),
        any::<[bool; 2]>(),
    );
    let result = runner.run(&strategy, |(events, junk, keys, crlf, bom)| {
        let dir = tempfile::tempdir().unwrap();
        let paths = [
            dir.path().join("journal/laptop/2026-11.jsonl"),
            dir.path().join("journal/phone/2026-11.jsonl"),
        ];
        // Shuffle valid and junk lines together, then deal them to the files.
        let items: Vec<(Vec<u8>, bool)> = events
            .iter()
            .map(|e| (serde_json::to_vec(e).unwrap(), true))
            .chain(junk.iter().map(|j| (j.clone(), false)))
            .collect();
        let mut order: Vec<(u32, usize)> = (0..items.len())
            .map(|i| (keys[i % keys.len()].wrapping_mul(i as u32 + 7), i))
            .collect();
        order.sort();
        let mut files: [Vec<&(Vec<u8>, bool)>; 2] = [vec![], vec![]];
        for (k, i) in order {
            files[(k % 2) as usize].push(&items[i]);
        }
        let mut expected_bad = Vec::new();
        for (fi, (f, path)) in files.iter().zip(&paths).enumerate() {
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            let mut bytes = Vec::new();
            if bom[fi] {
                bytes.extend(b"\xEF\xBB\xBF");
            }
            for (n, (line, valid)) in f.iter().enumerate() {
                bytes.extend(line);
                if crlf[n % crlf.len()] {
                    bytes.push(b'\r');
                }
                bytes.push(b'\n');
                let mut seen = line.as_slice();
                if n == 0 && !bom[fi] {
                    seen = seen.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(seen);
                }
                if !valid && !seen.iter().all(|b| b.is_ascii_whitespace()) {
                    expected_bad.push((path.clone(), n + 1));
                }
            }
            fs::write(path, &bytes).unwrap();
        }
        let loaded = Journal::open(dir.path(), "laptop")
            .load(Scope::All)
            .map_err(|e| TestCaseError::fail(format!("load failed: {e}")))?;
        let mut got_bad = Vec::new();
        for p in &loaded.problems {
            match p {
                Problem::BadLine { path, line, .. } => got_bad.push((path.clone(), *line)),
                other => prop_assert!(false, "only bad lines: {}", other),
            }
        }
        got_bad.sort();
        expected_bad.sort();
        reported.set(reported.get() + got_bad.len());
        prop_assert_eq!(
            got_bad,
            expected_bad,
            "each junk line reported, no valid line"
        );
        let mut want = events.clone();
        want.sort_by(|a, b| a.id.cmp(&b.id));
        prop_assert_eq!(
            as_json(&loaded.events),
            as_json(&want),
            "every valid line loads, unchanged"
        );
        prop_assert_eq!(
            state(&History::fold(&loaded.events)),
            state(&History::fold(&events))
        );
        cases.set(cases.get() + 1);
        lines.set(lines.get() + events.len() + junk.len());
        junk_lines.set(junk_lines.get() + junk.len());
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    eprintln!(
        "campaign: proptest, any bytes around valid lines (2 devices, CRLF, BOM): {} cases, {} lines of which {} junk, {} reported (the rest blank), 0 valid lines lost, 0 panics",
        cases.get(),
        lines.get(),
        junk_lines.get(),
        reported.get()
    );
}

/// The fold against a plain model of its rules (`support::model_entries`):
/// any ops at any targets, in any order, and partial reads (some events
/// missing, as when only recent months are read).
#[test]
fn proptest_the_fold_gives_what_its_rules_say() {
    let mut runner = TestRunner::new(ProptestConfig {
        cases: 512,
        // A runner outside `proptest!` has no source file to save failures by.
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let (folds, total) = (Cell::new(0), Cell::new(0));
    let strategy = (events(0..60), any::<u64>(), 1usize..5);
    let result = runner.run(&strategy, |(events, seed, keep_one_in)| {
        // A partial read: drop some events, keep the rest in a scrambled order.
        let mut partial: Vec<(u64, Event)> = events
            .iter()
            .enumerate()
            .filter(|(i, _)| {
                keep_one_in == 1 || !(i.wrapping_add(seed as usize)).is_multiple_of(keep_one_in)
            })
            .map(|(i, e)| {
                (
                    seed.wrapping_mul(i as u64 + 1).rotate_left(i as u32),
                    e.clone(),
                )
            })
            .collect();
        partial.sort_by_key(|(k, _)| *k);
        let partial: Vec<Event> = partial.into_iter().map(|(_, e)| e).collect();
        for set in [&events, &partial] {
            prop_assert_eq!(&History::fold(set).entries, &model_entries(set));
        }
        folds.set(folds.get() + 2);
        total.set(total.get() + events.len() + partial.len());
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    eprintln!(
        "campaign: proptest, the fold against a model of its rules: {} folds over {} events (whole and partial reads, any order), 0 differences",
        folds.get(),
        total.get()
    );
}

/// Events with any ops aimed at any ids (themselves, later events, unknown
/// ids, undo of undo...), in any order, with repeats: the fold never panics
/// and always gives the same state.
#[test]
fn proptest_the_fold_of_any_events_in_any_order_is_the_same() {
    let mut runner = TestRunner::new(ProptestConfig {
        cases: 256,
        // A runner outside `proptest!` has no source file to save failures by.
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let (folds, total) = (Cell::new(0), Cell::new(0));
    let strategy = (events(0..60), prop::collection::vec(any::<u64>(), 1..80));
    let result = runner.run(&strategy, |(events, order)| {
        let folded = History::fold(&events);
        let mut keyed: Vec<(u64, Event)> = events
            .iter()
            .enumerate()
            .map(|(i, e)| (order[i % order.len()].wrapping_mul(i as u64 + 1), e.clone()))
            .collect();
        keyed.sort_by_key(|(k, _)| *k);
        let mut shuffled: Vec<Event> = keyed.into_iter().map(|(_, e)| e).collect();
        let repeats: Vec<Event> = shuffled.iter().step_by(2).cloned().collect();
        shuffled.extend(repeats);
        prop_assert_eq!(state(&History::fold(&shuffled)), state(&folded));
        shuffled.reverse();
        prop_assert_eq!(state(&History::fold(&shuffled)), state(&folded));
        folds.set(folds.get() + 3);
        total.set(total.get() + events.len());
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    eprintln!(
        "campaign: proptest, the fold of any events in any order: {} folds over {} events (any op at any target), 0 panics, 0 differences",
        folds.get(),
        total.get()
    );
}
