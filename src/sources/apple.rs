//! Apple Health `export.xml` (inside `export.zip` or alone), streamed:
//! exports reach gigabytes, so it is read event by event and only the few
//! element kinds crampwatch uses are looked at: `Workout`, body-mass and
//! dietary-water `Record`s.

use super::session::Session;
use super::xml::{attr, num, reader};
use super::{Found, Read, Refusal, Source, key_of};
use crate::domain::entry::{Body, Drink, KG_PER_LB, ML_PER_OZ, Weight};
use crate::domain::import_rules::ImportRules;
use chrono::{DateTime, Utc};
use quick_xml::events::{BytesStart, Event as X};
use std::io::{BufRead, Read as _};

const BODY_MASS: &str = "HKQuantityTypeIdentifierBodyMass";
const WATER: &str = "HKQuantityTypeIdentifierDietaryWater";
/// Errors past this many end the read (what was read is kept).
const MAX_ERRORS: usize = 50;

/// Reads an export. Some iOS versions write a DTD that does not parse and
/// stray control characters; neither stops the read.
pub fn read<R: BufRead>(input: R, rules: &ImportRules) -> Result<Read, Refusal> {
    let input = without_doctype(input).map_err(|e| format!("cannot be read: {e}"))?;
    let mut r = reader(input, false);
    let mut buf = Vec::new();
    let mut out = Read::default();
    let mut seen_root = false;
    let mut workout: Option<Session> = None;
    let mut errors = 0;
    loop {
        let ev = match r.read_event_into(&mut buf) {
            Ok(ev) => ev,
            Err(e) => {
                errors += 1;
                if !seen_root || errors > MAX_ERRORS {
                    if !seen_root {
                        return Err(format!("not readable as an Apple Health export: {e}"));
                    }
                    out.warnings
                        .push(format!("stopped after {errors} unreadable parts: {e}"));
                    break;
                }
                buf.clear();
                continue;
            }
        };
        match ev {
            X::Start(e) | X::Empty(e) if !seen_root => seen_root = check_root(&e)?,
            X::Start(e) => start(&e, &mut workout, &mut out),
            X::Empty(e) => {
                start(&e, &mut workout, &mut out);
                if e.local_name().as_ref() == "Workout" {
                    finish(&mut workout, &mut out, rules);
                }
            }
            X::End(e) if e.local_name().as_ref() == "Workout" => {
                finish(&mut workout, &mut out, rules)
            }
            X::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !seen_root {
        return Err("not an Apple Health export (no <HealthData>)".into());
    }
    if errors > 0 && errors <= MAX_ERRORS {
        out.warnings
            .push(format!("{errors} unreadable part(s) skipped"));
    }
    Ok(out)
}

/// The export with its DOCTYPE cut out: some iOS versions write one that
/// no XML reader parses (an unclosed ATTLIST), and nothing in it is needed.
/// Only the head, up to `<HealthData`, is held in memory.
fn without_doctype<R: BufRead>(mut r: R) -> std::io::Result<impl BufRead> {
    const MAX_HEAD: usize = 4 << 20;
    let find = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).position(|w| w == needle);
    let mut head = Vec::new();
    while find(&head, b"<HealthData").is_none() && head.len() < MAX_HEAD {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        let n = buf.len().min(64 << 10);
        head.extend_from_slice(&buf[..n]);
        r.consume(n);
    }
    if let Some(start) = find(&head, b"<!DOCTYPE")
        && let Some(end) = find(&head[start..], b"<HealthData")
    {
        head.drain(start..start + end);
    }
    Ok(std::io::Cursor::new(head).chain(r))
}

fn check_root(e: &BytesStart) -> Result<bool, Refusal> {
    if e.local_name().as_ref() == "HealthData" {
        Ok(true)
    } else {
        Err(format!(
            "not an Apple Health export (its root is <{}>)",
            e.local_name().as_ref()
        ))
    }
}

fn start(e: &BytesStart, workout: &mut Option<Session>, out: &mut Read) {
    match e.local_name().as_ref() {
        "Record" => {
            // Most records are heart rate, steps...: skipped before their
            // attributes are parsed.
            let raw = e.attributes_raw();
            if raw.contains(BODY_MASS) || raw.contains(WATER) {
                out.found.extend(record(e));
            }
        }
        "Workout" => *workout = Some(workout_start(e)),
        "MetadataEntry" => {
            if let Some(w) = workout.as_mut()
                && attr(e, "key").as_deref() == Some("HKWeatherTemperature")
            {
                w.avg_temp_c = attr(e, "value").as_deref().and_then(celsius);
            }
        }
        "WorkoutStatistics" => {
            if let Some(w) = workout.as_mut()
                && attr(e, "type").as_deref() == Some("HKQuantityTypeIdentifierHeartRate")
            {
                w.avg_hr = attr(e, "average").as_deref().and_then(num);
                w.max_hr = attr(e, "maximum").as_deref().and_then(num);
            }
        }
        _ => {}
    }
}

fn finish(workout: &mut Option<Session>, out: &mut Read, rules: &ImportRules) {
    if let Some(w) = workout.take() {
        if w.start.timestamp() == 0 {
            out.warnings
                .push("a Workout without a readable startDate was skipped".into());
            return;
        }
        out.found.push(w.into_found("apple-health", None, rules));
    }
}

/// "2019-06-01 07:30:00 -0400", as Apple writes dates.
fn date(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_str(s.trim(), "%Y-%m-%d %H:%M:%S %z")
        .ok()
        .map(|t| t.to_utc())
}

/// "72 degF" or "21.5 degC".
fn celsius(s: &str) -> Option<f64> {
    let s = s.trim();
    if let Some(f) = s.strip_suffix("degF") {
        return num(f).map(|f| (f - 32.0) * 5.0 / 9.0);
    }
    num(s.strip_suffix("degC").unwrap_or(s))
}

fn workout_start(e: &BytesStart) -> Session {
    let start = attr(e, "startDate").as_deref().and_then(date);
    let end = attr(e, "endDate").as_deref().and_then(date);
    let minutes = match attr(e, "durationUnit").as_deref() {
        Some("s") => 1.0 / 60.0,
        Some("hr" | "h") => 60.0,
        _ => 1.0,
    };
    let moving = attr(e, "duration")
        .as_deref()
        .and_then(num)
        .map(|d| d * minutes * 60.0);
    let elapsed = match (start, end) {
        (Some(s), Some(e)) => (e - s).num_milliseconds() as f64 / 1000.0,
        _ => moving.unwrap_or(0.0),
    };
    Session {
        start: start.unwrap_or_default(),
        elapsed_s: elapsed,
        moving_s: moving,
        sport: attr(e, "workoutActivityType").unwrap_or_default(),
        title: attr(e, "sourceName").map(|s| format!("recorded by {s}")),
        ..Session::default()
    }
}

fn record(e: &BytesStart) -> Option<Found> {
    let ty = attr(e, "type")?;
    let at = date(&attr(e, "startDate")?)?.fixed_offset();
    let value = num(&attr(e, "value")?)?;
    let unit = attr(e, "unit").unwrap_or_default();
    let body = if ty == BODY_MASS {
        let kg = match unit.as_str() {
            "lb" => value * KG_PER_LB,
            "g" => value / 1000.0,
            _ => value,
        };
        Body::Weight(Weight {
            kg: super::round2(kg),
            when: None,
            urine_ml: None,
        })
    } else if ty == WATER {
        let ml = match unit.as_str() {
            "L" => value * 1000.0,
            "fl_oz_us" => value * ML_PER_OZ,
            "cup_us" => value * 236.588,
            _ => value,
        };
        // Out of u32 or below 0.5 ml: kept as 0 for the check to refuse by name.
        let ml = if (0.5..4e9).contains(&ml) {
            ml.round() as u32
        } else {
            0
        };
        Body::Drink(Drink {
            ml,
            kind: Default::default(),
            sodium_mg: None,
            note: Some("from Apple Health".into()),
        })
    } else {
        return None;
    };
    let key = key_of(&at, &body);
    Some(Found {
        at,
        body,
        source: Source {
            from: "apple-health",
            id: None,
            key,
        },
    })
}
