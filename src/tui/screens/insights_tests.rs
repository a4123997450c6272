use super::*;
use crate::domain::entry::{CrampContext, DrinkKind, Heat, Intensity};
use crate::domain::patterns::flags;
use crate::domain::patterns::tests::B;
use crate::domain::prefs::Prefs;
use chrono::TimeZone;
use chrono_tz::America::New_York;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The fixture of `tests/flags.rs`, with short ids: a hard hot run and a
/// severe cramp after it, two night cramps (one swollen), one drink.
fn history() -> History {
    B::default()
        .workout(
            "W1",
            "2026-11-20T07:00:00-05:00",
            Some("2026-11-20T08:30:00-05:00"),
            Intensity::Hard,
            Heat::Hot,
        )
        .drink("D1", "2026-11-20T09:00:00-05:00", 500, DrinkKind::Water)
        .cramp("C1", "2026-11-20T15:00:00-05:00", |c| {
            c.severity = Some(8);
            c.duration_s = Some(120);
            c.context = Some(CrampContext::After);
        })
        .cramp("N1", "2026-11-24T02:30:00-05:00", |c| {
            c.severity = Some(5);
            c.context = Some(CrampContext::Night);
        })
        .cramp("N2", "2026-11-27T03:00:00-05:00", |c| {
            c.muscle = crate::domain::entry::Muscle::Hamstring;
            c.context = Some(CrampContext::Night);
            c.symptoms.swelling = true;
        })
        .h()
}

struct Data {
    flags: Vec<Flag>,
    snaps: BTreeMap<String, Snapshot>,
}

fn data() -> Data {
    let now = New_York.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap();
    let h = history();
    let rules = Rules::embedded().unwrap();
    let flags = flags(&now, &h, &rules, &Prefs::default());
    let snaps = evidence_snapshots(&flags, &h, &rules);
    Data { flags, snaps }
}

fn draw(d: &Data, state: &InsightsState, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    let view = Insights {
        flags: &d.flags,
        snapshots: &d.snaps,
        unit: VolumeUnit::Oz,
        period: "the last 30 days",
        state,
    };
    t.draw(|f| f.render_widget(&view, f.area())).unwrap();
    t
}

#[test]
fn the_state_moves_opens_and_closes() {
    let mut s = InsightsState::default();
    s.prev();
    assert_eq!(s.selected, 0);
    s.next(3);
    s.next(3);
    s.next(3);
    assert_eq!(s.selected, 2, "stays on the last");
    s.open(3);
    s.scroll_down(5);
    assert!(s.open);
    assert_eq!(s.scroll, 5);
    assert!(s.close());
    assert!(!s.close(), "a second Esc leaves the screen");
    s.clamp(1);
    assert_eq!(s.selected, 0);
    s.open(0);
    assert!(!s.open, "nothing to open");
}

#[test]
fn the_list_shows_flags_most_serious_first_at_80x24() {
    let d = data();
    assert_eq!(d.flags.len(), 6);
    let t = draw(&d, &InsightsState::default(), 80, 24);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn the_list_at_120x40_with_the_third_selected() {
    let d = data();
    let mut s = InsightsState::default();
    s.next(d.flags.len());
    s.next(d.flags.len());
    let t = draw(&d, &s, 120, 40);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn a_flag_opens_with_why_source_and_evidence_snapshots_at_80x24() {
    let d = data();
    let mut s = InsightsState::default();
    s.next(d.flags.len());
    s.next(d.flags.len());
    s.open(d.flags.len());
    assert_eq!(d.flags[2].id, "disrupting-sleep");
    let t = draw(&d, &s, 80, 24);
    insta::assert_snapshot!(t.backend());
}

#[test]
fn an_open_flag_at_120x40_and_scrolled_past_the_end_stays_full() {
    let d = data();
    let mut s = InsightsState::default();
    s.next(d.flags.len());
    s.open(d.flags.len());
    let t = draw(&d, &s, 120, 40);
    insta::assert_snapshot!("severe_detail_120x40", t.backend());
    s.scroll_down(1000);
    let t = draw(&d, &s, 80, 12);
    insta::assert_snapshot!("severe_detail_scrolled_80x12", t.backend());
}

#[test]
fn no_flags_says_so_and_tiny_sizes_do_not_panic() {
    let empty = Data {
        flags: vec![],
        snaps: BTreeMap::new(),
    };
    let t = draw(&empty, &InsightsState::default(), 80, 6);
    insta::assert_snapshot!(t.backend());
    let d = data();
    let mut s = InsightsState::default();
    for (w, h) in [(1, 1), (5, 2), (12, 3), (20, 5), (0, 0)] {
        draw(&d, &s, w, h);
        s.open(d.flags.len());
        draw(&d, &s, w, h);
        s.close();
    }
}

#[test]
fn today_names_the_count_and_the_most_serious() {
    let d = data();
    assert_eq!(
        today_line(&d.flags).unwrap(),
        "6 flags · Cramps with swelling, redness, weakness or numbness (see a professional)"
    );
    assert_eq!(today_line(&[]), None);
}

#[test]
fn a_flag_title_too_wide_for_a_60_column_list_is_cut_at_a_word() {
    let d = data();
    let t = draw(&d, &InsightsState::default(), 60, 20);
    let rows: Vec<String> = (0..20)
        .map(|y| {
            (0..60)
                .map(|x| t.backend().buffer()[(x, y)].symbol())
                .collect()
        })
        .collect();
    // The header takes 3 rows and the column names one: flag i is on row 4 + i.
    for (i, f) in d.flags.iter().enumerate() {
        let row = &rows[4 + i];
        assert!(row.contains(tag(f.level).as_str()), "row {}: {row}", 4 + i);
        let shown = row
            .split("  ")
            .filter(|s| !s.trim().is_empty())
            .last()
            .unwrap()
            .trim();
        let whole_words = shown.trim_end_matches(" …");
        assert!(
            f.title.starts_with(whole_words)
                && (whole_words == f.title || f.title[whole_words.len()..].starts_with(' ')),
            "'{shown}' cuts '{}' mid-word",
            f.title
        );
    }
}
