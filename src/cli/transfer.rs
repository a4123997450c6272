//! Export (everything, as it stands) and import (adds only the ids it lacks).

use super::{Ctx, user};
use crate::domain::history::{Event, EventProblem, History, Op, SCHEMA_VERSION};
use crate::export::{EXPORT_FORMAT, ExportDoc, to_csv};
use crate::journal::{Scope, read_foreign};
use anyhow::Result;
use clap::{Args, ValueEnum};
use std::collections::HashSet;
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
    /// A JSON export, another journal's data dir or folder, or a journal .jsonl file
    pub path: PathBuf,
}

pub fn export(ctx: &Ctx, a: &ExportArgs) -> Result<()> {
    let history = ctx.history()?;
    let text = match a.format {
        ExportFormat::Json => {
            let doc = ExportDoc::new(ctx.now_fixed(), history.entries);
            serde_json::to_string_pretty(&doc)? + "\n"
        }
        ExportFormat::Csv => to_csv(&history.entries),
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
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

    if path.is_file()
        && let Some(doc) = read_export(path)?
    {
        let mut events = Vec::new();
        let mut skipped = 0;
        let mut last = history.last_event_id.clone();
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
            last = last.max(Some(event.id.clone()));
            events.push(event);
        }
        // Imported adds keep their ids; they are written to this month's file.
        let now = ctx.now_fixed();
        let lines: Vec<Vec<u8>> = events
            .iter()
            .map(|e| serde_json::to_vec(e).expect("events serialize"))
            .collect();
        ctx.journal.append_raw(&lines, &now)?;
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
