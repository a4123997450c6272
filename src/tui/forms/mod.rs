//! The logging forms: drink, workout (start or stop), plan, cramp, weight.
//!
//! A form is a list of fields; keys move between them and edit them. Text is
//! checked as it is typed with the same parsers as the command line, and
//! again, with every field, on Enter (`build.rs`). One file per form kind
//! where a kind has its own fields and checks; `view.rs` draws a form.

mod build;
mod cramp;
mod medication;
mod plan;
mod submit;
pub mod view;
mod weight;

use crate::config::Settings;
use crate::domain::entry::Time;
use crate::domain::entry::{
    Body, CrampContext, DrinkKind, Heat, Intensity, Muscle, Relief, Side, VolumeUnit, WeighWhen,
};
use crate::domain::history::{Entry, History};
use crate::tui::app::Zone;
use build::check;

use chrono::DateTime;
use tui_input::{Input, InputRequest};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormKind {
    Drink,
    /// Starts a workout, or stops the running one.
    Workout,
    Plan,
    Cramp,
    /// Body weight, before or after a session, with urine for a sweat test.
    Weight,
    /// A medicine started or stopped.
    Medication,
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
    pub(super) stopping: Option<String>,
    /// When the form edits a logged entry (from History): what it was.
    pub(super) editing: Option<Box<Editing>>,
}

/// The entry a form edits: saving writes an `amend` event for it.
#[derive(Clone, Debug)]
pub struct Editing {
    pub id: String,
    pub at: Time,
    /// The "when" text as prefilled: left as it is, the time is kept to the second.
    pub at_text: String,
    pub body: Body,
}

pub(super) fn text(key: &'static str, label: &'static str, value: &str, hint: &str) -> Field {
    Field {
        key,
        label,
        value: Value::Text(Input::new(value.to_string())),
        hint: hint.to_string(),
        error: None,
    }
}

