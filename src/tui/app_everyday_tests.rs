//! Everyday use: the History selection across reloads, Esc and q, forms
//! pre-filled from a plan, weights edited, undo that says what came back.

use super::tests::{add, app_with, now, water};
use super::*;
use crate::domain::entry::Body;
use crate::domain::history::Event;
use crate::tui::forms::{FormAction, FormKind};
use chrono_tz::Tz;

fn send(app: &mut App<Tz>, a: Action) -> Vec<Effect> {
    app.update(a, now())
}

fn h(app: &mut App<Tz>, ha: HistoryAction) -> Vec<Effect> {
    send(app, Action::History(ha))
}

fn load(app: &mut App<Tz>, journal: &[Event]) {
    send(
        app,
        Action::Loaded {
            history: Box::new(History::fold(journal)),
            problems: vec![],
        },
    );
}

fn selected_id(app: &App<Tz>) -> String {
    let entries = app.week_entries();
    app.week.selected_entry(&entries).unwrap().id.clone()
}

#[test]
fn an_earlier_entry_from_another_terminal_does_not_move_the_selection() {
    let mut journal = vec![
        add("00MON", "2026-11-23T09:00:00-05:00", water(500)),
        add("00WED", "2026-11-25T20:00:00-05:00", water(250)),
        add("00SAT", "2026-11-28T08:00:00-05:00", water(300)),
    ];
    let mut app = app_with(&journal);
    send(&mut app, Action::Show(Screen::History));
    h(&mut app, HistoryAction::Down);
    assert_eq!(selected_id(&app), "00WED");
    // Another terminal logs a drink on Tuesday: it lands above the selection.
    journal.push(add("00TUE", "2026-11-24T10:00:00-05:00", water(200)));
    load(&mut app, &journal);
    assert_eq!(
        selected_id(&app),
        "00WED",
        "the highlight stays on Wednesday"
    );
    let effects = h(&mut app, HistoryAction::Delete);
    let [Effect::Write(Change::Delete { target, .. })] = effects.as_slice() else {
        panic!("expected one delete, got {effects:?}");
    };
    assert_eq!(target, "00WED", "x deletes the entry the user selected");
}

#[test]
fn a_deleted_selection_moves_to_the_row_in_its_place() {
    let journal = vec![
        add("00MON", "2026-11-23T09:00:00-05:00", water(500)),
        add("00WED", "2026-11-25T20:00:00-05:00", water(250)),
        add("00SAT", "2026-11-28T08:00:00-05:00", water(300)),
    ];
    let mut app = app_with(&journal);
    send(&mut app, Action::Show(Screen::History));
    h(&mut app, HistoryAction::Down);
    let fewer = [journal[0].clone(), journal[2].clone()];
    load(&mut app, &fewer);
    assert_eq!(selected_id(&app), "00SAT");
}

fn flash(app: &App<Tz>) -> String {
    app.flash
        .as_ref()
        .map(|f| f.text.clone())
        .unwrap_or_default()
}

/// Writes what the effects ask to the journal (a Vec) and loads it again.
fn carry_out(app: &mut App<Tz>, journal: &mut Vec<Event>, effects: Vec<Effect>) {
    for e in effects {
        if let Effect::Write(change) = e {
            let t = now().fixed_offset();
            let ev = change.into_event(
                crate::store::new_id(&t, app.history.last_event_id.as_deref()),
                t,
            );
            journal.push(ev);
            let j = journal.clone();
            load(app, &j);
        }
    }
}

#[test]
fn undoing_an_edit_says_the_value_it_restored() {
    let mut journal = vec![add("00A", "2026-11-28T09:00:00-05:00", water(355))];
    // The drink was edited from 355 ml to 500 ml.
    let mut amend = add("00B", "2026-11-28T09:00:00-05:00", water(500));
    amend.op = crate::domain::history::Op::Amend;
    amend.target = Some("00A".into());
    journal.push(amend);
    let mut app = app_with(&journal);
    let effects = send(&mut app, Action::Undo);
    carry_out(&mut app, &mut journal, effects);
    let said = flash(&app);
    // 355 ml is 12.0 US fl oz (355 / 29.5735); 500 ml would be 16.9.
    assert!(said.contains("back to drink 12 oz"), "{said}");
    assert!(!said.contains("16.9"), "{said}");
}

