//! Parsing what people type: amounts, durations, body weights and times.
//!
//! Pure functions: "now" and the time zone are passed in, so tests pin them.
//! Every error is one sentence that says what was wrong and what is accepted.

use crate::domain::entry::{KG_PER_LB, ML_PER_OZ, VolumeUnit};

mod time;

pub use time::{TimeUse, local_to_time, parse_since, parse_time, time_hint};

/// The largest single drink accepted, in millilitres ([`crate::domain::check`]).
pub const MAX_DRINK_ML: f64 = crate::domain::check::MAX_DRINK_ML as f64;
/// The most urine one weighing may note (passed since the previous weighing).
pub const MAX_URINE_ML: u32 = 2000;
/// The longest cramp accepted, in seconds ([`crate::domain::check`]).
pub const MAX_CRAMP_SECS: u32 = crate::domain::check::MAX_CRAMP_SECS;
/// How far in the future `--at` may be for anything but a plan.
pub const FUTURE_SLACK_MINUTES: i64 = crate::domain::check::FUTURE_SLACK_MINUTES;
/// How far ahead a plan may be. Kept short on purpose: a plan drives this
/// week's timers, and recent views read only the monthly files that can hold
/// what matters now (a plan is written up to this many days before its day).
pub const MAX_PLAN_DAYS: i64 = 14;

/// Splits `12.5oz` / `12.5 oz` into the number and the unit word.
fn split_number(s: &str) -> Option<(f64, String)> {
    let s = s.trim();
    let end = s
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == '-' || *c == '+'))
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(end);
    let n: f64 = num.parse().ok()?;
    if !n.is_finite() {
        return None;
    }
    Some((n, unit.trim().to_ascii_lowercase()))
}

/// Parses a drink amount into millilitres: `10oz`, `10 oz`, `300ml`, `0.5l`,
/// or a bare number in the display unit.
pub fn parse_volume(s: &str, unit: VolumeUnit) -> Result<u32, String> {
    parse_volume_upto(s, unit, MAX_DRINK_ML, true)
}

/// Parses urine passed since the previous weighing: a volume like
/// [`parse_volume`] (a bare number in the display unit), `0` for none, at
/// most [`MAX_URINE_ML`].
pub fn parse_urine(s: &str, unit: VolumeUnit) -> Result<u32, String> {
    if split_number(s).is_some_and(|(n, _)| n == 0.0) {
        return Ok(0);
    }
    parse_volume_upto(s, unit, MAX_URINE_ML as f64, false).map_err(|e| {
        if e.contains("a day") {
            format!(
                "'{}' is more urine than one weighing can note (at most 2 l)",
                s.trim()
            )
        } else {
            e
        }
    })
}

/// Parses a daily total (a goal), from 0.5 l to 6 l.
pub fn parse_volume_total(s: &str, unit: VolumeUnit) -> Result<u32, String> {
    let ml = parse_volume_upto(s, unit, 6000.0, false)?;
    if ml < 500 {
        return Err(format!(
            "'{}' is too small for a day (at least 0.5 l)",
            s.trim()
        ));
    }
    Ok(ml)
}

