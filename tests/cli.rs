//! The built binary on a temporary data dir: every command of the CLI, and
//! every bad input refused with one line and no change to the journal.

mod common;

use common::{Env, ml, snapshot};
use serde_json::Value;

// ---------------------------------------------------------------- logging

#[test]
fn drink_takes_every_amount_form_and_prints_its_id() {
    let env = Env::new();
    let out = env.quiet(&["drink", "10oz"]);
    assert!(
        out.starts_with("saved: drink 10 oz water · 14:30 today · id "),
        "{out}"
    );
    let first = common::saved_id(&out).unwrap();
    let cases: [(&[&str], u64); 6] = [
        (&["drink", "10", "oz"], 296),
        (&["drink", "10 oz"], 296),
        (&["drink", "300ml"], 300),
        (&["drink", "0.5l"], 500),
        (&["drink", "12"], 355), // a bare number is in the display unit (oz)
        (&["drink", "8 OZ"], 237),
    ];
    let mut ids = vec![first.clone()];
    for (args, want) in cases {
        let id = env.log(args);
        let e = env.entry(&id).unwrap();
        assert_eq!(ml(&e), want, "{args:?}");
        assert_eq!(e["type"], "drink");
        ids.push(id);
    }
    assert_eq!(ml(&env.entry(&first).unwrap()), 296);
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "ids are unique: {ids:?}");

    let id = env.log(&[
        "drink",
        "16.9oz",
        "--kind",
        "sports",
        "--sodium",
        "300",
        "--note",
        "after the run",
    ]);
    let e = env.entry(&id).unwrap();
    assert_eq!(e["kind"], "sports");
    assert_eq!(e["sodium_mg"], 300);
    assert_eq!(e["note"], "after the run");
    assert_eq!(ml(&e), 500);
}

#[test]
fn drink_at_every_time_form() {
    let env = Env::new();
    let cases = [
        ("14:00", "2026-11-28T14:00:00-05:00"),
        ("yesterday 21:00", "2026-11-27T21:00:00-05:00"),
        ("2026-11-27 21:00", "2026-11-27T21:00:00-05:00"),
        ("2026-11-27T09:00:00+01:00", "2026-11-27T09:00:00+01:00"),
        ("-2h", "2026-11-28T12:30:00-05:00"),
        ("30m ago", "2026-11-28T14:00:00-05:00"),
    ];
    for (at, want) in cases {
        let id = env.log(&["drink", "8oz", "--at", at]);
        let e = env.entry(&id).unwrap();
        assert_eq!(e["at"], want, "--at {at}");
        assert_eq!(e["logged"], common::NOW, "logged is now");
    }
    let out = env.quiet(&["drink", "8oz", "--at", "yesterday 21:00"]);
    assert!(out.contains("21:00 yesterday"), "{out}");
}

#[test]
fn amounts_show_in_ml_when_the_config_says_so() {
    let env = Env::new();
    env.write_config("units = \"ml\"\n");
    let out = env.quiet(&["drink", "10oz"]);
    assert!(out.starts_with("saved: drink 296 ml water"), "{out}");
    let id = env.log(&["drink", "250"]); // a bare number is now ml
    assert_eq!(ml(&env.entry(&id).unwrap()), 250);
    let list = env.quiet(&["list"]);
    assert!(list.contains("drink 250 ml water"), "{list}");
    assert!(list.contains("drink 296 ml water"), "{list}");
    assert!(!list.contains(" oz"), "{list}");
    // Weights follow: kg alongside ml.
    let out = env.quiet(&["weight", "72.4kg"]);
    assert!(out.contains("weight 72.4 kg"), "{out}");

    // The same journal read with the default (oz) config.
    std::fs::remove_file(env.config_file()).unwrap();
    let list = env.quiet(&["list"]);
    assert!(list.contains("drink 10 oz water"), "{list}");
    assert!(list.contains("drink 8.5 oz water"), "{list}");
    // The first weighing was typed in kg, so weights stay in kg.
    assert!(list.contains("weight 72.4 kg"), "{list}");
}

#[test]
fn workout_start_stop_and_add() {
    let env = Env::new();
    let out = env.quiet(&[
        "workout",
        "start",
        "run",
        "--intensity",
        "hard",
        "--heat",
        "hot",
        "--new",
        "--at",
        "-1h",
    ]);
    assert!(out.contains("workout run hard hot new (running)"), "{out}");
    assert!(out.contains("crampwatch workout stop"), "{out}");
    let id = common::saved_id(&out).unwrap();
    let e = env.entry(&id).unwrap();
    assert_eq!(e["type"], "workout");
    assert_eq!(e["at"], "2026-11-28T13:30:00-05:00");
    assert_eq!(e["intensity"], "hard");
    assert_eq!(e["heat"], "hot");
    assert_eq!(e["new"], true);
    assert!(e.get("end").is_none(), "a running workout has no end: {e}");

    let out = env.quiet(&["workout", "stop", "--at", "14:15"]);
    assert!(out.contains("stopped run after 45 min"), "{out}");
    assert!(out.contains(&id), "stop names the workout's id: {out}");
    let e = env.entry(&id).unwrap();
    assert_eq!(e["end"], "2026-11-28T14:15:00-05:00");
    assert_eq!(env.entries().len(), 1, "stop changes the entry, adds none");

    let id2 = env.log(&[
        "workout",
        "add",
        "ride",
        "--from",
        "07:00",
        "--to",
        "08:30",
        "--intensity",
        "easy",
        "--heat",
        "cool",
    ]);
    let e = env.entry(&id2).unwrap();
    assert_eq!(e["activity"], "ride");
    assert_eq!(e["at"], "2026-11-28T07:00:00-05:00");
    assert_eq!(e["end"], "2026-11-28T08:30:00-05:00");
    assert_eq!(e["intensity"], "easy");
    assert_eq!(e["heat"], "cool");

    // A new workout can start once the last one stopped.
    env.log(&["workout", "start", "swim", "--at", "-5m"]);
    let out = env.quiet(&["workout", "stop"]);
    assert!(out.contains("stopped swim after 5 min"), "{out}");
}

