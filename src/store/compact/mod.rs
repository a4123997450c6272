//! A compact serde data format of our own, for the parse cache: positional
//! and not self-describing (like postcard or bincode), so that reading an
//! entry back costs no field names, only its values.
//!
//! - Numbers are fixed little-endian (the cheapest to read back); `bool` is
//!   one byte; lengths (strings, bytes, sequences) are LEB128 varints.
//! - A string's length is among the values, its bytes in one text before
//!   them all: checking that text is UTF-8 once costs a fraction of
//!   checking each short string (the reader then only checks that a
//!   string does not end inside a character).
//! - An `Option` is a tag byte ([`NONE`] or [`SOME`]) before its value.
//! - A struct's fields come in order, each after a byte: [`PRESENT`] before
//!   its value, or [`SKIPPED`] alone where the derive's
//!   `skip_serializing_if` left the field out; the reader then hands serde
//!   "no element" and the derive fills in the field's `#[serde(default)]`.
//! - An enum variant is written by its NAME, never its index, so that a new
//!   variant can never shift the meaning of the ones written before it.
//! - Tuples have no length (their type fixes it); sequences do.
//!
//! Positional data is only sound if the reader's structs have the fields
//! the writer's had. So the writer records every struct's field names in
//! order, as its derive hands them over, and puts that table before the
//! values; the reader compares each struct it is asked for with the table
//! (once per distinct struct, not per value) and refuses a mismatch.
//!
//! Whatever the cache does not need (maps, struct variants,
//! `deserialize_any`) is an error, never a panic: the cache is then not
//! used, and the journal file is parsed instead.

mod de;
mod ser;

pub use de::Reader;
pub use ser::Writer;

use std::fmt;

/// An `Option` that is `None`.
const NONE: u8 = 0;
/// An `Option` that is `Some`: its value follows.
const SOME: u8 = 1;
/// A struct field the derive skipped (`skip_serializing_if`).
const SKIPPED: u8 = 0;
/// A struct field whose value follows.
const PRESENT: u8 = 1;

/// Why bytes could not be written or read in this format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error(String);

impl Error {
    fn new(why: impl Into<String>) -> Error {
        Error(why.into())
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl serde::ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Error {
        Error(msg.to_string())
    }
}

impl serde::de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Error {
        Error(msg.to_string())
    }
}

#[cfg(test)]
mod tests;
