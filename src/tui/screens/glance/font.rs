//! Big digits for Glance, in as many rows as a pane has: a 3x5 block font
//! scaled up, the same font in half blocks (3 rows), full-width digits on
//! one row, or plain text.

use crate::tui::text::width as text_width;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Widget;

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

/// How big the digits are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Size {
    /// The block font, each font cell `across` columns by `down` rows.
    Blocks { across: u16, down: u16 },
    /// The block font in half blocks: 3 rows.
    Half,
    /// Full-width digits on one row (`５：００`).
    Wide,
    /// The text as it is.
    Plain,
}

impl Size {
    pub fn rows(self) -> u16 {
        match self {
            Size::Blocks { down, .. } => down * GLYPH_ROWS as u16,
            Size::Half => GLYPH_ROWS.div_ceil(2) as u16,
            Size::Wide | Size::Plain => 1,
        }
    }
}

/// Big digits for `text`, as large as the area allows.
pub struct BigText<'a> {
    pub text: &'a str,
    pub style: Style,
    /// Drawn as a negative (a reversed slab with the digits cut out): how a
    /// due countdown stands out without colour.
    pub negative: bool,
}

impl BigText<'_> {
    /// Width in font cells (a column between glyphs).
    fn cells_wide(&self) -> u16 {
        let w: usize = self.text.chars().map(|c| glyph(c)[0].len()).sum::<usize>()
            + self.text.chars().count().saturating_sub(1);
        w as u16
    }

    /// The full-width form of the text: `５：００`.
    fn wide(&self) -> String {
        self.text
            .chars()
            .map(|c| match c {
                '0'..='9' => char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c),
                ':' => '：',
                '-' => '－',
                c => c,
            })
            .collect()
    }

    /// The largest size that fits `width` x `height` cells. Terminal cells
    /// are about twice as tall as wide, so across is at most twice down.
    pub fn size_for(&self, width: u16, height: u16) -> Size {
        let w = self.cells_wide().max(1);
        let room = width.saturating_sub(4);
        let sx_max = room / w;
        let sy = (height / GLYPH_ROWS as u16).min(sx_max);
        let sx = sx_max.min(2 * sy);
        if sx >= 1 && sy >= 1 {
            Size::Blocks {
                across: sx,
                down: sy,
            }
        } else if height >= Size::Half.rows() && room >= w {
            Size::Half
        } else if width as usize >= text_width(&self.wide()) {
            Size::Wide
        } else {
            Size::Plain
        }
    }

    /// Sets the cell at font cell (`fx`, `fy`) of a `sx` x `sy` grid from `origin`.
    fn fill(
        &self,
        buf: &mut Buffer,
        origin: (u16, u16),
        scale: (u16, u16),
        f: (u16, u16),
        s: &str,
    ) {
        for dy in 0..scale.1 {
            for dx in 0..scale.0 {
                let at = (origin.0 + f.0 * scale.0 + dx, origin.1 + f.1 * scale.1 + dy);
                if let Some(cell) = buf.cell_mut(at) {
                    cell.set_symbol(s).set_style(self.on_style());
                }
            }
        }
    }

    fn on_style(&self) -> Style {
        if self.negative {
            self.style.remove_modifier(Modifier::REVERSED)
        } else {
            self.style
        }
    }

    fn on_symbol(&self) -> &'static str {
        if self.negative { " " } else { "█" }
    }

    /// The slab behind a negative: the digits' box and a column each side.
    fn slab(&self, buf: &mut Buffer, area: Rect, x0: u16, y0: u16, w: u16, h: u16) {
        if self.negative {
            let slab = Rect::new(x0.saturating_sub(1), y0, w + 2, h).intersection(area);
            buf.set_style(slab, self.style.add_modifier(Modifier::REVERSED));
        }
    }

    fn blocks(&self, area: Rect, buf: &mut Buffer, sx: u16, sy: u16) {
        let w = self.cells_wide() * sx;
        let h = GLYPH_ROWS as u16 * sy;
        let x0 = area.x + (area.width - w) / 2;
        let y0 = area.y + (area.height - h) / 2;
        self.slab(buf, area, x0, y0, w, h);
        let mut col = 0u16;
        for c in self.text.chars() {
            let g = glyph(c);
            for (row, line) in g.iter().enumerate() {
                for (i, ch) in line.chars().enumerate() {
                    if ch == '#' {
                        let f = (col + i as u16, row as u16);
                        self.fill(buf, (x0, y0), (sx, sy), f, self.on_symbol());
                    }
                }
            }
            col += g[0].len() as u16 + 1;
        }
    }

    /// Two font rows a terminal row: `▀`, `▄`, `█`.
    fn half(&self, area: Rect, buf: &mut Buffer) {
        let w = self.cells_wide();
        let h = Size::Half.rows();
        let x0 = area.x + (area.width - w) / 2;
        let y0 = area.y + (area.height - h) / 2;
        self.slab(buf, area, x0, y0, w, h);
        let mut col = 0u16;
        for c in self.text.chars() {
            let g = glyph(c);
            for i in 0..g[0].len() {
                for r in 0..h as usize {
                    let on = |row: usize| {
                        g.get(row)
                            .is_some_and(|l| l.as_bytes().get(i) == Some(&b'#'))
                    };
                    let symbol = match (on(2 * r), on(2 * r + 1), self.negative) {
                        (false, false, _) => continue,
                        (true, true, false) => "█",
                        (true, false, false) => "▀",
                        (false, true, false) => "▄",
                        // In a negative the unlit half is what is drawn.
                        (true, true, true) => " ",
                        (true, false, true) => "▄",
                        (false, true, true) => "▀",
                    };
                    let at = (x0 + col + i as u16, y0 + r as u16);
                    if let Some(cell) = buf.cell_mut(at) {
                        cell.set_symbol(symbol).set_style(self.on_style());
                    }
                }
            }
            col += g[0].len() as u16 + 1;
        }
    }

    fn line(&self, area: Rect, buf: &mut Buffer, text: &str) {
        let w = (text_width(text) as u16).min(area.width);
        let x = area.x + (area.width - w) / 2;
        let y = area.y + area.height.saturating_sub(1) / 2;
        buf.set_stringn(x, y, text, area.width as usize, self.style);
    }
}

impl Widget for BigText<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        match self.size_for(area.width, area.height) {
            Size::Blocks { across, down } => self.blocks(area, buf, across, down),
            Size::Half => self.half(area, buf),
            Size::Wide => self.line(area, buf, &self.wide()),
            Size::Plain => self.line(area, buf, self.text),
        }
    }
}
