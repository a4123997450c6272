//! Reading the CSV format back: an export, or a spreadsheet made by hand in it.
//!
//! Columns are found by their header name, so a hand-made sheet may leave out
//! the ones it does not use and put the rest in any order; `type` and `at` are
//! required. Rows are numbered as a spreadsheet shows them: the header is row 1.

use super::CSV_HEADER;
use crate::domain::entry::{
    Body, Cramp, CrampContext, Drink, DrinkKind, EntryKind, Heat, Intensity, MedAction, MedClass,
    Medication, Muscle, Plan, Relief, Side, Symptoms, Time, WeighWhen, Weight, Workout,
};
use crate::domain::input::{MAX_CRAMP_SECS, MAX_DRINK_ML, MAX_URINE_ML, local_to_time};
use crate::domain::medication::{check_dose, check_name};
use chrono::{DateTime, NaiveDateTime, TimeZone};
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
    let mut columns: HashMap<&'static str, usize> = HashMap::new();
    for (i, name) in header.iter().enumerate() {
        let name = name.trim().to_ascii_lowercase();
        let Some(known) = CSV_HEADER.iter().find(|h| **h == name) else {
            return Err(format!(
                "row 1: '{name}' is not a column of the crampwatch CSV format; the columns are {}",
                CSV_HEADER.join(",")
            ));
        };
        if columns.insert(known, i).is_some() {
            return Err(format!("row 1: the column '{name}' appears twice"));
        }
    }
    for required in ["type", "at"] {
        if !columns.contains_key(required) {
            return Err(format!(
                "row 1: the header has no '{required}' column (the columns are {})",
                CSV_HEADER.join(",")
            ));
        }
    }

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

    /// The note keeps its inner spacing and line breaks.
    fn note(&self) -> Option<String> {
        let i = *self.columns.get("note")?;
        let v = super::safe::restore(self.record.get(i)?);
        (!v.trim().is_empty()).then(|| v.to_string())
    }
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

/// The columns each type may fill (besides id, type, at, logged, note).
fn columns_of(kind: EntryKind) -> &'static [&'static str] {
    match kind {
        EntryKind::Drink => &["ml", "drink_kind", "sodium_mg"],
        EntryKind::Workout => &["activity", "end", "intensity", "heat", "new"],
        EntryKind::Plan => &["activity", "minutes", "intensity", "heat"],
        EntryKind::Cramp => &[
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
            "muscle_name",
        ],
        EntryKind::Weight => &["kg", "when", "urine_ml"],
        EntryKind::Medication => &["medicine", "med_action", "med_class", "dose"],
    }
}

fn body<Tz: TimeZone>(
    kind: EntryKind,
    c: &Cells,
    at: Option<Time>,
    tz: &Tz,
    p: &mut Problems,
) -> Option<Body> {
    let own = columns_of(kind);
    for name in CSV_HEADER[4..].iter().filter(|n| **n != "note") {
        if !own.contains(name) && c.get(name).is_some() {
            p.0.push(format!(
                "{name} does not apply to a {kind} (leave it empty)"
            ));
        }
    }
    if kind == EntryKind::Weight && c.note().is_some() {
        p.0.push("note does not apply to a weight (leave it empty)".into());
    }
    let note = c.note();
    let before = p.0.len();
    let body = match kind {
        EntryKind::Drink => {
            let ml = required(c, "ml", p)
                .and_then(|s| p.take(number::<u32>(s, "ml", 1, MAX_DRINK_ML as u32)));
            let kind = c
                .get("drink_kind")
                .map(|s| {
                    p.take(word(
                        s,
                        "drink_kind",
                        DrinkKind::from_word,
                        DrinkKind::choices,
                    ))
                })
                .unwrap_or(Some(DrinkKind::default()));
            let sodium_mg = c
                .get("sodium_mg")
                .and_then(|s| p.take(number::<u32>(s, "sodium_mg", 0, 10_000)));
            Body::Drink(Drink {
                ml: ml.unwrap_or(0),
                kind: kind.unwrap_or_default(),
                sodium_mg,
                note,
            })
        }
        EntryKind::Workout => {
            let activity = required(c, "activity", p).and_then(|s| p.take(activity(s)));
            let end = c.get("end").and_then(|s| p.take(time(s, "end", tz)));
            if let (Some(end), Some(at)) = (end, at)
                && end <= at
            {
                p.0.push("end must be after at".into());
            }
            Body::Workout(Workout {
                activity: activity.unwrap_or_default(),
                end,
                intensity: opt_word(c, "intensity", Intensity::from_word, Intensity::choices, p)
                    .unwrap_or_default(),
                heat: opt_word(c, "heat", Heat::from_word, Heat::choices, p).unwrap_or_default(),
                new: c
                    .get("new")
                    .and_then(|s| p.take(boolean(s, "new")))
                    .unwrap_or(false),
                note,
            })
        }
        EntryKind::Plan => {
            let activity = required(c, "activity", p).and_then(|s| p.take(activity(s)));
            let minutes =
                required(c, "minutes", p).and_then(|s| p.take(number::<u32>(s, "minutes", 5, 720)));
            Body::Plan(Plan {
                activity: activity.unwrap_or_default(),
                minutes: minutes.unwrap_or(0),
                intensity: opt_word(c, "intensity", Intensity::from_word, Intensity::choices, p)
                    .unwrap_or_default(),
                heat: opt_word(c, "heat", Heat::from_word, Heat::choices, p).unwrap_or_default(),
                note,
            })
        }
        EntryKind::Cramp => {
            let muscle = required(c, "muscle", p)
                .and_then(|s| p.take(word(s, "muscle", Muscle::from_word, Muscle::choices)));
            let relief = match c.get("relief") {
                None => Vec::new(),
                Some(s) => s
                    .split([',', ';'])
                    .map(str::trim)
                    .filter(|x| !x.is_empty())
                    .filter_map(|x| p.take(word(x, "relief", Relief::from_word, Relief::choices)))
                    .collect(),
            };
            let flag = |name: &str, p: &mut Problems| {
                c.get(name)
                    .and_then(|s| p.take(boolean(s, name)))
                    .unwrap_or(false)
            };
            Body::Cramp(Cramp {
                muscle: muscle.unwrap_or(Muscle::Other),
                side: opt_word(c, "side", Side::from_word, Side::choices, p),
                severity: c
                    .get("severity")
                    .and_then(|s| p.take(number::<u8>(s, "severity", 1, 10))),
                duration_s: c
                    .get("duration_s")
                    .and_then(|s| p.take(number::<u32>(s, "duration_s", 1, MAX_CRAMP_SECS))),
                context: opt_word(
                    c,
                    "context",
                    CrampContext::from_word,
                    CrampContext::choices,
                    p,
                ),
                symptoms: Symptoms {
                    swelling: flag("swelling", p),
                    redness: flag("redness", p),
                    weakness: flag("weakness", p),
                    numbness: flag("numbness", p),
                },
                relief,
                note,
                muscle_name: c.get("muscle_name").map(str::to_string),
            })
        }
        EntryKind::Weight => {
            let kg = required(c, "kg", p).and_then(|s| p.take(kg(s)));
            Body::Weight(Weight {
                kg: kg.unwrap_or(0.0),
                when: opt_word(c, "when", WeighWhen::from_word, WeighWhen::choices, p),
                urine_ml: c
                    .get("urine_ml")
                    .and_then(|s| p.take(number::<u32>(s, "urine_ml", 0, MAX_URINE_ML))),
            })
        }
        EntryKind::Medication => medication(c, note, p)?,
    };
    (p.0.len() == before).then_some(body)
}

