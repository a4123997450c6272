//! How the command line is built and how clap's refusals are told: one line,
//! with clap's "did you mean" kept, and enum values accepted in any case.

use super::Cli;
use clap::error::{ContextKind, ContextValue};
use clap::{Command, CommandFactory};

/// The heading under which `--data-dir` and `--config` are listed, once.
pub const GLOBAL_HEADING: &str = "Global options";

/// The time phrases every TIME argument takes, shown under `--help`.
pub const TIME_HELP: &str = "\
TIME (--at, --from, --to, --since):
  14:30, 8pm, 7:30 am, noon, midnight        today
  yesterday 21:00, 8pm yesterday            a day word and a time
  sat 07:00, monday 6pm                      the last such day (for plans: the next one)
  -2h, -30m, 30m ago, -2d                    back from now (days keep the clock time)
  2026-11-27 21:00, 2026-11-27T21:00         ISO date and time; RFC 3339 with an offset too
  plans also: tomorrow 7am, +3h, +2d, in 90m";

/// The clap command with the house rules applied to every subcommand:
/// enum values in any case (`cramp Calf`, `--kind SPORTS`), and the time
/// phrases under the help of every command that takes a TIME.
pub fn command() -> Command {
    let root = relax(Cli::command());
    let help = format!(
        "{TIME_HELP}\n\n{}",
        root.get_after_help()
            .map(|h| h.to_string())
            .unwrap_or_default()
    );
    root.after_help(help)
}

fn relax(cmd: Command) -> Command {
    let cmd = cmd.mut_args(|a| {
        if a.get_action().takes_values() && a.get_value_parser().possible_values().is_some() {
            a.ignore_case(true)
        } else {
            a
        }
    });
    let takes_time = cmd.get_arguments().any(|a| {
        a.get_value_names()
            .is_some_and(|v| v.iter().any(|n| n.as_str().starts_with("TIME")))
    });
    let cmd = if takes_time && cmd.get_after_help().is_none() {
        cmd.after_help(TIME_HELP)
    } else {
        cmd
    };
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    names
        .iter()
        .fold(cmd, |c, name| c.mut_subcommand(name, relax))
}

/// Folds a clap error into one line; a suggestion becomes "did you mean ...?".
pub fn one_line(e: &clap::Error) -> String {
    let rendered = e.render().to_string();
    let mut parts = Vec::new();
    let mut tips = Vec::new();
    for line in rendered.lines() {
        let t = line.trim();
        if t.starts_with("Usage:") || t.starts_with("For more information") {
            break;
        }
        if t.is_empty() {
            continue;
        }
        match t.strip_prefix("tip:") {
            Some(tip) => tips.push(tip.trim().to_string()),
            None => parts.push(t.to_string()),
        }
    }
    let mut s = parts.join(" ");
    if !s.starts_with("error:") {
        s = format!("error: {s}");
    }
    if let Some(guess) = suggestion(e) {
        s.push_str(&format!("; did you mean '{guess}'?"));
    } else if let Some(tip) = tips.first() {
        s.push_str(&format!("; {tip}"));
    }
    s + " (see crampwatch --help)"
}

/// clap's own guess for a mistyped subcommand, flag or value.
fn suggestion(e: &clap::Error) -> Option<String> {
    [
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .find_map(|k| match e.get(k)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => v.first().cloned(),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => v.first().map(ToString::to_string),
        _ => None,
    })
    .map(|s| s.trim().to_string())
}

pub use crate::domain::suggest::closest;

/// The first `--flag` on the command line that its (sub)command does not
/// know, as a one-line refusal: a positional that takes hyphens (`drink
/// AMOUNT`) can swallow it, and clap then blames the next word instead.
pub fn stray_flag(args: &[String]) -> Option<String> {
    let root = command();
    let mut cmd = root.clone();
    let mut path: Vec<String> = Vec::new();
    for arg in args.iter().skip(1) {
        if arg == "--" {
            return None;
        }
        if let Some(sub) = cmd.find_subcommand(arg) {
            path.push(sub.get_name().to_string());
            cmd = sub.clone();
            continue;
        }
        let Some(name) = arg.strip_prefix("--") else {
            continue;
        };
        let name = name.split('=').next().unwrap_or(name);
        let known = |c: &Command| c.get_arguments().any(|a| a.get_long() == Some(name));
        if !known(&cmd) && !known(&root) && name != "help" && name != "version" {
            let path: Vec<&str> = path.iter().map(String::as_str).collect();
            return unknown_flag(&path, arg);
        }
    }
    None
}

