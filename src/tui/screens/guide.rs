//! The Guide screen: `assets/guide.md` rendered with headings and lists,
//! scrollable; the sections the stretch card after a cramp shows.
//!
//! Only the Markdown the guide uses is understood: `#`, `##` and `###`
//! headings, paragraphs, and `- ` list items (continued by indented lines).

use crate::domain::entry::Muscle;
use crate::tui::app::{App, Zone};
use crate::tui::text::{self, truncate, wrap};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};
use std::borrow::Cow;

/// The guide as shipped.
pub const GUIDE_MD: &str = include_str!("../../../assets/guide.md");

/// One block of the guide.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    Heading(u8, String),
    Para(String),
    Item(String),
}

/// Parses the guide's Markdown into parts.
pub fn parse(md: &str) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut open: Option<Part> = None;
    let flush = |open: &mut Option<Part>, parts: &mut Vec<Part>| {
        if let Some(p) = open.take() {
            parts.push(p);
        }
    };
    for line in md.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            flush(&mut open, &mut parts);
        } else if let Some(h) = trimmed.strip_prefix('#') {
            flush(&mut open, &mut parts);
            let level = 1 + h.chars().take_while(|c| *c == '#').count() as u8;
            parts.push(Part::Heading(
                level,
                h.trim_start_matches('#').trim().to_string(),
            ));
        } else if let Some(item) = trimmed.strip_prefix("- ") {
            flush(&mut open, &mut parts);
            open = Some(Part::Item(item.to_string()));
        } else {
            match &mut open {
                Some(Part::Item(s) | Part::Para(s)) => {
                    s.push(' ');
                    s.push_str(trimmed);
                }
                _ => open = Some(Part::Para(trimmed.to_string())),
            }
        }
    }
    flush(&mut open, &mut parts);
    parts
}

/// Lays parts out as screen rows of `width`, with the row each heading starts at.
pub fn layout(parts: &[Part], width: u16) -> (Vec<Line<'static>>, Vec<(String, usize)>) {
    let w = width.max(4) as usize;
    let mut rows: Vec<Line<'static>> = Vec::new();
    let mut headings = Vec::new();
    let mut prev: Option<&Part> = None;
    for p in parts {
        let gap = !matches!((prev, p), (None, _) | (Some(Part::Item(_)), Part::Item(_)));
        if gap {
            rows.push(Line::default());
        }
        match p {
            Part::Heading(level, text) => {
                headings.push((text.clone(), rows.len()));
                let bold = Style::new().add_modifier(Modifier::BOLD);
                match level {
                    // A rule across the screen, visible without colour.
                    2 => {
                        let mut l = format!("── {text} ");
                        let n = text::width(&l);
                        l.extend(std::iter::repeat_n('─', w.saturating_sub(n)));
                        let l = truncate(&l, w);
                        rows.push(Line::from(Span::styled(l, bold)));
                    }
                    1 => {
                        let style = bold.add_modifier(Modifier::UNDERLINED);
                        for l in wrap(text, w) {
                            rows.push(Line::from(Span::styled(l, style)));
                        }
                    }
                    _ => {
                        for l in wrap(text, w) {
                            rows.push(Line::from(Span::styled(l, bold)));
                        }
                    }
                }
            }
            Part::Para(text) => rows.extend(wrap(text, w).into_iter().map(Line::from)),
            Part::Item(text) => {
                for (i, l) in wrap(text, w.saturating_sub(4).max(1))
                    .into_iter()
                    .enumerate()
                {
                    let lead = if i == 0 { "  • " } else { "    " };
                    rows.push(Line::from(format!("{lead}{l}")));
                }
            }
        }
        prev = Some(p);
    }
    (rows, headings)
}

/// Where the Guide is scrolled to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GuideState {
    /// The first row shown.
    pub scroll: usize,
}

impl GuideState {
    pub fn down(&mut self, rows: usize) {
        self.scroll = self.scroll.saturating_add(rows);
    }

    pub fn up(&mut self, rows: usize) {
        self.scroll = self.scroll.saturating_sub(rows);
    }

    pub fn top(&mut self) {
        self.scroll = 0;
    }

    /// Scrolls to the end (clamped when drawn).
    pub fn bottom(&mut self) {
        self.scroll = usize::MAX;
    }

    /// Scrolls so the heading `title` (case-insensitive) is at the top, when
    /// the guide is drawn `width` columns wide. False if there is no such heading.
    pub fn show_section(&mut self, guide: &Guide, title: &str, width: u16) -> bool {
        match guide
            .laid(width)
            .headings
            .iter()
            .find(|(h, _)| h.eq_ignore_ascii_case(title))
        {
            Some((_, row)) => {
                self.scroll = *row;
                true
            }
            None => false,
        }
    }
}

