//! The fold itself, in steps: which actions are in force once undo and redo
//! are applied, which events each entry is made of, then the entries, built
//! once by moving the contents out of the events, in time order.

use super::order::{sort_by_time, time_key};
use super::{Action, Entry, Event, Op};
use crate::domain::entry::{Body, Time};
use std::collections::{HashMap, HashSet};

/// The index of the event with this id, in events sorted by id.
fn find(events: &[Event], id: &str) -> Option<usize> {
    events.binary_search_by(|e| e.id.as_str().cmp(id)).ok()
}

/// [`find`], looking first just before index `near`: a change names an
/// event logged shortly before its own (in ten years' demo, at most 16
/// events back, most often the one just before), so a window doubled back
/// from there takes two or three compares where the whole took sixteen.
pub(super) fn find_near(events: &[Event], id: &str, near: usize) -> Option<usize> {
    let near = near.min(events.len());
    let mut width = 1;
    let lo = loop {
        let lo = near.saturating_sub(width);
        if lo == 0 || events[lo].id.as_str() <= id {
            break lo;
        }
        width *= 2;
    };
    match events[lo..near].binary_search_by(|e| e.id.as_str().cmp(id)) {
        Ok(i) => Some(lo + i),
        // Not before `near` (a clock set back, or not loaded): anywhere.
        Err(_) => find(events, id),
    }
}

/// Pass 1: which action events are in force once undo/redo are applied.
pub(super) struct InForce {
    /// Action events reverted by an undo (and not redone).
    pub(super) inactive: Vec<bool>,
    pub(super) undo_stack: Vec<usize>,
    pub(super) redo_stack: Vec<usize>,
    /// Where each amend and delete points: the index of its add, when loaded.
    pub(super) target_of: Vec<Option<u32>>,
}

impl InForce {
    pub(super) fn of(events: &[Event], is_mine: impl Fn(usize) -> bool) -> InForce {
        let n = events.len();
        let mut f = InForce {
            inactive: vec![false; n],
            undo_stack: Vec::new(),
            redo_stack: Vec::new(),
            target_of: Vec::with_capacity(n),
        };
        for (i, e) in events.iter().enumerate() {
            f.target_of.push(match e.op {
                Op::Amend | Op::Delete => e
                    .target
                    .as_deref()
                    .and_then(|t| find_near(events, t, i))
                    .map(|t| t as u32),
                _ => None,
            });
            match e.op {
                Op::Add | Op::Amend | Op::Delete => {
                    if is_mine(i) {
                        f.undo_stack.push(i);
                        f.redo_stack.clear();
                    }
                }
                Op::Undo | Op::Redo => {
                    let Some(t) = e.target.as_deref().and_then(|t| find_near(events, t, i)) else {
                        continue;
                    };
                    if matches!(events[t].op, Op::Add | Op::Amend | Op::Delete) {
                        f.revert_or_reapply(e.op, t);
                    }
                }
            }
        }
        f
    }

    fn revert_or_reapply(&mut self, op: Op, t: usize) {
        if op == Op::Undo {
            if !self.inactive[t] {
                self.inactive[t] = true;
                if let Some(pos) = self.undo_stack.iter().rposition(|x| *x == t) {
                    self.undo_stack.remove(pos);
                }
                self.redo_stack.push(t);
            }
        } else if self.inactive[t] {
            self.inactive[t] = false;
            self.redo_stack.retain(|x| *x != t);
            self.undo_stack.push(t);
        }
    }

    /// What undoing (or redoing) the action event `i` would do.
    pub(super) fn describe(&self, events: &[Event], i: usize) -> Option<Action> {
        let e = &events[i];
        let entry_id = match e.op {
            Op::Add => e.id.clone(),
            _ => e.target.clone()?,
        };
        let body = match e.op {
            Op::Delete => latest_body(events, &entry_id, i, &self.inactive),
            _ => e.entry.clone(),
        };
        Some(Action {
            event_id: e.id.clone(),
            op: e.op,
            entry_id,
            body,
            at: e.at,
        })
    }
}

/// An entry during the fold: which events its id, contents and times come from.
pub(super) struct Slot {
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

/// Pass 2: applies the actions in force, in id order. Each entry is first a
/// small slot naming the events it is made of; the contents move out of the
/// events only once the final order is known, so years of entries are built
/// once, with no copy in between.
struct Slots<'e> {
    events: &'e [Event],
    target_of: &'e [Option<u32>],
    slots: Vec<Slot>,
    slot_of: Vec<Option<u32>>,
    deleted: Vec<bool>,
    // Amends and deletes whose add was not loaded (a partial read).
    orphan_slot: HashMap<&'e str, u32>,
    orphan_deleted: HashSet<&'e str>,
}

