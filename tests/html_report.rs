//! `crampwatch report --format html` through the built binary, on a fixture
//! of four weeks, parsed with an HTML parser: the sections, the summary's
//! figures (counted here from the fixture, not from the program), every
//! chart's bars and cells, hostile text escaped, nothing external.

mod common;

use chrono::{Datelike, NaiveDateTime, Timelike};
use common::Env;
use scraper::{ElementRef, Html, Selector};

const HOSTILE_NOTE: &str = r#"<script>alert(1)</script> <img src=x onerror=alert(1)> <a href="javascript:alert(2)">y</a> [x](javascript:alert(3))"#;
const HOSTILE_DOSE: &str = "<script>bad()</script> 20 mg";

/// Each cramp of the fixture: (local time, muscle, severity, duration, context).
const CRAMPS: [(&str, &str, &str, &str, &str); 7] = [
    ("2026-10-20 21:00", "calf", "3", "1m", "rest"), // the four weeks before
    ("2026-11-03 02:30", "calf", "7", "2m", "night"), // journal day Mon 2 Nov
    ("2026-11-10 15:00", "hamstring", "9", "12m", "rest"),
    ("2026-11-17 18:20", "calf", "4", "30s", "during"),
    ("2026-11-25 03:10", "foot", "5", "3m", "night"), // journal day Tue 24
    ("2026-11-26 01:00", "calf", "6", "90s", "night"), // journal day Wed 25
    ("2026-11-28 09:00", "quadriceps", "2", "20s", "rest"),
];

fn fixture() -> Env {
    let env = Env::new();
    env.write_config("units = \"ml\"\ndaily_goal = \"2l\"\n");
    for (at, muscle, sev, dur, ctx) in CRAMPS {
        let mut args = vec![
            "cramp",
            muscle,
            "--severity",
            sev,
            "--duration",
            dur,
            "--context",
            ctx,
            "--at",
            at,
        ];
        if at.starts_with("2026-11-25") {
            args.extend(["--note", HOSTILE_NOTE]);
        }
        env.log(&args);
    }
    env.log(&[
        "workout",
        "add",
        "run",
        "--from",
        "2026-11-17 18:00",
        "--to",
        "2026-11-17 19:00",
        "--heat",
        "hot",
        "--intensity",
        "hard",
    ]);
    env.log(&[
        "drink",
        "500ml",
        "--at",
        "2026-11-10 10:00",
        "--note",
        HOSTILE_NOTE,
    ]);
    env.log(&["drink", "2000ml", "--at", "2026-11-11 10:00"]);
    env.log(&[
        "medication",
        "start",
        "furosemide",
        "--class",
        "diuretic",
        "--dose",
        HOSTILE_DOSE,
        "--at",
        "2026-11-09",
    ]);
    env.log(&["medication", "stop", "furosemide", "--at", "2026-11-20"]);
    env
}

fn page(env: &Env) -> Html {
    let out = env.quiet(&[
        "report",
        "--format",
        "html",
        "--from",
        "2026-11-02",
        "--to",
        "2026-11-29",
    ]);
    Html::parse_document(&out)
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn all<'a>(doc: &'a Html, s: &str) -> Vec<ElementRef<'a>> {
    doc.select(&sel(s)).collect()
}

