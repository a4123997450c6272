//! A synced folder is an attack surface: each attack of issue 13 as a test
//! of the real binary. Hostile files arrive in the data dir (another
//! device's folder, a link, a conflict copy), by import, or as config.

mod common;

use common::{Env, NOW, snapshot};
use serde_json::{Value, json};
use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;

/// A journal line: an add of `entry` with id `id`, at and logged `NOW`.
fn line(id: &str, entry: Value) -> String {
    let mut e = json!({"v": 1, "id": id, "op": "add", "at": NOW, "logged": NOW});
    e.as_object_mut()
        .unwrap()
        .extend(json!({ "entry": entry }).as_object().unwrap().clone());
    format!("{e}\n")
}

/// Writes `text` as another device's month file.
fn peer_file(env: &Env, device: &str, text: &str) -> std::path::PathBuf {
    let dir = env.data.join("journal").join(device);
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join("2026-11.jsonl");
    fs::write(&path, text).unwrap();
    path
}

/// A file outside the data dir standing for `~/.bashrc`, mode 0644.
fn bashrc(env: &Env) -> std::path::PathBuf {
    let p = env.root().join("bashrc");
    fs::write(&p, "export PS1='$ '").unwrap();
    fs::set_permissions(&p, fs::Permissions::from_mode(0o644)).unwrap();
    p
}

