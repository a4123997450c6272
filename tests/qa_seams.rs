//! Seams found by a newcomer's end-to-end run of the merged main: each test
//! is a command a user typed and what went wrong.

mod common;

use common::Env;
use std::process::Stdio;

/// Runs a command whose stdout is a pipe nobody reads (`crampwatch status |
/// head -0` once `head` has gone): every write to it fails with EPIPE.
fn into_closed_pipe(env: &Env, args: &[&str]) -> std::process::Output {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let mut cmd = env.std_cmd();
    cmd.args(args).stdout(writer).stderr(Stdio::piped());
    let child = cmd.spawn().expect("spawn");
    drop(cmd);
    child.wait_with_output().expect("wait")
}

#[test]
fn a_closed_pipe_is_not_a_panic_for_any_command() {
    let env = Env::new();
    env.log(&["drink", "10oz"]);
    env.log(&["cramp", "calf", "--severity", "8"]);
    for args in [
        &["status"][..],
        &["status", "--format", "json"],
        &["flags"],
        &["flags", "--format", "json"],
        &["config"],
        &["doctor"],
        &["medication"],
        &["drink", "8oz"],
        &["completions", "bash"],
        &["completions", "zsh"],
    ] {
        let out = into_closed_pipe(&env, args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?} panicked: {err}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?} printed on stderr: {err}");
    }
}

/// The README's sweat test, typed in kg with the default oz volumes.
fn readme_sweat_test(env: &Env) {
    env.log(&["weight", "70kg", "--when", "before", "--at", "07:50"]);
    env.log(&["workout", "add", "run", "--from", "08:00", "--to", "09:00"]);
    env.log(&["drink", "500ml", "--at", "08:30"]);
    env.log(&[
        "weight", "69.2kg", "--when", "after", "--at", "09:10", "--urine", "0",
    ]);
}

#[test]
fn sweat_and_report_show_weights_in_the_unit_list_shows_them_in() {
    let env = Env::new();
    readme_sweat_test(&env);
    // `list` shows the weighings as typed (the unit of the first weighing).
    let list = env.ok(&["list"]);
    assert!(list.contains("weight 70.0 kg before"), "{list}");
    for args in [
        &["sweat"][..],
        &["report"],
        &["report", "--format", "markdown"],
    ] {
        let out = env.ok(args);
        assert!(out.contains("70.0→69.2 kg"), "{args:?}:\n{out}");
        assert!(!out.contains(" lb"), "{args:?}:\n{out}");
    }
    // The weight_unit setting wins over the first weighing's unit:
    // 70 kg / 0.45359237 = 154.32 lb, 69.2 kg = 152.56 lb.
    env.write_config("weight_unit = \"lb\"\n");
    let out = env.ok(&["sweat"]);
    assert!(out.contains("154.3→152.6 lb"), "{out}");
}

#[test]
fn a_report_over_a_year_names_the_year_it_starts_in() {
    let env = Env::new();
    env.log(&["drink", "10oz"]);
    // Now is Sat 28 Nov 2026; 1 Nov 2025 was a Saturday too.
    for format in ["text", "markdown"] {
        let out = env.ok(&["report", "--since", "2025-11-01 12:00", "--format", format]);
        let head = out.lines().next().unwrap();
        assert!(
            head.contains("Sat 1 Nov 2025 – Sat 28 Nov 2026"),
            "{format}: {head}"
        );
    }
    // Within one year the year is said once, at the end.
    let out = env.ok(&["report", "--week", "2026-W48"]);
    assert!(
        out.lines()
            .next()
            .unwrap()
            .contains("Mon 23 Nov – Sun 29 Nov 2026"),
        "{out}"
    );
}

#[test]
fn a_bad_line_is_warned_about_once_per_command() {
    let env = Env::new();
    env.log(&["drink", "10oz"]);
    let file = env.month_file();
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("garbage\n");
    std::fs::write(&file, text).unwrap();
    for args in [
        &["drink", "8oz"][..],
        &["workout", "start", "run"],
        &["cramp", "calf"],
        &["status"],
    ] {
        let out = env.run(args);
        assert!(out.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        let said = err
            .lines()
            .filter(|l| l.contains("garbage") || l.contains("line 2"))
            .count();
        assert_eq!(said, 1, "{args:?} warned {said} times:\n{err}");
    }
}

#[test]
fn an_unknown_option_after_a_time_is_named_not_quoted_into_the_time() {
    let env = Env::new();
    env.log(&["drink", "10oz"]);
    let err = env.refused(&["drink", "10oz", "--at", "14:30", "--unit", "ml"]);
    assert!(err.contains("unexpected argument '--unit'"), "{err}");
    assert!(!err.contains("needs quotes"), "{err}");
    // A second word of a time still gets the hint to quote it.
    let err = env.refused(&["drink", "10oz", "--at", "yesterday", "21:00"]);
    assert!(err.contains("--at \"yesterday 21:00\""), "{err}");
}

#[test]
fn stopping_a_medicine_twice_says_when_it_was_stopped() {
    let env = Env::new();
    env.log(&["medication", "start", "furosemide", "--at", "2026-10-01"]);
    env.log(&["medication", "stop", "furosemide", "--at", "2026-11-20"]);
    let err = env.refused(&["medication", "stop", "Furosemide"]);
    // One course was logged: saying "none is logged" would be false.
    assert!(!err.contains("none is logged"), "{err}");
    assert!(err.contains("stopped on 2026-11-20"), "{err}");
    // A medicine never logged keeps the hint to log its start.
    let err = env.refused(&["medication", "stop", "aspirin"]);
    assert!(err.contains("medication start aspirin"), "{err}");
}

#[test]
fn a_negative_number_for_an_option_is_refused_without_clap_s_dash_dash_tip() {
    let env = Env::new();
    env.log(&["drink", "10oz"]);
    for (args, flag) in [
        (&["drink", "8oz", "--sodium", "-3"][..], "--sodium"),
        (&["cramp", "calf", "--severity", "-2"], "--severity"),
    ] {
        let err = env.refused(args);
        // `-- -3` would make it a stray word: not a way to give the value.
        assert!(!err.contains("'-- -"), "{err}");
        assert!(err.contains(flag) && err.contains("negative"), "{err}");
    }
}
