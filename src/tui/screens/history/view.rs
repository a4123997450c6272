//! Drawing the History screen from plain data. Nothing here changes state.
//!
//! Meaning never rests on colour alone: tied cramps are `█`, not tied `░`,
//! the overview uses `· ░ ▒ ▓ █`, the selection is reversed.

use super::HistoryState;
use crate::domain::entry::{VolumeUnit, format_duration};
use crate::domain::history::Entry;
use crate::domain::patterns::Level;
use crate::domain::week::{Overview, Week};
use crate::tui::rows::set_rows;
use crate::tui::text::{clip, width, wrap_items};
use chrono::{NaiveDate, TimeZone};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

/// Everything the History screen draws.
pub struct HistoryView<'a, Tz: TimeZone> {
    pub week: &'a Week,
    /// The week's entries, in the order of the table.
    pub entries: &'a [&'a Entry],
    pub overview: &'a Overview,
    pub state: &'a HistoryState,
    pub unit: VolumeUnit,
    /// The unit weights are shown in.
    pub mass: crate::domain::mass::MassUnit,
    pub tz: Tz,
    /// The day "now" is in: later days are left blank.
    pub today: NaiveDate,
    /// The hour a day starts (04:00 by default): the table's day column
    /// counts days as the charts do, so a 02:40 cramp is the night before's.
    pub day_start_hour: u32,
    /// False with NO_COLOR: only bold, reverse and dim remain.
    pub color: bool,
    /// What came before the selected entry, when it is a cramp (its context
    /// snapshot), shown under the table.
    pub selected_context: Option<String>,
}

impl<Tz: TimeZone> HistoryView<'_, Tz> {
    pub(super) fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub(super) fn title(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub(super) fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub(super) fn block<'b>(&self, title: &'b str) -> Block<'b> {
        Block::new()
            .borders(Borders::ALL)
            .title(Span::styled(title, self.title()))
    }

    /// ` History · 2026-W48 · Mon 23 Nov – Sun 29 Nov 2026  (this week)`,
    /// without the weekdays when narrow.
    fn header(&self, cols: u16) -> Line<'static> {
        let w = self.week;
        let label = w.iso_label().unwrap_or_default();
        let (from, to) = if cols >= 70 {
            ("%a %-d %b", "%a %-d %b %Y")
        } else {
            ("%-d %b", "%-d %b %Y")
        };
        let mut spans = vec![
            Span::styled(format!(" History · {label} · "), self.title()),
            Span::raw(format!(
                "{} – {}",
                w.first.format(from),
                w.last().format(to)
            )),
        ];
        if self.state.week == self.state.this_week {
            spans.push(Span::styled("  (this week)", self.dim()));
        }
        Line::from(spans)
    }

    /// The week in words: totals with the change, muscles, flags.
    fn summary_lines(&self) -> Vec<Line<'static>> {
        let w = self.week;
        let t = &w.totals;
        let c = &w.change;
        let sign = |n: i64| match n.signum() {
            1 => format!("+{n}"),
            _ => n.to_string(),
        };
        let mut first = format!(
            " Cramps {} ({} not tied, {} vs last week)",
            t.cramps,
            t.cramps_untied,
            sign(c.cramps)
        );
        if let Some(s) = t.worst_severity {
            first.push_str(&format!(" · worst {s}"));
        }
        if t.cramp_secs > 0 {
            first.push_str(&format!(" · {}", format_duration(t.cramp_secs)));
        }
        let reaches_today = w.last() >= self.today;
        match (w.days_since_last_cramp, reaches_today) {
            (Some(0), true) => first.push_str(" · last cramp today"),
            (Some(n), true) => first.push_str(&format!(" · last cramp {n}d ago")),
            (Some(n), false) => first.push_str(&format!(" · last cramp {n}d before Sun")),
            (None, _) => {}
        }
        // Like the report: only the days that have begun count.
        let begun = w.days.iter().filter(|d| d.date <= self.today).count();
        let so_far = if begun < w.days.len() { " so far" } else { "" };
        let second = format!(
            " Goal met {}/{begun} days{so_far} · intake {} ({} vs last week) · workouts {}, {} min ({})",
            t.days_goal_met,
            self.unit.format(t.intake_ml as f64),
            match c.intake_ml.signum() {
                1 => format!("+{}", self.unit.format(c.intake_ml as f64)),
                -1 => format!("-{}", self.unit.format(-c.intake_ml as f64)),
                _ => "same".into(),
            },
            t.workouts,
            t.workout_minutes,
            sign(c.workout_minutes)
        );
        let muscles = if w.muscles.is_empty() {
            "none".to_string()
        } else {
            w.muscles
                .iter()
                .map(|(m, n)| format!("{m} {n}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut third = vec![Span::raw(format!(" Muscles: {muscles} · Flags: "))];
        if w.flags.is_empty() {
            third.push(Span::styled("none this week", self.dim()));
        } else {
            for (i, f) in w.flags.iter().enumerate() {
                if i > 0 {
                    third.push(Span::raw("; "));
                }
                let style = match f.level {
                    Level::Professional => self.fg(Color::Red).add_modifier(Modifier::BOLD),
                    Level::Watch => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
                    Level::Note => Style::new(),
                };
                third.push(Span::styled(
                    format!("[{}] {}", f.level.label(), f.title),
                    style,
                ));
            }
        }
        vec![Line::raw(first), Line::raw(second), Line::from(third)]
    }

    /// The summary wrapped to `cols` at its ` · ` and `; ` joins (then at
    /// spaces), so that no figure is cut; the colour of the flags is kept
    /// on the rows that hold them.
    fn summary_rows(&self, cols: usize) -> Vec<Line<'static>> {
        let mut rows = Vec::new();
        for line in self.summary_lines() {
            let style_of = |text: &str| {
                line.spans
                    .iter()
                    .find(|s| s.style != Style::new() && text.contains(s.content.trim()))
                    .map_or(Style::new(), |s| s.style)
            };
            let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
            for row in wrap_items(text.trim_start(), cols.saturating_sub(1)) {
                let style = if row.contains('[') {
                    style_of(&row)
                } else {
                    Style::new()
                };
                rows.push(Line::styled(format!(" {row}"), style));
            }
        }
        rows
    }

    /// The week's entries; the selected row is reversed and kept in view.
    fn entries_table(&self, area: Rect, buf: &mut Buffer) {
        let mut block = self.block(" Entries ");
        if let Some(context) = &self.selected_context {
            // Cut at a word to fit between the corners, never mid-word.
            let room = usize::from(area.width.saturating_sub(4));
            let context = crate::tui::text::clip(context, room);
            block = block.title_bottom(Line::styled(format!(" {context} "), self.dim()));
        }
        let inner = block.inner(area);
        block.render(area, buf);
        if self.entries.is_empty() {
            Paragraph::new(Line::styled(" nothing logged this week", self.dim()))
                .render(inner, buf);
            return;
        }
        let visible = inner.height.saturating_sub(1).max(1) as usize;
        let offset = self.state.selected.saturating_sub(visible - 1);
        // Columns as a table would lay them: a marker, the day (6), the time
        // (5), the entry, one space between. Set straight into the buffer:
        // a week can hold a hundred entries and a redraw must stay cheap.
        let mut lines = vec![Line::styled("  day    time  entry", self.dim())];
        let mut selected_row = None;
        for (i, e) in self.entries.iter().enumerate().skip(offset).take(visible) {
            let local = e.at.with_timezone(&self.tz).naive_local();
            let day = crate::domain::day::day_of(&e.at, &self.tz, self.day_start_hour);
            let selected = i == self.state.selected;
            let mut row = format!(
                "{} {:<6} {} {}",
                if selected { "▶" } else { " " },
                day.format("%a %-d"),
                local.format("%H:%M"),
                e.body.describe_in(self.unit, self.mass, &self.tz)
            );
            if let Some(n) = e.body.note() {
                // One row: a note's line breaks read as spaces (the
                // terminal would drop them and glue the words).
                let n = n.replace(['\r', '\n', '\t'], " ");
                row.push_str(&format!(" \"{n}\""));
            }
            // A row that is too wide loses whole words, and says so.
            let row = clip(&row, inner.width as usize);
            if selected {
                selected_row = Some(lines.len() as u16);
            }
            lines.push(Line::raw(row));
        }
        set_rows(buf, inner, &lines);
        let row_area = |dy: u16| Rect {
            y: inner.y + dy,
            height: 1,
            ..inner
        };
        buf.set_style(row_area(0), self.dim());
        if let Some(dy) = selected_row.filter(|dy| *dy < inner.height) {
            buf.set_style(row_area(dy), Modifier::REVERSED);
        }
    }
}

