//! The floor plan of `rmos-core` (see the crate docs): every module imports only modules on its own floor or
//! below, the ground floor's `content` imports nothing at all, and no two modules import each other, directly
//! or around a loop. The test reads every source file and follows each `crate::<module>` path outside
//! comments; a new module must be given a floor here before it compiles into a passing test.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module and its floor, bottom (0) to top. Same as the table in `src/lib.rs`.
const FLOORS: &[(&str, u32)] = &[
    ("catalog", 0),
    ("content", 0),
    ("engines", 0),
    ("error", 0),
    ("identity", 0),
    ("keys", 0),
    ("timestamp", 0),
    ("checkpoint", 1),
    ("job", 1),
    ("provenance", 1),
    ("feasibility", 2),
    ("simulation", 2),
    ("toolpaths", 2),
    ("gates", 3),
    ("runs", 4),
    ("authority", 4),
    ("workflow", 5),
    ("posts", 6),
    ("readback", 6),
    ("program", 7),
    ("documents", 8),
];

/// Modules that must import nothing else of the crate.
const SELF_CONTAINED: &[&str] = &["catalog", "content", "engines"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[expect(
    clippy::disallowed_methods,
    reason = "the test lists the source tree; the library does no I/O"
)]
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        panic!("cannot list {}", dir.display())
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a source file belongs to (`None` for `lib.rs`, which only declares and re-exports).
fn module_of(file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src()).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    match first.strip_suffix(".rs") {
        Some("lib") => None,
        Some(stem) => Some(stem.to_owned()),
        None => Some(first.to_owned()),
    }
}

/// The modules named by `crate::<module>` in `text`, outside `//` comments (doc comments included).
fn imports(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for line in text.lines() {
        let code = match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        };
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.insert(name);
            }
            rest = after;
        }
    }
    found
}

/// Every module's imports of other modules of the crate.
#[expect(
    clippy::disallowed_methods,
    reason = "the test reads the crate's sources; the library never reads a file"
)]
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let Some(module) = module_of(&file) else {
            continue;
        };
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let deps: Vec<String> = imports(&text).into_iter().filter(|d| *d != module).collect();
        graph.entry(module).or_default().extend(deps);
    }
    graph
}

fn floor(module: &str) -> u32 {
    FLOORS
        .iter()
        .find(|(name, _)| *name == module)
        .map(|(_, floor)| *floor)
        .unwrap_or_else(|| {
            panic!("module {module} has no floor: give it one in tests/floors.rs and src/lib.rs")
        })
}

#[test]
fn every_module_has_a_floor_and_imports_none_above_it() {
    let graph = graph();
    let mut upward = Vec::new();
    for (module, deps) in &graph {
        for dep in deps {
            if floor(dep) > floor(module) {
                upward.push(format!(
                    "{module} (floor {}) imports {dep} (floor {})",
                    floor(module),
                    floor(dep)
                ));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "imports running up the floors:\n{}",
        upward.join("\n")
    );
    for (name, _) in FLOORS {
        assert!(
            graph.contains_key(*name),
            "the table names {name}, which is not a module"
        );
    }
}

#[test]
fn the_ground_floor_imports_nothing_of_the_authority() {
    let graph = graph();
    for module in SELF_CONTAINED {
        let deps = graph.get(*module).cloned().unwrap_or_default();
        assert!(
            deps.is_empty(),
            "{module} must import nothing of the crate, imports {deps:?}"
        );
    }
}

#[test]
fn no_two_modules_import_each_other() {
    let graph = graph();
    // Depth-first search for a back edge; `path` is the current chain of imports.
    fn visit(
        module: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        done: &mut BTreeSet<String>,
        path: &mut Vec<String>,
    ) {
        if let Some(at) = path.iter().position(|m| m == module) {
            panic!("import cycle: {} -> {module}", path[at..].join(" -> "));
        }
        if done.contains(module) {
            return;
        }
        path.push(module.to_owned());
        for dep in graph.get(module).into_iter().flatten() {
            visit(dep, graph, done, path);
        }
        path.pop();
        done.insert(module.to_owned());
    }
    let mut done = BTreeSet::new();
    for module in graph.keys() {
        visit(module, &graph, &mut done, &mut Vec::new());
    }
}

#[test]
fn the_scan_sees_imports_and_skips_comments() {
    let text = "use crate::runs::{RunStore};\n// use crate::program::Program;\n/// [`crate::workflow`]\n\
                let x = crate::posts::emit(); // crate::gates\n";
    assert_eq!(
        imports(text),
        BTreeSet::from(["posts".to_owned(), "runs".to_owned()])
    );
}
