//! Journal events folded into entries: amendments, deletes, undo and redo applied.
//!
//! Nothing is ever rewritten: an edit is an `amend` event naming the entry it
//! replaces, a delete is a `delete` tombstone, and undo/redo are events that
//! name the event they revert. [`History::fold`] turns any set of events, in
//! any order, into the same state: events are taken in id order (ids are
//! time-sortable ULIDs) and each undo or redo names its target explicitly.

use crate::domain::entry::{Body, EntryKind, Time};
use serde::{Deserialize, Serialize};

mod fold;
mod order;

pub use order::apply_permutation;

/// The journal schema version this program writes and understands.
pub const SCHEMA_VERSION: u32 = 1;

/// What an event does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    /// A new entry; its id is the event's id.
    Add,
    /// Replaces the content (and time) of the entry `target`.
    Amend,
    /// Removes the entry `target`.
    Delete,
    /// Reverts the event `target` (an add, amend, delete or redo... of an action).
    Undo,
    /// Reapplies the action event `target` that an undo reverted.
    Redo,
}

/// One line of the journal. These derives are the definition of an event's
/// JSON (the entry's own is [`Body`]'s).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub v: u32,
    pub id: String,
    pub op: Op,
    /// When it happened (for add and amend, the entry's time).
    #[serde(deserialize_with = "crate::domain::timefmt::de")]
    pub at: Time,
    /// When it was written.
    #[serde(deserialize_with = "crate::domain::timefmt::de")]
    pub logged: Time,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry: Option<Body>,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Why a line is not a usable event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventProblem {
    /// Written by a newer crampwatch.
    NewerSchema(u32),
    /// Well-formed JSON that does not make sense as an event.
    Invalid(String),
}

impl Event {
    /// Checks that the fields fit the op (an add has an entry, an undo a target...).
    pub fn check(&self) -> Result<(), EventProblem> {
        if self.v > SCHEMA_VERSION {
            return Err(EventProblem::NewerSchema(self.v));
        }
        let invalid = EventProblem::Invalid;
        crate::domain::check::id(&self.id).map_err(invalid)?;
        crate::domain::check::time(&self.logged, "logged").map_err(invalid)?;
        let needs_entry = matches!(self.op, Op::Add | Op::Amend);
        let needs_target = !matches!(self.op, Op::Add);
        if needs_entry && self.entry.is_none() {
            return Err(EventProblem::Invalid(format!(
                "{:?} without an entry",
                self.op
            )));
        }
        if needs_target && self.target.is_none() {
            return Err(EventProblem::Invalid(format!(
                "{:?} without a target",
                self.op
            )));
        }
        if let Some(target) = &self.target {
            crate::domain::check::id(target).map_err(invalid)?;
        }
        match &self.entry {
            Some(body) => crate::domain::check::entry(body, &self.at).map_err(invalid),
            None => crate::domain::check::time(&self.at, "the time").map_err(invalid),
        }
    }
}

/// An entry as it stands after every event is applied.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub at: Time,
    /// When it was first logged.
    pub logged: Time,
    /// When it was last changed, if it was amended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amended: Option<Time>,
    #[serde(flatten)]
    pub body: Body,
}

impl Entry {
    pub fn kind(&self) -> EntryKind {
        self.body.kind()
    }
}

/// An action that undo would revert, or redo reapply.
#[derive(Clone, Debug, PartialEq)]
pub struct Action {
    pub event_id: String,
    pub op: Op,
    /// The entry it acted on.
    pub entry_id: String,
    /// The entry as that action left it (or, for a delete, as it was).
    pub body: Option<Body>,
    pub at: Time,
}

/// Every entry, in time order, and what undo and redo would do next.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    /// Entries sorted by time, then id.
    pub entries: Vec<Entry>,
    undo_top: Option<Action>,
    redo_top: Option<Action>,
    /// The highest event id seen.
    pub last_event_id: Option<String>,
}

impl History {
    /// Folds events (in any order, duplicates allowed) into the current state.
    pub fn fold(events: &[Event]) -> History {
        History::from_events(events.to_vec())
    }

