//! A cache of parsed journal files, outside the synced data dir, so that a
//! full load of years of journal does not parse every line every time.
//!
//! One cache file per journal file of a past month, in a compact binary form,
//! stamped with the journal file's size, mtime and inode. A stamp that does not
//! match (the file grew, was synced, edited or replaced), a cache file that
//! does not decode, or any doubt at all: the journal file is parsed instead and
//! the cache rewritten. Files with a problem (a bad or torn line) are never
//! cached, so their warnings always show. The journal stays the only truth:
//! deleting the cache folder loses nothing.

use crate::domain::entry::{
    Body, Cramp, CrampContext, Drink, DrinkKind, Heat, Intensity, MedAction, MedClass, Medication,
    Muscle, Plan, Relief, Side, Symptoms, Time, WeighWhen, Weight, Workout,
};
use crate::domain::history::{Event, Op};
use chrono::{FixedOffset, TimeZone};
use std::fs::{self, Metadata, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// 3: events are cached only after `domain::check`; a cache from before
/// those checks could hold values they refuse, so it is not used.
const MAGIC: &[u8; 8] = b"CWCACHE3";

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
        let mut r = Reader { b: &bytes, i: 0 };
        if r.take(8)? != MAGIC {
            return None;
        }
        for want in stamp(meta) {
            if r.u64()? != want {
                return None;
            }
        }
        let n = r.u32()? as usize;
        events.reserve(n.min(1 << 20));
        lines.reserve(n.min(1 << 20));
        for _ in 0..n {
            lines.push(r.u32()?);
            events.push(r.event()?);
        }
        (r.i == bytes.len()).then_some(())
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
        w.extend_from_slice(&(events.len() as u32).to_le_bytes());
        for (e, line) in events {
            w.extend_from_slice(&line.to_le_bytes());
            put_event(&mut w, e)?;
        }
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
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
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

fn put_str(w: &mut Vec<u8>, s: &str) {
    w.extend_from_slice(&(s.len() as u32).to_le_bytes());
    w.extend_from_slice(s.as_bytes());
}

fn put_opt_str(w: &mut Vec<u8>, s: &Option<String>) {
    match s {
        None => w.push(0),
        Some(s) => {
            w.push(1);
            put_str(w, s);
        }
    }
}

fn put_time(w: &mut Vec<u8>, t: &Time) {
    w.extend_from_slice(&t.timestamp().to_le_bytes());
    w.extend_from_slice(&t.timestamp_subsec_nanos().to_le_bytes());
    w.extend_from_slice(&t.offset().local_minus_utc().to_le_bytes());
}

fn put_opt_u32(w: &mut Vec<u8>, v: Option<u32>) {
    match v {
        None => w.push(0),
        Some(v) => {
            w.push(1);
            w.extend_from_slice(&v.to_le_bytes());
        }
    }
}

/// An enum value as its index in `ALL`.
fn idx<T: PartialEq>(all: &[T], v: &T) -> u8 {
    all.iter()
        .position(|x| x == v)
        .expect("a value of the enum") as u8
}

fn put_event(w: &mut Vec<u8>, e: &Event) -> Option<()> {
    w.extend_from_slice(&e.v.to_le_bytes());
    put_str(w, &e.id);
    w.push(match e.op {
        Op::Add => 0,
        Op::Amend => 1,
        Op::Delete => 2,
        Op::Undo => 3,
        Op::Redo => 4,
    });
    put_time(w, &e.at);
    put_time(w, &e.logged);
    put_opt_str(w, &e.target);
    // Unknown fields are rare: kept as their JSON text.
    if e.extra.is_empty() {
        w.push(0);
    } else {
        w.push(1);
        put_str(w, &serde_json::to_string(&e.extra).ok()?);
    }
    match &e.entry {
        None => w.push(0),
        Some(Body::Drink(d)) => {
            w.push(1);
            w.extend_from_slice(&d.ml.to_le_bytes());
            w.push(idx(DrinkKind::ALL, &d.kind));
            put_opt_u32(w, d.sodium_mg);
            put_opt_str(w, &d.note);
        }
        Some(Body::Workout(x)) => {
            w.push(2);
            put_str(w, &x.activity);
            match &x.end {
                None => w.push(0),
                Some(t) => {
                    w.push(1);
                    put_time(w, t);
                }
            }
            w.push(idx(Intensity::ALL, &x.intensity));
            w.push(idx(Heat::ALL, &x.heat));
            w.push(x.new as u8);
            put_opt_str(w, &x.note);
        }
        Some(Body::Plan(p)) => {
            w.push(3);
            put_str(w, &p.activity);
            w.extend_from_slice(&p.minutes.to_le_bytes());
            w.push(idx(Intensity::ALL, &p.intensity));
            w.push(idx(Heat::ALL, &p.heat));
            put_opt_str(w, &p.note);
        }
        Some(Body::Cramp(c)) => {
            w.push(4);
            w.push(idx(Muscle::ALL, &c.muscle));
            w.push(c.side.map_or(255, |s| idx(Side::ALL, &s)));
            w.push(c.severity.map_or(255, |s| s));
            put_opt_u32(w, c.duration_s);
            w.push(c.context.map_or(255, |s| idx(CrampContext::ALL, &s)));
            let s = &c.symptoms;
            w.push(
                s.swelling as u8
                    | (s.redness as u8) << 1
                    | (s.weakness as u8) << 2
                    | (s.numbness as u8) << 3,
            );
            w.push(c.relief.len().min(255) as u8);
            for r in c.relief.iter().take(255) {
                w.push(idx(Relief::ALL, r));
            }
            put_opt_str(w, &c.note);
            put_opt_str(w, &c.muscle_name);
        }
        Some(Body::Weight(x)) => {
            w.push(5);
            w.extend_from_slice(&x.kg.to_le_bytes());
            w.push(x.when.map_or(255, |s| idx(WeighWhen::ALL, &s)));
            put_opt_u32(w, x.urine_ml);
        }
        Some(Body::Medication(m)) => {
            w.push(6);
            w.push(idx(MedAction::ALL, &m.action));
            put_str(w, &m.name);
            w.push(m.class.map_or(255, |s| idx(MedClass::ALL, &s)));
            put_opt_str(w, &m.dose);
            put_opt_str(w, &m.note);
        }
    }
    Some(())
}

/// Reads the cache's binary form; any surprise is `None`.
struct Reader<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let s = self.b.get(self.i..self.i.checked_add(n)?)?;
        self.i += n;
        Some(s)
    }
    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn i32(&mut self) -> Option<i32> {
        Some(i32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn i64(&mut self) -> Option<i64> {
        Some(i64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn f64(&mut self) -> Option<f64> {
        Some(f64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn str(&mut self) -> Option<String> {
        let n = self.u32()? as usize;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }
    fn opt_str(&mut self) -> Option<Option<String>> {
        match self.u8()? {
            0 => Some(None),
            1 => Some(Some(self.str()?)),
            _ => None,
        }
    }
    fn opt_u32(&mut self) -> Option<Option<u32>> {
        match self.u8()? {
            0 => Some(None),
            1 => Some(Some(self.u32()?)),
            _ => None,
        }
    }
    fn time(&mut self) -> Option<Time> {
        let secs = self.i64()?;
        let nanos = self.u32()?;
        let offset = FixedOffset::east_opt(self.i32()?)?;
        offset.timestamp_opt(secs, nanos).single()
    }
    fn word<T: Copy>(&mut self, all: &[T]) -> Option<T> {
        all.get(self.u8()? as usize).copied()
    }
    fn opt_word<T: Copy>(&mut self, all: &[T]) -> Option<Option<T>> {
        match self.u8()? {
            255 => Some(None),
            i => Some(Some(*all.get(i as usize)?)),
        }
    }

    fn event(&mut self) -> Option<Event> {
        let v = self.u32()?;
        let id = self.str()?;
        let op = match self.u8()? {
            0 => Op::Add,
            1 => Op::Amend,
            2 => Op::Delete,
            3 => Op::Undo,
            4 => Op::Redo,
            _ => return None,
        };
        let at = self.time()?;
        let logged = self.time()?;
        let target = self.opt_str()?;
        let extra = match self.u8()? {
            0 => Default::default(),
            1 => serde_json::from_str(&self.str()?).ok()?,
            _ => return None,
        };
        let entry = match self.u8()? {
            0 => None,
            1 => Some(Body::Drink(Drink {
                ml: self.u32()?,
                kind: self.word(DrinkKind::ALL)?,
                sodium_mg: self.opt_u32()?,
                note: self.opt_str()?,
            })),
            2 => {
                let activity = self.str()?;
                let end = match self.u8()? {
                    0 => None,
                    1 => Some(self.time()?),
                    _ => return None,
                };
                Some(Body::Workout(Workout {
                    activity,
                    end,
                    intensity: self.word(Intensity::ALL)?,
                    heat: self.word(Heat::ALL)?,
                    new: self.u8()? != 0,
                    note: self.opt_str()?,
                }))
            }
            3 => Some(Body::Plan(Plan {
                activity: self.str()?,
                minutes: self.u32()?,
                intensity: self.word(Intensity::ALL)?,
                heat: self.word(Heat::ALL)?,
                note: self.opt_str()?,
            })),
            4 => {
                let muscle = self.word(Muscle::ALL)?;
                let side = self.opt_word(Side::ALL)?;
                let severity = match self.u8()? {
                    255 => None,
                    s => Some(s),
                };
                let duration_s = self.opt_u32()?;
                let context = self.opt_word(CrampContext::ALL)?;
                let bits = self.u8()?;
                let symptoms = Symptoms {
                    swelling: bits & 1 != 0,
                    redness: bits & 2 != 0,
                    weakness: bits & 4 != 0,
                    numbness: bits & 8 != 0,
                };
                let n = self.u8()?;
                let mut relief = Vec::with_capacity(n as usize);
                for _ in 0..n {
                    relief.push(self.word(Relief::ALL)?);
                }
                Some(Body::Cramp(Cramp {
                    muscle,
                    side,
                    severity,
                    duration_s,
                    context,
                    symptoms,
                    relief,
                    note: self.opt_str()?,
                    muscle_name: self.opt_str()?,
                }))
            }
            5 => Some(Body::Weight(Weight {
                kg: self.f64()?,
                when: self.opt_word(WeighWhen::ALL)?,
                urine_ml: self.opt_u32()?,
            })),
            6 => Some(Body::Medication(Medication {
                action: self.word(MedAction::ALL)?,
                name: self.str()?,
                class: self.opt_word(MedClass::ALL)?,
                dose: self.opt_str()?,
                note: self.opt_str()?,
            })),
            _ => return None,
        };
        Some(Event {
            v,
            id,
            op,
            at,
            logged,
            target,
            entry,
            extra,
        })
    }
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
