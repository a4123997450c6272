//! What the XML readers (TCX, GPX, Apple Health) share.

use chrono::{DateTime, NaiveDateTime, Utc};
use quick_xml::Reader;
use quick_xml::events::{BytesRef, BytesStart, BytesText};
use std::io::BufRead;

/// A lenient reader: files from devices have mismatched end tags, broken
/// DTDs and stray characters, and what can be read is still worth reading.
/// With `whole_text`, text is not trimmed piece by piece: an element's
/// text comes in pieces ([`Text`]) and is trimmed whole. A reader of
/// attributes alone (Apple Health) trims, and skips the blank text between
/// its millions of records.
pub(super) fn reader<R: BufRead>(r: R, whole_text: bool) -> Reader<R> {
    let mut reader = Reader::from_reader(r);
    let c = reader.config_mut();
    c.trim_text(!whole_text);
    c.check_end_names = false;
    c.allow_unmatched_ends = true;
    reader
}

/// The (unescaped) value of the attribute with this local name.
pub(super) fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == name).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.to_string())
        })
    })
}

/// An element's text as it is read: quick-xml hands each entity (`&amp;`,
/// `&#233;`) apart from the text around it, so the pieces are gathered
/// until the next tag and then taken whole. Taking only one piece had cut
/// "Hills &amp; intervals" to " intervals".
#[derive(Default)]
pub(super) struct Text(String);

impl Text {
    pub(super) fn push(&mut self, t: &BytesText) {
        self.0.push_str(&t.xml10_content());
    }

    /// A character reference, or one of XML's five named entities; any
    /// other entity (a DTD's, which these files never need) is left out.
    pub(super) fn push_ref(&mut self, r: &BytesRef) {
        match r.resolve_char_ref() {
            Ok(Some(c)) => self.0.push(c),
            _ => {
                let name = r.xml10_content();
                if let Some(s) = quick_xml::escape::resolve_predefined_entity(&name) {
                    self.0.push_str(s);
                }
            }
        }
    }

    /// At a tag or the end (`ev`), the text gathered before it, whole and
    /// trimmed, if there is any: read at the path it was gathered under,
    /// before the tag moves the path.
    pub(super) fn at_tag(&mut self, ev: &quick_xml::events::Event) -> Option<String> {
        use quick_xml::events::Event as X;
        match ev {
            X::Start(_) | X::End(_) | X::Empty(_) | X::Eof => self.take(),
            _ => None,
        }
    }

    /// The text gathered since the last tag, trimmed, if there is any; the
    /// gathering starts again.
    fn take(&mut self) -> Option<String> {
        let t = self.0.trim();
        let out = (!t.is_empty()).then(|| t.to_string());
        self.0.clear();
        out
    }
}

/// The local name of a tag (no namespace prefix).
pub(super) fn local(e: &BytesStart) -> String {
    e.local_name().as_ref().to_string()
}

/// A time as XML formats write it: RFC 3339, or without an offset (UTC).
pub(super) fn utc(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.to_utc());
    }
    for f in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return Some(t.and_utc());
        }
    }
    None
}

/// A number, when it is one and finite.
pub(super) fn num(s: &str) -> Option<f64> {
    s.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Running mean and maximum of readings.
#[derive(Default, Clone, Copy, Debug)]
pub(super) struct Stats {
    sum: f64,
    n: u32,
    max: Option<f64>,
}

impl Stats {
    pub(super) fn add(&mut self, v: f64) {
        self.sum += v;
        self.n += 1;
        self.max = Some(self.max.map_or(v, |m| m.max(v)));
    }

    pub(super) fn mean(&self) -> Option<f64> {
        (self.n > 0).then(|| self.sum / f64::from(self.n))
    }

    pub(super) fn max(&self) -> Option<f64> {
        self.max
    }
}
