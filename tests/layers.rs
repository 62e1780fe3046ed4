//! The layers the build keeps (arrows only point down): core ← scene ← render ← app, with
//! the command line beside the app. Every source file under `src/` is scanned for the
//! `crate::…` paths it names outside comments; a layer naming one above it fails here.
//! The app's own modules must not import each other in a circle: the state owns the data,
//! the panels read it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, recursively.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            out.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The text of a file with its comments removed (line and doc comments; block comments
/// are not used in this code base), so that prose naming a layer is not an import.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("readable source");
    text.lines()
        .map(|l| match l.find("//") {
            // A `//` inside a string literal would cut the line short; then the code
            // before it is still scanned, which can only find more paths, never fewer.
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The layers named as `crate::<layer>` in `code`.
fn layers_named(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        // `gradscape::crate::` does not occur; skip identifiers that end in "crate".
        let before = code[..i].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &code[i + "crate::".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        out.insert(name);
    }
    out
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Each layer with the layers it must never name.
const FORBIDDEN: &[(&str, &[&str])] = &[
    ("core", &["scene", "render", "app", "cli"]),
    ("scene", &["render", "app", "cli"]),
    ("render", &["app", "cli"]),
    ("app", &["cli"]),
];

/// The violations of [`FORBIDDEN`] in the tree under `root`, as "file names layer".
fn violations(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for (layer, forbidden) in FORBIDDEN {
        let dir = root.join(layer);
        for file in sources(&dir) {
            let code = code(&file);
            for named in layers_named(&code) {
                if forbidden.contains(&named.as_str()) {
                    out.push(format!("{} names crate::{named}", file.display()));
                }
            }
            // The window toolkit stays in the app.
            if *layer != "app" && (code.contains("egui::") || code.contains("eframe::")) {
                out.push(format!("{} uses egui", file.display()));
            }
        }
    }
    out
}

#[test]
fn no_layer_reaches_up() {
    let v = violations(&src());
    assert!(v.is_empty(), "layer violations:\n{}", v.join("\n"));
}

#[test]
fn the_scan_finds_an_upward_import() {
    // A core file that names the scene, the app and the command line, in a scratch tree:
    // the check must see each (and not the one inside a comment).
    let dir = tempfile::tempdir().unwrap();
    let core = dir.path().join("core");
    std::fs::create_dir_all(&core).unwrap();
    std::fs::write(
        core.join("bad.rs"),
        "use crate::scene::Scene;\n// crate::render in prose\nfn f() { crate::app::run(); crate::cli::main(); }\n",
    )
    .unwrap();
    let v = violations(dir.path());
    assert_eq!(v.len(), 3, "{v:?}");
    assert!(v.iter().any(|s| s.ends_with("crate::scene")));
    assert!(!v.iter().any(|s| s.ends_with("crate::render")));
}

/// The app's modules each names, through `super::x` or `crate::app::x`.
fn app_graph(root: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let app = root.join("app");
    let modules: BTreeSet<String> = sources(&app)
        .iter()
        .filter_map(|p| p.file_stem()?.to_str().map(String::from))
        .filter(|m| m != "mod")
        .collect();
    let mut graph = BTreeMap::new();
    for file in sources(&app) {
        let name = file.file_stem().unwrap().to_str().unwrap().to_string();
        if name == "mod" {
            continue;
        }
        let code = code(&file);
        // Tests inside a module may reach anywhere; they are not part of the build's graph.
        let code = code.split("#[cfg(test)]").next().unwrap_or("");
        let mut deps = BTreeSet::new();
        for prefix in ["super::", "crate::app::"] {
            for (i, _) in code.match_indices(prefix) {
                let rest = &code[i + prefix.len()..];
                let dep: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if dep != name && modules.contains(&dep) {
                    deps.insert(dep);
                }
            }
        }
        graph.insert(name, deps);
    }
    graph
}

/// A cycle in `graph`, if any, as the modules along it.
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == n) {
            let mut c = path[i..].to_vec();
            c.push(n.to_string());
            return Some(c);
        }
        if done.contains(n) {
            return None;
        }
        path.push(n.to_string());
        for d in graph.get(n).into_iter().flatten() {
            if let Some(c) = visit(d, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(n.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for n in graph.keys() {
        if let Some(c) = visit(n, graph, &mut Vec::new(), &mut done) {
            return Some(c);
        }
    }
    None
}

#[test]
fn app_modules_import_each_other_without_a_circle() {
    let graph = app_graph(&src());
    assert!(graph.contains_key("state") && graph.contains_key("classroom"));
    if let Some(c) = cycle(&graph) {
        panic!(
            "app modules import each other in a circle: {}",
            c.join(" → ")
        );
    }
    // The state owns the data: it reads no panel.
    for panel in [
        "classroom",
        "landscape",
        "view3d",
        "controls",
        "optimizers",
        "loss_panel",
    ] {
        assert!(
            !graph["state"].contains(panel),
            "state imports the {panel} panel"
        );
    }
}

#[test]
fn the_cycle_check_finds_a_circle() {
    let mut g = BTreeMap::new();
    g.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    g.insert("b".to_string(), BTreeSet::from(["c".to_string()]));
    g.insert("c".to_string(), BTreeSet::from(["a".to_string()]));
    g.insert("d".to_string(), BTreeSet::new());
    assert_eq!(cycle(&g).map(|c| c.len()), Some(4));
    g.get_mut("c").unwrap().clear();
    assert_eq!(cycle(&g), None);
}
