//! Writing values in the compact format (see the module's documentation).

use super::{Error, NONE, PRESENT, SKIPPED, SOME};
use serde::ser::{self, Impossible, Serialize};

/// Writes values one after another, and records each struct's fields.
#[derive(Default)]
pub struct Writer {
    out: Vec<u8>,
    /// The bytes of every string, apart from the values: the reader checks
    /// that they are UTF-8 once for all, not once per string.
    text: String,
    /// Per struct name, its fields in order, as the first value of it
    /// written named them.
    layouts: Vec<(&'static str, Vec<&'static str>)>,
}

impl Writer {
    pub fn new() -> Writer {
        Writer::default()
    }

    /// Appends one value.
    pub fn write<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    /// The text of every string, the table of struct layouts, then every
    /// value written.
    pub fn finish(self) -> Vec<u8> {
        let mut head = Writer::new();
        head.varint(self.layouts.len() as u64);
        for (name, fields) in &self.layouts {
            head.str(name);
            head.varint(fields.len() as u64);
            for field in fields {
                head.str(field);
            }
        }
        let mut all = Writer::new();
        all.varint((head.text.len() + self.text.len()) as u64);
        for part in [
            head.text.as_bytes(),
            self.text.as_bytes(),
            &head.out,
            &self.out,
        ] {
            all.out.extend_from_slice(part);
        }
        all.out
    }

    /// Numbers written straight, not through serde, for a caller's own
    /// layout around serde values (as [`super::Reader::u32`] reads them).
    pub fn u32(&mut self, v: u32) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }

    pub fn i32(&mut self, v: i32) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }

    pub fn i64(&mut self, v: i64) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }

    pub(super) fn varint(&mut self, mut n: u64) {
        while n >= 0x80 {
            self.out.push(n as u8 | 0x80);
            n >>= 7;
        }
        self.out.push(n as u8);
    }

    /// A string: its length here, its bytes in the text.
    pub fn str(&mut self, s: &str) {
        self.varint(s.len() as u64);
        self.text.push_str(s);
    }

    fn bytes(&mut self, b: &[u8]) {
        self.varint(b.len() as u64);
        self.out.extend_from_slice(b);
    }

    fn start_struct(&mut self, name: &'static str) -> StructWriter<'_> {
        let (slot, fresh) = match self.layouts.iter().position(|(n, _)| *n == name) {
            Some(slot) => (slot, false),
            None => {
                self.layouts.push((name, Vec::new()));
                (self.layouts.len() - 1, true)
            }
        };
        StructWriter {
            w: self,
            slot,
            fresh,
            field: 0,
        }
    }
}

/// Writes the fields of one struct, checking them against its layout.
pub struct StructWriter<'a> {
    w: &'a mut Writer,
    slot: usize,
    /// The first value of this struct: its fields make the layout.
    fresh: bool,
    field: usize,
}

impl StructWriter<'_> {
    /// Records (or checks) that the next field is `key`: two structs of
    /// one name with other fields must not share a layout.
    fn note(&mut self, key: &'static str) -> Result<(), Error> {
        let fields = &mut self.w.layouts[self.slot].1;
        if self.fresh {
            fields.push(key);
        } else if fields.get(self.field) != Some(&key) {
            return Err(Error::new(format!("a second layout of field {key}")));
        }
        self.field += 1;
        Ok(())
    }
}

impl ser::SerializeStruct for StructWriter<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.note(key)?;
        self.w.out.push(PRESENT);
        value.serialize(&mut *self.w)
    }

    fn skip_field(&mut self, key: &'static str) -> Result<(), Error> {
        self.note(key)?;
        self.w.out.push(SKIPPED);
        Ok(())
    }

    fn end(self) -> Result<(), Error> {
        match self.field == self.w.layouts[self.slot].1.len() {
            true => Ok(()),
            false => Err(Error::new("a struct with fewer fields than before")),
        }
    }
}

/// Sequences, tuples and tuple structs: their elements one after another.
macro_rules! elements {
    ($($trait:ident :: $method:ident),+) => {$(
        impl ser::$trait for &mut Writer {
            type Ok = ();
            type Error = Error;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                value.serialize(&mut **self)
            }

            fn end(self) -> Result<(), Error> {
                Ok(())
            }
        }
    )+};
}

elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// Numbers: fixed little-endian.
macro_rules! fixed {
    ($($method:ident: $ty:ty),+) => {$(
        fn $method(self, v: $ty) -> Result<(), Error> {
            self.out.extend_from_slice(&v.to_le_bytes());
            Ok(())
        }
    )+};
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = StructWriter<'a>;
    type SerializeStructVariant = Impossible<(), Error>;

    fixed!(
        serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64,
        serialize_f32: f32, serialize_f64: f64
    );

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out.push(v as u8);
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.str(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.str(v);
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        self.bytes(v);
        Ok(())
    }

    fn serialize_none(self) -> Result<(), Error> {
        self.out.push(NONE);
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        self.out.push(SOME);
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        Ok(())
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.str(variant);
        Ok(())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.str(variant);
        value.serialize(self)
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Self, Error> {
        let len = len.ok_or_else(|| Error::new("a sequence of unknown length"))?;
        self.varint(len as u64);
        Ok(self)
    }

    fn serialize_tuple(self, _: usize) -> Result<Self, Error> {
        Ok(self)
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, Error> {
        Ok(self)
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self, Error> {
        self.str(variant);
        Ok(self)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(Error::new("maps are not supported"))
    }

    fn serialize_struct(self, name: &'static str, _: usize) -> Result<StructWriter<'a>, Error> {
        Ok(self.start_struct(name))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(Error::new("struct variants are not supported"))
    }

    fn is_human_readable(&self) -> bool {
        false
    }
}
