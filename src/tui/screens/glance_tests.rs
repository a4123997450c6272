//! Glance at the sizes a pane has: what shows, what shrinks, what stands out.

use super::*;
use crate::domain::entry::{Body, Heat, Intensity, Workout};
use crate::tui::app::tests::{add, app_with, water};
use crate::tui::app::{Action, Screen};
use crate::tui::view::draw as draw_app;
use chrono_tz::Tz;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};

fn run() -> Body {
    Body::Workout(Workout {
        activity: "run".into(),
        end: None,
        intensity: Intensity::Hard,
        heat: Heat::Hot,
        new: false,
        note: None,
    })
}

fn glance(mut app: App<Tz>) -> App<Tz> {
    app.update(Action::Show(Screen::Glance), crate::tui::app::tests::now());
    app
}

/// Nothing logged today: nothing counts down.
fn empty() -> App<Tz> {
    glance(app_with(&[]))
}

/// A run since 13:48, the last sip at 14:05: at 14:30 a sip is 5 min overdue.
fn sip_due() -> App<Tz> {
    glance(app_with(&[
        add("01A", "2026-11-28T09:40:00-05:00", water(591)),
        add("01B", "2026-11-28T13:48:00-05:00", run()),
        add("01C", "2026-11-28T14:05:00-05:00", water(237)),
    ]))
}

/// The same run, the last sip at 14:28: the next one is still to come.
fn sip_upcoming() -> App<Tz> {
    glance(app_with(&[
        add("01B", "2026-11-28T13:48:00-05:00", run()),
        add("01C", "2026-11-28T14:28:00-05:00", water(237)),
    ]))
}

/// 1.5 l in the last hour: past the safe hourly limit (about 1.2 l).
fn overdrunk() -> App<Tz> {
    glance(app_with(&[
        add("01B", "2026-11-28T13:48:00-05:00", run()),
        add("01C", "2026-11-28T13:50:00-05:00", water(500)),
        add("01D", "2026-11-28T14:05:00-05:00", water(500)),
        add("01E", "2026-11-28T14:20:00-05:00", water(500)),
    ]))
}

fn render(app: &App<Tz>, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| draw_app(f, app)).unwrap();
    t
}

fn text(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

const SIZES: [(u16, u16); 5] = [(80, 24), (120, 40), (60, 20), (40, 10), (30, 8)];

#[test]
fn glance_at_every_pane_size() {
    for (name, app) in [
        ("empty", empty()),
        ("sip_due", sip_due()),
        ("warning", overdrunk()),
    ] {
        for (w, h) in SIZES {
            insta::assert_snapshot!(
                format!("glance_{name}_{w}x{h}"),
                render(&app, w, h).backend()
            );
        }
    }
}

#[test]
fn a_small_pane_still_shows_the_countdown_not_terminal_too_small() {
    for (w, h) in [(40, 10), (30, 8), (30, 6), (24, 4)] {
        let s = text(&render(&sip_due(), w, h));
        assert!(!s.contains("too small"), "{w}x{h}:\n{s}");
        assert!(s.contains("sip"), "{w}x{h}:\n{s}");
    }
    // Big digits down to 30x8 (half blocks), the countdown as text below.
    assert!(text(&render(&sip_due(), 30, 8)).contains('▀'));
    let tiny = text(&render(&sip_due(), 30, 3));
    let tiny = tiny.replace(' ', "");
    assert!(
        tiny.contains("－５：００") || tiny.contains("-5:00"),
        "{tiny}"
    );
}

#[test]
fn nothing_counting_down_draws_nothing_big_and_the_intake_once() {
    for (w, h) in SIZES {
        let s = text(&render(&empty(), w, h));
        assert!(!s.contains('█') && !s.contains('▀'), "{w}x{h}:\n{s}");
        assert!(s.contains("nothing counting down"), "{w}x{h}:\n{s}");
        assert!(
            !s.contains("14:30") || w >= 60,
            "no clock drawn as a countdown"
        );
        if h >= 10 {
            assert_eq!(s.matches("oz today").count(), 1, "{w}x{h}:\n{s}");
        }
    }
}

#[test]
fn the_running_workout_shows_its_elapsed_time_with_the_next_sip() {
    let s = text(&render(&sip_due(), 80, 24));
    assert!(s.contains("run · 0:42:00 elapsed"), "{s}");
    assert!(s.contains("sip · due"), "{s}");
}

#[test]
fn a_safety_warning_and_not_medical_advice_show_at_every_size() {
    for (w, h) in SIZES {
        let s = text(&render(&overdrunk(), w, h));
        let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains("drink only to thirst"), "{w}x{h}:\n{s}");
        // The gut's hourly limit is the warning that always shows.
        assert!(flat.contains("past what the gut absorbs"), "{w}x{h}:\n{s}");
        if h >= 10 {
            assert!(flat.contains("hyponatremia"), "{w}x{h}:\n{s}");
        }
        assert!(flat.contains("not medical advice"), "{w}x{h}:\n{s}");
    }
}

