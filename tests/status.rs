//! `crampwatch status` and the plan's pre-load line, through the built binary.

mod common;

use common::Env;

/// Runs a command at `now` that must succeed quietly; returns its stdout.
fn at(env: &mut Env, now: &str, args: &[&str]) -> String {
    env.now = now.to_string();
    env.quiet(args)
}

fn status_json(env: &mut Env, now: &str) -> serde_json::Value {
    serde_json::from_str(&at(env, now, &["status", "--format", "json"])).unwrap()
}

#[test]
fn an_empty_journal_shows_the_goal_in_one_line() {
    let mut env = Env::new();
    let out = at(&mut env, "2026-06-10T08:00:00-04:00", &["status"]);
    assert_eq!(out, "0/64 oz today\n");
    assert!(!env.data.join("journal").exists(), "status writes nothing");
}

#[test]
fn the_line_shows_the_pre_load_countdown_and_intake() {
    let mut env = Env::new();
    at(
        &mut env,
        "2026-06-10T13:00:00-04:00",
        &["plan", "run", "--at", "18:00"],
    );
    at(&mut env, "2026-06-10T14:10:00-04:00", &["drink", "14oz"]);
    let out = at(&mut env, "2026-06-10T15:00:00-04:00", &["status"]);
    assert_eq!(out, "pre-load 1:00:00 left · 14/64 oz today\n");
}

#[test]
fn during_a_workout_the_line_shows_its_clock_and_the_sip() {
    let mut env = Env::new();
    at(
        &mut env,
        "2026-06-10T07:00:00-04:00",
        &["workout", "start", "run", "--intensity", "moderate"],
    );
    at(&mut env, "2026-06-10T07:10:00-04:00", &["drink", "10oz"]);
    let out = at(&mut env, "2026-06-10T07:13:20-04:00", &["status"]);
    assert_eq!(out, "run 0:13 · sip in 6:40 · 10/64 oz\n");
    let out = at(&mut env, "2026-06-10T07:32:00-04:00", &["status"]);
    assert_eq!(out, "run 0:32 · sip due · 10/64 oz\n");
    let out = at(
        &mut env,
        "2026-06-10T07:32:00-04:00",
        &["status", "--format", "line"],
    );
    assert_eq!(out, "run 0:32 · sip due · 10/64 oz\n");
    // 20 oz more in 13 minutes is past the session's estimated sweat loss:
    // the sip prompt stops and a warning shows.
    at(&mut env, "2026-06-10T07:33:00-04:00", &["drink", "20oz"]);
    let out = at(&mut env, "2026-06-10T07:34:00-04:00", &["status"]);
    assert_eq!(out, "run 0:34 · sports drink in 26:00 · 30/64 oz · ⚠ 1\n");
    // Past the hour: the sports drink is due once, then the sip leads again.
    let out = at(&mut env, "2026-06-10T08:00:00-04:00", &["status"]);
    assert_eq!(out, "run 1:00 · sports drink due · 30/64 oz · ⚠ 1\n");
}

#[test]
fn json_has_now_today_workout_timers_and_warnings() {
    let mut env = Env::new();
    let v = status_json(&mut env, "2026-06-10T08:00:00-04:00");
    assert_eq!(v["now"], "2026-06-10T08:00:00-04:00");
    assert_eq!(v["today"]["intake_ml"], 0);
    assert_eq!(v["today"]["goal_ml"], 1893);
    assert!(v["workout"].is_null());
    assert_eq!(v["warnings"].as_array().unwrap().len(), 0);

    at(
        &mut env,
        "2026-06-10T07:00:00-04:00",
        &[
            "workout",
            "start",
            "ride",
            "--intensity",
            "hard",
            "--heat",
            "hot",
        ],
    );
    at(&mut env, "2026-06-10T07:05:00-04:00", &["drink", "300ml"]);
    let v = status_json(&mut env, "2026-06-10T07:20:00-04:00");
    assert_eq!(v["today"]["intake_ml"], 300);
    assert_eq!(v["workout"]["activity"], "ride");
    assert_eq!(v["workout"]["started"], "2026-06-10T07:00:00-04:00");
    assert_eq!(v["workout"]["elapsed_secs"], 1200);
    let timers = v["timers"].as_array().unwrap();
    let sip = timers.iter().find(|t| t["kind"] == "sip").unwrap();
    for key in [
        "kind",
        "state",
        "due",
        "secs_left",
        "target_ml",
        "done_ml",
        "message",
    ] {
        assert!(sip.get(key).is_some(), "sip has no {key}: {sip}");
    }
    assert_eq!(sip["state"], "open");
    assert_eq!(sip["due"], "2026-06-10T07:25:00-04:00");
    assert_eq!(sip["secs_left"], 300);
    assert_eq!(sip["target_ml"], 296);
    // Hot and hard: the sports drink was due from the start; 20 min on it is
    // standing advice, behind the sip, which is most urgent.
    let sports = timers.iter().find(|t| t["kind"] == "sports-drink").unwrap();
    assert_eq!(sports["state"], "active");
    assert_eq!(timers[0]["kind"], "sip");
}

