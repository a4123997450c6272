//! How the History screen changes: the week shown, its figures, and its
//! keys, whose edits, deletes and undo become journal changes like the CLI's.

use super::{HistoryAction, HistoryData, HistoryRequest};
use crate::domain::change::Change;
use crate::tui::app::{App, Effect, Zone};
use crate::tui::forms::Form;

impl<Z: Zone> App<Z> {
    /// The Monday of the week "now" is in (days start at the day-start hour).
    pub(crate) fn this_monday(&self) -> chrono::NaiveDate {
        let today = crate::domain::day::day_of(
            &self.now.fixed_offset(),
            &self.now.timezone(),
            self.prefs.day_start_hour,
        );
        crate::domain::week::monday_of(today)
    }

    pub(crate) fn compute_week(&mut self) {
        let data = HistoryData::compute(
            &self.now,
            self.week.week,
            &self.history,
            &self.rules,
            &self.prefs,
        );
        let entries = data.entries(&self.history, &self.now.timezone(), &self.prefs);
        self.week.follow(&entries);
        self.week_data = Some(data);
    }

    /// The entries of the week shown, in the table's order.
    pub fn week_entries(&self) -> Vec<&crate::domain::history::Entry> {
        match &self.week_data {
            Some(d) => d.entries(&self.history, &self.now.timezone(), &self.prefs),
            None => Vec::new(),
        }
    }

    /// A History key: the screen's state moves, and edits, deletes and undo
    /// become journal events like the CLI's.
    pub(crate) fn history_key(&mut self, ha: HistoryAction) -> Vec<Effect> {
        if self.week_data.is_none() {
            self.compute_week();
        }
        let entries: Vec<crate::domain::history::Entry> =
            self.week_entries().into_iter().cloned().collect();
        let refs: Vec<&crate::domain::history::Entry> = entries.iter().collect();
        match self.week.update(ha, &refs) {
            None => Vec::new(),
            Some(HistoryRequest::ShowWeek(_)) => {
                self.compute_week();
                Vec::new()
            }
            Some(HistoryRequest::Edit(id)) => {
                let Some(entry) = entries.iter().find(|e| e.id == id) else {
                    return Vec::new();
                };
                match Form::edit(entry, &self.settings, &self.now) {
                    Some(form) => self.form = Some(form),
                    None => self.say(
                        format!("this entry is edited from the command line: crampwatch edit {id}"),
                        false,
                    ),
                }
                Vec::new()
            }
            Some(HistoryRequest::Delete(id)) => {
                let Some(entry) = entries.iter().find(|e| e.id == id) else {
                    return Vec::new();
                };
                self.say(
                    format!("deleted: {} (u brings it back)", self.describe(&entry.body)),
                    false,
                );
                vec![Effect::Write(Change::Delete {
                    target: id,
                    at: entry.at,
                })]
            }
            Some(HistoryRequest::Undo) => self.undo_redo(true),
            Some(HistoryRequest::Report { first, days }) => {
                if !self.full {
                    self.say(
                        "the whole journal is still loading; press e again in a moment",
                        true,
                    );
                    return Vec::new();
                }
                vec![Effect::Report { first, days }]
            }
        }
    }

    /// j/k and the pages: the selection moves an entry at a time.
    pub(crate) fn scroll_history(&mut self, by: isize) -> Vec<Effect> {
        let ha = if by < 0 {
            HistoryAction::Up
        } else {
            HistoryAction::Down
        };
        let mut effects = Vec::new();
        for _ in 0..by.unsigned_abs().min(500) {
            effects.extend(self.history_key(ha));
        }
        effects
    }
}
