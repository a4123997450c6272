//! The value checks every imported entry passes: the ones every change
//! passes on every path (`Change::check`, the same a value typed on the
//! command line meets, a time in the future among them), plus a time not
//! implausibly far back for a file from a device.

use crate::domain::entry::{Body, Time};
use chrono::Duration;

/// Why an entry read from a file cannot be imported, or `Ok`.
pub fn check(at: &Time, body: &Body, now: &Time) -> Result<(), String> {
    if *at < *now - Duration::days(365 * 50) {
        return Err(format!("{} is too far in the past", at.to_rfc3339()));
    }
    crate::domain::change::Change::Add {
        at: *at,
        body: body.clone(),
    }
    .check(now)
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
        assert!(e.contains("more than 24 hours"), "{e}");
        assert!(check(&t("2027-01-01T00:00:00Z"), &w(70.0), &now).is_err());
    }
}
