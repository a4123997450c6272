//! Parsing what people type: amounts, durations, body weights and times.
//!
//! Pure functions: "now" and the time zone are passed in, so tests pin them.
//! Every error is one sentence that says what was wrong and what is accepted.

use super::entry::{KG_PER_LB, ML_PER_OZ, Time, VolumeUnit};
use super::phrases;
use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, TimeZone};

/// The largest single drink accepted, in millilitres.
pub const MAX_DRINK_ML: f64 = 2000.0;
/// The most urine one weighing may note (passed since the previous weighing).
pub const MAX_URINE_ML: u32 = 2000;
/// The longest cramp accepted, in seconds.
pub const MAX_CRAMP_SECS: u32 = 4 * 3600;
/// How far in the future `--at` may be for anything but a plan.
pub const FUTURE_SLACK_MINUTES: i64 = 5;
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
    if !(20.0..=400.0).contains(&kg) {
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

/// Parses a relative offset like `2h`, `90m`, `1h30m` into a chrono Duration.
fn parse_offset(s: &str) -> Option<Duration> {
    parse_duration(s)
        .ok()
        .map(|secs| Duration::seconds(secs as i64))
}

/// Which way a time may point from now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeUse {
    /// Something that happened: at most a few minutes in the future.
    Past,
    /// A plan: may be in the future (`tomorrow 07:00`, `+3h`).
    Plan,
    /// A filter (`--since`): any time up to now.
    Since,
}

/// Parses a point in time, relative to `now` in the zone `tz`.
///
/// Accepts `14:30`, `8pm`, `7:30 am`, `noon`, `today 14:30`, `yesterday 21:00`,
/// weekday names (`sat 07:00`: the last one, or the next one for plans),
/// `2026-11-27 21:00`, RFC 3339, `-2h`, `30m ago`, `-2d`, `now`, and for plans
/// `tomorrow 7am`, `+3h`, `+2d` and `in 3h`.
pub fn parse_time<Tz: TimeZone>(s: &str, now: &DateTime<Tz>, use_: TimeUse) -> Result<Time, String>
where
    Tz::Offset: Copy,
{
    let text = s.trim().to_ascii_lowercase();
    let hint = time_hint(now.date_naive(), use_);
    let bad = || format!("'{}' is not a time; {hint}", s.trim());
    let fixed = |t: DateTime<Tz>| t.fixed_offset();

    let result: Time = if text == "now" {
        fixed(*now)
    } else if let Ok(t) = DateTime::parse_from_rfc3339(s.trim()) {
        t
    } else if let Some(rest) = text.strip_prefix('-') {
        shift(now, rest, -1).ok_or_else(bad)?
    } else if let Some(rest) = text
        .strip_suffix(" ago")
        .or_else(|| text.strip_suffix("ago"))
    {
        shift(now, rest, -1).ok_or_else(bad)?
    } else if let Some(rest) = text.strip_prefix('+').or_else(|| text.strip_prefix("in ")) {
        shift(now, rest, 1).ok_or_else(bad)?
    } else if NaiveDate::parse_from_str(&text, "%Y-%m-%d").is_ok() {
        return Err(format!(
            "'{}' needs a time of day too, like '{} 21:00'",
            s.trim(),
            text
        ));
    } else {
        let (day, time_text) = phrases::split_day(&text, now.date_naive()).ok_or_else(bad)?;
        let time = phrases::clock(time_text).ok_or_else(|| {
            if time_text.is_empty() {
                format!("'{}' needs a time of day; {hint}", s.trim())
            } else if looks_like_clock(time_text) {
                format!("'{}' is not a time of day (00:00-23:59); {hint}", s.trim())
            } else {
                bad()
            }
        })?;
        let date = match day {
            phrases::Day::Date(d) => d,
            phrases::Day::Weekday(wd) => {
                phrases::weekday_date(wd, time, now.naive_local(), use_ == TimeUse::Plan)
            }
        };
        local_to_time(&now.timezone(), date.and_time(time), s)?
    };

    check_range(result, &fixed(*now), use_, s)
}

/// What a time may look like, with dates computed from today so that an
/// example is never stale: yesterday's date for the past, tomorrow's for plans.
pub fn time_hint(today: NaiveDate, use_: TimeUse) -> String {
    let day = |d: Option<NaiveDate>| d.unwrap_or(today).format("%Y-%m-%d").to_string();
    match use_ {
        TimeUse::Plan => format!(
            "try 18:00, 6pm, tomorrow 7am, sat 07:00, +3h or {} 07:00",
            day(today.succ_opt())
        ),
        _ => format!(
            "try 14:30, 8pm, yesterday 21:00, mon 07:00, -2h, 30m ago or {} 21:00",
            day(today.pred_opt())
        ),
    }
}

