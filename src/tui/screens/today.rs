//! Today: the timers that matter now (most urgent first, and biggest), intake
//! against the goal, the running workout's clock, warnings, today's entries.

use crate::tui::app::{App, Zone};
use crate::tui::text::{wrap, wrap_items};
use crate::tui::timers::{Timer, TimerKind, TimerState, kind_label, state_label};
use crate::tui::view::{clock, elapsed};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

mod entries;
use entries::draw_entries;

pub fn draw<Z: Zone>(frame: &mut Frame, area: Rect, app: &App<Z>) {
    let t = app.theme;
    // Warnings and flags wrap rather than lose their end: the first (the
    // gut's hourly limit, when it is passed) up to three lines, each other
    // up to two, so that one long warning never hides the next; six at most.
    let width = (area.width as usize).saturating_sub(3).max(10);
    let warn: Vec<Line> = warnings(app)
        .iter()
        .enumerate()
        .flat_map(|(n, w)| {
            let mut parts = wrap_items(w, width);
            let most = if n == 0 { 3 } else { 2 };
            if parts.len() > most {
                parts.truncate(most);
                parts[most - 1].push_str(" …");
            }
            parts
                .into_iter()
                .enumerate()
                .map(|(i, part)| {
                    let lead = if i == 0 { " ! " } else { "   " };
                    Line::from(Span::styled(format!("{lead}{part}"), t.warn()))
                })
                .collect::<Vec<_>>()
        })
        .take(6)
        .collect();
    let warn_rows = warn.len() as u16;
    // Timers take what is left once the gauge, the workout, the warnings and
    // three rows of entries have their place.
    let room = (area.height as usize).saturating_sub(2 + warn.len() + 5 + 2 + 1);
    let timer_lines = timer_text(
        app,
        area.width.saturating_sub(2) as usize,
        room.min(MAX_TIMER_LINES),
    );
    let timer_rows = timer_lines.len() as u16;
    let sweat = sweat_line(app);
    let workout_rows = 1 + sweat.is_some() as u16;
    let [
        timers_area,
        gauge_area,
        workout_area,
        warn_area,
        entries_area,
    ] = Layout::vertical([
        Constraint::Length(timer_rows + 2),
        Constraint::Length(1),
        Constraint::Length(workout_rows),
        Constraint::Length(warn_rows),
        Constraint::Min(3),
    ])
    .areas(area);
    draw_timers(frame, timers_area, timer_lines, app.theme);
    draw_gauge(frame, gauge_area, app);
    let mut workout = vec![workout_line(app)];
    workout.extend(sweat);
    frame.render_widget(Paragraph::new(workout), workout_area);
    frame.render_widget(Paragraph::new(warn), warn_area);
    draw_entries(frame, entries_area, app);
}

/// Warnings from the timers, then problems reading the journal.
fn warnings<Z: Zone>(app: &App<Z>) -> Vec<String> {
    let mut w = app.hydration.warnings.clone();
    if let Some(line) = super::insights::today_line(&app.flags) {
        w.push(format!("{line} · 4 Insights"));
    }
    match app.problems.len() {
        0 => {}
        1 => w.push(format!("journal: {}", app.problems[0])),
        n => w.push(format!(
            "journal: {n} problems, first: {} (see crampwatch list)",
            app.problems[0]
        )),
    }
    w
}

/// Columns before a timer's message: marker, kind, when.
const KIND_W: usize = 13;
const WHEN_W: usize = 18;
const PREFIX_W: usize = 3 + KIND_W + WHEN_W;
/// Timer lines at most (a long message takes two).
const MAX_TIMER_LINES: usize = 8;

/// When a timer is, in words: `in 2:30:00`, `open 6:40 left`, `overdue 5:00`.
fn when(t: &Timer) -> String {
    match (t.state, t.secs_left) {
        (TimerState::Upcoming, Some(s)) => format!("in {}", clock(s)),
        (TimerState::Open, Some(s)) => format!("open {} left", clock(s)),
        (TimerState::Due, _) => "due now".into(),
        (TimerState::Overdue, Some(s)) => format!("overdue {}", clock(s)),
        (TimerState::Active, Some(s)) if s >= 0 => format!("{} left", clock(s)),
        // Intake so far, standing by while a workout's sips lead (or at night).
        (TimerState::Active, None) if t.kind == TimerKind::Daily => "so far".into(),
        (state, _) => state_label(state).into(),
    }
}

fn timer_lines<Z: Zone>(app: &App<Z>, t: &Timer, first: bool, width: usize) -> Vec<Line<'static>> {
    let th = app.theme;
    let state_style = match t.state {
        TimerState::Due | TimerState::Overdue => th.bad(),
        TimerState::Open => th.warn(),
        TimerState::Done => th.good(),
        _ => ratatui::style::Style::new(),
    };
    let kind_style = if first {
        th.title()
    } else {
        ratatui::style::Style::new()
    };
    let message = wrap(&t.message, width.saturating_sub(PREFIX_W).max(10));
    let mut lines = vec![Line::from(vec![
        Span::raw(if first { " > " } else { "   " }),
        Span::styled(format!("{:<KIND_W$}", kind_label(t.kind)), kind_style),
        Span::styled(format!("{:<WHEN_W$}", when(t)), state_style),
        Span::raw(message[0].clone()),
    ])];
    for more in message.iter().skip(1).take(2) {
        lines.push(Line::raw(format!("{:PREFIX_W$}{more}", "")));
    }
    lines
}

