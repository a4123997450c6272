//! `crampwatch report` through the built binary, on a fixture week.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;
use tempfile::TempDir;

const NOW: &str = "2026-11-28T15:00:00-05:00";

fn cw(home: &Path) -> Command {
    let mut c = Command::cargo_bin("crampwatch").unwrap();
    c.env_clear()
        .env("HOME", home)
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("share"))
        .env("CRAMPWATCH_DATA_DIR", home.join("data"))
        .env("CRAMPWATCH_CONFIG", home.join("config.toml"))
        .env("CRAMPWATCH_NOW", NOW)
        .env("TZ", "America/New_York")
        .env("NO_COLOR", "1");
    c
}

fn run(home: &Path, args: &[&str]) -> String {
    let out = cw(home).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Week 2026-W48 (Mon 23 - Sun 29 Nov), seen on Saturday 28th at 15:00,
/// with a 2 litre goal and a diuretic in the profile.
fn fixture() -> TempDir {
    let home = TempDir::new().unwrap();
    let h = home.path();
    std::fs::write(
        h.join("config.toml"),
        "units = \"ml\"\ndaily_goal = \"2l\"\n[profile]\ndiuretics = true\n",
    )
    .unwrap();
    for args in [
        // Last week: one cramp at rest.
        &[
            "cramp",
            "hamstring",
            "--severity",
            "3",
            "--at",
            "2026-11-16 20:00",
            "--context",
            "rest",
        ][..],
        // Tuesday: a run, a tied calf cramp after it, 500 ml at 03:59 on Wednesday.
        &[
            "workout",
            "add",
            "run",
            "--from",
            "2026-11-24 18:00",
            "--to",
            "2026-11-24 19:00",
            "--intensity",
            "hard",
        ],
        &[
            "cramp",
            "calf",
            "--severity",
            "6",
            "--duration",
            "2m",
            "--at",
            "2026-11-24 22:00",
            "--context",
            "after",
            "--note",
            "left | right?",
        ],
        &["drink", "500ml", "--at", "2026-11-25 03:59"],
        &["drink", "300ml", "--at", "2026-11-25 04:00"],
        // 02:30 on Thursday: Wednesday's night, not tied, with swelling.
        &[
            "cramp",
            "calf",
            "--severity",
            "4",
            "--duration",
            "1m",
            "--at",
            "2026-11-26 02:30",
            "--context",
            "night",
            "--swelling",
        ],
        &["drink", "1100ml", "--at", "2026-11-27 10:00"],
        &["drink", "1000ml", "--at", "2026-11-27 16:00"],
    ] {
        run(h, args);
    }
    home
}

#[test]
fn json_has_the_figures_of_each_day_and_the_week() {
    let home = fixture();
    let out = run(
        home.path(),
        &["report", "--week", "2026-W48", "--format", "json"],
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["period"]["first"], "2026-11-23");
    assert_eq!(v["period"]["last"], "2026-11-29");
    assert_eq!(v["period"]["week"], "2026-W48");
    let days = v["days"].as_array().unwrap();
    assert_eq!(days.len(), 7);
    let day = |d: &str| days.iter().find(|x| x["date"] == d).unwrap();
    let tue = day("2026-11-24");
    assert_eq!(tue["cramps"], 1);
    assert_eq!(tue["cramps_untied"], 0);
    assert_eq!(tue["intake_ml"], 500, "03:59 belongs to Tuesday");
    assert_eq!(tue["goal_ml"], 2000);
    assert_eq!(tue["workout_minutes"], 60);
    let wed = day("2026-11-25");
    assert_eq!(wed["cramps"], 1);
    assert_eq!(wed["cramps_untied"], 1);
    assert_eq!(wed["intake_ml"], 300);
    assert_eq!(day("2026-11-27")["intake_ml"], 2100);
    assert_eq!(v["totals"]["cramps"], 2);
    assert_eq!(v["totals"]["intake_ml"], 2900);
    assert_eq!(v["totals"]["days_goal_met"], 1);
    assert_eq!(v["muscles"][0]["muscle"], "calf");
    assert_eq!(v["muscles"][0]["cramps"], 2);
    // The swelling on Thursday's cramp and the untied night cramp raise flags.
    let flag_ids: Vec<&str> = v["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert!(flag_ids.contains(&"red-flag-symptoms"), "{flag_ids:?}");
    assert!(flag_ids.contains(&"not-tied-to-exercise"), "{flag_ids:?}");
    let tue_cramp = &v["cramps"][0];
    assert_eq!(tue_cramp["tied"], true);
    assert_eq!(tue_cramp["snapshot"]["last_workout"]["activity"], "run");
    assert_eq!(tue_cramp["snapshot"]["in_cramp_window"], true);
    assert_eq!(v["cramps"][1]["tied"], false);
    assert_eq!(v["days_since_last_cramp"], 3);
    assert_eq!(v["previous"]["first"], "2026-11-16");
    assert_eq!(v["previous"]["totals"]["cramps"], 1);
    assert_eq!(v["change"]["cramps"], 1);
    assert_eq!(v["change"]["intake_ml"], 2900);
    assert!(v["notice"].as_str().unwrap().contains("not medical advice"));
}

#[test]
fn the_default_is_this_week_and_since_covers_the_days_up_to_today() {
    let home = fixture();
    let this = run(home.path(), &["report", "--format", "json"]);
    let w48 = run(
        home.path(),
        &["report", "--week", "2026-W48", "--format", "json"],
    );
    assert_eq!(this, w48);

    let out = run(
        home.path(),
        &["report", "--since", "14d", "--format", "json"],
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["period"]["first"], "2026-11-14");
    assert_eq!(v["period"]["last"], "2026-11-28");
    assert_eq!(v["days"].as_array().unwrap().len(), 15);
    assert_eq!(v["totals"]["cramps"], 3);
    assert_eq!(v["period"]["week"], Value::Null);
}

#[test]
fn markdown_has_every_section_for_a_clinician() {
    let home = fixture();
    let md = run(
        home.path(),
        &["report", "--week", "2026-W48", "--format", "markdown"],
    );
    for section in [
        "# Muscle cramp summary: week 2026-W48",
        "## Period",
        "## Cramps",
        "## Flags",
        "## Intake and workouts",
        "## Medication",
    ] {
        assert!(md.contains(section), "missing {section}:\n{md}");
    }
    assert!(
        md.contains("| Tue 24 Nov 22:00 | calf | – | 6 | 2m | after | yes |"),
        "{md}"
    );
    assert!(
        md.contains("| Thu 26 Nov 02:30 | calf | – | 4 | 1m | night | no | swelling |"),
        "{md}"
    );
    assert!(
        md.contains("left \\| right?"),
        "a pipe in a note is escaped: {md}"
    );
    assert!(md.contains("diuretic"), "{md}");
    assert!(md.contains("### What came before each cramp"), "{md}");
    assert!(
        md.contains("- Tue 24 Nov 22:00 (calf): before: 0 ml in 2h"),
        "the context snapshot: {md}"
    );
    assert!(
        md.contains("**Cramps with swelling, redness, weakness or numbness** (see a professional)"),
        "{md}"
    );
    assert!(md.contains("  - Who to see: "), "{md}");
    assert!(md.contains("  - Source: Mayo Clinic"), "{md}");
    assert!(
        md.contains("| run | Tue 24 Nov 18:00 | 60 | hard |"),
        "{md}"
    );
    assert!(md.trim_end().ends_with("their advice for you comes first."));
    assert!(md.matches("not medical advice").count() >= 2);
}

#[test]
fn text_has_charts_and_no_escape_codes() {
    let home = fixture();
    let out = run(home.path(), &["report", "--week", "2026-W48"]);
    assert!(!out.contains('\x1b'), "{out}");
    assert!(out.contains("week 2026-W48"), "{out}");
    assert!(
        out.contains("[see a professional] Cramps with swelling"),
        "{out}"
    );
    // Tuesday: one tied cramp; Wednesday: one not tied; Friday past the goal.
    let line = |p: &str| out.lines().find(|l| l.starts_with(p)).unwrap().to_string();
    assert!(line("Tue 24 Nov").contains("█ "), "{out}");
    assert!(line("Wed 25 Nov").contains("░ "), "{out}");
    assert!(line("Fri 27 Nov").contains("+"), "{out}");
    assert!(line("Fri 27 Nov").contains("2100/2000"), "{out}");
    assert!(
        line("Sun 29 Nov").contains("(ahead)"),
        "the future is blank: {out}"
    );
    assert!(out.contains("not medical advice"));
}

#[test]
fn bad_weeks_are_one_line_errors() {
    let home = fixture();
    for (args, says) in [
        (&["report", "--week", "48"][..], "did you mean 2026-W48?"),
        (&["report", "--week", "2025-W53"], "try 2026-W48"),
        (&["report", "--week", "2026-W50"], "has not started yet"),
        (&["report", "--since", "soon"], "--since"),
    ] {
        let out = cw(home.path()).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
}

#[test]
fn reports_read_the_same_with_and_without_the_cache_and_after_a_past_month_grows() {
    let home = TempDir::new().unwrap();
    let h = home.path();
    let cache = h.join("cache");
    let run_cached = |args: &[&str]| {
        let out = cw(h)
            .env("XDG_CACHE_HOME", &cache)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    // Every format of the last 120 days; `fresh`: each parsed with no cache.
    let formats = |fresh: bool| -> Vec<String> {
        ["text", "markdown", "json"]
            .iter()
            .map(|f| {
                if fresh && cache.exists() {
                    std::fs::remove_dir_all(&cache).unwrap();
                }
                run_cached(&["report", "--since", "120d", "--format", f])
            })
            .collect()
    };
    run_cached(&["demo", "--days", "120", "--seed", "7"]);
    let cold = formats(true);
    assert!(cache.exists(), "a report writes the parse cache");
    assert_eq!(
        formats(false),
        cold,
        "a report from the cache reads the same"
    );

    // A cramp synced into a past, already cached month: the cache of that
    // month no longer matches its file, so the report shows the cramp.
    let device = std::fs::read_dir(h.join("data/journal"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let september = device.join("2026-09.jsonl");
    let line = std::fs::read_to_string(&september)
        .unwrap()
        .lines()
        .find(|l| l.contains("\"op\":\"add\"") && l.contains("\"type\":\"cramp\""))
        .expect("the demo logs cramps in September")
        .to_string();
    let mut event: Value = serde_json::from_str(&line).unwrap();
    let id = event["id"].as_str().unwrap();
    event["id"] = Value::from(format!("{}ZZZZ", &id[..22]));
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&september)
        .unwrap();
    std::io::Write::write_all(&mut file, format!("{event}\n").as_bytes()).unwrap();
    drop(file);
    let grown = formats(false);
    assert_ne!(grown, cold, "the synced cramp shows");
    assert_eq!(formats(true), grown, "the same as parsed afresh");
}
