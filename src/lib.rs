//! crampwatch: log workouts, drinks and muscle cramps; hydration countdowns
//! from published guidelines; pattern flags that say when to see a professional.
//!
//! The binary (`src/main.rs`) only parses arguments and dispatches here.

#![forbid(unsafe_code)]

pub mod cli;
pub mod config;
pub mod context;
pub mod demo;
pub mod domain;
pub mod export;
pub mod report;
pub mod sources;
pub mod store;
pub mod term_safe;
pub mod tui;
