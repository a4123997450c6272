//! Entries in words for the command line: weights in the user's unit, and a
//! cramp said so that it reads ("lasted 2m, after a workout", not "2m after").

use super::entry::{Body, Cramp, CrampContext, VolumeUnit, format_duration};
use super::mass::MassUnit;

/// `1 cramp`, `3 cramps`: `n` with the word for one or for many.
/// Any whole number will do (counts are `usize`, days `i64`, ...).
pub fn counted(n: impl std::fmt::Display, one: &str, many: &str) -> String {
    let n = n.to_string();
    let word = if n == "1" { one } else { many };
    format!("{n} {word}")
}

/// An entry in one line, as [`Body::describe`], with the wording above
/// (a workout's end told in `tz`).
pub fn entry<Tz: chrono::TimeZone>(
    body: &Body,
    unit: VolumeUnit,
    mass: MassUnit,
    tz: &Tz,
) -> String {
    match body {
        Body::Weight(w) => {
            let mut s = match w.when {
                Some(when) => format!("weight {} {when}", mass.format(w.kg)),
                None => format!("weight {}", mass.format(w.kg)),
            };
            if let Some(ml) = w.urine_ml {
                s.push_str(&format!(" urine {}", unit.format(ml as f64)));
            }
            s
        }
        Body::Cramp(c) => cramp(c),
        other => other.describe_in(unit, mass, tz),
    }
}

fn cramp(c: &Cramp) -> String {
    let mut head = format!("cramp {}", c.muscle_words());
    if let Some(side) = c.side {
        head.push_str(&format!(" {side}"));
    }
    let mut parts = vec![head];
    if let Some(sev) = c.severity {
        parts.push(format!("severity {sev}/10"));
    }
    if let Some(d) = c.duration_s {
        parts.push(format!("lasted {}", format_duration(d)));
    }
    if let Some(ctx) = c.context {
        parts.push(
            match ctx {
                CrampContext::During => "during a workout",
                CrampContext::After => "after a workout",
                CrampContext::Rest => "at rest",
                CrampContext::Night => "woke me at night",
            }
            .into(),
        );
    }
    let symptoms = c.symptoms.names();
    if !symptoms.is_empty() {
        parts.push(format!("with {}", symptoms.join(", ")));
    }
    if !c.relief.is_empty() {
        let r: Vec<_> = c.relief.iter().map(|r| r.word()).collect();
        parts.push(format!("eased by {}", r.join(", ")));
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::entry::{Muscle, Relief, Side, Symptoms};

    #[test]
    fn one_takes_the_word_for_one_and_every_other_count_the_plural() {
        assert_eq!(counted(1usize, "entry", "entries"), "1 entry");
        assert_eq!(counted(0usize, "entry", "entries"), "0 entries");
        assert_eq!(counted(11i64, "night", "nights"), "11 nights");
    }

    #[test]
    fn a_cramp_reads_as_a_sentence() {
        let c = Cramp {
            muscle: Muscle::Calf,
            muscle_name: None,
            side: Some(Side::Left),
            severity: Some(7),
            duration_s: Some(120),
            context: Some(CrampContext::After),
            symptoms: Symptoms::default(),
            relief: vec![Relief::Stretch],
            note: None,
        };
        assert_eq!(
            entry(&Body::Cramp(c), VolumeUnit::Oz, MassUnit::Lb, &chrono::Utc),
            "cramp calf left, severity 7/10, lasted 2m, after a workout, eased by stretch"
        );
        let other = Cramp {
            muscle: Muscle::Other,
            muscle_name: Some("forearm".into()),
            side: None,
            severity: None,
            duration_s: None,
            context: Some(CrampContext::Rest),
            symptoms: Symptoms::default(),
            relief: vec![],
            note: None,
        };
        assert_eq!(
            entry(
                &Body::Cramp(other),
                VolumeUnit::Oz,
                MassUnit::Lb,
                &chrono::Utc
            ),
            "cramp other (forearm), at rest"
        );
    }

    /// A workout stored in UTC (as a watch file gives it) ends in the zone
    /// it is told in: 15:32 UTC is 11:32 in New York in August.
    #[test]
    fn a_workouts_end_is_told_in_the_zone_given() {
        let run = Body::Workout(crate::domain::entry::Workout {
            activity: "run".into(),
            end: Some(chrono::DateTime::parse_from_rfc3339("2015-08-15T15:32:20Z").unwrap()),
            intensity: Default::default(),
            heat: Default::default(),
            new: false,
            note: None,
        });
        let said = entry(
            &run,
            VolumeUnit::Oz,
            MassUnit::Lb,
            &chrono_tz::America::New_York,
        );
        assert!(said.ends_with("until 11:32"), "{said}");
    }
}
