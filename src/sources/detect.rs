//! Which format a file is, from its first bytes (its name only breaks ties).

use std::io::Read as _;
use std::path::{Path, PathBuf};

/// The formats `crampwatch import` tells apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Fit,
    Tcx,
    Gpx,
    AppleHealth,
    /// A Strava bulk export's `activities.csv`.
    StravaCsv,
    Zip,
    Gzip,
    /// crampwatch's own JSON or CSV export, or a journal file.
    Own,
    Unknown,
}

/// How many bytes [`sniff`] wants to see.
pub const HEAD: usize = 4096;

/// The format of a file whose first bytes are `head` (up to [`HEAD`]).
/// The name decides only when the content says nothing (a FIT file whose
/// header is corrupt is still sent to the FIT reader, to be refused by it).
pub fn sniff(head: &[u8], name: &str) -> Format {
    if head.len() >= 12 && matches!(head[0], 12 | 14) && &head[8..12] == b".FIT" {
        return Format::Fit;
    }
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return Format::Zip;
    }
    if head.starts_with(&[0x1f, 0x8b]) {
        return Format::Gzip;
    }
    let text = head
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(head)
        .trim_ascii_start();
    if text.starts_with(b"<") {
        let s = String::from_utf8_lossy(text);
        if s.contains("<TrainingCenterDatabase") {
            return Format::Tcx;
        }
        if s.contains("<gpx") {
            return Format::Gpx;
        }
        if s.contains("<HealthData") || s.contains("DOCTYPE HealthData") {
            return Format::AppleHealth;
        }
    }
    if text.starts_with(b"Activity ID,") {
        return Format::StravaCsv;
    }
    if text.starts_with(b"{") || text.starts_with(b"[") || text.starts_with(b"id,type,at,") {
        return Format::Own;
    }
    by_name(name)
}

fn by_name(name: &str) -> Format {
    let lower = name.to_ascii_lowercase();
    let ext = lower.rsplit('.').next().unwrap_or("");
    match ext {
        "fit" => Format::Fit,
        "tcx" => Format::Tcx,
        "gpx" => Format::Gpx,
        "zip" => Format::Zip,
        "gz" => Format::Gzip,
        "jsonl" | "json" => Format::Own,
        _ => Format::Unknown,
    }
}

/// The one path to give crampwatch's own importer (`sources/own.rs`): a
/// single path that is missing, a crampwatch JSON or CSV export, a journal
/// file, a file of no format known here, an empty folder or a folder holding
/// journal files. Everything else is read here.
pub fn own_format(paths: &[PathBuf]) -> Option<&Path> {
    let [path] = paths else { return None };
    if !path.exists() {
        return Some(path);
    }
    if path.is_dir() {
        let empty = std::fs::read_dir(path).is_ok_and(|mut d| d.next().is_none());
        return (empty || has_journal_files(path, 0)).then_some(path.as_path());
    }
    if !path.is_file() {
        // A pipe the shell names can be read once: by the walker. Any other
        // FIFO, or a device, the walker refuses unopened.
        return None;
    }
    let mut head = vec![0u8; HEAD];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    let format = sniff(&head[..n], &path.display().to_string());
    // What is no device file is left to the journal importer, which says
    // what it is not.
    let own = matches!(format, Format::Own | Format::Unknown);
    own.then_some(path.as_path())
}

fn has_journal_files(dir: &Path, depth: u32) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|e| {
        let p = e.path();
        let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
        if is_dir {
            depth < 3 && has_journal_files(&p, depth + 1)
        } else {
            p.extension().is_some_and(|x| x == "jsonl")
        }
    })
}

/// Of crampwatch's own files, a CSV: a `.csv` file, or one whose first
/// line starts like the CSV header. (A JSON export and a journal line both
/// start with `{`: the JSON reader tells them apart.)
pub fn is_own_csv(path: &Path) -> bool {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
    {
        return true;
    }
    let mut head = [0u8; 16];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    head[..n].starts_with(b"id,type,at,")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides_over_the_name() {
        let mut fit = vec![14u8, 0x10, 0, 0, 0, 0, 0, 0];
        fit.extend_from_slice(b".FIT");
        assert_eq!(sniff(&fit, "ride.txt"), Format::Fit);
        assert_eq!(
            sniff(
                b"\n\n  <?xml version=\"1.0\"?><TrainingCenterDatabase>",
                "a.gpx"
            ),
            Format::Tcx
        );
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?>\n<gpx version=\"1.1\">", "x"),
            Format::Gpx
        );
        assert_eq!(
            sniff(
                b"<?xml version=\"1.0\"?>\n<!DOCTYPE HealthData [\n<!ELEMENT",
                "export.xml"
            ),
            Format::AppleHealth
        );
        assert_eq!(
            sniff(b"Activity ID,Activity Date,Activity Name", "a.csv"),
            Format::StravaCsv
        );
        assert_eq!(sniff(b"PK\x03\x04rest", "export.fit"), Format::Zip);
        assert_eq!(sniff(&[0x1f, 0x8b, 8, 0], "a.fit"), Format::Gzip);
        assert_eq!(sniff(b"{\"format\":", "a.gpx"), Format::Own);
    }

    #[test]
    fn the_name_decides_only_for_unreadable_content() {
        assert_eq!(sniff(b"garbage!!!!!!!!", "run.FIT"), Format::Fit);
        assert_eq!(sniff(b"garbage", "notes.txt"), Format::Unknown);
        assert_eq!(sniff(b"", "empty.gpx"), Format::Gpx);
    }
}
