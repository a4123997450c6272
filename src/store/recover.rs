//! Recovery of an unfinished last line: completed when only its newline was
//! lost, else moved, under the lock, into `rejected.jsonl` beside it.

use super::append::open_append;
use super::layout::sync_dir;
use super::{Journal, JournalError, LOCK_FILE, Problem, io_err, no_follow};
use crate::domain::history::Event;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

const REJECTED_FILE: &str = "rejected.jsonl";

impl Journal {
    /// Under the lock: completes a last line that lacks only its newline, or
    /// moves an unfinished one into `rejected.jsonl`.
    /// A writer that holds the lock may be mid-line: then the line is not
    /// torn, and the reader reads around it without a word.
    pub(super) fn recover_tail(&self, path: &Path) -> Result<Tail, JournalError> {
        let f = self.lock_file()?;
        match f.try_lock() {
            Ok(()) => recover_tail_locked(path).map(Tail::Recovered),
            Err(std::fs::TryLockError::WouldBlock) => Ok(Tail::Busy),
            Err(std::fs::TryLockError::Error(e)) => {
                Err(io_err(&self.device_dir().join(LOCK_FILE))(e))
            }
        }
    }
}

/// What became of an unfinished last line in this device's file.
pub(super) enum Tail {
    /// Recovered under the lock (or already fixed by another process).
    Recovered(Option<Problem>),
    /// A writer holds the lock: the line is being written, not torn.
    Busy,
}

/// Completes a last line that lacks only its newline, or moves an unfinished
/// one into `rejected.jsonl`. The caller holds the lock (a second lock from
/// this process would wait on itself: flock is per open file description).
pub(super) fn recover_tail_locked(path: &Path) -> Result<Option<Problem>, JournalError> {
    let mut file = no_follow::read_write(path)?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(io_err(path))?;
    if bytes.is_empty() || bytes.ends_with(b"\n") {
        return Ok(None); // another process fixed it first
    }
    let cut = bytes.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    let tail = &bytes[cut..];
    let line = bytes[..cut].iter().filter(|b| **b == b'\n').count() + 1;
    let complete = std::str::from_utf8(tail)
        .ok()
        .and_then(|s| serde_json::from_str::<Event>(s.trim_end_matches('\r')).ok())
        .is_some_and(|e| e.check().is_ok());
    if complete {
        file.seek(SeekFrom::End(0)).map_err(io_err(path))?;
        file.write_all(b"\n").map_err(io_err(path))?;
        file.sync_data().map_err(io_err(path))?;
        return Ok(Some(Problem::TornTailRepaired {
            path: path.to_path_buf(),
            line,
        }));
    }
    let rejected = path.with_file_name(REJECTED_FILE);
    let mut record = tail.to_vec();
    record.push(b'\n');
    let (mut rf, made) = open_append(&rejected)?;
    rf.write_all(&record).map_err(io_err(&rejected))?;
    rf.sync_data().map_err(io_err(&rejected))?;
    if made && let Some(dir) = rejected.parent() {
        sync_dir(dir)?; // the torn line is kept before it leaves the journal
    }
    file.set_len(cut as u64).map_err(io_err(path))?;
    file.sync_data().map_err(io_err(path))?;
    Ok(Some(Problem::TornTailMoved {
        path: path.to_path_buf(),
        moved_to: rejected,
    }))
}
