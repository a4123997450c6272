//! The cards that float over a screen after a cramp is logged: the advice
//! for a red flag (10 minutes or more; swelling, redness, numbness or
//! weakness), shown first until Enter or Esc, and the stretch for the muscle.

use super::app::Screen;
use super::app::{App, Zone};
use super::screens::guide::{Section, layout};
use crate::domain::entry::Body;
use crate::domain::entry::Muscle;
use ratatui::Frame;
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
        let width = super::layout::card_width(area.width);
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
        let card = super::layout::centered(area, width, height);
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

/// The stretch offered after a cramp is logged: a bordered card over the
/// screen, centred in `area`.
pub struct StretchCard<'a> {
    pub section: &'a Section,
}

impl Widget for &StretchCard<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let width = super::layout::card_width(area.width);
        let inner_w = width.saturating_sub(2);
        let (rows, _) = layout(&self.section.body, inner_w.max(1));
        let mut lines = rows;
        lines.push(Line::default());
        let dim = Style::new().add_modifier(Modifier::DIM);
        lines.push(Line::from(Span::styled(
            "General information, not medical advice.",
            dim,
        )));
        lines.push(Line::from(Span::styled(
            "Enter: more in the Guide · Esc closes.",
            dim,
        )));
        let height = (lines.len() as u16 + 2).min(area.height);
        let card = crate::tui::layout::centered(area, width, height);
        Clear.render(card, buf);
        Paragraph::new(lines)
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(format!(" Stretch: {} ", self.section.title.to_lowercase())),
            )
            .render(card, buf);
    }
}

/// The stretch offered after a cramp, over the screen.
pub fn stretch_card<Z: Zone>(frame: &mut Frame, area: Rect, app: &App<Z>, muscle: Muscle) {
    if let Some(section) = app.guide.stretch_for(muscle) {
        frame.render_widget(&StretchCard { section: &section }, area);
    }
}

impl<Z: Zone> App<Z> {
    /// `s`: the stretch card for the cramp just logged (on History: the cramp selected).
    pub(crate) fn show_stretch(&mut self) {
        // On History, the stretch for the cramp selected.
        if self.screen == Screen::History {
            let entries = self.week_entries();
            if let Some(e) = self.week.selected_entry(&entries)
                && let Body::Cramp(c) = &e.body
            {
                if self.guide.stretch_for(c.muscle).is_some() {
                    self.card = Some(c.muscle);
                } else {
                    let said = format!("the Guide has no stretch for {}", c.muscle_words());
                    self.say(said, false);
                }
                return;
            }
        }
        match self.stretch_offer {
            Some((muscle, _)) => {
                self.help = false;
                self.card = Some(muscle);
            }
            None => {
                // The last hour's cramp, however it was logged (the command
                // line, before the TUI started): its stretch, or its muscle
                // named when the Guide has none (an other muscle).
                let since = self.now.fixed_offset()
                    - chrono::Duration::minutes(super::forms::STRETCH_OFFER_MINUTES);
                let recent = self
                    .today_entries()
                    .into_iter()
                    .rev()
                    .find_map(|e| match &e.body {
                        Body::Cramp(c) if e.at >= since => Some(c.clone()),
                        _ => None,
                    });
                match recent {
                    Some(c) if self.guide.stretch_for(c.muscle).is_some() => {
                        self.help = false;
                        self.card = Some(c.muscle);
                    }
                    Some(c) => self.say(
                        format!(
                            "the Guide has no stretch for {}; every stretch is in the Guide (5)",
                            c.muscle_words()
                        ),
                        false,
                    ),
                    None => self.say(
                        "no cramp logged in the last hour; every stretch is in the Guide (5)",
                        false,
                    ),
                }
            }
        }
    }

    /// Enter on the stretch card: the Guide, at that stretch.
    pub(crate) fn card_to_guide(&mut self) {
        if let Some(m) = self.card.take() {
            self.screen = Screen::Guide;
            let (w, _) = crate::tui::layout::guide_text(self.size);
            self.guide_state.show_section(&self.guide, m.word(), w);
            let max = self.guide_max();
            self.guide_state.scroll = self.guide_state.scroll.min(max);
        }
    }
}
