//! What every command and the TUI work with: the one reading of the clock,
//! the paths, the settings and the journal. It lives outside the CLI so that
//! the TUI and the config reader need nothing from the command-line front end.

use crate::config::{Paths, Settings, load_settings};
use crate::domain::change::{Change, Given, Refusal};
use crate::domain::entry::{Time, VolumeUnit};
use crate::domain::history::{Event, History};
use crate::domain::rules::Rules;
use crate::store::{Journal, Loaded, Lock, Reader, Scope, device_id};
use anyhow::{Context, Result};
use chrono::{DateTime, Local, SubsecRound};
use std::path::PathBuf;

/// A mistake in what the user typed: one line on stderr, exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UserError(pub String);

/// Shorthand for returning a [`UserError`].
pub fn user<T>(msg: impl Into<String>) -> Result<T> {
    Err(UserError(msg.into()).into())
}

/// What every command works with: files, settings, the rules and the one
/// reading of the clock.
pub struct Ctx {
    pub paths: Paths,
    pub settings: Settings,
    /// The guidelines, parsed once for the whole command.
    pub rules: Rules,
    pub journal: Journal,
    pub now: DateTime<Local>,
    /// Problems in the journal already warned about: a command that loads
    /// twice (to save, then to check what it saved) says each once.
    pub said: std::cell::RefCell<std::collections::HashSet<String>>,
}

impl Ctx {
    pub fn new(data_dir: Option<PathBuf>, config: Option<PathBuf>) -> Result<Ctx> {
        let now = read_now()?;
        let paths = Paths::resolve(data_dir, config)?;
        let settings = load_settings(&paths.config_file)?;
        let rules = Rules::embedded().map_err(anyhow::Error::msg)?;
        if let Some(warning) = crate::config::trust::data_dir_warning(&paths.data_dir) {
            crate::say_err!("{warning}");
        }
        let device = device_id(&paths.device_file).context("cannot make this device's id")?;
        let mut journal = Journal::open(&paths.data_dir, &device).with_clock(now.fixed_offset());
        if let Some(cache) = &paths.cache_dir {
            journal = journal.with_cache(cache);
        }
        Ok(Ctx {
            paths,
            settings,
            rules,
            journal,
            now,
            said: Default::default(),
        })
    }

    /// Loads the journal, printing anything wrong in it as warnings.
    pub fn load(&self, scope: Scope) -> Result<Loaded> {
        self.warn(self.journal.load(scope)?)
    }

    /// [`Ctx::load`] through a reader, for a command that loads more than once.
    pub fn load_with(&self, reader: &mut Reader, scope: Scope) -> Result<Loaded> {
        self.warn(self.journal.load_with(reader, scope)?)
    }

    /// Prints what is wrong in `loaded` as warnings, each once per command.
    fn warn(&self, loaded: Loaded) -> Result<Loaded> {
        let mut said = self.said.borrow_mut();
        let new: Vec<String> = loaded
            .problems
            .iter()
            .map(|p| p.to_string())
            .filter(|p| said.insert(p.clone()))
            .collect();
        // A synced folder full of junk must not bury a prompt in warnings.
        const AT_MOST: usize = 20;
        for p in new.iter().take(AT_MOST) {
            crate::say_err!("warning: {p}");
        }
        if new.len() > AT_MOST {
            crate::say_err!(
                "warning: and {} more lines set aside or skipped; 'crampwatch doctor' lists them with what to do",
                new.len() - AT_MOST
            );
        }
        Ok(loaded)
    }

    /// Loads and folds the whole journal.
    pub fn history(&self) -> Result<History> {
        let loaded = self.load(Scope::All)?;
        Ok(History::from_events_mine(loaded.events, &loaded.mine))
    }

    /// Loads and folds the whole journal; undo and redo there take back
    /// changes from any device.
    pub fn history_any_device(&self) -> Result<History> {
        Ok(History::from_events(self.load(Scope::All)?.events))
    }

    /// Loads and folds the files that can hold the last few days.
    pub fn recent_history(&self) -> Result<History> {
        self.recent_history_with(&mut self.journal.reader(false)?)
    }

    /// [`Ctx::recent_history`] through a reader.
    pub fn recent_history_with(&self, reader: &mut Reader) -> Result<History> {
        let since = (self.now - chrono::Duration::days(2)).fixed_offset();
        let loaded = self.load_with(reader, Scope::Since(since))?;
        Ok(History::from_events_mine(loaded.events, &loaded.mine))
    }

    pub fn now_fixed(&self) -> Time {
        self.now.fixed_offset()
    }

