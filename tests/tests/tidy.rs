//! Tidy checks, run as ordinary tests: every source file says what it is
//! for, every crate has a README, ARCHITECTURE.md names every crate, every
//! fixture crate is a workspace member.

use std::path::{Path, PathBuf};

use glaneur_tests::artifacts;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() && !path.ends_with("target") {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every crate directory of the repository: crates/*, plugins/*,
/// tests/fixtures/*, and python (the Python package, a workspace of its own).
fn crate_dirs(root: &Path) -> Vec<PathBuf> {
    let mut dirs = vec![root.join("python")];
    for parent in ["crates", "plugins", "tests/fixtures"] {
        for entry in std::fs::read_dir(root.join(parent)).expect("directory exists").flatten() {
            if entry.path().join("Cargo.toml").exists() {
                dirs.push(entry.path());
            }
        }
    }
    dirs.sort();
    dirs
}

#[test]
fn every_source_file_starts_with_a_module_doc() {
    let root = &artifacts().root;
    let mut files = Vec::new();
    for dir in ["crates", "plugins", "xtask", "tests", "fuzz", "python"] {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 20, "found only {} files", files.len());
    let missing: Vec<String> = files
        .iter()
        .filter(|f| !std::fs::read_to_string(f).expect("readable").starts_with("//!"))
        .map(|f| f.strip_prefix(root).unwrap_or(f).display().to_string())
        .collect();
    assert!(missing.is_empty(), "files without a leading //! line: {missing:?}");
}

#[test]
fn every_crate_has_a_readme_and_is_in_the_architecture() {
    let root = &artifacts().root;
    let architecture = std::fs::read_to_string(root.join("ARCHITECTURE.md")).expect("ARCHITECTURE.md exists");
    for dir in crate_dirs(root) {
        let relative = dir.strip_prefix(root).expect("inside the root").display().to_string();
        let is_fixture = relative.starts_with("tests/fixtures");
        assert!(is_fixture || dir.join("README.md").exists(), "{relative} has no README.md");
        let named = architecture.contains(&format!("`{relative}`"))
            || (is_fixture && architecture.contains("`tests/fixtures`"));
        assert!(named, "ARCHITECTURE.md does not name `{relative}`");
    }
}

#[test]
fn every_fixture_crate_is_a_workspace_member() {
    // The workspace lists its fixture crates one by one (tests/fixtures/eval
    // is data, which a glob would take for a crate): a new one must be added.
    let root = &artifacts().root;
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).expect("Cargo.toml exists");
    for dir in crate_dirs(root) {
        let relative = dir.strip_prefix(root).expect("inside the root").display().to_string();
        if relative.starts_with("tests/fixtures") {
            assert!(manifest.contains(&format!("\"{relative}\"")), "add \"{relative}\" to the workspace members");
        }
    }
}
