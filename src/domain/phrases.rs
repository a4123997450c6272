//! The words people use for times: `8pm`, `7:30 am`, `noon`, `tomorrow 7am`,
//! `sat 07:00`, `+2d`. Pure: "today" and "now" are passed in.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};

/// The day part of a phrase, before it is pinned to a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Day {
    Date(NaiveDate),
    /// A weekday name: the next one for plans, the last one for past entries.
    Weekday(Weekday),
}

/// Splits a lowercase phrase into its day and the time-of-day text:
/// `yesterday 21:00`, `tomorrow at 7am`, `sat 07:00`, `2026-11-27 21:00`,
/// `2026-11-27t21:00`, or a bare time (today). `None` when a date is malformed.
pub fn split_day(text: &str, today: NaiveDate) -> Option<(Day, &str)> {
    let (first, rest) = match text.split_once(' ') {
        Some((f, r)) => (f, r.trim()),
        None => (text, ""),
    };
    let rest = rest.strip_prefix("at ").unwrap_or(rest).trim();
    if let Some(day) = day_word(first, today) {
        return Some((day, rest));
    }
    // The day last, as in "8pm yesterday" or "07:00 sat".
    if let Some((time, last)) = text.rsplit_once(' ')
        && let Some(day) = day_word(last, today)
    {
        return Some((day, time.trim()));
    }
    if let Some((d, t)) = text.split_once([' ', 't'])
        && d.starts_with(|c: char| c.is_ascii_digit())
        && d.contains('-')
    {
        let date = NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()?;
        return Some((Day::Date(date), t.trim()));
    }
    Some((Day::Date(today), text))
}

fn day_word(w: &str, today: NaiveDate) -> Option<Day> {
    match w {
        "yesterday" => Some(Day::Date(today.pred_opt()?)),
        "today" => Some(Day::Date(today)),
        "tomorrow" => Some(Day::Date(today.succ_opt()?)),
        w => weekday(w).map(Day::Weekday),
    }
}

fn weekday(w: &str) -> Option<Weekday> {
    Some(match w.trim_end_matches(',') {
        "mon" | "monday" => Weekday::Mon,
        "tue" | "tues" | "tuesday" => Weekday::Tue,
        "wed" | "weds" | "wednesday" => Weekday::Wed,
        "thu" | "thur" | "thurs" | "thursday" => Weekday::Thu,
        "fri" | "friday" => Weekday::Fri,
        "sat" | "saturday" => Weekday::Sat,
        "sun" | "sunday" => Weekday::Sun,
        _ => return None,
    })
}

/// The date a weekday names: the nearest one ahead of `now` for a plan
/// (today when the time is still to come), the nearest one behind otherwise.
pub fn weekday_date(
    wd: Weekday,
    time: NaiveTime,
    now: chrono::NaiveDateTime,
    ahead: bool,
) -> NaiveDate {
    let today = now.date();
    let have = today.weekday().num_days_from_monday() as i64;
    let want = wd.num_days_from_monday() as i64;
    if ahead {
        let date = today + Duration::days((want - have).rem_euclid(7));
        if date.and_time(time) < now {
            date + Duration::days(7)
        } else {
            date
        }
    } else {
        let date = today - Duration::days((have - want).rem_euclid(7));
        if date.and_time(time) > now {
            date - Duration::days(7)
        } else {
            date
        }
    }
}

/// A time of day: `14:30`, `14.30`, `1430`, `14:30:15`, `8pm`, `8 pm`,
/// `7:30am`, `7:30 a.m.`, `noon`, `midnight`.
pub fn clock(t: &str) -> Option<NaiveTime> {
    let t = t.trim();
    match t {
        "noon" | "midday" => return NaiveTime::from_hms_opt(12, 0, 0),
        "midnight" => return NaiveTime::from_hms_opt(0, 0, 0),
        _ => {}
    }
    let compact = t.replace(['.', ' '], "");
    if let Some(h) = compact.strip_suffix("am") {
        return twelve_hour(h, false);
    }
    if let Some(h) = compact.strip_suffix("pm") {
        return twelve_hour(h, true);
    }
    twenty_four_hour(&t.replace('.', ":"))
}