#[test]
fn plan_for_later() {
    let env = Env::new();
    let out = env.quiet(&[
        "plan",
        "run",
        "--at",
        "tomorrow 07:00",
        "--minutes",
        "90",
        "--intensity",
        "hard",
        "--heat",
        "hot",
    ]);
    assert!(out.contains("plan run 90 min hard hot"), "{out}");
    assert!(out.contains("07:00 tomorrow"), "{out}");
    let e = env.entry(&common::saved_id(&out).unwrap()).unwrap();
    assert_eq!(e["type"], "plan");
    assert_eq!(e["at"], "2026-11-29T07:00:00-05:00");
    assert_eq!(e["minutes"], 90);

    let id = env.log(&["plan", "swim", "--at", "+3h"]);
    let e = env.entry(&id).unwrap();
    assert_eq!(e["at"], "2026-11-28T17:30:00-05:00");
    assert_eq!(e["minutes"], 60, "default length");
    let id = env.log(&["plan", "ride", "--at", "18:00"]);
    assert_eq!(env.entry(&id).unwrap()["at"], "2026-11-28T18:00:00-05:00");
}

#[test]
fn cramp_with_every_option() {
    let env = Env::new();
    let out = env.quiet(&[
        "cramp",
        "calf",
        "--side",
        "left",
        "--severity",
        "7",
        "--duration",
        "1m30s",
        "--context",
        "night",
        "--swelling",
        "--redness",
        "--weakness",
        "--numbness",
        "--relief",
        "stretch,massage,heat,cold,topical,rest,pickle-juice",
        "--at",
        "03:10",
        "--note",
        "woke me",
    ]);
    assert!(
        out.contains("cramp calf left, severity 7/10, lasted 1m30s, woke me at night"),
        "{out}"
    );
    let e = env.entry(&common::saved_id(&out).unwrap()).unwrap();
    assert_eq!(e["type"], "cramp");
    assert_eq!(e["muscle"], "calf");
    assert_eq!(e["side"], "left");
    assert_eq!(e["severity"], 7);
    assert_eq!(e["duration_s"], 90);
    assert_eq!(e["context"], "night");
    assert_eq!(e["at"], "2026-11-28T03:10:00-05:00");
    assert_eq!(e["note"], "woke me");
    for s in ["swelling", "redness", "weakness", "numbness"] {
        assert_eq!(e["symptoms"][s], true, "{s}");
    }
    assert_eq!(e["relief"].as_array().unwrap().len(), 7, "{e}");

    // Without --context it is inferred (and the user is told).
    let out = env.quiet(&["cramp", "hamstring", "--duration", "90s"]);
    assert!(out.contains("inferred"), "{out}");
    let e = env.entry(&common::saved_id(&out).unwrap()).unwrap();
    assert_eq!(e["context"], "rest");
    assert_eq!(e["duration_s"], 90);
    env.log(&["workout", "start", "run", "--at", "-10m"]);
    let id = env.log(&["cramp", "foot", "--side", "both", "--duration", "2m"]);
    assert_eq!(env.entry(&id).unwrap()["context"], "during");
}

/// A muscle not in the list is named with `other --name`, as the TUI's form
/// allows, and kept, shown and edited; a name with a listed muscle, or one
/// the gate refuses, changes nothing.
#[test]
fn a_cramp_in_an_other_muscle_has_its_name() {
    let env = Env::new();
    let out = env.quiet(&["cramp", "other", "--name", " forearm ", "--severity", "4"]);
    assert!(
        out.contains("saved: cramp other (forearm), severity 4/10"),
        "{out}"
    );
    let id = common::saved_id(&out).unwrap();
    let e = env.entry(&id).unwrap();
    assert_eq!(
        (&e["muscle"], &e["muscle_name"]),
        (&"other".into(), &"forearm".into())
    );
    assert!(
        env.quiet(&["list"])
            .contains("cramp other (forearm), severity 4/10")
    );
    // The report for a clinician names it too.
    let md = env.quiet(&["report", "--format", "markdown"]);
    assert!(md.contains("| other (forearm) | – | 4 |"), "{md}");

    let before = env.journal_lines();
    let e = env.refused(&["cramp", "calf", "--name", "forearm"]);
    assert_eq!(
        e,
        "error: --name is for a muscle not in the list: crampwatch cramp other --name forearm (or leave --name out for calf)"
    );
    let e = env.refused(&["cramp", "other", "--name", ""]);
    assert_eq!(
        e,
        "error: not saved: an other muscle's name of 1 to 40 characters, like forearm"
    );
    env.refused(&["cramp", "other", "--name", &"x".repeat(41)]);
    let e = env.refused(&["cramp", "other", "--name", "fore\u{1b}[31marm"]);
    assert_eq!(
        e,
        "error: not saved: an other muscle's name cannot hold control characters"
    );
    let e = env.refused(&["cramp", "other", "--name", "Calf"]);
    assert_eq!(
        e,
        "error: not saved: calf is in the list of muscles: log it as calf, not as other"
    );
    env.refused(&["edit", &id, "--muscle", "calf", "--muscle-name", "neck"]);
    assert_eq!(env.journal_lines(), before, "nothing written");

    env.log(&["edit", &id, "--muscle-name", "upper arm"]);
    assert_eq!(env.entry(&id).unwrap()["muscle_name"], "upper arm");
    // A muscle from the list drops the name.
    env.log(&["edit", &id, "--muscle", "calf"]);
    let e = env.entry(&id).unwrap();
    assert_eq!((&e["muscle"], e.get("muscle_name")), (&"calf".into(), None));

    // A line written before the rule (a listed muscle with a name) still
    // loads: the rule is asked of what is written, not of what is read.
    let old = r#"{"v":1,"id":"01KB0000000000000000000077","op":"add","at":"2026-11-28T09:00:00-05:00","logged":"2026-11-28T09:00:00-05:00","entry":{"type":"cramp","muscle":"hand","muscle_name":"thumb"}}"#;
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(env.month_file())
        .unwrap();
    std::io::Write::write_all(&mut f, format!("{old}\n").as_bytes()).unwrap();
    let out = env.ok(&["list"]);
    assert!(out.contains("cramp hand (thumb)"), "{out}");
}

