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
use crate::domain::history::{Event, EventProblem, SCHEMA_VERSION};
use chrono::{Datelike, Duration, Utc};
use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

pub mod cache;
mod commit;
pub mod commit_batch;
pub mod fastline;
mod id;
mod no_follow;
pub mod raw_lines;
mod union;
pub use commit::{Stamped, mint};
pub use id::new_id;
pub use raw_lines::RawLines;

const LOCK_FILE: &str = ".lock";
const REJECTED_FILE: &str = "rejected.jsonl";
/// The most [`Journal::append_raw`] writes at once.
const RAW_CHUNK: usize = 1 << 20;

#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error(
        "{}, line {line}: written by a newer crampwatch (journal schema {found}; this one knows {known}); upgrade crampwatch to read this journal",
        path.display(),
        known = SCHEMA_VERSION
    )]
    NewerSchema {
        path: PathBuf,
        line: usize,
        found: u32,
    },
    #[error("{}: {what}", path.display())]
    NotAJournal { path: PathBuf, what: String },
    #[error(
        "{} is a symlink to {}, which does not exist (a drive or synced folder missing?)",
        path.display(),
        target.display()
    )]
    DanglingLink { path: PathBuf, target: PathBuf },
    #[error(
        "{} is a symbolic link; crampwatch never writes through a link inside its data folder (a synced link can point anywhere): replace it with a real file or folder (see 'crampwatch doctor')",
        path.display()
    )]
    Symlink { path: PathBuf },
    #[error("{} is not {what}; crampwatch left it alone (see 'crampwatch doctor')", path.display())]
    NotRegular { path: PathBuf, what: &'static str },
    #[error("not saved: {0}")]
    Refused(String),
}

