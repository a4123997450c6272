//! TCX (Garmin Training Center): activities with laps and track points.

use super::session::Session;
use super::xml::{Stats, Text, attr, local, num, reader, utc};
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
    let mut r = reader(bytes.trim_ascii_start(), true);
    let mut buf = Vec::new();
    let mut path: Vec<String> = Vec::new();
    let mut current: Option<Activity> = None;
    let mut out = Read::default();
    let mut pending = Text::default();
    loop {
        let ev = r
            .read_event_into(&mut buf)
            .map_err(|e| format!("not readable as TCX: {e}"))?;
        if let Some(s) = pending.at_tag(&ev)
            && let Some(a) = current.as_mut()
        {
            text(a, &path, &s);
        }
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
            X::Text(t) => pending.push(&t),
            X::GeneralRef(r) => pending.push_ref(&r),
            X::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    // Cut short (a copy interrupted): what was read of its last activity
    // is too short, and once imported, the whole file would be taken for
    // one already there. Refused, as a FIT file cut short is.
    if current.is_some() {
        return Err(
            "a TCX file cut short: it ends inside an activity (copy it again from the device or app)"
                .into(),
        );
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

    fn note_of(read: &Read) -> String {
        match &read.found[0].body {
            crate::domain::entry::Body::Workout(w) => w.note.clone().unwrap_or_default(),
            other => panic!("a workout, not {other:?}"),
        }
    }

    #[test]
    fn entities_in_the_notes_are_read_with_the_text_around_them() {
        let rules = Rules::embedded().unwrap().import;
        let text = String::from_utf8(TCX.to_vec()).unwrap().replace(
            "<Notes>Aerobics</Notes>",
            "<Notes> Hills &amp; intervals &#233;&#x2014; with &lt;Tom&gt; </Notes>",
        );
        let note = note_of(&read(text.as_bytes(), &rules).unwrap());
        assert!(note.contains("Hills & intervals é— with <Tom>"), "{note}");
    }

    #[test]
    fn a_file_cut_short_inside_its_activity_is_refused() {
        let rules = Rules::embedded().unwrap().import;
        // At the end of a line half way: every tag before it whole.
        let half = TCX.len() / 2;
        let end = half + TCX[half..].iter().position(|b| *b == b'\n').unwrap() + 1;
        assert_eq!(
            read(&TCX[..end], &rules),
            Err("a TCX file cut short: it ends inside an activity (copy it again from the device or app)".to_string())
        );
    }
}
