//! Reading journal times fast: RFC 3339 as crampwatch writes it
//! (`2026-11-28T14:30:00-05:00`, optional fraction, `Z`), with chrono's
//! parser as the fallback for anything else it accepts.
//!
//! And writing the report's dates and times fast ([`ser_date`],
//! [`ser_time`]): the same text chrono's serde writes, put together in a
//! stack buffer rather than through `core::fmt` (a ten-year JSON report
//! writes some 8,000 of them). Journal lines keep chrono's own writer.

use super::entry::Time;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, TimeZone, Timelike};
use serde::Serializer;
use serde::de::{self, Deserializer, Visitor};
use std::fmt;

fn digits(b: &[u8]) -> Option<u32> {
    let mut n = 0u32;
    for &c in b {
        if !c.is_ascii_digit() {
            return None;
        }
        n = n * 10 + (c - b'0') as u32;
    }
    Some(n)
}

/// Parses an RFC 3339 time; the common shape without chrono's general parser.
pub fn parse(s: &str) -> Option<Time> {
    fast(s.as_bytes()).or_else(|| DateTime::parse_from_rfc3339(s).ok())
}

fn fast(b: &[u8]) -> Option<Time> {
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !(b[10] == b'T' || b[10] == b't') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(
        digits(&b[0..4])? as i32,
        digits(&b[5..7])?,
        digits(&b[8..10])?,
    )?;
    let (h, m, sec) = (
        digits(&b[11..13])?,
        digits(&b[14..16])?,
        digits(&b[17..19])?,
    );
    let mut i = 19;
    let mut nanos = 0u32;
    if b[i] == b'.' {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        let frac = &b[start..i];
        if frac.is_empty() || frac.len() > 9 {
            return None;
        }
        nanos = digits(frac)? * 10u32.pow(9 - frac.len() as u32);
    }
    let rest = &b[i..];
    let offset_secs = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let oh = digits(&[*h1, *h2])? as i32;
            let om = digits(&[*m1, *m2])? as i32;
            let v = oh * 3600 + om * 60;
            if *sign == b'-' { -v } else { v }
        }
        _ => return None,
    };
    let time = NaiveTime::from_hms_nano_opt(h, m, sec, nanos)?;
    let offset = FixedOffset::east_opt(offset_secs)?;
    offset.from_local_datetime(&date.and_time(time)).single()
}

struct TimeVisitor;

impl<'de> Visitor<'de> for TimeVisitor {
    type Value = Time;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an RFC 3339 time")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Time, E> {
        parse(v).ok_or_else(|| E::custom(format!("'{v}' is not an RFC 3339 time")))
    }
}

/// `deserialize_with` for a [`Time`].
pub fn de<'de, D: Deserializer<'de>>(d: D) -> Result<Time, D::Error> {
    d.deserialize_str(TimeVisitor)
}

/// `deserialize_with` for an `Option<Time>`.
pub fn de_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Time>, D::Error> {
    struct OptVisitor;
    impl<'de> Visitor<'de> for OptVisitor {
        type Value = Option<Time>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an RFC 3339 time or null")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            de(d).map(Some)
        }
    }
    d.deserialize_option(OptVisitor)
}

/// The longest time written: `2026-11-28T14:30:60.123456789+05:30`.
const TIME_MAX: usize = 35;

/// A stack buffer that text is put into a byte at a time.
struct Buf<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> Buf<N> {
    fn new() -> Self {
        Buf {
            bytes: [0; N],
            len: 0,
        }
    }

    fn byte(&mut self, b: u8) {
        self.bytes[self.len] = b;
        self.len += 1;
    }

    /// `n` (below 100) as two digits.
    fn two(&mut self, n: u32) {
        self.byte(b'0' + (n / 10) as u8);
        self.byte(b'0' + (n % 10) as u8);
    }

    /// `n` as `width` digits, zeros first.
    fn digits(&mut self, mut n: u32, width: usize) {
        for i in (0..width).rev() {
            self.bytes[self.len + i] = b'0' + (n % 10) as u8;
            n /= 10;
        }
        self.len += width;
    }

    /// `2026-11-28`; false (nothing written) for a year chrono writes with a
    /// sign (outside 0..=9999), left to chrono.
    fn date(&mut self, d: NaiveDate) -> bool {
        let year = d.year();
        if !(0..=9999).contains(&year) {
            return false;
        }
        self.digits(year as u32, 4);
        self.byte(b'-');
        self.two(d.month());
        self.byte(b'-');
        self.two(d.day());
        true
    }

    fn text(&self) -> &str {
        // Only ASCII digits and punctuation are ever put in.
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}

/// `14:30`: a time of day in `tz`, the zone an entry's start is shown in
/// (a workout imported in UTC ends in the same zone it starts).
pub fn clock_in<Tz: TimeZone>(t: &Time, tz: &Tz) -> String {
    t.with_timezone(tz)
        .naive_local()
        .format("%H:%M")
        .to_string()
}

/// `d` as chrono's serde writes it (`2016-12-05`, no quotes) appended to
/// `out`; false, with nothing written, for a year outside 0..=9999.
pub fn push_date(out: &mut Vec<u8>, d: NaiveDate) -> bool {
    let mut b = Buf::<10>::new();
    let written = b.date(d);
    out.extend_from_slice(&b.bytes[..b.len]);
    written
}

/// `serialize_with` for a [`NaiveDate`]: `2016-12-05`, as chrono writes it.
pub fn ser_date<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    let mut b = Buf::<10>::new();
    if b.date(*d) {
        s.serialize_str(b.text())
    } else {
        serde::Serialize::serialize(d, s)
    }
}

