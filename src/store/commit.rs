//! The one way a change becomes an event on disk: checked by the domain's
//! gate ([`Change::check`]), given an id that sorts after everything already
//! read, and appended under this device's lock. The CLI, the TUI and the
//! demo all write through here; an event is never built anywhere else.

use super::{Journal, JournalError, Lock, Signature, new_id};
use crate::domain::change::Change;
use crate::domain::entry::Time;
use crate::domain::history::Event;

/// Checks a change and makes its event: an id after `last_id`, written at
/// `now`. A refused change is a [`JournalError::Refused`] (exit code 2),
/// with the message every input path gives for the same value.
pub fn mint(change: Change, now: &Time, last_id: Option<&str>) -> Result<Event, JournalError> {
    change.check(now).map_err(JournalError::Refused)?;
    Ok(change.into_event(new_id(now, last_id), *now))
}

impl Journal {
    /// Writes one change: checks it, mints its event (an id that sorts after
    /// `last_id`, written at `now`), appends it, and returns it.
    pub fn commit(
        &self,
        change: Change,
        now: &Time,
        last_id: Option<&str>,
    ) -> Result<Event, JournalError> {
        let event = mint(change, now, last_id)?;
        let lock = self.lock()?;
        self.append_locked(&lock, std::slice::from_ref(&event))?;
        Ok(event)
    }

    /// [`Journal::commit`] for a caller that already holds the lock (it
    /// checked the history under it: two terminals must not both start a
    /// workout).
    pub fn commit_locked(
        &self,
        lock: &Lock,
        change: Change,
        now: &Time,
        last_id: Option<&str>,
    ) -> Result<Event, JournalError> {
        let event = mint(change, now, last_id)?;
        self.append_locked(lock, std::slice::from_ref(&event))?;
        Ok(event)
    }

    /// [`Journal::commit`] for a reader that holds the journal as it was at
    /// `seen` (the TUI): also gives the signature just after the append, and
    /// whether this append was the only change since `seen`, as
    /// [`Journal::append_seen`] does.
    pub fn commit_seen(
        &self,
        change: Change,
        now: &Time,
        last_id: Option<&str>,
        seen: &Signature,
    ) -> Result<(Event, Signature, bool), JournalError> {
        let event = mint(change, now, last_id)?;
        let (after, alone) = self.append_seen(std::slice::from_ref(&event), seen)?;
        Ok((event, after, alone))
    }

    /// Writes a batch of changes whose ids were minted ahead (the demo's,
    /// seeded so that the same seed gives the same journal), each through
    /// the same check as every other change; one append for the batch, so
    /// each monthly file is opened and synced once.
    pub fn commit_all(&self, batch: Vec<Stamped>) -> Result<Vec<Event>, JournalError> {
        let events = batch
            .into_iter()
            .map(Stamped::into_event)
            .collect::<Result<Vec<_>, _>>()?;
        self.append(&events)?;
        Ok(events)
    }
}

/// A change with the id and the time it is logged at, minted ahead.
#[derive(Clone, Debug, PartialEq)]
pub struct Stamped {
    pub change: Change,
    pub id: String,
    pub logged: Time,
}

impl Stamped {
    /// Its event, after the same check as every other change, as of the
    /// time it is logged at (the demo's entries are logged over a month).
    pub fn into_event(self) -> Result<Event, JournalError> {
        self.change
            .check(&self.logged)
            .map_err(JournalError::Refused)?;
        Ok(self.change.into_event(self.id, self.logged))
    }
}