fn medication(c: &Cells, note: Option<String>, p: &mut Problems) -> Option<Body> {
    let name = required(c, "medicine", p).and_then(|s| {
        p.take(
            check_name(s)
                .map_err(|_| format!("medicine '{s}' should be a name of 1 to 60 characters")),
        )
    });
    let dose = c.get("dose").and_then(|s| p.take(check_dose(s))).flatten();
    let action = required(c, "med_action", p).and_then(|s| {
        p.take(word(
            s,
            "med_action",
            MedAction::from_word,
            MedAction::choices,
        ))
    });
    let class = opt_word(c, "med_class", MedClass::from_word, MedClass::choices, p);
    Some(Body::Medication(Medication {
        action: action?,
        name: name?,
        class,
        dose,
        note,
    }))
}

fn required<'a>(c: &'a Cells, name: &str, p: &mut Problems) -> Option<&'a str> {
    let v = c.get(name);
    if v.is_none() {
        p.0.push(format!("{name} is empty but needed for this type"));
    }
    v
}

fn word<T>(
    s: &str,
    column: &str,
    parse: fn(&str) -> Option<T>,
    choices: fn() -> String,
) -> Result<T, String> {
    parse(s).ok_or_else(|| format!("{column} '{s}' is not one of {}", choices()))
}

fn opt_word<T>(
    c: &Cells,
    column: &str,
    parse: fn(&str) -> Option<T>,
    choices: fn() -> String,
    p: &mut Problems,
) -> Option<T> {
    c.get(column)
        .and_then(|s| p.take(word(s, column, parse, choices)))
}

fn number<T>(s: &str, column: &str, lo: T, hi: T) -> Result<T, String>
where
    T: std::str::FromStr + PartialOrd + std::fmt::Display + Copy,
{
    match s.parse::<T>() {
        Ok(v) if v >= lo && v <= hi => Ok(v),
        _ => Err(format!(
            "{column} '{s}' is not a whole number from {lo} to {hi}"
        )),
    }
}

fn boolean(s: &str, column: &str) -> Result<bool, String> {
    match s.to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "1" | "x" => Ok(true),
        "false" | "no" | "n" | "0" => Ok(false),
        _ => Err(format!("{column} '{s}' is not true or false (or empty)")),
    }
}

fn kg(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if crate::domain::check::BODY_KG.contains(&v) => Ok(v),
        _ => Err(format!(
            "kg '{s}' is not a plausible body weight in kg (20-400)"
        )),
    }
}

fn activity(s: &str) -> Result<String, String> {
    if s.chars().count() > 40 || s.chars().any(char::is_control) {
        return Err(format!(
            "activity '{s}' should be a short name, like run or swim"
        ));
    }
    Ok(s.to_string())
}

/// RFC 3339, or a local `2026-11-27 21:00[:00]` / `2026-11-27T21:00` in `tz`.
fn time<Tz: TimeZone>(s: &str, column: &str, tz: &Tz) -> Result<Time, String> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t);
    }
    for fmt in [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(s, fmt) {
            return local_to_time(tz, naive, s).map_err(|e| format!("{column}: {e}"));
        }
    }
    Err(format!(
        "{column} '{s}' is not a time; use 2026-11-27T21:00:00-05:00 or 2026-11-27 21:00"
    ))
}
