//! A cache of parsed journal files, outside the synced data dir, so that a
//! full load of years of journal does not parse every line every time.
//!
//! One cache file per journal file read whole and clean, stamped with the journal
//! file's size, mtime and inode. A stamp that does not match (the file grew,
//! was synced, edited or replaced), a cache file that does not decode, or
//! any doubt at all (its CRC-32 does not match: a flipped bit would
//! otherwise read as another amount): the journal file is parsed instead and
//! the cache rewritten. Files with a problem (a bad or torn line) are never cached, so
//! their warnings always show. The journal stays the only truth: deleting
//! the cache folder loses nothing.
//!
//! The events are written and read in a compact serde format of our own
//! ([`super::compact`]: positional, its struct layouts checked against the
//! reader's) by the same serde derives that write and read the journal's
//! lines (the entry types are the one definition of the format): a new
//! field of an entry needs nothing here.
//! Only the envelope around the entry is laid out here (in [`row`]), its
//! times as numbers rather than text to parse again, and the entry's kind
//! as a tag outside its fields.

mod row;

use super::compact;
use crate::domain::history::Event;
use std::fs::{self, Metadata, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// A field whose type changes (not only its name, which the field table
/// checks) needs a new version here, or old files would read as other
/// values.
///
/// 7: the compact format, ending in a CRC-32 of all before it (6 had no
/// checksum; 5 was MessagePack with field names, entries tagged from
/// outside; 4 held `Body` as the journal tags it, from inside; 3 was a
/// hand-written layout); a cache of another version is not used, and is
/// rewritten.
const MAGIC: &[u8; 8] = b"CWCACHE7";

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
        let (body, crc) = bytes.split_last_chunk::<4>()?;
        if crc32fast::hash(body) != u32::from_le_bytes(*crc) {
            return None;
        }
        let rest = body.strip_prefix(MAGIC)?;
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
        decode_rows(rest, n, events, lines)
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
            row::write(&mut ser, e, *line)?;
        }
        ser.write(&(events.len() as u32)).ok()?;
        w.extend_from_slice(&ser.finish());
        let crc = crc32fast::hash(&w);
        w.extend_from_slice(&crc.to_le_bytes());
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

/// The fixed part of a row (line, v, and the two times as numbers): no row
/// is shorter, so a count that would need more bytes than the file holds
/// reserves no more than the file could fill.
const MIN_ROW_BYTES: usize = 4 + 4 + 2 * (8 + 4 + 4);

/// Decodes `n` rows and the count after them from `rest` (the file after
/// its header) into `events` and `lines`; `None` for anything else,
/// including bytes crafted to pass the checksum: never a panic.
fn decode_rows(rest: &[u8], n: usize, events: &mut Vec<Event>, lines: &mut Vec<u32>) -> Option<()> {
    let room = n.min(rest.len() / MIN_ROW_BYTES);
    events.reserve(room);
    lines.reserve(room);
    // Strings are borrowed from the file's bytes, not copied; a struct
    // whose fields are not the writer's is refused.
    let mut de = compact::Reader::new(rest).ok()?;
    let mut times = row::Times::default();
    for _ in 0..n {
        let (line, event) = row::read(&mut de, &mut times)?;
        lines.push(line);
        events.push(event);
    }
    // The count again, last: a file cut short anywhere is refused.
    (de.read::<u32>().ok()? as usize == n && de.is_done()).then_some(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The rows of [`events`] as a cache file holds them after its header.
    fn rows_of(events: &[(Event, u32)]) -> Vec<u8> {
        let mut ser = compact::Writer::new();
        for (e, line) in events {
            row::write(&mut ser, e, *line).unwrap();
        }
        ser.write(&(events.len() as u32)).unwrap();
        ser.finish()
    }

    proptest! {
        /// A cache file's checksum can be forged by whoever can write the
        /// cache folder: the rows' decoder must then refuse any bytes, or
        /// read them as some events, and never panic.
        #[test]
        fn any_bytes_after_a_forged_checksum_are_refused_or_read_never_a_panic(
            edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0..3u8), 0..8),
            cut in any::<prop::sample::Index>(),
            n in 0usize..20,
            noise in proptest::collection::vec(any::<u8>(), 0..300),
        ) {
            let mut bytes = rows_of(&events());
            for (at, byte, how) in edits {
                let i = at.index(bytes.len());
                match how {
                    0 => bytes[i] = byte,
                    1 => bytes.insert(i, byte),
                    _ => { bytes.remove(i); }
                }
            }
            bytes.truncate(cut.index(bytes.len() + 1));
            let (mut events, mut lines) = (Vec::new(), Vec::new());
            // Read at all, it is read whole: the count it says, each with its line.
            if decode_rows(&bytes, n, &mut events, &mut lines).is_some() {
                prop_assert_eq!((events.len(), lines.len()), (n, n));
            }
            let _ = decode_rows(&noise, n, &mut Vec::new(), &mut Vec::new());
        }
    }

    #[test]
    fn the_rows_unchanged_read_back_whole() {
        let evs = events();
        let (mut events, mut lines) = (Vec::new(), Vec::new());
        decode_rows(&rows_of(&evs), evs.len(), &mut events, &mut lines).unwrap();
        assert_eq!(events.into_iter().zip(lines).collect::<Vec<_>>(), evs);
    }

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
        // Nor is a changed byte anywhere (a bit flipped on disk, a hand
        // edit): a changed amount would otherwise read as another one.
        for at in 0..full.len() {
            for flip in [0x01, 0x80, 0xff] {
                let mut bad = full.clone();
                bad[at] ^= flip;
                fs::write(&file, &bad).unwrap();
                assert!(
                    cache.read(&journal, &meta).is_none(),
                    "byte {at} ^ {flip:#x}"
                );
            }
        }
        fs::write(&file, &full).unwrap();
        assert_eq!(
            cache.read(&journal, &meta),
            Some(events()),
            "the file put back"
        );
    }
}