    /// Asks the gate whether `change` fits `history`; a refusal is worded
    /// for the command line.
    pub fn check(&self, history: &History, change: &Change, given: Given) -> Result<()> {
        change
            .check_against(history, &self.rules, given, &self.now_fixed())
            .map_err(|r| self.refusal(r))
    }

    /// A refusal as the command line says it (exit code 2).
    pub fn refusal(&self, r: Refusal) -> anyhow::Error {
        let msg = match r {
            // Worded as the journal words it, as every path does.
            Refusal::Value(why) => return crate::store::JournalError::Refused(why).into(),
            Refusal::NoEntry(id) => {
                format!("no entry has the id '{id}' (see 'crampwatch list --all' for ids)")
            }
            Refusal::AlreadyRunning { activity, since } => format!(
                "a workout is already running ({activity} since {}); stop it first with 'crampwatch workout stop'",
                self.when(&since)
            ),
            Refusal::Implausible(msg) => msg,
            Refusal::NotCurrent(name) => format!("'{name}' is not a current medicine"),
            Refusal::StopBeforeStart { name, start } => format!(
                "--at: {name} started {}; the stop must come after it",
                start.with_timezone(&Local).format("%Y-%m-%d")
            ),
            Refusal::StartAfterStop { name, stop } => format!(
                "--at: {name} stopped {}; the start must come before it",
                stop.with_timezone(&Local).format("%Y-%m-%d")
            ),
        };
        UserError(msg).into()
    }

    /// Writes a change after everything in `history`, at the one `now`:
    /// checked by the gate, then minted and appended by [`Journal::commit`].
    pub fn commit(&self, history: &History, change: Change) -> Result<Event> {
        self.commit_given(history, change, Given::default())
    }

    /// [`Ctx::commit`] of a change given with `--force` or a bare number.
    pub fn commit_given(&self, history: &History, change: Change, given: Given) -> Result<Event> {
        self.check(history, &change, given)?;
        let last = history.last_event_id.as_deref();
        Ok(self.journal.commit(change, &self.now_fixed(), last)?)
    }

    /// [`Ctx::commit`] under a lock the caller took for its check.
    pub fn commit_locked(&self, lock: &Lock, history: &History, change: Change) -> Result<Event> {
        self.check(history, &change, Given::default())?;
        let last = history.last_event_id.as_deref();
        Ok(self
            .journal
            .commit_locked(lock, change, &self.now_fixed(), last)?)
    }

    pub fn unit(&self) -> VolumeUnit {
        self.settings.units
    }

    /// The unit weights are shown in, given the weighings in `history`.
    pub fn mass_unit(&self, history: &History) -> crate::domain::mass::MassUnit {
        use crate::domain::mass::{display_unit, first_weighing};
        display_unit(
            self.settings.weight_unit,
            first_weighing(history),
            self.unit(),
        )
    }

    /// An entry in words, with weights in the user's unit.
    pub fn describe(&self, body: &crate::domain::entry::Body, history: &History) -> String {
        crate::domain::say::entry(body, self.unit(), self.mass_unit(history), &chrono::Local)
    }

    /// `14:30 today`, `Fri 27 Nov 21:00`, for confirmations.
    pub fn when(&self, t: &Time) -> String {
        let local = t.with_timezone(&Local);
        let today = self.now.date_naive();
        if local.date_naive() == today {
            format!("{} today", local.format("%H:%M"))
        } else if Some(local.date_naive()) == today.pred_opt() {
            format!("{} yesterday", local.format("%H:%M"))
        } else if Some(local.date_naive()) == today.succ_opt() {
            format!("{} tomorrow", local.format("%H:%M"))
        } else {
            local.format("%a %-d %b %Y %H:%M").to_string()
        }
    }
}

pub use crate::store::new_id;

/// "now": `CRAMPWATCH_NOW` when set (for tests and demos), else the clock.
pub fn read_now() -> Result<DateTime<Local>> {
    let now = read_clock()?;
    // Nothing is written with a time the journal could not read back.
    crate::domain::check::clock(&now)
        .or_else(|e| user(format!("{e}; set the clock (or CRAMPWATCH_NOW) right")))?;
    Ok(now)
}

fn read_clock() -> Result<DateTime<Local>> {
    match std::env::var("CRAMPWATCH_NOW") {
        Ok(s) if !s.trim().is_empty() => match DateTime::parse_from_rfc3339(s.trim()) {
            Ok(t) => Ok(t.with_timezone(&Local).trunc_subsecs(0)),
            Err(_) => user(format!(
                "CRAMPWATCH_NOW='{s}' is not an RFC 3339 time, like 2026-11-28T14:30:00-05:00"
            )),
        },
        _ => Ok(Local::now().trunc_subsecs(0)),
    }
}
