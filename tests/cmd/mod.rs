//! What the command-line test files share: running the binary and writing its inputs.
#![allow(dead_code)] // each test file uses its own part of this

use std::path::Path;
use std::process::{Command, Output};

/// Runs `gradscape` with `args` and waits for it.
pub fn gradscape(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gradscape"))
        .args(args)
        .output()
        .unwrap()
}

/// What the run wrote on standard error.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Writes `text` to `dir/name` and returns the path as a string, for an argument.
pub fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}
