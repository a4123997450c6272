//! `w` when a session is planned today: the start form comes filled in from
//! the plan, so one key and Enter start it.

use super::Form;
use crate::domain::entry::{Body, Plan};
use crate::domain::history::History;
use crate::tui::app::Zone;
use chrono::{DateTime, Duration};

/// Today's plan still to start: the first of the day (days start at
/// `day_start_hour`) with no workout of that activity begun since two hours
/// before it.
pub fn todays_plan<'h, Z: Zone>(
    history: &'h History,
    now: &DateTime<Z>,
    day_start_hour: u32,
) -> Option<(&'h Plan, DateTime<Z>)> {
    let (start, end) = crate::domain::day::today_bounds(now, day_start_hour);
    let today: Vec<_> = history
        .entries
        .iter()
        .filter(|e| e.at >= start && e.at < end)
        .collect();
    today.iter().find_map(|e| {
        let Body::Plan(p) = &e.body else {
            return None;
        };
        let begun = today.iter().any(|w| {
            matches!(&w.body, Body::Workout(x) if x.activity == p.activity)
                && w.at >= e.at - Duration::hours(2)
        });
        (!begun).then(|| (p, e.at.with_timezone(&now.timezone())))
    })
}

impl Form {
    /// Fills the start form from a plan: activity, intensity and heat.
    pub(super) fn fill_from_plan<Z: Zone>(&mut self, plan: &Plan, at: &DateTime<Z>) {
        self.title = format!(
            "Start {} planned for {} · Enter starts it",
            plan.activity,
            at.format("%H:%M")
        );
        self.set_text("activity", &plan.activity);
        self.set_choice("intensity", &plan.intensity.to_string());
        self.set_choice("heat", &plan.heat.to_string());
    }
}
