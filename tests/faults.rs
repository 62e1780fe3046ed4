//! Faults and hostile input around the command line (issue 14): failed writes to standard
//! output, special files at `--out`, interrupts, huge and endless inputs, tiny and huge
//! numbers, usage errors and encodings. Every case drives the real binary: exit status 2
//! and exactly one line on stderr for what the user must fix; nothing half-written.

use std::os::unix::fs::FileTypeExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_gradscape"))
}

fn gradscape(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Exit status 2 and exactly one line on stderr containing every one of `needles`.
fn assert_one_line(o: &Output, needles: &[&str]) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "exit status; stderr: {err}");
    assert_eq!(err.lines().count(), 1, "one line: {err:?}");
    assert!(err.ends_with('\n'), "{err:?}");
    for needle in needles {
        assert!(err.contains(needle), "expected '{needle}' in: {err}");
    }
}

const SCENARIO: &str = r#"{
  "surface": {"kind": "rosenbrock"},
  "start": [-1.5, 2.0],
  "steps": 200,
  "optimizers": [{"kind": "adam", "lr": 0.05}, {"kind": "momentum", "lr": 0.001}]
}"#;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// A private device node in `dir` with the given major and minor numbers (as /dev/null
/// is 1:3), or `None` where `mknod` is not allowed (not root, some containers).
fn private_node(dir: &Path, name: &str, major: u32, minor: u32) -> Option<PathBuf> {
    let path = dir.join(name);
    let made = Command::new("mknod")
        .arg(&path)
        .args(["c", &major.to_string(), &minor.to_string()])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if made {
        Some(path)
    } else {
        eprintln!("skipped: mknod is not allowed here");
        None
    }
}

// ---- 1. Write errors on standard output ----

#[test]
fn a_failed_write_to_stdout_is_an_error_and_a_closed_pipe_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("log.csv");
    let made = gradscape(&[
        "run",
        "--preset",
        "rosenbrock",
        "--format",
        "csv",
        "--out",
        s(&log),
    ]);
    assert!(made.status.success(), "{}", stderr(&made));
    let cases: [&[&str]; 7] = [
        &["run", "--preset", "rosenbrock"],
        &["run", "--preset", "rosenbrock", "--format", "csv"],
        &["diagnose", s(&log)],
        &["surfaces"],
        &["presets"],
        &["--help"],
        &["run", "--help"],
    ];
    for args in cases {
        // /dev/full takes the open and fails every write with ENOSPC, like a full disk.
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = bin().args(args).stdout(full).output().unwrap();
        assert_one_line(&out, &["standard output"]);
    }
    for args in cases {
        let mut child = bin()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before reading anything, as `| head -0` would.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{args:?}: {:?}", out.status);
        assert!(out.stderr.is_empty(), "{args:?}: {}", stderr(&out));
    }
}

// ---- 2. `--out` onto something that is not a regular file ----

#[test]
fn out_onto_a_fifo_writes_through_and_keeps_the_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    // The reader is another process, so that it can be killed if the FIFO is replaced
    // (its open would then wait forever); it copies into a file, so it never waits on us.
    let copy_dir = tempfile::tempdir().unwrap();
    let copy = copy_dir.path().join("got.json");
    let mut reader = Command::new("cat")
        .arg(&fifo)
        .stdout(std::fs::File::create(&copy).unwrap())
        .spawn()
        .unwrap();
    let out = gradscape(&["run", "--preset", "rosenbrock", "--out", s(&fifo)]);
    let still_fifo = std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo();
    if !still_fifo {
        let _ = reader.kill();
        let _ = reader.wait();
        panic!("the FIFO was replaced by a regular file");
    }
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(reader.wait().unwrap().success());
    let got = std::fs::read_to_string(&copy).unwrap();
    let want = gradscape(&["run", "--preset", "rosenbrock"]).stdout;
    assert_eq!(got.as_bytes(), want.as_slice());
    assert_eq!(names(dir.path()), ["pipe"], "no temporary left");
}

