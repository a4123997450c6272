//! Every import path refuses a bad value with the message the command line
//! gives, because every one goes through `Change::check`: a JSON export, a
//! CSV sheet, a device file, and the CLI itself, each against the message
//! `Change::check` makes for the same value.

use assert_cmd::Command;
use crampwatch::domain::change::Change;
use crampwatch::domain::entry::{Body, Drink, Heat, Intensity, Time, Workout};
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

/// What a run printed (both streams), after checking that it failed.
fn refused(home: &Path, args: &[&str]) -> String {
    let out = cw(home).args(args).output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.status.success(), "{args:?} was accepted: {text}");
    text
}

fn t(s: &str) -> Time {
    Time::parse_from_rfc3339(s).unwrap()
}

fn message(at: &str, body: Body) -> String {
    Change::Add { at: t(at), body }.check(&t(at)).unwrap_err()
}

fn long_note() -> String {
    "x".repeat(2001)
}

fn drink_with_long_note() -> Body {
    Body::Drink(Drink {
        ml: 300,
        kind: Default::default(),
        sodium_mg: None,
        note: Some(long_note()),
    })
}

#[test]
fn a_note_too_long_is_refused_alike_from_the_cli_a_csv_and_a_json_export() {
    let home = TempDir::new().unwrap();
    let why = message("2026-11-27T09:00:00-05:00", drink_with_long_note());
    assert!(why.contains("2001 characters"), "{why}");
    let note = long_note();

    let cli = refused(home.path(), &["drink", "300ml", "--note", &note]);
    assert!(cli.contains(&why), "the CLI: {cli}");

    let csv = home.path().join("a.csv");
    std::fs::write(
        &csv,
        format!("type,at,ml,note\ndrink,2026-11-27 09:00,300,{note}\n"),
    )
    .unwrap();
    let out = refused(home.path(), &["import", csv.to_str().unwrap()]);
    assert!(out.contains(&format!("row 2: {why}")), "the CSV: {out}");

    let json = home.path().join("a.json");
    let doc = serde_json::json!({
        "format": "crampwatch-export",
        "version": 1,
        "exported": NOW,
        "entries": [{
            "id": "01KB0000000000000000000001",
            "at": "2026-11-27T09:00:00-05:00",
            "logged": "2026-11-27T09:00:00-05:00",
            "type": "drink",
            "ml": 300,
            "kind": "water",
            "note": note,
        }],
    });
    std::fs::write(&json, doc.to_string()).unwrap();
    let out = refused(home.path(), &["import", json.to_str().unwrap()]);
    assert!(
        out.contains(&format!("entry 01KB0000000000000000000001: {why}")),
        "the JSON export: {out}"
    );
}

#[test]
fn a_session_over_a_day_is_refused_alike_from_the_cli_a_csv_and_a_gpx() {
    let home = TempDir::new().unwrap();
    let at = "2026-11-26T08:00:00-05:00";
    let why = message(
        at,
        Body::Workout(Workout {
            activity: "run".into(),
            end: Some(t("2026-11-27T14:00:00-05:00")),
            intensity: Intensity::Moderate,
            heat: Heat::Mild,
            new: false,
            note: None,
        }),
    );
    assert!(why.contains("more than 24 hours"), "{why}");

    let cli = refused(
        home.path(),
        &[
            "workout",
            "add",
            "run",
            "--from",
            "2026-11-26 08:00",
            "--to",
            "2026-11-27 14:00",
        ],
    );
    assert!(cli.contains(&why), "the CLI: {cli}");

    let csv = home.path().join("b.csv");
    std::fs::write(
        &csv,
        "type,at,activity,end\nworkout,2026-11-26 08:00,run,2026-11-27 14:00\n",
    )
    .unwrap();
    let out = refused(home.path(), &["import", csv.to_str().unwrap()]);
    assert!(out.contains(&format!("row 2: {why}")), "the CSV: {out}");

    let gpx = home.path().join("long.gpx");
    std::fs::write(
        &gpx,
        r#"<?xml version="1.0"?>
<gpx version="1.1" creator="test"><trk><name>long</name><type>running</type><trkseg>
<trkpt lat="40.0" lon="-74.0"><time>2026-11-26T13:00:00Z</time></trkpt>
<trkpt lat="40.1" lon="-74.0"><time>2026-11-27T19:00:00Z</time></trkpt>
</trkseg></trk></gpx>"#,
    )
    .unwrap();
    let out = refused(home.path(), &["import", gpx.to_str().unwrap()]);
    assert!(out.contains(&why), "the GPX: {out}");
}
