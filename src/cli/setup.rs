//! `config` (paths and effective settings) and `completions`.

use super::{Cli, Ctx, user};
use crate::config::file;
use anyhow::{Context, Result};
use clap::{Args, CommandFactory, Subcommand};
use std::path::Path;

#[derive(Debug, Args)]
pub struct ConfigArgs {
    #[command(subcommand)]
    pub action: Option<ConfigAction>,
}

#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// List the files in use and every setting with its value or default (the same as no action)
    Show,
    /// Write a commented settings file with every key at its default: `crampwatch config init`
    Init,
    /// Open the settings file in $VISUAL or $EDITOR (made first if missing): `EDITOR=nano crampwatch config edit`
    Edit,
}

pub fn config(ctx: &Ctx, a: &ConfigArgs) -> Result<()> {
    match a.action {
        None | Some(ConfigAction::Show) => show(ctx),
        Some(ConfigAction::Init) => {
            if ctx.paths.config_file.exists() {
                return user(format!(
                    "{} already exists; change it with 'crampwatch config edit'",
                    ctx.paths.config_file.display()
                ));
            }
            write_template(&ctx.paths.config_file)?;
            crate::say!("wrote {}", ctx.paths.config_file.display());
            Ok(())
        }
        Some(ConfigAction::Edit) => edit(&ctx.paths.config_file),
    }
}

/// Writes the commented file; never over an existing file or through a link.
fn write_template(path: &Path) -> Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot make {}", dir.display()))?;
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let mut f = opts
        .open(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    f.write_all(file::template().as_bytes())?;
    f.sync_data()?;
    Ok(())
}

fn edit(path: &Path) -> Result<()> {
    if !path.exists() {
        write_template(path)?;
    }
    let editor = std::env::var("VISUAL")
        .ok()
        .or_else(|| std::env::var("EDITOR").ok())
        .filter(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "vi".into());
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi");
    let status = std::process::Command::new(program)
        .args(words)
        .arg(path)
        .status()
        .with_context(|| format!("cannot run the editor '{editor}' (set $EDITOR)"))?;
    if !status.success() {
        return user(format!(
            "the editor '{editor}' did not finish cleanly; the file is as it left it"
        ));
    }
    // Read it back so a mistake is reported now, not at the next drink.
    let text = std::fs::read_to_string(path)?;
    let (_, warnings) = file::read_lenient(&text);
    for w in &warnings {
        crate::say_err!("warning: {}", w.render(&path.display().to_string()));
    }
    if warnings.is_empty() {
        crate::say!("{}: every setting reads cleanly", path.display());
    }
    Ok(())
}

fn show(ctx: &Ctx) -> Result<()> {
    let p = &ctx.paths;
    let exists = |path: &std::path::Path| {
        if path.exists() {
            ""
        } else {
            " (not created yet)"
        }
    };
    crate::say!("# crampwatch: files in use");
    crate::say!(
        "# config file:  {}{}",
        p.config_file.display(),
        exists(&p.config_file)
    );
    crate::say!(
        "# data dir:     {}{}",
        p.data_dir.display(),
        exists(&p.data_dir)
    );
    crate::say!(
        "# journal:      {}{}",
        ctx.journal.device_dir().display(),
        exists(&ctx.journal.device_dir())
    );
    crate::say!(
        "# device id:    {} (kept in {})",
        ctx.journal.device(),
        p.device_file.display()
    );
    crate::say!("#");
    crate::say!("# every setting, its value, and [default] where the file is silent:");
    let text = std::fs::read_to_string(&p.config_file).ok();
    crate::term_safe::out(&crate::term_safe::block(&file::listing(
        &ctx.settings,
        text.as_deref(),
    )));
    Ok(())
}

pub fn completions(shell: clap_complete::Shell) {
    let mut cmd = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "crampwatch", &mut script);
    crate::term_safe::out(&String::from_utf8_lossy(&script));
}
