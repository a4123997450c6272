//! The medicine form (`m`): a medicine started or stopped, with the same
//! checks as `crampwatch medication start|stop`.

use super::{Field, Form, choice, text};
use crate::domain::entry::{Body, MedAction, MedClass, Medication, Time};
use crate::domain::history::History;
use crate::domain::medication::{
    check_dose, check_name, class_for_start, courses, current, parse_day_or_time,
};
use crate::tui::app::{Change, Zone};
use chrono::DateTime;

/// The fields, in order: started or stopped, name, class, dose, when, note.
pub(super) fn fields() -> Vec<Field> {
    vec![
        choice(
            "action",
            "start/stop",
            MedAction::ALL,
            None,
            Some(MedAction::Start),
        ),
        text("name", "medicine", "", "its name, e.g. furosemide"),
        choice::<MedClass>("class", "class", MedClass::ALL, Some("-"), None),
        text("dose", "dose", "", "optional, e.g. 20 mg each morning"),
        text("at", "when", "", "now, or 2026-10-01, yesterday 08:00"),
        text("note", "note", "", "optional"),
    ]
}

/// Fills the fields from a logged medicine entry (for an edit).
pub(super) fn fill(form: &mut Form, m: &Medication) {
    form.set_choice("action", m.action.word());
    form.set_text("name", &m.name);
    form.set_choice("class", m.class.map_or("-", MedClass::word));
    form.set_text("dose", m.dose.as_deref().unwrap_or_default());
    form.set_text("note", m.note.as_deref().unwrap_or_default());
}

/// Checks one text field of the medicine form as typed.
pub(super) fn check<Z: Zone>(key: &str, v: &str, now: &DateTime<Z>) -> Result<(), String> {
    match key {
        "name" => check_name(v)
            .map(|_| ())
            .map_err(|_| "needs the medicine's name".into()),
        "dose" => check_dose(v).map(|_| ()),
        "at" if !v.is_empty() => parse_day_or_time(v, now).map(|_| ()),
        _ => Ok(()),
    }
}

fn error(form: &mut Form, key: &str, msg: String) {
    if let Some(i) = form.fields.iter().position(|f| f.key == key) {
        form.fields[i].error = Some(msg);
        form.focus = i;
    }
}

/// The change the filled form makes, or None with the error marked on the form.
/// `kept_at` is an edited entry's time when its "when" was left as it was.
pub(super) fn build<Z: Zone>(
    form: &mut Form,
    history: &History,
    now: &DateTime<Z>,
    kept_at: Option<Time>,
) -> Option<(Change, String)> {
    let at = match kept_at {
        Some(t) => t,
        None => match form.text("at") {
            v if v.is_empty() => now.fixed_offset(),
            v => parse_day_or_time(&v, now).unwrap_or_else(|_| now.fixed_offset()),
        },
    };
    let name = check_name(&form.text("name")).unwrap_or_default();
    let action = form
        .choice("action")
        .and_then(|s| MedAction::from_word(&s))
        .unwrap_or(MedAction::Start);
    let mut class = form.choice("class").and_then(|s| MedClass::from_word(&s));
    let mut name_as_logged = name.clone();
    if action == MedAction::Stop && form.editing.is_none() {
        let all = courses(&history.entries);
        let Some(course) = current(&all, &name) else {
            error(form, "name", format!("'{name}' is not a current medicine"));
            return None;
        };
        if course.start.is_some_and(|s| at <= s) {
            error(form, "at", "the stop must come after its start".into());
            return None;
        }
        class = class.or(course.class);
        name_as_logged = course.name.clone();
    } else if action == MedAction::Start && form.editing.is_none() {
        class = class_for_start(&courses(&history.entries), &name, class);
    }
    let body = Body::Medication(Medication {
        action,
        name: name_as_logged,
        class,
        dose: check_dose(&form.text("dose")).unwrap_or_default(),
        note: Some(form.text("note")).filter(|n| !n.is_empty()),
    });
    let said = format!(
        "{} on {}",
        body.describe(crate::domain::entry::VolumeUnit::Ml, &now.timezone()),
        at.with_timezone(&now.timezone()).format("%a %-d %b %Y")
    );
    Some((Change::Add { at, body }, said))
}
