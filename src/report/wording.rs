//! Numbers in words shared by the text and Markdown reports: plurals, signed
//! changes, the totals line and the change line.

use crate::domain::entry::{VolumeUnit, format_duration};
use crate::domain::week::{Change, Totals};
use std::fmt::Write;

/// `1 day`, `3 days`.
pub(super) fn plural(n: impl Into<i64>, word: &str) -> String {
    crate::domain::say::counted(n.into(), word, &format!("{word}s"))
}

pub(super) fn signed(n: i64) -> String {
    if n > 0 {
        format!("+{n}")
    } else {
        n.to_string()
    }
}

pub(super) fn signed_volume(unit: VolumeUnit, ml: i64) -> String {
    let s = unit.format(ml.unsigned_abs() as f64);
    match ml.signum() {
        1 => format!("+{s}"),
        -1 => format!("-{s}"),
        _ => s,
    }
}

pub(super) fn change_text(c: &Change, prev: &Totals, unit: VolumeUnit) -> String {
    let mut parts = vec![
        format!("cramps {} (was {})", signed(c.cramps), prev.cramps),
        format!("not tied {}", signed(c.cramps_untied)),
    ];
    if let Some(w) = c.worst_severity {
        parts.push(format!("worst severity {}", signed(w)));
    }
    parts.push(format!("cramp time {}", signed_secs(c.cramp_secs)));
    parts.push(format!("intake {}", signed_volume(unit, c.intake_ml)));
    parts.push(format!("goal days {}", signed(c.days_goal_met)));
    parts.push(format!("workout {} min", signed(c.workout_minutes)));
    parts.join(", ")
}

pub(super) fn signed_secs(s: i64) -> String {
    let d = format_duration(s.unsigned_abs() as u32);
    match s.signum() {
        1 => format!("+{d}"),
        -1 => format!("-{d}"),
        _ => "0s".into(),
    }
}

pub(super) fn totals_line(t: &Totals) -> String {
    let mut s = format!(
        "{} ({} not tied to exercise)",
        plural(t.cramps, "cramp"),
        t.cramps_untied
    );
    if let Some(w) = t.worst_severity {
        let _ = write!(s, ", worst severity {w}");
    }
    if t.cramp_secs > 0 {
        let _ = write!(s, ", {} in all", format_duration(t.cramp_secs));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_signed() {
        assert_eq!(signed(3), "+3");
        assert_eq!(signed(-2), "-2");
        assert_eq!(signed(0), "0");
        assert_eq!(signed_volume(VolumeUnit::Ml, -250), "-250 ml");
        assert_eq!(signed_secs(90), "+1m30s");
        assert_eq!(plural(1, "cramp"), "1 cramp");
        assert_eq!(plural(0, "cramp"), "0 cramps");
    }
}
