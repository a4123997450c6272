//! The words of an entry: kinds of drink, intensity, heat, muscle, side,
//! context, relief, weighing, medicine, and the entry kinds themselves.

use serde::{Deserialize, Serialize};

/// The derives every word enum shares: one word per variant (kebab-case of
/// the variant's name, e.g. `pickle-juice`), the same on the command line
/// (clap), in the journal (serde) and on screen (strum).
macro_rules! word_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident),+ $(,)? }) => {
        $(#[$m])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
            clap::ValueEnum, strum::Display, strum::IntoStaticStr, strum::EnumString,
            strum::VariantArray,
        )]
        #[serde(rename_all = "kebab-case")]
        #[strum(serialize_all = "kebab-case")]
        pub enum $name {
            $($(#[$vm])* $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = <$name as strum::VariantArray>::VARIANTS;

            /// The word used on the command line, in files and on screen.
            pub fn word(self) -> &'static str {
                self.into()
            }

            /// Parses the word (case-insensitive, trimmed).
            pub fn from_word(s: &str) -> Option<Self> {
                s.trim().to_ascii_lowercase().parse().ok()
            }

            /// The word exactly as the journal writes it (no trimming or case folding).
            pub fn from_exact(s: &str) -> Option<Self> {
                s.parse().ok()
            }

            /// The accepted words, comma-separated, for error messages.
            pub fn choices() -> String {
                Self::ALL.iter().map(|v| v.word()).collect::<Vec<_>>().join(", ")
            }
        }
    };
}

word_enum!(
    /// What was drunk.
    #[derive(Default)]
    DrinkKind { #[default] Water, Sports, Electrolyte, Other }
);
word_enum!(
    /// How hard a session is.
    #[derive(Default)]
    Intensity { Easy, #[default] Moderate, Hard, Max }
);
word_enum!(
    /// How warm the conditions are.
    #[derive(Default)]
    Heat { Cool, #[default] Mild, Hot }
);
word_enum!(
    /// Which muscle cramped.
    Muscle { Calf, Hamstring, Quadriceps, Foot, Hand, Other }
);
word_enum!(
    /// Which side of the body.
    Side { Left, Right, Both }
);
word_enum!(
    /// When a cramp came, relative to exercise and sleep.
    CrampContext { During, After, Rest, Night }
);
word_enum!(
    /// What helped a cramp ease.
    Relief { Stretch, Massage, Heat, Cold, Topical, Rest, PickleJuice }
);
word_enum!(
    /// Whether a weight was taken before or after a session.
    WeighWhen { Before, After }
);
word_enum!(
    /// The kind of medicine, for the flags and a clinician's timeline.
    MedClass { Diuretic, Statin, Other }
);
word_enum!(
    /// Whether a medicine was started or stopped at the entry's time.
    MedAction { Start, Stop }
);

impl Intensity {
    /// True for hard and max sessions.
    pub fn is_hard(self) -> bool {
        matches!(self, Intensity::Hard | Intensity::Max)
    }
}

impl Muscle {
    /// True for the muscles of the leg and foot.
    pub fn is_leg(self) -> bool {
        matches!(
            self,
            Muscle::Calf | Muscle::Hamstring | Muscle::Quadriceps | Muscle::Foot
        )
    }
}

word_enum!(
    /// The kinds of entry, for filters.
    EntryKind { Drink, Workout, Plan, Cramp, Weight, Medication }
);
