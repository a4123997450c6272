//! Every screen drawn to a `TestBackend` and compared with a reviewed snapshot.

use super::*;
use crate::domain::entry::{
    Body, Cramp, CrampContext, Heat, Intensity, Muscle, Plan, Side, Symptoms, Workout,
};
use crate::tui::app::tests::{add, app_with, at, now, water};
use crate::tui::app::{Action, App};
use crate::tui::forms::{FormAction, FormKind};
use crate::tui::screens::history::HistoryAction;
use chrono_tz::Tz;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tui_input::InputRequest;

fn render(app: &App<Tz>, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| draw(f, app)).unwrap();
    t
}

fn busy() -> App<Tz> {
    let run = Body::Workout(Workout {
        activity: "run".into(),
        end: None,
        intensity: Intensity::Hard,
        heat: Heat::Hot,
        new: false,
        note: None,
    });
    let plan = Body::Plan(Plan {
        activity: "swim".into(),
        minutes: 45,
        intensity: Intensity::Easy,
        heat: Heat::Cool,
        note: None,
    });
    let cramp = Body::Cramp(Cramp {
        muscle: Muscle::Calf,
        side: Some(Side::Left),
        severity: Some(6),
        duration_s: Some(90),
        context: Some(CrampContext::Rest),
        symptoms: Symptoms::default(),
        relief: vec![],
        note: Some("on the stairs".into()),
        muscle_name: None,
    });
    app_with(&[
        add("01A", "2026-11-28T03:10:00-05:00", water(500)),
        add("01B", "2026-11-28T07:10:00-05:00", water(296)),
        add("01C", "2026-11-28T09:40:00-05:00", water(591)),
        add("01D", "2026-11-28T11:00:00-05:00", cramp),
        add("01E", "2026-11-28T13:48:00-05:00", run),
        add("01F", "2026-11-28T14:05:00-05:00", water(237)),
        add("01G", "2026-11-28T19:00:00-05:00", plan),
    ])
}

/// A severe, long cramp last night: flags that say see a professional.
fn flagged() -> App<Tz> {
    let cramp = Body::Cramp(Cramp {
        muscle: Muscle::Calf,
        side: Some(Side::Right),
        severity: Some(9),
        duration_s: Some(720),
        context: Some(CrampContext::Night),
        symptoms: Symptoms::default(),
        relief: vec![],
        note: None,
        muscle_name: None,
    });
    app_with(&[
        add("01A", "2026-11-28T02:40:00-05:00", cramp),
        add("01B", "2026-11-28T08:00:00-05:00", water(473)),
    ])
}

/// A week of entries (Mon 23 to Sat 28 Nov) and two the week before.
fn week() -> App<Tz> {
    let cramp = |muscle, sev, context| {
        Body::Cramp(Cramp {
            muscle,
            side: Some(Side::Left),
            severity: Some(sev),
            duration_s: Some(120),
            context: Some(context),
            symptoms: Symptoms::default(),
            relief: vec![],
            note: None,
            muscle_name: None,
        })
    };
    let run = Body::Workout(Workout {
        activity: "run".into(),
        end: Some(at("2026-11-24T18:50:00-05:00").fixed_offset()),
        intensity: Intensity::Hard,
        heat: Heat::Hot,
        new: false,
        note: None,
    });
    app_with(&[
        add("00A", "2026-11-17T08:00:00-05:00", water(500)),
        add(
            "00B",
            "2026-11-19T23:00:00-05:00",
            cramp(Muscle::Foot, 4, CrampContext::Night),
        ),
        add("00C", "2026-11-23T09:00:00-05:00", water(500)),
        add("00D", "2026-11-24T18:00:00-05:00", run),
        add(
            "00E",
            "2026-11-24T19:20:00-05:00",
            cramp(Muscle::Calf, 6, CrampContext::After),
        ),
        add(
            "00F",
            "2026-11-26T03:00:00-05:00",
            cramp(Muscle::Calf, 7, CrampContext::Night),
        ),
        add("00G", "2026-11-27T12:00:00-05:00", water(750)),
        add("00H", "2026-11-28T08:00:00-05:00", water(300)),
    ])
}

/// Twenty drinks today, every 30 minutes from 04:30: more than fit at 80x24.
fn many() -> App<Tz> {
    let events: Vec<_> = (0..20)
        .map(|i| {
            let t = at("2026-11-28T04:30:00-05:00") + chrono::Duration::minutes(30 * i);
            add(
                &format!("01A{i:02}"),
                &t.to_rfc3339(),
                water(100 + i as u32),
            )
        })
        .collect();
    app_with(&events)
}

