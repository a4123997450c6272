//! Pattern flags: what the history shows, with the entries that show it.
//!
//! Every threshold comes from `[flags.*]` of `assets/guidelines.toml`. The
//! wording is plain and calm and never a diagnosis; whoever shows flags also
//! shows [`DISCLAIMER`] and, for level [`Level::Professional`], who to see.
//!
//! What is looked at:
//! - Flags about single cramps (`long`, `severe`, `red-flag-symptoms`,
//!   `not-tied-to-exercise` at level watch, and the contributing factors)
//!   look at the cramps in the *period*: from `since` (see [`flags_since`]),
//!   or by default the last `[flags] recent_days` days, up to `now`.
//! - Counts "N in D days" (`not-tied-to-exercise` at level professional,
//!   `disrupting-sleep`, `despite-prevention`, `eased-by-rest`,
//!   `cramp-window`) count the cramps of the last D calendar days back from
//!   `now`, in `now`'s time zone, that are also in the period.
//! - Context (drinks and sessions before a cramp) always comes from the whole
//!   history given, so a period start never hides what came before a cramp.
//! - Entries after `now` are ignored: passing the end of a past week as `now`
//!   gives that week's flags.

use super::context::{
    Snapshot, drinks_between, entries_between, fluids_between, is_electrolyte, minutes_between,
    sessions_before, snapshot,
};
use super::day::day_of;
use super::entry::{Body, Cramp, CrampContext, Relief, Time, Workout};
use super::history::{Entry, History};
use super::prefs::Prefs;
use super::rules::Rules;
use chrono::{DateTime, Days, Duration, TimeZone};
use serde::Serialize;
use std::cmp::Reverse;
use std::collections::BTreeSet;

/// Shown wherever flags are shown.
pub const DISCLAIMER: &str = "General information, not medical advice.";

/// How much attention a flag asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Something that may contribute; worth knowing.
    Note,
    /// Worth keeping an eye on.
    Watch,
    /// Worth seeing a professional about.
    Professional,
}

impl Level {
    /// The words shown for the level.
    pub fn label(self) -> &'static str {
        match self {
            Level::Note => "note",
            Level::Watch => "watch",
            Level::Professional => "see a professional",
        }
    }
}

/// An entry that raised a flag.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evidence {
    pub entry_id: String,
    pub at: Time,
    /// When and what, e.g. `Sat 21 Nov 02:10 · cramp calf left severity 6 2m night`.
    pub summary: String,
}

/// A pattern the history shows.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Flag {
    /// Stable: `severe`, `not-tied-to-exercise`, ...
    pub id: String,
    pub level: Level,
    /// One line.
    pub title: String,
    /// Why it is raised, with the threshold that raised it.
    pub why: String,
    /// The full text of the flag's source.
    pub source: String,
    /// Who to see, when the level is professional.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub professional: Option<String>,
    /// The entries that raised it, in time order.
    pub evidence: Vec<Evidence>,
}

/// Every flag id, in the order flags of one level are shown.
pub const FLAG_IDS: &[&str] = &[
    "red-flag-symptoms",
    "severe",
    "long",
    "disrupting-sleep",
    "eased-by-rest",
    "not-tied-to-exercise",
    "despite-prevention",
    "low-intake",
    "no-electrolytes",
    "new-or-harder",
    "cramp-window",
    "medication",
];

const GP: &str = "a GP / physician";

/// Every flag that holds over the last `[flags] recent_days` days, most serious first.
pub fn flags<Tz: TimeZone>(
    now: &DateTime<Tz>,
    history: &History,
    rules: &Rules,
    prefs: &Prefs,
) -> Vec<Flag>
where
    Tz::Offset: Copy,
{
    flags_since(now, history, rules, prefs, None)
}

/// Every flag that holds over the cramps from `since` (default: the last
/// `[flags] recent_days` days) to `now`, most serious first.
pub fn flags_since<Tz: TimeZone>(
    now: &DateTime<Tz>,
    history: &History,
    rules: &Rules,
    prefs: &Prefs,
    since: Option<&Time>,
) -> Vec<Flag>
where
    Tz::Offset: Copy,
{
    let start = match since {
        Some(s) => *s,
        None => days_back(now, rules.flags.recent_days),
    };
    let end = now.fixed_offset();
    let cramps: Vec<Seen> = entries_between(history, &start, &end)
        .iter()
        .filter_map(|e| match &e.body {
            Body::Cramp(c) => Some(Seen {
                entry: e,
                cramp: c,
                snap: snapshot(e, history, rules),
            }),
            _ => None,
        })
        .collect();
    let f = Finder {
        now,
        start,
        history,
        rules,
        prefs,
        cramps,
    };
    let mut out: Vec<Flag> = [
        f.red_flags(),
        f.severe(),
        f.long(),
        f.disrupting_sleep(),
        f.eased_by_rest(),
        f.not_tied(),
        f.despite_prevention(),
        f.low_intake(),
        f.no_electrolytes(),
        f.new_or_harder(),
        f.cramp_window(),
        f.medication(),
    ]
    .into_iter()
    .flatten()
    .collect();
    out.sort_by_key(|fl| {
        (
            Reverse(fl.level),
            FLAG_IDS.iter().position(|id| *id == fl.id),
        )
    });
    out
}

