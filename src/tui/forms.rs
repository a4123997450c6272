//! The logging forms: drink, workout (start or stop), plan, cramp.
//!
//! A form is a list of fields; keys move between them and edit them. Text is
//! checked as it is typed with the same parsers as the command line
//! (`domain::input`), and again, with every field, on Enter.

use super::app::{Change, Zone};
use crate::cli::log::{MAX_WORKOUT_HOURS, infer_context};
use crate::config::Settings;
use crate::domain::entry::{
    Body, Cramp, CrampContext, Drink, DrinkKind, Heat, Intensity, Muscle, Plan, Relief, Side,
    Symptoms, Time, VolumeUnit, Workout,
};
use crate::domain::history::History;
use crate::domain::input::{MAX_CRAMP_SECS, TimeUse, parse_duration, parse_time, parse_volume};
use chrono::DateTime;
use tui_input::{Input, InputRequest};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormKind {
    Drink,
    /// Starts a workout, or stops the running one.
    Workout,
    Plan,
    Cramp,
}

/// A key, as the open form sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormAction {
    Next,
    Prev,
    Left,
    Right,
    Toggle,
    Submit,
    Cancel,
    /// Number key `n` (1-9) on the presets row: log that preset now.
    Preset(usize),
    Edit(InputRequest),
}

/// What a key did to the form as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Submitted {
    Ok,
    Cancel,
}

#[derive(Clone, Debug)]
pub enum Value {
    Text(Input),
    Choice {
        options: Vec<String>,
        idx: usize,
    },
    Multi {
        options: Vec<String>,
        on: Vec<bool>,
        cursor: usize,
    },
    /// Drink sizes, in ml; `idx` is the one Enter takes.
    Presets {
        ml: Vec<u32>,
        idx: usize,
    },
}

#[derive(Clone, Debug)]
pub struct Field {
    pub key: &'static str,
    pub label: &'static str,
    pub value: Value,
    /// What to type, shown greyed while the field is empty.
    pub hint: String,
    pub error: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Form {
    pub kind: FormKind,
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// When the workout form stops a running workout: its entry id.
    stopping: Option<String>,
}

fn text(key: &'static str, label: &'static str, value: &str, hint: &str) -> Field {
    Field {
        key,
        label,
        value: Value::Text(Input::new(value.to_string())),
        hint: hint.to_string(),
        error: None,
    }
}

fn choice<T: std::fmt::Display + PartialEq + Copy>(
    key: &'static str,
    label: &'static str,
    all: &[T],
    first: Option<&str>,
    selected: Option<T>,
) -> Field {
    let mut options: Vec<String> = first.map(str::to_string).into_iter().collect();
    let offset = options.len();
    options.extend(all.iter().map(|v| v.to_string()));
    let idx = selected
        .and_then(|s| all.iter().position(|v| *v == s))
        .map_or(0, |i| i + offset);
    Field {
        key,
        label,
        value: Value::Choice { options, idx },
        hint: String::new(),
        error: None,
    }
}

fn multi(key: &'static str, label: &'static str, options: &[&str]) -> Field {
    Field {
        key,
        label,
        value: Value::Multi {
            options: options.iter().map(|s| s.to_string()).collect(),
            on: vec![false; options.len()],
            cursor: 0,
        },
        hint: String::new(),
        error: None,
    }
}

const SYMPTOMS: [&str; 4] = ["swelling", "redness", "weakness", "numbness"];

impl Form {
    /// A form with its defaults filled in.
    pub fn open<Z: Zone>(
        kind: FormKind,
        history: &History,
        settings: &Settings,
        now: &DateTime<Z>,
    ) -> Form {
        let unit = settings.units;
        let mut stopping = None;
        let (title, fields) = match kind {
            FormKind::Drink => (
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
            ),
            FormKind::Workout => match history.running_workout() {
                Some(e) => {
                    let activity = match &e.body {
                        Body::Workout(w) => w.activity.clone(),
                        _ => String::new(),
                    };
                    stopping = Some(e.id.clone());
                    let mins = (now.fixed_offset() - e.at).num_minutes().max(0);
                    (
                        format!("Stop {activity} (running {mins} min)"),
                        vec![text("at", "stopped", "", "now, or 14:30, -5m")],
                    )
                }
                None => (
                    "Start a workout".to_string(),
                    vec![
                        text("activity", "activity", "", "run, ride, swim, tennis..."),
                        choice(
                            "intensity",
                            "intensity",
                            Intensity::ALL,
                            None,
                            Some(Intensity::default()),
                        ),
                        choice("heat", "heat", Heat::ALL, None, Some(Heat::default())),
                        choice("new", "new to you", &["no", "yes"], None, Some("no")),
                        text("at", "started", "", "now, or 14:30, -20m"),
                        text("note", "note", "", "optional"),
                    ],
                ),
            },
            FormKind::Plan => (
                "Plan a workout".to_string(),
                vec![
                    text("activity", "activity", "", "run, ride, swim, tennis..."),
                    text("at", "starts", "", "18:00, tomorrow 07:00, +3h"),
                    text("minutes", "minutes", "60", "5-720"),
                    choice(
                        "intensity",
                        "intensity",
                        Intensity::ALL,
                        None,
                        Some(Intensity::default()),
                    ),
                    choice("heat", "heat", Heat::ALL, None, Some(Heat::default())),
                    text("note", "note", "", "optional"),
                ],
            ),
            FormKind::Cramp => (
                "Log a cramp".to_string(),
                vec![
                    choice("muscle", "muscle", Muscle::ALL, None, Some(Muscle::Calf)),
                    choice::<Side>("side", "side", Side::ALL, Some("-"), None),
                    text("severity", "severity", "", "1 (barely) to 10 (worst)"),
                    text("duration", "lasted", "", "90s, 2m, 1m30s"),
                    choice::<CrampContext>(
                        "context",
                        "context",
                        CrampContext::ALL,
                        Some("auto"),
                        None,
                    ),
                    multi("symptoms", "symptoms", &SYMPTOMS),
                    multi(
                        "relief",
                        "helped",
                        &Relief::ALL.iter().map(|r| r.word()).collect::<Vec<_>>(),
                    ),
                    text("at", "when", "", "now, or 14:30, -20m"),
                    text("note", "note", "", "optional"),
                ],
            ),
        };
        let _ = unit;
        Form {
            kind,
            title,
            fields,
            focus: 0,
            stopping,
        }
    }

