//! The safety invariant, over random histories and random moments: what
//! crampwatch asks a user to drink between now and a timer's due time never
//! exceeds the safe hourly rate (1.2 l/h) times the hours of that window
//! (at least one), less what was drunk in the hour before the window opens,
//! nor what is left to replace; and no message names a bigger amount.
//!
//! The bounds here are computed from the history's own entries and the
//! numbers of assets/guidelines.toml, not from the code under test.

use chrono::{DateTime, Duration};
use chrono_tz::America::New_York;
use chrono_tz::Tz;
use crampwatch::domain::entry::{
    Body, Drink, DrinkKind, Heat, Intensity, ML_PER_OZ, Plan, Time, VolumeUnit, WeighWhen, Weight,
    Workout,
};
use crampwatch::domain::history::{Event, History, Op, SCHEMA_VERSION};
use crampwatch::domain::hydration::{Timer, TimerKind, TimerState, timers};
use crampwatch::domain::prefs::Prefs;
use crampwatch::domain::rules::Rules;
use proptest::prelude::*;

fn event(n: usize, at: Time, body: Body) -> Event {
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

/// A random history around `now`, as any input path could leave it.
#[derive(Clone, Debug)]
struct Case {
    /// Minutes before now (negative: in the future, as an import could), ml.
    drinks: Vec<(i64, u32)>,
    /// A finished session: started this many minutes ago, lasted this long.
    finished: Option<(i64, i64, Intensity, Heat)>,
    /// A session running since this many minutes ago.
    running: Option<(i64, Intensity, Heat)>,
    /// A plan starting in this many minutes.
    plan_in: Option<i64>,
    /// Weighings around the finished session: minutes before its start and
    /// after its end, and their kg (typos, lb read as kg, absurd imports).
    before: Option<(i64, f64)>,
    after: Option<(i64, f64)>,
    /// Past sweat tests in the running session's heat and intensity, days
    /// before: each a 1 h session with weighings around it losing this many
    /// kg (a rate of that many litres an hour, from 0.3 to 2.9).
    sweat_tests: Vec<f64>,
    /// The tests' heat when not the running session's.
    sweat_heat: Option<Heat>,
    unit: VolumeUnit,
    now_min: i64,
}

fn intensity() -> impl Strategy<Value = Intensity> {
    prop::sample::select(Intensity::ALL.to_vec())
}

fn heat() -> impl Strategy<Value = Heat> {
    prop::sample::select(Heat::ALL.to_vec())
}

fn kg() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => 50.0f64..120.0,
        1 => Just(1e308),
        1 => Just(0.5),
        1 => 20.0f64..400.0,
        1 => Just(79.0 * 0.453_592_37),
        1 => Just(170.0),
    ]
}

fn case() -> impl Strategy<Value = Case> {
    (
        prop::collection::vec((-30i64..600, prop_oneof![30u32..800, 800u32..2000]), 0..16),
        prop::option::of((60i64..600, 10i64..240, intensity(), heat())),
        prop::option::of((0i64..300, intensity(), heat())),
        prop::option::of(-60i64..900),
        prop::option::of((0i64..200, kg())),
        prop::option::of((0i64..200, kg())),
        prop::bool::ANY,
        0i64..(24 * 60),
        prop::collection::vec(0.3f64..2.9, 0..4),
    )
        .prop_map(
            |(drinks, finished, running, plan_in, before, after, ml, now_min, sweat_tests)| Case {
                drinks,
                finished,
                running,
                plan_in,
                before,
                after,
                sweat_tests,
                sweat_heat: None,
                unit: if ml { VolumeUnit::Ml } else { VolumeUnit::Oz },
                now_min,
            },
        )
}

fn base() -> DateTime<Tz> {
    DateTime::parse_from_rfc3339("2026-06-10T00:00:00-04:00")
        .unwrap()
        .with_timezone(&New_York)
}

impl Case {
    fn now(&self) -> DateTime<Tz> {
        base() + Duration::minutes(self.now_min)
    }

    fn ago(&self, m: i64) -> Time {
        (self.now() - Duration::minutes(m)).fixed_offset()
    }

