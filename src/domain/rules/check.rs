//! Every value of the guidelines checked against its range, in the order
//! of the file: the first value out of range is the error.

use super::Rules;

/// A whole number within `lo..=hi`, or an error naming it.
fn ml(name: &str, v: u32, lo: u32, hi: u32) -> Result<(), String> {
    if (lo..=hi).contains(&v) {
        Ok(())
    } else {
        Err(format!("{name} = {v} is outside {lo}-{hi}"))
    }
}

/// A finite number within `lo..=hi`, or an error naming it.
fn num(name: &str, v: f64, lo: f64, hi: f64) -> Result<(), String> {
    if v.is_finite() && v >= lo && v <= hi {
        Ok(())
    } else {
        Err(format!("{name} = {v} is outside {lo}-{hi}"))
    }
}

impl Rules {
    pub(super) fn check(&self) -> Result<(), String> {
        self.check_sources()?;
        self.import.check()?;
        self.check_hydration()?;
        self.check_sweat()?;
        self.check_flags()
    }

    /// Every table's `source` is a key of `[sources]`.
    fn check_sources(&self) -> Result<(), String> {
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
        Ok(())
    }

    /// Pre-load, top-up, during and after a session.
    fn check_hydration(&self) -> Result<(), String> {
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
        self.check_weights_and_days()
    }

    /// Weights, the alarm, the cramp window, the day and the safety cap.
    fn check_weights_and_days(&self) -> Result<(), String> {
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
        Ok(())
    }

    fn check_flags(&self) -> Result<(), String> {
        let f = &self.flags;
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
