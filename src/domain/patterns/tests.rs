//! Every flag: a history that raises it, and one just below each threshold.

use super::*;
use crate::domain::entry::{Drink, DrinkKind, Heat, Intensity, Muscle};
use crate::domain::history::{Event, Op, SCHEMA_VERSION};
use chrono_tz::America::New_York;
use chrono_tz::Tz;

pub(crate) fn t(s: &str) -> Time {
    DateTime::parse_from_rfc3339(s).unwrap()
}

/// Saturday 28 November 2026, noon in New York.
fn now() -> DateTime<Tz> {
    New_York.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap()
}

fn rules() -> Rules {
    Rules::embedded().unwrap()
}

fn prefs() -> Prefs {
    Prefs {
        goal_ml: 2000,
        ..Prefs::default()
    }
}

/// Builds a history from entries, each with an id chosen by the test.
#[derive(Default)]
pub(crate) struct B {
    events: Vec<Event>,
}

pub(crate) fn plain_cramp(muscle: Muscle) -> Cramp {
    Cramp {
        muscle,
        side: None,
        severity: None,
        duration_s: None,
        context: None,
        symptoms: Default::default(),
        relief: vec![],
        note: None,
        muscle_name: None,
    }
}

impl B {
    pub(crate) fn add(mut self, id: &str, at: &str, body: Body) -> Self {
        self.events.push(Event {
            v: SCHEMA_VERSION,
            id: id.into(),
            op: Op::Add,
            at: t(at),
            logged: t(at),
            target: None,
            entry: Some(body),
            extra: Default::default(),
        });
        self
    }

    pub(crate) fn cramp(self, id: &str, at: &str, f: impl FnOnce(&mut Cramp)) -> Self {
        let mut c = plain_cramp(Muscle::Calf);
        f(&mut c);
        self.add(id, at, Body::Cramp(c))
    }

    pub(crate) fn workout(
        self,
        id: &str,
        start: &str,
        end: Option<&str>,
        intensity: Intensity,
        heat: Heat,
    ) -> Self {
        self.add(
            id,
            start,
            Body::Workout(Workout {
                activity: "run".into(),
                end: end.map(t),
                intensity,
                heat,
                new: false,
                note: None,
            }),
        )
    }

    pub(crate) fn drink(self, id: &str, at: &str, ml: u32, kind: DrinkKind) -> Self {
        self.add(
            id,
            at,
            Body::Drink(Drink {
                ml,
                kind,
                sodium_mg: None,
                note: None,
            }),
        )
    }

    pub(crate) fn h(&self) -> History {
        History::fold(&self.events)
    }
}

fn all(b: &B) -> Vec<Flag> {
    flags(&now(), &b.h(), &rules(), &prefs())
}

fn find(b: &B, id: &str) -> Option<Flag> {
    all(b).into_iter().find(|f| f.id == id)
}

fn ids(f: &Flag) -> Vec<&str> {
    f.evidence.iter().map(|e| e.entry_id.as_str()).collect()
}

fn at_rest(c: &mut Cramp) {
    c.context = Some(CrampContext::Rest);
}

fn at_night(c: &mut Cramp) {
    c.context = Some(CrampContext::Night);
}

// not-tied-to-exercise

#[test]
fn a_rest_cramp_11h_after_a_session_is_tied_and_13h_is_not() {
    let base = B::default().workout(
        "W1",
        "2026-11-27T08:00:00-05:00",
        Some("2026-11-27T09:00:00-05:00"),
        Intensity::Moderate,
        Heat::Mild,
    );
    let tied = base.add("C1", "2026-11-27T20:00:00-05:00", {
        let mut c = plain_cramp(Muscle::Calf);
        at_rest(&mut c);
        Body::Cramp(c)
    });
    assert!(find(&tied, "not-tied-to-exercise").is_none());

    let base = B::default().workout(
        "W1",
        "2026-11-27T08:00:00-05:00",
        Some("2026-11-27T09:00:00-05:00"),
        Intensity::Moderate,
        Heat::Mild,
    );
    let untied = base.cramp("C1", "2026-11-27T22:00:00-05:00", at_rest);
    let f = find(&untied, "not-tied-to-exercise").expect("13 h after is not tied");
    assert_eq!(f.level, Level::Watch);
    assert_eq!(ids(&f), ["C1"]);
    assert!(f.professional.is_none());
    assert!(
        f.evidence[0].summary.contains("ended 13 h before"),
        "{:?}",
        f.evidence
    );
}

