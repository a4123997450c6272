//! A fast path for reading journal lines in the form crampwatch writes them.
//!
//! Loading ten years of journal means parsing ~100,000 lines, and serde's
//! general machinery spends most of a load's time there. This reader handles
//! the plain shape of an event line (known keys, strings without escapes,
//! integer and decimal numbers) in one pass with no intermediate values. On
//! anything else (an escape, an unknown key, a repeated key, an odd number)
//! it gives up and the caller falls back to serde, so the two always agree:
//! whatever this returns, serde would have returned too (a test checks it).

use crate::domain::entry::{
    Body, CrampContext, DrinkKind, EntryKind, Heat, Intensity, Muscle, RawBody, Relief, Side,
    Symptoms, Time, WeighWhen,
};
use crate::domain::history::{Event, Op};
use crate::domain::timefmt;

/// Parses a line in the plain shape, or `None` to let serde decide.
pub fn parse(raw: &[u8]) -> Option<Event> {
    let mut p = P { b: raw, i: 0 };
    let e = p.event()?;
    p.ws();
    (p.i == raw.len()).then_some(e)
}

struct P<'a> {
    b: &'a [u8],
    i: usize,
}

/// Marks a key as seen; a key seen twice sends the line to serde.
fn once(seen: &mut u32, bit: u32) -> Option<()> {
    if *seen & (1 << bit) != 0 {
        return None;
    }
    *seen |= 1 << bit;
    Some(())
}

impl<'a> P<'a> {
    fn ws(&mut self) {
        while self.i < self.b.len() && matches!(self.b[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    fn eat(&mut self, c: u8) -> Option<()> {
        self.ws();
        (self.b.get(self.i) == Some(&c)).then(|| self.i += 1)
    }

    fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.b.get(self.i).copied()
    }

    /// The bytes of a string without escapes or control characters.
    fn raw(&mut self) -> Option<&'a [u8]> {
        self.eat(b'"')?;
        let start = self.i;
        // Eight bytes at a time while none is a quote, a backslash or a
        // control character.
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGHS: u64 = 0x8080_8080_8080_8080;
        let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS;
        while self.i + 8 <= self.b.len() {
            let w = u64::from_le_bytes(self.b[self.i..self.i + 8].try_into().expect("8 bytes"));
            let special = has_zero(w ^ (ONES * b'"' as u64))
                | has_zero(w ^ (ONES * b'\\' as u64))
                | (w.wrapping_sub(ONES * 0x20) & !w & HIGHS);
            if special != 0 {
                break;
            }
            self.i += 8;
        }
        while self.i < self.b.len() {
            match self.b[self.i] {
                b'"' => {
                    let s = &self.b[start..self.i];
                    self.i += 1;
                    return Some(s);
                }
                b'\\' | 0..=0x1f => return None,
                _ => self.i += 1,
            }
        }
        None
    }

    /// A string without escapes or control characters.
    fn string(&mut self) -> Option<&'a str> {
        std::str::from_utf8(self.raw()?).ok()
    }

    fn null(&mut self) -> bool {
        self.ws();
        if self.b[self.i..].starts_with(b"null") {
            self.i += 4;
            true
        } else {
            false
        }
    }

    fn boolean(&mut self) -> Option<bool> {
        self.ws();
        let rest = &self.b[self.i..];
        if rest.starts_with(b"true") {
            self.i += 4;
            Some(true)
        } else if rest.starts_with(b"false") {
            self.i += 5;
            Some(false)
        } else {
            None
        }
    }

    /// A non-negative integer that fits `max`, not followed by a fraction.
    fn uint(&mut self, max: u64) -> Option<u64> {
        self.ws();
        let start = self.i;
        let mut n: u64 = 0;
        while self.i < self.b.len() && self.b[self.i].is_ascii_digit() {
            n = n
                .checked_mul(10)?
                .checked_add((self.b[self.i] - b'0') as u64)?;
            self.i += 1;
        }
        let len = self.i - start;
        if len == 0 || (len > 1 && self.b[start] == b'0') || n > max {
            return None;
        }
        if matches!(self.b.get(self.i), Some(b'.' | b'e' | b'E')) {
            return None;
        }
        Some(n)
    }

    /// A plain decimal like `72.4` (no exponent).
    fn decimal(&mut self) -> Option<f64> {
        self.ws();
        let start = self.i;
        while self.i < self.b.len() && matches!(self.b[self.i], b'0'..=b'9' | b'.' | b'-') {
            self.i += 1;
        }
        if matches!(self.b.get(self.i), Some(b'e' | b'E' | b'+')) {
            return None;
        }
        let text = std::str::from_utf8(&self.b[start..self.i]).ok()?;
        let digits = text.strip_prefix('-').unwrap_or(text);
        let int = digits.split('.').next()?;
        if int.is_empty() || (int.len() > 1 && int.starts_with('0')) || digits.ends_with('.') {
            return None;
        }
        text.parse().ok()
    }