pub(crate) fn io_err(path: &Path) -> impl FnOnce(io::Error) -> JournalError + '_ {
    move |source| JournalError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Something wrong in a file that did not stop the rest from loading.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// A bad line left in place (garbage, NUL bytes, bad UTF-8, a hand edit).
    BadLine {
        path: PathBuf,
        line: usize,
        reason: String,
    },
    /// An unfinished last line moved into `rejected.jsonl`.
    TornTailMoved { path: PathBuf, moved_to: PathBuf },
    /// A last line that lacked only its newline, completed in place.
    TornTailRepaired { path: PathBuf, line: usize },
    /// An unfinished last line in another device's file (or in a file that
    /// cannot be written), left alone.
    TornTailSkipped { path: PathBuf, line: usize },
    /// The same id twice with different content; the first was kept.
    DuplicateId {
        path: PathBuf,
        line: usize,
        id: String,
    },
    /// Another device's line reusing an id this device wrote: set aside.
    PeerReusedId {
        path: PathBuf,
        line: usize,
        id: String,
    },
    /// Another device's id from more than a day after this device's clock.
    FutureId {
        path: PathBuf,
        line: usize,
        id: String,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::BadLine { path, line, reason } => write!(
                f,
                "{}, line {line}: skipped a line that is not a valid entry ({reason}); it was left in place",
                path.display()
            ),
            Problem::TornTailMoved { path, moved_to } => write!(
                f,
                "{}: its last line was cut short (a crash while writing?); it was moved to {}",
                path.display(),
                moved_to.display()
            ),
            Problem::TornTailRepaired { path, line } => write!(
                f,
                "{}, line {line}: the last line had lost its newline; it was completed",
                path.display()
            ),
            Problem::TornTailSkipped { path, line } => write!(
                f,
                "{}, line {line}: the last line is unfinished (another device's file still syncing, or a file this program cannot write); skipped and left in place",
                path.display()
            ),
            Problem::DuplicateId { path, line, id } => write!(
                f,
                "{}, line {line}: id {id} appears twice with different content; the first was kept",
                path.display()
            ),
            Problem::PeerReusedId { path, line, id } => write!(
                f,
                "{}, line {line}: another device's line reuses id {id}, which this device wrote; set aside, this device's own line stands (see 'crampwatch doctor')",
                path.display()
            ),
            Problem::FutureId { path, line, id } => write!(
                f,
                "{}, line {line}: id {id} was made more than a day after this device's clock; set aside (a device's clock far ahead, or a forged line; see 'crampwatch doctor')",
                path.display()
            ),
        }
    }
}

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

    /// The monthly file of `logged` (appends use a later one if this device
    /// already has it).
    pub fn file_for(&self, logged: &Time) -> PathBuf {
        self.month_file(raw_lines::month(logged))
    }

    /// This device's file for a (year, month).
    fn month_file(&self, (year, month): raw_lines::Month) -> PathBuf {
        self.device_dir()
            .join(format!("{year:04}-{month:02}.jsonl"))
    }

    /// Every journal file, sorted, with its device folder.
    fn files(&self) -> Result<Vec<PathBuf>, JournalError> {
        let root = self.journal_dir();
        let mut out = Vec::new();
        let devices = match fs::read_dir(&root) {
            Ok(d) => d,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                // A data dir that links to nowhere is not an empty journal.
                return match root.ancestors().find_map(dangling_link) {
                    Some(err) => Err(err),
                    None => Ok(Vec::new()),
                };
            }
            Err(e) => return Err(io_err(&root)(e)),
        };
        for dev in devices {
            let dev = dev.map_err(io_err(&root))?;
            let dir = dev.path();
            if !dir.is_dir() {
                continue;
            }
            let entries = fs::read_dir(&dir).map_err(io_err(&dir))?;
            for f in entries {
                let f = f.map_err(io_err(&dir))?;
                let path = f.path();
                // The dir entry knows its type: no stat per file, except for links.
                let is_file = match f.file_type() {
                    Ok(t) if t.is_symlink() => path.is_file(),
                    Ok(t) => t.is_file(),
                    Err(_) => path.is_file(),
                };
                if is_file && is_journal_name(&path) {
                    out.push((dev.file_name(), f.file_name(), path));
                }
            }
        }
        // Device, then file name: the order of `Path`'s own comparison, but
        // without splitting every path into components (a tenth of `status`).
        out.sort_unstable_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
        Ok(out.into_iter().map(|(_, _, path)| path).collect())
    }

    /// Reads the journal: the union of every file (or the recent ones), by id,
    /// in id order. Files are parsed on a few threads. A torn tail in this
    /// device's files is recovered under the lock.
    pub fn load(&self, scope: Scope) -> Result<Loaded, JournalError> {
        let min_month = match scope {
            Scope::All => None,
            Scope::Since(t) => {
                let from = (t - Duration::days(crate::domain::input::MAX_PLAN_DAYS + 2))
                    .with_timezone(&Utc);
                Some(format!("{:04}-{:02}", from.year(), from.month()))
            }
        };
        let files: Vec<PathBuf> = self
            .files()?
            .into_iter()
            .filter(|path| match (&min_month, month_of(path)) {
                (Some(min), Some(month)) => month.as_str() >= min.as_str(),
                _ => true,
            })
            .collect();

        let mut loaded = Loaded {
            files: files.len(),
            ..Loaded::default()
        };
        // Past months come from the parse cache, decoded straight into one
        // vector per half of the files (one on a second thread): years of
        // events are tens of MB, and a copy per file would double what a
        // load touches. The rest are parsed on a few threads and appended.
        let metas: Vec<Option<fs::Metadata>> =
            files.iter().map(|path| fs::metadata(path).ok()).collect();
        let half = if files.len() >= 8 {
            files.len() / 2
        } else {
            files.len()
        };
        let (mut decoded, second) = std::thread::scope(|scope| {
            let second = (half < files.len()).then(|| {
                scope.spawn(|| {
                    self.decode_cached(&files, &metas, half..files.len(), half..files.len())
                })
            });
            // The first half's vector has room for all: the second half is
            // appended to it.
            let first = self.decode_cached(&files, &metas, 0..half, 0..files.len());
            let second = second.map(|h| h.join().expect("a journal reader thread panicked"));
            (first, second)
        });
        if let Some(second) = second {
            decoded.events.extend(second.events);
            decoded.origin.extend(second.origin);
            decoded.to_parse.extend(second.to_parse);
        }
        let Decoded {
            mut events,
            mut origin,
            to_parse,
        } = decoded;
        let workers = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 4)
            .min(to_parse.len().max(1));
        let mut results: Vec<Option<Result<FileRead, JournalError>>> =
            (0..to_parse.len()).map(|_| None).collect();
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..workers)
                .map(|w| {
                    let (files, to_parse) = (&files, &to_parse);
                    scope.spawn(move || {
                        (w..to_parse.len())
                            .step_by(workers)
                            .map(|i| (i, self.read_file(&files[to_parse[i]])))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            for h in handles {
                for (i, r) in h.join().expect("a journal reader thread panicked") {
                    results[i] = Some(r);
                }
            }
        });
        let mut reads = Vec::with_capacity(results.len());
        for r in results {
            reads.push(r.expect("every file was read")?);
        }
        events.reserve(reads.iter().map(|r| r.events.len()).sum());
        for (read, fi) in reads.into_iter().zip(&to_parse) {
            loaded.problems.extend(read.problems);
            for (e, line) in read.events {
                events.push(e);
                origin.push((*fi as u32, line));
            }
        }
        // Union by id: in id order, this device's lines first, then file
        // and line order (the first file wins), and repeats dropped.
        let device_dir = self.device_dir();
        let mine: Vec<bool> = files
            .iter()
            .map(|f| f.parent() == Some(device_dir.as_path()))
            .collect();
        let (events, own) = union::union(
            events,
            &origin,
            &files,
            &mine,
            self.now.as_ref(),
            &mut loaded.problems,
        );
        loaded.mine = own;
        let out = events;
        loaded.events = out;
        Ok(loaded)
    }

    /// The events of `files[range]` that the parse cache holds, in one
    /// vector with room for those of `files[room_for]`, and the files it
    /// does not hold.
    fn decode_cached(
        &self,
        files: &[PathBuf],
        metas: &[Option<fs::Metadata>],
        range: std::ops::Range<usize>,
        room_for: std::ops::Range<usize>,
    ) -> Decoded {
        let bytes: u64 = metas[room_for].iter().flatten().map(|m| m.len()).sum();
        let mut out = Decoded::default();
        reserve_huge(&mut out.events, (bytes / MIN_LINE_BYTES) as usize);
        let mut lines = Vec::new();
        for fi in range {
            let cached = match (&self.cache, &metas[fi]) {
                (Some(cache), Some(meta)) => {
                    cache.read_into(&files[fi], meta, &mut out.events, &mut lines)
                }
                _ => false,
            };
            if cached {
                out.origin
                    .extend(lines.drain(..).map(|line| (fi as u32, line)));
            } else {
                out.to_parse.push(fi);
            }
        }
        out
    }

    /// Reads and parses one file, recovering a torn tail in this device's files.
    fn read_file(&self, path: &Path) -> Result<FileRead, JournalError> {
        let mut read = FileRead::default();
        let before = fs::metadata(path).map_err(io_err(path))?;
        let mut bytes = fs::read(path).map_err(io_err(path))?;
        // A file holding only a byte order mark (a new file from some
        // editors) is empty, not torn.
        if !bytes.is_empty() && !bytes.ends_with(b"\n") && bytes != b"\xEF\xBB\xBF" {
            let is_own = path.parent() == Some(self.device_dir().as_path());
            // Recovery writes; when it cannot (a read-only data dir), the
            // file is read around its unfinished line instead.
            let recovered = if is_own {
                self.recover_tail(path).ok()
            } else {
                None
            };
            let mut busy = false;
            match recovered {
                Some(Tail::Recovered(problem)) => {
                    read.problems.extend(problem);
                    bytes = fs::read(path).map_err(io_err(path))?;
                }
                Some(Tail::Busy) => busy = true,
                None => {}
            }
            if !bytes.is_empty() && !bytes.ends_with(b"\n") {
                let cut = bytes.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
                let line = bytes[..cut].iter().filter(|b| **b == b'\n').count() + 1;
                if !busy {
                    read.problems.push(Problem::TornTailSkipped {
                        path: path.to_path_buf(),
                        line,
                    });
                }
                bytes.truncate(cut);
            }
        }
        parse_lines(path, &bytes, &mut read)?;
        // Cache only a file read whole and clean, unchanged while it was read.
        if let Some(cache) = &self.cache
            && read.problems.is_empty()
            && bytes.len() as u64 == before.len()
            && let Ok(after) = fs::metadata(path)
            && after.len() == before.len()
            && after.modified().ok() == before.modified().ok()
        {
            cache.write(path, &before, &read.events);
        }
        Ok(read)
    }

    /// Under the lock: completes a last line that lacks only its newline, or
    /// moves an unfinished one into `rejected.jsonl`.
    /// A writer that holds the lock may be mid-line: then the line is not
    /// torn, and the reader reads around it without a word.
    fn recover_tail(&self, path: &Path) -> Result<Tail, JournalError> {
        let f = self.lock_file()?;
        match f.try_lock() {
            Ok(()) => recover_tail_locked(path).map(Tail::Recovered),
            Err(std::fs::TryLockError::WouldBlock) => Ok(Tail::Busy),
            Err(std::fs::TryLockError::Error(e)) => {
                Err(io_err(&self.device_dir().join(LOCK_FILE))(e))
            }
        }
    }

    fn lock_file(&self) -> Result<File, JournalError> {
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

    /// This device's latest monthly file. Appends never go to an earlier
    /// one: with the clock set back, new events (edits of recent entries
    /// among them) would land in an old month that recent loads skip.
    fn newest_month_file(&self) -> Option<PathBuf> {
        fs::read_dir(self.device_dir())
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| n.len() == "2026-11.jsonl".len())
                    && month_of(p).is_some()
                    && is_journal_file(p)
            })
            .max()
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

    /// A fingerprint of every file's size and mtime, to notice other writers.
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

    pub fn signature(&self) -> Signature {
        let mut sig = Vec::new();
        if let Ok(files) = self.files() {
            for p in files {
                if let Ok(m) = fs::metadata(&p) {
                    sig.push((p, m.len(), m.modified().ok()));
                }
            }
        }
        Signature(sig)
    }
}