    /// The finished session's start and end, if any (ended before now).
    fn finished_span(&self) -> Option<(Time, Time, Intensity, Heat)> {
        self.finished.and_then(|(ago, len, i, h)| {
            let len = len.min(ago);
            (len > 0).then(|| (self.ago(ago), self.ago(ago - len), i, h))
        })
    }

    fn history(&self) -> History {
        let mut ev = Vec::new();
        let mut n = 0;
        let mut push = |at: Time, body: Body| {
            ev.push(event(n, at, body));
            n += 1;
        };
        for (m, ml) in &self.drinks {
            push(
                self.ago(*m),
                Body::Drink(Drink {
                    ml: *ml,
                    kind: DrinkKind::Water,
                    sodium_mg: None,
                    note: None,
                }),
            );
        }
        if let Some((start, end, intensity, heat)) = self.finished_span() {
            push(
                start,
                Body::Workout(Workout {
                    activity: "run".into(),
                    end: Some(end),
                    intensity,
                    heat,
                    new: false,
                    note: None,
                }),
            );
            if let Some((m, kg)) = self.before {
                let at = start - Duration::minutes(m);
                push(
                    at,
                    Body::Weight(Weight {
                        kg,
                        when: Some(WeighWhen::Before),
                        urine_ml: None,
                    }),
                );
            }
            if let Some((m, kg)) = self.after {
                let at = (end + Duration::minutes(m)).min(self.now().fixed_offset());
                push(
                    at,
                    Body::Weight(Weight {
                        kg,
                        when: Some(WeighWhen::After),
                        urine_ml: None,
                    }),
                );
            }
        }
        if let Some((ago, intensity, heat)) = self.running {
            let start = match self.finished_span() {
                Some((_, end, _, _)) => self.ago(ago).max(end),
                None => self.ago(ago),
            };
            push(
                start,
                Body::Workout(Workout {
                    activity: "ride".into(),
                    end: None,
                    intensity,
                    heat,
                    new: false,
                    note: None,
                }),
            );
        }
        if let Some((_, intensity, heat)) = self.running {
            for (day, loss) in self.sweat_tests.iter().enumerate() {
                let start = self.ago((day as i64 + 2) * 24 * 60);
                let end = start + Duration::hours(1);
                let kg = |k: f64| {
                    Body::Weight(Weight {
                        kg: k,
                        when: None,
                        urine_ml: None,
                    })
                };
                push(start - Duration::minutes(10), kg(70.0));
                push(
                    start,
                    Body::Workout(Workout {
                        activity: "run".into(),
                        end: Some(end),
                        intensity,
                        heat: self.sweat_heat.unwrap_or(heat),
                        new: false,
                        note: None,
                    }),
                );
                push(end + Duration::minutes(10), kg(70.0 - loss));
            }
        }
        if let Some(m) = self.plan_in {
            push(
                self.ago(-m),
                Body::Plan(Plan {
                    activity: "run".into(),
                    minutes: 60,
                    intensity: Intensity::Hard,
                    heat: Heat::Hot,
                    note: None,
                }),
            );
        }
        History::from_events(ev)
    }

    fn plan_start(&self) -> Option<Time> {
        self.plan_in.map(|m| self.ago(-m))
    }

    /// Drinks taken at or before now.
    fn past_drinks(&self) -> Vec<(Time, u32)> {
        let now = self.now().fixed_offset();
        self.drinks
            .iter()
            .map(|(m, ml)| (self.ago(*m), *ml))
            .filter(|(t, _)| *t <= now)
            .collect()
    }

    fn drunk_in(&self, from: Time, to: Time) -> u64 {
        self.past_drinks()
            .iter()
            .filter(|(t, _)| *t >= from && *t <= to)
            .map(|(_, ml)| *ml as u64)
            .sum()
    }
}

