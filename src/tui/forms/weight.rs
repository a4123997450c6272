//! The weight form: body weight before or after a session, and urine passed
//! (a sweat test). Enter on a weight in History opens it filled in; saving
//! amends it. The value is read and checked as `crampwatch weight` does.

use super::build::Stamp;
use super::{Field, Form, choice, text};
use crate::config::Settings;
use crate::domain::change::Change;
use crate::domain::entry::{Body, WeighWhen, Weight};
use crate::domain::history::History;
use crate::domain::input::{TimeUse, parse_urine};
use crate::domain::rules::Rules;
use crate::tui::app::Zone;
use chrono::DateTime;

/// `72.4kg`: the stored value, exactly, with its unit.
pub(super) fn mass_text(w: &Weight) -> String {
    format!("{}kg", (w.kg * 100.0).round() / 100.0)
}

impl Form {
    /// Fills the weight fields from a logged weight.
    pub(super) fn fill_weight(&mut self, w: &Weight) {
        self.set_text("weight", &mass_text(w));
        let when = w.when.map_or("-".to_string(), |x| x.to_string());
        self.set_choice("when", &when);
        if let Some(ml) = w.urine_ml {
            self.set_text("urine", &format!("{ml}ml"));
        }
    }
}

/// Reads the weight field as `crampwatch weight` does: a bare number in the
/// unit that puts it next to the last weighing (else the setting or the
/// first weighing's unit), then checked against the user's own weighings (a
/// typo or a kg/lb mix-up is refused). Returns kg, or the message to mark on
/// the field. `id` is the weighing being edited, left out of the check.
pub(super) fn read_checked(
    text: &str,
    (history, settings, rules): (&History, &Settings, &Rules),
    at: crate::domain::entry::Time,
    id: Option<&str>,
) -> Result<f64, String> {
    use crate::domain::mass::{MassUnit, first_weighing, last_weighing, read_weight, typed_unit};
    use crate::domain::weights::{Typed, check_new};
    let known = settings
        .weight_unit
        .or_else(|| first_weighing(history).and_then(typed_unit));
    let (kg, unit) = read_weight(text, last_weighing(history), known)?;
    let typed = match text.trim().parse::<f64>() {
        Ok(number) => Typed::Bare {
            number,
            read_as_kg: unit == MassUnit::Kg,
        },
        Err(_) => Typed::WithUnit,
    };
    // The form has no --force: a deliberate change goes through the CLI.
    check_new(history, at, kg, typed, id, &rules.weights).map_err(|e| {
        e.message.replace(
            "log it again with --force",
            "log it with 'crampwatch weight VALUE --force'",
        )
    })?;
    Ok(kg)
}

/// The weight form; "after" is chosen when a session runs or ended within
/// the last hour (a sweat test's after-weighing), else none.
pub(super) fn fields<Z: Zone>(history: &History, now: &DateTime<Z>) -> (String, Vec<Field>) {
    let now = now.fixed_offset();
    let recent = history
        .entries
        .iter()
        .rev()
        .take(50)
        .any(|e| match &e.body {
            Body::Workout(w) => w
                .end
                .is_none_or(|end| end <= now && now - end < chrono::Duration::hours(1)),
            _ => false,
        });
    let when = recent.then_some(WeighWhen::After);
    (
        "Log body weight".to_string(),
        vec![
            text("weight", "weight", "", "e.g. 72.4kg or 160lb"),
            choice("when", "session", WeighWhen::ALL, Some("-"), when),
            text(
                "urine",
                "urine",
                "",
                "passed since the last weighing, e.g. 300ml",
            ),
            text("at", "when", "", "now, or 14:30, -20m"),
        ],
    )
}

impl Form {
    /// The weighing to add, its value checked for plausibility as
    /// `crampwatch weight` checks it; `None` with the error marked.
    pub(super) fn build_weight<Z: Zone>(
        &mut self,
        history: &History,
        stamp: &Stamp<Z>,
        settings: &Settings,
        rules: &Rules,
    ) -> Option<(Change, String)> {
        let unit = settings.units;
        let at = stamp.time(self, "at", TimeUse::Past);
        let urine = self.text("urine");
        let id = self.editing.as_ref().map(|ed| ed.id.clone());
        let text = self.text("weight");
        let kg = match read_checked(&text, (history, settings, rules), at, id.as_deref()) {
            Ok(kg) => kg,
            Err(msg) => {
                if let Some(i) = self.fields.iter().position(|f| f.key == "weight") {
                    self.fields[i].error = Some(msg);
                    self.focus = i;
                }
                return None;
            }
        };
        let body = Body::Weight(Weight {
            kg,
            when: self.choice("when").and_then(|s| WeighWhen::from_word(&s)),
            urine_ml: parse_urine(&urine, unit).ok().filter(|ml| *ml > 0),
        });
        // With no weighing yet, this one is the first.
        let kg = match &body {
            Body::Weight(w) => Some(w.kg),
            _ => None,
        };
        let mass = crate::domain::mass::display_unit(
            settings.weight_unit,
            crate::domain::mass::first_weighing(history).or(kg),
            unit,
        );
        let said = format!(
            "{} at {}",
            body.describe_in(unit, mass, &stamp.now.timezone()),
            stamp.when(&at)
        );
        Some((Change::Add { at, body }, said))
    }
}
