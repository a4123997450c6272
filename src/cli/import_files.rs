//! `crampwatch import` of device files: FIT, TCX, GPX, Apple Health and
//! Strava exports, in files, folders, `.zip` and `.gz` (see `src/sources/`).
//! Every file is named in the report with what it added, what was already
//! there and what was refused; nothing refused stops the others. What is
//! added is decided in `sources/devices.rs`; this file prints.

use super::progress::Progress;
use super::{Ctx, user};
use crate::sources::devices::{DeviceImport, Tally};
use crate::sources::walk;
use anyhow::Result;
use std::path::PathBuf;

/// What the user asked for.
pub struct Options<'a> {
    pub paths: &'a [PathBuf],
    pub dry_run: bool,
    pub merge: bool,
}

pub fn run(ctx: &Ctx, o: &Options) -> Result<()> {
    let rules = &ctx.rules.import;
    let progress = Progress::new(walk::total_bytes(o.paths));
    let files = walk::read_all(o.paths, rules, &|n| progress.add(n));
    progress.finish();
    if files.is_empty() {
        let names: Vec<String> = o.paths.iter().map(|p| p.display().to_string()).collect();
        return user(format!("{}: no files in it", names.join(", ")));
    }
    // One file named and refused: the one line a refusal is.
    if let [file] = files.as_slice()
        && let Err(why) = &file.result
    {
        return user(format!("{}: {why}", file.name));
    }
    let mut w = DeviceImport::new(ctx, o.merge)?;
    let (mut files_refused, mut entries_refused, mut total) = (Vec::new(), 0, Tally::default());
    for file in files {
        let read = match file.result {
            Ok(r) => r,
            Err(why) if file.skipped => {
                crate::outln!(
                    "{}",
                    crate::term_safe::line(&format!("{}: skipped: {why}", file.name))
                );
                continue;
            }
            Err(why) => {
                crate::outln!(
                    "{}",
                    crate::term_safe::line(&format!("{}: refused: {why}", file.name))
                );
                files_refused.push(file.name);
                continue;
            }
        };
        for warning in &read.warnings {
            crate::say_err!("warning: {}: {warning}", file.name);
        }
        let mut t = Tally::default();
        for f in read.found {
            w.take(f, &mut t);
        }
        report(&file.name, &t, o);
        entries_refused += t.refused.len();
        total.added += t.added;
        total.already += t.already;
        total.merged += t.merged;
    }
    if !o.dry_run {
        ctx.journal.commit_batch(&w.batch)?;
    }
    summary(&total, o);
    if !files_refused.is_empty() || entries_refused > 0 {
        let mut parts = Vec::new();
        if !files_refused.is_empty() {
            parts.push(format!(
                "{} refused: {}",
                crate::domain::say::counted(files_refused.len(), "file", "files"),
                files_refused.join(", ")
            ));
        }
        if entries_refused > 0 {
            parts.push(format!(
                "{} refused",
                crate::domain::say::counted(entries_refused, "entry", "entries")
            ));
        }
        let rest = match (total.added + total.merged, o.dry_run) {
            (0, true) => "nothing would be imported",
            (0, false) => "nothing was imported",
            (_, true) => "the rest would be imported",
            (_, false) => "the rest was imported",
        };
        return user(format!("{}; {rest}", parts.join("; ")));
    }
    Ok(())
}

fn summary(total: &Tally, o: &Options) {
    let verb = if o.dry_run { "would add" } else { "added" };
    let merged = match total.merged {
        0 => String::new(),
        n => format!(", merged {n}"),
    };
    let word = if total.added == 1 { "entry" } else { "entries" };
    crate::outln!(
        "{verb} {} {word}{merged} ({} already here)",
        total.added,
        total.already
    );
}

/// One line for the file, then a line per entry refused or overlapping.
fn report(name: &str, t: &Tally, o: &Options) {
    let mut parts = Vec::new();
    let add = if o.dry_run { "would add" } else { "added" };
    parts.push(format!("{add} {}", t.added));
    if t.merged > 0 {
        parts.push(format!(
            "{} {} into hand-logged workouts",
            if o.dry_run { "would merge" } else { "merged" },
            t.merged
        ));
    }
    parts.push(format!("{} already here", t.already));
    if !t.overlapping.is_empty() {
        parts.push(format!(
            "{} not added (overlapping hand-logged workouts)",
            crate::domain::say::counted(t.overlapping.len(), "entry", "entries")
        ));
    }
    if !t.refused.is_empty() {
        parts.push(format!("{} refused", t.refused.len()));
    }
    crate::outln!(
        "{}",
        crate::term_safe::line(&format!("{name}: {}", parts.join(", ")))
    );
    for id in &t.overlapping {
        crate::outln!("  overlaps workout {id} logged by hand; --merge gives it the file's times");
    }
    for why in &t.refused {
        crate::outln!("  refused: {}", crate::term_safe::line(why));
    }
}
