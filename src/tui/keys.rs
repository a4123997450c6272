//! Keys to actions: a pure function of the key and where keys go.
//!
//! `q`, `?` and hjkl are commands only when no form is open; while a text
//! field has focus every printable key is typed into it.

use super::app::{Action, Mode, Screen};
use super::forms::{FormAction, FormKind};
use super::screens::history::HistoryAction;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Every key, for the help overlay and the README: (keys, what they do).
pub const KEYS: &[(&str, &str)] = &[
    ("Anywhere", ""),
    ("d", "log a drink: then 1-9 picks a size, Enter the first"),
    ("w", "start a workout, or stop the running one"),
    ("p", "plan a workout"),
    ("c", "log a cramp"),
    ("W", "log body weight: before / after a session, urine"),
    ("m", "log a medicine started or stopped"),
    ("s", "after a cramp: its stretch (Enter: in the Guide)"),
    ("u / r", "undo / redo the last change"),
    ("1-5", "Today, Glance, History, Insights, Guide"),
    ("Tab / Shift-Tab", "next / previous screen"),
    ("h l  ← →", "previous / next screen (History: week)"),
    ("j k  ↓ ↑", "scroll or select on the screen shown"),
    ("g / t", "Glance / Today (History: t is this week)"),
    ("?", "this help (↑↓ scrolls it)"),
    ("Esc", "close what is open; back to Today"),
    ("q  Ctrl-C", "quit"),
    ("History", ""),
    ("← → / h l", "previous / next week"),
    ("t", "back to this week"),
    ("↑ ↓ / k j", "select an entry"),
    ("Enter", "edit the selected entry"),
    ("x  Delete", "delete the selected entry (u brings it back)"),
    ("s", "the stretch for the selected cramp"),
    ("e / E", "write the HTML report of the week shown / 8 weeks"),
    ("Insights", ""),
    ("↑ ↓ / k j", "select a flag; in a flag: scroll"),
    (
        "Enter / Esc",
        "open the flag (why, source, evidence) / close",
    ),
    ("Guide", ""),
    ("↑ ↓ / k j", "scroll a line"),
    ("PgUp PgDn Space", "scroll a page"),
    ("Home / End", "top / end (g stays Glance)"),
    ("In a form", ""),
    ("Tab ↓ / Shift-Tab ↑", "next / previous field"),
    ("← →", "change a choice, move in a list"),
    ("Space", "tick the option under the cursor"),
    ("Enter", "save"),
    ("Esc", "cancel"),
];

/// The action for a terminal event, if any.
pub fn action(event: &Event, mode: Mode) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_action(key, event, mode),
        Event::Resize(..) => Some(Action::Tick),
        Event::Mouse(m) => {
            use ratatui::crossterm::event::MouseEventKind;
            match (m.kind, mode) {
                (MouseEventKind::ScrollDown, Mode::Normal | Mode::History | Mode::Help) => {
                    Some(Action::ScrollDown)
                }
                (MouseEventKind::ScrollUp, Mode::Normal | Mode::History | Mode::Help) => {
                    Some(Action::ScrollUp)
                }
                _ => None,
            }
        }
        _ => None,
    }
}

fn key_action(key: &KeyEvent, event: &Event, mode: Mode) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    match mode {
        Mode::Form { typing, presets } => form_key(key, event, typing, presets).map(Action::Form),
        Mode::Help => match key.code {
            KeyCode::Char('?') | KeyCode::Esc | KeyCode::Enter => Some(Action::ToggleHelp),
            KeyCode::Char('q') => Some(Action::Quit),
            KeyCode::Down | KeyCode::Char('j') => Some(Action::ScrollDown),
            KeyCode::Up | KeyCode::Char('k') => Some(Action::ScrollUp),
            KeyCode::PageDown | KeyCode::Char(' ') => Some(Action::PageDown),
            KeyCode::PageUp => Some(Action::PageUp),
            KeyCode::Home => Some(Action::Top),
            KeyCode::End => Some(Action::Bottom),
            _ => None,
        },
        Mode::Normal => normal_key(key),
        Mode::History => {
            // The screen's own keys first (arrows, h/l, t, Enter, x, u), then the rest.
            if let Some(ha) = HistoryAction::from_key(key) {
                return Some(Action::History(ha));
            }
            normal_key(key)
        }
        Mode::Card => match key.code {
            KeyCode::Esc | KeyCode::Char('s') => Some(Action::Back),
            KeyCode::Enter => Some(Action::Select),
            KeyCode::Char('q') => Some(Action::Quit),
            _ => None,
        },
    }
}

