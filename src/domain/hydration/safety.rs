//! The safety bounds, always on: the hourly limit, intake past a session's
//! estimated sweat loss, and weight gained over a session.

use super::context::{Ctx, hours};
use crate::domain::entry::{Body, Heat, Intensity, Time, WeighWhen};
use crate::domain::history::History;
use crate::domain::rules::Rules;
use crate::domain::weights;
use chrono::TimeZone;

/// The warning once the last hour's intake reaches what the gut absorbs.
/// (The timers themselves obey the limit through `Ctx::ask`.)
pub(super) fn hourly_warning<Tz: TimeZone>(
    cx: &Ctx<'_, Tz>,
    last_hour_ml: u32,
    warnings: &mut Vec<String>,
) where
    Tz::Offset: Copy,
{
    let max = cx.rules.safety.max_ml_per_hour;
    if last_hour_ml >= max {
        warnings.push(format!(
            "{} in the last hour is past what the gut absorbs (about {}/h): drink only to thirst; overdrinking can cause hyponatremia",
            cx.vol(last_hour_ml),
            cx.vol(max)
        ));
    }
}

/// Estimated sweat loss of a session lasting `secs`, in ml, at the
/// guideline's rate for its intensity and heat.
pub(super) fn sweat_ml(rules: &Rules, intensity: Intensity, heat: Heat, secs: i64) -> u32 {
    let per_hour = crate::domain::sweat::guideline_rate(rules, heat, intensity) as f64;
    (per_hour * secs.max(0) as f64 / 3600.0).round() as u32
}

/// Weights taken before and after a session, if both were logged.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Weighed {
    pub before: f64,
    pub after: f64,
    /// False for a pair too far apart to be real (a typo, a unit mix-up, an
    /// absurd imported value): it is set aside and never drives a timer.
    pub plausible: bool,
}

pub(super) fn session_weights(
    history: &History,
    rules: &Rules,
    start: Time,
    end: Time,
) -> Option<Weighed> {
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
    let (before, after) = (before?, after?);
    Some(Weighed {
        before,
        after,
        plausible: weights::pair_plausible(before, after, &rules.weights),
    })
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
        let sweat = cx.sweat_between(&e.id, w.intensity, w.heat, e.at, end);
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
        let Some(wend) = w.end else { continue };
        match session_weights(history, cx.rules, e.at, wend) {
            Some(p) if !p.plausible => warnings.push(format!(
                "the weights around {} ({} before, {} after) are too far apart to be real (a typo or a kg/lb mix-up?): set aside, no target from them; fix one with `crampwatch edit`",
                w.activity,
                shown_mass(cx, p.before),
                shown_mass(cx, p.after)
            )),
            Some(p) if p.after > p.before => warnings.push(format!(
                "weight after {} is {} above before: you drank more than you sweated (overdrinking can cause hyponatremia)",
                w.activity,
                cx.mass.format(p.after - p.before)
            )),
            _ => {}
        }
    }
    over
}

/// A mass for a message, or "an impossible value" for one that is not.
fn shown_mass<Tz: TimeZone>(cx: &Ctx<'_, Tz>, kg: f64) -> String
where
    Tz::Offset: Copy,
{
    if weights::in_range(kg, &cx.rules.weights) {
        cx.mass.format(kg)
    } else {
        "an impossible value".to_string()
    }
}
