//! FIT (Garmin, Wahoo, Coros, Suunto, smart scales): sessions become
//! workouts, weight-scale messages weights. Decoding is `fitparser`'s,
//! which reads chained files and developer fields.

use super::session::Session;
use super::{Found, Read, Refusal, Source, key_of};
use crate::domain::entry::{Body, Weight};
use crate::domain::import_rules::ImportRules;
use chrono::{DateTime, Utc};
use fitparser::de::{DecodeOption, FitObject, FitStreamProcessor};
use fitparser::profile::MesgNum;
use fitparser::{ErrorKind, FitDataRecord, Value};
use std::collections::HashSet;

/// Reads a FIT file. A bad checksum is warned about and what decodes is
/// kept, as other readers do; a file whose header is not FIT's or that is
/// cut short is refused.
pub fn read(bytes: &[u8], rules: &ImportRules) -> Result<Read, Refusal> {
    header(bytes)?;
    let mut warnings = Vec::new();
    let whole = chain_len(bytes);
    if whole < bytes.len() {
        warnings.push(format!(
            "{} bytes after its end ignored",
            bytes.len() - whole
        ));
    }
    let bytes = &bytes[..whole];
    let records = match decode(bytes, &HashSet::new())? {
        Ok(r) => r,
        Err(e) if matches!(*e, ErrorKind::InvalidCrc(..)) => {
            warnings.push("its checksum does not match; kept what decodes".to_string());
            let lax = HashSet::from([
                DecodeOption::SkipHeaderCrcValidation,
                DecodeOption::SkipDataCrcValidation,
            ]);
            decode(bytes, &lax)?.map_err(|e| refusal(&e))?
        }
        Err(e) => return Err(refusal(&e)),
    };
    let mut out = Read {
        found: Vec::new(),
        warnings,
    };
    // A chained file holds several files, each with its file_id first.
    let mut file_id = None;
    let mut sessions = Vec::new();
    let mut temps = Vec::new();
    // Where the sessions of the current file of a chain begin.
    let mut from = 0;
    let mut users = HashSet::new();
    for item in &records {
        let rec = match item {
            Item::Temperature(t) => {
                temps.push(*t);
                continue;
            }
            Item::Message(rec) => rec,
        };
        match rec.kind() {
            MesgNum::FileId => {
                mean_temperature(&mut sessions[from..], &mut temps);
                from = sessions.len();
                file_id = identity(rec);
            }
            MesgNum::Session => sessions.extend(session(rec).map(|s| (s, file_id.clone()))),
            MesgNum::WeightScale => {
                if let Some((f, user)) = weight(rec, file_id.clone()) {
                    users.insert(user);
                    out.found.push(f);
                }
            }
            _ => {}
        }
    }
    mean_temperature(&mut sessions[from..], &mut temps);
    for (s, id) in sessions {
        out.found.push(s.into_found("fit", id, rules));
    }
    if users.len() > 1 {
        out.warnings.push(format!(
            "weights of {} people on one scale (its source id names the user); delete those that are not yours",
            users.len()
        ));
    }
    if out.found.is_empty() {
        return Err(
            "a FIT file with no session or weighing (a course, settings or monitoring file?)"
                .into(),
        );
    }
    Ok(out)
}

/// What is kept of a FIT file's messages.
enum Item {
    /// A message decoded with the FIT profile (names, units, scales).
    Message(FitDataRecord),
    /// A record's temperature (C), read raw: activity files hold thousands
    /// of records, and decoding each in full took 30 ms a file.
    Temperature(f64),
}

/// The global numbers of the messages decoded in full: file_id, session,
/// weight_scale, and field_description and developer_data_id (decoding
/// these teaches the decoder the developer fields later messages carry).
const WANTED: [u16; 5] = [0, 18, 30, 206, 207];
const RECORD: u16 = 20;
/// A record's temperature field, in whole degrees C.
const RECORD_TEMPERATURE: u8 = 13;

/// fitparser's stream decoder, decoding in full only the messages
/// [`WANTED`], with a panic inside it (it has had arithmetic that overflows
/// on some broken files) turned into a refusal.
fn decode(
    bytes: &[u8],
    options: &HashSet<DecodeOption>,
) -> Result<fitparser::Result<Vec<Item>>, Refusal> {
    std::panic::catch_unwind(|| decode_wanted(bytes, options))
        .map_err(|_| "a FIT file the decoder cannot read".to_string())
}

fn decode_wanted(
    mut bytes: &[u8],
    options: &HashSet<DecodeOption>,
) -> fitparser::Result<Vec<Item>> {
    let mut p = FitStreamProcessor::new();
    for o in options {
        p.add_option(*o);
    }
    let mut items = Vec::new();
    while !bytes.is_empty() {
        let (rest, obj) = p.deserialize_next(bytes)?;
        match obj {
            FitObject::Crc(_) => p.reset(),
            FitObject::DataMessage(m) if WANTED.contains(&m.global_message_number()) => {
                items.push(Item::Message(p.decode_message(m)?));
            }
            FitObject::DataMessage(m) if m.global_message_number() == RECORD => {
                let t = m.fields().get(&RECORD_TEMPERATURE).and_then(number);
                // 127 is FIT's "no value" for a signed byte.
                items.extend(
                    t.filter(|t| (-60.0..70.0).contains(t))
                        .map(Item::Temperature),
                );
            }
            _ => {}
        }
        bytes = rest;
    }
    Ok(items)
}

