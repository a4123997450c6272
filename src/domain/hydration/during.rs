//! While a workout runs: sips to thirst and the switch to a sports drink.

use super::context::{Ctx, mins};
use super::limit::NoAsk;
use super::{Timer, TimerKind, TimerState, countdown};
use crate::domain::entry::{Body, DrinkKind, Heat, Time, Workout};
use crate::domain::history::Entry;
use chrono::TimeZone;

pub(super) fn during_timers<Tz: TimeZone>(
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
    out.push(sip_timer(cx, workout, w, over_sweat));
    out.push(sports_drink_timer(cx, workout.at, w));
}

/// Sip: the clock restarts at each drink.
fn sip_timer<Tz: TimeZone>(
    cx: &Ctx<'_, Tz>,
    workout: &Entry,
    w: &Workout,
    over_sweat: bool,
) -> Timer
where
    Tz::Offset: Copy,
{
    let r = cx.rules;
    let d = &r.during;
    let start = workout.at;
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
    // Never more than the sweat still to replace: the session's estimated
    // loss by the time the sip is due (at the user's own rate when known),
    // less what was drunk since the start.
    let drunk = cx.ml_in(start, cx.now);
    let id = workout.id.as_str();
    let sweat = cx.sweat_between(id, w.intensity, w.heat, start, due.max(cx.now));
    let left_to_replace = sweat.saturating_sub(drunk);
    let (lo, hi, whose) = sip_range(cx, id);
    let asked = if over_sweat {
        Err(NoAsk::Replaced)
    } else {
        cx.ask(lo, hi, opens, due, left_to_replace)
    };
    let (state, when, msg) = match asked {
        Err(NoAsk::Replaced) => (
            TimerState::Active,
            None,
            format!(
                "sip to thirst only: you have drunk about this session's estimated sweat loss so far ({})",
                cx.vol(cx.sweat_between(id, w.intensity, w.heat, start, cx.now))
            ),
        ),
        Err(NoAsk::HourlyLimit) => {
            let (resume, msg) = cx.paused_message("sip");
            (TimerState::Upcoming, Some(resume), msg)
        }
        Ok(a) => {
            let amount = cx.ask_text(&a);
            let no_drink = if last_drink.is_none() {
                "no drink yet"
            } else {
                "no drink"
            };
            let times = SipTimes {
                opens,
                due,
                overdue,
                last,
            };
            sip_state(cx, &times, &amount, &whose, no_drink)
        }
    };
    cx.timer(
        TimerKind::Sip,
        state,
        when,
        Some(d.max_ml),
        drunk,
        msg,
        &d.source,
    )
    .with_ask(asked.ok())
}

/// The sip itself, low and high, and whose rate it is: the guideline's
/// 8-10 oz, or with enough sweat tests in this heat band, the user's rate
/// over the 10-20 min between sips (shown as ` (your rate ...)`).
fn sip_range<Tz: TimeZone>(cx: &Ctx<'_, Tz>, workout_id: &str) -> (u32, u32, String)
where
    Tz::Offset: Copy,
{
    let d = &cx.rules.during;
    let max_h = cx.rules.safety.max_ml_per_hour;
    match cx.personal_for(workout_id) {
        Some(p) => (
            p.sip_ml(d.opens_after_min, max_h),
            p.sip_ml(d.due_after_min, max_h),
            format!(" ({})", p.describe()),
        ),
        None => (d.min_ml, d.max_ml, String::new()),
    }
}

/// When the sip opens, is due and overdue, and the last drink it counts from.
struct SipTimes {
    opens: Time,
    due: Time,
    overdue: Time,
    last: Time,
}

/// The sip's state, time and words once an amount is asked.
fn sip_state<Tz: TimeZone>(
    cx: &Ctx<'_, Tz>,
    t: &SipTimes,
    amount: &str,
    whose: &str,
    no_drink: &str,
) -> (TimerState, Option<Time>, String)
where
    Tz::Offset: Copy,
{
    let left = |at: Time| countdown((at - cx.now).num_seconds());
    if cx.now < t.opens {
        (
            TimerState::Upcoming,
            Some(t.opens),
            format!("sip {amount} in {}, to thirst{whose}", left(t.opens)),
        )
    } else if cx.now < t.due {
        (
            TimerState::Open,
            Some(t.due),
            format!("sip {amount} within {}, to thirst{whose}", left(t.due)),
        )
    } else if cx.now < t.overdue {
        (
            TimerState::Due,
            Some(t.due),
            format!("sip {amount} now, to thirst{whose}"),
        )
    } else {
        (
            TimerState::Overdue,
            Some(t.due),
            format!(
                "sip {amount}, to thirst ({no_drink} for {}){whose}",
                countdown((cx.now - t.last).num_seconds())
            ),
        )
    }
}

/// Sports drink: past about an hour, or from the start when hot and hard.
fn sports_drink_timer<Tz: TimeZone>(cx: &Ctx<'_, Tz>, start: Time, w: &Workout) -> Timer
where
    Tz::Offset: Copy,
{
    let (r, d) = (cx.rules, &cx.rules.during);
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
    } else if cx.now >= from + mins(d.due_after_min)
        || cx.allowance(cx.now, cx.now) < super::MIN_ASK_ML
    {
        // Said once as due; after that it is standing advice, and the sip
        // countdown leads again.
        (
            TimerState::Active,
            None,
            "sports drink rather than water from now on, to thirst".to_string(),
        )
    } else {
        (
            TimerState::Due,
            Some(from),
            "switch to a sports drink (carbs + electrolytes), to thirst".to_string(),
        )
    };
    cx.timer(
        TimerKind::SportsDrink,
        state,
        due,
        None,
        sports,
        msg,
        &s.source,
    )
}
