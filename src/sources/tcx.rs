//! TCX (Garmin Training Center): activities with laps and track points.

use super::session::Session;
use super::xml::{Stats, attr, local, num, reader, utc};
use super::{Read, Refusal};
use crate::domain::import_rules::ImportRules;
use quick_xml::events::Event as X;

/// One `<Activity>` as it is read.
#[derive(Default)]
struct Activity {
    sport: String,
    id: Option<String>,
    lap_start: Option<chrono::DateTime<chrono::Utc>>,
    first: Option<chrono::DateTime<chrono::Utc>>,
    last: Option<chrono::DateTime<chrono::Utc>>,
    lap_seconds: f64,
    hr: Stats,
    temp: Stats,
    notes: Option<String>,
}

impl Activity {
    fn into_session(self) -> Option<Session> {
        let id_time = self.id.as_deref().and_then(utc);
        let start = id_time.or(self.lap_start).or(self.first)?;
        let elapsed = match self.last {
            Some(last) if last > start => (last - start).num_milliseconds() as f64 / 1000.0,
            _ => self.lap_seconds,
        };
        Some(Session {
            start,
            elapsed_s: elapsed,
            moving_s: (self.lap_seconds > 0.0).then_some(self.lap_seconds),
            sport: self.sport,
            avg_hr: self.hr.mean(),
            max_hr: self.hr.max(),
            avg_temp_c: self.temp.mean(),
            title: self.notes,
            ..Session::default()
        })
    }
}

/// Reads a TCX file (leading whitespace, as Strava writes, is fine).
pub fn read(bytes: &[u8], rules: &ImportRules) -> Result<Read, Refusal> {
    let mut r = reader(bytes.trim_ascii_start());
    let mut buf = Vec::new();
    let mut path: Vec<String> = Vec::new();
    let mut current: Option<Activity> = None;
    let mut out = Read::default();
    loop {
        let ev = r
            .read_event_into(&mut buf)
            .map_err(|e| format!("not readable as TCX: {e}"))?;
        match ev {
            X::Start(e) => {
                let name = local(&e);
                if name == "Activity" {
                    current = Some(Activity {
                        sport: attr(&e, "Sport").unwrap_or_default(),
                        ..Activity::default()
                    });
                } else if name == "Lap"
                    && let Some(a) = current.as_mut()
                    && a.lap_start.is_none()
                {
                    a.lap_start = attr(&e, "StartTime").as_deref().and_then(utc);
                }
                path.push(name);
            }
            X::End(_) => {
                if path.pop().as_deref() == Some("Activity")
                    && let Some(a) = current.take()
                {
                    push(&mut out, a, rules);
                }
            }
            X::Text(t) => {
                if let Some(a) = current.as_mut() {
                    text(a, &path, &t.xml10_content());
                }
            }
            X::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if let Some(a) = current.take() {
        out.warnings.push("the file ends inside an activity".into());
        push(&mut out, a, rules);
    }
    if out.found.is_empty() {
        return Err("a TCX file with no activity that has a start time".into());
    }
    Ok(out)
}

fn push(out: &mut Read, a: Activity, rules: &ImportRules) {
    let id = a.id.clone();
    if let Some(s) = a.into_session() {
        out.found.push(s.into_found("tcx", id, rules));
    }
}

fn text(a: &mut Activity, path: &[String], t: &str) {
    let n = path.len();
    let last = path.last().map(String::as_str).unwrap_or("");
    let parent = if n >= 2 { path[n - 2].as_str() } else { "" };
    let in_point = path.iter().any(|p| p == "Trackpoint");
    match (parent, last) {
        ("Activity", "Id") => a.id = Some(t.trim().to_string()),
        ("Activity", "Notes") => a.notes = Some(t.to_string()),
        ("Lap", "TotalTimeSeconds") => a.lap_seconds += num(t).unwrap_or(0.0).max(0.0),
        ("Trackpoint", "Time") => {
            if let Some(time) = utc(t) {
                a.first = Some(a.first.map_or(time, |f| f.min(time)));
                a.last = Some(a.last.map_or(time, |l| l.max(time)));
            }
        }
        ("HeartRateBpm", "Value") if in_point => {
            if let Some(v) = num(t) {
                a.hr.add(v);
            }
        }
        (_, "Temperature") if in_point => {
            if let Some(v) = num(t) {
                a.temp.add(v);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rules::Rules;

    const TCX: &[u8] = include_bytes!("../../tests/fixtures/devices/test.tcx");

    #[test]
    fn whitespace_before_the_declaration_reads_the_same() {
        // Strava writes TCX files with blank lines before `<?xml`.
        let rules = Rules::embedded().unwrap().import;
        let mut padded = b"\n\n   \n".to_vec();
        padded.extend_from_slice(TCX);
        let plain = read(TCX, &rules).unwrap();
        let padded = read(&padded, &rules).unwrap();
        assert_eq!(plain, padded);
        assert_eq!(plain.found.len(), 1);
    }
}