fn parse_volume_upto(
    s: &str,
    unit: VolumeUnit,
    max_ml: f64,
    one_drink: bool,
) -> Result<u32, String> {
    let hint = "try 10oz, 300ml or 0.5l";
    let Some((n, word)) = split_number(s) else {
        return Err(format!("'{}' is not a volume; {hint}", s.trim()));
    };
    let per = match word.as_str() {
        "" => unit.ml(),
        "oz" | "floz" | "fl oz" | "fl.oz" | "ounce" | "ounces" => ML_PER_OZ,
        "ml" | "milliliter" | "milliliters" | "millilitre" | "millilitres" => 1.0,
        "l" | "liter" | "liters" | "litre" | "litres" => 1000.0,
        "cl" => 10.0,
        "dl" => 100.0,
        _ => return Err(format!("'{}' is not a volume; {hint}", s.trim())),
    };
    let ml = n * per;
    if ml <= 0.0 {
        return Err(format!("'{}' is not a positive amount; {hint}", s.trim()));
    }
    if ml > max_ml && word.is_empty() && one_drink && n <= max_ml {
        return Err(format!(
            "'{}' is read as {} {}, more than one drink can be (at most {}); did you mean {}ml?",
            s.trim(),
            s.trim(),
            unit.label(),
            unit.format(max_ml),
            s.trim()
        ));
    }
    if ml > max_ml {
        return Err(if one_drink {
            format!(
                "'{}' is more than one drink can be (at most {}); log large amounts as several drinks",
                s.trim(),
                unit.format(max_ml)
            )
        } else {
            format!("'{}' is more than {} a day", s.trim(), unit.format(max_ml))
        });
    }
    let rounded = ml.round();
    if rounded < 1.0 {
        return Err(format!("'{}' is less than 1 ml; {hint}", s.trim()));
    }
    Ok(rounded as u32)
}

/// Parses a body weight into kilograms: `72.4kg`, `160lb`, or a bare number
/// (lb when the display unit is oz, kg when it is ml).
pub fn parse_mass(s: &str, unit: VolumeUnit) -> Result<f64, String> {
    let hint = "try 72.4kg or 160lb";
    let Some((n, word)) = split_number(s) else {
        return Err(format!("'{}' is not a body weight; {hint}", s.trim()));
    };
    let kg = match word.as_str() {
        "" => match unit {
            VolumeUnit::Oz => n * KG_PER_LB,
            VolumeUnit::Ml => n,
        },
        "kg" | "kgs" | "kilo" | "kilos" => n,
        "lb" | "lbs" | "pound" | "pounds" => n * KG_PER_LB,
        _ => return Err(format!("'{}' is not a body weight; {hint}", s.trim())),
    };
    if !crate::domain::check::BODY_KG.contains(&kg) {
        return Err(format!(
            "'{}' is not a plausible body weight (20-400 kg, 44-880 lb)",
            s.trim()
        ));
    }
    Ok((kg * 100.0).round() / 100.0)
}

/// Parses a duration into seconds: `90s`, `2m`, `1m30s`, `1h15m`.
pub fn parse_duration(s: &str) -> Result<u32, String> {
    let text = s.trim().to_ascii_lowercase();
    let hint = "try 90s, 2m or 1m30s";
    if text.starts_with('-') {
        return Err(format!("'{}' is negative; {hint}", s.trim()));
    }
    if text.is_empty() {
        return Err(format!("a duration is needed; {hint}"));
    }
    let mut total: u64 = 0;
    let mut num = String::new();
    let mut saw_unit = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            num.push(c);
            continue;
        }
        if c == ' ' {
            continue;
        }
        let mut word = c.to_string();
        while let Some(&n) = chars.peek() {
            if n.is_ascii_alphabetic() {
                word.push(n);
                chars.next();
            } else {
                break;
            }
        }
        let mult = match word.as_str() {
            "h" | "hr" | "hrs" | "hour" | "hours" => 3600,
            "m" | "min" | "mins" | "minute" | "minutes" => 60,
            "s" | "sec" | "secs" | "second" | "seconds" => 1,
            _ => return Err(format!("'{}' is not a duration; {hint}", s.trim())),
        };
        let n: u64 = num
            .parse()
            .map_err(|_| format!("'{}' is not a duration; {hint}", s.trim()))?;
        num.clear();
        total = total.saturating_add(n.saturating_mul(mult));
        saw_unit = true;
    }
    if !num.is_empty() {
        return Err(format!("'{}' needs a unit; {hint}", s.trim()));
    }
    if !saw_unit {
        return Err(format!("'{}' is not a duration; {hint}", s.trim()));
    }
    if total == 0 {
        return Err(format!("'{}' is zero; {hint}", s.trim()));
    }
    u32::try_from(total).map_err(|_| format!("'{}' is too long", s.trim()))
}

#[cfg(test)]
mod tests;
