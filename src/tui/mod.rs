//! The terminal interface.

pub mod history;