#[test]
fn a_cramp_during_a_running_session_or_after_one_by_context_is_not_untied() {
    let b = B::default()
        .workout(
            "W1",
            "2026-11-28T10:00:00-05:00",
            None,
            Intensity::Hard,
            Heat::Mild,
        )
        .cramp("C1", "2026-11-28T11:00:00-05:00", at_rest)
        .cramp("C2", "2026-11-27T11:00:00-05:00", |c| {
            c.context = Some(CrampContext::After)
        });
    assert!(find(&b, "not-tied-to-exercise").is_none());
}

#[test]
fn three_untied_cramps_in_14_days_ask_for_a_professional_and_two_do_not() {
    let two = B::default()
        .cramp("C1", "2026-11-16T12:00:00-05:00", at_night)
        .cramp("C2", "2026-11-27T15:00:00-05:00", at_rest)
        // 15 days before now: in the 30-day period, outside the 14-day count.
        .cramp("C0", "2026-11-13T12:00:00-05:00", at_rest);
    let f = find(&two, "not-tied-to-exercise").unwrap();
    assert_eq!(f.level, Level::Watch);
    assert_eq!(ids(&f), ["C0", "C1", "C2"]);

    let three = two.cramp("C3", "2026-11-28T09:00:00-05:00", at_rest);
    let f = find(&three, "not-tied-to-exercise").unwrap();
    assert_eq!(f.level, Level::Professional);
    assert_eq!(ids(&f), ["C1", "C2", "C3"], "only the 14 days count");
    assert_eq!(f.professional.as_deref(), Some("a GP / physician"));
}

#[test]
fn the_14_day_window_is_calendar_days_across_a_dst_change() {
    // Now is 8 Nov 12:00 EST; 14 days back is 25 Oct 12:00 EDT (16:00 UTC),
    // not 25 Oct 11:00 EDT as 14 x 24 h would give.
    let now = New_York.with_ymd_and_hms(2026, 11, 8, 12, 0, 0).unwrap();
    let b = B::default()
        .cramp("C1", "2026-10-25T11:30:00-04:00", at_rest)
        .cramp("C2", "2026-11-01T12:00:00-05:00", at_rest)
        .cramp("C3", "2026-11-07T12:00:00-05:00", at_rest);
    let f = flags(&now, &b.h(), &rules(), &prefs());
    assert_eq!(f[0].id, "not-tied-to-exercise");
    assert_eq!(f[0].level, Level::Watch);
    let b = b.cramp("C4", "2026-10-25T12:30:00-04:00", at_rest);
    let f = flags(&now, &b.h(), &rules(), &prefs());
    assert_eq!(f[0].level, Level::Professional);
    assert_eq!(ids(&f[0]), ["C4", "C2", "C3"]);
}

// disrupting-sleep

#[test]
fn night_cramps_on_two_nights_in_7_days_disrupt_sleep_and_one_does_not() {
    let one = B::default().cramp("N1", "2026-11-24T02:00:00-05:00", at_night);
    assert!(find(&one, "disrupting-sleep").is_none());
    // A second night, 8 days ago: outside the 7 days.
    let old = one.cramp("N0", "2026-11-20T03:00:00-05:00", at_night);
    assert!(find(&old, "disrupting-sleep").is_none());
    let two = old.cramp("N2", "2026-11-27T23:30:00-05:00", at_night);
    let f = find(&two, "disrupting-sleep").unwrap();
    assert_eq!(f.level, Level::Professional);
    assert_eq!(ids(&f), ["N1", "N2"]);
    assert!(f.why.contains("2 nights in the last 7 days"), "{}", f.why);
}

#[test]
fn two_cramps_in_one_night_are_one_night_by_the_day_start_hour() {
    // 23:30 and 02:00 the next morning: one night when days start at 04:00,
    // two "days" when they start at midnight.
    let b = B::default()
        .cramp("N1", "2026-11-26T23:30:00-05:00", at_night)
        .cramp("N2", "2026-11-27T02:00:00-05:00", at_night);
    assert!(find(&b, "disrupting-sleep").is_none());
    let midnight = Prefs {
        day_start_hour: 0,
        ..prefs()
    };
    let f = flags(&now(), &b.h(), &rules(), &midnight);
    assert!(f.iter().any(|f| f.id == "disrupting-sleep"));
}

