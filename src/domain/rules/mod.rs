//! The numbers of `assets/guidelines.toml`, typed and validated.
//!
//! The file is embedded in the binary; [`Rules::embedded`] parses and checks
//! it at start-up, and a bad value is a clear error, never a panic. Every table
//! names its `source`, a key of `[sources]`, shown next to the advice.

use serde::Deserialize;
use std::collections::BTreeMap;

mod check;
mod tables;

pub use tables::*;

/// The guidelines file as shipped.
pub const GUIDELINES_TOML: &str = include_str!("../../../assets/guidelines.toml");

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
    pub import: crate::domain::import_rules::ImportRules,
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
