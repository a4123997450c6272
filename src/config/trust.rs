//! How far a settings file and a data dir can be trusted.
//!
//! The config can name a command to run (`notify_command`), so it is read
//! only when it is a regular file of at most 1 MB (a link to `/dev/zero`
//! or a FIFO fails at once instead of eating memory or hanging), and a
//! config or data dir that someone else could have written (writable by
//! group or others, or owned by another user) gets a warning; a
//! `notify_command` from such a config is not run.

use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::Path;

/// The largest config file read.
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// Reads a config file's text; `Ok(None)` when there is none.
pub fn read_config(path: &Path) -> Result<Option<(String, Metadata)>, String> {
    // O_NONBLOCK: opening a FIFO for reading does not wait for a writer.
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path);
    let file = match file {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let meta = file
        .metadata()
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if !meta.is_file() {
        return Err(format!(
            "{} is not a regular file (a device, FIFO or folder); point --config or CRAMPWATCH_CONFIG at a config.toml",
            path.display()
        ));
    }
    if meta.len() > MAX_CONFIG_BYTES {
        return Err(format!(
            "{} is {} bytes; a config file is at most 1 MB",
            path.display(),
            meta.len()
        ));
    }
    let text = read_bounded(file).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(Some((text, meta)))
}

/// Reads at most [`MAX_CONFIG_BYTES`] (a file that grows while read stops there).
fn read_bounded(file: File) -> io::Result<String> {
    let mut bytes = Vec::new();
    file.take(MAX_CONFIG_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_CONFIG_BYTES {
        return Err(io::Error::other("it grew past 1 MB while being read"));
    }
    String::from_utf8(bytes).map_err(|_| io::Error::other("it is not UTF-8 text"))
}

/// Why a file or folder could have been written by someone else, if it could.
pub fn loose(meta: &Metadata) -> Option<&'static str> {
    let me = rustix::process::geteuid().as_raw();
    if meta.uid() != me && meta.uid() != 0 {
        return Some("is owned by another user");
    }
    if meta.mode() & 0o022 != 0 {
        return Some("can be written by other users (group or others have write permission)");
    }
    None
}

/// The warning for a data dir someone else could write, if any.
pub fn data_dir_warning(dir: &Path) -> Option<String> {
    let meta = std::fs::metadata(dir).ok()?;
    let why = loose(&meta)?;
    Some(format!(
        "warning: the data dir {} {why}; anyone who can write it can change your journal (chmod go-w it; see 'crampwatch doctor')",
        dir.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_device_or_a_fifo_is_refused_at_once() {
        let started = std::time::Instant::now();
        let err = read_config(Path::new("/dev/zero")).unwrap_err();
        assert!(err.contains("not a regular file"), "{err}");
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("config.toml");
        rustix::fs::mknodat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::from_raw_mode(0o600),
            0,
        )
        .unwrap();
        assert!(
            read_config(&fifo)
                .unwrap_err()
                .contains("not a regular file")
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
    }

    #[test]
    fn a_big_file_is_refused_and_a_missing_one_is_none() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("config.toml");
        std::fs::write(&big, vec![b'#'; (MAX_CONFIG_BYTES + 1) as usize]).unwrap();
        assert!(read_config(&big).unwrap_err().contains("1 MB"));
        assert!(
            read_config(&dir.path().join("none.toml"))
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn group_or_other_writable_is_loose() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("config.toml");
        std::fs::write(&f, "").unwrap();
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(loose(&std::fs::metadata(&f).unwrap()), None);
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o666)).unwrap();
        assert!(loose(&std::fs::metadata(&f).unwrap()).is_some());
    }
}
