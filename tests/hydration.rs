//! Hydration timers with a pinned now in America/New_York: one test per rule
//! and its edges, and each safety bound.

use chrono::DateTime;
use chrono_tz::America::New_York;
use chrono_tz::Tz;
use crampwatch::domain::entry::{
    Body, Cramp, CrampContext, Drink, DrinkKind, Heat, Intensity, Muscle, Plan, Symptoms, Time,
    VolumeUnit, WeighWhen, Weight, Workout,
};
use crampwatch::domain::history::{Event, History, Op, SCHEMA_VERSION};
use crampwatch::domain::hydration::{Hydration, Timer, TimerKind, TimerState, timers};
use crampwatch::domain::prefs::Prefs;
use crampwatch::domain::rules::Rules;

fn t(s: &str) -> Time {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn ny(s: &str) -> DateTime<Tz> {
    t(s).with_timezone(&New_York)
}

/// Builds a history from entries given in any order.
#[derive(Clone, Default)]
struct Log(Vec<Event>);

impl Log {
    fn add(mut self, at: &str, body: Body) -> Log {
        let n = self.0.len();
        self.0.push(Event {
            v: SCHEMA_VERSION,
            id: format!("E{n:05}"),
            op: Op::Add,
            at: t(at),
            logged: t(at),
            target: None,
            entry: Some(body),
            extra: Default::default(),
        });
        self
    }
    fn drink(self, at: &str, ml: u32) -> Log {
        self.drink_kind(at, ml, DrinkKind::Water)
    }
    fn drink_kind(self, at: &str, ml: u32, kind: DrinkKind) -> Log {
        self.add(
            at,
            Body::Drink(Drink {
                ml,
                kind,
                sodium_mg: None,
                note: None,
            }),
        )
    }
    fn plan(self, at: &str, minutes: u32) -> Log {
        self.add(
            at,
            Body::Plan(Plan {
                activity: "run".into(),
                minutes,
                intensity: Intensity::Moderate,
                heat: Heat::Mild,
                note: None,
            }),
        )
    }
    fn workout(self, at: &str, end: Option<&str>, intensity: Intensity, heat: Heat) -> Log {
        self.add(
            at,
            Body::Workout(Workout {
                activity: "run".into(),
                end: end.map(t),
                intensity,
                heat,
                new: false,
                note: None,
            }),
        )
    }
    fn weight(self, at: &str, kg: f64, when: WeighWhen) -> Log {
        self.add(
            at,
            Body::Weight(Weight {
                kg,
                when: Some(when),
                urine_ml: None,
            }),
        )
    }
    /// The last entry added was logged at `logged` (a plan is made ahead).
    fn logged(mut self, logged: &str) -> Log {
        self.0.last_mut().expect("an entry to date").logged = t(logged);
        self
    }
    fn history(&self) -> History {
        History::fold(&self.0)
    }
}

fn rules() -> Rules {
    Rules::embedded().unwrap()
}

fn run(now: &str, log: &Log) -> Hydration {
    run_with(now, log, &Prefs::default())
}

fn run_with(now: &str, log: &Log, prefs: &Prefs) -> Hydration {
    timers(&ny(now), &log.history(), &rules(), prefs)
}

fn find(h: &Hydration, kind: TimerKind) -> &Timer {
    h.timers
        .iter()
        .find(|t| t.kind == kind)
        .unwrap_or_else(|| panic!("no {kind:?} timer in {:#?}", h.timers))
}

fn all(h: &Hydration, kind: TimerKind) -> Vec<&Timer> {
    h.timers.iter().filter(|t| t.kind == kind).collect()
}

// ---- pre-load -------------------------------------------------------------

#[test]
fn preload_counts_down_to_two_hours_before_a_plan() {
    // Run planned at 18:00: pre-load by 16:00, window opens at 14:00.
    let log = Log::default().plan("2026-06-10T18:00:00-04:00", 60);
    let h = run("2026-06-10T10:00:00-04:00", &log);
    let p = find(&h, TimerKind::Preload);
    assert_eq!(p.state, TimerState::Upcoming);
    assert_eq!(p.due, Some(t("2026-06-10T16:00:00-04:00")));
    assert_eq!(p.secs_left, Some(6 * 3600));
    assert_eq!(p.target_ml, Some(591));
    assert!(p.message.contains("20 oz by 16:00"), "{}", p.message);

    let log = log.drink("2026-06-10T14:30:00-04:00", 296);
    let h = run("2026-06-10T15:00:00-04:00", &log);
    let p = find(&h, TimerKind::Preload);
    assert_eq!(p.state, TimerState::Open);
    assert_eq!(p.done_ml, 296);
    assert!(p.message.contains("10 oz more by 16:00"), "{}", p.message);

    let log = log.drink("2026-06-10T15:10:00-04:00", 296);
    let h = run("2026-06-10T15:20:00-04:00", &log);
    assert_eq!(find(&h, TimerKind::Preload).state, TimerState::Done);
}

#[test]
fn a_drink_exactly_at_a_windows_boundary_counts_and_one_second_outside_does_not() {
    let plan = Log::default().plan("2026-06-10T18:00:00-04:00", 60);
    // Exactly at the deadline and exactly at the opening: both count.
    let log = plan
        .clone_log()
        .drink("2026-06-10T14:00:00-04:00", 300)
        .drink("2026-06-10T16:00:00-04:00", 300);
    let h = run("2026-06-10T16:00:00-04:00", &log);
    let p = find(&h, TimerKind::Preload);
    assert_eq!(p.done_ml, 600);
    assert_eq!(p.state, TimerState::Done);
    // One second outside either end does not.
    let log = plan
        .clone_log()
        .drink("2026-06-10T13:59:59-04:00", 300)
        .drink("2026-06-10T16:00:01-04:00", 300);
    let h = run("2026-06-10T16:30:00-04:00", &log);
    let p = find(&h, TimerKind::Preload);
    assert_eq!(p.done_ml, 0);
    assert_eq!(p.state, TimerState::Overdue);

    // Top-up window 17:30-17:40, both ends inclusive.
    let log = plan.clone_log().drink("2026-06-10T17:30:00-04:00", 240);
    let h = run("2026-06-10T17:35:00-04:00", &log);
    assert_eq!(find(&h, TimerKind::Topup).state, TimerState::Done);
    let log = plan.clone_log().drink("2026-06-10T17:40:00-04:00", 240);
    let h = run("2026-06-10T17:45:00-04:00", &log);
    assert_eq!(find(&h, TimerKind::Topup).state, TimerState::Done);
    let log = plan.clone_log().drink("2026-06-10T17:29:59-04:00", 240);
    let h = run("2026-06-10T17:35:00-04:00", &log);
    assert_eq!(find(&h, TimerKind::Topup).state, TimerState::Due);
}

impl Log {
    fn clone_log(&self) -> Log {
        Log(self.0.clone())
    }
}

#[test]
fn a_plan_whose_preload_deadline_has_passed_is_overdue_and_points_to_the_topup() {
    let log = Log::default()
        .plan("2026-06-10T18:00:00-04:00", 60)
        .drink("2026-06-10T15:00:00-04:00", 200);
    let h = run("2026-06-10T16:45:00-04:00", &log);
    let p = find(&h, TimerKind::Preload);
    assert_eq!(p.state, TimerState::Overdue);
    assert_eq!(p.secs_left, Some(-45 * 60));
    assert_eq!(p.done_ml, 200);
    assert!(p.message.contains("passed"), "{}", p.message);
    assert!(p.message.contains("top-up from 17:30"), "{}", p.message);
    // It does not ask to drink the rest of the 20 oz at once.
    assert!(!p.message.contains("more"), "{}", p.message);
    assert_eq!(h.timers[0].kind, TimerKind::Preload, "overdue comes first");
}

#[test]
fn topup_is_upcoming_then_due_in_its_window_then_overdue() {
    let log = Log::default().plan("2026-06-10T18:00:00-04:00", 60);
    let topup = |now| find(&run(now, &log), TimerKind::Topup).clone();
    let up = topup("2026-06-10T17:00:00-04:00");
    assert_eq!(up.state, TimerState::Upcoming);
    assert_eq!(up.due, Some(t("2026-06-10T17:30:00-04:00")));
    assert!(up.message.contains("8-10 oz 17:30-17:40"), "{}", up.message);
    let due = topup("2026-06-10T17:30:00-04:00");
    assert_eq!(due.state, TimerState::Due);
    assert_eq!(due.secs_left, Some(600));
    let late = topup("2026-06-10T17:41:00-04:00");
    assert_eq!(late.state, TimerState::Overdue);
    // Once the plan's start passes, the pre-workout timers are gone.
    let h = run("2026-06-10T18:00:01-04:00", &log);
    assert!(all(&h, TimerKind::Topup).is_empty());
    assert!(all(&h, TimerKind::Preload).is_empty());
}

#[test]
fn a_plan_started_early_asks_for_no_preload_or_topup() {
    // A run planned at 08:00 for 18:00, then started at 13:00 (the TUI's
    // `w` offers today's plan to start at once).
    let plan = Log::default()
        .plan("2026-06-10T18:00:00-04:00", 60)
        .logged("2026-06-10T08:00:00-04:00");
    let started = plan.clone().workout(
        "2026-06-10T13:00:00-04:00",
        None,
        Intensity::Moderate,
        Heat::Mild,
    );
    let h = run("2026-06-10T13:10:00-04:00", &started);
    assert!(all(&h, TimerKind::Preload).is_empty(), "{:#?}", h.timers);
    assert!(all(&h, TimerKind::Topup).is_empty(), "{:#?}", h.timers);
    assert_eq!(
        all(&h, TimerKind::Sip).len(),
        1,
        "the run asks for its sips"
    );
    // A session of another activity, or one started before the plan was
    // made, leaves the plan's steps to come.
    let swim = plan.add(
        "2026-06-10T13:00:00-04:00",
        Body::Workout(Workout {
            activity: "swim".into(),
            end: Some(t("2026-06-10T13:40:00-04:00")),
            intensity: Intensity::Easy,
            heat: Heat::Cool,
            new: false,
            note: None,
        }),
    );
    let h = run("2026-06-10T13:50:00-04:00", &swim);
    assert_eq!(all(&h, TimerKind::Preload).len(), 1, "{:#?}", h.timers);
    let before_plan = Log::default()
        .workout(
            "2026-06-10T07:00:00-04:00",
            Some("2026-06-10T07:40:00-04:00"),
            Intensity::Easy,
            Heat::Mild,
        )
        .plan("2026-06-10T18:00:00-04:00", 60)
        .logged("2026-06-10T08:00:00-04:00");
    let h = run("2026-06-10T13:50:00-04:00", &before_plan);
    assert_eq!(all(&h, TimerKind::Preload).len(), 1, "{:#?}", h.timers);
    assert_eq!(all(&h, TimerKind::Topup).len(), 1, "{:#?}", h.timers);
}

/// Runs planned at 07:00 and 18:00 (both made the evening before): the
/// 06:30 run takes up the morning plan only, and the evening one still
/// asks for its pre-load.
#[test]
fn an_early_run_takes_up_the_next_plan_of_its_activity_not_every_one() {
    let log = Log::default()
        .plan("2026-06-10T07:00:00-04:00", 45)
        .logged("2026-06-09T20:00:00-04:00")
        .plan("2026-06-10T18:00:00-04:00", 60)
        .logged("2026-06-09T20:00:00-04:00")
        .workout(
            "2026-06-10T06:30:00-04:00",
            Some("2026-06-10T07:15:00-04:00"),
            Intensity::Moderate,
            Heat::Mild,
        );
    let h = run("2026-06-10T14:30:00-04:00", &log);
    let pre = all(&h, TimerKind::Preload);
    assert_eq!(pre.len(), 1, "{:#?}", h.timers);
    assert_eq!(pre[0].due, Some(t("2026-06-10T16:00:00-04:00")));
    assert_eq!(all(&h, TimerKind::Topup).len(), 1, "{:#?}", h.timers);
}

/// A workout logged as running for more than a day (never stopped, or
/// restored from a backup) asks for no sips and no sports drink: a warning
/// names it and says how to stop it.
#[test]
fn a_workout_running_for_more_than_a_day_asks_for_no_sips() {
    let log = Log::default().workout(
        "2026-06-09T07:00:00-04:00",
        None,
        Intensity::Hard,
        Heat::Hot,
    );
    let h = run("2026-06-10T13:00:00-04:00", &log);
    assert!(all(&h, TimerKind::Sip).is_empty(), "{:#?}", h.timers);
    assert!(
        all(&h, TimerKind::SportsDrink).is_empty(),
        "{:#?}",
        h.timers
    );
    assert_eq!(all(&h, TimerKind::Daily).len(), 1);
    assert!(
        h.warnings.iter().any(|w| w
            .starts_with("run is still logged as running since 2026-06-09 07:00, more than a day")),
        "{:?}",
        h.warnings
    );
    // Within the day, it is a session like any other.
    let h = run("2026-06-10T06:00:00-04:00", &log);
    assert_eq!(all(&h, TimerKind::Sip).len(), 1, "{:#?}", h.timers);
}

#[test]
fn two_plans_in_one_day_each_get_their_own_timers_in_due_order() {
    let log = Log::default()
        .plan("2026-06-10T18:00:00-04:00", 60)
        .plan("2026-06-10T09:00:00-04:00", 45);
    let h = run("2026-06-10T05:00:00-04:00", &log);
    let pre = all(&h, TimerKind::Preload);
    assert_eq!(pre.len(), 2);
    assert_eq!(pre[0].due, Some(t("2026-06-10T07:00:00-04:00")));
    assert_eq!(pre[0].state, TimerState::Open);
    assert_eq!(pre[1].due, Some(t("2026-06-10T16:00:00-04:00")));
    assert_eq!(pre[1].state, TimerState::Upcoming);
    assert_eq!(all(&h, TimerKind::Topup).len(), 2);
    // A drink for the morning plan does not count toward the evening one.
    let log = log.drink("2026-06-10T06:00:00-04:00", 600);
    let h = run("2026-06-10T06:30:00-04:00", &log);
    let pre = all(&h, TimerKind::Preload);
    let morning = pre.iter().find(|p| p.state == TimerState::Done).unwrap();
    assert_eq!(morning.due, Some(t("2026-06-10T07:00:00-04:00")));
    let evening = pre.iter().find(|p| p.state != TimerState::Done).unwrap();
    assert_eq!(evening.done_ml, 0);
}

#[test]
fn a_started_workout_takes_up_its_plan() {
    let log = Log::default()
        .plan("2026-06-10T18:00:00-04:00", 60)
        .workout(
            "2026-06-10T17:50:00-04:00",
            None,
            Intensity::Moderate,
            Heat::Mild,
        );
    let h = run("2026-06-10T17:55:00-04:00", &log);
    assert!(all(&h, TimerKind::Preload).is_empty());
    assert!(all(&h, TimerKind::Topup).is_empty());
    assert_eq!(find(&h, TimerKind::Sip).state, TimerState::Upcoming);
}

// ---- during ---------------------------------------------------------------

#[test]
fn a_workout_with_no_drinks_counts_sips_from_its_start() {
    // Hard: about 1000 ml/h of sweat, so by the first sip (20 min) more than
    // the 8-10 oz range is there to replace (tests/safety.rs covers the cap).
    let log = Log::default().workout(
        "2026-06-10T07:00:00-04:00",
        None,
        Intensity::Hard,
        Heat::Mild,
    );
    let sip = |now| find(&run(now, &log), TimerKind::Sip).clone();
    let s = sip("2026-06-10T07:03:20-04:00");
    assert_eq!(s.state, TimerState::Upcoming);
    assert_eq!(s.secs_left, Some(400));
    assert_eq!(s.message, "sip 8-10 oz in 6:40, to thirst");
    let s = sip("2026-06-10T07:10:00-04:00");
    assert_eq!(s.state, TimerState::Open);
    assert_eq!(s.due, Some(t("2026-06-10T07:20:00-04:00")));
    assert!(s.message.contains("to thirst"));
    let s = sip("2026-06-10T07:20:00-04:00");
    assert_eq!(s.state, TimerState::Due);
    assert_eq!(s.message, "sip 8-10 oz now, to thirst");
    let s = sip("2026-06-10T07:30:00-04:00");
    assert_eq!(s.state, TimerState::Overdue);
    assert_eq!(s.secs_left, Some(-600));

    let h = run("2026-06-10T07:32:00-04:00", &log);
    let w = h.workout.as_ref().unwrap();
    assert_eq!(w.activity, "run");
    assert_eq!(w.elapsed_secs, 32 * 60);
    assert_eq!(h.timers[0].kind, TimerKind::Sip, "the overdue sip leads");
    // The daily nudge keeps quiet while the sip timer speaks.
    assert_eq!(find(&h, TimerKind::Daily).state, TimerState::Active);
}

#[test]
fn each_drink_restarts_the_sip_clock_and_ml_users_see_ml() {
    let log = Log::default()
        .workout(
            "2026-06-10T07:00:00-04:00",
            None,
            Intensity::Hard,
            Heat::Mild,
        )
        .drink("2026-06-10T07:18:00-04:00", 250);
    let prefs = Prefs {
        unit: VolumeUnit::Ml,
        ..Prefs::default()
    };
    let h = run_with("2026-06-10T07:20:00-04:00", &log, &prefs);
    let s = find(&h, TimerKind::Sip);
    assert_eq!(s.state, TimerState::Upcoming);
    assert_eq!(s.due, Some(t("2026-06-10T07:28:00-04:00")));
    assert_eq!(s.message, "sip 237-296 ml in 8:00, to thirst");
}

#[test]
fn sports_drink_comes_at_60_minutes_or_from_the_start_when_hot_and_hard() {
    let mild = Log::default().workout(
        "2026-06-10T07:00:00-04:00",
        None,
        Intensity::Moderate,
        Heat::Mild,
    );
    let s = find(
        &run("2026-06-10T07:30:00-04:00", &mild),
        TimerKind::SportsDrink,
    )
    .clone();
    assert_eq!(s.state, TimerState::Upcoming);
    assert_eq!(s.due, Some(t("2026-06-10T08:00:00-04:00")));
    let s = find(
        &run("2026-06-10T08:00:00-04:00", &mild),
        TimerKind::SportsDrink,
    )
    .clone();
    assert_eq!(s.state, TimerState::Due);
    let mild = mild.drink_kind("2026-06-10T08:05:00-04:00", 250, DrinkKind::Sports);
    let s = find(
        &run("2026-06-10T08:06:00-04:00", &mild),
        TimerKind::SportsDrink,
    )
    .clone();
    assert_eq!(s.state, TimerState::Active);
    assert_eq!(s.done_ml, 250);

    let hot_hard = Log::default().workout(
        "2026-06-10T07:00:00-04:00",
        None,
        Intensity::Hard,
        Heat::Hot,
    );
    let s = find(
        &run("2026-06-10T07:01:00-04:00", &hot_hard),
        TimerKind::SportsDrink,
    )
    .clone();
    assert_eq!(s.state, TimerState::Due);
    // Hot but easy waits for the hour.
    let hot_easy = Log::default().workout(
        "2026-06-10T07:00:00-04:00",
        None,
        Intensity::Easy,
        Heat::Hot,
    );
    let s = find(
        &run("2026-06-10T07:01:00-04:00", &hot_easy),
        TimerKind::SportsDrink,
    )
    .clone();
    assert_eq!(s.state, TimerState::Upcoming);
}

#[test]
fn a_dst_change_inside_a_sip_window_counts_real_minutes() {
    // 1 Nov 2026: 02:00 EDT becomes 01:00 EST. Last drink 01:55 EDT (05:55Z);
    // the sip window opens 10 real minutes later, at 01:05 EST.
    let log = Log::default()
        .workout(
            "2026-11-01T01:30:00-04:00",
            None,
            Intensity::Moderate,
            Heat::Mild,
        )
        .drink("2026-11-01T01:55:00-04:00", 250);
    let h = run("2026-11-01T01:05:00-05:00", &log);
    let s = find(&h, TimerKind::Sip);
    assert_eq!(s.state, TimerState::Open);
    assert_eq!(s.secs_left, Some(600));
    let due = s.due.unwrap();
    assert_eq!(due.to_rfc3339(), "2026-11-01T01:15:00-05:00");
    assert_eq!(h.workout.as_ref().unwrap().elapsed_secs, 35 * 60);
}

#[test]
fn a_dst_change_inside_the_preload_window_keeps_two_real_hours() {
    // 8 Mar 2026: 02:00 EST becomes 03:00 EDT. A 04:00 EDT plan's pre-load
    // deadline is two real hours before: 01:00 EST, three hours on the clock.
    let log = Log::default().plan("2026-03-08T04:00:00-04:00", 60);
    let h = run("2026-03-08T00:30:00-05:00", &log);
    let p = find(&h, TimerKind::Preload);
    assert_eq!(p.state, TimerState::Open);
    assert_eq!(p.due.unwrap().to_rfc3339(), "2026-03-08T01:00:00-05:00");
    assert_eq!(p.secs_left, Some(1800));
    assert!(p.message.contains("by 01:00"), "{}", p.message);
}

// ---- after ----------------------------------------------------------------

#[test]
fn rehydrate_targets_125_to_15_litres_per_kg_lost() {
    let log = Log::default()
        .weight("2026-06-10T06:50:00-04:00", 70.0, WeighWhen::Before)
        .workout(
            "2026-06-10T07:00:00-04:00",
            Some("2026-06-10T08:00:00-04:00"),
            Intensity::Moderate,
            Heat::Mild,
        )
        .weight("2026-06-10T08:10:00-04:00", 69.2, WeighWhen::After)
        .drink("2026-06-10T08:30:00-04:00", 500);
    let h = run("2026-06-10T09:00:00-04:00", &log);
    let r = find(&h, TimerKind::Rehydrate);
    assert_eq!(r.state, TimerState::Open);
    assert_eq!(r.target_ml, Some(1000)); // 0.8 kg x 1250 ml
    assert_eq!(r.done_ml, 500);
    assert_eq!(r.due, Some(t("2026-06-10T12:00:00-04:00")));
    // What is left of 1000-1200 ml after the 500 drunk: 500-700 ml, rounded
    // down to whole oz (16.9 and 23.7).
    assert!(r.message.contains("16-23 oz by 12:00"), "{}", r.message);
    assert!(r.message.contains("electrolytes"), "{}", r.message);

    let log = log.drink("2026-06-10T09:30:00-04:00", 500);
    let h = run("2026-06-10T09:31:00-04:00", &log);
    assert_eq!(find(&h, TimerKind::Rehydrate).state, TimerState::Done);
    // After the spread hours it is gone.
    let h = run("2026-06-10T12:00:00-04:00", &log);
    assert!(all(&h, TimerKind::Rehydrate).is_empty());
}

#[test]
fn rehydrate_without_weights_is_to_thirst_with_no_target() {
    let log = Log::default().workout(
        "2026-06-10T07:00:00-04:00",
        Some("2026-06-10T07:40:00-04:00"),
        Intensity::Easy,
        Heat::Cool,
    );
    let h = run("2026-06-10T08:00:00-04:00", &log);
    let r = find(&h, TimerKind::Rehydrate);
    assert_eq!(r.state, TimerState::Active);
    assert_eq!(r.target_ml, None);
    assert!(r.message.contains("to thirst"), "{}", r.message);
    // Easy, short and cool: no cramp-prone window.
    assert!(all(&h, TimerKind::CrampWindow).is_empty());
}

#[test]
fn the_cramp_window_runs_6_to_8_hours_after_a_hard_long_or_hot_session() {
    let hard = Log::default().workout(
        "2026-06-10T11:00:00-04:00",
        Some("2026-06-10T11:30:00-04:00"),
        Intensity::Hard,
        Heat::Mild,
    );
    let c = find(
        &run("2026-06-10T15:00:00-04:00", &hard),
        TimerKind::CrampWindow,
    )
    .clone();
    assert_eq!(c.state, TimerState::Upcoming);
    assert_eq!(c.due, Some(t("2026-06-10T17:30:00-04:00")));
    assert!(c.message.contains("heuristic"), "{}", c.message);
    let c = find(
        &run("2026-06-10T17:30:00-04:00", &hard),
        TimerKind::CrampWindow,
    )
    .clone();
    assert_eq!(c.state, TimerState::Active);
    assert_eq!(c.due, Some(t("2026-06-10T19:30:00-04:00")));
    assert!(!c.message.contains("drink"), "{}", c.message);
    let h = run("2026-06-10T19:30:00-04:00", &hard);
    assert!(all(&h, TimerKind::CrampWindow).is_empty());

    let session = |end: &str, heat| {
        Log::default().workout(
            "2026-06-10T10:00:00-04:00",
            Some(end),
            Intensity::Easy,
            heat,
        )
    };
    // Exactly 60 minutes is long; 59 is not.
    let h = run(
        "2026-06-10T12:00:00-04:00",
        &session("2026-06-10T11:00:00-04:00", Heat::Mild),
    );
    assert_eq!(all(&h, TimerKind::CrampWindow).len(), 1);
    let h = run(
        "2026-06-10T12:00:00-04:00",
        &session("2026-06-10T10:59:00-04:00", Heat::Mild),
    );
    assert!(all(&h, TimerKind::CrampWindow).is_empty());
    let h = run(
        "2026-06-10T12:00:00-04:00",
        &session("2026-06-10T10:20:00-04:00", Heat::Hot),
    );
    assert_eq!(all(&h, TimerKind::CrampWindow).len(), 1);
}

// ---- daily ----------------------------------------------------------------

#[test]
fn the_daily_nudge_comes_after_three_waking_hours_without_a_drink() {
    let log = Log::default().drink("2026-06-10T09:00:00-04:00", 300);
    let d = find(&run("2026-06-10T11:59:59-04:00", &log), TimerKind::Daily).clone();
    assert_eq!(d.state, TimerState::Upcoming);
    assert_eq!(d.due, Some(t("2026-06-10T12:00:00-04:00")));
    assert_eq!(d.done_ml, 300);
    assert_eq!(d.target_ml, Some(1893));
    assert_eq!(
        d.message,
        "a nudge to drink at 12:00 if nothing is logged · 10/64 oz today"
    );
    assert_eq!(d.short(), "drink nudge in 0:01");
    let d = find(&run("2026-06-10T12:00:00-04:00", &log), TimerKind::Daily).clone();
    assert_eq!(d.state, TimerState::Due);
    assert!(d.message.contains("no drink for 3:00:00"), "{}", d.message);

    // Nothing yet today: the count starts on waking (07:00), not at the day start.
    let empty = Log::default();
    let d = find(&run("2026-06-10T09:00:00-04:00", &empty), TimerKind::Daily).clone();
    assert_eq!(d.state, TimerState::Upcoming);
    assert_eq!(d.due, Some(t("2026-06-10T10:00:00-04:00")));
    // No nudge at night.
    let d = find(&run("2026-06-10T23:00:00-04:00", &log), TimerKind::Daily).clone();
    assert_eq!(d.state, TimerState::Active);
    assert_eq!(d.due, None);
    let d = find(&run("2026-06-11T02:00:00-04:00", &log), TimerKind::Daily).clone();
    assert_eq!(d.state, TimerState::Active);
}

#[test]
fn yesterdays_drinks_do_not_count_today_and_the_goal_met_is_done() {
    // The day starts at 04:00: a 03:00 drink belongs to the day before.
    let log = Log::default()
        .drink("2026-06-10T03:00:00-04:00", 1000)
        .drink("2026-06-10T08:00:00-04:00", 1000);
    let h = run("2026-06-10T09:00:00-04:00", &log);
    assert_eq!(h.intake_today_ml, 1000);
    let log = log.drink("2026-06-10T08:30:00-04:00", 900);
    let h = run("2026-06-10T12:00:00-04:00", &log);
    assert_eq!(h.intake_today_ml, 1900);
    let d = find(&h, TimerKind::Daily);
    assert_eq!(d.state, TimerState::Done);
    assert_eq!(d.message, "daily goal met: 64/64 oz today");
}

// ---- safety ---------------------------------------------------------------

fn workout_with_drinks(mls: &[(&str, u32)]) -> Log {
    let mut log =
        Log::default().workout("2026-06-10T07:00:00-04:00", None, Intensity::Max, Heat::Hot);
    for (at, ml) in mls {
        log = log.drink(at, *ml);
    }
    log
}

#[test]
fn below_the_hourly_limit_timers_still_ask() {
    // A max, hot 2 h session: sweat estimate far above intake.
    let log = workout_with_drinks(&[
        ("2026-06-10T08:10:00-04:00", 600),
        ("2026-06-10T08:30:00-04:00", 599),
    ]);
    let h = run("2026-06-10T08:55:00-04:00", &log);
    assert_eq!(h.last_hour_ml, 1199);
    let s = find(&h, TimerKind::Sip);
    // 1 ml of room is nothing worth asking for: the sip waits for the hour
    // to make room again, with no warning yet (1199 < 1200).
    assert!(s.is_paused(), "{s:?}");
    assert_eq!(s.ask, None);
    assert!(h.warnings.is_empty(), "{:?}", h.warnings);

    // 900 ml in the hour: room for 300 ml, about 10 oz, so the range stands...
    let log = workout_with_drinks(&[("2026-06-10T08:30:00-04:00", 900)]);
    let h = run("2026-06-10T08:55:00-04:00", &log);
    assert_eq!(
        find(&h, TimerKind::Sip).message,
        "sip 8-10 oz now, to thirst"
    );
    // ...with 1000 ml, it is capped at the 200 ml left: 6 oz (6.8 rounded
    // down; 7 oz would be 207 ml, past the limit).
    let log = workout_with_drinks(&[("2026-06-10T08:30:00-04:00", 1000)]);
    let h = run("2026-06-10T08:55:00-04:00", &log);
    let s = find(&h, TimerKind::Sip);
    assert_eq!(s.message, "sip up to 6 oz now, to thirst");
    assert_eq!(s.ask.map(|a| a.max_ml), Some(200));
}

#[test]
fn at_the_hourly_limit_no_timer_asks_for_more() {
    let log = workout_with_drinks(&[
        ("2026-06-10T08:10:00-04:00", 600),
        ("2026-06-10T08:30:00-04:00", 600),
    ])
    .plan("2026-06-10T18:00:00-04:00", 60);
    let h = run("2026-06-10T09:00:00-04:00", &log);
    assert_eq!(h.last_hour_ml, 1200);
    let s = find(&h, TimerKind::Sip);
    assert!(s.is_paused(), "{s:?}");
    assert_eq!(s.state, TimerState::Upcoming, "{s:?}");
    // Resumes once the 08:10 drink leaves the hour.
    assert_eq!(s.due, Some(self::t("2026-06-10T09:10:00-04:00")));
    assert!(s.message.contains("(safe limit 41 oz/h)"), "{}", s.message);
    assert_eq!(s.short(), "sip paused");
    // The cap belongs to its hour: the evening plan's pre-load (14:00-16:00)
    // is hours away and still asks for its 20 oz.
    let p = find(&h, TimerKind::Preload);
    assert!(!p.is_paused(), "{p:?}");
    assert_eq!(p.message, "pre-load about 20 oz by 16:00 for run at 18:00");
    assert!(
        h.warnings.iter().any(|w| w.contains("hyponatremia")),
        "{:?}",
        h.warnings
    );
    // Not urgent: nothing paused sorts before the rest.
    assert!(
        !matches!(
            h.timers[0].state,
            TimerState::Due | TimerState::Overdue | TimerState::Open
        ),
        "{:?}",
        h.timers[0]
    );
    // One hour after the first drink left, prompts come back.
    let h = run("2026-06-10T09:10:00-04:00", &log);
    assert_eq!(h.last_hour_ml, 600);
    assert!(!find(&h, TimerKind::Sip).is_paused());
}

#[test]
fn drinking_past_the_sessions_estimated_sweat_loss_warns_and_stops_sip_prompts() {
    // Easy, cool, 30 min: about 200 ml of sweat estimated.
    let log = Log::default()
        .workout(
            "2026-06-10T07:00:00-04:00",
            None,
            Intensity::Easy,
            Heat::Cool,
        )
        .drink("2026-06-10T07:05:00-04:00", 300)
        .drink("2026-06-10T07:20:00-04:00", 300);
    let h = run("2026-06-10T07:30:00-04:00", &log);
    assert_eq!(h.warnings.len(), 1, "{:?}", h.warnings);
    assert!(h.warnings[0].contains("sweat loss"), "{}", h.warnings[0]);
    assert!(h.warnings[0].contains("hyponatremia"), "{}", h.warnings[0]);
    let s = find(&h, TimerKind::Sip);
    assert_eq!(s.state, TimerState::Active);
    assert!(s.message.contains("to thirst only"), "{}", s.message);

    // One sip at the start never warns, and in the heat the estimate is larger.
    let one = Log::default()
        .workout(
            "2026-06-10T07:00:00-04:00",
            None,
            Intensity::Easy,
            Heat::Cool,
        )
        .drink("2026-06-10T07:01:00-04:00", 296);
    assert!(run("2026-06-10T07:05:00-04:00", &one).warnings.is_empty());
    // Hard and hot for 30 min: about 650 ml estimated, 600 drunk: no warning.
    let hot = Log::default()
        .workout(
            "2026-06-10T07:00:00-04:00",
            None,
            Intensity::Hard,
            Heat::Hot,
        )
        .drink("2026-06-10T07:05:00-04:00", 300)
        .drink("2026-06-10T07:20:00-04:00", 300);
    assert!(run("2026-06-10T07:30:00-04:00", &hot).warnings.is_empty());
}

#[test]
fn weight_above_before_after_a_session_warns_and_equal_does_not() {
    let pair = |before_kg, after_kg| {
        Log::default()
            .weight("2026-06-10T06:50:00-04:00", before_kg, WeighWhen::Before)
            .workout(
                "2026-06-10T07:00:00-04:00",
                Some("2026-06-10T08:00:00-04:00"),
                Intensity::Moderate,
                Heat::Mild,
            )
            .weight("2026-06-10T08:05:00-04:00", after_kg, WeighWhen::After)
    };
    let base = |after_kg| pair(70.0, after_kg);
    let h = run("2026-06-10T09:00:00-04:00", &base(70.4));
    assert_eq!(h.warnings.len(), 1, "{:?}", h.warnings);
    // Weighed in kg (70.0 is a whole number of kg), said in kg, though the
    // drinks are in oz.
    assert!(
        h.warnings[0].contains("0.4 kg above before"),
        "{}",
        h.warnings[0]
    );
    assert!(h.warnings[0].contains("hyponatremia"));
    // No loss means no rehydration target either.
    assert_eq!(find(&h, TimerKind::Rehydrate).target_ml, None);
    let h = run("2026-06-10T09:00:00-04:00", &base(70.0));
    assert!(h.warnings.is_empty(), "{:?}", h.warnings);
    // Weighed in lb (154 and 155 lb), said in lb.
    let lb = crampwatch::domain::entry::KG_PER_LB;
    let h = run("2026-06-10T09:00:00-04:00", &pair(154.0 * lb, 155.0 * lb));
    assert!(
        h.warnings[0].contains("1.0 lb above before"),
        "{}",
        h.warnings[0]
    );
}

#[test]
fn a_cramp_never_turns_into_drink_more() {
    let base = Log::default()
        .workout(
            "2026-06-10T07:00:00-04:00",
            Some("2026-06-10T08:30:00-04:00"),
            Intensity::Hard,
            Heat::Hot,
        )
        .drink("2026-06-10T09:00:00-04:00", 300);
    let cramp = |ctx| {
        Body::Cramp(Cramp {
            muscle: Muscle::Calf,
            side: None,
            severity: Some(9),
            duration_s: Some(900),
            context: Some(ctx),
            symptoms: Symptoms::default(),
            relief: vec![],
            note: None,
            muscle_name: None,
        })
    };
    let with = base
        .clone_log()
        .add("2026-06-10T08:00:00-04:00", cramp(CrampContext::During))
        .add("2026-06-10T09:30:00-04:00", cramp(CrampContext::After));
    for now in ["2026-06-10T09:45:00-04:00", "2026-06-10T15:00:00-04:00"] {
        let a = run(now, &base);
        let b = run(now, &with);
        assert_eq!(a, b, "a cramp changed the timers at {now}");
    }
}

#[test]
fn most_urgent_first_due_overdue_open_upcoming_then_active_and_done() {
    // 17:45: top-up overdue (closed 17:40, undrunk) for 18:00; pre-load done;
    // an evening plan's pre-load upcoming; the cramp window of a hard
    // morning session active; the daily nudge due (no drink since 13:00).
    let log = Log::default()
        .workout(
            "2026-06-10T09:00:00-04:00",
            Some("2026-06-10T10:00:00-04:00"),
            Intensity::Hard,
            Heat::Mild,
        )
        .plan("2026-06-10T18:00:00-04:00", 60)
        .plan("2026-06-11T08:00:00-04:00", 60)
        .drink("2026-06-10T14:00:00-04:00", 600);
    let h = run("2026-06-10T17:45:00-04:00", &log);
    let got: Vec<_> = h.timers.iter().map(|t| (t.kind, t.state)).collect();
    let rank = |s: TimerState| match s {
        TimerState::Due => 0,
        TimerState::Overdue => 1,
        TimerState::Open => 2,
        TimerState::Upcoming => 3,
        TimerState::Active => 4,
        TimerState::Done => 5,
    };
    let ranks: Vec<_> = got.iter().map(|(_, s)| rank(*s)).collect();
    let mut sorted = ranks.clone();
    sorted.sort();
    assert_eq!(ranks, sorted, "{got:?}");
    // What is due now leads: the daily nudge, then the closed top-up.
    assert_eq!(got[0], (TimerKind::Daily, TimerState::Due), "{got:?}");
    assert_eq!(got[1], (TimerKind::Topup, TimerState::Overdue), "{got:?}");
    assert!(
        got.contains(&(TimerKind::Preload, TimerState::Done)),
        "{got:?}"
    );
    assert!(
        got.contains(&(TimerKind::CrampWindow, TimerState::Active)),
        "{got:?}"
    );
    assert!(
        got.contains(&(TimerKind::Daily, TimerState::Due)),
        "{got:?}"
    );
    // Two upcoming timers come in due order.
    let ups: Vec<_> = h
        .timers
        .iter()
        .filter(|t| t.state == TimerState::Upcoming)
        .map(|t| t.due.unwrap())
        .collect();
    assert!(ups.windows(2).all(|w| w[0] <= w[1]), "{ups:?}");
}

// ---- properties -----------------------------------------------------------

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn rank(s: TimerState) -> u8 {
        match s {
            TimerState::Due => 0,
            TimerState::Overdue => 1,
            TimerState::Open => 2,
            TimerState::Upcoming => 3,
            TimerState::Active => 4,
            TimerState::Done => 5,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Whatever was drunk, once the last hour reaches the limit the sip
        /// asks for nothing more (tests/safety.rs holds the whole invariant
        /// for every timer); the order is always most urgent first; and a
        /// cramp never changes a timer.
        #[test]
        fn the_safety_limit_and_the_order_always_hold(
            drinks in prop::collection::vec((0i64..240, 30u32..1000), 0..14),
            workout_ago in prop::option::of(5i64..150),
            plan_in in prop::option::of(10i64..600),
            cramp_ago in 0i64..240,
        ) {
            let now = ny("2026-06-10T12:00:00-04:00");
            let ago = |m: i64| (now - chrono::Duration::minutes(m)).fixed_offset().to_rfc3339();
            let mut log = Log::default();
            if let Some(w) = workout_ago {
                log = log.workout(&ago(w), None, Intensity::Hard, Heat::Hot);
            }
            if let Some(p) = plan_in {
                log = log.plan(&ago(-p), 60);
            }
            for (m, ml) in &drinks {
                log = log.drink(&ago(*m), *ml);
            }
            let r = rules();
            let h = timers(&now, &log.history(), &r, &Prefs::default());
            if h.last_hour_ml >= r.safety.max_ml_per_hour {
                for t in &h.timers {
                    // The sip's window is under an hour: nothing is asked for
                    // now (tests/safety.rs checks every timer's window).
                    if t.kind == TimerKind::Sip
                        && matches!(t.state, TimerState::Due | TimerState::Open)
                    {
                        prop_assert_eq!(t.ask, None, "{:?}", t);
                    }
                }
                prop_assert!(!h.warnings.is_empty());
            }
            let ranks: Vec<_> = h.timers.iter().map(|t| rank(t.state)).collect();
            prop_assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "{ranks:?}");

            let with_cramp = log.clone_log().add(
                &ago(cramp_ago),
                Body::Cramp(Cramp {
                    muscle: Muscle::Calf,
                    side: None,
                    severity: Some(8),
                    duration_s: Some(60),
                    context: None,
                    symptoms: Symptoms::default(),
                    relief: vec![],
                    note: None,
                    muscle_name: None,
                }),
            );
            let h2 = timers(&now, &with_cramp.history(), &r, &Prefs::default());
            prop_assert_eq!(h, h2);
        }
    }
}
