//! Turning a filled form into the change to write: every field checked with
//! the same parsers as the command line (`domain::input`), defaults applied.
//! Each kind makes its entry in its own file (`drink.rs`, `cramp.rs`, ...).

use super::{Form, FormKind, Value};
use crate::config::Settings;
use crate::domain::change::Change;
use crate::domain::entry::{Body, Time, VolumeUnit};
use crate::domain::history::History;
use crate::domain::input::{
    MAX_CRAMP_SECS, TimeUse, parse_duration, parse_mass, parse_time, parse_urine, parse_volume,
};
use crate::domain::rules::Rules;
use crate::tui::app::Zone;
use chrono::DateTime;

/// The times a form is built at: now, and the entry's own time when an
/// edit left its "when" as it was.
pub(super) struct Stamp<'a, Z: Zone> {
    pub now: &'a DateTime<Z>,
    pub kept_at: Option<Time>,
}

impl<Z: Zone> Stamp<'_, Z> {
    /// The time typed in the field `key`: now when it is empty.
    pub fn time(&self, form: &Form, key: &str, use_: TimeUse) -> Time {
        if let Some(at) = self.kept_at {
            return at;
        }
        let v = form.text(key);
        if v.is_empty() {
            self.now.fixed_offset()
        } else {
            parse_time(&v, self.now, use_).unwrap_or_else(|_| self.now.fixed_offset())
        }
    }

    /// `14:30` today, `Sat 28 Nov 14:30` another day: for the flash.
    pub fn when(&self, at: &Time) -> String {
        let local = at.with_timezone(&self.now.timezone());
        if local.date_naive() == self.now.date_naive() {
            local.format("%H:%M").to_string()
        } else {
            local.format("%a %-d %b %H:%M").to_string()
        }
    }
}

impl Form {
    /// Checks every field and makes the change to write, with a description
    /// for the confirmation; or gives the form back with its errors marked.
    pub fn build<Z: Zone>(
        mut self,
        history: &History,
        now: &DateTime<Z>,
        settings: &Settings,
        rules: &Rules,
    ) -> Result<(Change, String), Form> {
        let unit = settings.units;
        let kept_at = self
            .editing
            .as_ref()
            .filter(|ed| self.text("at") == ed.at_text)
            .map(|ed| ed.at);
        if !self.check_all(now, unit, kept_at.is_some()) {
            return Err(self);
        }
        let stamp = Stamp { now, kept_at };
        let made = match self.kind {
            FormKind::Medication => super::medication::build(&mut self, history, now, kept_at),
            FormKind::Drink => Some(self.build_drink(&stamp, unit)),
            FormKind::Workout => self.build_workout(history, &stamp, unit),
            FormKind::Plan => Some(self.build_plan(&stamp, unit)),
            FormKind::Cramp => Some(self.build_cramp(history, &stamp, unit)),
            FormKind::Weight => self.build_weight(history, &stamp, settings, rules),
        };
        let Some((change, said)) = made.and_then(|(c, s)| self.as_edit(c, s)) else {
            return Err(self);
        };
        // The gate's own word, said on the form while it is still open (a
        // start more than a day back, an edit that makes a workout too long).
        let given = crate::domain::change::Given::default();
        match change.check_against(history, rules, given, &now.fixed_offset()) {
            Ok(()) => Ok((change, said)),
            Err(refusal) => {
                let i = self.fields.iter().position(|f| f.key == "at").unwrap_or(0);
                self.fields[i].error = Some(refusal.to_string());
                self.focus = i;
                Err(self)
            }
        }
    }

    /// Marks every text field that does not read, and moves the focus to
    /// the first; true when all are fine.
    fn check_all<Z: Zone>(&mut self, now: &DateTime<Z>, unit: VolumeUnit, kept_at: bool) -> bool {
        let kind = self.kind;
        let editing = self.editing.is_some();
        let mut first_bad = None;
        for (i, f) in self.fields.iter_mut().enumerate() {
            if let Value::Text(input) = &f.value {
                let v = input.value().trim().to_string();
                f.error = if f.key == "at" && kept_at {
                    // The entry's own time, unchanged: fine even for a past plan.
                    None
                } else if f.key == "amount" && kind == FormKind::Drink && v.is_empty() && editing {
                    Some("needed, e.g. 300ml".into())
                } else {
                    check(kind, f.key, &v, now, unit).err()
                };
                if f.error.is_some() && first_bad.is_none() {
                    first_bad = Some(i);
                }
            }
        }
        if let Some(i) = first_bad {
            self.focus = i;
        }
        first_bad.is_none()
    }