// long, severe, red-flag-symptoms

#[test]
fn a_cramp_of_10_min_is_long_and_9m59s_is_not() {
    let short = B::default().cramp("C1", "2026-11-27T10:00:00-05:00", |c| {
        c.duration_s = Some(599)
    });
    assert!(find(&short, "long").is_none());
    let long = short.cramp("C2", "2026-11-27T11:00:00-05:00", |c| {
        c.duration_s = Some(600)
    });
    let f = find(&long, "long").unwrap();
    assert_eq!(ids(&f), ["C2"]);
    assert_eq!(f.level, Level::Professional);
    assert!(f.why.contains("10m or longer"), "{}", f.why);
}

#[test]
fn severity_8_is_severe_and_7_is_not() {
    let b = B::default().cramp("C1", "2026-11-27T10:00:00-05:00", |c| c.severity = Some(7));
    assert!(find(&b, "severe").is_none());
    let b = b.cramp("C2", "2026-11-26T10:00:00-05:00", |c| c.severity = Some(8));
    let f = find(&b, "severe").unwrap();
    assert_eq!(ids(&f), ["C2"]);
    assert!(f.professional.is_some());
}

#[test]
fn any_red_flag_symptom_raises_its_flag_and_none_does_not() {
    let b = B::default().cramp("C1", "2026-11-27T10:00:00-05:00", |c| c.severity = Some(3));
    assert!(find(&b, "red-flag-symptoms").is_none());
    let b = b
        .cramp("C2", "2026-11-26T10:00:00-05:00", |c| {
            c.symptoms.numbness = true
        })
        .cramp("C3", "2026-11-25T10:00:00-05:00", |c| {
            c.symptoms.swelling = true
        });
    let f = find(&b, "red-flag-symptoms").unwrap();
    assert_eq!(ids(&f), ["C3", "C2"]);
    assert!(
        f.evidence[0].summary.ends_with("swelling"),
        "{:?}",
        f.evidence
    );
}

// despite-prevention

/// A session on `day` (a date in Nov 2026) 17:00-17:50 with the plan kept
/// (600 ml at 14:00, then drinks every 20 min), and a cramp at 18:30.
fn kept_session(b: B, day: u32, preload_ml: u32, last_sip: &str) -> B {
    let d = |hm: &str| format!("2026-11-{day:02}T{hm}:00-05:00");
    let n = |x: &str| format!("{x}{day}");
    b.workout(
        &n("W"),
        &d("17:00"),
        Some(&d("17:50")),
        Intensity::Moderate,
        Heat::Mild,
    )
    .drink(&n("P"), &d("13:00"), preload_ml, DrinkKind::Water)
    .drink(&n("S1"), &d("17:20"), 250, DrinkKind::Sports)
    .drink(&n("S2"), &d(last_sip), 250, DrinkKind::Sports)
    .cramp(&n("C"), &d("18:30"), |c| {
        c.context = Some(CrampContext::After)
    })
}

#[test]
fn three_cramps_in_14_days_despite_a_kept_plan_ask_for_a_professional() {
    let b = kept_session(B::default(), 20, 591, "17:40");
    let b = kept_session(b, 24, 591, "17:40");
    assert!(
        find(&b, "despite-prevention").is_none(),
        "two are below the count"
    );
    let b3 = kept_session(b, 27, 591, "17:40");
    let f = find(&b3, "despite-prevention").unwrap();
    assert_eq!(f.level, Level::Professional);
    assert_eq!(ids(&f), ["C20", "C24", "C27"]);
    assert!(
        f.why.contains("20 oz or more in the 4 h before"),
        "{}",
        f.why
    );
}

