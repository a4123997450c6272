//! The safety bounds, always on: the hourly limit, intake past a session's
//! estimated sweat loss, and weight gained over a session.

use super::context::{Ctx, hours};
use super::{PAUSED, Timer, TimerState};
use crate::domain::entry::{Body, Heat, Intensity, Time, WeighWhen};
use crate::domain::history::History;
use crate::domain::rules::Rules;
use chrono::{Duration, TimeZone};

/// Pauses every timer that asks for a drink once the last hour's intake
/// reaches the safe limit, and says why.
pub(super) fn pause_at_limit<Tz: TimeZone>(
    cx: &Ctx<'_, Tz>,
    last_hour_ml: u32,
    timers: &mut [Timer],
    warnings: &mut Vec<String>,
) where
    Tz::Offset: Copy,
{
    let rules = cx.rules;
    let max = rules.safety.max_ml_per_hour;
    if last_hour_ml >= max {
        let resume = resume_time(cx, max);
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

/// Estimated sweat loss of a session lasting `secs`, in ml.
pub(super) fn sweat_ml(rules: &Rules, intensity: Intensity, heat: Heat, secs: i64) -> u32 {
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
pub(super) fn session_weights(
    history: &History,
    rules: &Rules,
    start: Time,
    end: Time,
) -> Option<(f64, f64)> {
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
pub(super) fn session_warnings<Tz: TimeZone>(
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
