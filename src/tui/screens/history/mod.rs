//! The History screen: one week at a time, its charts, its entries and the
//! last 12 weeks at a glance.
//!
//! Self-contained: [`HistoryState`] is the screen's own state, changed by
//! [`HistoryAction`]s; edits, deletes and undo are not done here but returned
//! as a [`HistoryRequest`] that the app carries out through journal events
//! (the same events as the CLI), then reloads. [`HistoryView`] draws plain
//! data: a [`Week`], its entries and an [`Overview`].

mod charts;
mod intake;
mod update;
mod view;

pub use view::HistoryView;

use crate::domain::history::{Entry, History};
use crate::domain::prefs::Prefs;
use crate::domain::rules::Rules;
use crate::domain::week::{Overview, Week, overview, period_flags, week};
use crate::tui::app::{App, Zone};
use chrono::{DateTime, Duration, NaiveDate, TimeZone};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

/// How many weeks the overview shows.
pub const OVERVIEW_WEEKS: u32 = 12;

/// The figures the screen draws for one week, computed by the app when the
/// week shown or the journal changes (not on every frame).
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryData {
    pub week: Week,
    pub overview: Overview,
}

impl HistoryData {
    pub fn compute<Tz: TimeZone>(
        now: &DateTime<Tz>,
        monday: NaiveDate,
        history: &History,
        rules: &Rules,
        prefs: &Prefs,
    ) -> HistoryData
    where
        Tz::Offset: Copy,
    {
        let flags = period_flags(now, monday, 7, history, rules, prefs);
        HistoryData {
            week: week(now, monday, history, rules, prefs, &flags),
            overview: overview(
                history,
                &now.timezone(),
                prefs.day_start_hour,
                monday,
                OVERVIEW_WEEKS,
            ),
        }
    }

    /// The week's entries, in the table's order.
    pub fn entries<'h, Tz: TimeZone>(
        &self,
        history: &'h History,
        tz: &Tz,
        prefs: &Prefs,
    ) -> Vec<&'h Entry> {
        self.week.entries(history, tz, prefs.day_start_hour)
    }
}

/// What a key does on the History screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryAction {
    PrevWeek,
    NextWeek,
    ThisWeek,
    Up,
    Down,
    Edit,
    Delete,
    Undo,
    /// `e`: the HTML report of the week shown.
    Report,
    /// `E`: the HTML report of the 8 weeks ending with the week shown.
    Report8,
}

impl HistoryAction {
    /// The History keys: ←/h and →/l change the week, `t` goes back to this
    /// week, ↑/k and ↓/j select an entry, Enter edits, `x` deletes, `u` undoes.
    pub fn from_key(key: &KeyEvent) -> Option<HistoryAction> {
        if key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return None;
        }
        Some(match key.code {
            KeyCode::Left | KeyCode::Char('h') => HistoryAction::PrevWeek,
            KeyCode::Right | KeyCode::Char('l') => HistoryAction::NextWeek,
            KeyCode::Char('t') => HistoryAction::ThisWeek,
            KeyCode::Up | KeyCode::Char('k') => HistoryAction::Up,
            KeyCode::Down | KeyCode::Char('j') => HistoryAction::Down,
            KeyCode::Enter => HistoryAction::Edit,
            KeyCode::Char('x') | KeyCode::Delete => HistoryAction::Delete,
            KeyCode::Char('u') => HistoryAction::Undo,
            KeyCode::Char('e') => HistoryAction::Report,
            KeyCode::Char('E') => HistoryAction::Report8,
            _ => return None,
        })
    }
}

/// What the app is asked to do after an action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HistoryRequest {
    /// Compute and show the week starting on this Monday (figures, entries, overview).
    ShowWeek(NaiveDate),
    /// Open the edit form for this entry id.
    Edit(String),
    /// Delete this entry id (a tombstone event; undo brings it back).
    Delete(String),
    /// Undo the last change (the journal's undo, as `crampwatch undo`).
    Undo,
    /// Write the HTML report of `days` days from `first`.
    Report { first: NaiveDate, days: u32 },
}

/// The screen's own state: which week, which entry is selected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryState {
    /// The Monday of the week shown.
    pub week: NaiveDate,
    /// The Monday of the week "now" is in; weeks after it are not shown.
    pub this_week: NaiveDate,
    /// The selected row of the week's entries.
    pub selected: usize,
    /// The id of the selected entry: a reload (another terminal logging an
    /// earlier entry) moves rows, never the selection.
    pub selected_id: Option<String>,
}

impl HistoryState {
    /// Starts on this week (give the Monday of today's week).
    pub fn new(this_week: NaiveDate) -> HistoryState {
        HistoryState {
            week: this_week,
            this_week,
            selected: 0,
            selected_id: None,
        }
    }

