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
    // event stands and is this device's: nothing below would change, so
    // neither the loop nor its order list (40k numbers for ten years) is
    // needed.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn drink(id: &str, ml: u32) -> Event {
        let line = format!(
            r#"{{"v":1,"id":"{id}","op":"add","at":"2026-11-10T14:30:00-05:00","logged":"2026-11-10T14:31:02-05:00","entry":{{"type":"drink","ml":{ml}}}}}"#
        );
        super::super::load::parse_event(line.as_bytes())
            .ok()
            .expect("a good line")
    }

    /// One device's load, given in `events` order from one file's lines.
    fn union_of(events: Vec<Event>) -> (Vec<(String, u32)>, Vec<bool>, Vec<Problem>) {
        let origin: Vec<Origin> = (1..=events.len() as u32).map(|l| (0, l)).collect();
        let mut problems = Vec::new();
        let files = [PathBuf::from("laptop/2026-11.jsonl")];
        let (events, own) = union(events, &origin, &files, &[true], None, &mut problems);
        let ml = |e: &Event| match &e.entry {
            Some(crate::domain::entry::Body::Drink(d)) => d.ml,
            _ => 0,
        };
        let kept = events.iter().map(|e| (e.id.clone(), ml(e))).collect();
        (kept, own, problems)
    }

    /// A load in order with no id twice (taken as it is) and one that
    /// needs the whole union give what the union always gave.
    #[test]
    fn a_load_in_order_is_taken_as_it_is_and_others_are_sorted_and_checked() {
        let ids = |v: &[(String, u32)]| {
            v.iter()
                .map(|(id, ml)| format!("{id}:{ml}"))
                .collect::<Vec<_>>()
        };
        let (kept, own, problems) = union_of(vec![drink("01A", 250), drink("01B", 300)]);
        assert_eq!(ids(&kept), ["01A:250", "01B:300"]);
        assert_eq!((own, problems), (vec![true, true], vec![]));

        let (kept, own, _) = union_of(vec![drink("01B", 300), drink("01A", 250)]);
        assert_eq!(ids(&kept), ["01A:250", "01B:300"]);
        assert_eq!(own, vec![true, true]);

        let (kept, own, problems) = union_of(vec![
            drink("01A", 250),
            drink("01B", 300),
            drink("01B", 400),
        ]);
        assert_eq!(ids(&kept), ["01A:250", "01B:300"], "the first line stands");
        assert_eq!(own, vec![true, true]);
        assert!(
            matches!(&problems[..], [Problem::DuplicateId { line: 3, id, .. }] if id == "01B"),
            "{problems:?}"
        );
    }
}
