use super::*;
use chrono::{DateTime, NaiveDateTime, TimeZone};
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
fn since_refuses_what_is_ahead_of_now_instead_of_reading_it_as_back() {
    let now = ny("2026-11-28 15:00");
    // "+2d" was read as 2 days back.
    for ahead in ["+2d", "in 3h", "tomorrow 07:00", "2027-01-01 00:00"] {
        let e = parse_since(ahead, &now).unwrap_err();
        assert_eq!(
            e,
            format!("'{ahead}' is ahead of now; give a span back (7d, 2w) or an earlier time")
        );
    }
    assert!(parse_since("15:04", &now).is_ok(), "clock drift is let be");
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
