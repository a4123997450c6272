//! The event files on disk: open, append, reload, recover, import.
//!
//! Layout: `<data dir>/journal/<device>/<YYYY-MM>.jsonl`, one JSON event a
//! line, by the (UTC) month the event was written (never into a month before
//! this device's newest file, so a clock set back cannot hide new events from
//! loads of recent months). Each device writes only its
//! own folder; reading takes the union of every `*.jsonl` file, conflict copies
//! from sync tools included, deduplicated by id.
//!
//! Each append: an exclusive lock on `<device>/.lock`, a check that the file
//! ends in a newline (a torn tail is moved to `rejected.jsonl` first), one
//! `write` of each whole line with O_APPEND, `sync_data` before returning, and
//! an fsync of the folder when a file is created. Files are mode 0600.

use crate::domain::entry::Time;
use crate::domain::history::Event;
use std::fs::File;
use std::path::{Path, PathBuf};

mod append;
#[cfg(test)]
pub(crate) mod arbitrary;
pub mod cache;
mod commit;
pub mod commit_batch;
mod compact;
mod device;
mod error;
#[cfg(test)]
mod format_tests;
mod id;
mod layout;
mod load;
mod no_follow;
pub mod raw_lines;
mod recover;
mod union;
pub use commit::{Stamped, mint};
pub use device::device_id;
pub(crate) use error::io_err;
pub use error::{JournalError, Problem};
pub use id::new_id;
pub(crate) use layout::{is_journal_file, month_of};
pub use load::Reader;
pub(crate) use load::{LineError, parse_event};
pub use raw_lines::RawLines;
use recover::Tail;

const LOCK_FILE: &str = ".lock";

/// What a load found.
#[derive(Debug, Default)]
pub struct Loaded {
    pub events: Vec<Event>,
    pub problems: Vec<Problem>,
    /// How many files were read.
    pub files: usize,
    /// For each event: whether this device wrote it (undo and redo take
    /// back only this device's own changes).
    pub mine: Vec<bool>,
}

/// Which files a load reads.
#[derive(Clone, Copy, Debug)]
pub enum Scope {
    /// Every file.
    All,
    /// Only the monthly files that can hold entries from this time on
    /// (with room for plans made weeks ahead).
    Since(Time),
}

/// The journal's exclusive lock, held until dropped.
#[derive(Debug)]
pub struct Lock(#[allow(dead_code)] File);

/// A cheap fingerprint of the journal files, to notice another writer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Signature(Vec<(PathBuf, u64, Option<std::time::SystemTime>)>);

/// The journal of one data directory, as seen from one device.
#[derive(Clone, Debug)]
pub struct Journal {
    data_dir: PathBuf,
    device: String,
    cache: Option<crate::store::cache::Cache>,
    /// This device's clock, read once by the caller: other devices' ids
    /// far ahead of it are set aside at load.
    now: Option<Time>,
}

impl Journal {
    /// Opens the journal in `data_dir` as `device`. Nothing is created until
    /// the first append.
    pub fn open(data_dir: &Path, device: &str) -> Journal {
        Journal {
            data_dir: data_dir.to_path_buf(),
            device: device.to_string(),
            cache: None,
            now: None,
        }
    }

    /// Sets aside, at load, other devices' ids from more than a day after
    /// `now` (a forged id that would sort after all of this device's).
    pub fn with_clock(mut self, now: Time) -> Journal {
        self.now = Some(now);
        self
    }

    /// Keeps parsed files in a cache under `cache_root` (outside the data
    /// dir), so that full loads do not parse years of lines every time.
    pub fn with_cache(mut self, cache_root: &Path) -> Journal {
        self.cache = Some(crate::store::cache::Cache::new(cache_root, &self.data_dir));
        self
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn device(&self) -> &str {
        &self.device
    }

    pub fn journal_dir(&self) -> PathBuf {
        self.data_dir.join("journal")
    }

    /// This device's folder.
    pub fn device_dir(&self) -> PathBuf {
        self.journal_dir().join(&self.device)
    }
}
