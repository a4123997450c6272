//! The TUI's state and its one way to change: [`App::update`].
//!
//! `update` is pure: it reads no clock, no file, no terminal. What must touch
//! the world (append to the journal, ring the bell, run the notify command,
//! quit) comes back as [`Effect`]s that the loop in `mod.rs` carries out.

use super::forms::{Form, FormAction, FormKind, Submitted};
use super::guide::{Guide, GuideState};
use super::history::{HistoryAction, HistoryData, HistoryRequest, HistoryState};
use super::insights::InsightsState;
use super::timers::{self, Hydration};
use crate::config::Settings;
use crate::domain::alarm;
use crate::domain::context::Snapshot;
use crate::domain::entry::Muscle;
use crate::domain::entry::{Body, Time};
use crate::domain::history::{Event, History};
use crate::domain::prefs::Prefs;
use crate::domain::rules::Rules;
use chrono::{DateTime, Duration, TimeZone};
use std::collections::BTreeMap;
use std::collections::HashSet;

/// The time zones the TUI runs in: `Local` in the binary, a fixed zone in tests.
pub trait Zone: TimeZone<Offset: Copy + std::fmt::Display> {}
impl<T: TimeZone<Offset: Copy + std::fmt::Display>> Zone for T {}

/// The screens, in tab order. A new screen is a variant here, a field on
/// [`App`] if it keeps state, and an arm in `view::draw_screen`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Today,
    Glance,
    History,
    Insights,
    Guide,
}

impl Screen {
    pub const ALL: [Screen; 5] = [
        Screen::Today,
        Screen::Glance,
        Screen::History,
        Screen::Insights,
        Screen::Guide,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Screen::Today => "Today",
            Screen::Glance => "Glance",
            Screen::History => "History",
            Screen::Insights => "Insights",
            Screen::Guide => "Guide",
        }
    }

    fn index(self) -> usize {
        Screen::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    fn step(self, by: isize) -> Screen {
        let n = Screen::ALL.len() as isize;
        Screen::ALL[((self.index() as isize + by).rem_euclid(n)) as usize]
    }
}

/// Everything that can happen to the app.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The one-second clock tick.
    Tick,
    Quit,
    ToggleHelp,
    /// Esc: close what is open, else back to Today; never quits (q does).
    Back,
    Show(Screen),
    NextScreen,
    PrevScreen,
    ScrollUp,
    ScrollDown,
    /// Enter on a screen: open what is selected (a flag, an entry).
    Select,
    /// PgUp / PgDn, Home / End: the Guide and a flag's detail.
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// A key of the History screen.
    History(HistoryAction),
    /// `s`: show the stretch offered after a cramp was logged.
    Stretch,
    Open(FormKind),
    Undo,
    Redo,
    /// A key for the open form.
    Form(FormAction),
    /// The journal was (re)loaded.
    Loaded {
        history: Box<History>,
        problems: Vec<String>,
    },
    /// This add was written, and nothing else changed the journal since it
    /// was last read.
    Appended(Box<Event>),
    /// Writing to the journal failed.
    Failed(String),
    /// Something done outside (a report written): say so.
    Done(String),
}

pub use crate::domain::change::Change;

/// What the loop must do after an update.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    Write(Change),
    /// Read the journal again.
    Reload,
    Bell,
    Notify(String),
    /// Write the HTML report of `days` days from `first` to a file.
    Report {
        first: chrono::NaiveDate,
        days: u32,
    },
    Quit,
}

/// A line of feedback at the bottom: what was saved, or what went wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct Flash {
    pub text: String,
    pub error: bool,
    pub until: Time,
}

/// How long a flash message stays.
const FLASH_SECS: i64 = 8;

