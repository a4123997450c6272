//! Today: the timers that matter now (most urgent first, and biggest), intake
//! against the goal, the running workout's clock, warnings, today's entries.

use super::app::{App, Zone};
use super::timers::{Timer, TimerState, kind_label, state_label};
use super::view::clock;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// Timer rows shown at most; the rest are counted.
const MAX_TIMERS: usize = 5;

pub fn draw<Z: Zone>(frame: &mut Frame, area: Rect, app: &App<Z>) {
    let h = &app.hydration;
    let timer_rows = if h.timers.is_empty() {
        2
    } else {
        h.timers.len().min(MAX_TIMERS) as u16 + 1
    };
    let warn_rows = warnings(app).len().min(3) as u16;
    let [
        timers_area,
        gauge_area,
        workout_area,
        warn_area,
        entries_area,
    ] = Layout::vertical([
        Constraint::Length(timer_rows + 2),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(warn_rows),
        Constraint::Min(3),
    ])
    .areas(area);
    draw_timers(frame, timers_area, app);
    draw_gauge(frame, gauge_area, app);
    frame.render_widget(workout_line(app), workout_area);
    let t = app.theme;
    let warn: Vec<Line> = warnings(app)
        .into_iter()
        .take(3)
        .map(|w| Line::from(Span::styled(format!(" ! {w}"), t.warn())))
        .collect();
    frame.render_widget(Paragraph::new(warn), warn_area);
    draw_entries(frame, entries_area, app);
}

/// Warnings from the timers, then problems reading the journal.
fn warnings<Z: Zone>(app: &App<Z>) -> Vec<String> {
    let mut w = app.hydration.warnings.clone();
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

fn timer_line<'a, Z: Zone>(app: &App<Z>, t: &'a Timer, first: bool) -> Line<'a> {
    let th = app.theme;
    let when = match (t.state, t.secs_left) {
        (TimerState::Done, _) => String::new(),
        (_, Some(s)) if s < 0 => format!("{} ago", clock(s)),
        (_, Some(s)) => format!("in {}", clock(s)),
        (_, None) => String::new(),
    };
    let state_style = match t.state {
        TimerState::Due | TimerState::Overdue => th.bad(),
        TimerState::Open => th.warn(),
        TimerState::Done => th.good(),
        _ => ratatui::style::Style::new(),
    };
    let kind_style = if first { th.title() } else { th.dim() };
    Line::from(vec![
        Span::raw(if first { " > " } else { "   " }),
        Span::styled(format!("{:<18}", kind_label(t.kind)), kind_style),
        Span::styled(format!("{:<9}", state_label(t.state)), state_style),
        Span::styled(format!("{when:>13}  "), kind_style),
        Span::raw(t.message.as_str()),
    ])
}

fn draw_timers<Z: Zone>(frame: &mut Frame, area: Rect, app: &App<Z>) {
    let th = app.theme;
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Timers ")
        .title_style(th.title());
    let timers = &app.hydration.timers;
    let mut lines: Vec<Line> = Vec::new();
    if timers.is_empty() {
        lines.push(Line::raw(
            " No countdown running. Plan a workout (p) for pre-load and top-up",
        ));
        lines.push(Line::raw(" deadlines, or start one (w) for sip reminders."));
    } else {
        for (i, t) in timers.iter().take(MAX_TIMERS).enumerate() {
            lines.push(timer_line(app, t, i == 0));
        }
        let more = timers.len().saturating_sub(MAX_TIMERS);
        let tail = if more > 0 {
            format!(" and {more} more · ")
        } else {
            " ".to_string()
        };
        lines.push(Line::from(Span::styled(
            format!("{tail}general information, not medical advice; drink to thirst"),
            th.dim(),
        )));
    }
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
        Constraint::Length(label.chars().count() as u16 + 1),
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

fn workout_line<Z: Zone>(app: &App<Z>) -> Paragraph<'static> {
    let t = app.theme;
    let line = match &app.hydration.workout {
        Some(w) => Line::from(vec![
            Span::raw(" Workout "),
            Span::styled(
                format!("{} {}", w.activity, clock(w.elapsed_secs)),
                t.title(),
            ),
            Span::raw(format!(
                " since {} · w stops it",
                w.started.with_timezone(&app.now.timezone()).format("%H:%M")
            )),
        ]),
        None => Line::from(Span::styled(
            " Workout  none running · w starts one",
            t.dim(),
        )),
    };
    Paragraph::new(line)
}

fn draw_entries<Z: Zone>(frame: &mut Frame, area: Rect, app: &App<Z>) {
    let th = app.theme;
    let entries = app.today_entries();
    let title = format!(
        " Today since {:02}:00 ({}) ",
        app.prefs.day_start_hour,
        entries.len()
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .title(title)
        .title_style(th.title());
    if entries.is_empty() {
        let text = if app.history.entries.is_empty() {
            vec![
                Line::raw(" Nothing logged yet. Start here:"),
                Line::raw("   d  log a drink (1-9 picks a size)"),
                Line::raw("   p  plan today's workout: pre-load countdowns"),
                Line::raw("   w  start a workout now: sip reminders"),
                Line::raw("   c  log a cramp"),
                Line::from(Span::styled("   ?  every key", th.dim())),
            ]
        } else {
            vec![Line::raw(" Nothing logged today yet: d logs a drink.")]
        };
        frame.render_widget(
            Paragraph::new(text).block(block).wrap(Wrap { trim: false }),
            area,
        );
        return;
    }
    let tz = app.now.timezone();
    let now = app.now.fixed_offset();
    let lines: Vec<Line> = entries
        .iter()
        .skip(app.scroll)
        .map(|e| {
            let local = e.at.with_timezone(&tz);
            let mut text = e.body.describe(app.settings.units);
            if let Some(n) = e.body.note() {
                text.push_str(&format!("  \"{n}\""));
            }
            let style = if e.at > now {
                th.dim()
            } else {
                ratatui::style::Style::new()
            };
            Line::from(vec![
                Span::styled(format!(" {} ", local.format("%H:%M")), th.dim()),
                Span::styled(text, style),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
