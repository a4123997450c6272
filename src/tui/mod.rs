//! The live terminal interface: `crampwatch` with no subcommand.
//!
//! The Elm Architecture, kept small: [`app::App`] holds the state,
//! [`keys::action`] turns a key into an [`app::Action`], `App::update` changes
//! the state and returns effects, [`view::draw`] draws `&App`. This file owns
//! the terminal and the clock: it draws, waits for a key until the next
//! one-second tick, and carries out the effects (journal writes, bell, notify).
//!
//! Where things are: `app.rs` holds the state and routes each action;
//! `action.rs` names what can happen; `keys.rs` maps keys to actions;
//! `screens/` has one file (History: a folder) per screen with its state,
//! how it changes and how it draws; `forms/` has the entry forms, one file
//! per kind; `cards.rs` the cards over a screen; `layout.rs` the areas that
//! update and view share; `view.rs` the frame around the screens.

pub mod action;
pub mod app;
mod cards;
pub mod demo;
pub mod forms;
pub mod keys;
pub mod layout;
mod rows;
pub mod screens;
mod sweat;
pub(crate) mod text;
pub mod theme;
pub mod timers;
mod undo;
mod vanished;
pub mod view;
mod write;

pub use write::{commit, not_saved};

use crate::context::Ctx;
use crate::domain::history::{History, Op};
use crate::store::{Journal, Scope, Signature};
use anyhow::Result;
use app::{Action, App, Effect};
use chrono::{DateTime, Duration, Local};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use std::io::Write;
use std::sync::mpsc::Receiver;
use std::time::Instant;

const TICK: std::time::Duration = std::time::Duration::from_secs(1);

/// "now" that runs on: from `CRAMPWATCH_NOW` when set, else the clock, plus
/// the real time elapsed since start.
struct Clock {
    base: DateTime<Local>,
    started: Instant,
}

impl Clock {
    fn now(&self) -> DateTime<Local> {
        let secs = self.started.elapsed().as_secs() as i64;
        self.base + Duration::seconds(secs)
    }
}

/// Opens the TUI on the journal of `ctx` and runs it until the user quits.
pub fn run(ctx: &Ctx) -> Result<()> {
    let rules = ctx.rules.clone();
    let clock = Clock {
        base: ctx.now,
        started: Instant::now(),
    };
    // The first frame comes from the recent months; the whole journal (for
    // History, Insights and undo) is read on a thread and swapped in.
    let (history, problems) = load(&ctx.journal, &clock.now(), rules.flags.recent_days, false)?;
    let full = spawn_full_load(ctx.journal.clone());
    let mut app = App::new(ctx.settings.clone(), rules, history, clock.now());
    app.problems = problems;
    app.full = false;
    app.theme = theme::Theme::from_env();

    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return crate::context::user(
            "the TUI needs a terminal; from scripts use a command, e.g. 'crampwatch status' or 'crampwatch drink 10oz' (see crampwatch --help)",
        );
    }
    let mouse = ctx.settings.mouse;
    if mouse {
        // ratatui's panic hook restores the screen; this one, run inside
        // it, gives the mouse back too.
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(std::io::stdout(), DisableMouseCapture);
            previous(info);
        }));
    }
    let mut terminal = ratatui::try_init()?;
    if mouse {
        let _ = execute!(std::io::stdout(), EnableMouseCapture);
    }
    let result = event_loop(&mut terminal, &mut app, &ctx.journal, &clock, Some(full));
    if mouse {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
    }
    ratatui::restore();
    result
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App<Local>,
    journal: &Journal,
    clock: &Clock,
    mut full: Option<FullLoad>,
) -> Result<()> {
    let mut signature = journal.signature();
    let mut watch = vanished::Watch::new(&journal.journal_dir());
    let mut next_tick = Instant::now() + TICK;
    let exit_after_first_frame = std::env::var_os("CRAMPWATCH_EXIT_AFTER_FIRST_FRAME").is_some();
    while !app.quit {
        let size = terminal.size()?;
        app.size = (size.width, size.height);
        terminal.draw(|f| view::draw(f, app))?;
        if exit_after_first_frame {
            // For benches/commands.sh: time from start to the first frame.
            return Ok(());
        }
        let mut wait = next_tick.saturating_duration_since(Instant::now());
        let mut actions = Vec::new();
        if let Some(rx) = &full {
            match poll_full(rx, journal, clock, app, &mut signature) {
                Some(Some(action)) => {
                    full = None;
                    actions.push(action);
                }
                Some(None) => full = None,
                None => wait = wait.min(std::time::Duration::from_millis(50)),
            }
        }
        if !actions.is_empty() {
            // The full history arrived: apply it before waiting for keys.
        } else if event::poll(wait)? {
            if let Some(a) = keys::action(&event::read()?, app.mode()) {
                actions.push(a);
            }
        } else {
            next_tick = Instant::now() + TICK;
            if let Some(msg) = watch.tick() {
                actions.push(Action::Failed(msg));
            }
            // Another terminal (the CLI, a second TUI) may have written.
            let now_sig = journal.signature();
            if now_sig != signature {
                signature = now_sig;
                actions.push(reload(journal, &clock.now(), app));
            }
            actions.push(Action::Tick);
        }
        // A resize arrives as an action: update at the size it brought.
        let size = terminal.size()?;
        app.size = (size.width, size.height);
        for action in actions {
            let mut effects = app.update(action, clock.now());
            while !effects.is_empty() {
                let mut next = Vec::new();
                for effect in effects {
                    if let Effect::Write(_) = &effect
                        && let Some(msg) = watch.hold_write()
                    {
                        next.extend(app.update(Action::Failed(msg), clock.now()));
                        continue;
                    }
                    if let Some(follow) = carry_out(effect, app, journal, clock, &mut signature) {
                        next.extend(app.update(follow, clock.now()));
                    }
                }
                effects = next;
            }
        }
    }
    Ok(())
}

