//! The report as text for a terminal or a pipe, with small text charts.

use super::Report;
use super::wording::{change_text, plural, totals_line};
use crate::domain::entry::VolumeUnit;
use crate::domain::week::DayFigures;
use chrono::TimeZone;
use std::fmt::Write;

/// `##░ ` : one mark per cramp, tied first, capped at `width`.
fn cramp_bar(d: &DayFigures, width: usize) -> String {
    let tied = d.cramps_tied() as usize;
    let untied = d.cramps_untied as usize;
    let mut s = "█".repeat(tied.min(width));
    s.push_str(&"░".repeat(untied.min(width - s.chars().count())));
    if tied + untied > width {
        s.pop();
        s.push('+');
    }
    format!("{s:<width$}")
}

/// `██████····` : intake against goal, full at the goal, `+` past it.
fn intake_bar(intake: u32, goal: u32, width: usize) -> String {
    if goal == 0 {
        return " ".repeat(width);
    }
    let filled = ((intake as f64 / goal as f64) * width as f64).round() as usize;
    if filled > width {
        format!("{}+", "█".repeat(width - 1))
    } else {
        format!("{}{}", "█".repeat(filled), "·".repeat(width - filled))
    }
}

/// Text for a terminal or a pipe.
pub fn text<Tz: TimeZone>(r: &Report<Tz>) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "crampwatch · {}", r.period());
    let _ = writeln!(o);
    day_rows(&mut o, r);
    let _ = writeln!(o);
    totals(&mut o, r);
    let _ = writeln!(o);
    flags(&mut o, r);
    let _ = writeln!(o);
    let _ = writeln!(o, "{}", super::NOT_ADVICE);
    o
}

/// The table of days with their cramp and intake bars, and its legend.
fn day_rows<Tz: TimeZone>(o: &mut String, r: &Report<Tz>) {
    let unit = r.unit();
    let _ = writeln!(
        o,
        "{:<11} {:<14} {:<26} workout",
        "day",
        "cramps",
        format!("intake / goal ({})", unit.label()),
    );
    for d in &r.summary.days {
        if d.date > r.today {
            let _ = writeln!(o, "{:<11} (ahead)", d.date.format("%a %-d %b"));
            continue;
        }
        let _ = writeln!(o, "{}", day_row(d, unit));
    }
    let _ = writeln!(o, "{:<11} █ tied to exercise  ░ not tied", "");
}

/// One day that has begun: its cramps, intake against goal and workout.
fn day_row(d: &DayFigures, unit: VolumeUnit) -> String {
    let cramps = if d.cramps == 0 {
        format!("{:<10} {:>2}", "·", 0)
    } else {
        format!("{} {:>2}", cramp_bar(d, 10), d.cramps)
    };
    let intake = format!(
        "{} {:>5}/{}",
        intake_bar(d.intake_ml, d.goal_ml, 10),
        unit.number(d.intake_ml as f64),
        unit.number(d.goal_ml as f64)
    );
    let workout = if d.workout_minutes > 0 {
        format!("{} min", d.workout_minutes)
    } else {
        "·".into()
    };
    format!(
        "{:<11} {:<14} {:<26} {}",
        d.date.format("%a %-d %b"),
        cramps,
        intake,
        workout
    )
}

/// The period's totals, muscles, contexts, last cramp and change.
fn totals<Tz: TimeZone>(o: &mut String, r: &Report<Tz>) {
    let s = r.summary;
    let unit = r.unit();
    let t = &s.totals;
    let _ = writeln!(o, "{:<11} {}", "cramps", totals_line(t));
    let _ = writeln!(
        o,
        "{:<11} {} of {}, goal met on {} of {} days{}",
        "intake",
        unit.format(t.intake_ml as f64),
        unit.format(r.goal_so_far() as f64),
        t.days_goal_met,
        r.days_begun(),
        r.so_far()
    );
    let _ = writeln!(
        o,
        "{:<11} {}, {} min",
        "workouts",
        plural(t.workouts, "session"),
        t.workout_minutes
    );
    let muscles = if s.muscles.is_empty() {
        "·".to_string()
    } else {
        s.muscles
            .iter()
            .map(|(m, n)| format!("{m} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(o, "{:<11} {muscles}", "muscles");
    if !s.contexts.is_empty() {
        let ctx = s
            .contexts
            .iter()
            .map(|(c, n)| format!("{c} {n}"))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(o, "{:<11} {ctx}", "context");
    }
    let medicines = r.courses_in_period();
    if !medicines.is_empty() {
        let names = medicines
            .iter()
            .map(|c| format!("{} ({})", c.name, c.class_word()))
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(o, "{:<11} {names}", "medicines");
    }
    let _ = writeln!(o, "{:<11} {}", "last cramp", r.last_cramp_line());
    let _ = writeln!(
        o,
        "{:<11} {} (vs {})",
        "change",
        change_text(&s.change, &s.previous, unit),
        r.compared_with()
    );
}

fn flags<Tz: TimeZone>(o: &mut String, r: &Report<Tz>) {
    let flags = &r.summary.flags;
    if flags.is_empty() {
        let _ = writeln!(o, "flags: none raised in these days");
    } else {
        let _ = writeln!(o, "flags:");
        for f in flags {
            let _ = writeln!(o, "  [{}] {}", f.level.label(), f.title);
            let _ = writeln!(o, "      {}", f.why);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(cramps: u32, untied: u32) -> DayFigures {
        DayFigures {
            cramps,
            cramps_untied: untied,
            ..Default::default()
        }
    }

    #[test]
    fn cramp_bars_put_tied_first_and_cap_with_a_plus() {
        assert_eq!(cramp_bar(&day(3, 1), 5), "██░  ");
        assert_eq!(cramp_bar(&day(2, 2), 5), "░░   ");
        assert_eq!(cramp_bar(&day(12, 4), 10), "████████░+");
        assert_eq!(cramp_bar(&day(12, 12), 10), "░░░░░░░░░+");
    }

    #[test]
    fn intake_bars_fill_to_the_goal_and_mark_past_it() {
        assert_eq!(intake_bar(0, 2000, 10), "··········");
        assert_eq!(intake_bar(1000, 2000, 10), "█████·····");
        assert_eq!(intake_bar(2000, 2000, 10), "██████████");
        assert_eq!(intake_bar(2500, 2000, 10), "█████████+");
        assert_eq!(intake_bar(500, 0, 4), "    ");
    }
}
