//! Everyday use from the command line: messages that say what went wrong and
//! what would work, the time phrases people type, units, config warnings,
//! help, and reports that count only the days that have happened.

mod common;

#[allow(unused_imports)]
use common::Env;

// ---------------------------------------------------------------- help

/// Every argument and option of every subcommand that takes a value (a
/// switch is its own example), as (command path, arg id, help).
fn every_arg() -> Vec<(String, String, String)> {
    fn walk(cmd: &clap::Command, path: String, out: &mut Vec<(String, String, String)>) {
        for a in cmd.get_arguments() {
            let id = a.get_id().as_str();
            if id == "help" || id == "version" || a.is_hide_set() {
                continue;
            }
            let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
            let switch = !a.get_action().takes_values();
            out.push((
                path.clone(),
                id.to_string(),
                if switch {
                    format!("{help} [switch]")
                } else {
                    help
                },
            ));
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
        .filter(|(_, _, help)| help.trim_end_matches(" [switch]").trim().is_empty())
        .map(|(path, id, _)| format!("{path} {id}"))
        .collect();
    assert!(missing.is_empty(), "no description: {missing:#?}");
}

#[test]
fn the_time_phrases_are_under_the_help_of_commands_that_take_a_time() {
    let env = Env::new();
    for cmd in [&["drink", "--help"][..], &["plan", "--help"], &["--help"]] {
        let out = env.quiet(cmd);
        for phrase in [
            "8pm",
            "7:30 am",
            "noon",
            "sat 07:00",
            "-30m",
            "tomorrow 7am",
            "+2d",
        ] {
            assert!(out.contains(phrase), "{cmd:?} lacks {phrase}: {out}");
        }
    }
    // Global options are listed under their own heading, not among a command's.
    let out = env.quiet(&["drink", "--help"]);
    let (own, global) = out.split_once("Global options:").expect("a heading");
    assert!(
        !own.contains("--data-dir") && global.contains("--data-dir"),
        "{out}"
    );
}

// ---------------------------------------------------------------- messages

/// A refusal: one line, exit 2, the journal untouched. Returns the line.
fn refused2(env: &Env, args: &[&str]) -> String {
    assert_eq!(env.run(args).status.code(), Some(2), "{args:?}");
    env.refused(args)
}

#[test]
fn typos_get_a_did_you_mean() {
    let env = Env::new();
    env.log(&["drink", "8oz"]);
    for (args, guess) in [
        (&["drnik", "10oz"][..], "did you mean 'drink'?"),
        (&["--dmeo"], "did you mean '--demo'?"),
        (
            &["drink", "10oz", "--knd", "water"],
            "did you mean '--kind'?",
        ),
        // The amount takes hyphens (to refuse -5oz plainly); a typo there too.
        (
            &["drink", "--knd", "water", "10oz"],
            "did you mean '--kind'?",
        ),
        (
            &["drink", "10oz", "--kind", "spots"],
            "did you mean 'sports'?",
        ),
        (
            &["cramp", "calf", "--context", "nigt"],
            "did you mean 'night'?",
        ),
        (&["report", "--formt", "json"], "did you mean '--format'?"),
    ] {
        let err = refused2(&env, args);
        assert!(err.contains(guess), "{args:?}: {err}");
    }
}

#[test]
fn words_are_accepted_in_any_case_and_numbers_are_asked_for_plainly() {
    let env = Env::new();
    let id = env.log(&["cramp", "Calf", "--side", "LEFT", "--context", "Rest"]);
    let e = env.entry(&id).unwrap();
    assert_eq!(
        (e["muscle"].as_str(), e["side"].as_str()),
        (Some("calf"), Some("left"))
    );
    let id = env.log(&["drink", "12 OZ", "--kind", "Sports"]);
    assert_eq!(env.entry(&id).unwrap()["kind"], "sports");

    for (args, example) in [
        (
            &["plan", "run", "--at", "+1h", "--minutes", "2"][..],
            "--minutes 90",
        ),
        (&["drink", "8oz", "--sodium", "lots"], "--sodium 300"),
        (&["cramp", "calf", "--severity", "11"], "--severity 7"),
    ] {
        let err = refused2(&env, args);
        assert!(err.contains(example), "{args:?}: {err}");
    }
    let err = refused2(&env, &["cramp", "calf", "--severity", "high"]);
    assert!(
        err.contains("not 'high'") && err.contains("--severity 7") && !err.contains("digit"),
        "{err}"
    );
}

#[test]
fn time_hints_give_dates_from_today_never_a_past_one_for_a_plan() {
    // Now is Saturday 28 November 2026, 14:30.
    let env = Env::new();
    let err = refused2(&env, &["plan", "run", "--at", "whenever"]);
    assert!(err.contains("2026-11-29 07:00"), "tomorrow's date: {err}");
    let err = refused2(&env, &["drink", "8oz", "--at", "whenever"]);
    assert!(err.contains("2026-11-27 21:00"), "yesterday's date: {err}");
    let err = refused2(&env, &["drink", "8oz", "--at", "2026-11-27"]);
    assert!(err.contains("needs a time of day"), "{err}");
    let err = refused2(&env, &["report", "--week", "48"]);
    assert!(err.contains("did you mean 2026-W48?"), "{err}");
    // Two words without quotes: the shell split them.
    let err = refused2(&env, &["drink", "8oz", "--at", "yesterday", "7am"]);
    assert!(
        err.contains("needs quotes: --at \"yesterday 7am\""),
        "{err}"
    );
}

// ---------------------------------------------------------------- time phrases

/// The `at` a command saved, as written in the journal.
fn saved_at(env: &Env, args: &[&str]) -> String {
    let id = env.log(args);
    env.entry(&id).unwrap()["at"].as_str().unwrap().to_string()
}

#[test]
fn the_times_people_say() {
    // Now is Saturday 28 November 2026, 14:30 in New York (UTC-5).
    let env = Env::new();
    for (phrase, want) in [
        ("8am", "2026-11-28T08:00:00-05:00"),
        ("7:30 am", "2026-11-28T07:30:00-05:00"),
        ("1pm", "2026-11-28T13:00:00-05:00"),
        ("noon", "2026-11-28T12:00:00-05:00"),
        ("midnight", "2026-11-28T00:00:00-05:00"),
        ("yesterday 9pm", "2026-11-27T21:00:00-05:00"),
        // A weekday for a past entry: the last one (today, when it has passed).
        ("sat 07:00", "2026-11-28T07:00:00-05:00"),
        ("fri 18:00", "2026-11-27T18:00:00-05:00"),
        ("sunday 10am", "2026-11-22T10:00:00-05:00"),
        ("-30m", "2026-11-28T14:00:00-05:00"),
        ("-2d", "2026-11-26T14:30:00-05:00"),
        ("2026-11-27 06:15", "2026-11-27T06:15:00-05:00"),
        ("2026-11-27T06:20", "2026-11-27T06:20:00-05:00"),
    ] {
        let at = saved_at(&env, &["drink", "8oz", "--at", phrase]);
        assert_eq!(at, want, "{phrase}");
    }
    let err = refused2(&env, &["drink", "8oz", "--at", "3pm"]);
    assert!(err.contains("future"), "{err}");
}

#[test]
fn plans_look_ahead() {
    let env = Env::new();
    for (phrase, want) in [
        ("tomorrow 7am", "2026-11-29T07:00:00-05:00"),
        // Saturday 07:00 has passed today: the next Saturday.
        ("sat 07:00", "2026-12-05T07:00:00-05:00"),
        ("sat 6pm", "2026-11-28T18:00:00-05:00"),
        ("mon 6pm", "2026-11-30T18:00:00-05:00"),
        ("+2h", "2026-11-28T16:30:00-05:00"),
        ("+2d", "2026-11-30T14:30:00-05:00"),
    ] {
        let at = saved_at(&env, &["plan", "run", "--at", phrase]);
        assert_eq!(at, want, "{phrase}");
    }
}

#[test]
fn phrases_across_the_spring_dst_change() {
    // New York moves its clocks from 02:00 to 03:00 on Sunday 8 March 2026.
    let mut env = Env::new();
    env.now = "2026-03-07T20:00:00-05:00".into();
    // Tomorrow morning is already daylight time.
    let at = saved_at(&env, &["plan", "run", "--at", "tomorrow 7am"]);
    assert_eq!(at, "2026-03-08T07:00:00-04:00");
    // +2d keeps the clock time though only 47 hours pass.
    let at = saved_at(&env, &["plan", "ride", "--at", "+2d"]);
    assert_eq!(at, "2026-03-09T20:00:00-04:00");
    // "sun 2:30am" never happened on the clock.
    let err = refused2(&env, &["plan", "swim", "--at", "sun 2:30am"]);
    assert!(err.contains("clocks changed"), "{err}");
    env.now = "2026-03-08T12:00:00-04:00".into();
    // 12 hours back from noon daylight time is 23:00 standard time.
    let at = saved_at(&env, &["drink", "8oz", "--at", "-12h"]);
    assert_eq!(at, "2026-03-07T23:00:00-05:00");
}

// ---------------------------------------------------------------- what rubs

#[test]
fn stopping_at_once_does_not_blame_an_at_never_given() {
    let mut env = Env::new();
    env.log(&["workout", "start", "run"]);
    let err = refused2(&env, &["workout", "stop"]);
    assert!(
        !err.starts_with("error: --at") && err.contains("not lasted a minute"),
        "{err}"
    );
    // A stopped workout is not listed as edited.
    env.now = "2026-11-28T15:30:00-05:00".into();
    env.quiet(&["workout", "stop"]);
    let list = env.quiet(&["list", "--kind", "workout"]);
    assert!(
        list.contains("until 15:30") && !list.contains("(edited)"),
        "{list}"
    );
}

#[test]
fn undo_says_what_the_entry_is_back_to() {
    let env = Env::new();
    let id = env.log(&["drink", "12oz"]);
    env.quiet(&["edit", &id, "--amount", "20oz"]);
    let out = env.quiet(&["undo"]);
    assert!(out.contains("back to: drink 12 oz water"), "{out}");
    assert!(!out.contains("20 oz"), "{out}");
}

// ---------------------------------------------------------------- units

#[test]
fn weights_stay_in_the_unit_typed() {
    let env = Env::new();
    // With nothing to tell kg from lb, a bare number is not guessed.
    let err = refused2(&env, &["weight", "72"]);
    assert!(err.contains("72kg or 72lb"), "{err}");
    // A bare drink too big for the unit suggests ml.
    let err = refused2(&env, &["drink", "250"]);
    assert!(err.contains("did you mean 250ml?"), "{err}");
    let out = env.quiet(&["weight", "72.4kg", "--when", "before"]);
    assert!(out.contains("weight 72.4 kg before"), "{out}");
    // A bare number next to a kg weighing is kg, not 72 lb.
    let id = env.log(&["weight", "72", "--when", "after"]);
    assert_eq!(env.entry(&id).unwrap()["kg"].as_f64(), Some(72.0));
    let list = env.quiet(&["list", "--kind", "weight"]);
    assert!(list.contains("weight 72.0 kg after"), "{list}");
    // Pounds when typed in pounds: 160 lb = 72.57 kg.
    let out = env.quiet(&["weight", "160lb"]);
    assert!(out.contains("weight 160.0 lb"), "{out}");
    // weight_unit in the config decides how they are listed.
    env.write_config("weight_unit = \"lb\"\n");
    let list = env.quiet(&["list", "--kind", "weight"]);
    // 72.4 kg / 0.45359237 = 159.6 lb.
    assert!(list.contains("weight 159.6 lb before"), "{list}");
}

#[test]
fn ml_units_bring_ml_defaults() {
    let env = Env::new();
    env.write_config("units = \"ml\"\n");
    let out = env.quiet(&["config"]);
    assert!(out.contains("daily_goal = \"2000ml\""), "{out}");
    assert!(
        out.contains("drink_presets = [\"250ml\", \"300ml\", \"500ml\"]"),
        "{out}"
    );
    let status = env.quiet(&["status"]);
    assert!(
        status.contains("2000 ml") && !status.contains("oz"),
        "{status}"
    );
}

// ---------------------------------------------------------------- config

#[test]
fn a_config_typo_is_a_warning_and_everything_still_works() {
    let env = Env::new();
    env.write_config("untis = \"ml\"\nbell = false\nday_start_hour = 30\n");
    let out = env.run(&["drink", "10oz"]);
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    let file = env.config_file().display().to_string();
    assert!(
        lines[0].starts_with(&format!("warning: {file} line 1: unknown key 'untis'"))
            && lines[0].contains("did you mean 'units'?"),
        "{err}"
    );
    assert!(
        lines[1].contains("line 3") && lines[1].contains("day_start_hour"),
        "{err}"
    );
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .starts_with("saved: drink 10 oz")
    );
    // Export and config work too, and the good key applies.
    assert!(env.run(&["export"]).status.success());
    let out = String::from_utf8(env.run(&["config"]).stdout).unwrap();
    let bell = out.lines().find(|l| l.starts_with("bell")).unwrap();
    assert!(
        bell.contains("false") && !bell.contains("[default]"),
        "{bell}"
    );
    assert!(out.contains("notify_command (unset)"), "{out}");
    assert!(out.contains("profile.body_mass_kg (unset)"), "{out}");
}

#[test]
fn config_init_writes_a_commented_file_and_edit_opens_the_editor() {
    let env = Env::new();
    let out = env.quiet(&["config", "init"]);
    assert!(out.contains("wrote"), "{out}");
    let text = std::fs::read_to_string(env.config_file()).unwrap();
    assert!(
        text.contains("# units = \"oz\"") && text.contains("# notify_command"),
        "{text}"
    );
    let err = refused2(&env, &["config", "init"]);
    assert!(err.contains("already exists"), "{err}");
    // An "editor" that adds a line at the top, as a person would type it.
    let editor = env.root().join("editor.sh");
    let script = "#!/bin/sh\n{ printf 'bell = false\\n'; cat \"$1\"; } > \"$1.new\" && mv \"$1.new\" \"$1\"\n";
    std::fs::write(&editor, script).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let out = env
        .std_cmd()
        .args(["config", "edit"])
        .env("VISUAL", &editor)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("reads cleanly"),
        "{out:?}"
    );
    let bell = env.quiet(&["config"]);
    let bell = bell
        .lines()
        .find(|l| l.starts_with("bell"))
        .unwrap()
        .to_string();
    assert!(
        bell.contains("false") && !bell.contains("[default]"),
        "{bell}"
    );
}

