//! Turning a filled form into the change to write: every field checked with
//! the same parsers as the command line (`domain::input`), defaults applied.

use super::app::{Change, Zone};
use super::forms::{Form, FormKind, Value};
use crate::config::Settings;
use crate::domain::change::infer_context;
use crate::domain::check::MAX_WORKOUT_HOURS;
use crate::domain::entry::{
    Body, Cramp, CrampContext, Drink, DrinkKind, Heat, Intensity, Muscle, Plan, Relief, Side,
    Symptoms, Time, VolumeUnit, WeighWhen, Weight, Workout,
};
use crate::domain::history::History;
use crate::domain::input::{
    MAX_CRAMP_SECS, TimeUse, parse_duration, parse_mass, parse_time, parse_urine, parse_volume,
};
use chrono::DateTime;

impl Form {
    /// Checks every field and makes the change to write, with a description
    /// for the confirmation; or gives the form back with its errors marked.
    pub fn build<Z: Zone>(
        mut self,
        history: &History,
        now: &DateTime<Z>,
        settings: &Settings,
    ) -> Result<(Change, String), Form> {
        let unit = settings.units;
        let kind = self.kind;
        let mut first_bad = None;
        let kept_at = self
            .editing
            .as_ref()
            .filter(|ed| self.text("at") == ed.at_text)
            .map(|ed| ed.at);
        for (i, f) in self.fields.iter_mut().enumerate() {
            if let Value::Text(input) = &f.value {
                let v = input.value().trim().to_string();
                f.error = if f.key == "at" && kept_at.is_some() {
                    // The entry's own time, unchanged: fine even for a past plan.
                    None
                } else if f.key == "amount"
                    && kind == FormKind::Drink
                    && v.is_empty()
                    && self.editing.is_some()
                {
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
            return Err(self);
        }
        let time = |key: &str, use_: TimeUse| -> Time {
            if let Some(at) = kept_at {
                return at;
            }
            let v = self.text(key);
            if v.is_empty() {
                now.fixed_offset()
            } else {
                parse_time(&v, now, use_).unwrap_or_else(|_| now.fixed_offset())
            }
        };
        let note = Some(self.text("note")).filter(|n| !n.is_empty());
        let when = |at: &Time| -> String {
            let local = at.with_timezone(&now.timezone());
            if local.date_naive() == now.date_naive() {
                local.format("%H:%M").to_string()
            } else {
                local.format("%a %-d %b %H:%M").to_string()
            }
        };
        let (change, said) = match kind {
            FormKind::Medication => {
                match super::med_form::build(&mut self, history, now, kept_at) {
                    Some(made) => made,
                    None => return Err(self),
                }
            }
            FormKind::Drink => {
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
                let at = time("at", TimeUse::Past);
                let body = Body::Drink(Drink {
                    ml,
                    kind,
                    sodium_mg: sodium,
                    note,
                });
                let said = format!("{} at {}", body.describe(unit), when(&at));
                (Change::Add { at, body }, said)
            }
            FormKind::Workout => match &self.stopping {
                Some(id) => {
                    let end = time("at", TimeUse::Past);
                    let Some(entry) = history.get(id) else {
                        self.fields[0].error = Some("that workout is no longer running".into());
                        return Err(self);
                    };
                    let Body::Workout(mut w) = entry.body.clone() else {
                        return Err(self);
                    };
                    if end <= entry.at {
                        self.fields[0].error = Some(format!(
                            "the stop time must be after the start ({})",
                            when(&entry.at)
                        ));
                        return Err(self);
                    }
                    if end - entry.at > chrono::Duration::hours(MAX_WORKOUT_HOURS) {
                        self.fields[0].error = Some(format!(
                            "it started {}, more than {MAX_WORKOUT_HOURS} h ago; give when it really ended",
                            entry
                                .at
                                .with_timezone(&now.timezone())
                                .format("%a %-d %b %H:%M")
                        ));
                        return Err(self);
                    }
                    w.end = Some(end);
                    let mins = (end - entry.at).num_minutes();
                    let said = format!("stopped {} after {mins} min", w.activity);
                    (
                        Change::Amend {
                            target: id.clone(),
                            at: entry.at,
                            body: Body::Workout(w),
                        },
                        said,
                    )
                }
                None => {
                    let at = time("at", TimeUse::Past);
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
                        note,
                    });
                    let said = format!("{} from {}", body.describe(unit), when(&at));
                    (Change::Add { at, body }, said)
                }
            },
            FormKind::Plan => {
                let at = time("at", TimeUse::Plan);
                let body = Body::Plan(Plan {
                    activity: self.text("activity"),
                    minutes: self.text("minutes").parse().unwrap_or(60),
                    intensity: self
                        .choice("intensity")
                        .and_then(|s| Intensity::from_word(&s))
                        .unwrap_or_default(),
                    heat: self
                        .choice("heat")
                        .and_then(|s| Heat::from_word(&s))
                        .unwrap_or_default(),
                    note,
                });
                let said = format!("{} at {}", body.describe(unit), when(&at));
                (Change::Add { at, body }, said)
            }
            FormKind::Cramp => {
                let at = time("at", TimeUse::Past);
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
                    note,
                    muscle_name: Some(name).filter(|n| muscle == Muscle::Other && !n.is_empty()),
                });
                let said = format!("{} at {}", body.describe(unit), when(&at));
                (Change::Add { at, body }, said)
            }
            FormKind::Weight => {
                let at = time("at", TimeUse::Past);
                let urine = self.text("urine");
                let id = self.editing.as_ref().map(|ed| ed.id.clone());
                let text = self.text("weight");
                let kg = match super::form_weight::read_checked(
                    &text,
                    history,
                    settings,
                    at,
                    id.as_deref(),
                ) {
                    Ok(kg) => kg,
                    Err(msg) => {
                        if let Some(i) = self.fields.iter().position(|f| f.key == "weight") {
                            self.fields[i].error = Some(msg);
                            self.focus = i;
                        }
                        return Err(self);
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
                let said = format!("{} at {}", body.describe_in(unit, mass), when(&at));
                (Change::Add { at, body }, said)
            }
        };
        match (&self.editing, change) {
            (None, change) => Ok((change, said)),
            (Some(ed), Change::Add { at, mut body }) => {
                // A workout keeps its end (the form has no field for it).
                if let (Body::Workout(w), Body::Workout(old)) = (&mut body, &ed.body) {
                    w.end = old.end;
                }
                if body == ed.body && at == ed.at {
                    self.fields[0].error = Some("nothing changed; Esc leaves it as it was".into());
                    self.focus = 0;
                    return Err(self);
                }
                let target = ed.id.clone();
                Ok((
                    Change::Amend { target, at, body },
                    format!("{said} (edited)"),
                ))
            }
            (Some(_), change) => Ok((change, said)),
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
        return super::med_form::check(key, v, now);
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
                Err("needs a short name (up to 40 characters), like forearm or neck".into())
            } else {
                Ok(())
            }
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
