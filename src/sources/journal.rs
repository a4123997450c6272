//! Another journal, read for an import: a data dir, a `journal/` folder, a
//! device folder, or one `.jsonl` file. Its events keep their ids and their
//! bytes; only the ids the journal lacks are added.

use crate::store::raw_lines::{Month, RawLines};
use crate::store::{
    JournalError, LineError, Problem, io_err, is_journal_file, month_of, parse_event,
};
use std::fs;
use std::path::{Path, PathBuf};

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
    now: &crate::domain::entry::Time,
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
                    // Brought back with its id, as a restore: the same time
                    // rule, or the line is set aside as a bad one.
                    if let Err(reason) = crate::domain::check::restored_event(&e, now) {
                        out.problems.push(Problem::BadLine {
                            path: f.clone(),
                            line: i + 1,
                            reason,
                        });
                    } else if keep(&e.id) {
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
