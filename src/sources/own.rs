//! crampwatch's own files imported: a JSON export, a CSV export (or a sheet
//! made by hand in its format), another journal. Entries keep their ids and
//! only the ids the journal lacks are added; a CSV row without an id is a new
//! entry, minted by the store. Every entry passes the checks of every change
//! (`Change::check`); nothing is written here: the caller commits the batch.

use super::crampwatch_csv::{CsvRow, RowError, each_csv_row};
use super::crampwatch_json::{JsonExport, each_export_entry};
use crate::context::{Ctx, user};
use crate::domain::change::Change;
use crate::domain::entry::Time;
use crate::export::EXPORT_FORMAT;
use crate::store::commit_batch::Batch;
use crate::store::{JournalError, Problem, Scope};
use anyhow::Result;
use std::collections::HashMap;
use std::path::Path;

/// The ids the journal holds, and those this import has met.
pub struct Known {
    /// Sorted.
    journal: Vec<String>,
    /// With the CSV row each was first on (0 elsewhere).
    here: HashMap<String, usize>,
    /// The journal's last event id: new ids sort after it.
    last: Option<String>,
}

#[derive(Debug, PartialEq)]
enum Met {
    New,
    /// The journal has it.
    InJournal,
    /// This import met it before.
    Again,
}

impl Known {
    /// The journal's ids. Only the ids are kept: an import of years must not
    /// hold the journal and the import in memory at once. (Every entry's id
    /// is its add event's.)
    pub fn of_journal(ctx: &Ctx) -> Result<Known> {
        let events = ctx.load(Scope::All)?.events;
        let last = events.last().map(|e| e.id.clone());
        // Not collected in place: that would keep the events' whole block.
        let mut ids = Vec::with_capacity(events.len());
        ids.extend(events.into_iter().map(|e| e.id));
        Ok(Known::new(ids, last))
    }

    fn new(mut journal: Vec<String>, last: Option<String>) -> Known {
        if !journal.is_sorted() {
            journal.sort_unstable();
            journal.dedup();
        }
        Known {
            journal,
            here: HashMap::new(),
            last,
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

    /// Forgets what a first reading met (a file read again as a journal).
    pub fn forget_import(&mut self) {
        self.here.clear();
    }
}

/// What an import read, ready to commit.
pub struct Imported {
    pub batch: Batch,
    /// Entries (events, for a journal) the journal already held.
    pub skipped: usize,
    /// A CSV's bad rows, by row number.
    pub bad_rows: Vec<RowError>,
    /// A journal's lines set aside (unreadable, torn).
    pub problems: Vec<Problem>,
}

impl Imported {
    fn new(batch: Batch) -> Imported {
        Imported {
            batch,
            skipped: 0,
            bad_rows: Vec::new(),
            problems: Vec::new(),
        }
    }
}

/// Reads a JSON export; None when the file is no JSON object (perhaps a
/// journal file). Refused whole at the first bad entry.
pub fn json_export(path: &Path, known: &mut Known, now: Time) -> Result<Option<Imported>> {
    let mut out = Imported::new(Batch::new(now, known.last.clone()));
    let open = || Ok(std::io::BufReader::new(std::fs::File::open(path)?));
    let found = each_export_entry(open, |entry| {
        if known.meet(&entry.id, 0) != Met::New {
            out.skipped += 1;
            return Ok(());
        }
        let id = entry.id.clone();
        out.batch
            .keep(entry.id, entry.at, entry.logged, entry.body)
            .map_err(|why| format!("entry {id}: {why}"))
    })
    .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let shown = path.display();
    match found {
        JsonExport::Read => Ok(Some(out)),
        JsonExport::NotExport => user(format!(
            "{shown}: not a crampwatch export (a JSON file without \"format\": \"{EXPORT_FORMAT}\")"
        )),
        JsonExport::BadEntry(why) => user(format!(
            "{shown}: a crampwatch export with a bad entry: {why}"
        )),
        JsonExport::Bad(why) => user(format!(
            "{shown}: a crampwatch export that cannot be read: {why}"
        )),
        JsonExport::Refused(why) => user(format!("{shown}: {why}")),
        JsonExport::NotJson => Ok(None),
    }
}

/// Reads a CSV export or a hand-made sheet in its format, row by row: the
/// sheet is never held as rows, only as the lines to write. Every bad row
/// is named in `bad_rows`, in row order.
pub fn csv(path: &Path, known: &mut Known, now: Time) -> Result<Imported> {
    let bytes = std::fs::read(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let Ok(text) = String::from_utf8(bytes) else {
        return user(format!(
            "{}: not UTF-8 text; save the sheet as CSV UTF-8",
            path.display()
        ));
    };
    let mut out = Imported::new(Batch::new(now, known.last.clone()));
    let each = |row: Result<CsvRow, RowError>| match row {
        Ok(row) => {
            let n = row.row;
            if let Err(message) = csv_row(row, known, &mut out) {
                out.bad_rows.push(RowError { row: n, message });
            }
        }
        Err(e) => out.bad_rows.push(e),
    };
    if let Err(e) = each_csv_row(&text, &chrono::Local, each) {
        return user(format!("{}: {e}", path.display()));
    }
    out.bad_rows.sort_by_key(|e| e.row);
    Ok(out)
}

/// One good row: kept under its id, or minted when it has none.
fn csv_row(row: CsvRow, known: &mut Known, out: &mut Imported) -> Result<(), String> {
    let Some(id) = row.id else {
        let change = Change::Add {
            at: row.at,
            body: row.body,
        };
        return out
            .batch
            .commit(change, row.logged, Default::default())
            .map(drop);
    };
    if let Some(first) = known.here.get(&id) {
        return Err(format!("id {id} is also on row {first}"));
    }
    if known.meet(&id, row.row) != Met::New {
        out.skipped += 1;
        return Ok(());
    }
    let logged = row.logged.unwrap_or(*out.batch.now());
    out.batch.keep(id, row.at, logged, row.body)
}

/// Reads another journal: its events the journal lacks, byte for byte.
/// Repeats within the source are left out silently.
pub fn journal(path: &Path, mut known: Known, now: Time) -> Result<Imported> {
    let mut skipped = 0;
    let keep = |id: &str| match known.meet(id, 0) {
        Met::New => true,
        Met::InJournal => {
            skipped += 1;
            false
        }
        Met::Again => false,
    };
    let read = match super::journal::read_foreign(path, &now, keep) {
        Ok(r) => r,
        Err(e @ JournalError::NotAJournal { .. }) => return user(e.to_string()),
        Err(e) => return Err(e.into()),
    };
    let mut out = Imported::new(Batch::of_lines(now, read.lines));
    out.skipped = skipped;
    out.problems = read.problems;
    Ok(out)
}
