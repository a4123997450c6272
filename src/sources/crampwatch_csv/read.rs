//! Reading the CSV format back: an export, or a spreadsheet made by hand in it.
//!
//! Columns are found by their header name, so a hand-made sheet may leave out
//! the ones it does not use and put the rest in any order; `type` and `at` are
//! required. Rows are numbered as a spreadsheet shows them: the header is row 1.

use super::cells::{time, word};
use super::table::{self, COLUMNS, Column, Reader};
use crate::domain::entry::{
    Body, Cramp, Drink, DrinkKind, EntryKind, Heat, Intensity, MedAction, Medication, Muscle, Plan,
    Time, Weight, Workout,
};
use EntryKind as K;
use chrono::TimeZone;
use std::collections::HashMap;

/// One good row: an entry to add. `id` is None when the cell was empty (a new
/// id is made on import); `logged` is None when empty (the import time is used).
#[derive(Clone, Debug, PartialEq)]
pub struct CsvRow {
    pub row: usize,
    pub id: Option<String>,
    pub at: Time,
    pub logged: Option<Time>,
    pub body: Body,
}

/// A bad row, with its spreadsheet row number and every problem found in it.
#[derive(Clone, Debug, PartialEq)]
pub struct RowError {
    pub row: usize,
    pub message: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "row {}: {}", self.row, self.message)
    }
}

/// Parses CSV text in the export format. Times without an offset
/// (`2026-11-27 21:00`) are read in `tz`. Errs only when the file as a whole
/// is unusable (no header, unknown columns); bad rows are listed instead.
pub fn from_csv<Tz: TimeZone>(text: &str, tz: &Tz) -> Result<(Vec<CsvRow>, Vec<RowError>), String> {
    let (mut rows, mut errors) = (Vec::new(), Vec::new());
    each_csv_row(text, tz, |row| match row {
        Ok(r) => rows.push(r),
        Err(e) => errors.push(e),
    })?;
    Ok((rows, errors))
}

/// [`from_csv`], one row at a time, in order: a sheet of years need not be
/// held as rows before it is used.
pub fn each_csv_row<Tz: TimeZone>(
    text: &str,
    tz: &Tz,
    mut each: impl FnMut(Result<CsvRow, RowError>),
) -> Result<(), String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| format!("cannot read the header row: {e}"))?
        .clone();
    let columns = columns_of(&header)?;

    for (i, record) in reader.records().enumerate() {
        let row = i + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                each(Err(RowError {
                    row,
                    message: format!("unreadable: {e}"),
                }));
                continue;
            }
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.len() > header.len() {
            each(Err(RowError {
                row,
                message: format!(
                    "{} cells, but the header has {} columns",
                    record.len(),
                    header.len()
                ),
            }));
            continue;
        }
        let cells = Cells {
            record: &record,
            columns: &columns,
        };
        match parse_row(&cells, tz) {
            Ok((id, at, logged, body)) => each(Ok(CsvRow {
                row,
                id,
                at,
                logged,
                body,
            })),
            Err(problems) => each(Err(RowError {
                row,
                message: problems.join("; "),
            })),
        }
    }
    Ok(())
}

/// Each column of the header, by name, with its position: a column of
/// another name, a column twice, or no `type` or `at` refuses the file.
fn columns_of(header: &csv::StringRecord) -> Result<HashMap<&'static str, usize>, String> {
    let mut columns: HashMap<&'static str, usize> = HashMap::new();
    for (i, name) in header.iter().enumerate() {
        let name = name.trim().to_ascii_lowercase();
        let Some(known) = table::named(&name) else {
            return Err(format!(
                "row 1: '{name}' is not a column of the crampwatch CSV format; the columns are {}",
                columns_named()
            ));
        };
        if columns.insert(known.name, i).is_some() {
            return Err(format!("row 1: the column '{name}' appears twice"));
        }
    }
    for required in ["type", "at"] {
        if !columns.contains_key(required) {
            return Err(format!(
                "row 1: the header has no '{required}' column (the columns are {})",
                columns_named()
            ));
        }
    }
    Ok(columns)
}

struct Cells<'a> {
    record: &'a csv::StringRecord,
    columns: &'a HashMap<&'static str, usize>,
}

impl Cells<'_> {
    /// The trimmed cell of a column, None when absent or empty.
    fn get(&self, name: &str) -> Option<&str> {
        let i = *self.columns.get(name)?;
        let v = super::safe::restore(self.record.get(i)?).trim();
        (!v.is_empty()).then_some(v)
    }

    /// A column's cell as the column reads it: a raw one (the note) keeps
    /// its inner spacing and line breaks. None when absent or blank.
    fn cell(&self, c: &Column) -> Option<&str> {
        if !c.raw {
            return self.get(c.name);
        }
        let i = *self.columns.get(c.name)?;
        let v = super::safe::restore(self.record.get(i)?);
        (!v.trim().is_empty()).then_some(v)
    }
}

