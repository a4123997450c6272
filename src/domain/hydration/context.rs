//! What every rule works from: now, the zone, the rules, the unit and the drinks.

use super::{Timer, TimerKind, TimerState, whole};
use crate::domain::entry::{DrinkKind, Heat, Intensity, Time, VolumeUnit};
use crate::domain::mass::MassUnit;
use crate::domain::rules::Rules;
use crate::domain::sweat::{PersonalRate, loss_at_rate};
use chrono::{Duration, TimeZone};

pub(super) fn hours(h: f64) -> Duration {
    Duration::seconds((h * 3600.0).round() as i64)
}

pub(super) fn mins(m: u32) -> Duration {
    Duration::minutes(m as i64)
}

/// Everything `timers` works from, computed once.
pub(super) struct Ctx<'a, Tz: TimeZone> {
    pub now: Time,
    pub tz: Tz,
    /// The hour days start at (a plan started early counts on its day).
    pub day_start_hour: u32,
    pub rules: &'a Rules,
    pub unit: VolumeUnit,
    /// Weights as the user reads them (the setting, else the first
    /// weighing's unit): a loss in kg for someone who weighs in kg.
    pub mass: MassUnit,
    pub drinks: Vec<(Time, u32, DrinkKind)>,
    /// The running workout's id and the user's own sweat rate for it.
    pub personal: Option<(String, PersonalRate)>,
}

impl<Tz: TimeZone> Ctx<'_, Tz>
where
    Tz::Offset: Copy,
{
    /// Millilitres drunk in `[from, to]`, never counting the future.
    pub(super) fn ml_in(&self, from: Time, to: Time) -> u32 {
        let to = to.min(self.now);
        self.drinks
            .iter()
            .filter(|(t, _, _)| *t >= from && *t <= to)
            .map(|(_, ml, _)| ml)
            .sum()
    }

    /// Millilitres in the hour up to `t`: `(t - 1 h, t]`.
    pub(super) fn hour_before(&self, t: Time) -> u32 {
        let from = t - Duration::hours(1);
        self.drinks
            .iter()
            .filter(|(d, _, _)| *d > from && *d <= t && *d <= self.now)
            .map(|(_, ml, _)| ml)
            .sum()
    }

    /// Estimated sweat of the session `id` from `start` to `until`: the
    /// user's own rate for the running one when known, else the guideline's.
    pub(super) fn sweat_between(
        &self,
        id: &str,
        intensity: Intensity,
        heat: Heat,
        start: Time,
        until: Time,
    ) -> u32 {
        match &self.personal {
            Some((running, rate)) if running == id => loss_at_rate(rate.ml_per_h, &start, &until),
            _ => {
                super::safety::sweat_ml(self.rules, intensity, heat, (until - start).num_seconds())
            }
        }
    }

    /// The running session's personal rate, if the sips follow it.
    pub(super) fn personal_for(&self, id: &str) -> Option<&PersonalRate> {
        self.personal
            .as_ref()
            .filter(|(r, _)| r == id)
            .map(|(_, p)| p)
    }

    pub(super) fn local(&self, t: Time) -> Time {
        t.with_timezone(&self.tz).fixed_offset()
    }

    pub(super) fn hhmm(&self, t: Time) -> String {
        self.local(t).format("%H:%M").to_string()
    }

    /// `14:30`, or `now` once that time has come: a message never points
    /// the user at a moment already past.
    pub(super) fn at_or_now(&self, t: Time) -> String {
        if t <= self.now {
            "now".to_string()
        } else {
            self.hhmm(t)
        }
    }

    pub(super) fn vol(&self, ml: u32) -> String {
        self.unit.format(whole(self.unit, ml))
    }

    /// The number alone, in whole units.
    pub(super) fn num(&self, ml: u32) -> String {
        self.unit.number(whole(self.unit, ml))
    }

    #[allow(clippy::too_many_arguments)] // one field each, called from every rule
    pub(super) fn timer(
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
            ask: None,
        }
    }
}
