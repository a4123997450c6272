//! The workout form: start one (filled from today's plan when there is
//! one), or stop the one running.

use super::build::Stamp;
use super::{Field, Form, choice, text};
use crate::domain::change::Change;
use crate::domain::check::MAX_WORKOUT_HOURS;
use crate::domain::entry::{Body, Heat, Intensity, VolumeUnit, Workout};
use crate::domain::history::History;
use crate::domain::input::TimeUse;
use crate::tui::app::Zone;
use chrono::DateTime;

/// The workout form's title and fields, and the id of the workout it stops
/// when one is running.
pub(super) fn fields<Z: Zone>(
    history: &History,
    now: &DateTime<Z>,
) -> (String, Vec<Field>, Option<String>) {
    if let Some(e) = history.running_workout() {
        let activity = match &e.body {
            Body::Workout(w) => w.activity.clone(),
            _ => String::new(),
        };
        let mins = (now.fixed_offset() - e.at).num_minutes().max(0);
        return (
            format!("Stop {activity} (running {mins} min)"),
            vec![text("at", "stopped", "", "now, or 14:30, -5m")],
            Some(e.id.clone()),
        );
    }
    (
        "Start a workout".to_string(),
        vec![
            text("activity", "activity", "", "run, ride, swim, tennis..."),
            choice(
                "intensity",
                "intensity",
                Intensity::ALL,
                None,
                Some(Intensity::default()),
            ),
            choice("heat", "heat", Heat::ALL, None, Some(Heat::default())),
            choice("new", "new to you", &["no", "yes"], None, Some("no")),
            text("at", "started", "", "now, or 14:30, -20m"),
            text("note", "note", "", "optional"),
        ],
        None,
    )
}

impl Form {
    /// Fills the form from a logged workout, to edit it.
    pub(super) fn fill_workout(&mut self, w: &Workout) {
        self.set_text("activity", &w.activity);
        self.set_choice("intensity", &w.intensity.to_string());
        self.set_choice("heat", &w.heat.to_string());
        self.set_choice("new", if w.new { "yes" } else { "no" });
        self.set_text("note", w.note.as_deref().unwrap_or_default());
    }

    /// The workout to start, or the running one stopped; `None` with the
    /// error marked when the stop time does not fit the workout.
    pub(super) fn build_workout<Z: Zone>(
        &mut self,
        history: &History,
        stamp: &Stamp<Z>,
        unit: VolumeUnit,
    ) -> Option<(Change, String)> {
        if let Some(id) = self.stopping.clone() {
            return self.build_stop(&id, history, stamp);
        }
        let at = stamp.time(self, "at", TimeUse::Past);
        let body = Body::Workout(Workout {
            activity: self.text("activity"),
            end: None,
            intensity: self
                .choice("intensity")
                .and_then(|s| Intensity::from_word(&s))
                .unwrap_or_default(),
            heat: self
                .choice("heat")
                .and_then(|s| Heat::from_word(&s))
                .unwrap_or_default(),
            new: self.choice("new").as_deref() == Some("yes"),
            note: self.note(),
        });
        let said = format!(
            "{} from {}",
            body.describe(unit, &stamp.now.timezone()),
            stamp.when(&at)
        );
        Some((Change::Add { at, body }, said))
    }

    fn build_stop<Z: Zone>(
        &mut self,
        id: &str,
        history: &History,
        stamp: &Stamp<Z>,
    ) -> Option<(Change, String)> {
        let end = stamp.time(self, "at", TimeUse::Past);
        let Some(entry) = history.get(id) else {
            self.fields[0].error = Some("that workout is no longer running".into());
            return None;
        };
        let Body::Workout(mut w) = entry.body.clone() else {
            return None;
        };
        if end <= entry.at {
            self.fields[0].error = Some(format!(
                "the stop time must be after the start ({})",
                stamp.when(&entry.at)
            ));
            return None;
        }
        if end - entry.at > chrono::Duration::hours(MAX_WORKOUT_HOURS) {
            self.fields[0].error = Some(format!(
                "it started {}, more than {MAX_WORKOUT_HOURS} h ago; give when it really ended",
                entry
                    .at
                    .with_timezone(&stamp.now.timezone())
                    .format("%a %-d %b %H:%M")
            ));
            return None;
        }
        w.end = Some(end);
        let mins = (end - entry.at).num_minutes();
        let said = format!("stopped {} after {mins} min", w.activity);
        let change = Change::Amend {
            target: id.to_string(),
            at: entry.at,
            body: Body::Workout(w),
        };
        Some((change, said))
    }
}
