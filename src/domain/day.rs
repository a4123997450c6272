//! Days that start at a configurable hour, in the user's time zone.

use super::entry::Time;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Offset, TimeZone};

/// The day a moment belongs to: with `day_start_hour` 4, 02:00 on the 28th
/// belongs to the 27th.
pub fn day_of<Tz: TimeZone>(t: &Time, tz: &Tz, day_start_hour: u32) -> NaiveDate {
    let local = t.with_timezone(tz);
    (local.naive_local() - Duration::hours(day_start_hour as i64)).date()
}

/// When day `date` starts, in `tz` (a start skipped by a DST change moves to
/// the first moment after the gap).
pub fn day_start<Tz: TimeZone>(date: NaiveDate, tz: &Tz, day_start_hour: u32) -> Time {
    let naive = date.and_time(NaiveTime::from_hms_opt(day_start_hour, 0, 0).expect("hour 0-23"));
    let mut probe = naive;
    for _ in 0..=180 {
        match tz.from_local_datetime(&probe) {
            chrono::LocalResult::Single(t) => return t.fixed_offset(),
            // The earlier by comparison, not `earliest()`: chrono's `Local`
            // gives a repeated hour's pair in the wrong order
            // (chronotope/chrono#1625), which put the start an hour late.
            chrono::LocalResult::Ambiguous(a, b) => {
                return std::cmp::min(a.fixed_offset(), b.fixed_offset());
            }
            chrono::LocalResult::None => probe += Duration::minutes(1),
        }
    }
    // No zone skips more than three hours; fall back to UTC reading.
    chrono::Utc.from_utc_datetime(&naive).fixed_offset()
}

/// When day `date` starts, given `day_before`, the start of the day before
/// (from [`day_start`] or from this function): the same moment as
/// [`day_start`] gives, at a fraction of the cost.
///
/// Most days keep the offset of the day before, and one UTC -> local lookup
/// (a binary search) confirms it, where [`day_start`]'s local -> UTC lookup
/// walks every transition of the zone. A candidate that the lookup confirms
/// is a reading of the local start; it is the earliest reading unless the
/// offset changed away and back within the day, which no zone does. Anything
/// else (a DST change, a start in a gap) takes [`day_start`].
pub fn next_day_start<Tz: TimeZone>(
    date: NaiveDate,
    tz: &Tz,
    day_start_hour: u32,
    day_before: &Time,
) -> Time {
    let offset = *day_before.offset();
    let naive = date.and_time(NaiveTime::from_hms_opt(day_start_hour, 0, 0).expect("hour 0-23"));
    match naive.checked_sub_offset(offset) {
        Some(utc) if tz.offset_from_utc_datetime(&utc).fix() == offset => {
            offset.from_utc_datetime(&utc)
        }
        _ => day_start(date, tz, day_start_hour),
    }
}

/// The day of each moment of a series in time order, with its bounds kept
/// from one moment to the next: a moment in the same day or the next costs
/// no time zone lookup of its own (the next day's bounds take one
/// [`next_day_start`]); any other asks [`day_of`] and [`day_start`], which
/// costs more than [`day_of`] alone: use it for dense series (every entry of
/// a history), not for sparse ones (a few cramps over years).
pub struct DayCursor<'z, Tz: TimeZone> {
    tz: &'z Tz,
    day_start_hour: u32,
    /// The current day, its start and its end (exclusive), when its bounds
    /// answer for [`day_of`].
    current: Option<(NaiveDate, Time, Time)>,
}

impl<'z, Tz: TimeZone> DayCursor<'z, Tz> {
    pub fn new(tz: &'z Tz, day_start_hour: u32) -> Self {
        DayCursor {
            tz,
            day_start_hour,
            current: None,
        }
    }

    /// The day `t` belongs to, as [`day_of`] gives it.
    #[inline]
    pub fn day(&mut self, t: &Time) -> NaiveDate {
        // Inlined for the common case, a moment in the same day as the last.
        match self.current {
            Some((d, start, end)) if *t >= start && *t < end => d,
            _ => self.move_to(t),
        }
    }

    /// Moves to the day of `t`, the next one when it is there.
    #[inline(never)]
    fn move_to(&mut self, t: &Time) -> NaiveDate {
        let (tz, h) = (self.tz, self.day_start_hour);
        if let Some((d, _, end)) = self.current {
            let next = d.succ_opt().filter(|n| *n < NaiveDate::MAX);
            if let Some(next) = next.filter(|_| *t >= end) {
                let next_end = next_day_start(next + Duration::days(1), tz, h, &end);
                if *t < next_end {
                    return self.keep(next, end, next_end, t);
                }
            }
        }
        let d = day_of(t, tz, h);
        let start = day_start(d, tz, h);
        let end = match d.succ_opt() {
            Some(next) => next_day_start(next, tz, h, &start),
            None => start,
        };
        self.keep(d, start, end, t)
    }

    /// Keeps day `d`'s bounds for the moments after `t`, and gives `t`'s day.
    ///
    /// A day whose clocks change keeps none: where they go back across the
    /// day's start hour (Antarctica/Troll goes back two hours, from 03:00 to
    /// 01:00, with days starting at 02:00), a moment within the day's
    /// bounds reads as the day before, and [`day_of`] is asked instead.
    fn keep(&mut self, d: NaiveDate, start: Time, end: Time, t: &Time) -> NaiveDate {
        if start.offset() == end.offset() {
            self.current = Some((d, start, end));
            d
        } else {
            self.current = None;
            day_of(t, self.tz, self.day_start_hour)
        }
    }
}

/// The start and end (exclusive) of the day `now` is in.
pub fn today_bounds<Tz: TimeZone>(now: &DateTime<Tz>, day_start_hour: u32) -> (Time, Time) {
    let tz = now.timezone();
    let today = day_of(&now.fixed_offset(), &tz, day_start_hour);
    let next = today.succ_opt().unwrap_or(today);
    (
        day_start(today, &tz, day_start_hour),
        day_start(next, &tz, day_start_hour),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::America::New_York;

    fn t(s: &str) -> Time {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn a_2am_cramp_belongs_to_the_night_before() {
        let d = day_of(&t("2026-11-28T02:00:00-05:00"), &New_York, 4);
        assert_eq!(d, NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
        let d = day_of(&t("2026-11-28T04:00:00-05:00"), &New_York, 4);
        assert_eq!(d, NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
    }

    #[test]
    fn days_across_dst_are_23_and_25_hours() {
        let spring = NaiveDate::from_ymd_opt(2026, 3, 8).unwrap();
        let a = day_start(spring, &New_York, 0);
        let b = day_start(spring.succ_opt().unwrap(), &New_York, 0);
        assert_eq!((b - a).num_hours(), 23);
        let fall = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let a = day_start(fall, &New_York, 0);
        let b = day_start(fall.succ_opt().unwrap(), &New_York, 0);
        assert_eq!((b - a).num_hours(), 25);
        // 02:00 does not exist on 8 March: the day starts at 03:00 EDT.
        assert_eq!(
            day_start(spring, &New_York, 2).to_rfc3339(),
            "2026-03-08T03:00:00-04:00"
        );
    }
}

#[cfg(test)]
#[path = "day_tests.rs"]
mod props;
