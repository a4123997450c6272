//! `crampwatch import` of device files: FIT, TCX, GPX, Apple Health and
//! Strava exports, in files, folders, `.zip` and `.gz` (see `src/sources/`).
//! Every file is named in the report with what it added, what was already
//! there and what was refused; nothing refused stops the others.

use super::progress::Progress;
use super::{Ctx, new_id, user};
use crate::domain::entry::{Body, Time};
use crate::domain::history::{Event, History, Op, SCHEMA_VERSION};
use crate::domain::rules::Rules;
use crate::sources::detect::{self, Format};
use crate::sources::plan::{Known, Verdict};
use crate::sources::{Found, check, walk};
use crate::store::{RawLines, Scope};
use anyhow::Result;
use std::io::Read as _;
use std::path::{Path, PathBuf};

/// What the user asked for.
pub struct Options<'a> {
    pub paths: &'a [PathBuf],
    pub dry_run: bool,
    pub merge: bool,
}

/// The one path to give crampwatch's own importer (`transfer.rs`): a
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
        // A pipe (`<(zcat export.xml.gz)`) can be read once: by the walker.
        return None;
    }
    let mut head = vec![0u8; detect::HEAD];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .unwrap_or(0);
    let format = detect::sniff(&head[..n], &path.display().to_string());
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

/// Per file, what happened.
#[derive(Default)]
struct Tally {
    added: usize,
    already: usize,
    merged: usize,
    overlapping: Vec<String>,
    refused: Vec<String>,
}

