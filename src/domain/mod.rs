//! The domain core: plain values and functions of them. No terminal, no
//! files, no clock reads: "now" is always passed in.

pub mod alarm;
pub mod change;
pub mod check;
pub mod context;
pub mod day;
pub mod entry;
pub mod history;
pub mod hydration;
pub mod import_rules;
pub mod input;
pub mod mass;
pub mod med_flag;
pub mod medication;
pub mod patterns;
pub mod phrases;
pub mod prefs;
pub mod rules;
pub mod say;
pub mod suggest;
pub mod sweat;
pub mod timefmt;
pub mod week;
pub mod weights;

#[cfg(test)]
mod format_tests;
