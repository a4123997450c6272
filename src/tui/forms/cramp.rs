//! The cramp form's name field: it appears under the muscle when the muscle
//! is `other` (e.g. forearm, neck) and goes when another muscle is chosen,
//! so the form for a named muscle stays as short as it was.

use super::{Form, FormKind, text};

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
