//! Units: volumes in millilitres shown in oz or ml, masses, durations.

use serde::{Deserialize, Serialize};

/// Millilitres in one US fluid ounce.
pub const ML_PER_OZ: f64 = 29.5735;
/// Kilograms in one pound.
pub const KG_PER_LB: f64 = 0.453_592_37;

/// The unit volumes are shown in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VolumeUnit {
    #[default]
    Oz,
    Ml,
}

impl VolumeUnit {
    /// Formats a volume in this unit, e.g. `10 oz` or `300 ml`.
    pub fn format(self, ml: f64) -> String {
        format!("{} {}", self.number(ml), self.label())
    }

    /// The number alone, rounded for display (oz to one decimal when needed).
    pub fn number(self, ml: f64) -> String {
        match self {
            VolumeUnit::Oz => {
                let oz = ml / ML_PER_OZ;
                let rounded = (oz * 10.0).round() / 10.0;
                if (rounded - rounded.round()).abs() < 1e-9 {
                    format!("{}", rounded.round() as i64)
                } else {
                    format!("{rounded:.1}")
                }
            }
            VolumeUnit::Ml => format!("{}", ml.round() as i64),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            VolumeUnit::Oz => "oz",
            VolumeUnit::Ml => "ml",
        }
    }

    /// Millilitres in one of this unit.
    pub fn ml(self) -> f64 {
        match self {
            VolumeUnit::Oz => ML_PER_OZ,
            VolumeUnit::Ml => 1.0,
        }
    }
}

/// Formats seconds as `90s` → `1m30s`, `120` → `2m`, `3600` → `1h`.
pub fn format_duration(secs: u32) -> String {
    let h = secs / 3600;
    let m = (secs % 3600) / 60;
    let s = secs % 60;
    let mut out = String::new();
    if h > 0 {
        out.push_str(&format!("{h}h"));
    }
    if m > 0 {
        out.push_str(&format!("{m}m"));
    }
    if s > 0 || out.is_empty() {
        out.push_str(&format!("{s}s"));
    }
    out
}