fn columns_named() -> String {
    table::names().collect::<Vec<_>>().join(",")
}

type Parsed = (Option<String>, Time, Option<Time>, Body);

/// Collects every problem of a row, so one run names them all.
struct Problems(Vec<String>);

impl Problems {
    fn take<T>(&mut self, r: Result<T, String>) -> Option<T> {
        r.map_err(|e| self.0.push(e)).ok()
    }
}

fn parse_row<Tz: TimeZone>(c: &Cells, tz: &Tz) -> Result<Parsed, Vec<String>> {
    let mut p = Problems(Vec::new());
    let id = c.get("id").map(str::to_string);
    if let Some(id) = &id
        && (id.chars().any(|ch| ch.is_whitespace() || ch.is_control()) || id.len() > 64)
    {
        p.0.push(format!("id '{id}' has spaces or is too long"));
    }
    let kind = match c.get("type") {
        None => {
            p.0.push(format!(
                "type is empty; use one of {}",
                EntryKind::choices()
            ));
            None
        }
        Some(t) => p.take(word::<EntryKind>(
            t,
            "type",
            EntryKind::from_word,
            EntryKind::choices,
        )),
    };
    let at = match c.get("at") {
        None => {
            p.0.push(
                "at is empty; give a time like 2026-11-27T21:00:00-05:00 or 2026-11-27 21:00"
                    .into(),
            );
            None
        }
        Some(s) => p.take(time(s, "at", tz)),
    };
    let logged = c.get("logged").and_then(|s| p.take(time(s, "logged", tz)));

    let body = kind.and_then(|k| body(k, c, at, tz, &mut p));
    match (p.0.is_empty(), at, body) {
        (true, Some(at), Some(body)) => Ok((id, at, logged, body)),
        _ => Err(p.0),
    }
}

/// The body of a row of `kind`: every column of the table that fills it,
/// read by the column's own setter; a cell in a column of another kind is
/// a problem.
fn body<Tz: TimeZone>(
    kind: EntryKind,
    c: &Cells,
    at: Option<Time>,
    tz: &Tz,
    p: &mut Problems,
) -> Option<Body> {
    let before = p.0.len();
    let others = || {
        COLUMNS
            .iter()
            .filter(move |col| !col.kinds.is_empty() && !col.fills(kind))
    };
    // The note last, as before the table: the one column all kinds but one have.
    let not_note = others().filter(|col| col.name != "note");
    for col in not_note.chain(others().filter(|col| col.name == "note")) {
        if c.cell(col).is_some() {
            p.0.push(format!(
                "{} does not apply to a {kind} (leave it empty)",
                col.name
            ));
        }
    }
    let time = |s: &str, column: &str| time(s, column, tz);
    let reader = Reader { at, time: &time };
    let mut body = blank(kind);
    for col in COLUMNS.iter().filter(|col| col.fills(kind)) {
        match c.cell(col) {
            Some(s) => {
                p.take((col.set)(&mut body, s, &reader));
            }
            None if col.required => {
                p.0.push(format!("{} is empty but needed for this type", col.name));
            }
            None => {}
        }
    }
    (p.0.len() == before).then_some(body)
}

/// A body of `kind` before its cells are read: what an empty optional cell
/// leaves. (A needed cell left empty is a problem, so its placeholder here
/// never reaches the journal.)
fn blank(kind: EntryKind) -> Body {
    match kind {
        K::Drink => Body::Drink(Drink {
            ml: 0,
            kind: DrinkKind::default(),
            sodium_mg: None,
            note: None,
        }),
        K::Workout => Body::Workout(Workout {
            activity: String::new(),
            end: None,
            intensity: Intensity::default(),
            heat: Heat::default(),
            new: false,
            note: None,
        }),
        K::Plan => Body::Plan(Plan {
            activity: String::new(),
            minutes: 0,
            intensity: Intensity::default(),
            heat: Heat::default(),
            note: None,
        }),
        K::Cramp => Body::Cramp(Cramp {
            muscle: Muscle::Other,
            side: None,
            severity: None,
            duration_s: None,
            context: None,
            symptoms: Default::default(),
            relief: Vec::new(),
            note: None,
            muscle_name: None,
        }),
        K::Weight => Body::Weight(Weight {
            kg: 0.0,
            when: None,
            urine_ml: None,
        }),
        K::Medication => Body::Medication(Medication {
            action: MedAction::Start,
            name: String::new(),
            class: None,
            dose: None,
            note: None,
        }),
    }
}
