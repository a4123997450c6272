//! The Insights screen: every flag, most serious first; Enter opens one with
//! its why, who to see, its source and its evidence, each evidence entry
//! with its context snapshot.
//!
//! Plain data in, nothing changed: the host computes the flags (and the
//! snapshots, with [`evidence_snapshots`]) and keeps an [`InsightsState`].

use crate::domain::context::{Snapshot, entries_between, snapshot};
use crate::domain::entry::VolumeUnit;
use crate::domain::history::History;
use crate::domain::patterns::{DISCLAIMER, Flag, Level};
use crate::domain::rules::Rules;
use crate::tui::app::{App, Zone};
use crate::tui::text::{width as text_width, wrap};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};
use std::collections::BTreeMap;

/// Which flag is selected, whether it is open, and how far its detail is scrolled.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InsightsState {
    pub selected: usize,
    pub open: bool,
    /// The first row of the detail shown.
    pub scroll: usize,
}

impl InsightsState {
    /// The next flag (of `count`), staying on the last.
    pub fn next(&mut self, count: usize) {
        if self.selected + 1 < count {
            self.selected += 1;
            self.scroll = 0;
        }
    }

    pub fn prev(&mut self) {
        if self.selected > 0 {
            self.selected -= 1;
            self.scroll = 0;
        }
    }

    /// Opens the selected flag, if there is one.
    pub fn open(&mut self, count: usize) {
        if count > 0 {
            self.selected = self.selected.min(count - 1);
            self.open = true;
            self.scroll = 0;
        }
    }

    /// Closes the detail; returns false if it was not open (so Esc can go
    /// back a screen instead).
    pub fn close(&mut self) -> bool {
        let was = self.open;
        self.open = false;
        self.scroll = 0;
        was
    }

    pub fn scroll_down(&mut self, rows: usize) {
        self.scroll = self.scroll.saturating_add(rows);
    }

    pub fn scroll_up(&mut self, rows: usize) {
        self.scroll = self.scroll.saturating_sub(rows);
    }

    /// Keeps the selection inside a list that changed (a reload).
    pub fn clamp(&mut self, count: usize) {
        if count == 0 {
            *self = InsightsState::default();
        } else if self.selected >= count {
            self.selected = count - 1;
        }
    }
}

/// The context snapshots of every evidence entry, by entry id.
pub fn evidence_snapshots(
    flags: &[Flag],
    history: &History,
    rules: &Rules,
) -> BTreeMap<String, Snapshot> {
    let mut out = BTreeMap::new();
    for e in flags.iter().flat_map(|f| &f.evidence) {
        // Found by time (binary search), not by scanning every entry for the id.
        if !out.contains_key(&e.entry_id)
            && let Some(entry) = entries_between(history, &e.at, &e.at)
                .iter()
                .find(|x| x.id == e.entry_id)
        {
            out.insert(e.entry_id.clone(), snapshot(entry, history, rules));
        }
    }
    out
}

/// For the Today screen: the count and the most serious flag, e.g.
/// `2 flags · Severe cramps (see a professional)`.
pub fn today_line(flags: &[Flag]) -> Option<String> {
    let first = flags.first()?;
    let n = flags.len();
    Some(format!(
        "{n} flag{} · {} ({})",
        if n == 1 { "" } else { "s" },
        first.title,
        first.level.label()
    ))
}

/// The Insights screen over plain data.
pub struct Insights<'a> {
    /// Most serious first, as `patterns::flags` returns them.
    pub flags: &'a [Flag],
    pub snapshots: &'a BTreeMap<String, Snapshot>,
    pub unit: VolumeUnit,
    /// What the flags look at, e.g. `the last 30 days`.
    pub period: &'a str,
    pub state: &'a InsightsState,
}

fn level_style(level: Level) -> Style {
    match level {
        Level::Professional => Style::new().add_modifier(Modifier::BOLD),
        Level::Watch => Style::new(),
        Level::Note => Style::new().add_modifier(Modifier::DIM),
    }
}

fn tag(level: Level) -> String {
    format!("[{}]", level.label())
}

