//! The TUI's state and its one way to change: [`App::update`], which routes
//! each action to what it is for (a screen, a form, a card) and then settles
//! what follows from the new time (the week shown, timers that ring).
//!
//! `update` is pure: it reads no clock, no file, no terminal. What must touch
//! the world (append to the journal, ring the bell, run the notify command,
//! quit) comes back as [`Effect`]s that the loop in `mod.rs` carries out.

use super::forms::Form;
use super::screens::guide::{Guide, GuideState};
use super::screens::history::{HistoryAction, HistoryData, HistoryState};
use super::screens::insights::InsightsState;
use super::timers::{self, Hydration};
use crate::config::Settings;
use crate::domain::context::Snapshot;
use crate::domain::entry::Muscle;
use crate::domain::entry::{Body, Time};
use crate::domain::history::History;
use crate::domain::prefs::Prefs;
use crate::domain::rules::Rules;
use chrono::{DateTime, Duration, TimeZone};
use std::collections::BTreeMap;
use std::collections::HashSet;

/// The time zones the TUI runs in: `Local` in the binary, a fixed zone in tests.
pub trait Zone: TimeZone<Offset: Copy + std::fmt::Display> {}
impl<T: TimeZone<Offset: Copy + std::fmt::Display>> Zone for T {}

pub use super::action::{Action, Effect, Mode};
pub use super::screens::Screen;
pub use crate::domain::change::Change;

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
    pub(crate) rung: HashSet<String>,
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
        app.rung = timers::due_keys(&app.hydration).map(|(k, _)| k).collect();
        app
    }

    /// Applies one action at `now` and says what the loop must do.
    pub fn update(&mut self, action: Action, now: DateTime<Z>) -> Vec<Effect> {
        self.now = now;
        // The loop sets the size before each update; a resize arrives as one.
        self.guide.fit(super::layout::guide_text(self.size).0);
        let mut effects = self.route(action);
        effects.extend(self.settle());
        effects
    }

    /// Sends an action to what it is for: the app, a screen, a form.
    fn route(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Tick => {}
            Action::Quit => {
                self.quit = true;
                return vec![Effect::Quit];
            }
            Action::ToggleHelp => {
                self.help = !self.help;
                self.help_scroll = 0;
            }
            Action::Back => self.back(),
            Action::Show(s) => {
                self.help = false;
                self.screen = s;
            }
            Action::NextScreen => self.screen = self.screen.step(1),
            Action::PrevScreen => self.screen = self.screen.step(-1),
            Action::ScrollUp => return self.scroll_by(-1),
            Action::ScrollDown => return self.scroll_by(1),
            Action::PageUp => return self.scroll_by(-(self.page() as isize)),
            Action::PageDown => return self.scroll_by(self.page() as isize),
            Action::Top => return self.scroll_by(isize::MIN / 2),
            Action::Bottom => return self.scroll_by(isize::MAX / 2),
            Action::Select => return self.select(),
            Action::History(ha) => return self.history_key(ha),
            Action::Stretch => self.show_stretch(),
            Action::Open(kind) => {
                self.help = false;
                self.card = None;
                self.form = Some(Form::open_new(
                    kind,
                    &self.history,
                    &self.settings,
                    &self.rules,
                    &self.now,
                ));
            }
            Action::Undo => return self.undo_redo(true),
            Action::Redo => return self.undo_redo(false),
            Action::Form(fa) => return self.form_key(fa),
            Action::Loaded { history, problems } => {
                self.history = *history;
                self.problems = problems;
                self.history_changed();
                self.say_restored();
            }
            Action::Appended(event) => {
                if !self.history.push_add(*event) {
                    return vec![Effect::Reload];
                }
                self.history_changed();
            }
            Action::Failed(msg) => self.say(msg, true),
            Action::Done(msg) => self.say(msg, false),
        }
        Vec::new()
    }

    /// Esc: closes what is open, the topmost first, else goes back to Today.
    fn back(&mut self) {
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

    /// What follows any action at the new `now`: the week in view, offers
    /// and flashes that ran out, the timers, and those that now ring.
    fn settle(&mut self) -> Vec<Effect> {
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
        let effects = self.ring();
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
            self.scroll_help(by);
            return Vec::new();
        }
        match self.screen {
            Screen::Today => self.scroll_today(by),
            Screen::Glance => {}
            Screen::History => return self.scroll_history(by),
            Screen::Insights => self.scroll_insights(by),
            Screen::Guide => self.scroll_guide(by),
        }
        Vec::new()
    }

    /// Rows a page key moves: the screen's height less its frame.
    fn page(&self) -> usize {
        super::layout::page_rows(self.size)
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
            super::screens::insights::evidence_snapshots(&self.flags, &self.history, &self.rules);
        self.insights.clamp(self.flags.len());
        self.sweat = super::sweat::SweatData::compute(&self.history, &self.rules);
    }

    pub(super) fn say(&mut self, text: impl Into<String>, error: bool) {
        self.flash = Some(Flash {
            text: text.into(),
            error,
            until: self.now.fixed_offset() + Duration::seconds(FLASH_SECS),
        });
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
        body.describe_in(self.settings.units, self.mass_unit(), &self.now.timezone())
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

#[cfg(test)]
#[path = "app_tests.rs"]
pub(crate) mod tests;

#[cfg(test)]
#[path = "app_screens_tests.rs"]
mod screens_tests;

#[cfg(test)]
#[path = "app_everyday_tests.rs"]
mod everyday_tests;
