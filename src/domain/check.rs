//! The value checks every entry passes, whichever way it arrives: the
//! command line, the TUI, a JSON or CSV import, another journal, or a peer
//! device's lines read at load. One place, so every path refuses the same
//! values with the same message.
//!
//! The bounds are those of the command line (`drink`, `plan --minutes`,
//! `cramp --duration`, `weight`): a value the CLI cannot write is not
//! accepted from a file either, and every sum over accepted values fits
//! easily in its type (a day of 2000 ml drinks would need two million of
//! them to overflow a `u32`).

use super::entry::{Body, Cramp, Drink, Muscle, Time};
use chrono::{DateTime, Duration};

/// The largest single drink, in millilitres.
pub const MAX_DRINK_ML: u32 = 2000;
/// The most sodium one drink may carry, in mg.
pub const MAX_SODIUM_MG: u32 = 10_000;
/// A plan's expected length, in minutes.
pub const PLAN_MINUTES: std::ops::RangeInclusive<u32> = 5..=720;
/// The longest cramp, in seconds (4 h).
pub const MAX_CRAMP_SECS: u32 = 4 * 3600;
/// The longest session, in hours.
pub const MAX_WORKOUT_HOURS: i64 = 24;
/// Body mass, in kg (44-880 lb).
pub const BODY_KG: std::ops::RangeInclusive<f64> = 20.0..=400.0;
/// The longest activity name, in characters.
pub const MAX_ACTIVITY_CHARS: usize = 40;
/// The longest note, in characters.
pub const MAX_NOTE_CHARS: usize = 2000;
/// The longest id, in bytes.
pub const MAX_ID_LEN: usize = 64;
/// Times crampwatch accepts: from 1970 up to (not including) 2200.
pub const FIRST_YEAR: i32 = 1970;
pub const END_YEAR: i32 = 2200;
/// How far ahead of this device's clock another device's id may be.
pub const PEER_ID_DRIFT_HOURS: i64 = 24;
/// How far a time may be on the wrong side of now (clock drift): ahead of
/// it for anything but a plan, behind it for a plan moved by an edit.
pub const FUTURE_SLACK_MINUTES: i64 = 5;

/// Checks a time: 1970 up to 2200. `what` names it in the message.
pub fn time(t: &Time, what: &str) -> Result<(), String> {
    // Seconds, not calendar years: this runs for every line of every load.
    const END: i64 = 7_258_118_400; // 2200-01-01T00:00:00Z
    if (0..END).contains(&t.timestamp()) {
        return Ok(());
    }
    Err(format!(
        "{what} {} is outside {FIRST_YEAR}-{} (a wrong clock or a damaged file?)",
        t.format("%Y-%m-%d %H:%M"),
        END_YEAR - 1
    ))
}

/// Checks an id: 1 to 64 printable ASCII characters, no spaces.
pub fn id(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("an empty id".into());
    }
    if id.len() > MAX_ID_LEN || !id.bytes().all(|b| b.is_ascii_graphic()) {
        return Err("an id that is not up to 64 letters, digits or marks without spaces".into());
    }
    Ok(())
}

/// True when `id` is a ULID made later than `now` plus the allowed drift
/// (another device's clock far ahead, or a forged id that would sort after
/// everything this device writes).
pub fn id_from_the_future(id: &str, now: &Time) -> bool {
    let Ok(ulid) = ulid::Ulid::from_string(id) else {
        return false;
    };
    let limit = *now + Duration::hours(PEER_ID_DRIFT_HOURS);
    let ms = ulid.timestamp_ms();
    i64::try_from(ms).map_or(true, |ms| ms > limit.timestamp_millis())
}

/// Checks an entry's content and its time `at`.
pub fn entry(body: &Body, at: &Time) -> Result<(), String> {
    time(at, "the time")?;
    if let Some(note) = body.note() {
        note_text(note)?;
    }
    match body {
        Body::Drink(d) => drink(d),
        Body::Workout(w) => {
            activity(&w.activity)?;
            if let Some(end) = &w.end {
                time(end, "the end")?;
                span(at, end)?;
            }
            Ok(())
        }
        Body::Plan(p) => {
            activity(&p.activity)?;
            if !PLAN_MINUTES.contains(&p.minutes) {
                return Err(format!(
                    "a plan of {} minutes (accepted: {}-{} minutes)",
                    p.minutes,
                    PLAN_MINUTES.start(),
                    PLAN_MINUTES.end()
                ));
            }
            Ok(())
        }
        Body::Cramp(c) => cramp(c),
        Body::Weight(w) => {
            body_kg(w.kg)?;
            if let Some(u) = w.urine_ml
                && u > super::input::MAX_URINE_ML
            {
                return Err(format!(
                    "{u} ml of urine at one weighing (accepted: 0-{} ml)",
                    super::input::MAX_URINE_ML
                ));
            }
            Ok(())
        }
        Body::Medication(m) => {
            super::medication::check_name(&m.name)?;
            if let Some(d) = &m.dose {
                super::medication::check_dose(d)?;
            }
            Ok(())
        }
    }
}

