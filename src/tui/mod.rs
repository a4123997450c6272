pub mod guide;
pub mod insights;
