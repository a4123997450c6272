//! Files and folders to read: folders recursively, into `.zip` and `.gz`;
//! each file read by the reader its content calls for. Apple Health
//! exports are streamed; other files are small and read whole.

use super::detect::{Format, HEAD, sniff};
use super::{Read, Refusal, apple, fit, gpx, strava, tcx};
use crate::domain::import_rules::ImportRules;
use flate2::read::GzDecoder;
use std::collections::HashSet;
use std::fs::File;
use std::io::{BufReader, Cursor, Read as _, Seek};
use std::path::{Path, PathBuf};

mod archive;

/// Files read whole (all but Apple Health) stop at this size: a FIT or GPX
/// of a day's session is a few MB, and a bigger one is not worth the memory.
const MAX_FILE: u64 = 256 << 20;
/// Archives inside archives, at most.
const MAX_DEPTH: u32 = 4;

/// What one file gave, or why it was refused; `name` is its path (inside
/// archives, `archive.zip/inner/file`).
#[derive(Debug)]
pub struct FileRead {
    pub name: String,
    pub result: Result<Read, Refusal>,
    /// Found in a folder or archive and not a format crampwatch reads (a
    /// README, a photo): `result` says so, and it is no failure.
    pub skipped: bool,
}

/// Reads every path, calling `tick` with the bytes read as it goes.
pub fn read_all(
    paths: &[PathBuf],
    rules: &ImportRules,
    tick: &(dyn Fn(u64) + Sync),
) -> Vec<FileRead> {
    let mut w = Walker {
        rules,
        tick,
        out: Vec::new(),
    };
    for p in paths {
        w.path(p);
    }
    w.out
}

/// The bytes of the files under `paths` (for a progress bar's total).
pub fn total_bytes(paths: &[PathBuf]) -> u64 {
    paths.iter().map(|p| size_of(p, 0)).sum()
}

fn size_of(p: &Path, depth: u32) -> u64 {
    match std::fs::symlink_metadata(p) {
        Ok(m) if m.is_file() => m.len(),
        Ok(m) if m.is_dir() && depth < 32 => std::fs::read_dir(p)
            .map(|d| d.flatten().map(|e| size_of(&e.path(), depth + 1)).sum())
            .unwrap_or(0),
        _ => std::fs::metadata(p)
            .map(|m| if m.is_file() { m.len() } else { 0 })
            .unwrap_or(0),
    }
}

struct Walker<'a> {
    rules: &'a ImportRules,
    tick: &'a (dyn Fn(u64) + Sync),
    out: Vec<FileRead>,
}

/// A reader that reports what passes through it.
struct Counting<'a, R> {
    inner: R,
    tick: &'a (dyn Fn(u64) + Sync),
}

impl<R: std::io::Read> std::io::Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        (self.tick)(n as u64);
        Ok(n)
    }
}

impl<R: Seek> Seek for Counting<'_, R> {
    fn seek(&mut self, pos: std::io::SeekFrom) -> std::io::Result<u64> {
        self.inner.seek(pos)
    }
}

impl<'a> Walker<'a> {
    fn push(&mut self, name: String, result: Result<Read, Refusal>) {
        self.out.push(FileRead {
            name,
            result,
            skipped: false,
        });
    }

    /// [`Walker::push`] for a file met inside a folder or archive: one
    /// that is no format crampwatch reads is skipped, not refused.
    fn push_inner(&mut self, name: String, head: &[u8], result: Result<Read, Refusal>) {
        let skipped = result.is_err() && sniff(head, &name) == Format::Unknown;
        self.out.push(FileRead {
            name,
            result,
            skipped,
        });
    }

    fn path(&mut self, p: &Path) {
        let name = p.display().to_string();
        match std::fs::metadata(p) {
            Err(e) => self.push(name, Err(format!("cannot be read: {e}"))),
            Ok(m) if m.is_dir() => self.dir(p, 0, &mut HashSet::new()),
            Ok(_) => self.file(p, false),
        }
    }

