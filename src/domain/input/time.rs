//! Parsing the times people type: clock times, day words, dates, RFC 3339
//! and offsets from now, each checked against which way it may point.

use super::{FUTURE_SLACK_MINUTES, MAX_PLAN_DAYS, parse_duration, split_number};
use crate::domain::entry::Time;
use crate::domain::phrases;
use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, TimeZone};

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
    check_range(read_time(s, now, use_)?, &now.fixed_offset(), use_, s)
}

/// [`parse_time`] before its range is checked: the moment `s` names.
fn read_time<Tz: TimeZone>(s: &str, now: &DateTime<Tz>, use_: TimeUse) -> Result<Time, String>
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
    Ok(result)
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
                    "'{}' is in the past; {}",
                    original.trim(),
                    crate::domain::check::PLAN_IS_FOR_LATER
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
    let ahead = || {
        format!(
            "'{}' is ahead of now; give a span back (7d, 2w) or an earlier time",
            s.trim()
        )
    };
    if text.starts_with('+') || text.starts_with("in ") {
        return Err(ahead());
    }
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
    let now_fixed = now.fixed_offset();
    let t = read_time(s, now, TimeUse::Since).map_err(|_| {
        let month_start = now.date_naive().with_day(1).unwrap_or(now.date_naive());
        format!(
            "'{}' is not a time or a span; try 7d, 2w, 12h, yesterday 21:00 or {} 00:00",
            s.trim(),
            month_start.format("%Y-%m-%d")
        )
    })?;
    // A time that reads but is ahead says so.
    check_range(t, &now_fixed, TimeUse::Since, s)
        .map_err(|e| if t > now_fixed { ahead() } else { e })
}
