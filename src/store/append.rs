//! Appends: an exclusive lock on `<device>/.lock`, one `write` of each whole
//! line with O_APPEND, `sync_data` before returning, and an fsync of the
//! folder when a file is made.

use super::layout::{ensure_dir, sync_dir};
use super::recover::recover_tail_locked;
use super::{Journal, JournalError, LOCK_FILE, Lock, RawLines, Signature, io_err, no_follow};
use crate::domain::entry::Time;
use crate::domain::history::{Event, EventProblem};
use std::fs::{self, File};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The most [`Journal::append_raw`] writes at once.
const RAW_CHUNK: usize = 1 << 20;

impl Journal {
    pub(super) fn lock_file(&self) -> Result<File, JournalError> {
        let dir = self.device_dir();
        // Every write takes the lock first: the folders it writes in are
        // checked here to be real folders, not links.
        no_follow::real_dir(&self.journal_dir())?;
        no_follow::real_dir(&dir)?;
        ensure_dir(&dir)?;
        no_follow::lock_file(&dir.join(LOCK_FILE))
    }

    /// Takes the exclusive lock of this device's folder (creating it), for a
    /// check and an append that must not interleave with another writer's
    /// (see [`Journal::append_locked`]). Released when dropped.
    pub fn lock(&self) -> Result<Lock, JournalError> {
        let f = self.lock_file()?;
        f.lock()
            .map_err(io_err(&self.device_dir().join(LOCK_FILE)))?;
        Ok(Lock(f))
    }

    /// Appends events, each as one line in one write, and syncs them to disk
    /// before returning. On any failure the file is cut back to where it was,
    /// so a half-written line never stays behind.
    pub fn append(&self, events: &[Event]) -> Result<(), JournalError> {
        if events.is_empty() {
            return Ok(());
        }
        let lock = self.lock()?;
        self.append_locked(&lock, events)
    }

    /// [`Journal::append`] for a caller that already holds the lock.
    pub fn append_locked(&self, _lock: &Lock, events: &[Event]) -> Result<(), JournalError> {
        // Nothing is written that a load would set aside.
        for event in events {
            if let Err(EventProblem::Invalid(why)) = event.check() {
                return Err(JournalError::Refused(why));
            }
        }
        let mut open: Option<(PathBuf, File)> = None;
        let mut floor = self.newest_month_file();
        for event in events {
            let path = self.file_for(&event.logged).max(floor.unwrap_or_default());
            floor = Some(path.clone());
            if open.as_ref().map(|(p, _)| p) != Some(&path) {
                if let Some((p, f)) = open.take() {
                    f.sync_data().map_err(io_err(&p))?;
                }
                let f = self.open_for_append(&path)?;
                open = Some((path.clone(), f));
            }
            let (path, file) = open.as_mut().expect("opened above");
            let mut line = serde_json::to_vec(event).expect("events always serialize");
            line.push(b'\n');
            write_line(file, path, &line)?;
        }
        if let Some((p, f)) = open {
            f.sync_data().map_err(io_err(&p))?;
        }
        Ok(())
    }

    /// Appends raw lines (already checked events, as written elsewhere),
    /// keeping every byte, unknown fields included. Each goes to this
    /// device's file for the month it is filed by ([`RawLines::push_with`]), as
    /// if written then, so that an import of years is spread over the
    /// monthly files and `status` still reads only the newest; never to a
    /// later file than an entry logged `now` would go to. Whole lines go out
    /// up to `RAW_CHUNK` bytes a write: an import of years is not 100k
    /// writes.
    pub fn append_raw(&self, lines: &RawLines, now: &Time) -> Result<(), JournalError> {
        if lines.is_empty() {
            return Ok(());
        }
        let _lock = self.lock()?;
        let latest = self
            .file_for(now)
            .max(self.newest_month_file().unwrap_or_default());
        for (month, group) in lines.by_month() {
            let path = self.month_file(month).min(latest.clone());
            let mut file = self.open_for_append(&path)?;
            let mut chunk = Vec::new();
            for l in group {
                if !chunk.is_empty() && chunk.len() + l.len() + 1 > RAW_CHUNK {
                    write_line(&mut file, &path, &chunk)?;
                    chunk.clear();
                }
                chunk.extend_from_slice(l);
                chunk.push(b'\n');
            }
            write_line(&mut file, &path, &chunk)?;
            file.sync_data().map_err(io_err(&path))?;
        }
        Ok(())
    }

    /// Opens (or creates, 0600, with a folder fsync) a file for appending,
    /// after recovering a torn tail. The caller holds the lock.
    fn open_for_append(&self, path: &Path) -> Result<File, JournalError> {
        no_follow::real_dir(&self.device_dir())?;
        let existed = fs::symlink_metadata(path).is_ok();
        if existed {
            let len = fs::symlink_metadata(path).map_err(io_err(path))?.len();
            if len > 0 {
                let mut f = no_follow::read_write(path)?;
                f.seek(SeekFrom::End(-1)).map_err(io_err(path))?;
                let mut last = [0u8; 1];
                f.read_exact(&mut last).map_err(io_err(path))?;
                if last[0] != b'\n' {
                    recover_tail_locked(path)?;
                }
            }
        }
        let (f, made) = open_append(path)?;
        if made && let Some(dir) = path.parent() {
            sync_dir(dir)?;
        }
        Ok(f)
    }

