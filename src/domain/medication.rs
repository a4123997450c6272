//! Medicines over time: start and stop entries paired into courses, for the
//! list, the flags and the clinician's timeline.
//!
//! A stop entry names the medicine it ends (case-insensitive). A second start
//! of a medicine that is already running (a new dose) ends the first course
//! where the second begins. A stop with no start before it is a course whose
//! beginning was not recorded.

use super::entry::{Body, MedClass, Time};
use super::history::Entry;
use super::input::{TimeUse, parse_time};
use chrono::{DateTime, NaiveDate, TimeZone};

/// The longest medicine name accepted.
pub const MAX_NAME_CHARS: usize = 60;
/// The longest dose text accepted.
pub const MAX_DOSE_CHARS: usize = 80;

/// One medicine from a start to a stop (or to now, when it is still taken).
#[derive(Clone, Debug, PartialEq)]
pub struct Course {
    pub name: String,
    pub class: Option<MedClass>,
    pub dose: Option<String>,
    /// None when only the stop was logged.
    pub start: Option<Time>,
    pub stop: Option<Time>,
    pub start_id: Option<String>,
    pub stop_id: Option<String>,
}

impl Course {
    pub fn is_current(&self) -> bool {
        self.stop.is_none()
    }

    /// Whether the medicine was being taken at `t`.
    pub fn covers(&self, t: &Time) -> bool {
        self.start.is_none_or(|s| s <= *t) && self.stop.is_none_or(|e| *t < e)
    }

    /// The class, or "other" when it was not given.
    pub fn class_word(&self) -> &'static str {
        self.class.map_or("other", MedClass::word)
    }
}

fn same(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// Every course in the entries, in order of start (unknown starts first).
pub fn courses(entries: &[Entry]) -> Vec<Course> {
    let mut meds: Vec<&Entry> = entries
        .iter()
        .filter(|e| matches!(e.body, Body::Medication(_)))
        .collect();
    meds.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
    let mut out: Vec<Course> = Vec::new();
    for e in meds {
        let Body::Medication(m) = &e.body else {
            continue;
        };
        let open = out
            .iter_mut()
            .rev()
            .find(|c| c.stop.is_none() && same(&c.name, &m.name));
        match m.action {
            super::entry::MedAction::Start => {
                if let Some(c) = open {
                    c.stop = Some(e.at);
                }
                out.push(Course {
                    name: m.name.clone(),
                    class: m.class,
                    dose: m.dose.clone(),
                    start: Some(e.at),
                    stop: None,
                    start_id: Some(e.id.clone()),
                    stop_id: None,
                });
            }
            super::entry::MedAction::Stop => match open {
                Some(c) => {
                    c.stop = Some(e.at);
                    c.stop_id = Some(e.id.clone());
                    c.class = c.class.or(m.class);
                    c.dose = c.dose.clone().or_else(|| m.dose.clone());
                }
                None => out.push(Course {
                    name: m.name.clone(),
                    class: m.class,
                    dose: m.dose.clone(),
                    start: None,
                    stop: Some(e.at),
                    start_id: None,
                    stop_id: Some(e.id.clone()),
                }),
            },
        }
    }
    out.sort_by_key(|c| c.start);
    out
}

/// The course of `name` that is still running, if any.
pub fn current<'a>(courses: &'a [Course], name: &str) -> Option<&'a Course> {
    courses
        .iter()
        .rev()
        .find(|c| c.is_current() && same(&c.name, name))
}

/// The class a new start of `name` is logged with: the one given, else
/// that of the medicine's latest course (a new dose of a statin stays a
/// statin for the medication flag when `--class` is left out).
pub fn class_for_start(
    courses: &[Course],
    name: &str,
    given: Option<MedClass>,
) -> Option<MedClass> {
    given.or_else(|| {
        courses
            .iter()
            .rev()
            .filter(|c| same(&c.name, name))
            .find_map(|c| c.class)
    })
}

/// A medicine's name as typed, checked.
pub fn check_name(name: &str) -> Result<String, String> {
    let n = name.trim();
    if n.is_empty() || n.chars().count() > MAX_NAME_CHARS {
        return Err(format!(
            "NAME needs a medicine's name of 1 to {MAX_NAME_CHARS} characters, like furosemide or atorvastatin"
        ));
    }
    if n.chars().any(char::is_control) {
        return Err("NAME cannot hold control characters".into());
    }
    Ok(n.to_string())
}