#[test]
fn undoing_a_log_or_a_delete_says_what_went_or_came_back() {
    let mut journal = vec![add("00A", "2026-11-28T09:00:00-05:00", water(296))];
    let mut app = app_with(&journal);
    let effects = send(&mut app, Action::Undo);
    assert!(
        flash(&app).contains("drink 10 oz water taken out"),
        "{}",
        flash(&app)
    );
    carry_out(&mut app, &mut journal, effects);
    assert!(app.history.get("00A").is_none());
    let effects = send(&mut app, Action::Redo);
    assert!(
        flash(&app).contains("drink 10 oz water is back"),
        "{}",
        flash(&app)
    );
    carry_out(&mut app, &mut journal, effects);
    assert!(app.history.get("00A").is_some());
}

#[test]
fn w_fills_the_start_form_from_todays_plan_and_enter_starts_it() {
    use crate::domain::entry::{Heat, Intensity, Plan, Workout};
    let plan = Body::Plan(Plan {
        activity: "tempo run".into(),
        minutes: 50,
        intensity: Intensity::Hard,
        heat: Heat::Hot,
        note: None,
    });
    let mut app = app_with(&[add("00P", "2026-11-28T15:00:00-05:00", plan)]);
    send(&mut app, Action::Open(FormKind::Workout));
    let title = app.form.as_ref().unwrap().title.clone();
    assert!(
        title.contains("tempo run") && title.contains("15:00"),
        "{title}"
    );
    let effects = send(&mut app, Action::Form(FormAction::Submit));
    let [Effect::Write(Change::Add { at, body })] = effects.as_slice() else {
        panic!("expected one add, got {effects:?}");
    };
    assert_eq!(*at, now().fixed_offset(), "it starts now");
    assert_eq!(
        *body,
        Body::Workout(Workout {
            activity: "tempo run".into(),
            end: None,
            intensity: Intensity::Hard,
            heat: Heat::Hot,
            new: false,
            note: None,
        })
    );
}

#[test]
fn w_opens_a_blank_form_once_the_planned_session_was_started() {
    use crate::domain::entry::{Heat, Intensity, Plan, Workout};
    let plan = Body::Plan(Plan {
        activity: "run".into(),
        minutes: 50,
        intensity: Intensity::Hard,
        heat: Heat::Hot,
        note: None,
    });
    let done = Body::Workout(Workout {
        activity: "run".into(),
        end: Some(crate::tui::app::tests::at("2026-11-28T13:00:00-05:00").fixed_offset()),
        intensity: Intensity::Hard,
        heat: Heat::Hot,
        new: false,
        note: None,
    });
    let mut app = app_with(&[
        add("00P", "2026-11-28T12:00:00-05:00", plan),
        add("00W", "2026-11-28T12:05:00-05:00", done),
    ]);
    send(&mut app, Action::Open(FormKind::Workout));
    assert_eq!(app.form.as_ref().unwrap().title, "Start a workout");
}

#[test]
fn a_plan_started_hours_early_is_taken_up_its_preload_gone_and_w_starts_afresh() {
    use crate::domain::entry::{Heat, Intensity, Plan, Workout};
    use crate::domain::hydration::TimerKind;
    let plan = Body::Plan(Plan {
        activity: "run".into(),
        minutes: 50,
        intensity: Intensity::Hard,
        heat: Heat::Hot,
        note: None,
    });
    // Planned at 08:00 for 18:00; run from 13:00 to 13:40 (now is 14:30).
    let mut planned = add("00P", "2026-11-28T18:00:00-05:00", plan);
    planned.logged = crate::tui::app::tests::at("2026-11-28T08:00:00-05:00").fixed_offset();
    let ran = Body::Workout(Workout {
        activity: "run".into(),
        end: Some(crate::tui::app::tests::at("2026-11-28T13:40:00-05:00").fixed_offset()),
        intensity: Intensity::Hard,
        heat: Heat::Hot,
        new: false,
        note: None,
    });
    let mut app = app_with(&[planned, add("00W", "2026-11-28T13:00:00-05:00", ran)]);
    let kinds: Vec<_> = app.hydration.timers.iter().map(|t| t.kind).collect();
    assert!(!kinds.contains(&TimerKind::Preload), "{kinds:?}");
    assert!(!kinds.contains(&TimerKind::Topup), "{kinds:?}");
    send(&mut app, Action::Open(FormKind::Workout));
    assert_eq!(app.form.as_ref().unwrap().title, "Start a workout");
}