pub struct App<Z: Zone> {
    pub now: DateTime<Z>,
    pub screen: Screen,
    pub help: bool,
    /// The first row of the help shown (it scrolls on short terminals).
    pub help_scroll: usize,
    pub form: Option<Form>,
    pub settings: Settings,
    pub prefs: Prefs,
    pub rules: Rules,
    pub history: History,
    /// Problems found reading the journal (bad lines, torn tails).
    pub problems: Vec<String>,
    pub hydration: Hydration,
    /// Pattern flags over the loaded history, most serious first.
    pub flags: Vec<crate::domain::patterns::Flag>,
    pub flash: Option<Flash>,
    /// How many of today's newest entries are scrolled out of view below
    /// (0: the newest is shown at the bottom).
    pub scroll: usize,
    /// Timers that already rang, so each rings once.
    rung: HashSet<String>,
    pub quit: bool,
    pub theme: super::theme::Theme,
    /// The terminal's size, set by the loop before each update (paging).
    pub size: (u16, u16),
    /// True when the history holds the whole journal (the run loop starts
    /// from the recent months and reads the rest on a thread).
    pub full: bool,
    pub week: HistoryState,
    /// The figures of the week shown; `None` when they must be computed again.
    pub week_data: Option<HistoryData>,
    pub insights: InsightsState,
    /// Context snapshots of the flags' evidence entries, by entry id.
    pub snapshots: BTreeMap<String, Snapshot>,
    pub guide: Guide,
    pub guide_state: GuideState,
    /// The stretch offered after a cramp was logged, until when.
    pub stretch_offer: Option<(Muscle, Time)>,
    /// The stretch card shown over the screen.
    pub card: Option<Muscle>,
    /// Advice for a cramp just logged with a red flag, shown over
    /// everything else (before the stretch card) until dismissed.
    pub alarm: Vec<String>,
    /// An undone edit: the entry whose restored value the flash names once
    /// the journal is read again.
    pub(super) restoring: Option<String>,
    /// Sweat tests of the history (Insights, Today during a session).
    pub sweat: super::sweat::SweatData,
}

/// How long the stretch stays offered after a cramp is logged.
const STRETCH_OFFER_MINUTES: i64 = 60;

impl<Z: Zone> App<Z> {
    pub fn new(settings: Settings, rules: Rules, history: History, now: DateTime<Z>) -> App<Z> {
        let prefs = settings.prefs();
        let hydration = timers::compute(&now, &history, &rules, &prefs);
        let mut app = App {
            now,
            screen: Screen::Today,
            help: false,
            help_scroll: 0,
            form: None,
            settings,
            prefs,
            rules,
            history,
            problems: Vec::new(),
            hydration,
            flags: Vec::new(),
            flash: None,
            scroll: 0,
            rung: HashSet::new(),
            quit: false,
            theme: super::theme::Theme::default(),
            size: (80, 24),
            full: true,
            week: HistoryState::new(crate::domain::week::monday_of(now.date_naive())),
            week_data: None,
            insights: InsightsState::default(),
            snapshots: BTreeMap::new(),
            guide: Guide::default(),
            guide_state: GuideState::default(),
            stretch_offer: None,
            card: None,
            alarm: Vec::new(),
            restoring: None,
            sweat: Default::default(),
        };
        app.week = HistoryState::new(app.this_monday());
        app.set_flags();
        // What is already due at start-up does not ring: the user is looking.
        app.rung = due_keys(&app.hydration).map(|(k, _)| k).collect();
        app
    }

