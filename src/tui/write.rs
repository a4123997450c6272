//! How the TUI writes: each change through the gate
//! ([`Change::check_against`]), then [`Journal::commit_seen`], and what it
//! says when that fails.

use crate::domain::change::{Change, Given};
use crate::domain::entry::Time;
use crate::domain::history::{Event, History};
use crate::domain::rules::Rules;
use crate::store::{Journal, JournalError, Signature};

/// The TUI's write of one change: the gate (the forms check as they go, but
/// another terminal may have started a workout meanwhile), then the commit,
/// as [`Journal::commit_seen`]. A refusal or a failure comes back as what
/// the TUI says.
pub fn commit(
    journal: &Journal,
    change: Change,
    history: &History,
    rules: &Rules,
    now: &Time,
    seen: &Signature,
) -> Result<(Event, Signature, bool), String> {
    let given = Given::default();
    change
        .check_against(history, rules, given, now)
        .map_err(|r| format!("not saved: {r}"))?;
    let last = history.last_event_id.as_deref();
    journal
        .commit_seen(change, now, last, seen)
        .map_err(|e| not_saved(&e))
}

/// What the TUI says when a write fails. A refusal by the gate already
/// reads "not saved: ..." (as on the command line); it is not said twice.
pub fn not_saved(e: &JournalError) -> String {
    match e {
        JournalError::Refused(_) => e.to_string(),
        _ => format!("not saved: {e}"),
    }
}
