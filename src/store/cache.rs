//! A cache of parsed journal files, outside the synced data dir, so that a
//! full load of years of journal does not parse every line every time.
//!
//! One cache file per journal file of a past month, stamped with the journal
//! file's size, mtime and inode. A stamp that does not match (the file grew,
//! was synced, edited or replaced), a cache file that does not decode, or
//! any doubt at all: the journal file is parsed instead and the cache
//! rewritten. Files with a problem (a bad or torn line) are never cached, so
//! their warnings always show. The journal stays the only truth: deleting
//! the cache folder loses nothing.
//!
//! The events are written and read in a compact serde format of our own
//! ([`super::compact`]: positional, its struct layouts checked against the
//! reader's) by the same serde derives that write and read the journal's
//! lines (the entry types are the one definition of the format): a new
//! field of an entry needs nothing here.
//! Only the envelope around the entry is laid out here, as a tuple whose
//! times are numbers rather than text to parse again, and the entry's kind
//! as a tag outside its fields (see [`Entry`]).

use super::compact;
use crate::domain::entry::{Body, Cramp, Drink, Medication, Plan, Time, Weight, Workout};
use crate::domain::history::{Event, Op};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use std::fs::{self, Metadata, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// 6: the compact format (5 was MessagePack with field names, entries
/// tagged from outside; 4 held `Body` as the journal tags it, from inside;
/// 3 was a hand-written layout); a cache of another version is not used,
/// and is rewritten.
const MAGIC: &[u8; 8] = b"CWCACHE6";

/// Where the cache of one data dir lives.
#[derive(Clone, Debug)]
pub struct Cache {
    dir: PathBuf,
}

/// What identifies one version of a journal file.
fn stamp(meta: &Metadata) -> [u64; 4] {
    [
        meta.len(),
        meta.mtime() as u64,
        meta.mtime_nsec() as u64,
        meta.ino(),
    ]
}

impl Cache {
    /// The cache for the data dir `data_dir`, under `cache_root`.
    pub fn new(cache_root: &Path, data_dir: &Path) -> Cache {
        let canonical = fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_path_buf());
        // FNV-1a of the path: a stable folder name per data dir.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in canonical.as_os_str().as_encoded_bytes() {
            h = (h ^ *b as u64).wrapping_mul(0x100_0000_01b3);
        }
        Cache {
            dir: cache_root.join(format!("journal-{h:016x}")),
        }
    }

    fn path_for(&self, journal_file: &Path) -> Option<PathBuf> {
        let name = journal_file.file_name()?.to_str()?;
        let device = journal_file.parent()?.file_name()?.to_str()?;
        Some(self.dir.join(device).join(format!("{name}.bin")))
    }

    /// The events of `journal_file` as cached, if the cache matches it.
    #[cfg(test)]
    pub fn read(&self, journal_file: &Path, meta: &Metadata) -> Option<Vec<(Event, u32)>> {
        let (mut events, mut lines) = (Vec::new(), Vec::new());
        self.read_into(journal_file, meta, &mut events, &mut lines)
            .then(|| events.into_iter().zip(lines).collect())
    }

    /// Appends the events of `journal_file` as cached, with their line
    /// numbers, when the cache matches it; appends nothing otherwise.
    /// Decoding straight into the caller's vectors keeps a load of years
    /// from holding every file's events twice.
    pub fn read_into(
        &self,
        journal_file: &Path,
        meta: &Metadata,
        events: &mut Vec<Event>,
        lines: &mut Vec<u32>,
    ) -> bool {
        let (n_events, n_lines) = (events.len(), lines.len());
        let ok = self
            .decode_into(journal_file, meta, events, lines)
            .is_some();
        if !ok {
            events.truncate(n_events);
            lines.truncate(n_lines);
        }
        ok
    }

    fn decode_into(
        &self,
        journal_file: &Path,
        meta: &Metadata,
        events: &mut Vec<Event>,
        lines: &mut Vec<u32>,
    ) -> Option<()> {
        let bytes = fs::read(self.path_for(journal_file)?).ok()?;
        let rest = bytes.strip_prefix(MAGIC)?;
        let (head, rest) = rest.split_at_checked(4 * 8 + 4)?;
        let (stamped, count) = head.split_at(4 * 8);
        let matches = stamped
            .chunks_exact(8)
            .zip(stamp(meta))
            .all(|(b, want)| b == want.to_le_bytes());
        if !matches {
            return None;
        }
        let n = u32::from_le_bytes(count.try_into().ok()?) as usize;
        events.reserve(n.min(1 << 20));
        lines.reserve(n.min(1 << 20));
        // Strings are borrowed from the file's bytes, not copied; a struct
        // whose fields are not the writer's is refused.
        let mut de = compact::Reader::new(rest).ok()?;
        let mut times = Times::default();
        for _ in 0..n {
            let (line, event) = from_row(de.read::<Row>().ok()?, &mut times)?;
            lines.push(line);
            events.push(event);
        }
        // The count again, last: a file cut short anywhere is refused.
        (de.read::<u32>().ok()? as usize == n && de.is_done()).then_some(())
    }

    /// Caches the events of `journal_file` (best effort: a cache that cannot
    /// be written is simply not used).
    pub fn write(&self, journal_file: &Path, meta: &Metadata, events: &[(Event, u32)]) {
        let _ = self.try_write(journal_file, meta, events);
    }

    fn try_write(
        &self,
        journal_file: &Path,
        meta: &Metadata,
        events: &[(Event, u32)],
    ) -> Option<()> {
        let path = self.path_for(journal_file)?;
        let dir = path.parent()?;
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .ok()?;
        let mut w = Vec::with_capacity(events.len() * 96 + 64);
        w.extend_from_slice(MAGIC);
        for v in stamp(meta) {
            w.extend_from_slice(&v.to_le_bytes());
        }
        w.extend_from_slice(&u32::try_from(events.len()).ok()?.to_le_bytes());
        let mut ser = compact::Writer::new();
        for (e, line) in events {
            ser.write(&to_row(e, *line)?).ok()?;
        }
        ser.write(&(events.len() as u32)).ok()?;
        w.extend_from_slice(&ser.finish());
        let tmp = dir.join(format!(
            ".{}.{}.tmp",
            path.file_name()?.to_str()?,
            std::process::id()
        ));
        let mut f = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            // Never written through a link planted in the cache dir.
            .custom_flags(super::no_follow::FLAGS)
            .open(&tmp)
            .ok()?;
        let ok = f.write_all(&w).is_ok();
        drop(f);
        if !ok || fs::rename(&tmp, &path).is_err() {
            let _ = fs::remove_file(&tmp);
            return None;
        }
        Some(())
    }
}

