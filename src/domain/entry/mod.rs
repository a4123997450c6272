//! What a user logs: drinks, workouts, plans, cramps and body weight.
//!
//! Volumes are stored in millilitres and shown in the display unit of the
//! settings. Everything here is plain data with no I/O.

use crate::domain::timefmt::clock_in;
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

mod kinds;
mod units;

pub use kinds::*;
pub use units::*;

/// A time with the UTC offset of that moment, as stored in the journal.
pub type Time = DateTime<FixedOffset>;

fn is_false(b: &bool) -> bool {
    !*b
}

/// A weight is a positive number of kilograms, or the line is not an entry.
fn positive_kg<'de, D: serde::Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    let kg = f64::deserialize(d)?;
    if !kg.is_finite() || kg <= 0.0 {
        return Err(serde::de::Error::custom(format!("a weight of {kg} kg")));
    }
    Ok(kg)
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Drink {
    pub ml: u32,
    #[serde(default)]
    pub kind: DrinkKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sodium_mg: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A session: running (no end yet) or finished. Its start is the entry's `at`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Workout {
    pub activity: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::domain::timefmt::de_opt"
    )]
    pub end: Option<Time>,
    #[serde(default)]
    pub intensity: Intensity,
    #[serde(default)]
    pub heat: Heat,
    /// New or unaccustomed.
    #[serde(default, skip_serializing_if = "is_false")]
    pub new: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A workout planned for later. Its planned start is the entry's `at`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub activity: String,
    pub minutes: u32,
    #[serde(default)]
    pub intensity: Intensity,
    #[serde(default)]
    pub heat: Heat,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Symptoms noticed alongside a cramp.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Symptoms {
    #[serde(default, skip_serializing_if = "is_false")]
    pub swelling: bool,
    /// Redness or other skin changes.
    #[serde(default, skip_serializing_if = "is_false")]
    pub redness: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub weakness: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub numbness: bool,
}

impl Symptoms {
    pub fn any(&self) -> bool {
        self.swelling || self.redness || self.weakness || self.numbness
    }