/// What became of an unfinished last line in this device's file.
enum Tail {
    /// Recovered under the lock (or already fixed by another process).
    Recovered(Option<Problem>),
    /// A writer holds the lock: the line is being written, not torn.
    Busy,
}

/// Completes a last line that lacks only its newline, or moves an unfinished
/// one into `rejected.jsonl`. The caller holds the lock (a second lock from
/// this process would wait on itself: flock is per open file description).
fn recover_tail_locked(path: &Path) -> Result<Option<Problem>, JournalError> {
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
fn open_append(path: &Path) -> Result<(File, bool), JournalError> {
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

/// Creates a folder (0700) and its parents, syncing each new folder's parent.
fn ensure_dir(dir: &Path) -> Result<(), JournalError> {
    if dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent()
        && !parent.as_os_str().is_empty()
    {
        ensure_dir(parent)?;
    }
    match fs::DirBuilder::new().mode(0o700).create(dir) {
        Ok(()) => {
            if let Some(parent) = dir.parent()
                && !parent.as_os_str().is_empty()
            {
                sync_dir(parent)?;
            }
            Ok(())
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        Err(e) => Err(dangling_link(dir).unwrap_or_else(|| io_err(dir)(e))),
    }
}

/// A symlink whose target does not exist (an unmounted drive, a moved
/// synced folder), as a clear error; `None` for anything else.
fn dangling_link(path: &Path) -> Option<JournalError> {
    let meta = fs::symlink_metadata(path).ok()?;
    if !meta.file_type().is_symlink() || path.exists() {
        return None;
    }
    let target = fs::read_link(path).ok()?;
    Some(JournalError::DanglingLink {
        path: path.to_path_buf(),
        target,
    })
}

fn sync_dir(dir: &Path) -> Result<(), JournalError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io_err(dir))
}

/// `*.jsonl`, not the rejected file (or a conflict copy of it), not hidden.
pub(crate) fn is_journal_file(path: &Path) -> bool {
    path.is_file() && is_journal_name(path)
}

/// The name part of [`is_journal_file`].
fn is_journal_name(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    name.ends_with(".jsonl") && !name.starts_with('.') && !name.starts_with("rejected")
}

/// `2026-11` from `2026-11.jsonl` or `2026-11.sync-conflict-….jsonl`.
pub(crate) fn month_of(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let m = name.get(..7)?;
    let b = m.as_bytes();
    let ok = b[4] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || c.is_ascii_digit());
    ok.then(|| m.to_string())
}

