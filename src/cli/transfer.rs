//! Export (everything, as it stands) and import (adds only the ids it lacks).

use super::{Ctx, new_id, user};
use crate::domain::history::{Event, EventProblem, History, Op, SCHEMA_VERSION};
use crate::export::{EXPORT_FORMAT, ExportDoc, RowError, from_csv, to_csv};
use crate::journal::{Scope, read_foreign};
use anyhow::Result;
use clap::{Args, ValueEnum};
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A JSON export, a CSV export (FILE.csv), another journal's data dir or folder, or a journal .jsonl file
    pub path: PathBuf,
    /// CSV: import the good rows of a file with bad ones (default: import nothing)
    #[arg(long)]
    pub skip_bad: bool,
}

pub fn export(ctx: &Ctx, a: &ExportArgs) -> Result<()> {
    let history = ctx.history()?;
    // Streamed: an export of years should not sit in memory twice.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match a.format {
        ExportFormat::Json => {
            let doc = ExportDoc::new(ctx.now_fixed(), history.entries);
            serde_json::to_writer_pretty(&mut out, &doc).map_err(std::io::Error::from)?;
            out.write_all(b"\n")?;
        }
        ExportFormat::Csv => out.write_all(to_csv(&history.entries).as_bytes())?,
    }
    out.flush()?;
    Ok(())
}

pub fn import(ctx: &Ctx, a: &ImportArgs) -> Result<()> {
    let path = &a.path;
    if !path.exists() {
        return user(format!("{}: no such file or folder", path.display()));
    }
    let loaded = ctx.load(Scope::All)?;
    let mut known: HashSet<String> = loaded.events.iter().map(|e| e.id.clone()).collect();
    let history = History::fold(&loaded.events);
    known.extend(history.entries.iter().map(|e| e.id.clone()));

    if path.is_file() && is_csv(path) {
        return import_csv(ctx, a, &history, known);
    }
    if path.is_file()
        && let Some(doc) = read_export(path)?
    {
        let mut events = Vec::new();
        let mut skipped = 0;
        for entry in doc.entries {
            if known.contains(&entry.id) {
                skipped += 1;
                continue;
            }
            known.insert(entry.id.clone());
            let event = Event {
                v: SCHEMA_VERSION,
                id: entry.id.clone(),
                op: Op::Add,
                at: entry.at,
                logged: entry.logged,
                target: None,
                entry: Some(entry.body),
                extra: Default::default(),
            };
            if let Err(why) = event.check() {
                let why = match why {
                    EventProblem::Invalid(s) => s,
                    EventProblem::NewerSchema(v) => {
                        format!("written by a newer crampwatch (schema {v})")
                    }
                };
                return user(format!("{}: entry {}: {why}", path.display(), entry.id));
            }
            events.push(event);
        }
        append_imported(ctx, &events)?;
        println!(
            "imported {} entries from {} ({} already here, skipped)",
            events.len(),
            path.display(),
            skipped
        );
        return Ok(());
    }

    let source = match read_foreign(path) {
        Ok(s) => s,
        Err(e @ crate::journal::JournalError::NotAJournal { .. }) => return user(e.to_string()),
        Err(e) => return Err(e.into()),
    };
    for p in &source.problems {
        eprintln!("warning: {p}");
    }
    let mut lines = Vec::new();
    let mut skipped = 0;
    for (id, raw) in source.lines {
        if known.contains(&id) {
            skipped += 1;
        } else {
            known.insert(id);
            lines.push(raw);
        }
    }
    ctx.journal.append_raw(&lines, &ctx.now_fixed())?;
    println!(
        "imported {} events from {} ({} already here, skipped)",
        lines.len(),
        path.display(),
        skipped
    );
    Ok(())
}

/// A `.csv` file, or one whose first line starts like the CSV header.
fn is_csv(path: &std::path::Path) -> bool {
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
    history: &History,
    mut known: HashSet<String>,
) -> Result<()> {
    let path = &a.path;
    let bytes = std::fs::read(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let Ok(text) = String::from_utf8(bytes) else {
        return user(format!(
            "{}: not UTF-8 text; save the sheet as CSV UTF-8",
            path.display()
        ));
    };
    let (rows, mut errors) = match from_csv(&text, &chrono::Local) {
        Ok(v) => v,
        Err(e) => return user(format!("{}: {e}", path.display())),
    };
    let now = ctx.now_fixed();
    let mut last = history.last_event_id.clone();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut events = Vec::new();
    let mut skipped = 0;
    for row in rows {
        let id = match row.id {
            Some(id) => {
                if let Some(first) = seen.insert(id.clone(), row.row) {
                    errors.push(RowError {
                        row: row.row,
                        message: format!("id {id} is also on row {first}"),
                    });
                    continue;
                }
                if known.contains(&id) {
                    skipped += 1;
                    continue;
                }
                id
            }
            None => {
                let id = new_id(&now, last.as_deref());
                last = Some(id.clone());
                id
            }
        };
        known.insert(id.clone());
        events.push(Event {
            v: SCHEMA_VERSION,
            id,
            op: Op::Add,
            at: row.at,
            logged: row.logged.unwrap_or(now),
            target: None,
            entry: Some(row.body),
            extra: Default::default(),
        });
    }
    errors.sort_by_key(|e| e.row);
    if !errors.is_empty() {
        let word = if a.skip_bad { "warning" } else { "error" };
        for e in &errors {
            eprintln!("{word}: {}: {e}", path.display());
        }
        if !a.skip_bad {
            return user(format!(
                "{}: {} bad row(s), nothing imported; fix them, or give --skip-bad to import the {} good one(s)",
                path.display(),
                errors.len(),
                events.len()
            ));
        }
    }
    append_imported(ctx, &events)?;
    println!(
        "imported {} entries from {} ({} already here, {} bad rows skipped)",
        events.len(),
        path.display(),
        skipped,
        if a.skip_bad { errors.len() } else { 0 }
    );
    Ok(())
}

/// Writes imported adds (they keep their ids) to this month's file, not to
/// the months they were first logged in, so views of recent days see them.
fn append_imported(ctx: &Ctx, events: &[Event]) -> Result<()> {
    let lines: Vec<Vec<u8>> = events
        .iter()
        .map(|e| serde_json::to_vec(e).expect("events serialize"))
        .collect();
    Ok(ctx.journal.append_raw(&lines, &ctx.now_fixed())?)
}

/// Reads a JSON export, or `None` when the file is not one (a journal file).
fn read_export(path: &std::path::Path) -> Result<Option<ExportDoc>> {
    let bytes = std::fs::read(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    // An export saved again by a Windows editor starts with a byte order mark.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first != Some(&b'{') {
        return Ok(None);
    }
    let value: serde_json::Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(_) => return Ok(None), // JSON Lines: one object per line
    };
    if value.get("format").and_then(|f| f.as_str()) != Some(EXPORT_FORMAT) {
        return user(format!(
            "{}: not a crampwatch export (a JSON file without \"format\": \"{EXPORT_FORMAT}\")",
            path.display()
        ));
    }
    match serde_json::from_value::<ExportDoc>(value) {
        Ok(doc) => Ok(Some(doc)),
        Err(e) => user(format!(
            "{}: a crampwatch export with a bad entry: {e}",
            path.display()
        )),
    }
}