/// A time as numbers: seconds, nanoseconds, and the UTC offset in seconds.
type Instant = (i64, u32, i32);

fn instant(t: &Time) -> Instant {
    (
        t.timestamp(),
        t.timestamp_subsec_nanos(),
        t.offset().local_minus_utc(),
    )
}

/// Turns [`Instant`]s back into times, remembering the date of the last
/// day seen: a file's events come a few to a day, and working out a date
/// from a count of days is most of the cost of a time.
#[derive(Default)]
struct Times {
    last: Option<(i64, NaiveDate)>,
}

impl Times {
    /// The same time as `FixedOffset::east_opt(offset)?.timestamp_opt(secs,
    /// nanos).single()` (a test holds them to it).
    fn time(&mut self, (secs, nanos, offset): Instant) -> Option<Time> {
        let (day, second) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
        let date = match self.last {
            Some((last, date)) if last == day => date,
            _ => {
                let date = DateTime::from_timestamp(day.checked_mul(86_400)?, 0)?.date_naive();
                self.last = Some((day, date));
                date
            }
        };
        let utc = date.and_time(NaiveTime::from_num_seconds_from_midnight_opt(
            second as u32,
            nanos,
        )?);
        Some(DateTime::from_naive_utc_and_offset(
            utc,
            FixedOffset::east_opt(offset)?,
        ))
    }
}

/// One cached event: (line, v, id, op, at, logged, target, entry, unknown
/// fields as JSON text). A tuple, so the envelope costs no field names; the
/// entry is `Body`'s own serde form.
type Row = (
    u32,
    u32,
    String,
    Op,
    Instant,
    Instant,
    Option<String>,
    Option<Entry>,
    Option<String>,
);

