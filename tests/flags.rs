//! `crampwatch flags` and the context snapshot in `list`, on a fixture journal.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const NOW: &str = "2026-11-28T12:00:00-05:00";

/// A temp home holding a copy of the fixture journal.
fn home() -> (TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/flags/journal/laptop");
    let dst = data.join("journal/laptop");
    std::fs::create_dir_all(&dst).unwrap();
    for f in std::fs::read_dir(&src).unwrap() {
        let f = f.unwrap();
        std::fs::copy(f.path(), dst.join(f.file_name())).unwrap();
    }
    (tmp, data)
}

fn cw(tmp: &TempDir, data: &Path) -> Command {
    let mut c = Command::cargo_bin("crampwatch").unwrap();
    let root = tmp.path();
    c.env_clear()
        .env("HOME", root)
        .env("XDG_STATE_HOME", root.join("state"))
        .env("XDG_CONFIG_HOME", root.join("config"))
        .env("XDG_DATA_HOME", root.join("share"))
        .env("CRAMPWATCH_DATA_DIR", data)
        .env("CRAMPWATCH_CONFIG", root.join("config.toml"))
        .env("CRAMPWATCH_NOW", NOW)
        .env("TZ", "America/New_York")
        .env("NO_COLOR", "1");
    c
}

fn json(out: &[u8]) -> Value {
    serde_json::from_slice(out).unwrap()
}

fn evidence_ids(flag: &Value) -> Vec<String> {
    flag["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["entry_id"].as_str().unwrap().to_string())
        .collect()
}

const C1: &str = "01KA00000000000000000000C1";
const N1: &str = "01KA00000000000000000000N1";
const N2: &str = "01KA00000000000000000000N2";

#[test]
fn flags_json_lists_every_flag_most_serious_first_with_its_evidence() {
    let (tmp, data) = home();
    let out = cw(&tmp, &data)
        .args(["flags", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    let got: Vec<(String, String, Vec<String>)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["id"].as_str().unwrap().to_string(),
                f["level"].as_str().unwrap().to_string(),
                evidence_ids(f),
            )
        })
        .collect();
    let want = [
        ("red-flag-symptoms", "professional", vec![N2]),
        ("severe", "professional", vec![C1]),
        ("disrupting-sleep", "professional", vec![N1, N2]),
        ("not-tied-to-exercise", "watch", vec![N1, N2]),
        // C1 comes 8 h into the journal: its 24 h before are not all covered.
        ("low-intake", "note", vec![N1, N2]),
        ("no-electrolytes", "note", vec![C1]),
    ];
    let want: Vec<(String, String, Vec<String>)> = want
        .iter()
        .map(|(id, l, e)| {
            (
                id.to_string(),
                l.to_string(),
                e.iter().map(|s| s.to_string()).collect(),
            )
        })
        .collect();
    assert_eq!(got, want);
    let severe = &v[1];
    for key in ["title", "why", "source"] {
        assert!(severe[key].as_str().is_some_and(|s| !s.is_empty()), "{key}");
    }
    assert!(severe["source"].as_str().unwrap().contains("Mayo Clinic"));
    assert_eq!(severe["professional"], "a GP / physician");
    assert_eq!(severe["evidence"][0]["at"], "2026-11-20T15:00:00-05:00");
    assert_eq!(
        severe["evidence"][0]["summary"],
        "Fri 20 Nov 15:00 · cramp calf left severity 8 2m after eased by stretch"
    );
}

#[test]
fn flags_since_looks_only_at_cramps_from_then() {
    let (tmp, data) = home();
    let out = cw(&tmp, &data)
        .args(["flags", "--since", "5d", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let ids: Vec<String> = json(&out)
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        ids,
        [
            "red-flag-symptoms",
            "disrupting-sleep",
            "not-tied-to-exercise",
            "low-intake"
        ]
    );
}

#[test]
fn flags_text_says_it_is_not_medical_advice_and_who_to_see() {
    let (tmp, data) = home();
    let out = cw(&tmp, &data)
        .arg("flags")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.starts_with(
            "6 flags over the last 30 days. General information, not medical advice.\n"
        )
    );
    assert!(
        text.contains(
            "\n[see a professional] Cramps are disrupting your sleep  (disrupting-sleep)\n"
        )
    );
    assert!(text.contains("  Who to see: a GP / physician.\n"));
    assert!(text.contains(&format!("    {N2}  Fri 27 Nov 03:00 · cramp hamstring")));
    assert!(text.contains("[note] Low intake before cramps"));
}

#[test]
fn no_flags_is_said_plainly_and_a_bad_since_is_one_line() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("empty");
    cw(&tmp, &data)
        .arg("flags")
        .assert()
        .success()
        .stdout("no flags over the last 30 days. General information, not medical advice.\n");
    let out = cw(&tmp, &data)
        .args(["flags", "--since", "last tuesday"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("error: --since: 'last tuesday' is not a time or a span"),
        "{err}"
    );
}

#[test]
fn list_shows_a_cramps_context_snapshot() {
    let (tmp, data) = home();
    let out = cw(&tmp, &data)
        .args(["list", "--since", "10d"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains(&format!(
            "{C1}  Fri 20 Nov 15:00  cramp calf left, severity 8/10, lasted 2m, after a workout, eased by stretch\n    \
             before: 0 oz in 2h, 16.9 oz in 6h, 16.9 oz in 24h, no electrolytes · \
             last session: run hard hot 90 min, ended 6h30m before (in the cramp-prone window, a heuristic)\n"
        )),
        "{text}"
    );
    let out = cw(&tmp, &data)
        .args([
            "list", "--since", "10d", "--format", "json", "--kind", "cramp",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v = json(&out);
    assert_eq!(v[0]["id"], C1);
    assert_eq!(v[0]["snapshot"]["fluids_6h_ml"], 500);
    assert_eq!(v[0]["snapshot"]["last_workout"]["minutes"], 90);
    assert_eq!(v[0]["snapshot"]["in_cramp_window"], true);
    assert_eq!(v[1]["snapshot"]["last_workout"]["hours_since"], 90.0);
}
