//! Export (everything, as it stands) and import (adds only the ids it lacks).

use super::{Ctx, new_id, user};
use crate::domain::entry::{Body, Time};
use crate::domain::history::{Event, EventProblem, Op, SCHEMA_VERSION};
use crate::export::{
    CsvRow, EXPORT_FORMAT, ExportDoc, JsonExport, RowError, each_csv_row, each_export_entry, to_csv,
};
use crate::store::{RawLines, Scope, read_foreign};
use anyhow::Result;
use clap::{Args, ValueEnum};
use std::collections::HashMap;
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
    let Some(path) = super::import_files::own_format(&a.paths) else {
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
    // Only the ids of the journal are kept: an import of years must not
    // hold the journal and the import in memory at once. (Every entry's id
    // is its add event's.)
    let (mut known, last_id) = {
        let events = ctx.load(Scope::All)?.events;
        let last = events.last().map(|e| e.id.clone());
        // Not collected in place: that would keep the events' whole block.
        let mut ids = Vec::with_capacity(events.len());
        ids.extend(events.into_iter().map(|e| e.id));
        (Known::new(ids), last)
    };
    if path.is_file() && is_csv(path) {
        return import_csv(ctx, a, path, last_id, known);
    }
    if path.is_file() {
        // What is imported: whole lines, written at the end (nothing when
        // an entry is bad).
        let mut lines = RawLines::default();
        let mut skipped = 0;
        let open = || Ok(std::io::BufReader::new(std::fs::File::open(path)?));
        let found = each_export_entry(open, |entry| {
            if known.meet(&entry.id, 0) != Met::New {
                skipped += 1;
                return Ok(());
            }
            let event = imported(entry.id, entry.at, entry.logged, entry.body);
            let refused = |why| format!("entry {}: {why}", event.id);
            match event.check() {
                Ok(()) => push(&mut lines, &event),
                Err(EventProblem::Invalid(why)) => return Err(refused(why)),
                Err(EventProblem::NewerSchema(v)) => {
                    return Err(refused(format!(
                        "written by a newer crampwatch (schema {v})"
                    )));
                }
            }
            Ok(())
        })
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        match found {
            JsonExport::Read => {
                ctx.journal.append_raw(&lines, &ctx.now_fixed())?;
                crate::say!(
                    "imported {} entries from {} ({} already here, skipped)",
                    lines.len(),
                    path.display(),
                    skipped
                );
                return Ok(());
            }
            JsonExport::NotExport => {
                return user(format!(
                    "{}: not a crampwatch export (a JSON file without \"format\": \"{EXPORT_FORMAT}\")",
                    path.display()
                ));
            }
            JsonExport::BadEntry(why) => {
                return user(format!(
                    "{}: a crampwatch export with a bad entry: {why}",
                    path.display()
                ));
            }
            JsonExport::Bad(why) => {
                return user(format!(
                    "{}: a crampwatch export that cannot be read: {why}",
                    path.display()
                ));
            }
            JsonExport::Refused(why) => return user(format!("{}: {why}", path.display())),
            // Perhaps a journal file: read as one below.
            JsonExport::NotJson => known.forget_import(),
        }
    }

    // Repeats within the source are left out silently.
    let mut skipped = 0;
    let keep = |id: &str| match known.meet(id, 0) {
        Met::New => true,
        Met::InJournal => {
            skipped += 1;
            false
        }
        Met::Again => false,
    };
    let source = match read_foreign(path, keep) {
        Ok(s) => s,
        Err(e @ crate::store::JournalError::NotAJournal { .. }) => return user(e.to_string()),
        Err(e) => return Err(e.into()),
    };
    for p in &source.problems {
        crate::say_err!("warning: {p}");
    }
    ctx.journal.append_raw(&source.lines, &ctx.now_fixed())?;
    crate::say!(
        "imported {} events from {} ({} already here, skipped)",
        source.lines.len(),
        path.display(),
        skipped
    );
    Ok(())
}

/// A `.csv` file, or one whose first line starts like the CSV header.
pub(super) fn is_csv(path: &std::path::Path) -> bool {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
    {
        return true;
    }
    let mut head = [0u8; 16];
    let n = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .unwrap_or(0);
    head[..n].starts_with(b"id,type,at,")
}