/// How many bytes the chain of FIT files at the start of `b` spans: each
/// file's header and data and checksum, for as long as another header
/// follows. (What trails them is not a FIT file, and is left out.)
fn chain_len(b: &[u8]) -> usize {
    let mut at = 0;
    while let Some(rest) = b.get(at..) {
        let Some(&size) = rest.first() else { break };
        let size = size as usize;
        if !(size == 12 || size == 14) || rest.len() < size || &rest[8..12] != b".FIT" {
            break;
        }
        let data = u32::from_le_bytes([rest[4], rest[5], rest[6], rest[7]]) as usize;
        let Some(end) = (size + data).checked_add(2).filter(|e| *e <= rest.len()) else {
            // Cut short: the decoder says so.
            return b.len();
        };
        at += end;
    }
    at.max(1).min(b.len())
}

/// Checks the 12- or 14-byte header: its size, ".FIT", and that the data
/// it announces is there.
fn header(b: &[u8]) -> Result<(), Refusal> {
    let size = *b.first().ok_or("an empty file")? as usize;
    if !(size == 12 || size == 14) || b.len() < size || &b[8..12] != b".FIT" {
        return Err("not a FIT file: its header is corrupt".into());
    }
    let data = u32::from_le_bytes([b[4], b[5], b[6], b[7]]) as usize;
    if b.len() < size + data + 2 {
        return Err(format!(
            "a FIT file cut short: {} bytes of the {} its header announces",
            b.len(),
            size + data + 2
        ));
    }
    Ok(())
}

fn refusal(e: &ErrorKind) -> Refusal {
    match e {
        ErrorKind::UnexpectedEof(_) => "a FIT file cut short".into(),
        other => format!("a FIT file that cannot be decoded: {other}"),
    }
}

fn field<'a>(rec: &'a FitDataRecord, name: &str) -> Option<&'a Value> {
    rec.fields()
        .iter()
        .find(|f| f.name() == name)
        .map(|f| f.value())
}

fn number(v: &Value) -> Option<f64> {
    let n: f64 = v.clone().try_into().ok()?;
    n.is_finite().then_some(n)
}

fn time(v: &Value) -> Option<DateTime<Utc>> {
    match v {
        Value::Timestamp(t) => Some(t.to_utc()),
        _ => None,
    }
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        other => number(other).map(|n| format!("sport {n}")),
    }
}

/// The file's own identity: maker, serial number and creation time.
fn identity(rec: &FitDataRecord) -> Option<String> {
    let created = field(rec, "time_created").and_then(time)?;
    let serial = field(rec, "serial_number").and_then(number).unwrap_or(0.0);
    let maker = field(rec, "manufacturer")
        .map(ToString::to_string)
        .unwrap_or_default();
    Some(format!(
        "{maker} {serial:.0} {}",
        created.format("%Y-%m-%dT%H:%M:%SZ")
    ))
}

fn session(rec: &FitDataRecord) -> Option<Session> {
    let start = field(rec, "start_time").and_then(time)?;
    let elapsed = field(rec, "total_elapsed_time").and_then(number);
    let timer = field(rec, "total_timer_time").and_then(number);
    let moving = field(rec, "total_moving_time").and_then(number).or(timer);
    Some(Session {
        start,
        elapsed_s: elapsed.or(timer)?,
        moving_s: moving,
        sport: field(rec, "sport").and_then(text).unwrap_or_default(),
        sub_sport: field(rec, "sub_sport").and_then(text),
        avg_hr: field(rec, "avg_heart_rate").and_then(number),
        max_hr: field(rec, "max_heart_rate").and_then(number),
        avg_temp_c: field(rec, "avg_temperature").and_then(number),
        title: None,
    })
}

/// A weighing, with the scale's user number.
fn weight(rec: &FitDataRecord, file_id: Option<String>) -> Option<(Found, u32)> {
    let at = field(rec, "timestamp").and_then(time)?.fixed_offset();
    // The profile's weight type has a named value ("calculating"), so
    // fitparser reads it as an enum and leaves it unscaled: 1/100 kg.
    let kg = match field(rec, "weight")? {
        Value::Float32(_) | Value::Float64(_) => number(field(rec, "weight")?)?,
        Value::String(_) => return None,
        raw => number(raw)? / 100.0,
    };
    let user = field(rec, "user_profile_index")
        .and_then(number)
        .unwrap_or(0.0) as u32;
    let body = Body::Weight(Weight {
        kg: super::round2(kg),
        when: None,
        urine_ml: None,
    });
    let key = key_of(&at, &body);
    let id = Some(format!("{} user {user}", file_id.unwrap_or_default()));
    Some((
        Found {
            at,
            body,
            source: Source {
                from: "fit",
                id,
                key,
            },
        },
        user,
    ))
}

/// Sessions without an average temperature take the mean of their file's
/// record temperatures (Garmin writes those, not always the average).
fn mean_temperature(sessions: &mut [(Session, Option<String>)], temps: &mut Vec<f64>) {
    if !temps.is_empty() {
        let mean = temps.iter().sum::<f64>() / temps.len() as f64;
        for (s, _) in sessions.iter_mut().filter(|(s, _)| s.avg_temp_c.is_none()) {
            s.avg_temp_c = Some(mean);
        }
    }
    temps.clear();
}
