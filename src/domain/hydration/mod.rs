//! Hydration timers: what to drink, by when, given now.
//!
//! [`timers`] is a pure function of now, the history, the rules and the
//! settings. Every number comes from [`Rules`] (`assets/guidelines.toml`).
//! Safety comes first and is always on: once intake in the last hour reaches
//! what the gut absorbs, every timer that asks for a drink is paused; drinking
//! past a session's estimated sweat loss, or gaining weight over a session,
//! raises a warning; and a cramp never turns into "drink more" on its own
//! (cramps are not read here at all).

mod after;
mod before;
pub use before::taken_up;
mod context;
mod daily;
mod during;
mod limit;
mod safety;

pub use limit::{Ask, MIN_ASK_ML};

use super::day::today_bounds;
use super::entry::{Body, Time, VolumeUnit};
use super::history::History;
use super::prefs::Prefs;
use super::rules::Rules;
use super::sweat::PersonalRate;
use chrono::{DateTime, TimeZone};
use context::{Ctx, hours};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimerKind {
    Preload,
    Topup,
    Sip,
    SportsDrink,
    Rehydrate,
    CrampWindow,
    Daily,
}

impl TimerKind {
    /// The name shown to people, e.g. `pre-load`.
    pub fn label(self) -> &'static str {
        match self {
            TimerKind::Preload => "pre-load",
            TimerKind::Topup => "top-up",
            TimerKind::Sip => "sip",
            TimerKind::SportsDrink => "sports drink",
            TimerKind::Rehydrate => "rehydrate",
            TimerKind::CrampWindow => "cramp window",
            TimerKind::Daily => "daily",
        }
    }

    /// True for timers that ask for a drink (and so pause at the safety limit).
    pub fn asks_to_drink(self) -> bool {
        !matches!(self, TimerKind::CrampWindow)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimerState {
    /// Not yet: `due` is when it opens (or, when paused, when it resumes).
    Upcoming,
    /// Its window is open: `due` is when it closes.
    Open,
    /// Now.
    Due,
    /// Past its time and not done.
    Overdue,
    Done,
    /// Running with no deadline to meet (a window in progress, a session's guidance).
    Active,
}

impl TimerState {
    /// Sort rank: what is due now first (due, then overdue), then open,
    /// upcoming, active, done.
    pub fn rank(self) -> u8 {
        match self {
            TimerState::Due => 0,
            TimerState::Overdue => 1,
            TimerState::Open => 2,
            TimerState::Upcoming => 3,
            TimerState::Active => 4,
            TimerState::Done => 5,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Timer {
    pub kind: TimerKind,
    pub state: TimerState,
    /// In now's time zone.
    pub due: Option<Time>,
    /// `due - now` in seconds (negative once past).
    pub secs_left: Option<i64>,
    pub target_ml: Option<u32>,
    pub done_ml: u32,
    /// Short, in the display unit: `sip 8-10 oz in 6:40, to thirst`.
    pub message: String,
    /// The key of the rule's source in `Rules::sources` (expand with `Rules::source`).
    pub source: String,
    /// What this timer asks the user to drink, and by when; every amount in
    /// `message` comes from it, and it always obeys the safety invariant.
    pub ask: Option<Ask>,
}

impl Timer {
    pub(crate) fn with_ask(mut self, ask: Option<Ask>) -> Timer {
        self.ask = ask;
        self
    }

    /// True when the safety limit paused this timer.
    pub fn is_paused(&self) -> bool {
        self.message.contains(PAUSED)
    }

    /// A compact form for a status line: `sip in 6:40`, `sip due`, `pre-load 3:10 left`.
    pub fn short(&self) -> String {
        let label = self.kind.label();
        if self.is_paused() {
            return format!("{label} paused");
        }
        let left = self.secs_left.map(countdown);
        if self.kind == TimerKind::Daily {
            return match (self.state, left) {
                (TimerState::Upcoming, Some(l)) => format!("drink nudge in {l}"),
                (TimerState::Due | TimerState::Overdue, _) => "time for a drink".to_string(),
                (TimerState::Done, _) => "daily goal met".to_string(),
                _ => "daily intake".to_string(),
            };
        }
        match (self.state, left) {
            (TimerState::Upcoming, Some(l)) => format!("{label} in {l}"),
            (TimerState::Open, Some(l)) => format!("{label} {l} left"),
            (TimerState::Due, _) => format!("{label} due"),
            (TimerState::Overdue, _) => format!("{label} overdue"),
            (TimerState::Done, _) => format!("{label} done"),
            (TimerState::Active, Some(l)) => format!("{label} {l} left"),
            _ => label.to_string(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hydration {
    /// Most urgent first.
    pub timers: Vec<Timer>,
    pub warnings: Vec<String>,
    pub intake_today_ml: u32,
    pub goal_ml: u32,
    pub last_hour_ml: u32,
    pub workout: Option<RunningWorkout>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RunningWorkout {
    pub entry_id: String,
    pub activity: String,
    pub started: Time,
    pub elapsed_secs: i64,
}

const PAUSED: &str = "paused:";

/// Every warning about drinking too much ends with this.
pub const OVERDRINKING: &str = "overdrinking can cause hyponatremia";

impl Hydration {
    /// The warnings about drinking past the hourly limit or past a session's
    /// sweat (as opposed to those about weights).
    pub fn overdrinking_warnings(&self) -> impl Iterator<Item = &String> {
        self.warnings.iter().filter(|w| w.ends_with(OVERDRINKING))
    }
}

/// `6:40`, `1:02:03`; negative values count up (`-2:10`).
pub fn countdown(secs: i64) -> String {
    let sign = if secs < 0 { "-" } else { "" };
    let s = secs.unsigned_abs();
    let (h, m, s) = (s / 3600, (s % 3600) / 60, s % 60);
    if h > 0 {
        format!("{sign}{h}:{m:02}:{s:02}")
    } else {
        format!("{sign}{m}:{s:02}")
    }
}

/// When a plan's pre-load should be drunk by: its start less `preload.hours_before`.
pub fn preload_deadline(start: &Time, rules: &Rules) -> Time {
    *start - hours(rules.preload.hours_before)
}

/// Millilitres rounded to a whole number of `unit`, so messages stay short.
pub fn whole(unit: VolumeUnit, ml: u32) -> f64 {
    (ml as f64 / unit.ml()).round() * unit.ml()
}

/// Millilitres rounded down to a whole number of `unit`. Ounces get a
/// millilitre of slack, so 591 ml still reads as 20 oz (591.5 ml) and
/// 295 ml as 10 oz: what an ask names never exceeds what was checked by
/// more than 1 ml.
pub fn whole_floor(unit: VolumeUnit, ml: u32) -> f64 {
    let slack = if unit == VolumeUnit::Ml { 0.0 } else { 1.0 };
    ((ml as f64 + slack) / unit.ml()).floor() * unit.ml()
}

/// Every hydration timer that applies at `now`, most urgent first, with the
/// safety warnings and today's intake. A running workout's sips follow the
/// user's own sweat rate when the history holds enough sweat tests in its
/// heat band (`sweat::personal_rate`), the guideline's otherwise.
pub fn timers<Tz: TimeZone>(
    now: &DateTime<Tz>,
    history: &History,
    rules: &Rules,
    prefs: &Prefs,
) -> Hydration
where
    Tz::Offset: Copy,
{
    let personal = history
        .running_workout()
        .and_then(|e| match &e.body {
            Body::Workout(w) => Some(w),
            _ => None,
        })
        .and_then(|w| {
            let at = now.fixed_offset();
            super::sweat::personal_rate(history, rules, &at, w.heat, w.intensity)
        });
    timers_with(now, history, rules, prefs, personal)
}

/// The warning for a workout still logged as running a day or more after
/// it started.
fn stale_workout<Tz: TimeZone>(cx: &Ctx<'_, Tz>, e: &super::history::Entry) -> String
where
    Tz::Offset: Copy,
{
    let activity = match &e.body {
        Body::Workout(w) => w.activity.as_str(),
        _ => "workout",
    };
    format!(
        "{activity} is still logged as running since {}, more than a day: no sips are asked for; stop it with 'crampwatch workout stop --at TIME'",
        cx.local(e.at).format("%Y-%m-%d %H:%M")
    )
}

/// What is due now first, then soonest; within one state, a plan's or a
/// session's own step comes before the general daily nudge.
fn timer_order(a: &Timer, b: &Timer) -> std::cmp::Ordering {
    a.state
        .rank()
        .cmp(&b.state.rank())
        .then_with(|| (a.kind == TimerKind::Daily).cmp(&(b.kind == TimerKind::Daily)))
        .then_with(|| match (a.due, b.due) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        })
        .then_with(|| a.kind.cmp(&b.kind))
}

/// [`timers`] with the running workout's personal sweat rate given (for a
/// caller that read the sweat tests from more of the journal than `history`).
pub fn timers_with<Tz: TimeZone>(
    now: &DateTime<Tz>,
    history: &History,
    rules: &Rules,
    prefs: &Prefs,
    personal: Option<PersonalRate>,
) -> Hydration
where
    Tz::Offset: Copy,
{
    let drinks = history
        .entries
        .iter()
        .filter_map(|e| match &e.body {
            Body::Drink(d) => Some((e.at, d.ml, d.kind)),
            _ => None,
        })
        .collect();
    // The workout running now, if any (one started later is not yet).
    let started = history
        .running_workout()
        .filter(|e| e.at <= now.fixed_offset());
    let cx = Ctx {
        now: now.fixed_offset(),
        tz: now.timezone(),
        day_start_hour: prefs.day_start_hour,
        rules,
        unit: prefs.unit,
        mass: crate::domain::mass::display_unit(
            prefs.weight_unit,
            crate::domain::mass::first_weighing(history),
            prefs.unit,
        ),
        drinks,
        personal: started.zip(personal).map(|(e, r)| (e.id.clone(), r)),
    };
    let (day_from, day_to) = today_bounds(now, prefs.day_start_hour);
    let intake_today_ml = cx.ml_in(day_from, day_to);
    let last_hour_ml = cx.hour_before(cx.now);

    let running = started.map(|e| RunningWorkout {
        entry_id: e.id.clone(),
        activity: match &e.body {
            Body::Workout(w) => w.activity.clone(),
            _ => String::new(),
        },
        started: cx.local(e.at),
        elapsed_secs: (cx.now - e.at).num_seconds(),
    });

    let mut timers = Vec::new();
    let mut warnings = Vec::new();
    // The gut's hourly limit first: where there is room for one warning,
    // it is the one shown.
    safety::hourly_warning(&cx, last_hour_ml, &mut warnings);
    before::plan_timers(&cx, history, &mut timers);
    let over_sweat = safety::session_warnings(&cx, history, day_from, &mut warnings);
    // A workout logged as running for longer than any session lasts (never
    // stopped, or restored from a backup) asks for no sips: it is named, with
    // how to stop it.
    let longest = chrono::Duration::hours(crate::domain::check::MAX_WORKOUT_HOURS);
    let live = started.filter(|e| cx.now - e.at <= longest);
    if let Some(e) = live {
        during::during_timers(&cx, e, over_sweat.contains(&e.id), &mut timers);
    } else if let Some(e) = started {
        warnings.push(stale_workout(&cx, e));
    }
    after::after_timers(&cx, history, &mut timers, &mut warnings);
    timers.push(daily::daily_timer(
        &cx,
        intake_today_ml,
        prefs.goal_ml,
        live.is_some(),
    ));

    timers.sort_by(timer_order);

    Hydration {
        timers,
        warnings,
        intake_today_ml,
        goal_ml: prefs.goal_ml,
        last_hour_ml,
        workout: running,
    }
}
