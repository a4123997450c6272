//! The clap command tree and one small function per command.
//!
//! Each command reads the clock once (`Ctx::now`, pinned by `CRAMPWATCH_NOW`),
//! loads what it needs through `crate::store`, and turns its arguments into a
//! `Change` (written by `Ctx::commit`) or a query.

mod cramp;
mod delete;
mod demo;
mod doctor;
mod drink;
mod edit;
mod edit_apply;
mod flags;
mod import_files;
mod list;
mod medication;
pub mod messages;
mod plan;
mod progress;
mod report;
mod report_html;
mod save;
mod setup;
mod status;
mod sweat;
mod transfer;
mod undo;
mod weight;
mod workout;

use crate::domain::entry::{Heat, Intensity};
use anyhow::Result;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

const ENV_HELP: &str = "\
Environment:
  CRAMPWATCH_DATA_DIR  where the journal lives (same as --data-dir)
  CRAMPWATCH_CONFIG    the settings file (same as --config)
  CRAMPWATCH_NOW       pin \"now\" to an RFC 3339 time, e.g. 2026-11-28T14:30:00-05:00
  CRAMPWATCH_DEVICE    this machine's device name in the journal (default: made on first run)

Health information in crampwatch is general information, not medical advice.";

/// Log workouts, drinks and muscle cramps; hydration countdowns and pattern flags.
#[derive(Debug, Parser)]
#[command(name = "crampwatch", version, after_help = ENV_HELP)]
pub struct Cli {
    /// Where the journal lives, like --data-dir ~/sync/crampwatch [default: the platform data dir]
    #[arg(long, global = true, env = "CRAMPWATCH_DATA_DIR", value_name = "DIR", help_heading = messages::GLOBAL_HEADING)]
    pub data_dir: Option<PathBuf>,
    /// The settings file, like --config ~/cw.toml [default: config.toml in the platform config dir]
    #[arg(long, global = true, env = "CRAMPWATCH_CONFIG", value_name = "FILE", help_heading = messages::GLOBAL_HEADING)]
    pub config: Option<PathBuf>,
    /// Open the TUI on a generated month of data in a temporary folder (your journal is untouched)
    #[arg(long)]
    pub demo: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Log a drink: `crampwatch drink 10oz --kind sports`
    Drink(drink::DrinkArgs),
    /// Start, stop or add a workout
    #[command(subcommand)]
    Workout(workout::WorkoutCmd),
    /// Plan a workout for later: `crampwatch plan run --at 18:00 --minutes 90`
    Plan(plan::PlanArgs),
    /// Log a cramp: `crampwatch cramp calf --side left --severity 7 --duration 2m`
    Cramp(cramp::CrampArgs),
    /// Log body weight before or after a session: `crampwatch weight 72.4kg --when before`
    Weight(weight::WeightArgs),
    /// Medicines started and stopped, for the flags and the report: `crampwatch medication start furosemide --class diuretic`
    Medication(medication::MedicationArgs),
    /// Patterns worth noticing, with evidence: `crampwatch flags --since 60d`
    Flags(flags::FlagsArgs),
    /// List entries with their ids
    List(list::ListArgs),
    /// Change an entry: `crampwatch edit ID --amount 12oz`
    Edit(Box<edit::EditArgs>),
    /// Delete an entry (undo brings it back)
    Delete {
        /// The entry's id, or a unique start of it (4 characters or more): 01KB3F
        id: String,
    },
    /// Undo this device's last change (a log, an edit or a delete)
    Undo {
        /// Take back the last change from any device, not only this one's
        #[arg(long)]
        any_device: bool,
    },
    /// Redo what undo reverted
    Redo {
        /// Redo the last undone change from any device, not only this one's
        #[arg(long)]
        any_device: bool,
    },
    /// Write every entry, as it stands now, to stdout
    Export(transfer::ExportArgs),
    /// Add entries from device files (FIT, TCX, GPX, Apple Health, Strava), a JSON or CSV export, or another journal
    Import(transfer::ImportArgs),
    /// A week (or the days since a time) in figures: `crampwatch report --week 2026-W48 --format markdown`
    Report(report::ReportArgs),
    /// Hydration timers now: one line for a prompt or tmux bar, or JSON
    Status(status::StatusArgs),
    /// Your sweat tests and your rate by heat band: `crampwatch sweat --format json`
    Sweat(sweat::SweatArgs),
    /// Write a generated journal of realistic use: `crampwatch demo --days 30 --data-dir /tmp/cw`
    Demo(demo::DemoArgs),
    /// Show the files in use and every setting: `crampwatch config`, `config init`, `config edit`
    Config(setup::ConfigArgs),
    /// Check the data dir and config: permissions, links, bad lines, lines set aside, conflict copies, clock skew
    Doctor,
    /// Print a shell completion script: `crampwatch completions bash > ~/.local/share/bash-completion/completions/crampwatch`
    Completions {
        /// The shell to complete for: bash, zsh, fish, elvish or powershell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// Output formats shared by several commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

pub use crate::context::{Ctx, UserError, new_id, read_now, user};

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let Some(command) = &cli.command else {
        if cli.demo {
            crate::tui::demo::run(cli.config.clone())?;
        } else {
            crate::tui::run(&Ctx::new(cli.data_dir.clone(), cli.config.clone())?)?;
        }
        return Ok(ExitCode::SUCCESS);
    };
    if cli.demo {
        return user(
            "--demo opens the TUI on generated data and takes no command; to write a demo journal use 'crampwatch demo --days 30 --data-dir DIR'",
        );
    }
    if let Command::Completions { shell } = command {
        setup::completions(*shell);
        return Ok(ExitCode::SUCCESS);
    }
    let ctx = Ctx::new(cli.data_dir.clone(), cli.config.clone())?;
    match command {
        Command::Drink(a) => drink::drink(&ctx, a),
        Command::Workout(c) => workout::workout(&ctx, c),
        Command::Plan(a) => plan::plan(&ctx, a),
        Command::Cramp(a) => cramp::cramp(&ctx, a),
        Command::Weight(a) => weight::weight(&ctx, a),
        Command::Medication(a) => medication::medication(&ctx, a),
        Command::Flags(a) => flags::flags(&ctx, a),
        Command::List(a) => list::list(&ctx, a),
        Command::Edit(a) => edit::edit(&ctx, a),
        Command::Delete { id } => delete::delete(&ctx, id),
        Command::Undo { any_device } => undo::undo(&ctx, *any_device),
        Command::Redo { any_device } => undo::redo(&ctx, *any_device),
        Command::Export(a) => transfer::export(&ctx, a),
        Command::Import(a) => transfer::import(&ctx, a),
        Command::Report(a) => report::report(&ctx, a),
        Command::Status(a) => status::status(&ctx, a),
        Command::Sweat(a) => sweat::sweat(&ctx, a),
        Command::Demo(a) => demo::demo(&ctx, a, cli.data_dir.is_some()),
        Command::Config(a) => setup::config(&ctx, a),
        Command::Doctor => doctor::doctor(&ctx),
        Command::Completions { .. } => unreachable!("handled above"),
    }?;
    Ok(ExitCode::SUCCESS)
}

/// Parses arguments; clap's own errors are folded into one line.
pub fn parse_args() -> Result<Cli, ExitCode> {
    use clap::FromArgMatches;
    let parsed = messages::command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m));
    match parsed {
        Ok(cli) => Ok(cli),
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                let _ = e.print();
                return Err(ExitCode::SUCCESS);
            }
            let args: Vec<String> = std::env::args().collect();
            let stray = (e.kind() == ErrorKind::UnknownArgument)
                .then(|| {
                    messages::unquoted_time(&args, &e)
                        .or_else(|| messages::negative_value(&args, &e))
                        .or_else(|| messages::stray_flag(&args))
                })
                .flatten();
            match stray {
                Some(msg) => crate::say_err!("error: {msg}"),
                None => crate::say_err!("{}", messages::one_line(&e)),
            }
            Err(ExitCode::from(2))
        }
    }
}

