//! Sweat tests found in the journal, and the user's own sweat rate by heat band.
//!
//! The field method (ACSM 2007 position stand; Baker 2017): weigh shortly
//! before a session and shortly after it; the mass lost, plus what was drunk
//! in between, minus urine passed, over the hours of the session, is the
//! sweat rate. A test that cannot be trusted is kept and shown, with the
//! reason it is set aside, but not used. Pure: `now` is passed in.
//!
//! The timers (`hydration`) ask [`personal_rate`] for the rate of a session;
//! it answers only with [`Sweat::min_tests`] used tests in the session's heat
//! band, so one odd day never changes advice.
//!
//! [`Sweat::min_tests`]: super::rules::Sweat

use super::entry::{Body, Heat, Intensity, Time, WeighWhen};
use super::history::{Entry, History};
use super::rules::Rules;
use super::weights;
use chrono::Duration;
use serde::Serialize;

mod prompt;
mod rate;
pub use prompt::{WeighPrompt, weigh_prompt, weighed_before};
pub use rate::{
    Band, PersonalRate, bands, guideline_rate, litres, loss_at_rate, personal_rate, rate_from_tests,
};

/// Why a test is set aside (kept, shown, not used).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SetAside {
    /// A weighing further from the session than the rules allow.
    WeighedTooFar,
    /// A drink logged after the session with no time of its own: it may have
    /// been drunk during it, so the test cannot say how much was.
    DrinkWithoutTime,
    /// A weighing outside any plausible body weight (`[weights]`).
    WeightOutOfRange,
    /// The body mass changed by more than a plausible share.
    MassChange,
    /// The rate is below the plausible range.
    RateLow,
    /// The rate is above the plausible range.
    RateHigh,
}

/// One session with a weighing before and after it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SweatTest {
    /// The workout's id.
    pub workout_id: String,
    /// The session's start.
    #[serde(serialize_with = "crate::domain::timefmt::ser_time")]
    pub at: Time,
    #[serde(serialize_with = "crate::domain::timefmt::ser_time")]
    pub end: Time,
    pub activity: String,
    pub intensity: Intensity,
    pub heat: Heat,
    pub minutes: u32,
    pub before_kg: f64,
    #[serde(serialize_with = "crate::domain::timefmt::ser_time")]
    pub before_at: Time,
    pub after_kg: f64,
    #[serde(serialize_with = "crate::domain::timefmt::ser_time")]
    pub after_at: Time,
    /// Drinks logged from the first weighing until the second.
    pub drunk_ml: u32,
    /// Urine noted on the weighings after the first, up to the second.
    pub urine_ml: u32,
    /// Sweat lost over the session: mass lost + drunk - urine.
    pub loss_ml: i32,
    pub rate_ml_per_h: i32,
    pub used: bool,
    /// Why it is set aside, in words (None when used).
    pub reason: Option<String>,
    pub set_aside: Option<SetAside>,
}

/// Every sweat test in the history, oldest first: each finished workout with
/// a weighing at most `[after] weigh_within_hours` before its start and one
/// as long after its end (further than `[sweat] weigh_within_min` sets the
/// test aside). Weighings marked `after` never open a test, nor `before` ones
/// close it.
pub fn tests(history: &History, rules: &Rules) -> Vec<SweatTest> {
    let weights: Vec<&Entry> = history
        .entries
        .iter()
        .filter(|e| matches!(e.body, Body::Weight(_)))
        .collect();
    let drinks: Vec<&Entry> = history
        .entries
        .iter()
        .filter(|e| matches!(e.body, Body::Drink(_)))
        .collect();
    let far = Duration::minutes((rules.after.weigh_within_hours * 60.0).round() as i64);
    let mut out = Vec::new();
    for e in &history.entries {
        let Body::Workout(w) = &e.body else { continue };
        let Some(end) = w.end.filter(|end| *end > e.at) else {
            continue;
        };
        let Some(before) = weighing_before(&weights, &e.at, far) else {
            continue;
        };
        let Some(after) = weighing_after(&weights, &end, far) else {
            continue;
        };
        let mut t = measure(e, end, before, after, &drinks, &weights);
        let why = judge(&t, before, after, &drinks, rules);
        t.used = why.is_none();
        t.reason = why.as_ref().map(|w| reason_text(w, &t, rules));
        t.set_aside = why;
        out.push(t);
    }
    out
}

