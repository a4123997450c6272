//! The History screen's cramp chart (a bar a day) and the overview of the
//! last weeks (a cell a day).

use super::HistoryView;
use crate::tui::rows::set_rows;
use chrono::{Datelike, Duration, TimeZone};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Padding, Widget};

impl<Tz: TimeZone> HistoryView<'_, Tz> {
    /// Vertical bars, one column per day: `█` tied, `░` not tied, count on top.
    pub(super) fn cramp_chart(&self, area: Rect, buf: &mut Buffer) {
        let block = self.block(" Cramps: █ tied ░ not tied ");
        let inner = block.inner(area);
        block.render(area, buf);
        if inner.height < 2 || inner.width < 7 {
            return;
        }
        let bar_rows = (inner.height - 2) as u32; // a row of counts, a row of day names
        // The busiest day fills the height; any cramp shows at least one row.
        let max = self
            .week
            .days
            .iter()
            .map(|d| d.cramps)
            .max()
            .unwrap_or(0)
            .max(1);
        let rows_of = |n: u32| -> u32 {
            if n == 0 {
                0
            } else {
                ((n as f64 / max as f64 * bar_rows as f64).round() as u32).max(1)
            }
        };
        let col = (inner.width / 7).clamp(1, 4);
        let mut lines: Vec<Line> = Vec::new();
        let mut counts = Vec::new();
        for d in &self.week.days {
            let c = if d.date > self.today {
                String::new()
            } else {
                d.cramps.to_string()
            };
            counts.push(Span::raw(format!("{c:^w$}", w = col as usize)));
        }
        lines.push(Line::from(counts));
        for row in (0..bar_rows).rev() {
            let mut spans = Vec::new();
            for d in &self.week.days {
                let total = rows_of(d.cramps);
                let tied = rows_of(d.cramps_tied()).min(total);
                // A day with untied cramps always shows some of them.
                let tied = if d.cramps_untied > 0 && tied == total {
                    total - 1
                } else {
                    tied
                };
                let (ch, style) = if row < tied {
                    ('█', self.fg(Color::Yellow))
                } else if row < total {
                    ('░', self.fg(Color::Red).add_modifier(Modifier::BOLD))
                } else {
                    (' ', Style::new())
                };
                let w = col.saturating_sub(1).max(1) as usize;
                let mut cell = ch.to_string().repeat(w);
                if col > 1 {
                    cell.push(' ');
                }
                spans.push(Span::styled(cell, style));
            }
            lines.push(Line::from(spans));
        }
        let names: Vec<Span> = self
            .week
            .days
            .iter()
            .map(|d| {
                let name = d.date.format("%a").to_string();
                let name: String = name
                    .chars()
                    .take(col.saturating_sub(1).max(1) as usize)
                    .collect();
                Span::styled(format!("{name:<w$}", w = col as usize), self.dim())
            })
            .collect();
        lines.push(Line::from(names));
        set_rows(buf, inner, &lines);
    }

    /// The last weeks, one column a week, Monday at the top: `· ░ ▒ ▓ █`
    /// for 0, 1, 2, 3, 4+ cramps; the week shown is reversed, and marked
    /// below when there is room. On a short terminal (80x24) the box loses
    /// its sides and bottom, so that all seven days still show.
    pub(super) fn overview(&self, area: Rect, buf: &mut Buffer) {
        let weeks = self.overview.weeks();
        let block = if area.height >= 9 {
            self.block(" 12 weeks ")
        } else {
            Block::new()
                .borders(Borders::TOP)
                .padding(Padding::left(1))
                .title(Span::styled(" 12 weeks ", self.title()))
        };
        let inner = block.inner(area);
        block.render(area, buf);
        let mut lines: Vec<Line> = Vec::new();
        for wd in 0..7 {
            let mut spans = vec![Span::styled(
                ["M ", "T ", "W ", "T ", "F ", "S ", "S "][wd].to_string(),
                self.dim(),
            )];
            for wk in 0..weeks {
                let date = self.overview.first + Duration::days((wk * 7 + wd) as i64);
                let cell = if date > self.today {
                    "  ".to_string()
                } else {
                    let n = self.overview.on(date).unwrap_or(0);
                    let ch = ['·', '░', '▒', '▓', '█'][n.min(4) as usize];
                    format!("{ch} ")
                };
                let style = match self.overview.on(date) {
                    Some(n) if n > 0 && date <= self.today => self.fg(Color::Red),
                    _ => self.dim(),
                };
                spans.push(Span::styled(cell, style));
            }
            lines.push(Line::from(spans));
        }
        let shown = (0..weeks)
            .find(|&wk| self.overview.first + Duration::weeks(wk as i64) == self.state.week);
        let mut marks = vec![Span::raw("  ")];
        for wk in 0..weeks {
            marks.push(Span::raw(if Some(wk) == shown { "^ " } else { "  " }));
        }
        lines.push(Line::from(marks));
        let first = self.overview.first;
        lines.push(Line::styled(
            format!("  from {} {}", first.format("%-d %b"), first.year()),
            self.dim(),
        ));
        set_rows(buf, inner, &lines);
        if let Some(wk) = shown {
            let column = Rect {
                x: inner.x + 2 + 2 * wk as u16,
                width: 1,
                height: inner.height.min(7),
                ..inner
            }
            .intersection(inner);
            buf.set_style(column, Modifier::REVERSED);
        }
    }
}