#[test]
fn out_through_a_symlink_keeps_the_link_and_replaces_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let target = write(dir.path(), "real.json", "old");
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink("real.json", &link).unwrap();
    let out = gradscape(&["run", "--preset", "rosenbrock", "--out", s(&link)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let meta = std::fs::symlink_metadata(&link).unwrap();
    assert!(meta.file_type().is_symlink(), "the link became a file");
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(
        text.starts_with("{\n  \"runs\""),
        "{}",
        &text[..20.min(text.len())]
    );
    assert_eq!(names(dir.path()), ["link.json", "real.json"]);

    // A dangling link: the file it names is created, the link stays.
    let dangling = dir.path().join("later.json");
    std::os::unix::fs::symlink("made.json", &dangling).unwrap();
    let out = gradscape(&["run", "--preset", "rosenbrock", "--out", s(&dangling)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        std::fs::symlink_metadata(&dangling)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(dir.path().join("made.json").is_file());
}

#[test]
fn out_onto_a_device_node_writes_through_and_keeps_the_node() {
    let dir = tempfile::tempdir().unwrap();
    // A private node with /dev/null's numbers: writes vanish, and it must stay a device.
    let Some(node) = private_node(dir.path(), "null", 1, 3) else {
        return;
    };
    for extra in [&[][..], &["--format", "csv"][..]] {
        let mut args = vec!["run", "--preset", "rosenbrock", "--out", s(&node)];
        args.extend_from_slice(extra);
        let out = gradscape(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        let ft = std::fs::symlink_metadata(&node).unwrap().file_type();
        assert!(ft.is_char_device(), "the device node became {ft:?}");
    }
    let png = dir.path().join("null.png");
    std::os::unix::fs::symlink("null", &png).unwrap();
    let out = gradscape(&[
        "render",
        "--preset",
        "rosenbrock",
        "--size",
        "64x64",
        "--out",
        s(&png),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let ft = std::fs::symlink_metadata(&node).unwrap().file_type();
    assert!(ft.is_char_device(), "the device node became {ft:?}");
    assert_eq!(names(dir.path()), ["null", "null.png"]);
}

#[test]
fn out_equal_to_the_input_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "s.json", SCENARIO);
    let link = dir.path().join("alias.json");
    std::os::unix::fs::symlink("s.json", &link).unwrap();
    for out_path in [&file, &link] {
        let out = gradscape(&["run", s(&file), "--out", s(out_path)]);
        assert_one_line(&out, &["--out", "scenario file"]);
        let png = gradscape(&["render", s(&file), "--out", s(out_path)]);
        assert_eq!(png.status.code(), Some(2), "{}", stderr(&png));
        assert_eq!(std::fs::read_to_string(&file).unwrap(), SCENARIO);
    }
    assert_eq!(names(dir.path()), ["alias.json", "s.json"]);
}

// ---- 3. Memory: output streamed run by run ----

/// Runs `args` under a data-segment limit (heap and private mappings), stdout drained
/// by this process, and returns the exit status and the bytes written.
fn run_with_data_limit(kib: u64, args: &[&str]) -> (std::process::ExitStatus, u64) {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -d {kib} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_gradscape"))
        .args(args)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let n = std::io::copy(&mut child.stdout.take().unwrap(), &mut std::io::sink()).unwrap();
    (child.wait().unwrap(), n)
}

#[test]
fn long_runs_are_written_without_holding_the_whole_output() {
    // 1.5 million steps × 2 optimizers: the arrays of one run are 60 MB; the whole output
    // built in memory (as before) took over 500 MB. The limit sits between the two.
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "long.json",
        r#"{"surface": {"kind": "quadratic"}, "start": [1, 1], "steps": 1500000,
            "optimizers": [{"kind": "sgd", "lr": 1e-9}, {"kind": "adam", "lr": 1e-9}]}"#,
    );
    for format in ["json", "csv"] {
        let (status, bytes) = run_with_data_limit(350_000, &["run", s(&file), "--format", format]);
        assert!(status.success(), "{format}: {status:?}");
        assert!(bytes > 100_000_000, "{format}: only {bytes} bytes");
    }
}

// ---- 4. Views that cannot be drawn ----

#[test]
fn views_with_subnormal_or_overflowing_spans_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("v.png");
    for (view, field) in [
        (r#"{"x": [0, 1], "y": [0, 5e-324]}"#, "view.y"),
        (r#"{"x": [0, 1e-320], "y": [0, 1]}"#, "view.x"),
        (r#"{"x": [-1e308, 1e308], "y": [0, 1]}"#, "view.x"),
        (
            r#"{"x": [0, 1], "y": [-1.7976931348623157e308, 0]}"#,
            "view.y",
        ),
        (
            r#"{"x": [1e15, 1000000000000000.5], "y": [0, 1]}"#,
            "view.x",
        ),
    ] {
        let text = format!(
            r#"{{"surface": {{"kind": "quadratic"}}, "start": [0.5, 0.5], "view": {view},
                "optimizers": [{{"kind": "sgd"}}]}}"#
        );
        let file = write(dir.path(), "v.json", &text);
        let out = gradscape(&["render", s(&file), "--size", "64x64", "--out", s(&png)]);
        assert_one_line(&out, &[field]);
        assert!(!png.exists());
    }
}

// ---- 5. Interrupts ----

/// Waits until a `.gradscape-*.tmp` file shows up in `dir` (the child is writing), or the
/// child ends first (then the test cannot check anything and fails).
fn wait_for_temporary(dir: &Path, child: &mut std::process::Child) {
    loop {
        if names(dir).iter().any(|n| n.starts_with(".gradscape-")) {
            return;
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("finished ({status:?}) before its temporary file was seen");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

fn interrupt(signal: &str, args: &[&str], dir: &Path, target: &Path) {
    std::fs::write(target, "previous").unwrap();
    let mut child = bin()
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for_temporary(dir, &mut child);
    let sent = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let status = child.wait().unwrap();
    assert!(!status.success(), "{signal}: {status:?}");
    let left: Vec<String> = names(dir)
        .into_iter()
        .filter(|n| n.starts_with(".gradscape-"))
        .collect();
    assert!(left.is_empty(), "{signal} left {left:?}");
    assert_eq!(std::fs::read_to_string(target).unwrap(), "previous");
}

#[test]
fn sigint_and_sigterm_remove_the_temporary_and_keep_the_target() {
    let dir = tempfile::tempdir().unwrap();
    let gif = dir.path().join("a.gif");
    let gif_args = [
        "render",
        "--preset",
        "rosenbrock",
        "--frames",
        "10000",
        "--size",
        "640x400",
        "--out",
        s(&gif),
    ];
    interrupt("-TERM", &gif_args, dir.path(), &gif);
    interrupt("-INT", &gif_args, dir.path(), &gif);

    let file = write(
        dir.path(),
        "big.json",
        r#"{"surface": {"kind": "quadratic"}, "start": [1, 1], "steps": 10000000,
            "optimizers": [{"kind": "sgd", "lr": 1e-9}, {"kind": "sgd", "lr": 1e-9},
                           {"kind": "sgd", "lr": 1e-9}]}"#,
    );
    let out = dir.path().join("out.csv");
    let run_args = ["run", s(&file), "--format", "csv", "--out", s(&out)];
    interrupt("-INT", &run_args, dir.path(), &out);
    interrupt("-TERM", &run_args, dir.path(), &out);
}

// ---- 6. Work that grew faster than the input ----

#[test]
fn many_optimizers_sharing_a_label_get_distinct_labels_quickly() {
    use gradscape::core::run::unique_labels;
    use gradscape::core::scenario::Scenario;
    // 20 000 alike: the old search took minutes (cubic); this returns at once.
    let n = 20_000;
    let mut optimizers = vec![r#"{"kind": "sgd", "label": "a"}"#; n];
    // An explicit label that a numbered one would otherwise take.
    optimizers[1] = r#"{"kind": "sgd", "label": "a #3"}"#;
    let text = format!(
        r#"{{"surface": {{"kind": "quadratic"}}, "start": [1, 1], "optimizers": [{}]}}"#,
        optimizers.join(",")
    );
    let configs = Scenario::from_json(&text).unwrap().optimizers;
    let labels = unique_labels(&configs);
    assert_eq!(labels.len(), n);
    assert_eq!(&labels[..4], ["a", "a #3", "a #2", "a #4"]);
    let distinct: std::collections::HashSet<&String> = labels.iter().collect();
    assert_eq!(distinct.len(), n);
    assert_eq!(labels[n - 1], format!("a #{}", n));
}

/// A canvas that counts the characters it was asked to measure.
struct CountingCanvas(std::cell::Cell<usize>);

impl gradscape::scene::Canvas for CountingCanvas {
    fn polyline(&mut self, _: &[[f32; 2]], _: gradscape::scene::Stroke) {}
    fn circle(
        &mut self,
        _: [f32; 2],
        _: f32,
        _: Option<[u8; 4]>,
        _: Option<gradscape::scene::Stroke>,
    ) {
    }
    fn rect(
        &mut self,
        _: gradscape::scene::Rect,
        _: Option<[u8; 4]>,
        _: Option<gradscape::scene::Stroke>,
    ) {
    }
    fn polygon(&mut self, _: &[[f32; 2]], _: Option<[u8; 4]>, _: Option<gradscape::scene::Stroke>) {
    }
    fn text(&mut self, _: [f32; 2], _: &str, _: f32, _: [u8; 4], _: gradscape::scene::Anchor) {}
    fn measure_text(&self, text: &str, size: f32) -> [f32; 2] {
        let n = text.chars().count();
        self.0.set(self.0.get() + n);
        [0.5 * size * n as f32, size]
    }
    fn image(&mut self, _: gradscape::scene::Rect, _: &gradscape::scene::ImageRef<'_>) {}
}

#[test]
fn fitting_a_very_long_label_measures_about_as_much_text_as_it_holds() {
    let canvas = CountingCanvas(std::cell::Cell::new(0));
    let label = "é".repeat(30_000);
    let (fitted, _) = gradscape::scene::fit_text(&canvas, &label, 14.0, 200.0);
    assert!(fitted.ends_with('…'), "{fitted}");
    assert!(fitted.chars().count() > 20 && fitted.chars().count() < 60);
    // Each prefix measured costs its length: cutting one character at a time measured
    // ~450 million characters here.
    assert!(
        canvas.0.get() < 4 * 30_000,
        "{} characters measured",
        canvas.0.get()
    );
}

// ---- 7. Inputs with no end ----

/// Runs `args` with its data segment capped at 1 GB, so reading without a limit fails
/// (a crash, not exit 2) instead of taking the machine's memory.
fn capped(args: &[&str]) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg("ulimit -d 1000000 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_gradscape"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn endless_and_huge_inputs_are_refused_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    // A sparse file: 100 GB long, no disk used.
    let huge = dir.path().join("huge.json");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(100 << 30)
        .unwrap();
    assert_one_line(&capped(&["run", s(&huge)]), &["huge.json", "larger than"]);
    let huge_log = dir.path().join("huge.csv");
    std::fs::File::create(&huge_log)
        .unwrap()
        .set_len(100 << 30)
        .unwrap();
    assert_one_line(
        &capped(&["diagnose", s(&huge_log)]),
        &["huge.csv", "larger than"],
    );

    // Private nodes with the numbers of /dev/zero and /dev/urandom: endless streams.
    if let Some(zero) = private_node(dir.path(), "zero", 1, 5) {
        assert_one_line(&capped(&["run", s(&zero)]), &["zero", "larger than"]);
        assert_one_line(&capped(&["diagnose", s(&zero)]), &["zero", "binary"]);
    }
    if let Some(random) = private_node(dir.path(), "urandom", 1, 9) {
        assert_one_line(&capped(&["diagnose", s(&random)]), &["urandom", "binary"]);
        assert_one_line(&capped(&["run", s(&random)]), &["urandom"]);
    }
}

// ---- 8. Usage errors ----

#[test]
fn usage_errors_are_one_line_ending_with_the_hint() {
    let cases: [(&[&str], &str, &str); 8] = [
        (
            &["run", "--preset", "rosenbrock", "--format", "CSV"],
            "error: invalid value 'CSV' for '--format': expected json or csv",
            "(see gradscape run --help)",
        ),
        (
            &[
                "render",
                "--preset",
                "rosenbrock",
                "--out",
                "a.gif",
                "--fps",
                "2.5",
            ],
            "'2.5' for '--fps'",
            "(see gradscape render --help)",
        ),
        (
            &["run", "x.json", "--preset", "rosenbrock"],
            "cannot be used with",
            "(see gradscape run --help)",
        ),
        (
            &["run", "--preset", "rosenbrock", "--bogus"],
            "'--bogus'",
            "(see gradscape run --help)",
        ),
        (&["frobnicate"], "'frobnicate'", "(see gradscape --help)"),
        (&["run"], "required", "(see gradscape run --help)"),
        (
            &["diagnose", "log.csv", "--format", "yaml"],
            "expected json or text",
            "(see gradscape diagnose --help)",
        ),
        (
            &["render", "--preset", "rosenbrock", "--out"],
            "'--out'",
            "(see gradscape render --help)",
        ),
    ];
    for (args, needle, hint) in cases {
        let out = gradscape(args);
        let err = stderr(&out);
        assert_one_line(&out, &[needle]);
        assert!(err.trim_end().ends_with(hint), "{args:?}: {err}");
        assert!(!err.contains('<'), "placeholder left in: {err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn a_size_starting_with_a_minus_is_a_value_not_a_flag() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("a.png");
    let out = gradscape(&[
        "render",
        "--preset",
        "rosenbrock",
        "--size",
        "-5x5",
        "--out",
        s(&png),
    ]);
    assert_one_line(&out, &["--size", "-5x5"]);
    assert!(!stderr(&out).contains("unexpected argument"));
    assert!(!png.exists());
}

// ---- 9. Numbers in CSV and in messages ----

#[test]
fn csv_and_messages_write_tiny_numbers_with_exponents() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "tiny.json",
        r#"{"surface": {"kind": "quadratic"}, "start": [1e-300, -2.5e-200], "steps": 3,
            "optimizers": [{"kind": "sgd", "lr": 1e-300}]}"#,
    );
    let out = gradscape(&["run", s(&file), "--format", "csv"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    let row: Vec<&str> = text.lines().nth(1).unwrap().split(',').collect();
    assert_eq!(row[2], "1e-300");
    assert_eq!(row[3], "-2.5e-200");
    let row2: Vec<&str> = text.lines().nth(2).unwrap().split(',').collect();
    assert_eq!(row2[5], "1e-300");
    assert!(text.lines().all(|l| l.len() < 120), "{text}");
    // Every cell reads back as the number the JSON holds.
    let json: serde_json::Value =
        serde_json::from_slice(&gradscape(&["run", s(&file)]).stdout).unwrap();
    let x: f64 = row2[2].parse().unwrap();
    assert_eq!(x, json["runs"][0]["points"][1][0].as_f64().unwrap());

    let bad = write(
        dir.path(),
        "bad.json",
        r#"{"surface": {"kind": "quadratic"}, "start": [1, 1], "grad_noise": -1e-300,
            "optimizers": [{"kind": "sgd"}]}"#,
    );
    let out = gradscape(&["run", s(&bad)]);
    assert_one_line(&out, &["grad_noise", "(got -1e-300)"]);
    assert!(stderr(&out).len() < 200);
}

// ---- 10. Messages that point at the problem ----

#[test]
fn byte_order_marks_and_utf16_files_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let want = gradscape(&["run", s(&write(dir.path(), "plain.json", SCENARIO))]).stdout;
    let mut bom = vec![0xef, 0xbb, 0xbf];
    bom.extend_from_slice(SCENARIO.as_bytes());
    let mut le = vec![0xff, 0xfe];
    le.extend(SCENARIO.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be = vec![0xfe, 0xff];
    be.extend(SCENARIO.encode_utf16().flat_map(u16::to_be_bytes));
    let le_no_bom: Vec<u8> = SCENARIO.encode_utf16().flat_map(u16::to_le_bytes).collect();
    for (name, bytes) in [
        ("bom.json", bom),
        ("le.json", le),
        ("be.json", be),
        ("le-no-bom.json", le_no_bom),
    ] {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        let out = gradscape(&["run", s(&p)]);
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        assert_eq!(out.stdout, want, "{name}");
    }
    // Broken UTF-16 (a lone surrogate) says what it is and what to do.
    let p = dir.path().join("broken16.json");
    std::fs::write(&p, [0xff, 0xfe, b'{', 0, 0x00, 0xd8, b'}', 0]).unwrap();
    assert_one_line(&gradscape(&["run", s(&p)]), &["UTF-16", "save it as UTF-8"]);
    // A UTF-16 log reads too (Excel's "Unicode text" is UTF-16).
    let log = "epoch,loss,val_loss\n0,1.0,1.1\n1,0.5,0.6\n2,0.25,0.3\n3,0.2,0.28\n";
    let mut log16 = vec![0xff, 0xfe];
    log16.extend(log.encode_utf16().flat_map(u16::to_le_bytes));
    let p = dir.path().join("log16.csv");
    std::fs::write(&p, log16).unwrap();
    let out = gradscape(&["diagnose", s(&p)]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn scenario_messages_name_the_problem_in_the_files_terms() {
    let dir = tempfile::tempdir().unwrap();
    let case = |text: &str| gradscape(&["run", s(&write(dir.path(), "m.json", text))]);
    let three = r#"{"surface": {"kind": "quadratic"}, "start": [1, 2, 3], "optimizers": [{"kind": "sgd"}]}"#;
    assert_one_line(&case(three), &["start", "expected 2 numbers"]);
    let view = r#"{"surface": {"kind": "quadratic"}, "start": [1, 2], "view": {"x": [0, 1, 2], "y": [0, 1]}, "optimizers": [{"kind": "sgd"}]}"#;
    assert_one_line(&case(view), &["view.x", "expected 2 numbers"]);
    let one =
        r#"{"surface": {"kind": "quadratic"}, "start": [1], "optimizers": [{"kind": "sgd"}]}"#;
    assert_one_line(&case(one), &["start", "expected 2 numbers"]);
    for text in ["[]", "null", "42", "\"scenario\""] {
        let out = case(text);
        assert_one_line(&out, &["JSON object"]);
        assert!(!stderr(&out).contains("Raw"), "{}", stderr(&out));
    }
    let surface = r#"{"surface": 5, "start": [1, 2], "optimizers": [{"kind": "sgd"}]}"#;
    let out = case(surface);
    assert_one_line(&out, &["surface", "JSON object"]);
    assert!(!stderr(&out).contains("Raw"), "{}", stderr(&out));
}

#[test]
fn columns_count_characters_not_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let text = r#"{"optimizers": [{"kind": "sgd", "label": "ααααα"}], "start": [1, @]}"#;
    let column = text.chars().position(|c| c == '@').unwrap() + 1;
    let out = gradscape(&["run", s(&write(dir.path(), "c.json", text))]);
    assert_one_line(&out, &[&format!("line 1, column {column}:")]);
}

#[test]
fn a_missing_output_folder_is_named_not_a_temporary_path() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("no-such-folder").join("out.json");
    let out = gradscape(&["run", "--preset", "rosenbrock", "--out", s(&out_path)]);
    assert_one_line(&out, &[s(&out_path), "no-such-folder", "does not exist"]);
    assert!(!stderr(&out).contains(".gradscape-"), "{}", stderr(&out));
    let png = dir.path().join("missing").join("a.png");
    let out = gradscape(&[
        "render",
        "--preset",
        "rosenbrock",
        "--size",
        "64x64",
        "--out",
        s(&png),
    ]);
    assert_one_line(&out, &["missing", "does not exist"]);
    assert!(!stderr(&out).contains(".gradscape-"), "{}", stderr(&out));
}

// ---- 11. `open` with no display ----

#[test]
fn open_without_a_display_says_so_in_one_line() {
    for args in [&["open", "--preset", "rosenbrock"][..], &[][..]] {
        let out = bin()
            .args(args)
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .output()
            .unwrap();
        assert_one_line(&out, &["render", "run"]);
        let err = stderr(&out);
        assert!(
            err.contains("no display") || err.contains("built without the window"),
            "{err}"
        );
        assert!(!err.contains(".rs:"), "{err}");
    }
}
