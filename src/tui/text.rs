//! Text fitted to a width measured in terminal columns (display width, so a
//! wide character counts two): wrapped at spaces, never cut mid-word.

use ratatui::text::Span;

/// Display width of `s` in terminal columns.
pub fn width(s: &str) -> usize {
    Span::raw(s).width()
}

/// Word-wraps `text` to `cols` columns. Only a single word wider than the
/// whole line is cut (there is nowhere else to put it).
pub fn wrap(text: &str, cols: usize) -> Vec<String> {
    let cols = cols.max(1);
    let mut out = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let need = if line.is_empty() {
            width(word)
        } else {
            width(&line) + 1 + width(word)
        };
        if need <= cols {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            out.push(std::mem::take(&mut line));
        }
        let mut rest = word;
        while width(rest) > cols {
            let cut = split_at_width(rest, cols);
            out.push(rest[..cut].to_string());
            rest = &rest[cut..];
        }
        line.push_str(rest);
    }
    if !line.is_empty() || out.is_empty() {
        out.push(line);
    }
    out
}

/// The byte index where `s` passes `cols` columns (at least one character).
fn split_at_width(s: &str, cols: usize) -> usize {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        let w = width(c.encode_utf8(&mut [0; 4]));
        if used + w > cols && i > 0 {
            return i;
        }
        used += w;
    }
    s.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_breaks_at_spaces_and_counts_wide_characters_as_two() {
        assert_eq!(
            wrap("sip 8-10 oz now, to thirst", 12),
            ["sip 8-10 oz", "now, to", "thirst"]
        );
        // Four full-width digits are eight columns: "５：００ left" needs 13.
        assert_eq!(wrap("５：００ left", 10), ["５：００", "left"]);
        assert_eq!(wrap("", 10), [""]);
    }

    #[test]
    fn only_a_word_wider_than_the_line_is_cut() {
        assert_eq!(wrap("a hyponatremia b", 6), ["a", "hypona", "tremia", "b"]);
    }
}
