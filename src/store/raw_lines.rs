//! The block of raw event lines an import appends, each filed by a month.

use crate::domain::entry::Time;
use chrono::{Datelike, Utc};
use std::collections::BTreeMap;

/// Event lines to append, in one block of bytes (an import of years is
/// 100k lines), each filed by a month.
#[derive(Debug, Default)]
pub struct RawLines {
    bytes: Vec<u8>,
    /// Per line: the (year, month) it is filed in, and where it ends.
    ends: Vec<(Month, usize)>,
}

impl RawLines {
    /// Adds a line (without its newline) that `write` writes, filed by the
    /// month it was first written in (its `logged`, in UTC, as the journal
    /// names its files), or by its `at` when that is later (a plan), so
    /// that loads of recent months always find it.
    pub fn push_with<E>(
        &mut self,
        logged: &Time,
        at: &Time,
        write: impl FnOnce(&mut Vec<u8>) -> Result<(), E>,
    ) -> Result<(), E> {
        self.add(month(logged.max(at)), write)
    }

    /// Adds a line as it is, read from a journal file of month `file`:
    /// filed as [`RawLines::push_with`] does, but never in an earlier month
    /// than that file. (A device whose clock was set back writes to its
    /// newest file: an undo logged "in March" may sit in November's, and
    /// must stay where recent loads read it.)
    pub fn push_read(&mut self, logged: &Time, at: &Time, file: Option<Month>, line: &[u8]) {
        let filed = month(logged.max(at)).max(file.unwrap_or_default());
        let _: Result<(), ()> = self.add(filed, |b| {
            b.extend_from_slice(line);
            Ok(())
        });
    }

    fn add<E>(
        &mut self,
        month: Month,
        write: impl FnOnce(&mut Vec<u8>) -> Result<(), E>,
    ) -> Result<(), E> {
        let start = self.bytes.len();
        if let Err(e) = write(&mut self.bytes) {
            self.bytes.truncate(start);
            return Err(e);
        }
        self.ends.push((month, self.bytes.len()));
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The lines by (year, month), months in order, each month's lines in
    /// the order they were added.
    pub(super) fn by_month(&self) -> BTreeMap<Month, Vec<&[u8]>> {
        let mut months: BTreeMap<Month, Vec<&[u8]>> = BTreeMap::new();
        let mut start = 0;
        for &(month, end) in &self.ends {
            months
                .entry(month)
                .or_default()
                .push(&self.bytes[start..end]);
            start = end;
        }
        months
    }
}

/// A (year, month), as the journal names its files.
pub type Month = (i32, u32);

/// The month of a time in UTC, as the journal names its files.
pub fn month(t: &Time) -> Month {
    let utc = t.with_timezone(&Utc);
    (utc.year(), utc.month())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Time {
        s.parse().unwrap()
    }

    #[test]
    fn lines_are_filed_by_the_month_they_were_written_in_or_a_later_at() {
        let mut lines = RawLines::default();
        let nov = t("2026-11-30T20:00:00-05:00"); // 1 December in UTC
        let (mar2, mar1) = (
            t("2019-03-02T10:00:00+00:00"),
            t("2019-03-01T09:00:00+00:00"),
        );
        lines.push_read(&mar2, &mar1, None, b"a");
        lines.push_read(&nov, &nov, None, b"b");
        // A plan made in October for November.
        let (oct, nov2) = (
            t("2026-10-25T10:00:00+00:00"),
            t("2026-11-02T10:00:00+00:00"),
        );
        lines.push_read(&oct, &nov2, None, b"c");
        let mar20 = t("2019-03-20T10:00:00+00:00");
        lines.push_read(&mar20, &mar20, None, b"d");
        // Logged "in 2019" by a clock set back, read from 2026-12's file.
        let y2019 = t("2019-03-21T10:00:00+00:00");
        lines.push_read(&y2019, &y2019, Some((2026, 12)), b"e");
        let failed: Result<(), &str> = lines.push_with(&nov, &nov, |b| {
            b.extend_from_slice(b"half");
            Err("no")
        });
        assert!(failed.is_err());
        assert_eq!(lines.len(), 5);
        assert_eq!(
            lines.by_month().into_iter().collect::<Vec<_>>(),
            vec![
                ((2019, 3), vec![&b"a"[..], b"d"]),
                ((2026, 11), vec![&b"c"[..]]),
                ((2026, 12), vec![&b"b"[..], b"e"]),
            ]
        );
    }
}
