//! `crampwatch import` of device files, end to end, on real sample files
//! (tests/fixtures/devices, with their licences) and small hand-made ones.
//!
//! Expected values come from other tools, not from crampwatch: FIT from
//! python-fitparse 1.2.0, TCX from python-tcxparser 2.4.0, GPX from gpxpy
//! 1.6.2; the hand-written Apple Health and Strava files from what was written.

mod common;

use chrono::{DateTime, Utc};
use common::{Env, snapshot};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/devices")
        .join(name)
}

fn import(env: &Env, args: &[&Path]) -> std::process::Output {
    let mut a: Vec<String> = vec!["import".into()];
    a.extend(args.iter().map(|p| p.display().to_string()));
    let a: Vec<&str> = a.iter().map(String::as_str).collect();
    env.run(&a)
}

fn out(o: &std::process::Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().to_utc()
}

/// A workout as a user sees it: start (UTC), seconds, activity, heat, intensity.
#[derive(Debug, PartialEq)]
struct W {
    start: DateTime<Utc>,
    secs: i64,
    activity: String,
    heat: String,
    intensity: String,
}

fn workouts(env: &Env) -> Vec<W> {
    let mut v: Vec<W> = env
        .entries()
        .into_iter()
        .filter(|e| e["type"] == "workout")
        .map(|e| {
            let start = utc(e["at"].as_str().unwrap());
            let end = utc(e["end"].as_str().unwrap());
            W {
                start,
                secs: (end - start).num_seconds(),
                activity: e["activity"].as_str().unwrap().into(),
                heat: e["heat"].as_str().unwrap().into(),
                intensity: e["intensity"].as_str().unwrap().into(),
            }
        })
        .collect();
    v.sort_by_key(|w| w.start);
    v
}

fn w(start: &str, secs: i64, activity: &str, heat: &str, intensity: &str) -> W {
    W {
        start: utc(start),
        secs,
        activity: activity.into(),
        heat: heat.into(),
        intensity: intensity.into(),
    }
}

fn of_type(env: &Env, ty: &str) -> Vec<Value> {
    env.entries()
        .into_iter()
        .filter(|e| e["type"] == ty)
        .collect()
}

/// Imports one file into an empty journal; it must succeed.
fn one(file: &str) -> (Env, String, String) {
    let env = Env::new();
    let o = import(&env, &[&fixture(file)]);
    let (so, se) = out(&o);
    assert!(o.status.success(), "{file}: {so}\n{se}");
    (env, so, se)
}

#[test]
fn each_sample_gives_its_start_length_sport_and_heat() {
    // (file, start, seconds, activity, heat, intensity). Lengths: fitparse's
    // total_elapsed_time rounded (13.749, 56.887, 60.363, 2832.0); tcxparser's
    // started_at..completed_at; gpxpy's time bounds. Heat: fitparse's mean
    // record temperature (none, 24.4, 19.0, 21.2 C: mild) or none (mild);
    // the hand-made GPX is at 30-32 C (hot). Intensity: average heart rate
    // against 185 (64/77/96 %): fitparse 90 and 101 (easy), tcxparser 156
    // (84 %: hard), the GPX 150 (81 %: hard); none gives moderate.
    let cases = [
        (
            "Activity.fit",
            "2012-04-09T21:22:26Z",
            14,
            "run",
            "mild",
            "moderate",
        ),
        (
            "garmin-fenix-5-run.fit",
            "2017-06-11T14:34:09Z",
            57,
            "run",
            "mild",
            "easy",
        ),
        (
            "garmin-fenix-5-bike.fit",
            "2017-06-12T16:09:22Z",
            60,
            "ride",
            "mild",
            "easy",
        ),
        (
            "activity-small-fenix2-run.fit",
            "2015-08-15T14:45:08Z",
            2832,
            "run",
            "mild",
            "moderate",
        ),
        (
            "test.tcx",
            "2012-12-26T21:29:53Z",
            1992,
            "run",
            "mild",
            "hard",
        ),
        (
            "korita-zbevnica.gpx",
            "2010-10-03T09:36:30Z",
            13381,
            "other",
            "mild",
            "moderate",
        ),
        (
            "gpx-garmin-ext.gpx",
            "2023-07-14T16:00:00Z",
            2490,
            "run",
            "hot",
            "hard",
        ),
        (
            "bike.fit.gz",
            "2017-06-12T16:09:22Z",
            60,
            "ride",
            "mild",
            "easy",
        ),
        // Made by make-developer-fields-fit.py; fitparse reads the first as
        // written: 3600 s, running, HR 150 (81 %: hard), 30 C (hot). It
        // refuses the second (a 3-byte uint32), which holds the same session.
        (
            "developer-fields.fit",
            "2024-07-20T06:00:00Z",
            3600,
            "run",
            "hot",
            "hard",
        ),
        (
            "misaligned-field.fit",
            "2024-07-20T06:00:00Z",
            3600,
            "run",
            "hot",
            "hard",
        ),
    ];
    for (file, start, secs, activity, heat, intensity) in cases {
        let (env, so, _) = one(file);
        assert_eq!(
            workouts(&env),
            vec![w(start, secs, activity, heat, intensity)],
            "{file}: {so}"
        );
    }
}

