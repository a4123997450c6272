//! Lines set straight into the buffer, one per row.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

/// Sets `lines` into `area`, one a row from the top, each cut at the width:
/// what a `Paragraph` without wrapping draws for left-aligned lines, without
/// measuring every character a second time (a full 200x60 redraw must stay
/// well under a millisecond).
pub fn set_rows(buf: &mut Buffer, area: Rect, lines: &[Line]) {
    for (y, line) in (area.y..area.bottom()).zip(lines) {
        buf.set_line(area.x, y, line, area.width);
    }
}