    /// [`History::fold`], taking the events: their contents move into the
    /// entries instead of being copied, which halves the memory a load of
    /// years of journal needs.
    pub fn from_events(events: Vec<Event>) -> History {
        History::from_events_mine(events, &[])
    }

    /// [`History::from_events`] for a load that knows which events this
    /// device wrote (`mine[i]` for `events[i]`, in the load's id order):
    /// undo and redo then take back only this device's own changes, so a
    /// synced line from elsewhere can never be the one `undo` reverts. An
    /// empty `mine` (or events not in id order) counts every event as mine.
    pub fn from_events_mine(mut events: Vec<Event>, mine: &[bool]) -> History {
        let mut mine = mine;
        // Skipped on the sorted, repeat-free input a load gives.
        if !events.is_sorted_by(|a, b| a.id < b.id) {
            events.sort_by(|a, b| a.id.cmp(&b.id));
            events.dedup_by(|a, b| a.id == b.id);
            mine = &[];
        }
        let in_force = fold::InForce::of(&events, |i| mine.get(i).copied().unwrap_or(true));
        // What undo and redo would do next, read before the events are taken apart.
        let top = |stack: &[usize]| stack.last().and_then(|i| in_force.describe(&events, *i));
        let undo_top = top(&in_force.undo_stack);
        let redo_top = top(&in_force.redo_stack);
        let last_event_id = events.last().map(|e| e.id.clone());
        let slots = fold::slots(&events, &in_force);
        drop(in_force);
        History {
            entries: fold::entries(events, slots),
            undo_top,
            redo_top,
            last_event_id,
        }
    }

    /// Takes in one add with a fresh id (no event names it yet) that sorts
    /// after every event folded so far, as
    /// [`History::fold`] of all the events would, without folding again: so
    /// the TUI shows what it has just written at once, however long the
    /// journal. Returns false (and takes nothing in) for any other event.
    pub fn push_add(&mut self, event: Event) -> bool {
        let newest = self
            .last_event_id
            .as_deref()
            .is_none_or(|last| event.id.as_str() > last);
        let Event {
            id,
            op: Op::Add,
            at,
            logged,
            entry: Some(body),
            ..
        } = event
        else {
            return false;
        };
        if !newest {
            return false;
        }
        self.undo_top = Some(Action {
            event_id: id.clone(),
            op: Op::Add,
            entry_id: id.clone(),
            body: Some(body.clone()),
            at,
        });
        self.redo_top = None;
        self.last_event_id = Some(id.clone());
        // After every entry of the same time: its id is the greatest.
        let at_or_before = self.entries.partition_point(|e| e.at <= at);
        self.entries.insert(
            at_or_before,
            Entry {
                id,
                at,
                logged,
                amended: None,
                body,
            },
        );
        true
    }

    /// The action `undo` would revert.
    pub fn next_undo(&self) -> Option<&Action> {
        self.undo_top.as_ref()
    }

    /// The action `redo` would reapply.
    pub fn next_redo(&self) -> Option<&Action> {
        self.redo_top.as_ref()
    }

    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// Finds an entry by its full id or a unique start or end of it
    /// (at least 4 characters, case-insensitive).
    pub fn find(&self, id_or_prefix: &str) -> Result<&Entry, FindError> {
        let needle = id_or_prefix.trim().to_ascii_uppercase();
        if needle.len() < 4 {
            return Err(FindError::TooShort);
        }
        let hits: Vec<&Entry> = self
            .entries
            .iter()
            .filter(|e| {
                let id = e.id.to_ascii_uppercase();
                id.starts_with(&needle) || id.ends_with(&needle)
            })
            .collect();
        match hits.len() {
            0 => Err(FindError::NotFound),
            1 => Ok(hits[0]),
            n => Err(FindError::Ambiguous(n)),
        }
    }

    /// The workout that has started and not stopped, if any (the latest).
    pub fn running_workout(&self) -> Option<&Entry> {
        self.entries
            .iter()
            .rev()
            .find(|e| matches!(&e.body, Body::Workout(w) if w.end.is_none()))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FindError {
    TooShort,
    NotFound,
    Ambiguous(usize),
}

#[cfg(test)]
mod tests;
