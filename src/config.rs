//! Settings from `config.toml`, and where every file lives.
//!
//! Paths come from `directories::ProjectDirs`, overridden by `--data-dir` /
//! `CRAMPWATCH_DATA_DIR` and `--config` / `CRAMPWATCH_CONFIG`.

pub mod file;

use crate::domain::entry::VolumeUnit;
use crate::domain::input::parse_volume;
use crate::domain::mass::MassUnit;
use crate::domain::prefs::Prefs;
pub use crate::domain::prefs::Profile;
use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

pub mod trust;

/// The settings a user can change, with their defaults.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Display unit for volumes: "oz" (US fl oz) or "ml".
    pub units: VolumeUnit,
    /// Unit for body weights: "kg" or "lb" (unset: the unit of the first weighing).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight_unit: Option<MassUnit>,
    /// Daily fluid goal, like "64oz" or "2l".
    pub daily_goal: String,
    /// The hour a day starts (0-23): a 2 am cramp belongs to the night before.
    pub day_start_hour: u32,
    /// Drink sizes offered in the TUI, on number keys.
    pub drink_presets: Vec<String>,
    /// Ring the terminal bell when a sip or deadline comes due.
    pub bell: bool,
    /// A command run with the message when a sip or deadline comes due.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notify_command: Option<String>,
    /// Capture the mouse in the TUI.
    pub mouse: bool,
    pub profile: Profile,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            units: VolumeUnit::Oz,
            weight_unit: None,
            daily_goal: "64oz".into(),
            day_start_hour: 4,
            drink_presets: vec!["8oz".into(), "10oz".into(), "20oz".into()],
            bell: true,
            notify_command: None,
            mouse: false,
            profile: Profile::default(),
        }
    }
}

impl Settings {
    /// Parses `config.toml` text and checks every value.
    pub fn from_toml(text: &str) -> Result<Settings, String> {
        let s: Settings = toml::from_str(text).map_err(|e| {
            let msg = e.message().to_string();
            match e.span() {
                Some(span) => {
                    let line = text[..span.start.min(text.len())].lines().count().max(1);
                    format!("line {line}: {msg}")
                }
                None => msg,
            }
        })?;
        s.check()?;
        Ok(s)
    }

    fn check(&self) -> Result<(), String> {
        self.goal_ml()?;
        if self.day_start_hour > 23 {
            return Err(format!(
                "day_start_hour = {} is not an hour (0-23)",
                self.day_start_hour
            ));
        }
        if self.drink_presets.is_empty() || self.drink_presets.len() > 9 {
            return Err("drink_presets needs 1 to 9 amounts, like [\"8oz\", \"10oz\"]".into());
        }
        for p in &self.drink_presets {
            parse_volume(p, self.units).map_err(|e| format!("drink_presets: {e}"))?;
        }
        if let Some(kg) = self.profile.body_mass_kg
            && !(20.0..=400.0).contains(&kg)
        {
            return Err(format!(
                "profile.body_mass_kg = {kg} is not plausible (20-400)"
            ));
        }
        Ok(())
    }

    /// The daily goal in millilitres.
    pub fn goal_ml(&self) -> Result<u32, String> {
        let ml = crate::domain::input::parse_volume_total(&self.daily_goal, self.units)
            .map_err(|e| format!("daily_goal: {e}"))?;
        Ok(ml)
    }

    /// What the core needs of the settings (call after a successful load).
    pub fn prefs(&self) -> Prefs {
        Prefs {
            unit: self.units,
            goal_ml: self.goal_ml().unwrap_or(Prefs::default().goal_ml),
            day_start_hour: self.day_start_hour,
            profile: self.profile.clone(),
            weight_unit: self.weight_unit,
        }
    }

    /// An amount to show as an example in a form (in the display unit).
    pub fn placeholder_amount(&self) -> &'static str {
        match self.units {
            VolumeUnit::Oz => "10oz",
            VolumeUnit::Ml => "300ml",
        }
    }

    /// The drink presets in millilitres.
    pub fn preset_ml(&self) -> Vec<u32> {
        self.drink_presets
            .iter()
            .filter_map(|p| parse_volume(p, self.units).ok())
            .collect()
    }
}