#[test]
fn a_chained_fit_file_gives_both_sessions() {
    let (env, _, _) = one("chained.fit");
    assert_eq!(
        workouts(&env),
        vec![
            w("2017-06-11T14:34:09Z", 57, "run", "mild", "easy"),
            w("2017-06-12T16:09:22Z", 60, "ride", "mild", "easy"),
        ]
    );
}

#[test]
fn the_scale_file_gives_its_weights_and_warns_of_two_users() {
    let (env, _, err) = one("WeightScaleMultiUser.fit");
    let mut got: Vec<(DateTime<Utc>, f64)> = of_type(&env, "weight")
        .iter()
        .map(|e| (utc(e["at"].as_str().unwrap()), e["kg"].as_f64().unwrap()))
        .collect();
    got.sort_by_key(|g| g.0);
    // fitparse: 75.8 kg (user 0) at 21:38, 58.2 kg (user 1) at 22:38.
    assert_eq!(
        got,
        vec![
            (utc("2009-09-09T21:38:00Z"), 75.8),
            (utc("2009-09-09T22:38:00Z"), 58.2)
        ]
    );
    assert!(err.contains("2 people"), "{err}");
}

#[test]
fn a_bad_checksum_warns_and_keeps_the_session() {
    let (env, _, err) = one("bad-crc.fit");
    assert!(err.contains("checksum"), "{err}");
    assert_eq!(
        workouts(&env),
        vec![w("2017-06-11T14:34:09Z", 57, "run", "mild", "easy")]
    );
}

/// Entries without their ids and logging times.
fn contents(env: &Env) -> Vec<Value> {
    let mut v: Vec<Value> = env
        .entries()
        .into_iter()
        .map(|mut e| {
            let o = e.as_object_mut().unwrap();
            o.remove("id");
            o.remove("logged");
            e
        })
        .collect();
    v.sort_by_key(|e| e.to_string());
    v
}

#[test]
fn apple_health_zip_and_xml_give_the_same_entries() {
    let (xml, _, _) = one("apple-export.xml");
    let (zip, _, _) = one("apple-export.zip");
    assert_eq!(contents(&xml), contents(&zip));
    // As written: a run 07:30-08:15 -0400 at 86 F (30 C: hot) with HR avg
    // 150 (hard); a ride 18:00-19:30 +0200 with neither (mild, moderate).
    assert_eq!(
        workouts(&xml),
        vec![
            w("2024-06-01T11:30:00Z", 45 * 60, "run", "hot", "hard"),
            w("2024-06-02T16:00:00Z", 90 * 60, "ride", "mild", "moderate"),
        ]
    );
    // 165 lb = 74.84 kg; 16 US fl oz = 473 ml.
    let mut kg: Vec<f64> = of_type(&xml, "weight")
        .iter()
        .map(|e| e["kg"].as_f64().unwrap())
        .collect();
    kg.sort_by(f64::total_cmp);
    assert_eq!(kg, vec![74.2, 74.84]);
    let mut ml: Vec<u64> = of_type(&xml, "drink")
        .iter()
        .map(|e| e["ml"].as_u64().unwrap())
        .collect();
    ml.sort();
    assert_eq!(ml, vec![473, 500]);
    assert_eq!(
        xml.entries().len(),
        6,
        "heart rate and steps are not entries"
    );
}

