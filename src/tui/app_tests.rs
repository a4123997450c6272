//! `App::update` fed with actions, no terminal: what a user would notice.

use super::*;
use crate::domain::entry::{
    CrampContext, Drink, DrinkKind, Heat, Intensity, Muscle, Relief, Side, Workout,
};
use crate::domain::history::{Event, Op, SCHEMA_VERSION};
use crate::tui::forms::{FormAction, FormKind};
use chrono_tz::America::New_York;
use chrono_tz::Tz;
use tui_input::InputRequest;

pub(crate) fn at(s: &str) -> DateTime<Tz> {
    DateTime::parse_from_rfc3339(s)
        .unwrap()
        .with_timezone(&New_York)
}

pub(crate) fn now() -> DateTime<Tz> {
    at("2026-11-28T14:30:00-05:00")
}

pub(crate) fn add(id: &str, when: &str, body: Body) -> Event {
    let t = at(when).fixed_offset();
    Event {
        v: SCHEMA_VERSION,
        id: id.into(),
        op: Op::Add,
        at: t,
        logged: t,
        target: None,
        entry: Some(body),
        extra: Default::default(),
    }
}

pub(crate) fn water(ml: u32) -> Body {
    Body::Drink(Drink {
        ml,
        kind: DrinkKind::Water,
        sodium_mg: None,
        note: None,
    })
}

pub(crate) fn app_with(events: &[Event]) -> App<Tz> {
    App::new(
        Settings::default(),
        Rules::embedded().unwrap(),
        History::fold(events),
        now(),
    )
}

fn send(app: &mut App<Tz>, a: Action) -> Vec<Effect> {
    app.update(a, now())
}

fn type_text(app: &mut App<Tz>, s: &str) {
    for c in s.chars() {
        send(
            app,
            Action::Form(FormAction::Edit(InputRequest::InsertChar(c))),
        );
    }
}

fn key(app: &mut App<Tz>, fa: FormAction) -> Vec<Effect> {
    send(app, Action::Form(fa))
}

/// The one body an effect list writes.
fn written(effects: &[Effect]) -> (Time, Body) {
    match effects {
        [Effect::Write(Change::Add { at, body })] => (*at, body.clone()),
        other => panic!("expected one add, got {other:?}"),
    }
}

#[test]
fn a_number_key_logs_that_preset_at_once() {
    let mut app = app_with(&[]);
    send(&mut app, Action::Open(FormKind::Drink));
    let effects = key(&mut app, FormAction::Preset(2));
    let (t, body) = written(&effects);
    assert_eq!(t, now().fixed_offset());
    assert_eq!(body, water(296));
    assert!(app.form.is_none(), "the form closes");
    assert_eq!(
        app.flash.as_ref().unwrap().text,
        "saved: drink 10 oz water at 14:30"
    );
}

#[test]
fn enter_takes_the_first_preset() {
    let mut app = app_with(&[]);
    send(&mut app, Action::Open(FormKind::Drink));
    let (_, body) = written(&key(&mut app, FormAction::Submit));
    assert_eq!(body, water(237));
}

#[test]
fn a_preset_number_beyond_the_list_does_nothing() {
    let mut app = app_with(&[]);
    send(&mut app, Action::Open(FormKind::Drink));
    assert!(key(&mut app, FormAction::Preset(7)).is_empty());
    assert!(app.form.is_some());
}

#[test]
fn a_custom_amount_kind_and_time_are_logged() {
    let mut app = app_with(&[]);
    send(&mut app, Action::Open(FormKind::Drink));
    key(&mut app, FormAction::Next);
    type_text(&mut app, "12oz");
    key(&mut app, FormAction::Next);
    key(&mut app, FormAction::Right); // sports
    key(&mut app, FormAction::Next);
    type_text(&mut app, "300");
    key(&mut app, FormAction::Next);
    type_text(&mut app, "14:00");
    let (t, body) = written(&key(&mut app, FormAction::Submit));
    assert_eq!(t, at("2026-11-28T14:00:00-05:00").fixed_offset());
    assert_eq!(
        body,
        Body::Drink(Drink {
            ml: 355,
            kind: DrinkKind::Sports,
            sodium_mg: Some(300),
            note: None
        })
    );
}

