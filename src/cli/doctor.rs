//! `crampwatch doctor`: the place a user goes when a warning appears. It
//! checks the config and the data dir (permissions, links, bad lines, lines
//! set aside from other devices, conflict copies, rejected lines, clock skew
//! between devices) and says what it found and what to do about each.

use super::Ctx;
use crate::config::trust;
use crate::store::{Problem, Scope};
use anyhow::Result;
use chrono::Duration;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// How far ahead of this device another device's newest line may be before
/// its clock is called wrong.
const SKEW_MINUTES: i64 = 5;
/// The most findings of one kind listed (the rest are counted).
const LIST_AT_MOST: usize = 10;

/// What the checks found: fine things, and things to act on.
#[derive(Default)]
struct Findings {
    ok: Vec<String>,
    found: Vec<(String, String)>,
}

impl Findings {
    fn ok(&mut self, line: impl Into<String>) {
        self.ok.push(line.into());
    }

    fn found(&mut self, what: impl Into<String>, todo: impl Into<String>) {
        self.found.push((what.into(), todo.into()));
    }
}

pub fn doctor(ctx: &Ctx) -> Result<()> {
    let mut f = Findings::default();
    config(ctx, &mut f);
    data_dir(ctx, &mut f);
    let journal = ctx.journal.journal_dir();
    if journal.exists() {
        walk(ctx, &journal, &mut f);
        lines(ctx, &mut f)?;
    }
    crate::say!("crampwatch doctor: {}", ctx.paths.data_dir.display());
    for line in &f.ok {
        crate::say!("ok: {line}");
    }
    for (what, todo) in &f.found {
        crate::say!("found: {what}");
        crate::say!("  what to do: {todo}");
    }
    match f.found.len() {
        0 => crate::say!("nothing to fix"),
        n => crate::say!("{n} thing(s) to look at (general checks of files, not of your health)"),
    }
    Ok(())
}

fn config(ctx: &Ctx, f: &mut Findings) {
    let path = &ctx.paths.config_file;
    let Ok(meta) = fs::metadata(path) else {
        f.ok(format!(
            "no config file at {} (defaults in use)",
            path.display()
        ));
        return;
    };
    match trust::loose(&meta) {
        None => f.ok(format!(
            "config {} can be written only by you",
            path.display()
        )),
        Some(why) => f.found(
            format!(
                "config {} {why}; its notify_command is not run",
                path.display()
            ),
            format!("chmod go-w {} (and make it yours)", path.display()),
        ),
    }
}

fn data_dir(ctx: &Ctx, f: &mut Findings) {
    let dir = &ctx.paths.data_dir;
    let Ok(meta) = fs::metadata(dir) else {
        f.ok(format!(
            "data dir {} does not exist yet (made on the first log)",
            dir.display()
        ));
        return;
    };
    match trust::loose(&meta) {
        None => f.ok(format!(
            "data dir {} can be written only by you",
            dir.display()
        )),
        Some(why) => f.found(
            format!("data dir {} {why}", dir.display()),
            format!("chmod go-w {} (health data is private)", dir.display()),
        ),
    }
    if let Ok(target) = fs::read_link(dir) {
        f.ok(format!(
            "data dir is a link to {} (you set that up; links inside it are refused)",
            target.display()
        ));
    }
}

/// Links, loose modes, conflict copies and rejected lines in the journal
/// folders; and each device's newest line, for clock skew.
fn walk(ctx: &Ctx, journal: &Path, f: &mut Findings) {
    let own = ctx.journal.device_dir();
    let Ok(devices) = fs::read_dir(journal) else {
        return;
    };
    let mut devices: Vec<PathBuf> = devices.flatten().map(|e| e.path()).collect();
    devices.sort();
    let mut conflict = 0;
    for dev in devices {
        if is_link(&dev) {
            link_found(f, &dev);
            continue;
        }
        let Ok(files) = fs::read_dir(&dev) else {
            continue;
        };
        let mut files: Vec<PathBuf> = files.flatten().map(|e| e.path()).collect();
        files.sort();
        for file in &files {
            let name = file.file_name().map(|n| n.to_string_lossy().to_string());
            let name = name.unwrap_or_default();
            if is_link(file) {
                link_found(f, file);
                continue;
            }
            if dev == own {
                mode(file, f);
            }
            if name.starts_with("rejected") {
                rejected(file, f);
            } else if name.contains("sync-conflict") || name.contains("conflicted copy") {
                conflict += 1;
                f.found(
                    format!("{} is a sync tool's conflict copy; its entries are read with the rest (merged by id), nothing is lost", file.display()),
                    "delete it once every device has synced",
                );
            }
        }
        if dev != own {
            skew(ctx, &dev, &files, f);
        }
    }
    if conflict == 0 {
        f.ok("no conflict copies from sync tools");
    }
}