#[test]
fn a_plan_short_by_a_sip_before_or_a_gap_during_is_not_kept() {
    let b = kept_session(B::default(), 20, 591, "17:40");
    let b = kept_session(b, 24, 591, "17:40");
    // 1 ml short of the pre-load.
    let short = kept_session(b, 27, 590, "17:40");
    assert!(find(&short, "despite-prevention").is_none());
    let b = kept_session(B::default(), 20, 591, "17:40");
    let b = kept_session(b, 24, 591, "17:40");
    // 21 min from 17:20 to the next sip at 17:41 (and 9 min to the end).
    let gap = kept_session(b, 27, 591, "17:41");
    assert!(find(&gap, "despite-prevention").is_none());
    let b = kept_session(B::default(), 20, 591, "17:40");
    let b = kept_session(b, 24, 591, "17:40");
    let ok = kept_session(b, 27, 591, "17:30");
    // 17:30 to the end at 17:50 is exactly 20 min: still kept.
    assert!(find(&ok, "despite-prevention").is_some());
}

// eased-by-rest

fn during_rest(c: &mut Cramp) {
    c.context = Some(CrampContext::During);
    c.relief = vec![Relief::Rest];
}

#[test]
fn two_leg_cramps_during_exercise_eased_by_rest_raise_the_flag_and_one_does_not() {
    let one = B::default()
        .cramp("C1", "2026-11-10T10:00:00-05:00", during_rest)
        .cramp("H1", "2026-11-12T10:00:00-05:00", |c| {
            during_rest(c);
            c.muscle = Muscle::Hand;
        })
        .cramp("C0", "2026-11-13T10:00:00-05:00", |c| {
            c.context = Some(CrampContext::During);
            c.relief = vec![Relief::Stretch];
        });
    assert!(find(&one, "eased-by-rest").is_none());
    let two = one.cramp("C2", "2026-11-26T10:00:00-05:00", during_rest);
    let f = find(&two, "eased-by-rest").unwrap();
    assert_eq!(ids(&f), ["C1", "C2"]);
    assert!(f.professional.as_deref().unwrap().contains("circulation"));
}

// contributing factors

#[test]
fn intake_under_75_percent_of_the_goal_in_24h_is_low_and_at_75_is_not() {
    // Goal 2000 ml: the floor is 1500 ml in the 24 h before.
    let base = B::default()
        .drink("D0", "2026-11-26T09:59:00-05:00", 900, DrinkKind::Water)
        .drink("D1", "2026-11-26T10:00:00-05:00", 1000, DrinkKind::Water)
        .drink("D2", "2026-11-27T08:00:00-05:00", 499, DrinkKind::Water);
    let low = base.cramp("C1", "2026-11-27T10:00:00-05:00", at_rest);
    let f = find(&low, "low-intake").unwrap();
    assert_eq!(f.level, Level::Note);
    assert_eq!(ids(&f), ["C1"]);
    assert!(
        f.evidence[0].summary.contains("50.7 oz in the 24 h before"),
        "{:?}",
        f.evidence
    );
    let enough = low.drink("D3", "2026-11-27T09:00:00-05:00", 1, DrinkKind::Water);
    assert!(find(&enough, "low-intake").is_none());
    let never_logs_drinks = B::default().cramp("C1", "2026-11-27T10:00:00-05:00", at_rest);
    assert!(find(&never_logs_drinks, "low-intake").is_none());
}

#[test]
fn low_intake_waits_until_the_journal_covers_the_24_hours_before() {
    // The journal starts at 08:00 with a small drink; a cramp at 10:00 that
    // day has a 24 h window reaching back before anything was logged.
    let first_day = B::default()
        .drink("D1", "2026-11-27T08:00:00-05:00", 100, DrinkKind::Water)
        .cramp("C1", "2026-11-27T10:00:00-05:00", at_rest);
    assert!(find(&first_day, "low-intake").is_none());
    // A day later the window is covered, and the same low intake is noted.
    let next_day = first_day
        .drink("D2", "2026-11-28T08:00:00-05:00", 100, DrinkKind::Water)
        .cramp("C2", "2026-11-28T10:00:00-05:00", at_rest);
    assert_eq!(ids(&find(&next_day, "low-intake").unwrap()), ["C2"]);
    // An older entry of another kind (a workout imported from a watch, a
    // medicine logged by its start day) does not make the first day's
    // drinks cover the day before.
    let older = B::default()
        .workout(
            "W0",
            "2026-10-01T08:00:00-04:00",
            Some("2026-10-01T09:00:00-04:00"),
            Intensity::Moderate,
            Heat::Mild,
        )
        .drink("D1", "2026-11-27T08:00:00-05:00", 100, DrinkKind::Water)
        .cramp("C1", "2026-11-27T10:00:00-05:00", at_rest);
    assert!(find(&older, "low-intake").is_none());
}

