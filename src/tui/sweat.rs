//! The sweat rate where the TUI shows it: Today's line during a session (the
//! rate in use and the loss so far), the prompt to weigh after one, and the
//! "Sweat rate" section of Insights. Plain data in, lines out.

use crate::domain::entry::{Body, Time, VolumeUnit};
use crate::domain::history::History;
use crate::domain::hydration::RunningWorkout;
use crate::domain::rules::Rules;
use crate::domain::sweat::{
    Band, SweatTest, bands, guideline_rate, litres, loss_at_rate, rate_from_tests, tests,
    weigh_prompt,
};
use crate::report::sweat as sweat_text;

/// The sweat tests of the loaded history, found again when it changes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SweatData {
    pub tests: Vec<SweatTest>,
}

impl SweatData {
    pub fn compute(history: &History, rules: &Rules) -> SweatData {
        SweatData {
            tests: tests(history, rules),
        }
    }

    pub fn bands(&self, rules: &Rules, now: &Time) -> Vec<Band> {
        bands(&self.tests, rules, now)
    }
}

/// During a session: `41 oz/h (yours: hot, hard, 2 tests) · est. 20 oz lost
/// so far`, or `(guideline: hot, hard)` when too few tests back a rate of
/// the user's own.
pub fn session_text(
    data: &SweatData,
    history: &History,
    rules: &Rules,
    running: &RunningWorkout,
    now: &Time,
    unit: VolumeUnit,
) -> Option<String> {
    let Body::Workout(w) = &history.get(&running.entry_id)?.body else {
        return None;
    };
    let (rate, whose) = match rate_from_tests(&data.tests, rules, now, w.heat, w.intensity) {
        Some(p) => {
            let of = p.intensity.map(|i| format!(", {i}")).unwrap_or_default();
            (
                p.ml_per_h,
                format!("yours: {}{of}, {} tests", p.heat, p.tests),
            )
        }
        None => (
            guideline_rate(rules, w.heat, w.intensity),
            format!("guideline: {}, {}", w.heat, w.intensity),
        ),
    };
    let lost = loss_at_rate(rate, &running.started, now);
    Some(format!(
        "{}/h ({whose}) · est. {} lost so far",
        unit.format(rate as f64),
        unit.format(lost as f64)
    ))
}

/// After a session with a weighing before it and none yet after.
pub fn prompt_text(history: &History, rules: &Rules, now: &Time) -> Option<String> {
    let p = weigh_prompt(history, rules, now)?;
    Some(format!(
        "{} (after your {}, until {}) · W logs it",
        p.text(),
        p.activity,
        p.until.format("%H:%M")
    ))
}

/// The last tests shown in Insights, newest first.
const SHOWN_TESTS: usize = 4;

/// The "Sweat rate" section of Insights: a chart by heat band, then the
/// newest tests, each used or set aside with its reason.
pub fn section_lines(data: &SweatData, rules: &Rules, now: &Time) -> Vec<String> {
    let by_band = data.bands(rules, now);
    let note = "planning information, not a medical measurement";
    if data.tests.is_empty() {
        return vec![
            format!("Sweat rate · {note}"),
            format!(
                "No sweat tests yet: weigh within {} min before and after a workout and log your drinks.",
                rules.sweat.weigh_within_min
            ),
        ];
    }
    let n = data.tests.len();
    let mut out = vec![format!(
        "Sweat rate · {n} test{}, {} used · {note}",
        if n == 1 { "" } else { "s" },
        data.tests.iter().filter(|t| t.used).count(),
    )];
    out.extend(sweat_text::chart_lines(&by_band, 24));
    for t in data.tests.iter().rev().take(SHOWN_TESTS) {
        let verdict = match &t.reason {
            None => "used".to_string(),
            Some(r) => format!("set aside: {r}"),
        };
        out.push(format!(
            "{} {} {} {} · {} l/h · {verdict}",
            t.at.format("%a %-d %b"),
            t.activity
                .chars()
                .filter(|c| !c.is_control())
                .collect::<String>(),
            t.intensity,
            t.heat,
            litres(t.rate_ml_per_h as f64)
        ));
    }
    out
}

#[cfg(test)]
mod tests;
