//! The day: intake against the goal and a nudge after waking hours without a drink.

use super::context::{Ctx, hours};
use super::{Timer, TimerKind, TimerState, countdown};
use crate::domain::day::{day_of, day_start};
use chrono::TimeZone;

/// Today's intake against the goal, with a nudge after hours awake without a
/// drink (none while a workout runs: the sip timer speaks then).
pub(super) fn daily_timer<Tz: TimeZone>(
    cx: &Ctx<'_, Tz>,
    intake: u32,
    goal: u32,
    in_workout: bool,
) -> Timer
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
        make(
            TimerState::Upcoming,
            Some(nudge),
            format!(
                "a nudge to drink at {} if nothing is logged · {so_far}",
                cx.hhmm(nudge)
            ),
        )
    } else {
        let dry = countdown((cx.now - from).num_seconds());
        make(
            TimerState::Due,
            Some(nudge),
            format!("no drink for {dry}: time for one · {so_far}"),
        )
    }
}
