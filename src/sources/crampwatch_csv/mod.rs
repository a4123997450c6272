//! crampwatch's own CSV format, both ways: an export written, and an export
//! or a spreadsheet made by hand in it read back.
//!
//! The CSV header is stable (documented in the README); columns that do not
//! apply to an entry's type are empty.

use crate::domain::entry::Body;
use crate::domain::history::Entry;

mod read;
mod safe;
pub use read::{CsvRow, RowError, each_csv_row, from_csv};

/// The CSV columns, in order.
pub const CSV_HEADER: [&str; 32] = [
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
    "medicine",
    "med_action",
    "med_class",
    "dose",
    "note",
    "muscle_name",
    "urine_ml",
];

/// The position of a column of [`CSV_HEADER`], by name, so a new column
/// is one line in the header and one where its value is set.
fn col(name: &str) -> usize {
    CSV_HEADER
        .iter()
        .position(|h| *h == name)
        .unwrap_or_else(|| panic!("{name} is not a CSV column"))
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

fn flag(b: bool) -> String {
    if b { "true".into() } else { String::new() }
}

/// One CSV row for an entry, in [`CSV_HEADER`] order.
pub fn csv_row(e: &Entry) -> Vec<String> {
    let mut r = vec![String::new(); CSV_HEADER.len()];
    r[col("id")] = e.id.clone();
    r[col("type")] = e.kind().to_string();
    r[col("at")] = e.at.to_rfc3339();
    r[col("logged")] = e.logged.to_rfc3339();
    match &e.body {
        Body::Drink(d) => {
            r[col("ml")] = d.ml.to_string();
            r[col("drink_kind")] = d.kind.to_string();
            r[col("sodium_mg")] = opt(d.sodium_mg);
            r[col("note")] = d.note.clone().unwrap_or_default();
        }
        Body::Workout(w) => {
            r[col("activity")] = w.activity.clone();
            r[col("end")] = opt(w.end.map(|t| t.to_rfc3339()));
            r[col("intensity")] = w.intensity.to_string();
            r[col("heat")] = w.heat.to_string();
            r[col("new")] = flag(w.new);
            r[col("note")] = w.note.clone().unwrap_or_default();
        }
        Body::Plan(p) => {
            r[col("activity")] = p.activity.clone();
            r[col("minutes")] = p.minutes.to_string();
            r[col("intensity")] = p.intensity.to_string();
            r[col("heat")] = p.heat.to_string();
            r[col("note")] = p.note.clone().unwrap_or_default();
        }
        Body::Cramp(c) => {
            r[col("muscle")] = c.muscle.to_string();
            r[col("side")] = opt(c.side);
            r[col("severity")] = opt(c.severity);
            r[col("duration_s")] = opt(c.duration_s);
            r[col("context")] = opt(c.context);
            r[col("muscle_name")] = c.muscle_name.clone().unwrap_or_default();
            r[col("swelling")] = flag(c.symptoms.swelling);
            r[col("redness")] = flag(c.symptoms.redness);
            r[col("weakness")] = flag(c.symptoms.weakness);
            r[col("numbness")] = flag(c.symptoms.numbness);
            r[col("relief")] = c
                .relief
                .iter()
                .map(|x| x.word())
                .collect::<Vec<_>>()
                .join(",");
            r[col("note")] = c.note.clone().unwrap_or_default();
        }
        Body::Weight(w) => {
            r[col("kg")] = format!("{}", w.kg);
            r[col("when")] = opt(w.when);
            r[col("urine_ml")] = opt(w.urine_ml);
        }
        Body::Medication(m) => {
            r[col("medicine")] = m.name.clone();
            r[col("med_action")] = m.action.to_string();
            r[col("med_class")] = opt(m.class);
            r[col("dose")] = m.dose.clone().unwrap_or_default();
            r[col("note")] = m.note.clone().unwrap_or_default();
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
        w.write_record(row.iter().map(|c| safe::defuse(c).into_owned()))
            .expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("CSV of UTF-8 is UTF-8")
}

#[cfg(test)]
mod props;
#[cfg(test)]
mod tests;