    /// A folder, recursively; `consumed` holds the files a Strava export's
    /// `activities.csv` has read already (in its subfolders).
    fn dir(&mut self, dir: &Path, depth: u32, consumed: &mut HashSet<PathBuf>) {
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
            Ok(d) => d.flatten().map(|e| e.path()).collect(),
            Err(e) => {
                return self.push(
                    dir.display().to_string(),
                    Err(format!("cannot be read: {e}")),
                );
            }
        };
        entries.sort();
        let csv = dir.join("activities.csv");
        if csv.is_file() && looks_strava(&csv) {
            self.strava_dir(dir, &csv, consumed);
        }
        let (mut files, mut dirs) = (Vec::new(), Vec::new());
        for p in entries {
            if consumed.contains(&p) {
                continue;
            }
            // Links to folders are not followed: a loop would never end.
            match std::fs::symlink_metadata(&p) {
                Ok(m) if m.is_dir() && depth < 32 => dirs.push(p),
                Ok(m) if m.is_dir() || m.file_type().is_symlink() && p.is_dir() => {}
                Ok(_) => files.push(p),
                Err(e) => self.push(p.display().to_string(), Err(format!("cannot be read: {e}"))),
            }
        }
        self.files(&files);
        for d in dirs {
            self.dir(&d, depth + 1, consumed);
        }
    }

    /// The files of a folder; many (a watch's 1,000 FIT files) are read on
    /// several threads, and reported in their order all the same.
    fn files(&mut self, files: &[PathBuf]) {
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        if files.len() < 8 || workers < 2 {
            for p in files {
                self.file(p, true);
            }
            return;
        }
        let (rules, tick) = (self.rules, self.tick);
        let outs: Vec<Vec<FileRead>> = std::thread::scope(|s| {
            let handles: Vec<_> = files
                .chunks(files.len().div_ceil(workers))
                .map(|chunk| {
                    s.spawn(move || {
                        let mut w = Walker {
                            rules,
                            tick,
                            out: Vec::new(),
                        };
                        for p in chunk {
                            w.file(p, true);
                        }
                        w.out
                    })
                })
                .collect();
            let joined = handles.into_iter().map(|h| h.join());
            joined
                .map(|r| r.unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        self.out.extend(outs.into_iter().flatten());
    }

    fn strava_dir(&mut self, dir: &Path, csv: &Path, consumed: &mut HashSet<PathBuf>) {
        let rules = self.rules;
        let result = match std::fs::read(csv) {
            Ok(bytes) => {
                (self.tick)(bytes.len() as u64);
                strava::read(&bytes, rules, |rel| {
                    // Only files inside the export: no "..", no absolute paths.
                    let inside = Path::new(rel)
                        .components()
                        .all(|c| matches!(c, std::path::Component::Normal(_)));
                    let p = dir.join(rel);
                    let ok = inside && regular_file(&p).is_ok();
                    let bytes = ok.then(|| File::open(&p).ok()).flatten();
                    let bytes = read_to_vec(bytes?).ok()?;
                    (self.tick)(bytes.len() as u64);
                    consumed.insert(p);
                    Some(read_small(rel, &bytes, rules, 0))
                })
            }
            Err(e) => Err(format!("cannot be read: {e}")),
        };
        consumed.insert(csv.to_path_buf());
        self.push(csv.display().to_string(), result);
    }

    /// A file on disk; `inner` when met in a folder rather than named.
    fn file(&mut self, p: &Path, inner: bool) {
        let name = p.display().to_string();
        // A pipe named on the command line by the shell is read as a file.
        let piped = !inner && is_shell_pipe(p);
        if !piped && let Err(why) = regular_file(p) {
            return self.push(name, Err(why));
        }
        let file = match File::open(p) {
            Ok(f) => f,
            Err(e) => return self.push(name, Err(format!("cannot be read: {e}"))),
        };
        let counted = Counting {
            inner: file,
            tick: self.tick,
        };
        let (head, r) = match peek(counted) {
            Ok(p) => p,
            Err(e) => return self.push(name, Err(format!("cannot be read: {e}"))),
        };
        match sniff(&head, &name) {
            Format::AppleHealth => {
                let result = apple::read(r, self.rules);
                self.push(name, result)
            }
            Format::Zip => match File::open(p) {
                Ok(f) => {
                    let tick = self.tick;
                    self.zip(&name, Counting { inner: f, tick }, 0)
                }
                Err(e) => self.push(name, Err(format!("cannot be read: {e}"))),
            },
            Format::Gzip => self.gzip(name, r, 0, inner),
            _ => {
                let result = read_to_vec(r).and_then(|b| read_small(&name, &b, self.rules, 0));
                if inner {
                    self.push_inner(name, &head, result)
                } else {
                    self.push(name, result)
                }
            }
        }
    }
}

/// The one check before a file is opened: only a regular file (or a link
/// to one) is. A FIFO would block `open` until a writer came, and a device
/// (`/dev/zero`) never ends, so they are refused at once, unopened.
pub fn regular_file(p: &Path) -> Result<(), Refusal> {
    use std::os::unix::fs::FileTypeExt;
    let Ok(t) = std::fs::metadata(p).map(|m| m.file_type()) else {
        return Ok(()); // Opening it says why it cannot be read.
    };
    let what = if t.is_file() {
        return Ok(());
    } else if t.is_fifo() {
        "a FIFO"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "a folder where a file was expected"
    };
    Err(format!(
        "not a regular file ({what}); import files and folders"
    ))
}

/// A pipe the shell hands over by name, as `import <(zcat run.gpx.gz)`
/// (`/dev/fd/63`) or `import /dev/stdin < run.gpx` do: it has a writer, and
/// is read like a file. A FIFO anywhere else may have none (its `open`
/// would wait for ever): refused.
fn is_shell_pipe(p: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    let by_fd = ["/dev/fd", "/proc/self/fd", "/dev/stdin"]
        .iter()
        .any(|d| p.starts_with(d));
    by_fd && std::fs::metadata(p).is_ok_and(|m| m.file_type().is_fifo())
}

fn looks_strava(csv: &Path) -> bool {
    let mut head = [0u8; 16];
    File::open(csv)
        .and_then(|mut f| f.read(&mut head))
        .is_ok_and(|n| head[..n].starts_with(b"Activity ID,"))
}

/// The first [`HEAD`] bytes of `r` (fewer only at its end: a pipe or a
/// decompressor may hand out less in one read), and `r` from its start.
type Peeked<R> = BufReader<std::io::Chain<Cursor<Vec<u8>>, R>>;
fn peek<R: std::io::Read>(mut r: R) -> std::io::Result<(Vec<u8>, Peeked<R>)> {
    let mut head = Vec::with_capacity(HEAD);
    (&mut r).take(HEAD as u64).read_to_end(&mut head)?;
    let again = Cursor::new(head.clone()).chain(r);
    Ok((head, BufReader::with_capacity(1 << 16, again)))
}

fn read_to_vec(r: impl std::io::Read) -> Result<Vec<u8>, Refusal> {
    let mut b = Vec::new();
    r.take(MAX_FILE + 1)
        .read_to_end(&mut b)
        .map_err(|e| format!("cannot be read: {e}"))?;
    if b.len() as u64 > MAX_FILE {
        return Err(format!("larger than {} MB, not read", MAX_FILE >> 20));
    }
    Ok(b)
}

/// One file's bytes, read as its content says (gzip is opened here too,
/// for the `.fit.gz` files of a Strava export).
pub fn read_small(name: &str, b: &[u8], rules: &ImportRules, depth: u32) -> Result<Read, Refusal> {
    match sniff(&b[..b.len().min(HEAD)], name) {
        Format::Fit => fit::read(b, rules),
        Format::Tcx => tcx::read(b, rules),
        Format::Gpx => gpx::read(b, rules),
        Format::AppleHealth => apple::read(b, rules),
        Format::StravaCsv => strava::read(b, rules, |_| None),
        Format::Gzip if depth < MAX_DEPTH => {
            let b = read_to_vec(GzDecoder::new(b)).map_err(|e| format!("a .gz: {e}"))?;
            read_small(name.strip_suffix(".gz").unwrap_or(name), &b, rules, depth + 1)
        }
        Format::Gzip | Format::Zip => Err("an archive where one file was expected".into()),
        Format::Own => Err("a crampwatch export or journal: import it on its own (crampwatch import FILE)".into()),
        Format::Unknown if b.is_empty() => Err("an empty file".into()),
        Format::Unknown => Err("not a format crampwatch reads (FIT, TCX, GPX, Apple Health, Strava, crampwatch exports)".into()),
    }
}
