//! One file (or folder) per screen: Today, Glance, History, Insights, the
//! Guide, and the help overlay. Each holds its state (its own type, or its
//! fields on `App`), how it changes (an `impl App` block with its scrolling
//! and keys) and how it draws (a widget over `&` its state, or a `draw`
//! taking `&App`). `app.rs` routes actions to them; `view.rs` draws the
//! frame around them.

pub mod glance;
pub mod guide;
pub mod help;
pub mod history;
pub mod insights;
pub mod today;

/// The screens, in tab order. A new screen is a variant here, a field on
/// `App` if it keeps state, a file in this folder, and an arm in
/// `view::draw`. Its tab shows the variant's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::IntoStaticStr, strum::VariantArray)]
pub enum Screen {
    Today,
    Glance,
    History,
    Insights,
    Guide,
}

impl Screen {
    pub const ALL: &[Screen] = <Screen as strum::VariantArray>::VARIANTS;

    /// The name on the screen's tab.
    pub fn title(self) -> &'static str {
        self.into()
    }

    pub(crate) fn index(self) -> usize {
        Screen::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }

    pub(crate) fn step(self, by: isize) -> Screen {
        let n = Screen::ALL.len() as isize;
        Screen::ALL[((self.index() as isize + by).rem_euclid(n)) as usize]
    }
}
