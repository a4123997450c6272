//! The drink form: a preset size or an amount, the kind, sodium, when, a note.

use super::build::Stamp;
use super::{Field, Form, Value, choice, text};
use crate::config::Settings;
use crate::domain::change::Change;
use crate::domain::entry::{Body, Drink, DrinkKind, VolumeUnit};
use crate::domain::input::{TimeUse, parse_volume};
use crate::tui::app::Zone;

/// The drink form's title and fields, the presets first.
pub(super) fn fields(settings: &Settings) -> (String, Vec<Field>) {
    let unit = settings.units;
    (
        "Log a drink".to_string(),
        vec![
            Field {
                key: "preset",
                label: "size",
                value: Value::Presets {
                    ml: settings.preset_ml(),
                    idx: 0,
                },
                hint: String::new(),
                error: None,
            },
            text(
                "amount",
                "or amount",
                "",
                &format!("e.g. 12{}, 300ml, 0.5l", unit.label()),
            ),
            choice("kind", "kind", DrinkKind::ALL, None, Some(DrinkKind::Water)),
            text("sodium", "sodium mg", "", "optional, e.g. 300"),
            text("at", "when", "", "now, or 14:30, -20m"),
            text("note", "note", "", "optional"),
        ],
    )
}

impl Form {
    /// Fills the form from a logged drink, to edit it.
    pub(super) fn fill_drink(&mut self, d: &Drink, unit: VolumeUnit) {
        let shown = unit.format(d.ml as f64).replace(' ', "");
        let amount = if parse_volume(&shown, unit) == Ok(d.ml) {
            shown
        } else {
            format!("{}ml", d.ml)
        };
        self.set_text("amount", &amount);
        self.set_choice("kind", &d.kind.to_string());
        self.set_text(
            "sodium",
            &d.sodium_mg.map(|n| n.to_string()).unwrap_or_default(),
        );
        self.set_text("note", d.note.as_deref().unwrap_or_default());
        if let Some(f) = self.fields.iter_mut().find(|f| f.key == "amount") {
            f.label = "amount";
        }
    }

    /// The drink to add, once every field has been checked.
    pub(super) fn build_drink<Z: Zone>(
        &self,
        stamp: &Stamp<Z>,
        unit: VolumeUnit,
    ) -> (Change, String) {
        let amount = self.text("amount");
        let ml = if amount.is_empty() {
            match &self.fields[0].value {
                Value::Presets { ml, idx } => ml.get(*idx).copied().unwrap_or(237),
                _ => 237,
            }
        } else {
            parse_volume(&amount, unit).unwrap_or_default()
        };
        let sodium = self.text("sodium").parse::<u32>().ok();
        let kind = self
            .choice("kind")
            .and_then(|k| DrinkKind::from_word(&k))
            .unwrap_or_default();
        let at = stamp.time(self, "at", TimeUse::Past);
        let body = Body::Drink(Drink {
            ml,
            kind,
            sodium_mg: sodium,
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