fn is_link(p: &Path) -> bool {
    fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink())
}

fn link_found(f: &mut Findings, p: &Path) {
    let target = fs::read_link(p).unwrap_or_default();
    f.found(
        format!(
            "{} is a symbolic link to {}; crampwatch never writes through it",
            p.display(),
            target.display()
        ),
        format!(
            "if you did not make it, delete the link (rm {}); otherwise replace it with a real file or folder",
            p.display()
        ),
    );
}

fn mode(file: &Path, f: &mut Findings) {
    let Ok(meta) = fs::metadata(file) else {
        return;
    };
    if meta.mode() & 0o077 != 0 {
        f.found(
            format!(
                "{} can be read by other users (mode {:o})",
                file.display(),
                meta.mode() & 0o777
            ),
            format!("chmod 600 {}", file.display()),
        );
    }
}

fn rejected(file: &Path, f: &mut Findings) {
    let n = fs::read(file)
        .map(|b| b.iter().filter(|c| **c == b'\n').count())
        .unwrap_or(0);
    if n > 0 {
        f.found(
            format!(
                "{} holds {n} unfinished line(s) set aside after a crash while writing",
                file.display()
            ),
            "read them and log again anything that is missing; then delete the file",
        );
    }
}

/// Another device's newest `logged`, against this device's clock.
fn skew(ctx: &Ctx, dev: &Path, files: &[PathBuf], f: &mut Findings) {
    let newest = files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .filter_map(|p| fs::read(p).ok())
        .flat_map(|bytes| {
            bytes
                .split(|b| *b == b'\n')
                .filter_map(|l| crate::store::parse_event(l).ok())
                .map(|e| e.logged)
                .collect::<Vec<_>>()
        })
        .max();
    let Some(newest) = newest else { return };
    let ahead = newest - ctx.now_fixed();
    if ahead > Duration::minutes(SKEW_MINUTES) {
        f.found(
            format!(
                "device folder {} has a line written at {}, {} h {} min ahead of this device's clock",
                dev.display(),
                newest.format("%Y-%m-%d %H:%M %:z"),
                ahead.num_hours(),
                ahead.num_minutes() % 60
            ),
            "set both clocks by network time (NTP); ids more than a day ahead are set aside",
        );
    }
}

/// What a full load reports, by kind, each with what to do.
fn lines(ctx: &Ctx, f: &mut Findings) -> Result<()> {
    let loaded = ctx.journal.load(Scope::All)?;
    let mut counts = [0usize; 5];
    for p in &loaded.problems {
        let (kind, todo) = advice(p);
        counts[kind] += 1;
        if counts[kind] <= LIST_AT_MOST {
            f.found(p.to_string(), todo);
        }
    }
    for (kind, n) in counts.iter().enumerate() {
        if *n > LIST_AT_MOST {
            f.found(
                format!("... and {} more like the {}", n - LIST_AT_MOST, KINDS[kind]),
                "see above",
            );
        }
    }
    if loaded.problems.is_empty() {
        f.ok(format!(
            "{} journal file(s), {} event(s): every line reads, none set aside",
            loaded.files,
            loaded.events.len()
        ));
    }
    Ok(())
}

const KINDS: [&str; 5] = [
    "bad lines",
    "unfinished lines",
    "lines set aside from another device",
    "repeated ids",
    "recovered lines",
];

fn advice(p: &Problem) -> (usize, &'static str) {
    match p {
        Problem::BadLine { .. } => (
            0,
            "open the file at that line and fix or delete it (crampwatch never rewrites a line)",
        ),
        Problem::TornTailSkipped { .. } => (
            1,
            "if another device is still syncing, wait; if it stays, that device stopped mid-write",
        ),
        Problem::PeerReusedId { .. } => (
            2,
            "that folder holds a changed copy of this device's lines: if you do not know it, delete it (this device's own lines stand either way)",
        ),
        Problem::FutureId { .. } => (
            2,
            "set that device's clock right (network time); if you do not know that folder, delete it",
        ),
        Problem::DuplicateId { .. } => (
            3,
            "two files hold different lines with one id; the first is kept: delete the other line if it is wrong",
        ),
        _ => (4, "nothing: the line was kept"),
    }
}
