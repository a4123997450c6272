//! The report as JSON for scripts, written straight from typed structs.

use super::{NOT_ADVICE, Report};
use crate::domain::context::Snapshot;
use crate::domain::day::day_of;
use crate::domain::entry::{Cramp, Muscle, Time};
use crate::domain::patterns::Flag;
use crate::domain::sweat::{Band, SweatTest};
use crate::domain::week::{Change, DayFigures, Totals};
use chrono::{Duration, NaiveDate, TimeZone};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// JSON for scripts.
pub fn json<'a, Tz: TimeZone>(r: &'a Report<'a, Tz>) -> JsonReport<'a> {
    let s = r.summary;
    let (tied, snapshots) = by_id(r);
    JsonReport {
        period: JsonPeriod {
            first: s.first,
            last: s.last(),
            week: s.iso_label(),
            days: s.days.len(),
            days_begun: r.days_begun(),
            goal_so_far_ml: r.goal_so_far(),
            day_start_hour: r.prefs.day_start_hour,
        },
        days: &s.days,
        totals: &s.totals,
        muscles: s
            .muscles
            .iter()
            .map(|(muscle, cramps)| JsonMuscle {
                muscle: *muscle,
                cramps: *cramps,
            })
            .collect(),
        contexts: s
            .contexts
            .iter()
            .map(|(context, cramps)| JsonContext {
                context,
                cramps: *cramps,
            })
            .collect(),
        cramps: r
            .cramps()
            .map(|(e, cramp)| JsonCramp {
                id: &e.id,
                at: e.at,
                day: day_of(&e.at, &r.tz, r.prefs.day_start_hour),
                tied: tied.contains(e.id.as_str()),
                cramp,
                snapshot: snapshots.get(e.id.as_str()).copied(),
            })
            .collect(),
        flags: &s.flags,
        days_since_last_cramp: s.days_since_last_cramp,
        previous: JsonPrevious {
            first: s.first - Duration::days(s.days.len() as i64),
            last: s.first - Duration::days(1),
            totals: &s.previous,
        },
        change: &s.change,
        profile: JsonProfile {
            diuretics: r.prefs.profile.diuretics,
            statins: r.prefs.profile.statins,
        },
        notice: NOT_ADVICE,
        sweat: None,
    }
}

/// The ids of the tied cramps, and each cramp's snapshot by id, as
/// [`Report::is_tied`] and [`Report::snapshot`] find them, gathered once:
/// searching the lists for each of ten years of cramps was quadratic.
fn by_id<'a, Tz: TimeZone>(
    r: &'a Report<'a, Tz>,
) -> (HashSet<&'a str>, HashMap<&'a str, &'a Snapshot>) {
    let tied = r
        .tied
        .iter()
        .filter(|(_, t)| *t)
        .map(|(id, _)| id.as_str())
        .collect();
    let mut snapshots = HashMap::with_capacity(r.snapshots.len());
    for (id, snapshot) in &r.snapshots {
        // The first of an id, as `Report::snapshot` finds it.
        snapshots.entry(id.as_str()).or_insert(snapshot);
    }
    (tied, snapshots)
}

impl<'a> JsonReport<'a> {
    /// The report with the period's sweat tests and the rates by band, as
    /// its last key.
    pub fn with_sweat(self, tests: &'a [SweatTest], bands: &'a [Band]) -> JsonReport<'a> {
        JsonReport {
            sweat: Some(JsonSweat { tests, bands }),
            ..self
        }
    }
}

/// The JSON form of a report: typed, so that years of days are written
/// straight out rather than built as a tree of values first.
#[derive(Serialize)]
pub struct JsonReport<'a> {
    period: JsonPeriod,
    days: &'a [DayFigures],
    totals: &'a Totals,
    muscles: Vec<JsonMuscle>,
    contexts: Vec<JsonContext<'a>>,
    cramps: Vec<JsonCramp<'a>>,
    flags: &'a [Flag],
    days_since_last_cramp: Option<i64>,
    previous: JsonPrevious<'a>,
    change: &'a Change,
    profile: JsonProfile,
    notice: &'static str,
    /// A field of the report itself rather than a `#[serde(flatten)]`
    /// around it: flattening sent every key of the report through serde's
    /// map path, a tenth of a ten-year report's time.
    #[serde(skip_serializing_if = "Option::is_none")]
    sweat: Option<JsonSweat<'a>>,
}

#[derive(Serialize)]
struct JsonSweat<'a> {
    tests: &'a [SweatTest],
    bands: &'a [Band],
}

#[derive(Serialize)]
struct JsonPeriod {
    #[serde(serialize_with = "crate::domain::timefmt::ser_date")]
    first: NaiveDate,
    #[serde(serialize_with = "crate::domain::timefmt::ser_date")]
    last: NaiveDate,
    week: Option<String>,
    days: usize,
    /// The days that have begun (a week read on a Thursday: 4).
    days_begun: usize,
    /// The goal of those days, in ml.
    goal_so_far_ml: u32,
    day_start_hour: u32,
}

#[derive(Serialize)]
struct JsonMuscle {
    muscle: Muscle,
    cramps: u32,
}

#[derive(Serialize)]
struct JsonContext<'a> {
    context: &'a str,
    cramps: u32,
}

#[derive(Serialize)]
struct JsonCramp<'a> {
    id: &'a str,
    #[serde(serialize_with = "crate::domain::timefmt::ser_time")]
    at: Time,
    #[serde(serialize_with = "crate::domain::timefmt::ser_date")]
    day: NaiveDate,
    tied: bool,
    cramp: &'a Cramp,
    snapshot: Option<&'a Snapshot>,
}

#[derive(Serialize)]
struct JsonPrevious<'a> {
    #[serde(serialize_with = "crate::domain::timefmt::ser_date")]
    first: NaiveDate,
    #[serde(serialize_with = "crate::domain::timefmt::ser_date")]
    last: NaiveDate,
    totals: &'a Totals,
}

#[derive(Serialize)]
struct JsonProfile {
    diuretics: bool,
    statins: bool,
}
