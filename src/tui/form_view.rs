//! Draws an open form as a box above the screen, with the cursor in the
//! focused text field and each field's error beneath it.

use super::forms::{Form, Value};
use super::theme::Theme;
use super::view::centered;
use crate::domain::entry::VolumeUnit;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

const LABEL: usize = 11;

pub fn draw(frame: &mut Frame, area: Rect, form: &Form, t: Theme, unit: VolumeUnit) {
    let mut lines: Vec<Line> = Vec::new();
    let mut cursor = None;
    for (i, f) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let label_style = if focused { t.title() } else { Style::new() };
        let mut spans = vec![Span::styled(
            format!("{}{:>LABEL$} ", if focused { ">" } else { " " }, f.label),
            label_style,
        )];
        match &f.value {
            Value::Text(input) => {
                if input.value().is_empty() {
                    spans.push(Span::styled(f.hint.clone(), t.dim()));
                } else {
                    spans.push(Span::raw(input.value().to_string()));
                }
                if focused {
                    cursor = Some((LABEL as u16 + 2 + input.visual_cursor() as u16, lines.len()));
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
        lines.push(Line::from(spans));
        if let Some(e) = &f.error {
            lines.push(Line::styled(
                format!("{:>w$}{e}", "", w = LABEL + 2),
                t.bad(),
            ));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(hint(form), t.dim()));

    let width = 76u16.min(area.width.saturating_sub(2));
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

fn hint(form: &Form) -> String {
    if form.on_presets() {
        " 1-9 logs that size · Enter the chosen one · Tab more fields · Esc cancel".into()
    } else if form.typing() {
        " Enter save · Tab/↓ next field · Shift-Tab/↑ back · Esc cancel".into()
    } else {
        " ←→ choose · Space tick · Tab/↓ next · Enter save · Esc cancel".into()
    }
}