fn twenty_four_hour(t: &str) -> Option<NaiveTime> {
    if t.is_empty() {
        return None;
    }
    for fmt in ["%H:%M", "%H:%M:%S"] {
        if let Ok(v) = NaiveTime::parse_from_str(t, fmt) {
            return Some(v);
        }
    }
    if t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()) {
        return NaiveTime::parse_from_str(t, "%H%M").ok();
    }
    None
}

/// `8`, `7:30`, `730` on a 12-hour clock: 12am is midnight, 12pm noon.
fn twelve_hour(h: &str, pm: bool) -> Option<NaiveTime> {
    let (hour, minute) = match h.split_once(':') {
        Some((h, m)) if m.len() == 2 => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
        Some(_) => return None,
        None if h.len() <= 2 => (h.parse::<u32>().ok()?, 0),
        None if h.len() <= 4 => {
            let (h, m) = h.split_at(h.len() - 2);
            (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?)
        }
        None => return None,
    };
    if !(1..=12).contains(&hour) {
        return None;
    }
    let hour = match (hour, pm) {
        (12, false) => 0,
        (12, true) => 12,
        (h, false) => h,
        (h, true) => h + 12,
    };
    NaiveTime::from_hms_opt(hour, minute, 0)
}

/// Whole days in an offset (`2d`, `1 day`), which keep the wall-clock time
/// across a DST change; other offsets are elapsed time.
pub fn days(offset: &str) -> Option<i64> {
    let t = offset.trim();
    let n = t
        .strip_suffix("days")
        .or_else(|| t.strip_suffix("day"))
        .or_else(|| t.strip_suffix('d'))?;
    let n: i64 = n.trim().parse().ok()?;
    (1..=366).contains(&n).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hm(h: u32, m: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h, m, 0)
    }

    #[test]
    fn twelve_hour_clocks_in_the_ways_people_write_them() {
        assert_eq!(clock("8pm"), hm(20, 0));
        assert_eq!(clock("8 pm"), hm(20, 0));
        assert_eq!(clock("7:30 am"), hm(7, 30));
        assert_eq!(clock("7:30a.m."), hm(7, 30));
        assert_eq!(clock("12am"), hm(0, 0));
        assert_eq!(clock("12pm"), hm(12, 0));
        assert_eq!(clock("1230pm"), hm(12, 30));
        assert_eq!(clock("noon"), hm(12, 0));
        assert_eq!(clock("midnight"), hm(0, 0));
        assert_eq!(clock("13pm"), None);
        assert_eq!(clock("0am"), None);
        assert_eq!(clock("7:3pm"), None);
        assert_eq!(clock("14:30"), hm(14, 30));
    }

    #[test]
    fn weekdays_look_ahead_for_plans_and_back_for_the_past() {
        // Thursday 3 December 2026, 09:00.
        let now = NaiveDate::from_ymd_opt(2026, 12, 3)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let seven = hm(7, 0).unwrap();
        let ten = hm(10, 0).unwrap();
        assert_eq!(weekday_date(Weekday::Sat, seven, now, true), d(2026, 12, 5));
        assert_eq!(
            weekday_date(Weekday::Sat, seven, now, false),
            d(2026, 11, 28)
        );
        // The same weekday: today when the time allows, else a week away.
        assert_eq!(weekday_date(Weekday::Thu, ten, now, true), d(2026, 12, 3));
        assert_eq!(
            weekday_date(Weekday::Thu, seven, now, true),
            d(2026, 12, 10)
        );
        assert_eq!(
            weekday_date(Weekday::Thu, seven, now, false),
            d(2026, 12, 3)
        );
        assert_eq!(weekday_date(Weekday::Thu, ten, now, false), d(2026, 11, 26));
    }

    #[test]
    fn day_offsets() {
        assert_eq!(days("2d"), Some(2));
        assert_eq!(days("1 day"), Some(1));
        assert_eq!(days("2h"), None);
        assert_eq!(days("0d"), None);
    }
}

/// The phrases end to end through `parse_time`, in New York, across DST.
#[cfg(test)]
mod through_parse_time {
    use crate::domain::input::{TimeUse, parse_time};
    use chrono::{DateTime, NaiveDateTime, TimeZone};
    use chrono_tz::America::New_York;
    use chrono_tz::Tz;

    fn ny(s: &str) -> DateTime<Tz> {
        let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        New_York.from_local_datetime(&naive).earliest().unwrap()
    }