fn text(e: &ElementRef) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text pieces of a chart element (label, figure), one space between.
fn pieces(e: &ElementRef) -> String {
    e.text()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn one(doc: &Html, s: &str) -> String {
    let found = all(doc, s);
    assert_eq!(found.len(), 1, "exactly one {s}");
    text(&found[0])
}

/// The fixture's cramps in the period (2 to 29 November).
fn in_period() -> Vec<(NaiveDateTime, &'static str, u32, &'static str, &'static str)> {
    CRAMPS
        .iter()
        .filter(|c| c.0 >= "2026-11-02 04:00")
        .map(|(at, m, s, d, c)| {
            (
                NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M").unwrap(),
                *m,
                s.parse().unwrap(),
                *d,
                *c,
            )
        })
        .collect()
}

#[test]
fn the_sections_come_in_the_order_a_clinician_reads() {
    let doc = page(&fixture());
    let ids: Vec<String> = all(&doc, "body > header, body > section")
        .iter()
        .map(|e| e.value().attr("id").unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        ids,
        ["period", "summary", "charts", "flags", "cramps", "appendix"],
        "no sweat section without sweat tests"
    );
    let header = one(&doc, "header#period");
    assert!(
        header.contains("Mon 2 Nov – Sun 29 Nov 2026 (28 days)"),
        "{header}"
    );
    assert!(header.contains("General information, not medical advice"));
    assert!(
        header.contains("testdev (this device)"),
        "the sources name the device: {header}"
    );
    let figs: Vec<String> = all(&doc, "#charts figure")
        .iter()
        .map(|f| f.value().attr("id").unwrap().to_string())
        .collect();
    assert_eq!(
        figs,
        [
            "chart-cramps",
            "chart-medicines",
            "chart-heatmap",
            "chart-muscles",
            "chart-severity",
            "chart-duration",
            "chart-intake",
            "chart-sessions"
        ],
        "the medicines come right under the cramps"
    );
}

#[test]
fn the_summary_figures_match_the_fixture() {
    let doc = page(&fixture());
    let cramps = in_period();
    assert_eq!(cramps.len(), 6);
    // The page runs to tomorrow: the rate is over its 27 days begun, and
    // they are compared with the same 27 days of the 28 before.
    let rate = cramps.len() as f64 * 7.0 / 27.0;
    assert_eq!(
        one(&doc, "#sum-rate"),
        format!(
            "6 cramps in the 27 days so far ({rate:.1} a week); the same 27 days of the 28 before: 1 (up)."
        )
    );
    // Nights: the journal day of each night cramp (a day starts at 04:00).
    let nights: std::collections::BTreeSet<_> = cramps
        .iter()
        .filter(|c| c.4 == "night")
        .map(|c| (c.0 - chrono::Duration::hours(4)).date())
        .collect();
    assert_eq!(
        one(&doc, "#sum-nights"),
        format!("Nights woken: {} (3 cramps at night).", nights.len())
    );
    assert_eq!(
        one(&doc, "#sum-worst"),
        "Longest: 12m (hamstring, Tue 10 Nov); most severe: 9/10 (hamstring, Tue 10 Nov)."
    );
    // Only the cramp during the run is tied to exercise.
    let untied = cramps.iter().filter(|c| c.4 != "during").count();
    assert_eq!(
        one(&doc, "#sum-untied"),
        format!(
            "Not tied to exercise: {untied} of 6 ({:.0}%).",
            untied as f64 * 100.0 / 6.0
        )
    );
    let professional: Vec<String> = all(&doc, "article.flag h3")
        .iter()
        .filter(|h| text(h).starts_with("[see a professional]"))
        .map(|h| {
            text(h)
                .trim_start_matches("[see a professional] ")
                .to_string()
        })
        .collect();
    assert!(
        professional.contains(&"Severe cramps".to_string()),
        "{professional:?}"
    );
    assert!(
        professional.contains(&"Long-lasting cramps".to_string()),
        "{professional:?}"
    );
    let line = one(&doc, "#sum-flags");
    assert!(
        line.starts_with(&format!(
            "Flags at the “see a professional” level: {}: ",
            professional.len()
        )),
        "{line}"
    );
    for title in &professional {
        assert!(line.contains(title.as_str()), "{line} lacks {title}");
    }
}

#[test]
fn every_chart_is_an_svg_with_a_bar_or_cell_for_each_thing_it_counts() {
    let doc = page(&fixture());
    for fig in all(&doc, "#charts figure") {
        let id = fig.value().attr("id").unwrap();
        assert_eq!(fig.select(&sel("svg")).count(), 1, "{id} has one svg");
    }
    // Weeks from Monday 2 November: the journal days of the cramps fall in
    // weeks 0, 1, 2 and 3, 3, 3.
    let totals: Vec<String> = all(&doc, "#chart-cramps g.bar")
        .iter()
        .map(|g| g.value().attr("data-total").unwrap().to_string())
        .collect();
    assert_eq!(totals, ["1", "1", "1", "3"]);
    assert_eq!(
        all(&doc, "#chart-cramps rect.seg").len(),
        5,
        "week 4 stacks night and rest"
    );
    assert_eq!(all(&doc, "#chart-medicines g.course").len(), 1);
    assert!(one(&doc, "#chart-medicines").contains("furosemide (diuretic)"));

    let cells = all(&doc, "#chart-heatmap rect.cell");
    assert_eq!(cells.len(), 7 * 8, "7 days by 8 blocks of 3 hours");
    let mut expected = vec![0u32; 56];
    for c in in_period() {
        expected[c.0.weekday().num_days_from_monday() as usize * 8 + c.0.hour() as usize / 3] += 1;
    }
    let got: Vec<u32> = cells
        .iter()
        .map(|c| c.value().attr("data-count").unwrap().parse().unwrap())
        .collect();
    assert_eq!(got, expected);

    let muscles: Vec<String> = all(&doc, "#chart-muscles g.bar")
        .iter()
        .map(pieces)
        .collect();
    assert_eq!(
        muscles,
        [
            "calf 3",
            "hamstring 1",
            "quadriceps 1",
            "foot 1",
            "hand 0",
            "other 0"
        ]
    );
    assert_eq!(all(&doc, "#chart-severity g.bar").len(), 10);
    let durations: Vec<String> = all(&doc, "#chart-duration g.bar")
        .iter()
        .map(pieces)
        .collect();
    assert_eq!(
        durations,
        [
            "< 1 min 2",
            "1-2 min 1",
            "2-5 min 2",
            "5-10 min 0",
            "10 min + 1"
        ]
    );
    assert_eq!(all(&doc, "#chart-intake g.bar").len(), 28, "a bar a day");
    assert_eq!(all(&doc, "#chart-intake line.goal").len(), 1);
    let intake: Vec<String> = all(&doc, "#chart-intake g.bar")
        .iter()
        .map(|g| g.value().attr("data-value").unwrap().to_string())
        .collect();
    assert_eq!(&intake[8..10], ["500", "2000"], "10 and 11 November, in ml");
    // Session minutes by week, like the cramps: the hour's hot run on 17 November.
    let sessions: Vec<String> = all(&doc, "#chart-sessions g.bar")
        .iter()
        .map(|g| g.value().attr("data-total").unwrap().to_string())
        .collect();
    assert_eq!(sessions, ["0", "0", "60", "0"]);
    assert_eq!(all(&doc, "#chart-sessions rect.seg").len(), 1);
}

#[test]
fn hostile_notes_are_shown_as_text_and_nothing_is_external() {
    let env = fixture();
    let raw = env.quiet(&[
        "report",
        "--format",
        "html",
        "--from",
        "2026-11-02",
        "--to",
        "2026-11-29",
    ]);
    let doc = Html::parse_document(&raw);
    assert!(
        all(
            &doc,
            "script, img, iframe, object, embed, link, a, base, form"
        )
        .is_empty()
    );
    assert!(all(&doc, "[onerror], [onload], [onclick]").is_empty());
    let notes: Vec<String> = all(&doc, "td.note")
        .iter()
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(
        notes.iter().filter(|n| *n == HOSTILE_NOTE).count(),
        2,
        "the cramp's and the drink's notes, as typed"
    );
    assert!(
        raw.contains("&lt;script&gt;bad()&lt;/script&gt; 20 mg"),
        "the dose, escaped"
    );
    for e in doc
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
    {
        for (name, value) in e.value().attrs() {
            assert!(
                name != "src" && name != "href" && name != "xlink:href",
                "{name}={value}"
            );
            let v = value.to_ascii_lowercase();
            assert!(
                !v.contains("http:") && !v.contains("https:") && !v.contains("javascript:"),
                "{name}={value}"
            );
            if v.contains("url(") {
                assert!(
                    v.starts_with("url(#"),
                    "only the page's own patterns: {value}"
                );
            }
        }
    }
    let style = one(&doc, "style");
    assert!(
        !style.contains("@import") && !style.contains("url("),
        "no outside style or font"
    );
}

#[test]
fn the_page_is_written_to_a_file_when_asked_and_bad_periods_are_refused() {
    let env = fixture();
    let file = env.root().join("report.html");
    let out = env.quiet(&[
        "report",
        "--format",
        "html",
        "--since",
        "8w",
        "--output",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.trim(), format!("report written to {}", file.display()));
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.starts_with("<!DOCTYPE html>"));
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o600
    );

    let bad = env.refused(&["report", "--format", "html", "--from", "2026-13-01"]);
    assert!(bad.contains("'2026-13-01' is not a date"), "{bad}");
    env.refused(&[
        "report",
        "--format",
        "html",
        "--from",
        "2026-11-20",
        "--to",
        "2026-11-10",
    ]);
    env.refused(&["report", "--format", "text", "--open"]);
}

