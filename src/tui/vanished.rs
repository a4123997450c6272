//! A data dir that disappears while the TUI is open (a synced folder
//! unmounted, a drive pulled, a folder deleted) is said on screen, not shown
//! as an empty journal; and the next write makes a new journal there only
//! after saying so: the first attempt is held back with a message, the
//! second goes ahead.

use std::path::{Path, PathBuf};

pub(crate) struct Watch {
    journal_dir: PathBuf,
    /// The folder was there the last time it was looked at.
    present: bool,
    /// It vanished and no write has been held back since.
    hold_next_write: bool,
}

impl Watch {
    pub(crate) fn new(journal_dir: &Path) -> Watch {
        Watch {
            journal_dir: journal_dir.to_path_buf(),
            present: journal_dir.is_dir(),
            hold_next_write: false,
        }
    }

    /// On each tick: a message the moment the folder is found gone.
    pub(crate) fn tick(&mut self) -> Option<String> {
        let present = self.journal_dir.is_dir();
        let gone = self.present && !present;
        self.present = present;
        if !gone {
            return None;
        }
        self.hold_next_write = true;
        Some(format!(
            "journal folder gone (unmounted? deleted?); not your journal shown; logging starts a new one: {}",
            self.journal_dir.display()
        ))
    }

    /// Before a write: a message (and no write) once after the folder vanished.
    pub(crate) fn hold_write(&mut self) -> Option<String> {
        if !self.hold_next_write || self.journal_dir.is_dir() {
            self.hold_next_write = false;
            return None;
        }
        self.hold_next_write = false;
        Some(format!(
            "not saved: the journal folder is gone; do it again to start a new journal (or reconnect it first): {}",
            self.journal_dir.display()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vanished_folder_is_said_and_the_next_write_waits_once() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("journal");
        std::fs::create_dir(&journal).unwrap();
        let mut w = Watch::new(&journal);
        assert_eq!(w.tick(), None);
        assert_eq!(w.hold_write(), None, "a present folder never holds a write");
        std::fs::remove_dir(&journal).unwrap();
        let said = w.tick().expect("said on screen");
        assert!(said.contains("gone"), "{said}");
        assert_eq!(w.tick(), None, "said once");
        assert!(w.hold_write().is_some(), "the first write is held back");
        assert_eq!(w.hold_write(), None, "the second goes ahead");
    }

    #[test]
    fn a_journal_never_made_is_not_vanished() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = Watch::new(&dir.path().join("journal"));
        assert_eq!(w.tick(), None);
        assert_eq!(w.hold_write(), None);
    }
}
