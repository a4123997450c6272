//! The union of every device's lines, by id, with this device's own lines
//! winning for its own ids.
//!
//! A synced folder is untrusted: another device's folder (or a folder
//! someone dropped in) may hold a copy of this device's lines with values
//! changed, or ids made to sort after everything this device writes. So a
//! peer line that reuses an id this device wrote is set aside (and named),
//! and so is a peer id from more than a day ahead of this device's clock.

use super::Problem;
use crate::domain::check;
use crate::domain::entry::Time;
use crate::domain::history::{Event, apply_permutation};
use std::path::PathBuf;

/// Where each event came from: (file index, line).
pub(super) type Origin = (u32, u32);

/// Sorts `events` by id, keeps one event per id (this device's first, else
/// the first file's), and says for each kept event whether this device wrote
/// it. `mine[fi]` tells whether `files[fi]` is in this device's folder.
pub(super) fn union(
    mut events: Vec<Event>,
    origin: &[Origin],
    files: &[PathBuf],
    mine: &[bool],
    now: Option<&Time>,
    problems: &mut Vec<Problem>,
) -> (Vec<Event>, Vec<bool>) {
    let rank = |o: Origin| (!mine[o.0 as usize], o);
    let key = |i: usize| (events[i].id.as_str(), rank(origin[i]));
    let (sorted, repeats) = in_order(&events, |i| rank(origin[i]));
    // The common load: one device's files, in order, no id twice. Every
    // event stands and is this device's: nothing below would change (nor
    // is the order list made: a fresh page of memory costs more than the
    // instructions that fill it).
    if sorted && !repeats && origin.iter().all(|o| mine[o.0 as usize]) {
        let own = vec![true; events.len()];
        return (events, own);
    }
    let mut perm: Vec<u32> = (0..events.len() as u32).collect();
    if !sorted {
        perm.sort_unstable_by(|a, b| key(*a as usize).cmp(&key(*b as usize)));
        apply_permutation(&mut events, &perm);
    }
    let mut own = Vec::with_capacity(events.len());
    let mut kept = 0;
    for i in 0..events.len() {
        let (fi, line) = origin[perm[i] as usize];
        // Only a problem needs its file's path (no copy per event).
        let at = || (files[fi as usize].clone(), line as usize);
        let is_mine = mine[fi as usize];
        if kept > 0 && events[kept - 1].id == events[i].id {
            if events[kept - 1] != events[i] {
                let (id, (path, line)) = (events[i].id.clone(), at());
                problems.push(match own[kept - 1] && !is_mine {
                    true => Problem::PeerReusedId { path, line, id },
                    false => Problem::DuplicateId { path, line, id },
                });
            }
            continue;
        }
        if !is_mine && now.is_some_and(|now| check::id_from_the_future(&events[i].id, now)) {
            let (id, (path, line)) = (events[i].id.clone(), at());
            problems.push(Problem::FutureId { path, line, id });
            continue;
        }
        if kept != i {
            events.swap(kept, i);
        }
        own.push(is_mine);
        kept += 1;
    }
    events.truncate(kept);
    (events, own)
}

/// Whether `events` are in (id, rank) order already, and whether an id
/// comes twice among them (only known when they are in order).
fn in_order<R: Ord>(events: &[Event], rank: impl Fn(usize) -> R) -> (bool, bool) {
    let mut repeats = false;
    for i in 1..events.len() {
        match events[i - 1].id.cmp(&events[i].id) {
            std::cmp::Ordering::Less => {}
            std::cmp::Ordering::Equal if rank(i - 1) <= rank(i) => repeats = true,
            _ => return (false, true),
        }
    }
    (true, repeats)
}
