//! The domain core: plain values and functions of them. No terminal, no
//! files, no clock reads: "now" is always passed in.

pub mod context;
pub mod day;
pub mod entry;
pub mod history;
pub mod hydration;
pub mod import_rules;
pub mod input;
pub mod patterns;
pub mod prefs;
pub mod rules;
pub mod timefmt;
pub mod week;
