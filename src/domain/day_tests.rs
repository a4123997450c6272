//! The fast day bounds ([`next_day_start`], [`DayCursor`]) against the exact
//! reference ([`day_start`], [`day_of`]) over random runs of days, in zones
//! with an ordinary DST change (New York, London), a 30-minute one (Lord
//! Howe), changes at midnight (Havana, Santiago, Sao Paulo), a skipped
//! day (Apia, 30 December 2011) and clocks that go back two hours, from
//! 03:00 to 01:00 (Antarctica/Troll: with days from 02:00, an hour of its
//! moments read as the day before though the day has begun).

use super::*;
use chrono::Utc;
use chrono_tz::Tz;
use proptest::prelude::*;

const ZONES: [Tz; 8] = [
    chrono_tz::America::New_York,
    chrono_tz::Europe::London,
    chrono_tz::Australia::Lord_Howe,
    chrono_tz::America::Havana,
    chrono_tz::America::Santiago,
    chrono_tz::America::Sao_Paulo,
    chrono_tz::Pacific::Apia,
    chrono_tz::Antarctica::Troll,
];

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()
}

/// Days from 1970-01-01 to 2100-12-31.
const DAYS: i64 = 47846;

/// The same moment with the same offset (`==` on times ignores the offset).
fn same(a: &Time, b: &Time) -> bool {
    a == b && a.offset() == b.offset()
}

/// Gaps between moments: mostly within a day or two, now and then months.
fn gap_minutes() -> impl Strategy<Value = i64> {
    prop_oneof![8 => 0i64..3000, 1 => 0i64..300_000]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn each_next_day_start_is_the_exact_one(
        zone in 0..ZONES.len(),
        day in 0..DAYS,
        len in 1usize..500,
        hour in 0u32..24,
    ) {
        let tz = ZONES[zone];
        let first = epoch() + Duration::days(day);
        let mut start = day_start(first, &tz, hour);
        for date in first.iter_days().skip(1).take(len) {
            let fast = next_day_start(date, &tz, hour, &start);
            let exact = day_start(date, &tz, hour);
            prop_assert!(same(&fast, &exact), "{} {}: {} != {}", tz, date, fast, exact);
            start = fast;
        }
    }

    #[test]
    fn the_cursor_gives_each_moment_its_day(
        zone in 0..ZONES.len(),
        day in 0..DAYS,
        hour in 0u32..24,
        gaps in prop::collection::vec(gap_minutes(), 1..300),
    ) {
        let tz = ZONES[zone];
        let mut t = Utc
            .from_utc_datetime(&(epoch() + Duration::days(day)).and_hms_opt(0, 0, 0).unwrap())
            .fixed_offset();
        let mut cursor = DayCursor::new(&tz, hour);
        for gap in gaps {
            t += Duration::minutes(gap);
            prop_assert_eq!(cursor.day(&t), day_of(&t, &tz, hour), "{} {}", tz, t);
        }
    }
}

/// The one assumption of [`next_day_start`] (no zone changes its offset away
/// and back within a day), checked over every zone of the tz database, every
/// day of 1970-2100 and every start hour: 686 million day starts, about a
/// minute in release. Run it when chrono-tz is updated:
/// `cargo test --release --lib every_zone -- --ignored`.
#[test]
#[ignore]
fn every_zone_every_day_every_hour() {
    let last = NaiveDate::from_ymd_opt(2100, 12, 31).unwrap();
    for tz in chrono_tz::TZ_VARIANTS {
        for hour in 0..24 {
            let mut start = day_start(epoch(), &tz, hour);
            for date in epoch().iter_days().skip(1).take_while(|d| *d <= last) {
                let fast = next_day_start(date, &tz, hour, &start);
                let exact = day_start(date, &tz, hour);
                assert!(same(&fast, &exact), "{tz} {date} {hour}: {fast} != {exact}");
                start = fast;
            }
        }
    }
}

/// The hour Troll's clocks go back over (01:00-03:00 read twice, on 27
/// October 2024), with days from 02:00: every ten minutes of that year, the
/// cursor gives the day [`day_of`] gives (it kept the day's bounds, and
/// read 01:00-02:00 the second time as the 27th).
#[test]
fn the_cursor_follows_clocks_that_go_back_across_the_day_start() {
    let tz = chrono_tz::Antarctica::Troll;
    for hour in 0..24 {
        let mut cursor = DayCursor::new(&tz, hour);
        let mut t = Utc
            .with_ymd_and_hms(2024, 1, 1, 0, 0, 0)
            .unwrap()
            .fixed_offset();
        for _ in 0..(366 * 24 * 6) {
            t += Duration::minutes(10);
            assert_eq!(cursor.day(&t), day_of(&t, &tz, hour), "{hour} {t}");
        }
    }
}