/// `now` minus `days` calendar days, in `now`'s zone.
fn days_back<Tz: TimeZone>(now: &DateTime<Tz>, days: u32) -> Time
where
    Tz::Offset: Copy,
{
    now.checked_sub_days(Days::new(days as u64))
        .map(|t| t.fixed_offset())
        .unwrap_or_else(|| now.fixed_offset() - Duration::days(days as i64))
}

/// A cramp in the period, with its context.
struct Seen<'h> {
    entry: &'h Entry,
    cramp: &'h Cramp,
    snap: Snapshot,
}

struct Finder<'a, Tz: TimeZone> {
    now: &'a DateTime<Tz>,
    start: Time,
    history: &'a History,
    rules: &'a Rules,
    prefs: &'a Prefs,
    cramps: Vec<Seen<'a>>,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

impl<'a, Tz: TimeZone> Finder<'a, Tz>
where
    Tz::Offset: Copy,
{
    fn source(&self, key: &str) -> String {
        self.rules.source(key).to_string()
    }

    fn evidence(&self, seen: &[&Seen], detail: impl Fn(&Seen) -> String) -> Vec<Evidence> {
        seen.iter()
            .map(|s| {
                let local = s.entry.at.with_timezone(&self.now.timezone()).naive_local();
                let mut summary = format!(
                    "{} · {}",
                    local.format("%a %-d %b %H:%M"),
                    s.entry.body.describe(self.prefs.unit)
                );
                let d = detail(s);
                if !d.is_empty() {
                    summary.push_str(" · ");
                    summary.push_str(&d);
                }
                Evidence {
                    entry_id: s.entry.id.clone(),
                    at: s.entry.at,
                    summary,
                }
            })
            .collect()
    }

    /// The cramps matching `pred` in the period.
    fn matching(&self, pred: impl Fn(&Seen) -> bool) -> Vec<&Seen<'a>> {
        self.cramps.iter().filter(|s| pred(s)).collect()
    }

    /// Those of `seen` in the last `days` days (and the period).
    fn in_last<'s>(&self, seen: &[&'s Seen<'a>], days: u32) -> Vec<&'s Seen<'a>> {
        let from = days_back(self.now, days).max(self.start);
        seen.iter()
            .copied()
            .filter(|s| s.entry.at >= from)
            .collect()
    }

    /// The session a cramp is tied to: running when it came, or ended within
    /// `[flags.not_tied] hours_after_workout` before it. With the time the
    /// session's hydration is judged up to (its end, or the cramp if sooner).
    fn tied_session(&self, s: &Seen) -> Option<(&'a Entry, &'a Workout, Time)> {
        let (running, last) = sessions_before(self.history, &s.entry.at);
        let (e, w) = match (running, last) {
            (Some(e), _) => match &e.body {
                Body::Workout(w) => (e, w),
                _ => return None,
            },
            (None, Some((e, w, end)))
                if (s.entry.at - end).num_seconds() as f64 / 3600.0
                    <= self.rules.flags.not_tied.hours_after_workout =>
            {
                (e, w)
            }
            _ => return None,
        };
        let until = match w.end {
            Some(end) if end <= s.entry.at => end,
            _ => s.entry.at,
        };
        Some((e, w, until))
    }

    fn red_flags(&self) -> Option<Flag> {
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
                plural(seen.len(), "cramp was", "cramps were")
            ),
            source: self.source(&self.rules.flags.red_flags.source),
            professional: Some(format!("{GP}; soon if a leg is swollen, red or warm")),
            evidence: self.evidence(&seen, |_| String::new()),
        })
    }

    fn severe(&self) -> Option<Flag> {
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
                plural(seen.len(), "cramp was", "cramps were")
            ),
            source: self.source(&self.rules.flags.severe.source),
            professional: Some(GP.into()),
            evidence: self.evidence(&seen, |_| String::new()),
        })
    }

    fn long(&self) -> Option<Flag> {
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
                plural(seen.len(), "cramp", "cramps"),
                super::entry::format_duration(min)
            ),
            source: self.source(&self.rules.flags.long.source),
            professional: Some(GP.into()),
            evidence: self.evidence(&seen, |_| String::new()),
        })
    }

    fn disrupting_sleep(&self) -> Option<Flag> {
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
                plural(nights.len(), "night", "nights"),
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

    fn eased_by_rest(&self) -> Option<Flag> {
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
                plural(recent.len(), "leg cramp", "leg cramps"),
                r.days,
                r.count
            ),
            source: self.source(&r.source),
            professional: Some(format!("{GP}, who can check the circulation in your legs")),
            evidence: self.evidence(&recent, |_| String::new()),
        })
    }

    fn not_tied(&self) -> Option<Flag> {
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
                    plural(recent.len(), "cramp", "cramps"),
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
                    plural(seen.len(), "cramp", "cramps"),
                    r.professional_count,
                    r.days
                ),
                source: self.source(&r.source),
                professional: None,
                evidence: self.evidence(&seen, detail),
            })
        }
    }

    /// Whether the hydration plan of a session was kept, up to `until`: at
    /// least `[preload] target_ml` in the `hours_before + window_hours`
    /// before the start, and no gap over `[during] due_after_min` between the
    /// start, each drink during the session, and `until`.
    fn plan_kept(&self, session: &Entry, until: &Time) -> bool {
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

    fn despite_prevention(&self) -> Option<Flag> {
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
                plural(recent.len(), "cramp", "cramps"),
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

    fn low_intake(&self) -> Option<Flag> {
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
        // Nor before the journal covers the whole 24 h window.
        let first_entry = self.history.entries.first()?.at;
        let covered = |at: &Time| *at - chrono::Duration::hours(24) >= first_entry;
        let seen = self.matching(|s| {
            s.entry.at > first_drink && covered(&s.entry.at) && s.snap.fluids_24h_ml < floor
        });
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
                plural(seen.len(), "cramp", "cramps"),
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

    fn no_electrolytes(&self) -> Option<Flag> {
        let r = &self.rules.flags.no_electrolytes;
        let seen = self.matching(|s| {
            let Some((e, w, until)) = self.tied_session(s) else {
                return false;
            };
            let minutes = minutes_between(&e.at, &until);
            let demanding = minutes > r.long_session_min
                || (w.intensity.is_hard() && w.heat == super::entry::Heat::Hot);
            demanding
                && !drinks_between(
                    self.history,
                    &e.at,
                    &super::context::just_before(&s.entry.at),
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
                plural(seen.len(), "cramp", "cramps"),
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
    fn new_or_harder_reason(&self, session: &Entry, w: &Workout, until: &Time) -> Option<String> {
        if w.new {
            return Some(format!("{} marked new", w.activity));
        }
        let r = &self.rules.flags.new_or_harder;
        let from = session.at - Duration::weeks(r.weeks as i64);
        let prev: Vec<(u32, super::entry::Intensity)> =
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

    fn new_or_harder(&self) -> Option<Flag> {
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
                plural(seen.len(), "cramp", "cramps"),
                r.weeks,
                r.longer_factor
            ),
            source: self.source(&r.source),
            professional: None,
            evidence: self.evidence(&seen, |s| reason(s).unwrap_or_default()),
        })
    }

    fn cramp_window(&self) -> Option<Flag> {
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
                plural(recent.len(), "cramp", "cramps"),
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

    fn medication(&self) -> Option<Flag> {
        let p = &self.prefs.profile;
        let mut which = Vec::new();
        if p.diuretics {
            which.push("a diuretic");
        }
        if p.statins {
            which.push("a statin");
        }
        if which.is_empty() || self.cramps.is_empty() {
            return None;
        }
        let seen = self.matching(|_| true);
        Some(Flag {
            id: "medication".into(),
            level: Level::Note,
            title: "Medication noted in your profile".into(),
            why: format!(
                "Your profile notes {}, and {} logged. Some medicines, diuretics and \
                 statins among them, are associated with cramps; do not stop a medicine \
                 on your own, but mention the cramps to whoever prescribes it or to a \
                 pharmacist.",
                which.join(" and "),
                plural(seen.len(), "cramp is", "cramps are")
            ),
            source: self.source(&self.rules.flags.medication.source),
            professional: None,
            evidence: self.evidence(&seen, |_| String::new()),
        })
    }
}

#[cfg(test)]
#[path = "patterns_tests.rs"]
pub(crate) mod tests;
