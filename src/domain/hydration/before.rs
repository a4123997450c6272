//! Before a planned workout: the pre-load and the top-up.

use super::context::{Ctx, hours, mins};
use super::limit::{Ask, NoAsk};
use super::{Timer, TimerKind, TimerState, preload_deadline};
use crate::domain::day::day_of;
use crate::domain::entry::{Body, Time};
use crate::domain::history::{Entry, History};
use crate::domain::rules::Rules;
use chrono::{Duration, NaiveDate, TimeZone};

/// Plans whose start is ahead (within a day) and that no started workout has taken up.
fn pending_plans<'h, Tz: TimeZone>(cx: &Ctx<'_, Tz>, history: &'h History) -> Vec<&'h Entry>
where
    Tz::Offset: Copy,
{
    let horizon = cx.now + Duration::days(1);
    let day = |t: &Time| day_of(t, &cx.tz, cx.day_start_hour);
    history
        .entries
        .iter()
        .filter(|e| matches!(e.body, Body::Plan(_)) && e.at > cx.now && e.at <= horizon)
        .filter(|p| !taken_up(p, history, &cx.now, cx.rules, day))
        .collect()
}

/// Whether a workout started by `now` has taken `plan` up: one started at
/// or after the plan's pre-load deadline, whatever its activity, or one of
/// the plan's activity started early, on the plan's day (`day` gives a
/// moment's day), after the plan was made, with no other plan of that
/// activity between them (a morning run takes up the 07:00 plan, not the
/// 18:00 one too): the TUI's `w` offers today's plan to start at once. Its
/// pre-load and top-up are then not asked for.
pub fn taken_up(
    plan: &Entry,
    history: &History,
    now: &Time,
    rules: &Rules,
    day: impl Fn(&Time) -> NaiveDate,
) -> bool {
    let Body::Plan(p) = &plan.body else {
        return false;
    };
    let deadline = preload_deadline(&plan.at, rules);
    let plan_day = day(&plan.at);
    history.entries.iter().any(|w| {
        let Body::Workout(x) = &w.body else {
            return false;
        };
        let early = x.activity.eq_ignore_ascii_case(&p.activity)
            && w.at >= plan.logged
            && day(&w.at) == plan_day
            && first_plan_after(history, &p.activity, &w.at, &day) == Some(plan.at);
        w.at <= *now && (w.at >= deadline || early)
    })
}

/// When the first plan of `activity` at or after `t`, on `t`'s day, starts.
fn first_plan_after(
    history: &History,
    activity: &str,
    t: &Time,
    day: &impl Fn(&Time) -> NaiveDate,
) -> Option<Time> {
    let on = day(t);
    history
        .entries
        .iter()
        .filter(|e| matches!(&e.body, Body::Plan(q) if q.activity.eq_ignore_ascii_case(activity)))
        .filter(|e| e.at >= *t && day(&e.at) == on)
        .map(|e| e.at)
        .min()
}

