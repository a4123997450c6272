//! A day's session in the generated journal: often planned ahead with its
//! pre-load, sometimes weighed before and after, run live or logged after,
//! with sips during, rehydration after, and cramps with patterns.

use super::{ACTIVITIES, Gen};
use crate::domain::entry::{
    Body, CrampContext, DrinkKind, Heat, Intensity, Plan, Time, WeighWhen, Weight, Workout,
};
use chrono::{Datelike, Duration, NaiveDate, TimeZone};
use rand::Rng;

/// What a session is, drawn before anything of it is logged.
struct Session {
    activity: &'static str,
    minutes: i64,
    intensity: Intensity,
    heat: Heat,
    new: bool,
    start_min: i64,
    evening: bool,
}

impl<Tz: TimeZone> Gen<Tz>
where
    Tz::Offset: Copy,
{
    /// A session on `date`; returns when it keeps the day's drinking busy.
    pub(super) fn workout(&mut self, date: NaiveDate) -> Option<(Time, Time)> {
        let today = date == self.last_day;
        let s = self.draw_session(date, today);
        let start = self.at(date, s.start_min)?;
        let end = start + Duration::minutes(s.minutes);
        // Most evening sessions are planned in the morning or the night before.
        if today || self.rng.random_bool(if s.evening { 0.75 } else { 0.35 }) {
            self.plan_ahead(&s, start, today);
        }
        let weighed = self.rng.random_bool(0.3);
        if weighed {
            let kg = (self.mass_kg * 10.0).round() / 10.0;
            self.weigh(start - Duration::minutes(10), kg, WeighWhen::Before);
        }
        self.log_session(&s, start, end);
        let drunk = self.sips(&s, start, end);
        self.after(&s, end, weighed, drunk);
        self.session_cramps(&s, start, end);
        Some((start - Duration::minutes(30), end + Duration::minutes(90)))
    }

    /// The activity, length, intensity, heat and start of a session.
    fn draw_session(&mut self, date: NaiveDate, today: bool) -> Session {
        let evening = today || self.rng.random_bool(0.6);
        let weekend = date.weekday().num_days_from_monday() >= 5;
        let (activity, lo, hi) = ACTIVITIES[self.rng.random_range(0..ACTIVITIES.len())];
        // Hikes are for weekend mornings; evenings after work are shorter.
        let (activity, lo, hi) = if activity == "hike" && (evening || !weekend) {
            ACTIVITIES[0]
        } else {
            (activity, lo, hi)
        };
        let minutes = self.rng.random_range(lo..=hi) as i64;
        let minutes = if evening { minutes.min(100) } else { minutes };
        let intensity = match self.rng.random_range(0..10) {
            0..=1 => Intensity::Easy,
            2..=5 => Intensity::Moderate,
            6..=8 => Intensity::Hard,
            _ => Intensity::Max,
        };
        // Nobody keeps a maximal effort for two hours, nor hikes at one.
        let intensity = match intensity {
            _ if activity == "hike" => intensity.min(Intensity::Moderate),
            Intensity::Max if minutes > 75 => Intensity::Hard,
            Intensity::Hard if minutes > 150 => Intensity::Moderate,
            i => i,
        };
        let heat = self.draw_heat(date, activity);
        let new = self.rng.random_bool(0.04);
        let start_min = if evening {
            self.rng.random_range(17 * 60..19 * 60 + 30)
        } else {
            self.rng.random_range(6 * 60..8 * 60 + 30)
        };
        Session {
            activity,
            minutes,
            intensity,
            heat,
            new,
            start_min,
            evening,
        }
    }

    fn draw_heat(&mut self, date: NaiveDate, activity: &str) -> Heat {
        let hot_chance = match date.month() {
            6..=8 => 0.5,
            5 | 9 => 0.25,
            4 | 10 => 0.08,
            _ => 0.02,
        };
        if activity == "swim" || activity == "gym" {
            Heat::Mild
        } else if self.rng.random_bool(hot_chance) {
            Heat::Hot
        } else if matches!(date.month(), 11 | 12 | 1 | 2 | 3) && self.rng.random_bool(0.6) {
            Heat::Cool
        } else {
            Heat::Mild
        }
    }

    /// The plan, logged hours before (first thing on the last day), and the
    /// pre-load and top-up it asks for, usually kept.
    fn plan_ahead(&mut self, s: &Session, start: Time, today: bool) {
        let ahead = if today {
            // Planned first thing, so the morning's Today shows it.
            Duration::minutes(s.start_min - 6 * 60 - self.rng.random_range(0..45))
        } else {
            Duration::minutes(self.rng.random_range(4 * 60..14 * 60))
        };
        let planned_minutes =
            ((s.minutes as f64 * self.rng.random_range(0.85..1.15)) as u32).clamp(5, 720);
        let plan = Body::Plan(Plan {
            activity: s.activity.into(),
            minutes: planned_minutes,
            intensity: s.intensity,
            heat: s.heat,
            note: None,
        });
        self.add_logged(start, start - ahead, plan);
        if self.rng.random_bool(0.8) {
            let t = start - Duration::minutes(self.rng.random_range(125..170));
            let ml = self.rng.random_range(450..=650);
            self.drink(t, ml, DrinkKind::Water);
        }
        if self.rng.random_bool(0.7) {
            let t = start - Duration::minutes(self.rng.random_range(20..=30));
            let ml = self.rng.random_range(230..=300);
            self.drink(t, ml, DrinkKind::Water);
        }
    }

    /// The workout itself: live (started, then stopped by an amend that
    /// sets the end) or logged after it ended.
    fn log_session(&mut self, s: &Session, start: Time, end: Time) {
        let w = Workout {
            activity: s.activity.into(),
            end: Some(end),
            intensity: s.intensity,
            heat: s.heat,
            new: s.new,
            note: None,
        };
        if self.rng.random_bool(0.7) {
            let running = Workout {
                end: None,
                ..w.clone()
            };
            let id = self.add_logged(start, start, Body::Workout(running));
            self.amend(id, start, end, Body::Workout(w));
        } else {
            let logged = end + Duration::minutes(self.rng.random_range(5..120));
            self.add_logged(start, logged, Body::Workout(w));
        }
    }

    /// Sips during, every 10-25 min; sports drink in long or hot-hard ones.
    /// Returns how much was drunk.
    fn sips(&mut self, s: &Session, start: Time, end: Time) -> f64 {
        let sports = s.minutes >= 60 || (s.heat == Heat::Hot && s.intensity.is_hard());
        let mut t = start + Duration::minutes(self.rng.random_range(12..25));
        let mut drunk = 0.0;
        while t < end {
            let ml = self.rng.random_range(150..=250);
            let kind = if sports && (t - start) >= Duration::minutes(45) {
                DrinkKind::Sports
            } else {
                DrinkKind::Water
            };
            self.drink(t, ml, kind);
            drunk += ml as f64;
            t += Duration::minutes(self.rng.random_range(15..26));
        }
        drunk
    }

    /// Sweat (more when hard and hot) that the weights after show, and the
    /// rehydration drinks.
    fn after(&mut self, s: &Session, end: Time, weighed: bool, drunk: f64) {
        let r = &self.rules.safety;
        let per_hour = match s.intensity {
            Intensity::Easy => r.sweat_ml_per_hour_easy,
            Intensity::Moderate => r.sweat_ml_per_hour_moderate,
            Intensity::Hard => r.sweat_ml_per_hour_hard,
            Intensity::Max => r.sweat_ml_per_hour_max,
        } as f64
            * if s.heat == Heat::Hot {
                r.hot_factor
            } else {
                1.0
            };
        let sweat = per_hour * s.minutes as f64 / 60.0 * self.rng.random_range(0.7..1.3);
        if weighed {
            let kg = ((self.mass_kg - (sweat - drunk) / 1000.0) * 10.0).round() / 10.0;
            let at = end + Duration::minutes(self.rng.random_range(5..20));
            self.weigh(at, kg, WeighWhen::After);
        }
        for k in 0..self.rng.random_range(1..=2) {
            let t = end + Duration::minutes(15 + 40 * k + self.rng.random_range(0..30));
            let kind = if k == 0 && self.rng.random_bool(0.4) {
                DrinkKind::Electrolyte
            } else {
                DrinkKind::Water
            };
            let ml = self.rng.random_range(200..=450);
            self.drink(t, ml, kind);
        }
    }

    /// Cramps: during now and then; after hard, long, hot sessions in the
    /// 6-8 h window more often.
    fn session_cramps(&mut self, s: &Session, start: Time, end: Time) {
        if self.rng.random_bool(0.03) {
            let at = start + Duration::minutes(self.rng.random_range(10..s.minutes.max(11)));
            let helped_by_rest = self.rng.random_bool(0.5);
            self.cramp(at, CrampContext::During, 3..=6, helped_by_rest);
        }
        let demanding = s.intensity.is_hard() && (s.minutes >= 60 || s.heat == Heat::Hot);
        let chance = if demanding && s.heat == Heat::Hot {
            0.4
        } else if demanding {
            0.2
        } else {
            0.01
        };
        if self.rng.random_bool(chance) {
            let c = &self.rules.cramp_window;
            let window = (c.peak_from_hours * 60.0) as i64..(c.hours * 60.0) as i64;
            let at = end + Duration::minutes(self.rng.random_range(window));
            self.cramp(at, CrampContext::After, 3..=7, false);
        }
    }

    fn weigh(&mut self, at: Time, kg: f64, when: WeighWhen) -> usize {
        self.add(
            at,
            Body::Weight(Weight {
                kg,
                when: Some(when),
                urine_ml: None,
            }),
        )
    }
}
