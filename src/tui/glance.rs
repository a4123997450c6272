//! Glance: the most urgent countdown in big digits, readable across a room.
//!
//! The digits are drawn from a 3x5 block font, scaled to the largest size
//! that fits.

use super::app::{App, Zone};
use super::timers::{Timer, TimerKind, kind_label, state_label};
use super::view::{clock, elapsed};
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

/// Big digits for `text`, as large as the area allows.
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

    /// The largest scale that fits `area`, if any: (across, down), each
    /// font cell drawn `across` columns by `down` rows. Terminal cells are
    /// about twice as tall as wide, so across is at most twice down.
    pub fn scale_for(&self, area: Rect) -> Option<(u16, u16)> {
        let (w, h) = self.cells();
        let sx_max = area.width.saturating_sub(4) / w;
        let sy_max = area.height / h;
        let sy = sy_max.min(sx_max);
        let sx = sx_max.min(2 * sy);
        (sx >= 1 && sy >= 1).then_some((sx, sy))
    }
}

impl Widget for BigText<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Some((sx, sy)) = self.scale_for(area) else {
            return;
        };
        let (w, h) = self.cells();
        let x0 = area.x + (area.width - w * sx) / 2;
        let y0 = area.y + (area.height - h * sy) / 2;
        let mut col = 0u16;
        for c in self.text.chars() {
            let g = glyph(c);
            for (row, line) in g.iter().enumerate() {
                for (i, ch) in line.chars().enumerate() {
                    if ch != '#' {
                        continue;
                    }
                    for dy in 0..sy {
                        for dx in 0..sx {
                            let x = x0 + (col + i as u16) * sx + dx;
                            let y = y0 + row as u16 * sy + dy;
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
    // The most urgent timer that counts down. Neither the daily nudge nor
    // the switch to a sports drink is a deadline to watch across a room (the
    // next sip is), so they come last; the daily one shows as a message.
    let counts = |t: &&Timer| t.secs_left.is_some() && t.kind != TimerKind::Daily;
    let counting = h
        .timers
        .iter()
        .filter(counts)
        .find(|t| t.kind != TimerKind::SportsDrink)
        .or_else(|| h.timers.iter().find(counts));
    let daily = h.timers.iter().find(|t| t.kind == TimerKind::Daily);
    let (title, digits, message) = if let Some(timer) = counting {
        let secs = timer.secs_left.unwrap_or(0);
        let (sign, when) = if secs < 0 {
            ("-", format!(" · {} ago", clock(secs)))
        } else {
            ("", String::new())
        };
        (
            format!(
                "{} · {}{when}",
                kind_label(timer.kind),
                state_label(timer.state)
            ),
            format!("{sign}{}", clock(secs)),
            timer.message.clone(),
        )
    } else if let Some(w) = &h.workout {
        (
            format!("{} running", w.activity),
            elapsed(w.elapsed_secs),
            daily.map_or_else(|| "no countdown yet".to_string(), |d| d.message.clone()),
        )
    } else {
        (
            "no countdown running: plan a workout (p) or start one (w)".to_string(),
            app.now.format("%H:%M").to_string(),
            daily.map_or_else(String::new, |d| d.message.clone()),
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
