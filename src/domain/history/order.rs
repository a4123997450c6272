//! Entries into time order. The fold builds them in id order, which is
//! nearly time order: the order is found on small keys, sorting only those
//! out of place, and the entries are then put in it by swaps, with no second
//! copy of them.

use super::Entry;

/// Time order; equal times keep id order (the order they are in now), given
/// each entry's [`time_key`]. Small keys side by side sort far faster than
/// entries (or indices into them) would.
pub(super) fn sort_by_time(entries: &mut [Entry], keys: Vec<u128>) {
    if !keys.is_sorted() {
        apply_permutation(entries, &nearly_sorted_order(keys));
    }
}

/// A time (seconds and nanoseconds) and a position as one number, ordered
/// as the three would be: one compare where a tuple took three.
pub(super) fn time_key(secs: i64, nanos: u32, i: u32) -> u128 {
    // The flipped sign bit puts times before 1970 first. Nanoseconds (under
    // 2e9 even in a leap second) fit in 32 bits.
    let secs = (secs as u64 ^ (1 << 63)) as u128;
    (secs << 64) | ((nanos as u128) << 32) | i as u128
}

/// The positions (the low 32 bits) of [`time_key`]s in key order. Entries in
/// id order are nearly in time order (ids are minted when an entry is
/// logged, and most are logged as they happen): the keys that keep up with
/// the largest so far are already in order, and only the rest (the
/// backdated, a seventh of ten years' demo) need a sort before one merge.
pub(super) fn nearly_sorted_order(mut keys: Vec<u128>) -> Vec<u32> {
    // Those in order are moved to the front of `keys` itself (no second
    // list of them: each fresh page costs a fault).
    let mut behind = Vec::new();
    let mut kept = 0;
    for i in 0..keys.len() {
        let k = keys[i];
        if kept > 0 && k < keys[kept - 1] {
            behind.push(k);
        } else {
            keys[kept] = k;
            kept += 1;
        }
    }
    keys.truncate(kept);
    behind.sort_unstable();
    let mut out = Vec::with_capacity(kept + behind.len());
    let mut behind = behind.into_iter().peekable();
    for k in keys {
        while let Some(b) = behind.next_if(|b| *b < k) {
            out.push(b as u32);
        }
        out.push(k as u32);
    }
    out.extend(behind.map(|b| b as u32));
    out
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