/// Entries of another year say their year; this year's do not.
#[test]
fn list_names_the_year_of_entries_from_another_year() {
    let env = Env::new();
    let old = env.log(&["drink", "10oz", "--at", "2025-12-31 23:00"]);
    let new = env.log(&["drink", "12oz", "--at", "2026-01-01 07:00"]);
    let out = env.quiet(&["list", "--all"]);
    assert!(
        out.contains(&format!("{old}  Wed 31 Dec 2025 23:00  drink 10 oz")),
        "{out}"
    );
    assert!(
        out.contains(&format!("{new}  Thu  1 Jan 07:00  drink 12 oz")),
        "{out}"
    );
}

#[test]
fn weight_in_kg_and_lb() {
    let env = Env::new();
    let id = env.log(&["weight", "72.4kg", "--when", "before"]);
    let e = env.entry(&id).unwrap();
    assert_eq!(e["kg"], 72.4);
    assert_eq!(e["when"], "before");
    let out = env.quiet(&["weight", "160lb", "--when", "after", "--at", "-1h"]);
    assert!(out.contains("weight 160.0 lb after"), "{out}");
    let e = env.entry(&common::saved_id(&out).unwrap()).unwrap();
    assert_eq!(e["kg"], 72.57);
    let id = env.log(&["weight", "160", "lb"]);
    assert_eq!(env.entry(&id).unwrap()["kg"], 72.57);
}

// ---------------------------------------------------------------- list

#[test]
fn list_filters_by_time_and_kind_and_shows_ids() {
    let env = Env::new();
    let old = env.log(&["drink", "8oz", "--at", "2026-11-10 09:00"]);
    let drink = env.log(&["drink", "10oz", "--at", "-3h"]);
    let cramp = env.log(&["cramp", "calf", "--context", "rest", "--at", "-1h"]);

    let text = env.quiet(&["list"]);
    // A cramp's context snapshot is an indented line under it.
    let entry_lines = |t: &str| t.lines().filter(|l| !l.starts_with(' ')).count();
    let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(lines.len(), 2, "the default is the last 7 days: {text}");
    assert!(
        lines[0].starts_with(&drink),
        "oldest first, id first: {text}"
    );
    assert!(lines[0].contains("Sat 28 Nov 11:30"), "{text}");
    assert!(lines[1].starts_with(&cramp), "{text}");
    assert!(!text.contains(&old));
    assert!(
        text.contains(&format!(
            "{cramp}  Sat 28 Nov 13:30  cramp calf, at rest\n    before: 10 oz in 2h"
        )),
        "{text}"
    );

    let all = env.quiet(&["list", "--all"]);
    assert!(all.lines().next().unwrap().starts_with(&old), "{all}");
    assert_eq!(entry_lines(&all), 3);
    let since = env.quiet(&["list", "--since", "30d"]);
    assert_eq!(entry_lines(&since), 3, "{since}");
    let since = env.quiet(&["list", "--since", "2h"]);
    assert_eq!(entry_lines(&since), 1, "{since}");
    assert!(since.starts_with(&cramp));
    let since = env.quiet(&["list", "--since", "2026-11-10 08:00"]);
    assert_eq!(entry_lines(&since), 3, "{since}");

    let json: Value =
        serde_json::from_str(&env.quiet(&["list", "--kind", "cramp", "--format", "json"])).unwrap();
    let arr = json.as_array().unwrap();
    assert_eq!(arr.len(), 1);
    assert_eq!(arr[0]["id"], cramp.as_str());
    assert_eq!(arr[0]["type"], "cramp");
    assert_eq!(arr[0]["at"], "2026-11-28T13:30:00-05:00");
    assert_eq!(arr[0]["logged"], common::NOW);

    let json: Value =
        serde_json::from_str(&env.quiet(&["list", "--kind", "drink", "--all", "--format", "json"]))
            .unwrap();
    let ids: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [old.as_str(), drink.as_str()]);

    let none = env.quiet(&["list", "--kind", "weight"]);
    assert!(none.starts_with("no weight entries"), "{none}");
    let empty: Value =
        serde_json::from_str(&env.quiet(&["list", "--kind", "plan", "--format", "json"])).unwrap();
    assert_eq!(empty, Value::Array(vec![]));
}

#[test]
fn list_on_a_fresh_data_dir_creates_nothing() {
    let env = Env::new();
    let out = env.quiet(&["list"]);
    assert!(out.starts_with("no entries"), "{out}");
    // The example given is of the kind asked for.
    let out = env.quiet(&["list", "--kind", "weight"]);
    assert_eq!(
        out.trim_end(),
        "no weight entries since 7d; log one with e.g. 'crampwatch weight 72.4kg --when before'"
    );
    assert!(snapshot(&env.data).is_empty(), "reading writes nothing");
}

