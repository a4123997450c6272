//! Where the journal's files are: `journal/<device>/<YYYY-MM>.jsonl`, the
//! names that count as journal files, the folders made for them, and a
//! fingerprint of them all.

use super::{Journal, JournalError, Signature, io_err, raw_lines};
use crate::domain::entry::Time;
use std::fs::{self, File};
use std::io;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

impl Journal {
    /// The monthly file of `logged` (appends use a later one if this device
    /// already has it).
    pub fn file_for(&self, logged: &Time) -> PathBuf {
        self.month_file(raw_lines::month(logged))
    }

    /// This device's file for a (year, month).
    pub(super) fn month_file(&self, (year, month): raw_lines::Month) -> PathBuf {
        self.device_dir()
            .join(format!("{year:04}-{month:02}.jsonl"))
    }

    /// Every journal file, sorted, with its device folder.
    pub(super) fn files(&self) -> Result<Vec<PathBuf>, JournalError> {
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

    /// This device's latest monthly file. Appends never go to an earlier
    /// one: with the clock set back, new events (edits of recent entries
    /// among them) would land in an old month that recent loads skip.
    pub(super) fn newest_month_file(&self) -> Option<PathBuf> {
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

    /// A fingerprint of every file's size and mtime, to notice other writers.
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

/// Creates a folder (0700) and its parents, syncing each new folder's parent.
pub(super) fn ensure_dir(dir: &Path) -> Result<(), JournalError> {
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
pub(super) fn dangling_link(path: &Path) -> Option<JournalError> {
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

pub(super) fn sync_dir(dir: &Path) -> Result<(), JournalError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io_err(dir))
}

/// `*.jsonl`, not the rejected file (or a conflict copy of it), not hidden.
pub(crate) fn is_journal_file(path: &Path) -> bool {
    path.is_file() && is_journal_name(path)
}

/// The name part of [`is_journal_file`].
pub(super) fn is_journal_name(path: &Path) -> bool {
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
}
