//! Reading journal times fast: RFC 3339 as crampwatch writes it
//! (`2026-11-28T14:30:00-05:00`, optional fraction, `Z`), with chrono's
//! parser as the fallback for anything else it accepts.

use super::entry::Time;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};
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

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn other_forms_fall_back_and_garbage_fails() {
        assert!(parse("2026-11-28 14:30:00-05:00").is_some());
        assert!(parse("2026-13-28T14:30:00Z").is_none());
        assert!(parse("2026-11-28T25:30:00Z").is_none());
        assert!(parse("yesterday").is_none());
        assert!(parse("2026-11-28T14:30:00-05:0").is_none());
    }
}
