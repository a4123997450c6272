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