#[test]
fn enter_on_a_weight_in_history_opens_it_filled_in_and_saving_amends_it() {
    use crate::domain::entry::{WeighWhen, Weight};
    use tui_input::InputRequest;
    let weight = Body::Weight(Weight {
        kg: 72.4,
        when: Some(WeighWhen::Before),
        urine_ml: None,
    });
    let mut app = app_with(&[add("00W", "2026-11-28T07:00:00-05:00", weight)]);
    send(&mut app, Action::Show(Screen::History));
    send(&mut app, Action::Select);
    let form = app.form.as_ref().expect("Enter opens the weight form");
    assert!(form.title.starts_with("Edit weight"), "{}", form.title);
    assert_eq!(form.text("weight"), "72.4kg");
    assert_eq!(form.choice("when").as_deref(), Some("before"));
    assert_eq!(form.text("at"), "2026-11-28 07:00");
    // The weight field has focus: type a new one over it.
    for _ in 0..6 {
        send(
            &mut app,
            Action::Form(FormAction::Edit(InputRequest::DeletePrevChar)),
        );
    }
    for c in "160lb".chars() {
        send(
            &mut app,
            Action::Form(FormAction::Edit(InputRequest::InsertChar(c))),
        );
    }
    let effects = send(&mut app, Action::Form(FormAction::Submit));
    let [Effect::Write(Change::Amend { target, body, .. })] = effects.as_slice() else {
        panic!("expected one amend, got {effects:?}");
    };
    assert_eq!(target, "00W");
    // 160 lb at 0.45359237 kg/lb is 72.57 kg, rounded to 10 g.
    assert_eq!(
        *body,
        Body::Weight(Weight {
            kg: 72.57,
            when: Some(WeighWhen::Before),
            urine_ml: None,
        })
    );
}

#[test]
fn a_weight_that_is_not_a_body_weight_is_refused_in_the_form() {
    use crate::domain::entry::Weight;
    use tui_input::InputRequest;
    let weight = Body::Weight(Weight {
        kg: 72.4,
        when: None,
        urine_ml: None,
    });
    let mut app = app_with(&[add("00W", "2026-11-28T07:00:00-05:00", weight)]);
    send(&mut app, Action::Show(Screen::History));
    send(&mut app, Action::Select);
    send(
        &mut app,
        Action::Form(FormAction::Edit(InputRequest::InsertChar('0'))),
    );
    let effects = send(&mut app, Action::Form(FormAction::Submit));
    assert!(effects.is_empty(), "724 kg is not saved");
    let form = app.form.as_ref().unwrap();
    assert!(form.fields[0].error.is_some());
}

/// Opens the cramp form, picks `other` and types `name` in the name field.
fn other_cramp(app: &mut App<Tz>, muscle_steps: usize, name: &str) -> Vec<Effect> {
    use tui_input::InputRequest;
    send(app, Action::Open(FormKind::Cramp));
    for _ in 0..muscle_steps {
        send(app, Action::Form(FormAction::Right));
    }
    send(app, Action::Form(FormAction::Next));
    for c in name.chars() {
        send(
            app,
            Action::Form(FormAction::Edit(InputRequest::InsertChar(c))),
        );
    }
    send(app, Action::Form(FormAction::Submit))
}

#[test]
fn an_other_muscle_takes_a_name_and_keeps_it() {
    use crate::domain::entry::{Cramp, Muscle};
    let mut app = app_with(&[]);
    // calf, hamstring, quadriceps, foot, hand, other: five steps right.
    let effects = other_cramp(&mut app, 5, "forearm");
    let [Effect::Write(Change::Add { body, .. })] = effects.as_slice() else {
        panic!("expected one add, got {effects:?}");
    };
    let Body::Cramp(Cramp {
        muscle,
        muscle_name,
        ..
    }) = body
    else {
        panic!("{body:?}");
    };
    assert_eq!(*muscle, Muscle::Other);
    assert_eq!(muscle_name.as_deref(), Some("forearm"));
    assert!(
        body.describe(app.settings.units, &app.now.timezone())
            .starts_with("cramp other (forearm)")
    );
}

#[test]
fn a_listed_muscle_typed_as_the_name_is_marked_on_the_field_and_the_form_stays() {
    let mut app = app_with(&[]);
    let effects = other_cramp(&mut app, 5, "Calf");
    assert!(effects.is_empty(), "nothing written: {effects:?}");
    let form = app.form.as_ref().expect("the form stays open");
    let name = form.fields.iter().find(|f| f.key == "name").unwrap();
    assert_eq!(
        name.error.as_deref(),
        Some("calf is in the list of muscles: log it as calf, not as other")
    );
}