impl Insights<'_> {
    fn render_list(&self, area: Rect, buf: &mut Buffer) {
        let w = area.width as usize;
        let mut lines: Vec<Line> = Vec::new();
        if self.flags.is_empty() {
            for l in wrap(
                &format!(
                    "No flags over {}. Keep logging cramps, drinks and sessions; \
                     patterns show up here with the entries behind them.",
                    self.period
                ),
                w,
            ) {
                lines.push(Line::from(l));
            }
            Paragraph::new(lines).render(area, buf);
            return;
        }
        let selected = self.state.selected.min(self.flags.len() - 1);
        lines.push(Line::from(Span::styled(
            format!(
                "  {:<20} {:>3}  {}",
                "level", "n", "flag (n: entries behind it)"
            ),
            Style::new().add_modifier(Modifier::DIM),
        )));
        // Keep the selection on screen: each flag takes one row.
        let first = selected.saturating_sub((area.height as usize).saturating_sub(2));
        for (i, f) in self.flags.iter().enumerate().skip(first) {
            let mark = if i == selected { "▶ " } else { "  " };
            let n = f.evidence.len();
            let head = format!("{mark}{:<20} {n:>3}  ", tag(f.level));
            let room = w.saturating_sub(crate::tui::text::width(&head));
            let text = format!("{head}{}", crate::tui::text::clip(&f.title, room));
            let mut style = level_style(f.level);
            if i == selected {
                style = style.add_modifier(Modifier::REVERSED);
            }
            lines.push(Line::from(Span::styled(text, style)));
        }
        Paragraph::new(lines).render(area, buf);
    }

    /// The rows of a flag's detail at `width`.
    pub fn detail_rows(&self, f: &Flag, width: u16) -> Vec<Line<'static>> {
        let w = width.max(8) as usize;
        let mut rows: Vec<Line<'static>> = Vec::new();
        let bold = Style::new().add_modifier(Modifier::BOLD);
        for l in wrap(&format!("{}  {}", tag(f.level), f.title), w) {
            rows.push(Line::from(Span::styled(
                l,
                level_style(f.level).add_modifier(Modifier::BOLD),
            )));
        }
        rows.push(Line::default());
        rows.extend(wrap(&f.why, w).into_iter().map(Line::from));
        if f.level == Level::Professional
            && let Some(who) = &f.professional
        {
            rows.push(Line::default());
            for l in wrap(&format!("Who to see: {who}."), w) {
                rows.push(Line::from(Span::styled(l, bold)));
            }
        }
        rows.push(Line::default());
        rows.extend(
            wrap(&format!("Source: {}", f.source), w)
                .into_iter()
                .map(Line::from),
        );
        rows.push(Line::default());
        rows.push(Line::from(Span::styled(
            format!("Evidence ({})", f.evidence.len()),
            bold,
        )));
        for e in &f.evidence {
            for (i, l) in wrap(&e.summary, w.saturating_sub(2).max(1))
                .into_iter()
                .enumerate()
            {
                let lead = if i == 0 { "• " } else { "  " };
                rows.push(Line::from(format!("{lead}{l}")));
            }
            if let Some(s) = self.snapshots.get(&e.entry_id) {
                let dim = Style::new().add_modifier(Modifier::DIM);
                for l in wrap(&s.describe(self.unit), w.saturating_sub(4).max(1)) {
                    rows.push(Line::from(Span::styled(format!("    {l}"), dim)));
                }
            }
            rows.push(Line::from(Span::styled(
                format!("  id {}", e.entry_id),
                Style::new().add_modifier(Modifier::DIM),
            )));
        }
        rows
    }

    fn render_detail(&self, f: &Flag, area: Rect, buf: &mut Buffer) {
        let rows = self.detail_rows(f, area.width);
        let max = rows.len().saturating_sub(area.height as usize);
        let top = self.state.scroll.min(max);
        let shown: Vec<Line> = rows
            .into_iter()
            .skip(top)
            .take(area.height as usize)
            .collect();
        Paragraph::new(shown).render(area, buf);
    }
}