#[test]
fn a_strava_export_reads_its_csv_and_the_files_it_names() {
    let (env, so, _) = one("strava");
    // Row 1001 from its FIT file (fitparse: 57 s, HR 90, 24.4 C); row 1002
    // from the CSV alone: 3600 s, 29 C (hot), no heart rate.
    assert_eq!(
        workouts(&env),
        vec![
            w("2017-06-11T14:34:09Z", 57, "run", "mild", "easy"),
            w("2018-09-12T15:02:23Z", 3600, "ride", "hot", "moderate"),
        ],
        "{so}"
    );
    assert!(
        !so.lines().any(|l| l.contains("1001.fit")),
        "the file the CSV names is not read again on its own: {so}"
    );
    let notes: Vec<String> = of_type(&env, "workout")
        .iter()
        .map(|e| e["note"].as_str().unwrap().to_string())
        .collect();
    assert!(
        notes
            .iter()
            .any(|n| n.contains("Lunch Run") && n.contains("\"strides\"")),
        "{notes:?}"
    );
    assert!(
        notes.iter().any(|n| n.contains("Hot ride, hilly")),
        "{notes:?}"
    );
    // The zip of the same export adds nothing more.
    let again = import(&env, &[&fixture("strava-export.zip")]);
    let (so, se) = out(&again);
    assert!(again.status.success(), "{so}{se}");
    assert_eq!(workouts(&env).len(), 2, "{so}");
}

#[test]
fn reimport_of_files_or_the_same_activity_in_another_format_adds_nothing() {
    let env = Env::new();
    let files = [
        "garmin-fenix-5-run.fit",
        "garmin-fenix-5-bike.fit",
        "test.tcx",
        "apple-export.zip",
    ];
    let paths: Vec<PathBuf> = files.iter().map(|f| fixture(f)).collect();
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    assert!(import(&env, &refs).status.success());
    let before = snapshot(&env.data);
    let n = env.entries().len();
    for again in [
        &refs[..],
        &[fixture("chained.fit").as_path()],
        &[fixture("strava").as_path()][..1],
    ] {
        let o = import(&env, again);
        let (so, se) = out(&o);
        assert!(o.status.success(), "{so}{se}");
        if again.len() > 1 {
            assert_eq!(snapshot(&env.data), before, "a second import wrote: {so}");
        }
    }
    // The Strava export's run is the fenix run already here; its ride is new.
    assert_eq!(env.entries().len(), n + 1);
    assert!(
        import(&env, &[&fixture("apple-export.xml")])
            .status
            .success()
    );
    assert_eq!(
        env.entries().len(),
        n + 1,
        "the xml of the zip already imported"
    );
}

#[test]
fn a_folder_of_good_and_broken_files_imports_the_good_and_names_the_broken() {
    let env = Env::new();
    let dir = env.root().join("watch");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    for f in [
        "garmin-fenix-5-run.fit",
        "corrupt-header.fit",
        "cut-short.fit",
        "gpx1.1_with_extensions.gpx",
    ] {
        std::fs::copy(fixture(f), dir.join(f)).unwrap();
    }
    std::fs::copy(fixture("test.tcx"), dir.join("sub/test.tcx")).unwrap();
    std::fs::write(dir.join("notes.txt"), "my runs").unwrap();
    let o = import(&env, &[&dir]);
    let (so, se) = out(&o);
    assert_eq!(o.status.code(), Some(2), "{so}{se}");
    for broken in [
        "corrupt-header.fit",
        "cut-short.fit",
        "gpx1.1_with_extensions.gpx",
    ] {
        assert!(
            so.lines()
                .any(|l| l.contains(broken) && l.contains("refused")),
            "{broken}: {so}"
        );
        assert!(se.contains(broken), "{broken}: {se}");
    }
    assert!(
        so.lines()
            .any(|l| l.contains("notes.txt") && l.contains("skipped")),
        "{so}"
    );
    assert_eq!(
        se.lines().filter(|l| l.starts_with("error:")).count(),
        1,
        "{se}"
    );
    assert_eq!(workouts(&env).len(), 2, "the fenix run and the TCX run");
}

#[test]
fn broken_files_are_refused_with_no_change_and_a_clear_line() {
    let env = Env::new();
    env.log(&["drink", "10oz"]);
    for (file, says) in [
        ("corrupt-header.fit", "header is corrupt"),
        ("cut-short.fit", "cut short"),
        (
            "gpx1.1_with_extensions.gpx",
            "no track points that have times",
        ),
    ] {
        let err = env.refused(&["import", fixture(file).to_str().unwrap()]);
        assert!(err.contains(file) && err.contains(says), "{file}: {err}");
    }
}