// ---------------------------------------------------------------- edit, delete, undo, redo

#[test]
fn edit_each_kind_and_an_edited_entry_again() {
    let env = Env::new();
    let drink = env.log(&["drink", "10oz", "--at", "-2h"]);
    let out = env.quiet(&[
        "edit",
        &drink,
        "--amount",
        "12oz",
        "--kind",
        "electrolyte",
        "--sodium",
        "200",
    ]);
    assert!(out.contains("drink 12 oz electrolyte"), "{out}");
    assert!(out.contains(&drink) && out.contains("(edited)"), "{out}");
    // Edit of the edited entry: the later edit wins, the rest of the first stays.
    env.quiet(&["edit", &drink, "--note", "with salt", "--at", "-90m"]);
    let e = env.entry(&drink).unwrap();
    assert_eq!(ml(&e), 355);
    assert_eq!(e["kind"], "electrolyte");
    assert_eq!(e["sodium_mg"], 200);
    assert_eq!(e["note"], "with salt");
    assert_eq!(e["at"], "2026-11-28T13:00:00-05:00");
    assert_eq!(e["logged"], common::NOW);
    assert!(e.get("amended").is_some(), "{e}");
    assert!(env.quiet(&["list"]).contains("(edited)"));

    let workout = env.log(&["workout", "add", "run", "--from", "07:00", "--to", "08:00"]);
    env.quiet(&[
        "edit",
        &workout,
        "--to",
        "08:30",
        "--intensity",
        "max",
        "--heat",
        "hot",
        "--new",
        "--activity",
        "trail run",
    ]);
    let e = env.entry(&workout).unwrap();
    assert_eq!(e["end"], "2026-11-28T08:30:00-05:00");
    assert_eq!(e["intensity"], "max");
    assert_eq!(e["activity"], "trail run");
    assert_eq!(e["new"], true);
    env.quiet(&["edit", &workout, "--new=false", "--from", "06:45"]);
    let e = env.entry(&workout).unwrap();
    assert!(e.get("new").is_none(), "--new=false clears: {e}");
    assert_eq!(e["at"], "2026-11-28T06:45:00-05:00");
    assert_eq!(e["end"], "2026-11-28T08:30:00-05:00");

    let plan = env.log(&["plan", "swim", "--at", "tomorrow 07:00"]);
    env.quiet(&["edit", &plan, "--minutes", "45", "--at", "tomorrow 08:00"]);
    let e = env.entry(&plan).unwrap();
    assert_eq!(e["minutes"], 45);
    assert_eq!(e["at"], "2026-11-29T08:00:00-05:00");

    let cramp = env.log(&["cramp", "calf", "--context", "night", "--swelling"]);
    env.quiet(&[
        "edit",
        &cramp,
        "--severity",
        "4",
        "--side",
        "right",
        "--duration",
        "2m",
        "--swelling=false",
        "--numbness",
        "--relief",
        "stretch,heat",
        "--muscle",
        "foot",
        "--context",
        "rest",
    ]);
    let e = env.entry(&cramp).unwrap();
    assert_eq!(e["severity"], 4);
    assert_eq!(e["muscle"], "foot");
    assert_eq!(e["side"], "right");
    assert_eq!(e["duration_s"], 120);
    assert_eq!(e["context"], "rest");
    assert!(e["symptoms"].get("swelling").is_none(), "{e}");
    assert_eq!(e["symptoms"]["numbness"], true);
    assert_eq!(e["relief"], serde_json::json!(["stretch", "heat"]));

    let weight = env.log(&["weight", "72kg"]);
    env.quiet(&["edit", &weight, "--weight", "71.5kg", "--when", "after"]);
    let e = env.entry(&weight).unwrap();
    assert_eq!(e["kg"], 71.5);
    assert_eq!(e["when"], "after");

    // A unique end of the id is enough (ids logged in one millisecond share their start).
    env.quiet(&["edit", &drink[20..], "--note", "by prefix"]);
    assert_eq!(env.entry(&drink).unwrap()["note"], "by prefix");
    assert_eq!(env.entries().len(), 5, "edits add no entries");
}

#[test]
fn delete_undo_redo() {
    let env = Env::new();
    let a = env.log(&["drink", "10oz", "--at", "-1h"]);
    let b = env.log(&["drink", "300ml"]);
    let out = env.quiet(&["delete", &a]);
    assert!(
        out.starts_with("deleted: drink 10 oz water") && out.contains(&a),
        "{out}"
    );
    assert!(env.entry(&a).is_none());
    assert!(!env.quiet(&["list"]).contains(&a));

    let out = env.quiet(&["undo"]);
    assert!(
        out.contains("undone: delete of drink, restored: drink 10 oz water"),
        "{out}"
    );
    assert!(env.entry(&a).is_some(), "undo brings it back");
    let out = env.quiet(&["redo"]);
    assert!(out.contains("redone: delete of"), "{out}");
    assert!(env.entry(&a).is_none(), "redo deletes it again");
    env.quiet(&["undo"]);

    // Undo of an edit restores the value before it; redo reapplies it.
    env.quiet(&["edit", &b, "--amount", "400ml"]);
    assert_eq!(ml(&env.entry(&b).unwrap()), 400);
    let out = env.quiet(&["undo"]);
    // It says what the entry is now, not the value undone.
    assert!(
        out.contains("undone: edit of drink, back to: drink 10.1 oz"),
        "{out}"
    );
    assert_eq!(ml(&env.entry(&b).unwrap()), 300);
    env.quiet(&["redo"]);
    assert_eq!(ml(&env.entry(&b).unwrap()), 400);

    // Undo of logs, newest first, until nothing is left.
    env.quiet(&["undo"]); // the edit
    env.quiet(&["undo"]); // the delete's undo is not an action: the log of b
    let left: Vec<String> = env
        .entries()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    assert!(!left.contains(&b), "{left:?}");
    env.quiet(&["undo"]);
    assert!(env.entries().is_empty());
    let err = env.refused(&["undo"]);
    assert_eq!(err, "error: nothing to undo");
    env.quiet(&["redo"]);
    assert_eq!(env.entries().len(), 1);
    // A new action clears the redo stack.
    env.log(&["drink", "5oz"]);
    let err = env.refused(&["redo"]);
    assert_eq!(err, "error: nothing to redo");
}

