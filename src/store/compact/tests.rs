//! Every serde shape the format supports round trips; what it does not
//! support is an error, not a panic; a struct whose fields differ from the
//! writer's is refused.

use super::{Error, Reader, Writer};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt::Debug;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
enum Word {
    Alpha,
    Beta,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Unit;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Meters(f64);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Pair(i16, char);

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
enum Shape {
    Dot,
    Circle(f32),
    Line(i8, u16),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Inner {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    maybe: Option<u64>,
    flag: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Everything {
    a: i8,
    b: i32,
    c: i64,
    d: u8,
    e: u32,
    f: u64,
    g: f64,
    text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    list: Vec<Word>,
    word: Word,
    opt: Option<Option<u32>>,
    unit: (),
    unit_struct: Unit,
    newtype: Meters,
    tuple: (u8, String, bool),
    tuple_struct: Pair,
    shapes: Vec<Shape>,
    inner: Inner,
    #[serde(with = "serde_bytes_like")]
    raw: Vec<u8>,
}

/// Bytes through `serialize_bytes` / `deserialize_bytes`.
mod serde_bytes_like {
    use serde::{Deserializer, Serializer, de::Visitor};
    pub fn serialize<S: Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(v)
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Vec<u8>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("bytes")
            }
            fn visit_bytes<E>(self, v: &[u8]) -> Result<Vec<u8>, E> {
                Ok(v.to_vec())
            }
        }
        d.deserialize_bytes(V)
    }
}

fn everything(full: bool) -> Everything {
    Everything {
        a: -3,
        b: i32::MIN,
        c: i64::MAX,
        d: 255,
        e: 1 << 31,
        f: u64::MAX,
        g: -0.125,
        text: "héllo, \"world\"".repeat(if full { 20 } else { 1 }),
        note: full.then(|| "a note".into()),
        list: if full {
            vec![Word::Beta, Word::Alpha]
        } else {
            vec![]
        },
        word: Word::Beta,
        opt: if full { Some(None) } else { Some(Some(7)) },
        unit: (),
        unit_struct: Unit,
        newtype: Meters(1.5),
        tuple: (9, String::new(), true),
        tuple_struct: Pair(-2, 'ß'),
        shapes: vec![Shape::Dot, Shape::Circle(2.5), Shape::Line(-1, 300)],
        inner: Inner {
            maybe: full.then_some(12),
            flag: full,
        },
        raw: vec![0, 1, 255],
    }
}

fn round_trip<T: Serialize + for<'de> Deserialize<'de> + PartialEq + Debug>(values: &[T]) {
    let mut w = Writer::new();
    for v in values {
        w.write(v).unwrap();
    }
    let bytes = w.finish();
    let mut r = Reader::new(&bytes).unwrap();
    for v in values {
        assert_eq!(&r.read::<T>().unwrap(), v);
    }
    assert!(r.is_done());
}

#[test]
fn every_supported_shape_round_trips() {
    round_trip(&[everything(true), everything(false), everything(true)]);
    round_trip(&[Some(Word::Alpha), None]);
    round_trip(&[(1u32, -1i32, 'x', f32::MAX, u16::MAX)]);
    round_trip(&[vec![String::from("a"); 200]]);
}

/// Numbers and strings written straight (a caller's own layout) come back
/// between serde values.
#[test]
fn straight_values_round_trip_between_serde_values() {
    let mut w = Writer::new();
    w.u32(u32::MAX);
    w.write(&Some(Word::Alpha)).unwrap();
    w.i32(-5);
    w.str("ünï");
    w.i64(i64::MIN);
    w.write(&everything(false)).unwrap();
    let bytes = w.finish();
    let mut r = Reader::new(&bytes).unwrap();
    assert_eq!(r.u32(), Ok(u32::MAX));
    assert_eq!(r.read::<Option<Word>>(), Ok(Some(Word::Alpha)));
    assert_eq!(r.i32(), Ok(-5));
    assert_eq!(r.str(), Ok("ünï"));
    assert_eq!(r.i64(), Ok(i64::MIN));
    assert_eq!(r.read::<Everything>(), Ok(everything(false)));
    assert!(r.is_done());
    assert!(r.u32().is_err(), "past the end");
}

