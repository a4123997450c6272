//! Event ids: time-sortable ULIDs, minted only here.

use crate::domain::entry::Time;

/// A ULID at `now` that sorts after `last`, so that events written later
/// always fold later, even if the clock was set back. When it must step past
/// `last`, it steps by a random amount: two processes that read the same
/// journal at once (or in the same millisecond) must not make the same id.
pub fn new_id(now: &Time, last: Option<&str>) -> String {
    let ms = now.timestamp_millis().max(0) as u64;
    let id = ulid::Ulid::from_parts(ms, rand::random::<u128>());
    match last.and_then(|l| ulid::Ulid::from_string(l).ok()) {
        Some(last) if id <= last => {
            let step = 1 + u128::from(rand::random::<u64>());
            last.0.checked_add(step).map_or(id, ulid::Ulid).to_string()
        }
        _ => id.to_string(),
    }
}