fn timer_text<Z: Zone>(app: &App<Z>, width: usize, max_lines: usize) -> Vec<Line<'static>> {
    let th = app.theme;
    let timers = &app.hydration.timers;
    let mut lines: Vec<Line> = Vec::new();
    if timers.is_empty() {
        lines.push(Line::raw(
            " No countdown running. Plan a workout (p) for pre-load and top-up",
        ));
        lines.push(Line::raw(" deadlines, or start one (w) for sip reminders."));
        return lines;
    }
    let mut shown = 0;
    for (i, t) in timers.iter().enumerate() {
        let more = timer_lines(app, t, i == 0, width);
        if i > 0 && lines.len() + more.len() > max_lines {
            break;
        }
        lines.extend(more);
        shown += 1;
    }
    let hidden = timers.len() - shown;
    let tail = if hidden > 0 {
        format!(" and {hidden} more · ")
    } else {
        " ".to_string()
    };
    let footer = format!("{tail}general information, not medical advice; drink to thirst");
    for part in wrap(&footer, width.saturating_sub(1)) {
        lines.push(Line::from(Span::styled(format!(" {part}"), th.dim())));
    }
    lines
}

fn draw_timers(
    frame: &mut Frame,
    area: Rect,
    lines: Vec<Line<'static>>,
    theme: crate::tui::theme::Theme,
) {
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Timers ")
        .title_style(theme.title());
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn draw_gauge<Z: Zone>(frame: &mut Frame, area: Rect, app: &App<Z>) {
    let h = &app.hydration;
    let unit = app.settings.units;
    let ratio = if h.goal_ml == 0 {
        0.0
    } else {
        (h.intake_today_ml as f64 / h.goal_ml as f64).clamp(0.0, 1.0)
    };
    let label = format!(
        " {} / {} {} today ({:.0}%)",
        unit.number(h.intake_today_ml as f64),
        unit.number(h.goal_ml as f64),
        unit.label(),
        100.0 * h.intake_today_ml as f64 / h.goal_ml.max(1) as f64
    );
    let [name, bar, text] = Layout::horizontal([
        Constraint::Length(9),
        Constraint::Min(10),
        Constraint::Length(crate::tui::text::width(&label) as u16 + 1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(" Intake "), name);
    // A plain bar of full and light blocks: it reads the same without colour.
    let w = bar.width as usize;
    let full = ((ratio * w as f64).round() as usize).min(w);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("█".repeat(full), app.theme.gauge()),
            Span::styled("░".repeat(w - full), app.theme.dim()),
        ])),
        bar,
    );
    frame.render_widget(Paragraph::new(label), text);
}

/// During a session, the sweat rate in use and the loss so far; after one
/// with a weighing before it, the prompt to weigh again.
fn sweat_line<Z: Zone>(app: &App<Z>) -> Option<Line<'static>> {
    let now = app.now.fixed_offset();
    if let Some(w) = &app.hydration.workout {
        // A workout logged as running for more than a day is named in a
        // warning; an estimate of its sweat would be days of it.
        let longest = crate::domain::check::MAX_WORKOUT_HOURS * 3600;
        if w.elapsed_secs > longest {
            return None;
        }
        let text = crate::tui::sweat::session_text(
            &app.sweat,
            &app.history,
            &app.rules,
            w,
            &now,
            app.settings.units,
        )?;
        return Some(Line::from(vec![
            Span::raw(" Sweat   "),
            Span::styled(text, app.theme.dim()),
        ]));
    }
    let text = crate::tui::sweat::prompt_text(&app.history, &app.rules, &now)?;
    Some(Line::from(vec![
        Span::raw(" Sweat   "),
        Span::styled(text, app.theme.warn()),
    ]))
}

fn workout_line<Z: Zone>(app: &App<Z>) -> Line<'static> {
    let t = app.theme;
    match &app.hydration.workout {
        Some(w) => Line::from(vec![
            Span::raw(" Workout "),
            Span::styled(
                format!("{} {}", w.activity, elapsed(w.elapsed_secs)),
                t.title(),
            ),
            Span::raw(format!(" since {} · w stops it", {
                // The day too when it started before today.
                let started = w.started.with_timezone(&app.now.timezone());
                let today = app.now.date_naive();
                let form = if started.date_naive() == today {
                    "%H:%M"
                } else {
                    "%a %-d %b %H:%M"
                };
                started.format(form)
            })),
        ]),
        None => Line::from(Span::styled(
            " Workout  none running · w starts one",
            t.dim(),
        )),
    }
}