fn drink(d: &Drink) -> Result<(), String> {
    if !(1..=MAX_DRINK_ML).contains(&d.ml) {
        return Err(format!(
            "a drink of {} ml (accepted: 1-{MAX_DRINK_ML} ml; log large amounts as several drinks)",
            d.ml
        ));
    }
    if let Some(na) = d.sodium_mg
        && na > MAX_SODIUM_MG
    {
        return Err(format!(
            "{na} mg of sodium in one drink (accepted: 0-{MAX_SODIUM_MG} mg)"
        ));
    }
    Ok(())
}

fn cramp(c: &Cramp) -> Result<(), String> {
    if let Some(s) = c.severity
        && !(1..=10).contains(&s)
    {
        return Err(format!("severity {s} is not 1-10"));
    }
    if let Some(d) = c.duration_s
        && !(1..=MAX_CRAMP_SECS).contains(&d)
    {
        return Err(format!(
            "a cramp lasting {d} s (accepted: 1 s to 4 hours; a cramp that long needs a professional's attention, not a log entry)"
        ));
    }
    if let Some(name) = &c.muscle_name {
        if name.chars().any(char::is_control) {
            return Err("an other muscle's name cannot hold control characters".into());
        }
        if name.trim().is_empty() || name.chars().count() > MAX_ACTIVITY_CHARS {
            return Err(format!(
                "an other muscle's name of 1 to {MAX_ACTIVITY_CHARS} characters, like forearm"
            ));
        }
    }
    Ok(())
}

/// A new or edited cramp's muscle name fits its muscle: only `other` has
/// one, and it names a muscle not in the list. Asked of what is written
/// (through [`crate::domain::change::Change::check`]), not of what a load
/// reads nor of an entry a backup restores: a journal written before this
/// rule still loads, and restores, whole.
pub fn muscle_name_fits(c: &Cramp) -> Result<(), String> {
    let Some(name) = &c.muscle_name else {
        return Ok(());
    };
    if c.muscle != Muscle::Other {
        return Err(format!(
            "a muscle's name goes with muscle 'other' only, not with {} (like other, forearm)",
            c.muscle
        ));
    }
    other_muscle_name(name)
}

/// A name for muscle `other` names a muscle not in the list.
pub fn other_muscle_name(name: &str) -> Result<(), String> {
    match Muscle::from_word(name) {
        Some(Muscle::Other) => Err("an other muscle's name says which muscle, like forearm".into()),
        Some(listed) => Err(format!(
            "{listed} is in the list of muscles: log it as {listed}, not as other"
        )),
        None => Ok(()),
    }
}

/// Checks a body mass in kg: finite, 20-400 kg.
pub fn body_kg(kg: f64) -> Result<(), String> {
    if kg.is_finite() && BODY_KG.contains(&kg) {
        return Ok(());
    }
    // 1e308 reads as 1e308, not as three hundred digits.
    let shown = if kg.is_finite() && kg.abs() < 1e6 {
        format!("{kg}")
    } else {
        format!("{kg:e}")
    };
    Err(format!(
        "a body weight of {shown} kg is not plausible (accepted: 20-400 kg, 44-880 lb)"
    ))
}

/// Checks an activity name: 1-40 characters, no control characters.
pub fn activity(a: &str) -> Result<(), String> {
    if a.trim().is_empty() || a.chars().count() > MAX_ACTIVITY_CHARS {
        return Err("an activity needs a short name, like run, ride, swim or tennis".into());
    }
    if a.chars().any(char::is_control) {
        return Err("an activity cannot hold control characters".into());
    }
    Ok(())
}

/// Checks a note: at most 2000 characters (line breaks allowed).
pub fn note_text(n: &str) -> Result<(), String> {
    // No more bytes than the cap: no more characters either.
    if n.len() > MAX_NOTE_CHARS && n.chars().count() > MAX_NOTE_CHARS {
        return Err(format!(
            "a note of {} characters (at most {MAX_NOTE_CHARS})",
            n.chars().count()
        ));
    }
    Ok(())
}

/// A session ends after it starts and lasts at most a day.
pub fn span(start: &Time, end: &Time) -> Result<(), String> {
    if end <= start {
        return Err("a workout that ends before it starts".into());
    }
    if *end - *start > Duration::hours(MAX_WORKOUT_HOURS) {
        return Err(format!(
            "a workout of more than {MAX_WORKOUT_HOURS} hours is not plausible"
        ));
    }
    Ok(())
}

