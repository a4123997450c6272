//! The cramp form. Its name field appears under the muscle when the muscle
//! is `other` (e.g. forearm, neck) and goes when another muscle is chosen,
//! so the form for a named muscle stays as short as it was.

use super::build::Stamp;
use super::{Field, Form, FormKind, choice, multi, text};
use crate::domain::change::{Change, infer_context};
use crate::domain::entry::{Body, Cramp, CrampContext, Muscle, Relief, Side, Symptoms, VolumeUnit};
use crate::domain::history::History;
use crate::domain::input::{TimeUse, parse_duration};
use crate::tui::app::Zone;

const OTHER: &str = "other";

impl Form {
    /// Shows or hides the name field to match the muscle chosen.
    pub(super) fn sync_muscle_name(&mut self) {
        if self.kind != FormKind::Cramp {
            return;
        }
        let other = self.choice("muscle").as_deref() == Some(OTHER);
        let at = self.fields.iter().position(|f| f.key == "name");
        match (other, at) {
            (true, None) => {
                let after = self
                    .fields
                    .iter()
                    .position(|f| f.key == "muscle")
                    .unwrap_or(0);
                let field = text("name", "name", "", "which muscle? e.g. forearm, neck");
                self.fields.insert(after + 1, field);
            }
            (false, Some(i)) => {
                self.fields.remove(i);
                if self.focus > i {
                    self.focus -= 1;
                }
            }
            _ => {}
        }
    }
}

const SYMPTOMS: [&str; 4] = ["swelling", "redness", "weakness", "numbness"];

/// The cramp form's title and fields (the muscle's name shows only for "other").
pub(super) fn fields() -> (String, Vec<Field>) {
    (
        "Log a cramp".to_string(),
        vec![
            choice("muscle", "muscle", Muscle::ALL, None, Some(Muscle::Calf)),
            choice::<Side>("side", "side", Side::ALL, Some("-"), None),
            text("severity", "severity", "", "1 (barely) to 10 (worst)"),
            text("duration", "lasted", "", "90s, 2m, 1m30s"),
            choice::<CrampContext>("context", "context", CrampContext::ALL, Some("auto"), None),
            multi("symptoms", "symptoms", &SYMPTOMS),
            multi(
                "relief",
                "helped",
                &Relief::ALL.iter().map(|r| r.word()).collect::<Vec<_>>(),
            ),
            text("at", "when", "", "now, or 14:30, -20m"),
            text("note", "note", "", "optional"),
        ],
    )
}

/// `1m30s`, `2m`, `45s`: a duration as the form takes it.
fn duration_text(secs: u32) -> String {
    match (secs / 60, secs % 60) {
        (0, s) => format!("{s}s"),
        (m, 0) => format!("{m}m"),
        (m, s) => format!("{m}m{s}s"),
    }
}

impl Form {
    /// Fills the form from a logged cramp, to edit it.
    pub(super) fn fill_cramp(&mut self, c: &Cramp) {
        self.set_choice("muscle", &c.muscle.to_string());
        self.sync_muscle_name();
        self.set_text("name", c.muscle_name.as_deref().unwrap_or_default());
        self.set_choice("side", &c.side.map_or("-".to_string(), |s| s.to_string()));
        self.set_text(
            "severity",
            &c.severity.map(|n| n.to_string()).unwrap_or_default(),
        );
        self.set_text(
            "duration",
            &c.duration_s.map(duration_text).unwrap_or_default(),
        );
        self.set_choice(
            "context",
            &c.context.map_or("auto".to_string(), |x| x.to_string()),
        );
        let s = c.symptoms;
        let on: Vec<&str> = [
            (s.swelling, "swelling"),
            (s.redness, "redness"),
            (s.weakness, "weakness"),
            (s.numbness, "numbness"),
        ]
        .into_iter()
        .filter(|(on, _)| *on)
        .map(|(_, w)| w)
        .collect();
        self.set_multi("symptoms", &on);
        let relief: Vec<&str> = c.relief.iter().map(|r| r.word()).collect();
        self.set_multi("relief", &relief);
        self.set_text("note", c.note.as_deref().unwrap_or_default());
    }

    /// The cramp to add, once every field has been checked; with no context
    /// chosen, it is inferred from the workouts around it.
    pub(super) fn build_cramp<Z: Zone>(
        &self,
        history: &History,
        stamp: &Stamp<Z>,
        unit: VolumeUnit,
    ) -> (Change, String) {
        let at = stamp.time(self, "at", TimeUse::Past);
        let muscle = self
            .choice("muscle")
            .and_then(|s| Muscle::from_word(&s))
            .unwrap_or(Muscle::Other);
        let name = self.text("name");
        let symptoms = self.multi("symptoms");
        let has = |s: &str| symptoms.iter().any(|x| x == s);
        let mut relief: Vec<Relief> = self
            .multi("relief")
            .iter()
            .filter_map(|r| Relief::from_word(r))
            .collect();
        relief.sort();
        let duration = self.text("duration");
        let body = Body::Cramp(Cramp {
            muscle,
            side: self.choice("side").and_then(|s| Side::from_word(&s)),
            severity: self.text("severity").parse().ok(),
            duration_s: (!duration.is_empty())
                .then(|| parse_duration(&duration).ok())
                .flatten(),
            context: Some(
                self.choice("context")
                    .and_then(|s| CrampContext::from_word(&s))
                    .unwrap_or_else(|| infer_context(history, at)),
            ),
            symptoms: Symptoms {
                swelling: has("swelling"),
                redness: has("redness"),
                weakness: has("weakness"),
                numbness: has("numbness"),
            },
            relief,
            note: self.note(),
            muscle_name: Some(name).filter(|n| muscle == Muscle::Other && !n.is_empty()),
        });
        let said = format!(
            "{} at {}",
            body.describe(unit, &stamp.now.timezone()),
            stamp.when(&at)
        );
        (Change::Add { at, body }, said)
    }
}
