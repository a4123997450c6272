use super::*;
use crate::domain::day::day_of;
use crate::domain::entry::{
    Body, Cramp, CrampContext, Drink, DrinkKind, Heat, Intensity, Muscle, Time, VolumeUnit, Workout,
};
use crate::domain::history::{Event, History, Op, SCHEMA_VERSION};
use crate::domain::patterns::{Evidence, Flag, Level};
use crate::domain::prefs::Prefs;
use crate::domain::rules::Rules;
use crate::domain::week::{Overview, Week, week};
use chrono::DateTime;
use chrono_tz::America::New_York;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn t(s: &str) -> Time {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn add(id: &str, at: &str, body: Body) -> Event {
    Event {
        v: SCHEMA_VERSION,
        id: id.into(),
        op: Op::Add,
        at: t(at),
        logged: t(at),
        target: None,
        entry: Some(body),
        extra: Default::default(),
    }
}

fn drink(ml: u32) -> Body {
    Body::Drink(Drink {
        ml,
        kind: DrinkKind::Water,
        sodium_mg: None,
        note: None,
    })
}

fn cramp(muscle: Muscle, severity: u8, context: CrampContext, note: Option<&str>) -> Body {
    Body::Cramp(Cramp {
        muscle,
        side: None,
        severity: Some(severity),
        duration_s: Some(90),
        context: Some(context),
        symptoms: Default::default(),
        relief: vec![],
        note: note.map(Into::into),
        muscle_name: None,
    })
}

const NOW: &str = "2026-11-28T15:00:00-05:00";

/// Week 2026-W48 with a run, tied and untied cramps, drinks; some earlier weeks.
fn fixture() -> History {
    let mut events = vec![
        add(
            "01H01",
            "2026-09-15T21:00:00-04:00",
            cramp(Muscle::Calf, 3, CrampContext::Rest, None),
        ),
        add(
            "01H02",
            "2026-10-20T23:00:00-04:00",
            cramp(Muscle::Foot, 4, CrampContext::Night, None),
        ),
        add(
            "01H03",
            "2026-10-21T23:00:00-04:00",
            cramp(Muscle::Foot, 4, CrampContext::Night, None),
        ),
        add(
            "01H04",
            "2026-11-17T20:00:00-05:00",
            cramp(Muscle::Hamstring, 3, CrampContext::Rest, None),
        ),
        add(
            "01H10",
            "2026-11-24T18:00:00-05:00",
            Body::Workout(Workout {
                activity: "run".into(),
                end: Some(t("2026-11-24T19:00:00-05:00")),
                intensity: Intensity::Hard,
                heat: Heat::Mild,
                new: false,
                note: None,
            }),
        ),
        add(
            "01H11",
            "2026-11-24T22:00:00-05:00",
            cramp(
                Muscle::Calf,
                6,
                CrampContext::After,
                Some("after the hills"),
            ),
        ),
        add(
            "01H12",
            "2026-11-24T23:00:00-05:00",
            cramp(Muscle::Calf, 5, CrampContext::After, None),
        ),
        add(
            "01H13",
            "2026-11-26T02:30:00-05:00",
            cramp(Muscle::Calf, 4, CrampContext::Night, None),
        ),
    ];
    for (i, (at, ml)) in [
        ("2026-11-23T09:00:00-05:00", 1000),
        ("2026-11-23T15:00:00-05:00", 900),
        ("2026-11-24T09:00:00-05:00", 600),
        ("2026-11-25T03:59:00-05:00", 400),
        ("2026-11-25T12:00:00-05:00", 1500),
        ("2026-11-27T10:00:00-05:00", 2000),
        ("2026-11-27T16:00:00-05:00", 300),
        ("2026-11-28T08:00:00-05:00", 500),
    ]
    .iter()
    .enumerate()
    {
        events.push(add(&format!("01H2{i}"), at, drink(*ml)));
    }
    History::fold(&events)
}

struct Screen {
    history: History,
    week: Week,
    overview: Overview,
    state: HistoryState,
}

fn screen(flags: &[Flag]) -> Screen {
    screen_of(fixture(), flags)
}

fn screen_of(history: History, flags: &[Flag]) -> Screen {
    let now = t(NOW).with_timezone(&New_York);
    let prefs = Prefs {
        goal_ml: 2000,
        unit: VolumeUnit::Ml,
        ..Prefs::default()
    };
    let rules = Rules::embedded().unwrap();
    let state = HistoryState::new(date("2026-11-23"));
    // The flags come from the pattern engine in the app; here they are given.
    let data = HistoryData::compute(&now, state.week, &history, &rules, &prefs);
    let week = week(&now, state.week, &history, &rules, &prefs, flags);
    assert_eq!(data.week.totals, week.totals);
    let overview = data.overview;
    assert_eq!(overview.weeks(), OVERVIEW_WEEKS as usize);
    Screen {
        history,
        week,
        overview,
        state,
    }
}

fn render(s: &Screen, w: u16, h: u16) -> Terminal<TestBackend> {
    let entries = s.week.entries(&s.history, &New_York, 4);
    let view = HistoryView {
        week: &s.week,
        entries: &entries,
        overview: &s.overview,
        state: &s.state,
        unit: VolumeUnit::Ml,
        mass: crate::domain::mass::MassUnit::Kg,
        tz: New_York,
        today: day_of(&t(NOW), &New_York, 4),
        day_start_hour: 4,
        color: false,
        selected_context: None,
    };
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| f.render_widget(&view, f.area())).unwrap();
    term
}