#[test]
fn a_bad_amount_is_flagged_as_typed_and_nothing_is_written() {
    let mut app = app_with(&[]);
    send(&mut app, Action::Open(FormKind::Drink));
    key(&mut app, FormAction::Next);
    type_text(&mut app, "10 parsecs");
    let form = app.form.as_ref().unwrap();
    let err = form.fields[1].error.as_deref().unwrap();
    assert!(err.contains("not a volume"), "{err}");
    assert!(key(&mut app, FormAction::Submit).is_empty());
    let form = app.form.as_ref().expect("the form stays open");
    assert_eq!(form.focus, 1, "focus goes to the bad field");
}

#[test]
fn a_drink_in_the_future_is_refused() {
    let mut app = app_with(&[]);
    send(&mut app, Action::Open(FormKind::Drink));
    for _ in 0..4 {
        key(&mut app, FormAction::Next);
    }
    type_text(&mut app, "16:00");
    assert!(key(&mut app, FormAction::Submit).is_empty());
    let err = app.form.as_ref().unwrap().fields[4].error.clone().unwrap();
    assert!(err.contains("future"), "{err}");
}

#[test]
fn every_cramp_field_reaches_the_entry() {
    let mut app = app_with(&[]);
    send(&mut app, Action::Open(FormKind::Cramp));
    key(&mut app, FormAction::Right); // hamstring
    key(&mut app, FormAction::Next);
    key(&mut app, FormAction::Right); // left
    key(&mut app, FormAction::Next);
    type_text(&mut app, "11");
    let err = app.form.as_ref().unwrap().fields[2].error.clone().unwrap();
    assert!(err.contains("1 to 10"), "{err}");
    send(
        &mut app,
        Action::Form(FormAction::Edit(InputRequest::DeletePrevChar)),
    );
    assert!(app.form.as_ref().unwrap().fields[2].error.is_none());
    key(&mut app, FormAction::Next);
    type_text(&mut app, "2m");
    key(&mut app, FormAction::Next);
    for _ in 0..4 {
        key(&mut app, FormAction::Right); // auto, during, after, rest, night
    }
    key(&mut app, FormAction::Next);
    key(&mut app, FormAction::Toggle); // swelling
    key(&mut app, FormAction::Right);
    key(&mut app, FormAction::Right);
    key(&mut app, FormAction::Toggle); // weakness
    key(&mut app, FormAction::Next);
    key(&mut app, FormAction::Toggle); // stretch
    key(&mut app, FormAction::Left);
    key(&mut app, FormAction::Toggle); // pickle juice (wraps)
    key(&mut app, FormAction::Next);
    type_text(&mut app, "-10m");
    key(&mut app, FormAction::Next);
    type_text(&mut app, "after the hill");
    let (t, body) = written(&key(&mut app, FormAction::Submit));
    assert_eq!(t, at("2026-11-28T14:20:00-05:00").fixed_offset());
    let Body::Cramp(c) = body else {
        panic!("not a cramp")
    };
    assert_eq!(c.muscle, Muscle::Hamstring);
    assert_eq!(c.side, Some(Side::Left));
    assert_eq!(c.severity, Some(1));
    assert_eq!(c.duration_s, Some(120));
    assert_eq!(c.context, Some(CrampContext::Night));
    assert!(c.symptoms.swelling && c.symptoms.weakness);
    assert!(!c.symptoms.redness && !c.symptoms.numbness);
    assert_eq!(c.relief, vec![Relief::Stretch, Relief::PickleJuice]);
    assert_eq!(c.note.as_deref(), Some("after the hill"));
}

#[test]
fn a_cramp_with_defaults_infers_its_context_from_a_running_workout() {
    let run = Body::Workout(Workout {
        activity: "run".into(),
        end: None,
        intensity: Intensity::Hard,
        heat: Heat::Hot,
        new: false,
        note: None,
    });
    let mut app = app_with(&[add("01A", "2026-11-28T14:00:00-05:00", run)]);
    send(&mut app, Action::Open(FormKind::Cramp));
    let (_, body) = written(&key(&mut app, FormAction::Submit));
    let Body::Cramp(c) = body else {
        panic!("not a cramp")
    };
    assert_eq!(c.muscle, Muscle::Calf);
    assert_eq!(c.side, None);
    assert_eq!(c.severity, None);
    assert_eq!(c.context, Some(CrampContext::During));
}

