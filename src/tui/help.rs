//! The help overlay: every key, from the one table the key map is checked against.

use super::keys::KEYS;
use super::theme::Theme;
use super::view::centered;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

pub fn draw(frame: &mut Frame, area: Rect, theme: Theme) {
    let mut lines: Vec<Line> = Vec::new();
    for (k, what) in KEYS {
        if what.is_empty() {
            lines.push(Line::styled(format!(" {k}"), theme.title()));
        } else {
            lines.push(Line::from(vec![
                Span::styled(format!(" {k:<20}"), theme.title()),
                Span::raw(*what),
            ]));
        }
    }
    lines.push(Line::styled(
        " General information, not medical advice.",
        theme.dim(),
    ));
    let h = lines.len() as u16 + 2;
    let popup = centered(area, 78, h);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(" Keys (? or Esc closes) ")
                .title_style(theme.title()),
        ),
        popup,
    );
}