/// The whole journal, if its thread is done: `None` while it still reads,
/// `Some(None)` when the thread is gone, else what to apply. When it arrives,
/// `signature` follows what it read.
fn poll_full(
    rx: &FullLoad,
    journal: &Journal,
    clock: &Clock,
    app: &mut App<Local>,
    signature: &mut Signature,
) -> Option<Option<Action>> {
    let (sig, result) = match rx.try_recv() {
        Ok(got) => got,
        Err(std::sync::mpsc::TryRecvError::Empty) => return None,
        Err(std::sync::mpsc::TryRecvError::Disconnected) => return Some(None),
    };
    let action = match result {
        Ok((history, problems)) => {
            app.full = true;
            let action = if journal.signature() == sig {
                Action::Loaded {
                    history: Box::new(history),
                    problems,
                }
            } else {
                // Written to while it was read: read it again.
                reload(journal, &clock.now(), app)
            };
            *signature = journal.signature();
            action
        }
        Err(e) => Action::Failed(format!("older entries could not be read: {e}")),
    };
    Some(Some(action))
}

/// Does what an effect asks. A write is followed by the written add (when
/// nothing else changed the journal since `seen`, the signature it was last
/// read at), a reload, or a failure; `seen` follows what is read.
fn carry_out(
    effect: Effect,
    app: &App<Local>,
    journal: &Journal,
    clock: &Clock,
    seen: &mut Signature,
) -> Option<Action> {
    match effect {
        Effect::Quit => None,
        Effect::Reload => {
            *seen = journal.signature();
            Some(reload(journal, &clock.now(), app))
        }
        Effect::Bell => {
            let mut out = std::io::stdout();
            let _ = out.write_all(b"\x07").and_then(|_| out.flush());
            None
        }
        Effect::Report { first, days } => Some(write_report(app, journal, clock, (first, days))),
        Effect::Notify(message) => {
            let cmd = app.settings.notify_command.as_deref().unwrap_or_default();
            notify(cmd, &message).err().map(Action::Failed)
        }
        Effect::Write(change) => {
            let now = clock.now().fixed_offset();
            match commit(journal, change, &app.history, &app.rules, &now, seen) {
                Ok((event, after, true)) if event.op == Op::Add => {
                    *seen = after;
                    Some(Action::Appended(Box::new(event)))
                }
                Ok(_) => {
                    *seen = journal.signature();
                    Some(reload(journal, &clock.now(), app))
                }
                Err(e) => Some(Action::Failed(e)),
            }
        }
    }
}

