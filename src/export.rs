//! Entries as they stand, in the export formats: a JSON document and CSV.
//!
//! The CSV header is stable (documented in the README); columns that do not
//! apply to an entry's type are empty.

use crate::domain::entry::{Body, Time};
use crate::domain::history::Entry;
use serde::{Deserialize, Serialize};

mod csv_in;
mod csv_safe;
mod json_in;
pub use csv_in::{CsvRow, RowError, each_csv_row, from_csv};
pub use json_in::{JsonExport, each_export_entry};

/// The marker that tells a crampwatch export from any other JSON.
pub const EXPORT_FORMAT: &str = "crampwatch-export";
/// The export version this program writes and reads; a newer one is refused.
pub const EXPORT_VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
pub struct ExportDoc {
    pub format: String,
    pub version: u32,
    pub exported: Time,
    pub entries: Vec<Entry>,
}

impl ExportDoc {
    pub fn new(exported: Time, entries: Vec<Entry>) -> ExportDoc {
        ExportDoc {
            format: EXPORT_FORMAT.into(),
            version: EXPORT_VERSION,
            exported,
            entries,
        }
    }
}

/// The CSV columns, in order.
pub const CSV_HEADER: [&str; 26] = [
    "id",
    "type",
    "at",
    "logged",
    "ml",
    "drink_kind",
    "sodium_mg",
    "activity",
    "end",
    "minutes",
    "intensity",
    "heat",
    "new",
    "muscle",
    "side",
    "severity",
    "duration_s",
    "context",
    "swelling",
    "redness",
    "weakness",
    "numbness",
    "relief",
    "kg",
    "when",
    "note",
];

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

fn flag(b: bool) -> String {
    if b { "true".into() } else { String::new() }
}

/// One CSV row for an entry, in [`CSV_HEADER`] order.
pub fn csv_row(e: &Entry) -> Vec<String> {
    let mut r = vec![String::new(); CSV_HEADER.len()];
    r[0] = e.id.clone();
    r[1] = e.kind().to_string();
    r[2] = e.at.to_rfc3339();
    r[3] = e.logged.to_rfc3339();
    match &e.body {
        Body::Drink(d) => {
            r[4] = d.ml.to_string();
            r[5] = d.kind.to_string();
            r[6] = opt(d.sodium_mg);
            r[25] = d.note.clone().unwrap_or_default();
        }
        Body::Workout(w) => {
            r[7] = w.activity.clone();
            r[8] = opt(w.end.map(|t| t.to_rfc3339()));
            r[10] = w.intensity.to_string();
            r[11] = w.heat.to_string();
            r[12] = flag(w.new);
            r[25] = w.note.clone().unwrap_or_default();
        }
        Body::Plan(p) => {
            r[7] = p.activity.clone();
            r[9] = p.minutes.to_string();
            r[10] = p.intensity.to_string();
            r[11] = p.heat.to_string();
            r[25] = p.note.clone().unwrap_or_default();
        }
        Body::Cramp(c) => {
            r[13] = c.muscle.to_string();
            r[14] = opt(c.side);
            r[15] = opt(c.severity);
            r[16] = opt(c.duration_s);
            r[17] = opt(c.context);
            r[18] = flag(c.symptoms.swelling);
            r[19] = flag(c.symptoms.redness);
            r[20] = flag(c.symptoms.weakness);
            r[21] = flag(c.symptoms.numbness);
            r[22] = c
                .relief
                .iter()
                .map(|x| x.word())
                .collect::<Vec<_>>()
                .join(",");
            r[25] = c.note.clone().unwrap_or_default();
        }
        Body::Weight(w) => {
            r[23] = format!("{}", w.kg);
            r[24] = opt(w.when);
        }
    }
    r
}

/// Every entry as CSV text, header first.
pub fn to_csv(entries: &[Entry]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(CSV_HEADER).expect("writing to memory");
    for e in entries {
        let row = csv_row(e);
        w.write_record(row.iter().map(|c| csv_safe::defuse(c).into_owned()))
            .expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("CSV of UTF-8 is UTF-8")
}

#[cfg(test)]
#[path = "export/csv_tests.rs"]
mod csv_tests;
