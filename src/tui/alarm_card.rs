//! The advice shown the moment a cramp is logged with a red flag (10 minutes
//! or more; swelling, redness, numbness or weakness): a card over the screen,
//! before any stretch card, until Enter or Esc.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

const FOOT: &str = "General information, not medical advice. Enter or Esc closes.";

/// Rows `text` takes when wrapped at spaces to `width` columns.
fn wrapped_rows(text: &str, width: usize) -> usize {
    let mut rows = 1;
    let mut col = 0;
    for word in text.split_whitespace() {
        let w = Span::raw(word).width();
        if col > 0 && col + 1 + w > width {
            rows += 1 + (w.saturating_sub(1)) / width.max(1);
            col = w % width.max(1);
        } else {
            col += if col > 0 { 1 } else { 0 } + w;
        }
    }
    rows
}

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
            rows += wrapped_rows(l, inner_w);
            lines.push(Line::from(Span::styled(
                l.clone(),
                Style::new().add_modifier(Modifier::BOLD),
            )));
        }
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(FOOT, dim)));
        rows += 1 + wrapped_rows(FOOT, inner_w);
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
