//! What every command and the TUI work with: the one reading of the clock,
//! the paths, the settings and the journal. It lives outside the CLI so that
//! the TUI and the config reader need nothing from the command-line front end.

use crate::config::{Paths, Settings, load_settings};
use crate::domain::entry::{Time, VolumeUnit};
use crate::domain::history::{Event, History, Op, SCHEMA_VERSION};
use crate::store::{Journal, Loaded, Scope, device_id};
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

/// What every command works with: files, settings and the one reading of the clock.
pub struct Ctx {
    pub paths: Paths,
    pub settings: Settings,
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
            journal,
            now,
            said: Default::default(),
        })
    }

    /// Loads the journal, printing anything wrong in it as warnings.
    pub fn load(&self, scope: Scope) -> Result<Loaded> {
        let loaded = self.journal.load(scope)?;
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
        let since = (self.now - chrono::Duration::days(2)).fixed_offset();
        let loaded = self.load(Scope::Since(since))?;
        Ok(History::from_events_mine(loaded.events, &loaded.mine))
    }

    pub fn now_fixed(&self) -> Time {
        self.now.fixed_offset()
    }

    /// Makes an event with a fresh id that sorts after every id in `history`.
    pub fn event(&self, history: &History, op: Op, at: Time) -> Event {
        Event {
            v: SCHEMA_VERSION,
            id: new_id(&self.now_fixed(), history.last_event_id.as_deref()),
            op,
            at,
            logged: self.now_fixed(),
            target: None,
            entry: None,
            extra: Default::default(),
        }
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
        crate::domain::say::entry(body, self.unit(), self.mass_unit(history))
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
