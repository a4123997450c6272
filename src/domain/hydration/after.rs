//! After a session: rehydration and the cramp-prone window (a heuristic).

use super::context::{Ctx, hours};
use super::limit::NoAsk;
use super::safety::{Weighed, session_weights};
use super::{Timer, TimerKind, TimerState};
use crate::domain::context::{minutes_between, opens_cramp_window};
use crate::domain::entry::{Body, Time};
use crate::domain::history::History;
use chrono::{Duration, TimeZone};

/// Rehydration and the cramp-prone window after finished sessions.
pub(super) fn after_timers<Tz: TimeZone>(
    cx: &Ctx<'_, Tz>,
    history: &History,
    out: &mut Vec<Timer>,
    warnings: &mut Vec<String>,
) where
    Tz::Offset: Copy,
{
    out.extend(rehydrate_timer(cx, history, warnings));
    cramp_window_timers(cx, history, out);
}

/// Rehydration after the latest finished session: measured when it was
/// weighed before and after, to thirst otherwise.
fn rehydrate_timer<Tz: TimeZone>(
    cx: &Ctx<'_, Tz>,
    history: &History,
    warnings: &mut Vec<String>,
) -> Option<Timer>
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
        let measured =
            session_weights(history, r, e.at, end).filter(|p| p.plausible && p.before > p.after);
        match measured {
            Some(p) => rehydrate(cx, &w.activity, end, p, warnings),
            None => {
                let until = end + hours(r.after.spread_hours);
                (cx.now < until).then(|| {
                    cx.timer(
                        TimerKind::Rehydrate,
                        TimerState::Active,
                        Some(until),
                        None,
                        cx.ml_in(end, cx.now),
                        format!(
                            "rehydrate to thirst with electrolytes until {}",
                            cx.hhmm(until)
                        ),
                        &r.after.source,
                    )
                })
            }
        }
    } else {
        None
    }
}

/// The cramp-prone window, a heuristic: after each hard, long or hot session.
fn cramp_window_timers<Tz: TimeZone>(cx: &Ctx<'_, Tz>, history: &History, out: &mut Vec<Timer>)
where
    Tz::Offset: Copy,
{
    let c = &cx.rules.cramp_window;
    for e in &history.entries {
        let Body::Workout(w) = &e.body else { continue };
        let Some(end) = w.end else { continue };
        if end > cx.now {
            continue;
        }
        if !opens_cramp_window(w, minutes_between(&e.at, &end), c) {
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

/// The measured target after a session: 1.25-1.5 l per kg lost, less what
/// was drunk since, spread so that no hour asks for more than the safe rate.
fn rehydrate<Tz: TimeZone>(
    cx: &Ctx<'_, Tz>,
    activity: &str,
    end: Time,
    p: Weighed,
    warnings: &mut Vec<String>,
) -> Option<Timer>
where
    Tz::Offset: Copy,
{
    let a = &cx.rules.after;
    let last = end + hours(a.max_spread_hours);
    if cx.now >= last {
        return None;
    }
    let measured = p.before - p.after;
    let most = p.before * a.max_loss_share;
    if measured > most {
        warnings.push(format!(
            "you lost {} over {activity}, {:.1}% of your body mass: that is a lot. Drink steadily, with electrolytes, and get medical advice if you feel unwell",
            cx.mass.format(measured),
            measured / p.before * 100.0
        ));
    }
    let lost = measured.min(most);
    let lo = (lost * a.ml_per_kg_min as f64).round() as u32;
    let hi = (lost * a.ml_per_kg_max as f64).round() as u32;
    let done = cx.ml_in(end, cx.now);
    let base_until = end + hours(a.spread_hours);
    let make = |state, due, msg| {
        cx.timer(
            TimerKind::Rehydrate,
            state,
            Some(due),
            Some(lo),
            done,
            msg,
            &a.source,
        )
    };
    let rehydrated = || format!("rehydrated: {} since {activity}", cx.vol(done));
    if done >= lo {
        return (cx.now < base_until).then(|| make(TimerState::Done, base_until, rehydrated()));
    }
    let (left_lo, left_hi) = (lo - done, hi.saturating_sub(done));
    let by = spread_until(cx, base_until, last, left_hi);
    let spread = if by > base_until {
        format!(
            ", spread over the hours (no more than {} an hour)",
            cx.vol(cx.rules.safety.max_ml_per_hour)
        )
    } else {
        String::new()
    };
    Some(match cx.ask(left_lo, left_hi, cx.now, by, left_hi) {
        Ok(ask) => make(
            TimerState::Open,
            by,
            format!(
                "rehydrate {} by {}{spread}, with electrolytes ({} lost; {}/{})",
                cx.ask_text(&ask),
                cx.hhmm(by),
                cx.mass.format(measured),
                cx.num(done),
                cx.vol(lo)
            ),
        )
        .with_ask(Some(ask)),
        Err(NoAsk::Replaced) => make(TimerState::Done, by, rehydrated()),
        Err(NoAsk::HourlyLimit) => {
            let (resume, msg) = cx.paused_message("rehydrate");
            make(TimerState::Upcoming, resume, msg)
        }
    })
}

/// Stretches the window from `base_until` (never past `last`) until the
/// safe hourly rate fits `left_hi`, what is left to drink.
fn spread_until<Tz: TimeZone>(cx: &Ctx<'_, Tz>, base_until: Time, last: Time, left_hi: u32) -> Time
where
    Tz::Offset: Copy,
{
    let mut by = base_until.max(cx.now);
    if cx.allowance(cx.now, by) < left_hi {
        let rate = cx.rules.safety.max_ml_per_hour as f64;
        let need_h = (left_hi + cx.hour_before(cx.now)) as f64 / rate;
        let quarters = (need_h * 4.0).ceil() as i64;
        by = (cx.now + Duration::minutes(15 * quarters))
            .min(last)
            .max(by);
    }
    by
}