/// The rules for the time of a value written anew, against `now`: nothing
/// but a plan is ahead of now ([`not_ahead`]), and a workout still running
/// started at most [`MAX_WORKOUT_HOURS`] before now. Asked of what is
/// written (through [`crate::domain::change::Change::check`]), not of what a
/// load reads: a device whose clock ran ahead keeps its entries.
pub fn fresh(body: &Body, at: &Time, now: &Time) -> Result<(), String> {
    not_ahead(body, at, now)?;
    if let Body::Workout(w) = body
        && w.end.is_none()
        && *now - *at > Duration::hours(MAX_WORKOUT_HOURS)
    {
        return Err(format!(
            "a workout still running since {} would be more than {MAX_WORKOUT_HOURS} hours long; log the finished session with 'workout add ACTIVITY --from .. --to ..'",
            at.format("%Y-%m-%d %H:%M")
        ));
    }
    Ok(())
}

/// Nothing but a plan is ahead of `now` (a workout's end neither), give or
/// take [`FUTURE_SLACK_MINUTES`] of clock drift.
pub fn not_ahead(body: &Body, at: &Time, now: &Time) -> Result<(), String> {
    let limit = *now + Duration::minutes(FUTURE_SLACK_MINUTES);
    match body {
        Body::Plan(_) => Ok(()),
        Body::Workout(w) => {
            by(at, limit, "the time")?;
            w.end
                .as_ref()
                .map_or(Ok(()), |end| by(end, limit, "the end"))
        }
        _ => by(at, limit, "the time"),
    }
}

/// `t` (named `what` in the message) no later than `limit`.
fn by(t: &Time, limit: Time, what: &str) -> Result<(), String> {
    if *t > limit {
        return Err(format!(
            "{what} {} is in the future; only plans can be ahead of now",
            t.format("%Y-%m-%d %H:%M")
        ));
    }
    Ok(())
}

/// What an entry brought back with its id (an export restored, another
/// journal imported) meets against `now`: nothing but a plan is dated after
/// both now and when it was logged ([`not_ahead`]). A device whose clock
/// ran ahead wrote no entry ahead of its own clock, so its entries pass,
/// however far ahead it ran (its `logged` says so, and is taken at its word).
pub fn restored(body: &Body, at: &Time, logged: &Time, now: &Time) -> Result<(), String> {
    let clock = (*now).max(*logged);
    let drift = clock + Duration::minutes(FUTURE_SLACK_MINUTES);
    match body {
        Body::Plan(_) => Ok(()),
        // A workout is logged when it starts and stopped later: its end
        // may be up to the longest session after the clock that logged it.
        Body::Workout(w) => {
            by(at, drift, "the time")?;
            let longest = clock + Duration::hours(MAX_WORKOUT_HOURS);
            w.end
                .as_ref()
                .map_or(Ok(()), |end| by(end, longest, "the end"))
        }
        _ => by(at, drift, "the time"),
    }
}

/// An event brought back from elsewhere: [`restored`] for one that carries
/// an entry (a delete or an undo carries none, and has no time of its own).
pub fn restored_event(e: &crate::domain::history::Event, now: &Time) -> Result<(), String> {
    match &e.entry {
        Some(body) => restored(body, &e.at, &e.logged, now),
        None => Ok(()),
    }
}

/// A plan's time moved by an edit stays ahead of `now` (give or take
/// [`FUTURE_SLACK_MINUTES`]): a plan is for later. A plan whose time has
/// passed keeps it through an edit of its other fields.
pub fn plan_moved(at: &Time, now: &Time) -> Result<(), String> {
    if *at < *now - Duration::minutes(FUTURE_SLACK_MINUTES) {
        return Err(format!(
            "the time {} is in the past; {PLAN_IS_FOR_LATER}",
            at.format("%Y-%m-%d %H:%M")
        ));
    }
    Ok(())
}

/// What a plan in the past is told, wherever its time came from.
pub const PLAN_IS_FOR_LATER: &str =
    "a plan is for later (log a finished session with 'workout add')";

