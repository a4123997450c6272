//! Filling the weight form (its fields are in `forms.rs`) from a logged
//! weight: Enter on a weight in History opens it filled in; saving amends it.

use super::forms::Form;
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
