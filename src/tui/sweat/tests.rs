//! The sweat rate on Today and Insights, drawn and snapshot-checked.
//! Figures by hand: a test is (before - after) kg + drunk - urine over hours.

use crate::domain::entry::{Body, Heat, Intensity, WeighWhen, Weight, Workout};
use crate::domain::history::Event;
use crate::tui::app::tests::{add, app_with, at, water};
use crate::tui::app::{Action, App, Change, Effect, Screen};
use crate::tui::forms::{FormAction, FormKind};
use chrono_tz::Tz;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn weigh(kg: f64, urine_ml: Option<u32>) -> Body {
    Body::Weight(Weight {
        kg,
        when: None,
        urine_ml,
    })
}

fn run(end: Option<&str>) -> Body {
    Body::Workout(Workout {
        activity: "run".into(),
        end: end.map(|e| at(e).fixed_offset()),
        intensity: Intensity::Hard,
        heat: Heat::Hot,
        new: false,
        note: None,
    })
}

/// Two hot hard runs, 08:00-09:00, weighed at 07:50 and 09:10:
/// - Wed 25: 70.0 -> 69.2 kg, 500 ml drunk: 1300 ml/h
/// - Thu 26: 70.0 -> 69.0 kg, 400 ml drunk, 300 ml urine: 1100 ml/h
///
/// and Fri 27, 70.0 -> 70.0 kg with 100 ml drunk: 100 ml/h, set aside.
fn tested() -> Vec<Event> {
    let mut ev = Vec::new();
    let days = [
        ("25", 69.2, 500, None),
        ("26", 69.0, 400, Some(300)),
        ("27", 70.0, 100, None),
    ];
    for (day, after, drunk, urine) in days {
        let t = |hm: &str| format!("2026-11-{day}T{hm}:00-05:00");
        ev.push(add(&format!("{day}A"), &t("07:50"), weigh(70.0, None)));
        ev.push(add(&format!("{day}B"), &t("08:00"), run(Some(&t("09:00")))));
        ev.push(add(&format!("{day}C"), &t("08:30"), water(drunk)));
        ev.push(add(&format!("{day}D"), &t("09:10"), weigh(after, urine)));
    }
    ev
}

fn render(app: &App<Tz>, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| crate::tui::view::draw(f, app)).unwrap();
    t
}