fn kg_of(e: &Entry) -> f64 {
    match &e.body {
        Body::Weight(w) => w.kg,
        _ => 0.0,
    }
}

fn when_of(e: &Entry) -> Option<WeighWhen> {
    match &e.body {
        Body::Weight(w) => w.when,
        _ => None,
    }
}

/// The latest weighing at or before `start`, at most `far` before it.
fn weighing_before<'a>(weights: &[&'a Entry], start: &Time, far: Duration) -> Option<&'a Entry> {
    let upto = weights.partition_point(|w| w.at <= *start);
    weights[..upto]
        .iter()
        .rev()
        .take_while(|w| *start - w.at <= far)
        .find(|w| when_of(w) != Some(WeighWhen::After))
        .copied()
}

/// The earliest weighing at or after `end`, at most `far` after it.
fn weighing_after<'a>(weights: &[&'a Entry], end: &Time, far: Duration) -> Option<&'a Entry> {
    let from = weights.partition_point(|w| w.at < *end);
    weights[from..]
        .iter()
        .take_while(|w| w.at - *end <= far)
        .find(|w| when_of(w) != Some(WeighWhen::Before))
        .copied()
}

/// Where `e` is in `weights` (in time order), found by identity among
/// those of its time.
fn place_of(weights: &[&Entry], e: &Entry) -> Option<usize> {
    let from = weights.partition_point(|x| x.at < e.at);
    weights[from..]
        .iter()
        .take_while(|x| x.at == e.at)
        .position(|x| std::ptr::eq(*x, e))
        .map(|i| from + i)
}

/// The figures of a test, before it is judged.
fn measure(
    workout: &Entry,
    end: Time,
    before: &Entry,
    after: &Entry,
    drinks: &[&Entry],
    weights: &[&Entry],
) -> SweatTest {
    let Body::Workout(w) = &workout.body else {
        unreachable!("measure is given workouts")
    };
    let from = drinks.partition_point(|d| d.at < before.at);
    // Sums that cannot overflow, whatever a hostile journal holds.
    let drunk_ml: u32 = drinks[from..]
        .iter()
        .take_while(|d| d.at < after.at)
        .map(|d| match &d.body {
            Body::Drink(d) => d.ml,
            _ => 0,
        })
        .fold(0u32, u32::saturating_add);
    // Urine is noted on a weighing as passed since the previous one: the
    // weighings after the first, up to and including the second, hold it
    // (by their place in order: a later weighing in the same second as the
    // second holds urine passed after it).
    let held = match (place_of(weights, before), place_of(weights, after)) {
        (Some(b), Some(a)) if b < a => &weights[b + 1..=a],
        _ => &[],
    };
    let urine_ml: u32 = held
        .iter()
        .map(|x| match &x.body {
            Body::Weight(w) => w.urine_ml.unwrap_or(0),
            _ => 0,
        })
        .fold(0u32, u32::saturating_add);
    let minutes = ((end - workout.at).num_seconds() as f64 / 60.0).round() as u32;
    let mass_ml = ((kg_of(before) - kg_of(after)) * 1000.0).round() as i64;
    let loss_ml = mass_ml
        .saturating_add(drunk_ml as i64)
        .saturating_sub(urine_ml as i64)
        .clamp(i32::MIN as i64, i32::MAX as i64) as i32;
    let hours = (end - workout.at).num_seconds() as f64 / 3600.0;
    SweatTest {
        workout_id: workout.id.clone(),
        at: workout.at,
        end,
        activity: w.activity.clone(),
        intensity: w.intensity,
        heat: w.heat,
        minutes,
        before_kg: kg_of(before),
        before_at: before.at,
        after_kg: kg_of(after),
        after_at: after.at,
        drunk_ml,
        urine_ml,
        loss_ml,
        rate_ml_per_h: (loss_ml as f64 / hours).round() as i32,
        used: false,
        reason: None,
        set_aside: None,
    }
}