/// Serde's own fields list (`#[serde(default)]` for skipped ones) is how
/// a skipped field comes back.
#[test]
fn a_skipped_field_comes_back_as_its_default() {
    let mut w = Writer::new();
    w.write(&Inner {
        maybe: None,
        flag: true,
    })
    .unwrap();
    let bytes = w.finish();
    let back: Inner = Reader::new(&bytes).unwrap().read().unwrap();
    assert_eq!(
        back,
        Inner {
            maybe: None,
            flag: true
        }
    );
}

/// Each cut of a stream is an error (or fewer values), never a panic.
#[test]
fn a_stream_cut_short_is_an_error() {
    let mut w = Writer::new();
    w.write(&everything(true)).unwrap();
    let bytes = w.finish();
    for cut in 0..bytes.len() {
        let read = Reader::new(&bytes[..cut]).and_then(|mut r| r.read::<Everything>());
        assert!(read.is_err(), "cut at {cut}");
    }
}

#[test]
fn unsupported_shapes_are_errors() {
    let map: BTreeMap<String, u32> = [("a".to_string(), 1)].into();
    assert!(Writer::new().write(&map).is_err());
    #[derive(Serialize)]
    enum WithStruct {
        S { x: u8 },
    }
    assert!(Writer::new().write(&WithStruct::S { x: 1 }).is_err());
    // A sequence whose length serde does not know up front.
    struct Unsized;
    impl Serialize for Unsized {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(
                std::iter::from_fn(|| None::<u8>)
                    .chain([1u8])
                    .filter(|_| true),
            )
        }
    }
    assert!(Writer::new().write(&Unsized).is_err());

    let mut w = Writer::new();
    w.write(&1u32).unwrap();
    let bytes = w.finish();
    let any: Result<serde_json::Value, Error> = Reader::new(&bytes).unwrap().read();
    assert!(any.is_err(), "deserialize_any");
    let map: Result<BTreeMap<String, u32>, Error> = Reader::new(&bytes).unwrap().read();
    assert!(map.is_err());
    // Garbage where a struct, an option or a bool should be (after an
    // empty text and no layouts).
    let junk = [0u8, 0, 7, 7, 7];
    assert!(Reader::new(&junk).unwrap().read::<Inner>().is_err());
    assert!(Reader::new(&junk).unwrap().read::<Option<u8>>().is_err());
    assert!(Reader::new(&junk).unwrap().read::<bool>().is_err());
    // A string that would end inside a character of the text ("é", then
    // no layouts, then a string of one byte).
    let inside = [2u8, 0xc3, 0xa9, 0, 1];
    assert!(Reader::new(&inside).unwrap().read::<String>().is_err());
    assert!(
        Reader::new(&[2u8, 0xc3, 0x28, 0]).is_err(),
        "text not UTF-8"
    );
}

mod before {
    #[derive(serde::Serialize, serde::Deserialize, Debug)]
    pub struct Inner {
        pub flag: bool,
    }
}

mod after {
    #[derive(serde::Serialize, serde::Deserialize, Debug)]
    #[allow(dead_code)]
    pub struct Inner {
        pub flag: bool,
        pub extra: u8,
    }
}

/// A reader whose struct has other fields than the writer's (one more,
/// one fewer, or others in another order) refuses it.
#[test]
fn a_struct_with_other_fields_than_written_is_refused() {
    let mut w = Writer::new();
    w.write(&before::Inner { flag: true }).unwrap();
    w.write(&0u64).unwrap();
    let bytes = w.finish();
    let err = Reader::new(&bytes)
        .unwrap()
        .read::<after::Inner>()
        .unwrap_err();
    assert!(err.to_string().contains("Inner"), "{err}");

    let mut w = Writer::new();
    w.write(&everything(true).inner).unwrap();
    w.write(&0u64).unwrap();
    let bytes = w.finish();
    assert!(Reader::new(&bytes).unwrap().read::<after::Inner>().is_err());
    // A struct the table does not name at all.
    assert!(Reader::new(&bytes).unwrap().read::<Pairless>().is_err());
}

#[derive(Deserialize, Debug)]
#[allow(dead_code)]
struct Pairless {
    flag: bool,
}
