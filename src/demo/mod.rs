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

mod session;

use crate::domain::change::Change;
use crate::domain::entry::{
    Body, Cramp, CrampContext, Drink, DrinkKind, Muscle, Relief, Side, Symptoms, Time, Weight,
};
use crate::domain::history::Event;
use crate::domain::rules::Rules;
use crate::store::Stamped;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// A change before ids are given: targets point at other drafts by index.
struct Draft {
    what: What,
    at: Time,
    logged: Time,
    target: Option<usize>,
}

/// What a draft becomes: a [`Change`] once its target has an id.
enum What {
    Add(Body),
    Amend(Body),
    Delete,
    Undo,
}

impl Draft {
    fn body(&self) -> Option<&Body> {
        match &self.what {
            What::Add(b) | What::Amend(b) => Some(b),
            What::Delete | What::Undo => None,
        }
    }

    /// The change, given its target's id (`None` for an add).
    fn change(&self, target: Option<String>) -> Change {
        let at = self.at;
        match (&self.what, target) {
            (What::Add(body), _) => Change::Add {
                at,
                body: body.clone(),
            },
            (What::Amend(body), Some(target)) => Change::Amend {
                target,
                at,
                body: body.clone(),
            },
            (What::Delete, Some(target)) => Change::Delete { target, at },
            (What::Undo, Some(event_id)) => Change::Undo { event_id },
            (_, None) => unreachable!("only adds have no target"),
        }
    }
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

    fn push(&mut self, what: What, at: Time, logged: Time, target: Option<usize>) -> usize {
        self.drafts.push(Draft {
            what,
            at,
            logged,
            target,
        });
        self.drafts.len() - 1
    }

    /// An entry logged when it happened (give or take a minute or two).
    fn add(&mut self, at: Time, body: Body) -> usize {
        let late = Duration::seconds(self.rng.random_range(0..150));
        self.add_logged(at, at + late, body)
    }

    fn add_logged(&mut self, at: Time, logged: Time, body: Body) -> usize {
        self.push(What::Add(body), at, logged, None)
    }

    fn amend(&mut self, target: usize, at: Time, logged: Time, body: Body) -> usize {
        self.push(What::Amend(body), at, logged, Some(target))
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
            if let Some(Body::Drink(mut d)) = self.drafts[i].body().cloned() {
                d.ml = (d.ml as f64 * self.rng.random_range(0.6..1.6) / 25.0).round() as u32 * 25;
                d.ml = d.ml.clamp(150, 750);
                let later = logged + Duration::minutes(self.rng.random_range(1..90));
                self.amend(i, at, later, Body::Drink(d));
            }
        }
        if self.rng.random_bool(0.2) {
            let i = drinks[self.rng.random_range(0..drinks.len())];
            let logged = self.drafts[i].logged + Duration::seconds(self.rng.random_range(20..600));
            let at = self.drafts[i].at;
            let del = self.push(What::Delete, at, logged, Some(i));
            if self.rng.random_bool(0.15) {
                let undo_at = logged + Duration::seconds(self.rng.random_range(5..60));
                self.push(What::Undo, at, undo_at, Some(del));
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
            if let What::Add(Body::Cramp(c)) = &mut self.drafts[i].what {
                c.duration_s = Some(self.rng.random_range(600..=1200));
                c.symptoms.swelling = self.rng.random_bool(0.3);
            }
        }
        self.fixes(&drinks);
        self.mass_kg = (self.mass_kg + self.rng.random_range(-0.03..0.03)).clamp(55.0, 95.0);
    }
}

/// `days` days of events ending at `end` (nothing logged after it), the same
/// for the same seed: [`stamped`] made into events, for tests and benchmarks.
pub fn generate<Tz: TimeZone>(days: u32, seed: u64, end: DateTime<Tz>) -> Vec<Event>
where
    Tz::Offset: Copy,
{
    let rules = Rules::embedded().expect("the built-in guidelines are checked by tests");
    stamped(days, seed, end, &rules)
        .into_iter()
        .map(|s| {
            s.into_event()
                .expect("the demo makes only values the gate accepts")
        })
        .collect()
}

/// `days` days of changes ending at `end`, each with the id and the time it
/// is logged at, the same for the same seed: what `Journal::commit_all`
/// writes for `crampwatch demo` and `--demo`.
pub fn stamped<Tz: TimeZone>(days: u32, seed: u64, end: DateTime<Tz>, rules: &Rules) -> Vec<Stamped>
where
    Tz::Offset: Copy,
{
    let mut rng = StdRng::seed_from_u64(seed);
    let mass_kg = rng.random_range(62.0..85.0);
    let mut g = Gen {
        rng,
        rules: rules.clone(),
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
    stamp(g.drafts, end.fixed_offset(), &mut g.rng)
}

/// Orders drafts by logged time, drops what is after `end`, and gives each a
/// ULID from its logged time that sorts after the one before. The ids come
/// from the seeded generator, not the store's: the same seed must give the
/// same journal.
fn stamp(drafts: Vec<Draft>, end: Time, rng: &mut StdRng) -> Vec<Stamped> {
    // Plans are for later; anything else must have happened by `end`.
    let kept = |d: &Draft| d.logged <= end && (d.at <= end || is_plan(d));
    let mut order: Vec<usize> = (0..drafts.len()).filter(|&i| kept(&drafts[i])).collect();
    order.sort_by_key(|&i| (drafts[i].logged, i));
    let mut ids: Vec<Option<String>> = vec![None; drafts.len()];
    let mut last: Option<ulid::Ulid> = None;
    let mut out = Vec::with_capacity(order.len());
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
        out.push(Stamped {
            change: d.change(target),
            id,
            logged: d.logged,
        });
    }
    out
}

fn is_plan(d: &Draft) -> bool {
    matches!(d.what, What::Add(Body::Plan(_)))
}