fn with(mut app: App<Tz>, actions: Vec<Action>) -> App<Tz> {
    for a in actions {
        app.update(a, now());
    }
    app
}

fn screens() -> Vec<(&'static str, App<Tz>)> {
    screens_at((80, 24))
}

/// The screens, with the keys pressed in a terminal of `size` (paging and
/// scrolling depend on it).
fn screens_at(size: (u16, u16)) -> Vec<(&'static str, App<Tz>)> {
    let with = |mut app: App<Tz>, actions| {
        app.size = size;
        with(app, actions)
    };
    vec![
        ("today_empty", app_with(&[])),
        ("today_busy", busy()),
        ("today_many", many()),
        ("today_flagged", flagged()),
        (
            "today_many_scrolled_up",
            with(
                many(),
                vec![Action::ScrollUp, Action::ScrollUp, Action::ScrollUp],
            ),
        ),
        (
            "glance_busy",
            with(busy(), vec![Action::Show(Screen::Glance)]),
        ),
        (
            "glance_empty",
            with(app_with(&[]), vec![Action::Show(Screen::Glance)]),
        ),
        (
            "history_week",
            with(week(), vec![Action::Show(Screen::History)]),
        ),
        (
            "history_last_week",
            with(
                week(),
                vec![
                    Action::Show(Screen::History),
                    Action::History(HistoryAction::PrevWeek),
                ],
            ),
        ),
        (
            "insights_list",
            with(
                flagged(),
                vec![Action::Show(Screen::Insights), Action::ScrollDown],
            ),
        ),
        (
            "insights_open",
            with(
                flagged(),
                vec![Action::Show(Screen::Insights), Action::Select],
            ),
        ),
        ("guide_top", with(busy(), vec![Action::Show(Screen::Guide)])),
        (
            "stretch_card_after_a_cramp",
            with(
                busy(),
                vec![
                    Action::Open(FormKind::Cramp),
                    Action::Form(FormAction::Submit),
                    Action::Stretch,
                ],
            ),
        ),
        (
            "help_scrolled_to_the_end",
            with(busy(), vec![Action::ToggleHelp, Action::Bottom]),
        ),
        ("help", with(busy(), vec![Action::ToggleHelp])),
        (
            "drink_form",
            with(busy(), vec![Action::Open(FormKind::Drink)]),
        ),
        (
            "cramp_form_with_error",
            with(
                busy(),
                vec![
                    Action::Open(FormKind::Cramp),
                    Action::Form(FormAction::Next),
                    Action::Form(FormAction::Next),
                    Action::Form(FormAction::Edit(InputRequest::InsertChar('1'))),
                    Action::Form(FormAction::Edit(InputRequest::InsertChar('2'))),
                ],
            ),
        ),
        (
            "workout_stop_form",
            with(busy(), vec![Action::Open(FormKind::Workout)]),
        ),
        (
            "workout_start_form",
            with(app_with(&[]), vec![Action::Open(FormKind::Workout)]),
        ),
        (
            "plan_form",
            with(app_with(&[]), vec![Action::Open(FormKind::Plan)]),
        ),
    ]
}

#[test]
fn every_screen_at_80x24() {
    for (name, app) in screens() {
        insta::assert_snapshot!(format!("{name}_80x24"), render(&app, 80, 24).backend());
    }
}

#[test]
fn every_screen_at_120x40() {
    for (name, app) in screens_at((120, 40)) {
        insta::assert_snapshot!(format!("{name}_120x40"), render(&app, 120, 40).backend());
    }
}

#[test]
fn every_screen_at_60x20() {
    for (name, app) in screens_at((60, 20)) {
        insta::assert_snapshot!(format!("{name}_60x20"), render(&app, 60, 20).backend());
    }
}

#[test]
fn a_tiny_terminal_says_so_on_every_screen_but_glance() {
    let tiny = render(&app_with(&[]), 40, 10);
    insta::assert_snapshot!("too_small_40x10", tiny.backend());
    // Glance is made for small panes (see glance_tests.rs).
    for (name, app) in screens()
        .into_iter()
        .filter(|(n, _)| !n.starts_with("glance"))
    {
        let t = render(&app, 40, 10);
        assert_eq!(t.backend().buffer(), tiny.backend().buffer(), "{name}");
    }
}

#[test]
fn no_size_down_to_1x1_panics() {
    for (_, app) in screens() {
        for w in [1, 2, 5, 20, 59, 60, 61] {
            for h in [1, 2, 3, 15, 16, 17] {
                render(&app, w, h);
            }
        }
    }
}

#[test]
fn the_smallest_size_laid_out_still_shows_what_matters() {
    insta::assert_snapshot!("today_flagged_60x16", render(&flagged(), 60, 16).backend());
    insta::assert_snapshot!("today_busy_60x16", render(&busy(), 60, 16).backend());
}

