//! Importers for the files users already have: FIT (watches, bike computers,
//! smart scales), TCX, GPX, Apple Health exports and Strava bulk exports.
//!
//! Each format's reader turns bytes (or, for Apple Health, a stream) into
//! [`Found`] entries; [`detect`] tells the formats apart by content,
//! [`walk`] opens files, folders, `.zip` and `.gz`, and [`plan`] decides
//! what is new against the journal; [`devices`] makes the changes an import
//! of them writes. crampwatch's own files are read by [`crampwatch_json`],
//! [`crampwatch_csv`] and [`journal`], and imported by [`own`]. Every
//! entry passes `Change::check`; the store mints new ones
//! (`store::commit_batch`). Printing is the CLI's.

pub mod apple;
pub mod check;
pub mod crampwatch_csv;
pub mod crampwatch_json;
pub mod detect;
pub mod devices;
pub mod fit;
pub mod gpx;
pub mod journal;
pub mod own;
pub mod plan;
pub mod session;
pub mod sport;
pub mod strava;
pub mod tcx;
pub mod walk;
mod xml;

use crate::domain::entry::{Body, Time};

/// An entry read from a file, with where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub at: Time,
    pub body: Body,
    pub source: Source,
}

/// Where an imported entry came from, kept on its journal event as
/// `"source": {"from": ..., "id": ..., "key": ...}` so nothing is imported twice.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    /// The format: fit, tcx, gpx, apple-health, strava.
    pub from: &'static str,
    /// The source's own identity for the thing, when it has one: a FIT
    /// file's serial number and creation time, a Strava activity id.
    pub id: Option<String>,
    /// What makes the entry the same whatever format it came in: the kind
    /// and its UTC time (and value, for weights and drinks).
    pub key: String,
}

impl Source {
    /// The JSON kept on the event.
    pub fn to_json(&self) -> serde_json::Value {
        let mut m = serde_json::Map::new();
        m.insert("from".into(), self.from.into());
        if let Some(id) = &self.id {
            m.insert("id".into(), id.as_str().into());
        }
        m.insert("key".into(), self.key.as_str().into());
        serde_json::Value::Object(m)
    }
}

/// What a file gave: its entries, and what was odd but not fatal.
#[derive(Debug, Default, PartialEq)]
pub struct Read {
    pub found: Vec<Found>,
    pub warnings: Vec<String>,
}

/// A file refused, in words for the user.
pub type Refusal = String;

/// The key of a weight or drink: its UTC time and value.
pub fn key_of(at: &Time, body: &Body) -> String {
    let t = at.to_utc().format("%Y-%m-%dT%H:%M:%SZ");
    match body {
        Body::Weight(w) => format!("weight {t} {:.2}", w.kg),
        Body::Drink(d) => format!("drink {t} {}", d.ml),
        other => format!("{} {t}", other.kind().word()),
    }
}

/// Text from a file, fit for a note: control characters become spaces,
/// and it is cut at `max` characters.
pub fn clean_text(s: &str, max: usize) -> String {
    s.trim()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(max)
        .collect()
}

/// To the hundredth (kilograms as the CLI keeps them); a value too large to
/// round is left for the checks to refuse.
pub fn round2(v: f64) -> f64 {
    if v.abs() < 1e12 {
        (v * 100.0).round() / 100.0
    } else {
        v
    }
}

#[cfg(test)]
mod fuzz_tests;
