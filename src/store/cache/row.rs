//! One row of a cache file, one event: its envelope (line, v, id, op, at,
//! logged, target, unknown fields) laid out here, and its entry in the
//! entry types' own serde form.
//!
//! The envelope is the cache's alone (a journal line does not have it):
//! its fixed values (line, v, id, the times as numbers) are written and
//! read straight, not as a tuple through serde's sequence machinery (a
//! third of the cost of a row). The op, target, entry and unknown fields go
//! through serde, so that `Op`'s words and every entry's fields stay
//! defined once, by their derives.

use crate::domain::entry::{Body, Cramp, Drink, Medication, Plan, Time, Weight, Workout};
use crate::domain::history::{Event, Op};
use crate::store::compact::{Reader, Writer};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// Writes `e` (read back by [`read`], value for value in the same order).
pub(super) fn write(w: &mut Writer, e: &Event, line: u32) -> Option<()> {
    // Unknown fields are rare: kept as their JSON text.
    let extra = match e.extra.is_empty() {
        true => None,
        false => Some(serde_json::to_string(&e.extra).ok()?),
    };
    w.u32(line);
    w.u32(e.v);
    w.str(&e.id);
    w.write(&e.op).ok()?;
    for t in [&e.at, &e.logged] {
        // A time as numbers: seconds, nanoseconds, UTC offset in seconds.
        w.i64(t.timestamp());
        w.u32(t.timestamp_subsec_nanos());
        w.i32(t.offset().local_minus_utc());
    }
    w.write(&e.target).ok()?;
    w.write(&e.entry.as_ref().map(entry_ref)).ok()?;
    w.write(&extra).ok()
}

/// Reads an event [`write`] wrote, with its line number.
pub(super) fn read(r: &mut Reader<'_>, times: &mut Times) -> Option<(u32, Event)> {
    let line = r.u32().ok()?;
    let v = r.u32().ok()?;
    let id = r.str().ok()?.to_owned();
    let op = r.read::<Op>().ok()?;
    let at = times.read(r)?;
    let logged = times.read(r)?;
    let target = r.read::<Option<String>>().ok()?;
    let entry = r.read::<Option<Entry>>().ok()?;
    let extra = match r.read::<Option<&str>>().ok()? {
        None => Default::default(),
        Some(text) => serde_json::from_str(text).ok()?,
    };
    let event = Event {
        v,
        id,
        op,
        at,
        logged,
        target,
        entry: entry.map(body),
        extra,
    };
    Some((line, event))
}

/// Turns times as numbers back into times, remembering the date of the
/// last day seen: a file's events come a few to a day, and working out a
/// date from a count of days is most of the cost of a time.
#[derive(Default)]
pub(super) struct Times {
    last: Option<(i64, NaiveDate)>,
}

impl Times {
    fn read(&mut self, r: &mut Reader<'_>) -> Option<Time> {
        let secs = r.i64().ok()?;
        let nanos = r.u32().ok()?;
        let offset = r.i32().ok()?;
        self.time(secs, nanos, offset)
    }

    /// The same time as `FixedOffset::east_opt(offset)?.timestamp_opt(secs,
    /// nanos).single()` (a test holds them to it).
    fn time(&mut self, secs: i64, nanos: u32, offset: i32) -> Option<Time> {
        let (day, second) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
        let date = match self.last {
            Some((last, date)) if last == day => date,
            _ => {
                let date = DateTime::from_timestamp(day.checked_mul(86_400)?, 0)?.date_naive();
                self.last = Some((day, date));
                date
            }
        };
        let time = NaiveTime::from_num_seconds_from_midnight_opt(second as u32, nanos)?;
        let offset = FixedOffset::east_opt(offset)?;
        Some(DateTime::from_naive_utc_and_offset(
            date.and_time(time),
            offset,
        ))
    }
}

/// `Body` tagged from outside, by its variant's name before the entry's
/// fields: `Body` tags from inside (`"type"` among the fields), which serde
/// can only read by first buffering each entry whole; this reads each
/// entry's fields straight into its own type, with that type's derive.
///
/// Each kind of entry is named once, in the list below: `Entry` (read),
/// `EntryRef` (written, borrowed from the body) and the two conversions
/// are made from it. A new kind of `Body` that the list lacks does not
/// compile (the conversions match every variant).
macro_rules! externally_tagged {
    ($($kind:ident),+ $(,)?) => {
        #[derive(Deserialize)]
        enum Entry {
            $($kind($kind)),+
        }

        #[derive(Serialize)]
        enum EntryRef<'a> {
            $($kind(&'a $kind)),+
        }

        fn entry_ref(body: &Body) -> EntryRef<'_> {
            match body {
                $(Body::$kind(x) => EntryRef::$kind(x)),+
            }
        }

        fn body(entry: Entry) -> Body {
            match entry {
                $(Entry::$kind(x) => Body::$kind(x)),+
            }
        }
    };
}

externally_tagged!(Drink, Workout, Plan, Cramp, Weight, Medication);

#[cfg(test)]
mod tests {
    use super::*;

    /// The remembered date gives the time chrono's own conversion gives,
    /// on either side of midnight, before 1970, with leap-second nanos,
    /// and refuses what chrono refuses.
    #[test]
    fn times_come_back_as_chrono_makes_them() {
        use chrono::TimeZone;
        let mut times = Times::default();
        let secs = [
            0,
            1,
            86_399,
            86_400,
            -1,
            -86_401,
            1_795_000_000,
            1_795_000_000 + 86_399,
        ];
        let nanos = [0, 1, 999_999_999, 1_500_000_000, 2_000_000_000];
        for s in secs {
            for d in [0, 3_600, -7 * 86_400] {
                for n in nanos {
                    for o in [0, -18_000, 19_800, 86_400] {
                        let want = FixedOffset::east_opt(o)
                            .and_then(|z| z.timestamp_opt(s + d, n).single());
                        assert_eq!(times.time(s + d, n, o), want, "{s} {d} {n} {o}");
                    }
                }
            }
        }
        assert_eq!(times.time(i64::MAX, 0, 0), None);
        assert_eq!(times.time(i64::MIN, 0, 0), None);
    }
}
