//! GPX: track points with times; heart rate and temperature from Garmin's
//! TrackPointExtension (`gpxtpx:hr`, `gpxtpx:atemp`) where present.

use super::session::Session;
use super::xml::{Stats, Text, local, num, reader, utc};
use super::{Read, Refusal};
use crate::domain::import_rules::ImportRules;
use chrono::{DateTime, Utc};
use quick_xml::events::Event as X;

#[derive(Default)]
struct Track {
    first: Option<DateTime<Utc>>,
    last: Option<DateTime<Utc>>,
    /// Track points, with times or without.
    points: usize,
    hr: Stats,
    temp: Stats,
    sport: Option<String>,
    name: Option<String>,
}

/// Reads a GPX file as one session: from its first timed track point to
/// its last. A GPX without timed track points (a route, a plan) is refused.
pub fn read(bytes: &[u8], rules: &ImportRules) -> Result<Read, Refusal> {
    let t = track(bytes)?;
    let (Some(start), Some(last)) = (t.first, t.last) else {
        return Err(format!(
            "a GPX with no track points that have times ({} track points, none timed); a route or plan is not a workout",
            t.points
        ));
    };
    let session = Session {
        start,
        elapsed_s: (last - start).num_milliseconds() as f64 / 1000.0,
        sport: t.sport.unwrap_or_default(),
        avg_hr: t.hr.mean(),
        max_hr: t.hr.max(),
        avg_temp_c: t.temp.mean(),
        title: t.name,
        ..Session::default()
    };
    Ok(Read {
        found: vec![session.into_found("gpx", None, rules)],
        warnings: Vec::new(),
    })
}

/// What a GPX file's track holds, its text read whole.
fn track(bytes: &[u8]) -> Result<Track, Refusal> {
    let mut r = reader(bytes.trim_ascii_start(), true);
    let mut buf = Vec::new();
    let mut path: Vec<String> = Vec::new();
    let mut t = Track::default();
    let mut pending = Text::default();
    loop {
        let ev = r
            .read_event_into(&mut buf)
            .map_err(|e| format!("not readable as GPX: {e}"))?;
        if let Some(s) = pending.at_tag(&ev) {
            text(&mut t, &path, &s);
        }
        match ev {
            X::Start(e) => {
                let name = local(&e);
                t.points += usize::from(name == "trkpt");
                path.push(name);
            }
            X::Empty(e) => t.points += usize::from(local(&e) == "trkpt"),
            X::End(_) => {
                path.pop();
            }
            X::Text(x) => pending.push(&x),
            X::GeneralRef(r) => pending.push_ref(&r),
            X::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    // Cut short inside its track: its end would be taken for the workout's.
    if path.iter().any(|p| p == "trk") {
        return Err(
            "a GPX file cut short: it ends inside its track (copy it again from the device or app)"
                .into(),
        );
    }
    Ok(t)
}

fn text(t: &mut Track, path: &[String], s: &str) {
    let n = path.len();
    let last = path.last().map(String::as_str).unwrap_or("");
    let parent = if n >= 2 { path[n - 2].as_str() } else { "" };
    let in_point = path.iter().any(|p| p == "trkpt");
    match (parent, last) {
        ("trkpt", "time") => {
            if let Some(time) = utc(s) {
                t.first = Some(t.first.map_or(time, |f| f.min(time)));
                t.last = Some(t.last.map_or(time, |l| l.max(time)));
            }
        }
        ("trk", "type") if t.sport.is_none() => t.sport = Some(s.to_string()),
        ("trk", "name") if t.name.is_none() => t.name = Some(s.to_string()),
        (_, "hr") if in_point => {
            if let Some(v) = num(s) {
                t.hr.add(v);
            }
        }
        (_, "atemp" | "temp") if in_point => {
            if let Some(v) = num(s) {
                t.temp.add(v);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rules::Rules;

    const GPX: &[u8] = include_bytes!("../../tests/fixtures/devices/gpx-garmin-ext.gpx");

    #[test]
    fn entities_in_the_name_and_type_are_read_with_the_text_around_them() {
        let rules = Rules::embedded().unwrap().import;
        let text = String::from_utf8(GPX.to_vec())
            .unwrap()
            .replace(
                "<name>Evening Run</name>",
                "<name>Rock &lt;n&gt; roll</name>",
            )
            .replace("<type>running</type>", "<type>Trail &amp; road</type>");
        let t = track(text.as_bytes()).unwrap();
        assert_eq!(t.name.as_deref(), Some("Rock <n> roll"));
        assert_eq!(t.sport.as_deref(), Some("Trail & road"));
        assert!(read(text.as_bytes(), &rules).is_ok());
    }

    #[test]
    fn a_file_cut_short_inside_its_track_is_refused() {
        let rules = Rules::embedded().unwrap().import;
        // At the end of a line half way: every tag before it whole.
        let half = GPX.len() / 2;
        let end = half + GPX[half..].iter().position(|b| *b == b'\n').unwrap() + 1;
        assert_eq!(
            read(&GPX[..end], &rules).map(|_| ()),
            Err("a GPX file cut short: it ends inside its track (copy it again from the device or app)".to_string())
        );
    }
}
