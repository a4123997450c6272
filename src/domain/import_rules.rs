//! How a session read from a device file gets crampwatch's heat and
//! intensity: the `[import]` table of `assets/guidelines.toml`.
//!
//! Heat comes from the temperature the file recorded (cool / mild / hot).
//! Intensity is estimated from the average heart rate as a share of a
//! reference maximum, with the relative-intensity bands of the ACSM
//! (moderate 64-76 % HRmax, vigorous 77-95 %, near-maximal from 96 %). It is
//! an estimate: a fit athlete's easy run may read "moderate".

use super::entry::{Heat, Intensity};
use serde::Deserialize;

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportRules {
    pub cool_below_c: f64,
    pub hot_above_c: f64,
    pub heat_source: String,
    pub reference_max_hr: u32,
    pub moderate_from_pct: u32,
    pub hard_from_pct: u32,
    pub max_from_pct: u32,
    pub source: String,
}

impl ImportRules {
    pub(super) fn check(&self) -> Result<(), String> {
        let (cool, hot) = (self.cool_below_c, self.hot_above_c);
        if !(cool.is_finite() && hot.is_finite() && -30.0 <= cool && cool < hot && hot <= 50.0) {
            return Err(format!(
                "[import] cool_below_c = {cool} and hot_above_c = {hot} must be -30 to 50 C, cool below hot"
            ));
        }
        if !(120..=230).contains(&self.reference_max_hr) {
            return Err(format!(
                "[import] reference_max_hr = {} is outside 120-230",
                self.reference_max_hr
            ));
        }
        let (m, h, x) = (
            self.moderate_from_pct,
            self.hard_from_pct,
            self.max_from_pct,
        );
        if !(0 < m && m < h && h < x && x <= 100) {
            return Err(format!(
                "[import] moderate_from_pct = {m}, hard_from_pct = {h}, max_from_pct = {x} must rise, up to 100"
            ));
        }
        Ok(())
    }

    /// The heat of a session at `celsius`; `None` when the file has no
    /// temperature.
    pub fn heat(&self, celsius: Option<f64>) -> Option<Heat> {
        let c = celsius.filter(|c| c.is_finite())?;
        Some(if c < self.cool_below_c {
            Heat::Cool
        } else if c > self.hot_above_c {
            Heat::Hot
        } else {
            Heat::Mild
        })
    }

    /// The intensity a session's average heart rate suggests; `None`
    /// without one (or with a reading no heart gives).
    pub fn intensity(&self, avg_hr: Option<f64>) -> Option<Intensity> {
        let hr = avg_hr.filter(|h| h.is_finite() && (25.0..=250.0).contains(h))?;
        let pct = hr * 100.0 / f64::from(self.reference_max_hr);
        Some(if pct >= f64::from(self.max_from_pct) {
            Intensity::Max
        } else if pct >= f64::from(self.hard_from_pct) {
            Intensity::Hard
        } else if pct >= f64::from(self.moderate_from_pct) {
            Intensity::Moderate
        } else {
            Intensity::Easy
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rules::Rules;

    fn rules() -> ImportRules {
        Rules::embedded().unwrap().import
    }

    #[test]
    fn temperatures_map_to_heat_at_15_and_27_c() {
        let r = rules();
        assert_eq!(r.heat(Some(14.9)), Some(Heat::Cool));
        assert_eq!(r.heat(Some(15.0)), Some(Heat::Mild));
        assert_eq!(r.heat(Some(27.0)), Some(Heat::Mild));
        assert_eq!(r.heat(Some(27.1)), Some(Heat::Hot));
        assert_eq!(r.heat(None), None);
        assert_eq!(r.heat(Some(f64::NAN)), None);
    }

    #[test]
    fn heart_rate_maps_to_intensity_by_share_of_185() {
        let r = rules();
        // 64 % of 185 is 118.4, 77 % is 142.45, 96 % is 177.6.
        assert_eq!(r.intensity(Some(118.0)), Some(Intensity::Easy));
        assert_eq!(r.intensity(Some(119.0)), Some(Intensity::Moderate));
        assert_eq!(r.intensity(Some(142.0)), Some(Intensity::Moderate));
        assert_eq!(r.intensity(Some(143.0)), Some(Intensity::Hard));
        assert_eq!(r.intensity(Some(178.0)), Some(Intensity::Max));
        assert_eq!(r.intensity(Some(0.0)), None);
        assert_eq!(r.intensity(None), None);
    }

    #[test]
    fn bands_that_do_not_rise_are_refused() {
        let bad = crate::domain::rules::GUIDELINES_TOML
            .replace("hard_from_pct = 77", "hard_from_pct = 50");
        assert!(
            Rules::from_toml(&bad)
                .unwrap_err()
                .contains("hard_from_pct")
        );
        let bad = crate::domain::rules::GUIDELINES_TOML
            .replace("hot_above_c = 27.0", "hot_above_c = 10.0");
        assert!(Rules::from_toml(&bad).unwrap_err().contains("hot_above_c"));
    }
}