/// The parsed guide, and its rows at the width last asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Guide {
    pub parts: Vec<Part>,
    laid: Laid,
}

/// The guide wrapped to one width: its rows and where each heading starts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Laid {
    width: u16,
    rows: Vec<Line<'static>>,
    headings: Vec<(String, usize)>,
}

impl Laid {
    fn new(parts: &[Part], width: u16) -> Laid {
        let (rows, headings) = layout(parts, width);
        Laid {
            width,
            rows,
            headings,
        }
    }
}

impl Default for Guide {
    fn default() -> Self {
        Guide {
            parts: parse(GUIDE_MD),
            laid: Laid::default(),
        }
    }
}

impl Guide {
    /// Wraps the guide to `width` unless it already is. The app calls this
    /// whenever the terminal may have changed size, so that a redraw only
    /// copies rows instead of wrapping the whole guide again.
    pub fn fit(&mut self, width: u16) {
        if self.laid.width != width || self.laid.rows.is_empty() {
            self.laid = Laid::new(&self.parts, width);
        }
    }

    /// The guide at `width`: the kept rows when they fit, else wrapped now.
    fn laid(&self, width: u16) -> Cow<'_, Laid> {
        if self.laid.width == width && !self.laid.rows.is_empty() {
            Cow::Borrowed(&self.laid)
        } else {
            Cow::Owned(Laid::new(&self.parts, width))
        }
    }

    /// How many rows the guide takes at `width`.
    pub fn rows_at(&self, width: u16) -> usize {
        self.laid(width).rows.len()
    }

    /// The parts under heading `title` (case-insensitive), up to the next
    /// heading of the same or a higher level.
    pub fn section(&self, title: &str) -> Option<Section> {
        let start = self
            .parts
            .iter()
            .position(|p| matches!(p, Part::Heading(_, t) if t.eq_ignore_ascii_case(title)))?;
        let Part::Heading(level, heading) = &self.parts[start] else {
            return None;
        };
        let body = self.parts[start + 1..]
            .iter()
            .take_while(|p| !matches!(p, Part::Heading(l, _) if l <= level))
            .cloned()
            .collect();
        Some(Section {
            title: heading.clone(),
            body,
        })
    }

    /// The stretch for a muscle, from the Relief section; none for muscles
    /// the guide has no stretch for (hand, other).
    pub fn stretch_for(&self, muscle: Muscle) -> Option<Section> {
        match muscle {
            Muscle::Calf | Muscle::Hamstring | Muscle::Quadriceps | Muscle::Foot => {
                self.section(muscle.word())
            }
            Muscle::Hand | Muscle::Other => None,
        }
    }

    /// Draws the guide, scrolled to `state` (clamped so the last page stays full).
    pub fn render(&self, area: Rect, buf: &mut Buffer, state: &GuideState) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let [body, footer] = crate::tui::layout::guide(area);
        let laid = self.laid(body.width);
        let rows = &laid.rows;
        let max = rows.len().saturating_sub(body.height as usize);
        let top = state.scroll.min(max);
        // Rows are already wrapped to the width.
        crate::tui::rows::set_rows(buf, body, &rows[top.min(rows.len())..]);
        let pos = (top * 100)
            .checked_div(max)
            .map_or_else(|| "all".to_string(), |p| format!("{p}%"));
        Paragraph::new(Line::from(vec![
            Span::styled(
                "↑↓ scroll · PgUp/PgDn · Home/End top/end",
                Style::new().add_modifier(Modifier::DIM),
            ),
            Span::raw(format!("  {pos}")),
        ]))
        .render(footer, buf);
    }
}

/// A heading and what is under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub title: String,
    pub body: Vec<Part>,
}

/// The Guide screen inside the app's frame: a bordered box around the text.
pub fn draw<Z: Zone>(frame: &mut Frame, area: Rect, app: &App<Z>) {
    let b = block(app, "Guide · general information, not medical advice");
    let inner = crate::tui::layout::bordered(area);
    frame.render_widget(b, area);
    app.guide
        .render(inner, frame.buffer_mut(), &app.guide_state);
}

fn block<Z: Zone>(app: &App<Z>, title: &str) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .title(format!(" {title} "))
        .title_style(app.theme.title())
}

impl<Z: Zone> App<Z> {
    /// The last row the Guide can scroll to at the current size.
    pub(crate) fn guide_max(&self) -> usize {
        let (w, h) = crate::tui::layout::guide_text(self.size);
        self.guide.rows_at(w).saturating_sub(h as usize)
    }

    /// j/k and the pages: the text, a row at a time.
    pub(crate) fn scroll_guide(&mut self, by: isize) {
        let max = self.guide_max();
        let s = &mut self.guide_state;
        s.scroll = s.scroll.min(max).saturating_add_signed(by).min(max);
    }
}

#[cfg(test)]
#[path = "guide_tests.rs"]
mod tests;