// ---------------------------------------------------------------- export, import

fn sample(env: &Env) -> Vec<String> {
    vec![
        env.log(&[
            "drink",
            "10oz",
            "--kind",
            "sports",
            "--note",
            "a, \"quoted\" note",
        ]),
        env.log(&["workout", "add", "run", "--from", "07:00", "--to", "08:00"]),
        env.log(&["plan", "run", "--at", "tomorrow 07:00"]),
        env.log(&[
            "cramp",
            "calf",
            "--context",
            "night",
            "--relief",
            "stretch,heat",
        ]),
        env.log(&["weight", "72.4kg", "--when", "before"]),
    ]
}

#[test]
fn export_json_and_csv() {
    let env = Env::new();
    let ids = sample(&env);
    let doc: Value = serde_json::from_str(&env.quiet(&["export", "--format", "json"])).unwrap();
    assert_eq!(doc["format"], "crampwatch-export");
    assert_eq!(doc["version"], 1);
    let entries = doc["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 5);
    for id in &ids {
        assert!(entries.iter().any(|e| e["id"] == id.as_str()), "{id}");
    }
    assert_eq!(
        entries,
        &env.entries(),
        "export holds what list --all shows"
    );

    let csv = env.quiet(&["export", "--format", "csv"]);
    let mut rd = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(&header[..5], ["id", "type", "at", "logged", "ml"]);
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 5);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let drink = rows.iter().find(|r| r[0] == ids[0]).unwrap();
    assert_eq!(&drink[col("type")], "drink");
    assert_eq!(&drink[col("ml")], "296");
    assert_eq!(&drink[col("note")], "a, \"quoted\" note");
    let cramp = rows.iter().find(|r| r[0] == ids[3]).unwrap();
    assert_eq!(&cramp[col("relief")], "stretch,heat");
    let weight = rows.iter().find(|r| r[0] == ids[4]).unwrap();
    assert_eq!(&weight[col("kg")], "72.4");
    // The deleted are not exported.
    env.quiet(&["delete", &ids[0]]);
    assert_eq!(env.quiet(&["export", "--format", "csv"]).lines().count(), 5);
}

#[test]
fn import_a_json_export_adds_only_missing_ids() {
    let a = Env::with_device("laptop");
    let ids = sample(&a);
    a.quiet(&["edit", &ids[0], "--amount", "12oz"]);
    let export = a.root().join("export.json");
    std::fs::write(&export, a.quiet(&["export"])).unwrap();

    let b = Env::with_device("desktop");
    b.log(&["drink", "8oz"]);
    let out = b.quiet(&["import", export.to_str().unwrap()]);
    assert!(out.starts_with("imported 5 entries from"), "{out}");
    assert!(out.contains("(none were already here)"), "{out}");
    assert_eq!(b.entries().len(), 6);
    assert_eq!(
        ml(&b.entry(&ids[0]).unwrap()),
        355,
        "the current state is imported"
    );
    let out = b.quiet(&["import", export.to_str().unwrap()]);
    assert!(out.starts_with("imported 0 entries"), "{out}");
    assert!(out.contains("(5 were already here, skipped)"), "{out}");
    assert_eq!(b.entries().len(), 6);
}

/// An import of years is spread over the monthly files as if logged then,
/// so `status` and the other fast paths still read only the newest files.
#[test]
fn an_import_is_filed_by_the_months_its_entries_were_logged_in() {
    let mut a = Env::with_device("laptop");
    a.now = "2026-03-10T09:00:00-05:00".into();
    let march = a.log(&["drink", "8oz"]);
    a.now = "2026-09-10T09:00:00-04:00".into();
    let september = a.log(&["drink", "10oz"]);
    // A device whose clock ran ahead.
    a.now = "2027-02-01T09:00:00-05:00".into();
    let ahead = a.log(&["drink", "11oz"]);
    a.now = common::NOW.into();
    let today = a.log(&["drink", "12oz"]);
    let json = a.root().join("export.json");
    std::fs::write(&json, a.quiet(&["export"])).unwrap();
    let csv = a.root().join("export.csv");
    std::fs::write(&csv, a.quiet(&["export", "--format", "csv"])).unwrap();

    for source in [&json, &csv, &a.data] {
        let b = Env::with_device("desktop");
        b.log(&["drink", "4oz"]);
        let out = b.quiet(&["import", source.to_str().unwrap()]);
        assert!(out.starts_with("imported 4 "), "{out}");
        let mut files: Vec<String> = std::fs::read_dir(b.device_dir())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".jsonl"))
            .collect();
        files.sort();
        // Never a file later than this month's: the entry from a clock
        // ahead is filed with today's.
        assert_eq!(
            files,
            ["2026-03.jsonl", "2026-09.jsonl", "2026-11.jsonl"],
            "{source:?}"
        );
        let month = |f: &str| std::fs::read_to_string(b.device_dir().join(f)).unwrap();
        assert!(month("2026-03.jsonl").contains(&march));
        assert!(month("2026-09.jsonl").contains(&september));
        assert!(month("2026-11.jsonl").contains(&ahead) && month("2026-11.jsonl").contains(&today));
        // The last week (and on) holds today's two drinks and the one from
        // the clock ahead; everything is there.
        let week = b.quiet(&["list"]);
        assert_eq!(week.lines().count(), 3, "{week}");
        assert_eq!(b.entries().len(), 5);
    }
}