impl Widget for &Insights<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.width == 0 || area.height == 0 {
            return;
        }
        let [header, body, footer] = crate::tui::layout::insights_parts(area);
        let n = self.flags.len();
        let open = self.state.open && n > 0;
        let head = format!(
            "Insights · {n} flag{} over {}",
            if n == 1 { "" } else { "s" },
            self.period
        );
        Paragraph::new(vec![
            Line::from(Span::styled(
                head,
                Style::new().add_modifier(Modifier::BOLD),
            )),
            Line::from(DISCLAIMER),
        ])
        .render(header, buf);
        let hint = if open {
            "↑↓ scroll · Esc back to the list"
        } else if n > 0 {
            "↑↓ select · Enter open · Esc back"
        } else {
            "Esc back"
        };
        Paragraph::new(Span::styled(hint, Style::new().add_modifier(Modifier::DIM)))
            .render(footer, buf);
        if open {
            let f = &self.flags[self.state.selected.min(n - 1)];
            self.render_detail(f, body, buf);
        } else {
            self.render_list(body, buf);
        }
    }
}

/// The Insights screen inside the app's frame, drawn from the app's state.
pub fn draw<Z: Zone>(frame: &mut Frame, area: Rect, app: &App<Z>) {
    // The widget draws its own title, disclaimer and keys.
    let mut inner = crate::tui::layout::insights(area);
    if !app.insights.open {
        inner = sweat_section(frame, inner, app);
    }
    let period = app.flags_period();
    let view = Insights {
        flags: &app.flags,
        snapshots: &app.snapshots,
        unit: app.settings.units,
        period: &period,
        state: &app.insights,
    };
    frame.render_widget(&view, inner);
}

/// The "Sweat rate" section at the foot of Insights' list, in at most half
/// of `area`; returns what is left above it for the flags.
fn sweat_section<Z: Zone>(frame: &mut Frame, area: Rect, app: &App<Z>) -> Rect {
    let now = app.now.fixed_offset();
    let width = area.width.max(8) as usize;
    let rows: Vec<String> = crate::tui::sweat::section_lines(&app.sweat, &app.rules, &now)
        .iter()
        .flat_map(|l| {
            // Short lines (the chart) keep their spacing; long ones wrap at words.
            if text_width(l) <= width {
                vec![l.clone()]
            } else {
                wrap(l, width)
            }
        })
        .collect();
    let height = (rows.len() as u16 + 1).min(area.height / 2);
    if height < 2 {
        return area;
    }
    let [rest, _, section] = Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(height - 1),
    ])
    .areas(area);
    let lines: Vec<Line> = rows
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                Line::from(Span::styled(l, app.theme.title()))
            } else {
                Line::raw(l)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), section);
    rest
}

impl<Z: Zone> App<Z> {
    /// The last row a flag's detail can scroll to at the current size.
    pub(crate) fn insights_detail_max(&self) -> usize {
        let Some(f) = self.flags.get(self.insights.selected) else {
            return 0;
        };
        let (w, h) = crate::tui::layout::insights_detail(self.size);
        let period = self.flags_period();
        let view = Insights {
            flags: &self.flags,
            snapshots: &self.snapshots,
            unit: self.settings.units,
            period: &period,
            state: &self.insights,
        };
        view.detail_rows(f, w).len().saturating_sub(h as usize)
    }

    /// What the flags look at, e.g. `the last 30 days`.
    pub fn flags_period(&self) -> String {
        format!("the last {} days", self.rules.flags.recent_days)
    }

    /// j/k and the pages: the list's selection, or an open flag's text.
    pub(crate) fn scroll_insights(&mut self, by: isize) {
        if self.insights.open {
            let max = self.insights_detail_max();
            let s = &mut self.insights;
            s.scroll = s.scroll.min(max).saturating_add_signed(by).min(max);
        } else if by < 0 {
            for _ in 0..by.unsigned_abs().min(self.flags.len()) {
                self.insights.prev();
            }
        } else {
            for _ in 0..by.unsigned_abs().min(self.flags.len()) {
                self.insights.next(self.flags.len());
            }
        }
    }
}

#[cfg(test)]
#[path = "insights_tests.rs"]
mod tests;