#[test]
fn implausible_values_are_refused_and_named() {
    let env = Env::new();
    let gpx = env.root().join("ninety-days.gpx");
    std::fs::write(
        &gpx,
        r#"<gpx version="1.1"><trk><trkseg>
<trkpt lat="1" lon="1"><time>2026-01-01T00:00:00Z</time></trkpt>
<trkpt lat="1" lon="1"><time>2026-04-01T00:00:00Z</time></trkpt>
</trkseg></trk></gpx>"#,
    )
    .unwrap();
    let xml = env.root().join("export.xml");
    std::fs::write(
        &xml,
        r#"<?xml version="1.0"?><HealthData locale="en">
<Record type="HKQuantityTypeIdentifierBodyMass" unit="kg" startDate="2026-01-01 07:00:00 +0000" value="1e308"/>
<Record type="HKQuantityTypeIdentifierBodyMass" unit="kg" startDate="2026-01-02 07:00:00 +0000" value="71"/>
</HealthData>"#,
    )
    .unwrap();
    let o = import(&env, &[&gpx, &xml]);
    let (so, se) = out(&o);
    assert_eq!(o.status.code(), Some(2), "{so}{se}");
    assert!(so.contains("more than 24 hours"), "{so}");
    assert!(so.contains("1e308 kg is not plausible"), "{so}");
    let kg: Vec<f64> = of_type(&env, "weight")
        .iter()
        .map(|e| e["kg"].as_f64().unwrap())
        .collect();
    assert_eq!(kg, vec![71.0], "the sound weighing is kept");
    assert!(workouts(&env).is_empty());
}

#[test]
fn dry_run_reports_and_writes_nothing() {
    let env = Env::new();
    env.log(&["drink", "10oz"]);
    let before = snapshot(&env.data);
    let o = env.run(&[
        "import",
        "--dry-run",
        fixture("chained.fit").to_str().unwrap(),
    ]);
    let (so, se) = out(&o);
    assert!(o.status.success(), "{se}");
    assert!(so.contains("would add 2"), "{so}");
    assert_eq!(snapshot(&env.data), before);
}

#[test]
fn a_workout_logged_by_hand_is_not_doubled_and_merge_takes_the_watch_times() {
    let env = Env::new();
    // Now is 2026-11-28 14:30 in New York; by hand: 07:10-07:50 yesterday
    // (12:10-12:50 UTC); the watch: 12:00-13:00 UTC.
    let id = env.log(&[
        "workout",
        "add",
        "run",
        "--from",
        "yesterday 07:10",
        "--to",
        "yesterday 07:50",
    ]);
    let gpx = env.root().join("watch.gpx");
    std::fs::write(
        &gpx,
        r#"<gpx version="1.1"><trk><type>running</type><trkseg>
<trkpt lat="1" lon="1"><time>2026-11-27T12:00:00Z</time></trkpt>
<trkpt lat="1" lon="1"><time>2026-11-27T13:00:00Z</time></trkpt>
</trkseg></trk></gpx>"#,
    )
    .unwrap();
    let o = import(&env, &[&gpx]);
    let (so, _) = out(&o);
    assert!(o.status.success());
    assert!(so.contains(&id) && so.contains("--merge"), "{so}");
    assert_eq!(workouts(&env).len(), 1);
    let o = env.run(&["import", "--merge", gpx.to_str().unwrap()]);
    assert!(o.status.success(), "{}", out(&o).1);
    let e = env.entry(&id).expect("the hand-logged workout stays");
    assert_eq!(utc(e["at"].as_str().unwrap()), utc("2026-11-27T12:00:00Z"));
    assert_eq!(utc(e["end"].as_str().unwrap()), utc("2026-11-27T13:00:00Z"));
    let before = snapshot(&env.data);
    assert!(import(&env, &[&gpx]).status.success());
    assert_eq!(snapshot(&env.data), before, "merged once is enough");
}

#[test]
fn crampwatch_exports_still_import_as_before() {
    let env = Env::new();
    env.log(&["drink", "10oz"]);
    let export = env.ok(&["export", "--format", "json"]);
    let other = Env::new();
    let file = other.root().join("export.json");
    std::fs::write(&file, export).unwrap();
    let so = other.ok(&["import", file.to_str().unwrap()]);
    assert!(so.contains("imported 1 entry from"), "{so}");
}

