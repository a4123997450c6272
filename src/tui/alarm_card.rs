//! The advice shown the moment a cramp is logged with a red flag (10 minutes
//! or more; swelling, redness, numbness or weakness): a card over the screen,
//! before any stretch card, until Enter or Esc.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

pub struct AlarmCard<'a> {
    /// From `domain::alarm::on_logging`, most urgent first.
    pub lines: &'a [String],
}

impl Widget for &AlarmCard<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let width = area.width.min(64);
        let inner_w = width.saturating_sub(2).max(1) as usize;
        let dim = Style::new().add_modifier(Modifier::DIM);
        let mut lines: Vec<Line> = Vec::new();
        let mut rows = 0usize;
        for (i, l) in self.lines.iter().enumerate() {
            if i > 0 {
                lines.push(Line::default());
                rows += 1;
            }
            rows += l.len().div_ceil(inner_w).max(1) + 1;
            lines.push(Line::from(Span::styled(
                l.clone(),
                Style::new().add_modifier(Modifier::BOLD),
            )));
        }
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            "General information, not medical advice. Enter or Esc closes.",
            dim,
        )));
        rows += 3;
        let height = (rows as u16 + 2).min(area.height);
        let card = Rect {
            x: area.x + (area.width - width) / 2,
            y: area.y + (area.height - height) / 2,
            width,
            height,
        };
        Clear.render(card, buf);
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(" Get this checked "),
            )
            .render(card, buf);
    }
}
