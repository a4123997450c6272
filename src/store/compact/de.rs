//! Reading values in the compact format (see the module's documentation).

use super::{Error, NONE, PRESENT, SKIPPED, SOME};
use serde::de::{self, Deserialize, DeserializeSeed, Visitor};

/// Reads values one after another from borrowed bytes: strings are
/// borrowed from them, not copied.
pub struct Reader<'de> {
    input: &'de [u8],
    /// The bytes of every string, in the order they come.
    text: &'de str,
    /// Per struct name, its fields in order, as the writer had them.
    layouts: Vec<(&'de str, Vec<&'de str>)>,
    /// The structs (name, fields) already found to match their layout, by
    /// address: the derive hands the same static list for every value.
    checked: Vec<[usize; 4]>,
}

impl<'de> Reader<'de> {
    /// A reader of what [`super::Writer::finish`] wrote: the table of
    /// layouts is read here, the values on demand.
    pub fn new(input: &'de [u8]) -> Result<Reader<'de>, Error> {
        let mut r = Reader {
            input,
            text: "",
            layouts: Vec::new(),
            checked: Vec::new(),
        };
        let text = r.bytes()?;
        r.text = std::str::from_utf8(text).map_err(|_| Error::new("text not UTF-8"))?;
        for _ in 0..r.len()? {
            let name = r.str()?;
            let fields = (0..r.len()?).map(|_| r.str()).collect::<Result<_, _>>()?;
            r.layouts.push((name, fields));
        }
        Ok(r)
    }

    /// Reads one value.
    pub fn read<T: Deserialize<'de>>(&mut self) -> Result<T, Error> {
        T::deserialize(self)
    }

    /// Whether every byte has been read.
    pub fn is_done(&self) -> bool {
        self.input.is_empty() && self.text.is_empty()
    }

    fn take(&mut self, n: usize) -> Result<&'de [u8], Error> {
        let (head, rest) = self
            .input
            .split_at_checked(n)
            .ok_or_else(|| Error::new("cut short"))?;
        self.input = rest;
        Ok(head)
    }

    fn byte(&mut self) -> Result<u8, Error> {
        let (&b, rest) = self
            .input
            .split_first()
            .ok_or_else(|| Error::new("cut short"))?;
        self.input = rest;
        Ok(b)
    }

    fn fixed<const N: usize>(&mut self) -> Result<[u8; N], Error> {
        let (head, rest) = self
            .input
            .split_first_chunk::<N>()
            .ok_or_else(|| Error::new("cut short"))?;
        self.input = rest;
        Ok(*head)
    }

    fn varint(&mut self) -> Result<u64, Error> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(n);
            }
        }
        Err(Error::new("a varint too long"))
    }

    /// A length, never more than the bytes left could hold (no huge
    /// allocation from a damaged length).
    fn len(&mut self) -> Result<usize, Error> {
        let n = self.varint()?;
        match usize::try_from(n) {
            Ok(n) if n <= self.input.len() => Ok(n),
            _ => Err(Error::new("a length past the end")),
        }
    }

    fn bytes(&mut self) -> Result<&'de [u8], Error> {
        let n = self.len()?;
        self.take(n)
    }

    /// Numbers read straight, not through serde (see [`super::Writer::u32`]).
    pub fn u32(&mut self) -> Result<u32, Error> {
        self.fixed().map(u32::from_le_bytes)
    }

    pub fn i32(&mut self) -> Result<i32, Error> {
        self.fixed().map(i32::from_le_bytes)
    }

    pub fn i64(&mut self) -> Result<i64, Error> {
        self.fixed().map(i64::from_le_bytes)
    }

    /// The next string of the text (a cut inside a character is refused).
    pub fn str(&mut self) -> Result<&'de str, Error> {
        let n = usize::try_from(self.varint()?).map_err(|_| Error::new("a huge string"))?;
        let (s, rest) = self
            .text
            .split_at_checked(n)
            .ok_or_else(|| Error::new("a string past the text or inside a character"))?;
        self.text = rest;
        Ok(s)
    }

    /// Refuses a struct whose fields are not the ones written.
    fn check(&mut self, name: &'static str, fields: &'static [&'static str]) -> Result<(), Error> {
        let key = [
            name.as_ptr() as usize,
            name.len(),
            fields.as_ptr() as usize,
            fields.len(),
        ];
        if self.checked.contains(&key) {
            return Ok(());
        }
        match self.layouts.iter().find(|(n, _)| *n == name) {
            Some((_, written)) if written[..] == fields[..] => {
                self.checked.push(key);
                Ok(())
            }
            _ => Err(Error::new(format!("{name} has other fields than written"))),
        }
    }
}

