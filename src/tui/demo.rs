//! `crampwatch --demo`: the TUI on a generated month of realistic use, in a
//! temporary folder that is removed on exit. The user's journal, settings
//! file and device id are never written.

use crate::config::{Paths, load_settings};
use crate::context::{Ctx, read_now};
use crate::store::Journal;
use anyhow::{Context, Result};
use std::path::PathBuf;

/// Days of generated history.
pub const DAYS: u32 = 30;
/// The demo is the same every time.
pub const SEED: u64 = 1;

/// Removes the demo folder however the TUI ends.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn run(config: Option<PathBuf>) -> Result<()> {
    let now = read_now()?;
    let paths = Paths::resolve(None, config)?;
    // The user's display settings (units, goal) apply; a missing file is fine.
    let settings = load_settings(&paths.config_file)?;
    let dir = TempDir(std::env::temp_dir().join(format!(
        "crampwatch-demo-{}-{}",
        std::process::id(),
        now.timestamp()
    )));
    std::fs::create_dir_all(&dir.0)
        .with_context(|| format!("cannot make the demo folder {}", dir.0.display()))?;
    let journal = Journal::open(&dir.0, "demo");
    let rules = crate::domain::rules::Rules::embedded().map_err(anyhow::Error::msg)?;
    journal.commit_all(crate::demo::stamped(DAYS, SEED, now, &rules))?;
    let ctx = Ctx {
        paths: Paths {
            data_dir: dir.0.clone(),
            device_file: dir.0.join("device-id"),
            ..paths
        },
        settings,
        rules,
        journal,
        now,
        said: Default::default(),
    };
    super::run(&ctx)
}