/// `now` moved by an offset: whole days keep the wall-clock time (`+2d` is
/// the same time two days on, across a DST change); hours and minutes are
/// elapsed time.
fn shift<Tz: TimeZone>(now: &DateTime<Tz>, offset: &str, sign: i64) -> Option<Time>
where
    Tz::Offset: Copy,
{
    if let Some(n) = phrases::days(offset) {
        let naive = now.naive_local() + Duration::days(sign * n);
        return local_to_time(&now.timezone(), naive, offset).ok();
    }
    let d = parse_offset(offset)?;
    Some((*now + d * sign as i32).fixed_offset())
}

fn looks_like_clock(t: &str) -> bool {
    !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == ':' || c == '.')
}

/// Resolves a wall-clock time in a zone; a time skipped by a DST change is an
/// error, a repeated one takes the earlier moment.
pub fn local_to_time<Tz: TimeZone>(
    tz: &Tz,
    naive: NaiveDateTime,
    original: &str,
) -> Result<Time, String> {
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => Ok(t.fixed_offset()),
        // The earlier by comparison: chrono's `Local` gives the pair in the
        // wrong order (chronotope/chrono#1625).
        LocalResult::Ambiguous(a, b) => Ok(std::cmp::min(a, b).fixed_offset()),
        LocalResult::None => Err(format!(
            "'{}' does not exist on that day (the clocks changed); pick a time outside the skipped hour",
            original.trim()
        )),
    }
}

fn check_range(t: Time, now: &Time, use_: TimeUse, original: &str) -> Result<Time, String> {
    let slack = Duration::minutes(FUTURE_SLACK_MINUTES);
    match use_ {
        TimeUse::Past | TimeUse::Since => {
            if t > *now + slack {
                return Err(format!(
                    "'{}' is in the future ({}); only plans can be ahead of now — for earlier today use a time before now, or 'yesterday HH:MM'",
                    original.trim(),
                    t.format("%Y-%m-%d %H:%M")
                ));
            }
            if t < *now - Duration::days(365 * 50) {
                return Err(format!("'{}' is too far in the past", original.trim()));
            }
        }
        TimeUse::Plan => {
            if t > *now + Duration::days(MAX_PLAN_DAYS) {
                return Err(format!(
                    "'{}' is more than {MAX_PLAN_DAYS} days ahead; plan closer to the day",
                    original.trim()
                ));
            }
            if t < *now - Duration::hours(1) {
                return Err(format!(
                    "'{}' is in the past; a plan is for later (log a finished session with 'workout add')",
                    original.trim()
                ));
            }
        }
    }
    Ok(t)
}