#[test]
fn a_good_import_is_quiet_on_stderr_when_piped_and_its_source_survives_the_cache() {
    let mut env = Env::new();
    let file = fixture("garmin-fenix-5-run.fit");
    let so = env.quiet(&["import", file.to_str().unwrap()]);
    assert!(so.contains("added 1"), "{so}");
    // Months later, November's file is read from the parse cache: the
    // entry's source must still be there for the re-import to see it.
    env.now = "2027-01-15T12:00:00-05:00".into();
    env.ok(&["list", "--all"]);
    env.ok(&["list", "--all"]);
    let before = snapshot(&env.data);
    let so = env.quiet(&["import", file.to_str().unwrap()]);
    assert!(so.contains("1 already here"), "{so}");
    assert_eq!(snapshot(&env.data), before);
}

#[test]
fn a_deleted_import_stays_deleted() {
    let env = Env::new();
    let file = fixture("garmin-fenix-5-bike.fit");
    env.quiet(&["import", file.to_str().unwrap()]);
    let id = env.entries()[0]["id"].as_str().unwrap().to_string();
    env.ok(&["delete", &id]);
    let so = env.quiet(&["import", file.to_str().unwrap()]);
    assert!(so.contains("added 0"), "{so}");
    assert!(env.entries().is_empty());
}

#[test]
fn a_strava_csv_cannot_name_files_outside_its_export() {
    let env = Env::new();
    let export = env.root().join("export");
    std::fs::create_dir_all(&export).unwrap();
    std::fs::copy(
        fixture("garmin-fenix-5-run.fit"),
        env.root().join("outside.fit"),
    )
    .unwrap();
    std::fs::write(
        export.join("activities.csv"),
        "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Filename\n\
         7,\"Jun 11, 2017, 2:34:09 PM\",Run,Run,100,../outside.fit\n",
    )
    .unwrap();
    let o = import(&env, &[&export]);
    assert!(o.status.success(), "{:?}", out(&o));
    // From the CSV (100 s), not from the file outside (57 s).
    assert_eq!(
        workouts(&env),
        vec![w("2017-06-11T14:34:09Z", 100, "run", "mild", "moderate")]
    );
}

#[test]
fn file_names_are_printed_without_terminal_escapes() {
    let env = Env::new();
    let dir = env.root().join("in");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("evil\u{1b}[2J\u{202e}.fit"), b"not a fit file").unwrap();
    let o = import(&env, &[&dir]);
    let (so, se) = out(&o);
    assert_eq!(o.status.code(), Some(2));
    // The folder's only file: its refusal is the one error line, the name
    // shown by the one sanitiser (controls and bidi as U+FFFD).
    assert!(
        se.contains("evil\u{FFFD}[2J\u{FFFD}.fit: not a FIT file"),
        "{se}"
    );
    assert_eq!(se.lines().count(), 1, "{se}");
    assert!(!so.contains('\u{1b}') && !se.contains('\u{1b}') && !so.contains('\u{202e}'));
}

/// A workout imported in UTC ends in the zone it starts in (New York
/// here), in `list` and in what `edit` echoes.
#[test]
fn an_imported_workout_ends_in_the_zone_it_starts_in() {
    let (env, _, _) = one("activity-small-fenix2-run.fit");
    let list = env.quiet(&["list", "--all"]);
    let line = list.lines().find(|l| l.contains("workout")).unwrap();
    assert!(
        line.contains("10:45  workout run") && line.contains("until 11:32"),
        "{line}"
    );
    let id = line.split_whitespace().next().unwrap();
    let echo = env.quiet(&["edit", id, "--note", "hi"]);
    assert!(
        echo.contains("until 11:32") && !echo.contains("15:32"),
        "{echo}"
    );
}

/// A watch file whose only activity is refused (here: dated after now)
/// says that nothing was imported, not "the rest was imported".
#[test]
fn a_file_whose_only_activity_is_refused_says_nothing_was_imported() {
    let env = Env::new();
    env.log(&["drink", "10oz"]);
    let gpx = env.root().join("ahead.gpx");
    std::fs::write(
        &gpx,
        r#"<gpx version="1.1"><trk><type>running</type><trkseg>
<trkpt lat="1" lon="1"><time>2026-12-10T12:00:00Z</time></trkpt>
<trkpt lat="1" lon="1"><time>2026-12-10T13:00:00Z</time></trkpt>
</trkseg></trk></gpx>"#,
    )
    .unwrap();
    let before = snapshot(&env.data);
    let o = import(&env, &[&gpx]);
    let (so, se) = out(&o);
    assert_eq!(o.status.code(), Some(2), "{so}");
    assert_eq!(
        se.trim_end(),
        "error: 1 entry refused; nothing was imported"
    );
    assert!(so.contains("added 0 entries"), "{so}");
    assert_eq!(snapshot(&env.data), before);
}
