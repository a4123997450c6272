//! The weight form: a body weight, before or after a session, and when.
//! Enter on a weight in History opens it filled in; saving amends it.

use super::forms::{Field, Form, FormKind, choice, text};
use crate::domain::entry::{Body, VolumeUnit, WeighWhen, Weight};
use crate::domain::input::parse_mass;

/// The fields of a weight form, empty.
pub(super) fn fields() -> Vec<Field> {
    vec![
        text("mass", "weight", "", "e.g. 72.4kg or 160lb"),
        choice::<WeighWhen>("when", "session", WeighWhen::ALL, Some("-"), None),
        text("at", "weighed", "", "now, or 07:30, -20m"),
    ]
}

/// `72.4kg`: the stored value, exactly, with its unit.
pub(super) fn mass_text(w: &Weight) -> String {
    format!("{}kg", (w.kg * 100.0).round() / 100.0)
}

impl Form {
    /// Fills the weight fields from a logged weight.
    pub(super) fn fill_weight(&mut self, w: &Weight) {
        self.set_text("mass", &mass_text(w));
        let when = w.when.map_or("-".to_string(), |x| x.to_string());
        self.set_choice("when", &when);
    }

    /// The weight the fields give (each was checked before).
    pub(super) fn weight_body(&self, unit: VolumeUnit) -> Body {
        Body::Weight(Weight {
            kg: parse_mass(&self.text("mass"), unit).unwrap_or_default(),
            when: self.choice("when").and_then(|w| WeighWhen::from_word(&w)),
        })
    }
}

/// True for the text fields a weight form requires.
pub(super) fn required(kind: FormKind, key: &str) -> bool {
    kind == FormKind::Weight && key == "mass"
}

/// Checks the weight as typed.
pub(super) fn check_mass(v: &str, unit: VolumeUnit) -> Result<(), String> {
    parse_mass(v, unit).map(|_| ())
}