fn not_tied_flag() -> Flag {
    Flag {
        id: "not-tied-to-exercise".into(),
        level: Level::Watch,
        title: "Cramps not tied to exercise".into(),
        why: "a cramp at night with no workout in the 12 h before".into(),
        source: "mayo".into(),
        professional: None,
        evidence: vec![Evidence {
            entry_id: "01H13".into(),
            at: t("2026-11-26T02:30:00-05:00"),
            summary: "cramp calf".into(),
        }],
    }
}

#[test]
fn snapshot_80x24() {
    let s = screen(&[not_tied_flag()]);
    insta::assert_snapshot!(render(&s, 80, 24).backend());
}

#[test]
fn snapshot_120x40_with_a_selected_entry() {
    let mut s = screen(&[]);
    s.state.selected = 3;
    insta::assert_snapshot!(render(&s, 120, 40).backend());
}

#[test]
fn tiny_terminals_do_not_panic() {
    let s = screen(&[not_tied_flag()]);
    for (w, h) in [(1, 1), (10, 3), (20, 5), (40, 12), (79, 23), (200, 8)] {
        render(&s, w, h);
    }
}

#[test]
fn the_selected_entry_stays_in_view() {
    let mut s = screen(&[]);
    let n = s.week.entries(&s.history, &New_York, 4).len();
    s.state.selected = n - 1;
    let term = render(&s, 80, 24);
    let text = format!("{}", term.backend());
    // The last entry of the week is Saturday's drink.
    assert!(text.contains("Sat 28 08:00 drink 500 ml"), "{text}");
}