/// The elements of a sequence or tuple, or the fields of a struct.
struct Elements<'a, 'de> {
    r: &'a mut Reader<'de>,
    left: usize,
    /// Fields of a struct: each after a byte that says if it was skipped.
    fields: bool,
}

impl<'de> de::SeqAccess<'de> for Elements<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        if self.fields {
            match self.r.byte()? {
                PRESENT => {}
                // The derive then takes the field's `#[serde(default)]`.
                SKIPPED => return Ok(None),
                _ => return Err(Error::new("a bad field marker")),
            }
        }
        seed.deserialize(&mut *self.r).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

impl<'de> Reader<'de> {
    fn elements<V: Visitor<'de>>(
        &mut self,
        left: usize,
        fields: bool,
        visitor: V,
    ) -> Result<V::Value, Error> {
        let mut seq = Elements {
            r: self,
            left,
            fields,
        };
        let value = visitor.visit_seq(&mut seq)?;
        match seq.left {
            0 => Ok(value),
            _ => Err(Error::new("elements left unread")),
        }
    }
}

impl<'de> de::EnumAccess<'de> for &mut Reader<'de> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Error> {
        // The variant's name: `deserialize_identifier` below.
        let v = seed.deserialize(&mut *self)?;
        Ok((v, self))
    }
}

impl<'de> de::VariantAccess<'de> for &mut Reader<'de> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, Error> {
        self.elements(len, false, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Error> {
        Err(Error::new("struct variants are not supported"))
    }
}

/// Numbers: fixed little-endian.
macro_rules! fixed {
    ($($method:ident: $ty:ty => $visit:ident),+) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            visitor.$visit(<$ty>::from_le_bytes(self.fixed()?))
        }
    )+};
}

/// What the format cannot read: it does not say what comes next.
macro_rules! unsupported {
    ($($method:ident),+) => {$(
        fn $method<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Error> {
            Err(Error::new(concat!(stringify!($method), " is not supported")))
        }
    )+};
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Error;

    fixed!(
        deserialize_i8: i8 => visit_i8, deserialize_i16: i16 => visit_i16,
        deserialize_i32: i32 => visit_i32, deserialize_i64: i64 => visit_i64,
        deserialize_u8: u8 => visit_u8, deserialize_u16: u16 => visit_u16,
        deserialize_u32: u32 => visit_u32, deserialize_u64: u64 => visit_u64,
        deserialize_f32: f32 => visit_f32, deserialize_f64: f64 => visit_f64
    );

    unsupported!(deserialize_any, deserialize_map, deserialize_ignored_any);

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.byte()? {
            0 => visitor.visit_bool(false),
            1 => visitor.visit_bool(true),
            _ => Err(Error::new("a bad bool")),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let mut chars = self.str()?.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => visitor.visit_char(c),
            _ => Err(Error::new("not one char")),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_borrowed_str(self.str()?)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_borrowed_bytes(self.bytes()?)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.byte()? {
            NONE => visitor.visit_none(),
            SOME => visitor.visit_some(self),
            _ => Err(Error::new("a bad option tag")),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let len = self.len()?;
        self.elements(len, false, visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, Error> {
        self.elements(len, false, visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.elements(len, false, visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.check(name, fields)?;
        self.elements(fields.len(), true, visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_enum(self)
    }

    fn is_human_readable(&self) -> bool {
        false
    }
}
