//! The one sanitiser for text the command line prints to a terminal.
//!
//! Notes, activities, ids and folder names may come from another device or
//! an imported file. Printed raw, an `ESC ]52` writes the clipboard, an
//! `ESC [2J` clears the screen, a bidi override reorders what is read, and
//! a newline in a note forges a line of output. So every line the CLI prints
//! (entries, flags, status, reports, warnings, errors) passes through here:
//!
//! - control characters (C0 but the line breaks the program writes itself,
//!   DEL, C1), bidi controls and zero-width characters become `�`;
//! - a line break inside one value (a note) becomes a visible `⏎`;
//! - JSON keeps exact data: such characters are written as `\uXXXX` escapes,
//!   which a JSON reader turns back into the same string.
//!
//! The TUI keeps its own sanitising (ratatui cells).

use std::borrow::Cow;

/// `println!` for one line of the CLI's output, through [`line`].
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::term_safe::out(&format!("{}\n", $crate::term_safe::line(&format!($($arg)*))))
    };
}

/// `println!` for text already made safe (or JSON), through [`out`].
#[macro_export]
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::term_safe::out(&format!("{}\n", format_args!($($arg)*)))
    };
}

/// Writes text to stdout. A reader that went away (`crampwatch status |
/// head -0`) ends the program quietly with exit 0, as for any Unix filter;
/// `println!` would panic there instead.
pub fn out(text: &str) {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: cannot write to stdout: {e}");
        std::process::exit(1);
    }
}

/// `eprintln!` for one line of warning or error, through [`line`].
#[macro_export]
macro_rules! say_err {
    ($($arg:tt)*) => {
        eprintln!("{}", $crate::term_safe::line(&format!($($arg)*)))
    };
}

/// What replaces a character that must not reach a terminal.
const REPLACEMENT: char = '\u{FFFD}';
/// What a line break inside one value shows as.
const LINE_BREAK: char = '⏎';

/// True for characters a terminal must never receive from user text.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{061C}'              // Arabic letter mark
            | '\u{200B}'..='\u{200F}' // zero-width space/joiners, LRM, RLM
            | '\u{2028}'..='\u{202E}' // line/paragraph separators, embeddings, overrides
            | '\u{2060}'..='\u{2069}' // word joiner, invisible operators, isolates
            | '\u{FEFF}'            // zero-width no-break space
            | '\u{FFF9}'..='\u{FFFB}' // interlinear annotations
        )
}

/// One value on one line: unsafe characters replaced, line breaks (`\r\n`,
/// `\n`, `\r`) shown as `⏎`, tabs as a space.
pub fn line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push(LINE_BREAK),
            '\t' => out.push(' '),
            c if is_unsafe(c) => out.push(REPLACEMENT),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// True for characters that must not be in data written out (a CSV cell,
/// an HTML page): controls a terminal acts on, and the bidi embeddings,
/// overrides and isolates that make text read in another order than it is
/// (Trojan Source). Not the zero-width joiners [`is_unsafe`] also takes
/// out of terminal lines: Persian spelling and emoji need them.
pub(crate) fn is_unsafe_in_data(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// One cell of a CSV file, or a whole document written as data (an HTML
/// page): the characters of [`is_unsafe_in_data`] replaced, tabs and line
/// breaks kept (CSV quoting holds them: a note of several lines reads back
/// whole), and the joiners text needs kept as they are.
pub fn cell(s: &str) -> Cow<'_, str> {
    let bad = |c: char| is_unsafe_in_data(c) && !matches!(c, '\t' | '\n' | '\r');
    if !s.chars().any(bad) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if bad(c) { REPLACEMENT } else { c })
            .collect(),
    )
}

/// Text of several lines the program composed: its own line breaks kept,
/// every line made safe as [`line`] makes it.
pub fn block(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return Cow::Borrowed(s);
    }
    let parts: Vec<Cow<str>> = s.split('\n').map(line).collect();
    Cow::Owned(parts.join("\n"))
}