#[test]
fn only_the_selected_row_is_reversed_across_the_table() {
    use ratatui::style::Modifier;
    let mut s = screen(&[]);
    s.state.selected = 2;
    let term = render(&s, 120, 40);
    let buf = term.backend().buffer();
    let row_text =
        |y: u16| -> String { (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect() };
    let marked: Vec<u16> = (0..buf.area.height)
        .filter(|&y| row_text(y).contains('▶'))
        .collect();
    assert_eq!(marked.len(), 1, "one row carries the marker");
    let y = marked[0];
    let x0 = row_text(y).chars().position(|c| c == '▶').unwrap() as u16;
    let reversed = |y: u16, x: u16| buf[(x, y)].modifier.contains(Modifier::REVERSED);
    // From the marker to the far end of the entry's text, every cell is reversed.
    assert!((x0..x0 + 40).all(|x| reversed(y, x)), "{}", row_text(y));
    // The rows above and below are not.
    assert!(!(x0..x0 + 40).any(|x| reversed(y - 1, x) || reversed(y + 1, x)));
}

#[test]
fn the_overview_shows_all_seven_days_and_reverses_the_week_shown() {
    use ratatui::style::Modifier;
    let mut s = screen(&[]);
    // Two weeks back: the third column from the right.
    s.state.week = date("2026-11-09");
    for (w, h) in [(80, 24), (120, 40)] {
        let term = render(&s, w, h);
        let buf = term.backend().buffer();
        let text =
            |y: u16| -> String { (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect() };
        let rows: Vec<u16> = (0..buf.area.height)
            .filter(|&y| {
                let t = text(y);
                ["M ·", "T ·", "W ·", "F ·", "S ·"]
                    .iter()
                    .any(|d| t.contains(d))
            })
            .collect();
        assert_eq!(rows.len(), 7, "Monday to Sunday at {w}x{h}");
        let x_label = text(rows[0]).chars().position(|c| c == 'M').unwrap() as u16;
        let reversed = |x: u16, y: u16| buf[(x, y)].modifier.contains(Modifier::REVERSED);
        let columns = OVERVIEW_WEEKS as u16;
        for wk in 0..columns {
            let x = x_label + 2 + 2 * wk;
            let shown = wk == columns - 3;
            assert!(
                rows.iter().all(|&y| reversed(x, y) == shown),
                "week column {wk} at {w}x{h}"
            );
        }
    }
}

fn key(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

#[test]
fn keys_map_to_history_actions() {
    use HistoryAction::*;
    for (code, action) in [
        (KeyCode::Left, PrevWeek),
        (KeyCode::Char('h'), PrevWeek),
        (KeyCode::Right, NextWeek),
        (KeyCode::Char('l'), NextWeek),
        (KeyCode::Char('t'), ThisWeek),
        (KeyCode::Up, Up),
        (KeyCode::Char('k'), Up),
        (KeyCode::Down, Down),
        (KeyCode::Char('j'), Down),
        (KeyCode::Enter, Edit),
        (KeyCode::Char('x'), Delete),
        (KeyCode::Char('u'), Undo),
    ] {
        assert_eq!(
            HistoryAction::from_key(&key(code)),
            Some(action),
            "{code:?}"
        );
    }
    assert_eq!(HistoryAction::from_key(&key(KeyCode::Char('q'))), None);
    let ctrl_u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(HistoryAction::from_key(&ctrl_u), None);
}

#[test]
fn weeks_go_back_and_forward_but_not_past_this_week() {
    let s = screen(&[]);
    let entries = s.week.entries(&s.history, &New_York, 4);
    let mut st = HistoryState::new(date("2026-11-23"));
    assert_eq!(st.update(HistoryAction::NextWeek, &entries), None);
    assert_eq!(st.week, date("2026-11-23"));
    st.selected = 2;
    assert_eq!(
        st.update(HistoryAction::PrevWeek, &entries),
        Some(HistoryRequest::ShowWeek(date("2026-11-16")))
    );
    assert_eq!(st.selected, 0, "a new week starts at its first entry");
    st.update(HistoryAction::PrevWeek, &[]);
    assert_eq!(st.week, date("2026-11-09"));
    assert_eq!(
        st.update(HistoryAction::NextWeek, &[]),
        Some(HistoryRequest::ShowWeek(date("2026-11-16")))
    );
    assert_eq!(
        st.update(HistoryAction::ThisWeek, &[]),
        Some(HistoryRequest::ShowWeek(date("2026-11-23")))
    );
    assert_eq!(st.update(HistoryAction::ThisWeek, &[]), None);
}

#[test]
fn a_new_week_on_the_clock_moves_this_week_along() {
    let mut st = HistoryState::new(date("2026-11-23"));
    st.set_this_week(date("2026-11-30"));
    assert_eq!(
        st.week,
        date("2026-11-30"),
        "looking at this week follows it"
    );
    let mut st = HistoryState::new(date("2026-11-23"));
    st.prev_week();
    st.set_this_week(date("2026-11-30"));
    assert_eq!(st.week, date("2026-11-16"), "looking back stays put");
    assert_eq!(
        st.next_week(),
        Some(HistoryRequest::ShowWeek(date("2026-11-23")))
    );
}

#[test]
fn selection_moves_within_the_entries() {
    let s = screen(&[]);
    let entries = s.week.entries(&s.history, &New_York, 4);
    assert_eq!(entries.len(), 12);
    let mut st = s.state.clone();
    st.update(HistoryAction::Up, &entries);
    assert_eq!(st.selected, 0);
    for _ in 0..20 {
        st.update(HistoryAction::Down, &entries);
    }
    assert_eq!(st.selected, 11);
    st.update(HistoryAction::Up, &entries);
    assert_eq!(st.selected, 10);
}

#[test]
fn enter_x_and_u_request_edit_delete_and_undo_of_the_selected_entry() {
    let s = screen(&[]);
    let entries = s.week.entries(&s.history, &New_York, 4);
    let mut st = s.state.clone();
    // Entries in time order: Mon drinks (2), Tue drink, run, cramp 22:00...
    st.update(HistoryAction::Down, &entries);
    st.update(HistoryAction::Down, &entries);
    st.update(HistoryAction::Down, &entries);
    assert_eq!(entries[3].id, "01H10");
    assert_eq!(
        st.update(HistoryAction::Edit, &entries),
        Some(HistoryRequest::Edit("01H10".into()))
    );
    assert_eq!(
        st.update(HistoryAction::Delete, &entries),
        Some(HistoryRequest::Delete("01H10".into()))
    );
    assert_eq!(
        st.update(HistoryAction::Undo, &entries),
        Some(HistoryRequest::Undo)
    );
    // Nothing selected in an empty week: nothing to edit or delete, undo still asks.
    assert_eq!(st.update(HistoryAction::Edit, &[]), None);
    assert_eq!(st.update(HistoryAction::Delete, &[]), None);
    assert_eq!(
        st.update(HistoryAction::Undo, &[]),
        Some(HistoryRequest::Undo)
    );
}

#[test]
fn after_a_delete_the_selection_stays_on_a_row_that_exists() {
    let s = screen(&[]);
    let entries = s.week.entries(&s.history, &New_York, 4);
    let mut st = s.state.clone();
    st.selected = entries.len() - 1;
    let fewer = &entries[..entries.len() - 1];
    assert_eq!(
        st.update(HistoryAction::Delete, fewer),
        Some(HistoryRequest::Delete(fewer.last().unwrap().id.clone()))
    );
    assert_eq!(st.selected, fewer.len() - 1);
}

#[test]
fn an_empty_week_says_so_and_draws_no_bars() {
    let history = History::default();
    let now = t(NOW).with_timezone(&New_York);
    let prefs = Prefs::default();
    let rules = Rules::embedded().unwrap();
    let state = HistoryState::new(date("2026-11-23"));
    let data = HistoryData::compute(&now, state.week, &history, &rules, &prefs);
    let entries = data.entries(&history, &New_York, &prefs);
    assert!(entries.is_empty());
    let view = HistoryView {
        week: &data.week,
        entries: &entries,
        overview: &data.overview,
        state: &state,
        unit: VolumeUnit::Oz,
        mass: crate::domain::mass::MassUnit::Lb,
        tz: New_York,
        today: date("2026-11-28"),
        day_start_hour: 4,
        color: false,
        selected_context: None,
    };
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    term.draw(|f| f.render_widget(&view, f.area())).unwrap();
    let text = format!("{}", term.backend());
    assert!(text.contains("nothing logged this week"), "{text}");
    assert!(
        text.contains("Cramps 0 (0 not tied, 0 vs last week)"),
        "{text}"
    );
    assert!(text.contains("Flags: none this week"), "{text}");
    assert!(!text.contains("███") && !text.contains("░░░"), "{text}");
}

#[test]
fn a_selected_cramp_shows_what_came_before_it_under_the_table() {
    let s = screen(&[]);
    let entries = s.week.entries(&s.history, &New_York, 4);
    let view = HistoryView {
        week: &s.week,
        entries: &entries,
        overview: &s.overview,
        state: &s.state,
        unit: VolumeUnit::Ml,
        mass: crate::domain::mass::MassUnit::Kg,
        tz: New_York,
        today: day_of(&t(NOW), &New_York, 4),
        day_start_hour: 4,
        color: false,
        selected_context: Some("before: 300 ml in 2h".into()),
    };
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    term.draw(|f| f.render_widget(&view, f.area())).unwrap();
    assert!(format!("{}", term.backend()).contains("before: 300 ml in 2h"));
    // Longer than its border: cut at a word, with the cut marked.
    let long = "before: 300 ml in 2h, 600 ml in 6h, 1800 ml in 24h, no electrolytes · during a session · no session before it";
    let view = HistoryView {
        selected_context: Some(long.into()),
        ..view
    };
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    term.draw(|f| f.render_widget(&view, f.area())).unwrap();
    let text = screen_text(&term);
    let row = text
        .lines()
        .find(|l| l.contains("before: 300 ml"))
        .expect("the context row");
    let shown = row.split(" … ").next().unwrap();
    let shown = &shown[shown.find("before: ").unwrap()..];
    assert!(row.contains(" … "), "{row}");
    // What is shown is the text up to a space: no word cut.
    assert!(long.starts_with(&format!("{shown} ")), "{row}");
}

fn screen_text(t: &Terminal<TestBackend>) -> String {
    let b = t.backend().buffer();
    (0..b.area.height)
        .map(|y| {
            (0..b.area.width)
                .map(|x| b[(x, y)].symbol())
                .collect::<String>()
                + "\n"
        })
        .collect()
}

#[test]
fn goal_days_count_only_the_days_begun_like_the_report() {
    // Now is Saturday 28 Nov: Mon 23 to Sat 28 have begun, Sunday is ahead,
    // so the goal can have been met on at most 6 days so far.
    let s = screen(&[]);
    let met = s.week.totals.days_goal_met;
    let text = screen_text(&render(&s, 120, 40));
    assert!(
        text.contains(&format!("Goal met {met}/6 days so far")),
        "{text}"
    );
    // A week wholly past counts its 7 days.
    let mut past = screen(&[]);
    past.state = HistoryState::new(date("2026-11-16"));
    let now = t(NOW).with_timezone(&New_York);
    let prefs = Prefs {
        goal_ml: 2000,
        unit: VolumeUnit::Ml,
        ..Prefs::default()
    };
    let rules = Rules::embedded().unwrap();
    past.week = week(&now, past.state.week, &past.history, &rules, &prefs, &[]);
    let text = screen_text(&render(&past, 120, 40));
    assert!(
        text.contains(&format!(
            "Goal met {}/7 days ·",
            past.week.totals.days_goal_met
        )),
        "{text}"
    );
}

#[test]
fn two_columns_of_days_keep_a_space_between_a_long_figure_and_the_next_day() {
    let mut s = screen(&[]);
    // 2981 ml is 100.8 oz: with its tick, the longest figure a day shows.
    s.week.days[0].intake_ml = 2981;
    let entries = s.week.entries(&s.history, &New_York, 4);
    let view = HistoryView {
        week: &s.week,
        entries: &entries,
        overview: &s.overview,
        state: &s.state,
        unit: VolumeUnit::Oz,
        mass: crate::domain::mass::MassUnit::Lb,
        tz: New_York,
        today: day_of(&t(NOW), &New_York, 4),
        day_start_hour: 4,
        color: false,
        selected_context: None,
    };
    let mut term = Terminal::new(TestBackend::new(80, 24)).unwrap();
    term.draw(|f| f.render_widget(&view, f.area())).unwrap();
    let text = screen_text(&term);
    let row = text
        .lines()
        .find(|l| l.contains("Mon █"))
        .expect("Monday's bar");
    assert!(row.contains(" 100.8 ✓ "), "{row}");
    assert!(row.contains(" Fri "), "{row}");
}

/// A note of two lines reads as one row, its words apart (the terminal
/// dropped the line break and glued them: "nlline2").
#[test]
fn a_note_of_two_lines_keeps_its_words_apart_in_its_row() {
    let drink = Body::Drink(crate::domain::entry::Drink {
        ml: 150,
        kind: Default::default(),
        sodium_mg: None,
        note: Some("first\nsecond".into()),
    });
    let history = History::fold(&[add("N1", "2026-11-27T10:00:00-05:00", drink)]);
    let text = screen_text(&render(&screen_of(history, &[]), 120, 40));
    assert!(text.contains("\"first second\""), "{text}");
}