/// Reorders `v` in place so that `v[p]` becomes the old `v[perm[p]]`.
/// The lines crampwatch writes take 150-200 bytes (a delete, the shortest,
/// about 150): file sizes over this bound the events of a full load. A
/// journal of shorter lines only grows its block past the reservation.
const MIN_LINE_BYTES: u64 = 128;

/// Reserves room for `n` more items and asks the kernel to back the block
/// with transparent huge pages. A full load puts years of events in one
/// block of tens of MB; faulting that in 4 KiB page by page was a fifth of
/// a 10-year report's time. A hint only: what the block holds is the same,
/// and a reservation that cannot be had is simply skipped.
fn reserve_huge<T>(v: &mut Vec<T>, n: usize) {
    if v.try_reserve(n).is_err() {
        return;
    }
    #[cfg(target_os = "linux")]
    {
        const HUGE: usize = 2 << 20;
        let start = v.as_ptr() as usize;
        let end = start + v.capacity() * std::mem::size_of::<T>();
        let (from, to) = (start.next_multiple_of(HUGE), end / HUGE * HUGE);
        if to > from {
            // SAFETY: [from, to) lies inside the vector's own allocation, and
            // MADV_HUGEPAGE changes how memory is backed, never its contents.
            unsafe { libc::madvise(from as *mut libc::c_void, to - from, libc::MADV_HUGEPAGE) };
        }
    }
}