/// JSON text as serde wrote it, with every unsafe character that serde
/// leaves raw (C1, bidi, zero-width) written as a `\uXXXX` escape: the same
/// data to any JSON reader, nothing a terminal acts on. Outside strings
/// JSON holds only ASCII, so every such character is inside a string.
pub fn json(s: &str) -> Cow<'_, str> {
    if first_unsafe_non_ascii(s).is_none() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if !c.is_ascii() && is_unsafe(c) {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// JSON text written whole into a buffer, made safe as [`json`] makes it:
/// one pass over the finished text (a ten-year report, 1.6 MB, is mostly
/// ASCII and passes as it is). Bytes that are not UTF-8 (serde never writes
/// them) are replaced, as a terminal must not guess at them.
pub fn json_bytes(text: Vec<u8>) -> Vec<u8> {
    match String::from_utf8(text) {
        Ok(s) if first_unsafe_non_ascii(&s).is_none() => s.into_bytes(),
        Ok(s) => json(&s).into_owned().into_bytes(),
        Err(e) => json(&String::from_utf8_lossy(e.as_bytes()))
            .into_owned()
            .into_bytes(),
    }
}

/// Where the first unsafe character outside ASCII starts. Runs of ASCII are
/// skipped a block at a time (`is_ascii` reads words), rather than decoding
/// every character of a long report.
fn first_unsafe_non_ascii(s: &str) -> Option<usize> {
    const RUN: usize = 32;
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let end = (i + RUN).min(b.len());
        if b[i..end].is_ascii() {
            // The byte before `end` is ASCII, so `end` starts a character.
            i = end;
        } else if b[i].is_ascii() {
            // On to the first byte outside ASCII: it starts a character.
            i += b[i..end].iter().take_while(|c| c.is_ascii()).count();
        } else {
            // `i` starts a character: it only ever moves by whole ones.
            let c = s[i..].chars().next()?;
            if is_unsafe(c) {
                return Some(i);
            }
            i += c.len_utf8();
        }
    }
    None
}

/// A writer for JSON streamed out (a list of years is not built in memory
/// first) that passes it through [`json`] on the way. serde writes a token at
/// a time, so text is gathered into blocks of [`JsonOut::BLOCK`] bytes before
/// it is checked: checking each token on its own had made a ten-year
/// `report --format json` half as slow again. Call `flush` at the end.
pub struct JsonOut<W: std::io::Write> {
    inner: W,
    /// Text not yet checked, and the start of a character split between two
    /// writes.
    pending: Vec<u8>,
}

impl<W: std::io::Write> JsonOut<W> {
    const BLOCK: usize = 64 * 1024;

    pub fn new(inner: W) -> JsonOut<W> {
        JsonOut {
            inner,
            pending: Vec::with_capacity(Self::BLOCK + 1024),
        }
    }

    /// Writes out what is pending up to its last whole character.
    fn pass(&mut self) -> std::io::Result<()> {
        let valid = match std::str::from_utf8(&self.pending) {
            Ok(_) => self.pending.len(),
            // An incomplete character at the end waits for the next write.
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => self.pending.len(),
        };
        let head = &self.pending[..valid];
        if head.is_ascii() {
            // Every unsafe character is outside ASCII: nothing to check.
            self.inner.write_all(head)?;
        } else {
            let text = String::from_utf8_lossy(head);
            self.inner.write_all(json(&text).as_bytes())?;
        }
        self.pending.drain(..valid);
        Ok(())
    }
}