// ---------------------------------------------------------------- reports

#[test]
fn a_report_counts_only_the_days_that_have_begun() {
    // Thursday 26 November 2026, evening: Mon-Thu have begun, Fri-Sun not.
    let mut env = Env::new();
    env.now = "2026-11-26T20:00:00-05:00".into();
    // The default goal is 64 oz; met on Monday and Tuesday.
    env.log(&["drink", "64oz", "--at", "mon 10:00"]);
    env.log(&["drink", "64oz", "--at", "tue 10:00"]);
    env.log(&["drink", "10oz", "--at", "wed 10:00"]);
    env.log(&["cramp", "calf", "--at", "tue 21:00"]);
    let text = env.quiet(&["report"]);
    // 4 days x 64 oz = 256 oz of goal so far, not 448 oz for 7 days.
    assert!(text.contains("of 256 oz"), "{text}");
    assert!(
        text.contains("goal met on 2 of 4 days so far (3 days still ahead)"),
        "{text}"
    );
    let md = env.quiet(&["report", "--format", "markdown"]);
    assert!(md.contains("goal met on 2 of 4 days"), "{md}");
    assert!(
        md.contains("| Thu 26 Nov |") && !md.contains("| Fri 27 Nov |"),
        "{md}"
    );
    // The last cramp is named by its date.
    assert!(md.contains("Last cramp: 2026-11-24 (2 days ago)"), "{md}");
    let json: serde_json::Value =
        serde_json::from_str(&env.quiet(&["report", "--format", "json"])).unwrap();
    assert_eq!(json["period"]["days_begun"], 4);
    // 4 x 64 oz = 4 x 1892.7 ml, each day's goal rounded to whole ml.
    assert_eq!(json["period"]["goal_so_far_ml"], 4 * 1893);
}

