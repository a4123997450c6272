//! The safety promises, from the binary: each scenario of issue 11 as a user
//! would type it. Now is pinned to Saturday 2026-11-28 14:30 in New York.

mod common;

use common::Env;
use serde_json::Value;

/// The timers of `status --format json`.
fn status(env: &Env) -> Value {
    serde_json::from_str(&env.ok(&["status", "--format", "json"])).unwrap()
}

fn timer<'a>(s: &'a Value, kind: &str) -> Option<&'a Value> {
    s["timers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["kind"] == kind)
}

/// Every ask of every timer is within 1.2 l per hour of its window.
fn assert_asks_within_the_hourly_rate(s: &Value) {
    for t in s["timers"].as_array().unwrap() {
        let Some(ask) = t.get("ask").filter(|a| !a.is_null()) else {
            continue;
        };
        let at = |k: &str| chrono::DateTime::parse_from_rfc3339(ask[k].as_str().unwrap()).unwrap();
        let hours = ((at("by") - at("from")).num_seconds() as f64 / 3600.0).max(1.0);
        let max = ask["max_ml"].as_f64().unwrap();
        assert!(max <= 1200.0 * hours, "{t}");
    }
}

#[test]
fn a_bare_79_after_an_80_kg_weighing_is_read_as_kg_never_as_a_55_litre_target() {
    let env = Env::new();
    env.log(&["weight", "80kg", "--at", "12:00"]);
    env.log(&[
        "workout",
        "add",
        "run",
        "--from",
        "12:10",
        "--to",
        "13:40",
        "--intensity",
        "hard",
        "--heat",
        "hot",
    ]);
    // Bare, 79 is read in the unit that fits the earlier weighing: kg, not lb.
    let out = env.quiet(&["weight", "79", "--at", "13:45"]);
    assert!(out.contains("weight 79.0 kg"), "{out}");
    let s = status(&env);
    let r = timer(&s, "rehydrate").unwrap();
    // 1 kg lost: 1250-1500 ml, over the hours from now (14:30) to 17:40.
    assert_eq!(r["ask"]["max_ml"], 1500, "{r}");
    // Said in the unit the user weighs in, though drinks are in oz.
    let msg = r["message"].as_str().unwrap();
    assert!(msg.contains("(1.0 kg lost; "), "{msg}");
    assert_asks_within_the_hourly_rate(&s);
    // A typo far from both units is refused, and --force keeps it.
    let err = env.refused(&["weight", "70", "--at", "13:50"]);
    assert!(err.contains("not plausible"), "{err}");
    assert!(err.contains("--force"), "{err}");
    env.log(&["weight", "70", "--at", "13:50", "--force"]);
}

#[test]
fn a_forced_absurd_weighing_is_kept_but_never_drives_a_target() {
    let env = Env::new();
    env.log(&["weight", "170kg", "--at", "12:00"]);
    env.log(&["workout", "add", "run", "--from", "12:10", "--to", "13:40"]);
    let err = env.refused(&["weight", "70kg", "--at", "13:45"]);
    assert!(err.contains("not plausible"), "{err}");
    // The user insists: it is saved, and the timers set the pair aside.
    env.log(&["weight", "70kg", "--at", "13:45", "--force"]);
    let s = status(&env);
    let r = timer(&s, "rehydrate").unwrap();
    assert!(
        r["ask"].is_null(),
        "no target from an implausible pair: {r}"
    );
    assert!(r["message"].as_str().unwrap().contains("to thirst"), "{r}");
    let warnings = s["warnings"].to_string();
    assert!(warnings.contains("set aside"), "{warnings}");
    assert!(!s.to_string().contains("1867"), "{s}");
}

#[test]
fn a_four_percent_loss_gets_advice_and_a_target_spread_within_the_hourly_rate() {
    let env = Env::new();
    env.log(&["weight", "80kg", "--at", "12:00"]);
    env.log(&[
        "workout",
        "add",
        "run",
        "--from",
        "12:10",
        "--to",
        "14:10",
        "--intensity",
        "hard",
    ]);
    env.log(&["weight", "76.8kg", "--at", "14:15"]);
    let s = status(&env);
    let warnings = s["warnings"].to_string();
    assert!(warnings.contains("that is a lot"), "{warnings}");
    assert!(warnings.contains("medical advice"), "{warnings}");
    let r = timer(&s, "rehydrate").unwrap();
    // The target is computed from 3% of 80 kg (2.4 kg), not the 3.2 kg lost:
    // at most 2.4 x 1500 = 3600 ml, never the 4800 a 3.2 kg loss would ask.
    assert!(r["ask"]["max_ml"].as_u64().unwrap() <= 3600, "{r}");
    assert_asks_within_the_hourly_rate(&s);
}

#[test]
fn one_kg_lost_first_looked_at_three_hours_later_is_spread_over_more_hours() {
    let mut env = Env::new();
    env.log(&["weight", "70kg", "--at", "10:00"]);
    env.log(&["workout", "add", "run", "--from", "10:10", "--to", "11:10"]);
    env.log(&["weight", "69kg", "--at", "11:15"]);
    // 14:10: the 4 h spread ends at 15:10, an hour away; 1250-1500 ml
    // can't fit in one hour at 1.2 l/h, so the window stretches.
    env.now = "2026-11-28T14:10:00-05:00".into();
    let s = status(&env);
    let r = timer(&s, "rehydrate").unwrap();
    let msg = r["message"].as_str().unwrap();
    assert!(msg.contains("spread over the hours"), "{msg}");
    assert!(!msg.contains("by 15:10"), "{msg}");
    assert!(
        msg.contains("by 15:25"),
        "1500 ml at 1.2 l/h is 1 h 15 min: {msg}"
    );
    assert_asks_within_the_hourly_rate(&s);
}

