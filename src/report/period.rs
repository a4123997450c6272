//! The period a report covers, in words: its dates, the days begun, the goal
//! so far and the last cramp.

use super::Report;
use super::wording::plural;
use chrono::{Datelike, Duration, TimeZone};

impl<Tz: TimeZone> Report<'_, Tz> {
    /// `week 2026-W48 · Mon 23 Nov – Sun 29 Nov 2026` or `Sun 1 Nov – Sat 28 Nov 2026 (28 days)`.
    pub fn period(&self) -> String {
        let s = self.summary;
        // The year once, unless the period starts in an earlier one.
        let first = if s.first.year() == s.last().year() {
            s.first.format("%a %-d %b")
        } else {
            s.first.format("%a %-d %b %Y")
        };
        let span = format!("{first} – {}", s.last().format("%a %-d %b %Y"));
        match s.iso_label() {
            Some(w) => format!("week {w} · {span}"),
            None => format!("{span} ({} days)", s.days.len()),
        }
    }

    /// `2026-11-30 (3 days ago)`: the date first, so a reader later knows the day.
    pub(super) fn last_cramp_line(&self) -> String {
        let s = self.summary;
        let Some(n) = s.days_since_last_cramp else {
            return "none logged up to the end of the period".into();
        };
        let reference = s.last().min(self.today);
        let date = (reference - Duration::days(n)).format("%Y-%m-%d");
        let relative = if s.last() >= self.today {
            match n {
                0 => "today".into(),
                1 => "yesterday".into(),
                n => format!("{n} days ago"),
            }
        } else {
            match n {
                0 => format!("the period's last day, {}", s.last().format("%a %-d %b")),
                n => format!(
                    "{} before {}",
                    plural(n, "day"),
                    s.last().format("%a %-d %b")
                ),
            }
        };
        format!("{date} ({relative})")
    }

    /// The days of the period that have begun: a week read on a Thursday has 4.
    pub(super) fn days_begun(&self) -> usize {
        self.summary
            .days
            .iter()
            .filter(|d| d.date <= self.today)
            .count()
    }

    /// The goal of the days that have begun (the week's goal, pro rata).
    pub(super) fn goal_so_far(&self) -> u32 {
        let s = self.summary;
        s.days
            .iter()
            .filter(|d| d.date <= self.today)
            .map(|d| d.goal_ml)
            .sum()
    }

    /// What the change is measured against: `the 7 days before`, or for a
    /// period under way `the same 4 days of the 7 before` (only the days
    /// begun are compared).
    pub(super) fn compared_with(&self) -> String {
        let (n, begun) = (self.summary.days.len(), self.days_begun());
        if begun < n {
            format!("the same {} of the {n} before", plural(begun as i64, "day"))
        } else {
            format!("the {n} days before")
        }
    }

    /// ` so far (3 days ahead)` when the period reaches past today.
    pub(super) fn so_far(&self) -> String {
        let ahead = self.summary.days.len() - self.days_begun();
        if ahead == 0 {
            String::new()
        } else {
            format!(" so far ({} still ahead)", plural(ahead as i64, "day"))
        }
    }
}