#[test]
fn past_the_hourly_limit_the_line_says_paused_and_warns() {
    let mut env = Env::new();
    // Hard and hot since 06:00: the 1300 ml is still under the session's
    // sweat estimate, so it is the hourly limit that pauses the sip.
    at(
        &mut env,
        "2026-06-10T06:00:00-04:00",
        &[
            "workout",
            "start",
            "run",
            "--intensity",
            "hard",
            "--heat",
            "hot",
        ],
    );
    at(&mut env, "2026-06-10T07:10:00-04:00", &["drink", "700ml"]);
    at(&mut env, "2026-06-10T07:30:00-04:00", &["drink", "600ml"]);
    let out = at(&mut env, "2026-06-10T07:45:00-04:00", &["status"]);
    assert!(out.starts_with("run 1:45 · "), "{out}");
    assert!(out.contains("paused"), "{out}");
    assert!(!out.contains("due"), "{out}");
    assert!(out.contains('⚠'), "{out}");
    let v = status_json(&mut env, "2026-06-10T07:45:00-04:00");
    assert_eq!(v["last_hour_ml"], 1300);
    let warnings = v["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w.as_str().unwrap().contains("hyponatremia")),
        "{warnings:?}"
    );
}

#[test]
fn status_reads_only_the_recent_files() {
    let mut env = Env::new();
    at(&mut env, "2026-06-10T07:00:00-04:00", &["drink", "10oz"]);
    // A broken file from years ago: a full load would report it.
    std::fs::write(env.device_dir().join("2019-01.jsonl"), "not json\n").unwrap();
    env.now = "2026-06-10T08:00:00-04:00".into();
    let out = env.run(&["status"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "10/64 oz today\n");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "old file was read"
    );
    // While `list --all`, which reads everything, does see it.
    let out = env.run(&["list", "--all"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("2019-01.jsonl"));
}

#[test]
fn plan_prints_the_pre_load_deadline_from_the_rules() {
    let mut env = Env::new();
    let out = at(
        &mut env,
        "2026-06-10T10:00:00-04:00",
        &["plan", "run", "--at", "18:00"],
    );
    assert!(
        out.contains(
            "pre-load: about 20 oz by 16:00 today (general information, not medical advice)"
        ),
        "{out}"
    );
    // A plan too close for its pre-load points to the top-up instead.
    let out = at(
        &mut env,
        "2026-06-10T17:00:00-04:00",
        &["plan", "ride", "--at", "18:30"],
    );
    assert!(
        out.contains(
            "pre-load: its deadline (16:30 today) has passed; top-up 8-10 oz from 18:00 today"
        ),
        "{out}"
    );
}

/// Days from 01:00 on the night New York's clocks go back (01:00-02:00 is
/// read twice): the day starts at the first 01:00, so a drink at 01:10
/// EDT is today's, as every report counts it. The start was taken an hour
/// late (chrono's `Local` gives the two readings in the wrong order), and
/// the drink fell out of today's intake.
#[test]
fn a_day_starting_in_the_hour_read_twice_starts_at_its_first_pass() {
    let mut env = Env::new();
    env.write_config("day_start_hour = 1\n");
    let now = "2026-11-01T01:50:00-05:00";
    at(
        &mut env,
        now,
        &["drink", "300ml", "--at", "2026-11-01T01:10:00-04:00"],
    );
    at(&mut env, now, &["drink", "200ml"]);
    let s = status_json(&mut env, now);
    assert_eq!(s["today"]["intake_ml"], 500, "{s}");
    let day = at(
        &mut env,
        now,
        &["report", "--since", "1d", "--format", "json"],
    );
    let day: serde_json::Value = serde_json::from_str(&day).unwrap();
    let last = day["days"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["date"].clone(), last["intake_ml"].clone()),
        ("2026-11-01".into(), 500.into())
    );
}