fn session_then_cramp(minutes: i64, intensity: Intensity, heat: Heat) -> B {
    let start = t("2026-11-27T08:00:00-05:00");
    let end = (start + Duration::minutes(minutes)).to_rfc3339();
    B::default()
        .drink("D1", "2026-11-27T07:00:00-05:00", 2000, DrinkKind::Water)
        .workout(
            "W1",
            "2026-11-27T08:00:00-05:00",
            Some(&end),
            intensity,
            heat,
        )
        .cramp("C1", "2026-11-27T12:00:00-05:00", |c| {
            c.context = Some(CrampContext::After)
        })
}

#[test]
fn a_session_over_60_min_or_hard_and_hot_without_electrolytes_is_noted() {
    let b = session_then_cramp(60, Intensity::Moderate, Heat::Hot);
    assert!(find(&b, "no-electrolytes").is_none());
    let b = session_then_cramp(61, Intensity::Moderate, Heat::Mild);
    let f = find(&b, "no-electrolytes").unwrap();
    assert_eq!(ids(&f), ["C1"]);
    assert!(f.evidence[0].summary.ends_with("run moderate mild 61 min"));
    let b = session_then_cramp(30, Intensity::Hard, Heat::Hot);
    assert!(find(&b, "no-electrolytes").is_some());
    let b = session_then_cramp(30, Intensity::Hard, Heat::Mild);
    assert!(find(&b, "no-electrolytes").is_none());
    let b = session_then_cramp(61, Intensity::Moderate, Heat::Mild).drink(
        "E1",
        "2026-11-27T08:30:00-05:00",
        250,
        DrinkKind::Electrolyte,
    );
    assert!(find(&b, "no-electrolytes").is_none());
}

#[test]
fn a_new_or_much_longer_or_harder_session_is_noted() {
    let prior = |b: B| {
        b.workout(
            "P1",
            "2026-11-10T08:00:00-05:00",
            Some("2026-11-10T08:40:00-05:00"),
            Intensity::Moderate,
            Heat::Mild,
        )
        .workout(
            "P2",
            "2026-11-17T08:00:00-05:00",
            Some("2026-11-17T08:40:00-05:00"),
            Intensity::Moderate,
            Heat::Mild,
        )
    };
    // 59 min against 40 on average: under 1.5x.
    let b = prior(session_then_cramp(59, Intensity::Moderate, Heat::Mild));
    assert!(find(&b, "new-or-harder").is_none());
    let b = prior(session_then_cramp(60, Intensity::Moderate, Heat::Mild));
    let f = find(&b, "new-or-harder").unwrap();
    assert_eq!(ids(&f), ["C1"]);
    assert!(
        f.evidence[0].summary.contains("60 min against 40 min"),
        "{:?}",
        f.evidence
    );
    let b = prior(session_then_cramp(40, Intensity::Hard, Heat::Mild));
    assert!(find(&b, "new-or-harder").is_some());
    // No earlier sessions to compare with, and not marked new: nothing.
    let b = session_then_cramp(40, Intensity::Hard, Heat::Mild);
    assert!(find(&b, "new-or-harder").is_none());
    let b = B::default()
        .add(
            "W1",
            "2026-11-27T08:00:00-05:00",
            Body::Workout(Workout {
                activity: "padel".into(),
                end: Some(t("2026-11-27T08:30:00-05:00")),
                intensity: Intensity::Easy,
                heat: Heat::Cool,
                new: true,
                note: None,
            }),
        )
        .cramp("C1", "2026-11-27T10:00:00-05:00", |_| {});
    let f = find(&b, "new-or-harder").unwrap();
    assert!(f.evidence[0].summary.ends_with("padel marked new"));
}

