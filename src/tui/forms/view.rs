//! Draws an open form as a box above the screen, with the cursor in the
//! focused text field and each field's error beneath it.

use super::{Field, Form, Value};
use crate::domain::entry::VolumeUnit;
use crate::tui::layout::{centered, form_width};
use crate::tui::text::{wrap, wrap_items};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

const LABEL: usize = 11;

pub fn draw(frame: &mut Frame, area: Rect, form: &Form, t: Theme, unit: VolumeUnit) {
    let width = form_width(area.width);
    let cols = width.saturating_sub(2) as usize;
    let mut lines: Vec<Line> = Vec::new();
    let mut cursor = None;
    for (i, f) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let label_style = if focused { t.title() } else { Style::new() };
        let mut spans = vec![Span::styled(
            format!("{}{:>LABEL$} ", if focused { ">" } else { " " }, f.label),
            label_style,
        )];
        if focused && let Value::Text(input) = &f.value {
            cursor = Some((LABEL as u16 + 2 + input.visual_cursor() as u16, lines.len()));
        }
        spans.extend(value_spans(f, focused, t, unit));
        lines.extend(wrap_spans(spans, cols));
        if let Some(e) = &f.error {
            for part in wrap(e, cols.saturating_sub(LABEL + 2)) {
                lines.push(Line::styled(
                    format!("{:>w$}{part}", "", w = LABEL + 2),
                    t.bad(),
                ));
            }
        }
    }
    lines.push(Line::raw(""));
    for part in wrap_items(hint(form).trim_start(), cols.saturating_sub(1)) {
        lines.push(Line::styled(format!(" {part}"), t.dim()));
    }

    let height = lines.len() as u16 + 2;
    let popup = centered(area, width, height);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .title(format!(" {} ", form.title))
                .title_style(t.title()),
        ),
        popup,
    );
    if let Some((x, row)) = cursor {
        let x = popup.x + 1 + x;
        let y = popup.y + 1 + row as u16;
        if x < popup.right() && y < popup.bottom() {
            frame.set_cursor_position((x, y));
        }
    }
}

/// A field's value: the text typed (or its hint), the options with the
/// chosen one in brackets, the ticks.
fn value_spans(f: &Field, focused: bool, t: Theme, unit: VolumeUnit) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    match &f.value {
        Value::Text(input) => {
            if input.value().is_empty() {
                spans.push(Span::styled(f.hint.clone(), t.dim()));
            } else {
                spans.push(Span::raw(input.value().to_string()));
            }
        }
        Value::Choice { options, idx } => {
            for (j, o) in options.iter().enumerate() {
                if j == *idx {
                    let st = if focused { t.selected() } else { t.title() };
                    spans.push(Span::styled(format!("[{o}]"), st));
                } else {
                    spans.push(Span::raw(format!(" {o} ")));
                }
            }
        }
        Value::Multi {
            options,
            on,
            cursor: c,
        } => {
            for (j, o) in options.iter().enumerate() {
                let mark = if on[j] { "✓" } else { "·" };
                let st = if focused && j == *c {
                    t.selected()
                } else if on[j] {
                    t.title()
                } else {
                    Style::new()
                };
                spans.push(Span::styled(format!("{mark}{o}"), st));
                spans.push(Span::raw(" "));
            }
        }
        Value::Presets { ml, idx } => {
            for (j, m) in ml.iter().enumerate() {
                let text = format!("{}) {}", j + 1, unit.format(*m as f64));
                if j == *idx {
                    let st = if focused { t.selected() } else { t.title() };
                    spans.push(Span::styled(format!("[{text}]"), st));
                } else {
                    spans.push(Span::raw(format!(" {text} ")));
                }
            }
        }
    }
    spans
}

/// A field's row: its label, then its options, each kept whole; options
/// that do not fit go on under the first, lined up after the label.
fn wrap_spans(spans: Vec<Span<'static>>, cols: usize) -> Vec<Line<'static>> {
    let indent = LABEL + 2;
    let mut lines = Vec::new();
    let mut row: Vec<Span> = Vec::new();
    let mut used = 0;
    for span in spans {
        let w = span.width();
        if used + w > cols && row.len() > 1 && !span.content.trim().is_empty() {
            lines.push(Line::from(std::mem::take(&mut row)));
            row.push(Span::raw(" ".repeat(indent)));
            used = indent;
        }
        used += w;
        row.push(span);
    }
    lines.push(Line::from(row));
    lines
}

fn hint(form: &Form) -> String {
    if form.on_presets() {
        " 1-9 logs that size · Enter the chosen one · Tab more fields · Esc cancel".into()
    } else if form.typing() {
        " Enter save · Tab/↓ next field · Shift-Tab/↑ back · Esc cancel".into()
    } else {
        " ←→ choose · Space tick · Tab/↓ next · Enter save · Esc cancel".into()
    }
}