/// Events decoded from the parse cache, with (file, line) for each, and the
/// files that must be parsed instead.
#[derive(Default)]
struct Decoded {
    events: Vec<Event>,
    origin: Vec<(u32, u32)>,
    to_parse: Vec<usize>,
}

/// What one file held.
#[derive(Default)]
struct FileRead {
    /// Events with their line numbers.
    events: Vec<(Event, u32)>,
    problems: Vec<Problem>,
}

/// Parses complete lines; bad ones become problems, a newer schema an error.
fn parse_lines(path: &Path, bytes: &[u8], read: &mut FileRead) -> Result<(), JournalError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len()));
    for (i, end) in ends.enumerate() {
        let raw = &bytes[start..end];
        start = end + 1;
        let line_no = i + 1;
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        if raw.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        match parse_event(raw) {
            Ok(event) => read.events.push((event, line_no as u32)),
            Err(LineError::Newer(found)) => {
                return Err(JournalError::NewerSchema {
                    path: path.to_path_buf(),
                    line: line_no,
                    found,
                });
            }
            Err(LineError::Bad(reason)) => read.problems.push(Problem::BadLine {
                path: path.to_path_buf(),
                line: line_no,
                reason,
            }),
        }
    }
    Ok(())
}

pub(crate) enum LineError {
    Newer(u32),
    Bad(String),
}

