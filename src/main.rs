//! `gradscape`: the desktop app and its command line; built for `wasm32-unknown-unknown`,
//! the web page (`scripts/build-web.sh`).

/// jemalloc keeps the memory a frame frees for the next frame, where glibc's malloc hands
/// it back to the system and faults it in again (see `Cargo.toml`).
#[cfg(all(feature = "gui", not(target_arch = "wasm32"), not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    desktop::main()
}

/// The web page: eframe's web runner on the page's canvas (see `gradscape::app::web`).
#[cfg(target_arch = "wasm32")]
fn main() {
    gradscape::app::web::start();
}

#[cfg(not(target_arch = "wasm32"))]
mod desktop {
    use std::process::ExitCode;

    use clap::Parser;
    use gradscape::cli::{self, Cli, Outcome};

    pub(crate) fn main() -> ExitCode {
        cli::clean_up_on_signals();
        let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
        let cli = match Cli::try_parse_from(&args) {
            Ok(cli) => cli,
            Err(e) => return ExitCode::from(cli::handle_parse_error(&e, &args)),
        };
        match cli::execute(cli) {
            Ok(Outcome::Done) => ExitCode::SUCCESS,
            Ok(Outcome::OpenApp(scenario, path)) => open_app(*scenario, path),
            Err(e) => {
                cli::print_error(&e.0);
                ExitCode::from(2)
            }
        }
    }

    /// What to say when there is no window to open: the headless commands do the same work.
    const HEADLESS_HINT: &str = "for headless use try 'gradscape render' (PNG/GIF) or \
                                 'gradscape run' (JSON/CSV)";

    #[cfg(feature = "gui")]
    fn open_app(
        scenario: gradscape::core::scenario::Scenario,
        path: Option<std::path::PathBuf>,
    ) -> ExitCode {
        if !display_available() {
            cli::print_error(&format!(
                "cannot open the window: no display is available (neither DISPLAY nor \
                 WAYLAND_DISPLAY is set); {HEADLESS_HINT}"
            ));
            return ExitCode::from(2);
        }
        match gradscape::app::run_app(scenario, path) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                cli::print_error(&format!(
                    "cannot open the window: {}; {HEADLESS_HINT}",
                    without_source_location(&e.to_string())
                ));
                ExitCode::from(2)
            }
        }
    }

    /// Whether a window system can be reached: on Linux and the BSDs, only through X11's
    /// `DISPLAY` or Wayland's `WAYLAND_DISPLAY`; elsewhere there is always one.
    #[cfg(feature = "gui")]
    fn display_available() -> bool {
        if cfg!(any(
            target_os = "windows",
            target_os = "macos",
            target_os = "ios"
        )) {
            return true;
        }
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        set("DISPLAY") || set("WAYLAND_DISPLAY")
    }

    /// winit's errors quote the source file and line they were raised at ("os error at
    /// /…/winit-0.30/src/…rs:123: …"), which means nothing to the user: keep what follows,
    /// on one line.
    #[cfg(feature = "gui")]
    fn without_source_location(message: &str) -> String {
        let one_line = message.split_whitespace().collect::<Vec<_>>().join(" ");
        match one_line.find(" at ").and_then(|i| {
            let rest = &one_line[i + 4..];
            rest.find(".rs:")
                .and_then(|j| rest[j + 4..].find(": ").map(|k| i + 4 + j + 4 + k + 2))
        }) {
            Some(cut) => one_line[cut..].to_string(),
            None => one_line,
        }
    }

    #[cfg(not(feature = "gui"))]
    fn open_app(_: gradscape::core::scenario::Scenario, _: Option<std::path::PathBuf>) -> ExitCode {
        cli::print_error(&format!(
            "built without the window (feature `gui`); {HEADLESS_HINT}"
        ));
        ExitCode::from(2)
    }
}