pub(super) fn plan_timers<Tz: TimeZone>(cx: &Ctx<'_, Tz>, history: &History, out: &mut Vec<Timer>)
where
    Tz::Offset: Copy,
{
    for plan in pending_plans(cx, history) {
        let Body::Plan(p) = &plan.body else { continue };
        out.push(preload(cx, &p.activity, plan.at));
        out.push(topup(cx, plan.at));
    }
}

/// Pre-load: drinks in the window before the deadline count toward it.
fn preload<Tz: TimeZone>(cx: &Ctx<'_, Tz>, activity: &str, start: Time) -> Timer
where
    Tz::Offset: Copy,
{
    let r = cx.rules;
    let deadline = preload_deadline(&start, r);
    let opens = deadline - hours(r.preload.window_hours);
    let target = r.preload.target_ml;
    let done = cx.ml_in(opens, deadline);
    let by = cx.hhmm(deadline);
    let left = target.saturating_sub(done);
    let topup_opens = start - mins(r.topup.opens_min_before);
    let mut ask = None;
    let (state, due, msg) = if done >= target {
        (
            TimerState::Done,
            Some(deadline),
            format!("pre-load done: {} by {by}", cx.vol(done)),
        )
    } else if cx.now > deadline {
        // Past its deadline the pre-load is history: once the top-up window
        // opens, the top-up is the step that is due, so this one steps back.
        let state = if cx.now >= topup_opens {
            TimerState::Active
        } else {
            TimerState::Overdue
        };
        (
            state,
            Some(deadline),
            format!(
                "pre-load deadline {by} passed ({}/{}); top-up from {}, to thirst",
                cx.num(done),
                cx.vol(target),
                cx.at_or_now(topup_opens)
            ),
        )
    } else {
        match cx.ask(left, left, opens, deadline, left) {
            Ok(a) => {
                ask = Some(a);
                let w = PreloadWindow {
                    start,
                    opens,
                    deadline,
                    done,
                };
                preload_asked(cx, &a, activity, &w)
            }
            Err(NoAsk::Replaced) => (
                TimerState::Done,
                Some(deadline),
                format!("pre-load done: {} by {by}", cx.vol(done)),
            ),
            Err(NoAsk::HourlyLimit) => {
                let (resume, msg) = cx.paused_message("pre-load");
                (TimerState::Upcoming, Some(resume), msg)
            }
        }
    };
    cx.timer(
        TimerKind::Preload,
        state,
        due,
        Some(target),
        done,
        msg,
        &r.preload.source,
    )
    .with_ask(ask)
}

/// The pre-load's window, and what was drunk in it so far.
struct PreloadWindow {
    start: Time,
    opens: Time,
    deadline: Time,
    done: u32,
}

/// The pre-load's state, time and words once an amount is asked.
fn preload_asked<Tz: TimeZone>(
    cx: &Ctx<'_, Tz>,
    a: &Ask,
    activity: &str,
    w: &PreloadWindow,
) -> (TimerState, Option<Time>, String)
where
    Tz::Offset: Copy,
{
    let by = cx.hhmm(w.deadline);
    let amount = cx.ask_text(a);
    if cx.now < w.opens {
        let amount = if a.capped {
            amount
        } else {
            format!("about {amount}")
        };
        (
            TimerState::Upcoming,
            Some(w.deadline),
            format!(
                "pre-load {amount} by {by} for {activity} at {}",
                cx.hhmm(w.start)
            ),
        )
    } else {
        (
            TimerState::Open,
            Some(w.deadline),
            format!(
                "pre-load {amount} more by {by} ({}/{})",
                cx.num(w.done),
                cx.vol(cx.rules.preload.target_ml)
            ),
        )
    }
}

/// Top-up: a short window just before the start.
fn topup<Tz: TimeZone>(cx: &Ctx<'_, Tz>, start: Time) -> Timer
where
    Tz::Offset: Copy,
{
    let t = &cx.rules.topup;
    let opens = start - mins(t.opens_min_before);
    let closes = start - mins(t.closes_min_before);
    let done = cx.ml_in(opens, closes);
    let mut ask = None;
    let (state, due, msg) = if done >= t.min_ml {
        (
            TimerState::Done,
            Some(closes),
            format!("top-up done: {}", cx.vol(done)),
        )
    } else if cx.now > closes {
        (
            TimerState::Overdue,
            Some(closes),
            format!(
                "top-up window closed at {}; drink to thirst before {}",
                cx.hhmm(closes),
                cx.hhmm(start)
            ),
        )
    } else {
        let (lo, hi) = (t.min_ml - done, t.max_ml.saturating_sub(done));
        match cx.ask(lo, hi, opens, closes, hi) {
            Ok(a) => {
                ask = Some(a);
                let amount = cx.ask_text(&a);
                if cx.now < opens {
                    (
                        TimerState::Upcoming,
                        Some(opens),
                        format!("top-up {amount} {}-{}", cx.hhmm(opens), cx.hhmm(closes)),
                    )
                } else {
                    (
                        TimerState::Due,
                        Some(closes),
                        format!("top-up {amount} now, by {}", cx.hhmm(closes)),
                    )
                }
            }
            Err(NoAsk::Replaced) => (
                TimerState::Done,
                Some(closes),
                format!("top-up done: {}", cx.vol(done)),
            ),
            Err(NoAsk::HourlyLimit) => {
                let (resume, msg) = cx.paused_message("top-up");
                (TimerState::Upcoming, Some(resume), msg)
            }
        }
    };
    cx.timer(
        TimerKind::Topup,
        state,
        due,
        Some(t.max_ml),
        done,
        msg,
        &t.source,
    )
    .with_ask(ask)
}
