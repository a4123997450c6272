use super::*;
use crate::domain::entry::VolumeUnit;
use crate::domain::rules::Rules;
use crate::tui::cards::StretchCard;
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
        // The rest of the seed (issue 11, point 8).
        "At the first twitch",
        "Foam roller and massage stick",
        "Footwear",
        "Hot and cold weather",
        "Who is more prone",
        "Age",
        "Pregnancy",
        "Nerve compression (sciatica)",
        "Cramp or soreness (DOMS)?",
        "Sweat test",
    ] {
        let s = g
            .section(title)
            .unwrap_or_else(|| panic!("no section {title}"));
        assert!(!s.body.is_empty(), "{title} is empty");
    }
}

/// The keys cited in square brackets in `text`, in order.
fn cited(text: &str) -> Vec<&str> {
    text.match_indices('[')
        .map(|(i, _)| {
            let rest = &text[i + 1..];
            &rest[..rest.find(']').expect("an unclosed [")]
        })
        .collect()
}

/// The text of each part under heading `title`.
fn texts(g: &Guide, title: &str) -> Vec<String> {
    let s = g
        .section(title)
        .unwrap_or_else(|| panic!("no section {title}"));
    s.body
        .into_iter()
        .map(|p| match p {
            Part::Heading(_, t) | Part::Para(t) | Part::Item(t) => t,
        })
        .collect()
}

#[test]
fn every_source_the_guide_cites_is_listed_under_its_sources_and_no_other() {
    let (body, sources) = GUIDE_MD.split_once("\n## Sources\n").unwrap();
    let listed: Vec<&str> = sources
        .lines()
        .filter_map(|l| l.strip_prefix("- ["))
        .map(|l| &l[..l.find(']').unwrap()])
        .collect();
    let used = cited(body);
    for key in &used {
        assert!(listed.contains(key), "[{key}] is cited but not listed");
    }
    for key in &listed {
        assert!(used.contains(key), "[{key}] is listed but never cited");
    }
    // Every listed source says what it is, and none is listed twice.
    assert_eq!(cited(sources).len(), listed.len());
    let mut unique = listed.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), listed.len(), "a source listed twice");
}

#[test]
fn each_point_of_the_rest_of_the_seed_names_its_source() {
    let g = Guide::default();
    // Each topic the issue asks for, a phrase a reader looks for, and the
    // source that says it.
    for (title, phrase, source) in [
        ("At the first twitch", "Ease off", "cramps"),
        ("Foam roller and massage stick", "massage stick", "mayo"),
        ("Heat and cold", "Alternating warm and cold", "aaos"),
        ("Footwear", "support", "mayo-pregnancy"),
        ("Electrolyte foods", "magnesium", "mayo"),
        ("Electrolyte foods", "Potassium: fruit", "ods"),
        ("Warm-up and cool-down", "dynamic moves", "acsm-exercise"),
        ("Warm-up and cool-down", "20-30 seconds", "acsm-exercise"),
        ("Age", "age", "nhs"),
        ("Pregnancy", "pregnancy", "nhs"),
        ("Pregnancy", "calf pain or swelling", "acog"),
        ("Nerve compression (sciatica)", "compressed nerve", "mayo"),
        (
            "Nerve compression (sciatica)",
            "bladder or bowels",
            "nhs-sciatica",
        ),
        ("Hot and cold weather", "Cold: cramps happen", "cramps"),
        ("Hot and cold weather", "hot or humid", "mayo"),
        ("Cramp or soreness (DOMS)?", "A cramp is sudden", "nhs"),
        (
            "Cramp or soreness (DOMS)?",
            "one to three days",
            "cleveland-doms",
        ),
    ] {
        let texts = texts(&g, title);
        let point = texts
            .iter()
            .find(|t| t.contains(phrase))
            .unwrap_or_else(|| panic!("{title}: nothing says {phrase:?}"));
        assert!(
            cited(point).contains(&source),
            "{title}: {phrase:?} does not cite [{source}]"
        );
    }
    // In the sections new to the guide, every point cites something.
    for title in [
        "At the first twitch",
        "Foam roller and massage stick",
        "Footwear",
        "Hot and cold weather",
        "Age",
        "Pregnancy",
        "Nerve compression (sciatica)",
        "Cramp or soreness (DOMS)?",
    ] {
        for t in texts(&g, title) {
            assert!(!cited(&t).is_empty(), "{title}: no source for {t:?}");
        }
    }
}