    /// True when a text field has focus (letters are typed, not commands).
    pub fn typing(&self) -> bool {
        matches!(self.fields[self.focus].value, Value::Text(_))
    }

    /// True when the drink presets row has focus.
    pub fn on_presets(&self) -> bool {
        matches!(self.fields[self.focus].value, Value::Presets { .. })
    }

    /// Applies a key; says whether it submitted or cancelled the form.
    pub fn key<Z: Zone>(
        &mut self,
        action: FormAction,
        now: &DateTime<Z>,
        unit: VolumeUnit,
    ) -> Option<Submitted> {
        let n = self.fields.len();
        match action {
            FormAction::Next => self.focus = (self.focus + 1) % n,
            FormAction::Prev => self.focus = (self.focus + n - 1) % n,
            FormAction::Cancel => return Some(Submitted::Cancel),
            FormAction::Submit => return Some(Submitted::Ok),
            FormAction::Preset(i) => {
                if let Value::Presets { ml, idx } = &mut self.fields[self.focus].value
                    && i >= 1
                    && i <= ml.len()
                {
                    *idx = i - 1;
                    self.clear_amount();
                    return Some(Submitted::Ok);
                }
            }
            FormAction::Left | FormAction::Right => {
                let by = if action == FormAction::Left { -1 } else { 1 };
                let field = &mut self.fields[self.focus];
                match &mut field.value {
                    Value::Choice { options, idx } => *idx = step(*idx, by, options.len()),
                    Value::Multi {
                        options, cursor, ..
                    } => *cursor = step(*cursor, by, options.len()),
                    Value::Presets { ml, idx } => *idx = step(*idx, by, ml.len()),
                    Value::Text(input) => {
                        input.handle(if by < 0 {
                            InputRequest::GoToPrevChar
                        } else {
                            InputRequest::GoToNextChar
                        });
                    }
                }
                if self.on_presets() {
                    self.clear_amount();
                }
            }
            FormAction::Toggle => {
                if let Value::Multi { on, cursor, .. } = &mut self.fields[self.focus].value {
                    on[*cursor] = !on[*cursor];
                } else if let Value::Choice { options, idx } = &mut self.fields[self.focus].value {
                    *idx = step(*idx, 1, options.len());
                }
            }
            FormAction::Edit(req) => {
                let kind = self.kind;
                let field = &mut self.fields[self.focus];
                if let Value::Text(input) = &mut field.value {
                    input.handle(req);
                    let v = input.value().trim().to_string();
                    field.error = if v.is_empty() {
                        None
                    } else {
                        check(kind, field.key, &v, now, unit).err()
                    };
                }
            }
        }
        None
    }

    fn clear_amount(&mut self) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.key == "amount")
            && let Value::Text(input) = &mut f.value
        {
            input.reset();
            f.error = None;
        }
    }

    fn text(&self, key: &str) -> String {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .and_then(|f| match &f.value {
                Value::Text(i) => Some(i.value().trim().to_string()),
                _ => None,
            })
            .unwrap_or_default()
    }

    /// The selected option of a choice field (`None` for a leading "-" / "auto").
    fn choice(&self, key: &str) -> Option<String> {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .and_then(|f| match &f.value {
                Value::Choice { options, idx } => Some(options[*idx].clone()),
                _ => None,
            })
            .filter(|s| s != "-" && s != "auto")
    }

    fn multi(&self, key: &str) -> Vec<String> {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .map(|f| match &f.value {
                Value::Multi { options, on, .. } => options
                    .iter()
                    .zip(on)
                    .filter(|(_, on)| **on)
                    .map(|(o, _)| o.clone())
                    .collect(),
                _ => Vec::new(),
            })
            .unwrap_or_default()
    }

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
        for (i, f) in self.fields.iter_mut().enumerate() {
            if let Value::Text(input) = &f.value {
                let v = input.value().trim().to_string();
                f.error = check(kind, f.key, &v, now, unit).err();
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
                    muscle: self
                        .choice("muscle")
                        .and_then(|s| Muscle::from_word(&s))
                        .unwrap_or(Muscle::Other),
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
                });
                let said = format!("{} at {}", body.describe(unit), when(&at));
                (Change::Add { at, body }, said)
            }
        };
        Ok((change, said))
    }
}

fn step(i: usize, by: isize, n: usize) -> usize {
    if n == 0 {
        return 0;
    }
    (i as isize + by).rem_euclid(n as isize) as usize
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
    let required = matches!(
        (kind, key),
        (FormKind::Workout | FormKind::Plan, "activity") | (FormKind::Plan, "at" | "minutes")
    );
    if v.is_empty() {
        return if required {
            Err(match key {
                "activity" => "needs a short name, like run, ride, swim or tennis".into(),
                "at" => "when does it start? e.g. 18:00, tomorrow 07:00, +3h".into(),
                _ => "needed".into(),
            })
        } else {
            Ok(())
        };
    }
    match key {
        "amount" => parse_volume(v, unit).map(|_| ()),
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