    fn time(&mut self) -> Option<Time> {
        timefmt::parse(self.string()?)
    }

    /// `,` then more, or the closing `}` / `]`.
    fn more(&mut self, close: u8) -> Option<bool> {
        match self.peek()? {
            b',' => {
                self.i += 1;
                Some(true)
            }
            c if c == close => {
                self.i += 1;
                Some(false)
            }
            _ => None,
        }
    }

    fn event(&mut self) -> Option<Event> {
        self.eat(b'{')?;
        let (mut v, mut id, mut op, mut at, mut logged) = (None, None, None, None, None);
        let (mut target, mut entry) = (None, None);
        let mut seen = 0u32;
        if self.peek()? == b'}' {
            return None;
        }
        loop {
            let key = self.raw()?;
            self.eat(b':')?;
            match key {
                b"v" => {
                    once(&mut seen, 0)?;
                    v = Some(self.uint(u32::MAX as u64)? as u32);
                }
                b"id" => {
                    once(&mut seen, 1)?;
                    id = Some(self.string()?.to_string());
                }
                b"op" => {
                    once(&mut seen, 2)?;
                    op = Some(match self.string()? {
                        "add" => Op::Add,
                        "amend" => Op::Amend,
                        "delete" => Op::Delete,
                        "undo" => Op::Undo,
                        "redo" => Op::Redo,
                        _ => return None,
                    });
                }
                b"at" => {
                    once(&mut seen, 3)?;
                    at = Some(self.time()?);
                }
                b"logged" => {
                    once(&mut seen, 4)?;
                    logged = Some(self.time()?);
                }
                b"target" => {
                    once(&mut seen, 5)?;
                    if !self.null() {
                        target = Some(self.string()?.to_string());
                    }
                }
                b"entry" => {
                    once(&mut seen, 6)?;
                    if !self.null() {
                        entry = Some(self.body()?);
                    }
                }
                _ => return None,
            }
            if !self.more(b'}')? {
                break;
            }
        }
        Some(Event {
            v: v?,
            id: id?,
            op: op?,
            at: at?,
            logged: logged?,
            target,
            entry,
            extra: Default::default(),
        })
    }

    fn word<T>(&mut self, f: fn(&str) -> Option<T>) -> Option<T> {
        f(self.string()?)
    }

    fn body(&mut self) -> Option<Body> {
        self.eat(b'{')?;
        let mut r = RawBody {
            ty: EntryKind::Drink,
            ml: None,
            kind: None,
            sodium_mg: None,
            note: None,
            activity: None,
            end: None,
            intensity: None,
            heat: None,
            new: None,
            minutes: None,
            muscle: None,
            muscle_name: None,
            side: None,
            severity: None,
            duration_s: None,
            context: None,
            symptoms: None,
            relief: None,
            kg: None,
            when: None,
            urine_ml: None,
            // Medication keys are not read here (rare lines): serde reads them.
            action: None,
            name: None,
            class: None,
            dose: None,
        };
        let mut seen = 0u32;
        if self.peek()? == b'}' {
            return None;
        }
        loop {
            let key = self.raw()?;
            self.eat(b':')?;
            // `null` for an optional field is the same as leaving it out.
            let optional = key != b"type";
            if optional && self.null() {
                once(&mut seen, key_bit(key)?)?;
            } else {
                match key {
                    b"type" => {
                        once(&mut seen, 0)?;
                        r.ty = self.word(EntryKind::from_exact)?;
                    }
                    b"ml" => {
                        once(&mut seen, 1)?;
                        r.ml = Some(self.uint(u32::MAX as u64)? as u32);
                    }
                    b"kind" => {
                        once(&mut seen, 2)?;
                        r.kind = Some(self.word(DrinkKind::from_exact)?);
                    }
                    b"sodium_mg" => {
                        once(&mut seen, 3)?;
                        r.sodium_mg = Some(self.uint(u32::MAX as u64)? as u32);
                    }
                    b"note" => {
                        once(&mut seen, 4)?;
                        r.note = Some(self.string()?.to_string());
                    }
                    b"activity" => {
                        once(&mut seen, 5)?;
                        r.activity = Some(self.string()?.to_string());
                    }
                    b"end" => {
                        once(&mut seen, 6)?;
                        r.end = Some(self.time()?);
                    }
                    b"intensity" => {
                        once(&mut seen, 7)?;
                        r.intensity = Some(self.word(Intensity::from_exact)?);
                    }
                    b"heat" => {
                        once(&mut seen, 8)?;
                        r.heat = Some(self.word(Heat::from_exact)?);
                    }
                    b"new" => {
                        once(&mut seen, 9)?;
                        r.new = Some(self.boolean()?);
                    }
                    b"minutes" => {
                        once(&mut seen, 10)?;
                        r.minutes = Some(self.uint(u32::MAX as u64)? as u32);
                    }
                    b"muscle" => {
                        once(&mut seen, 11)?;
                        r.muscle = Some(self.word(Muscle::from_exact)?);
                    }
                    b"side" => {
                        once(&mut seen, 12)?;
                        r.side = Some(self.word(Side::from_exact)?);
                    }
                    b"severity" => {
                        once(&mut seen, 13)?;
                        r.severity = Some(self.uint(u8::MAX as u64)? as u8);
                    }
                    b"duration_s" => {
                        once(&mut seen, 14)?;
                        r.duration_s = Some(self.uint(u32::MAX as u64)? as u32);
                    }
                    b"context" => {
                        once(&mut seen, 15)?;
                        r.context = Some(self.word(CrampContext::from_exact)?);
                    }
                    b"symptoms" => {
                        once(&mut seen, 16)?;
                        r.symptoms = Some(self.symptoms()?);
                    }
                    b"relief" => {
                        once(&mut seen, 17)?;
                        r.relief = Some(self.relief()?);
                    }
                    b"kg" => {
                        once(&mut seen, 18)?;
                        r.kg = Some(self.decimal()?);
                    }
                    b"when" => {
                        once(&mut seen, 19)?;
                        r.when = Some(self.word(WeighWhen::from_exact)?);
                    }
                    b"muscle_name" => {
                        once(&mut seen, 20)?;
                        r.muscle_name = Some(self.string()?.to_string());
                    }
                    b"urine_ml" => {
                        once(&mut seen, 21)?;
                        r.urine_ml = Some(self.uint(u32::MAX as u64)? as u32);
                    }
                    _ => return None,
                }
            }
            if !self.more(b'}')? {
                break;
            }
        }
        if seen & 1 == 0 {
            return None; // no type
        }
        Body::try_from(r).ok()
    }