/// An event another device wrote with its clock set back sits in that
/// device's newest file; imported, it stays no earlier than that file's
/// month, where recent views read it.
#[test]
fn an_imported_undo_from_a_clock_set_back_still_counts_today() {
    let mut a = Env::with_device("laptop");
    a.log(&["drink", "10oz"]);
    let undone = a.log(&["drink", "12oz"]);
    a.now = "2026-03-01T10:00:00-05:00".into();
    a.quiet(&["undo"]);
    a.now = common::NOW.into();
    let b = Env::with_device("desktop");
    let out = b.quiet(&["import", a.data.to_str().unwrap()]);
    assert!(out.starts_with("imported 3 events"), "{out}");
    let week = b.quiet(&["list"]);
    assert!(!week.contains(&undone), "{week}");
    let status = b.quiet(&["status"]);
    assert!(status.contains("10/64 oz"), "{status}");
    assert!(!std::fs::read_dir(b.device_dir()).unwrap().any(|e| {
        e.unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with("2026-03")
    }));
}

#[test]
fn a_journal_file_of_one_line_imports_as_a_journal() {
    let a = Env::with_device("laptop");
    let id = a.log(&["drink", "10oz"]);
    let b = Env::with_device("desktop");
    let out = b.quiet(&["import", a.month_file().to_str().unwrap()]);
    assert!(out.starts_with("imported 1 event from"), "{out}");
    assert_eq!(b.entries()[0]["id"], id.as_str());
}

#[test]
fn import_a_journal_folder_and_a_journal_file() {
    let a = Env::with_device("laptop");
    let ids = sample(&a);
    a.quiet(&["delete", &ids[1]]);

    let b = Env::with_device("desktop");
    let own = b.log(&["drink", "8oz"]);
    let out = b.quiet(&["import", a.data.to_str().unwrap()]);
    // 5 adds + 1 delete
    assert!(out.starts_with("imported 6 events from"), "{out}");
    assert!(out.contains("(none were already here)"), "{out}");
    let have: Vec<String> = b
        .entries()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(have.len(), 5, "{have:?}");
    assert!(have.contains(&own) && !have.contains(&ids[1]));
    let out = b.quiet(&["import", a.data.to_str().unwrap()]);
    assert!(out.starts_with("imported 0 events"), "{out}");
    assert!(out.contains("(6 were already here, skipped)"), "{out}");

    // One journal file.
    let c = Env::with_device("phone");
    let file = a.month_file();
    let out = c.quiet(&["import", file.to_str().unwrap()]);
    assert!(out.starts_with("imported 6 events"), "{out}");
    assert_eq!(c.exported(), a.exported());
    // Imported lines land in this device's own folder, byte for byte.
    let mine = std::fs::read(c.month_file()).unwrap();
    assert_eq!(mine, std::fs::read(&file).unwrap());
}

// ---------------------------------------------------------------- config, completions

#[test]
fn config_prints_paths_and_effective_settings() {
    let env = Env::new();
    let out = env.quiet(&["config"]);
    assert!(out.contains(env.config_file().to_str().unwrap()), "{out}");
    assert!(out.contains("(not created yet)"), "{out}");
    assert!(out.contains(env.data.to_str().unwrap()), "{out}");
    assert!(out.contains("units = \"oz\""), "{out}");
    assert!(out.contains("day_start_hour = 4"), "{out}");
    assert!(out.contains("daily_goal = \"64oz\""), "{out}");
    assert!(out.contains("testdev"), "{out}");

    env.write_config(
        "units = \"ml\"\ndaily_goal = \"2.5l\"\nday_start_hour = 5\n[profile]\nbody_mass_kg = 70.0\ndiuretics = true\n",
    );
    let out = env.quiet(&["config"]);
    assert!(out.contains("units = \"ml\""), "{out}");
    assert!(out.contains("daily_goal = \"2.5l\""), "{out}");
    assert!(out.contains("day_start_hour = 5"), "{out}");
    assert!(out.contains("diuretics = true"), "{out}");
    assert!(out.contains("body_mass_kg = 70"), "{out}");
    assert!(out.contains("statins = false"), "{out}");
}

#[test]
fn the_device_id_is_made_once_outside_the_data_dir() {
    let mut env = Env::new();
    env.device = None;
    env.log(&["drink", "8oz"]);
    let id_file = env.root().join("state/crampwatch/device-id");
    let id = std::fs::read_to_string(&id_file).unwrap();
    let id = id.trim();
    assert!(!id.is_empty());
    assert!(
        env.data
            .join("journal")
            .join(id)
            .join("2026-11.jsonl")
            .is_file()
    );
    env.log(&["drink", "8oz"]);
    assert_eq!(std::fs::read_to_string(&id_file).unwrap().trim(), id);
    let devices = std::fs::read_dir(env.data.join("journal")).unwrap().count();
    assert_eq!(devices, 1, "one device folder");
    assert!(env.quiet(&["config"]).contains(id));
}