/// The hourly bound for asking to drink in `[from, by]`, from the rules'
/// rate and the drinks themselves.
fn hourly_bound(case: &Case, rules: &Rules, from: Time, by: Time) -> u64 {
    let now = case.now().fixed_offset();
    let from = from.max(now);
    let hours = ((by - from).num_seconds() as f64 / 3600.0).max(1.0);
    let cap = (rules.safety.max_ml_per_hour as f64 * hours).floor() as u64;
    let recent: u64 = case
        .past_drinks()
        .iter()
        .filter(|(t, _)| *t > from - Duration::hours(1))
        .map(|(_, ml)| *ml as u64)
        .sum();
    cap.saturating_sub(recent)
}

/// Estimated sweat of a session over `secs`, from the rules' table.
fn sweat(rules: &Rules, i: Intensity, h: Heat, secs: i64) -> u64 {
    let s = &rules.safety;
    let per_h = match i {
        Intensity::Easy => s.sweat_ml_per_hour_easy,
        Intensity::Moderate => s.sweat_ml_per_hour_moderate,
        Intensity::Hard => s.sweat_ml_per_hour_hard,
        Intensity::Max => s.sweat_ml_per_hour_max,
    } as f64;
    let f = if h == Heat::Hot { s.hot_factor } else { 1.0 };
    (per_h * f * secs.max(0) as f64 / 3600.0).round() as u64
}

/// What is left to replace for a timer, as the guidelines define it.
fn left_to_replace(case: &Case, rules: &Rules, t: &Timer) -> Option<u64> {
    let now = case.now().fixed_offset();
    match t.kind {
        TimerKind::Preload => {
            let deadline =
                case.plan_start()? - Duration::minutes((rules.preload.hours_before * 60.0) as i64);
            let opens = deadline - Duration::minutes((rules.preload.window_hours * 60.0) as i64);
            Some((rules.preload.target_ml as u64).saturating_sub(case.drunk_in(opens, deadline)))
        }
        TimerKind::Topup => {
            let start = case.plan_start()?;
            let opens = start - Duration::minutes(rules.topup.opens_min_before as i64);
            let closes = start - Duration::minutes(rules.topup.closes_min_before as i64);
            Some((rules.topup.max_ml as u64).saturating_sub(case.drunk_in(opens, closes)))
        }
        TimerKind::Sip => {
            let (ago, i, h) = case.running?;
            let start = match case.finished_span() {
                Some((_, end, _, _)) => case.ago(ago).max(end),
                None => case.ago(ago),
            };
            // The sip is due at most 20 minutes after the last drink (or
            // the start); the sweat by then, less what was drunk since.
            let last = case
                .past_drinks()
                .iter()
                .map(|(t, _)| *t)
                .filter(|t| *t >= start)
                .max()
                .unwrap_or(start);
            let due = (last + Duration::minutes(rules.during.due_after_min as i64)).max(now);
            // The user's own rate is a mean of their tests: never above the
            // fastest of them (each lost `loss` kg in one hour).
            // (The finished session's weighings may make a test too: a used
            // one is never above [sweat] max_ml_per_h, 3 l/h.)
            let weighed = case.before.is_some() && case.after.is_some();
            let ceiling = if weighed {
                rules.sweat.max_ml_per_h as f64 / 1000.0
            } else {
                0.0
            };
            let fastest = case.sweat_tests.iter().fold(ceiling, |m, l| m.max(*l));
            let own =
                (fastest * 1000.0 * (due - start).num_seconds() as f64 / 3600.0).round() as u64;
            let est = sweat(rules, i, h, (due - start).num_seconds()).max(own);
            Some(est.saturating_sub(case.drunk_in(start, now)))
        }
        TimerKind::Rehydrate => {
            let (_, end, _, _) = case.finished_span()?;
            let (b, a) = (case.before?.1, case.after?.1);
            let plausible = b.is_finite()
                && a.is_finite()
                && (20.0..=400.0).contains(&b)
                && (20.0..=400.0).contains(&a)
                && (b - a).abs() <= b * 0.05;
            if !plausible || a >= b {
                return Some(0); // no measured target: nothing may be asked
            }
            let lost = (b - a).min(b * rules.after.max_loss_share);
            let hi = (lost * rules.after.ml_per_kg_max as f64).round() as u64;
            Some(hi.saturating_sub(case.drunk_in(end, now)))
        }
        _ => Some(0),
    }
}

