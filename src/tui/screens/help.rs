//! The help overlay: every key, from the one table the key map is checked
//! against. On a short terminal it scrolls (↑↓, PgUp/PgDn) and says so.

use crate::tui::app::{App, Zone};
use crate::tui::keys::KEYS;
use crate::tui::layout;
use crate::tui::text::wrap;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// The rows of help for a box `cols` wide: a description too long for its
/// row goes on under itself.
fn lines(theme: Theme, cols: u16) -> Vec<Line<'static>> {
    let room = (cols as usize).saturating_sub(2 + 23).max(10);
    let mut lines: Vec<Line> = Vec::new();
    for (k, what) in KEYS {
        if what.is_empty() {
            lines.push(Line::styled(format!(" {k}"), theme.title()));
            continue;
        }
        for (i, part) in wrap(what, room).into_iter().enumerate() {
            let key = if i == 0 { *k } else { "" };
            lines.push(Line::from(vec![
                Span::styled(format!("   {key:<20}"), theme.title()),
                Span::raw(part),
            ]));
        }
    }
    lines.push(Line::styled(
        " General information, not medical advice.",
        theme.dim(),
    ));
    lines
}

/// How far the help can scroll in a terminal of `size`.
pub fn max_scroll(size: (u16, u16)) -> usize {
    let n = lines(Theme::default(), layout::help_width(size.0)).len();
    n.saturating_sub(layout::help_rows(layout::help(layout::terminal(size), n)))
}

pub fn draw(frame: &mut Frame, area: Rect, theme: Theme, scroll: usize) {
    let all = lines(theme, layout::help_width(area.width));
    let total = all.len();
    let popup = layout::help(area, total);
    let rows = layout::help_rows(popup);
    let max = total.saturating_sub(rows);
    let top = scroll.min(max);
    let title = if max == 0 {
        " Keys (? or Esc closes) ".to_string()
    } else {
        let below = total - top - rows.min(total);
        format!(" Keys: ↑↓ scroll ({top} above, {below} below) · ? or Esc closes ")
    };
    let shown: Vec<Line> = all.into_iter().skip(top).take(rows).collect();
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(shown).block(
            Block::default()
                .borders(Borders::ALL)
                .title(title)
                .title_style(theme.title()),
        ),
        popup,
    );
}

impl<Z: Zone> App<Z> {
    /// j/k and the pages move the help on a short terminal.
    pub(crate) fn scroll_help(&mut self, by: isize) {
        let max = max_scroll(self.size);
        self.help_scroll = self.help_scroll.min(max).saturating_add_signed(by).min(max);
    }
}