/// [`Row`], borrowed from the event it is written from.
type RowRef<'a> = (
    u32,
    u32,
    &'a str,
    Op,
    Instant,
    Instant,
    &'a Option<String>,
    Option<EntryRef<'a>>,
    Option<String>,
);

/// `Body` tagged from outside, by its variant's name before the entry's
/// fields: `Body` tags from inside (`"type"` among the fields), which serde
/// can only read by first buffering each entry whole; this reads each
/// entry's fields straight into its own type, with that type's derive
/// (a quarter fewer instructions to decode the cache). A new kind of entry
/// needs a variant here (the match below will not compile without it).
#[derive(Deserialize)]
enum Entry {
    Drink(Drink),
    Workout(Workout),
    Plan(Plan),
    Cramp(Cramp),
    Weight(Weight),
    Medication(Medication),
}

/// [`Entry`], borrowed from the body it is written from.
#[derive(Serialize)]
enum EntryRef<'a> {
    Drink(&'a Drink),
    Workout(&'a Workout),
    Plan(&'a Plan),
    Cramp(&'a Cramp),
    Weight(&'a Weight),
    Medication(&'a Medication),
}

fn entry_ref(body: &Body) -> EntryRef<'_> {
    match body {
        Body::Drink(x) => EntryRef::Drink(x),
        Body::Workout(x) => EntryRef::Workout(x),
        Body::Plan(x) => EntryRef::Plan(x),
        Body::Cramp(x) => EntryRef::Cramp(x),
        Body::Weight(x) => EntryRef::Weight(x),
        Body::Medication(x) => EntryRef::Medication(x),
    }
}

fn body(entry: Entry) -> Body {
    match entry {
        Entry::Drink(x) => Body::Drink(x),
        Entry::Workout(x) => Body::Workout(x),
        Entry::Plan(x) => Body::Plan(x),
        Entry::Cramp(x) => Body::Cramp(x),
        Entry::Weight(x) => Body::Weight(x),
        Entry::Medication(x) => Body::Medication(x),
    }
}

fn to_row(e: &Event, line: u32) -> Option<RowRef<'_>> {
    // Unknown fields are rare: kept as their JSON text.
    let extra = match e.extra.is_empty() {
        true => None,
        false => Some(serde_json::to_string(&e.extra).ok()?),
    };
    Some((
        line,
        e.v,
        &e.id,
        e.op,
        instant(&e.at),
        instant(&e.logged),
        &e.target,
        e.entry.as_ref().map(entry_ref),
        extra,
    ))
}

fn from_row(row: Row, times: &mut Times) -> Option<(u32, Event)> {
    let (line, v, id, op, at, logged, target, entry, extra) = row;
    let extra = match extra {
        None => Default::default(),
        Some(text) => serde_json::from_str(&text).ok()?,
    };
    let event = Event {
        v,
        id,
        op,
        at: times.time(at)?,
        logged: times.time(logged)?,
        target,
        entry: entry.map(body),
        extra,
    };
    Some((line, event))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events() -> Vec<(Event, u32)> {
        let lines = [
            r#"{"v":1,"id":"A1","op":"add","at":"2026-11-28T14:30:00-05:00","logged":"2026-11-28T14:31:02.5-05:00","entry":{"type":"drink","ml":296,"kind":"sports","sodium_mg":300,"note":"hill"}}"#,
            r#"{"v":1,"id":"A2","op":"amend","at":"2026-11-28T14:30:00+05:30","logged":"2026-11-28T15:31:02Z","target":"A9","entry":{"type":"workout","activity":"run","end":"2026-11-28T15:30:00-05:00","intensity":"hard","heat":"hot","new":true}}"#,
            r#"{"v":1,"id":"A3","op":"add","at":"2026-11-28T18:00:00-05:00","logged":"2026-11-28T14:31:02-05:00","entry":{"type":"plan","activity":"swim","minutes":45}}"#,
            r#"{"v":1,"id":"A4","op":"add","at":"2026-11-28T03:00:00-05:00","logged":"2026-11-28T03:01:02-05:00","entry":{"type":"cramp","muscle":"calf","side":"left","severity":8,"duration_s":120,"context":"night","symptoms":{"swelling":true,"numbness":true},"relief":["stretch","pickle-juice"]}}"#,
            r#"{"v":1,"id":"A5","op":"add","at":"2026-11-28T03:00:00-05:00","logged":"2026-11-28T03:01:02-05:00","entry":{"type":"weight","kg":72.4,"when":"before"},"mood":{"x":[1,2]}}"#,
            r#"{"v":1,"id":"A6","op":"undo","at":"2026-11-28T03:00:00-05:00","logged":"2026-11-28T03:01:02-05:00","target":"A5"}"#,
            r#"{"v":1,"id":"A6b","op":"add","at":"2026-11-28T17:00:00-05:00","logged":"2026-11-28T17:01:02-05:00","entry":{"type":"weight","kg":71.2,"when":"after","urine_ml":250}}"#,
            r#"{"v":1,"id":"A7","op":"add","at":"2026-11-28T03:00:00-05:00","logged":"2026-11-28T03:01:02-05:00","entry":{"type":"cramp","muscle":"foot"}}"#,
            r#"{"v":1,"id":"A8","op":"add","at":"2026-11-28T03:00:00-05:00","logged":"2026-11-28T03:01:02-05:00","entry":{"type":"cramp","muscle":"other","muscle_name":"forearm"}}"#,
            r#"{"v":1,"id":"A8","op":"add","at":"2026-11-28T08:00:00-05:00","logged":"2026-11-28T08:01:02-05:00","entry":{"type":"medication","action":"start","name":"furosemide","class":"diuretic","dose":"20 mg","note":"GP"}}"#,
            r#"{"v":1,"id":"A9","op":"add","at":"2026-11-29T08:00:00-05:00","logged":"2026-11-29T08:01:02-05:00","entry":{"type":"medication","action":"stop","name":"furosemide"}}"#,
        ];
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| (serde_json::from_str(l).unwrap(), i as u32 + 1))
            .collect()
    }

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
                        assert_eq!(times.time((s + d, n, o)), want, "{s} {d} {n} {o}");
                    }
                }
            }
        }
        assert_eq!(times.time((i64::MAX, 0, 0)), None);
        assert_eq!(times.time((i64::MIN, 0, 0)), None);
    }

    #[test]
    fn events_come_back_from_the_cache_as_they_went_in() {
        let tmp = tempfile::tempdir().unwrap();
        let journal = tmp.path().join("data/journal/laptop/2026-10.jsonl");
        fs::create_dir_all(journal.parent().unwrap()).unwrap();
        fs::write(&journal, "x\n").unwrap();
        let meta = fs::metadata(&journal).unwrap();
        let cache = Cache::new(&tmp.path().join("cache"), &tmp.path().join("data"));
        assert!(cache.read(&journal, &meta).is_none(), "nothing cached yet");
        let evs = events();
        cache.write(&journal, &meta, &evs);
        assert_eq!(cache.read(&journal, &meta), Some(evs));
    }

    #[test]
    fn a_changed_journal_file_or_a_damaged_cache_is_not_used() {
        let tmp = tempfile::tempdir().unwrap();
        let journal = tmp.path().join("data/journal/laptop/2026-10.jsonl");
        fs::create_dir_all(journal.parent().unwrap()).unwrap();
        fs::write(&journal, "x\n").unwrap();
        let meta = fs::metadata(&journal).unwrap();
        let cache = Cache::new(&tmp.path().join("cache"), &tmp.path().join("data"));
        cache.write(&journal, &meta, &events());
        fs::write(&journal, "xy\n").unwrap();
        assert!(
            cache
                .read(&journal, &fs::metadata(&journal).unwrap())
                .is_none()
        );
        // Every truncation of the cache file is refused, never misread.
        let file = cache.path_for(&journal).unwrap();
        let meta = fs::metadata(&journal).unwrap();
        cache.write(&journal, &meta, &events());
        let full = fs::read(&file).unwrap();
        for cut in 0..full.len() {
            fs::write(&file, &full[..cut]).unwrap();
            assert!(cache.read(&journal, &meta).is_none(), "cut at {cut}");
        }
    }
}
