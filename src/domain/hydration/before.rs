//! Before a planned workout: the pre-load and the top-up.

use super::context::{Ctx, hours, mins};
use super::{Timer, TimerKind, TimerState, preload_deadline};
use crate::domain::entry::Body;
use crate::domain::history::{Entry, History};
use chrono::{Duration, TimeZone};

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

pub(super) fn plan_timers<Tz: TimeZone>(cx: &Ctx<'_, Tz>, history: &History, out: &mut Vec<Timer>)
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