pub fn run(ctx: &Ctx, o: &Options) -> Result<()> {
    let rules = Rules::embedded().map_err(anyhow::Error::msg)?.import;
    let progress = Progress::new(walk::total_bytes(o.paths));
    let files = walk::read_all(o.paths, &rules, &|n| progress.add(n));
    progress.finish();
    if files.is_empty() {
        let names: Vec<String> = o.paths.iter().map(|p| p.display().to_string()).collect();
        return user(shown(&format!("{}: no files in it", names.join(", "))));
    }
    // One file named and refused: the one line a refusal is.
    if let [file] = files.as_slice()
        && let Err(why) = &file.result
    {
        return user(shown(&format!("{}: {why}", file.name)));
    }
    let mut w = Writer::new(ctx, o.merge)?;
    let (mut files_refused, mut entries_refused, mut total) = (Vec::new(), 0, Tally::default());
    for file in files {
        let read = match file.result {
            Ok(r) => r,
            Err(why) if file.skipped => {
                crate::outln!("{}", shown(&format!("{}: skipped: {why}", file.name)));
                continue;
            }
            Err(why) => {
                crate::outln!("{}", shown(&format!("{}: refused: {why}", file.name)));
                files_refused.push(file.name);
                continue;
            }
        };
        for warning in &read.warnings {
            eprintln!("{}", shown(&format!("warning: {}: {warning}", file.name)));
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
        ctx.journal.append_raw(&w.lines, &w.now)?;
    }
    summary(&total, o);
    if !files_refused.is_empty() || entries_refused > 0 {
        let mut parts = Vec::new();
        if !files_refused.is_empty() {
            parts.push(format!(
                "{} file(s) refused: {}",
                files_refused.len(),
                files_refused.join(", ")
            ));
        }
        if entries_refused > 0 {
            let word = if entries_refused == 1 {
                "entry"
            } else {
                "entries"
            };
            parts.push(format!("{entries_refused} {word} refused"));
        }
        let rest = if o.dry_run {
            "would be imported"
        } else {
            "was imported"
        };
        return user(shown(&format!("{}; the rest {rest}", parts.join("; "))));
    }
    Ok(())
}

fn summary(total: &Tally, o: &Options) {
    let verb = if o.dry_run { "would add" } else { "added" };
    let merged = match total.merged {
        0 => String::new(),
        n => format!(", merged {n}"),
    };
    crate::outln!(
        "{verb} {} entries{merged} ({} already there)",
        total.added,
        total.already
    );
}

/// The journal as it was, and the lines this import writes.
struct Writer {
    known: Known,
    history: History,
    last: Option<String>,
    lines: RawLines,
    now: Time,
    merge: bool,
}

impl Writer {
    fn new(ctx: &Ctx, merge: bool) -> Result<Writer> {
        let events = ctx.load(Scope::All)?.events;
        let sources = Known::sources(&events);
        // Folded by move: years of journal are not held twice.
        let history = History::from_events(events);
        Ok(Writer {
            known: Known::with_entries(sources, &history.entries),
            last: history.last_event_id.clone(),
            history,
            lines: RawLines::default(),
            now: ctx.now_fixed(),
            merge,
        })
    }

    /// Checks an entry, decides on it, and writes what it calls for.
    fn take(&mut self, f: Found, t: &mut Tally) {
        if let Err(why) = check::check(&f.at, &f.body, &self.now) {
            let what = f.body.kind().word();
            t.refused
                .push(format!("{what} at {}: {why}", f.at.to_rfc3339()));
            return;
        }
        match self.known.decide(&f) {
            Verdict::Add => {
                t.added += 1;
                self.write(Op::Add, None, &f);
            }
            Verdict::Already(_) => t.already += 1,
            Verdict::Overlaps(id) if self.merge => {
                let Some(entry) = self.history.get(&id) else {
                    return;
                };
                let f = Found {
                    body: merged_body(&entry.body, &f),
                    ..f
                };
                self.known.merged(&id, &f);
                t.merged += 1;
                self.write(Op::Amend, Some(id), &f);
            }
            Verdict::Overlaps(id) => t.overlapping.push(id),
        }
    }

    fn write(&mut self, op: Op, target: Option<String>, f: &Found) {
        let id = next(&self.now, &mut self.last);
        push(&mut self.lines, event(op, target, f, id, &self.now));
    }
}

fn next(now: &Time, last: &mut Option<String>) -> String {
    let id = new_id(now, last.as_deref());
    *last = Some(id.clone());
    id
}

/// A hand-logged workout with the watch's start and end; the rest (its
/// activity, intensity, heat, note) stays the user's.
fn merged_body(hand: &Body, f: &Found) -> Body {
    match (hand, &f.body) {
        (Body::Workout(h), Body::Workout(w)) => {
            let mut b = h.clone();
            b.end = w.end;
            Body::Workout(b)
        }
        _ => f.body.clone(),
    }
}

fn event(op: Op, target: Option<String>, f: &Found, id: String, now: &Time) -> Event {
    let mut extra = serde_json::Map::new();
    extra.insert("source".into(), f.source.to_json());
    Event {
        v: SCHEMA_VERSION,
        id,
        op,
        at: f.at,
        logged: *now,
        target,
        entry: Some(f.body.clone()),
        extra,
    }
}

fn push(lines: &mut RawLines, e: Event) {
    lines
        .push_with(&e.logged, &e.at, |b| serde_json::to_writer(b, &e))
        .expect("events serialize");
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
    parts.push(format!("{} already there", t.already));
    if !t.overlapping.is_empty() {
        parts.push(format!(
            "{} overlapping hand-logged workouts, not added",
            t.overlapping.len()
        ));
    }
    if !t.refused.is_empty() {
        parts.push(format!("{} refused", t.refused.len()));
    }
    crate::outln!("{}", shown(&format!("{name}: {}", parts.join(", "))));
    for id in &t.overlapping {
        crate::outln!("  overlaps workout {id} logged by hand; --merge gives it the file's times");
    }
    for why in &t.refused {
        crate::outln!("  refused: {}", shown(why));
    }
}

/// Text from files and their names, safe to print: control and bidi
/// characters (a zip entry named with escape sequences) become '?'.
fn shown(s: &str) -> String {
    s.chars()
        .map(|c| {
            let bidi = matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
            if c.is_control() || bidi { '?' } else { c }
        })
        .collect()
}
