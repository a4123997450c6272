//! Flags about what came before the cramps: plans kept, fluids,
//! electrolytes, new or harder sessions, the cramp window and medicines.

use super::*;

impl<'a, Tz: TimeZone> Finder<'a, Tz>
where
    Tz::Offset: Copy,
{
    /// Whether the hydration plan of a session was kept, up to `until`: at
    /// least `[preload] target_ml` in the `hours_before + window_hours`
    /// before the start, and no gap over `[during] due_after_min` between the
    /// start, each drink during the session, and `until`.
    pub(super) fn plan_kept(&self, session: &Entry, until: &Time) -> bool {
        let p = &self.rules.preload;
        let before = Duration::minutes(((p.hours_before + p.window_hours) * 60.0).round() as i64);
        if fluids_between(self.history, &(session.at - before), &session.at) < p.target_ml {
            return false;
        }
        let due = Duration::minutes(self.rules.during.due_after_min as i64);
        let mut last = session.at;
        for (e, _) in drinks_between(self.history, &session.at, until) {
            if e.at - last > due {
                return false;
            }
            last = e.at;
        }
        *until - last <= due
    }

    pub(super) fn despite_prevention(&self) -> Option<Flag> {
        let r = &self.rules.flags.despite_prevention;
        let seen = self.matching(|s| {
            self.tied_session(s)
                .is_some_and(|(e, _, until)| self.plan_kept(e, &until))
        });
        let recent = self.in_last(&seen, r.days);
        if recent.len() < r.count as usize {
            return None;
        }
        let p = &self.rules.preload;
        let u = self.prefs.unit;
        Some(Flag {
            id: "despite-prevention".into(),
            level: Level::Professional,
            title: "Frequent cramps although the hydration plan was kept".into(),
            why: format!(
                "{} in the last {} days came with sessions whose hydration plan was kept \
                 ({} or more in the {} h before the start, and a drink at least every {} \
                 min during it); the flag is raised at {}. When cramps keep coming \
                 despite prevention, other causes are worth looking at with a professional.",
                counted(recent.len(), "cramp", "cramps"),
                r.days,
                u.format(p.target_ml as f64),
                p.hours_before + p.window_hours,
                self.rules.during.due_after_min,
                r.count
            ),
            source: self.source(&r.source),
            professional: Some(format!("{GP} or a sports-medicine physician")),
            evidence: self.evidence(&recent, |s| match self.tied_session(s) {
                Some((_, w, _)) => format!("with {}: plan kept", w.activity),
                None => String::new(),
            }),
        })
    }

    pub(super) fn low_intake(&self) -> Option<Flag> {
        let r = &self.rules.flags.low_intake;
        let floor = (self.prefs.goal_ml as f64 * r.share_of_goal).round() as u32;
        // Someone who does not log drinks would see this before every cramp:
        // it only looks at cramps after the first drink in the journal.
        let first_drink = self
            .history
            .entries
            .iter()
            .find(|e| matches!(e.body, Body::Drink(_)))?
            .at;
        // Nor before drinks have been logged for the whole 24 h window: an
        // older entry of another kind (a workout imported from a watch, a
        // medicine logged by its start day) says nothing about drinks.
        let covered = |at: &Time| *at - chrono::Duration::hours(24) >= first_drink;
        let seen = self.matching(|s| covered(&s.entry.at) && s.snap.fluids_24h_ml < floor);
        if seen.is_empty() {
            return None;
        }
        let u = self.prefs.unit;
        Some(Flag {
            id: "low-intake".into(),
            level: Level::Note,
            title: "Low intake before cramps".into(),
            why: format!(
                "Before {} you logged less than {} in the 24 h before ({:.0}% of your \
                 {} daily goal). Drinking consistently through the day is part of \
                 prevention; cramps have several causes, so this is one factor, not \
                 the cause.",
                counted(seen.len(), "cramp", "cramps"),
                u.format(floor as f64),
                r.share_of_goal * 100.0,
                u.format(self.prefs.goal_ml as f64)
            ),
            source: self.source(&r.source),
            professional: None,
            evidence: self.evidence(&seen, |s| {
                format!(
                    "{} in the 24 h before",
                    u.format(s.snap.fluids_24h_ml as f64)
                )
            }),
        })
    }

    pub(super) fn no_electrolytes(&self) -> Option<Flag> {
        let r = &self.rules.flags.no_electrolytes;
        let seen = self.matching(|s| {
            let Some((e, w, until)) = self.tied_session(s) else {
                return false;
            };
            let minutes = minutes_between(&e.at, &until);
            let demanding = minutes > r.long_session_min
                || (w.intensity.is_hard() && w.heat == crate::domain::entry::Heat::Hot);
            demanding
                && !drinks_between(
                    self.history,
                    &e.at,
                    &crate::domain::context::just_before(&s.entry.at),
                )
                .any(|(_, d)| is_electrolyte(d))
        });
        if seen.is_empty() {
            return None;
        }
        Some(Flag {
            id: "no-electrolytes".into(),
            level: Level::Note,
            title: "Long or hot sessions without electrolytes".into(),
            why: format!(
                "{} followed a session over {} min, or hard and hot, with no sports or \
                 electrolyte drink logged from its start to the cramp. Longer, hard or \
                 hot sessions call for carbohydrate and electrolytes, not water alone.",
                counted(seen.len(), "cramp", "cramps"),
                r.long_session_min
            ),
            source: self.source(&r.source),
            professional: None,
            evidence: self.evidence(&seen, |s| match self.tied_session(s) {
                Some((e, w, until)) => format!(
                    "{} {} {} {} min",
                    w.activity,
                    w.intensity,
                    w.heat,
                    minutes_between(&e.at, &until)
                ),
                None => String::new(),
            }),
        })
    }

    /// Why a session counts as new or much harder, if it does.
    pub(super) fn new_or_harder_reason(
        &self,
        session: &Entry,
        w: &Workout,
        until: &Time,
    ) -> Option<String> {
        if w.new {
            return Some(format!("{} marked new", w.activity));
        }
        let r = &self.rules.flags.new_or_harder;
        let from = session.at - Duration::weeks(r.weeks as i64);
        let prev: Vec<(u32, crate::domain::entry::Intensity)> =
            entries_between(self.history, &from, &session.at)
                .iter()
                .filter(|e| e.at < session.at)
                .filter_map(|e| match &e.body {
                    Body::Workout(pw) => pw
                        .end
                        .map(|end| (minutes_between(&e.at, &end), pw.intensity)),
                    _ => None,
                })
                .collect();
        if prev.is_empty() {
            return None;
        }
        let minutes = minutes_between(&session.at, until);
        let avg = prev.iter().map(|(m, _)| *m as f64).sum::<f64>() / prev.len() as f64;
        if minutes as f64 >= avg * r.longer_factor && minutes > 0 {
            return Some(format!(
                "{} {minutes} min against {:.0} min on average in the {} weeks before",
                w.activity, avg, r.weeks
            ));
        }
        let hardest = prev.iter().map(|(_, i)| *i).max()?;
        (w.intensity > hardest).then(|| {
            format!(
                "{} {} against at most {hardest} in the {} weeks before",
                w.activity, w.intensity, r.weeks
            )
        })
    }

    pub(super) fn new_or_harder(&self) -> Option<Flag> {
        let r = &self.rules.flags.new_or_harder;
        let reason = |s: &Seen| {
            self.tied_session(s).and_then(|(e, w, _)| {
                let end = w.end.unwrap_or(s.entry.at);
                self.new_or_harder_reason(e, w, &end)
            })
        };
        let seen = self.matching(|s| reason(s).is_some());
        if seen.is_empty() {
            return None;
        }
        Some(Flag {
            id: "new-or-harder".into(),
            level: Level::Note,
            title: "Cramps after new or much harder sessions".into(),
            why: format!(
                "{} came with a session that was new, or much harder than the {} weeks \
                 before ({}x as long, or a higher intensity). Muscle fatigue from \
                 unaccustomed effort is a leading explanation for exercise cramps; \
                 building up load gradually helps.",
                counted(seen.len(), "cramp", "cramps"),
                r.weeks,
                r.longer_factor
            ),
            source: self.source(&r.source),
            professional: None,
            evidence: self.evidence(&seen, |s| reason(s).unwrap_or_default()),
        })
    }

    pub(super) fn cramp_window(&self) -> Option<Flag> {
        let r = &self.rules.flags.cramp_window;
        let seen = self.matching(|s| s.snap.in_cramp_window);
        let recent = self.in_last(&seen, r.days);
        if recent.len() < r.count as usize {
            return None;
        }
        let w = &self.rules.cramp_window;
        Some(Flag {
            id: "cramp-window".into(),
            level: Level::Note,
            title: "Cramps cluster in the hours after hard sessions".into(),
            why: format!(
                "{} in the last {} days came within {} h of the end of a hard, long \
                 ({} min or more) or hot session. This window is a heuristic, not a \
                 published rule: rest, cool-down and refuelling in those hours may help.",
                counted(recent.len(), "cramp", "cramps"),
                r.days,
                w.hours,
                w.long_session_min
            ),
            source: self.source(&r.source),
            professional: None,
            evidence: self.evidence(&recent, |s| match &s.snap.last_workout {
                Some(w) => format!("{:.1} h after {}", w.hours_since, w.activity),
                None => String::new(),
            }),
        })
    }

    pub(super) fn medication(&self) -> Option<Flag> {
        let period: Vec<&Entry> = self.cramps.iter().map(|s| s.entry).collect();
        let rule = &self.rules.flags.medication;
        let found = med_flag::findings(self.history, &period, self.now.fixed_offset(), rule);
        if !found.is_empty() {
            let (source, unit) = (self.source(&rule.source), self.prefs.unit);
            return Some(med_flag::flag(
                self.now,
                self.history,
                &period,
                &found,
                source,
                unit,
            ));
        }
        let p = &self.prefs.profile;
        let logged = med_flag::logged_classes(self.history, &period);
        let has = |k: MedClass| logged.iter().any(|(c, _)| *c == k);
        let mut which = Vec::new();
        if p.diuretics || has(MedClass::Diuretic) {
            which.push("a diuretic");
        }
        if p.statins || has(MedClass::Statin) {
            which.push("a statin");
        }
        if which.is_empty() || self.cramps.is_empty() {
            return None;
        }
        // The profile's note stands for every cramp; a logged course only
        // for the cramps between its start and its stop.
        let profile = p.diuretics || p.statins;
        let taken: Vec<_> = crate::domain::medication::courses(&self.history.entries)
            .into_iter()
            .filter(|c| matches!(c.class, Some(MedClass::Diuretic | MedClass::Statin)))
            .collect();
        let seen = self.matching(|s| profile || taken.iter().any(|c| c.covers(&s.entry.at)));
        if seen.is_empty() {
            return None;
        }
        let from = if logged.is_empty() {
            "Your profile notes".to_string()
        } else {
            let names: Vec<&str> = logged.iter().map(|(_, n)| n.as_str()).collect();
            format!(
                "Your log shows {} taken then ({})",
                which.join(" and "),
                names.join(", ")
            )
        };
        let which = if logged.is_empty() {
            which.join(" and ")
        } else {
            String::new()
        };
        Some(Flag {
            id: "medication".into(),
            level: Level::Note,
            title: if logged.is_empty() {
                "Medication noted in your profile".into()
            } else {
                "Cramps while taking a diuretic or statin".into()
            },
            why: format!(
                "{from}{}{which}, and {} logged. Some medicines, diuretics and \
                 statins among them, are associated with cramps; do not stop a medicine \
                 on your own, but mention the cramps to whoever prescribes it or to a \
                 pharmacist.",
                if which.is_empty() { "" } else { " " },
                counted(seen.len(), "cramp is", "cramps are")
            ),
            source: self.source(&self.rules.flags.medication.source),
            professional: None,
            evidence: self.evidence(&seen, |_| String::new()),
        })
    }
}
