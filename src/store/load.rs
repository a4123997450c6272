//! Loads: which files a scope reads, the parse cache first, the rest read
//! and parsed on a few threads, then the union by id.

use super::layout::month_of;
use super::{Journal, JournalError, Loaded, Problem, Scope, Tail, io_err, union};
use crate::domain::history::{Event, EventProblem, SCHEMA_VERSION};
use chrono::{Datelike, Duration, Utc};
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

impl Journal {
    /// Reads the journal: the union of every file (or the recent ones), by id,
    /// in id order. Files are parsed on a few threads. A torn tail in this
    /// device's files is recovered under the lock.
    pub fn load(&self, scope: Scope) -> Result<Loaded, JournalError> {
        self.load_with(&mut self.reader(false)?, scope)
    }

    /// Lists the journal's files once, for one or more loads through
    /// [`Journal::load_with`]. With `keep`, the files it parses are kept
    /// for those later loads too (a file the cache did not hold, such as the
    /// current month just after a write; cached ones are decoded again):
    /// for a command that widens its load, like `status` with a workout
    /// running. The listing is not refreshed: a reader is for one command's
    /// reads, not across writes.
    pub fn reader(&self, keep: bool) -> Result<Reader, JournalError> {
        Ok(Reader {
            files: self.files()?,
            keep,
            parsed: HashMap::new(),
        })
    }