#[test]
fn completions_for_bash_zsh_and_fish() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish"] {
        let out = env.quiet(&["completions", shell]);
        assert!(out.contains("crampwatch"), "{shell}");
        for sub in ["drink", "workout", "cramp", "import", "completions"] {
            assert!(out.contains(sub), "{shell} completes {sub}");
        }
        assert!(out.contains("--severity"), "{shell}");
    }
    assert!(snapshot(&env.data).is_empty());
    env.refused(&["completions", "powershell-9000"]);
}

// ---------------------------------------------------------------- bad input

/// A journal with one of everything, and a running workout when `running`.
fn populated(running: bool) -> (Env, Vec<String>) {
    let env = Env::new();
    let ids = sample(&env);
    if running {
        env.log(&["workout", "start", "run", "--at", "-20m"]);
    }
    assert!(env.month_file().is_file());
    (env, ids)
}

#[test]
fn bad_input_is_refused_with_one_line_and_the_journal_unchanged() {
    let (env, ids) = populated(false);
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["drink", "-5oz"], "positive"),
        (vec!["drink", "-5", "oz"], "positive"),
        (vec!["drink", "0"], "positive"),
        (
            vec!["drink", "10", "parsecs"],
            "'10 parsecs' is not a volume; try 10oz",
        ),
        (vec!["drink", "10parsecs"], "is not a volume"),
        (vec!["drink", "40l"], "more than one drink"),
        (vec!["drink", "abc"], "is not a volume"),
        (vec!["drink", "10oz", "--kind", "beer"], "possible values"),
        (
            vec!["cramp", "calf", "--severity", "11"],
            "1 (barely) to 10",
        ),
        (vec!["cramp", "calf", "--severity", "0"], "1 (barely) to 10"),
        (vec!["cramp", "calf", "--duration", "-3m"], "negative"),
        (vec!["cramp", "calf", "--duration", "45"], "unit"),
        (
            vec!["cramp", "calf", "--duration", "5h"],
            "longer than 4 hours",
        ),
        (vec!["cramp", "neck"], "possible values"),
        (
            vec!["drink", "10oz", "--at", "25:00"],
            "'25:00' is not a time of day",
        ),
        (vec!["cramp", "calf", "--at", "25:00"], "not a time of day"),
        (vec!["weight", "72kg", "--at", "25:00"], "not a time of day"),
        (vec!["plan", "run", "--at", "25:00"], "not a time of day"),
        (vec!["drink", "10oz", "--at", "16:00"], "in the future"),
        (vec!["drink", "10oz", "--at", "+1h"], "in the future"),
        (
            vec!["cramp", "calf", "--at", "2026-12-25 10:00"],
            "in the future",
        ),
        (vec!["weight", "72kg", "--at", "tomorrow 07:00"], "--at"),
        (
            vec!["workout", "start", "run", "--at", "15:00"],
            "in the future",
        ),
        (
            vec!["workout", "add", "run", "--from", "14:00", "--to", "16:00"],
            "in the future",
        ),
        (
            vec!["workout", "add", "run", "--from", "09:00", "--to", "08:00"],
            "after --from",
        ),
        (vec!["plan", "run", "--at", "-2h"], "in the past"),
        (vec!["weight", "5kg"], "plausible"),
        (vec!["weight", "72", "stone"], "not a body weight"),
        (vec!["workout", "stop"], "no workout is running"),
        (
            vec!["edit", "01ZZZZZZZZZZZZZZZZZZZZZZZZ", "--note", "x"],
            "no entry has the id",
        ),
        (
            vec!["delete", "01ZZZZZZZZZZZZZZZZZZZZZZZZ"],
            "no entry has the id",
        ),
        (vec!["delete", "01"], "too short"),
        (
            vec!["edit", &ids[0], "--severity", "3"],
            "does not apply to a drink",
        ),
        (vec!["edit", &ids[0], "--amount", "-1oz"], "positive"),
        (vec!["edit", &ids[3], "--duration", "-3m"], "negative"),
        (vec!["edit", &ids[0]], "nothing to change"),
        (vec!["list", "--since", "bogus"], "is not a time or a span"),
        (vec!["redo"], "nothing to redo"),
        (vec!["frobnicate"], "unrecognized subcommand"),
        (vec!["drink"], "required"),
        (vec!["plan", "run"], "--at"),
        (vec!["workout", "add", "run", "--from", "07:00"], "--to"),
        (vec!["workout", "start", "   "], "short name"),
        (vec!["drink", "10oz", "--sodium", "20000"], "--sodium"),
        (
            vec!["plan", "run", "--at", "18:00", "--minutes", "2"],
            "--minutes",
        ),
    ];
    for (args, want) in &cases {
        let err = env.refused(args);
        assert!(
            err.contains(want),
            "crampwatch {args:?}: {err:?} lacks {want:?}"
        );
    }
}

#[test]
fn workout_start_while_one_runs_is_refused() {
    let (env, _) = populated(true);
    let err = env.refused(&["workout", "start", "swim"]);
    assert!(
        err.contains("already running (run since 14:10 today)"),
        "{err}"
    );
    assert!(err.contains("workout stop"), "{err}");
    let err = env.refused(&["workout", "stop", "--at", "14:00"]);
    assert!(err.contains("after the start"), "{err}");
}

#[test]
fn a_forgotten_workout_is_not_stopped_days_later_without_a_time() {
    let mut env = Env::new();
    env.now = "2026-11-25T07:00:00-05:00".into();
    env.ok(&["workout", "start", "run"]);
    env.now = common::NOW.into();
    let err = env.refused(&["workout", "stop"]);
    assert!(
        err.contains("more than 24 h") && err.contains("--at"),
        "{err}"
    );
    let out = env.ok(&["workout", "stop", "--at", "2026-11-25 08:00"]);
    assert!(out.contains("stopped run after 60 min"), "{out}");
}