#[test]
fn two_cramps_in_the_window_after_hard_sessions_cluster_and_one_does_not() {
    let hard = |b: B, day: u32, cramp_hm: &str| {
        let d = |hm: &str| format!("2026-11-{day:02}T{hm}:00-05:00");
        b.workout(
            &format!("W{day}"),
            &d("07:00"),
            Some(&d("08:00")),
            Intensity::Hard,
            Heat::Mild,
        )
        .cramp(&format!("C{day}"), &d(cramp_hm), |_| {})
    };
    let b = hard(B::default(), 20, "15:00"); // 7 h after
    let b = hard(b, 22, "16:01"); // 8 h 1 min after: outside
    assert!(find(&b, "cramp-window").is_none());
    let b = hard(b, 25, "16:00"); // 8 h after: inside
    let f = find(&b, "cramp-window").unwrap();
    assert_eq!(ids(&f), ["C20", "C25"]);
    assert!(f.why.contains("heuristic"));
}

#[test]
fn medication_in_the_profile_with_cramps_is_noted() {
    let b = B::default().cramp("C1", "2026-11-27T10:00:00-05:00", |_| {});
    assert!(find(&b, "medication").is_none());
    let mut p = prefs();
    p.profile.statins = true;
    let f = flags(&now(), &b.h(), &rules(), &p);
    let m = f.iter().find(|f| f.id == "medication").unwrap();
    assert_eq!(ids(m), ["C1"]);
    assert!(m.why.contains("a statin"));
    let f = flags(&now(), &B::default().h(), &rules(), &p);
    assert!(f.is_empty(), "no cramps, no flag");
}

// order, period, since

#[test]
fn flags_come_most_serious_first() {
    let b = B::default()
        .cramp("C1", "2026-11-27T10:00:00-05:00", |c| {
            at_rest(c);
            c.severity = Some(9);
        })
        .drink("D1", "2026-11-26T09:00:00-05:00", 100, DrinkKind::Water);
    let f = all(&b);
    let got: Vec<_> = f.iter().map(|f| (f.id.as_str(), f.level)).collect();
    assert_eq!(
        got,
        [
            ("severe", Level::Professional),
            ("not-tied-to-exercise", Level::Watch),
            ("low-intake", Level::Note),
        ]
    );
}

#[test]
fn the_period_is_the_last_30_days_unless_since_says_otherwise() {
    let b = B::default()
        .cramp("C1", "2026-10-28T11:00:00-04:00", |c| c.severity = Some(9))
        .cramp("C9", "2026-11-29T10:00:00-05:00", |c| c.severity = Some(9));
    assert!(
        find(&b, "severe").is_none(),
        "31 days old, and one after now"
    );
    let since = t("2026-10-01T00:00:00-04:00");
    let f = flags_since(&now(), &b.h(), &rules(), &prefs(), Some(&since));
    assert_eq!(ids(&f[0]), ["C1"]);
}

#[test]
fn flags_serialize_with_lowercase_levels() {
    let b = B::default().cramp("C1", "2026-11-27T10:00:00-05:00", |c| c.severity = Some(9));
    let json = serde_json::to_value(all(&b)).unwrap();
    assert_eq!(json[0]["id"], "severe");
    assert_eq!(json[0]["level"], "professional");
    assert_eq!(json[0]["evidence"][0]["entry_id"], "C1");
}

/// Context handed in (by a report that works it out anyway) gives the
/// flags worked out without it, whether it covers every cramp or some.
#[test]
fn known_context_gives_the_flags_worked_out_without_it() {
    let b = B::default()
        .cramp("C1", "2026-11-20T11:00:00-05:00", |c| c.severity = Some(9))
        .cramp("C2", "2026-11-24T03:00:00-05:00", |c| {
            c.context = Some(CrampContext::Night)
        })
        .cramp("C3", "2026-11-27T10:00:00-05:00", |c| c.severity = Some(8));
    let (h, since) = (b.h(), t("2026-11-01T00:00:00-04:00"));
    let alone = flags_since(&now(), &h, &rules(), &prefs(), Some(&since));
    assert!(!alone.is_empty());
    let cramps = || {
        h.entries
            .iter()
            .filter(|e| matches!(e.body, Body::Cramp(_)))
    };
    let every: HashMap<String, Snapshot> = cramps()
        .map(|e| (e.id.clone(), snapshot(e, &h, &rules())))
        .collect();
    let some: HashMap<String, Snapshot> = every.clone().into_iter().take(1).collect();
    for known in [&every, &some] {
        let with = flags_since_known(&now(), &h, &rules(), &prefs(), Some(&since), known);
        assert_eq!(with, alone);
    }
}
