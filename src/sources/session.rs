//! A session as any format describes it, and how it becomes a workout.

use super::{Found, Source, sport};
use crate::domain::entry::{Body, Heat, Intensity, Time, Workout, format_duration};
use crate::domain::import_rules::ImportRules;
use chrono::{DateTime, Duration, Utc};

/// What a file says about one session.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Session {
    pub start: DateTime<Utc>,
    /// Seconds from start to end.
    pub elapsed_s: f64,
    /// Seconds in motion (or on the timer), when the file says.
    pub moving_s: Option<f64>,
    /// The sport as the file names it.
    pub sport: String,
    pub sub_sport: Option<String>,
    pub avg_hr: Option<f64>,
    pub max_hr: Option<f64>,
    pub avg_temp_c: Option<f64>,
    /// A title or description the file gives it.
    pub title: Option<String>,
}

impl Session {
    /// The workout: sport mapped to an activity, temperature to heat,
    /// average heart rate to an intensity; the source's own words in the note.
    pub fn into_found(self, from: &'static str, id: Option<String>, rules: &ImportRules) -> Found {
        let at: Time = self.start.fixed_offset();
        let elapsed = self.elapsed_s.clamp(0.0, 1e9).round() as i64; // NaN gives 0
        let end = at + Duration::seconds(elapsed);
        let heat = rules.heat(self.avg_temp_c);
        let intensity = rules.intensity(self.avg_hr);
        let workout = Workout {
            activity: sport::activity(&self.sport).to_string(),
            end: Some(end),
            intensity: intensity.unwrap_or(Intensity::Moderate),
            heat: heat.unwrap_or(Heat::Mild),
            new: false,
            note: Some(self.note(from, heat.is_some(), intensity.is_some())),
        };
        let key = format!("workout {}", self.start.format("%Y-%m-%dT%H:%M:%SZ"));
        Found {
            at,
            body: Body::Workout(workout),
            source: Source { from, id, key },
        }
    }

    fn note(&self, from: &str, has_heat: bool, has_intensity: bool) -> String {
        let mut sport = self.sport.trim().to_string();
        if let Some(sub) = self
            .sub_sport
            .as_deref()
            .filter(|s| !s.is_empty() && *s != "generic")
        {
            sport = format!("{sport}/{sub}");
        }
        let mut parts = vec![format!(
            "from {from}: {}",
            if sport.is_empty() {
                "no sport given"
            } else {
                &sport
            }
        )];
        if let Some(t) = self
            .title
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            parts.push(super::clean_text(t, 200));
        }
        if let Some(m) = self
            .moving_s
            .filter(|m| m.is_finite() && *m >= 1.0 && *m < 1e7)
        {
            parts.push(format!("moving {}", format_duration(m.round() as u32)));
        }
        match (self.avg_hr, self.max_hr) {
            (Some(a), Some(m)) => parts.push(format!("HR avg {a:.0}, max {m:.0}")),
            (Some(a), None) => parts.push(format!("HR avg {a:.0}")),
            (None, Some(m)) => parts.push(format!("HR max {m:.0}")),
            (None, None) => {}
        }
        match self.avg_temp_c.filter(|_| has_heat) {
            Some(c) => parts.push(format!("{c:.1} C")),
            None => parts.push("no temperature recorded (heat set to mild)".into()),
        }
        if has_intensity {
            parts.push("intensity estimated from heart rate".into());
        }
        parts.join("; ")
    }
}
