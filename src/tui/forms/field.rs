//! The fields a form is made of: a text input, a choice, ticks.

use super::{Field, Value};
use tui_input::Input;

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

pub(super) fn multi(key: &'static str, label: &'static str, options: &[&str]) -> Field {
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