#[test]
fn the_name_field_shows_only_for_an_other_muscle() {
    let names = |app: &App<Tz>| -> Vec<&str> {
        app.form
            .as_ref()
            .unwrap()
            .fields
            .iter()
            .map(|f| f.key)
            .collect()
    };
    let mut app = app_with(&[]);
    send(&mut app, Action::Open(FormKind::Cramp));
    assert!(!names(&app).contains(&"name"), "calf needs no name");
    send(&mut app, Action::Form(FormAction::Left));
    assert_eq!(
        names(&app)[..2],
        ["muscle", "name"],
        "other: a name under it"
    );
    send(&mut app, Action::Form(FormAction::Left));
    assert!(!names(&app).contains(&"name"), "hand: gone again");
}

#[test]
fn a_muscle_name_survives_the_journal_line_and_the_cache() {
    let line = r#"{"v":1,"id":"A1","op":"add","at":"2026-11-28T03:00:00-05:00","logged":"2026-11-28T03:01:02-05:00","entry":{"type":"cramp","muscle":"other","muscle_name":"forearm"}}"#;
    let Ok(fast) = crate::store::parse_event(line.as_bytes()) else {
        panic!("the journal reader takes it");
    };
    let slow: Event = serde_json::from_str(line).unwrap();
    assert_eq!(fast, slow);
    let Some(Body::Cramp(c)) = &fast.entry else {
        panic!("{fast:?}");
    };
    assert_eq!(c.muscle_name.as_deref(), Some("forearm"));
    assert!(
        serde_json::to_string(&fast)
            .unwrap()
            .contains(r#""muscle_name":"forearm""#)
    );
}

/// A workout started 30 hours back is refused on the form, which stays
/// open with the gate's word under its time (it used to close, the input
/// lost, with the message cut on the status line).
#[test]
fn the_gates_refusal_is_said_on_the_open_form() {
    use tui_input::InputRequest;
    let mut app = app_with(&[]);
    send(&mut app, Action::Open(FormKind::Workout));
    let type_in = |app: &mut App<Tz>, s: &str| {
        for c in s.chars() {
            send(
                app,
                Action::Form(FormAction::Edit(InputRequest::InsertChar(c))),
            );
        }
    };
    type_in(&mut app, "swim");
    let at = app
        .form
        .as_ref()
        .unwrap()
        .fields
        .iter()
        .position(|f| f.key == "at")
        .unwrap();
    for _ in 0..at {
        send(&mut app, Action::Form(FormAction::Next));
    }
    type_in(&mut app, "-30h");
    let effects = send(&mut app, Action::Form(FormAction::Submit));
    assert!(effects.is_empty(), "{effects:?}");
    let form = app.form.as_ref().expect("the form stays open");
    let err = form.fields[at].error.clone().unwrap_or_default();
    assert!(err.contains("more than 24 hours long"), "{err}");
    assert_eq!(form.text("activity"), "swim", "the input is kept");
}

/// A bare number on the weight form is read against the last weighing when
/// saved, as `crampwatch weight 40` is: 40 after 63.7 kg is far from it,
/// not "not a plausible body weight" (it was read as 40 lb by the field).
#[test]
fn a_bare_weight_on_the_form_gets_the_message_the_command_line_gives() {
    use crate::domain::entry::{WeighWhen, Weight};
    use tui_input::InputRequest;
    let weighed = Body::Weight(Weight {
        kg: 63.7,
        when: Some(WeighWhen::Before),
        urine_ml: None,
    });
    let mut app = app_with(&[add("00W", "2026-11-27T07:00:00-05:00", weighed)]);
    send(&mut app, Action::Open(FormKind::Weight));
    let i = app
        .form
        .as_ref()
        .unwrap()
        .fields
        .iter()
        .position(|f| f.key == "weight")
        .unwrap();
    for _ in 0..i {
        send(&mut app, Action::Form(FormAction::Next));
    }
    for c in "40".chars() {
        send(
            &mut app,
            Action::Form(FormAction::Edit(InputRequest::InsertChar(c))),
        );
    }
    let effects = send(&mut app, Action::Form(FormAction::Submit));
    assert!(effects.is_empty(), "{effects:?}");
    let err = app.form.as_ref().unwrap().fields[i]
        .error
        .clone()
        .unwrap_or_default();
    assert!(err.contains("away from your weighing of 63.7 kg"), "{err}");
}
