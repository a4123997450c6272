//! `config` (paths and effective settings) and `completions`.

use super::{Cli, Ctx};
use anyhow::Result;
use clap::CommandFactory;

pub fn config(ctx: &Ctx) -> Result<()> {
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
    crate::say!("# effective settings (defaults where the file is silent):");
    print!(
        "{}",
        crate::term_safe::block(&toml::to_string(&ctx.settings)?)
    );
    Ok(())
}

pub fn completions(shell: clap_complete::Shell) {
    let mut cmd = Cli::command();
    clap_complete::generate(shell, &mut cmd, "crampwatch", &mut std::io::stdout());
}