#[test]
fn bad_input_on_a_fresh_data_dir_creates_nothing() {
    let env = Env::new();
    for args in [
        &["drink", "-5oz"][..],
        &["drink", "10oz", "--at", "25:00"],
        &["workout", "stop"],
        &["delete", "01ZZZZZZZZZZZZ"],
        &["undo"],
    ] {
        env.refused(args);
    }
    assert!(!env.data.exists());
}

#[test]
fn import_of_something_that_is_not_a_journal_is_refused() {
    let (env, _) = populated(false);
    let dir = env.root().join("junk");
    std::fs::create_dir_all(&dir).unwrap();
    let cases: [(&str, &[u8], &str); 7] = [
        (
            "notes.txt",
            b"hello\nworld\n",
            "not a crampwatch journal or export",
        ),
        ("other.json", b"{\"a\": 1}\n", "not a crampwatch export"),
        (
            "list.json",
            b"[1, 2, 3]\n",
            "not a crampwatch journal or export",
        ),
        (
            "lines.jsonl",
            b"{\"a\":1}\n{\"b\":2}\n",
            "not a crampwatch journal or export",
        ),
        ("empty.jsonl", b"", "holds no entries"),
        (
            "noise.bin",
            b"\x00\xff\x13 no newline anywhere",
            "not a crampwatch journal or export",
        ),
        (
            "half.json",
            b"{\"format\": \"crampwatch-export\"}\n",
            "a crampwatch export that cannot be read: missing field `version`",
        ),
    ];
    for (name, bytes, want) in cases {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        let err = env.refused(&["import", p.to_str().unwrap()]);
        assert!(err.contains(want), "{name}: {err}");
        assert!(err.contains(name), "the message names the file: {err}");
    }
    let err = env.refused(&["import", dir.join("missing.json").to_str().unwrap()]);
    assert!(err.contains("no such file"), "{err}");
    let empty = env.root().join("empty-dir");
    std::fs::create_dir_all(&empty).unwrap();
    let err = env.refused(&["import", empty.to_str().unwrap()]);
    assert!(err.contains("no .jsonl journal files"), "{err}");
}

#[test]
fn a_bad_now_is_refused_and_a_bad_config_only_warned_about() {
    let (mut env, _) = populated(false);
    // A bad value, a bad hour, broken TOML: each a warning naming the file,
    // and the drink is still logged.
    for (config, says) in [
        ("units = \"gallons\"\n", "line 1"),
        ("bell = false\nday_start_hour = 25\n", "0-23"),
        ("colour = [\n", "config.toml"),
    ] {
        env.write_config(config);
        let out = env.run(&["drink", "10oz"]);
        assert_eq!(out.status.code(), Some(0), "{config}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.starts_with("warning: ") && err.contains("config.toml") && err.contains(says),
            "{config}: {err}"
        );
        assert!(
            String::from_utf8(out.stdout)
                .unwrap()
                .starts_with("saved: drink 10 oz")
        );
    }
    std::fs::remove_file(env.config_file()).unwrap();

    env.now = "yesterday at noon".into();
    let err = env.refused(&["drink", "10oz"]);
    assert!(
        err.contains("CRAMPWATCH_NOW") && err.contains("RFC 3339"),
        "{err}"
    );
}

#[test]
fn global_flags_override_the_environment() {
    let env = Env::new();
    let other = env.root().join("elsewhere");
    let cfg = env.root().join("other.toml");
    std::fs::write(&cfg, "units = \"ml\"\n").unwrap();
    let out = env.quiet(&[
        "--data-dir",
        other.to_str().unwrap(),
        "--config",
        cfg.to_str().unwrap(),
        "drink",
        "10oz",
    ]);
    assert!(out.contains("296 ml"), "{out}");
    assert!(other.join("journal/testdev/2026-11.jsonl").is_file());
    assert!(!env.data.exists());
}

#[test]
fn an_export_saved_with_a_byte_order_mark_still_imports() {
    let a = Env::with_device("laptop");
    let ids = sample(&a);
    let export = a.root().join("export.json");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(a.quiet(&["export"]).replace('\n', "\r\n").into_bytes());
    std::fs::write(&export, bytes).unwrap();
    let b = Env::with_device("desktop");
    let out = b.quiet(&["import", export.to_str().unwrap()]);
    assert!(out.starts_with("imported 5 entries"), "{out}");
    assert_eq!(b.exported().len(), ids.len());
}

#[test]
fn an_export_with_a_bad_entry_is_refused_whole() {
    let a = Env::with_device("laptop");
    a.log(&["drink", "10oz"]);
    a.log(&["cramp", "calf", "--severity", "5", "--context", "rest"]);
    let text = a
        .quiet(&["export"])
        .replace("\"severity\": 5", "\"severity\": 11");
    let file = a.root().join("edited.json");
    std::fs::write(&file, text).unwrap();
    let (b, _) = populated(false);
    let err = b.refused(&["import", file.to_str().unwrap()]);
    let cramp = a.entries()[1]["id"].as_str().unwrap().to_string();
    assert_eq!(
        err.trim_end(),
        format!(
            "error: {}: entry {cramp}: severity 11 is not 1-10",
            file.display()
        )
    );
    let text = a
        .quiet(&["export"])
        .replace("\"ml\": 296", "\"ml\": \"lots\"");
    std::fs::write(&file, text).unwrap();
    let err = b.refused(&["import", file.to_str().unwrap()]);
    assert!(
        err.contains("edited.json") && err.contains("bad entry"),
        "{err}"
    );
}
