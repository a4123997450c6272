//! The user's rate by heat band, from the used tests of the last year.

use super::SweatTest;
use crate::domain::entry::{Heat, Intensity, Time};
use crate::domain::history::History;
use crate::domain::rules::Rules;
use chrono::Duration;
use serde::Serialize;

/// The user's figures in one band: a heat, and optionally one intensity.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Band {
    pub heat: Heat,
    /// None for the heat band as a whole (every intensity).
    pub intensity: Option<Intensity>,
    /// Used tests counted (the most recent, at most `last_tests`).
    pub count: usize,
    pub mean_ml_per_h: u32,
    pub min_ml_per_h: u32,
    pub max_ml_per_h: u32,
}

/// The user's own rate for a session, from enough tests to trust it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PersonalRate {
    pub ml_per_h: u32,
    /// How many used tests the rate is the mean of.
    pub tests: usize,
    pub heat: Heat,
    /// Set when the tests are of this intensity only.
    pub intensity: Option<Intensity>,
    pub min_ml_per_h: u32,
    pub max_ml_per_h: u32,
}

impl PersonalRate {
    fn from_band(b: &Band) -> PersonalRate {
        PersonalRate {
            ml_per_h: b.mean_ml_per_h,
            tests: b.count,
            heat: b.heat,
            intensity: b.intensity,
            min_ml_per_h: b.min_ml_per_h,
            max_ml_per_h: b.max_ml_per_h,
        }
    }

    /// `your hot-weather rate, 0.6 l/h, from 3 tests` (or `... rate for hard
    /// sessions, ...` when the tests are of the session's intensity).
    pub fn describe(&self) -> String {
        let of = match self.intensity {
            Some(i) => format!(" for {i} sessions"),
            None => String::new(),
        };
        format!(
            "your {}-weather rate{of}, {} l/h, from {} tests",
            self.heat,
            litres(self.ml_per_h as f64),
            self.tests
        )
    }

    /// A sip at this rate every `interval_min` minutes, never more than the
    /// hourly cap (`[safety] max_ml_per_hour`) spread over the interval: what
    /// the sip timer may ask for in place of the generic 8-10 oz. The caller
    /// still applies the safety invariant (what was drunk in the last hour,
    /// what is left to replace).
    pub fn sip_ml(&self, interval_min: u32, max_ml_per_hour: u32) -> u32 {
        let per_hour = self.ml_per_h.min(max_ml_per_hour) as u64;
        (per_hour * interval_min.min(60) as u64 / 60) as u32
    }

    /// Sweat lost at this rate over a session running since `start`.
    pub fn loss_since(&self, start: &Time, now: &Time) -> u32 {
        loss_at_rate(self.ml_per_h, start, now)
    }
}

/// Millilitres lost at `ml_per_h` from `start` to `now` (0 before the start).
pub fn loss_at_rate(ml_per_h: u32, start: &Time, now: &Time) -> u32 {
    let secs = (*now - *start).num_seconds().max(0) as f64;
    (ml_per_h as f64 * secs / 3600.0).round() as u32
}

/// Litres to at most two decimals, without trailing zeros: `0.6`, `1.25`.
pub fn litres(ml: f64) -> String {
    let s = format!("{:.2}", ml / 1000.0);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The guideline estimate of a session's sweat rate (no tests needed): the
/// `[safety]` rate of its intensity, more in the heat.
pub fn guideline_rate(rules: &Rules, heat: Heat, intensity: Intensity) -> u32 {
    let s = &rules.safety;
    let base = match intensity {
        Intensity::Easy => s.sweat_ml_per_hour_easy,
        Intensity::Moderate => s.sweat_ml_per_hour_moderate,
        Intensity::Hard => s.sweat_ml_per_hour_hard,
        Intensity::Max => s.sweat_ml_per_hour_max,
    } as f64;
    let factor = if heat == Heat::Hot { s.hot_factor } else { 1.0 };
    (base * factor).round() as u32
}

/// The used tests that count at `now`: ended by then, within
/// `[sweat] recent_days`, newest first.
fn counting<'a>(tests: &'a [SweatTest], rules: &Rules, now: &Time) -> Vec<&'a SweatTest> {
    let oldest = *now - Duration::days(rules.sweat.recent_days as i64);
    tests
        .iter()
        .rev()
        .filter(|t| t.used && t.after_at <= *now && t.end >= oldest)
        .collect()
}

fn band_of(
    tests: &[&SweatTest],
    rules: &Rules,
    heat: Heat,
    intensity: Option<Intensity>,
) -> Option<Band> {
    let rates: Vec<u32> = tests
        .iter()
        .filter(|t| t.heat == heat && intensity.is_none_or(|i| t.intensity == i))
        .take(rules.sweat.last_tests as usize)
        .map(|t| t.rate_ml_per_h.max(0) as u32)
        .collect();
    if rates.is_empty() {
        return None;
    }
    let sum: u64 = rates.iter().map(|r| *r as u64).sum();
    Some(Band {
        heat,
        intensity,
        count: rates.len(),
        mean_ml_per_h: (sum as f64 / rates.len() as f64).round() as u32,
        min_ml_per_h: *rates.iter().min().expect("not empty"),
        max_ml_per_h: *rates.iter().max().expect("not empty"),
    })
}

/// The user's figures at `now`: for each heat with used tests, the heat band
/// as a whole, then each intensity within it.
pub fn bands(tests: &[SweatTest], rules: &Rules, now: &Time) -> Vec<Band> {
    let counted = counting(tests, rules, now);
    let mut out = Vec::new();
    for heat in Heat::ALL {
        let Some(whole) = band_of(&counted, rules, *heat, None) else {
            continue;
        };
        out.push(whole);
        for i in Intensity::ALL {
            out.extend(band_of(&counted, rules, *heat, Some(*i)));
        }
    }
    out
}

/// The user's rate for a session in `heat` at `intensity`, when enough used
/// tests back it: those of the same heat and intensity first, else those of
/// the heat band as a whole. None means: keep the guideline defaults.
pub fn personal_rate(
    history: &History,
    rules: &Rules,
    now: &Time,
    heat: Heat,
    intensity: Intensity,
) -> Option<PersonalRate> {
    rate_from_tests(&super::tests(history, rules), rules, now, heat, intensity)
}

/// [`personal_rate`] from tests already found.
pub fn rate_from_tests(
    tests: &[SweatTest],
    rules: &Rules,
    now: &Time,
    heat: Heat,
    intensity: Intensity,
) -> Option<PersonalRate> {
    let counted = counting(tests, rules, now);
    let enough = |b: &Band| b.count >= rules.sweat.min_tests as usize;
    band_of(&counted, rules, heat, Some(intensity))
        .filter(enough)
        .or_else(|| band_of(&counted, rules, heat, None).filter(enough))
        .map(|b| PersonalRate::from_band(&b))
}
