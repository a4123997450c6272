//! After a session: rehydration and the cramp-prone window (a heuristic).

use super::context::{Ctx, hours, range};
use super::safety::session_weights;
use super::{Timer, TimerKind, TimerState};
use crate::domain::context::{minutes_between, opens_cramp_window};
use crate::domain::entry::Body;
use crate::domain::history::History;
use chrono::TimeZone;

/// Rehydration and the cramp-prone window after finished sessions.
pub(super) fn after_timers<Tz: TimeZone>(cx: &Ctx<'_, Tz>, history: &History, out: &mut Vec<Timer>)
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
