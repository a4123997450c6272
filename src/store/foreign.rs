//! Lines from elsewhere: another journal read for an import, and the block
//! of raw lines an import appends.

use super::{JournalError, LineError, Problem, io_err, is_journal_file, month_of, parse_event};
use crate::domain::entry::Time;
use chrono::{Datelike, Utc};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Event lines to append, in one block of bytes (an import of years is
/// 100k lines), each filed by a month.
#[derive(Debug, Default)]
pub struct RawLines {
    bytes: Vec<u8>,
    /// Per line: the (year, month) it is filed in, and where it ends.
    ends: Vec<(Month, usize)>,
}

impl RawLines {
    /// Adds a line (without its newline) that `write` writes, filed by the
    /// month it was first written in (its `logged`, in UTC, as the journal
    /// names its files), or by its `at` when that is later (a plan), so
    /// that loads of recent months always find it.
    pub fn push_with<E>(
        &mut self,
        logged: &Time,
        at: &Time,
        write: impl FnOnce(&mut Vec<u8>) -> Result<(), E>,
    ) -> Result<(), E> {
        self.add(month(logged.max(at)), write)
    }

    /// Adds a line as it is, read from a journal file of month `file`:
    /// filed as [`RawLines::push_with`] does, but never in an earlier month
    /// than that file. (A device whose clock was set back writes to its
    /// newest file: an undo logged "in March" may sit in November's, and
    /// must stay where recent loads read it.)
    pub fn push_read(&mut self, logged: &Time, at: &Time, file: Option<Month>, line: &[u8]) {
        let filed = month(logged.max(at)).max(file.unwrap_or_default());
        let _: Result<(), ()> = self.add(filed, |b| {
            b.extend_from_slice(line);
            Ok(())
        });
    }

    fn add<E>(
        &mut self,
        month: Month,
        write: impl FnOnce(&mut Vec<u8>) -> Result<(), E>,
    ) -> Result<(), E> {
        let start = self.bytes.len();
        if let Err(e) = write(&mut self.bytes) {
            self.bytes.truncate(start);
            return Err(e);
        }
        self.ends.push((month, self.bytes.len()));
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The lines by (year, month), months in order, each month's lines in
    /// the order they were added.
    pub(super) fn by_month(&self) -> BTreeMap<Month, Vec<&[u8]>> {
        let mut months: BTreeMap<Month, Vec<&[u8]>> = BTreeMap::new();
        let mut start = 0;
        for &(month, end) in &self.ends {
            months
                .entry(month)
                .or_default()
                .push(&self.bytes[start..end]);
            start = end;
        }
        months
    }
}

/// A (year, month), as the journal names its files.
pub(super) type Month = (i32, u32);

/// The month of a time in UTC, as the journal names its files.
pub(super) fn month(t: &Time) -> Month {
    let utc = t.with_timezone(&Utc);
    (utc.year(), utc.month())
}

/// The (year, month) a journal file is named for (`2026-11.jsonl`, or a
/// sync tool's copy of it).
fn file_month(path: &Path) -> Option<Month> {
    let m = month_of(path)?;
    Some((m[..4].parse().ok()?, m[5..7].parse().ok()?))
}

/// What an import read from another journal.
#[derive(Debug, Default)]
pub struct ForeignRead {
    /// The event lines it kept, byte for byte.
    pub lines: RawLines,
    /// How many event lines it found, kept or not.
    pub events: usize,
    pub problems: Vec<Problem>,
}

/// Reads the events of another journal: a data dir, a `journal/` folder, a
/// device folder, or one `.jsonl` file. `keep` is asked about each event's
/// id, in order; the lines it keeps are kept byte for byte.
pub fn read_foreign(
    path: &Path,
    mut keep: impl FnMut(&str) -> bool,
) -> Result<ForeignRead, JournalError> {
    let mut files = Vec::new();
    collect_jsonl(path, &mut files, 0)?;
    files.sort();
    let mut out = ForeignRead::default();
    let mut lines_total = 0usize;
    // Anything but white space, a torn last line included.
    let mut any_text = false;
    for f in &files {
        let month = file_month(f);
        let bytes = fs::read(f).map_err(io_err(f))?;
        let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        any_text |= text.iter().any(|b| !b.is_ascii_whitespace());
        let cut = if bytes.is_empty() || bytes.ends_with(b"\n") {
            bytes.len()
        } else {
            let cut = bytes.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
            out.problems.push(Problem::TornTailSkipped {
                path: f.clone(),
                line: bytes[..cut].iter().filter(|b| **b == b'\n').count() + 1,
            });
            cut
        };
        let body = bytes[..cut]
            .strip_prefix(b"\xEF\xBB\xBF")
            .unwrap_or(&bytes[..cut]);
        for (i, raw) in body.split(|b| *b == b'\n').enumerate() {
            let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
            if raw.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            lines_total += 1;
            match parse_event(raw) {
                Ok(e) => {
                    out.events += 1;
                    if keep(&e.id) {
                        out.lines.push_read(&e.logged, &e.at, month, raw);
                    }
                }
                Err(LineError::Newer(found)) => {
                    return Err(JournalError::NewerSchema {
                        path: f.clone(),
                        line: i + 1,
                        found,
                    });
                }
                Err(LineError::Bad(reason)) => out.problems.push(Problem::BadLine {
                    path: f.clone(),
                    line: i + 1,
                    reason,
                }),
            }
        }
    }
    if out.events == 0 {
        let what = if files.is_empty() {
            "not a crampwatch journal or export (no .jsonl journal files found)".to_string()
        } else if lines_total == 0 && !any_text {
            "holds no entries".to_string()
        } else {
            "not a crampwatch journal or export (no line is a crampwatch event)".to_string()
        };
        return Err(JournalError::NotAJournal {
            path: path.to_path_buf(),
            what,
        });
    }
    Ok(out)
}

fn collect_jsonl(path: &Path, out: &mut Vec<PathBuf>, depth: usize) -> Result<(), JournalError> {
    let meta = fs::metadata(path).map_err(io_err(path))?;
    if meta.is_file() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    if depth > 3 {
        return Ok(());
    }
    for e in fs::read_dir(path).map_err(io_err(path))? {
        let p = e.map_err(io_err(path))?.path();
        if p.is_dir() {
            collect_jsonl(&p, out, depth + 1)?;
        } else if is_journal_file(&p) {
            out.push(p);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Time {
        s.parse().unwrap()
    }

    #[test]
    fn lines_are_filed_by_the_month_they_were_written_in_or_a_later_at() {
        let mut lines = RawLines::default();
        let nov = t("2026-11-30T20:00:00-05:00"); // 1 December in UTC
        let (mar2, mar1) = (
            t("2019-03-02T10:00:00+00:00"),
            t("2019-03-01T09:00:00+00:00"),
        );
        lines.push_read(&mar2, &mar1, None, b"a");
        lines.push_read(&nov, &nov, None, b"b");
        // A plan made in October for November.
        let (oct, nov2) = (
            t("2026-10-25T10:00:00+00:00"),
            t("2026-11-02T10:00:00+00:00"),
        );
        lines.push_read(&oct, &nov2, None, b"c");
        let mar20 = t("2019-03-20T10:00:00+00:00");
        lines.push_read(&mar20, &mar20, None, b"d");
        // Logged "in 2019" by a clock set back, read from 2026-12's file.
        let y2019 = t("2019-03-21T10:00:00+00:00");
        lines.push_read(&y2019, &y2019, Some((2026, 12)), b"e");
        let failed: Result<(), &str> = lines.push_with(&nov, &nov, |b| {
            b.extend_from_slice(b"half");
            Err("no")
        });
        assert!(failed.is_err());
        assert_eq!(lines.len(), 5);
        assert_eq!(
            lines.by_month().into_iter().collect::<Vec<_>>(),
            vec![
                ((2019, 3), vec![&b"a"[..], b"d"]),
                ((2026, 11), vec![&b"c"[..]]),
                ((2026, 12), vec![&b"b"[..], b"e"]),
            ]
        );
    }
}
