//! `gradscape`: the desktop app and its command line.

use std::process::ExitCode;

use clap::Parser;
use gradscape::cli::{self, Cli, Outcome};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli::execute(cli) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::OpenApp(scenario, path)) => match gradscape::app::run_app(*scenario, path) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("gradscape: cannot open the window: {e}");
                ExitCode::from(1)
            }
        },
        Err(e) => {
            eprintln!("gradscape: {e}");
            ExitCode::from(2)
        }
    }
}
