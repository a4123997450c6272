//! The History screen's intake chart: a bar a day against the goal, one
//! row a day, or on a short terminal two columns of days.

use super::HistoryView;
use crate::domain::week::DayFigures as Day;
use crate::tui::rows::set_rows;
use chrono::TimeZone;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

impl<Tz: TimeZone> HistoryView<'_, Tz> {
    /// Intake against goal; all seven days show at any height from 4 rows.
    pub(super) fn intake_chart(&self, area: Rect, buf: &mut Buffer) {
        let title = format!(" Intake / goal ({}) ", self.unit.label());
        let block = self.block(&title);
        let inner = block.inner(area);
        block.render(area, buf);
        let days = &self.week.days;
        if inner.height as usize >= days.len() {
            let text_w = 13usize; // " 2300/2000 ✓"
            let bar_w = (inner.width as usize).saturating_sub(4 + text_w).min(50);
            let lines: Vec<Line> = days
                .iter()
                .map(|d| Line::from(self.day_spans(d, bar_w, true)))
                .collect();
            set_rows(buf, inner, &lines);
            return;
        }
        // Two columns: Mon-Thu, then Fri-Sun; the goal is in the title.
        // Each bar leaves room for the longest day's figure and a space
        // before the next column (`100.8 ✓` had run into `Fri`).
        let rows = days.len().div_ceil(2);
        let col_w = inner.width / 2;
        let figure_w = days
            .iter()
            .map(|d| self.unit.number(d.intake_ml as f64).chars().count() + 3)
            .max()
            .unwrap_or(0);
        let bar_w = (col_w as usize).saturating_sub(4 + figure_w + 1);
        for (half, x) in [(0, inner.x), (1, inner.x + col_w)] {
            let lines: Vec<Line> = days
                .iter()
                .skip(half * rows)
                .take(rows)
                .map(|d| Line::from(self.day_spans(d, bar_w, false)))
                .collect();
            let area = Rect {
                x,
                width: col_w,
                ..inner
            };
            set_rows(buf, area, &lines);
        }
    }

    /// `Mon ████····· 16.9/64 ✓` (the goal only `with_goal`).
    fn day_spans(&self, d: &Day, bar_w: usize, with_goal: bool) -> Vec<Span<'static>> {
        let name = Span::styled(d.date.format("%a ").to_string(), self.dim());
        if d.date > self.today {
            return vec![name];
        }
        let share = if d.goal_ml == 0 {
            0.0
        } else {
            d.intake_ml as f64 / d.goal_ml as f64
        };
        let filled = ((share * bar_w as f64).round() as usize).min(bar_w);
        let met = d.goal_ml > 0 && d.intake_ml >= d.goal_ml;
        let bar_style = if met {
            self.fg(Color::Green)
        } else {
            self.fg(Color::Blue)
        };
        let unit = self.unit;
        let goal = if with_goal {
            format!("/{}", unit.number(d.goal_ml as f64))
        } else {
            String::new()
        };
        vec![
            name,
            Span::styled("█".repeat(filled), bar_style),
            Span::styled("·".repeat(bar_w - filled), self.dim()),
            Span::raw(format!(
                " {}{goal}{}",
                unit.number(d.intake_ml as f64),
                if met { " ✓" } else { "" }
            )),
        ]
    }
}
