//! Everyday use: the History selection across reloads, Esc and q, forms
//! pre-filled from a plan, weights edited, undo that says what came back.

use super::tests::{add, app_with, now, water};
use super::*;
use crate::domain::history::Event;
use chrono_tz::Tz;

fn send(app: &mut App<Tz>, a: Action) -> Vec<Effect> {
    app.update(a, now())
}

fn h(app: &mut App<Tz>, ha: HistoryAction) -> Vec<Effect> {
    send(app, Action::History(ha))
}

fn load(app: &mut App<Tz>, journal: &[Event]) {
    send(
        app,
        Action::Loaded {
            history: Box::new(History::fold(journal)),
            problems: vec![],
        },
    );
}

fn selected_id(app: &App<Tz>) -> String {
    let entries = app.week_entries();
    app.week.selected_entry(&entries).unwrap().id.clone()
}

#[test]
fn an_earlier_entry_from_another_terminal_does_not_move_the_selection() {
    let mut journal = vec![
        add("00MON", "2026-11-23T09:00:00-05:00", water(500)),
        add("00WED", "2026-11-25T20:00:00-05:00", water(250)),
        add("00SAT", "2026-11-28T08:00:00-05:00", water(300)),
    ];
    let mut app = app_with(&journal);
    send(&mut app, Action::Show(Screen::History));
    h(&mut app, HistoryAction::Down);
    assert_eq!(selected_id(&app), "00WED");
    // Another terminal logs a drink on Tuesday: it lands above the selection.
    journal.push(add("00TUE", "2026-11-24T10:00:00-05:00", water(200)));
    load(&mut app, &journal);
    assert_eq!(
        selected_id(&app),
        "00WED",
        "the highlight stays on Wednesday"
    );
    let effects = h(&mut app, HistoryAction::Delete);
    let [Effect::Write(Change::Delete { target, .. })] = effects.as_slice() else {
        panic!("expected one delete, got {effects:?}");
    };
    assert_eq!(target, "00WED", "x deletes the entry the user selected");
}

#[test]
fn a_deleted_selection_moves_to_the_row_in_its_place() {
    let journal = vec![
        add("00MON", "2026-11-23T09:00:00-05:00", water(500)),
        add("00WED", "2026-11-25T20:00:00-05:00", water(250)),
        add("00SAT", "2026-11-28T08:00:00-05:00", water(300)),
    ];
    let mut app = app_with(&journal);
    send(&mut app, Action::Show(Screen::History));
    h(&mut app, HistoryAction::Down);
    let fewer = [journal[0].clone(), journal[2].clone()];
    load(&mut app, &fewer);
    assert_eq!(selected_id(&app), "00SAT");
}