/// A drink "has no time of its own" when its time is the moment it was
/// logged (within a minute).
fn untimed(d: &Entry) -> bool {
    (d.logged - d.at).num_seconds().abs() < 60
}

/// The first reason to set a test aside, if any.
fn judge(
    t: &SweatTest,
    before: &Entry,
    after: &Entry,
    drinks: &[&Entry],
    rules: &Rules,
) -> Option<SetAside> {
    let s = &rules.sweat;
    let window = Duration::minutes(s.weigh_within_min as i64);
    if t.at - before.at > window || after.at - t.end > window {
        return Some(SetAside::WeighedTooFar);
    }
    if !weights::in_range(t.before_kg, &rules.weights)
        || !weights::in_range(t.after_kg, &rules.weights)
    {
        return Some(SetAside::WeightOutOfRange);
    }
    if drink_without_time(after, drinks).is_some() {
        return Some(SetAside::DrinkWithoutTime);
    }
    if (t.before_kg - t.after_kg).abs() > t.before_kg * s.max_mass_change {
        return Some(SetAside::MassChange);
    }
    if t.rate_ml_per_h < s.min_ml_per_h as i32 {
        return Some(SetAside::RateLow);
    }
    if t.rate_ml_per_h > s.max_ml_per_h as i32 {
        return Some(SetAside::RateHigh);
    }
    None
}

/// A drink that may belong to the test but carries no time to say so: when
/// the after-weighing was logged late (more than 10 minutes after its time,
/// a session logged after the fact), a drink logged without a time of its own
/// between the weighing and half an hour after it was logged could have been
/// drunk during the session.
fn drink_without_time<'a>(after: &Entry, drinks: &[&'a Entry]) -> Option<&'a Entry> {
    if after.logged - after.at <= Duration::minutes(10) {
        return None;
    }
    let until = after.logged + Duration::minutes(30);
    let from = drinks.partition_point(|d| d.at <= after.at);
    drinks[from..]
        .iter()
        .take_while(|d| d.at <= until)
        .find(|d| untimed(d))
        .copied()
}

fn reason_text(why: &SetAside, t: &SweatTest, rules: &Rules) -> String {
    let s = &rules.sweat;
    match why {
        SetAside::WeighedTooFar => format!(
            "weighed {} min before the start and {} min after the end; a test needs both within {} min",
            (t.at - t.before_at).num_minutes(),
            (t.after_at - t.end).num_minutes(),
            s.weigh_within_min
        ),
        SetAside::DrinkWithoutTime => "a drink logged after the session has no time of its own and may belong to it; give it one with 'crampwatch edit ID --at TIME'".into(),
        SetAside::WeightOutOfRange => format!(
            "a weighing is outside {}-{} kg; check it",
            rules.weights.min_kg, rules.weights.max_kg
        ),
        SetAside::MassChange => format!(
            "body mass changed by {:.1}%, more than the plausible {:.0}%; check the weighings",
            (t.before_kg - t.after_kg).abs() / t.before_kg * 100.0,
            s.max_mass_change * 100.0
        ),
        SetAside::RateLow => format!(
            "{} l/h is below the plausible {} l/h; check the weighings and drinks",
            litres(t.rate_ml_per_h as f64),
            litres(s.min_ml_per_h as f64)
        ),
        SetAside::RateHigh => format!(
            "{} l/h is above the plausible {} l/h; check the weighings, drinks and urine",
            litres(t.rate_ml_per_h as f64),
            litres(s.max_ml_per_h as f64)
        ),
    }
}

#[cfg(test)]
mod props;
#[cfg(test)]
mod tests;
