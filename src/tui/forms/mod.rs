//! The logging forms: drink, workout (start or stop), plan, cramp, weight,
//! medicine.
//!
//! A form is a list of fields; keys move between them and edit them. Text is
//! checked as it is typed with the same parsers as the command line, and
//! again, with every field, on Enter (`build.rs`). One file per form kind
//! where a kind has its own fields and checks; `view.rs` draws a form.

mod build;
mod cramp;
mod drink;
mod field;
mod medication;
mod plan;
mod submit;
pub(crate) use submit::STRETCH_OFFER_MINUTES;
pub mod view;
mod weight;
mod workout;

use crate::config::Settings;
use crate::domain::entry::Time;
use crate::domain::entry::{Body, VolumeUnit};
use crate::domain::history::{Entry, History};
use crate::domain::rules::Rules;
use crate::tui::app::Zone;
use build::check;
use field::{choice, multi, text};

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

impl Form {
    /// A form with its defaults filled in.
    pub fn open<Z: Zone>(
        kind: FormKind,
        history: &History,
        settings: &Settings,
        now: &DateTime<Z>,
    ) -> Form {
        let mut stopping = None;
        let (title, fields) = match kind {
            FormKind::Drink => drink::fields(settings),
            FormKind::Workout => {
                let (title, fields, running) = workout::fields(history, now);
                stopping = running;
                (title, fields)
            }
            FormKind::Plan => plan::fields(),
            FormKind::Cramp => cramp::fields(),
            FormKind::Weight => weight::fields(history, now),
            FormKind::Medication => (
                "Log a medicine started or stopped".to_string(),
                medication::fields(),
            ),
        };
        Form {
            kind,
            title,
            fields,
            focus: 0,
            stopping,
            editing: None,
        }
    }

    /// [`Form::open`] for a new entry: the start form comes filled in from
    /// today's plan still to start, if there is one.
    pub fn open_new<Z: Zone>(
        kind: FormKind,
        history: &History,
        settings: &Settings,
        rules: &Rules,
        now: &DateTime<Z>,
    ) -> Form {
        let mut form = Form::open(kind, history, settings, now);
        if kind == FormKind::Workout && form.stopping.is_none() {
            let plan = plan::todays_plan(history, now, settings.day_start_hour, rules);
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
            Body::Drink(d) => form.fill_drink(d, unit),
            Body::Workout(w) => form.fill_workout(w),
            Body::Plan(p) => form.fill_plan(p),
            Body::Cramp(c) => form.fill_cramp(c),
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

    pub(super) fn set_multi(&mut self, key: &str, words: &[&str]) {
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

fn step(i: usize, by: isize, n: usize) -> usize {
    if n == 0 {
        return 0;
    }
    (i as isize + by).rem_euclid(n as isize) as usize
}
