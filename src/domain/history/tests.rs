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

proptest::proptest! {
    /// The order found by keeping what is already in order and merging in
    /// the rest is the order a full sort gives, however the keys come.
    #[test]
    fn nearly_sorted_keys_come_out_as_a_full_sort_gives(
        mut times in proptest::collection::vec(0i64..50, 0..200),
        backdated in proptest::collection::vec((0usize..200, -30i64..0), 0..20),
    ) {
        // Mostly rising, as entries in id order are, with some backdated.
        times.sort_unstable();
        for (at, by) in backdated {
            if let Some(t) = times.get_mut(at) {
                *t += by;
            }
        }
        // Times before 1970, and equal times, are among them.
        let at = |t: i64| (t - 25, (t.rem_euclid(3) * 500_000_000) as u32);
        let keys: Vec<u128> = times
            .iter()
            .enumerate()
            .map(|(i, t)| order::time_key(at(*t).0, at(*t).1, i as u32))
            .collect();
        let mut by_tuple: Vec<(i64, u32, u32)> = times
            .iter()
            .enumerate()
            .map(|(i, t)| (at(*t).0, at(*t).1, i as u32))
            .collect();
        by_tuple.sort_unstable();
        let expected: Vec<u32> = by_tuple.into_iter().map(|(_, _, i)| i).collect();
        proptest::prop_assert_eq!(order::nearly_sorted_order(keys), expected);
    }
}

/// Entries come out in time order, equal times in id order, whatever order
/// they were logged in.
#[test]
fn entries_are_in_time_order_then_id_order() {
    let at = |id: &str, s: &str| {
        let mut e = ev(id, Op::Add, None, Some(drink(100)));
        e.at = t(s);
        e
    };
    let h = History::fold(&[
        at("A1", "2026-11-28T10:00:00-05:00"),
        at("A2", "2026-11-28T09:00:00-05:00"),
        at("A3", "2026-11-28T11:00:00-05:00"),
        at("A4", "2026-11-28T10:00:00-05:00"),
        at("A5", "2026-11-28T08:00:00-05:00"),
        at("A6", "2026-11-28T12:00:00-05:00"),
    ]);
    let ids: Vec<&str> = h.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["A5", "A2", "A1", "A4", "A3", "A6"]);
}

proptest::proptest! {
    /// Looking near an index finds what a search of the whole finds, for
    /// every id there and some that are not, from anywhere.
    #[test]
    fn a_search_from_near_finds_what_a_whole_search_does(
        n in 0usize..70,
        near in 0usize..80,
        wanted in 0usize..150,
    ) {
        // Ids 00, 02, 04, ...: the odd ones are not there.
        let events: Vec<Event> = (0..n)
            .map(|i| ev(&format!("{:03}", 2 * i), Op::Add, None, Some(drink(100))))
            .collect();
        let id = format!("{wanted:03}");
        let whole = events.binary_search_by(|e| e.id.as_str().cmp(&id)).ok();
        proptest::prop_assert_eq!(fold::find_near(&events, &id, near), whole);
    }
}
