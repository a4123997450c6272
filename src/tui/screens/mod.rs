//! One file (or folder) per screen, each holding what the screen shows and
//! how it draws it: Today, Glance, History, Insights, the Guide, and the
//! help overlay. `app.rs` routes actions to them; `view.rs` draws the frame
//! around them.

pub mod glance;
pub mod guide;
pub mod help;
pub mod history;
pub mod insights;
pub mod today;