    /// Applies one action at `now` and says what the loop must do.
    pub fn update(&mut self, action: Action, now: DateTime<Z>) -> Vec<Effect> {
        self.now = now;
        // The loop sets the size before each update; a resize arrives as one.
        self.guide.fit(super::view::guide_area(self.size).0);
        let mut effects = Vec::new();
        match action {
            Action::Tick => {}
            Action::Quit => {
                self.quit = true;
                effects.push(Effect::Quit);
            }
            Action::ToggleHelp => {
                self.help = !self.help;
                self.help_scroll = 0;
            }
            Action::Back => {
                if self.help {
                    self.help = false;
                } else if !self.alarm.is_empty() {
                    self.alarm.clear();
                } else if self.card.is_some() {
                    self.card = None;
                } else if self.form.is_some() {
                    self.form = None;
                } else if self.screen == Screen::Insights && self.insights.close() {
                    // The detail closed; the list stays.
                } else if self.screen != Screen::Today {
                    self.screen = Screen::Today;
                }
            }
            Action::Show(s) => {
                self.help = false;
                self.screen = s;
            }
            Action::NextScreen => self.screen = self.screen.step(1),
            Action::PrevScreen => self.screen = self.screen.step(-1),
            Action::ScrollUp => effects.extend(self.scroll_by(-1)),
            Action::ScrollDown => effects.extend(self.scroll_by(1)),
            Action::PageUp => effects.extend(self.scroll_by(-(self.page() as isize))),
            Action::PageDown => effects.extend(self.scroll_by(self.page() as isize)),
            Action::Top => effects.extend(self.scroll_by(isize::MIN / 2)),
            Action::Bottom => effects.extend(self.scroll_by(isize::MAX / 2)),
            Action::Select => effects.extend(self.select()),
            Action::History(ha) => effects.extend(self.history_key(ha)),
            Action::Stretch => self.show_stretch(),
            Action::Open(kind) => {
                self.help = false;
                self.card = None;
                self.form = Some(Form::open(kind, &self.history, &self.settings, &self.now));
            }
            Action::Undo => effects.extend(self.undo_redo(true)),
            Action::Redo => effects.extend(self.undo_redo(false)),
            Action::Form(fa) => effects.extend(self.form_key(fa)),
            Action::Loaded { history, problems } => {
                self.history = *history;
                self.problems = problems;
                self.history_changed();
                self.say_restored();
            }
            Action::Appended(event) => {
                if self.history.push_add(*event) {
                    self.history_changed();
                } else {
                    effects.push(Effect::Reload);
                }
            }
            Action::Failed(msg) => self.say(msg, true),
            Action::Done(msg) => self.say(msg, false),
        }
        let monday = self.this_monday();
        if monday != self.week.this_week {
            self.week.set_this_week(monday);
            self.week_data = None;
        }
        if self.screen == Screen::History && self.week_data.is_none() {
            self.compute_week();
        }
        if let Some((_, until)) = self.stretch_offer
            && self.now.fixed_offset() >= until
        {
            self.stretch_offer = None;
        }
        self.hydration = timers::compute(&self.now, &self.history, &self.rules, &self.prefs);
        effects.extend(self.ring());
        if let Some(f) = &self.flash
            && self.now.fixed_offset() >= f.until
        {
            self.flash = None;
        }
        effects
    }

    /// What follows from a new history: flags, the Today list, the week.
    fn history_changed(&mut self) {
        self.set_flags();
        let max = self.today_entries().len().saturating_sub(1);
        self.scroll = self.scroll.min(max);
        self.week_data = None;
    }

    /// j/k, the arrows, the pages: each screen moves its own list or text
    /// (`by` > 0 is down).
    fn scroll_by(&mut self, by: isize) -> Vec<Effect> {
        if self.help {
            let max = super::help::max_scroll(self.size);
            self.help_scroll = self.help_scroll.min(max).saturating_add_signed(by).min(max);
            return Vec::new();
        }
        match self.screen {
            Screen::Today => {
                // Today counts from the newest entry up.
                let max = self.today_entries().len().saturating_sub(1);
                self.scroll = self.scroll.saturating_add_signed(-by).min(max);
            }
            Screen::Glance => {}
            Screen::History => {
                let ha = if by < 0 {
                    HistoryAction::Up
                } else {
                    HistoryAction::Down
                };
                let mut effects = Vec::new();
                for _ in 0..by.unsigned_abs().min(500) {
                    effects.extend(self.history_key(ha));
                }
                return effects;
            }
            Screen::Insights => {
                if self.insights.open {
                    let max = self.insights_detail_max();
                    let s = &mut self.insights;
                    s.scroll = s.scroll.min(max).saturating_add_signed(by).min(max);
                } else if by < 0 {
                    for _ in 0..by.unsigned_abs().min(self.flags.len()) {
                        self.insights.prev();
                    }
                } else {
                    for _ in 0..by.unsigned_abs().min(self.flags.len()) {
                        self.insights.next(self.flags.len());
                    }
                }
            }
            Screen::Guide => {
                let max = self.guide_max();
                let s = &mut self.guide_state;
                s.scroll = s.scroll.min(max).saturating_add_signed(by).min(max);
            }
        }
        Vec::new()
    }

    /// Rows a page key moves: the screen's height less its frame.
    fn page(&self) -> usize {
        (self.size.1 as usize).saturating_sub(6).max(1)
    }

    /// The last row the Guide can scroll to at the current size.
    fn guide_max(&self) -> usize {
        let (w, h) = super::view::guide_area(self.size);
        self.guide.rows_at(w).saturating_sub(h as usize)
    }

