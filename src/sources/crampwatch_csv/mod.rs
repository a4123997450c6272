//! crampwatch's own CSV format, both ways: an export written, and an export
//! or a spreadsheet made by hand in it read back.
//!
//! The CSV header is stable (documented in the README); columns that do not
//! apply to an entry's type are empty.

use crate::domain::history::Entry;
use table::COLUMNS;

mod cells;
mod read;
mod safe;
mod table;
pub use read::{CsvRow, RowError, each_csv_row, from_csv};
pub use table::names as header;

/// One CSV row for an entry, in the order of the header: each column's
/// cell for the entry's kind, empty where the column does not apply.
pub fn csv_row(e: &Entry) -> Vec<String> {
    let kind = e.kind();
    COLUMNS
        .iter()
        .map(|c| match c.name {
            "id" => e.id.clone(),
            "type" => kind.to_string(),
            "at" => e.at.to_rfc3339(),
            "logged" => e.logged.to_rfc3339(),
            _ if c.fills(kind) => (c.get)(&e.body).unwrap_or_default(),
            _ => String::new(),
        })
        .collect()
}

/// Every entry as CSV text, header first. Cells pass the one sanitiser
/// (`term_safe::cell`: no escape, C1 or bidi control reaches a terminal
/// that shows the file), then [`safe::defuse`] (no formula runs in a
/// spreadsheet).
pub fn to_csv(entries: &[Entry]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(table::names()).expect("writing to memory");
    for e in entries {
        let row = csv_row(e);
        let cells = row
            .iter()
            .map(|c| safe::defuse(&crate::term_safe::cell(c)).into_owned());
        w.write_record(cells).expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("CSV of UTF-8 is UTF-8")
}

#[cfg(test)]
mod props;
#[cfg(test)]
mod tests;
