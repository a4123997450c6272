//! The History, Insights and Guide screens inside the app's frame: each
//! widget (`history.rs`, `insights.rs`, `guide.rs`) drawn from the app's state.

use super::app::{App, Zone};
use super::guide::StretchCard;
use super::history::HistoryView;
use super::insights::Insights;
use crate::domain::entry::Muscle;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

pub fn history<Z: Zone>(frame: &mut Frame, area: Rect, app: &App<Z>) {
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

fn block<Z: Zone>(app: &App<Z>, title: &str) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .title(format!(" {title} "))
        .title_style(app.theme.title())
}

pub fn insights<Z: Zone>(frame: &mut Frame, area: Rect, app: &App<Z>) {
    // The widget draws its own title, disclaimer and keys.
    let mut inner = area.inner(Margin::new(1, 0));
    if !app.insights.open {
        inner = sweat_section(frame, inner, app);
    }
    let period = app.flags_period();
    let view = Insights {
        flags: &app.flags,
        snapshots: &app.snapshots,
        unit: app.settings.units,
        period: &period,
        state: &app.insights,
    };
    frame.render_widget(&view, inner);
}

/// The "Sweat rate" section at the foot of Insights' list, in at most half
/// of `area`; returns what is left above it for the flags.
fn sweat_section<Z: Zone>(frame: &mut Frame, area: Rect, app: &App<Z>) -> Rect {
    let now = app.now.fixed_offset();
    let width = area.width.max(8) as usize;
    let rows: Vec<String> = super::sweat::section_lines(&app.sweat, &app.rules, &now)
        .iter()
        .flat_map(|l| {
            // Short lines (the chart) keep their spacing; long ones wrap at words.
            if l.chars().count() <= width {
                vec![l.clone()]
            } else {
                super::guide::wrap(l, width)
            }
        })
        .collect();
    let height = (rows.len() as u16 + 1).min(area.height / 2);
    if height < 2 {
        return area;
    }
    let [rest, _, section] = Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(height - 1),
    ])
    .areas(area);
    let lines: Vec<Line> = rows
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                Line::from(Span::styled(l, app.theme.title()))
            } else {
                Line::raw(l)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), section);
    rest
}

pub fn guide<Z: Zone>(frame: &mut Frame, area: Rect, app: &App<Z>) {
    let b = block(app, "Guide · general information, not medical advice");
    let inner = b.inner(area);
    frame.render_widget(b, area);
    app.guide
        .render(inner, frame.buffer_mut(), &app.guide_state);
}

/// The stretch offered after a cramp, over the screen.
pub fn stretch_card<Z: Zone>(frame: &mut Frame, area: Rect, app: &App<Z>, muscle: Muscle) {
    if let Some(section) = app.guide.stretch_for(muscle) {
        frame.render_widget(&StretchCard { section: &section }, area);
    }
}