fn untouched(p: &Path) {
    assert_eq!(fs::read_to_string(p).unwrap(), "export PS1='$ '");
    assert_eq!(fs::metadata(p).unwrap().permissions().mode() & 0o777, 0o644);
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

// ---------------------------------------------------------------- links

#[test]
fn a_linked_rejected_file_is_never_written_or_chmodded() {
    let env = Env::new();
    env.log(&["drink", "10oz"]);
    let target = bashrc(&env);
    symlink(&target, env.device_dir().join("rejected.jsonl")).unwrap();
    // An unfinished last line: recovery would move it into rejected.jsonl.
    let mut f = fs::OpenOptions::new()
        .append(true)
        .open(env.month_file())
        .unwrap();
    std::io::Write::write_all(&mut f, b"{\"v\":1,\"id\":\"01KB").unwrap();
    let out = env.run(&["status"]);
    assert!(out.status.success(), "{}", stderr(&out));
    untouched(&target);
    // The drink still counts; the unfinished line is reported, not lost.
    assert_eq!(env.entries().len(), 1);
    assert!(fs::read(env.month_file()).unwrap().ends_with(b"\"01KB"));
}

#[test]
fn a_linked_month_file_is_refused_and_left_alone() {
    let env = Env::new();
    let target = bashrc(&env);
    fs::create_dir_all(env.device_dir()).unwrap();
    symlink(&target, env.month_file()).unwrap();
    let out = env.run(&["drink", "10oz"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    let error = err
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect::<Vec<_>>();
    assert_eq!(error.len(), 1, "{err}");
    assert!(
        error[0].contains("symbolic link") && error[0].contains("2026-11.jsonl"),
        "{err}"
    );
    untouched(&target);
}

#[test]
fn a_linked_device_folder_is_refused() {
    let env = Env::new();
    let elsewhere = env.root().join("elsewhere");
    fs::create_dir_all(&elsewhere).unwrap();
    fs::create_dir_all(env.data.join("journal")).unwrap();
    symlink(&elsewhere, env.device_dir()).unwrap();
    let out = env.run(&["drink", "10oz"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("symbolic link"), "{}", stderr(&out));
    assert_eq!(fs::read_dir(&elsewhere).unwrap().count(), 0);
}

// ---------------------------------------------------------------- peers

#[test]
fn a_peer_copy_of_this_devices_lines_does_not_override_them() {
    let env = Env::new();
    let id = env.log(&["drink", "300ml"]);
    let mine = fs::read_to_string(env.month_file()).unwrap();
    assert!(mine.contains("\"ml\":300"), "{mine}");
    // Sorts before this device's folder, so "the first file wins" once let it win.
    let evil = peer_file(&env, "000-evil", &mine.replace("\"ml\":300", "\"ml\":1999"));
    let out = env.run(&["list", "--format", "json", "--all"]);
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list[0]["id"], id.as_str());
    assert_eq!(list[0]["ml"], 300);
    let err = stderr(&out);
    assert!(
        err.contains("000-evil") && err.contains("set aside"),
        "{err}"
    );
    assert!(evil.exists(), "the peer file is left in place");
}

#[test]
fn a_peer_id_from_the_far_future_cannot_jam_undo() {
    let env = Env::new();
    env.log(&["drink", "10oz"]);
    peer_file(
        &env,
        "000-evil",
        &line(
            "7ZZZZZZZZZZZZZZZZZZZZZZZZZ",
            json!({"type": "drink", "ml": 500}),
        ),
    );
    let out = env.ok(&["undo"]);
    assert!(out.contains("10 oz"), "{out}");
    assert!(env.entries().is_empty(), "the user's own drink is undone");
}

#[test]
fn undo_takes_back_only_this_devices_changes() {
    let env = Env::new();
    env.log(&["drink", "10oz"]);
    // Another device logged later (an hour ahead: within the drift allowed).
    let later = chrono::DateTime::parse_from_rfc3339(NOW)
        .unwrap()
        .timestamp_millis()
        + 3_600_000;
    let id = ulid::Ulid::from_parts(later as u64, 7).to_string();
    peer_file(
        &env,
        "phone",
        &line(&id, json!({"type": "drink", "ml": 500})),
    );
    let out = env.ok(&["undo"]);
    assert!(out.contains("10 oz"), "{out}");
    let left = env.entries();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["id"], id.as_str(), "the phone's drink stays");
    // Asked for, undo reaches another device's change too.
    let out = env.ok(&["undo", "--any-device"]);
    assert!(out.contains("500 ml") || out.contains("16.9 oz"), "{out}");
    assert!(env.entries().is_empty());
}

#[test]
fn a_folder_of_junk_cannot_bury_a_prompt_in_warnings() {
    let env = Env::new();
    env.log(&["drink", "10oz"]);
    peer_file(&env, "junk", &"not json\n".repeat(500));
    let out = env.run(&["status"]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 21, "{err}");
    assert!(err.lines().last().unwrap().contains("480 more"), "{err}");
    assert!(err.contains("crampwatch doctor"), "{err}");
}

// ---------------------------------------------------------------- values

/// Entries no path may bring in, each with what makes it wrong.
fn hostile_entries() -> Vec<Value> {
    vec![
        json!({"type": "drink", "ml": 4294967295u64}),
        json!({"type": "drink", "ml": 300, "sodium_mg": 4294967295u64}),
        json!({"type": "weight", "kg": 1e308}),
        json!({"type": "plan", "activity": "run", "minutes": 0}),
        json!({"type": "plan", "activity": "run", "minutes": 4000000000u64}),
        json!({"type": "cramp", "muscle": "calf", "duration_s": 4294967295u64}),
        json!({"type": "workout", "activity": "run", "end": "2026-11-28T13:00:00-05:00"}),
        json!({"type": "workout", "activity": "", "end": "2026-11-28T15:00:00-05:00"}),
        json!({"type": "drink", "ml": 300, "note": "x".repeat(5000)}),
    ]
}

#[test]
fn out_of_range_values_in_a_json_export_are_refused() {
    let env = Env::new();
    for (i, bad) in hostile_entries().into_iter().enumerate() {
        let mut entry =
            json!({"id": format!("01KB000000000000000000000{i}"), "at": NOW, "logged": NOW});
        entry
            .as_object_mut()
            .unwrap()
            .extend(bad.as_object().unwrap().clone());
        let doc = json!({"format": "crampwatch-export", "version": 1, "exported": NOW, "entries": [entry]});
        let path = env.root().join(format!("bad{i}.json"));
        fs::write(&path, doc.to_string()).unwrap();
        let err = env.refused(&["import", path.to_str().unwrap()]);
        assert!(err.contains(&format!("bad{i}.json")), "{bad}: {err}");
    }
}

#[test]
fn out_of_range_values_in_a_peer_journal_are_set_aside() {
    let env = Env::new();
    env.log(&["drink", "10oz"]);
    let text: String = hostile_entries()
        .into_iter()
        .enumerate()
        .map(|(i, e)| line(&format!("01KB000000000000000000000{i}"), e))
        .collect();
    peer_file(&env, "phone", &text);
    let out = env.run(&["list", "--all", "--format", "json"]);
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    let err = stderr(&out);
    assert_eq!(err.matches("phone/2026-11.jsonl").count(), 9, "{err}");
    // And the day's sum is the one drink, not a wrapped-around total.
    let status = env.ok(&["status", "--format", "json"]);
    assert!(!status.contains("4294967"), "{status}");
}

#[test]
fn an_export_of_a_newer_version_is_refused() {
    let env = Env::new();
    let entry = json!({"id": "01KB0000000000000000000001", "at": NOW, "logged": NOW, "type": "drink", "ml": 300});
    let doc =
        json!({"format": "crampwatch-export", "version": 2, "exported": NOW, "entries": [entry]});
    let path = env.root().join("v2.json");
    fs::write(&path, doc.to_string()).unwrap();
    let err = env.refused(&["import", path.to_str().unwrap()]);
    assert!(err.contains("newer"), "{err}");
}

#[test]
fn an_impossible_weight_is_refused_by_the_cli() {
    let env = Env::new();
    for bad in ["inf lb", "1e308kg", "NaN kg"] {
        env.refused(&["weight", bad]);
    }
}

// ---------------------------------------------------------------- clock

#[test]
fn a_clock_in_the_year_10000_saves_nothing() {
    let mut env = Env::new();
    env.now = "9999-12-31T23:59:59-12:00".into();
    let err = env.refused(&["drink", "10oz"]);
    assert!(err.contains("clock"), "{err}");
    env.now = "1969-12-31T00:00:00Z".into();
    env.refused(&["drink", "10oz"]);
    assert!(snapshot(&env.data).is_empty());
}

// ---------------------------------------------------------------- terminal escapes

/// A note that clears the screen, sets the pane title, writes the
/// clipboard, sends C1 and bidi controls, and forges a line.
const HOSTILE: &str = "calf\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}]52;c;ZWNobyBoaQ==\u{7}\u{9b}31m\u{202e}gnp.exe\u{2066}\n01KB0000000000000000000000  Sat 28 Nov 09:00  drink 99 oz water";

fn is_terminal_control(c: char) -> bool {
    c == '\u{1b}'
        || c == '\u{7}'
        || ('\u{80}'..='\u{9f}').contains(&c)
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
        || ('\u{200b}'..='\u{200f}').contains(&c)
}

fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<char> = text.chars().filter(|c| is_terminal_control(*c)).collect();
    assert!(bad.is_empty(), "{what} printed {bad:?}:\n{text}");
}

#[test]
fn no_command_prints_escapes_from_notes_or_peer_fields() {
    let env = Env::new();
    env.log(&["drink", "10oz", "--note", HOSTILE]);
    env.log(&[
        "cramp",
        "calf",
        "--severity",
        "9",
        "--context",
        "night",
        "--note",
        HOSTILE,
    ]);
    // A peer's workout with a hostile activity and note, and a bad line in
    // a device folder whose very name holds an escape.
    let activity = "run\u{202e}\u{9b}";
    let peer = line(
        "01KB00000000000000000000PR",
        json!({"type": "workout", "activity": activity, "end": "2026-11-28T14:00:00-05:00", "note": HOSTILE}),
    );
    let peer = peer.replace(NOW, "2026-11-28T13:00:00-05:00");
    peer_file(&env, "phone", &peer);
    peer_file(&env, "evil\u{1b}[2J\u{7}", "not json\n");
    let runs: &[&[&str]] = &[
        &["list"],
        &["list", "--format", "json"],
        &["flags"],
        &["flags", "--format", "json"],
        &["status"],
        &["status", "--format", "json"],
        &["report"],
        &["report", "--format", "markdown"],
        &["report", "--format", "json"],
        &["export", "--format", "json"],
        &["doctor"],
    ];
    for args in runs {
        let out = env.run(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert_clean(&format!("{args:?} stdout"), &out.stdout);
        assert_clean(&format!("{args:?} stderr"), &out.stderr);
    }
    // A newline in a note cannot forge an entry line.
    let list = env.ok(&["list"]);
    assert!(
        !list
            .lines()
            .any(|l| l.starts_with("01KB0000000000000000000000")),
        "{list}"
    );
    assert!(list.contains('⏎'), "{list}");
    // JSON keeps the exact note.
    let entries = env.entries();
    assert!(
        entries.iter().any(|e| e["note"] == HOSTILE),
        "the note survives exactly"
    );
}

/// C0 controls but the tab and line breaks CSV quoting holds.
fn is_csv_control(c: char) -> bool {
    is_terminal_control(c) || (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

#[test]
fn a_csv_export_and_an_html_file_carry_no_escapes() {
    let env = Env::new();
    env.log(&["drink", "10oz", "--note", HOSTILE]);
    let hike = "hill\u{1b}]8;;http://evil\u{7}\u{202e}";
    env.log(&[
        "workout", "add", "hike", "--from", "09:00", "--to", "10:00", "--note", hike,
    ]);
    let csv = env.quiet(&["export", "--format", "csv"]);
    let bad: Vec<char> = csv.chars().filter(|&c| is_csv_control(c)).collect();
    assert!(bad.is_empty(), "the CSV holds {bad:?}:\n{csv}");
    // It still imports, with the words of the note and the activity.
    let file = env.root().join("entries.csv");
    fs::write(&file, &csv).unwrap();
    let fresh = Env::with_device("fresh");
    assert!(
        fresh
            .quiet(&["import", file.to_str().unwrap()])
            .contains("imported 2 entries")
    );
    let list = fresh.quiet(&["list", "--all"]);
    assert!(list.contains("gnp.exe") && list.contains("hill"), "{list}");

    // The page written to a file is the page printed: made safe the same way.
    let printed = env.run(&["report", "--format", "html"]).stdout;
    let page = env.root().join("report.html");
    env.quiet(&[
        "report",
        "--format",
        "html",
        "--output",
        page.to_str().unwrap(),
    ]);
    let written = fs::read(&page).unwrap();
    assert_clean("report --output", &written);
    assert!(String::from_utf8_lossy(&written).contains("gnp.exe"));
    assert_eq!(
        String::from_utf8_lossy(&written),
        String::from_utf8_lossy(&printed)
    );
}

#[test]
fn a_markdown_report_escapes_html_and_never_links_javascript() {
    let env = Env::new();
    let note = "<script>alert(1)</script> [click](javascript:alert(2)) <javascript:alert(3)>";
    env.log(&["cramp", "calf", "--severity", "5", "--note", note]);
    let md = env.ok(&["report", "--format", "markdown"]);
    assert!(!md.contains("<script>"), "{md}");
    // A link needs an unescaped `](`; the brackets are escaped.
    assert!(!md.replace("\\]", "").contains("](javascript:"), "{md}");
    assert!(!md.contains("<javascript:"), "{md}");
    assert!(
        md.contains("&lt;script&gt;"),
        "the note is still shown, as text: {md}"
    );
    // Nor does a name turn into emphasis: it reads as typed.
    env.log(&["medication", "start", "*bold* _it_ ~~gone~~"]);
    let md = env.ok(&["report", "--format", "markdown"]);
    assert!(
        md.contains("- \\*bold\\* \\_it\\_ \\~\\~gone\\~\\~ (other): started"),
        "{md}"
    );
}

// ---------------------------------------------------------------- CSV

#[test]
fn csv_formula_cells_are_text_and_import_back_exactly() {
    let env = Env::new();
    let notes = [
        "=HYPERLINK(\"http://evil\",\"click\")",
        "+cmd|calc",
        "@SUM(1)",
        "-2+3",
        "'=quoted",
    ];
    for n in notes {
        env.log(&["drink", "10oz", &format!("--note={n}")]);
    }
    env.log(&["workout", "add", "=1+1", "--from", "13:00", "--to", "14:00"]);
    let csv = env.ok(&["export", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            let first = cell.chars().next();
            assert!(
                !matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')),
                "a live formula cell: {cell:?}"
            );
        }
    }
    let file = env.root().join("export.csv");
    fs::write(&file, &csv).unwrap();
    let other = Env::with_device("desktop");
    other.quiet(&["import", file.to_str().unwrap()]);
    assert_eq!(other.exported(), env.exported(), "the round trip is exact");
    let back: Vec<String> = other
        .entries()
        .iter()
        .filter_map(|e| e["note"].as_str().map(str::to_string))
        .collect();
    for n in notes {
        assert!(back.iter().any(|b| b == n), "{n} came back as {back:?}");
    }
}

// ---------------------------------------------------------------- config

#[test]
fn a_config_that_is_dev_zero_or_a_fifo_fails_within_a_second() {
    let env = Env::new();
    symlink("/dev/zero", env.config_file()).unwrap();
    let started = std::time::Instant::now();
    let err = env.refused(&["status"]);
    assert!(err.contains("not a regular file"), "{err}");
    fs::remove_file(env.config_file()).unwrap();
    rustix::fs::mknodat(
        rustix::fs::CWD,
        env.config_file(),
        rustix::fs::FileType::Fifo,
        rustix::fs::Mode::from_raw_mode(0o600),
        0,
    )
    .unwrap();
    let err = env.refused(&["status"]);
    assert!(err.contains("not a regular file"), "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
}

/// Runs `import PATH`, killed after 10 s so that a hang fails the test.
fn import_within_seconds(env: &Env, path: &Path) -> std::process::Output {
    let mut child = env
        .std_cmd()
        .arg("import")
        .arg(path)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(10) {
            child.kill().unwrap();
            panic!("import {} hung", path.display());
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn an_import_of_a_fifo_or_a_device_is_refused_at_once() {
    let env = Env::new();
    let fifo = env.root().join("f.fit");
    rustix::fs::mknodat(
        rustix::fs::CWD,
        &fifo,
        rustix::fs::FileType::Fifo,
        rustix::fs::Mode::from_raw_mode(0o600),
        0,
    )
    .unwrap();
    for (path, what) in [
        (fifo.as_path(), "a FIFO"),
        (Path::new("/dev/zero"), "a device"),
    ] {
        let started = std::time::Instant::now();
        let out = import_within_seconds(&env, path);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.starts_with(&format!(
                "error: {}: not a regular file ({what})",
                path.display()
            )),
            "{err}"
        );
        assert!(
            started.elapsed() < std::time::Duration::from_secs(2),
            "{path:?}"
        );
    }
    assert!(!env.data.join("journal").exists(), "nothing was written");
}

/// A pipe the shell names (`import /dev/stdin < run.gpx`, or `<(...)`,
/// which is `/dev/fd/63`) has a writer and is read like a file.
#[test]
fn a_pipe_named_by_the_shell_is_imported() {
    use std::io::Write;
    use std::process::Stdio;
    let env = Env::new();
    let gpx = fs::read("tests/fixtures/devices/gpx-garmin-ext.gpx").unwrap();
    let mut child = env
        .std_cmd()
        .args(["import", "/dev/stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&gpx).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let so = String::from_utf8_lossy(&out.stdout);
    assert!(so.contains("added 1 entry"), "{so}");
}

#[test]
fn a_config_others_can_write_is_warned_about() {
    let env = Env::new();
    env.write_config("notify_command = \"touch /tmp/owned\"\n");
    fs::set_permissions(env.config_file(), fs::Permissions::from_mode(0o666)).unwrap();
    let out = env.run(&["status"]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("other users") && err.contains("notify_command will not be run"),
        "{err}"
    );
    let doctor = env.ok(&["doctor"]);
    assert!(doctor.contains("chmod go-w"), "{doctor}");
}

// ---------------------------------------------------------------- doctor

#[test]
fn doctor_explains_what_was_set_aside_and_what_to_do() {
    let env = Env::new();
    let out = env.ok(&["doctor"]);
    assert!(out.contains("nothing to fix"), "{out}");
    env.log(&["drink", "300ml"]);
    let mine = fs::read_to_string(env.month_file()).unwrap();
    peer_file(&env, "000-evil", &mine.replace("\"ml\":300", "\"ml\":1999"));
    peer_file(&env, "phone", "garbage\n");
    fs::copy(
        env.month_file(),
        env.device_dir()
            .join("2026-11.sync-conflict-20261128-1.jsonl"),
    )
    .unwrap();
    symlink(env.root(), env.data.join("journal").join("linked")).unwrap();
    let ahead = line(
        "01KB00000000000000000000AH",
        json!({"type": "drink", "ml": 100}),
    )
    .replace(NOW, "2026-11-28T20:30:00-05:00");
    peer_file(&env, "tablet", &ahead);
    let out = env.ok(&["doctor"]);
    for want in [
        "000-evil",
        "reuses id",
        "phone/2026-11.jsonl, line 1",
        "conflict copy",
        "symbolic link",
        "6 h 0 min ahead",
        "what to do:",
    ] {
        assert!(
            out.contains(want),
            "doctor says nothing of {want:?}:\n{out}"
        );
    }
    assert!(!out.contains("nothing to fix"), "{out}");
}

#[test]
fn a_csv_row_from_the_year_9999_or_with_a_huge_note_is_refused() {
    let env = Env::new();
    let header = "id,type,at,ml,note\n";
    for row in [
        "01KB0000000000000000000001,drink,9999-12-31T23:59:59-12:00,300,\n".to_string(),
        format!(
            "01KB0000000000000000000002,drink,{NOW},300,{}\n",
            "x".repeat(5000)
        ),
    ] {
        let path = env.root().join("rows.csv");
        fs::write(&path, format!("{header}{row}")).unwrap();
        let out = env.run(&["import", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains("row 2"), "{}", stderr(&out));
        assert!(snapshot(&env.data).is_empty(), "nothing imported");
    }
}