pub(super) fn choice<T: std::fmt::Display + PartialEq + Copy>(
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

/// The weight form; "after" is chosen when a session runs or ended within
/// the last hour (a sweat test's after-weighing), else none.
fn weight_form<Z: Zone>(history: &History, now: &DateTime<Z>) -> (String, Vec<Field>) {
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
            FormKind::Weight => weight_form(history, now),
            FormKind::Medication => (
                "Log a medicine started or stopped".to_string(),
                medication::fields(),
            ),
        };
        let mut form = Form {
            kind,
            title,
            fields,
            focus: 0,
            stopping,
            editing: None,
        };
        if kind == FormKind::Workout && form.stopping.is_none() {
            let plan = plan::todays_plan(history, now, settings.day_start_hour);
            if let Some((plan, at)) = plan {
                form.fill_from_plan(plan, &at);
            }
        }
        form
    }

    /// The form for a logged entry, every field filled in from it; saving
    /// amends the entry. `None` for kinds no form covers.
    pub fn edit<Z: Zone>(entry: &Entry, settings: &Settings, now: &DateTime<Z>) -> Option<Form> {
        let unit = settings.units;
        let at_text = entry
            .at
            .with_timezone(&now.timezone())
            .format("%Y-%m-%d %H:%M")
            .to_string();
        let (kind, what) = match &entry.body {
            Body::Drink(_) => (FormKind::Drink, "drink"),
            Body::Workout(_) => (FormKind::Workout, "workout"),
            Body::Plan(_) => (FormKind::Plan, "plan"),
            Body::Cramp(_) => (FormKind::Cramp, "cramp"),
            Body::Weight(_) => (FormKind::Weight, "weight"),
            Body::Medication(_) => (FormKind::Medication, "medicine"),
        };
        // A fresh form of that kind (never the "stop" form), then filled in.
        let mut form = Form::open(kind, &History::default(), settings, now);
        form.stopping = None;
        form.title = format!("Edit {what} · id {}", entry.id);
        form.fields.retain(|f| f.key != "preset");
        form.set_text("at", &at_text);
        match &entry.body {
            Body::Drink(d) => {
                let shown = unit.format(d.ml as f64).replace(' ', "");
                let amount = if crate::domain::input::parse_volume(&shown, unit) == Ok(d.ml) {
                    shown
                } else {
                    format!("{}ml", d.ml)
                };
                form.set_text("amount", &amount);
                form.set_choice("kind", &d.kind.to_string());
                form.set_text(
                    "sodium",
                    &d.sodium_mg.map(|n| n.to_string()).unwrap_or_default(),
                );
                form.set_text("note", d.note.as_deref().unwrap_or_default());
                if let Some(f) = form.fields.iter_mut().find(|f| f.key == "amount") {
                    f.label = "amount";
                }
            }
            Body::Workout(w) => {
                form.set_text("activity", &w.activity);
                form.set_choice("intensity", &w.intensity.to_string());
                form.set_choice("heat", &w.heat.to_string());
                form.set_choice("new", if w.new { "yes" } else { "no" });
                form.set_text("note", w.note.as_deref().unwrap_or_default());
            }
            Body::Plan(p) => {
                form.set_text("activity", &p.activity);
                form.set_text("minutes", &p.minutes.to_string());
                form.set_choice("intensity", &p.intensity.to_string());
                form.set_choice("heat", &p.heat.to_string());
                form.set_text("note", p.note.as_deref().unwrap_or_default());
            }
            Body::Cramp(c) => {
                form.set_choice("muscle", &c.muscle.to_string());
                form.sync_muscle_name();
                form.set_text("name", c.muscle_name.as_deref().unwrap_or_default());
                form.set_choice("side", &c.side.map_or("-".to_string(), |s| s.to_string()));
                form.set_text(
                    "severity",
                    &c.severity.map(|n| n.to_string()).unwrap_or_default(),
                );
                form.set_text(
                    "duration",
                    &c.duration_s.map(duration_text).unwrap_or_default(),
                );
                form.set_choice(
                    "context",
                    &c.context.map_or("auto".to_string(), |x| x.to_string()),
                );
                let s = c.symptoms;
                let on: Vec<&str> = [
                    (s.swelling, "swelling"),
                    (s.redness, "redness"),
                    (s.weakness, "weakness"),
                    (s.numbness, "numbness"),
                ]
                .into_iter()
                .filter(|(on, _)| *on)
                .map(|(_, w)| w)
                .collect();
                form.set_multi("symptoms", &on);
                let relief: Vec<&str> = c.relief.iter().map(|r| r.word()).collect();
                form.set_multi("relief", &relief);
                form.set_text("note", c.note.as_deref().unwrap_or_default());
            }
            Body::Weight(w) => form.fill_weight(w),
            Body::Medication(m) => medication::fill(&mut form, m),
        }
        form.editing = Some(Box::new(Editing {
            id: entry.id.clone(),
            at: entry.at,
            at_text,
            body: entry.body.clone(),
        }));
        Some(form)
    }

    pub(super) fn set_text(&mut self, key: &str, v: &str) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.key == key) {
            f.value = Value::Text(Input::new(v.to_string()));
        }
    }

    pub(super) fn set_choice(&mut self, key: &str, v: &str) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.key == key)
            && let Value::Choice { options, idx } = &mut f.value
            && let Some(i) = options.iter().position(|o| o == v)
        {
            *idx = i;
        }
    }

    fn set_multi(&mut self, key: &str, words: &[&str]) {
        if let Some(f) = self.fields.iter_mut().find(|f| f.key == key)
            && let Value::Multi { options, on, .. } = &mut f.value
        {
            for (o, b) in options.iter().zip(on.iter_mut()) {
                *b = words.contains(&o.as_str());
            }
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
                self.sync_muscle_name();
            }
            FormAction::Toggle => {
                if let Value::Multi { on, cursor, .. } = &mut self.fields[self.focus].value {
                    on[*cursor] = !on[*cursor];
                } else if let Value::Choice { options, idx } = &mut self.fields[self.focus].value {
                    *idx = step(*idx, 1, options.len());
                }
                self.sync_muscle_name();
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

    pub(super) fn text(&self, key: &str) -> String {
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
    pub(super) fn choice(&self, key: &str) -> Option<String> {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .and_then(|f| match &f.value {
                Value::Choice { options, idx } => Some(options[*idx].clone()),
                _ => None,
            })
            .filter(|s| s != "-" && s != "auto")
    }

    pub(super) fn multi(&self, key: &str) -> Vec<String> {
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
}

/// `90` -> `1m30s`, as the duration field reads it back.
fn duration_text(secs: u32) -> String {
    match (secs / 60, secs % 60) {
        (0, s) => format!("{s}s"),
        (m, 0) => format!("{m}m"),
        (m, s) => format!("{m}m{s}s"),
    }
}

fn step(i: usize, by: isize, n: usize) -> usize {
    if n == 0 {
        return 0;
    }
    (i as isize + by).rem_euclid(n as isize) as usize
}
