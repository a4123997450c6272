//! The tables of the guidelines file, one type each.

use serde::Deserialize;

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
