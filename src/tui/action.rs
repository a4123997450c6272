//! What can happen to the app ([`Action`]), what the loop must do after it
//! ([`Effect`]), and where keys go ([`Mode`]).

use super::forms::{FormAction, FormKind};
use super::screens::Screen;
use super::screens::history::HistoryAction;
use crate::domain::change::Change;
use crate::domain::history::{Event, History};

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