#[test]
fn the_red_flags_cite_the_nhs_and_the_window_is_labelled_crampwatchs_own() {
    let g = Guide::default();
    let help = texts(&g, "When to get help");
    let urgent = help.iter().find(|t| t.contains("10 minutes")).unwrap();
    assert!(urgent.starts_with("Get urgent help"), "{urgent}");
    assert_eq!(cited(urgent), ["nhs"]);
    // The symptoms the NHS names come in the list after the paragraph that
    // cites it, before the next paragraph.
    let at = help
        .iter()
        .position(|t| t.ends_with("if cramps [nhs]:"))
        .unwrap();
    let list: String = help[at + 1..]
        .iter()
        .take_while(|t| !t.ends_with(':'))
        .map(String::as_str)
        .collect();
    for symptom in [
        "often", "sleep", "swelling", "redness", "numbness", "weakness",
    ] {
        assert!(list.contains(symptom), "the NHS list lacks {symptom}");
    }
    let hydration = texts(&g, "Hydration");
    let cap = hydration.iter().find(|t| t.contains("1.2 l")).unwrap();
    assert_eq!(cited(cap), ["acsm"], "{cap}");
    let hypo = hydration
        .iter()
        .find(|t| t.contains("hyponatremia"))
        .unwrap();
    assert!(hypo.contains("Drink to thirst"), "{hypo}");
    let window = texts(&g, "Warm-up and cool-down")
        .into_iter()
        .find(|t| t.contains("cramp-prone window"))
        .unwrap();
    assert!(window.contains("crampwatch's own heuristic"), "{window}");
    assert_eq!(cited(&window), ["seed"]);
}

#[test]
fn the_guides_hydration_numbers_agree_with_the_guidelines() {
    let r = Rules::embedded().unwrap();
    let text = GUIDE_MD.split_whitespace().collect::<Vec<_>>().join(" ");
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
fn the_guides_during_workout_range_is_the_sip_timers() {
    let r = Rules::embedded().unwrap();
    let text = GUIDE_MD.split_whitespace().collect::<Vec<_>>().join(" ");
    // A US fluid ounce is 29.5735 ml; the guide rounds to whole ounces.
    let oz = |ml: u32| (f64::from(ml) / 29.5735).round();
    let (lo, hi) = (r.during.min_ml, r.during.max_ml);
    let range = format!(
        "about {}-{} oz ({lo}-{hi} ml) every {}-{} minutes",
        oz(lo),
        oz(hi),
        r.during.opens_after_min,
        r.during.due_after_min
    );
    assert!(text.contains(&range), "the guide lacks {range:?}");
    // The only other during-workout figure is ACE's own, named as such.
    assert!(text.contains("(ACE gives 7-10 oz)"));
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

#[test]
fn guide_rows_are_measured_in_columns_so_wide_text_stays_inside() {
    let parts = parse(
        "## ふくらはぎ\n\n階段で急に攣ったら 🦵 つま先を手前に引いて 30 秒ほど伸ばす。痛みが 10 分以上続くなら受診する。\n\n- 水分を 🥤 少しずつ",
    );
    for w in [8u16, 13, 20, 33, 60] {
        let (rows, _) = layout(&parts, w);
        for row in rows {
            let text: String = row.spans.iter().map(|s| s.content.as_ref()).collect();
            assert!(
                crate::tui::text::width(&text) <= w as usize,
                "{text:?} is over {w} columns"
            );
        }
    }
}
