//! One change to the journal, whatever it came from: the CLI, a TUI form, an
//! import or the demo. Every write is a `Change`, checked here once and turned
//! into an event by `store::Journal::commit`, which mints its id.

mod fit;

pub use fit::{Given, Refusal};

use super::entry::{Body, CrampContext, Time};
use super::history::{Event, History, Op, SCHEMA_VERSION};
use chrono::Duration;

/// One change to write to the journal.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    Add {
        at: Time,
        body: Body,
    },
    Amend {
        target: String,
        at: Time,
        body: Body,
    },
    Undo {
        event_id: String,
    },
    Redo {
        event_id: String,
    },
    /// A tombstone for an entry (undo brings it back).
    Delete {
        target: String,
        at: Time,
    },
}

/// The checks of an entry written anew: those every loaded entry meets,
/// and the ones only new values meet (a rule added later must not set
/// aside a journal written before it).
fn written(body: &Body, at: &Time) -> Result<(), String> {
    super::check::entry(body, at)?;
    match body {
        Body::Cramp(c) => super::check::muscle_name_fits(c),
        _ => Ok(()),
    }
}

impl Change {
    /// The value checks every input path shares: the same bad value gets the
    /// same message from the CLI, a TUI form, an import or the demo. `now`
    /// is when it is written: a new entry is not ahead of it (a plan
    /// excepted) and a running workout did not start more than a day
    /// before it. An edit meets those time rules only when it moves the
    /// time, which needs the entry as it was: [`Change::check_against`].
    pub fn check(&self, now: &Time) -> Result<(), String> {
        match self {
            Change::Add { at, body } => {
                written(body, at)?;
                super::check::fresh(body, at, now)
            }
            Change::Amend { target, at, body } => {
                super::check::id(target)?;
                written(body, at)
            }
            Change::Delete { target, at } => {
                super::check::id(target)?;
                super::check::time(at, "the time")
            }
            Change::Undo { event_id } | Change::Redo { event_id } => super::check::id(event_id),
        }
    }

    /// The event this change becomes, under the id the store minted, written at `now`.
    pub fn into_event(self, id: String, now: Time) -> Event {
        let (op, at, target, entry) = match self {
            Change::Add { at, body } => (Op::Add, at, None, Some(body)),
            Change::Amend { target, at, body } => (Op::Amend, at, Some(target), Some(body)),
            Change::Undo { event_id } => (Op::Undo, now, Some(event_id), None),
            Change::Redo { event_id } => (Op::Redo, now, Some(event_id), None),
            Change::Delete { target, at } => (Op::Delete, at, Some(target), None),
        };
        Event {
            v: SCHEMA_VERSION,
            id,
            op,
            at,
            logged: now,
            target,
            entry,
            extra: Default::default(),
        }
    }
}

/// The context a cramp most likely had, when the user gave none.
pub fn infer_context(history: &History, at: Time) -> CrampContext {
    for e in history.entries.iter().rev() {
        if let Body::Workout(w) = &e.body {
            if e.at > at {
                continue;
            }
            match w.end {
                None => return CrampContext::During,
                Some(end) if end >= at => return CrampContext::During,
                Some(end) if at - end <= Duration::hours(6) => return CrampContext::After,
                Some(_) => {}
            }
        }
    }
    CrampContext::Rest
}
