//! Entries as they stand, in the export formats: a JSON document and CSV.
//!
//! The CSV format, read and written by one table of columns, is in
//! `sources/crampwatch_csv/`; the JSON document is defined here.

use crate::domain::entry::Time;
use crate::domain::history::Entry;
use serde::{Deserialize, Serialize};

pub use crate::sources::crampwatch_csv::to_csv;

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
