//! Glance: the most urgent countdown in big digits, readable across a room,
//! and small enough for a tmux pane (about 30x8): the digits shrink (block
//! font, half blocks, one wide line, plain text) before anything that
//! matters is dropped. A safety warning always shows, with "not medical
//! advice"; when nothing counts down, nothing is drawn big.

mod font;

use crate::tui::app::{App, Zone};
use crate::tui::text::wrap;
use crate::tui::theme::Theme;
use crate::tui::timers::{Timer, TimerKind, kind_label, rings, state_label};
use crate::tui::view::{clock, elapsed};
use font::BigText;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;

pub const NOT_ADVICE: &str = "general information, not medical advice";

/// What Glance shows, worked out from the app; drawing only lays it out.
pub struct Glance {
    pub title: String,
    /// The countdown (or a running workout's clock), when something counts.
    pub digits: Option<String>,
    /// True when the countdown is due or overdue.
    pub due: bool,
    /// The running workout and its elapsed time, under the title.
    pub workout: Option<String>,
    pub message: String,
    pub intake: String,
    pub warnings: Vec<String>,
    pub theme: Theme,
}

pub fn draw<Z: Zone>(frame: &mut Frame, area: Rect, app: &App<Z>) {
    frame.render_widget(&Glance::of(app), area);
}

/// The most urgent timer that counts down. Neither the daily nudge nor the
/// switch to a sports drink is a deadline to watch across a room (the next
/// sip is), so they come last; the daily one shows as a message.
fn counting(timers: &[Timer]) -> Option<&Timer> {
    let counts = |t: &&Timer| t.secs_left.is_some() && t.kind != TimerKind::Daily;
    timers
        .iter()
        .filter(counts)
        .find(|t| t.kind != TimerKind::SportsDrink)
        .or_else(|| timers.iter().find(counts))
}

/// The daily nudge without its " · 38/64 oz today" tail: Glance shows the
/// intake on a line of its own, once.
fn without_intake(message: &str) -> &str {
    match message.rsplit_once(" · ") {
        Some((head, tail)) if tail.ends_with("today") => head,
        None if message.ends_with("today") => "",
        _ => message,
    }
}

impl Glance {
    pub fn of<Z: Zone>(app: &App<Z>) -> Glance {
        let h = &app.hydration;
        let daily = h
            .timers
            .iter()
            .find(|t| t.kind == TimerKind::Daily)
            .map(|d| without_intake(&d.message).to_string())
            .filter(|m| !m.is_empty());
        let running = h
            .workout
            .as_ref()
            .map(|w| format!("{} · {} elapsed", w.activity, elapsed(w.elapsed_secs)));
        let unit = app.settings.units;
        let mut g = Glance {
            title: String::new(),
            digits: None,
            due: false,
            workout: None,
            message: String::new(),
            intake: format!(
                "{} / {} {} today",
                unit.number(h.intake_today_ml as f64),
                unit.number(h.goal_ml as f64),
                unit.label()
            ),
            warnings: h.warnings.clone(),
            theme: app.theme,
        };
        if let Some(timer) = counting(&h.timers) {
            let secs = timer.secs_left.unwrap_or(0);
            let (sign, ago) = if secs < 0 {
                ("-", format!(" · {} ago", clock(secs)))
            } else {
                ("", String::new())
            };
            let (kind, state) = (kind_label(timer.kind), state_label(timer.state));
            g.title = format!("{kind} · {state}{ago}");
            g.digits = Some(format!("{sign}{}", clock(secs)));
            g.due = rings(timer.state);
            g.workout = running;
            g.message = timer.message.clone();
        } else if let Some(w) = &h.workout {
            g.title = format!("{} running", w.activity);
            g.digits = Some(elapsed(w.elapsed_secs));
            // A sip with no countdown (to thirst only) still says why.
            let sip = h.timers.iter().find(|t| t.kind == TimerKind::Sip);
            g.message = sip
                .map(|t| t.message.clone())
                .or(daily)
                .unwrap_or_else(|| "no sip counting down".into());
        } else {
            g.title = "nothing counting down: p plans a workout, w starts one".into();
            g.message = daily.unwrap_or_default();
        }
        g
    }

    fn title_style(&self) -> Style {
        if self.due {
            self.theme.due()
        } else {
            self.theme.title()
        }
    }

