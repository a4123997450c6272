//! CSV out and back in, through the built binary.

use assert_cmd::Command;
use std::path::Path;
use tempfile::TempDir;

const NOW: &str = "2026-11-28T15:00:00-05:00";

/// The binary with every variable that could reach the real home pointed into `home`.
fn cw(home: &Path, data: &str) -> Command {
    let mut c = Command::cargo_bin("crampwatch").unwrap();
    c.env_clear()
        .env("HOME", home)
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("share"))
        .env("CRAMPWATCH_DATA_DIR", home.join(data))
        .env("CRAMPWATCH_CONFIG", home.join("config.toml"))
        .env("CRAMPWATCH_NOW", NOW)
        .env("TZ", "America/New_York")
        .env("NO_COLOR", "1");
    c
}

fn run(home: &Path, data: &str, args: &[&str]) -> String {
    let out = cw(home, data).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn log_a_week(home: &Path) {
    for args in [
        &[
            "drink",
            "10oz",
            "--kind",
            "electrolyte",
            "--sodium",
            "300",
            "--at",
            "yesterday 08:00",
            "--note",
            "with \"salt\", lemon",
        ][..],
        &[
            "workout",
            "add",
            "trail run",
            "--from",
            "yesterday 18:00",
            "--to",
            "yesterday 19:30",
            "--intensity",
            "hard",
            "--heat",
            "hot",
        ],
        &[
            "cramp",
            "calf",
            "--side",
            "left",
            "--severity",
            "7",
            "--duration",
            "2m30s",
            "--context",
            "night",
            "--swelling",
            "--at",
            "02:10",
        ],
        &["plan", "swim", "--at", "tomorrow 07:00", "--minutes", "45"],
        &["weight", "72.4kg", "--when", "before", "--at", "09:00"],
        &["drink", "500ml", "--at", "10:00"],
    ] {
        run(home, "data", args);
    }
    // An edit and a delete: the export shows entries as they stand.
    let ids = run(home, "data", &["list", "--kind", "drink"]);
    let first_drink = ids
        .lines()
        .next()
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap();
    run(home, "data", &["edit", first_drink, "--amount", "12oz"]);
    let last = ids
        .lines()
        .last()
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap();
    run(home, "data", &["delete", last]);
}

#[test]
fn export_import_into_a_fresh_dir_and_export_again_is_identical() {
    let home = TempDir::new().unwrap();
    let h = home.path();
    log_a_week(h);
    let first = run(h, "data", &["export", "--format", "csv"]);
    assert_eq!(first.lines().count(), 1 + 5, "{first}");
    assert!(first.starts_with("id,type,at,logged,ml,"));
    let file = h.join("week.csv");
    std::fs::write(&file, &first).unwrap();

    let out = run(h, "fresh", &["import", file.to_str().unwrap()]);
    assert!(out.contains("imported 5 entries"), "{out}");
    let again = run(h, "fresh", &["export", "--format", "csv"]);
    assert_eq!(again, first);

    // A second import adds nothing.
    let out = run(h, "fresh", &["import", file.to_str().unwrap()]);
    assert!(out.contains("imported 0 entries"), "{out}");
    assert!(out.contains("5 already here"), "{out}");
    assert_eq!(run(h, "fresh", &["export", "--format", "csv"]), first);
}

#[test]
fn a_hand_made_sheet_gets_new_ids() {
    let home = TempDir::new().unwrap();
    let h = home.path();
    let file = h.join("sheet.csv");
    std::fs::write(
        &file,
        "type,at,ml,muscle,severity\ndrink,2026-11-27 09:00,500,,\ncramp,2026-11-28 02:30,,calf,6\n",
    )
    .unwrap();
    let out = run(h, "data", &["import", file.to_str().unwrap()]);
    assert!(out.contains("imported 2 entries"), "{out}");
    let list = run(h, "data", &["list"]);
    assert!(list.contains("drink 16.9 oz water"), "{list}");
    assert!(list.contains("cramp calf, severity 6/10"), "{list}");
    let csv = run(h, "data", &["export", "--format", "csv"]);
    for line in csv.lines().skip(1) {
        let id = line.split(',').next().unwrap();
        assert_eq!(id.len(), 26, "a ULID was made: {line}");
        assert!(
            line.contains(",2026-11-28T15:00:00-05:00,"),
            "logged at import: {line}"
        );
    }
}

#[test]
fn bad_rows_are_named_and_nothing_is_imported_unless_skip_bad() {
    let home = TempDir::new().unwrap();
    let h = home.path();
    let file = h.join("bad.csv");
    std::fs::write(
        &file,
        "type,at,ml,muscle,severity\n\
         drink,2026-11-27 09:00,500,,\n\
         cramp,2026-11-28 02:30,,calf,11\n\
         drink,2026-11-27 10:00,250,,\n\
         drink,2026-11-27 25:00,250,,\n",
    )
    .unwrap();
    let out = cw(h, "data")
        .args(["import", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("bad.csv: row 3: severity '11' is not a whole number from 1 to 10"),
        "{err}"
    );
    assert!(
        err.contains("bad.csv: row 5: at '2026-11-27 25:00' is not a time"),
        "{err}"
    );
    assert!(!err.contains("row 2"), "{err}");
    assert!(
        err.contains(
            "2 bad rows, nothing imported; fix them, or give --skip-bad to import the 2 good ones"
        ),
        "{err}"
    );
    assert!(err.contains("--skip-bad"), "{err}");
    let csv = run(h, "data", &["export", "--format", "csv"]);
    assert_eq!(csv.lines().count(), 1, "nothing imported: {csv}");

    let out = cw(h, "data")
        .args(["import", file.to_str().unwrap(), "--skip-bad"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("warning: ") && err.contains("row 3"), "{err}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("imported 2 entries"), "{stdout}");
    assert!(stdout.contains("2 bad rows skipped"), "{stdout}");
}

/// A sheet whose only row is bad is not offered --skip-bad (there would
/// be nothing to import).
#[test]
fn a_sheet_of_one_bad_row_says_fix_it() {
    let home = TempDir::new().unwrap();
    let h = home.path();
    let file = h.join("one.csv");
    std::fs::write(&file, "type,at,ml\ndrink,2026-11-27 09:00,-5\n").unwrap();
    let out = cw(h, "data")
        .args(["import", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    let last = err.lines().last().unwrap();
    assert_eq!(
        last,
        format!(
            "error: {}: 1 bad row, nothing imported; fix it",
            file.display()
        )
    );
}

#[test]
fn a_csv_with_the_wrong_header_is_refused_in_one_line() {
    let home = TempDir::new().unwrap();
    let h = home.path();
    let file = h.join("other.csv");
    std::fs::write(&file, "date,amount\n2026-11-27,500\n").unwrap();
    let out = cw(h, "data")
        .args(["import", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("row 1: 'date' is not a column"), "{err}");
}
