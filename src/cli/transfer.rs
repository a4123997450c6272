//! `export` (everything, as it stands) and `import` of crampwatch's own
//! files (adds only the ids it lacks): arguments and what is printed; the
//! reading is `sources/own.rs`'s.

use super::{Ctx, user};
use crate::domain::say::counted;
use crate::export::{ExportDoc, to_csv};
use crate::sources::own::{self, Imported, Known};
use anyhow::Result;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// json (everything, re-importable) or csv (one row an entry): --format csv
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A JSON export, a CSV export, another journal's data dir or folder, or a journal .jsonl file:
    /// backup.json, entries.csv, ~/sync/crampwatch; or device files and folders: FIT, TCX, GPX, an
    /// Apple Health export.zip or export.xml, a Strava bulk export (.zip and .gz are opened)
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// CSV: import the good rows of a file with bad ones (default: import nothing)
    #[arg(long)]
    pub skip_bad: bool,
    /// Device files: show what would be imported, and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Device files: a workout overlapping one logged by hand gives that one the file's times
    #[arg(long)]
    pub merge: bool,
}

pub fn export(ctx: &Ctx, a: &ExportArgs) -> Result<()> {
    let history = ctx.history()?;
    // Streamed: an export of years should not sit in memory twice.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match a.format {
        ExportFormat::Json => {
            let doc = ExportDoc::new(ctx.now_fixed(), history.entries);
            let mut safe = crate::term_safe::JsonOut::new(&mut out);
            serde_json::to_writer_pretty(&mut safe, &doc).map_err(std::io::Error::from)?;
            safe.flush()?;
            out.write_all(b"\n")?;
        }
        ExportFormat::Csv => out.write_all(to_csv(&history.entries).as_bytes())?,
    }
    out.flush()?;
    Ok(())
}

pub fn import(ctx: &Ctx, a: &ImportArgs) -> Result<()> {
    let Some(path) = crate::sources::detect::own_format(&a.paths) else {
        let o = super::import_files::Options {
            paths: &a.paths,
            dry_run: a.dry_run,
            merge: a.merge,
        };
        return super::import_files::run(ctx, &o);
    };
    if a.dry_run || a.merge {
        return user(
            "--dry-run and --merge are for device files (FIT, TCX, GPX, Apple Health, Strava)",
        );
    }
    if !path.exists() {
        return user(format!("{}: no such file or folder", path.display()));
    }
    let mut known = Known::of_journal(ctx)?;
    let now = ctx.now_fixed();
    if path.is_file() && crate::sources::detect::is_own_csv(path) {
        return import_csv(ctx, a, path, own::csv(path, &mut known, now)?);
    }
    if path.is_file() {
        if let Some(read) = own::json_export(path, &mut known, now)? {
            ctx.journal.commit_batch(&read.batch)?;
            crate::say!(
                "imported {} from {} ({})",
                counted(read.batch.len(), "entry", "entries"),
                path.display(),
                already_here(read.skipped)
            );
            return Ok(());
        }
        // Perhaps a journal file: read as one below.
        known.forget_import();
    }
    let read = own::journal(path, known, now)?;
    for p in &read.problems {
        crate::say_err!("warning: {p}");
    }
    ctx.journal.commit_batch(&read.batch)?;
    crate::say!(
        "imported {} from {} ({})",
        counted(read.batch.len(), "event", "events"),
        path.display(),
        already_here(read.skipped)
    );
    Ok(())
}

/// What an import found already in the journal, in words that read for
/// any count: `none were already here`, `1 was already here, skipped`.
fn already_here(n: usize) -> String {
    match n {
        0 => "none were already here".into(),
        1 => "1 was already here, skipped".into(),
        n => format!("{n} were already here, skipped"),
    }
}

/// A CSV's rows read: every bad row is named, and nothing is written unless
/// all rows are good or `--skip-bad`.
fn import_csv(ctx: &Ctx, a: &ImportArgs, path: &std::path::Path, read: Imported) -> Result<()> {
    let errors = &read.bad_rows;
    if !errors.is_empty() {
        let word = if a.skip_bad { "warning" } else { "error" };
        for e in errors {
            crate::say_err!("{word}: {}: {e}", path.display());
        }
        if !a.skip_bad {
            let fix = if errors.len() == 1 {
                "fix it"
            } else {
                "fix them"
            };
            let or_skip = match read.batch.len() {
                0 => String::new(),
                n => format!(
                    ", or give --skip-bad to import the {}",
                    counted(n, "good one", "good ones")
                ),
            };
            return user(format!(
                "{}: {}, nothing imported; {fix}{or_skip}",
                path.display(),
                counted(errors.len(), "bad row", "bad rows"),
            ));
        }
    }
    ctx.journal.commit_batch(&read.batch)?;
    crate::say!(
        "imported {} from {} ({} already here, {} skipped)",
        counted(read.batch.len(), "entry", "entries"),
        path.display(),
        read.skipped,
        counted(
            if a.skip_bad { errors.len() } else { 0 },
            "bad row",
            "bad rows"
        )
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn what_was_already_here_reads_for_any_count() {
        assert_eq!(super::already_here(0), "none were already here");
        assert_eq!(super::already_here(1), "1 was already here, skipped");
        assert_eq!(super::already_here(564), "564 were already here, skipped");
    }
}