/// Parses and checks one line (without its newline).
pub(crate) fn parse_event(raw: &[u8]) -> Result<Event, LineError> {
    let parsed = match crate::store::fastline::parse(raw) {
        Some(e) => Ok(e),
        None => serde_json::from_slice::<Event>(raw),
    };
    let event: Event = match parsed {
        Ok(e) => e,
        Err(err) => {
            if raw.contains(&0) {
                return Err(LineError::Bad("NUL bytes".into()));
            }
            let Ok(text) = std::str::from_utf8(raw) else {
                return Err(LineError::Bad("invalid UTF-8".into()));
            };
            // A newer schema may not even parse as this version's event.
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(text)
                && let Some(found) = v.get("v").and_then(|v| v.as_u64())
                && found > SCHEMA_VERSION as u64
            {
                return Err(LineError::Newer(found as u32));
            }
            return Err(LineError::Bad(shorten(&err.to_string())));
        }
    };
    match event.check() {
        Ok(()) => Ok(event),
        Err(EventProblem::NewerSchema(v)) => Err(LineError::Newer(v)),
        Err(EventProblem::Invalid(why)) => Err(LineError::Bad(why)),
    }
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 100 {
        let mut t: String = s.chars().take(100).collect();
        t.push('…');
        t
    } else {
        s.to_string()
    }
}

/// Reads (or makes, on first run) this device's id, kept at `file`, outside
/// the data dir. Made atomically, so two first runs agree on one id.
pub fn device_id(file: &Path) -> Result<String, JournalError> {
    if let Ok(id) = std::env::var("CRAMPWATCH_DEVICE") {
        let id = sanitize_device(&id);
        if !id.is_empty() {
            return Ok(id);
        }
    }
    if let Ok(text) = fs::read_to_string(file) {
        let id = sanitize_device(text.trim());
        if !id.is_empty() {
            return Ok(id);
        }
    }
    let dir = file.parent().unwrap_or(Path::new("."));
    ensure_dir(dir)?;
    let host = fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| fs::read_to_string("/etc/hostname"))
        .unwrap_or_default();
    let mut id = sanitize_device(host.trim());
    if id.is_empty() {
        id = "device".into();
    }
    let suffix: u16 = rand::random();
    let id = format!("{id}-{suffix:04x}");
    let tmp = dir.join(format!(".device-id.{}.tmp", std::process::id()));
    let mut f = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(&tmp)
        .map_err(io_err(&tmp))?;
    f.write_all(format!("{id}\n").as_bytes())
        .and_then(|()| f.sync_all())
        .map_err(io_err(&tmp))?;
    let linked = fs::hard_link(&tmp, file);
    let _ = fs::remove_file(&tmp);
    match linked {
        Ok(()) => Ok(id),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            let text = fs::read_to_string(file).map_err(io_err(file))?;
            Ok(sanitize_device(text.trim()))
        }
        Err(e) => Err(io_err(file)(e)),
    }
}

fn sanitize_device(s: &str) -> String {
    s.chars()
        .map(|c| c.to_ascii_lowercase())
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(40)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_come_from_file_names_and_conflict_copies() {
        assert_eq!(
            month_of(Path::new("a/2026-11.jsonl")).as_deref(),
            Some("2026-11")
        );
        assert_eq!(
            month_of(Path::new("a/2026-11.sync-conflict-20261128-1.jsonl")).as_deref(),
            Some("2026-11")
        );
        assert_eq!(month_of(Path::new("a/notes.jsonl")), None);
    }

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

    #[test]
    fn a_file_holding_only_a_byte_order_mark_is_empty_not_torn() {
        let dir = tempfile::tempdir().unwrap();
        let j = Journal::open(dir.path(), "laptop");
        for dev in ["laptop", "phone"] {
            let d = j.journal_dir().join(dev);
            fs::create_dir_all(&d).unwrap();
            fs::write(d.join("2026-11.jsonl"), b"\xEF\xBB\xBF").unwrap();
        }
        let loaded = j.load(Scope::All).unwrap();
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert_eq!(loaded.files, 2);
    }

    #[test]
    fn device_names_are_safe_folder_names() {
        assert_eq!(sanitize_device("My Laptop/../x"), "mylaptopx");
    }
}
