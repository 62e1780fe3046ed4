//! Links (`#s=` fragments): one made outside Gradscape (Python's zlib and base64, see
//! `scripts/make_link_fixture.py`) opens the same scenario as its file, and
//! `gradscape link` prints a fragment that opens it again; bad input is exit 2, one line.

use gradscape::core::link;
use gradscape::core::scenario::load_file;

mod cmd;
use cmd::{gradscape, stderr, write};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/link/noisy-ravine"
);

#[test]
fn a_fragment_made_by_python_opens_the_scenario_of_its_file() {
    let fragment = std::fs::read_to_string(format!("{FIXTURE}.fragment")).unwrap();
    let from_file = load_file(format!("{FIXTURE}.json").as_ref()).unwrap();
    let from_link = link::decode(fragment.trim()).unwrap();
    assert_eq!(from_link, Some(from_file));
}

#[test]
fn the_command_prints_a_fragment_that_opens_the_same_scenario() {
    let file = format!("{FIXTURE}.json");
    let o = gradscape(&["link", &file]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with(link::PREFIX), "{out}");
    let decoded = link::decode(out.trim()).unwrap().unwrap();
    assert_eq!(decoded, load_file(file.as_ref()).unwrap());

    let o = gradscape(&["link", "--preset", "himmelblau-minima"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    let preset = gradscape::core::presets::find("himmelblau-minima").unwrap();
    assert_eq!(link::decode(out.trim()).unwrap(), Some(preset.scenario()));
}

#[test]
fn a_bad_file_or_preset_is_exit_2_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(
        dir.path(),
        "bad.json",
        "{\"surface\": {\"kind\": \"quadratic\"},\n  \"steps\": -3}",
    );
    let missing = dir.path().join("missing.json");
    for args in [
        vec!["link", bad.as_str()],
        vec!["link", missing.to_str().unwrap()],
        vec!["link", "--preset", "no-such-preset"],
    ] {
        let o = gradscape(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    }
    let err = stderr(&gradscape(&["link", bad.as_str()]));
    assert!(err.contains("bad.json") && err.contains("line 2"), "{err}");
}