    /// [`Journal::append`] for a reader that holds the journal as it was at
    /// `seen`. Also gives the signature just after the append, and whether
    /// this append was the only change since `seen` (then the reader may add
    /// the events to what it holds instead of reading everything again).
    /// Under the lock no other process writes this device's folder, so any
    /// other change shows in the folders of other devices, or before.
    pub fn append_seen(
        &self,
        events: &[Event],
        seen: &Signature,
    ) -> Result<(Signature, bool), JournalError> {
        let lock = self.lock()?;
        let before = self.signature();
        self.append_locked(&lock, events)?;
        let after = self.signature();
        let mine = self.device_dir();
        let others = |s: &Signature| -> Vec<_> {
            s.0.iter()
                .filter(|(p, _, _)| !p.starts_with(&mine))
                .cloned()
                .collect()
        };
        let alone = before == *seen && others(&before) == others(&after);
        Ok((after, alone))
    }
}

/// One write of one or more whole lines; a short write is cut back and reported.
fn write_line(file: &mut File, path: &Path, line: &[u8]) -> Result<(), JournalError> {
    let before = file.metadata().map_err(io_err(path))?.len();
    match file.write(line) {
        Ok(n) if n == line.len() => Ok(()),
        Ok(_) => {
            let _ = file.set_len(before);
            Err(io_err(path)(io::Error::new(
                io::ErrorKind::StorageFull,
                "the disk is full or the file reached its size limit (only part of the line could be written; it was removed)",
            )))
        }
        Err(e) => {
            let _ = file.set_len(before);
            Err(io_err(path)(e))
        }
    }
}

/// Opens a file of this device's folder for appending, never through a
/// link; says whether it was created.
pub(super) fn open_append(path: &Path) -> Result<(File, bool), JournalError> {
    if let Some(dir) = path.parent() {
        ensure_dir(dir)?;
        no_follow::real_dir(dir)?;
    }
    let (f, made) = no_follow::append(path)?;
    // Files made by older versions or other tools are made private too
    // (only this user's own, never a file linked from elsewhere).
    no_follow::make_private(&f);
    Ok((f, made))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Scope;

    #[test]
    fn an_append_knows_whether_it_was_the_only_change_since_a_read() {
        let dir = tempfile::tempdir().unwrap();
        let (laptop, desktop) = (
            Journal::open(dir.path(), "laptop"),
            Journal::open(dir.path(), "desktop"),
        );
        let event = |id: &str| -> Event {
            serde_json::from_str(&format!(
                r#"{{"v":1,"id":"{id}","op":"add","at":"2026-11-28T14:30:00-05:00","logged":"2026-11-28T14:30:00-05:00","entry":{{"type":"drink","ml":250}}}}"#
            ))
            .unwrap()
        };
        let seen = laptop.signature();
        let (after, alone) = laptop.append_seen(&[event("01A")], &seen).unwrap();
        assert!(alone, "nothing else was written");
        assert_eq!(after, laptop.signature());
        // Another device's file (synced in) since the read.
        desktop.append(&[event("01B")]).unwrap();
        assert!(!laptop.append_seen(&[event("01C")], &after).unwrap().1);
        // Another process of this device since the read.
        let seen = laptop.signature();
        laptop.append(&[event("01D")]).unwrap();
        assert!(!laptop.append_seen(&[event("01E")], &seen).unwrap().1);
        assert_eq!(laptop.load(Scope::All).unwrap().events.len(), 5);
    }

    #[test]
    fn appends_never_go_to_a_month_before_the_newest_file() {
        let dir = tempfile::tempdir().unwrap();
        let j = Journal::open(dir.path(), "laptop");
        let event = |logged: &str, id: &str| -> Event {
            serde_json::from_str(&format!(
                r#"{{"v":1,"id":"{id}","op":"add","at":"{logged}","logged":"{logged}","entry":{{"type":"drink","ml":250}}}}"#
            ))
            .unwrap()
        };
        j.append(&[event(
            "2026-11-28T14:30:00-05:00",
            "01M8HT5HP00000000000000001",
        )])
        .unwrap();
        // The clock set back a year, and a sync conflict copy of a later month.
        fs::write(j.device_dir().join("2027-01.sync-conflict-1.jsonl"), "").unwrap();
        j.append(&[event(
            "2025-11-28T14:30:00-05:00",
            "01M8HT5HP00000000000000002",
        )])
        .unwrap();
        assert!(!j.device_dir().join("2025-11.jsonl").exists());
        let lines = fs::read_to_string(j.device_dir().join("2026-11.jsonl")).unwrap();
        assert_eq!(lines.lines().count(), 2);
    }
}