    /// [`Journal::load`] from the files `reader` listed, reusing what it
    /// kept of earlier loads.
    pub fn load_with(&self, reader: &mut Reader, scope: Scope) -> Result<Loaded, JournalError> {
        let files = files_in(&reader.files, scope);
        let mut loaded = Loaded {
            files: files.len(),
            ..Loaded::default()
        };
        let Decoded {
            mut events,
            mut origin,
            to_parse,
        } = self.decode_all_cached(&files);
        let mut take = |fi: usize, read: FileRead, loaded: &mut Loaded| {
            loaded.problems.extend(read.problems);
            for (e, line) in read.events {
                events.push(e);
                origin.push((fi as u32, line));
            }
        };
        let (kept, to_read): (Vec<usize>, Vec<usize>) = to_parse
            .iter()
            .partition(|fi| reader.parsed.contains_key(&files[**fi]));
        // Kept files are taken in file order among those read, so that
        // problems are listed in file order.
        let mut kept = kept.into_iter().peekable();
        // Each file's events are appended as soon as it is parsed (in
        // order), so the parsed files are not all held at once beside the
        // loaded vector: that halved copy was the peak of an uncached load.
        self.read_files(&files, &to_read, |fi, read| {
            while let Some(k) = kept.next_if(|k| *k < fi) {
                take(k, reader.parsed[&files[k]].clone(), &mut loaded);
            }
            if reader.keep {
                reader.parsed.insert(files[fi].clone(), read.clone());
            }
            take(fi, read, &mut loaded);
        })?;
        for k in kept {
            take(k, reader.parsed[&files[k]].clone(), &mut loaded);
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
        loaded.events = events;
        Ok(loaded)
    }

    /// Past months from the parse cache, decoded straight into one vector
    /// per half of the files (one on a second thread): years of events are
    /// tens of MB, and a copy per file would double what a load touches.
    fn decode_all_cached(&self, files: &[PathBuf]) -> Decoded {
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
                    self.decode_cached(files, &metas, half..files.len(), half..files.len())
                })
            });
            // The first half's vector has room for all: the second half is
            // appended to it.
            let first = self.decode_cached(files, &metas, 0..half, 0..files.len());
            let second = second.map(|h| h.join().expect("a journal reader thread panicked"));
            (first, second)
        });
        if let Some(second) = second {
            decoded.events.extend(second.events);
            decoded.origin.extend(second.origin);
            decoded.to_parse.extend(second.to_parse);
        }
        decoded
    }

    /// Reads and parses `files[i]` for each i of `to_parse`, on a few
    /// threads, and hands each to `each` with its i, in the order of
    /// `to_parse`, as soon as it and those before it are parsed.
    fn read_files(
        &self,
        files: &[PathBuf],
        to_parse: &[usize],
        mut each: impl FnMut(usize, FileRead),
    ) -> Result<(), JournalError> {
        // One file (the current month, for `status`) or none: no thread,
        // whose start costs more than a month's parse.
        if to_parse.len() <= 1 {
            for &fi in to_parse {
                each(fi, self.read_file(&files[fi])?);
            }
            return Ok(());
        }
        let workers = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 4)
            .min(to_parse.len());
        std::thread::scope(|scope| {
            let (tx, rx) = std::sync::mpsc::channel();
            for w in 0..workers {
                let tx = tx.clone();
                scope.spawn(move || {
                    for k in (w..to_parse.len()).step_by(workers) {
                        let read = self.read_file(&files[to_parse[k]]);
                        // The receiver is gone once a file before failed.
                        if tx.send((k, read)).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(tx);
            // Files parsed ahead of their turn wait here (a few at most).
            let mut ahead = HashMap::new();
            let mut next = 0;
            for (k, read) in rx {
                ahead.insert(k, read);
                while let Some(read) = ahead.remove(&next) {
                    each(to_parse[next], read?);
                    next += 1;
                }
            }
            // Short only when a reader thread panicked: the scope re-raises it.
            Ok(())
        })
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
        // A reservation that cannot be had is simply skipped.
        let _ = out.events.try_reserve((bytes / MIN_LINE_BYTES) as usize);
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
}

/// The lines crampwatch writes take 150-200 bytes (a delete, the shortest,
/// about 150): file sizes over this bound the events of a full load. A
/// journal of shorter lines only grows its block past the reservation.
const MIN_LINE_BYTES: u64 = 128;

/// Events decoded from the parse cache, with (file, line) for each, and the
/// files that must be parsed instead.
#[derive(Default)]
struct Decoded {
    events: Vec<Event>,
    origin: Vec<(u32, u32)>,
    to_parse: Vec<usize>,
}

/// The journal's files listed once, for the loads of one command, and
/// (when asked to keep them) the files parsed so far.
#[derive(Debug)]
pub struct Reader {
    files: Vec<PathBuf>,
    keep: bool,
    parsed: HashMap<PathBuf, FileRead>,
}

/// The files a load of `scope` reads, of those listed (sorted).
fn files_in(listed: &[PathBuf], scope: Scope) -> Vec<PathBuf> {
    let min_month = match scope {
        Scope::All => None,
        Scope::Since(t) => {
            let from =
                (t - Duration::days(crate::domain::input::MAX_PLAN_DAYS + 2)).with_timezone(&Utc);
            Some(format!("{:04}-{:02}", from.year(), from.month()))
        }
    };
    listed
        .iter()
        .filter(|path| match (&min_month, month_of(path)) {
            (Some(min), Some(month)) => month.as_str() >= min.as_str(),
            _ => true,
        })
        .cloned()
        .collect()
}

/// What one file held.
#[derive(Clone, Debug, Default)]
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
    // serde alone: a hand-written reader of the common shape saved 12% of
    // the instructions of a 10-year report without its cache, under the
    // 20% that would pay for a second definition of the format.
    let parsed = serde_json::from_slice::<Event>(raw);
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

#[cfg(test)]
mod tests {
    use super::*;

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

    /// `months` monthly files of laptop's, from 2025-01 on, each with one
    /// drink and one bad line.
    fn journal_of(months: u32) -> (tempfile::TempDir, Journal) {
        let dir = tempfile::tempdir().unwrap();
        let j = Journal::open(dir.path(), "laptop").with_cache(&dir.path().join("cache"));
        let d = j.journal_dir().join("laptop");
        fs::create_dir_all(&d).unwrap();
        for m in 0..months {
            let (y, mo) = (2025 + m / 12, m % 12 + 1);
            let line = format!(
                r#"{{"v":1,"id":"A{m:03}","op":"add","at":"{y}-{mo:02}-10T14:30:00-05:00","logged":"{y}-{mo:02}-10T14:31:02-05:00","entry":{{"type":"drink","ml":296}}}}"#
            );
            fs::write(
                d.join(format!("{y}-{mo:02}.jsonl")),
                format!("{line}\nnot json\n"),
            )
            .unwrap();
        }
        (dir, j)
    }

    /// A cache whose table of fields is not the reader's (here a field
    /// renamed in every cache file, as a build with other entry types
    /// would have written it) is refused: the files are parsed instead,
    /// and cached again.
    #[test]
    fn a_cache_of_other_fields_is_parsed_instead() {
        let dir = tempfile::tempdir().unwrap();
        let cache_dir = dir.path().join("cache");
        let j = Journal::open(dir.path(), "laptop").with_cache(&cache_dir);
        let d = j.journal_dir().join("laptop");
        fs::create_dir_all(&d).unwrap();
        for mo in 1..=9 {
            let line = format!(
                r#"{{"v":1,"id":"A{mo:03}","op":"add","at":"2025-{mo:02}-10T14:30:00-05:00","logged":"2025-{mo:02}-10T14:31:02-05:00","entry":{{"type":"drink","ml":296,"sodium_mg":300}}}}"#
            );
            fs::write(d.join(format!("2025-{mo:02}.jsonl")), format!("{line}\n")).unwrap();
        }
        let first = j.load(Scope::All).unwrap();
        assert_eq!(first.events.len(), 9);
        let cached: Vec<_> = fs::read_dir(
            fs::read_dir(&cache_dir)
                .unwrap()
                .next()
                .unwrap()
                .unwrap()
                .path()
                .join("laptop"),
        )
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
        assert_eq!(cached.len(), 9, "{cached:?}");
        let rename = |bytes: &[u8], from: &[u8], to: &[u8]| -> Vec<u8> {
            let at = bytes
                .windows(from.len())
                .position(|w| w == from)
                .expect("the field's name");
            [&bytes[..at], to, &bytes[at + from.len()..]].concat()
        };
        for file in &cached {
            let bytes = fs::read(file).unwrap();
            let mut renamed = rename(&bytes, b"sodium_mg", b"sodium_mx");
            // A checksum that matches again: the file is refused by its
            // field table, not by a damaged checksum.
            let body = renamed.len() - 4;
            let crc = crc32fast::hash(&renamed[..body]).to_le_bytes();
            renamed[body..].copy_from_slice(&crc);
            fs::write(file, renamed).unwrap();
        }
        let again = j.load(Scope::All).unwrap();
        assert_eq!(again.events, first.events);
        for file in &cached {
            let bytes = fs::read(file).unwrap();
            assert!(bytes.windows(9).any(|w| w == b"sodium_mg"), "cached again");
        }
    }

    /// Problems come in file order, however the threads finish.
    #[test]
    fn a_load_lists_problems_in_file_order() {
        let (_dir, j) = journal_of(13);
        let loaded = j.load(Scope::All).unwrap();
        assert_eq!(loaded.events.len(), 13);
        let paths: Vec<_> = loaded
            .problems
            .iter()
            .map(|p| match p {
                Problem::BadLine { path, line: 2, .. } => path.clone(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(paths, j.files().unwrap());
    }

    /// A reader that keeps what it parsed loads what fresh loads would,
    /// narrow first and then wider.
    #[test]
    fn a_reader_loads_what_fresh_loads_do() {
        let (_dir, j) = journal_of(5);
        let narrow = Scope::Since("2025-05-10T00:00:00-05:00".parse().unwrap());
        let mut reader = j.reader(true).unwrap();
        for scope in [narrow, Scope::All, narrow, Scope::All] {
            let (kept, fresh) = (
                j.load_with(&mut reader, scope).unwrap(),
                j.load(scope).unwrap(),
            );
            assert_eq!(kept.events, fresh.events);
            assert_eq!(kept.problems, fresh.problems);
            assert_eq!((kept.files, kept.mine), (fresh.files, fresh.mine));
        }
        assert_eq!(
            j.load(narrow).unwrap().files,
            2,
            "the narrow scope is narrower"
        );
    }
}