/// The clock crampwatch runs on (`CRAMPWATCH_NOW`, or the system's), checked
/// before anything is written with it.
pub fn clock<Tz: chrono::TimeZone>(now: &DateTime<Tz>) -> Result<(), String> {
    time(&now.fixed_offset(), "the clock's time")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::entry::{Drink, Plan, Weight};

    fn t(s: &str) -> Time {
        s.parse().unwrap()
    }

    #[test]
    fn the_edges_of_each_value() {
        let at = t("2026-11-28T14:30:00-05:00");
        let drink = |ml, sodium_mg| {
            Body::Drink(Drink {
                ml,
                kind: Default::default(),
                sodium_mg,
                note: None,
            })
        };
        assert!(entry(&drink(2000, Some(10_000)), &at).is_ok());
        assert!(entry(&drink(2001, None), &at).is_err());
        assert!(entry(&drink(0, None), &at).is_err());
        assert!(entry(&drink(u32::MAX, None), &at).is_err());
        assert!(entry(&drink(300, Some(u32::MAX)), &at).is_err());
        let plan = |minutes| {
            Body::Plan(Plan {
                activity: "run".into(),
                minutes,
                intensity: Default::default(),
                heat: Default::default(),
                note: None,
            })
        };
        assert!(entry(&plan(5), &at).is_ok());
        assert!(entry(&plan(4), &at).is_err());
        assert!(entry(&plan(721), &at).is_err());
        for kg in [f64::INFINITY, f64::NAN, 1e308, 19.9, 400.1, -72.0] {
            let w = Body::Weight(Weight {
                kg,
                when: None,
                urine_ml: None,
            });
            assert!(entry(&w, &at).is_err(), "{kg}");
        }
    }

    #[test]
    fn the_seconds_bound_is_the_start_of_2200() {
        use chrono::{Datelike, TimeZone, Utc};
        let end = Utc.with_ymd_and_hms(END_YEAR, 1, 1, 0, 0, 0).unwrap();
        assert_eq!(end.year(), END_YEAR);
        assert!(time(&end.fixed_offset(), "at").is_err());
        let before = end - Duration::seconds(1);
        assert!(time(&before.fixed_offset(), "at").is_ok());
        assert_eq!(FIRST_YEAR, 1970, "the bound below is the Unix epoch");
        // Two thousand characters of more than one byte each are allowed.
        assert!(note_text(&"é".repeat(2000)).is_ok());
        assert!(note_text(&"é".repeat(2001)).is_err());
    }

    #[test]
    fn times_outside_1970_to_2199_are_refused() {
        assert!(time(&t("1970-01-01T00:00:00Z"), "at").is_ok());
        assert!(time(&t("2199-12-31T23:59:59Z"), "at").is_ok());
        assert!(time(&t("1969-12-31T23:59:59Z"), "at").is_err());
        let err = time(&t("9999-12-31T23:59:59-12:00"), "at").unwrap_err();
        assert!(err.contains("1970-2199"), "{err}");
    }

    #[test]
    fn new_times_are_not_ahead_and_running_workouts_not_older_than_a_day() {
        use crate::domain::entry::Workout;
        let now = t("2026-11-28T14:30:00-05:00");
        let drink = Body::Drink(Drink {
            ml: 300,
            kind: Default::default(),
            sodium_mg: None,
            note: None,
        });
        let slack = Duration::minutes(FUTURE_SLACK_MINUTES);
        assert!(fresh(&drink, &(now + slack), &now).is_ok(), "clock drift");
        let e = fresh(&drink, &(now + slack + Duration::seconds(1)), &now).unwrap_err();
        assert!(
            e.ends_with("is in the future; only plans can be ahead of now"),
            "{e}"
        );
        let run = |end| {
            Body::Workout(Workout {
                activity: "run".into(),
                end,
                intensity: Default::default(),
                heat: Default::default(),
                new: false,
                note: None,
            })
        };
        let day = Duration::hours(MAX_WORKOUT_HOURS);
        assert!(fresh(&run(None), &(now - day), &now).is_ok());
        assert!(fresh(&run(None), &(now - day - Duration::minutes(1)), &now).is_err());
        let late_end = Some(now + Duration::hours(1));
        assert!(
            fresh(&run(late_end), &now, &now)
                .unwrap_err()
                .starts_with("the end ")
        );
        // A plan is for later: ahead is fine, and an edit keeps it there.
        let plan = Body::Plan(Plan {
            activity: "run".into(),
            minutes: 60,
            intensity: Default::default(),
            heat: Default::default(),
            note: None,
        });
        assert!(fresh(&plan, &(now + Duration::days(3)), &now).is_ok());
        assert!(plan_moved(&(now - slack), &now).is_ok());
        assert!(plan_moved(&(now - Duration::hours(1)), &now).is_err());
    }

    #[test]
    fn ids_far_ahead_of_the_clock_are_from_the_future() {
        let now = t("2026-11-28T14:30:00-05:00");
        assert!(id_from_the_future("7ZZZZZZZZZZZZZZZZZZZZZZZZZ", &now));
        let soon = ulid::Ulid::from_parts(now.timestamp_millis() as u64 + 3_600_000, 1);
        assert!(!id_from_the_future(&soon.to_string(), &now));
        assert!(!id_from_the_future("not-a-ulid", &now));
        assert!(id("01KB9").is_ok());
        assert!(id("a b").is_err());
        assert!(id("\u{1b}]0;x").is_err());
    }
}
