//! `crampwatch medication` through the built binary: start, stop, list, edit,
//! undo, export and import, refusals, and the flag's evidence with the dates.

mod common;

use common::Env;
use serde_json::Value;

fn list(env: &Env) -> Vec<String> {
    env.quiet(&["medication"])
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn a_medicine_started_and_stopped_is_listed_as_past_with_its_dates() {
    let env = Env::new();
    assert!(list(&env)[0].starts_with("no medicines logged"));
    let start = env.log(&[
        "medication",
        "start",
        "Atorvastatin",
        "--class",
        "statin",
        "--dose",
        "20 mg at night",
        "--at",
        "2026-08-03",
    ]);
    let furo = env.log(&[
        "medication",
        "start",
        "furosemide",
        "--class",
        "diuretic",
        "--at",
        "2026-10-26 09:00",
    ]);
    // The name is matched whatever its case; the stop keeps the start's class.
    let stop = env.log(&["medication", "stop", "atorvastatin", "--at", "2026-11-16"]);
    assert_eq!(
        list(&env),
        [
            "current:".to_string(),
            format!("  furosemide (diuretic) · since 2026-10-26 · id {furo}"),
            "past:".to_string(),
            format!(
                "  Atorvastatin (statin) 20 mg at night · 2026-08-03 to 2026-11-16 · id {start}, {stop}"
            ),
        ]
    );
    let stopped = env.entry(&stop).unwrap();
    assert_eq!(stopped["type"], "medication");
    assert_eq!(stopped["action"], "stop");
    assert_eq!(stopped["class"], "statin");
    assert_eq!(
        stopped["at"], "2026-11-16T08:00:00-05:00",
        "a bare date is that morning"
    );
}

#[test]
fn a_new_dose_without_a_class_keeps_the_medicine_a_statin() {
    let env = Env::new();
    let first = env.log(&[
        "medication",
        "start",
        "Atorvastatin",
        "--class",
        "statin",
        "--at",
        "2026-11-20",
    ]);
    let again = env.log(&[
        "medication",
        "start",
        "atorvastatin",
        "--dose",
        "40 mg",
        "--at",
        "2026-11-25",
    ]);
    assert_eq!(env.entry(&again).unwrap()["class"], "statin");
    assert_eq!(
        list(&env),
        [
            "current:".to_string(),
            format!("  atorvastatin (statin) 40 mg · since 2026-11-25 · id {again}"),
            "past:".to_string(),
            format!("  Atorvastatin (statin) · 2026-11-20 to 2026-11-25 · id {first}"),
        ]
    );
    // A class given says so, and one never given stays unknown.
    let other = env.log(&["medication", "start", "atorvastatin", "--class", "other"]);
    assert_eq!(env.entry(&other).unwrap()["class"], "other");
    let new = env.log(&["medication", "start", "magnesium"]);
    assert_eq!(env.entry(&new).unwrap().get("class"), None);
}

#[test]
fn mistakes_are_refused_with_one_line_and_no_change() {
    let env = Env::new();
    env.log(&["medication", "start", "furosemide", "--at", "2026-11-01"]);
    let e = env.refused(&["medication", "stop", "aspirin"]);
    assert_eq!(
        e,
        "error: 'aspirin' is not a current medicine; current: furosemide"
    );
    let e = env.refused(&["medication", "stop", "furosemide", "--at", "2026-10-01"]);
    assert!(e.contains("the stop must come after it"), "{e}");
    env.refused(&["medication", "start", "  "]);
    env.refused(&["medication", "start", "x", "--class", "antibiotic"]);
    env.refused(&["medication", "start", "x", "--at", "2027-01-01"]);
    env.refused(&["medication", "start", "x", "--at", "yesterday 25:00"]);
    let long = "9".repeat(81);
    env.refused(&["medication", "start", "x", "--dose", &long]);
    env.refused(&["medication", "start", "bad\u{1b}[31mname"]);
}

#[test]
fn a_medicine_can_be_edited_deleted_and_its_stop_undone() {
    let env = Env::new();
    let id = env.log(&[
        "medication",
        "start",
        "furosemide",
        "--class",
        "diuretic",
        "--at",
        "2026-11-01",
    ]);
    env.log(&["medication", "stop", "furosemide", "--at", "2026-11-20"]);
    assert!(
        list(&env)
            .iter()
            .any(|l| l.contains("2026-11-01 to 2026-11-20"))
    );

    env.quiet(&["undo"]);
    assert!(
        list(&env).iter().any(|l| l.contains("since 2026-11-01")),
        "the stop undone: taken again"
    );

    env.quiet(&[
        "edit",
        &id,
        "--dose",
        "40 mg",
        "--class",
        "other",
        "--medicine",
        "Lasix",
        "--note",
        "from Dr. B",
    ]);
    let e = env.entry(&id).unwrap();
    assert_eq!(
        (
            e["name"].as_str(),
            e["class"].as_str(),
            e["dose"].as_str(),
            e["note"].as_str()
        ),
        (
            Some("Lasix"),
            Some("other"),
            Some("40 mg"),
            Some("from Dr. B")
        )
    );
    let refused = env.refused(&["edit", &id, "--severity", "3"]);
    assert!(
        refused.contains("--severity does not apply to a medication entry"),
        "{refused}"
    );
    env.refused(&["edit", &id, "--dose", &"x".repeat(81)]);

    env.quiet(&["undo"]);
    assert_eq!(
        env.entry(&id).unwrap()["name"],
        "furosemide",
        "the edit undone"
    );
    env.quiet(&["delete", &id]);
    assert!(list(&env)[0].starts_with("no medicines logged"));
}

#[test]
fn medicines_survive_export_and_import_in_json_and_csv() {
    let env = Env::new();
    env.log(&[
        "medication",
        "start",
        "furosemide",
        "--class",
        "diuretic",
        "--dose",
        "20 mg, \"morning\"",
        "--at",
        "2026-10-01",
        "--note",
        "=1+1",
    ]);
    env.log(&["medication", "stop", "furosemide", "--at", "2026-11-01"]);
    env.log(&["medication", "start", "atorvastatin", "--at", "2026-11-02"]);
    let entries = env.entries();
    for format in ["json", "csv"] {
        let file = env.root().join(format!("export.{format}"));
        std::fs::write(&file, env.ok(&["export", "--format", format])).unwrap();
        let other = Env::new();
        other.quiet(&["import", file.to_str().unwrap()]);
        let strip = |v: Vec<Value>| -> Vec<Value> {
            v.into_iter()
                .map(|mut e| {
                    e.as_object_mut().unwrap().remove("logged");
                    e
                })
                .collect()
        };
        assert_eq!(strip(other.entries()), strip(entries.clone()), "{format}");
        assert_eq!(list(&other), list(&env), "{format}");
    }
}

#[test]
fn the_flag_names_the_medicine_and_its_start_as_evidence() {
    let env = Env::new();
    // The journal reaches back well before the start: no cramp in the 8 weeks before it.
    env.log(&["drink", "300ml", "--at", "2026-08-01 09:00"]);
    let start = env.log(&[
        "medication",
        "start",
        "furosemide",
        "--class",
        "diuretic",
        "--at",
        "2026-11-10",
    ]);
    let cramp = env.log(&[
        "cramp",
        "calf",
        "--context",
        "night",
        "--at",
        "2026-11-20 03:00",
    ]);
    let flags: Value = serde_json::from_str(&env.quiet(&["flags", "--format", "json"])).unwrap();
    let flag = flags
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "medication")
        .expect("the medication flag");
    assert_eq!(flag["title"], "Cramps began after starting furosemide");
    let ids: Vec<&str> = flag["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["entry_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [start.as_str(), cramp.as_str()]);
    assert!(
        flag["evidence"][0]["summary"]
            .as_str()
            .unwrap()
            .starts_with("Tue 10 Nov 2026 08:00 · medication start furosemide")
    );
    assert!(
        flag["why"]
            .as_str()
            .unwrap()
            .contains("was started on Tue 10 Nov 2026"),
        "{}",
        flag["why"]
    );
}

