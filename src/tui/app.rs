//! The TUI's state and its one way to change: [`App::update`].
//!
//! `update` is pure: it reads no clock, no file, no terminal. What must touch
//! the world (append to the journal, ring the bell, run the notify command,
//! quit) comes back as [`Effect`]s that the loop in `mod.rs` carries out.

use super::forms::{Form, FormAction, FormKind, Submitted};
use super::timers::{self, Hydration};
use crate::config::Settings;
use crate::domain::entry::{Body, Time};
use crate::domain::history::History;
use crate::domain::prefs::Prefs;
use crate::domain::rules::Rules;
use chrono::{DateTime, Duration, TimeZone};
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
    /// Esc: close what is open, else back to Today, else quit.
    Back,
    Show(Screen),
    NextScreen,
    PrevScreen,
    ScrollUp,
    ScrollDown,
    /// Enter on a screen: open what is selected (a flag, an entry).
    Select,
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
    /// Writing to the journal failed.
    Failed(String),
}

/// One change to write to the journal.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    Add {
        at: Time,
        body: Body,
    },
    Amend {
        target: String,
        at: Time,
        body: Body,
    },
    Undo {
        event_id: String,
    },
    Redo {
        event_id: String,
    },
}

/// What the loop must do after an update.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    Write(Change),
    Bell,
    Notify(String),
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
}

impl<Z: Zone> App<Z> {
    pub fn new(settings: Settings, rules: Rules, history: History, now: DateTime<Z>) -> App<Z> {
        let prefs = settings.prefs();
        let hydration = timers::compute(&now, &history, &rules, &prefs);
        let mut app = App {
            now,
            screen: Screen::Today,
            help: false,
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
        };
        app.flags = app.compute_flags();
        // What is already due at start-up does not ring: the user is looking.
        app.rung = due_keys(&app.hydration).map(|(k, _)| k).collect();
        app
    }

    /// Applies one action at `now` and says what the loop must do.
    pub fn update(&mut self, action: Action, now: DateTime<Z>) -> Vec<Effect> {
        self.now = now;
        let mut effects = Vec::new();
        match action {
            Action::Tick => {}
            Action::Quit => {
                self.quit = true;
                effects.push(Effect::Quit);
            }
            Action::ToggleHelp => self.help = !self.help,
            Action::Back => {
                if self.help {
                    self.help = false;
                } else if self.form.is_some() {
                    self.form = None;
                } else if self.screen != Screen::Today {
                    self.screen = Screen::Today;
                } else {
                    self.quit = true;
                    effects.push(Effect::Quit);
                }
            }
            Action::Show(s) => {
                self.help = false;
                self.screen = s;
            }
            Action::NextScreen => self.screen = self.screen.step(1),
            Action::PrevScreen => self.screen = self.screen.step(-1),
            Action::ScrollUp => self.scroll_by(-1),
            Action::ScrollDown => self.scroll_by(1),
            Action::Select => {}
            Action::Open(kind) => {
                self.help = false;
                self.form = Some(Form::open(kind, &self.history, &self.settings, &self.now));
            }
            Action::Undo => effects.extend(self.undo_redo(true)),
            Action::Redo => effects.extend(self.undo_redo(false)),
            Action::Form(fa) => effects.extend(self.form_key(fa)),
            Action::Loaded { history, problems } => {
                self.history = *history;
                self.problems = problems;
                self.flags = self.compute_flags();
                let max = self.today_entries().len().saturating_sub(1);
                self.scroll = self.scroll.min(max);
            }
            Action::Failed(msg) => self.say(msg, true),
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

    /// j/k and the arrows: each screen moves its own list (`by` > 0 is down).
    fn scroll_by(&mut self, by: isize) {
        match self.screen {
            Screen::Today => {
                // Today counts from the newest entry up.
                let max = self.today_entries().len().saturating_sub(1);
                self.scroll = self.scroll.saturating_add_signed(-by).min(max);
            }
            Screen::Glance | Screen::History | Screen::Insights | Screen::Guide => {}
        }
    }

    fn compute_flags(&self) -> Vec<crate::domain::patterns::Flag> {
        crate::domain::patterns::flags(&self.now, &self.history, &self.rules, &self.prefs)
    }

    fn say(&mut self, text: impl Into<String>, error: bool) {
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
                        self.say(format!("saved: {said}"), false);
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

    fn undo_redo(&mut self, undo: bool) -> Vec<Effect> {
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
        let what = a
            .body
            .as_ref()
            .map_or_else(|| a.entry_id.clone(), |b| b.describe(self.settings.units));
        let verb = match a.op {
            crate::domain::history::Op::Add => "log of",
            crate::domain::history::Op::Amend => "edit of",
            crate::domain::history::Op::Delete => "delete of",
            _ => "",
        };
        let (word, change) = if undo {
            (
                "undone",
                Change::Undo {
                    event_id: a.event_id,
                },
            )
        } else {
            (
                "redone",
                Change::Redo {
                    event_id: a.event_id,
                },
            )
        };
        let hint = if undo { " (r redoes it)" } else { "" };
        self.say(format!("{word}: {verb} {what}{hint}"), false);
        vec![Effect::Write(change)]
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
    pub fn today_entries(&self) -> Vec<&crate::domain::history::Entry> {
        let (start, end) = crate::domain::day::today_bounds(&self.now, self.prefs.day_start_hour);
        self.history
            .entries
            .iter()
            .filter(|e| e.at >= start && e.at < end)
            .collect()
    }

    /// What the key map needs to know about where keys go.
    pub fn mode(&self) -> Mode {
        match (&self.form, self.help) {
            (Some(f), _) => Mode::Form {
                typing: f.typing(),
                presets: f.on_presets(),
            },
            (None, true) => Mode::Help,
            (None, false) => Mode::Normal,
        }
    }
}

/// Where keys go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Help,
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