    fn at(s: &str, now: &DateTime<Tz>, use_: TimeUse) -> String {
        parse_time(s, now, use_).unwrap().to_rfc3339()
    }

    #[test]
    fn spoken_times_of_today() {
        let now = ny("2026-12-03 21:00");
        assert_eq!(at("8pm", &now, TimeUse::Past), "2026-12-03T20:00:00-05:00");
        assert_eq!(
            at("7:30 am", &now, TimeUse::Past),
            "2026-12-03T07:30:00-05:00"
        );
        assert_eq!(at("noon", &now, TimeUse::Past), "2026-12-03T12:00:00-05:00");
        assert_eq!(
            at("today at 6pm", &now, TimeUse::Past),
            "2026-12-03T18:00:00-05:00"
        );
        assert_eq!(
            at("2026-12-01 9am", &now, TimeUse::Past),
            "2026-12-01T09:00:00-05:00"
        );
        let err = parse_time("9:30pm", &now, TimeUse::Past).unwrap_err();
        assert!(err.contains("future"), "{err}");
    }

    #[test]
    fn weekday_names_for_plans_and_for_the_past() {
        // Thursday 3 December 2026.
        let now = ny("2026-12-03 09:00");
        assert_eq!(
            at("sat 07:00", &now, TimeUse::Plan),
            "2026-12-05T07:00:00-05:00"
        );
        assert_eq!(
            at("sat 07:00", &now, TimeUse::Past),
            "2026-11-28T07:00:00-05:00"
        );
        assert_eq!(
            at("Saturday 7am", &now, TimeUse::Plan),
            "2026-12-05T07:00:00-05:00"
        );
        assert_eq!(
            at("tomorrow 7am", &now, TimeUse::Plan),
            "2026-12-04T07:00:00-05:00"
        );
        // The day may come last, as people also say it.
        assert_eq!(
            at("7am tomorrow", &now, TimeUse::Plan),
            "2026-12-04T07:00:00-05:00"
        );
        assert_eq!(
            at("8pm yesterday", &now, TimeUse::Past),
            "2026-12-02T20:00:00-05:00"
        );
    }

    #[test]
    fn day_offsets_keep_the_clock_across_the_spring_change() {
        // New York skips 02:00-03:00 on Sunday 8 March 2026.
        let now = ny("2026-03-07 07:00");
        // Two days on is 07:00 on the clock, though only 47 hours pass.
        assert_eq!(at("+2d", &now, TimeUse::Plan), "2026-03-09T07:00:00-04:00");
        assert_eq!(at("+2h", &now, TimeUse::Plan), "2026-03-07T09:00:00-05:00");
        // "sun 8am" for a plan is the morning the clocks went forward.
        assert_eq!(
            at("sun 8am", &now, TimeUse::Plan),
            "2026-03-08T08:00:00-04:00"
        );
        let later = ny("2026-03-09 12:00");
        assert_eq!(
            at("-2d", &later, TimeUse::Past),
            "2026-03-07T12:00:00-05:00"
        );
        assert_eq!(
            at("-30m", &later, TimeUse::Past),
            "2026-03-09T11:30:00-04:00"
        );
        let err = parse_time("sun 2:30am", &later, TimeUse::Past).unwrap_err();
        assert!(err.contains("clocks changed"), "{err}");
    }

    #[test]
    fn the_repeated_autumn_hour_takes_its_first_pass() {
        // New York repeats 01:00-02:00 on Sunday 1 November 2026.
        let now = ny("2026-11-02 12:00");
        assert_eq!(
            at("sun 1:30am", &now, TimeUse::Past),
            "2026-11-01T01:30:00-04:00"
        );
        assert_eq!(
            at("yesterday noon", &now, TimeUse::Past),
            "2026-11-01T12:00:00-05:00"
        );
    }

    #[test]
    fn hints_date_their_examples_from_today() {
        let now = ny("2026-12-03 09:00");
        let err = parse_time("whenever", &now, TimeUse::Plan).unwrap_err();
        assert!(err.contains("2026-12-04 07:00"), "{err}");
        let err = parse_time("whenever", &now, TimeUse::Past).unwrap_err();
        assert!(err.contains("2026-12-02 21:00"), "{err}");
    }
}
