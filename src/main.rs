//! `gradscape`: the desktop app and its command line.

use std::process::ExitCode;

use clap::Parser;
use gradscape::cli::{self, Cli, Outcome};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli::execute(cli) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::OpenApp(scenario, path)) => open_app(*scenario, path),
        Err(e) => {
            eprintln!("gradscape: {e}");
            ExitCode::from(2)
        }
    }
}

#[cfg(feature = "gui")]
fn open_app(
    scenario: gradscape::core::scenario::Scenario,
    path: Option<std::path::PathBuf>,
) -> ExitCode {
    match gradscape::app::run_app(scenario, path) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gradscape: cannot open the window: {e}");
            ExitCode::from(1)
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_app(_: gradscape::core::scenario::Scenario, _: Option<std::path::PathBuf>) -> ExitCode {
    eprintln!("gradscape: built without the window (feature `gui`); see `gradscape --help`");
    ExitCode::from(2)
}
