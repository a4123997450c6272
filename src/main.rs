//! The `crampwatch` binary: parse arguments, run a command, map errors to exit codes.

#![forbid(unsafe_code)]

use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match crampwatch::cli::parse_args() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    match crampwatch::cli::run(cli) {
        Ok(code) => code,
        Err(err) => crampwatch::cli::report_error(&err),
    }
}
