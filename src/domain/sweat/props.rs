//! Properties over random journals of weighings, sessions and drinks: what
//! is used is plausible, and what the timers would be given stays capped.

use super::*;
use crate::domain::entry::{Drink, DrinkKind, Weight, Workout};
use crate::domain::history::{Event, Op, SCHEMA_VERSION};
use proptest::prelude::*;

#[derive(Clone, Debug)]
struct Session {
    before_min: i64,
    minutes: i64,
    after_min: i64,
    before_kg: f64,
    change: f64,
    drinks: Vec<u32>,
    urine: Option<u32>,
    heat: usize,
    intensity: usize,
}

fn session() -> impl Strategy<Value = Session> {
    (
        (0i64..100, 5i64..300, 0i64..100),
        (40.0f64..150.0, -0.08f64..0.08),
        prop::collection::vec(0u32..1500, 0..4),
        prop::option::of(0u32..1000),
        (0usize..3, 0usize..4),
    )
        .prop_map(
            |((b, m, a), (kg, change), drinks, urine, (heat, intensity))| Session {
                before_min: b,
                minutes: m,
                after_min: a,
                before_kg: kg,
                change,
                drinks,
                urine,
                heat,
                intensity,
            },
        )
}

fn event(n: &mut u32, at: Time, body: Body) -> Event {
    *n += 1;
    Event {
        v: SCHEMA_VERSION,
        id: format!("E{n:05}"),
        op: Op::Add,
        at,
        logged: at,
        target: None,
        entry: Some(body),
        extra: Default::default(),
    }
}

/// One session a day, from 1 November 2026, each starting at 08:00 (UTC-5).
fn journal(sessions: &[Session]) -> History {
    let day0 = chrono::DateTime::parse_from_rfc3339("2026-11-01T08:00:00-05:00").unwrap();
    let mut n = 0;
    let mut ev = Vec::new();
    for (i, s) in sessions.iter().enumerate() {
        let start = day0 + Duration::days(i as i64);
        let end = start + Duration::minutes(s.minutes);
        let weigh = |kg: f64, urine_ml| {
            Body::Weight(Weight {
                kg: (kg * 100.0).round() / 100.0,
                when: None,
                urine_ml,
            })
        };
        let before_at = start - Duration::minutes(s.before_min);
        ev.push(event(&mut n, before_at, weigh(s.before_kg, None)));
        let workout = Body::Workout(Workout {
            activity: "run".into(),
            end: Some(end),
            intensity: Intensity::ALL[s.intensity],
            heat: Heat::ALL[s.heat],
            new: false,
            note: None,
        });
        ev.push(event(&mut n, start, workout));
        for (k, ml) in s.drinks.iter().enumerate() {
            let at = start + Duration::minutes(s.minutes * k as i64 / 4);
            let drink = Body::Drink(Drink {
                ml: (*ml).max(1),
                kind: DrinkKind::Water,
                sodium_mg: None,
                note: None,
            });
            ev.push(event(&mut n, at, drink));
        }
        let after_kg = s.before_kg * (1.0 - s.change);
        let after_at = end + Duration::minutes(s.after_min);
        ev.push(event(&mut n, after_at, weigh(after_kg, s.urine)));
    }
    History::from_events(ev)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn used_tests_are_plausible_and_personal_rates_stay_capped(
        sessions in prop::collection::vec(session(), 0..12),
        interval in 1u32..=60,
    ) {
        let rules = Rules::embedded().unwrap();
        let s = &rules.sweat;
        let h = journal(&sessions);
        let found = tests(&h, &rules);
        for t in found.iter().filter(|t| t.used) {
            prop_assert!(t.rate_ml_per_h >= s.min_ml_per_h as i32);
            prop_assert!(t.rate_ml_per_h <= s.max_ml_per_h as i32);
            prop_assert!((t.before_kg - t.after_kg).abs() <= t.before_kg * s.max_mass_change);
            prop_assert!((t.at - t.before_at).num_minutes() <= s.weigh_within_min as i64);
            prop_assert!((t.after_at - t.end).num_minutes() <= s.weigh_within_min as i64);
        }
        for t in &found {
            prop_assert_eq!(t.used, t.reason.is_none());
        }
        let now = chrono::DateTime::parse_from_rfc3339("2026-12-01T12:00:00-05:00").unwrap();
        let cap = rules.safety.max_ml_per_hour;
        for heat in Heat::ALL {
            for intensity in Intensity::ALL {
                let Some(r) = rate_from_tests(&found, &rules, &now, *heat, *intensity) else {
                    continue;
                };
                prop_assert!(r.tests >= s.min_tests as usize);
                prop_assert!(r.tests <= s.last_tests as usize);
                prop_assert!(r.min_ml_per_h <= r.ml_per_h && r.ml_per_h <= r.max_ml_per_h);
                prop_assert!(r.ml_per_h <= s.max_ml_per_h);
                // Sips at this rate, every `interval` minutes for an hour,
                // never add up to more than the hourly cap.
                let per_hour = r.sip_ml(interval, cap) as u64 * (60 / interval) as u64;
                prop_assert!(per_hour <= cap as u64, "{} ml/h", per_hour);
            }
        }
    }
}