    fn symptoms(&mut self) -> Option<Symptoms> {
        self.eat(b'{')?;
        let mut s = Symptoms::default();
        if self.peek()? == b'}' {
            self.i += 1;
            return Some(s);
        }
        let mut seen = 0u32;
        loop {
            let key = self.raw()?;
            self.eat(b':')?;
            let v = self.boolean()?;
            match key {
                b"swelling" => {
                    once(&mut seen, 0)?;
                    s.swelling = v;
                }
                b"redness" => {
                    once(&mut seen, 1)?;
                    s.redness = v;
                }
                b"weakness" => {
                    once(&mut seen, 2)?;
                    s.weakness = v;
                }
                b"numbness" => {
                    once(&mut seen, 3)?;
                    s.numbness = v;
                }
                _ => return None,
            }
            if !self.more(b'}')? {
                return Some(s);
            }
        }
    }

    fn relief(&mut self) -> Option<Vec<Relief>> {
        self.eat(b'[')?;
        let mut out = Vec::new();
        if self.peek()? == b']' {
            self.i += 1;
            return Some(out);
        }
        loop {
            out.push(self.word(Relief::from_exact)?);
            if !self.more(b']')? {
                return Some(out);
            }
        }
    }
}

/// The seen-bit of an optional body key, for `null` values.
fn key_bit(key: &[u8]) -> Option<u32> {
    const KEYS: [&[u8]; 22] = [
        b"type",
        b"ml",
        b"kind",
        b"sodium_mg",
        b"note",
        b"activity",
        b"end",
        b"intensity",
        b"heat",
        b"new",
        b"minutes",
        b"muscle",
        b"side",
        b"severity",
        b"duration_s",
        b"context",
        b"symptoms",
        b"relief",
        b"kg",
        b"when",
        b"muscle_name",
        b"urine_ml",
    ];
    KEYS.iter().position(|k| *k == key).map(|i| i as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const LINES: &[&str] = &[
        r#"{"v":1,"id":"01KB3F0Z9V6C3R2Y8Q4M1N7P5T","op":"add","at":"2026-11-28T14:30:00-05:00","logged":"2026-11-28T14:31:02-05:00","entry":{"type":"drink","ml":296,"kind":"water"}}"#,
        r#"{"v":1,"id":"A2","op":"add","at":"2026-11-28T14:30:00Z","logged":"2026-11-28T14:31:02Z","entry":{"type":"drink","ml":500,"kind":"sports","sodium_mg":300,"note":"after the hill"}}"#,
        r#"{"v":1,"id":"A3","op":"amend","at":"2026-11-28T14:30:00-05:00","logged":"2026-11-28T15:31:02-05:00","target":"A1","entry":{"type":"workout","activity":"run","end":"2026-11-28T15:30:00-05:00","intensity":"hard","heat":"hot","new":true}}"#,
        r#"{"v":1,"id":"A4","op":"add","at":"2026-11-28T18:00:00-05:00","logged":"2026-11-28T14:31:02-05:00","entry":{"type":"plan","activity":"swim","minutes":45,"intensity":"easy","heat":"cool"}}"#,
        r#"{"v":1,"id":"A5","op":"add","at":"2026-11-28T03:00:00-05:00","logged":"2026-11-28T03:01:02-05:00","entry":{"type":"cramp","muscle":"calf","side":"left","severity":8,"duration_s":120,"context":"night","symptoms":{"swelling":true,"numbness":true},"relief":["stretch","pickle-juice"],"note":"woke me"}}"#,
        r#"{"v":1,"id":"A6","op":"add","at":"2026-11-28T03:00:00-05:00","logged":"2026-11-28T03:01:02-05:00","entry":{"type":"weight","kg":72.4,"when":"before"}}"#,
        r#"{"v":1,"id":"A6b","op":"add","at":"2026-11-28T17:00:00-05:00","logged":"2026-11-28T17:01:02-05:00","entry":{"type":"weight","kg":71.2,"when":"after","urine_ml":250}}"#,
        r#"{"v":1,"id":"A7","op":"delete","at":"2026-11-28T03:00:00-05:00","logged":"2026-11-28T03:01:02-05:00","target":"A6"}"#,
        r#"{"v":1,"id":"A8","op":"undo","at":"2026-11-28T03:00:00-05:00","logged":"2026-11-28T03:01:02-05:00","target":"A7"}"#,
        r#"{"v":1,"id":"A9","op":"add","at":"2026-11-28T03:00:00-05:00","logged":"2026-11-28T03:01:02-05:00","entry":{"type":"cramp","muscle":"foot","symptoms":{}}}"#,
        r#" { "v" : 1 , "id" : "B1" , "op" : "add" , "at" : "2026-11-28T03:00:00.5+01:00" , "logged" : "2026-11-28T03:01:02Z" , "entry" : { "type" : "drink" , "ml" : 5 , "note" : null } } "#,
    ];

    fn serde(raw: &[u8]) -> Option<Event> {
        serde_json::from_slice(raw).ok()
    }

    #[test]
    fn the_fast_path_reads_every_plain_line_as_serde_does() {
        for line in LINES {
            let fast = parse(line.as_bytes());
            assert!(fast.is_some(), "fast path refused {line}");
            assert_eq!(fast, serde(line.as_bytes()), "{line}");
        }
    }

    #[test]
    fn anything_unusual_goes_to_serde() {
        for line in [
            // an escape, an unknown key, a repeated key, an odd number, a wrong case
            r#"{"v":1,"id":"A\u0031","op":"add","at":"2026-11-28T14:30:00Z","logged":"2026-11-28T14:30:00Z","entry":{"type":"drink","ml":296}}"#,
            r#"{"v":1,"id":"A1","op":"add","at":"2026-11-28T14:30:00Z","logged":"2026-11-28T14:30:00Z","mood":"good","entry":{"type":"drink","ml":296}}"#,
            r#"{"v":1,"v":2,"id":"A1","op":"add","at":"2026-11-28T14:30:00Z","logged":"2026-11-28T14:30:00Z"}"#,
            r#"{"v":1,"id":"A1","op":"add","at":"2026-11-28T14:30:00Z","logged":"2026-11-28T14:30:00Z","entry":{"type":"drink","ml":296.0}}"#,
            r#"{"v":1,"id":"A1","op":"add","at":"2026-11-28T14:30:00Z","logged":"2026-11-28T14:30:00Z","entry":{"type":"drink","ml":296,"kind":"Water"}}"#,
            r#"{"v":1,"id":"A1","op":"add","at":"2026-11-28T14:30:00Z","logged":"2026-11-28T14:30:00Z","entry":{"type":"weight","kg":7e1}}"#,
        ] {
            assert_eq!(parse(line.as_bytes()), None, "{line}");
        }
    }

    proptest! {
        /// Whatever the fast path accepts, serde reads the same way.
        #[test]
        fn never_disagrees_with_serde(i in 0..LINES.len(), edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4)) {
            let mut bytes = LINES[i].as_bytes().to_vec();
            for (at, b) in edits {
                let k = at.index(bytes.len());
                bytes[k] = b;
            }
            if let Some(fast) = parse(&bytes) {
                prop_assert_eq!(Some(fast), serde(&bytes));
            }
        }

        #[test]
        fn never_panics(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
            let _ = parse(&bytes);
        }
    }
}