#[test]
fn a_workout_needs_an_activity_then_starts_and_later_stops() {
    let mut app = app_with(&[]);
    send(&mut app, Action::Open(FormKind::Workout));
    assert!(key(&mut app, FormAction::Submit).is_empty());
    assert!(app.form.as_ref().unwrap().fields[0].error.is_some());
    type_text(&mut app, "run");
    key(&mut app, FormAction::Next);
    key(&mut app, FormAction::Right); // hard
    let (_, body) = written(&key(&mut app, FormAction::Submit));
    let Body::Workout(w) = &body else {
        panic!("not a workout")
    };
    assert_eq!(w.activity, "run");
    assert_eq!(w.intensity, Intensity::Hard);
    assert_eq!(w.end, None);

    // Once it is in the journal, w offers to stop it.
    let started = "2026-11-28T13:48:00-05:00";
    let mut app = app_with(&[add("01A", started, body)]);
    send(&mut app, Action::Open(FormKind::Workout));
    assert!(app.form.as_ref().unwrap().title.starts_with("Stop run"));
    let effects = key(&mut app, FormAction::Submit);
    match effects.as_slice() {
        [
            Effect::Write(Change::Amend {
                target,
                at: t,
                body,
            }),
        ] => {
            assert_eq!(target, "01A");
            assert_eq!(*t, at(started).fixed_offset());
            let Body::Workout(w) = body else { panic!() };
            assert_eq!(w.end, Some(now().fixed_offset()));
        }
        other => panic!("expected an amend, got {other:?}"),
    }
    assert!(app.flash.as_ref().unwrap().text.contains("after 42 min"));
}

#[test]
fn a_plan_needs_a_start_in_the_future() {
    let mut app = app_with(&[]);
    send(&mut app, Action::Open(FormKind::Plan));
    type_text(&mut app, "ride");
    key(&mut app, FormAction::Next);
    type_text(&mut app, "09:00");
    assert!(
        key(&mut app, FormAction::Submit).is_empty(),
        "09:00 is past"
    );
    for _ in 0..5 {
        send(
            &mut app,
            Action::Form(FormAction::Edit(InputRequest::DeletePrevChar)),
        );
    }
    type_text(&mut app, "18:00");
    key(&mut app, FormAction::Next);
    for _ in 0..2 {
        send(
            &mut app,
            Action::Form(FormAction::Edit(InputRequest::DeletePrevChar)),
        );
    }
    type_text(&mut app, "90");
    let (t, body) = written(&key(&mut app, FormAction::Submit));
    assert_eq!(t, at("2026-11-28T18:00:00-05:00").fixed_offset());
    let Body::Plan(p) = body else {
        panic!("not a plan")
    };
    assert_eq!((p.activity.as_str(), p.minutes), ("ride", 90));
}

#[test]
fn esc_cancels_a_form_without_writing() {
    let mut app = app_with(&[]);
    send(&mut app, Action::Open(FormKind::Cramp));
    assert!(key(&mut app, FormAction::Cancel).is_empty());
    assert!(app.form.is_none());
    assert!(!app.quit);
}

#[test]
fn undo_and_redo_name_the_last_action() {
    let mut app = app_with(&[]);
    assert!(send(&mut app, Action::Undo).is_empty());
    assert_eq!(app.flash.as_ref().unwrap().text, "nothing to undo");

    let mut app = app_with(&[add("01A", "2026-11-28T14:00:00-05:00", water(296))]);
    let effects = send(&mut app, Action::Undo);
    assert_eq!(
        effects,
        vec![Effect::Write(Change::Undo {
            event_id: "01A".into()
        })]
    );
    assert!(app.flash.as_ref().unwrap().text.contains("drink 10 oz"));
    assert!(
        send(&mut app, Action::Redo).is_empty(),
        "nothing undone yet"
    );
}

