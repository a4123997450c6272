//! The numbers of `assets/guidelines.toml`, typed and validated.
//!
//! The file is embedded in the binary; [`Rules::embedded`] parses and checks
//! it at start-up, and a bad value is a clear error, never a panic. Every table
//! names its `source`, a key of `[sources]`, shown next to the advice.

use serde::Deserialize;
use std::collections::BTreeMap;

/// The guidelines file as shipped.
pub const GUIDELINES_TOML: &str = include_str!("../../assets/guidelines.toml");

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preload {
    pub target_ml: u32,
    pub hours_before: f64,
    pub window_hours: f64,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topup {
    pub min_ml: u32,
    pub max_ml: u32,
    pub opens_min_before: u32,
    pub closes_min_before: u32,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct During {
    pub min_ml: u32,
    pub max_ml: u32,
    pub opens_after_min: u32,
    pub due_after_min: u32,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SportsDrink {
    pub after_min: u32,
    pub from_start_when_hot_and_hard: bool,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct After {
    pub ml_per_kg_min: u32,
    pub ml_per_kg_max: u32,
    pub spread_hours: f64,
    /// When the target can't fit `spread_hours` at the safe hourly rate, it
    /// is spread over more hours, up to this many after the session's end.
    pub max_spread_hours: f64,
    /// A loss over this share of body mass gets advice, not a bigger number.
    pub max_loss_share: f64,
    pub weigh_within_hours: f64,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CrampWindow {
    pub hours: f64,
    pub peak_from_hours: f64,
    pub long_session_min: u32,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Daily {
    pub nudge_after_hours: f64,
    pub quiet_from_hour: u32,
    pub quiet_until_hour: u32,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Safety {
    pub max_ml_per_hour: u32,
    pub sweat_ml_per_hour_easy: u32,
    pub sweat_ml_per_hour_moderate: u32,
    pub sweat_ml_per_hour_hard: u32,
    pub sweat_ml_per_hour_max: u32,
    pub hot_factor: f64,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotTied {
    pub hours_after_workout: f64,
    pub professional_count: u32,
    pub days: u32,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sleep {
    pub nights: u32,
    pub days: u32,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Long {
    pub min_secs: u32,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Severe {
    pub min_severity: u8,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceOnly {
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountInDays {
    pub count: u32,
    pub days: u32,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LowIntake {
    pub share_of_goal: f64,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoElectrolytes {
    pub long_session_min: u32,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewOrHarder {
    pub weeks: u32,
    pub longer_factor: f64,
    pub source: String,
}

/// Plausible body weights (see `domain::weights`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    pub min_kg: f64,
    pub max_kg: f64,
    /// The most body mass may change within a day, as a share.
    pub max_day_change: f64,
    /// Added to `max_day_change` for each further day between two weighings.
    pub per_day_change: f64,
    /// The most two weighings may ever differ without `--force`, as a share.
    pub max_change: f64,
    pub source: String,
}

/// Advice shown the moment a cramp is logged with a red flag.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alarm {
    /// A cramp lasting this long or longer gets the urgent advice.
    pub urgent_min_secs: u32,
    pub urgent: String,
    /// For swelling, redness or skin changes, numbness or weakness.
    pub symptoms: String,
    pub source: String,
}

/// Sweat tests: weighings around a session, and the bounds of a plausible one.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sweat {
    pub weigh_within_min: u32,
    pub min_ml_per_h: u32,
    pub max_ml_per_h: u32,
    pub max_mass_change: f64,
    pub last_tests: u32,
    pub min_tests: u32,
    pub recent_days: u32,
    pub source: String,
}

/// Thresholds of the pattern flags.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlagRules {
    /// How far back flags about single cramps look, by default.
    pub recent_days: u32,
    pub not_tied: NotTied,
    pub sleep: Sleep,
    pub long: Long,
    pub severe: Severe,
    pub red_flags: SourceOnly,
    pub despite_prevention: CountInDays,
    pub eased_by_rest: CountInDays,
    pub low_intake: LowIntake,
    pub no_electrolytes: NoElectrolytes,
    pub new_or_harder: NewOrHarder,
    pub cramp_window: CountInDays,
    pub medication: MedicationFlag,
}

/// Cramps that began, or came more often, after a logged medicine's start:
/// `window_days` before the start are compared with as many after it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MedicationFlag {
    #[serde(default = "default_med_window")]
    pub window_days: u32,
    #[serde(default = "default_med_factor")]
    pub more_factor: f64,
    pub source: String,
}

fn default_med_window() -> u32 {
    56
}

fn default_med_factor() -> f64 {
    1.5
}

/// Every number of the guidelines file.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    pub sources: BTreeMap<String, String>,
    pub preload: Preload,
    pub topup: Topup,
    pub during: During,
    pub sports_drink: SportsDrink,
    pub after: After,
    pub cramp_window: CrampWindow,
    pub daily: Daily,
    pub safety: Safety,
    pub weights: Weights,
    pub alarm: Alarm,
    pub flags: FlagRules,
    pub sweat: Sweat,
    pub import: super::import_rules::ImportRules,
}

impl Rules {
    /// The shipped guidelines, parsed and checked.
    pub fn embedded() -> Result<Rules, String> {
        Rules::from_toml(GUIDELINES_TOML)
            .map_err(|e| format!("assets/guidelines.toml (built in): {e}"))
    }

    /// Parses guidelines text and checks every value.
    pub fn from_toml(text: &str) -> Result<Rules, String> {
        let rules: Rules = toml::from_str(text).map_err(|e| e.message().to_string())?;
        rules.check()?;
        Ok(rules)
    }

    /// The full text of a source key, e.g. `"ace"`.
    pub fn source<'a>(&'a self, key: &'a str) -> &'a str {
        self.sources.get(key).map(String::as_str).unwrap_or(key)
    }

    fn check(&self) -> Result<(), String> {
        let mut keys = vec![
            ("preload", &self.preload.source),
            ("topup", &self.topup.source),
            ("during", &self.during.source),
            ("sports_drink", &self.sports_drink.source),
            ("after", &self.after.source),
            ("cramp_window", &self.cramp_window.source),
            ("daily", &self.daily.source),
            ("safety", &self.safety.source),
            ("weights", &self.weights.source),
            ("alarm", &self.alarm.source),
            ("sweat", &self.sweat.source),
        ];
        let f = &self.flags;
        keys.extend([
            ("flags.not_tied", &f.not_tied.source),
            ("flags.sleep", &f.sleep.source),
            ("flags.long", &f.long.source),
            ("flags.severe", &f.severe.source),
            ("flags.red_flags", &f.red_flags.source),
            ("flags.despite_prevention", &f.despite_prevention.source),
            ("flags.eased_by_rest", &f.eased_by_rest.source),
            ("flags.low_intake", &f.low_intake.source),
            ("flags.no_electrolytes", &f.no_electrolytes.source),
            ("flags.new_or_harder", &f.new_or_harder.source),
            ("flags.cramp_window", &f.cramp_window.source),
            ("flags.medication", &f.medication.source),
            ("import", &self.import.source),
            ("import", &self.import.heat_source),
        ]);
        for (table, key) in keys {
            if !self.sources.contains_key(key.as_str()) {
                return Err(format!(
                    "[{table}] source = \"{key}\" is not a key of [sources]"
                ));
            }
        }
        self.import.check()?;
        let ml = |name: &str, v: u32, lo: u32, hi: u32| {
            if (lo..=hi).contains(&v) {
                Ok(())
            } else {
                Err(format!("{name} = {v} is outside {lo}-{hi}"))
            }
        };
        let num = |name: &str, v: f64, lo: f64, hi: f64| {
            if v.is_finite() && v >= lo && v <= hi {
                Ok(())
            } else {
                Err(format!("{name} = {v} is outside {lo}-{hi}"))
            }
        };
        ml("preload.target_ml", self.preload.target_ml, 100, 1000)?;
        num("preload.hours_before", self.preload.hours_before, 0.5, 6.0)?;
        num("preload.window_hours", self.preload.window_hours, 0.5, 6.0)?;
        ml("topup.min_ml", self.topup.min_ml, 50, 600)?;
        ml("topup.max_ml", self.topup.max_ml, self.topup.min_ml, 600)?;
        if self.topup.closes_min_before >= self.topup.opens_min_before {
            return Err("topup.closes_min_before must be less than opens_min_before".into());
        }
        ml("during.min_ml", self.during.min_ml, 50, 600)?;
        ml("during.max_ml", self.during.max_ml, self.during.min_ml, 600)?;
        if self.during.opens_after_min >= self.during.due_after_min
            || self.during.due_after_min > 60
        {
            return Err(
                "during: opens_after_min must be less than due_after_min (at most 60)".into(),
            );
        }
        ml(
            "sports_drink.after_min",
            self.sports_drink.after_min,
            10,
            300,
        )?;
        ml("after.ml_per_kg_min", self.after.ml_per_kg_min, 500, 2000)?;
        ml(
            "after.ml_per_kg_max",
            self.after.ml_per_kg_max,
            self.after.ml_per_kg_min,
            2000,
        )?;
        num("after.spread_hours", self.after.spread_hours, 0.5, 24.0)?;
        num(
            "after.max_spread_hours",
            self.after.max_spread_hours,
            self.after.spread_hours,
            24.0,
        )?;
        num("after.max_loss_share", self.after.max_loss_share, 0.01, 0.1)?;
        let w = &self.weights;
        num("weights.min_kg", w.min_kg, 1.0, 100.0)?;
        num("weights.max_kg", w.max_kg, w.min_kg, 1000.0)?;
        num("weights.max_day_change", w.max_day_change, 0.01, 0.2)?;
        num("weights.per_day_change", w.per_day_change, 0.0, 0.1)?;
        num("weights.max_change", w.max_change, w.max_day_change, 0.9)?;
        ml(
            "alarm.urgent_min_secs",
            self.alarm.urgent_min_secs,
            60,
            3600,
        )?;
        num(
            "after.weigh_within_hours",
            self.after.weigh_within_hours,
            0.25,
            12.0,
        )?;
        num("cramp_window.hours", self.cramp_window.hours, 1.0, 24.0)?;
        num(
            "cramp_window.peak_from_hours",
            self.cramp_window.peak_from_hours,
            0.0,
            self.cramp_window.hours,
        )?;
        num(
            "daily.nudge_after_hours",
            self.daily.nudge_after_hours,
            0.5,
            12.0,
        )?;
        ml("daily.quiet_from_hour", self.daily.quiet_from_hour, 0, 23)?;
        ml("daily.quiet_until_hour", self.daily.quiet_until_hour, 0, 23)?;
        ml(
            "safety.max_ml_per_hour",
            self.safety.max_ml_per_hour,
            500,
            2000,
        )?;
        num("safety.hot_factor", self.safety.hot_factor, 1.0, 3.0)?;
        self.check_sweat()?;
        ml("flags.recent_days", f.recent_days, 1, 3650)?;
        for (name, c) in [
            ("flags.despite_prevention", &f.despite_prevention),
            ("flags.eased_by_rest", &f.eased_by_rest),
            ("flags.cramp_window", &f.cramp_window),
        ] {
            ml(&format!("{name}.count"), c.count, 1, 100)?;
            ml(&format!("{name}.days"), c.days, 1, 365)?;
        }
        ml("flags.not_tied.days", f.not_tied.days, 1, 365)?;
        ml(
            "flags.not_tied.professional_count",
            f.not_tied.professional_count,
            1,
            100,
        )?;
        ml("flags.sleep.nights", f.sleep.nights, 1, 31)?;
        ml("flags.sleep.days", f.sleep.days, 1, 365)?;
        ml("flags.long.min_secs", f.long.min_secs, 10, 14400)?;
        ml(
            "flags.no_electrolytes.long_session_min",
            f.no_electrolytes.long_session_min,
            10,
            600,
        )?;
        ml("flags.new_or_harder.weeks", f.new_or_harder.weeks, 1, 52)?;
        num(
            "flags.not_tied.hours_after_workout",
            f.not_tied.hours_after_workout,
            1.0,
            72.0,
        )?;
        ml(
            "flags.severe.min_severity",
            f.severe.min_severity as u32,
            1,
            10,
        )?;
        num(
            "flags.low_intake.share_of_goal",
            f.low_intake.share_of_goal,
            0.0,
            1.0,
        )?;
        num(
            "flags.new_or_harder.longer_factor",
            f.new_or_harder.longer_factor,
            1.0,
            10.0,
        )?;
        Ok(())
    }
}

impl Rules {
    fn check_sweat(&self) -> Result<(), String> {
        let s = &self.sweat;
        let within = |name: &str, v: u32, lo: u32, hi: u32| {
            if (lo..=hi).contains(&v) {
                Ok(())
            } else {
                Err(format!("sweat.{name} = {v} is outside {lo}-{hi}"))
            }
        };
        within("weigh_within_min", s.weigh_within_min, 5, 240)?;
        within("min_ml_per_h", s.min_ml_per_h, 0, 1000)?;
        within("max_ml_per_h", s.max_ml_per_h, s.min_ml_per_h + 1, 5000)?;
        within("last_tests", s.last_tests, 1, 50)?;
        within("min_tests", s.min_tests, 1, s.last_tests)?;
        within("recent_days", s.recent_days, 7, 3650)?;
        if !(s.max_mass_change > 0.0 && s.max_mass_change <= 0.2) {
            return Err(format!(
                "sweat.max_mass_change = {} is outside 0-0.2",
                s.max_mass_change
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_guidelines_load() {
        let r = Rules::embedded().unwrap();
        assert_eq!(r.preload.target_ml, 591);
        assert_eq!(r.during.due_after_min, 20);
        assert_eq!(r.safety.max_ml_per_hour, 1200);
        assert!(
            r.source(&r.preload.source)
                .contains("American Council on Exercise")
        );
    }

    #[test]
    fn a_bad_value_is_a_clear_error() {
        let bad = GUIDELINES_TOML.replace("max_ml_per_hour = 1200", "max_ml_per_hour = 9000");
        let err = Rules::from_toml(&bad).unwrap_err();
        assert!(err.contains("safety.max_ml_per_hour"), "{err}");
        let bad = GUIDELINES_TOML.replace("source = \"aafp\"", "source = \"blog\"");
        assert!(Rules::from_toml(&bad).unwrap_err().contains("blog"));
        let bad = GUIDELINES_TOML.replace("recent_days = 30", "recent_days = 0");
        assert!(
            Rules::from_toml(&bad)
                .unwrap_err()
                .contains("flags.recent_days")
        );
        let bad = GUIDELINES_TOML.replace("nights = 2", "nights = 0");
        assert!(
            Rules::from_toml(&bad)
                .unwrap_err()
                .contains("flags.sleep.nights")
        );
        let bad = GUIDELINES_TOML.replace("min_tests = 2", "min_tests = 9");
        assert!(
            Rules::from_toml(&bad)
                .unwrap_err()
                .contains("sweat.min_tests")
        );
        let bad = GUIDELINES_TOML.replace("target_ml = 591", "target_ml = \"lots\"");
        assert!(Rules::from_toml(&bad).is_err());
    }
}