    /// The last row a flag's detail can scroll to at the current size.
    fn insights_detail_max(&self) -> usize {
        let Some(f) = self.flags.get(self.insights.selected) else {
            return 0;
        };
        let (w, h) = super::view::insights_detail_area(self.size);
        let period = self.flags_period();
        let view = super::insights::Insights {
            flags: &self.flags,
            snapshots: &self.snapshots,
            unit: self.settings.units,
            period: &period,
            state: &self.insights,
        };
        view.detail_rows(f, w).len().saturating_sub(h as usize)
    }

    /// What the flags look at, e.g. `the last 30 days`.
    pub fn flags_period(&self) -> String {
        format!("the last {} days", self.rules.flags.recent_days)
    }

    /// Enter on a screen: a flag opens; a History entry is edited.
    fn select(&mut self) -> Vec<Effect> {
        if !self.alarm.is_empty() {
            self.alarm.clear();
            return Vec::new();
        }
        if self.card.is_some() {
            self.card_to_guide();
            return Vec::new();
        }
        match self.screen {
            Screen::Insights => {
                self.insights.open(self.flags.len());
                Vec::new()
            }
            Screen::History => self.history_key(HistoryAction::Edit),
            Screen::Today | Screen::Glance | Screen::Guide => Vec::new(),
        }
    }

    fn set_flags(&mut self) {
        self.flags =
            crate::domain::patterns::flags(&self.now, &self.history, &self.rules, &self.prefs);
        self.snapshots =
            super::insights::evidence_snapshots(&self.flags, &self.history, &self.rules);
        self.insights.clamp(self.flags.len());
        self.sweat = super::sweat::SweatData::compute(&self.history, &self.rules);
    }

    /// The Monday of the week "now" is in (days start at the day-start hour).
    fn this_monday(&self) -> chrono::NaiveDate {
        let today = crate::domain::day::day_of(
            &self.now.fixed_offset(),
            &self.now.timezone(),
            self.prefs.day_start_hour,
        );
        crate::domain::week::monday_of(today)
    }

