//! serde_json's pretty layout (two spaces a level), written with fewer and
//! larger writes: serde_json's own `PrettyFormatter` writes a line's indent
//! two spaces at a time, one write per level, and a ten-year report has some
//! 60,000 lines three or four levels deep.

use serde::Serialize;
use serde_json::ser::Formatter;
use std::io::{self, Write};

/// A line break and the indents of the levels [`Pretty`] writes in one
/// piece; deeper ones are written a level at a time.
const BREAK: &[u8] = b",\n                                                                ";
/// How many levels of two spaces `BREAK` holds.
const LEVELS: usize = (BREAK.len() - 2) / 2;

/// The same text as `serde_json::ser::PrettyFormatter::new()`.
#[derive(Default)]
pub struct Pretty {
    level: usize,
    has_value: bool,
}

impl Pretty {
    /// A line break (after a comma unless `first`) and the current indent.
    fn line<W: ?Sized + Write>(&self, w: &mut W, first: bool) -> io::Result<()> {
        let start = usize::from(first);
        if self.level <= LEVELS {
            return w.write_all(&BREAK[start..2 + 2 * self.level]);
        }
        w.write_all(&BREAK[start..2])?;
        for _ in 0..self.level {
            w.write_all(b"  ")?;
        }
        Ok(())
    }

    fn end<W: ?Sized + Write>(&mut self, w: &mut W, close: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.line(w, true)?;
        }
        w.write_all(close)
    }
}

impl Formatter for Pretty {
    #[inline]
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"[")
    }

    #[inline]
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.end(w, b"]")
    }

    #[inline]
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, first)
    }

    #[inline]
    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    #[inline]
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"{")
    }

    #[inline]
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.end(w, b"}")
    }

    #[inline]
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, first)
    }

    #[inline]
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    #[inline]
    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// `value` as `serde_json::to_writer_pretty` writes it, appended to `out`,
/// laid out as it is inside `level` enclosing objects or arrays.
pub fn to_vec_pretty_at<T: ?Sized + Serialize>(
    out: &mut Vec<u8>,
    level: usize,
    value: &T,
) -> serde_json::Result<()> {
    let pretty = Pretty {
        level,
        has_value: false,
    };
    value.serialize(&mut serde_json::Serializer::with_formatter(out, pretty))
}

/// A line break (after a comma unless `first`) and the indent of `level`,
/// as [`Pretty`] writes them.
pub fn line_break(out: &mut Vec<u8>, level: usize, first: bool) {
    let pretty = Pretty {
        level,
        has_value: false,
    };
    // Writing to a Vec cannot fail.
    let _ = pretty.line(out, first);
}

/// The members of one object written in [`Pretty`]'s layout, for text put
/// together in pieces (some written by hand, some by serde).
pub struct Members<'o> {
    out: &'o mut Vec<u8>,
    /// The level of the object itself: its members are one deeper.
    level: usize,
    first: bool,
}

impl<'o> Members<'o> {
    pub fn open(out: &'o mut Vec<u8>, level: usize) -> Members<'o> {
        out.push(b'{');
        Members {
            out,
            level,
            first: true,
        }
    }

    /// Starts the member `name` (a plain key: nothing in it to escape) and
    /// gives the buffer, and the level, its value is written at.
    pub fn key(&mut self, name: &str) -> (&mut Vec<u8>, usize) {
        debug_assert!(!name.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20));
        line_break(self.out, self.level + 1, self.first);
        self.first = false;
        self.out.push(b'"');
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(b"\": ");
        (self.out, self.level + 1)
    }

    /// The member `name` with `value` as serde writes it.
    pub fn field<T: ?Sized + Serialize>(
        &mut self,
        name: &str,
        value: &T,
    ) -> serde_json::Result<()> {
        let (out, level) = self.key(name);
        to_vec_pretty_at(out, level, value)
    }

    pub fn close(self) {
        if !self.first {
            line_break(self.out, self.level, true);
        }
        self.out.push(b'}');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::Value;

    fn ours(v: &Value) -> String {
        let mut out = Vec::new();
        to_vec_pretty_at(&mut out, 0, v).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Any JSON value: nested objects and arrays, empty ones among them.
    fn value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            ".{0,8}".prop_map(Value::String),
        ];
        leaf.prop_recursive(8, 64, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map(".{0,6}", inner, 0..4)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #[test]
        fn the_layout_is_serde_jsons(v in value()) {
            prop_assert_eq!(ours(&v), serde_json::to_string_pretty(&v).unwrap());
        }
    }

    #[test]
    fn levels_deeper_than_one_piece_of_indent_are_laid_out_alike() {
        let mut v = serde_json::json!({ "leaf": [1, {}, []] });
        for i in 0..LEVELS + 5 {
            v = if i % 2 == 0 {
                serde_json::json!([v, i])
            } else {
                serde_json::json!({ "k": v, "n": i })
            };
        }
        assert_eq!(ours(&v), serde_json::to_string_pretty(&v).unwrap());
    }
}