fn screen_text(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

#[test]
fn today_during_a_session_shows_the_personal_rate_and_the_loss_so_far() {
    let mut ev = tested();
    // Started 42 min before the pinned now (14:30).
    ev.push(add("RUN", "2026-11-28T13:48:00-05:00", run(None)));
    let app = app_with(&ev);
    let t = render(&app, 80, 24);
    // 1200 ml/h = 40.6 oz/h; 1200 x 0.7 h = 840 ml = 28.4 oz.
    let text = screen_text(&t);
    assert!(
        text.contains(" Sweat   40.6 oz/h (yours: hot, hard, 2 tests) · est. 28.4 oz lost so far"),
        "{text}"
    );
    insta::assert_snapshot!("today_with_a_personal_rate_80x24", t.backend());
}

#[test]
fn today_without_enough_tests_uses_the_guideline_estimate() {
    let mut ev = tested();
    ev.retain(|e| !e.id.starts_with("26"));
    ev.push(add("RUN", "2026-11-28T13:48:00-05:00", run(None)));
    let text = screen_text(&render(&app_with(&ev), 80, 24));
    assert!(text.contains("(guideline: hot, hard)"), "{text}");
}

#[test]
fn today_asks_for_the_after_weighing_for_an_hour() {
    let ev = vec![
        add("W0", "2026-11-28T12:50:00-05:00", weigh(70.0, None)),
        add(
            "R0",
            "2026-11-28T13:00:00-05:00",
            run(Some("2026-11-28T14:00:00-05:00")),
        ),
    ];
    let mut app = app_with(&ev);
    let text = screen_text(&render(&app, 80, 24));
    assert!(
        text.contains("weigh now to learn your sweat rate (after your run, until 15:00)"),
        "{text}"
    );
    app.update(Action::Tick, at("2026-11-28T15:01:00-05:00"));
    let later = screen_text(&render(&app, 80, 24));
    assert!(!later.contains("weigh now"), "{later}");
}

#[test]
fn insights_has_a_sweat_rate_section_with_a_chart_and_the_tests() {
    let mut app = app_with(&tested());
    app.screen = Screen::Insights;
    let t = render(&app, 80, 24);
    let text = screen_text(&t);
    assert!(text.contains("Sweat rate · 3 tests, 2 used"), "{text}");
    assert!(text.contains("hot  │"), "{text}");
    assert!(text.contains("1.2 l/h (2 tests)"), "{text}");
    assert!(
        text.contains("Fri 27 Nov run hard hot · 0.1 l/h · set aside"),
        "{text}"
    );
    insta::assert_snapshot!("insights_sweat_section_80x24", t.backend());
    // No panic at any size.
    for (w, h) in [(60, 16), (61, 17), (120, 40), (20, 5)] {
        render(&app, w, h);
    }
}

fn type_text(app: &mut App<Tz>, s: &str) {
    for c in s.chars() {
        let req = tui_input::InputRequest::InsertChar(c);
        app.update(Action::Form(FormAction::Edit(req)), now());
    }
}

fn form(app: &mut App<Tz>, fa: FormAction) -> Vec<Effect> {
    app.update(Action::Form(fa), now())
}

fn now() -> chrono::DateTime<Tz> {
    at("2026-11-28T14:30:00-05:00")
}

#[test]
fn the_weight_form_offers_before_after_and_urine() {
    // A run that ended 20 min ago: the form proposes "after".
    let ev = vec![add(
        "R0",
        "2026-11-28T13:00:00-05:00",
        run(Some("2026-11-28T14:10:00-05:00")),
    )];
    let mut app = app_with(&ev);
    app.update(Action::Open(FormKind::Weight), now());
    assert!(
        form(&mut app, FormAction::Submit).is_empty(),
        "weight is needed"
    );
    type_text(&mut app, "69.2kg");
    form(&mut app, FormAction::Next);
    form(&mut app, FormAction::Next);
    type_text(&mut app, "3l");
    let f = app.form.as_ref().unwrap();
    assert!(
        f.fields[2]
            .error
            .as_deref()
            .unwrap()
            .contains("at most 2 l")
    );
    for _ in 0..2 {
        form(
            &mut app,
            FormAction::Edit(tui_input::InputRequest::DeletePrevChar),
        );
    }
    type_text(&mut app, "300ml");
    let effects = form(&mut app, FormAction::Submit);
    match effects.as_slice() {
        [Effect::Write(Change::Add { body, .. })] => assert_eq!(
            *body,
            Body::Weight(Weight {
                kg: 69.2,
                when: Some(WeighWhen::After),
                urine_ml: Some(300),
            })
        ),
        other => panic!("expected one add, got {other:?}"),
    }
    // With no session about, none is proposed; Right picks "before".
    let mut app = app_with(&[]);
    app.update(Action::Open(FormKind::Weight), now());
    type_text(&mut app, "154lb");
    form(&mut app, FormAction::Next);
    form(&mut app, FormAction::Right); // -, before
    let effects = form(&mut app, FormAction::Submit);
    match effects.as_slice() {
        [
            Effect::Write(Change::Add {
                body: Body::Weight(w),
                ..
            }),
        ] => {
            assert_eq!(w.when, Some(WeighWhen::Before));
            assert_eq!(w.urine_ml, None);
            assert!((w.kg - 69.85).abs() < 0.01, "{}", w.kg);
        }
        other => panic!("expected one add, got {other:?}"),
    }
}
