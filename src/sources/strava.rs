//! A Strava bulk export: `activities.csv` (one row per activity) and the
//! activity files its `Filename` column names (FIT, TCX or GPX, often
//! gzipped). A row whose file reads takes the file's times, heart rate and
//! temperature, and Strava's sport, title and description; a row without
//! a readable file comes from the CSV alone.

use super::session::Session;
use super::{Found, Read, Refusal, sport};
use crate::domain::entry::Body;
use crate::domain::import_rules::ImportRules;
use chrono::{DateTime, NaiveDateTime, Utc};

/// The columns used, by their first occurrence (Strava repeats names such
/// as "Elapsed Time" and "Distance"; the first is the one in its own units).
struct Columns {
    id: usize,
    date: usize,
    name: Option<usize>,
    kind: Option<usize>,
    description: Option<usize>,
    elapsed: Option<usize>,
    moving: Option<usize>,
    max_hr: Option<usize>,
    avg_hr: Option<usize>,
    temp: Option<usize>,
    filename: Option<usize>,
}

impl Columns {
    fn find(header: &csv::StringRecord) -> Result<Columns, Refusal> {
        let at = |name: &str| header.iter().position(|h| h.trim() == name);
        Ok(Columns {
            id: at("Activity ID").ok_or("activities.csv without an \"Activity ID\" column")?,
            date: at("Activity Date")
                .ok_or("activities.csv without an \"Activity Date\" column")?,
            name: at("Activity Name"),
            kind: at("Activity Type"),
            description: at("Activity Description"),
            elapsed: at("Elapsed Time"),
            moving: at("Moving Time"),
            max_hr: at("Max Heart Rate"),
            avg_hr: at("Average Heart Rate"),
            temp: at("Average Temperature"),
            filename: at("Filename"),
        })
    }
}

/// "Sep 12, 2018, 3:02:23 PM", in UTC, as Strava writes dates.
pub fn date(s: &str) -> Option<DateTime<Utc>> {
    NaiveDateTime::parse_from_str(s.trim(), "%b %e, %Y, %l:%M:%S %p")
        .or_else(|_| NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%d %H:%M:%S"))
        .ok()
        .map(|t| t.and_utc())
}

/// Reads `activities.csv`; `file` reads an activity file it names (a path
/// relative to the export's top), `None` when it is not there.
pub fn read(
    csv_bytes: &[u8],
    rules: &ImportRules,
    mut file: impl FnMut(&str) -> Option<Result<Read, Refusal>>,
) -> Result<Read, Refusal> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(csv_bytes);
    let header = rdr
        .headers()
        .map_err(|e| format!("activities.csv: {e}"))?
        .clone();
    let cols = Columns::find(&header)?;
    let mut out = Read::default();
    for (i, row) in rdr.records().enumerate() {
        let line = i + 2;
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                out.warnings.push(format!("activities.csv row {line}: {e}"));
                continue;
            }
        };
        let cell = |c: Option<usize>| {
            c.and_then(|c| row.get(c))
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        let id = cell(Some(cols.id)).unwrap_or("").to_string();
        let Some(start) = cell(Some(cols.date)).and_then(date) else {
            out.warnings.push(format!(
                "activities.csv row {line}: no readable \"Activity Date\""
            ));
            continue;
        };
        let kind = cell(cols.kind).unwrap_or("").to_string();
        let mut title = cell(cols.name).unwrap_or("").to_string();
        if let Some(d) = cell(cols.description) {
            title = if title.is_empty() {
                d.to_string()
            } else {
                format!("{title}: {d}")
            };
        }
        let from_file = cell(cols.filename).and_then(&mut file);
        let found = match from_file {
            Some(Ok(r)) => r
                .found
                .into_iter()
                .find(|f| matches!(f.body, Body::Workout(_))),
            Some(Err(why)) => {
                out.warnings
                    .push(format!("activities.csv row {line}: its file: {why}"));
                None
            }
            None => None,
        };
        let mut found = found.unwrap_or_else(|| {
            let num = |c| {
                cell(c)
                    .and_then(|s| s.replace(',', "").parse::<f64>().ok())
                    .filter(|v| v.is_finite())
            };
            let session = Session {
                start,
                elapsed_s: num(cols.elapsed).unwrap_or(0.0),
                moving_s: num(cols.moving),
                sport: kind.clone(),
                avg_hr: num(cols.avg_hr),
                max_hr: num(cols.max_hr),
                avg_temp_c: num(cols.temp),
                ..Session::default()
            };
            session.into_found("strava", None, rules)
        });
        rename(&mut found, &kind, &title, &id);
        out.found.push(found);
    }
    Ok(out)
}

/// Strava's sport, title and id on a workout read from its file.
fn rename(found: &mut Found, kind: &str, title: &str, id: &str) {
    found.source.from = "strava";
    if !id.is_empty() {
        found.source.id = Some(format!("activity {id}"));
    }
    if let Body::Workout(w) = &mut found.body {
        if !kind.is_empty() {
            w.activity = sport::activity(kind).to_string();
        }
        let note = w.note.take().unwrap_or_default();
        let mut parts = vec![format!(
            "Strava {}",
            if kind.is_empty() { "activity" } else { kind }
        )];
        if !title.is_empty() {
            parts.push(super::clean_text(title, 300));
        }
        // The reader's note without its own "from ...: sport" head.
        if let Some((_, rest)) = note.split_once("; ") {
            parts.push(rest.to_string());
        }
        w.note = Some(parts.join("; "));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strava_dates_are_read_as_utc() {
        let t = date("Sep 12, 2018, 3:02:23 PM").unwrap();
        assert_eq!(t.to_rfc3339(), "2018-09-12T15:02:23+00:00");
        let t = date("Jan 1, 2020, 12:00:00 AM").unwrap();
        assert_eq!(t.to_rfc3339(), "2020-01-01T00:00:00+00:00");
        assert!(date("yesterday").is_none());
    }
}
