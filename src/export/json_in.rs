//! Reading a JSON export one entry at a time: an export of years is 100k
//! entries, and neither the file nor its entries are held whole.

use super::EXPORT_FORMAT;
use crate::domain::history::Entry;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::io::{self, BufRead};

/// What reading a file as a JSON export found.
#[derive(Debug, PartialEq)]
pub enum JsonExport {
    /// A crampwatch export: every entry was handed over.
    Read,
    /// Not one JSON object (JSON Lines, say, or no JSON at all).
    NotJson,
    /// One JSON object, but not a crampwatch export (no `"format"` marker).
    NotExport,
    /// An export with an entry that does not parse, or that was refused.
    BadEntry(String),
}

/// Hands each entry of the JSON export that `open` reads to `each`, in
/// order. When the result is not [`JsonExport::Read`], what `each` was given
/// must be discarded. `open` is called a second time only to tell why a
/// file is not an export. A byte order mark is skipped.
pub fn each_export_entry<R: BufRead>(
    open: impl Fn() -> io::Result<R>,
    mut each: impl FnMut(Entry) -> Result<(), String>,
) -> io::Result<JsonExport> {
    let mut reader = open()?;
    if !starts_an_object(&mut reader)? {
        return Ok(JsonExport::NotJson);
    }
    let mut refused = None;
    let mut de = serde_json::Deserializer::from_reader(reader);
    let read = Doc {
        each: &mut each,
        refused: &mut refused,
    }
    .deserialize(&mut de)
    .and_then(|format| de.end().map(|()| format));
    if let Some(why) = refused {
        return Ok(JsonExport::BadEntry(why));
    }
    match read {
        Ok(Some(f)) if f == EXPORT_FORMAT => Ok(JsonExport::Read),
        Ok(_) => Ok(JsonExport::NotExport),
        Err(e) if e.is_io() => Err(e.into()),
        // Which it is: only the top of the document is read again.
        Err(e) => {
            let mut reader = open()?;
            starts_an_object(&mut reader)?;
            Ok(match serde_json::from_reader::<_, Head>(reader) {
                Err(_) => JsonExport::NotJson,
                Ok(head)
                    if head.format.as_ref().and_then(|f| f.as_str()) == Some(EXPORT_FORMAT) =>
                {
                    JsonExport::BadEntry(e.to_string())
                }
                Ok(_) => JsonExport::NotExport,
            })
        }
    }
}

/// Skips a byte order mark and white space; true when a `{` comes next.
fn starts_an_object(r: &mut impl BufRead) -> io::Result<bool> {
    let mut first = true;
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(false);
        }
        if first && buf.starts_with(b"\xEF\xBB\xBF") {
            r.consume(3);
            first = false;
            continue;
        }
        first = false;
        match buf.iter().position(|b| !b.is_ascii_whitespace()) {
            Some(i) => {
                let brace = buf[i] == b'{';
                r.consume(i);
                return Ok(brace);
            }
            None => {
                let n = buf.len();
                r.consume(n);
            }
        }
    }
}

/// The top of a JSON document, enough to tell a crampwatch export; the
/// rest is skipped.
#[derive(serde::Deserialize)]
struct Head {
    #[serde(default)]
    format: Option<serde_json::Value>,
}

/// The export object: gives its `format`, hands over its `entries`.
struct Doc<'a, F> {
    each: &'a mut F,
    refused: &'a mut Option<String>,
}

impl<'de, F: FnMut(Entry) -> Result<(), String>> DeserializeSeed<'de> for Doc<'_, F> {
    type Value = Option<String>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, F: FnMut(Entry) -> Result<(), String>> Visitor<'de> for Doc<'_, F> {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a crampwatch export")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut format = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" => format = Some(map.next_value::<String>()?),
                "entries" => map.next_value_seed(Entries {
                    each: &mut *self.each,
                    refused: &mut *self.refused,
                })?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(format)
    }
}

/// The `entries` array, one entry at a time.
struct Entries<'a, F> {
    each: &'a mut F,
    refused: &'a mut Option<String>,
}

impl<'de, F: FnMut(Entry) -> Result<(), String>> DeserializeSeed<'de> for Entries<'_, F> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, F: FnMut(Entry) -> Result<(), String>> Visitor<'de> for Entries<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of entries")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(entry) = seq.next_element::<Entry>()? {
            if let Err(why) = (self.each)(entry) {
                *self.refused = Some(why.clone());
                return Err(de::Error::custom(why));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::ExportDoc;

    fn read(text: &str) -> (JsonExport, Vec<String>) {
        let mut ids = Vec::new();
        let found = each_export_entry(
            || Ok(io::Cursor::new(text.as_bytes().to_vec())),
            |e| {
                ids.push(e.id);
                Ok(())
            },
        )
        .unwrap();
        (found, ids)
    }

    fn entry(id: &str) -> Entry {
        serde_json::from_value(serde_json::json!({
            "id": id, "at": "2026-11-28T14:30:00-05:00", "logged": "2026-11-28T14:30:00-05:00",
            "type": "drink", "ml": 300,
        }))
        .unwrap()
    }

    fn export(ids: &[&str]) -> String {
        let at = "2026-11-28T15:00:00-05:00".parse().unwrap();
        serde_json::to_string_pretty(&ExportDoc::new(at, ids.iter().map(|i| entry(i)).collect()))
            .unwrap()
    }

    #[test]
    fn an_export_hands_over_every_entry_in_order() {
        let text = export(&["01A", "01B", "01C"]);
        assert_eq!(
            read(&text),
            (
                JsonExport::Read,
                vec!["01A".into(), "01B".into(), "01C".into()]
            )
        );
        // After a byte order mark and blank lines too.
        let (found, ids) = read(&format!("\u{feff}\n\n{text}"));
        assert_eq!((found, ids.len()), (JsonExport::Read, 3));
    }

    #[test]
    fn other_json_is_told_apart() {
        // A journal file: one object a line.
        let line = r#"{"v":1,"id":"01A","op":"add","at":"2026-11-28T14:30:00-05:00","logged":"2026-11-28T14:30:00-05:00","entry":{"type":"drink","ml":300}}"#;
        assert_eq!(read(&format!("{line}\n{line}\n")).0, JsonExport::NotJson);
        assert_eq!(read("[1, 2]").0, JsonExport::NotJson);
        assert_eq!(read("").0, JsonExport::NotJson);
        assert_eq!(
            read(r#"{"format": "something-else", "entries": []}"#).0,
            JsonExport::NotExport
        );
        assert_eq!(read(r#"{"format": 3}"#).0, JsonExport::NotExport);
        assert_eq!(read(r#"{"name": "x"}"#).0, JsonExport::NotExport);
    }

    #[test]
    fn a_bad_entry_is_named() {
        let text = export(&["01A", "01B"]).replace("\"ml\": 300", "\"ml\": \"lots\"");
        match read(&text).0 {
            JsonExport::BadEntry(why) => assert!(why.contains("line"), "{why}"),
            other => panic!("{other:?}"),
        }
        // An entry the caller refuses stops the read with its reason.
        let text = export(&["01A", "01B", "01C"]);
        let mut given = 0;
        let found = each_export_entry(
            || Ok(io::Cursor::new(text.as_bytes().to_vec())),
            |e| {
                given += 1;
                if e.id == "01B" {
                    Err("not this one".into())
                } else {
                    Ok(())
                }
            },
        )
        .unwrap();
        assert_eq!(
            (found, given),
            (JsonExport::BadEntry("not this one".into()), 2)
        );
    }
}