/// Every volume a message names as something to drink: parenthesised
/// figures, `done/target` progress, rates (`/h`, `an hour`) and what was
/// drunk `in the last hour` are status, not asks.
fn asked_amounts(message: &str, unit: VolumeUnit) -> Vec<f64> {
    let mut text = String::new();
    let mut depth = 0;
    for c in message.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth == 0 => text.push(c),
            _ => {}
        }
    }
    let label = match unit {
        VolumeUnit::Oz => " oz",
        VolumeUnit::Ml => " ml",
    };
    let mut out = Vec::new();
    let mut rest = text.as_str();
    while let Some(i) = rest.find(label) {
        let before = &rest[..i];
        let after = &rest[i + label.len()..];
        let start = before
            .rfind(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '/'))
            .map_or(0, |p| p + 1);
        let token = &before[start..];
        let status = token.contains('/')
            || after.starts_with("/h")
            || after.starts_with(" an hour")
            || after.starts_with(" in the last hour")
            || after.starts_with(" today");
        if !status {
            for n in token.split('-').filter_map(|x| x.parse::<f64>().ok()) {
                out.push(n * unit.ml());
            }
        }
        rest = after;
    }
    out
}

fn check(case: &Case) -> Result<(), TestCaseError> {
    let rules = Rules::embedded().unwrap();
    let prefs = Prefs {
        unit: case.unit,
        ..Prefs::default()
    };
    let now = case.now();
    let nowf = now.fixed_offset();
    let h = timers(&now, &case.history(), &rules, &prefs);
    for t in &h.timers {
        let named = asked_amounts(&t.message, case.unit);
        let Some(ask) = t.ask else {
            // A timer that asks for nothing names no amount to drink.
            if t.state != TimerState::Done {
                prop_assert!(named.is_empty(), "{t:?} names {named:?} without an ask");
            }
            continue;
        };
        prop_assert!(t.kind.asks_to_drink(), "{t:?}");
        prop_assert!(ask.min_ml <= ask.max_ml && ask.max_ml > 0, "{t:?}");
        prop_assert!(ask.from >= nowf && ask.by >= ask.from, "{t:?}");
        // The window is the timer's own, not stretched to loosen the cap.
        let latest = match t.kind {
            TimerKind::Sip => nowf + Duration::minutes(rules.during.due_after_min as i64),
            TimerKind::Preload | TimerKind::Topup => case.plan_start().unwrap(),
            TimerKind::Rehydrate => {
                case.finished_span().unwrap().1
                    + Duration::seconds((rules.after.max_spread_hours * 3600.0) as i64)
            }
            _ => nowf,
        };
        prop_assert!(ask.by <= latest, "{t:?} window ends after {latest}");
        let bound = hourly_bound(case, &rules, ask.from, ask.by);
        prop_assert!(
            ask.max_ml as u64 <= bound,
            "{t:?} asks {} ml; the hourly bound is {bound}",
            ask.max_ml
        );
        let left = left_to_replace(case, &rules, t).unwrap_or(0);
        prop_assert!(
            ask.max_ml as u64 <= left,
            "{t:?} asks {} ml; only {left} is left to replace",
            ask.max_ml
        );
        prop_assert!(
            !named.is_empty(),
            "{t:?} has an ask its message doesn't name"
        );
        for n in named {
            prop_assert!(
                n <= ask.max_ml as f64 + 1.0,
                "{t:?} names {n:.0} ml, more than its ask"
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn no_timer_ever_asks_past_the_hourly_rate_or_what_is_left(c in case()) {
        check(&c)?;
    }
}

#[test]
fn the_amount_parser_keeps_asks_and_drops_status() {
    assert_eq!(
        asked_amounts("sip 8-10 oz now, to thirst", VolumeUnit::Oz),
        vec![8.0 * ML_PER_OZ, 10.0 * ML_PER_OZ]
    );
    assert!(asked_amounts("a nudge · 10/64 oz today", VolumeUnit::Oz).is_empty());
    assert!(
        asked_amounts(
            "sip paused: 41 oz in the last hour (safe limit 41 oz/h); resumes 09:10",
            VolumeUnit::Oz
        )
        .is_empty()
    );
    assert_eq!(
        asked_amounts(
            "rehydrate up to 300 ml by 12:00 (1.0 kg lost; 0/1250 ml)",
            VolumeUnit::Ml
        ),
        vec![300.0]
    );
}

// ---- the user's own sweat rate in the sips --------------------------------

/// Two sweat tests of `loss` kg in an hour (hot, hard), then a hot, hard
/// session running since `ago` minutes, at 2026-06-10 12:00.
fn with_tests(losses: &[f64], heat: Heat, ago: i64) -> (DateTime<Tz>, History) {
    with_tests_in(losses, heat, heat, ago)
}

fn with_tests_in(losses: &[f64], tests: Heat, heat: Heat, ago: i64) -> (DateTime<Tz>, History) {
    let case = Case {
        sweat_heat: Some(tests),
        drinks: vec![],
        finished: None,
        running: Some((ago, Intensity::Hard, heat)),
        plan_in: None,
        before: None,
        after: None,
        sweat_tests: losses.to_vec(),
        unit: VolumeUnit::Ml,
        now_min: 12 * 60,
    };
    (case.now(), case.history())
}

fn sip(now: &DateTime<Tz>, h: &History) -> Timer {
    let rules = Rules::embedded().unwrap();
    let prefs = Prefs {
        unit: VolumeUnit::Ml,
        ..Prefs::default()
    };
    let t = timers(now, h, &rules, &prefs);
    t.timers
        .into_iter()
        .find(|t| t.kind == TimerKind::Sip)
        .unwrap()
}

#[test]
fn with_two_tests_in_the_band_the_sip_is_the_users_rate_over_10_to_20_minutes() {
    // 0.6 l/h (0.5 and 0.7 kg an hour): 100-200 ml a sip, not 237-296 ml.
    let (now, h) = with_tests(&[0.5, 0.7], Heat::Hot, 2);
    let s = sip(&now, &h);
    let ask = s.ask.unwrap();
    assert_eq!((ask.min_ml, ask.max_ml), (100, 200), "{s:?}");
    assert!(
        s.message
            .contains("your hot-weather rate for hard sessions, 0.6 l/h, from 2 tests"),
        "{}",
        s.message
    );
}

#[test]
fn a_band_with_one_test_or_none_keeps_the_guideline_sip() {
    for losses in [&[0.5][..], &[][..]] {
        let (now, h) = with_tests(losses, Heat::Hot, 2);
        let s = sip(&now, &h);
        let ask = s.ask.unwrap();
        // Hard and hot: 1300 ml/h by the guideline, so 8-10 oz fit.
        assert_eq!((ask.min_ml, ask.max_ml), (237, 296), "{s:?}");
        assert!(!s.message.contains("your"), "{}", s.message);
    }
    // Tests in the heat, a session in the cool: the defaults too.
    let (now, h) = with_tests_in(&[0.5, 0.7], Heat::Hot, Heat::Cool, 2);
    assert!(!sip(&now, &h).message.contains("your"));
}

#[test]
fn a_heavy_sweaters_sips_stay_within_the_hourly_cap() {
    // 2.5 l/h: 20 minutes of that is 833 ml; the cap allows 1200 ml an hour,
    // so a sip is at most 400 ml (the cap over 20 min), and with 1000 ml
    // drunk in the last hour, only the 200 ml left of the hour.
    let (now, h) = with_tests(&[2.4, 2.6], Heat::Hot, 40);
    let s = sip(&now, &h);
    assert!(s.ask.unwrap().max_ml <= 400, "{s:?}");
    let (_, h2) = {
        let case = Case {
            drinks: vec![(15, 1000)],
            finished: None,
            running: Some((40, Intensity::Hard, Heat::Hot)),
            plan_in: None,
            before: None,
            after: None,
            sweat_tests: vec![2.4, 2.6],
            sweat_heat: None,
            unit: VolumeUnit::Ml,
            now_min: 12 * 60,
        };
        (case.now(), case.history())
    };
    let s = sip(&now, &h2);
    assert!(s.ask.is_none_or(|a| a.max_ml <= 200), "{s:?}");
}
