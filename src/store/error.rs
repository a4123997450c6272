//! What can go wrong with the journal: errors that stop a read or a write,
//! and problems in a file that did not stop the rest from loading.

use crate::domain::history::SCHEMA_VERSION;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

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
