use super::*;
use crate::domain::entry::VolumeUnit;
use crate::domain::rules::Rules;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn draw_guide(state: &GuideState, w: u16, h: u16) -> Terminal<TestBackend> {
    let guide = Guide::default();
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| guide.render(f.area(), f.buffer_mut(), state))
        .unwrap();
    t
}

#[test]
fn the_guide_parses_into_headings_paragraphs_and_items() {
    let parts = parse("# A\n\nsome\ntext\n\n## B\n\n- one\n  more\n- two\n");
    assert_eq!(
        parts,
        [
            Part::Heading(1, "A".into()),
            Part::Para("some text".into()),
            Part::Heading(2, "B".into()),
            Part::Item("one more".into()),
            Part::Item("two".into()),
        ]
    );
}

#[test]
fn the_guide_has_every_section_the_issue_asks_for() {
    let g = Guide::default();
    for title in [
        "Relief",
        "Calf",
        "Hamstring",
        "Quadriceps",
        "Foot",
        "Massage",
        "Heat and cold",
        "Topical",
        "Prevention",
        "Warm-up and cool-down",
        "Progressive load",
        "Hydration",
        "Electrolyte foods",
        "When to get help",
        "Sources",
        "Sweat test",
    ] {
        let s = g
            .section(title)
            .unwrap_or_else(|| panic!("no section {title}"));
        assert!(!s.body.is_empty(), "{title} is empty");
    }
}

#[test]
fn every_source_the_guide_cites_is_a_source_of_the_guidelines() {
    let rules = Rules::embedded().unwrap();
    for (i, _) in GUIDE_MD.match_indices('[') {
        let rest = &GUIDE_MD[i + 1..];
        let key = &rest[..rest.find(']').unwrap()];
        assert!(
            rules.sources.contains_key(key),
            "[{key}] is not in [sources]"
        );
    }
}

#[test]
fn the_guides_hydration_numbers_agree_with_the_guidelines() {
    let r = Rules::embedded().unwrap();
    let text = GUIDE_MD.replace('\n', " ").replace("  ", " ");
    let preload_oz = VolumeUnit::Oz.number(r.preload.target_ml as f64);
    assert!(
        text.contains(&format!("17-{preload_oz} oz")),
        "pre-load {preload_oz} oz"
    );
    let mph = r.safety.max_ml_per_hour as f64 / 1000.0;
    assert!(text.contains(&format!("about {mph} l")), "{mph} l an hour");
    let lo = r.after.ml_per_kg_min as f64 / 1000.0;
    let hi = r.after.ml_per_kg_max as f64 / 1000.0;
    assert!(text.contains(&format!("{lo}-{hi} l per kg")));
    assert!(text.contains(&format!(
        "every {}-{} minutes",
        r.during.opens_after_min, r.during.due_after_min
    )));
}

#[test]
fn a_cramp_offers_the_stretch_for_its_muscle() {
    let g = Guide::default();
    let calf = g.stretch_for(Muscle::Calf).unwrap();
    assert_eq!(calf.title, "Calf");
    assert!(matches!(&calf.body[0], Part::Item(t) if t.starts_with("Standing: put your weight")));
    assert_eq!(
        g.stretch_for(Muscle::Quadriceps).unwrap().title,
        "Quadriceps"
    );
    assert_eq!(g.stretch_for(Muscle::Foot).unwrap().title, "Foot");
    assert!(g.stretch_for(Muscle::Hand).is_none());
    let ham = g.stretch_for(Muscle::Hamstring).unwrap();
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| f.render_widget(&StretchCard { section: &ham }, f.area()))
        .unwrap();
    insta::assert_snapshot!(t.backend());
}

#[test]
fn the_guide_at_80x24_from_the_top() {
    insta::assert_snapshot!(draw_guide(&GuideState::default(), 80, 24).backend());
}

#[test]
fn the_guide_at_120x40_at_hydration() {
    let mut s = GuideState::default();
    assert!(s.show_section(&Guide::default(), "hydration", 120));
    assert!(!s.show_section(&Guide::default(), "astrology", 120));
    insta::assert_snapshot!(draw_guide(&s, 120, 40).backend());
}

#[test]
fn the_guide_scrolled_to_the_end_keeps_the_last_page_full() {
    let mut s = GuideState::default();
    s.bottom();
    insta::assert_snapshot!(draw_guide(&s, 80, 24).backend());
    s.up(usize::MAX);
    assert_eq!(s, GuideState::default());
}

#[test]
fn tiny_sizes_do_not_panic() {
    let g = Guide::default();
    let sec = g.stretch_for(Muscle::Calf).unwrap();
    for (w, h) in [(0, 0), (1, 1), (3, 2), (10, 4), (30, 5)] {
        draw_guide(&GuideState { scroll: 7 }, w, h);
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| f.render_widget(&StretchCard { section: &sec }, f.area()))
            .unwrap();
    }
    assert_eq!(wrap("abcdefgh ij", 3), ["abc", "def", "gh", "ij"]);
}

#[test]
fn a_guide_kept_at_one_width_draws_as_a_fresh_one_at_another() {
    let state = GuideState { scroll: 30 };
    let draw = |guide: &Guide, w: u16| {
        let mut t = Terminal::new(TestBackend::new(w, 20)).unwrap();
        t.draw(|f| guide.render(f.area(), f.buffer_mut(), &state))
            .unwrap();
        t.backend().to_string()
    };
    let mut kept = Guide::default();
    kept.fit(60);
    // Drawn at the kept width, and at another width it was not fitted to.
    assert_eq!(draw(&kept, 60), draw(&Guide::default(), 60));
    assert_eq!(draw(&kept, 100), draw(&Guide::default(), 100));
    assert_ne!(draw(&kept, 60), draw(&kept, 100));
    // Fitted again after a resize, the rows follow the new width.
    kept.fit(100);
    assert_eq!(kept.rows_at(100), layout(&kept.parts, 100).0.len());
    assert_eq!(draw(&kept, 100), draw(&Guide::default(), 100));
    assert!(kept.rows_at(60) > kept.rows_at(100));
}