/// `--at yesterday 7am` without quotes: clap sees `7am` as a stray word.
/// The refusal says how to write it.
pub fn unquoted_time(args: &[String], e: &clap::Error) -> Option<String> {
    let stray = match e.get(ContextKind::InvalidArg)? {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(v) => v.first()?.clone(),
        _ => return None,
    };
    // An unknown option after a time (`--at 14:30 --unit ml`) is not a
    // second word of that time.
    if stray.starts_with("--") {
        return None;
    }
    let i = args.iter().position(|a| *a == stray)?;
    let flag = args.get(i.checked_sub(2)?)?;
    let time_flags = ["--at", "--from", "--to", "--since"];
    time_flags.contains(&flag.as_str()).then(|| {
        format!(
            "unexpected argument '{stray}' found; a time of two words needs quotes: {flag} \"{} {stray}\"",
            args[i - 1]
        )
    })
}

/// `--sodium -3`: clap reads `-3` as a flag and tips `-- -3`, which would
/// not give the value either. No number crampwatch takes is negative.
pub fn negative_value(args: &[String], e: &clap::Error) -> Option<String> {
    let stray = match e.get(ContextKind::InvalidArg)? {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(v) => v.first()?.clone(),
        _ => return None,
    };
    if !stray.parse::<f64>().is_ok_and(|n| n < 0.0) {
        return None;
    }
    let i = args.iter().position(|a| *a == stray)?;
    let flag = args.get(i.checked_sub(1)?)?.split('=').next()?;
    flag.starts_with("--")
        .then(|| format!("{flag} cannot be negative ('{stray}') (see crampwatch --help)"))
}

/// When a positional that takes hyphens (`drink AMOUNT`) swallowed a
/// mistyped flag (`drink --knd water 10oz`), the refusal git would give.
pub fn unknown_flag(subcommand: &[&str], typed: &str) -> Option<String> {
    if !typed.starts_with("--") {
        return None;
    }
    let mut cmd = command();
    for name in subcommand {
        cmd = cmd.find_subcommand(name)?.clone();
    }
    let longs: Vec<String> = cmd
        .get_arguments()
        .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
        .collect();
    let name = typed.split('=').next().unwrap_or(typed);
    let mut msg = format!("unexpected argument '{name}' found");
    if let Some(guess) = closest(name, longs.iter().map(String::as_str)) {
        msg.push_str(&format!("; did you mean '{guess}'?"));
    }
    let help = std::iter::once("crampwatch")
        .chain(subcommand.iter().copied())
        .chain(std::iter::once("--help"))
        .collect::<Vec<_>>()
        .join(" ");
    Some(format!("{msg} (see {help})"))
}

/// `--severity`: a whole number from 1 to 10; words get a plain answer.
pub fn severity(s: &str) -> Result<u8, String> {
    let hint = "give a number from 1 (barely) to 10 (worst imaginable), like --severity 7";
    match s.trim().parse::<i64>() {
        Ok(n) if (1..=10).contains(&n) => Ok(n as u8),
        Ok(_) => Err(format!("{} is outside 1-10; {hint}", s.trim())),
        Err(_) => Err(format!("severity is a number, not '{}'; {hint}", s.trim())),
    }
}

/// A whole number in `range`, or a refusal that names the range and an example.
fn whole(
    s: &str,
    range: std::ops::RangeInclusive<u32>,
    what: &str,
    example: &str,
) -> Result<u32, String> {
    let hint = format!(
        "{what} is a whole number from {} to {}, like {example}",
        range.start(),
        range.end()
    );
    match s.trim().parse::<i64>() {
        Ok(n) if n >= *range.start() as i64 && n <= *range.end() as i64 => Ok(n as u32),
        _ => Err(hint),
    }
}

/// `--minutes` of a plan.
pub fn plan_minutes(s: &str) -> Result<u32, String> {
    whole(s, 5..=720, "a plan's length in minutes", "--minutes 90")
}

/// `--sodium` of a drink, in mg.
pub fn sodium(s: &str) -> Result<u32, String> {
    whole(s, 0..=10000, "sodium in mg", "--sodium 300")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_their_word_and_strangers_find_none() {
        let words = ["--kind", "--sodium", "--at", "--note"];
        assert_eq!(closest("--knd", words), Some("--kind"));
        assert_eq!(closest("--sodum", words), Some("--sodium"));
        assert_eq!(closest("--colour", words), None);
        assert_eq!(closest("units", ["untis", "bell"]), Some("untis"));
    }
}
