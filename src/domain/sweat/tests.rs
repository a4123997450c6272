//! Sweat tests on fixture journals. Every expected figure is worked out by
//! hand from the fixture: (before - after) kg x 1000 + drunk - urine, over
//! the session's hours.

use super::*;
use crate::domain::history::Event;

/// A fixture journal: JSON Lines as the journal stores them, `at` and
/// `logged` in the same (UTC-5) offset; `logged` equals `at` unless given.
#[derive(Default)]
struct J {
    lines: Vec<String>,
}

impl J {
    fn line(mut self, at: &str, logged: &str, entry: &str) -> J {
        let n = self.lines.len() + 1;
        self.lines.push(format!(
            r#"{{"v":1,"id":"E{n:03}","op":"add","at":"{at}:00-05:00","logged":"{logged}:00-05:00","entry":{entry}}}"#
        ));
        self
    }
    fn workout(self, start: &str, end: &str, intensity: &str, heat: &str) -> J {
        let e = format!(
            r#"{{"type":"workout","activity":"run","end":"{end}:00-05:00","intensity":"{intensity}","heat":"{heat}"}}"#
        );
        self.line(start, start, &e)
    }
    fn drink(self, at: &str, ml: u32) -> J {
        self.line(at, at, &format!(r#"{{"type":"drink","ml":{ml}}}"#))
    }
    fn weigh(self, at: &str, kg: f64) -> J {
        self.line(at, at, &format!(r#"{{"type":"weight","kg":{kg}}}"#))
    }
    fn weigh_urine(self, at: &str, kg: f64, urine: u32) -> J {
        let e = format!(r#"{{"type":"weight","kg":{kg},"urine_ml":{urine}}}"#);
        self.line(at, at, &e)
    }
    /// One hour's hard run in the heat on `day` (08:00-09:00), weighed 10 min
    /// before and after, with `drunk` ml in two drinks during it.
    fn session(self, day: &str, before: f64, after: f64, drunk: u32, heat: &str) -> J {
        self.weigh(&format!("{day}T07:50"), before)
            .workout(
                &format!("{day}T08:00"),
                &format!("{day}T09:00"),
                "hard",
                heat,
            )
            .drink(&format!("{day}T08:20"), drunk / 2)
            .drink(&format!("{day}T08:40"), drunk - drunk / 2)
            .weigh(&format!("{day}T09:10"), after)
    }
    fn history(&self) -> History {
        let events: Vec<Event> = self
            .lines
            .iter()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
            .collect();
        History::from_events(events)
    }
    fn tests(&self) -> Vec<SweatTest> {
        tests(&self.history(), &rules())
    }
}

fn rules() -> Rules {
    Rules::embedded().unwrap()
}

fn at(s: &str) -> Time {
    chrono::DateTime::parse_from_rfc3339(&format!("{s}:00-05:00")).unwrap()
}

/// Noon on Saturday 28 November 2026, New York.
fn now() -> Time {
    at("2026-11-28T12:00")
}

#[test]
fn a_test_is_lost_mass_plus_drinks_over_the_hours() {
    let t = J::default()
        .session("2026-11-20", 70.0, 69.2, 500, "hot")
        .tests();
    assert_eq!(t.len(), 1);
    // 0.8 kg lost + 500 ml drunk in one hour.
    assert_eq!(t[0].drunk_ml, 500);
    assert_eq!(t[0].urine_ml, 0);
    assert_eq!(t[0].loss_ml, 1300);
    assert_eq!(t[0].rate_ml_per_h, 1300);
    assert!(t[0].used, "{:?}", t[0].reason);
    assert_eq!(t[0].reason, None);
}

#[test]
fn urine_on_the_after_weighing_is_taken_off() {
    let t = J::default()
        .weigh("2026-11-20T06:50", 80.0)
        .workout("2026-11-20T07:00", "2026-11-20T08:30", "moderate", "mild")
        .drink("2026-11-20T07:30", 600)
        .weigh_urine("2026-11-20T08:40", 79.1, 300)
        .tests();
    // (0.9 kg + 600 ml - 300 ml) over 1.5 h = 1200 / 1.5.
    assert_eq!(t[0].urine_ml, 300);
    assert_eq!(t[0].loss_ml, 1200);
    assert_eq!(t[0].rate_ml_per_h, 800);
    assert!(t[0].used);
}

#[test]
fn urine_noted_on_the_before_weighing_was_passed_before_the_test() {
    let t = J::default()
        .weigh_urine("2026-11-20T07:50", 70.0, 400)
        .workout("2026-11-20T08:00", "2026-11-20T09:00", "hard", "hot")
        .weigh("2026-11-20T09:10", 69.0)
        .tests();
    assert_eq!(t[0].urine_ml, 0);
    assert_eq!(t[0].rate_ml_per_h, 1000);
}

#[test]
fn drinks_outside_the_two_weighings_do_not_count() {
    let t = J::default()
        .drink("2026-11-20T07:40", 500)
        .session("2026-11-20", 70.0, 69.2, 400, "hot")
        .drink("2026-11-20T09:15", 500)
        .tests();
    assert_eq!(t[0].drunk_ml, 400);
    assert_eq!(t[0].rate_ml_per_h, 1200);
}

#[test]
fn weighings_marked_the_wrong_way_round_make_no_test() {
    let t = J::default()
        .line(
            "2026-11-20T07:50",
            "2026-11-20T07:50",
            r#"{"type":"weight","kg":70.0,"when":"after"}"#,
        )
        .workout("2026-11-20T08:00", "2026-11-20T09:00", "hard", "hot")
        .weigh("2026-11-20T09:10", 69.0)
        .tests();
    assert!(t.is_empty(), "{t:?}");
}

#[test]
fn a_session_with_no_weighing_after_is_no_test() {
    let t = J::default()
        .weigh("2026-11-20T07:50", 70.0)
        .workout("2026-11-20T08:00", "2026-11-20T09:00", "hard", "hot")
        .tests();
    assert!(t.is_empty());
}

fn reason_of(j: J) -> (Option<SetAside>, String) {
    let t = j.tests();
    assert_eq!(t.len(), 1, "{t:?}");
    assert!(!t[0].used);
    (t[0].set_aside.clone(), t[0].reason.clone().unwrap())
}

#[test]
fn a_weighing_too_far_from_the_session_sets_the_test_aside() {
    let (why, text) = reason_of(
        J::default()
            .weigh("2026-11-20T06:30", 70.0)
            .workout("2026-11-20T08:00", "2026-11-20T09:00", "hard", "hot")
            .weigh("2026-11-20T09:10", 69.0),
    );
    assert_eq!(why, Some(SetAside::WeighedTooFar));
    assert!(text.contains("90 min before"), "{text}");
}

#[test]
fn a_mass_change_over_five_percent_sets_the_test_aside() {
    // 70 -> 66 kg is 5.7% in one hour.
    let (why, text) = reason_of(J::default().session("2026-11-20", 70.0, 66.0, 0, "hot"));
    assert_eq!(why, Some(SetAside::MassChange));
    assert!(text.contains("5.7%"), "{text}");
}

#[test]
fn rates_outside_the_plausible_range_are_set_aside() {
    // 100 ml drunk, no mass change: 0.1 l/h.
    let (why, text) = reason_of(J::default().session("2026-11-20", 70.0, 70.0, 100, "mild"));
    assert_eq!(why, Some(SetAside::RateLow));
    assert!(text.contains("0.1 l/h is below"), "{text}");
    // 3 kg (4.3%) + 500 ml in one hour: 3.5 l/h.
    let (why, text) = reason_of(J::default().session("2026-11-20", 70.0, 67.0, 500, "hot"));
    assert_eq!(why, Some(SetAside::RateHigh));
    assert!(text.contains("3.5 l/h is above"), "{text}");
}

#[test]
fn a_drink_with_no_time_after_a_session_logged_late_sets_the_test_aside() {
    // The after-weighing was logged at 10:00 for 09:10; a drink logged at
    // 10:01 without a time of its own may have been drunk during the run.
    let late = J::default()
        .weigh("2026-11-20T07:50", 70.0)
        .workout("2026-11-20T08:00", "2026-11-20T09:00", "hard", "hot")
        .line(
            "2026-11-20T09:10",
            "2026-11-20T10:00",
            r#"{"type":"weight","kg":69.0}"#,
        );
    let (why, text) = reason_of(late.drink("2026-11-20T10:01", 500));
    assert_eq!(why, Some(SetAside::DrinkWithoutTime));
    assert!(text.contains("edit ID --at"), "{text}");

    // Logged live, the same drink after the weighing is plainly after it.
    let t = J::default()
        .session("2026-11-20", 70.0, 69.0, 0, "hot")
        .drink("2026-11-20T09:12", 500)
        .tests();
    assert!(t[0].used);
}

/// Tests whose rates are known: hot hard 1300 and 1100, hot moderate 900,
/// one mild hard 700.
fn four_tests() -> J {
    J::default()
        .session("2026-11-20", 70.0, 69.2, 500, "hot")
        .session("2026-11-21", 70.0, 69.4, 500, "hot")
        .weigh("2026-11-22T07:50", 70.0)
        .workout("2026-11-22T08:00", "2026-11-22T09:00", "moderate", "hot")
        .drink("2026-11-22T08:30", 300)
        .weigh("2026-11-22T09:05", 69.4)
        .session("2026-11-23", 70.0, 69.5, 200, "mild")
}

#[test]
fn bands_give_mean_range_and_count_by_heat_and_intensity() {
    let j = four_tests();
    let rates: Vec<i32> = j.tests().iter().map(|t| t.rate_ml_per_h).collect();
    assert_eq!(rates, [1300, 1100, 900, 700]);
    let b = bands(&j.tests(), &rules(), &now());
    let hot = b
        .iter()
        .find(|b| b.heat == Heat::Hot && b.intensity.is_none())
        .unwrap();
    assert_eq!(
        (
            hot.count,
            hot.mean_ml_per_h,
            hot.min_ml_per_h,
            hot.max_ml_per_h
        ),
        (3, 1100, 900, 1300)
    );
    let hot_hard = b
        .iter()
        .find(|b| b.heat == Heat::Hot && b.intensity == Some(Intensity::Hard))
        .unwrap();
    assert_eq!((hot_hard.count, hot_hard.mean_ml_per_h), (2, 1200));
    assert!(!b.iter().any(|b| b.heat == Heat::Cool), "no cool tests");
}

#[test]
fn the_personal_rate_needs_two_tests_in_the_band() {
    let h = four_tests().history();
    let r = rules();
    let hard = personal_rate(&h, &r, &now(), Heat::Hot, Intensity::Hard).unwrap();
    assert_eq!((hard.ml_per_h, hard.tests), (1200, 2));
    assert_eq!(
        hard.describe(),
        "your hot-weather rate for hard sessions, 1.2 l/h, from 2 tests"
    );
    // No easy tests in the heat: the hot band as a whole.
    let easy = personal_rate(&h, &r, &now(), Heat::Hot, Intensity::Easy).unwrap();
    assert_eq!(
        easy.describe(),
        "your hot-weather rate, 1.1 l/h, from 3 tests"
    );
    // One mild test is not enough; no cool test at all: the defaults stay.
    assert_eq!(
        personal_rate(&h, &r, &now(), Heat::Mild, Intensity::Hard),
        None
    );
    assert_eq!(
        personal_rate(&h, &r, &now(), Heat::Cool, Intensity::Hard),
        None
    );
}

#[test]
fn only_the_last_five_tests_of_the_last_year_count() {
    let mut j = J::default().session("2025-10-01", 70.0, 68.0, 0, "hot");
    // Rates 600, 700, ..., 1200 on seven days.
    for (i, day) in (14..21).enumerate() {
        let lost = 0.6 + 0.1 * i as f64;
        j = j.session(&format!("2026-11-{day}"), 70.0, 70.0 - lost, 0, "hot");
    }
    let b = bands(&j.tests(), &rules(), &now());
    // The last five: 800..1200, mean 1000; the 2 l/h test of 2025 is too old.
    assert_eq!(
        (
            b[0].count,
            b[0].mean_ml_per_h,
            b[0].min_ml_per_h,
            b[0].max_ml_per_h
        ),
        (5, 1000, 800, 1200)
    );
    // Tests not ended by `now` do not count yet.
    let early = at("2026-11-16T12:00");
    assert_eq!(bands(&j.tests(), &rules(), &early)[0].count, 3);
}

#[test]
fn the_loss_so_far_is_the_rate_times_the_time() {
    assert_eq!(loss_at_rate(1200, &at("2026-11-28T11:15"), &now()), 900);
    assert_eq!(loss_at_rate(1200, &at("2026-11-28T12:30"), &now()), 0);
    assert_eq!(litres(600.0), "0.6");
    assert_eq!(litres(1250.0), "1.25");
    assert_eq!(litres(2000.0), "2");
}

#[test]
fn the_guideline_rate_follows_intensity_and_heat() {
    let r = rules();
    let s = &r.safety;
    assert_eq!(
        guideline_rate(&r, Heat::Mild, Intensity::Hard),
        s.sweat_ml_per_hour_hard
    );
    assert_eq!(
        guideline_rate(&r, Heat::Hot, Intensity::Easy),
        (s.sweat_ml_per_hour_easy as f64 * s.hot_factor).round() as u32
    );
}

#[test]
fn a_weighing_before_and_none_after_asks_for_one_for_an_hour() {
    let j = J::default().weigh("2026-11-28T10:20", 70.0).workout(
        "2026-11-28T10:30",
        "2026-11-28T11:30",
        "hard",
        "hot",
    );
    let h = j.history();
    let r = rules();
    let p = weigh_prompt(&h, &r, &now()).unwrap();
    assert_eq!(p.text(), "weigh now to learn your sweat rate");
    assert_eq!(p.until, at("2026-11-28T12:30"));
    assert_eq!(weigh_prompt(&h, &r, &at("2026-11-28T12:31")), None);
    assert_eq!(
        weigh_prompt(&h, &r, &at("2026-11-28T11:00")),
        None,
        "still running"
    );
    let done = j.weigh("2026-11-28T11:45", 69.2).history();
    assert_eq!(weigh_prompt(&done, &r, &now()), None);
    let unweighed = J::default()
        .workout("2026-11-28T10:30", "2026-11-28T11:30", "hard", "hot")
        .history();
    assert_eq!(weigh_prompt(&unweighed, &r, &now()), None);
}

#[test]
fn a_heavy_sweaters_sips_stay_within_the_hourly_cap() {
    // 2.5 kg lost with 0 drunk in an hour (3.6%), twice: 2.5 l/h in the heat.
    let j = J::default()
        .session("2026-11-20", 70.0, 67.5, 0, "hot")
        .session("2026-11-21", 70.0, 67.5, 0, "hot");
    let r = rules();
    let rate = personal_rate(&j.history(), &r, &now(), Heat::Hot, Intensity::Hard).unwrap();
    assert_eq!(rate.ml_per_h, 2500);
    // Every 20 min: a third of the 1.2 l/h cap (400 ml), not a third of 2.5 l.
    assert_eq!(r.safety.max_ml_per_hour, 1200);
    assert_eq!(rate.sip_ml(20, r.safety.max_ml_per_hour), 400);
    // A light sweater's sip follows the rate: 0.6 l/h every 15 min = 150 ml.
    let light = J::default()
        .session("2026-11-20", 70.0, 69.6, 200, "cool")
        .session("2026-11-21", 70.0, 69.6, 200, "cool");
    let rate = personal_rate(&light.history(), &r, &now(), Heat::Cool, Intensity::Hard).unwrap();
    assert_eq!(rate.sip_ml(15, r.safety.max_ml_per_hour), 150);
}

#[test]
fn a_weighing_outside_any_body_weight_sets_the_test_aside() {
    // 700 kg (a slip of the keyboard, or an imported file) and 699.5 kg.
    let (why, text) = reason_of(J::default().session("2026-11-20", 700.0, 699.5, 300, "hot"));
    assert_eq!(why, Some(SetAside::WeightOutOfRange));
    assert!(text.contains("20-400 kg"), "{text}");
}