#[test]
fn screens_cycle_and_esc_goes_back_to_today_and_no_further() {
    let mut app = app_with(&[]);
    send(&mut app, Action::NextScreen);
    assert_eq!(app.screen, Screen::Glance);
    send(&mut app, Action::PrevScreen);
    send(&mut app, Action::PrevScreen);
    assert_eq!(app.screen, Screen::Guide, "wraps around");
    send(&mut app, Action::Show(Screen::Glance));
    send(&mut app, Action::ToggleHelp);
    send(&mut app, Action::Back);
    assert!(!app.help && app.screen == Screen::Glance);
    send(&mut app, Action::Back);
    assert_eq!(app.screen, Screen::Today);
    // A second Esc (one too many after closing a form) must not quit.
    assert!(send(&mut app, Action::Back).is_empty());
    assert!(!app.quit && app.screen == Screen::Today);
    // q on Today quits at once, without asking.
    assert_eq!(send(&mut app, Action::Quit), vec![Effect::Quit]);
    assert!(app.quit);
}

#[test]
fn a_reload_updates_intake_and_only_todays_entries_count() {
    let mut app = app_with(&[]);
    assert_eq!(app.hydration.intake_today_ml, 0);
    // 03:00 belongs to yesterday: the day starts at 04:00.
    let events = [
        add("01A", "2026-11-28T03:00:00-05:00", water(500)),
        add("01B", "2026-11-28T09:00:00-05:00", water(296)),
        add("01C", "2026-11-28T13:00:00-05:00", water(237)),
    ];
    send(
        &mut app,
        Action::Loaded {
            history: Box::new(History::fold(&events)),
            problems: vec![],
        },
    );
    assert_eq!(app.hydration.intake_today_ml, 533);
    assert_eq!(app.today_entries().len(), 2);
}

#[test]
fn a_flash_fades_after_a_few_seconds() {
    let mut app = app_with(&[]);
    send(&mut app, Action::Undo);
    assert!(app.flash.is_some());
    app.update(Action::Tick, at("2026-11-28T14:30:05-05:00"));
    assert!(app.flash.is_some());
    app.update(Action::Tick, at("2026-11-28T14:30:09-05:00"));
    assert!(app.flash.is_none());
}

#[test]
fn a_failed_write_is_shown_as_an_error() {
    let mut app = app_with(&[]);
    send(&mut app, Action::Failed("not saved: disk full".into()));
    let f = app.flash.as_ref().unwrap();
    assert!(f.error && f.text.contains("disk full"));
}

#[test]
fn a_workout_left_running_for_days_asks_when_it_really_ended() {
    let run = Body::Workout(Workout {
        activity: "run".into(),
        end: None,
        intensity: Intensity::Moderate,
        heat: Heat::Mild,
        new: false,
        note: None,
    });
    let mut app = app_with(&[add("01A", "2026-11-26T08:00:00-05:00", run)]);
    send(&mut app, Action::Open(FormKind::Workout));
    assert!(key(&mut app, FormAction::Submit).is_empty());
    let err = app.form.as_ref().unwrap().fields[0].error.clone().unwrap();
    assert!(err.contains("really ended"), "{err}");
    type_text(&mut app, "2026-11-26 09:10");
    let effects = key(&mut app, FormAction::Submit);
    let [Effect::Write(Change::Amend { body, .. })] = effects.as_slice() else {
        panic!("expected an amend, got {effects:?}")
    };
    let Body::Workout(w) = body else { panic!() };
    assert_eq!(w.end, Some(at("2026-11-26T09:10:00-05:00").fixed_offset()));
}

fn easy_run_from_14() -> Vec<Event> {
    let run = Body::Workout(Workout {
        activity: "run".into(),
        end: None,
        intensity: Intensity::Moderate,
        heat: Heat::Mild,
        new: false,
        note: None,
    });
    vec![
        add("01A", "2026-11-28T08:00:00-05:00", water(500)),
        add("01B", "2026-11-28T14:00:00-05:00", run),
    ]
}

fn app_at(events: &[Event], settings: Settings, when: &str) -> App<Tz> {
    App::new(
        settings,
        Rules::embedded().unwrap(),
        History::fold(events),
        at(when),
    )
}