fn normal_key(key: &KeyEvent) -> Option<Action> {
    if key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    {
        return None;
    }
    Some(match key.code {
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Esc => Action::Back,
        KeyCode::Enter => Action::Select,
        KeyCode::Char('?') => Action::ToggleHelp,
        KeyCode::Tab | KeyCode::Right | KeyCode::Char('l') => Action::NextScreen,
        KeyCode::BackTab | KeyCode::Left | KeyCode::Char('h') => Action::PrevScreen,
        KeyCode::Down | KeyCode::Char('j') => Action::ScrollDown,
        KeyCode::Up | KeyCode::Char('k') => Action::ScrollUp,
        KeyCode::Char('g') => Action::Show(Screen::Glance),
        KeyCode::Char('t') => Action::Show(Screen::Today),
        KeyCode::Char('d') => Action::Open(FormKind::Drink),
        KeyCode::Char('w') => Action::Open(FormKind::Workout),
        KeyCode::Char('p') => Action::Open(FormKind::Plan),
        KeyCode::Char('c') => Action::Open(FormKind::Cramp),
        KeyCode::Char('W') => Action::Open(FormKind::Weight),
        KeyCode::Char('m') => Action::Open(FormKind::Medication),
        KeyCode::Char('u') => Action::Undo,
        KeyCode::Char('r') => Action::Redo,
        KeyCode::Char('s') => Action::Stretch,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::PageDown | KeyCode::Char(' ') => Action::PageDown,
        KeyCode::Home => Action::Top,
        KeyCode::End => Action::Bottom,
        KeyCode::Char(c @ '1'..='9') => {
            let i = c as usize - '1' as usize;
            Action::Show(*Screen::ALL.get(i)?)
        }
        _ => return None,
    })
}