/// `serialize_with` for a [`Time`]: `2016-12-13T18:54:00-05:00`, as chrono's
/// serde writes it (RFC 3339, the fraction only when there is one, in 3, 6
/// or 9 digits, `Z` for UTC, the offset rounded to the minute).
pub fn ser_time<S: Serializer>(t: &Time, s: S) -> Result<S::Ok, S::Error> {
    let mut b = Buf::<TIME_MAX>::new();
    if write_time(&mut b, t) {
        s.serialize_str(b.text())
    } else {
        serde::Serialize::serialize(t, s)
    }
}

/// `t` as chrono's `write_rfc3339` with `SecondsFormat::AutoSi` and `Z`.
fn write_time(b: &mut Buf<TIME_MAX>, t: &Time) -> bool {
    let local = t.naive_local();
    if !b.date(local.date()) {
        return false;
    }
    let time = local.time();
    let (mut sec, mut nano) = (time.second(), time.nanosecond());
    // A leap second is held as nanoseconds past 1e9 of the second before.
    if nano >= 1_000_000_000 {
        sec += 1;
        nano -= 1_000_000_000;
    }
    b.byte(b'T');
    b.two(time.hour());
    b.byte(b':');
    b.two(time.minute());
    b.byte(b':');
    b.two(sec);
    if nano != 0 {
        b.byte(b'.');
        if nano % 1_000_000 == 0 {
            b.digits(nano / 1_000_000, 3);
        } else if nano % 1_000 == 0 {
            b.digits(nano / 1_000, 6);
        } else {
            b.digits(nano, 9);
        }
    }
    let off = t.offset().local_minus_utc();
    if off == 0 {
        b.byte(b'Z');
        return true;
    }
    b.byte(if off < 0 { b'-' } else { b'+' });
    // Seconds of an odd offset round to the nearest minute, as in chrono.
    let minutes = (off.unsigned_abs() + 30) / 60;
    b.two(minutes / 60);
    b.byte(b':');
    b.two(minutes % 60);
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_fast_path_agrees_with_chrono() {
        for s in [
            "2026-11-28T14:30:00-05:00",
            "2026-11-28T14:30:00Z",
            "2026-11-28T14:30:00.123+05:30",
            "2026-11-28T14:30:00.078297966Z",
            "2026-03-08T03:30:00-04:00",
        ] {
            assert_eq!(
                fast(s.as_bytes()),
                DateTime::parse_from_rfc3339(s).ok(),
                "{s}"
            );
        }
    }

    /// What chrono's own serde writes for `v`, the text between the quotes.
    fn chrono_text<T: serde::Serialize>(v: &T) -> String {
        serde_json::to_string(v).unwrap()
    }

    fn ours<F>(f: F) -> String
    where
        F: FnOnce(&mut serde_json::Serializer<&mut Vec<u8>>) -> Result<(), serde_json::Error>,
    {
        let mut out = Vec::new();
        f(&mut serde_json::Serializer::new(&mut out)).unwrap();
        String::from_utf8(out).unwrap()
    }

    proptest! {
        #[test]
        fn the_writers_agree_with_chrono(
            days in -1_000_000i32..4_000_000,
            secs in 0u32..86_400,
            nanos in prop_oneof![
                Just(0u32),
                (0u32..1_000).prop_map(|n| n * 1_000_000),
                (0u32..1_000_000).prop_map(|n| n * 1_000),
                0u32..2_000_000_000,
            ],
            offset in prop_oneof![
                Just(0i32),
                (-95i32..=95).prop_map(|q| q * 900),
                -86_399i32..86_400,
            ],
        ) {
            let date = NaiveDate::from_num_days_from_ce_opt(days).unwrap();
            // A leap second (nanos past 1e9) only at a minute's last second.
            let secs = if nanos >= 1_000_000_000 { secs / 60 * 60 + 59 } else { secs };
            let time = NaiveTime::from_num_seconds_from_midnight_opt(secs, nanos).unwrap();
            let off = FixedOffset::east_opt(offset).unwrap();
            let t = off.from_utc_datetime(&date.and_time(time));
            prop_assert_eq!(ours(|s| ser_time(&t, s)), chrono_text(&t));
            prop_assert_eq!(ours(|s| ser_date(&date, s)), chrono_text(&date));
        }
    }

    #[test]
    fn other_forms_fall_back_and_garbage_fails() {
        assert!(parse("2026-11-28 14:30:00-05:00").is_some());
        assert!(parse("2026-13-28T14:30:00Z").is_none());
        assert!(parse("2026-11-28T25:30:00Z").is_none());
        assert!(parse("yesterday").is_none());
        assert!(parse("2026-11-28T14:30:00-05:0").is_none());
    }
}
