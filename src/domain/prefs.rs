//! The user's settings as the core needs them: plain values, no file access.

use super::entry::VolumeUnit;
use serde::{Deserialize, Serialize};

/// Health details that change what the flags say.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Profile {
    /// Body mass in kg, for sweat-loss estimates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_mass_kg: Option<f64>,
    /// Taking a diuretic ("water pill").
    pub diuretics: bool,
    /// Taking a statin.
    pub statins: bool,
}

/// What the core needs of the settings.
#[derive(Clone, Debug, PartialEq)]
pub struct Prefs {
    pub unit: VolumeUnit,
    /// The daily fluid goal, in ml.
    pub goal_ml: u32,
    /// The hour (0-23) a day starts: a 2 am cramp belongs to the night before.
    pub day_start_hour: u32,
    pub profile: Profile,
    /// The weight unit the settings name; `None`: the first weighing's,
    /// else the one that goes with `unit` ([`crate::domain::mass::display_unit`]).
    pub weight_unit: Option<crate::domain::mass::MassUnit>,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            unit: VolumeUnit::Oz,
            goal_ml: 1893,
            day_start_hour: 4,
            profile: Profile::default(),
            weight_unit: None,
        }
    }
}