    /// The rows of text above and below the digits, each with its style,
    /// laid out for `cols` x `rows`, and the rows left for the digits. What
    /// must show comes first: the title, a safety warning with "not medical
    /// advice", the digits (three rows if they can), then the rest.
    fn plan(&self, cols: usize, rows: u16) -> Plan {
        let t = self.theme;
        let advice = lines(NOT_ADVICE, cols, t.dim());
        let mut top = lines(&self.title, cols, self.title_style());
        top.truncate(rows as usize);
        let mut left = rows - top.len() as u16;
        let mut warn = Vec::new();
        if !self.warnings.is_empty() {
            let room = left
                .saturating_sub(advice.len() as u16)
                .saturating_sub(u16::from(self.digits.is_some()));
            warn = self.warning_lines(cols, room as usize);
            warn.extend(advice.iter().cloned());
            warn.truncate(left as usize);
            left -= warn.len() as u16;
        }
        let reserve = if self.digits.is_some() {
            left.min(3)
        } else {
            0
        };
        left -= reserve;
        let mut take = |block: Vec<(String, Style)>| -> Vec<(String, Style)> {
            if block.len() as u16 > left {
                return Vec::new();
            }
            left -= block.len() as u16;
            block
        };
        let message = take(lines(&self.message, cols, Style::new()));
        let intake = take(lines(&self.intake, cols, t.dim()));
        let workout = take(lines(
            self.workout.as_deref().unwrap_or(""),
            cols,
            t.title(),
        ));
        let advice = if warn.is_empty() {
            take(advice)
        } else {
            Vec::new()
        };
        top.extend(workout);
        let mut bottom = message;
        bottom.extend(intake);
        bottom.extend(warn);
        bottom.extend(advice);
        Plan {
            top,
            big_rows: left + reserve,
            bottom,
        }
    }

    /// The warnings in at most `room` rows: all of them if they fit, else
    /// the first, shortened at a word with `…` when even that is too long.
    fn warning_lines(&self, cols: usize, room: usize) -> Vec<(String, Style)> {
        let style = self.theme.warn();
        let all: Vec<_> = self
            .warnings
            .iter()
            .flat_map(|w| lines(&format!("! {w}"), cols, style))
            .collect();
        if all.len() <= room {
            return all;
        }
        let mut first = lines(&format!("! {}", self.warnings[0]), cols, style);
        if first.len() > room {
            first.truncate(room.max(1));
            if let Some((last, _)) = first.last_mut() {
                let words: Vec<&str> = last.split(' ').collect();
                let mut cut = words.join(" ");
                for n in (1..=words.len()).rev() {
                    cut = words[..n].join(" ") + " …";
                    if crate::tui::text::width(&cut) <= cols {
                        break;
                    }
                }
                *last = cut;
            }
        }
        first
    }
}

/// Glance laid out: rows above the digits, the digits' rows, rows below.
struct Plan {
    top: Vec<(String, Style)>,
    big_rows: u16,
    bottom: Vec<(String, Style)>,
}

fn lines(text: &str, cols: usize, style: Style) -> Vec<(String, Style)> {
    if text.is_empty() {
        return Vec::new();
    }
    wrap(text, cols).into_iter().map(|l| (l, style)).collect()
}

fn centred(buf: &mut Buffer, area: Rect, y: u16, (text, style): &(String, Style)) {
    if y >= area.bottom() {
        return;
    }
    let line = Line::styled(text.as_str(), *style);
    let w = (line.width() as u16).min(area.width);
    buf.set_line(area.x + (area.width - w) / 2, y, &line, area.width);
}

impl Widget for &Glance {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        let Plan {
            top,
            big_rows,
            bottom,
        } = self.plan(area.width as usize, area.height);
        // Tall panes get a blank row under the title and above the message.
        let gap = u16::from(big_rows >= 9);
        // With nothing big to draw, the text sits together in the middle.
        let mut y = area.y;
        if self.digits.is_none() {
            y += big_rows / 2;
        }
        let big_rows = if self.digits.is_none() { 0 } else { big_rows };
        for row in &top {
            centred(buf, area, y, row);
            y += 1;
        }
        let big = Rect::new(
            area.x,
            y + gap,
            area.width,
            big_rows.saturating_sub(2 * gap),
        );
        if let Some(digits) = &self.digits {
            let style = if self.due {
                self.theme.due()
            } else {
                self.theme.title()
            };
            let negative = self.due && !self.theme.color;
            BigText {
                text: digits,
                style,
                negative,
            }
            .render(big, buf);
        }
        for (y, row) in (y + big_rows..).zip(&bottom) {
            centred(buf, area, y, row);
        }
    }
}

#[cfg(test)]
#[path = "glance_tests.rs"]
mod tests;
