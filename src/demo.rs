//! A generated journal of realistic use, for `crampwatch demo`, `--demo` and
//! benchmarks.
//!
//! [`generate`] is pure: the same days, seed and end give the same events,
//! ids included (ULIDs made from each event's logged time and the seeded
//! generator). About 11 events a day: drinks of 150-750 ml through the waking
//! day; on 4-5
//! days a week a workout of varied activity, length, intensity and heat, often
//! planned ahead, with sips during it and sometimes weights before and after;
//! cramps with patterns (after hard, hot, long sessions in the 6-8 h window,
//! an occasional night cramp, a rare severe one); and the odd edit, delete
//! and undo, as real logging has.

use crate::domain::entry::{
    Body, Cramp, CrampContext, Drink, DrinkKind, Heat, Intensity, Muscle, Plan, Relief, Side,
    Symptoms, Time, WeighWhen, Weight, Workout,
};
use crate::domain::history::{Event, Op, SCHEMA_VERSION};
use crate::domain::rules::Rules;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// An event before ids are given: targets point at other drafts by index.
struct Draft {
    op: Op,
    at: Time,
    logged: Time,
    target: Option<usize>,
    entry: Option<Body>,
}

struct Gen<Tz: TimeZone> {
    rng: StdRng,
    rules: Rules,
    tz: Tz,
    drafts: Vec<Draft>,
    /// Body mass drifts slowly over the years.
    mass_kg: f64,
    /// The day the journal ends: its evening session is planned, not yet done.
    last_day: NaiveDate,
}

const ACTIVITIES: &[(&str, u32, u32)] = &[
    // activity, shortest and longest minutes
    ("run", 25, 110),
    ("ride", 40, 180),
    ("swim", 30, 75),
    ("gym", 40, 90),
    ("hike", 90, 300),
    ("tennis", 45, 120),
    ("soccer", 60, 100),
];

