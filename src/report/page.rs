//! The HTML report from a history and a run of days: what the CLI's
//! `report --format html` and the TUI's History `e` both write.

use super::html::{Extras, html};
use super::{Report, days_between};
use crate::domain::entry::EntryKind;
use crate::domain::history::History;
use crate::domain::medication::courses;
use crate::domain::prefs::Prefs;
use crate::domain::rules::Rules;
use crate::domain::week::{PeriodCramps, period_cramps, summarize};
use chrono::{DateTime, NaiveDate, TimeZone};
use std::path::Path;

/// Days an HTML report covers when no period is given: the last 8 weeks.
pub const DEFAULT_DAYS: u32 = 56;

/// The page for `n_days` days from `first`, as of `now`. `devices` are the
/// journal's device folders, `this_device` the one writing.
pub fn html_page<Tz: TimeZone>(
    now: &DateTime<Tz>,
    (first, n_days): (NaiveDate, u32),
    history: &History,
    rules: &Rules,
    prefs: &Prefs,
    (devices, this_device): (&[String], &str),
) -> String
where
    Tz::Offset: Copy,
{
    let tz = now.timezone();
    let h = prefs.day_start_hour;
    let PeriodCramps {
        flags,
        tied,
        snapshots,
    } = period_cramps(now, (first, n_days), history, rules, prefs);
    let summary = summarize(now, first, n_days, history, rules, prefs, &flags);
    let entries = summary.entries(history, &tz, h);
    let today = crate::domain::day::day_of(&now.fixed_offset(), &tz, h);
    let mut sources = vec![device_line(devices, this_device)];
    sources.push(counts_line(&entries));
    let extras = Extras {
        sources,
        generated: now.naive_local().format("%a %-d %b %Y %H:%M").to_string(),
        sweat: sweat_rows(now, (first, n_days), history, rules, h),
    };
    let r = Report {
        summary: &summary,
        entries,
        tied,
        snapshots,
        courses: courses(&history.entries),
        prefs,
        tz,
        today,
    };
    html(&r, &extras)
}

/// The sweat-rate figures for the page: the user's rate by heat band now,
/// then each sweat test of the period with its rate or why it was set
/// aside. Empty (no section) when the journal holds no tests.
fn sweat_rows<Tz: TimeZone>(
    now: &DateTime<Tz>,
    (first, n_days): (NaiveDate, u32),
    history: &History,
    rules: &Rules,
    day_start_hour: u32,
) -> Vec<(String, String)>
where
    Tz::Offset: Copy,
{
    let tests = crate::domain::sweat::tests(history, rules);
    if tests.is_empty() {
        return Vec::new();
    }
    let at = now.fixed_offset();
    let litres = crate::domain::sweat::litres;
    let mut rows: Vec<(String, String)> = crate::domain::sweat::bands(&tests, rules, &at)
        .iter()
        .filter(|b| b.intensity.is_none())
        .map(|b| {
            (
                format!("Rate, {} weather", b.heat),
                format!(
                    "{} l/h (range {}-{}, {} test{})",
                    litres(b.mean_ml_per_h as f64),
                    litres(b.min_ml_per_h as f64),
                    litres(b.max_ml_per_h as f64),
                    b.count,
                    if b.count == 1 { "" } else { "s" }
                ),
            )
        })
        .collect();
    let tz = now.timezone();
    let last = first + chrono::Days::new(n_days as u64);
    for t in &tests {
        // The report's days start at the day start hour, as every other
        // figure's (and the text report's sweat tests) do.
        let day = crate::domain::day::day_of(&t.at, &tz, day_start_hour);
        if day < first || day >= last {
            continue;
        }
        let what = format!(
            "Test {} {}, {} {}, {} min",
            day.format("%Y-%m-%d"),
            t.activity,
            t.intensity,
            t.heat,
            t.minutes
        );
        let figure = match (&t.reason, t.used) {
            (_, true) => format!("{} l/h", litres(t.rate_ml_per_h as f64)),
            (Some(r), false) => format!("set aside: {r}"),
            (None, false) => "set aside".to_string(),
        };
        rows.push((what, figure));
    }
    if !rows.is_empty() {
        rows.push((
            "Note".into(),
            "Weighed before and after sessions; planning information, not a medical measurement."
                .into(),
        ));
    }
    rows
}

fn device_line(devices: &[String], this_device: &str) -> String {
    let names: Vec<String> = devices
        .iter()
        .map(|d| {
            if d == this_device {
                format!("{d} (this device)")
            } else {
                d.clone()
            }
        })
        .collect();
    if names.is_empty() {
        "Typed or imported on this device.".into()
    } else {
        format!(
            "Typed or imported on {} {}: {}.",
            names.len(),
            if names.len() == 1 {
                "device"
            } else {
                "devices"
            },
            names.join(", ")
        )
    }
}

fn counts_line(entries: &[&crate::domain::history::Entry]) -> String {
    let parts: Vec<String> = EntryKind::ALL
        .iter()
        .map(|k| {
            let n = entries.iter().filter(|e| e.kind() == *k).count();
            format!("{n} {k}")
        })
        .collect();
    format!("Entries in these days, by kind: {}.", parts.join(", "))
}

/// The device folders of a journal, sorted (none when it cannot be read).
pub fn devices(journal_dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(journal_dir)
        .map(|rd| {
            rd.flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .filter_map(|e| e.file_name().to_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// The days from `first` to `last` inclusive, as a (first, count) period.
pub fn from_to(first: NaiveDate, last: NaiveDate) -> (NaiveDate, u32) {
    (first, days_between(first, last))
}

/// Where a report is written when no file is named: `reports/` in the data dir.
pub fn default_path(data_dir: &Path, (first, n_days): (NaiveDate, u32)) -> std::path::PathBuf {
    let last = first + chrono::Duration::days(n_days.max(1) as i64 - 1);
    data_dir.join("reports").join(format!(
        "crampwatch-report-{}-to-{}.html",
        first.format("%Y-%m-%d"),
        last.format("%Y-%m-%d")
    ))
}

/// Makes the folder of [`default_path`] (mode 0700) when it is missing.
pub fn make_reports_dir(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    match path.parent() {
        Some(dir) => std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir),
        None => Ok(()),
    }
}

/// Writes the page (mode 0600, health data); never through a symlink. It is
/// made safe as the page printed to stdout is ([`crate::term_safe::cell`]):
/// a file is `cat` to a terminal as often as it is opened in a browser.
pub fn write_page(path: &Path, page: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
        .open(path)?;
    f.write_all(crate::term_safe::cell(page).as_bytes())?;
    f.sync_data()
}