/// Today, where both safety warnings hold (the hour past the gut's limit,
/// the run's sweat loss passed): each shows, the first not hiding the next.
#[test]
fn today_shows_every_safety_warning_at_80x24_and_60x20() {
    let mut app = overdrunk();
    app.update(Action::Show(Screen::Today), crate::tui::app::tests::now());
    assert_eq!(
        app.hydration.warnings.len(),
        2,
        "{:?}",
        app.hydration.warnings
    );
    for (w, h) in [(80, 24), (60, 20), (100, 30)] {
        let s = text(&render(&app, w, h));
        let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains("past what the gut absorbs"), "{w}x{h}:\n{s}");
        assert!(flat.contains("estimated sweat loss"), "{w}x{h}:\n{s}");
    }
}

/// A run logged as running since two days ago: Today names its start with
/// its day, gives no sweat estimate (days of sweat), asks for no sip, and
/// says how to stop it.
#[test]
fn today_names_a_workout_running_for_days_without_sips_or_sweat() {
    let mut app = app_with(&[add("01B", "2026-11-26T14:00:00-05:00", run())]);
    app.update(Action::Show(Screen::Today), crate::tui::app::tests::now());
    let s = text(&render(&app, 100, 30));
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("since Thu 26 Nov 14:00 · w stops it"), "{s}");
    assert!(flat.contains("still logged as running"), "{s}");
    assert!(!flat.contains("lost so far"), "{s}");
    assert_eq!(flat.matches("sip").count(), 1, "only the warning's: {s}");
}

/// The style of the first digit cell drawn.
fn digit_style(app: &App<Tz>) -> ratatui::style::Style {
    let t = render(app, 80, 24);
    let buf = t.backend().buffer();
    let cell = buf
        .content
        .iter()
        .find(|c| c.symbol() == "█")
        .expect("big digits");
    cell.style()
}

#[test]
fn a_due_countdown_is_red_and_an_upcoming_one_is_not() {
    assert_eq!(digit_style(&sip_due()).fg, Some(Color::Red));
    assert_ne!(digit_style(&sip_upcoming()).fg, Some(Color::Red));
}

#[test]
fn without_colour_a_due_countdown_is_reversed_and_an_upcoming_one_is_not() {
    // Below the tabs (the tab of the screen shown is reversed too).
    let reversed_below_tabs = |mut app: App<Tz>| {
        app.theme = Theme { color: false };
        let t = render(&app, 80, 24);
        let buf = t.backend().buffer();
        (80..80 * 23).any(|i| buf.content[i].modifier.contains(Modifier::REVERSED))
    };
    assert!(reversed_below_tabs(sip_due()), "a due countdown stands out");
    assert!(
        !reversed_below_tabs(sip_upcoming()),
        "an upcoming one does not"
    );
}
