//! Opening files for writing without following symbolic links.
//!
//! The data dir is synced between machines, so anything in it may have been
//! made elsewhere: a `rejected.jsonl`, a month file or a device folder that
//! is a link to `~/.bashrc` must not be written through or chmodded. Every
//! write under the data, state and cache dirs opens with `O_NOFOLLOW`,
//! checks that what it opened is a regular file, and checks that the
//! folders it writes in are real folders. New files are made 0600; an
//! existing one with looser modes in this device's own folder is made
//! private through its open descriptor (never by path), and only when it is
//! this user's own file with no other hard link: a file planted to stand for
//! another (a link, or a hard link to `~/.bashrc`) keeps its mode.

use super::{JournalError, io_err};
use std::fs::{self, File, OpenOptions};
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// `O_NOFOLLOW` (a link in the last component fails with ELOOP) and
/// `O_NONBLOCK` (a FIFO planted in place of a file cannot hang the open).
const FLAGS: i32 = libc::O_NOFOLLOW | libc::O_NONBLOCK;

/// Opens `path` for appending, creating it 0600 when absent. Returns the file
/// and whether this call created it.
pub(super) fn append(path: &Path) -> Result<(File, bool), JournalError> {
    let created = OpenOptions::new()
        .append(true)
        .create_new(true)
        .mode(0o600)
        .custom_flags(FLAGS)
        .open(path);
    let (file, made) = match created {
        Ok(f) => (f, true),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            let f = OpenOptions::new()
                .append(true)
                .custom_flags(FLAGS)
                .open(path)
                .map_err(|e| refusal(path, e))?;
            (f, false)
        }
        Err(e) => return Err(refusal(path, e)),
    };
    regular(&file, path)?;
    Ok((file, made))
}

/// Makes a file opened by [`append`] private (0600) when it is this user's
/// own regular file with one link; anything else is left as it is.
pub(super) fn make_private(f: &File) {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let Ok(meta) = f.metadata() else { return };
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    if meta.is_file() && meta.uid() == me && meta.nlink() == 1 && meta.mode() & 0o077 != 0 {
        let _ = f.set_permissions(fs::Permissions::from_mode(0o600));
    }
}

/// Opens an existing file for reading and writing (to cut a torn tail).
pub(super) fn read_write(path: &Path) -> Result<File, JournalError> {
    let f = OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(FLAGS)
        .open(path)
        .map_err(|e| refusal(path, e))?;
    regular(&f, path)?;
    Ok(f)
}

/// Opens (creating 0600 when absent) a lock file, never through a link.
pub(super) fn lock_file(path: &Path) -> Result<File, JournalError> {
    let f = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o600)
        .custom_flags(FLAGS)
        .open(path)
        .map_err(|e| refusal(path, e))?;
    regular(&f, path)?;
    Ok(f)
}

/// Refuses a folder that is a symbolic link (one that does not exist yet is
/// fine: it is made as a real folder).
pub(super) fn real_dir(dir: &Path) -> Result<(), JournalError> {
    match fs::symlink_metadata(dir) {
        Ok(m) if m.file_type().is_symlink() => Err(JournalError::Symlink {
            path: dir.to_path_buf(),
        }),
        Ok(m) if !m.is_dir() => Err(JournalError::NotRegular {
            path: dir.to_path_buf(),
            what: "a folder",
        }),
        _ => Ok(()),
    }
}

fn regular(f: &File, path: &Path) -> Result<(), JournalError> {
    let meta = f.metadata().map_err(io_err(path))?;
    if meta.is_file() {
        return Ok(());
    }
    Err(JournalError::NotRegular {
        path: path.to_path_buf(),
        what: "a regular file",
    })
}

/// ELOOP from `O_NOFOLLOW` means the path is a link: said so plainly.
fn refusal(path: &Path, e: io::Error) -> JournalError {
    let is_link = e.raw_os_error() == Some(libc::ELOOP)
        || fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link {
        JournalError::Symlink {
            path: path.to_path_buf(),
        }
    } else {
        io_err(path)(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_link_is_refused_and_its_target_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("bashrc");
        fs::write(&target, "echo hi\n").unwrap();
        fs::set_permissions(&target, fs::Permissions::from_mode(0o644)).unwrap();
        let link = dir.path().join("rejected.jsonl");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let err = append(&link).unwrap_err();
        assert!(matches!(err, JournalError::Symlink { .. }), "{err}");
        assert!(read_write(&link).is_err());
        assert!(lock_file(&link).is_err());
        assert_eq!(fs::read_to_string(&target).unwrap(), "echo hi\n");
        let mode = fs::metadata(&target).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o644);
    }

    #[test]
    fn a_new_file_is_private_and_a_hard_linked_one_keeps_its_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2026-11.jsonl");
        let (mut f, made) = append(&path).unwrap();
        assert!(made);
        f.write_all(b"x\n").unwrap();
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
        // A hard link to a file elsewhere: written to (it is a real file
        // here) but never chmodded.
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        fs::hard_link(&path, dir.path().join("elsewhere")).unwrap();
        let (f, made) = append(&path).unwrap();
        assert!(!made);
        make_private(&f);
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }
}
