//! The plan form, and `w` when a session is planned today: the start form
//! comes filled in from the plan, so one key and Enter start it.

use super::build::Stamp;
use super::{Field, Form, choice, text};
use crate::domain::change::Change;
use crate::domain::day::day_of;
use crate::domain::entry::Time;
use crate::domain::entry::{Body, Heat, Intensity, Plan, VolumeUnit};
use crate::domain::history::History;
use crate::domain::hydration::taken_up;
use crate::domain::input::TimeUse;
use crate::domain::rules::Rules;
use crate::tui::app::Zone;
use chrono::DateTime;

/// Today's plan still to start: the first of the day (days start at
/// `day_start_hour`) that no workout has taken up (as the timers count
/// it: [`taken_up`]), so that starting it from here ends its pre-load and
/// top-up.
pub fn todays_plan<'h, Z: Zone>(
    history: &'h History,
    now: &DateTime<Z>,
    day_start_hour: u32,
    rules: &Rules,
) -> Option<(&'h Plan, DateTime<Z>)> {
    let (start, end) = crate::domain::day::today_bounds(now, day_start_hour);
    let tz = now.timezone();
    let day = |t: &Time| day_of(t, &tz, day_start_hour);
    let now = now.fixed_offset();
    history.entries.iter().find_map(|e| {
        let Body::Plan(p) = &e.body else {
            return None;
        };
        let today = e.at >= start && e.at < end;
        (today && !taken_up(e, history, &now, rules, day)).then(|| (p, e.at.with_timezone(&tz)))
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

/// The plan form's title and fields.
pub(super) fn fields() -> (String, Vec<Field>) {
    (
        "Plan a workout".to_string(),
        vec![
            text("activity", "activity", "", "run, ride, swim, tennis..."),
            text("at", "starts", "", "18:00, tomorrow 07:00, +3h"),
            text("minutes", "minutes", "60", "5-720"),
            choice(
                "intensity",
                "intensity",
                Intensity::ALL,
                None,
                Some(Intensity::default()),
            ),
            choice("heat", "heat", Heat::ALL, None, Some(Heat::default())),
            text("note", "note", "", "optional"),
        ],
    )
}

impl Form {
    /// Fills the form from a logged plan, to edit it.
    pub(super) fn fill_plan(&mut self, p: &Plan) {
        self.set_text("activity", &p.activity);
        self.set_text("minutes", &p.minutes.to_string());
        self.set_choice("intensity", &p.intensity.to_string());
        self.set_choice("heat", &p.heat.to_string());
        self.set_text("note", p.note.as_deref().unwrap_or_default());
    }

    /// The plan to add, once every field has been checked.
    pub(super) fn build_plan<Z: Zone>(
        &self,
        stamp: &Stamp<Z>,
        unit: VolumeUnit,
    ) -> (Change, String) {
        let at = stamp.time(self, "at", TimeUse::Plan);
        let body = Body::Plan(Plan {
            activity: self.text("activity"),
            minutes: self.text("minutes").parse().unwrap_or(60),
            intensity: self
                .choice("intensity")
                .and_then(|s| Intensity::from_word(&s))
                .unwrap_or_default(),
            heat: self
                .choice("heat")
                .and_then(|s| Heat::from_word(&s))
                .unwrap_or_default(),
            note: self.note(),
        });
        let said = format!(
            "{} at {}",
            body.describe(unit, &stamp.now.timezone()),
            stamp.when(&at)
        );
        (Change::Add { at, body }, said)
    }
}