impl<Tz: TimeZone> Gen<Tz>
where
    Tz::Offset: Copy,
{
    /// A local clock time on `date`, or None in a DST gap.
    fn at(&self, date: NaiveDate, mins_after_midnight: i64) -> Option<Time> {
        let naive = date.and_time(NaiveTime::MIN) + Duration::minutes(mins_after_midnight);
        self.tz
            .from_local_datetime(&naive)
            .earliest()
            .map(|t| t.fixed_offset())
    }

    fn push(
        &mut self,
        op: Op,
        at: Time,
        logged: Time,
        target: Option<usize>,
        entry: Option<Body>,
    ) -> usize {
        self.drafts.push(Draft {
            op,
            at,
            logged,
            target,
            entry,
        });
        self.drafts.len() - 1
    }

    /// An entry logged when it happened (give or take a minute or two).
    fn add(&mut self, at: Time, body: Body) -> usize {
        let late = Duration::seconds(self.rng.random_range(0..150));
        self.push(Op::Add, at, at + late, None, Some(body))
    }

    fn drink(&mut self, at: Time, ml: u32, kind: DrinkKind) -> usize {
        let sodium_mg = match kind {
            DrinkKind::Sports => Some(self.rng.random_range(100..=250)),
            DrinkKind::Electrolyte => Some(self.rng.random_range(300..=1000)),
            _ => None,
        };
        self.add(
            at,
            Body::Drink(Drink {
                ml,
                kind,
                sodium_mg,
                note: None,
            }),
        )
    }

    /// A plain day's drinks between waking and bed, around a daily total.
    /// `busy`: a session (with its pre-load and rehydration) when the day's
    /// other drinks pause.
    fn day_drinks(
        &mut self,
        date: NaiveDate,
        wake: i64,
        bed: i64,
        busy: Option<(Time, Time)>,
    ) -> Vec<usize> {
        let total: f64 = if busy.is_some() {
            self.rng.random_range(800.0..1600.0)
        } else {
            self.rng.random_range(1400.0..2600.0)
        };
        // A glass, a mug or a bottle at a time, as people drink (and log) it.
        const SIZES: [u32; 10] = [150, 200, 250, 250, 300, 330, 350, 400, 500, 750];
        let mut ids = Vec::new();
        let mut drunk = 0.0;
        while drunk < total {
            let ml = SIZES[self.rng.random_range(0..SIZES.len())];
            drunk += ml as f64;
            let m = self.rng.random_range(wake..bed);
            let kind = match self.rng.random_range(0..20) {
                0 => DrinkKind::Electrolyte,
                1..=3 => DrinkKind::Other,
                _ => DrinkKind::Water,
            };
            if let Some(at) = self.at(date, m)
                && !busy.is_some_and(|(from, to)| at >= from && at <= to)
            {
                ids.push(self.drink(at, ml, kind));
            }
        }
        ids
    }

    /// A session on `date`; returns when it keeps the day's drinking busy.
    fn workout(&mut self, date: NaiveDate) -> Option<(Time, Time)> {
        let today = date == self.last_day;
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
        let hot_chance = match date.month() {
            6..=8 => 0.5,
            5 | 9 => 0.25,
            4 | 10 => 0.08,
            _ => 0.02,
        };
        let heat = if activity == "swim" || activity == "gym" {
            Heat::Mild
        } else if self.rng.random_bool(hot_chance) {
            Heat::Hot
        } else if matches!(date.month(), 11 | 12 | 1 | 2 | 3) && self.rng.random_bool(0.6) {
            Heat::Cool
        } else {
            Heat::Mild
        };
        let new = self.rng.random_bool(0.04);
        let start_min = if evening {
            self.rng.random_range(17 * 60..19 * 60 + 30)
        } else {
            self.rng.random_range(6 * 60..8 * 60 + 30)
        };
        let start = self.at(date, start_min)?;
        let end = start + Duration::minutes(minutes);

        // Most evening sessions are planned in the morning or the night before.
        if today || self.rng.random_bool(if evening { 0.75 } else { 0.35 }) {
            let ahead = if today {
                // Planned first thing, so the morning's Today shows it.
                Duration::minutes(start_min - 6 * 60 - self.rng.random_range(0..45))
            } else {
                Duration::minutes(self.rng.random_range(4 * 60..14 * 60))
            };
            let planned_minutes =
                ((minutes as f64 * self.rng.random_range(0.85..1.15)) as u32).clamp(5, 720);
            self.push(
                Op::Add,
                start,
                start - ahead,
                None,
                Some(Body::Plan(Plan {
                    activity: activity.into(),
                    minutes: planned_minutes,
                    intensity,
                    heat,
                    note: None,
                })),
            );
            // Pre-load and top-up, usually kept.
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

        let weighed = self.rng.random_bool(0.3);
        if weighed {
            let kg = (self.mass_kg * 10.0).round() / 10.0;
            self.add(
                start - Duration::minutes(10),
                Body::Weight(Weight {
                    kg,
                    when: Some(WeighWhen::Before),
                    urine_ml: None,
                }),
            );
        }

        let w = Workout {
            activity: activity.into(),
            end: Some(end),
            intensity,
            heat,
            new,
            note: None,
        };
        if self.rng.random_bool(0.7) {
            // Live: started, then stopped (an amend that sets the end).
            let running = Workout {
                end: None,
                ..w.clone()
            };
            let id = self.push(Op::Add, start, start, None, Some(Body::Workout(running)));
            self.push(Op::Amend, start, end, Some(id), Some(Body::Workout(w)));
        } else {
            let logged = end + Duration::minutes(self.rng.random_range(5..120));
            self.push(Op::Add, start, logged, None, Some(Body::Workout(w)));
        }

        // Sips during, every 10-25 min; sports drink in long or hot-hard ones.
        let sports = minutes >= 60 || (heat == Heat::Hot && intensity.is_hard());
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

        // Sweat: more when hard and hot; weights after show it.
        let s = &self.rules.safety;
        let per_hour = match intensity {
            Intensity::Easy => s.sweat_ml_per_hour_easy,
            Intensity::Moderate => s.sweat_ml_per_hour_moderate,
            Intensity::Hard => s.sweat_ml_per_hour_hard,
            Intensity::Max => s.sweat_ml_per_hour_max,
        } as f64
            * if heat == Heat::Hot { s.hot_factor } else { 1.0 };
        let sweat = per_hour * minutes as f64 / 60.0 * self.rng.random_range(0.7..1.3);
        if weighed {
            let kg = ((self.mass_kg - (sweat - drunk) / 1000.0) * 10.0).round() / 10.0;
            let at = end + Duration::minutes(self.rng.random_range(5..20));
            self.add(
                at,
                Body::Weight(Weight {
                    kg,
                    when: Some(WeighWhen::After),
                    urine_ml: None,
                }),
            );
        }

        // Rehydration after.
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

        // Cramps: during now and then; after hard, long, hot sessions in the
        // 6-8 h window more often.
        if self.rng.random_bool(0.03) {
            let at = start + Duration::minutes(self.rng.random_range(10..minutes.max(11)));
            let helped_by_rest = self.rng.random_bool(0.5);
            self.cramp(at, CrampContext::During, 3..=6, helped_by_rest);
        }
        let demanding = intensity.is_hard() && (minutes >= 60 || heat == Heat::Hot);
        let chance = if demanding && heat == Heat::Hot {
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
        Some((start - Duration::minutes(30), end + Duration::minutes(90)))
    }

    fn cramp(
        &mut self,
        at: Time,
        context: CrampContext,
        severity: std::ops::RangeInclusive<u8>,
        rest: bool,
    ) -> usize {
        let muscle = match self.rng.random_range(0..10) {
            0..=5 => Muscle::Calf,
            6..=7 => Muscle::Hamstring,
            8 => Muscle::Foot,
            _ => Muscle::Quadriceps,
        };
        let side = [Side::Left, Side::Right, Side::Both][self.rng.random_range(0..3)];
        let mut relief = vec![Relief::Stretch];
        if rest {
            relief.push(Relief::Rest);
        }
        if self.rng.random_bool(0.3) {
            relief.push(Relief::Massage);
        }
        let severity = self.rng.random_range(severity);
        let duration_s = self.rng.random_range(20..=240);
        self.add(
            at,
            Body::Cramp(Cramp {
                muscle,
                side: Some(side),
                severity: Some(severity),
                duration_s: Some(duration_s),
                context: Some(context),
                symptoms: Symptoms::default(),
                relief,
                note: None,
                muscle_name: None,
            }),
        )
    }

    /// Fixes: an amount edited, a drink deleted, a delete undone.
    fn fixes(&mut self, drinks: &[usize]) {
        if drinks.is_empty() {
            return;
        }
        if self.rng.random_bool(0.5) {
            let i = drinks[self.rng.random_range(0..drinks.len())];
            let (at, logged) = (self.drafts[i].at, self.drafts[i].logged);
            if let Some(Body::Drink(mut d)) = self.drafts[i].entry.clone() {
                d.ml = (d.ml as f64 * self.rng.random_range(0.6..1.6) / 25.0).round() as u32 * 25;
                d.ml = d.ml.clamp(150, 750);
                let later = logged + Duration::minutes(self.rng.random_range(1..90));
                self.push(Op::Amend, at, later, Some(i), Some(Body::Drink(d)));
            }
        }
        if self.rng.random_bool(0.2) {
            let i = drinks[self.rng.random_range(0..drinks.len())];
            let logged = self.drafts[i].logged + Duration::seconds(self.rng.random_range(20..600));
            let at = self.drafts[i].at;
            let del = self.push(Op::Delete, at, logged, Some(i), None);
            if self.rng.random_bool(0.15) {
                let undo_at = logged + Duration::seconds(self.rng.random_range(5..60));
                self.push(Op::Undo, at, undo_at, Some(del), None);
            }
        }
    }

    /// One day; `severe`: the day of the rare severe cramp.
    fn day(&mut self, date: NaiveDate, severe: bool) {
        let wake = self.rng.random_range(6 * 60 + 15..7 * 60 + 45);
        let bed = self.rng.random_range(22 * 60..23 * 60 + 30);
        // A morning weigh-in, some days.
        if self.rng.random_bool(0.3)
            && let Some(at) = self.at(date, wake + 10)
        {
            let kg = (self.mass_kg * 10.0 + self.rng.random_range(-4.0..4.0)).round() / 10.0;
            self.add(
                at,
                Body::Weight(Weight {
                    kg,
                    when: None,
                    urine_ml: None,
                }),
            );
        }
        let busy = if date == self.last_day || self.rng.random_bool(0.64) {
            self.workout(date)
        } else {
            None
        };
        let drinks = self.day_drinks(date, wake, bed, busy);
        // Night cramps now and then; a rest cramp; a rare severe, long one.
        let night = 24 * 60 + self.rng.random_range(60..240);
        let rest = self.rng.random_range(wake..bed);
        if self.rng.random_bool(0.035)
            && let Some(at) = self.at(date, night)
        {
            self.cramp(at, CrampContext::Night, 4..=8, false);
        }
        if self.rng.random_bool(0.02)
            && let Some(at) = self.at(date, rest)
        {
            self.cramp(at, CrampContext::Rest, 2..=5, false);
        }
        if (severe || self.rng.random_bool(0.002))
            && let Some(at) = self.at(date, rest)
        {
            let i = self.cramp(at, CrampContext::Rest, 8..=9, false);
            if let Some(Body::Cramp(c)) = &mut self.drafts[i].entry {
                c.duration_s = Some(self.rng.random_range(600..=1200));
                c.symptoms.swelling = self.rng.random_bool(0.3);
            }
        }
        self.fixes(&drinks);
        self.mass_kg = (self.mass_kg + self.rng.random_range(-0.03..0.03)).clamp(55.0, 95.0);
    }
}

/// `days` days of events ending at `end` (nothing logged after it), the same
/// for the same seed.
pub fn generate<Tz: TimeZone>(days: u32, seed: u64, end: DateTime<Tz>) -> Vec<Event>
where
    Tz::Offset: Copy,
{
    let mut rng = StdRng::seed_from_u64(seed);
    let mass_kg = rng.random_range(62.0..85.0);
    let mut g = Gen {
        rng,
        rules: Rules::embedded().expect("the built-in guidelines are checked by tests"),
        tz: end.timezone(),
        drafts: Vec::with_capacity(days as usize * 32),
        mass_kg,
        last_day: end.date_naive(),
    };
    let last = end.date_naive();
    let first = last - Duration::days(days.saturating_sub(1) as i64);
    // At least one severe cramp in any stretch of a week or more, so that
    // its flag shows in a demo.
    let severe_day = (days >= 7).then(|| g.rng.random_range(0..days as i64));
    for i in 0..days as i64 {
        g.day(first + Duration::days(i), severe_day == Some(i));
    }
    finish(g.drafts, end.fixed_offset(), &mut g.rng)
}

/// Orders drafts by logged time, drops what is after `end`, and gives each a
/// ULID from its logged time that sorts after the one before.
fn finish(drafts: Vec<Draft>, end: Time, rng: &mut StdRng) -> Vec<Event> {
    // Plans are for later; anything else must have happened by `end`.
    let kept = |d: &Draft| d.logged <= end && (d.at <= end || is_plan(d));
    let mut order: Vec<usize> = (0..drafts.len()).filter(|&i| kept(&drafts[i])).collect();
    order.sort_by_key(|&i| (drafts[i].logged, i));
    let mut ids: Vec<Option<String>> = vec![None; drafts.len()];
    let mut last: Option<ulid::Ulid> = None;
    let mut events = Vec::with_capacity(order.len());
    for i in order {
        let d = &drafts[i];
        let target = match d.target {
            Some(t) => match &ids[t] {
                Some(id) => Some(id.clone()),
                None => continue, // its target was dropped
            },
            None => None,
        };
        let ms = d.logged.timestamp_millis().max(0) as u64;
        let mut id = ulid::Ulid::from_parts(ms, rng.random::<u128>());
        if let Some(prev) = last
            && id <= prev
        {
            id = prev.increment().unwrap_or(id);
        }
        last = Some(id);
        let id = id.to_string();
        ids[i] = Some(id.clone());
        events.push(Event {
            v: SCHEMA_VERSION,
            id,
            op: d.op,
            at: d.at,
            logged: d.logged,
            target,
            entry: d.entry.clone(),
            extra: Default::default(),
        });
    }
    events
}

fn is_plan(d: &Draft) -> bool {
    matches!(d.entry, Some(Body::Plan(_)))
}