/// The keys under the table, most needed first: those that do not fit are
/// dropped whole.
const KEYS: [&str; 7] = [
    "↑/↓ select",
    "Enter edit",
    "x delete",
    "u undo",
    "←/h →/l week",
    "t this week",
    "e/E report",
];

impl<Tz: TimeZone> Widget for &HistoryView<'_, Tz> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.height < 3 || area.width < 20 {
            Paragraph::new("History: make the terminal larger").render(area, buf);
            return;
        }
        // Small terminals: shorter charts, and the table keeps room for a
        // few entries; the summary gets what is left.
        let chart_h = match area.height {
            30.. => 11,
            22.. => 7,
            _ => 6,
        };
        // Five entries where there is room, three on a small terminal.
        let table_min = if area.height >= 22 { 8 } else { 6 };
        let summary = self.summary_rows(area.width as usize);
        let room = area.height.saturating_sub(1 + chart_h + table_min + 1);
        let summary_h = (summary.len() as u16).min(room);
        let [head, charts, summary_area, bottom, keys] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(chart_h),
            Constraint::Length(summary_h),
            Constraint::Min(3),
            Constraint::Length(1),
        ])
        .areas(area);
        Paragraph::new(self.header(area.width)).render(head, buf);
        let [cramps, intake] =
            Layout::horizontal([Constraint::Length(30), Constraint::Min(20)]).areas(charts);
        self.cramp_chart(cramps, buf);
        self.intake_chart(intake, buf);
        set_rows(buf, summary_area, &summary);
        // The heat map goes first when the table would be too narrow for
        // an entry (a cramp with its context needs about 50 columns).
        let overview_w = (self.overview.weeks() as u16) * 2 + 4;
        if bottom.width >= overview_w + 52 && bottom.height >= 8 {
            let [table, over] =
                Layout::horizontal([Constraint::Min(30), Constraint::Length(overview_w)])
                    .areas(bottom);
            self.entries_table(table, buf);
            self.overview(over, buf);
        } else {
            self.entries_table(bottom, buf);
        }
        let keys_text: Vec<String> = KEYS.iter().map(|k| k.to_string()).collect();
        let mut shown = Vec::new();
        for k in &keys_text {
            let next = shown
                .iter()
                .chain([k])
                .map(|s: &String| width(s) + 3)
                .sum::<usize>();
            if next <= area.width as usize {
                shown.push(k.clone());
            }
        }
        // Shown in the screen's usual order: week keys first.
        shown.sort_by_key(|k| [2, 3, 4, 5, 0, 1, 6][KEYS.iter().position(|x| x == k).unwrap_or(0)]);
        Paragraph::new(Line::styled(format!(" {}", shown.join(" · ")), self.dim()))
            .render(keys, buf);
    }
}
