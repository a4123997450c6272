//! The report as JSON for scripts, written straight from typed structs.

use super::json_days::write_days;
use super::json_pretty::Members;
use super::{NOT_ADVICE, Report};
use crate::domain::context::Snapshot;
use crate::domain::day::day_of;
use crate::domain::entry::{Cramp, MedClass, Muscle, Time};
use crate::domain::patterns::Flag;
use crate::domain::sweat::{Band, SweatTest};
use crate::domain::week::{Change, DayFigures, Totals};
use chrono::{Duration, NaiveDate, TimeZone};
use serde::Serialize;

/// JSON for scripts.
pub fn json<'a, Tz: TimeZone>(r: &'a Report<'a, Tz>) -> JsonReport<'a> {
    let s = r.summary;
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
                tied: r.is_tied(&e.id),
                cramp,
                snapshot: r.snapshot(&e.id),
            })
            .collect(),
        flags: &s.flags,
        days_since_last_cramp: s.days_since_last_cramp,
        // The days compared: as many as these days have begun.
        previous: JsonPrevious {
            first: s.first - Duration::days(s.days.len() as i64),
            last: s.first - Duration::days(s.days.len() as i64 - r.days_begun().max(1) as i64 + 1),
            totals: &s.previous,
        },
        change: &s.change,
        profile: JsonProfile {
            diuretics: r.prefs.profile.diuretics,
            statins: r.prefs.profile.statins,
        },
        medicines: r
            .courses_in_period()
            .into_iter()
            .map(|c| JsonMedicine {
                name: &c.name,
                class: c.class,
                dose: c.dose.as_deref(),
                start: c.start.map(JsonTime),
                stop: c.stop.map(JsonTime),
            })
            .collect(),
        notice: NOT_ADVICE,
        sweat: None,
    }
}

impl JsonReport<'_> {
    /// The report as `serde_json::to_writer_pretty` writes it, the days
    /// written straight in (see `json_days`) and every other member through
    /// serde. The members in the order the derive below writes them: a test
    /// holds the two to the same text.
    pub fn write_pretty(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        let mut m = Members::open(out, 0);
        m.field("period", &self.period)?;
        let (out, level) = m.key("days");
        write_days(out, level, self.days)?;
        m.field("totals", self.totals)?;
        m.field("muscles", &self.muscles)?;
        m.field("contexts", &self.contexts)?;
        m.field("cramps", &self.cramps)?;
        m.field("flags", self.flags)?;
        m.field("days_since_last_cramp", &self.days_since_last_cramp)?;
        m.field("previous", &self.previous)?;
        m.field("change", self.change)?;
        m.field("profile", &self.profile)?;
        m.field("medicines", &self.medicines)?;
        m.field("notice", self.notice)?;
        if let Some(sweat) = &self.sweat {
            m.field("sweat", sweat)?;
        }
        m.close();
        Ok(())
    }
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
    /// The medicines logged as taken on some day of the period.
    medicines: Vec<JsonMedicine<'a>>,
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

/// One course of a medicine: `start` is null when only its stop was
/// logged, `stop` when it is still taken.
#[derive(Serialize)]
struct JsonMedicine<'a> {
    name: &'a str,
    class: Option<MedClass>,
    dose: Option<&'a str>,
    start: Option<JsonTime>,
    stop: Option<JsonTime>,
}

/// A time as the journal writes it.
#[derive(Serialize)]
struct JsonTime(#[serde(serialize_with = "crate::domain::timefmt::ser_time")] Time);

#[derive(Serialize)]
struct JsonProfile {
    diuretics: bool,
    statins: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::history::History;
    use crate::domain::medication::Course;
    use crate::domain::prefs::Prefs;
    use crate::domain::rules::Rules;
    use crate::domain::sweat;
    use crate::domain::week::{PeriodCramps, period_cramps, summarize};
    use chrono::{DateTime, FixedOffset};

    #[test]
    fn the_report_written_in_pieces_is_the_text_serde_writes() {
        let now: DateTime<FixedOffset> =
            DateTime::parse_from_rfc3339("2026-11-28T17:30:00-05:00").unwrap();
        let history = History::from_events(crate::demo::generate(400, 7, now));
        let rules = Rules::embedded().unwrap();
        let prefs = Prefs::default();
        let tz = *now.offset();
        for (first, n_days) in [
            (now.date_naive() - Duration::days(399), 400),
            (now.date_naive(), 1),
        ] {
            let PeriodCramps {
                flags,
                tied,
                snapshots,
            } = period_cramps(&now, (first, n_days), &history, &rules, &prefs);
            let summary = summarize(&now, first, n_days, &history, &rules, &prefs, &flags);
            let entries = summary.entries(&history, &tz, prefs.day_start_hour);
            let r = Report {
                summary: &summary,
                tied,
                snapshots,
                // The demo logs no medicine: one taken through the period
                // and one whose start was not logged, with every field
                // (serde writes them on both sides: this holds the order of
                // the members; tests/medication.rs holds their text).
                courses: vec![
                    Course {
                        name: "furosemide".into(),
                        class: Some(MedClass::Diuretic),
                        dose: Some("20 mg \"morning\"".into()),
                        start: Some(now - Duration::days(30)),
                        stop: None,
                        start_id: Some("A1".into()),
                        stop_id: None,
                    },
                    Course {
                        name: "atorvastatin".into(),
                        class: None,
                        dose: None,
                        start: None,
                        stop: Some(now - Duration::days(100)),
                        start_id: None,
                        stop_id: Some("A2".into()),
                    },
                ],
                entries,
                prefs: &prefs,
                tz,
                today: now.date_naive(),
            };
            let tests = sweat::tests(&history, &rules);
            let bands = sweat::bands(&tests, &rules, &now);
            assert!(n_days == 1 || (!r.tied.is_empty() && !tests.is_empty()));
            assert_eq!(r.courses_in_period().len(), if n_days == 1 { 1 } else { 2 });
            for doc in [json(&r), json(&r).with_sweat(&tests, &bands)] {
                let mut ours = Vec::new();
                doc.write_pretty(&mut ours).unwrap();
                let serdes = serde_json::to_string_pretty(&doc).unwrap();
                assert_eq!(String::from_utf8(ours).unwrap(), serdes);
            }
        }
    }
}
