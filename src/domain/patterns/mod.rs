//! Pattern flags: what the history shows, with the entries that show it.
//!
//! Every threshold comes from `[flags.*]` of `assets/guidelines.toml`. The
//! wording is plain and calm and never a diagnosis; whoever shows flags also
//! shows [`DISCLAIMER`] and, for level [`Level::Professional`], who to see.
//!
//! What is looked at:
//! - Flags about single cramps (`long`, `severe`, `red-flag-symptoms`,
//!   `not-tied-to-exercise` at level watch, and the contributing factors)
//!   look at the cramps in the *period*: from `since` (see [`flags_since`]),
//!   or by default the last `[flags] recent_days` days, up to `now`.
//! - Counts "N in D days" (`not-tied-to-exercise` at level professional,
//!   `disrupting-sleep`, `despite-prevention`, `eased-by-rest`,
//!   `cramp-window`) count the cramps of the last D calendar days back from
//!   `now`, in `now`'s time zone, that are also in the period.
//! - Context (drinks and sessions before a cramp) always comes from the whole
//!   history given, so a period start never hides what came before a cramp.
//! - Entries after `now` are ignored: passing the end of a past week as `now`
//!   gives that week's flags.

use super::context::{
    Snapshot, drinks_between, entries_between, fluids_between, is_electrolyte, minutes_between,
    sessions_before, snapshot,
};
use super::day::day_of;
use super::entry::{Body, Cramp, CrampContext, MedClass, Relief, Time, Workout};
use super::history::{Entry, History};
use super::med_flag;
use super::prefs::Prefs;
use super::rules::Rules;
use super::say::counted;
use chrono::{DateTime, Days, Duration, TimeZone};
use serde::Serialize;
use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::{BTreeSet, HashMap};

mod cramps;
mod factors;

/// Shown wherever flags are shown.
pub const DISCLAIMER: &str = "General information, not medical advice.";

/// How much attention a flag asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Something that may contribute; worth knowing.
    Note,
    /// Worth keeping an eye on.
    Watch,
    /// Worth seeing a professional about.
    Professional,
}

impl Level {
    /// The words shown for the level.
    pub fn label(self) -> &'static str {
        match self {
            Level::Note => "note",
            Level::Watch => "watch",
            Level::Professional => "see a professional",
        }
    }
}

/// An entry that raised a flag.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evidence {
    pub entry_id: String,
    #[serde(serialize_with = "crate::domain::timefmt::ser_time")]
    pub at: Time,
    /// When and what, e.g. `Sat 21 Nov 02:10 · cramp calf left severity 6 2m night`.
    pub summary: String,
}

/// A pattern the history shows.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Flag {
    /// Stable: `severe`, `not-tied-to-exercise`, ...
    pub id: String,
    pub level: Level,
    /// One line.
    pub title: String,
    /// Why it is raised, with the threshold that raised it.
    pub why: String,
    /// The full text of the flag's source.
    pub source: String,
    /// Who to see, when the level is professional.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub professional: Option<String>,
    /// The entries that raised it, in time order.
    pub evidence: Vec<Evidence>,
}

/// Every flag id, in the order flags of one level are shown.
pub const FLAG_IDS: &[&str] = &[
    "red-flag-symptoms",
    "severe",
    "long",
    "disrupting-sleep",
    "eased-by-rest",
    "not-tied-to-exercise",
    "despite-prevention",
    "low-intake",
    "no-electrolytes",
    "new-or-harder",
    "cramp-window",
    "medication",
];

const GP: &str = "a GP / physician";

/// Every flag that holds over the last `[flags] recent_days` days, most serious first.
pub fn flags<Tz: TimeZone>(
    now: &DateTime<Tz>,
    history: &History,
    rules: &Rules,
    prefs: &Prefs,
) -> Vec<Flag>
where
    Tz::Offset: Copy,
{
    flags_since(now, history, rules, prefs, None)
}

/// Every flag that holds over the cramps from `since` (default: the last
/// `[flags] recent_days` days) to `now`, most serious first.
pub fn flags_since<Tz: TimeZone>(
    now: &DateTime<Tz>,
    history: &History,
    rules: &Rules,
    prefs: &Prefs,
    since: Option<&Time>,
) -> Vec<Flag>
where
    Tz::Offset: Copy,
{
    flags_since_known(now, history, rules, prefs, since, &HashMap::new())
}

