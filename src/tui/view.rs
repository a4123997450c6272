//! The frame around every screen: tabs, the screen, the key line, and what
//! floats above (a form, the help). Drawing reads `&App` and changes nothing.

use super::app::{App, Screen, Zone};
use super::cards;
use super::forms::view as form_view;
use super::screens::{glance, guide, help, history, insights, today};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub use super::layout::{MIN_HEIGHT, MIN_WIDTH};

pub fn draw<Z: Zone>(frame: &mut Frame, app: &App<Z>) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        // Glance is made for a small pane: it takes the whole of it.
        let bare = app.form.is_none() && !app.help && app.card.is_none();
        if app.screen == Screen::Glance && bare {
            glance::draw(frame, area, app);
        } else {
            too_small(frame, area);
        }
        return;
    }
    let [top, body, bottom] = super::layout::frame(area);
    frame.render_widget(tabs(app, top.width), top);
    match app.screen {
        Screen::Today => today::draw(frame, body, app),
        Screen::Glance => glance::draw(frame, body, app),
        Screen::History => history::draw(frame, body, app),
        Screen::Insights => insights::draw(frame, body, app),
        Screen::Guide => guide::draw(frame, body, app),
    }
    frame.render_widget(key_line(app, bottom.width), bottom);
    if let Some(form) = &app.form {
        form_view::draw(frame, area, form, app.theme, app.settings.units);
    }
    if let Some(m) = app.card {
        cards::stretch_card(frame, body, app, m);
    }
    if !app.alarm.is_empty() {
        frame.render_widget(&cards::AlarmCard { lines: &app.alarm }, body);
    }
    if app.help {
        help::draw(frame, area, app.theme, app.help_scroll);
    }
}

fn too_small(frame: &mut Frame, area: Rect) {
    let text = format!(
        "terminal too small: {}x{}; crampwatch needs at least {MIN_WIDTH}x{MIN_HEIGHT} (Glance, g, fits smaller; q quits)",
        area.width, area.height
    );
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

fn tabs<Z: Zone>(app: &App<Z>, width: u16) -> Line<'static> {
    let t = app.theme;
    let mut spans = Vec::new();
    if width >= 80 {
        spans.push(Span::styled(" crampwatch ", t.title()));
    }
    for (i, s) in Screen::ALL.iter().enumerate() {
        let label = format!(" {} {} ", i + 1, s.title());
        spans.push(if *s == app.screen {
            Span::styled(label, t.selected())
        } else {
            Span::raw(label)
        });
    }
    let fmt = if width >= 100 {
        "%a %-d %b %H:%M:%S"
    } else {
        "%a %H:%M:%S"
    };
    let clock = app.now.format(fmt).to_string();
    let used: usize = spans.iter().map(|s| s.width()).sum();
    let pad = (width as usize).saturating_sub(used + super::text::width(&clock) + 1);
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::styled(clock, t.dim()));
    Line::from(spans)
}

fn key_line<Z: Zone>(app: &App<Z>, width: u16) -> Line<'static> {
    let t = app.theme;
    if let Some(f) = &app.flash {
        let style = if f.error { t.bad() } else { t.good() };
        // Too long for the line: whole parts (at ` · `) while they fit.
        let text = super::text::wrap_items(&f.text, (width as usize).saturating_sub(3));
        let text = match text.as_slice() {
            [one] => one.clone(),
            [first, ..] => format!("{first} …"),
            [] => String::new(),
        };
        return Line::from(Span::styled(format!(" {text}"), style));
    }
    // History, Insights and the Guide draw their own keys above this line.
    let mut keys: Vec<(&str, &str)> = match app.screen {
        Screen::History | Screen::Insights | Screen::Guide => vec![
            ("d", "drink"),
            ("w", "workout"),
            ("c", "cramp"),
            ("1-5", "screens"),
        ],
        Screen::Today | Screen::Glance => vec![
            ("d", "drink"),
            ("w", "workout"),
            ("p", "plan"),
            ("c", "cramp"),
            ("u", "undo"),
            ("g", "glance"),
        ],
    };
    if app.stretch_offer.is_some() {
        keys.insert(0, ("s", "stretch"));
    }
    keys.extend([("?", "help"), ("q", "quit")]);
    // Whole items only: those at the end (help, quit) and the start are
    // kept, the ones before help are dropped first.
    let item_w =
        |(k, what): &(&str, &str)| super::text::width(k) + 1 + super::text::width(what) + 2;
    let mut used: usize = 1 + keys.iter().map(item_w).sum::<usize>();
    while used > width as usize + 2 && keys.len() > 2 {
        let drop = keys.len() - 3;
        used -= item_w(&keys[drop]);
        keys.remove(drop);
    }
    let mut spans = vec![Span::raw(" ")];
    for (k, what) in keys {
        spans.push(Span::styled(k, t.title()));
        spans.push(Span::raw(format!(" {what}  ")));
    }
    Line::from(spans)
}

/// `6:40`, `1:05:00`: a countdown or clock, from seconds.
pub fn clock(secs: i64) -> String {
    let s = secs.unsigned_abs();
    let (h, m, s) = (s / 3600, (s % 3600) / 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// `0:18:01`: how long something has run, always with hours so that it never
/// reads as a time of day.
pub fn elapsed(secs: i64) -> String {
    let s = secs.max(0);
    format!("{}:{:02}:{:02}", s / 3600, (s % 3600) / 60, s % 60)
}

#[cfg(test)]
#[path = "view_tests.rs"]
mod tests;