    /// The clock moved into a new week: keep looking at the same week, unless
    /// it was this week, which follows.
    pub fn set_this_week(&mut self, monday: NaiveDate) {
        if self.week == self.this_week {
            self.week = monday;
        }
        self.this_week = monday;
    }

    pub fn prev_week(&mut self) -> Option<HistoryRequest> {
        self.show(self.week - Duration::weeks(1))
    }

    /// The next week, but never past this week.
    pub fn next_week(&mut self) -> Option<HistoryRequest> {
        if self.week >= self.this_week {
            return None;
        }
        self.show(self.week + Duration::weeks(1))
    }

    pub fn go_this_week(&mut self) -> Option<HistoryRequest> {
        if self.week == self.this_week {
            return None;
        }
        self.show(self.this_week)
    }

    fn show(&mut self, monday: NaiveDate) -> Option<HistoryRequest> {
        self.week = monday;
        self.selected = 0;
        self.selected_id = None;
        Some(HistoryRequest::ShowWeek(monday))
    }

    pub fn up(&mut self) {
        self.selected = self.selected.saturating_sub(1);
    }

    pub fn down(&mut self, n_entries: usize) {
        if self.selected + 1 < n_entries {
            self.selected += 1;
        }
    }

    /// Keeps the selection on a row that exists (after a delete or a reload).
    pub fn clamp(&mut self, n_entries: usize) {
        self.selected = self.selected.min(n_entries.saturating_sub(1));
    }

    /// Finds the selected entry again in `entries` (after a reload) by its
    /// id; when it is gone (deleted), the row at the same place is selected.
    pub fn follow(&mut self, entries: &[&Entry]) {
        if let Some(i) = self
            .selected_id
            .as_ref()
            .and_then(|id| entries.iter().position(|e| &e.id == id))
        {
            self.selected = i;
        }
        self.clamp(entries.len());
        self.selected_id = entries.get(self.selected).map(|e| e.id.clone());
    }

    /// The selected entry among the week's entries.
    pub fn selected_entry<'e>(&self, entries: &[&'e Entry]) -> Option<&'e Entry> {
        entries.get(self.selected).copied()
    }

    /// Applies an action; `entries` are the week's entries as shown.
    pub fn update(&mut self, action: HistoryAction, entries: &[&Entry]) -> Option<HistoryRequest> {
        self.follow(entries);
        let request = self.act(action, entries);
        if !matches!(request, Some(HistoryRequest::ShowWeek(_))) {
            self.selected_id = entries.get(self.selected).map(|e| e.id.clone());
        }
        request
    }

    fn act(&mut self, action: HistoryAction, entries: &[&Entry]) -> Option<HistoryRequest> {
        match action {
            HistoryAction::PrevWeek => self.prev_week(),
            HistoryAction::NextWeek => self.next_week(),
            HistoryAction::ThisWeek => self.go_this_week(),
            HistoryAction::Up => {
                self.up();
                None
            }
            HistoryAction::Down => {
                self.down(entries.len());
                None
            }
            HistoryAction::Edit => self
                .selected_entry(entries)
                .map(|e| HistoryRequest::Edit(e.id.clone())),
            HistoryAction::Delete => self
                .selected_entry(entries)
                .map(|e| HistoryRequest::Delete(e.id.clone())),
            HistoryAction::Undo => Some(HistoryRequest::Undo),
            HistoryAction::Report => Some(HistoryRequest::Report {
                first: self.week,
                days: 7,
            }),
            HistoryAction::Report8 => Some(HistoryRequest::Report {
                first: self.week - Duration::weeks(7),
                days: 56,
            }),
        }
    }
}

/// The History screen inside the app's frame, drawn from the app's state.
pub fn draw<Z: Zone>(frame: &mut Frame, area: Rect, app: &App<Z>) {
    let Some(data) = &app.week_data else {
        frame.render_widget(Paragraph::new("reading the journal…"), area);
        return;
    };
    let entries = app.week_entries();
    let today = crate::domain::day::day_of(
        &app.now.fixed_offset(),
        &app.now.timezone(),
        app.prefs.day_start_hour,
    );
    let selected_context = entries
        .get(app.week.selected)
        .filter(|e| matches!(e.body, crate::domain::entry::Body::Cramp(_)))
        .map(|e| {
            crate::domain::context::snapshot(e, &app.history, &app.rules)
                .describe(app.settings.units)
        });
    let view = HistoryView {
        week: &data.week,
        entries: &entries,
        overview: &data.overview,
        state: &app.week,
        unit: app.settings.units,
        mass: app.mass_unit(),
        tz: app.now.timezone(),
        today,
        day_start_hour: app.prefs.day_start_hour,
        color: app.theme.color,
        selected_context,
    };
    frame.render_widget(&view, area);
}

#[cfg(test)]
mod tests;
