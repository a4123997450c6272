//! Archives met on a walk: `.gz` and `.zip` (an Apple Health export.zip, a
//! Strava bulk export), opened in memory and their files read in turn.

use super::{FileRead, MAX_DEPTH, Walker, peek, read_small, read_to_vec};
use crate::sources::detect::{Format, HEAD, sniff};
use crate::sources::{apple, strava};
use flate2::read::GzDecoder;
use std::collections::HashSet;
use std::io::Cursor;
use std::io::{BufRead, BufReader, Seek};

impl Walker<'_> {
    pub(super) fn gzip(&mut self, name: String, r: impl BufRead, depth: u32, inner: bool) {
        let (head, unzipped) = match peek(GzDecoder::new(r)) {
            Ok(p) => p,
            Err(e) => return self.push(name, Err(format!("a .gz that cannot be read: {e}"))),
        };
        let inner_name = name.strip_suffix(".gz").unwrap_or(&name).to_string();
        match sniff(&head, &inner_name) {
            Format::AppleHealth => {
                let result = apple::read(unzipped, self.rules);
                self.push(name, result)
            }
            _ => match read_to_vec(unzipped) {
                Ok(b) => self.bytes(name, inner_name, b, depth + 1, inner),
                Err(e) => self.push(name, Err(e)),
            },
        }
    }

    /// A file already in memory: an archive is opened, anything else read.
    pub(super) fn bytes(
        &mut self,
        name: String,
        inner_name: String,
        b: Vec<u8>,
        depth: u32,
        inner: bool,
    ) {
        if depth > MAX_DEPTH {
            return self.push(name, Err("archives nested too deep".into()));
        }
        match sniff(&b[..b.len().min(HEAD)], &inner_name) {
            Format::Zip => self.zip(&name, Cursor::new(b), depth + 1),
            Format::Gzip => self.gzip(name, Cursor::new(b), depth + 1, inner),
            _ => {
                let result = read_small(&inner_name, &b, self.rules, depth);
                if inner {
                    let skipped = result.is_err()
                        && sniff(&b[..b.len().min(HEAD)], &inner_name) == Format::Unknown;
                    self.out.push(FileRead {
                        name,
                        result,
                        skipped,
                    });
                } else {
                    self.push(name, result)
                }
            }
        }
    }

    pub(super) fn zip<R: std::io::Read + Seek>(&mut self, name: &str, r: R, depth: u32) {
        let mut zip = match zip::ZipArchive::new(r) {
            Ok(z) => z,
            Err(e) => {
                return self.push(
                    name.to_string(),
                    Err(format!("a .zip that cannot be read: {e}")),
                );
            }
        };
        let names: Vec<String> = zip
            .file_names()
            .map(|n| n.map(|n| n.into_owned()).unwrap_or_default())
            .collect();
        let mut consumed = HashSet::new();
        if let Some(csv) = names
            .iter()
            .find(|n| n.rsplit('/').next() == Some("activities.csv"))
        {
            self.strava_zip(name, &mut zip, csv, &mut consumed);
        }
        let mut sorted: Vec<usize> = (0..zip.len()).collect();
        sorted.sort_by(|a, b| names.get(*a).cmp(&names.get(*b)));
        for i in sorted {
            let Ok(mut entry) = zip.by_index(i) else {
                continue;
            };
            let entry_name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
            let inner = format!("{name}/{entry_name}");
            if entry.is_dir() || consumed.contains(&entry_name) || is_apple_extra(&entry_name) {
                continue;
            }
            let (head, r) = match peek(&mut entry) {
                Ok(p) => p,
                Err(e) => {
                    self.push(inner, Err(format!("cannot be read from the .zip: {e}")));
                    continue;
                }
            };
            match sniff(&head, &inner) {
                Format::AppleHealth => {
                    let result = apple::read(r, self.rules);
                    self.push(inner, result)
                }
                _ => match read_to_vec(r) {
                    Ok(b) => self.bytes(inner.clone(), inner, b, depth, true),
                    Err(e) => self.push(inner, Err(e)),
                },
            }
        }
    }

    fn strava_zip<R: std::io::Read + Seek>(
        &mut self,
        name: &str,
        zip: &mut zip::ZipArchive<R>,
        csv: &str,
        consumed: &mut HashSet<String>,
    ) {
        let top = csv.strip_suffix("activities.csv").unwrap_or("").to_string();
        let rules = self.rules;
        let bytes = zip
            .by_name(csv)
            .map_err(|e| e.to_string())
            .and_then(|f| read_to_vec(BufReader::new(f)));
        let result = bytes.and_then(|b| {
            strava::read(&b, rules, |rel| {
                let full = format!("{top}{rel}");
                let b = zip
                    .by_name(&full)
                    .ok()
                    .and_then(|f| read_to_vec(BufReader::new(f)).ok())?;
                consumed.insert(full);
                Some(read_small(rel, &b, rules, 0))
            })
        });
        consumed.insert(csv.to_string());
        self.push(format!("{name}/{csv}"), result);
    }
}

/// Apple's export.zip also holds a clinical-records copy and the routes of
/// the workouts export.xml already has: not read again.
fn is_apple_extra(name: &str) -> bool {
    name.ends_with("export_cda.xml")
        || name.contains("workout-routes/")
        || name.contains("electrocardiograms/")
}
