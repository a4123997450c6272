//! Is a body weight plausible? For a new weighing against the user's own
//! earlier ones, and for a pair taken around a session.
//!
//! A typo or a unit mix-up (79 read as lb next to an 80 kg weighing) must
//! never turn into a rehydration target: a new weighing far from the
//! previous ones is refused unless forced, and a pair around a session that
//! differs by more than a day's plausible change is set aside by the timers,
//! whichever path it came by (typed, imported, another device's files).

use super::entry::{Body, KG_PER_LB, Time};
use super::history::History;
use super::rules::Weights;

/// Any body weight, from any path, must be a finite number in this range
/// (`[weights] min_kg`/`max_kg`).
pub fn in_range(kg: f64, w: &Weights) -> bool {
    kg.is_finite() && kg >= w.min_kg && kg <= w.max_kg
}

/// True when `before` and `after`, taken around one session, are close
/// enough to be a real loss or gain (`[weights] max_day_change`).
pub fn pair_plausible(before: f64, after: f64, w: &Weights) -> bool {
    in_range(before, w) && in_range(after, w) && (before - after).abs() <= before * w.max_day_change
}

/// Why a new weighing was refused.
#[derive(Clone, Debug, PartialEq)]
pub struct Implausible {
    /// One line for the user: what is wrong, the likely mix-up, what to do.
    pub message: String,
}

/// How a number was typed: with its unit, or bare (read in the default
/// unit, and so open to a mix-up).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Typed {
    WithUnit,
    /// The bare number and whether the default unit it was read in is kg.
    Bare {
        number: f64,
        read_as_kg: bool,
    },
}

/// The most a weighing may differ from one `days` apart, as a share.
fn allowed_share(days: f64, w: &Weights) -> f64 {
    if days <= 1.0 {
        w.max_day_change
    } else {
        (w.max_day_change + w.per_day_change * (days - 1.0)).min(w.max_change)
    }
}

/// The weighing nearest in time to `at` (either side), with its distance in days.
fn nearest(history: &History, at: Time, id: Option<&str>) -> Option<(f64, Time, f64)> {
    history
        .entries
        .iter()
        .filter(|e| Some(e.id.as_str()) != id)
        .filter_map(|e| match &e.body {
            Body::Weight(x) if x.kg.is_finite() => Some((x.kg, e.at)),
            _ => None,
        })
        .map(|(kg, t)| {
            (
                kg,
                t,
                (at - t).num_seconds().unsigned_abs() as f64 / 86_400.0,
            )
        })
        .min_by(|a, b| a.2.total_cmp(&b.2))
}

fn mass(kg: f64, as_kg: bool) -> String {
    if as_kg {
        format!("{kg:.1} kg")
    } else {
        format!("{:.1} lb", kg / KG_PER_LB)
    }
}

/// Checks a new weighing of `kg` at `at` against the user's earlier ones
/// (`id`, when amending, is the entry itself and is left out). The user
/// keeps a deliberate value with `--force`.
pub fn check_new(
    history: &History,
    at: Time,
    kg: f64,
    typed: Typed,
    id: Option<&str>,
    w: &Weights,
) -> Result<(), Implausible> {
    let Some((near, near_at, days)) = nearest(history, at, id) else {
        return Ok(());
    };
    let share = (kg - near).abs() / near;
    let allowed = allowed_share(days, w);
    if share <= allowed {
        return Ok(());
    }
    let when = if days < 1.0 {
        "the same day".to_string()
    } else {
        format!("{} days apart", days.round() as i64)
    };
    let pct = (share * 100.0).round();
    let force = "if it is right, log it again with --force";
    let date = near_at.format("%Y-%m-%d %H:%M");
    if let Typed::Bare { number, read_as_kg } = typed {
        // Would the other unit have made sense?
        let other = if read_as_kg {
            number * KG_PER_LB
        } else {
            number
        };
        if (other - near).abs() / near <= allowed {
            let (unit, other_unit) = if read_as_kg {
                ("kg", "lb")
            } else {
                ("lb", "kg")
            };
            return Err(Implausible {
                message: format!(
                    "'{number}' read as {number} {unit} is {pct}% away from your weighing of {} ({date}); did you mean {number}{other_unit}? Write the unit (e.g. {number}{other_unit}), or {force}",
                    mass(near, !read_as_kg)
                ),
            });
        }
    }
    Err(Implausible {
        message: format!(
            "{} is {pct}% away from your weighing of {} ({date}, {when}); a change that size is not plausible (a typo or a kg/lb mix-up?); {force}",
            mass(kg, true),
            mass(near, true)
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rules::Rules;

    fn rules() -> Weights {
        Rules::embedded().unwrap().weights
    }

    #[test]
    fn a_pair_five_percent_apart_is_plausible_and_more_is_not() {
        let w = rules();
        assert!(pair_plausible(80.0, 76.0, &w));
        assert!(!pair_plausible(80.0, 75.9, &w));
        assert!(!pair_plausible(80.0, 79.0 * KG_PER_LB, &w));
        assert!(!pair_plausible(1e308, 80.0, &w));
        assert!(!pair_plausible(f64::INFINITY, 80.0, &w));
    }

    #[test]
    fn the_allowed_change_grows_with_days_between_and_stops_at_the_cap() {
        let w = rules();
        assert_eq!(allowed_share(0.2, &w), w.max_day_change);
        assert!(allowed_share(3.0, &w) > w.max_day_change);
        assert_eq!(allowed_share(10_000.0, &w), w.max_change);
    }
}