impl<W: std::io::Write> std::io::Write for JsonOut<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        if self.pending.len() >= Self::BLOCK {
            self.pass()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.pass()?;
        if !self.pending.is_empty() {
            let rest = std::mem::take(&mut self.pending);
            self.inner.write_all(&rest)?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_bidi_never_pass() {
        let hostile = "ok\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202e}txt.exe\u{200d}";
        let safe = line(hostile);
        assert!(!safe.chars().any(is_unsafe), "{safe:?}");
        assert!(safe.starts_with("ok"));
        assert!(safe.contains("pwned") && safe.contains("txt.exe"));
    }

    #[test]
    fn a_newline_in_a_value_is_a_visible_mark_but_a_block_keeps_its_lines() {
        assert_eq!(line("a\nb\r\nc"), "a⏎b⏎c");
        assert_eq!(block("one\ntwo\u{1b}[2J\n"), "one\ntwo\u{FFFD}[2J\n");
        assert!(matches!(line("plain text, ünïcode"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_csv_cell_keeps_its_tabs_and_lines_but_no_escape() {
        let safe = cell("a\tb\r\nc\u{1b}]8;;http://evil\u{7}\u{9b}\u{202e}d");
        assert_eq!(
            safe,
            "a\tb\r\nc\u{FFFD}]8;;http://evil\u{FFFD}\u{FFFD}\u{FFFD}d"
        );
        assert!(matches!(cell("plain, ünïcode\nnote"), Cow::Borrowed(_)));
        // Persian spelling (ZWNJ) and an emoji sequence (ZWJ) come through
        // whole; an isolate does not.
        let text = "می\u{200c}خواهم 🏃\u{200d}♀️";
        assert!(matches!(cell(text), Cow::Borrowed(_)));
        assert_eq!(cell("a\u{2067}b"), "a\u{FFFD}b");
    }

    #[test]
    fn json_keeps_exact_data() {
        let note = "a\u{202e}b\u{85}c\u{1b}";
        let text = serde_json::to_string(&serde_json::json!({ "note": note })).unwrap();
        let safe = json(&text);
        assert!(!safe.chars().any(is_unsafe), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["note"], note);
        // Streamed a byte at a time, characters split between writes.
        let mut out = JsonOut::new(Vec::new());
        for b in text.as_bytes() {
            std::io::Write::write_all(&mut out, std::slice::from_ref(b)).unwrap();
        }
        std::io::Write::flush(&mut out).unwrap();
        assert_eq!(String::from_utf8(out.inner).unwrap(), safe);
    }

    #[test]
    fn a_whole_buffer_is_made_safe_as_text_is() {
        // Unsafe characters at every distance from a block's edge, among
        // safe ones outside ASCII that stay as they are.
        for pad in 0..70 {
            let note = format!("{}é\u{202e}x\u{85}·\u{200b}", "a".repeat(pad));
            let text = serde_json::to_string(&serde_json::json!({ "note": note })).unwrap();
            let safe = json_bytes(text.clone().into_bytes());
            assert_eq!(String::from_utf8(safe).unwrap(), json(&text), "{pad}");
            assert!(json(&text).contains("é") && json(&text).contains("·"));
            assert!(!json(&text).chars().any(is_unsafe));
        }
        let plain = "{\"a\": \"ünïcode · fine\"}".to_string();
        assert_eq!(json_bytes(plain.clone().into_bytes()), plain.as_bytes());
        // Not UTF-8: replaced, never passed on.
        let bad = json_bytes(b"[\"a\xff\xc2\"]".to_vec());
        assert_eq!(String::from_utf8(bad).unwrap(), "[\"a\u{FFFD}\u{FFFD}\"]");
    }

    #[test]
    fn long_json_streamed_in_odd_pieces_keeps_every_escape() {
        // Notes with a bidi override and a two-byte C1 control, repeated far
        // past one block, so that blocks end inside them.
        // A long plain note first: whole blocks of ASCII pass as they are.
        let notes: Vec<String> = std::iter::once("plain ".repeat(30_000))
            .chain((0..20_000).map(|i| format!("n{i}\u{202e}é\u{85}")))
            .collect();
        let text = serde_json::to_string(&notes).unwrap();
        assert!(text.len() > 5 * 64 * 1024);
        let mut out = JsonOut::new(Vec::new());
        for piece in text.as_bytes().chunks(7) {
            std::io::Write::write_all(&mut out, piece).unwrap();
        }
        std::io::Write::flush(&mut out).unwrap();
        let written = String::from_utf8(out.inner).unwrap();
        assert!(!written.chars().any(is_unsafe));
        assert_eq!(written.matches("\\u202e").count(), 20_000);
        assert_eq!(written.matches("\\u0085").count(), 20_000);
        let back: Vec<String> = serde_json::from_str(&written).unwrap();
        assert_eq!(back, notes);
    }
}