    fn compute_week(&mut self) {
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
    fn history_key(&mut self, ha: HistoryAction) -> Vec<Effect> {
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

    /// `s`: the stretch card for the cramp just logged (on History: the cramp selected).
    fn show_stretch(&mut self) {
        // On History, the stretch for the cramp selected.
        if self.screen == Screen::History {
            let entries = self.week_entries();
            if let Some(e) = self.week.selected_entry(&entries)
                && let Body::Cramp(c) = &e.body
            {
                let m = c.muscle;
                if self.guide.stretch_for(m).is_some() {
                    self.card = Some(m);
                } else {
                    self.say(
                        format!("the Guide has no stretch for the {}", m.word()),
                        false,
                    );
                }
                return;
            }
        }
        match self.stretch_offer {
            Some((muscle, _)) => {
                self.help = false;
                self.card = Some(muscle);
            }
            None => self.say(
                "no cramp logged in the last hour; every stretch is in the Guide (5)",
                false,
            ),
        }
    }

    /// Enter on the stretch card: the Guide, at that stretch.
    fn card_to_guide(&mut self) {
        if let Some(m) = self.card.take() {
            self.screen = Screen::Guide;
            let (w, _) = super::view::guide_area(self.size);
            self.guide_state.show_section(&self.guide, m.word(), w);
            let max = self.guide_max();
            self.guide_state.scroll = self.guide_state.scroll.min(max);
        }
    }

    pub(super) fn say(&mut self, text: impl Into<String>, error: bool) {
        self.flash = Some(Flash {
            text: text.into(),
            error,
            until: self.now.fixed_offset() + Duration::seconds(FLASH_SECS),
        });
    }

    fn form_key(&mut self, fa: FormAction) -> Vec<Effect> {
        let Some(form) = self.form.as_mut() else {
            return Vec::new();
        };
        match form.key(fa, &self.now, self.settings.units) {
            None => Vec::new(),
            Some(Submitted::Cancel) => {
                self.form = None;
                Vec::new()
            }
            Some(Submitted::Ok) => {
                let form = self.form.take().expect("checked above");
                match form.build(&self.history, &self.now, &self.settings) {
                    Ok((change, said)) => {
                        if let Change::Add {
                            body: Body::Cramp(c),
                            ..
                        } = &change
                        {
                            self.alarm = alarm::on_logging(c, &self.rules);
                        }
                        let muscle = match &change {
                            Change::Add {
                                body: Body::Cramp(c),
                                ..
                            } => self.guide.stretch_for(c.muscle).map(|_| c.muscle),
                            _ => None,
                        };
                        match muscle {
                            Some(m) => {
                                self.stretch_offer = Some((
                                    m,
                                    self.now.fixed_offset()
                                        + Duration::minutes(STRETCH_OFFER_MINUTES),
                                ));
                                self.say(
                                    format!("saved: {said} · s: show the {} stretch", m.word()),
                                    false,
                                );
                            }
                            None => self.say(format!("saved: {said}"), false),
                        }
                        vec![Effect::Write(change)]
                    }
                    Err(form) => {
                        // Errors are shown on the fields; the form stays open.
                        self.form = Some(form);
                        Vec::new()
                    }
                }
            }
        }
    }

    /// The bell and notify command for timers that just came due.
    fn ring(&mut self) -> Vec<Effect> {
        let mut effects = Vec::new();
        let fresh: Vec<(String, String)> = due_keys(&self.hydration)
            .filter(|(k, _)| !self.rung.contains(k))
            .collect();
        for (key, message) in fresh {
            self.rung.insert(key);
            if self.settings.bell && !effects.contains(&Effect::Bell) {
                effects.push(Effect::Bell);
            }
            if self.settings.notify_command.is_some() {
                effects.push(Effect::Notify(message));
            }
        }
        effects
    }

    /// Today's entries (the day starts at `day_start_hour`), in time order,
    /// with plans for later today included.
    /// The unit weights are shown in, as the CLI's `list` shows them: the
    /// `weight_unit` setting, else the unit of the first weighing.
    pub fn mass_unit(&self) -> crate::domain::mass::MassUnit {
        use crate::domain::mass::{display_unit, first_weighing};
        display_unit(
            self.settings.weight_unit,
            first_weighing(&self.history),
            self.settings.units,
        )
    }

    /// An entry in words, with weights in the user's unit.
    pub fn describe(&self, body: &Body) -> String {
        body.describe_in(self.settings.units, self.mass_unit())
    }

    pub fn today_entries(&self) -> Vec<&crate::domain::history::Entry> {
        let (start, end) = crate::domain::day::today_bounds(&self.now, self.prefs.day_start_hour);
        // The entries are in time order: two binary searches, not a scan of years.
        let entries = &self.history.entries;
        let lo = entries.partition_point(|e| e.at < start);
        let hi = entries.partition_point(|e| e.at < end).max(lo);
        entries[lo..hi].iter().collect()
    }

    /// What the key map needs to know about where keys go.
    pub fn mode(&self) -> Mode {
        match (&self.form, self.help) {
            (Some(f), _) => Mode::Form {
                typing: f.typing(),
                presets: f.on_presets(),
            },
            (None, true) => Mode::Help,
            (None, false) if self.card.is_some() || !self.alarm.is_empty() => Mode::Card,
            (None, false) if self.screen == Screen::History => Mode::History,
            (None, false) => Mode::Normal,
        }
    }
}

/// Where keys go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Help,
    /// The History screen: arrows and h/l move in time, x deletes.
    History,
    /// The stretch card is open.
    Card,
    /// A form is open; `typing` when a text field has focus, `presets` when
    /// the drink presets row does (number keys pick a preset).
    Form {
        typing: bool,
        presets: bool,
    },
}

/// The timers that ring, each with a key that is stable while it stays the
/// same deadline, and its message.
fn due_keys(h: &Hydration) -> impl Iterator<Item = (String, String)> + '_ {
    h.timers.iter().filter(|t| timers::rings(t.state)).map(|t| {
        let due = t.due.map(|d| d.timestamp()).unwrap_or_default();
        (format!("{:?}@{due}", t.kind), t.message.clone())
    })
}

#[cfg(test)]
#[path = "app_tests.rs"]
pub(crate) mod tests;

#[cfg(test)]
#[path = "app_screens_tests.rs"]
mod screens_tests;

#[cfg(test)]
#[path = "app_everyday_tests.rs"]
mod everyday_tests;
