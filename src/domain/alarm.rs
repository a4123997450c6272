//! Red flags at the moment of logging: a cramp that lasted 10 minutes or
//! more, or came with swelling, redness, numbness or weakness, gets the
//! guidelines' advice to seek care right away (never a diagnosis). A plain
//! short cramp gets nothing.

use super::entry::Cramp;
use super::rules::Rules;

/// The advice lines for a cramp just logged, most urgent first; empty for a
/// plain short cramp. Each names its source.
pub fn on_logging(cramp: &Cramp, rules: &Rules) -> Vec<String> {
    let a = &rules.alarm;
    let source = rules.source(&a.source);
    let source = source.split(':').next().unwrap_or(source);
    let mut out = Vec::new();
    if cramp.duration_s.is_some_and(|d| d >= a.urgent_min_secs) {
        out.push(format!("{} [{source}]", a.urgent));
    }
    let s = &cramp.symptoms;
    if s.swelling || s.redness || s.numbness || s.weakness {
        out.push(format!("{} [{source}]", a.symptoms));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::entry::{Muscle, Symptoms};

    fn cramp(duration_s: Option<u32>, symptoms: Symptoms) -> Cramp {
        Cramp {
            muscle: Muscle::Calf,
            muscle_name: None,
            side: None,
            severity: Some(5),
            duration_s,
            context: None,
            symptoms,
            relief: vec![],
            note: None,
        }
    }

    #[test]
    fn a_plain_short_cramp_raises_no_alarm() {
        let r = Rules::embedded().unwrap();
        assert!(on_logging(&cramp(Some(599), Symptoms::default()), &r).is_empty());
        assert!(on_logging(&cramp(None, Symptoms::default()), &r).is_empty());
    }

    #[test]
    fn ten_minutes_is_urgent_and_each_symptom_alone_advises_a_doctor() {
        let r = Rules::embedded().unwrap();
        let long = on_logging(&cramp(Some(600), Symptoms::default()), &r);
        assert_eq!(long.len(), 1);
        assert!(long[0].contains("urgent"), "{long:?}");
        assert!(long[0].contains("[NHS (UK), Leg cramps]"), "{long:?}");
        for s in [
            Symptoms {
                swelling: true,
                ..Default::default()
            },
            Symptoms {
                redness: true,
                ..Default::default()
            },
            Symptoms {
                numbness: true,
                ..Default::default()
            },
            Symptoms {
                weakness: true,
                ..Default::default()
            },
        ] {
            let got = on_logging(&cramp(Some(30), s), &r);
            assert_eq!(got.len(), 1, "{got:?}");
            assert!(got[0].contains("see a doctor"), "{got:?}");
        }
        let both = on_logging(
            &cramp(
                Some(720),
                Symptoms {
                    swelling: true,
                    ..Default::default()
                },
            ),
            &r,
        );
        assert_eq!(both.len(), 2);
        assert!(both[0].contains("10 minutes"), "urgent first: {both:?}");
    }
}
