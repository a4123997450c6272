//! `crampwatch report --format html`: the page, where it goes, and `--open`.

use super::{Ctx, user};
use crate::domain::history::History;
use crate::domain::prefs::Prefs;
use crate::domain::rules::Rules;
use crate::report::days_between;
use crate::report::page::{default_path, devices, html_page, make_reports_dir, write_page};
use anyhow::{Context, Result};
use chrono::NaiveDate;
use std::io::Write;
use std::path::Path;

/// The period of `--from D [--to D]`: both days included, `--to` today by default.
pub fn from_to(from: &str, to: Option<&str>, today: NaiveDate) -> Result<(NaiveDate, u32)> {
    let day = |s: &str, flag: &str| {
        NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").or_else(|_| {
            user(format!(
                "{flag}: '{}' is not a date; try 2026-10-01",
                s.trim()
            ))
        })
    };
    let first = day(from, "--from")?;
    let last = match to {
        Some(t) => day(t, "--to")?,
        None => today,
    };
    if first > today {
        return user("--from: that day has not come yet");
    }
    if last < first {
        return user("--to must not be before --from");
    }
    if (last - first).num_days() > 366 * 5 {
        return user("--from/--to: at most five years in one report");
    }
    Ok((first, days_between(first, last)))
}

pub fn page(
    ctx: &Ctx,
    history: &History,
    rules: &Rules,
    prefs: &Prefs,
    period: (NaiveDate, u32),
) -> String {
    let devices = devices(&ctx.journal.journal_dir());
    html_page(
        &ctx.now,
        period,
        history,
        rules,
        prefs,
        (&devices, ctx.journal.device()),
    )
}

/// Prints the page, or writes it to `output` (or the default file when only
/// `--open` is given) and says where; opens it when asked.
pub fn deliver(
    ctx: &Ctx,
    page: &str,
    output: Option<&Path>,
    open: bool,
    period: (NaiveDate, u32),
) -> Result<()> {
    let path = match (output, open) {
        (Some(p), _) => {
            if p.symlink_metadata()
                .is_ok_and(|m| m.file_type().is_symlink())
            {
                return user(format!(
                    "--output: {} is a symbolic link; crampwatch does not write through links",
                    p.display()
                ));
            }
            if p.parent()
                .is_some_and(|d| !d.as_os_str().is_empty() && !d.is_dir())
            {
                return user(format!(
                    "--output: the folder of {} does not exist",
                    p.display()
                ));
            }
            p.to_path_buf()
        }
        (None, true) => {
            let p = default_path(ctx.journal.data_dir(), period);
            make_reports_dir(&p)
                .with_context(|| format!("cannot make the folder of {}", p.display()))?;
            p
        }
        (None, false) => {
            // To a terminal too: no escape from a note may reach it.
            let mut out = std::io::stdout().lock();
            out.write_all(crate::term_safe::cell(page).as_bytes())?;
            return Ok(out.flush()?);
        }
    };
    write_page(&path, page).with_context(|| format!("cannot write {}", path.display()))?;
    crate::say!("report written to {}", path.display());
    if open {
        open_with_system(&path);
    }
    Ok(())
}

/// The platform's opener; a failure is told, not fatal: the file is written.
fn open_with_system(path: &Path) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let spawned = std::process::Command::new(opener)
        .arg(path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = spawned {
        crate::say_err!("could not run {opener} ({e}); open the file above in a browser");
    }
}