/// Entries of several rows each (long notes): fewer fit than the box has rows.
#[test]
fn today_says_when_entries_of_several_rows_are_hidden() {
    let note = |n: &str| {
        Body::Drink(crate::domain::entry::Drink {
            ml: 300,
            kind: crate::domain::entry::DrinkKind::Water,
            sodium_mg: None,
            note: Some(format!(
                "{n}: after the long hill climb near the reservoir with my friends from the \
                 running club on a windy day, then the stairs at the station twice over"
            )),
        })
    };
    let app = app_with(&[
        add("01A", "2026-11-28T08:00:00-05:00", note("one")),
        add("01B", "2026-11-28T09:00:00-05:00", note("two")),
        add("01C", "2026-11-28T10:00:00-05:00", note("three")),
        add("01D", "2026-11-28T11:00:00-05:00", note("four")),
        add("01E", "2026-11-28T12:00:00-05:00", note("five")),
    ]);
    let t = render(&app, 80, 24);
    let b = t.backend().buffer();
    let rows: Vec<String> = (0..24)
        .map(|y| (0..80).map(|x| b[(x, y)].symbol()).collect())
        .collect();
    let title = rows.iter().find(|r| r.contains("Today since")).unwrap();
    let shown = ["08:00", "09:00", "10:00", "11:00", "12:00"]
        .iter()
        .filter(|h| rows.iter().any(|r| r.starts_with(&format!("│ {h}"))))
        .count();
    assert!(
        shown < 5,
        "all five fit at 80x24: the test needs longer notes"
    );
    // The title gives the range shown, as it does for one-row entries.
    let range = format!("({}-5 of 5, j/k scroll)", 5 - shown + 1);
    assert!(
        title.contains(&range),
        "{shown} shown, title {title}\n{}",
        rows.join("\n")
    );
}

/// Weighings typed in kg (72.4 kg is a whole tenth of a kg, not of a lb),
/// with volumes in oz: the TUI shows them in kg, as `crampwatch list` does.
#[test]
fn weights_show_in_the_unit_of_the_first_weighing_on_today_and_history() {
    let weight = |kg: f64| {
        Body::Weight(crate::domain::entry::Weight {
            kg,
            when: None,
            urine_ml: None,
        })
    };
    let app = app_with(&[
        add("01A", "2026-11-27T08:00:00-05:00", weight(72.4)),
        add("01B", "2026-11-28T08:00:00-05:00", weight(72.1)),
    ]);
    let text = |t: &Terminal<TestBackend>| -> String {
        let b = t.backend().buffer();
        (0..b.area.height)
            .map(|y| {
                (0..b.area.width)
                    .map(|x| b[(x, y)].symbol())
                    .collect::<String>()
                    + "\n"
            })
            .collect()
    };
    let today = text(&render(&app, 80, 24));
    assert!(today.contains("weight 72.1 kg"), "{today}");
    let history = text(&render(
        &with(app, vec![Action::Show(Screen::History)]),
        120,
        40,
    ));
    assert!(history.contains("weight 72.4 kg"), "{history}");
    assert!(!history.contains(" lb"), "{history}");
}

#[test]
fn wide_characters_wrap_by_display_width_and_nothing_is_cut_off() {
    // CJK and emoji take two columns each: wrapped by characters, a row of
    // them would run off the right edge and be lost.
    let note =
        "ふくらはぎが階段で急に攣って十分ほど歩けなかった🦵次回は運動の前に水分を多めに取る🥤";
    let cramp = Body::Cramp(Cramp {
        muscle: Muscle::Calf,
        side: Some(Side::Left),
        severity: Some(6),
        duration_s: Some(90),
        context: Some(CrampContext::Rest),
        symptoms: Symptoms::default(),
        relief: vec![],
        note: Some(note.into()),
        muscle_name: None,
    });
    let app = app_with(&[add("01D", "2026-11-28T11:00:00-05:00", cramp)]);
    for (w, h) in [(60, 20), (80, 24), (120, 40)] {
        let t = render(&app, w, h);
        let buf = t.backend().buffer();
        let text: String = buf.content().iter().map(|c| c.symbol()).collect();
        // The note's characters in screen order, without the borders and
        // bars around them: the whole note, across its rows.
        let squeezed: String = text
            .chars()
            .filter(|c| !c.is_ascii() && !('\u{2500}'..='\u{259f}').contains(c))
            .collect();
        assert!(
            squeezed.contains(note),
            "{w}x{h}: the note was cut:\n{text}"
        );
    }
}
