//! Filling the weight form (its fields are in `forms.rs`) from a logged
//! weight: Enter on a weight in History opens it filled in; saving amends it.

use super::Form;
use crate::domain::entry::Weight;

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
    history: &crate::domain::history::History,
    settings: &crate::config::Settings,
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
    let rules = crate::domain::rules::Rules::embedded()?;
    // The form has no --force: a deliberate change goes through the CLI.
    check_new(history, at, kg, typed, id, &rules.weights).map_err(|e| {
        e.message.replace(
            "log it again with --force",
            "log it with 'crampwatch weight VALUE --force'",
        )
    })?;
    Ok(kg)
}
