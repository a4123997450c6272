//! `App::update` on the History, Insights and Guide screens and the stretch
//! offer: keys in, what a user sees and what is written out.

use super::tests::{add, app_with, at, now, water};
use super::*;
use crate::domain::entry::{Cramp, CrampContext, Drink, DrinkKind, Muscle, Side, Symptoms};
use crate::domain::history::{Event, Op};
use crate::tui::forms::{FormAction, FormKind, Value};
use chrono::NaiveDate;
use chrono_tz::Tz;
use tui_input::InputRequest;

fn send(app: &mut App<Tz>, a: Action) -> Vec<Effect> {
    app.update(a, now())
}

fn h(app: &mut App<Tz>, ha: HistoryAction) -> Vec<Effect> {
    send(app, Action::History(ha))
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn cramp(muscle: Muscle, severity: u8) -> Body {
    Body::Cramp(Cramp {
        muscle,
        side: Some(Side::Left),
        severity: Some(severity),
        duration_s: Some(90),
        context: Some(CrampContext::Rest),
        symptoms: Symptoms {
            numbness: true,
            ..Default::default()
        },
        relief: vec![],
        note: Some("on the stairs".into()),
        muscle_name: None,
    })
}

/// This week (Mon 23 Nov to Sun 29 Nov 2026; now is Sat 28 Nov 14:30) and
/// one entry the week before.
fn week_events() -> Vec<Event> {
    vec![
        add("00LAST", "2026-11-18T09:00:00-05:00", water(400)),
        add("00MON", "2026-11-23T09:00:00-05:00", water(500)),
        add("00WED", "2026-11-25T20:00:00-05:00", cramp(Muscle::Calf, 6)),
        add("00SAT", "2026-11-28T08:00:00-05:00", water(300)),
    ]
}

/// Does what the run loop does with a write: the event goes in the journal
/// (here a Vec), the history is folded again and loaded.
fn carry_out(app: &mut App<Tz>, journal: &mut Vec<Event>, effects: Vec<Effect>) {
    for e in effects {
        if let Effect::Write(change) = e {
            let t = now().fixed_offset();
            let ev = change.into_event(
                crate::store::new_id(&t, app.history.last_event_id.as_deref()),
                t,
            );
            journal.push(ev);
            let history = History::fold(journal);
            send(
                app,
                Action::Loaded {
                    history: Box::new(history),
                    problems: vec![],
                },
            );
        }
    }
}

fn ids(app: &App<Tz>) -> Vec<String> {
    app.week_entries().iter().map(|e| e.id.clone()).collect()
}

fn text_of(form: &Form, key: &str) -> String {
    form.fields
        .iter()
        .find(|f| f.key == key)
        .map(|f| match &f.value {
            Value::Text(i) => i.value().to_string(),
            Value::Choice { options, idx } => options[*idx].clone(),
            Value::Multi { options, on, .. } => options
                .iter()
                .zip(on)
                .filter(|(_, on)| **on)
                .map(|(o, _)| o.as_str())
                .collect::<Vec<_>>()
                .join(","),
            Value::Presets { .. } => "presets".into(),
        })
        .unwrap_or_else(|| panic!("no field {key}"))
}

fn retype(app: &mut App<Tz>, field: &str, text: &str) {
    let form = app.form.as_ref().unwrap();
    let i = form.fields.iter().position(|f| f.key == field).unwrap();
    while app.form.as_ref().unwrap().focus != i {
        send(app, Action::Form(FormAction::Next));
    }
    send(
        app,
        Action::Form(FormAction::Edit(InputRequest::DeleteLine)),
    );
    for c in text.chars() {
        send(
            app,
            Action::Form(FormAction::Edit(InputRequest::InsertChar(c))),
        );
    }
}

#[test]
fn history_opens_on_this_week_and_arrows_move_through_weeks() {
    let mut app = app_with(&week_events());
    send(&mut app, Action::Show(Screen::History));
    assert_eq!(app.mode(), Mode::History);
    assert_eq!(app.week.week, date("2026-11-23"));
    assert_eq!(ids(&app), ["00MON", "00WED", "00SAT"]);
    h(&mut app, HistoryAction::NextWeek);
    assert_eq!(app.week.week, date("2026-11-23"), "never past this week");
    h(&mut app, HistoryAction::PrevWeek);
    assert_eq!(app.week.week, date("2026-11-16"));
    assert_eq!(ids(&app), ["00LAST"]);
    h(&mut app, HistoryAction::PrevWeek);
    assert_eq!(app.week.week, date("2026-11-09"));
    assert!(ids(&app).is_empty());
    h(&mut app, HistoryAction::ThisWeek);
    assert_eq!(app.week.week, date("2026-11-23"));
    assert_eq!(ids(&app).len(), 3);
}

#[test]
fn history_selection_moves_and_stops_at_the_ends() {
    let mut app = app_with(&week_events());
    send(&mut app, Action::Show(Screen::History));
    h(&mut app, HistoryAction::Up);
    assert_eq!(app.week.selected, 0);
    for _ in 0..5 {
        h(&mut app, HistoryAction::Down);
    }
    assert_eq!(app.week.selected, 2);
    // The mouse wheel and j/k land on the same selection.
    send(&mut app, Action::ScrollUp);
    assert_eq!(app.week.selected, 1);
}

#[test]
fn x_deletes_the_selected_entry_and_u_brings_it_back() {
    let mut journal = week_events();
    let mut app = app_with(&journal);
    send(&mut app, Action::Show(Screen::History));
    h(&mut app, HistoryAction::Down);
    let effects = h(&mut app, HistoryAction::Delete);
    let [Effect::Write(Change::Delete { target, at: t })] = effects.as_slice() else {
        panic!("expected one delete, got {effects:?}");
    };
    assert_eq!(target, "00WED");
    assert_eq!(*t, at("2026-11-25T20:00:00-05:00").fixed_offset());
    assert!(
        app.flash
            .as_ref()
            .unwrap()
            .text
            .starts_with("deleted: cramp")
    );
    carry_out(&mut app, &mut journal, effects);
    assert_eq!(journal.last().unwrap().op, Op::Delete);
    assert_eq!(ids(&app), ["00MON", "00SAT"]);
    assert_eq!(
        app.week.selected, 1,
        "the selection stays on a row that exists"
    );

    let effects = h(&mut app, HistoryAction::Undo);
    let delete_id = journal.last().unwrap().id.clone();
    assert_eq!(
        effects,
        [Effect::Write(Change::Undo {
            event_id: delete_id
        })]
    );
    carry_out(&mut app, &mut journal, effects);
    assert_eq!(ids(&app), ["00MON", "00WED", "00SAT"]);
}

#[test]
fn delete_on_an_empty_week_writes_nothing() {
    let mut app = app_with(&week_events());
    send(&mut app, Action::Show(Screen::History));
    h(&mut app, HistoryAction::PrevWeek);
    h(&mut app, HistoryAction::PrevWeek);
    assert!(h(&mut app, HistoryAction::Delete).is_empty());
    assert!(h(&mut app, HistoryAction::Edit).is_empty());
    assert!(app.form.is_none());
}

#[test]
fn enter_edits_a_drink_prefilled_and_saving_amends_it() {
    let mut journal = week_events();
    let mut app = app_with(&journal);
    send(&mut app, Action::Show(Screen::History));
    assert!(send(&mut app, Action::Select).is_empty());
    let form = app.form.as_ref().expect("Enter opens the edit form");
    assert!(form.title.starts_with("Edit drink"), "{}", form.title);
    assert_eq!(text_of(form, "amount"), "16.9oz", "in the user's unit");
    assert_eq!(text_of(form, "kind"), "water");
    assert_eq!(text_of(form, "at"), "2026-11-23 09:00");
    assert!(form.fields.iter().all(|f| f.key != "preset"));

    retype(&mut app, "amount", "600ml");
    let effects = send(&mut app, Action::Form(FormAction::Submit));
    assert_eq!(
        effects,
        [Effect::Write(Change::Amend {
            target: "00MON".into(),
            at: at("2026-11-23T09:00:00-05:00").fixed_offset(),
            body: Body::Drink(Drink {
                ml: 600,
                kind: DrinkKind::Water,
                sodium_mg: None,
                note: None
            }),
        })]
    );
    carry_out(&mut app, &mut journal, effects);
    assert_eq!(journal.last().unwrap().op, Op::Amend);
    assert!(app.flash.as_ref().unwrap().text.contains("(edited)"));
    // u undoes the edit, as on the command line.
    let effects = send(&mut app, Action::History(HistoryAction::Undo));
    carry_out(&mut app, &mut journal, effects);
    assert_eq!(app.history.get("00MON").unwrap().body, water(500));
}

#[test]
fn a_cramp_is_edited_with_every_field_kept_but_the_one_changed() {
    let mut app = app_with(&week_events());
    send(&mut app, Action::Show(Screen::History));
    h(&mut app, HistoryAction::Down);
    send(&mut app, Action::Select);
    let form = app.form.as_ref().unwrap();
    assert_eq!(text_of(form, "muscle"), "calf");
    assert_eq!(text_of(form, "side"), "left");
    assert_eq!(text_of(form, "severity"), "6");
    assert_eq!(text_of(form, "duration"), "1m30s");
    assert_eq!(text_of(form, "context"), "rest");
    assert_eq!(text_of(form, "symptoms"), "numbness");
    assert_eq!(text_of(form, "note"), "on the stairs");
    retype(&mut app, "severity", "8");
    let effects = send(&mut app, Action::Form(FormAction::Submit));
    let [
        Effect::Write(Change::Amend {
            target,
            at: t,
            body,
        }),
    ] = effects.as_slice()
    else {
        panic!("expected an amend, got {effects:?}");
    };
    assert_eq!(target, "00WED");
    assert_eq!(*t, at("2026-11-25T20:00:00-05:00").fixed_offset());
    assert_eq!(*body, cramp(Muscle::Calf, 8));
    assert!(app.stretch_offer.is_none(), "an edit offers no stretch");
}

#[test]
fn an_edit_that_changes_nothing_writes_nothing_and_says_so() {
    let mut app = app_with(&week_events());
    send(&mut app, Action::Show(Screen::History));
    send(&mut app, Action::Select);
    assert!(send(&mut app, Action::Form(FormAction::Submit)).is_empty());
    let form = app.form.as_ref().expect("the form stays open");
    assert!(
        form.fields[0]
            .error
            .as_deref()
            .unwrap()
            .contains("nothing changed")
    );
    send(&mut app, Action::Form(FormAction::Cancel));
    assert!(app.form.is_none());
}

#[test]
fn insights_select_open_scroll_and_close() {
    let night = |sev| {
        Body::Cramp(Cramp {
            muscle: Muscle::Calf,
            side: None,
            severity: Some(sev),
            duration_s: Some(720),
            context: Some(CrampContext::Night),
            symptoms: Symptoms::default(),
            relief: vec![],
            note: None,
            muscle_name: None,
        })
    };
    let mut app = app_with(&[
        add("01A", "2026-11-26T02:40:00-05:00", night(9)),
        add("01B", "2026-11-28T02:40:00-05:00", night(9)),
    ]);
    let n = app.flags.len();
    assert!(n >= 3, "{:?}", app.flags);
    send(&mut app, Action::Show(Screen::Insights));
    send(&mut app, Action::ScrollDown);
    assert_eq!(app.insights.selected, 1);
    for _ in 0..10 {
        send(&mut app, Action::ScrollDown);
    }
    assert_eq!(app.insights.selected, n - 1, "stops on the last flag");
    send(&mut app, Action::Top);
    assert_eq!(app.insights.selected, 0);
    send(&mut app, Action::Select);
    assert!(app.insights.open);
    assert!(
        app.snapshots.contains_key("01A"),
        "evidence has its context snapshot"
    );
    send(&mut app, Action::ScrollDown);
    assert_eq!(
        app.insights.scroll, 0,
        "at 80x24 the detail fits: nothing to scroll"
    );
    app.size = (80, 16);
    send(&mut app, Action::ScrollDown);
    assert_eq!(app.insights.scroll, 1);
    send(&mut app, Action::Bottom);
    let end = app.insights.scroll;
    send(&mut app, Action::ScrollUp);
    assert_eq!(app.insights.scroll, end - 1, "scrolling back works at once");
    send(&mut app, Action::Back);
    assert!(!app.insights.open);
    assert_eq!(app.screen, Screen::Insights, "Esc closes the flag first");
    send(&mut app, Action::Back);
    assert_eq!(app.screen, Screen::Today);
}

#[test]
fn the_guide_scrolls_by_line_page_and_to_either_end() {
    let mut app = app_with(&[]);
    send(&mut app, Action::Show(Screen::Guide));
    send(&mut app, Action::ScrollUp);
    assert_eq!(app.guide_state.scroll, 0);
    send(&mut app, Action::ScrollDown);
    assert_eq!(app.guide_state.scroll, 1);
    send(&mut app, Action::PageDown);
    assert_eq!(
        app.guide_state.scroll,
        1 + 18,
        "a page is the screen less its frame"
    );
    send(&mut app, Action::Bottom);
    let end = app.guide_state.scroll;
    assert!(end > 50, "the guide is long: {end}");
    send(&mut app, Action::ScrollDown);
    assert_eq!(app.guide_state.scroll, end, "stops at the end");
    send(&mut app, Action::ScrollUp);
    assert_eq!(app.guide_state.scroll, end - 1);
    send(&mut app, Action::Top);
    assert_eq!(app.guide_state.scroll, 0);
    // A taller terminal has fewer rows to scroll.
    app.size = (120, 40);
    send(&mut app, Action::Bottom);
    assert!(app.guide_state.scroll < end);
}

fn log_cramp(app: &mut App<Tz>, muscle_steps: usize) -> Vec<Effect> {
    send(app, Action::Open(FormKind::Cramp));
    for _ in 0..muscle_steps {
        send(app, Action::Form(FormAction::Right));
    }
    send(app, Action::Form(FormAction::Submit))
}

#[test]
fn after_a_cramp_s_shows_its_stretch_and_enter_opens_the_guide_there() {
    let mut app = app_with(&[]);
    let effects = log_cramp(&mut app, 0);
    assert!(matches!(
        effects.as_slice(),
        [Effect::Write(Change::Add {
            body: Body::Cramp(_),
            ..
        })]
    ));
    let flash = &app.flash.as_ref().unwrap().text;
    assert!(flash.contains("s: show the calf stretch"), "{flash}");
    send(&mut app, Action::Stretch);
    assert_eq!(app.card, Some(Muscle::Calf));
    assert_eq!(app.mode(), Mode::Card);
    send(&mut app, Action::Back);
    assert_eq!(app.card, None);
    assert_eq!(app.screen, Screen::Today, "Esc only closes the card");
    send(&mut app, Action::Stretch);
    send(&mut app, Action::Select);
    assert_eq!(app.card, None);
    assert_eq!(app.screen, Screen::Guide);
    let (rows, headings) = crate::tui::screens::guide::layout(&app.guide.parts, 78);
    let calf = headings.iter().find(|(h, _)| h == "Calf").unwrap().1;
    assert_eq!(app.guide_state.scroll, calf, "{:?}", rows.get(calf));
}

#[test]
fn the_stretch_offer_lasts_an_hour_and_not_for_muscles_without_one() {
    let mut app = app_with(&[]);
    log_cramp(&mut app, 0);
    app.update(Action::Tick, now() + Duration::minutes(59));
    assert!(app.stretch_offer.is_some());
    app.update(Action::Tick, now() + Duration::minutes(61));
    assert!(app.stretch_offer.is_none());
    app.update(Action::Stretch, now() + Duration::minutes(61));
    assert_eq!(app.card, None);
    assert!(app.flash.as_ref().unwrap().text.contains("Guide"));

    let mut app = app_with(&[]);
    let hand = Muscle::ALL.iter().position(|m| *m == Muscle::Hand).unwrap();
    let calf = Muscle::ALL.iter().position(|m| *m == Muscle::Calf).unwrap();
    log_cramp(&mut app, hand - calf);
    assert!(app.stretch_offer.is_none());
    assert!(!app.flash.as_ref().unwrap().text.contains("stretch"));
}

#[test]
fn s_after_a_cramp_in_a_muscle_without_a_stretch_names_it_rather_than_denying_it() {
    let cramp = |muscle, name: Option<&str>| {
        Body::Cramp(Cramp {
            muscle,
            side: None,
            severity: None,
            duration_s: None,
            context: Some(CrampContext::Rest),
            symptoms: Symptoms::default(),
            relief: vec![],
            note: None,
            muscle_name: name.map(str::to_string),
        })
    };
    let mut app = app_with(&[add(
        "C1",
        "2026-11-28T14:10:00-05:00",
        cramp(Muscle::Other, Some("forearm")),
    )]);
    send(&mut app, Action::Stretch);
    assert_eq!(app.card, None);
    assert_eq!(
        app.flash.as_ref().unwrap().text,
        "the Guide has no stretch for other (forearm); every stretch is in the Guide (5)"
    );
    // Over an hour ago, it is not the cramp just logged.
    let mut app = app_with(&[add(
        "C1",
        "2026-11-28T13:20:00-05:00",
        cramp(Muscle::Other, Some("forearm")),
    )]);
    send(&mut app, Action::Stretch);
    assert_eq!(
        app.flash.as_ref().unwrap().text,
        "no cramp logged in the last hour; every stretch is in the Guide (5)"
    );
    // A calf cramp of the last hour logged elsewhere (the command line, or
    // before the TUI started) opens its stretch, as one logged here does.
    let mut app = app_with(&[add(
        "C1",
        "2026-11-28T14:10:00-05:00",
        cramp(Muscle::Calf, None),
    )]);
    send(&mut app, Action::Stretch);
    assert_eq!(app.card, Some(Muscle::Calf));
}

#[test]
fn help_scrolls_on_a_short_terminal_and_not_past_its_end() {
    let mut app = app_with(&[]);
    send(&mut app, Action::ToggleHelp);
    for _ in 0..100 {
        send(&mut app, Action::ScrollDown);
    }
    let max = crate::tui::screens::help::max_scroll(app.size);
    assert!(max > 0, "the keys do not fit in 24 rows");
    assert_eq!(app.help_scroll, max);
    assert_eq!(
        app.screen,
        Screen::Today,
        "scrolling the help moves nothing else"
    );
    send(&mut app, Action::ToggleHelp);
    send(&mut app, Action::ToggleHelp);
    assert_eq!(app.help_scroll, 0, "help opens at the top");
}

#[test]
fn s_on_a_cramp_in_history_shows_its_stretch() {
    let mut app = app_with(&week_events());
    send(&mut app, Action::Show(Screen::History));
    send(&mut app, Action::Stretch);
    assert_eq!(app.card, None, "a drink has no stretch");
    h(&mut app, HistoryAction::Down);
    send(&mut app, Action::Stretch);
    assert_eq!(app.card, Some(Muscle::Calf));
}

#[test]
fn e_on_history_asks_for_the_report_of_the_week_shown_and_shift_e_for_eight_weeks() {
    let mut app = app_with(&week_events());
    send(&mut app, Action::Show(Screen::History));
    h(&mut app, HistoryAction::PrevWeek);
    let effects = h(&mut app, HistoryAction::Report);
    assert_eq!(
        effects,
        [Effect::Report {
            first: date("2026-11-16"),
            days: 7
        }]
    );
    let effects = h(&mut app, HistoryAction::Report8);
    assert_eq!(
        effects,
        [Effect::Report {
            first: date("2026-09-28"),
            days: 56
        }],
        "the 8 weeks ending with the week shown (16-22 Nov)"
    );
    send(&mut app, Action::Done("report written to /x.html".into()));
    assert_eq!(
        app.flash.as_ref().unwrap().text,
        "report written to /x.html"
    );

    app.full = false;
    assert!(h(&mut app, HistoryAction::Report).is_empty());
    assert!(app.flash.as_ref().unwrap().text.contains("still loading"));
}

fn focus(app: &mut App<Tz>, field: &str) {
    let i = app
        .form
        .as_ref()
        .unwrap()
        .fields
        .iter()
        .position(|f| f.key == field)
        .unwrap();
    while app.form.as_ref().unwrap().focus != i {
        send(app, Action::Form(FormAction::Next));
    }
}

fn medication_written(effects: &[Effect]) -> Option<(Time, crate::domain::entry::Medication)> {
    effects.iter().find_map(|e| match e {
        Effect::Write(Change::Add {
            at,
            body: Body::Medication(m),
        }) => Some((*at, m.clone())),
        _ => None,
    })
}

#[test]
fn m_logs_a_medicine_start_and_its_stop_by_name() {
    use crate::domain::entry::{MedAction, MedClass};
    let mut journal = week_events();
    let mut app = app_with(&journal);
    send(&mut app, Action::Open(FormKind::Medication));
    retype(&mut app, "name", "Furosemide");
    focus(&mut app, "class");
    send(&mut app, Action::Form(FormAction::Right)); // "-" to diuretic
    retype(&mut app, "dose", "20 mg");
    retype(&mut app, "at", "2026-11-24");
    let effects = send(&mut app, Action::Form(FormAction::Submit));
    let (at, m) = medication_written(&effects).expect("a medicine written");
    assert_eq!(
        at.to_rfc3339(),
        "2026-11-24T08:00:00-05:00",
        "a bare date is that morning"
    );
    assert_eq!(
        (m.action, m.name.as_str(), m.class, m.dose.as_deref()),
        (
            MedAction::Start,
            "Furosemide",
            Some(MedClass::Diuretic),
            Some("20 mg")
        )
    );
    carry_out(&mut app, &mut journal, effects);

    // A stop of a medicine not taken is refused on the form.
    send(&mut app, Action::Open(FormKind::Medication));
    send(&mut app, Action::Form(FormAction::Right)); // start to stop
    retype(&mut app, "name", "aspirin");
    assert!(medication_written(&send(&mut app, Action::Form(FormAction::Submit))).is_none());
    let form = app.form.as_ref().expect("the form stays open");
    let name = form.fields.iter().find(|f| f.key == "name").unwrap();
    assert_eq!(
        name.error.as_deref(),
        Some("'aspirin' is not a current medicine")
    );

    retype(&mut app, "name", "furosemide");
    let effects = send(&mut app, Action::Form(FormAction::Submit));
    let (_, m) = medication_written(&effects).expect("the stop written");
    assert_eq!(
        (m.action, m.name.as_str(), m.class),
        (MedAction::Stop, "Furosemide", Some(MedClass::Diuretic)),
        "named and classed as started"
    );
}

#[test]
fn a_medicine_is_edited_from_history_in_its_form() {
    use crate::domain::entry::{MedAction, MedClass, Medication};
    let med = Body::Medication(Medication {
        action: MedAction::Start,
        name: "furosemide".into(),
        class: Some(MedClass::Diuretic),
        dose: Some("20 mg".into()),
        note: None,
    });
    let mut app = app_with(&[add("00MED", "2026-11-24T08:00:00-05:00", med)]);
    send(&mut app, Action::Show(Screen::History));
    assert_eq!(ids(&app), ["00MED"]);
    h(&mut app, HistoryAction::Edit);
    let form = app.form.as_ref().expect("the medicine form");
    assert_eq!(text_of(form, "name"), "furosemide");
    assert_eq!(text_of(form, "class"), "diuretic");
    assert_eq!(text_of(form, "dose"), "20 mg");
    retype(&mut app, "dose", "40 mg");
    let effects = send(&mut app, Action::Form(FormAction::Submit));
    let amended = effects.iter().find_map(|e| match e {
        Effect::Write(Change::Amend {
            target,
            at,
            body: Body::Medication(m),
        }) => Some((target.clone(), *at, m.clone())),
        _ => None,
    });
    let (target, at, m) = amended.expect("an amend");
    assert_eq!(target, "00MED");
    assert_eq!(
        at.to_rfc3339(),
        "2026-11-24T08:00:00-05:00",
        "the time kept"
    );
    assert_eq!(
        (m.name.as_str(), m.dose.as_deref(), m.class),
        ("furosemide", Some("40 mg"), Some(MedClass::Diuretic))
    );
}
