pub mod guide;
pub mod history;
pub mod insights;
