//! Body weights and the unit they are read and shown in.
//!
//! The journal stores kilograms only, so the unit a person uses is read from
//! what they type, the `weight_unit` setting, or their weighings so far. Kept
//! apart from the plausibility checks on a weight, which come after this.

use super::entry::{Body, KG_PER_LB, VolumeUnit};
use super::history::History;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MassUnit {
    Kg,
    Lb,
}

impl MassUnit {
    pub fn label(self) -> &'static str {
        match self {
            MassUnit::Kg => "kg",
            MassUnit::Lb => "lb",
        }
    }

    /// `72.4 kg`, `159.6 lb`.
    pub fn format(self, kg: f64) -> String {
        match self {
            MassUnit::Kg => format!("{kg:.1} kg"),
            MassUnit::Lb => format!("{:.1} lb", kg / KG_PER_LB),
        }
    }

    /// The unit that goes with a volume unit, when nothing else tells.
    pub fn of_volume(unit: VolumeUnit) -> MassUnit {
        match unit {
            VolumeUnit::Oz => MassUnit::Lb,
            VolumeUnit::Ml => MassUnit::Kg,
        }
    }

    fn from_word(word: &str) -> Option<MassUnit> {
        match word {
            "kg" | "kgs" | "kilo" | "kilos" => Some(MassUnit::Kg),
            "lb" | "lbs" | "pound" | "pounds" => Some(MassUnit::Lb),
            _ => None,
        }
    }
}

/// The unit a stored weight was most likely typed in: a value that is a
/// whole tenth in one unit and not in the other. `None` when it cannot tell.
pub fn typed_unit(kg: f64) -> Option<MassUnit> {
    // Weights are stored to 0.01 kg, which is up to 0.011 lb off a whole tenth.
    let tenth = |v: f64, slack: f64| ((v * 10.0) - (v * 10.0).round()).abs() <= slack;
    match (tenth(kg, 0.001), tenth(kg / KG_PER_LB, 0.12)) {
        (true, false) => Some(MassUnit::Kg),
        (false, true) => Some(MassUnit::Lb),
        _ => None,
    }
}

/// The unit weights are shown in: the setting, else the unit of the first
/// weighing, else the one that goes with the volume unit.
pub fn display_unit(
    setting: Option<MassUnit>,
    first_kg: Option<f64>,
    unit: VolumeUnit,
) -> MassUnit {
    setting
        .or_else(|| first_kg.and_then(typed_unit))
        .unwrap_or(MassUnit::of_volume(unit))
}

/// Reads a weight as typed: `72.4kg`, `160 lb`, or a bare number. A bare
/// number is read in the unit that puts it next to the last weighing (within
/// 15%), else in `fallback` (the setting or the first weighing's unit), and
/// is refused as ambiguous when nothing tells. Returns kilograms (not yet checked for
/// plausibility) and the unit it was read in.
pub fn read_weight(
    text: &str,
    last_kg: Option<f64>,
    fallback: Option<MassUnit>,
) -> Result<(f64, MassUnit), String> {
    let hint = "try 72.4kg or 160lb";
    let t = text.trim().to_ascii_lowercase();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, word) = t.split_at(split);
    let n: f64 = match num.parse() {
        Ok(n) if f64::is_finite(n) && n > 0.0 => n,
        _ => return Err(format!("'{}' is not a body weight; {hint}", text.trim())),
    };
    let unit = match word.trim() {
        "" => match (bare_unit(n, last_kg), fallback) {
            (Some(u), _) | (None, Some(u)) => u,
            (None, None) => {
                return Err(format!(
                    "'{}' needs a unit the first time: {n}kg or {n}lb (or set weight_unit in the config)",
                    text.trim()
                ));
            }
        },
        w => MassUnit::from_word(w)
            .ok_or_else(|| format!("'{}' is not a body weight; {hint}", text.trim()))?,
    };
    let kg = match unit {
        MassUnit::Kg => n,
        MassUnit::Lb => n * KG_PER_LB,
    };
    Ok(((kg * 100.0).round() / 100.0, unit))
}

/// The unit that puts a bare number within 15% of the last weighing.
fn bare_unit(n: f64, last_kg: Option<f64>) -> Option<MassUnit> {
    let last = last_kg?;
    let near = |kg: f64| (kg - last).abs() <= last * 0.15;
    match (near(n), near(n * KG_PER_LB)) {
        (true, false) => Some(MassUnit::Kg),
        (false, true) => Some(MassUnit::Lb),
        _ => None,
    }
}

/// The first weighing in a history, in kg.
pub fn first_weighing(history: &History) -> Option<f64> {
    history.entries.iter().find_map(|e| match &e.body {
        Body::Weight(w) => Some(w.kg),
        _ => None,
    })
}

/// The last weighing in a history, in kg.
pub fn last_weighing(history: &History) -> Option<f64> {
    history.entries.iter().rev().find_map(|e| match &e.body {
        Body::Weight(w) => Some(w.kg),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_unit_wins_and_is_echoed() {
        assert_eq!(read_weight("72.4kg", None, None), Ok((72.4, MassUnit::Kg)));
        // 160 lb is 72.57 kg (160 x 0.4536 = 72.575).
        assert_eq!(
            read_weight("160 lb", Some(72.4), Some(MassUnit::Kg)),
            Ok((72.57, MassUnit::Lb))
        );
        assert_eq!(MassUnit::Kg.format(72.4), "72.4 kg");
        assert!(read_weight("72 stone", None, None).is_err());
        assert!(read_weight("-72", None, None).is_err());
    }

    #[test]
    fn a_bare_number_next_to_kg_weighings_is_kg() {
        assert_eq!(
            read_weight("72", Some(72.4), Some(MassUnit::Lb)),
            Ok((72.0, MassUnit::Kg))
        );
        // Next to a 72.4 kg weighing, 160 can only be pounds.
        assert_eq!(
            read_weight("160", Some(72.4), Some(MassUnit::Kg))
                .unwrap()
                .1,
            MassUnit::Lb
        );
        // With only a setting to go by, the setting.
        assert_eq!(
            read_weight("72", None, Some(MassUnit::Lb)).unwrap().1,
            MassUnit::Lb
        );
        // With nothing at all, a bare number is ambiguous.
        let err = read_weight("72", None, None).unwrap_err();
        assert!(err.contains("72kg or 72lb"), "{err}");
    }

    #[test]
    fn the_first_weighing_tells_the_unit_to_show() {
        assert_eq!(typed_unit(72.4), Some(MassUnit::Kg));
        assert_eq!(typed_unit(72.57), Some(MassUnit::Lb));
        assert_eq!(display_unit(None, Some(72.4), VolumeUnit::Oz), MassUnit::Kg);
        assert_eq!(
            display_unit(Some(MassUnit::Lb), Some(72.4), VolumeUnit::Ml),
            MassUnit::Lb
        );
        assert_eq!(display_unit(None, None, VolumeUnit::Ml), MassUnit::Kg);
    }
}