#[test]
fn the_bell_rings_once_when_a_sip_comes_due() {
    let mut app = app_at(
        &easy_run_from_14(),
        Settings::default(),
        "2026-11-28T14:15:00-05:00",
    );
    let sip = |app: &App<Tz>| {
        app.hydration
            .timers
            .iter()
            .find(|t| t.kind == timers::TimerKind::Sip)
            .map(|t| t.state)
    };
    assert_eq!(sip(&app), Some(timers::TimerState::Open));
    assert!(
        app.update(Action::Tick, at("2026-11-28T14:19:59-05:00"))
            .is_empty()
    );
    let effects = app.update(Action::Tick, at("2026-11-28T14:20:00-05:00"));
    assert_eq!(sip(&app), Some(timers::TimerState::Due));
    assert_eq!(effects, vec![Effect::Bell]);
    assert!(
        app.update(Action::Tick, at("2026-11-28T14:20:01-05:00"))
            .is_empty()
    );
}

#[test]
fn the_notify_command_gets_the_message_and_the_bell_can_be_off() {
    let settings = Settings {
        bell: false,
        notify_command: Some("notify-send".into()),
        ..Settings::default()
    };
    let mut app = app_at(&easy_run_from_14(), settings, "2026-11-28T14:15:00-05:00");
    let effects = app.update(Action::Tick, at("2026-11-28T14:20:00-05:00"));
    let [Effect::Notify(message)] = effects.as_slice() else {
        panic!("expected one notify, got {effects:?}")
    };
    assert!(message.contains("sip"), "{message}");
}

#[test]
fn what_is_already_due_at_start_does_not_ring() {
    let mut app = app_at(
        &easy_run_from_14(),
        Settings::default(),
        "2026-11-28T14:25:00-05:00",
    );
    assert!(
        app.update(Action::Tick, at("2026-11-28T14:25:01-05:00"))
            .is_empty()
    );
}

#[test]
fn k_scrolls_back_through_today_and_stops_at_the_first_entry() {
    let events = [
        add("01A", "2026-11-28T09:00:00-05:00", water(296)),
        add("01B", "2026-11-28T10:00:00-05:00", water(296)),
        add("01C", "2026-11-28T11:00:00-05:00", water(296)),
    ];
    let mut app = app_with(&events);
    assert_eq!(app.scroll, 0, "the newest entry is in view");
    for _ in 0..5 {
        send(&mut app, Action::ScrollUp);
    }
    assert_eq!(app.scroll, 2, "at most back to the first entry");
    send(&mut app, Action::ScrollDown);
    assert_eq!(app.scroll, 1);
    send(&mut app, Action::Show(Screen::Glance));
    send(&mut app, Action::ScrollDown);
    assert_eq!(app.scroll, 1, "other screens keep Today's place");
}

#[test]
fn a_drink_just_written_shows_at_once_and_anything_else_asks_for_a_reload() {
    let mut app = app_with(&[add("01A", "2026-11-28T09:00:00-05:00", water(250))]);
    let mut drink = add("01B", "2026-11-28T14:29:00-05:00", water(300));
    drink.logged = now().fixed_offset();
    let effects = send(&mut app, Action::Appended(Box::new(drink)));
    assert!(!effects.contains(&Effect::Reload), "{effects:?}");
    assert_eq!(app.hydration.intake_today_ml, 550);
    assert_eq!(app.today_entries().len(), 2);
    assert_eq!(
        app.history.next_undo().map(|a| a.entry_id.as_str()),
        Some("01B"),
        "undo now takes back the drink just logged"
    );
    // An id older than the newest read: only a full read is right.
    let stale = add("01AA", "2026-11-28T14:00:00-05:00", water(100));
    let effects = send(&mut app, Action::Appended(Box::new(stale)));
    assert!(effects.contains(&Effect::Reload), "{effects:?}");
    assert_eq!(app.hydration.intake_today_ml, 550, "nothing taken in");
}

#[test]
fn a_red_flag_cramp_shows_its_advice_first_and_a_plain_one_does_not() {
    // Swelling: the card with the advice to see a doctor, over everything.
    let mut app = app_with(&[]);
    send(&mut app, Action::Open(FormKind::Cramp));
    for _ in 0..5 {
        key(&mut app, FormAction::Next); // to the symptoms
    }
    key(&mut app, FormAction::Toggle); // swelling
    key(&mut app, FormAction::Submit);
    assert_eq!(app.alarm.len(), 1, "{:?}", app.alarm);
    assert!(app.alarm[0].contains("see a doctor"), "{:?}", app.alarm);
    assert_eq!(app.mode(), super::Mode::Card);
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    term.draw(|f| crate::tui::view::draw(f, &app)).unwrap();
    let screen: String = term
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(screen.contains("Get this checked"), "{screen}");
    assert!(screen.contains("not medical advice"), "{screen}");
    // Esc closes the advice; the stretch is still offered after it.
    send(&mut app, Action::Back);
    assert!(app.alarm.is_empty());
    assert_eq!(app.screen, Screen::Today);
    send(&mut app, Action::Stretch);
    assert_eq!(app.card, Some(Muscle::Calf));

    // A plain short cramp: no card.
    let mut app = app_with(&[]);
    send(&mut app, Action::Open(FormKind::Cramp));
    key(&mut app, FormAction::Submit);
    assert!(app.alarm.is_empty(), "{:?}", app.alarm);
}