#[test]
fn without_a_period_the_page_covers_the_last_eight_weeks() {
    let doc = page_default(&fixture());
    assert!(one(&doc, "header#period").contains("Sun 4 Oct – Sat 28 Nov 2026 (56 days)"));
    assert_eq!(all(&doc, "#chart-cramps g.bar").len(), 8);
}

fn page_default(env: &Env) -> Html {
    Html::parse_document(&env.quiet(&["report", "--format", "html"]))
}

#[test]
fn the_output_is_never_written_through_a_link_nor_into_a_missing_folder() {
    let env = fixture();
    let target = env.root().join("elsewhere.html");
    let link = env.root().join("link.html");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let e = env.refused(&[
        "report",
        "--format",
        "html",
        "--output",
        link.to_str().unwrap(),
    ]);
    assert!(e.contains("is a symbolic link"), "{e}");
    assert!(!target.exists());
    let missing = env.root().join("no/such/folder/r.html");
    let e = env.refused(&[
        "report",
        "--format",
        "html",
        "--output",
        missing.to_str().unwrap(),
    ]);
    assert!(e.contains("does not exist"), "{e}");
    assert!(!env.root().join("no").exists());
}

#[test]
fn open_writes_the_page_to_the_reports_folder_and_hands_it_to_the_system_opener() {
    use std::os::unix::fs::PermissionsExt;
    let env = fixture();
    // A stand-in for xdg-open that notes what it was asked to open.
    let bin = env.root().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let asked = env.root().join("asked");
    let opener = bin.join(if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    });
    std::fs::write(
        &opener,
        format!("#!/bin/sh\nprintf '%s' \"$1\" > '{}'\n", asked.display()),
    )
    .unwrap();
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = env
        .std_cmd()
        .env("PATH", &bin)
        .args(["report", "--format", "html", "--week", "2026-W47", "--open"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = env
        .data
        .join("reports/crampwatch-report-2026-11-16-to-2026-11-22.html");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        format!("report written to {}", page.display())
    );
    assert!(
        std::fs::read_to_string(&page)
            .unwrap()
            .contains("Mon 16 Nov – Sun 22 Nov 2026")
    );
    for _ in 0..50 {
        if std::fs::read_to_string(&asked).is_ok_and(|s| s.ends_with(".html")) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(
        std::fs::read_to_string(&asked).unwrap(),
        page.display().to_string()
    );
}
