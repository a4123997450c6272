//! `u` and `r` in the TUI: the journal's undo and redo, and a flash that
//! says what the user gets back (the value restored, not the one undone).

use super::app::{App, Change, Effect, Zone};
use crate::domain::entry::VolumeUnit;
use crate::domain::history::{Action, Op};

/// What the flash says before the journal is read again. An undone edit
/// names the value restored only after the reload (`App::say_restored`).
pub fn message<Tz: chrono::TimeZone>(a: &Action, undo: bool, unit: VolumeUnit, tz: &Tz) -> String {
    let what = a
        .body
        .as_ref()
        .map_or_else(|| a.entry_id.clone(), |b| b.describe(unit, tz));
    match (undo, a.op) {
        (true, Op::Add) => format!("undone: {what} taken out · r redoes"),
        (true, Op::Delete) => format!("undone: delete · back: {what} · r redoes"),
        (true, Op::Amend) => "undone: edit · restoring the value before it".into(),
        (false, Op::Add) => format!("redone: {what} is back"),
        (false, Op::Delete) => format!("redone: delete of {what}"),
        (false, Op::Amend) => format!("redone: edit · now {what}"),
        (_, _) => format!("{}: {what}", if undo { "undone" } else { "redone" }),
    }
}

impl<Z: Zone> App<Z> {
    pub(super) fn undo_redo(&mut self, undo: bool) -> Vec<Effect> {
        let next = if undo {
            self.history.next_undo()
        } else {
            self.history.next_redo()
        };
        let Some(a) = next.cloned() else {
            self.say(
                if undo {
                    "nothing to undo"
                } else {
                    "nothing to redo"
                },
                false,
            );
            return Vec::new();
        };
        self.say(
            message(&a, undo, self.settings.units, &self.now.timezone()),
            false,
        );
        self.restoring = (undo && a.op == Op::Amend).then(|| a.entry_id.clone());
        let event_id = a.event_id;
        vec![Effect::Write(if undo {
            Change::Undo { event_id }
        } else {
            Change::Redo { event_id }
        })]
    }

    /// After an undone edit is read back: the flash names what it restored.
    pub(super) fn say_restored(&mut self) {
        let Some(id) = self.restoring.take() else {
            return;
        };
        if let Some(e) = self.history.get(&id) {
            let back = self.describe(&e.body);
            self.say(format!("undone: edit · back to {back} · r redoes"), false);
        }
    }
}