/// Imports a CSV export or a hand-made sheet in its format: every bad row is
/// named, and nothing is written unless all rows are good or `--skip-bad`.
fn import_csv(
    ctx: &Ctx,
    a: &ImportArgs,
    path: &std::path::Path,
    mut last: Option<String>,
    mut known: Known,
) -> Result<()> {
    let bytes = std::fs::read(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let Ok(text) = String::from_utf8(bytes) else {
        return user(format!(
            "{}: not UTF-8 text; save the sheet as CSV UTF-8",
            path.display()
        ));
    };
    let now = ctx.now_fixed();
    let mut errors = Vec::new();
    let mut skipped = 0;
    // Written at the end: nothing unless every row is good or --skip-bad.
    let mut lines = RawLines::default();
    // Row by row: the sheet is never held as rows, only as the lines to write.
    let each = |row: Result<CsvRow, RowError>| {
        let row = match row {
            Ok(row) => row,
            Err(e) => return errors.push(e),
        };
        let id = match row.id {
            Some(id) => {
                if let Some(first) = known.here.get(&id) {
                    return errors.push(RowError {
                        row: row.row,
                        message: format!("id {id} is also on row {first}"),
                    });
                }
                if known.meet(&id, row.row) != Met::New {
                    skipped += 1;
                    return;
                }
                id
            }
            None => {
                let id = new_id(&now, last.as_deref());
                last = Some(id.clone());
                id
            }
        };
        let event = imported(id, row.at, row.logged.unwrap_or(now), row.body);
        // The checks every path applies (times, note length...), beyond the cells'.
        if let Err(EventProblem::Invalid(message)) = event.check() {
            return errors.push(RowError {
                row: row.row,
                message,
            });
        }
        push(&mut lines, &event);
    };
    if let Err(e) = each_csv_row(&text, &chrono::Local, each) {
        return user(format!("{}: {e}", path.display()));
    }
    drop(text);
    errors.sort_by_key(|e| e.row);
    if !errors.is_empty() {
        let word = if a.skip_bad { "warning" } else { "error" };
        for e in &errors {
            crate::say_err!("{word}: {}: {e}", path.display());
        }
        if !a.skip_bad {
            return user(format!(
                "{}: {} bad row(s), nothing imported; fix them, or give --skip-bad to import the {} good one(s)",
                path.display(),
                errors.len(),
                lines.len()
            ));
        }
    }
    ctx.journal.append_raw(&lines, &ctx.now_fixed())?;
    crate::say!(
        "imported {} entries from {} ({} already here, {} bad rows skipped)",
        lines.len(),
        path.display(),
        skipped,
        if a.skip_bad { errors.len() } else { 0 }
    );
    Ok(())
}

/// The ids the journal holds, and those this import has met.
struct Known {
    /// Sorted.
    journal: Vec<String>,
    /// With the CSV row each was first on (0 elsewhere).
    here: HashMap<String, usize>,
}

impl Known {
    fn new(mut journal: Vec<String>) -> Known {
        if !journal.is_sorted() {
            journal.sort_unstable();
            journal.dedup();
        }
        Known {
            journal,
            here: HashMap::new(),
        }
    }

    /// Notes that this import meets `id` (on `row`), and says whether it
    /// is new.
    fn meet(&mut self, id: &str, row: usize) -> Met {
        if self.here.contains_key(id) {
            return Met::Again;
        }
        self.here.insert(id.to_string(), row);
        match self.journal.binary_search_by(|k| k.as_str().cmp(id)) {
            Ok(_) => Met::InJournal,
            Err(_) => Met::New,
        }
    }

    fn forget_import(&mut self) {
        self.here.clear();
    }
}

#[derive(Debug, PartialEq)]
enum Met {
    New,
    /// The journal has it.
    InJournal,
    /// This import met it before.
    Again,
}

/// Adds an event's line to what is imported.
fn push(lines: &mut RawLines, event: &Event) {
    lines
        .push_with(&event.logged, &event.at, |b| {
            serde_json::to_writer(b, event)
        })
        .expect("events serialize");
}

/// The add event of an imported entry; it keeps its id, and is filed in
/// the month it was first logged in ([`crate::store::Journal::append_raw`]).
fn imported(id: String, at: Time, logged: Time, body: Body) -> Event {
    Event {
        v: SCHEMA_VERSION,
        id,
        op: Op::Add,
        at,
        logged,
        target: None,
        entry: Some(body),
        extra: Default::default(),
    }
}
