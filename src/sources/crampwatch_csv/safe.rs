//! CSV cells that are safe to open in a spreadsheet, and that still read
//! back exactly.
//!
//! A spreadsheet runs a cell that begins with `=`, `+`, `-`, `@`, a tab or a
//! carriage return as a formula (`=HYPERLINK("http://evil","click")`). The
//! OWASP rule: such a cell is written with a leading `'`, which spreadsheets
//! show as text. So that `import` gives back the exact text, a cell that
//! already begins with quotes followed by one of those characters gets one
//! more quote too; reading removes one quote from any cell that is quotes
//! then a formula character. Writing then reading is the identity for every
//! text.

use std::borrow::Cow;

fn is_trigger(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r')
}

/// True for `'*` followed by a formula character.
fn quoted_trigger(s: &str) -> bool {
    s.trim_start_matches('\'')
        .chars()
        .next()
        .is_some_and(is_trigger)
}

/// A cell as written: a leading `'` when a spreadsheet would run it.
pub fn defuse(cell: &str) -> Cow<'_, str> {
    if quoted_trigger(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A cell as read: the quote [`defuse`] added, removed.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if quoted_trigger(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_text_in_a_spreadsheet_and_read_back_exactly() {
        for (text, written) in [
            (
                "=HYPERLINK(\"http://evil\",\"click\")",
                "'=HYPERLINK(\"http://evil\",\"click\")",
            ),
            ("+cmd|calc", "'+cmd|calc"),
            ("@SUM(1)", "'@SUM(1)"),
            ("-2+3", "'-2+3"),
            ("\tx", "'\tx"),
            ("'=already quoted", "''=already quoted"),
            ("'plain quote", "'plain quote"),
            ("calf after run", "calf after run"),
            ("", ""),
        ] {
            assert_eq!(defuse(text), written, "{text:?}");
            assert_eq!(restore(&defuse(text)), text, "{text:?}");
        }
        // A hand-made sheet's own leading quote before a plain word stays.
        assert_eq!(restore("'hello"), "'hello");
    }
}