/// Every path crampwatch reads or writes.
#[derive(Clone, Debug, PartialEq)]
pub struct Paths {
    pub data_dir: PathBuf,
    pub config_file: PathBuf,
    /// Where the device id is kept (outside the data dir, so syncing the data
    /// dir never gives two machines one id).
    pub device_file: PathBuf,
    /// Where parsed journal files are cached (outside the data dir; safe to delete).
    pub cache_dir: Option<PathBuf>,
}

impl Paths {
    /// Resolves paths: explicit flags first, then environment, then platform defaults.
    pub fn resolve(data_dir: Option<PathBuf>, config_file: Option<PathBuf>) -> Result<Paths> {
        let dirs = directories::ProjectDirs::from("", "", "crampwatch");
        let data_dir = match data_dir {
            Some(d) => d,
            None => dirs.as_ref().map(|d| d.data_dir().to_path_buf()).context(
                "no home directory found; pass --data-dir DIR or set CRAMPWATCH_DATA_DIR",
            )?,
        };
        let config_file = match config_file {
            Some(f) => f,
            None => dirs
                .as_ref()
                .map(|d| d.config_dir().join("config.toml"))
                .context("no home directory found; pass --config FILE or set CRAMPWATCH_CONFIG")?,
        };
        let device_file = dirs
            .as_ref()
            .map(|d| {
                d.state_dir()
                    .unwrap_or_else(|| d.data_local_dir())
                    .join("device-id")
            })
            .unwrap_or_else(|| config_file.with_file_name("device-id"));
        let cache_dir = dirs.as_ref().map(|d| d.cache_dir().to_path_buf());
        Ok(Paths {
            data_dir,
            config_file,
            device_file,
            cache_dir,
        })
    }
}

/// Loads the settings; a missing file gives the defaults. Only a regular
/// file of at most 1 MB is read ([`trust`]). A bad key or value is a
/// warning on stderr and the other settings apply: one typo must never stop
/// a drink being logged. From a file others could have written,
/// `notify_command` is dropped with a warning.
pub fn load_settings(path: &Path) -> Result<Settings> {
    let (text, meta) = match trust::read_config(path) {
        Ok(Some(found)) => found,
        Ok(None) => return Ok(Settings::default()),
        Err(e) => bail!(crate::context::UserError(e)),
    };
    let (mut settings, warnings) = file::read_lenient(&text);
    for w in warnings {
        crate::say_err!("warning: {}", w.render(&path.display().to_string()));
    }
    if let Some(why) = trust::loose(&meta) {
        let dropped = match settings.notify_command.take() {
            Some(_) => "; its notify_command will not be run",
            None => "",
        };
        crate::say_err!(
            "warning: the config {} {why}{dropped} (chmod go-w it; see 'crampwatch doctor')",
            path.display()
        );
    }
    Ok(settings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_file_gives_the_defaults() {
        let s = Settings::from_toml("").unwrap();
        assert_eq!(s, Settings::default());
        assert_eq!(s.goal_ml(), Ok(1893));
        assert_eq!(s.day_start_hour, 4);
        assert_eq!(s.preset_ml(), vec![237, 296, 591]);
    }

    #[test]
    fn settings_are_read_and_checked() {
        let s = Settings::from_toml(
            "units = \"ml\"\ndaily_goal = \"2.5l\"\nday_start_hour = 5\n[profile]\ndiuretics = true\n",
        )
        .unwrap();
        assert_eq!(s.units, VolumeUnit::Ml);
        assert_eq!(s.goal_ml(), Ok(2500));
        assert!(s.profile.diuretics);
        let err = Settings::from_toml("day_start_hour = 25").unwrap_err();
        assert!(err.contains("0-23"), "{err}");
        let err = Settings::from_toml("units = \"gallons\"").unwrap_err();
        assert!(err.starts_with("line 1"), "{err}");
        let err = Settings::from_toml("colour = true").unwrap_err();
        assert!(err.contains("colour"), "{err}");
    }
}
