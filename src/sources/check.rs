//! The value checks every imported entry passes: the same ones a value
//! typed on the command line passes. Kept in one function so the import
//! follows whatever the CLI checks (issue 13 moves them into the domain).

use crate::cli::log::{MAX_WORKOUT_HOURS, check_activity};
use crate::domain::entry::{Body, Time, VolumeUnit};
use crate::domain::input::{parse_mass, parse_volume};
use chrono::Duration;

/// Why an entry read from a file cannot be imported, or `Ok`.
pub fn check(at: &Time, body: &Body, now: &Time) -> Result<(), String> {
    if *at > *now + Duration::minutes(5) {
        return Err(format!("{} is in the future", at.to_rfc3339()));
    }
    if *at < *now - Duration::days(365 * 50) {
        return Err(format!("{} is too far in the past", at.to_rfc3339()));
    }
    match body {
        Body::Weight(w) => {
            // As a user would type it (1e308 in a form parse_mass names).
            let typed = if w.kg.abs() < 1e9 {
                format!("{}kg", w.kg)
            } else {
                format!("{:e}kg", w.kg)
            };
            parse_mass(&typed, VolumeUnit::Ml)?;
        }
        Body::Drink(d) => {
            parse_volume(&format!("{}ml", d.ml), VolumeUnit::Ml)?;
        }
        Body::Workout(w) => {
            check_activity(&w.activity).map_err(|e| format!("{e:#}"))?;
            if let Some(end) = w.end {
                if end <= *at {
                    return Err("a workout whose end is not after its start".into());
                }
                if end - *at > Duration::hours(MAX_WORKOUT_HOURS) {
                    let days = (end - *at).num_hours() as f64 / 24.0;
                    return Err(format!(
                        "a workout of {days:.1} days; more than {MAX_WORKOUT_HOURS} hours is not plausible"
                    ));
                }
            }
        }
        Body::Plan(_) | Body::Cramp(_) => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::entry::{Drink, Heat, Intensity, Weight, Workout};

    fn t(s: &str) -> Time {
        Time::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn absurd_weights_drinks_and_spans_are_refused() {
        let now = t("2026-12-01T12:00:00Z");
        let at = t("2026-11-01T08:00:00Z");
        let w = |kg| {
            Body::Weight(Weight {
                kg,
                when: None,
                urine_ml: None,
            })
        };
        assert!(check(&at, &w(72.4), &now).is_ok());
        assert!(check(&at, &w(1e308), &now).is_err());
        assert!(check(&at, &w(f64::NAN), &now).is_err());
        let d = |ml| {
            Body::Drink(Drink {
                ml,
                kind: Default::default(),
                sodium_mg: None,
                note: None,
            })
        };
        assert!(check(&at, &d(500), &now).is_ok());
        assert!(check(&at, &d(0), &now).is_err());
        let work = |hours| {
            Body::Workout(Workout {
                activity: "run".into(),
                end: Some(at + Duration::hours(hours)),
                intensity: Intensity::Easy,
                heat: Heat::Mild,
                new: false,
                note: None,
            })
        };
        assert!(check(&at, &work(2), &now).is_ok());
        let e = check(&at, &work(90 * 24), &now).unwrap_err();
        assert!(e.contains("90.0 days"), "{e}");
        assert!(check(&t("2027-01-01T00:00:00Z"), &w(70.0), &now).is_err());
    }
}
