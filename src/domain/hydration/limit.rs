//! The safety invariant every timer obeys.
//!
//! What a timer asks a user to drink between now and its due time never
//! exceeds the safe hourly rate (`[safety] max_ml_per_hour`) times the hours
//! in that window (at least one hour, since any drink lands in some hour),
//! less what was already drunk in the hour before the window opens (only the
//! part of the last hour that overlaps the window's first hour counts, so a
//! big drink now does not shrink a window that opens hours later); and it
//! never exceeds what is left to replace (the timer's own remaining target,
//! a session's estimated sweat loss, or the measured deficit after one).
//! Every amount a message names is built here, rounded down, so the message
//! cannot say more than the number that was checked.

use super::context::Ctx;
use super::whole_floor;
use crate::domain::entry::Time;
use chrono::{Duration, TimeZone};
use serde::Serialize;

/// Asks below this are not worth a prompt: "to thirst" instead.
pub const MIN_ASK_ML: u32 = 30;

/// What a timer asks a user to drink: between `min_ml` and `max_ml`, from
/// `from` (never before now) until `by`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Ask {
    pub min_ml: u32,
    pub max_ml: u32,
    pub from: Time,
    pub by: Time,
    /// True when the safety cap (or what is left to replace) cut the amount
    /// below what the guideline alone would ask.
    pub capped: bool,
}

/// Why a timer asks for nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoAsk {
    /// The hour around the window is already at the safe limit.
    HourlyLimit,
    /// Nothing (or next to nothing) is left to replace.
    Replaced,
}

impl<Tz: TimeZone> Ctx<'_, Tz>
where
    Tz::Offset: Copy,
{
    /// The most that may be asked for in `[from, by]` (see the module doc).
    pub(super) fn allowance(&self, from: Time, by: Time) -> u32 {
        let from = from.max(self.now);
        let by = by.max(from);
        let hours = ((by - from).num_seconds() as f64 / 3600.0).max(1.0);
        let cap = (self.rules.safety.max_ml_per_hour as f64 * hours).floor() as u64;
        let overlap_from = from - Duration::hours(1);
        let recent: u64 = self
            .drinks
            .iter()
            .filter(|(t, _, _)| *t > overlap_from && *t <= self.now)
            .map(|(_, ml, _)| *ml as u64)
            .sum();
        cap.saturating_sub(recent).min(u32::MAX as u64) as u32
    }

    /// The guideline's `lo`-`hi` for `[from, by]`, cut to the allowance and to
    /// `left` (what is left to replace); `Err` when that leaves nothing worth
    /// asking for.
    pub(super) fn ask(
        &self,
        lo: u32,
        hi: u32,
        from: Time,
        by: Time,
        left: u32,
    ) -> Result<Ask, NoAsk> {
        let room = self.allowance(from, by);
        let max = hi.min(room).min(left);
        if max < MIN_ASK_ML || whole_floor(self.unit, max) <= 0.0 {
            return Err(if left < MIN_ASK_ML {
                NoAsk::Replaced
            } else {
                NoAsk::HourlyLimit
            });
        }
        let from = from.max(self.now);
        Ok(Ask {
            min_ml: lo.min(max),
            max_ml: max,
            from,
            // A due time already past means "now": the window is the hour from now.
            by: by.max(from),
            capped: max < lo,
        })
    }

    /// `8-10 oz`, `up to 6 oz`, `20 oz`: never more than `ask.max_ml`.
    pub(super) fn ask_text(&self, ask: &Ask) -> String {
        let u = self.unit;
        let (a, b) = (whole_floor(u, ask.min_ml), whole_floor(u, ask.max_ml));
        if ask.capped || a <= 0.0 {
            format!("up to {}", u.format(b))
        } else if u.number(a) == u.number(b) {
            u.format(b)
        } else {
            format!("{}-{} {}", u.number(a), u.number(b), u.label())
        }
    }

    /// The first moment after now when the hour before it drops below the
    /// limit by at least a sip worth asking for.
    pub(super) fn resume_time(&self) -> Time {
        let max = self.rules.safety.max_ml_per_hour.saturating_sub(MIN_ASK_ML);
        let mut exits: Vec<Time> = self
            .drinks
            .iter()
            .map(|(t, _, _)| *t + Duration::hours(1))
            .filter(|t| *t > self.now)
            .collect();
        exits.sort();
        exits
            .into_iter()
            .find(|t| self.hour_before(*t) < max)
            .unwrap_or(self.now + Duration::hours(1))
    }

    /// `sip paused: 41 oz in the last hour (safe limit 41 oz/h); resumes 09:10`.
    pub(super) fn paused_message(&self, label: &str) -> (Time, String) {
        let resume = self.resume_time();
        let max = self.rules.safety.max_ml_per_hour;
        (
            resume,
            format!(
                "{label} {} {} in the last hour (safe limit {}/h); resumes {}",
                super::PAUSED,
                self.vol(self.hour_before(self.now)),
                self.vol(max),
                self.hhmm(resume)
            ),
        )
    }
}
