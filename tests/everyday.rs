//! Everyday use from the command line: messages that say what went wrong and
//! what would work, the time phrases people type, units, config warnings,
//! help, and reports that count only the days that have happened.

mod common;

#[allow(unused_imports)]
use common::Env;

// ---------------------------------------------------------------- help

/// Every argument and option of every subcommand, as (command path, arg id, help).
fn every_arg() -> Vec<(String, String, String)> {
    fn walk(cmd: &clap::Command, path: String, out: &mut Vec<(String, String, String)>) {
        for a in cmd.get_arguments() {
            let id = a.get_id().as_str();
            if id == "help" || id == "version" || a.is_hide_set() {
                continue;
            }
            let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
            out.push((path.clone(), id.to_string(), help));
        }
        for sub in cmd.get_subcommands() {
            walk(sub, format!("{path} {}", sub.get_name()), out);
        }
    }
    let mut out = Vec::new();
    walk(
        &crampwatch::cli::messages::command(),
        "crampwatch".into(),
        &mut out,
    );
    out
}

#[test]
fn every_argument_of_every_command_has_a_description() {
    let missing: Vec<String> = every_arg()
        .into_iter()
        .filter(|(_, _, help)| help.trim().is_empty())
        .map(|(path, id, _)| format!("{path} {id}"))
        .collect();
    assert!(missing.is_empty(), "no description: {missing:#?}");
}