/// Prints an error as one line and picks the exit code: 2 for the user's
/// mistakes, 1 for everything else.
pub fn report_error(err: &anyhow::Error) -> ExitCode {
    if let Some(io) = err.downcast_ref::<std::io::Error>()
        && io.kind() == std::io::ErrorKind::BrokenPipe
    {
        return ExitCode::SUCCESS;
    }
    crate::say_err!("error: {}", one_line_chain(err));
    let refused = matches!(
        err.downcast_ref::<crate::store::JournalError>(),
        Some(crate::store::JournalError::Refused(_))
    );
    if refused || err.downcast_ref::<UserError>().is_some() {
        ExitCode::from(2)
    } else {
        ExitCode::FAILURE
    }
}

/// The error and its causes on one line, each cause once: a cause whose text
/// the message already ends with (`path: reason` errors) is not repeated.
fn one_line_chain(err: &anyhow::Error) -> String {
    let mut msg = err.to_string();
    for cause in err.chain().skip(1) {
        let c = cause.to_string();
        if !msg.ends_with(&c) {
            msg.push_str(": ");
            msg.push_str(&c);
        }
    }
    msg.replace('\n', " ")
}

/// Options shared by workouts and plans.
#[derive(Debug, Args, Clone, Default)]
pub struct SessionOpts {
    /// How hard it is: --intensity hard
    #[arg(long, value_enum)]
    pub intensity: Option<Intensity>,
    /// How warm it is: --heat hot
    #[arg(long, value_enum)]
    pub heat: Option<Heat>,
}