    /// The note typed, if any.
    pub(super) fn note(&self) -> Option<String> {
        Some(self.text("note")).filter(|n| !n.is_empty())
    }

    /// A new entry made by a form that edits one becomes its amendment
    /// (refused when nothing changed).
    fn as_edit(&mut self, change: Change, said: String) -> Option<(Change, String)> {
        match (&self.editing, change) {
            (None, change) => Some((change, said)),
            (Some(ed), Change::Add { at, mut body }) => {
                // A workout keeps its end (the form has no field for it).
                if let (Body::Workout(w), Body::Workout(old)) = (&mut body, &ed.body) {
                    w.end = old.end;
                }
                if body == ed.body && at == ed.at {
                    self.fields[0].error = Some("nothing changed; Esc leaves it as it was".into());
                    self.focus = 0;
                    return None;
                }
                let target = ed.id.clone();
                Some((
                    Change::Amend { target, at, body },
                    format!("{said} (edited)"),
                ))
            }
            (Some(_), change) => Some((change, said)),
        }
    }
}

/// Checks one text field as typed: `Err` holds the message shown beside it.
/// Empty optional fields are fine; empty required ones are not.
pub fn check<Z: Zone>(
    kind: FormKind,
    key: &str,
    v: &str,
    now: &DateTime<Z>,
    unit: VolumeUnit,
) -> Result<(), String> {
    if kind == FormKind::Medication {
        return super::medication::check(key, v, now);
    }
    let required = matches!(
        (kind, key),
        (FormKind::Workout | FormKind::Plan, "activity")
            | (FormKind::Plan, "at" | "minutes")
            | (FormKind::Weight, "weight")
    );
    if v.is_empty() {
        return if required {
            Err(match key {
                "activity" => "needs a short name, like run, ride, swim or tennis".into(),
                "at" => "when does it start? e.g. 18:00, tomorrow 07:00, +3h".into(),
                "weight" => "needed, e.g. 72.4kg or 160lb".into(),
                _ => "needed".into(),
            })
        } else {
            Ok(())
        };
    }
    match key {
        "amount" => parse_volume(v, unit).map(|_| ()),
        // A bare number is read against the last weighing when the form is
        // saved (as `crampwatch weight 72` is); here, only that it is one.
        "weight" if v.parse::<f64>().is_ok_and(|n| n.is_finite() && n > 0.0) => Ok(()),
        "weight" => parse_mass(v, unit).map(|_| ()),
        "urine" => parse_urine(v, unit).map(|_| ()),
        "sodium" => match v.parse::<u32>() {
            Ok(n) if n <= 10_000 => Ok(()),
            _ => Err(format!("'{v}' is not a sodium amount; give mg, 0-10000")),
        },
        "at" => {
            let use_ = if kind == FormKind::Plan {
                TimeUse::Plan
            } else {
                TimeUse::Past
            };
            parse_time(v, now, use_).map(|_| ())
        }
        "name" => {
            if v.chars().count() > 40 || v.chars().any(char::is_control) {
                return Err(
                    "needs a short name (up to 40 characters), like forearm or neck".into(),
                );
            }
            // The gate's rule, said beside the field while the form is open.
            crate::domain::check::other_muscle_name(v)
        }
        "activity" => {
            if v.chars().count() > 40 || v.chars().any(char::is_control) {
                Err("needs a short name (up to 40 characters), like run or ride".into())
            } else {
                Ok(())
            }
        }
        "minutes" => match v.parse::<u32>() {
            Ok(n) if (5..=720).contains(&n) => Ok(()),
            _ => Err(format!("'{v}' is not a number of minutes from 5 to 720")),
        },
        "severity" => match v.parse::<u8>() {
            Ok(n) if (1..=10).contains(&n) => Ok(()),
            _ => Err(format!("'{v}' is not a severity; give 1 to 10")),
        },
        "duration" => {
            let secs = parse_duration(v)?;
            if secs > MAX_CRAMP_SECS {
                Err("longer than 4 hours: that needs a professional's attention".into())
            } else {
                Ok(())
            }
        }
        _ => Ok(()),
    }
}
