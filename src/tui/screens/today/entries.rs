//! Today's entries box: the newest entries that fit, each with its time
//! (a cramp with what came before it), and which entries are today's.

use crate::tui::app::{App, Zone};
use crate::tui::text::wrap;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

pub(super) fn draw_entries<Z: Zone>(frame: &mut Frame, area: Rect, app: &App<Z>) {
    let entries = app.today_entries();
    let visible = area.height.saturating_sub(2) as usize;
    let end = entries.len().saturating_sub(app.scroll);
    // Which entries are shown follows from their rows (a cramp or a long
    // note takes several), so the title is made once they are laid out.
    let block = |first: usize| {
        let hour = app.prefs.day_start_hour;
        let n = entries.len();
        let title = if first > 0 || end < n {
            format!(
                " Today since {hour:02}:00 ({}-{end} of {n}, j/k scroll) ",
                first + 1
            )
        } else {
            format!(" Today since {hour:02}:00 ({n}) ")
        };
        Block::default()
            .borders(Borders::ALL)
            .title(title)
            .title_style(app.theme.title())
    };
    if entries.is_empty() {
        frame.render_widget(
            Paragraph::new(nothing_yet(app))
                .block(block(0))
                .wrap(Wrap { trim: false }),
            area,
        );
        return;
    }
    // Long lines wrap under the entry (7 columns in), never cut a word.
    let cols = (area.width as usize).saturating_sub(2 + 7);
    // The newest entries that fit are shown.
    let mut lines: Vec<Line> = Vec::new();
    let mut first = end;
    for (i, e) in entries[..end].iter().enumerate().rev() {
        let mut more = entry_lines(app, e, cols);
        if !lines.is_empty() && lines.len() + more.len() > visible {
            break;
        }
        more.extend(lines);
        lines = more;
        first = i;
        if lines.len() >= visible {
            break;
        }
    }
    frame.render_widget(Paragraph::new(lines).block(block(first)), area);
}

/// What the entries box says when today has none: where to start, on a
/// first run.
fn nothing_yet<Z: Zone>(app: &App<Z>) -> Vec<Line<'static>> {
    if !app.history.entries.is_empty() {
        return vec![Line::raw(" Nothing logged today yet: d logs a drink.")];
    }
    vec![
        Line::raw(" Nothing logged yet. Start here:"),
        Line::raw("   d  log a drink (1-9 picks a size)"),
        Line::raw("   p  plan today's workout: pre-load countdowns"),
        Line::raw("   w  start a workout now: sip reminders"),
        Line::raw("   c  log a cramp"),
        Line::from(Span::styled("   ?  every key", app.theme.dim())),
    ]
}

/// An entry's rows, its text wrapped to `cols`; a cramp has more, with
/// what came before it (its context snapshot).
fn entry_lines<Z: Zone>(
    app: &App<Z>,
    e: &crate::domain::history::Entry,
    cols: usize,
) -> Vec<Line<'static>> {
    let th = app.theme;
    let local = e.at.with_timezone(&app.now.timezone());
    let mut text = app.describe(&e.body);
    if let Some(n) = e.body.note() {
        text.push_str(&format!("  \"{n}\""));
    }
    let style = if e.at > app.now.fixed_offset() {
        th.dim()
    } else {
        ratatui::style::Style::new()
    };
    let mut out = Vec::new();
    for (i, part) in wrap(&text, cols).into_iter().enumerate() {
        let when = if i == 0 {
            format!(" {} ", local.format("%H:%M"))
        } else {
            "       ".into()
        };
        out.push(Line::from(vec![
            Span::styled(when, th.dim()),
            Span::styled(part, style),
        ]));
    }
    if matches!(e.body, crate::domain::entry::Body::Cramp(_)) {
        let snap = crate::domain::context::snapshot(e, &app.history, &app.rules);
        for part in wrap(&snap.describe(app.settings.units), cols) {
            out.push(Line::from(Span::styled(format!("       {part}"), th.dim())));
        }
    }
    out
}

impl<Z: Zone> App<Z> {
    pub fn today_entries(&self) -> Vec<&crate::domain::history::Entry> {
        let (start, end) = crate::domain::day::today_bounds(&self.now, self.prefs.day_start_hour);
        // The entries are in time order: two binary searches, not a scan of years.
        let entries = &self.history.entries;
        let lo = entries.partition_point(|e| e.at < start);
        let hi = entries.partition_point(|e| e.at < end).max(lo);
        // Where clocks go back across the day's start hour, part of those
        // bounds reads as yesterday (Antarctica/Troll): the day every report
        // gives an entry is the one that counts.
        let (tz, h) = (self.now.timezone(), self.prefs.day_start_hour);
        let today = crate::domain::day::day_of(&self.now.fixed_offset(), &tz, h);
        entries[lo..hi]
            .iter()
            .filter(|e| crate::domain::day::day_of(&e.at, &tz, h) == today)
            .collect()
    }

    /// j/k and the pages: Today counts from the newest entry up.
    pub(crate) fn scroll_today(&mut self, by: isize) {
        let max = self.today_entries().len().saturating_sub(1);
        self.scroll = self.scroll.saturating_add_signed(-by).min(max);
    }
}