/// Parses `--since`: a time (as [`parse_time`]) or a span back from now
/// (`30d`, `2w`, `12h`).
pub fn parse_since<Tz: TimeZone>(s: &str, now: &DateTime<Tz>) -> Result<Time, String>
where
    Tz::Offset: Copy,
{
    let text = s.trim().to_ascii_lowercase();
    if let Some((n, unit)) = split_number(&text)
        && n > 0.0
    {
        let secs = match unit.as_str() {
            "d" | "day" | "days" => Some(n * 86400.0),
            "w" | "week" | "weeks" => Some(n * 7.0 * 86400.0),
            "h" | "hour" | "hours" => Some(n * 3600.0),
            "m" | "min" | "mins" => Some(n * 60.0),
            "y" | "year" | "years" => Some(n * 365.0 * 86400.0),
            _ => None,
        };
        if let Some(secs) = secs {
            if secs > 200.0 * 365.0 * 86400.0 {
                return Err(format!("'{}' is too long a span", s.trim()));
            }
            return Ok((*now - Duration::seconds(secs as i64)).fixed_offset());
        }
    }
    parse_time(s, now, TimeUse::Since).map_err(|_| {
        let month_start = now.date_naive().with_day(1).unwrap_or(now.date_naive());
        format!(
            "'{}' is not a time or a span; try 7d, 2w, 12h, yesterday 21:00 or {} 00:00",
            s.trim(),
            month_start.format("%Y-%m-%d")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::America::New_York;
    use chrono_tz::Tz;

    fn ny(s: &str) -> DateTime<Tz> {
        let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        New_York.from_local_datetime(&naive).earliest().unwrap()
    }

    #[test]
    fn volumes_in_every_accepted_form() {
        let oz = VolumeUnit::Oz;
        assert_eq!(parse_volume("10oz", oz), Ok(296));
        assert_eq!(parse_volume("10 oz", oz), Ok(296));
        assert_eq!(parse_volume("300ml", oz), Ok(300));
        assert_eq!(parse_volume("0.5l", oz), Ok(500));
        assert_eq!(parse_volume("0.5 L", oz), Ok(500));
        assert_eq!(parse_volume("8", oz), Ok(237));
        assert_eq!(parse_volume("250", VolumeUnit::Ml), Ok(250));
    }

    #[test]
    fn bad_volumes_say_what_is_accepted() {
        let oz = VolumeUnit::Oz;
        for bad in ["-5oz", "0", "10 parsecs", "40l", "", "oz", "1e400"] {
            let err = parse_volume(bad, oz).unwrap_err();
            assert!(
                err.contains("10oz") || err.contains("several drinks"),
                "{bad}: {err}"
            );
        }
        assert!(
            parse_volume("40l", oz)
                .unwrap_err()
                .contains("more than one drink")
        );
        assert!(parse_volume("-5oz", oz).unwrap_err().contains("positive"));
    }

    #[test]
    fn masses() {
        assert_eq!(parse_mass("72.4kg", VolumeUnit::Oz), Ok(72.4));
        assert_eq!(parse_mass("160lb", VolumeUnit::Oz), Ok(72.57));
        assert_eq!(parse_mass("160", VolumeUnit::Oz), Ok(72.57));
        assert_eq!(parse_mass("72", VolumeUnit::Ml), Ok(72.0));
        assert!(parse_mass("5kg", VolumeUnit::Ml).is_err());
        assert!(parse_mass("72 stone", VolumeUnit::Ml).is_err());
    }

    #[test]
    fn urine_amounts() {
        assert_eq!(parse_urine("300ml", VolumeUnit::Oz), Ok(300));
        assert_eq!(parse_urine("10", VolumeUnit::Oz), Ok(296));
        assert_eq!(parse_urine("0", VolumeUnit::Oz), Ok(0));
        assert!(parse_urine("-50ml", VolumeUnit::Ml).is_err());
        assert!(
            parse_urine("3l", VolumeUnit::Ml)
                .unwrap_err()
                .contains("at most 2 l")
        );
        assert!(
            parse_urine("a cup", VolumeUnit::Ml)
                .unwrap_err()
                .contains("not a volume")
        );
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90s"), Ok(90));
        assert_eq!(parse_duration("2m"), Ok(120));
        assert_eq!(parse_duration("1m30s"), Ok(90));
        assert_eq!(parse_duration("1h15m"), Ok(4500));
        assert_eq!(parse_duration("2 min"), Ok(120));
        assert!(parse_duration("-3m").unwrap_err().contains("negative"));
        assert!(parse_duration("45").unwrap_err().contains("needs a unit"));
        assert!(parse_duration("0s").unwrap_err().contains("zero"));
        assert!(parse_duration("3 parsecs").is_err());
        assert!(parse_duration("").is_err());
    }

    #[test]
    fn clock_times_are_today_in_the_local_zone() {
        let now = ny("2026-11-28 15:00");
        let t = parse_time("14:30", &now, TimeUse::Past).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-28T14:30:00-05:00");
        let t = parse_time("yesterday 21:00", &now, TimeUse::Past).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-27T21:00:00-05:00");
        let t = parse_time("2026-11-27 21:00", &now, TimeUse::Past).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-27T21:00:00-05:00");
        let t = parse_time("2026-11-27T09:00:00+01:00", &now, TimeUse::Past).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-27T09:00:00+01:00");
    }

    #[test]
    fn relative_times() {
        let now = ny("2026-11-28 15:00");
        let t = parse_time("-2h", &now, TimeUse::Past).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-28T13:00:00-05:00");
        let t = parse_time("30m ago", &now, TimeUse::Past).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-28T14:30:00-05:00");
        let t = parse_time("+3h", &now, TimeUse::Plan).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-28T18:00:00-05:00");
        let t = parse_time("tomorrow 07:00", &now, TimeUse::Plan).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-29T07:00:00-05:00");
    }

    #[test]
    fn the_future_is_only_for_plans() {
        let now = ny("2026-11-28 15:00");
        let err = parse_time("16:00", &now, TimeUse::Past).unwrap_err();
        assert!(err.contains("future"), "{err}");
        assert!(parse_time("+3h", &now, TimeUse::Past).is_err());
        assert!(parse_time("tomorrow 07:00", &now, TimeUse::Past).is_err());
        // A few minutes of clock drift are forgiven.
        assert!(parse_time("15:04", &now, TimeUse::Past).is_ok());
        assert!(parse_time("yesterday 07:00", &now, TimeUse::Plan).is_err());
    }

    #[test]
    fn impossible_clock_times_are_refused() {
        let now = ny("2026-11-28 15:00");
        let err = parse_time("25:00", &now, TimeUse::Past).unwrap_err();
        assert!(err.contains("00:00-23:59"), "{err}");
        assert!(parse_time("12:61", &now, TimeUse::Past).is_err());
        assert!(parse_time("noonish", &now, TimeUse::Past).is_err());
    }

    #[test]
    fn across_the_spring_dst_change() {
        // 2026-03-08: New York skips 02:00-03:00.
        let now = ny("2026-03-08 12:00");
        let t = parse_time("-12h", &now, TimeUse::Past).unwrap();
        // 12 elapsed hours back from noon EDT is 23:00 EST the day before.
        assert_eq!(t.to_rfc3339(), "2026-03-07T23:00:00-05:00");
        let t = parse_time("01:30", &now, TimeUse::Past).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-03-08T01:30:00-05:00");
        let t = parse_time("03:30", &now, TimeUse::Past).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-03-08T03:30:00-04:00");
        let err = parse_time("02:30", &now, TimeUse::Past).unwrap_err();
        assert!(err.contains("clocks changed"), "{err}");
    }

    #[test]
    fn across_the_autumn_dst_change() {
        // 2026-11-01: New York repeats 01:00-02:00; the earlier one is taken.
        let now = ny("2026-11-01 12:00");
        let t = parse_time("01:30", &now, TimeUse::Past).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-01T01:30:00-04:00");
        let t = parse_time("yesterday 23:00", &now, TimeUse::Past).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-10-31T23:00:00-04:00");
    }

    #[test]
    fn since_takes_spans_and_times() {
        let now = ny("2026-11-28 15:00");
        let t = parse_since("7d", &now).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-21T15:00:00-05:00");
        let t = parse_since("yesterday 21:00", &now).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-27T21:00:00-05:00");
        assert!(parse_since("soon", &now).is_err());
    }

    #[test]
    fn the_edges_of_what_is_accepted() {
        let now = ny("2026-11-28 15:00");
        // Five minutes of slack for clock drift, not six.
        assert!(parse_time("15:05", &now, TimeUse::Past).is_ok());
        assert!(parse_time("15:06", &now, TimeUse::Past).is_err());
        // Plans: up to 14 days ahead, and not hours in the past.
        assert!(parse_time("2026-12-12 15:00", &now, TimeUse::Plan).is_ok());
        let err = parse_time("2026-12-12 15:01", &now, TimeUse::Plan).unwrap_err();
        assert!(err.contains("14 days"), "{err}");
        assert!(parse_time("in 3h", &now, TimeUse::Plan).is_ok());
        // Dates that do not exist.
        assert!(parse_time("2026-02-30 10:00", &now, TimeUse::Past).is_err());
        assert!(parse_time("2026-11-27", &now, TimeUse::Past).is_err());
        // Volumes below one millilitre, units in capitals, fl oz spelled out.
        assert!(
            parse_volume("0.01oz", VolumeUnit::Oz)
                .unwrap_err()
                .contains("1 ml")
        );
        assert_eq!(parse_volume("10 FL OZ", VolumeUnit::Oz), Ok(296));
        assert_eq!(parse_volume("2000ml", VolumeUnit::Oz), Ok(2000));
        assert!(parse_volume("2001ml", VolumeUnit::Oz).is_err());
        // Durations need a unit on every number.
        assert!(parse_duration("1m30").unwrap_err().contains("needs a unit"));
        assert_eq!(parse_duration("1h"), Ok(3600));
        assert_eq!(parse_duration("90 sec"), Ok(90));
    }

    #[test]
    fn relative_and_day_words_across_the_spring_dst_change() {
        // 03:10 EDT on the day New York skipped 02:00-03:00: 30 elapsed
        // minutes back is 01:40 EST.
        let now = ny("2026-03-08 03:10");
        let t = parse_time("30m ago", &now, TimeUse::Past).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-03-08T01:40:00-05:00");
        // The next day, "yesterday 02:30" names a time that never happened.
        let now = ny("2026-03-09 12:00");
        let err = parse_time("yesterday 02:30", &now, TimeUse::Past).unwrap_err();
        assert!(err.contains("clocks changed"), "{err}");
        // A plan across the change keeps its wall-clock time.
        let now = ny("2026-03-07 20:00");
        let t = parse_time("tomorrow 07:00", &now, TimeUse::Plan).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-03-08T07:00:00-04:00");
        // "+12h" is 12 elapsed hours, which reads 09:00 on the clock.
        let t = parse_time("+12h", &now, TimeUse::Plan).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-03-08T09:00:00-04:00");
    }
}