#[test]
fn every_argument_has_an_example() {
    // An example: "like X", the flag typed with a value, or values after a
    // colon (with a digit or a list in them). A switch is its own example.
    let has_example = |id: &str, help: &str| {
        let flag = format!("--{} ", id.replace('_', "-"));
        let after_colon = help.rsplit(": ").next().unwrap_or("");
        help.ends_with("[switch]")
            || help.contains("like ")
            || help.contains(&flag)
            || (help.contains(": ")
                && (after_colon.contains(',') || after_colon.chars().any(|c| c.is_ascii_digit())))
    };
    let missing: Vec<String> = every_arg()
        .into_iter()
        .filter(|(_, id, help)| !has_example(id, help))
        .map(|(path, id, help)| format!("{path} {id}: {help}"))
        .collect();
    assert!(missing.is_empty(), "no example: {missing:#?}");
}

/// A span or time ahead of now is refused, not read as one back: `--since
/// +2d` reported the two days before today, `--from` a day to come blamed
/// a `--to` that was never given.
#[test]
fn a_since_or_from_ahead_of_now_is_refused_as_ahead() {
    let env = Env::new();
    env.log(&["drink", "10oz"]);
    for cmd in ["list", "report", "flags"] {
        for since in ["+2d", "in 3h", "2027-01-01 00:00"] {
            let err = env.refused(&[cmd, "--since", since]);
            assert_eq!(
                err,
                format!(
                    "error: --since: '{since}' is ahead of now; give a span back (7d, 2w) or an earlier time"
                ),
                "{cmd}"
            );
        }
    }
    for format in ["text", "html"] {
        let err = env.refused(&["report", "--from", "2027-01-01", "--format", format]);
        assert_eq!(err, "error: --from: that day has not come yet");
    }
}
