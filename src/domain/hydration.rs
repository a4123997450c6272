//! Hydration timers: what to drink, by when, given now.
//!
//! [`timers`] is a pure function of now, the history, the rules and the
//! settings. Every number comes from [`Rules`] (`assets/guidelines.toml`).
//! Safety comes first and is always on: once intake in the last hour reaches
//! what the gut absorbs, every timer that asks for a drink is paused; drinking
//! past a session's estimated sweat loss, or gaining weight over a session,
//! raises a warning; and a cramp never turns into "drink more" on its own
//! (cramps are not read here at all).

use super::day::{day_of, day_start, today_bounds};
use super::entry::{Body, DrinkKind, Heat, Intensity, Time, VolumeUnit, WeighWhen};
use super::history::{Entry, History};
use super::prefs::Prefs;
use super::rules::Rules;
use chrono::{DateTime, Duration, TimeZone};
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
    /// Sort rank: overdue, due, open, upcoming, active, done.
    fn rank(self) -> u8 {
        match self {
            TimerState::Overdue => 0,
            TimerState::Due => 1,
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
}

impl Timer {
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

fn hours(h: f64) -> Duration {
    Duration::seconds((h * 3600.0).round() as i64)
}

fn mins(m: u32) -> Duration {
    Duration::minutes(m as i64)
}

/// Millilitres rounded to a whole number of `unit`, so messages stay short.
pub fn whole(unit: VolumeUnit, ml: u32) -> f64 {
    (ml as f64 / unit.ml()).round() * unit.ml()
}

/// `8-10 oz`, `237-296 ml`.
fn range(unit: VolumeUnit, lo: u32, hi: u32) -> String {
    let (a, b) = (unit.number(whole(unit, lo)), unit.number(whole(unit, hi)));
    if a == b {
        unit.format(whole(unit, lo))
    } else {
        format!("{a}-{b} {}", unit.label())
    }
}

/// Everything `timers` works from, computed once.
struct Ctx<'a, Tz: TimeZone> {
    now: Time,
    tz: Tz,
    rules: &'a Rules,
    unit: VolumeUnit,
    drinks: Vec<(Time, u32, DrinkKind)>,
}

impl<Tz: TimeZone> Ctx<'_, Tz>
where
    Tz::Offset: Copy,
{
    /// Millilitres drunk in `[from, to]`, never counting the future.
    fn ml_in(&self, from: Time, to: Time) -> u32 {
        let to = to.min(self.now);
        self.drinks
            .iter()
            .filter(|(t, _, _)| *t >= from && *t <= to)
            .map(|(_, ml, _)| ml)
            .sum()
    }

    /// Millilitres in the hour up to `t`: `(t - 1 h, t]`.
    fn hour_before(&self, t: Time) -> u32 {
        let from = t - Duration::hours(1);
        self.drinks
            .iter()
            .filter(|(d, _, _)| *d > from && *d <= t && *d <= self.now)
            .map(|(_, ml, _)| ml)
            .sum()
    }

    /// An amount to drink now, `8-10 oz`, or `up to 5 oz` when the range
    /// would take the last hour's intake past the safe limit.
    fn ask(&self, lo: u32, hi: u32) -> String {
        let room = self
            .rules
            .safety
            .max_ml_per_hour
            .saturating_sub(self.hour_before(self.now));
        if room >= hi {
            range(self.unit, lo, hi)
        } else if whole(self.unit, room) > 0.0 {
            format!("up to {}", self.vol(room))
        } else {
            "a mouthful at most".to_string()
        }
    }

    fn local(&self, t: Time) -> Time {
        t.with_timezone(&self.tz).fixed_offset()
    }

    fn hhmm(&self, t: Time) -> String {
        self.local(t).format("%H:%M").to_string()
    }

    fn vol(&self, ml: u32) -> String {
        self.unit.format(whole(self.unit, ml))
    }

    /// The number alone, in whole units.
    fn num(&self, ml: u32) -> String {
        self.unit.number(whole(self.unit, ml))
    }

    #[allow(clippy::too_many_arguments)] // one field each, called from every rule
    fn timer(
        &self,
        kind: TimerKind,
        state: TimerState,
        due: Option<Time>,
        target_ml: Option<u32>,
        done_ml: u32,
        message: String,
        source: &str,
    ) -> Timer {
        Timer {
            kind,
            state,
            due: due.map(|d| self.local(d)),
            secs_left: due.map(|d| (d - self.now).num_seconds()),
            target_ml,
            done_ml,
            message,
            source: source.to_string(),
        }
    }
}

/// Every hydration timer that applies at `now`, most urgent first, with the
/// safety warnings and today's intake.
pub fn timers<Tz: TimeZone>(
    now: &DateTime<Tz>,
    history: &History,
    rules: &Rules,
    prefs: &Prefs,
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
    let cx = Ctx {
        now: now.fixed_offset(),
        tz: now.timezone(),
        rules,
        unit: prefs.unit,
        drinks,
    };
    let (day_from, day_to) = today_bounds(now, prefs.day_start_hour);
    let intake_today_ml = cx.ml_in(day_from, day_to);
    let last_hour_ml = cx.hour_before(cx.now);

    let running = history
        .running_workout()
        .filter(|e| e.at <= cx.now)
        .map(|e| RunningWorkout {
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
    plan_timers(&cx, history, &mut timers);
    let over_sweat = session_warnings(&cx, history, day_from, &mut warnings);
    if let Some(e) = history.running_workout().filter(|e| e.at <= cx.now) {
        during_timers(&cx, e, over_sweat.contains(&e.id), &mut timers);
    }
    after_timers(&cx, history, &mut timers);
    timers.push(daily_timer(
        &cx,
        intake_today_ml,
        prefs.goal_ml,
        running.is_some(),
    ));

    let max = rules.safety.max_ml_per_hour;
    if last_hour_ml >= max {
        let resume = resume_time(&cx, max);
        for t in timers.iter_mut() {
            if t.kind.asks_to_drink() && !matches!(t.state, TimerState::Done) {
                *t = cx.timer(
                    t.kind,
                    TimerState::Upcoming,
                    Some(resume),
                    t.target_ml,
                    t.done_ml,
                    format!(
                        "{} {PAUSED} {} in the last hour (safe limit {}/h); resumes {}",
                        t.kind.label(),
                        cx.vol(last_hour_ml),
                        cx.vol(max),
                        cx.hhmm(resume)
                    ),
                    &rules.safety.source,
                );
            }
        }
        warnings.push(format!(
            "{} in the last hour is past what the gut absorbs (about {}/h): drink only to thirst; overdrinking can cause hyponatremia",
            cx.vol(last_hour_ml),
            cx.vol(max)
        ));
    }

    timers.sort_by(|a, b| {
        a.state
            .rank()
            .cmp(&b.state.rank())
            .then_with(|| match (a.due, b.due) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            })
            .then_with(|| a.kind.cmp(&b.kind))
    });

    Hydration {
        timers,
        warnings,
        intake_today_ml,
        goal_ml: prefs.goal_ml,
        last_hour_ml,
        workout: running,
    }
}

/// The first moment after now when the last hour's intake drops below `max`.
fn resume_time<Tz: TimeZone>(cx: &Ctx<'_, Tz>, max: u32) -> Time
where
    Tz::Offset: Copy,
{
    // The sum only drops when a drink leaves the window, one hour after it.
    let mut exits: Vec<Time> = cx
        .drinks
        .iter()
        .map(|(t, _, _)| *t + Duration::hours(1))
        .filter(|t| *t > cx.now)
        .collect();
    exits.sort();
    exits
        .into_iter()
        .find(|t| cx.hour_before(*t) < max)
        .unwrap_or(cx.now + Duration::hours(1))
}

/// Plans whose start is ahead (within a day) and that no started workout has taken up.
fn pending_plans<'h, Tz: TimeZone>(cx: &Ctx<'_, Tz>, history: &'h History) -> Vec<&'h Entry>
where
    Tz::Offset: Copy,
{
    let horizon = cx.now + Duration::days(1);
    history
        .entries
        .iter()
        .filter(|e| matches!(e.body, Body::Plan(_)) && e.at > cx.now && e.at <= horizon)
        .filter(|p| {
            let earliest = preload_deadline(&p.at, cx.rules);
            !history
                .entries
                .iter()
                .any(|w| matches!(w.body, Body::Workout(_)) && w.at >= earliest && w.at <= cx.now)
        })
        .collect()
}

fn plan_timers<Tz: TimeZone>(cx: &Ctx<'_, Tz>, history: &History, out: &mut Vec<Timer>)
where
    Tz::Offset: Copy,
{
    let r = cx.rules;
    for plan in pending_plans(cx, history) {
        let Body::Plan(p) = &plan.body else { continue };
        let start = plan.at;

        // Pre-load: drinks in the window before the deadline count toward it.
        let deadline = preload_deadline(&start, r);
        let opens = deadline - hours(r.preload.window_hours);
        let target = r.preload.target_ml;
        let done = cx.ml_in(opens, deadline);
        let by = cx.hhmm(deadline);
        let (state, msg) = if done >= target {
            (
                TimerState::Done,
                format!("pre-load done: {} by {by}", cx.vol(done)),
            )
        } else if cx.now < opens {
            (
                TimerState::Upcoming,
                format!(
                    "pre-load about {} by {by} for {} at {}",
                    cx.vol(target),
                    p.activity,
                    cx.hhmm(start)
                ),
            )
        } else if cx.now <= deadline {
            (
                TimerState::Open,
                format!(
                    "pre-load {} more by {by} ({}/{})",
                    cx.vol(target - done),
                    cx.num(done),
                    cx.vol(target)
                ),
            )
        } else {
            (
                TimerState::Overdue,
                format!(
                    "pre-load deadline {by} passed ({}/{}); top-up from {}, to thirst",
                    cx.num(done),
                    cx.vol(target),
                    cx.hhmm(start - mins(r.topup.opens_min_before))
                ),
            )
        };
        out.push(cx.timer(
            TimerKind::Preload,
            state,
            Some(deadline),
            Some(target),
            done,
            msg,
            &r.preload.source,
        ));

        // Top-up: a short window just before the start.
        let t = &r.topup;
        let opens = start - mins(t.opens_min_before);
        let closes = start - mins(t.closes_min_before);
        let done = cx.ml_in(opens, closes);
        let amount = cx.ask(t.min_ml, t.max_ml);
        let (state, due, msg) = if done >= t.min_ml {
            (
                TimerState::Done,
                Some(closes),
                format!("top-up done: {}", cx.vol(done)),
            )
        } else if cx.now < opens {
            (
                TimerState::Upcoming,
                Some(opens),
                format!("top-up {amount} {}-{}", cx.hhmm(opens), cx.hhmm(closes)),
            )
        } else if cx.now <= closes {
            (
                TimerState::Due,
                Some(closes),
                format!("top-up {amount} now, by {}", cx.hhmm(closes)),
            )
        } else {
            (
                TimerState::Overdue,
                Some(closes),
                format!(
                    "top-up window closed at {}; drink to thirst before {}",
                    cx.hhmm(closes),
                    cx.hhmm(start)
                ),
            )
        };
        out.push(cx.timer(
            TimerKind::Topup,
            state,
            due,
            Some(t.max_ml),
            done,
            msg,
            &t.source,
        ));
    }
}

/// Estimated sweat loss of a session lasting `secs`, in ml.
fn sweat_ml(rules: &Rules, intensity: Intensity, heat: Heat, secs: i64) -> u32 {
    let s = &rules.safety;
    let per_hour = match intensity {
        Intensity::Easy => s.sweat_ml_per_hour_easy,
        Intensity::Moderate => s.sweat_ml_per_hour_moderate,
        Intensity::Hard => s.sweat_ml_per_hour_hard,
        Intensity::Max => s.sweat_ml_per_hour_max,
    } as f64;
    let factor = if heat == Heat::Hot { s.hot_factor } else { 1.0 };
    (per_hour * factor * secs.max(0) as f64 / 3600.0).round() as u32
}

/// Weights taken before and after a session, if both were logged.
fn session_weights(history: &History, rules: &Rules, start: Time, end: Time) -> Option<(f64, f64)> {
    let within = hours(rules.after.weigh_within_hours);
    let mut before = None;
    let mut after = None;
    for e in &history.entries {
        let Body::Weight(w) = &e.body else { continue };
        let is_before = w.when != Some(WeighWhen::After) && e.at <= start && e.at >= start - within;
        let is_after = w.when != Some(WeighWhen::Before) && e.at >= end && e.at <= end + within;
        if is_before {
            before = Some(w.kg); // the latest before the start
        }
        if is_after && after.is_none() {
            after = Some(w.kg); // the first after the end
        }
    }
    Some((before?, after?))
}

/// Warnings for today's sessions (and the running one); returns the ids of
/// sessions whose intake is past their estimated sweat loss.
fn session_warnings<Tz: TimeZone>(
    cx: &Ctx<'_, Tz>,
    history: &History,
    day_from: Time,
    warnings: &mut Vec<String>,
) -> Vec<String>
where
    Tz::Offset: Copy,
{
    let mut over = Vec::new();
    for e in &history.entries {
        let Body::Workout(w) = &e.body else { continue };
        if e.at > cx.now {
            continue;
        }
        let end = w.end.unwrap_or(cx.now).min(cx.now);
        if end < day_from {
            continue;
        }
        let drunk = cx.ml_in(e.at, end);
        let sweat = sweat_ml(cx.rules, w.intensity, w.heat, (end - e.at).num_seconds());
        // A single sip never warns: the estimate starts at zero.
        if drunk > sweat && drunk > cx.rules.during.max_ml {
            over.push(e.id.clone());
            warnings.push(format!(
                "{} drunk during {} is more than its estimated sweat loss (about {}): drink only to thirst; overdrinking can cause hyponatremia",
                cx.vol(drunk),
                w.activity,
                cx.vol(sweat)
            ));
        }
        if let Some(wend) = w.end
            && let Some((before, after)) = session_weights(history, cx.rules, e.at, wend)
            && after > before
        {
            warnings.push(format!(
                "weight after {} is {} above before: you drank more than you sweated; overdrinking can cause hyponatremia",
                w.activity,
                cx.unit.format_mass(after - before)
            ));
        }
    }
    over
}

fn during_timers<Tz: TimeZone>(
    cx: &Ctx<'_, Tz>,
    workout: &Entry,
    over_sweat: bool,
    out: &mut Vec<Timer>,
) where
    Tz::Offset: Copy,
{
    let Body::Workout(w) = &workout.body else {
        return;
    };
    let r = cx.rules;
    let d = &r.during;
    let start = workout.at;
    let amount = cx.ask(d.min_ml, d.max_ml);

    // Sip: the clock restarts at each drink.
    let last_drink = cx
        .drinks
        .iter()
        .filter(|(t, _, _)| *t >= start && *t <= cx.now)
        .map(|(t, _, _)| *t)
        .max();
    let last = last_drink.unwrap_or(start);
    let opens = last + mins(d.opens_after_min);
    let due = last + mins(d.due_after_min);
    let overdue = due + mins(d.due_after_min - d.opens_after_min);
    let left = |t: Time| countdown((t - cx.now).num_seconds());
    let (state, when, msg) = if over_sweat {
        (
            TimerState::Active,
            None,
            "sip to thirst only: intake is past this session's estimated sweat loss".to_string(),
        )
    } else if cx.now < opens {
        (
            TimerState::Upcoming,
            Some(opens),
            format!("sip {amount} in {}, to thirst", left(opens)),
        )
    } else if cx.now < due {
        (
            TimerState::Open,
            Some(due),
            format!("sip {amount} within {}, to thirst", left(due)),
        )
    } else if cx.now < overdue {
        (
            TimerState::Due,
            Some(due),
            format!("sip {amount} now, to thirst"),
        )
    } else {
        (
            TimerState::Overdue,
            Some(due),
            format!(
                "sip {amount}, to thirst ({} for {})",
                if last_drink.is_none() {
                    "no drink yet"
                } else {
                    "no drink"
                },
                countdown((cx.now - last).num_seconds())
            ),
        )
    };
    out.push(cx.timer(
        TimerKind::Sip,
        state,
        when,
        Some(d.max_ml),
        0,
        msg,
        &d.source,
    ));

    // Sports drink: past about an hour, or from the start when hot and hard.
    let s = &r.sports_drink;
    let from = if s.from_start_when_hot_and_hard && w.heat == Heat::Hot && w.intensity.is_hard() {
        start
    } else {
        start + mins(s.after_min)
    };
    let sports: u32 = cx
        .drinks
        .iter()
        .filter(|(t, _, k)| {
            *t >= start && *t <= cx.now && matches!(k, DrinkKind::Sports | DrinkKind::Electrolyte)
        })
        .map(|(_, ml, _)| ml)
        .sum();
    let (state, due, msg) = if cx.now < from {
        (
            TimerState::Upcoming,
            Some(from),
            format!("sports drink from {} (carbs + electrolytes)", cx.hhmm(from)),
        )
    } else if sports > 0 {
        (
            TimerState::Active,
            None,
            "sports drink for the rest of the session, to thirst".to_string(),
        )
    } else {
        (
            TimerState::Due,
            Some(from),
            "switch to a sports drink (carbs + electrolytes), to thirst".to_string(),
        )
    };
    out.push(cx.timer(
        TimerKind::SportsDrink,
        state,
        due,
        None,
        sports,
        msg,
        &s.source,
    ));
}

/// Rehydration and the cramp-prone window after finished sessions.
fn after_timers<Tz: TimeZone>(cx: &Ctx<'_, Tz>, history: &History, out: &mut Vec<Timer>)
where
    Tz::Offset: Copy,
{
    let r = cx.rules;
    let latest = history
        .entries
        .iter()
        .filter(|e| matches!(&e.body, Body::Workout(w) if w.end.is_some_and(|end| end <= cx.now)))
        .max_by_key(|e| match &e.body {
            Body::Workout(w) => w.end,
            _ => None,
        });
    if let Some(e) = latest
        && let Body::Workout(w) = &e.body
        && let Some(end) = w.end
    {
        let until = end + hours(r.after.spread_hours);
        if cx.now < until {
            let done = cx.ml_in(end, until);
            let by = cx.hhmm(until);
            let timer = match session_weights(history, r, e.at, end) {
                Some((before, after)) if before > after => {
                    let lost = before - after;
                    let lo = (lost * r.after.ml_per_kg_min as f64).round() as u32;
                    let hi = (lost * r.after.ml_per_kg_max as f64).round() as u32;
                    let state = if done >= lo {
                        TimerState::Done
                    } else {
                        TimerState::Open
                    };
                    let msg = if state == TimerState::Done {
                        format!("rehydrated: {} since {}", cx.vol(done), w.activity)
                    } else {
                        format!(
                            "rehydrate {} by {by}, with electrolytes ({} lost; {}/{})",
                            range(cx.unit, lo, hi),
                            cx.unit.format_mass(lost),
                            cx.num(done),
                            cx.vol(lo)
                        )
                    };
                    cx.timer(
                        TimerKind::Rehydrate,
                        state,
                        Some(until),
                        Some(lo),
                        done,
                        msg,
                        &r.after.source,
                    )
                }
                _ => cx.timer(
                    TimerKind::Rehydrate,
                    TimerState::Active,
                    Some(until),
                    None,
                    done,
                    format!("rehydrate to thirst with electrolytes until {by}"),
                    &r.after.source,
                ),
            };
            out.push(timer);
        }
    }

    // The cramp-prone window, a heuristic: after each hard, long or hot session.
    let c = &r.cramp_window;
    for e in &history.entries {
        let Body::Workout(w) = &e.body else { continue };
        let Some(end) = w.end else { continue };
        if end > cx.now {
            continue;
        }
        let long = (end - e.at) >= mins(c.long_session_min);
        if !(w.intensity.is_hard() || long || w.heat == Heat::Hot) {
            continue;
        }
        let peak = end + hours(c.peak_from_hours);
        let until = end + hours(c.hours);
        if cx.now >= until {
            continue;
        }
        let (state, due, msg) = if cx.now < peak {
            (
                TimerState::Upcoming,
                Some(peak),
                format!(
                    "cramp-prone window {}-{} after {} (a heuristic)",
                    cx.hhmm(peak),
                    cx.hhmm(until),
                    w.activity
                ),
            )
        } else {
            (
                TimerState::Active,
                Some(until),
                format!(
                    "cramp-prone window until {} (a heuristic): stretch if a muscle tightens",
                    cx.hhmm(until)
                ),
            )
        };
        out.push(cx.timer(TimerKind::CrampWindow, state, due, None, 0, msg, &c.source));
    }
}

/// Today's intake against the goal, with a nudge after hours awake without a
/// drink (none while a workout runs: the sip timer speaks then).
fn daily_timer<Tz: TimeZone>(cx: &Ctx<'_, Tz>, intake: u32, goal: u32, in_workout: bool) -> Timer
where
    Tz::Offset: Copy,
{
    let d = &cx.rules.daily;
    let so_far = format!("{}/{} today", cx.num(intake), cx.vol(goal));
    let make = |state, due, msg| {
        cx.timer(
            TimerKind::Daily,
            state,
            due,
            Some(goal),
            intake,
            msg,
            &d.source,
        )
    };
    if intake >= goal {
        return make(TimerState::Done, None, format!("daily goal met: {so_far}"));
    }
    // Waking hours run from quiet_until_hour to quiet_from_hour (local clock).
    let wake_day = day_of(&cx.now, &cx.tz, d.quiet_until_hour);
    let woke = day_start(wake_day, &cx.tz, d.quiet_until_hour);
    let sleep_day = if d.quiet_from_hour > d.quiet_until_hour {
        wake_day
    } else {
        wake_day.succ_opt().unwrap_or(wake_day)
    };
    let sleep = day_start(sleep_day, &cx.tz, d.quiet_from_hour);
    if cx.now >= sleep || in_workout {
        return make(TimerState::Active, None, so_far);
    }
    let last = cx
        .drinks
        .iter()
        .filter(|(t, _, _)| *t <= cx.now)
        .map(|(t, _, _)| *t)
        .max();
    let from = last.map_or(woke, |l| l.max(woke));
    let nudge = from + hours(d.nudge_after_hours);
    if nudge >= sleep {
        make(TimerState::Active, None, so_far)
    } else if cx.now < nudge {
        make(TimerState::Upcoming, Some(nudge), so_far)
    } else {
        let dry = countdown((cx.now - from).num_seconds());
        make(
            TimerState::Due,
            Some(nudge),
            format!("no drink for {dry}: time for one · {so_far}"),
        )
    }
}
