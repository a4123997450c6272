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

/// Wraps `text` at its ` · ` and `; ` joins when it can, else at spaces.
pub fn wrap_items(text: &str, cols: usize) -> Vec<String> {
    let mut rows: Vec<String> = Vec::new();
    let mut line = String::new();
    for item in split_keep(text) {
        let joined = format!("{line}{item}");
        if width(joined.trim_end()) <= cols || line.is_empty() {
            line = joined;
            continue;
        }
        rows.push(
            line.trim_end()
                .trim_end_matches(['·', ';'])
                .trim_end()
                .to_string(),
        );
        line = item.to_string();
    }
    if !line.is_empty() {
        rows.push(line.trim_end().to_string());
    }
    // An item wider than the line on its own wraps at spaces.
    rows.into_iter().flat_map(|r| wrap(&r, cols)).collect()
}

/// `a · b; c` as `["a · ", "b; ", "c"]`.
fn split_keep(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices([';', '·']) {
        let end = text[i..]
            .char_indices()
            .nth(2)
            .map_or(text.len(), |(j, _)| i + j);
        let end = end.min(text.len());
        if end > start {
            out.push(&text[start..end]);
            start = end;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// `s` cut to at most `cols` columns, wherever that falls (a rule, a bar).
pub fn truncate(s: &str, cols: usize) -> String {
    let mut used = 0;
    let mut out = String::new();
    for c in s.chars() {
        used += width(c.encode_utf8(&mut [0; 4]));
        if used > cols {
            break;
        }
        out.push(c);
    }
    out
}

/// `text` cut to `cols` at a word, with ` …` marking the cut.
pub fn clip(text: &str, cols: usize) -> String {
    if width(text) <= cols {
        return text.to_string();
    }
    let words: Vec<&str> = text.split(' ').collect();
    for n in (1..words.len()).rev() {
        let cut = format!("{} …", words[..n].join(" "));
        if width(&cut) <= cols {
            return cut;
        }
    }
    truncate(text, cols)
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

    #[test]
    fn items_wrap_at_their_joins_before_spaces() {
        // "Tab/↓ next field · Esc cancel" is 29 columns: the last item moves down whole.
        assert_eq!(
            wrap_items("Enter save · Tab/↓ next field · Esc cancel", 26),
            ["Enter save", "Tab/↓ next field", "Esc cancel"]
        );
        // Only an item wider than the line wraps inside itself, at spaces.
        assert_eq!(wrap_items("a · bb cc dd", 5), ["a", "bb cc", "dd"]);
    }

    #[test]
    fn a_row_too_wide_ends_at_a_word_with_an_ellipsis() {
        assert_eq!(clip("cramp calf severity 6 after", 20), "cramp calf …");
        assert_eq!(clip("drink 10 oz", 20), "drink 10 oz");
    }

    #[test]
    fn no_wrapped_row_is_wider_than_its_columns_with_cjk_and_emoji() {
        let texts = [
            "ふくらはぎが 攣った 🦵 階段で 十分ほど",
            "cramp calf 🦵🦵🦵🦵🦵🦵🦵🦵🦵🦵 after 長い長い長い長い長い長い長い run",
            "水分補給を忘れずに · 🥤 sip 8-10 oz; 運動の後は電解質も",
            "a b c 日本語テキスト e\u{301}toile",
        ];
        for text in texts {
            for cols in 2..40 {
                for row in wrap_items(text, cols) {
                    assert!(width(&row) <= cols, "{row:?} is over {cols} columns");
                }
                let rows = wrap(text, cols);
                for row in &rows {
                    assert!(width(row) <= cols, "{row:?} is over {cols} columns");
                }
                // Nothing is lost: the rows hold every character but spaces.
                let kept: String = rows
                    .concat()
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                let all: String = text.chars().filter(|c| !c.is_whitespace()).collect();
                assert_eq!(kept, all, "at {cols} columns");
            }
        }
        assert_eq!(truncate("日本語", 5), "日本");
        assert_eq!(clip("日本語のテキスト", 5), "日本");
    }
}