#[test]
fn a_hand_made_sheet_of_medicines_is_checked_row_by_row() {
    let env = Env::new();
    let sheet = env.root().join("meds.csv");
    std::fs::write(
        &sheet,
        "type,at,medicine,med_action,med_class,dose\n\
         medication,2026-10-01 08:00,furosemide,start,diuretic,20 mg\n\
         medication,2026-10-02 08:00,,start,,\n\
         medication,2026-10-03 08:00,aspirin,pause,antibiotic,\n",
    )
    .unwrap();
    let out = env.run(&["import", sheet.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let e = String::from_utf8(out.stderr).unwrap();
    assert!(e.contains("row 3: medicine is empty but needed"), "{e}");
    assert!(e.contains("nothing imported"), "{e}");
    assert!(list(&env)[0].starts_with("no medicines logged"));
    assert!(
        e.contains("med_action 'pause' is not one of start, stop"),
        "{e}"
    );
    let good = env.root().join("good.csv");
    std::fs::write(
        &good,
        "type,at,medicine,med_action\nmedication,2026-10-01 08:00,furosemide,start\n",
    )
    .unwrap();
    env.quiet(&["import", good.to_str().unwrap()]);
    assert!(
        list(&env)
            .iter()
            .any(|l| l.contains("furosemide (other) · since 2026-10-01"))
    );
}

/// A clinician reading any report sees the medicines taken on its days (a
/// statin or a diuretic is a question they ask about cramps), not only the
/// profile's two switches.
#[test]
fn every_report_names_the_medicines_taken_on_its_days() {
    let env = Env::new();
    let none = env.quiet(&["report", "--format", "markdown"]);
    assert!(
        none.contains(
            "## Medication\n\nNone logged for these days, and none noted in the profile.\n"
        ),
        "{none}"
    );
    env.log(&[
        "medication",
        "start",
        "Atorvastatin",
        "--class",
        "statin",
        "--dose",
        "20 mg",
        "--at",
        "2026-08-03",
    ]);
    env.log(&["medication", "stop", "atorvastatin", "--at", "2026-11-16"]);
    env.log(&[
        "medication",
        "start",
        "furosemide",
        "--class",
        "diuretic",
        "--at",
        "2026-11-20",
    ]);

    // This week (Mon 23 - Sun 29 Nov): the statin stopped the week before.
    let md = env.quiet(&["report", "--format", "markdown"]);
    assert!(
        md.contains(
            "## Medication\n\n- furosemide (diuretic): started Fri 20 Nov 2026, still taken (logged).\n\n"
        ),
        "{md}"
    );
    assert!(!md.contains("Atorvastatin"), "{md}");
    let text = env.quiet(&["report"]);
    assert!(
        text.contains("\nmedicines   furosemide (diuretic)\n"),
        "{text}"
    );
    let json: Value = serde_json::from_str(&env.quiet(&["report", "--format", "json"])).unwrap();
    assert_eq!(
        json["medicines"],
        serde_json::json!([{
            "name": "furosemide", "class": "diuretic", "dose": null,
            "start": "2026-11-20T08:00:00-05:00", "stop": null
        }])
    );

    // Thirty days back take in the statin's last weeks, with its dose and stop.
    let md = env.quiet(&["report", "--since", "30d", "--format", "markdown"]);
    assert!(
        md.contains(
            "- Atorvastatin (statin), 20 mg: started Mon 3 Aug 2026, stopped Mon 16 Nov 2026 (logged).\n"
        ),
        "{md}"
    );
    let json: Value =
        serde_json::from_str(&env.quiet(&["report", "--since", "30d", "--format", "json"]))
            .unwrap();
    let names: Vec<&str> = json["medicines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Atorvastatin", "furosemide"]);
    assert_eq!(json["medicines"][0]["stop"], "2026-11-16T08:00:00-05:00");
}

/// An edit keeps a course in order, as `medication stop` does for a new
/// stop: a stop moved to before its start, or a start moved past its stop,
/// is refused with one line and nothing written.
#[test]
fn an_edit_cannot_move_a_stop_before_its_start_or_a_start_past_its_stop() {
    let env = Env::new();
    let start = env.log(&[
        "medication",
        "start",
        "furosemide",
        "--class",
        "diuretic",
        "--at",
        "2026-11-10",
    ]);
    let stop = env.log(&["medication", "stop", "furosemide", "--at", "2026-11-20"]);
    let before = env.journal_lines();
    let e = env.refused(&["edit", &stop, "--at", "2026-11-01 08:00"]);
    assert_eq!(
        e,
        "error: --at: furosemide started 2026-11-10; the stop must come after it"
    );
    let e = env.refused(&["edit", &start, "--at", "2026-11-25 08:00"]);
    assert_eq!(
        e,
        "error: --at: furosemide stopped 2026-11-20; the start must come before it"
    );
    assert_eq!(env.journal_lines(), before, "nothing written");
    // Within the course, both move (a day alone is that morning, as for
    // `medication start`).
    env.log(&["edit", &stop, "--at", "2026-11-18"]);
    env.log(&["edit", &start, "--at", "2026-11-12 08:00"]);
    assert_eq!(
        list(&env),
        [
            "past:".to_string(),
            format!("  furosemide (diuretic) · 2026-11-12 to 2026-11-18 · id {start}, {stop}"),
        ]
    );
}

/// A course logged from 1 to 20 November: the flag's evidence is the cramp
/// of those days, not the two after the stop.
#[test]
fn the_flag_counts_only_cramps_while_the_medicine_was_taken() {
    let env = Env::new();
    env.log(&[
        "medication",
        "start",
        "furosemide",
        "--class",
        "diuretic",
        "--at",
        "2026-11-01",
    ]);
    env.log(&["cramp", "calf", "--at", "2026-11-10 10:00"]);
    env.log(&["medication", "stop", "furosemide", "--at", "2026-11-20"]);
    env.log(&["cramp", "calf", "--at", "2026-11-25 10:00"]);
    env.log(&["cramp", "calf", "--at", "2026-11-27 10:00"]);
    let flags: Value = serde_json::from_str(&env.quiet(&["flags", "--format", "json"])).unwrap();
    let flag = flags
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "medication")
        .expect("a medication flag");
    let at: Vec<&str> = flag["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["at"].as_str().unwrap())
        .collect();
    assert_eq!(at, ["2026-11-10T10:00:00-05:00"]);
    assert!(
        flag["why"].as_str().unwrap().contains("1 cramp is logged"),
        "{flag}"
    );
}
