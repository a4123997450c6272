//! The report's days written straight into the JSON text: 3,651 objects of
//! eight numbers in a ten-year report, half its bytes, which serde wrote at
//! some 2,900 instructions a day (each key escaped, each piece a separate
//! write). The text is serde's own, to the byte: a test holds it to the
//! derive on [`DayFigures`], so a field added there fails it until added
//! here.

use super::json_pretty::{line_break, to_vec_pretty_at};
use crate::domain::timefmt::push_date;
use crate::domain::week::DayFigures;

/// The keys of a day, in the order the derive writes them.
const KEYS: [&str; 8] = [
    "date",
    "cramps",
    "cramps_untied",
    "worst_severity",
    "cramp_secs",
    "intake_ml",
    "goal_ml",
    "workout_minutes",
];

/// The text around a day's values at one level, put together once: before
/// each value its line break, indent and key (the first after the `{`), and
/// the day's closing line. A day is then one write per piece.
struct Layout {
    before: [Vec<u8>; 8],
    end: Vec<u8>,
}

impl Layout {
    /// For days that are objects at `level`.
    fn at(level: usize) -> Layout {
        let before = std::array::from_fn(|i| {
            let mut b = Vec::new();
            if i == 0 {
                b.push(b'{');
            }
            line_break(&mut b, level + 1, i == 0);
            b.push(b'"');
            b.extend_from_slice(KEYS[i].as_bytes());
            b.extend_from_slice(b"\": ");
            b
        });
        let mut end = Vec::new();
        line_break(&mut end, level, true);
        end.push(b'}');
        Layout { before, end }
    }
}

/// `days` as serde's pretty layout writes them at `level`.
pub fn write_days(out: &mut Vec<u8>, level: usize, days: &[DayFigures]) -> serde_json::Result<()> {
    let layout = Layout::at(level + 1);
    out.push(b'[');
    for (i, day) in days.iter().enumerate() {
        line_break(out, level + 1, i == 0);
        write_day(out, &layout, level + 1, day)?;
    }
    if !days.is_empty() {
        line_break(out, level, true);
    }
    out.push(b']');
    Ok(())
}

fn write_day(
    out: &mut Vec<u8>,
    l: &Layout,
    level: usize,
    d: &DayFigures,
) -> serde_json::Result<()> {
    out.extend_from_slice(&l.before[0]);
    out.push(b'"');
    if push_date(out, d.date) {
        out.push(b'"');
    } else {
        // A year chrono writes with a sign: serde's text, quotes and all.
        out.pop();
        to_vec_pretty_at(out, level + 1, &d.date)?;
    }
    let numbers = [
        Some(d.cramps),
        Some(d.cramps_untied),
        d.worst_severity.map(u32::from),
        Some(d.cramp_secs),
        Some(d.intake_ml),
        Some(d.goal_ml),
        Some(d.workout_minutes),
    ];
    for (before, n) in l.before[1..].iter().zip(numbers) {
        out.extend_from_slice(before);
        match n {
            Some(n) => number(out, n),
            None => out.extend_from_slice(b"null"),
        }
    }
    out.extend_from_slice(&l.end);
    Ok(())
}

/// `n` in decimal.
fn number(out: &mut Vec<u8>, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    fn day() -> impl Strategy<Value = DayFigures> {
        (
            // Years from before 0 to past 9999: the signed ones go to chrono.
            -800_000i32..4_000_000,
            any::<[u32; 6]>(),
            proptest::option::of(any::<u8>()),
            0u32..3,
        )
            .prop_map(|(days, n, worst, small)| DayFigures {
                date: NaiveDate::from_num_days_from_ce_opt(days).unwrap(),
                // Small numbers too, as most days have.
                cramps: n[0] % (10 * small + 1),
                cramps_untied: n[1],
                worst_severity: worst,
                cramp_secs: n[2] % (1000 * small + 1),
                intake_ml: n[3],
                goal_ml: n[4],
                workout_minutes: n[5],
            })
    }

    proptest! {
        #[test]
        fn the_days_are_the_text_serde_writes(
            days in prop::collection::vec(day(), 0..4),
            level in 0usize..40,
        ) {
            let mut ours = Vec::new();
            write_days(&mut ours, level, &days).unwrap();
            let mut serdes = Vec::new();
            to_vec_pretty_at(&mut serdes, level, &days).unwrap();
            prop_assert_eq!(String::from_utf8(ours).unwrap(), String::from_utf8(serdes).unwrap());
        }
    }
}
