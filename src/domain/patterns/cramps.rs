//! Flags about the cramps themselves: symptoms, severity, length, sleep,
//! what eased them, and whether exercise explains them.

use super::*;

impl<'a, Tz: TimeZone> Finder<'a, Tz>
where
    Tz::Offset: Copy,
{
    pub(super) fn red_flags(&self) -> Option<Flag> {
        let seen = self.matching(|s| s.cramp.symptoms.any());
        if seen.is_empty() {
            return None;
        }
        Some(Flag {
            id: "red-flag-symptoms".into(),
            level: Level::Professional,
            title: "Cramps with swelling, redness, weakness or numbness".into(),
            why: format!(
                "{} logged with swelling, redness or skin changes, weakness or numbness. \
                 These alongside a cramp are a reason to have it checked rather than \
                 treat it at home.",
                counted(seen.len(), "cramp was", "cramps were")
            ),
            source: self.source(&self.rules.flags.red_flags.source),
            professional: Some(format!("{GP}; soon if a leg is swollen, red or warm")),
            evidence: self.evidence(&seen, |_| String::new()),
        })
    }

    pub(super) fn severe(&self) -> Option<Flag> {
        let min = self.rules.flags.severe.min_severity;
        let seen = self.matching(|s| s.cramp.severity.is_some_and(|v| v >= min));
        if seen.is_empty() {
            return None;
        }
        Some(Flag {
            id: "severe".into(),
            level: Level::Professional,
            title: "Severe cramps".into(),
            why: format!(
                "{} rated {min} or more out of 10. Cramps that cause severe discomfort \
                 are worth describing to a professional.",
                counted(seen.len(), "cramp was", "cramps were")
            ),
            source: self.source(&self.rules.flags.severe.source),
            professional: Some(GP.into()),
            evidence: self.evidence(&seen, |_| String::new()),
        })
    }

    pub(super) fn long(&self) -> Option<Flag> {
        let min = self.rules.flags.long.min_secs;
        let seen = self.matching(|s| s.cramp.duration_s.is_some_and(|d| d >= min));
        if seen.is_empty() {
            return None;
        }
        Some(Flag {
            id: "long".into(),
            level: Level::Professional,
            title: "Long-lasting cramps".into(),
            why: format!(
                "{} lasted {} or longer. Most cramps pass within seconds to a few \
                 minutes; long ones that do not ease with stretching are worth having checked.",
                counted(seen.len(), "cramp", "cramps"),
                crate::domain::entry::format_duration(min)
            ),
            source: self.source(&self.rules.flags.long.source),
            professional: Some(GP.into()),
            evidence: self.evidence(&seen, |_| String::new()),
        })
    }

    pub(super) fn disrupting_sleep(&self) -> Option<Flag> {
        let r = &self.rules.flags.sleep;
        let night = self.matching(|s| s.cramp.context == Some(CrampContext::Night));
        let recent = self.in_last(&night, r.days);
        let tz = self.now.timezone();
        let nights: BTreeSet<_> = recent
            .iter()
            .map(|s| day_of(&s.entry.at, &tz, self.prefs.day_start_hour))
            .collect();
        if nights.len() < r.nights as usize {
            return None;
        }
        Some(Flag {
            id: "disrupting-sleep".into(),
            level: Level::Professional,
            title: "Cramps are disrupting your sleep".into(),
            why: format!(
                "Cramps woke you on {} in the last {} days (the flag is raised at {}). \
                 Night cramps that keep breaking sleep are worth discussing; a \
                 professional can look at causes and what helps.",
                counted(nights.len(), "night", "nights"),
                r.days,
                r.nights
            ),
            source: self.source(&r.source),
            professional: Some(GP.into()),
            evidence: self.evidence(&recent, |s| {
                format!(
                    "night of {}",
                    day_of(&s.entry.at, &tz, self.prefs.day_start_hour).format("%a %-d %b")
                )
            }),
        })
    }

    pub(super) fn eased_by_rest(&self) -> Option<Flag> {
        let r = &self.rules.flags.eased_by_rest;
        let seen = self.matching(|s| {
            s.cramp.muscle.is_leg()
                && (s.cramp.context == Some(CrampContext::During)
                    || s.snap.during_workout.is_some())
                && s.cramp.relief.contains(&Relief::Rest)
        });
        let recent = self.in_last(&seen, r.days);
        if recent.len() < r.count as usize {
            return None;
        }
        Some(Flag {
            id: "eased-by-rest".into(),
            level: Level::Professional,
            title: "Leg cramps during exercise that ease with rest".into(),
            why: format!(
                "{} in the last {} days came during a workout and eased with rest \
                 (the flag is raised at {}). Leg cramping with activity that eases \
                 with rest is a pattern sometimes linked to circulation, and is \
                 worth having checked.",
                counted(recent.len(), "leg cramp", "leg cramps"),
                r.days,
                r.count
            ),
            source: self.source(&r.source),
            professional: Some(format!("{GP}, who can check the circulation in your legs")),
            evidence: self.evidence(&recent, |_| String::new()),
        })
    }

    pub(super) fn not_tied(&self) -> Option<Flag> {
        let r = &self.rules.flags.not_tied;
        let seen = self.matching(|s| {
            matches!(
                s.cramp.context,
                Some(CrampContext::Rest | CrampContext::Night)
            ) && s.snap.during_workout.is_none()
                && s.snap
                    .last_workout
                    .as_ref()
                    .is_none_or(|w| w.hours_since > r.hours_after_workout)
        });
        if seen.is_empty() {
            return None;
        }
        let recent = self.in_last(&seen, r.days);
        let hours = r.hours_after_workout;
        let detail = |s: &Seen| match &s.snap.last_workout {
            Some(w) if w.hours_since >= 48.0 => {
                format!(
                    "last session ended {:.0} days before",
                    (w.hours_since / 24.0).floor()
                )
            }
            Some(w) => format!("last session ended {:.0} h before", w.hours_since.floor()),
            None => "no session logged before it".to_string(),
        };
        if recent.len() >= r.professional_count as usize {
            Some(Flag {
                id: "not-tied-to-exercise".into(),
                level: Level::Professional,
                title: "Frequent cramps not tied to exercise".into(),
                why: format!(
                    "{} in the last {} days came at rest or at night with no session \
                     running or ending in the {hours} h before (the flag asks for a \
                     professional at {}). Cramps without an obvious trigger like hard \
                     exercise are worth having looked at.",
                    counted(recent.len(), "cramp", "cramps"),
                    r.days,
                    r.professional_count
                ),
                source: self.source(&r.source),
                professional: Some(GP.into()),
                evidence: self.evidence(&recent, detail),
            })
        } else {
            Some(Flag {
                id: "not-tied-to-exercise".into(),
                level: Level::Watch,
                title: "Cramps not tied to exercise".into(),
                why: format!(
                    "{} came at rest or at night with no session running or ending in \
                     the {hours} h before. Worth keeping an eye on: at {} in {} days \
                     this becomes a reason to see a professional.",
                    counted(seen.len(), "cramp", "cramps"),
                    r.professional_count,
                    r.days
                ),
                source: self.source(&r.source),
                professional: None,
                evidence: self.evidence(&seen, detail),
            })
        }
    }
}
