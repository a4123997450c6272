//! Journal events folded into entries: amendments, deletes, undo and redo applied.
//!
//! Nothing is ever rewritten: an edit is an `amend` event naming the entry it
//! replaces, a delete is a `delete` tombstone, and undo/redo are events that
//! name the event they revert. [`History::fold`] turns any set of events, in
//! any order, into the same state: events are taken in id order (ids are
//! time-sortable ULIDs) and each undo or redo names its target explicitly.

use super::entry::{Body, EntryKind, Time};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

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
    #[serde(deserialize_with = "super::timefmt::de")]
    pub at: Time,
    /// When it was written.
    #[serde(deserialize_with = "super::timefmt::de")]
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
        super::check::id(&self.id).map_err(invalid)?;
        super::check::time(&self.logged, "logged").map_err(invalid)?;
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
            super::check::id(target).map_err(invalid)?;
        }
        match &self.entry {
            Some(body) => super::check::entry(body, &self.at).map_err(invalid),
            None => super::check::time(&self.at, "the time").map_err(invalid),
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

/// An entry during the fold: which events its id, contents and times come from.
struct Slot {
    /// The event that carries it: its add, or an amend that stands for it
    /// (whose target is then its id).
    carrier: u32,
    /// The event whose time and body stand: the add, or the last amend in force.
    body_from: u32,
    /// The event whose `logged` is the entry's first logging.
    logged_from: u32,
    amended_from: Option<u32>,
    alive: bool,
}

impl Slot {
    fn new(from: u32) -> Slot {
        Slot {
            carrier: from,
            body_from: from,
            logged_from: from,
            amended_from: None,
            alive: true,
        }
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
        let is_mine = |i: usize| mine.get(i).copied().unwrap_or(true);
        let n = events.len();
        let find =
            |events: &[Event], id: &str| events.binary_search_by(|e| e.id.as_str().cmp(id)).ok();

        // Pass 1: which action events are in force once undo/redo are applied.
        let mut inactive = vec![false; n];
        let mut undo_stack: Vec<usize> = Vec::new();
        let mut redo_stack: Vec<usize> = Vec::new();
        // Where each amend and delete points: the index of its add, when loaded.
        let mut target_of: Vec<Option<u32>> = Vec::with_capacity(n);
        for (i, e) in events.iter().enumerate() {
            target_of.push(match e.op {
                Op::Amend | Op::Delete => e
                    .target
                    .as_deref()
                    .and_then(|t| find(&events, t))
                    .map(|t| t as u32),
                _ => None,
            });
            match e.op {
                Op::Add | Op::Amend | Op::Delete => {
                    if is_mine(i) {
                        undo_stack.push(i);
                        redo_stack.clear();
                    }
                }
                Op::Undo | Op::Redo => {
                    let Some(t) = e.target.as_deref().and_then(|t| find(&events, t)) else {
                        continue;
                    };
                    if !matches!(events[t].op, Op::Add | Op::Amend | Op::Delete) {
                        continue;
                    }
                    if e.op == Op::Undo {
                        if !inactive[t] {
                            inactive[t] = true;
                            if let Some(pos) = undo_stack.iter().rposition(|x| *x == t) {
                                undo_stack.remove(pos);
                            }
                            redo_stack.push(t);
                        }
                    } else if inactive[t] {
                        inactive[t] = false;
                        redo_stack.retain(|x| *x != t);
                        undo_stack.push(t);
                    }
                }
            }
        }

        // What undo and redo would do next, read before the events are taken apart.
        let describe = |i: usize| -> Option<Action> {
            let e = &events[i];
            let entry_id = match e.op {
                Op::Add => e.id.clone(),
                _ => e.target.clone()?,
            };
            let body = match e.op {
                Op::Delete => latest_body(&events, &entry_id, i, &inactive),
                _ => e.entry.clone(),
            };
            Some(Action {
                event_id: e.id.clone(),
                op: e.op,
                entry_id,
                body,
                at: e.at,
            })
        };
        let undo_top = undo_stack.last().and_then(|i| describe(*i));
        let redo_top = redo_stack.last().and_then(|i| describe(*i));
        let last_event_id = events.last().map(|e| e.id.clone());

        let mut touched = vec![false; n];
        for t in target_of.iter().flatten() {
            touched[*t as usize] = true;
        }

        // Pass 2: apply the actions in force, in id order. Each entry is
        // first a small slot naming the events it is made of; the contents
        // move out of the events only once the final order is known, so
        // years of entries are built once, with no copy in between.
        let mut slots: Vec<Slot> = Vec::with_capacity(n);
        let mut slot_of: Vec<Option<u32>> = vec![None; n];
        let mut deleted = vec![false; n];
        // Amends and deletes whose add was not loaded (a partial read).
        let mut orphan_slot: HashMap<&str, u32> = HashMap::new();
        let mut orphan_deleted: HashSet<&str> = HashSet::new();
        for i in 0..n {
            if inactive[i] {
                continue;
            }
            let e = &events[i];
            let idx = i as u32;
            match e.op {
                Op::Add => {
                    if e.entry.is_none() || deleted[i] {
                        continue;
                    }
                    if let Some(s) = slot_of[i] {
                        // An amend was read first (clock skew between devices).
                        let s = &mut slots[s as usize];
                        if s.alive {
                            s.logged_from = idx;
                        }
                        continue;
                    }
                    if touched[i] {
                        slot_of[i] = Some(slots.len() as u32);
                    }
                    slots.push(Slot::new(idx));
                }
                Op::Amend => {
                    let (Some(t), Some(_)) = (e.target.as_deref(), e.entry.as_ref()) else {
                        continue;
                    };
                    let existing = match target_of[i].map(|t| t as usize) {
                        Some(ti) if deleted[ti] => continue,
                        Some(ti) => slot_of[ti],
                        None if orphan_deleted.contains(t) => continue,
                        None => orphan_slot.get(t).copied(),
                    };
                    match existing.map(|s| &mut slots[s as usize]) {
                        Some(s) if s.alive => {
                            s.body_from = idx;
                            s.amended_from = Some(idx);
                        }
                        _ => {
                            // An amend carries the whole entry, so it stands
                            // even when its add was not loaded (or comes later).
                            let s = slots.len() as u32;
                            match target_of[i].map(|t| t as usize) {
                                Some(ti) => slot_of[ti] = Some(s),
                                None => {
                                    orphan_slot.insert(t, s);
                                }
                            }
                            let mut slot = Slot::new(idx);
                            slot.amended_from = Some(idx);
                            slots.push(slot);
                        }
                    }
                }
                Op::Delete => {
                    let Some(t) = e.target.as_deref() else {
                        continue;
                    };
                    match target_of[i].map(|t| t as usize) {
                        Some(ti) => {
                            if let Some(s) = slot_of[ti] {
                                slots[s as usize].alive = false;
                            }
                            deleted[ti] = true;
                        }
                        None => {
                            if let Some(s) = orphan_slot.remove(t) {
                                slots[s as usize].alive = false;
                            }
                            orphan_deleted.insert(t);
                        }
                    }
                }
                Op::Undo | Op::Redo => {}
            }
        }
        drop((slot_of, deleted, orphan_slot, orphan_deleted));

        // Each entry is carried by the event that made its slot (its add, or
        // the amend that stands for it): the carrier takes the final time,
        // body and first logging; then the events vector turns into the
        // entries vector in place (Rust reuses the allocation for a collect
        // of smaller items), so years of entries need no fresh memory.
        let mut keep = vec![false; n];
        let mut amended: Vec<(usize, Time)> = Vec::new();
        for s in slots.iter().filter(|s| s.alive) {
            let (c, from) = (s.carrier as usize, s.body_from as usize);
            keep[c] = true;
            if from != c {
                events[c].entry = events[from].entry.take();
                events[c].at = events[from].at;
            }
            // The amend's time is read before the carrier (which may be
            // that amend) takes the entry's first logging.
            if let Some(a) = s.amended_from {
                amended.push((c, events[a as usize].logged));
            }
            events[c].logged = events[s.logged_from as usize].logged;
        }
        drop(slots);
        // Slots are made in carrier order, so `amended` is in that order too.
        let mut amended = amended.into_iter().peekable();
        let mut entries: Vec<Entry> = events
            .into_iter()
            .enumerate()
            .filter_map(|(i, e)| {
                if !keep[i] {
                    return None;
                }
                let amended = amended.next_if(|(c, _)| *c == i).map(|(_, t)| t);
                let id = match e.op {
                    Op::Amend => e.target?,
                    _ => e.id,
                };
                Some(Entry {
                    id,
                    at: e.at,
                    logged: e.logged,
                    amended,
                    body: e.entry?,
                })
            })
            .collect();

        // Time order; equal times keep id order (the order they are in now).
        // Small keys side by side sort far faster than entries (or indices
        // into them) would.
        let mut keys: Vec<(i64, u32, u32)> = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.at.timestamp(), e.at.timestamp_subsec_nanos(), i as u32))
            .collect();
        if !keys.is_sorted() {
            keys.sort_unstable();
            let perm: Vec<u32> = keys.into_iter().map(|(_, _, i)| i).collect();
            apply_permutation(&mut entries, &perm);
        }
        History {
            entries,
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

/// Puts `v` in the order `perm` gives (`v[i]` becomes the old `v[perm[i]]`)
/// by swaps, without a second copy of `v`.
pub fn apply_permutation<T>(v: &mut [T], perm: &[u32]) {
    let mut done = vec![false; v.len()];
    for start in 0..v.len() {
        if done[start] {
            continue;
        }
        let mut cur = start;
        loop {
            done[cur] = true;
            let next = perm[cur] as usize;
            if next == start {
                break;
            }
            v.swap(cur, next);
            cur = next;
        }
    }
}

/// The body an entry had just before event `before` (an index), among the
/// events in force.
fn latest_body(events: &[Event], entry_id: &str, before: usize, inactive: &[bool]) -> Option<Body> {
    let mut body = None;
    for (i, e) in events[..before].iter().enumerate() {
        if inactive[i] {
            continue;
        }
        let touches = match e.op {
            Op::Add => e.id == entry_id,
            Op::Amend => e.target.as_deref() == Some(entry_id),
            _ => false,
        };
        if touches {
            body = e.entry.clone();
        }
    }
    body
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FindError {
    TooShort,
    NotFound,
    Ambiguous(usize),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::entry::{Drink, DrinkKind};
    use chrono::DateTime;

    fn t(s: &str) -> Time {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    fn drink(ml: u32) -> Body {
        Body::Drink(Drink {
            ml,
            kind: DrinkKind::Water,
            sodium_mg: None,
            note: None,
        })
    }

    fn ev(id: &str, op: Op, target: Option<&str>, entry: Option<Body>) -> Event {
        Event {
            v: SCHEMA_VERSION,
            id: id.into(),
            op,
            at: t("2026-11-28T10:00:00-05:00"),
            logged: t("2026-11-28T10:00:00-05:00"),
            target: target.map(Into::into),
            entry,
            extra: Default::default(),
        }
    }

    fn ml_of(h: &History, id: &str) -> Option<u32> {
        match &h.get(id)?.body {
            Body::Drink(d) => Some(d.ml),
            _ => None,
        }
    }

    #[test]
    fn permutations_apply_in_place() {
        let mut v = vec!['a', 'b', 'c', 'd', 'e'];
        apply_permutation(&mut v, &[3, 0, 4, 1, 2]);
        assert_eq!(v, vec!['d', 'a', 'e', 'b', 'c']);
    }

    #[test]
    fn an_amend_replaces_the_entry_and_keeps_its_id() {
        let h = History::fold(&[
            ev("A1", Op::Add, None, Some(drink(250))),
            ev("A2", Op::Amend, Some("A1"), Some(drink(300))),
        ]);
        assert_eq!(h.entries.len(), 1);
        assert_eq!(ml_of(&h, "A1"), Some(300));
    }

    #[test]
    fn pushing_a_new_add_gives_what_folding_it_in_gives() {
        let at = |s: &str, mut e: Event| {
            e.at = t(s);
            e
        };
        let before = vec![
            at(
                "2026-11-28T09:00:00-05:00",
                ev("C1", Op::Add, None, Some(drink(100))),
            ),
            at(
                "2026-11-28T10:00:00-05:00",
                ev("C2", Op::Add, None, Some(drink(200))),
            ),
            at(
                "2026-11-28T11:00:00-05:00",
                ev("C3", Op::Add, None, Some(drink(300))),
            ),
            ev("C4", Op::Amend, Some("C1"), Some(drink(150))),
            ev("C5", Op::Delete, Some("C3"), None),
            // Undone: redo would reapply it, until something new is written.
            ev("C6", Op::Undo, Some("C5"), None),
        ];
        // Later than all, back-dated between two, at the same time as one.
        for when in [
            "2026-11-28T12:00:00-05:00",
            "2026-11-28T09:30:00-05:00",
            "2026-11-28T10:00:00-05:00",
        ] {
            let add = at(when, ev("C7", Op::Add, None, Some(drink(400))));
            let mut pushed = History::fold(&before);
            assert!(pushed.next_redo().is_some());
            assert!(pushed.push_add(add.clone()));
            let mut all = before.clone();
            all.push(add);
            assert_eq!(pushed, History::fold(&all), "at {when}");
        }
        // Not a new add: nothing is taken in, the caller reads again.
        let mut h = History::fold(&before);
        assert!(
            !h.push_add(ev("C0", Op::Add, None, Some(drink(1)))),
            "an older id"
        );
        assert!(
            !h.push_add(ev("C8", Op::Delete, Some("C2"), None)),
            "not an add"
        );
        assert_eq!(h, History::fold(&before));
    }

    #[test]
    fn an_amend_read_before_its_add_keeps_both_times() {
        // Another device's clock ran behind: its amend sorts before the add.
        let mut add = ev("B2", Op::Add, None, Some(drink(250)));
        add.logged = t("2026-11-28T10:05:00-05:00");
        let mut amend = ev("B1", Op::Amend, Some("B2"), Some(drink(300)));
        amend.logged = t("2026-11-28T10:09:00-05:00");
        let h = History::fold(&[add, amend]);
        assert_eq!(h.entries.len(), 1);
        let e = &h.entries[0];
        assert_eq!((e.id.as_str(), ml_of(&h, "B2")), ("B2", Some(300)));
        assert_eq!(
            e.logged,
            t("2026-11-28T10:05:00-05:00"),
            "first logged: the add"
        );
        assert_eq!(
            e.amended,
            Some(t("2026-11-28T10:09:00-05:00")),
            "changed: the amend"
        );
    }

    #[test]
    fn an_edit_of_an_edited_entry_keeps_the_latest() {
        let h = History::fold(&[
            ev("A1", Op::Add, None, Some(drink(250))),
            ev("A2", Op::Amend, Some("A1"), Some(drink(300))),
            ev("A3", Op::Amend, Some("A1"), Some(drink(350))),
        ]);
        assert_eq!(ml_of(&h, "A1"), Some(350));
        // Undoing the second edit brings back the first.
        let h = History::fold(&[
            ev("A1", Op::Add, None, Some(drink(250))),
            ev("A2", Op::Amend, Some("A1"), Some(drink(300))),
            ev("A3", Op::Amend, Some("A1"), Some(drink(350))),
            ev("A4", Op::Undo, Some("A3"), None),
        ]);
        assert_eq!(ml_of(&h, "A1"), Some(300));
    }

    #[test]
    fn a_delete_removes_and_an_undo_restores() {
        let base = vec![
            ev("A1", Op::Add, None, Some(drink(250))),
            ev("A2", Op::Delete, Some("A1"), None),
        ];
        let h = History::fold(&base);
        assert!(h.entries.is_empty());
        assert_eq!(h.next_undo().unwrap().op, Op::Delete);
        assert_eq!(h.next_undo().unwrap().body, Some(drink(250)));

        let mut with_undo = base.clone();
        with_undo.push(ev("A3", Op::Undo, Some("A2"), None));
        let h = History::fold(&with_undo);
        assert_eq!(ml_of(&h, "A1"), Some(250));
        assert_eq!(h.next_redo().unwrap().event_id, "A2");
        assert_eq!(h.next_undo().unwrap().event_id, "A1");
    }

    #[test]
    fn redo_reapplies_what_undo_reverted_and_a_new_action_clears_redo() {
        let mut evs = vec![
            ev("A1", Op::Add, None, Some(drink(250))),
            ev("A2", Op::Undo, Some("A1"), None),
        ];
        let h = History::fold(&evs);
        assert!(h.entries.is_empty());
        assert_eq!(h.next_redo().unwrap().entry_id, "A1");

        evs.push(ev("A3", Op::Redo, Some("A1"), None));
        let h = History::fold(&evs);
        assert_eq!(ml_of(&h, "A1"), Some(250));
        assert!(h.next_redo().is_none());

        evs.push(ev("A4", Op::Undo, Some("A1"), None));
        evs.push(ev("A5", Op::Add, None, Some(drink(100))));
        let h = History::fold(&evs);
        assert!(h.next_redo().is_none(), "a new action clears redo");
        assert_eq!(h.entries.len(), 1);
        assert_eq!(ml_of(&h, "A5"), Some(100));
    }

    #[test]
    fn undo_twice_reverts_two_actions() {
        let h = History::fold(&[
            ev("A1", Op::Add, None, Some(drink(100))),
            ev("A2", Op::Add, None, Some(drink(200))),
            ev("A3", Op::Undo, Some("A2"), None),
            ev("A4", Op::Undo, Some("A1"), None),
        ]);
        assert!(h.entries.is_empty());
        assert!(h.next_undo().is_none());
        assert_eq!(h.next_redo().unwrap().event_id, "A1");
    }

    #[test]
    fn order_and_duplicates_do_not_matter() {
        let evs = vec![
            ev("A1", Op::Add, None, Some(drink(100))),
            ev("A2", Op::Amend, Some("A1"), Some(drink(150))),
            ev("A3", Op::Add, None, Some(drink(200))),
            ev("A4", Op::Delete, Some("A3"), None),
        ];
        let mut shuffled = evs.clone();
        shuffled.reverse();
        shuffled.extend(evs.iter().cloned());
        assert_eq!(History::fold(&evs), History::fold(&shuffled));
    }

    #[test]
    fn an_amend_after_a_delete_does_not_resurrect() {
        let h = History::fold(&[
            ev("A1", Op::Add, None, Some(drink(100))),
            ev("A2", Op::Delete, Some("A1"), None),
            ev("A3", Op::Amend, Some("A1"), Some(drink(150))),
        ]);
        assert!(h.entries.is_empty());
    }

    #[test]
    fn prefixes_find_entries() {
        let h = History::fold(&[
            ev("01ABCD", Op::Add, None, Some(drink(100))),
            ev("01ABCE", Op::Add, None, Some(drink(100))),
        ]);
        assert_eq!(h.find("01abcd").unwrap().id, "01ABCD");
        assert_eq!(h.find("01ABC"), Err(FindError::Ambiguous(2)));
        assert_eq!(h.find("abce").unwrap().id, "01ABCE");
        assert_eq!(h.find("ZZZZ"), Err(FindError::NotFound));
        assert_eq!(h.find("01"), Err(FindError::TooShort));
    }

    #[test]
    fn newer_schema_is_refused_and_unknown_fields_kept() {
        let line = r#"{"v":2,"id":"X","op":"add","at":"2026-11-28T10:00:00Z","logged":"2026-11-28T10:00:00Z","entry":{"type":"drink","ml":100},"mood":"good"}"#;
        let e: Event = serde_json::from_str(line).unwrap();
        assert_eq!(e.check(), Err(EventProblem::NewerSchema(2)));
        assert_eq!(e.extra.get("mood").unwrap(), "good");
        let back = serde_json::to_string(&e).unwrap();
        assert!(back.contains(r#""mood":"good""#));
    }
}
