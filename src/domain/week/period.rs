//! The flags of a period, worded for when it ended.

use super::tied::cramp_lookups;
use crate::domain::context::{Snapshot, entries_between};
use crate::domain::day::day_start;
use crate::domain::history::History;
use crate::domain::patterns::{Flag, flags_since_known};
use crate::domain::prefs::Prefs;
use crate::domain::rules::Rules;
use chrono::{DateTime, Duration, NaiveDate, TimeZone};
use std::collections::HashMap;

/// The flags raised by the cramps of `n_days` days from `first`, as they
/// stood at the end of those days (or now, if they reach now): pass them to
/// [`summarize`], which keeps those with evidence in the days.
pub fn period_flags<Tz: TimeZone>(
    now: &DateTime<Tz>,
    first: NaiveDate,
    n_days: u32,
    history: &History,
    rules: &Rules,
    prefs: &Prefs,
) -> Vec<Flag>
where
    Tz::Offset: Copy,
{
    let none = HashMap::new();
    period_flags_known(now, (first, n_days), history, rules, prefs, &none)
}

/// [`period_flags`], taking what came before each cramp from `known` where
/// it is there: a report that shows it too works it out once.
pub fn period_flags_known<Tz: TimeZone>(
    now: &DateTime<Tz>,
    (first, n_days): (NaiveDate, u32),
    history: &History,
    rules: &Rules,
    prefs: &Prefs,
    known: &HashMap<String, Snapshot>,
) -> Vec<Flag>
where
    Tz::Offset: Copy,
{
    let tz = now.timezone();
    let end = day_start(
        first + Duration::days(n_days as i64),
        &tz,
        prefs.day_start_hour,
    )
    .with_timezone(&tz);
    let as_of = if end < *now { end } else { *now };
    let start = day_start(first, &tz, prefs.day_start_hour);
    let mut flags = flags_since_known(&as_of, history, rules, prefs, Some(&start), known);
    if end < *now {
        // A past period: "the last 7 days" would read as the days before now.
        let last = first + Duration::days(n_days as i64 - 1);
        for f in &mut flags {
            f.why = dated_window(&f.why, last);
        }
    }
    flags
}

/// What a report looks up for the cramps of a period: the flags they raise
/// ([`period_flags`]) and, by cramp id, whether each was tied to exercise
/// and what came before it ([`cramp_lookups`]): each cramp's context worked
/// out once, for the flags and the report both.
pub struct PeriodCramps {
    pub flags: Vec<Flag>,
    pub tied: HashMap<String, bool>,
    pub snapshots: HashMap<String, Snapshot>,
}

/// [`PeriodCramps`] of the `n_days` days from `first`, as of `now`.
pub fn period_cramps<Tz: TimeZone>(
    now: &DateTime<Tz>,
    (first, n_days): (NaiveDate, u32),
    history: &History,
    rules: &Rules,
    prefs: &Prefs,
) -> PeriodCramps
where
    Tz::Offset: Copy,
{
    let (tz, h) = (now.timezone(), prefs.day_start_hour);
    // The cramps of the period's days, as `Summary::entries` finds them;
    // taking the end day's start in as well can only add a cramp the
    // report never looks up.
    let from = day_start(first, &tz, h);
    let to = day_start(first + Duration::days(n_days.max(1) as i64), &tz, h);
    let (tied, snapshots) = cramp_lookups(entries_between(history, &from, &to), history, rules);
    let flags = period_flags_known(now, (first, n_days), history, rules, prefs, &snapshots);
    PeriodCramps {
        flags,
        tied,
        snapshots,
    }
}

/// Those of `flags` with evidence in the `n_days` days from `first` (at
/// least one): the flags a [`summarize`] of those days keeps. Apart, so that
/// a report can raise the flags on one core while it sums the days on another.
pub fn flags_in_days<Tz: TimeZone>(
    flags: &[Flag],
    tz: &Tz,
    day_start_hour: u32,
    first: NaiveDate,
    n_days: u32,
) -> Vec<Flag> {
    let last = first + Duration::days(n_days.max(1) as i64 - 1);
    let in_days = |t: &crate::domain::entry::Time| {
        let d = crate::domain::day::day_of(t, tz, day_start_hour);
        d >= first && d <= last
    };
    flags
        .iter()
        .filter(|f| f.evidence.iter().any(|ev| in_days(&ev.at)))
        .cloned()
        .collect()
}

/// `in the last 7 days` -> `in the 7 days to Sun 29 Nov`.
pub(super) fn dated_window(why: &str, last: NaiveDate) -> String {
    let mut out = String::new();
    let mut rest = why;
    while let Some(i) = rest.find("in the last ") {
        let after = &rest[i + "in the last ".len()..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && after[digits..].starts_with(" days") {
            out.push_str(&rest[..i]);
            out.push_str(&format!(
                "in the {} days to {}",
                &after[..digits],
                last.format("%a %-d %b")
            ));
            rest = &after[digits + " days".len()..];
        } else {
            out.push_str(&rest[..i + "in the last ".len()]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}
