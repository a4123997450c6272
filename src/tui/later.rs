//! Screens that arrive in a later version hold their place in the tabs.

use super::app::Screen;
use super::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::widgets::{Block, Borders, Paragraph};

pub fn draw(frame: &mut Frame, area: Rect, screen: Screen, theme: Theme) {
    let text = format!(
        "\n{} arrives in a later version.\n\nUntil then, `crampwatch list` shows every entry.",
        screen.title()
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {} ", screen.title()))
        .title_style(theme.title());
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .block(block),
        area,
    );
}
