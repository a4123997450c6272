//! Reading a JSON export one entry at a time: an export of years is 100k
//! entries, and neither the file nor its entries are held whole.

use crate::domain::entry::Time;
use crate::domain::history::Entry;
use crate::export::{EXPORT_FORMAT, EXPORT_VERSION};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::io::{self, BufRead};

/// What reading a file as a JSON export found.
#[derive(Debug, PartialEq)]
pub enum JsonExport {
    /// A crampwatch export: every entry was handed over.
    Read,
    /// Not one JSON object (JSON Lines, say, or no JSON at all), or a
    /// single journal line.
    NotJson,
    /// One JSON object, but not a crampwatch export (no `"format"` marker).
    NotExport,
    /// An export with an entry that does not parse.
    BadEntry(String),
    /// An export that does not parse otherwise: a field missing, say.
    Bad(String),
    /// An export with an entry the caller refused, and why.
    Refused(String),
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
    let (mut refused, mut bad_entry) = (None, false);
    let mut de = serde_json::Deserializer::from_reader(reader);
    let read = Doc {
        each: &mut each,
        refused: &mut refused,
        bad_entry: &mut bad_entry,
    }
    .deserialize(&mut de)
    .and_then(|found| de.end().map(|()| found));
    match read {
        Ok(Found::Export) => Ok(JsonExport::Read),
        Ok(Found::JournalLine) => Ok(JsonExport::NotJson),
        Ok(Found::Other) => Ok(JsonExport::NotExport),
        Err(e) if e.is_io() => Err(e.into()),
        // Which it is: only the top of the document is read again (entries
        // come before the `"format"` that says what the file is).
        Err(e) => {
            let mut reader = open()?;
            starts_an_object(&mut reader)?;
            Ok(match serde_json::from_reader::<_, Head>(reader) {
                Err(_) => JsonExport::NotJson,
                Ok(head)
                    if head.format.as_ref().and_then(|f| f.as_str()) == Some(EXPORT_FORMAT) =>
                {
                    match refused {
                        Some(why) => JsonExport::Refused(why),
                        None if bad_entry => JsonExport::BadEntry(e.to_string()),
                        None => JsonExport::Bad(e.to_string()),
                    }
                }
                Ok(head) if head.format.is_none() && head.v.is_some() && head.op.is_some() => {
                    JsonExport::NotJson
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

/// The top of a JSON document, enough to tell a crampwatch export (or a
/// journal line); the rest is skipped.
#[derive(serde::Deserialize)]
struct Head {
    #[serde(default)]
    format: Option<serde_json::Value>,
    #[serde(default)]
    v: Option<IgnoredAny>,
    #[serde(default)]
    op: Option<IgnoredAny>,
}

/// What a JSON object read whole turned out to be.
enum Found {
    Export,
    /// One event of a journal (`v` and `op`, no `format`).
    JournalLine,
    Other,
}

/// The export object: its `format`, `version` and `exported` are checked,
/// its `entries` handed over.
struct Doc<'a, F> {
    each: &'a mut F,
    refused: &'a mut Option<String>,
    /// Set when an entry does not parse.
    bad_entry: &'a mut bool,
}

impl<'de, F: FnMut(Entry) -> Result<(), String>> DeserializeSeed<'de> for Doc<'_, F> {
    type Value = Found;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Found, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, F: FnMut(Entry) -> Result<(), String>> Visitor<'de> for Doc<'_, F> {
    type Value = Found;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a crampwatch export")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Found, A::Error> {
        let (mut format, mut version, mut exported, mut entries) = (None, None, None, false);
        let (mut v, mut op) = (false, false);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" if format.is_some() => return Err(de::Error::duplicate_field("format")),
                "format" => format = Some(map.next_value::<serde_json::Value>()?),
                "version" if version.is_some() => {
                    return Err(de::Error::duplicate_field("version"));
                }
                "version" => {
                    let v = map.next_value::<u32>()?;
                    if v > EXPORT_VERSION {
                        let why = format!(
                            "written by a newer crampwatch (export version {v}; this one reads {}); upgrade crampwatch to import it",
                            EXPORT_VERSION
                        );
                        *self.refused = Some(why.clone());
                        return Err(de::Error::custom(why));
                    }
                    version = Some(v);
                }
                "exported" if exported.is_some() => {
                    return Err(de::Error::duplicate_field("exported"));
                }
                "exported" => exported = Some(map.next_value::<Time>()?),
                "entries" if entries => return Err(de::Error::duplicate_field("entries")),
                "entries" => {
                    entries = true;
                    let read = map.next_value_seed(Entries {
                        each: &mut *self.each,
                        refused: &mut *self.refused,
                    });
                    *self.bad_entry = read.is_err();
                    read?;
                }
                _ => {
                    v |= key == "v";
                    op |= key == "op";
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        match format.as_ref().and_then(|f| f.as_str()) {
            Some(EXPORT_FORMAT) => {}
            None if format.is_none() && v && op => return Ok(Found::JournalLine),
            _ => return Ok(Found::Other),
        }
        if version.is_none() {
            return Err(de::Error::missing_field("version"));
        }
        if exported.is_none() {
            return Err(de::Error::missing_field("exported"));
        }
        if !entries {
            return Err(de::Error::missing_field("entries"));
        }
        Ok(Found::Export)
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
        // A journal of one line is one object: it is still a journal.
        assert_eq!(read(line).0, JsonExport::NotJson);
    }

    #[test]
    fn a_bad_entry_is_named() {
        let text = export(&["01A", "01B"]).replace("\"ml\": 300", "\"ml\": \"lots\"");
        match read(&text).0 {
            JsonExport::BadEntry(why) => assert!(why.contains("line"), "{why}"),
            other => panic!("{other:?}"),
        }
        // An export needs its version, time and entries, once each.
        let whole = export(&["01A"]);
        for (text, field) in [
            (r#"{"format": "crampwatch-export"}"#.to_string(), "version"),
            (whole.replace("\"version\": 1,", ""), "version"),
            (
                whole.replace("\"version\": 1,", "\"version\": \"one\","),
                "u32",
            ),
            (
                whole.replace("\"entries\": [", "\"entries\": [], \"entries\": ["),
                "entries",
            ),
        ] {
            match read(&text) {
                (JsonExport::Bad(why), _) => assert!(why.contains(field), "{why}"),
                other => panic!("{text}: {other:?}"),
            }
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
            (JsonExport::Refused("not this one".into()), 2)
        );
        // Refused entries of a file that is no export make it no export.
        let other = text.replace("crampwatch-export", "something-else");
        let found = each_export_entry(
            || Ok(io::Cursor::new(other.as_bytes().to_vec())),
            |_| Err("no".to_string()),
        )
        .unwrap();
        assert_eq!(found, JsonExport::NotExport);
    }
}