fn form_key(key: &KeyEvent, event: &Event, typing: bool, presets: bool) -> Option<FormAction> {
    match key.code {
        KeyCode::Esc => return Some(FormAction::Cancel),
        KeyCode::Enter => return Some(FormAction::Submit),
        KeyCode::Tab | KeyCode::Down => return Some(FormAction::Next),
        KeyCode::BackTab | KeyCode::Up => return Some(FormAction::Prev),
        _ => {}
    }
    if typing {
        return tui_input::backend::crossterm::to_input_request(event).map(FormAction::Edit);
    }
    match key.code {
        KeyCode::Left => Some(FormAction::Left),
        KeyCode::Right => Some(FormAction::Right),
        KeyCode::Char(' ') => Some(FormAction::Toggle),
        KeyCode::Char(c @ '1'..='9') if presets => {
            Some(FormAction::Preset(c as usize - '0' as usize))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn q_quits_only_when_no_form_is_open() {
        assert_eq!(
            action(&press(KeyCode::Char('q')), Mode::Normal),
            Some(Action::Quit)
        );
        let typing = Mode::Form {
            typing: true,
            presets: false,
        };
        assert!(matches!(
            action(&press(KeyCode::Char('q')), typing),
            Some(Action::Form(FormAction::Edit(_)))
        ));
        let choosing = Mode::Form {
            typing: false,
            presets: false,
        };
        assert_eq!(action(&press(KeyCode::Char('q')), choosing), None);
        assert_eq!(action(&press(KeyCode::Char('j')), choosing), None);
    }

    #[test]
    fn number_keys_pick_screens_or_presets() {
        assert_eq!(
            action(&press(KeyCode::Char('2')), Mode::Normal),
            Some(Action::Show(Screen::Glance))
        );
        assert_eq!(action(&press(KeyCode::Char('9')), Mode::Normal), None);
        let presets = Mode::Form {
            typing: false,
            presets: true,
        };
        assert_eq!(
            action(&press(KeyCode::Char('3')), presets),
            Some(Action::Form(FormAction::Preset(3)))
        );
    }

    #[test]
    fn ctrl_c_quits_even_while_typing() {
        let ev = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
        let typing = Mode::Form {
            typing: true,
            presets: false,
        };
        assert_eq!(action(&ev, typing), Some(Action::Quit));
    }

    #[test]
    fn every_command_key_is_in_the_help() {
        let listed: String = KEYS.iter().map(|(k, _)| *k).collect::<Vec<_>>().join(" ");
        for c in "dwpcsurgt?qhjkl".chars() {
            assert!(listed.contains(c), "{c} missing from KEYS");
            assert!(
                action(&press(KeyCode::Char(c)), Mode::Normal).is_some(),
                "{c} does nothing"
            );
        }
    }
}

#[cfg(test)]
mod screen_key_tests {
    use super::*;

    fn press(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn on_history_arrows_and_h_l_move_weeks_elsewhere_screens() {
        let on = |code, mode| action(&press(code), mode);
        assert_eq!(
            on(KeyCode::Char('h'), Mode::History),
            Some(Action::History(HistoryAction::PrevWeek))
        );
        assert_eq!(
            on(KeyCode::Right, Mode::History),
            Some(Action::History(HistoryAction::NextWeek))
        );
        assert_eq!(
            on(KeyCode::Char('t'), Mode::History),
            Some(Action::History(HistoryAction::ThisWeek))
        );
        assert_eq!(
            on(KeyCode::Char('x'), Mode::History),
            Some(Action::History(HistoryAction::Delete))
        );
        assert_eq!(
            on(KeyCode::Enter, Mode::History),
            Some(Action::History(HistoryAction::Edit))
        );
        // What History does not use still works there.
        assert_eq!(on(KeyCode::Tab, Mode::History), Some(Action::NextScreen));
        assert_eq!(
            on(KeyCode::Char('d'), Mode::History),
            Some(Action::Open(FormKind::Drink))
        );
        assert_eq!(
            on(KeyCode::Char('h'), Mode::Normal),
            Some(Action::PrevScreen)
        );
        assert_eq!(
            on(KeyCode::Char('t'), Mode::Normal),
            Some(Action::Show(Screen::Today))
        );
    }

    #[test]
    fn paging_keys_the_stretch_card_and_scrolling_help() {
        let on = |code, mode| action(&press(code), mode);
        assert_eq!(on(KeyCode::PageDown, Mode::Normal), Some(Action::PageDown));
        assert_eq!(on(KeyCode::Home, Mode::Normal), Some(Action::Top));
        assert_eq!(on(KeyCode::End, Mode::Normal), Some(Action::Bottom));
        assert_eq!(
            on(KeyCode::Char('g'), Mode::Normal),
            Some(Action::Show(Screen::Glance)),
            "g stays Glance everywhere"
        );
        assert_eq!(on(KeyCode::Char('s'), Mode::Normal), Some(Action::Stretch));
        assert_eq!(on(KeyCode::Esc, Mode::Card), Some(Action::Back));
        assert_eq!(on(KeyCode::Char('s'), Mode::Card), Some(Action::Back));
        assert_eq!(on(KeyCode::Enter, Mode::Card), Some(Action::Select));
        assert_eq!(on(KeyCode::Char('d'), Mode::Card), None);
        assert_eq!(on(KeyCode::Char('j'), Mode::Help), Some(Action::ScrollDown));
        assert_eq!(on(KeyCode::PageUp, Mode::Help), Some(Action::PageUp));
    }
}