/// The HTML report of a run of days, written where the CLI's `--open` writes it.
fn write_report(
    app: &App<Local>,
    journal: &Journal,
    clock: &Clock,
    period: (chrono::NaiveDate, u32),
) -> Action {
    use crate::report::page::{default_path, devices, html_page, make_reports_dir, write_page};
    let device = journal.device().to_string();
    let page = html_page(
        &clock.now(),
        period,
        &app.history,
        &app.rules,
        &app.prefs,
        (&devices(&journal.journal_dir()), &device),
    );
    let path = default_path(journal.data_dir(), period);
    match make_reports_dir(&path).and_then(|()| write_page(&path, &page)) {
        Ok(()) => Action::Done(format!("report written to {}", path.display())),
        Err(e) => Action::Failed(format!("report not written to {}: {e}", path.display())),
    }
}

/// Runs the notify command with the message as its last argument: no shell,
/// so nothing in the message is ever interpreted. It runs on its own; a
/// thread waits for it so that it leaves no zombie.
fn notify(command: &str, message: &str) -> Result<(), String> {
    let mut parts = command.split_whitespace();
    let Some(program) = parts.next() else {
        return Ok(());
    };
    let child = std::process::Command::new(program)
        .args(parts)
        .arg(message)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| format!("notify_command '{program}' did not start: {e}"))?;
    std::thread::spawn(move || {
        let mut child = child;
        let _ = child.wait();
    });
    Ok(())
}

/// The events that can matter on Today and to the recent flags (the newest
/// monthly files only, so a journal of years opens as fast as a new one),
/// or with `all` every event.
fn load(
    journal: &Journal,
    now: &DateTime<Local>,
    days: u32,
    all: bool,
) -> Result<(History, Vec<String>)> {
    let scope = if all {
        Scope::All
    } else {
        Scope::Since((*now - Duration::days(days as i64 + 2)).fixed_offset())
    };
    let loaded = journal.load(scope)?;
    let problems = loaded.problems.iter().map(|p| p.to_string()).collect();
    Ok((
        History::from_events_mine(loaded.events, &loaded.mine),
        problems,
    ))
}

/// The whole journal, read on its own thread, with the signature it had
/// before the read began.
type FullLoad = Receiver<(Signature, Result<(History, Vec<String>)>)>;

fn spawn_full_load(journal: Journal) -> FullLoad {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let sig = journal.signature();
        let result = load(&journal, &Local::now(), 0, true);
        let _ = tx.send((sig, result));
    });
    rx
}

/// Reads the journal again: all of it once the full load is in.
fn reload(journal: &Journal, now: &DateTime<Local>, app: &App<Local>) -> Action {
    match load(journal, now, app.rules.flags.recent_days, app.full) {
        Ok((history, problems)) => Action::Loaded {
            history: Box::new(history),
            problems,
        },
        Err(e) => Action::Failed(format!("cannot read the journal: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notify_command_gets_the_message_as_one_argument_never_through_a_shell() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let got = dir.path().join("got");
        let script = dir.path().join("notify.sh");
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\nprintf '%s|%s' \"$1\" \"$2\" > '{}.tmp' && mv '{0}.tmp' '{0}'\n",
                got.display()
            ),
        )
        .unwrap();
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        let message = "sip due; $(touch pwned) `touch pwned2`";
        notify(&format!("{} --urgent", script.display()), message).unwrap();
        let deadline = Instant::now() + std::time::Duration::from_secs(5);
        while !got.exists() {
            assert!(Instant::now() < deadline, "the notify command did not run");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let text = std::fs::read_to_string(&got).unwrap();
        assert_eq!(text, format!("--urgent|{message}"));
    }

    #[test]
    fn a_missing_notify_command_is_an_error_message_not_a_crash() {
        let err = notify("/nonexistent/notifier", "sip due").unwrap_err();
        assert!(err.contains("/nonexistent/notifier"), "{err}");
    }
}