/// [`flags_since`], taking what came before each cramp from `known` (by
/// entry id) where it is there, and working it out where not.
pub fn flags_since_known<Tz: TimeZone>(
    now: &DateTime<Tz>,
    history: &History,
    rules: &Rules,
    prefs: &Prefs,
    since: Option<&Time>,
    known: &HashMap<String, Snapshot>,
) -> Vec<Flag>
where
    Tz::Offset: Copy,
{
    let start = match since {
        Some(s) => *s,
        None => days_back(now, rules.flags.recent_days),
    };
    let end = now.fixed_offset();
    let cramps: Vec<Seen> = entries_between(history, &start, &end)
        .iter()
        .filter_map(|e| match &e.body {
            Body::Cramp(c) => Some(Seen {
                entry: e,
                cramp: c,
                snap: match known.get(&e.id) {
                    Some(snap) => Cow::Borrowed(snap),
                    None => Cow::Owned(snapshot(e, history, rules)),
                },
            }),
            _ => None,
        })
        .collect();
    let f = Finder {
        now,
        start,
        history,
        rules,
        prefs,
        cramps,
    };
    let mut out: Vec<Flag> = [
        f.red_flags(),
        f.severe(),
        f.long(),
        f.disrupting_sleep(),
        f.eased_by_rest(),
        f.not_tied(),
        f.despite_prevention(),
        f.low_intake(),
        f.no_electrolytes(),
        f.new_or_harder(),
        f.cramp_window(),
        f.medication(),
    ]
    .into_iter()
    .flatten()
    .collect();
    out.sort_by_key(|fl| {
        (
            Reverse(fl.level),
            FLAG_IDS.iter().position(|id| *id == fl.id),
        )
    });
    out
}

/// `now` minus `days` calendar days, in `now`'s zone.
fn days_back<Tz: TimeZone>(now: &DateTime<Tz>, days: u32) -> Time
where
    Tz::Offset: Copy,
{
    now.checked_sub_days(Days::new(days as u64))
        .map(|t| t.fixed_offset())
        .unwrap_or_else(|| now.fixed_offset() - Duration::days(days as i64))
}

/// A cramp in the period, with its context.
struct Seen<'h> {
    entry: &'h Entry,
    cramp: &'h Cramp,
    snap: Cow<'h, Snapshot>,
}

struct Finder<'a, Tz: TimeZone> {
    now: &'a DateTime<Tz>,
    start: Time,
    history: &'a History,
    rules: &'a Rules,
    prefs: &'a Prefs,
    cramps: Vec<Seen<'a>>,
}

impl<'a, Tz: TimeZone> Finder<'a, Tz>
where
    Tz::Offset: Copy,
{
    fn source(&self, key: &str) -> String {
        self.rules.source(key).to_string()
    }

    fn evidence(&self, seen: &[&Seen], detail: impl Fn(&Seen) -> String) -> Vec<Evidence> {
        seen.iter()
            .map(|s| {
                let local = s.entry.at.with_timezone(&self.now.timezone()).naive_local();
                let mut summary = format!(
                    "{} · {}",
                    local.format("%a %-d %b %H:%M"),
                    s.entry.body.describe(self.prefs.unit, &self.now.timezone())
                );
                let d = detail(s);
                if !d.is_empty() {
                    summary.push_str(" · ");
                    summary.push_str(&d);
                }
                Evidence {
                    entry_id: s.entry.id.clone(),
                    at: s.entry.at,
                    summary,
                }
            })
            .collect()
    }

    /// The cramps matching `pred` in the period.
    fn matching(&self, pred: impl Fn(&Seen) -> bool) -> Vec<&Seen<'a>> {
        self.cramps.iter().filter(|s| pred(s)).collect()
    }

    /// Those of `seen` in the last `days` days (and the period).
    fn in_last<'s>(&self, seen: &[&'s Seen<'a>], days: u32) -> Vec<&'s Seen<'a>> {
        let from = days_back(self.now, days).max(self.start);
        seen.iter()
            .copied()
            .filter(|s| s.entry.at >= from)
            .collect()
    }

    /// The session a cramp is tied to: running when it came, or ended within
    /// `[flags.not_tied] hours_after_workout` before it. With the time the
    /// session's hydration is judged up to (its end, or the cramp if sooner).
    fn tied_session(&self, s: &Seen) -> Option<(&'a Entry, &'a Workout, Time)> {
        let (running, last) = sessions_before(self.history, &s.entry.at);
        let (e, w) = match (running, last) {
            (Some(e), _) => match &e.body {
                Body::Workout(w) => (e, w),
                _ => return None,
            },
            (None, Some((e, w, end)))
                if (s.entry.at - end).num_seconds() as f64 / 3600.0
                    <= self.rules.flags.not_tied.hours_after_workout =>
            {
                (e, w)
            }
            _ => return None,
        };
        let until = match w.end {
            Some(end) if end <= s.entry.at => end,
            _ => s.entry.at,
        };
        Some((e, w, until))
    }
}

#[cfg(test)]
pub(crate) mod tests;
