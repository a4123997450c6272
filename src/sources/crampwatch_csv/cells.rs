//! Reading one cell: the words, numbers, flags and times of the CSV format,
//! each refused with a message that names its column.

use crate::domain::entry::Time;
use crate::domain::input::local_to_time;
use chrono::{DateTime, NaiveDateTime, TimeZone};

pub fn word<T>(
    s: &str,
    column: &str,
    parse: fn(&str) -> Option<T>,
    choices: fn() -> String,
) -> Result<T, String> {
    parse(s).ok_or_else(|| format!("{column} '{s}' is not one of {}", choices()))
}

pub fn number<T>(s: &str, column: &str, lo: T, hi: T) -> Result<T, String>
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

pub fn boolean(s: &str, column: &str) -> Result<bool, String> {
    match s.to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "1" | "x" => Ok(true),
        "false" | "no" | "n" | "0" => Ok(false),
        _ => Err(format!("{column} '{s}' is not true or false (or empty)")),
    }
}

pub fn kg(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if crate::domain::check::BODY_KG.contains(&v) => Ok(v),
        _ => Err(format!(
            "kg '{s}' is not a plausible body weight in kg (20-400)"
        )),
    }
}

pub fn activity(s: &str) -> Result<String, String> {
    if s.chars().count() > 40 || s.chars().any(char::is_control) {
        return Err(format!(
            "activity '{s}' should be a short name, like run or swim"
        ));
    }
    Ok(s.to_string())
}

/// RFC 3339, or a local `2026-11-27 21:00[:00]` / `2026-11-27T21:00` in `tz`.
pub fn time<Tz: TimeZone>(s: &str, column: &str, tz: &Tz) -> Result<Time, String> {
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
