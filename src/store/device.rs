//! This device's id: made on first run, kept outside the data dir.

use super::layout::ensure_dir;
use super::{JournalError, io_err, no_follow};
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

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
        .custom_flags(no_follow::FLAGS)
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
    fn device_names_are_safe_folder_names() {
        assert_eq!(sanitize_device("My Laptop/../x"), "mylaptopx");
    }
}
