//! Glance: the most urgent countdown in big digits, readable across a room.
//!
//! The digits are drawn from a 3x5 block font, scaled to the largest size
//! that fits (twice as wide as tall, since terminal cells are tall).

use super::app::{App, Zone};
use super::timers::{kind_label, state_label};
use super::view::clock;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

const GLYPH_ROWS: usize = 5;

/// Rows of a glyph, `#` filled; every glyph is 3 wide except `:`.
fn glyph(c: char) -> [&'static str; GLYPH_ROWS] {
    match c {
        '0' => ["###", "# #", "# #", "# #", "###"],
        '1' => [" # ", "## ", " # ", " # ", "###"],
        '2' => ["###", "  #", "###", "#  ", "###"],
        '3' => ["###", "  #", "###", "  #", "###"],
        '4' => ["# #", "# #", "###", "  #", "  #"],
        '5' => ["###", "#  ", "###", "  #", "###"],
        '6' => ["###", "#  ", "###", "# #", "###"],
        '7' => ["###", "  #", "  #", "  #", "  #"],
        '8' => ["###", "# #", "###", "# #", "###"],
        '9' => ["###", "# #", "###", "  #", "###"],
        ':' => [" ", "#", " ", "#", " "],
        '-' => ["   ", "   ", "###", "   ", "   "],
        _ => ["   ", "   ", "   ", "   ", "   "],
    }
}

/// Big digits for `text`, at scale `s` (each font cell is 2s x s).
pub struct BigText<'a> {
    pub text: &'a str,
    pub style: Style,
}

impl BigText<'_> {
    /// Width and height in font cells.
    fn cells(&self) -> (u16, u16) {
        let w: usize = self.text.chars().map(|c| glyph(c)[0].len()).sum::<usize>()
            + self.text.chars().count().saturating_sub(1);
        (w as u16, GLYPH_ROWS as u16)
    }

    /// The largest scale that fits `area`, if any.
    pub fn scale_for(&self, area: Rect) -> Option<u16> {
        let (w, h) = self.cells();
        let s = (area.width / (w * 2)).min(area.height / h);
        (s >= 1).then_some(s)
    }
}

impl Widget for BigText<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some(s) = self.scale_for(area) else {
            return;
        };
        let (w, h) = self.cells();
        let x0 = area.x + (area.width - w * 2 * s) / 2;
        let y0 = area.y + (area.height - h * s) / 2;
        let mut col = 0u16;
        for c in self.text.chars() {
            let g = glyph(c);
            for (row, line) in g.iter().enumerate() {
                for (i, ch) in line.chars().enumerate() {
                    if ch != '#' {
                        continue;
                    }
                    for dy in 0..s {
                        for dx in 0..2 * s {
                            let x = x0 + (col + i as u16) * 2 * s + dx;
                            let y = y0 + row as u16 * s + dy;
                            if let Some(cell) = buf.cell_mut((x, y)) {
                                cell.set_symbol("█").set_style(self.style);
                            }
                        }
                    }
                }
            }
            col += g[0].len() as u16 + 1;
        }
    }
}

pub fn draw<Z: Zone>(frame: &mut Frame, area: Rect, app: &App<Z>) {
    let t = app.theme;
    let h = &app.hydration;
    let (title, digits, message) = if let Some(timer) = h.timers.first() {
        let secs = timer.secs_left.unwrap_or(0);
        let sign = if secs < 0 { "-" } else { "" };
        (
            format!(
                "{} · {}{}",
                kind_label(timer.kind),
                state_label(timer.state),
                if secs < 0 { " (ago)" } else { "" }
            ),
            format!("{sign}{}", clock(secs)),
            timer.message.clone(),
        )
    } else if let Some(w) = &h.workout {
        (
            format!("{} running", w.activity),
            clock(w.elapsed_secs),
            "no countdown yet".to_string(),
        )
    } else {
        (
            "no countdown running".to_string(),
            app.now.format("%H:%M").to_string(),
            "plan a workout (p) or start one (w) for countdowns".to_string(),
        )
    };
    let unit = app.settings.units;
    let intake = format!(
        "{} / {} {} today",
        unit.number(h.intake_today_ml as f64),
        unit.number(h.goal_ml as f64),
        unit.label()
    );
    let [top, big, bottom] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(3),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(Line::styled(title, t.title())).alignment(Alignment::Center),
        top,
    );
    let bigtext = BigText {
        text: &digits,
        style: t.title(),
    };
    if bigtext.scale_for(big).is_some() {
        frame.render_widget(bigtext, big);
    } else {
        frame.render_widget(
            Paragraph::new(Line::styled(digits, t.title())).alignment(Alignment::Center),
            big,
        );
    }
    frame.render_widget(
        Paragraph::new(vec![Line::raw(message), Line::styled(intake, t.dim())])
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        bottom,
    );
}