/// A dose as typed (free text such as `20 mg each morning`), checked.
pub fn check_dose(dose: &str) -> Result<Option<String>, String> {
    let d = dose.trim();
    if d.chars().count() > MAX_DOSE_CHARS {
        return Err(format!(
            "--dose is longer than {MAX_DOSE_CHARS} characters; keep it short, like '20 mg daily'"
        ));
    }
    if d.chars().any(char::is_control) {
        return Err("--dose cannot hold control characters".into());
    }
    Ok((!d.is_empty()).then(|| d.to_string()))
}

/// A past time as [`parse_time`] reads it, or a bare day (`2026-03-01`,
/// `yesterday`), read as 08:00 that day: medicines are remembered by the day.
pub fn parse_day_or_time<Tz: TimeZone>(s: &str, now: &DateTime<Tz>) -> Result<Time, String>
where
    Tz::Offset: Copy,
{
    let day_alone = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").is_ok()
        || ["today", "yesterday"].contains(&s.trim().to_ascii_lowercase().as_str());
    if day_alone {
        parse_time(&format!("{} 08:00", s.trim()), now, TimeUse::Past)
    } else {
        parse_time(s, now, TimeUse::Past)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::entry::{MedAction, Medication};
    use chrono::DateTime;

    fn med(id: &str, at: &str, action: MedAction, name: &str) -> Entry {
        let at = DateTime::parse_from_rfc3339(at).unwrap();
        Entry {
            id: id.into(),
            at,
            logged: at,
            amended: None,
            body: Body::Medication(Medication {
                action,
                name: name.into(),
                class: (action == MedAction::Start).then_some(MedClass::Diuretic),
                dose: None,
                note: None,
            }),
        }
    }

    #[test]
    fn a_stop_closes_the_start_of_the_same_name_whatever_its_case() {
        let entries = [
            med("A", "2026-10-01T08:00:00Z", MedAction::Start, "Furosemide"),
            med("B", "2026-10-20T08:00:00Z", MedAction::Stop, "furosemide"),
            med(
                "C",
                "2026-11-01T08:00:00Z",
                MedAction::Start,
                "atorvastatin",
            ),
        ];
        let c = courses(&entries);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].stop_id.as_deref(), Some("B"));
        assert_eq!(
            c[0].class,
            Some(MedClass::Diuretic),
            "the start's class stays"
        );
        assert!(c[1].is_current());
        assert!(current(&c, "ATORVASTATIN").is_some());
        assert!(current(&c, "furosemide").is_none());
    }

    #[test]
    fn a_new_start_of_a_running_medicine_ends_the_first_course_there() {
        let entries = [
            med("A", "2026-10-01T08:00:00Z", MedAction::Start, "x"),
            med("B", "2026-10-10T08:00:00Z", MedAction::Start, "x"),
        ];
        let c = courses(&entries);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].stop, c[1].start);
        let mid = DateTime::parse_from_rfc3339("2026-10-05T00:00:00Z").unwrap();
        assert!(c[0].covers(&mid) && !c[1].covers(&mid));
    }

    #[test]
    fn a_stop_without_a_start_is_a_course_of_unknown_beginning() {
        let c = courses(&[med("S", "2026-10-01T08:00:00Z", MedAction::Stop, "x")]);
        assert_eq!(c[0].start, None);
        let before = DateTime::parse_from_rfc3339("2025-01-01T00:00:00Z").unwrap();
        assert!(c[0].covers(&before));
    }

    #[test]
    fn names_and_doses_are_checked() {
        assert_eq!(check_name("  furosemide "), Ok("furosemide".into()));
        assert!(check_name("").is_err());
        assert!(check_name(&"x".repeat(61)).is_err());
        assert!(check_name("a\u{1b}[31m").is_err());
        assert_eq!(check_dose(" "), Ok(None));
        assert!(check_dose(&"9".repeat(81)).is_err());
    }

    #[test]
    fn a_bare_date_is_read_as_that_morning() {
        let now = DateTime::parse_from_rfc3339("2026-11-28T14:30:00-05:00").unwrap();
        let t = parse_day_or_time("2026-03-01", &now).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-03-01T08:00:00-05:00");
        assert!(parse_day_or_time("2027-03-01", &now).is_err(), "the future");
        let y = parse_day_or_time("Yesterday", &now).unwrap();
        assert_eq!(y.to_rfc3339(), "2026-11-27T08:00:00-05:00");
    }
}