#[test]
fn a_big_drink_now_does_not_pause_a_top_up_hours_away() {
    let mut env = Env::new();
    env.now = "2026-11-28T07:20:00-05:00".into();
    env.log(&["plan", "run", "--at", "10:00", "--minutes", "60"]);
    env.log(&["drink", "48oz"]);
    let s = status(&env);
    let t = timer(&s, "topup").unwrap();
    let msg = t["message"].as_str().unwrap();
    assert_eq!(msg, "top-up 8-10 oz 09:30-09:40", "{t}");
}

#[test]
fn twenty_five_minutes_before_a_run_the_status_line_leads_with_the_top_up() {
    let env = Env::new();
    env.log(&["plan", "run", "--at", "14:55", "--minutes", "60"]);
    let line = env.ok(&["status"]);
    assert!(line.starts_with("top-up due"), "{line}");
    assert!(!line.contains("pre-load overdue"), "{line}");
}

#[test]
fn a_plan_whose_top_up_has_begun_says_now_not_a_past_time() {
    let env = Env::new();
    let out = env.ok(&["plan", "run", "--at", "14:55"]);
    assert!(out.contains("from now"), "{out}");
    assert!(!out.contains("14:25"), "{out}");
}

#[test]
fn a_cramp_with_a_red_flag_gets_advice_at_once_and_a_plain_one_does_not() {
    let env = Env::new();
    let plain = env.quiet(&["cramp", "calf", "--duration", "2m", "--context", "rest"]);
    assert!(!plain.contains('⚠'), "{plain}");
    let swelling = env.quiet(&["cramp", "calf", "--swelling", "--context", "rest"]);
    assert!(swelling.contains("see a doctor"), "{swelling}");
    assert!(swelling.contains("NHS"), "{swelling}");
    let long = env.quiet(&["cramp", "calf", "--duration", "12m", "--context", "rest"]);
    assert!(long.contains("urgent medical advice"), "{long}");
    for s in ["--numbness", "--weakness", "--redness"] {
        let out = env.quiet(&["cramp", "hamstring", s, "--context", "rest"]);
        assert!(out.contains("see a doctor"), "{s}: {out}");
    }
}

#[test]
fn the_drink_that_passes_the_hourly_limit_warns_at_once() {
    let env = Env::new();
    let first = env.run(&["drink", "1.5l"]);
    assert!(first.status.success());
    // 1.5 l alone is already past 1.2 l in the hour.
    let err = String::from_utf8_lossy(&first.stderr);
    assert!(
        err.contains("warning:") && err.contains("hyponatremia"),
        "{err}"
    );
    let second = env.run(&["drink", "1l"]);
    assert!(second.status.success());
    let err = String::from_utf8_lossy(&second.stderr);
    assert!(err.contains("past what the gut absorbs"), "{err}");
    // A glass logged for two hours ago is not in that hour: nothing said.
    let out = env.run(&["drink", "10oz", "--at", "-2h"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    // A normal glass says nothing.
    let env = Env::new();
    let out = env.run(&["drink", "10oz"]);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn drinking_past_a_sessions_sweat_estimate_warns_on_the_drink() {
    let mut env = Env::new();
    env.now = "2026-11-28T14:00:00-05:00".into();
    env.log(&[
        "workout",
        "start",
        "walk",
        "--intensity",
        "easy",
        "--heat",
        "cool",
        "--at",
        "13:30",
    ]);
    // Easy and cool: about 400 ml/h, so 200 ml in 30 min.
    env.log(&["drink", "8oz", "--at", "13:40"]);
    let out = env.run(&["drink", "8oz"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("estimated sweat loss"), "{err}");
}

/// Drinks logged afterwards for a finished session warn of its sweat loss
/// passed; a glass now, which has no part in it, does not repeat it.
#[test]
fn the_warning_goes_with_the_drink_that_made_it() {
    let env = Env::new();
    env.log(&[
        "workout",
        "add",
        "walk",
        "--from",
        "11:00",
        "--to",
        "12:00",
        "--intensity",
        "easy",
        "--heat",
        "cool",
    ]);
    let out = env.run(&["drink", "600ml", "--at", "11:20"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("estimated sweat loss"), "{err}");
    let out = env.run(&["drink", "600ml", "--at", "11:40"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("estimated sweat loss"), "{err}");
    let out = env.run(&["drink", "200ml"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn an_edited_weight_meets_the_same_plausibility_check() {
    let env = Env::new();
    env.log(&["weight", "80kg", "--at", "07:00"]);
    let id = env.log(&["weight", "79.5kg", "--at", "09:00"]);
    // Edited to a value no body changes to in two hours: refused, unchanged.
    let err = env.refused(&["edit", &id, "--weight", "60kg"]);
    assert!(err.contains("not plausible"), "{err}");
    // A real correction passes; --force keeps a deliberate outlier.
    env.quiet(&["edit", &id, "--weight", "79kg"]);
    env.quiet(&["edit", &id, "--weight", "60kg", "--force"]);
    let drink = env.log(&["drink", "10oz"]);
    let err = env.refused(&["edit", &drink, "--force"]);
    assert!(err.contains("force"), "{err}");
}
