//! The advice shown the moment a cramp is logged with a red flag (10 minutes
//! or more; swelling, redness, numbness or weakness): a card over the screen,
//! before any stretch card, until Enter or Esc.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

const FOOT: &str = "General information, not medical advice. Enter or Esc closes.";

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
            rows += super::text::wrap(l, inner_w).len();
            lines.push(Line::from(Span::styled(
                l.clone(),
                Style::new().add_modifier(Modifier::BOLD),
            )));
        }
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(FOOT, dim)));
        rows += 1 + super::text::wrap(FOOT, inner_w).len();
        let height = (rows as u16 + 2).min(area.height);
        let card = super::view::centered(area, width, height);
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