pub(super) fn slots(events: &[Event], f: &InForce) -> Vec<Slot> {
    let n = events.len();
    let mut touched = vec![false; n];
    for t in f.target_of.iter().flatten() {
        touched[*t as usize] = true;
    }
    let mut s = Slots {
        events,
        target_of: &f.target_of,
        slots: Vec::with_capacity(n),
        slot_of: vec![None; n],
        deleted: vec![false; n],
        orphan_slot: HashMap::new(),
        orphan_deleted: HashSet::new(),
    };
    for i in 0..n {
        if f.inactive[i] {
            continue;
        }
        match events[i].op {
            Op::Add => s.add(i, touched[i]),
            Op::Amend => s.amend(i),
            Op::Delete => s.delete(i),
            Op::Undo | Op::Redo => {}
        }
    }
    s.slots
}

impl<'e> Slots<'e> {
    fn add(&mut self, i: usize, touched: bool) {
        let idx = i as u32;
        if self.events[i].entry.is_none() || self.deleted[i] {
            return;
        }
        if let Some(s) = self.slot_of[i] {
            // An amend was read first (clock skew between devices).
            let s = &mut self.slots[s as usize];
            if s.alive {
                s.logged_from = idx;
            }
            return;
        }
        if touched {
            self.slot_of[i] = Some(self.slots.len() as u32);
        }
        self.slots.push(Slot::new(idx));
    }

    fn amend(&mut self, i: usize) {
        let e = &self.events[i];
        let idx = i as u32;
        let (Some(t), Some(_)) = (e.target.as_deref(), e.entry.as_ref()) else {
            return;
        };
        let existing = match self.target_of[i].map(|t| t as usize) {
            Some(ti) if self.deleted[ti] => return,
            Some(ti) => self.slot_of[ti],
            None if self.orphan_deleted.contains(t) => return,
            None => self.orphan_slot.get(t).copied(),
        };
        match existing.map(|s| &mut self.slots[s as usize]) {
            Some(s) if s.alive => {
                s.body_from = idx;
                s.amended_from = Some(idx);
            }
            _ => {
                // An amend carries the whole entry, so it stands
                // even when its add was not loaded (or comes later).
                let s = self.slots.len() as u32;
                match self.target_of[i].map(|t| t as usize) {
                    Some(ti) => self.slot_of[ti] = Some(s),
                    None => {
                        self.orphan_slot.insert(t, s);
                    }
                }
                let mut slot = Slot::new(idx);
                slot.amended_from = Some(idx);
                self.slots.push(slot);
            }
        }
    }

    fn delete(&mut self, i: usize) {
        let Some(t) = self.events[i].target.as_deref() else {
            return;
        };
        match self.target_of[i].map(|t| t as usize) {
            Some(ti) => {
                if let Some(s) = self.slot_of[ti] {
                    self.slots[s as usize].alive = false;
                }
                self.deleted[ti] = true;
            }
            None => {
                if let Some(s) = self.orphan_slot.remove(t) {
                    self.slots[s as usize].alive = false;
                }
                self.orphan_deleted.insert(t);
            }
        }
    }
}

/// Each entry is carried by the event that made its slot (its add, or the
/// amend that stands for it): the carrier takes the final time, body and
/// first logging; then the events vector turns into the entries vector in
/// place (Rust reuses the allocation for a collect of smaller items), so
/// years of entries need no fresh memory.
pub(super) fn entries(mut events: Vec<Event>, slots: Vec<Slot>) -> Vec<Entry> {
    let mut keep = vec![false; events.len()];
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
    let mut keys: Vec<u128> = Vec::with_capacity(events.len());
    let mut entries: Vec<Entry> = events
        .into_iter()
        .enumerate()
        .filter_map(|(i, e)| {
            if !keep[i] {
                return None;
            }
            let amended = amended.next_if(|(c, _)| *c == i).map(|(_, t)| t);
            let Event {
                id,
                op,
                at,
                logged,
                target,
                entry,
                extra,
                ..
            } = e;
            // An empty map owns no memory: skipping its drop (a call for
            // each of years of events) leaks nothing.
            if extra.is_empty() {
                std::mem::forget(extra);
            }
            let id = match op {
                Op::Amend => target?,
                _ => id,
            };
            let body = entry?;
            // Read here, while the event is at hand, not in a second pass
            // over years of entries.
            let (secs, nanos) = (at.timestamp(), at.timestamp_subsec_nanos());
            keys.push(time_key(secs, nanos, keys.len() as u32));
            Some(Entry {
                id,
                at,
                logged,
                amended,
                body,
            })
        })
        .collect();
    sort_by_time(&mut entries, keys);
    entries
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