    /// The names of the symptoms present.
    pub fn names(&self) -> Vec<&'static str> {
        let mut v = Vec::new();
        if self.swelling {
            v.push("swelling");
        }
        if self.redness {
            v.push("redness");
        }
        if self.weakness {
            v.push("weakness");
        }
        if self.numbness {
            v.push("numbness");
        }
        v
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cramp {
    pub muscle: Muscle,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side: Option<Side>,
    /// 1 (barely) to 10 (worst imaginable).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_s: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<CrampContext>,
    #[serde(default)]
    pub symptoms: Symptoms,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relief: Vec<Relief>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The muscle's name when `muscle` is `other` (e.g. `forearm`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub muscle_name: Option<String>,
}

impl Cramp {
    /// The muscle as shown: `calf`, or `other (forearm)` with its name.
    pub fn muscle_words(&self) -> String {
        match &self.muscle_name {
            Some(name) => format!("{} ({name})", self.muscle),
            None => self.muscle.to_string(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Weight {
    #[serde(deserialize_with = "positive_kg")]
    pub kg: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<WeighWhen>,
    /// Urine passed since the previous weighing, for a sweat test (absent: none noted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urine_ml: Option<u32>,
}

/// A medicine started or stopped at the entry's `at`. A stop names the
/// medicine it ends; its class and dose, when left out, are the start's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Medication {
    pub action: MedAction,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<MedClass>,
    /// As the user wrote it, e.g. `20 mg each morning`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dose: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The content of an entry, tagged by `type` in the journal. These derives
/// (with the entry types' own) are the definition of an entry's JSON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Body {
    Drink(Drink),
    Workout(Workout),
    Plan(Plan),
    Cramp(Cramp),
    Weight(Weight),
    Medication(Medication),
}

impl Body {
    pub fn kind(&self) -> EntryKind {
        match self {
            Body::Drink(_) => EntryKind::Drink,
            Body::Workout(_) => EntryKind::Workout,
            Body::Plan(_) => EntryKind::Plan,
            Body::Cramp(_) => EntryKind::Cramp,
            Body::Weight(_) => EntryKind::Weight,
            Body::Medication(_) => EntryKind::Medication,
        }
    }

    /// A short human description, e.g. `drink 10 oz water`, with weights
    /// in the unit that goes with `unit` and a workout's end told in `tz`
    /// (the zone its start is shown in), whatever offset it was stored with.
    pub fn describe<Tz: chrono::TimeZone>(&self, unit: VolumeUnit, tz: &Tz) -> String {
        self.describe_in(unit, crate::domain::mass::MassUnit::of_volume(unit), tz)
    }

    /// [`Body::describe`] with weights in `mass` (the user's weight unit).
    pub fn describe_in<Tz: chrono::TimeZone>(
        &self,
        unit: VolumeUnit,
        mass: crate::domain::mass::MassUnit,
        tz: &Tz,
    ) -> String {
        match self {
            Body::Drink(d) => {
                let mut s = format!("drink {} {}", unit.format(d.ml as f64), d.kind);
                if let Some(na) = d.sodium_mg {
                    s.push_str(&format!(" ({na} mg sodium)"));
                }
                s
            }
            Body::Workout(w) => {
                let mut s = format!("workout {} {} {}", w.activity, w.intensity, w.heat);
                if w.new {
                    s.push_str(" new");
                }
                match w.end {
                    None => s.push_str(" (running)"),
                    Some(end) => s.push_str(&format!(" until {}", clock_in(&end, tz))),
                }
                s
            }
            Body::Plan(p) => format!(
                "plan {} {} min {} {}",
                p.activity, p.minutes, p.intensity, p.heat
            ),
            Body::Cramp(c) => {
                let mut s = format!("cramp {}", c.muscle_words());
                if let Some(side) = c.side {
                    s.push_str(&format!(" {side}"));
                }
                if let Some(sev) = c.severity {
                    s.push_str(&format!(" severity {sev}"));
                }
                if let Some(d) = c.duration_s {
                    s.push_str(&format!(" {}", format_duration(d)));
                }
                if let Some(ctx) = c.context {
                    s.push_str(&format!(" {ctx}"));
                }
                for name in c.symptoms.names() {
                    s.push_str(&format!(" +{name}"));
                }
                if !c.relief.is_empty() {
                    let r: Vec<_> = c.relief.iter().map(|r| r.word()).collect();
                    s.push_str(&format!(" eased by {}", r.join(",")));
                }
                s
            }
            Body::Weight(w) => {
                let mut s = format!("weight {}", mass.format(w.kg));
                if let Some(when) = w.when {
                    s.push_str(&format!(" {when}"));
                }
                if let Some(ml) = w.urine_ml {
                    s.push_str(&format!(" urine {}", unit.format(ml as f64)));
                }
                s
            }
            Body::Medication(m) => {
                let mut s = format!("medication {} {}", m.action, m.name);
                if let Some(class) = m.class {
                    s.push_str(&format!(" ({class})"));
                }
                if let Some(dose) = &m.dose {
                    s.push_str(&format!(" {dose}"));
                }
                s
            }
        }
    }

    pub fn note(&self) -> Option<&str> {
        match self {
            Body::Drink(d) => d.note.as_deref(),
            Body::Workout(w) => w.note.as_deref(),
            Body::Plan(p) => p.note.as_deref(),
            Body::Cramp(c) => c.note.as_deref(),
            Body::Weight(_) => None,
            Body::Medication(m) => m.note.as_deref(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt;

    #[test]
    fn volumes_display_in_the_chosen_unit() {
        assert_eq!(VolumeUnit::Oz.format(296.0), "10 oz");
        assert_eq!(VolumeUnit::Oz.format(250.0), "8.5 oz");
        assert_eq!(VolumeUnit::Ml.format(295.7), "296 ml");
    }

    #[test]
    fn durations_format_compactly() {
        assert_eq!(format_duration(90), "1m30s");
        assert_eq!(format_duration(120), "2m");
        assert_eq!(format_duration(0), "0s");
        assert_eq!(format_duration(3660), "1h1m");
    }

    /// Every word enum's words, each the same through serde, strum and clap.
    fn check_words<T>(words: &[&str])
    where
        T: Copy + PartialEq + fmt::Debug + fmt::Display + Serialize + clap::ValueEnum,
        T: for<'de> Deserialize<'de> + strum::VariantArray + Into<&'static str>,
        T: std::str::FromStr,
    {
        let all: Vec<T> = T::VARIANTS.to_vec();
        assert_eq!(all.len(), words.len());
        for (v, word) in all.into_iter().zip(words) {
            let quoted = format!("\"{word}\"");
            assert_eq!(serde_json::to_string(&v).unwrap(), quoted);
            assert_eq!(serde_json::from_str::<T>(&quoted).unwrap(), v);
            assert_eq!(v.to_string(), *word);
            assert_eq!(Into::<&'static str>::into(v), *word);
            assert!(word.parse::<T>().ok() == Some(v));
            assert_eq!(v.to_possible_value().unwrap().get_name(), *word);
            assert_eq!(<T as clap::ValueEnum>::from_str(word, false).unwrap(), v);
            assert_eq!(
                <T as clap::ValueEnum>::from_str(&word.to_uppercase(), true).unwrap(),
                v
            );
        }
    }

    #[test]
    fn every_word_is_the_same_in_the_journal_on_screen_and_on_the_command_line() {
        check_words::<DrinkKind>(&["water", "sports", "electrolyte", "other"]);
        check_words::<Intensity>(&["easy", "moderate", "hard", "max"]);
        check_words::<Heat>(&["cool", "mild", "hot"]);
        check_words::<Muscle>(&["calf", "hamstring", "quadriceps", "foot", "hand", "other"]);
        check_words::<Side>(&["left", "right", "both"]);
        check_words::<CrampContext>(&["during", "after", "rest", "night"]);
        let relief = [
            "stretch",
            "massage",
            "heat",
            "cold",
            "topical",
            "rest",
            "pickle-juice",
        ];
        check_words::<Relief>(&relief);
        check_words::<WeighWhen>(&["before", "after"]);
        check_words::<MedClass>(&["diuretic", "statin", "other"]);
        check_words::<MedAction>(&["start", "stop"]);
        let kinds = ["drink", "workout", "plan", "cramp", "weight", "medication"];
        check_words::<EntryKind>(&kinds);
    }

    #[test]
    fn words_are_read_loosely_from_people_and_exactly_from_the_journal() {
        assert_eq!(
            Relief::from_word(" Pickle-Juice "),
            Some(Relief::PickleJuice)
        );
        assert_eq!(
            Relief::from_exact("pickle-juice"),
            Some(Relief::PickleJuice)
        );
        assert_eq!(Relief::from_exact("Pickle-juice"), None);
        assert_eq!(Relief::from_exact(" stretch"), None);
        assert_eq!(Muscle::from_word("pickle"), None);
        assert_eq!(Side::ALL, &[Side::Left, Side::Right, Side::Both]);
        assert_eq!(Heat::choices(), "cool, mild, hot");
        assert_eq!(format!("{}", Relief::PickleJuice), "pickle-juice");
        assert_eq!(
            (DrinkKind::default(), Intensity::default(), Heat::default()),
            (DrinkKind::Water, Intensity::Moderate, Heat::Mild)
        );
    }

    #[test]
    fn bodies_round_trip_through_json_with_their_type_tag() {
        let b = Body::Cramp(Cramp {
            muscle: Muscle::Calf,
            side: Some(Side::Left),
            severity: Some(7),
            duration_s: Some(120),
            context: Some(CrampContext::Night),
            symptoms: Symptoms {
                swelling: true,
                ..Default::default()
            },
            relief: vec![Relief::Stretch, Relief::PickleJuice],
            note: None,
            muscle_name: None,
        });
        let json = serde_json::to_string(&b).unwrap();
        assert!(json.contains(r#""type":"cramp""#), "{json}");
        assert!(json.contains(r#""pickle-juice""#), "{json}");
        let back: Body = serde_json::from_str(&json).unwrap();
        assert_eq!(back, b);
    }
}