#[test]
fn a_first_weighing_typed_in_kg_is_confirmed_in_kg() {
    let mut app = app_with(&[]);
    send(&mut app, Action::Open(FormKind::Weight));
    type_text(&mut app, "72.4kg");
    let effects = key(&mut app, FormAction::Submit);
    written(&effects);
    let said = &app.flash.as_ref().unwrap().text;
    assert!(said.contains("weight 72.4 kg"), "{said}");
}

/// An hour after weighing 72.4 kg, what the W form saves for what is typed.
fn weigh_after_72_4_kg(typed: &str) -> (App<Tz>, Vec<Effect>) {
    let weight = Body::Weight(crate::domain::entry::Weight {
        kg: 72.4,
        when: None,
        urine_ml: None,
    });
    let mut app = app_with(&[add("01A", "2026-11-28T13:30:00-05:00", weight)]);
    send(&mut app, Action::Open(FormKind::Weight));
    type_text(&mut app, typed);
    let effects = key(&mut app, FormAction::Submit);
    (app, effects)
}

#[test]
fn the_weight_form_reads_a_bare_number_next_to_the_last_weighing_like_the_cli() {
    // 72 next to 72.4 kg is kg (72 lb would be 32.7 kg, a 55% drop).
    let (_, effects) = weigh_after_72_4_kg("72");
    match written(&effects).1 {
        Body::Weight(w) => assert!((w.kg - 72.0).abs() < 0.01, "{} kg", w.kg),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_weight_form_refuses_a_weight_far_from_the_same_days_weighing() {
    // 32.7 kg an hour after 72.4 kg: over the 5% allowed within a day.
    let (app, effects) = weigh_after_72_4_kg("32.7kg");
    assert!(effects.is_empty(), "nothing written: {effects:?}");
    let form = app.form.as_ref().expect("the form stays open");
    let field = form.fields.iter().find(|f| f.key == "weight").unwrap();
    assert!(field.error.is_some(), "the weight is marked");
}

/// Where clocks go back across the day's start hour (Antarctica/Troll,
/// days from 02:00; 27 October 2024, 03:00 +02 back to 01:00 +00), Today
/// lists the entries every report counts for today: not those of the hour
/// that reads as yesterday (01:00-02:00 +00) though it comes after the
/// day's first start.
#[test]
fn today_lists_the_entries_reports_count_for_today_where_clocks_go_back() {
    let troll = chrono_tz::Antarctica::Troll;
    let utc = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
    let events: Vec<Event> = [
        "2024-10-27T00:30:00Z",
        "2024-10-27T01:00:00Z",
        "2024-10-27T01:30:00Z",
        "2024-10-27T02:00:00Z",
        "2024-10-27T03:15:00Z",
    ]
    .iter()
    .enumerate()
    .map(|(i, t)| {
        let mut e = add(&format!("0{i}"), "2026-11-28T12:00:00-05:00", water(200));
        e.at = utc(t);
        e.logged = utc(t);
        e
    })
    .collect();
    let settings = Settings {
        day_start_hour: 2,
        ..Settings::default()
    };
    let now = utc("2024-10-27T03:30:00Z").with_timezone(&troll);
    let app = App::new(
        settings,
        Rules::embedded().unwrap(),
        History::fold(&events),
        now,
    );
    let mut today: Vec<String> = app
        .today_entries()
        .iter()
        .map(|e| e.at.to_utc().format("%H:%M").to_string())
        .collect();
    today.sort();
    assert_eq!(today, ["00:30", "02:00", "03:15"]);
}
