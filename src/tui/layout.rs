//! Where things go on the terminal, in one place: the frame around every
//! screen and the areas inside it. `update` needs some of them (how far a
//! page moves, how far the Guide or a flag's detail can scroll, the width
//! the Guide wraps to) and the view draws into the same ones, so both call
//! these functions instead of repeating margins as numbers.

use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::widgets::Block;

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// The widest a form or the help gets, however wide the terminal.
const FORM_MAX_WIDTH: u16 = 76;
const HELP_MAX_WIDTH: u16 = 78;
/// The widest a card over a screen (red-flag advice, a stretch) gets.
const CARD_MAX_WIDTH: u16 = 64;

/// Rows a page key keeps in view from the page before, besides the
/// screen's border: a page moves the body's height less these and 2.
const PAGE_OVERLAP: usize = 2;

/// A terminal of `size` as a rectangle.
pub fn terminal(size: (u16, u16)) -> Rect {
    Rect::new(0, 0, size.0, size.1)
}

/// The frame of every screen: the tab line, the screen's body, the key line.
pub fn frame(area: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// The screen's body in a terminal of `size`.
pub fn body(size: (u16, u16)) -> Rect {
    frame(terminal(size))[1]
}

/// What is inside a screen's border (Today's lists, the Guide).
pub fn bordered(area: Rect) -> Rect {
    Block::bordered().inner(area)
}

/// Rows a page key (PgUp, PgDn, Space) moves in a terminal of `size`.
pub fn page_rows(size: (u16, u16)) -> usize {
    let inside = bordered(body(size)).height as usize;
    inside.saturating_sub(PAGE_OVERLAP).max(1)
}

/// The Guide inside its border: its text, then its key line.
pub fn guide(inner: Rect) -> [Rect; 2] {
    Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(inner)
}

/// The Guide's text area (width, height) in a terminal of `size`: what it
/// wraps to and how far it scrolls.
pub fn guide_text(size: (u16, u16)) -> (u16, u16) {
    let [text, _] = guide(bordered(body(size)));
    (text.width, text.height)
}

/// Insights in the body: a column each side, no border.
pub fn insights(body: Rect) -> Rect {
    body.inner(Margin::new(1, 0))
}

/// Insights' parts: its header (title and disclaimer), the list or a flag's
/// detail, its key line.
pub fn insights_parts(area: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// A flag's detail area (width, height) in a terminal of `size`: how far
/// it scrolls.
pub fn insights_detail(size: (u16, u16)) -> (u16, u16) {
    let [_, detail, _] = insights_parts(insights(body(size)));
    (detail.width, detail.height)
}

/// A form's width over a terminal `cols` wide.
pub fn form_width(cols: u16) -> u16 {
    FORM_MAX_WIDTH.min(cols.saturating_sub(2))
}

/// A card's width over an area `cols` wide.
pub fn card_width(cols: u16) -> u16 {
    CARD_MAX_WIDTH.min(cols)
}

/// The help's width in a terminal `cols` wide.
pub fn help_width(cols: u16) -> u16 {
    HELP_MAX_WIDTH.min(cols)
}

/// The help's box for `rows` rows of text, centred in `area`.
pub fn help(area: Rect, rows: usize) -> Rect {
    centered(area, help_width(area.width), rows as u16 + 2)
}

/// The rows of help shown at once in that box.
pub fn help_rows(popup: Rect) -> usize {
    popup.height.saturating_sub(2) as usize
}

/// A rectangle of at most `w` x `h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_areas_update_uses_are_those_the_frame_draws() {
        for (w, h) in [(60, 16), (80, 24), (120, 40), (200, 60)] {
            let [top, body, bottom] = frame(terminal((w, h)));
            assert_eq!((top.height, bottom.height), (1, 1));
            assert_eq!(body.height, h - 2);
            // The Guide: a border around it and a key line under its text.
            assert_eq!(guide_text((w, h)), (w - 2, h - 5));
            // A flag's detail: a column each side, a header of 3 rows, a key line.
            assert_eq!(insights_detail((w, h)), (w - 2, h - 6));
            assert_eq!(page_rows((w, h)), usize::from(h - 6));
        }
    }

    #[test]
    fn tiny_terminals_give_empty_areas_not_panics() {
        for size in [(0, 0), (1, 1), (2, 3), (5, 5)] {
            let _ = guide_text(size);
            let _ = insights_detail(size);
            assert!(page_rows(size) >= 1);
            let _ = help(terminal(size), 40);
        }
    }

    /// The rows of the whole screen as drawn at `size`.
    fn drawn(app: &crate::tui::app::App<chrono_tz::Tz>, size: (u16, u16)) -> Vec<String> {
        let backend = ratatui::backend::TestBackend::new(size.0, size.1);
        let mut t = ratatui::Terminal::new(backend).unwrap();
        t.draw(|f| crate::tui::view::draw(f, app)).unwrap();
        let buf = t.backend().buffer();
        (0..size.1)
            .map(|y| (0..size.0).map(|x| buf[(x, y)].symbol()).collect())
            .collect()
    }

    #[test]
    fn at_any_size_the_end_update_scrolls_to_is_the_end_the_view_shows() {
        use crate::tui::app::tests::{app_with, now};
        use crate::tui::app::{Action, Screen};
        for size in [
            (60, 16),
            (61, 17),
            (72, 20),
            (80, 24),
            (99, 31),
            (120, 40),
            (200, 60),
        ] {
            let (w, h) = size;
            let mut app = app_with(&[]);
            app.size = size;
            app.update(Action::Show(Screen::Guide), now());
            app.update(Action::Bottom, now());
            let rows = drawn(&app, size);
            // The Guide's footer is the last row inside its border, and the
            // guide's last row sits right above it: the last page is full.
            let footer = usize::from(h) - 3;
            assert!(rows[footer].contains("100%"), "{w}x{h}: {}", rows[footer]);
            let laid = crate::tui::screens::guide::layout(&app.guide.parts, w - 2).0;
            let last = laid
                .iter()
                .rposition(|l| !l.to_string().trim().is_empty())
                .unwrap();
            let want = laid[last].to_string();
            let row = footer - (laid.len() - last);
            assert!(
                rows[row].contains(want.trim()),
                "{w}x{h}: row {row} is {:?}, not the guide's last {want:?}",
                rows[row]
            );
            // The help, scrolled to its end, shows its last line.
            app.update(Action::ToggleHelp, now());
            app.update(Action::Bottom, now());
            let rows = drawn(&app, size);
            assert!(
                rows.iter()
                    .any(|r| r.contains("General information, not medical advice.")),
                "{w}x{h}: the help's end is not on screen"
            );
        }
    }
}
