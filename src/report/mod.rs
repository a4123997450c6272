//! A run of days rendered for people: text for the terminal (with small text
//! charts), Markdown for a clinician, JSON for scripts.
//!
//! Nothing here writes escape codes: the text is the same on a terminal and in
//! a pipe.

mod figures;
pub mod html;
mod html_logs;
mod json;
mod json_days;
mod json_pretty;
mod markdown;
pub mod page;
mod period;
pub mod svg;
pub mod sweat;
mod text;
mod wording;

pub use json::{JsonReport, json};
pub use markdown::markdown;
pub use text::text;

use crate::domain::context::Snapshot;
use crate::domain::entry::{Body, Cramp, Time, VolumeUnit};
use crate::domain::history::Entry;
use crate::domain::medication::Course;
use crate::domain::prefs::Prefs;
use crate::domain::week::Summary;
use chrono::{NaiveDate, TimeZone};
use std::collections::HashMap;

/// The line every report ends with.
pub const NOT_ADVICE: &str = "General information, not medical advice. \
Bring this summary to a physiotherapist or doctor; their advice for you comes first.";

/// What a report shows: the figures, the entries of those days (in time
/// order) and whether each cramp was tied to exercise.
pub struct Report<'a, Tz: TimeZone> {
    pub summary: &'a Summary,
    pub entries: Vec<&'a Entry>,
    /// For each cramp entry id, whether it was tied to exercise (looked up
    /// once per cramp: a list searched each time grew with the square of a
    /// long report's cramps).
    pub tied: HashMap<String, bool>,
    /// For each cramp entry id, what came before it.
    pub snapshots: HashMap<String, Snapshot>,
    /// Every medicine course in the journal: the report's sections show
    /// those taken on its days ([`Report::courses_in_period`]); the HTML
    /// page's appendix lists them all.
    pub courses: Vec<Course>,
    pub prefs: &'a Prefs,
    pub tz: Tz,
    /// The day "now" is in, for "3 days ago".
    pub today: NaiveDate,
}

impl<Tz: TimeZone> Report<'_, Tz> {
    fn unit(&self) -> VolumeUnit {
        self.prefs.unit
    }

    fn is_tied(&self, id: &str) -> bool {
        self.tied.get(id).copied().unwrap_or(false)
    }

    fn snapshot(&self, id: &str) -> Option<&Snapshot> {
        self.snapshots.get(id)
    }

    fn local(&self, t: &Time) -> chrono::NaiveDateTime {
        t.with_timezone(&self.tz).naive_local()
    }

    fn cramps(&self) -> impl Iterator<Item = (&Entry, &Cramp)> {
        self.entries.iter().filter_map(|e| match &e.body {
            Body::Cramp(c) => Some((*e, c)),
            _ => None,
        })
    }

    /// The medicines taken on some day of the report (started before it
    /// and still taken, or started or stopped in it), in the courses' order
    /// (by start; one logged only by its stop comes first).
    fn courses_in_period(&self) -> Vec<&Course> {
        self.courses
            .iter()
            .filter(|c| figures::course_span(self, c).is_some())
            .collect()
    }

    fn medication(&self) -> Vec<&'static str> {
        let p = &self.prefs.profile;
        let mut v = Vec::new();
        if p.diuretics {
            v.push("a diuretic (\"water pill\")");
        }
        if p.statins {
            v.push("a statin");
        }
        v
    }
}

/// The dates of a period, for callers that build one from `--since`.
pub fn days_between(first: NaiveDate, last: NaiveDate) -> u32 {
    ((last - first).num_days() + 1).max(1) as u32
}
