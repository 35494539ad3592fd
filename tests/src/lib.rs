//! Helpers for the workspace tests: build the real binary and plugin files
//! (through `cargo xtask build`, once per test process), run the binary,
//! read its JSON Lines.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use serde_json::Value;

/// Where the built binary and plugin libraries are.
#[derive(Debug)]
pub struct Artifacts {
    /// The workspace root.
    pub root: PathBuf,
    /// The `glaneur` binary.
    pub bin: PathBuf,
    /// Its default plugin directory (the shipped plugins).
    pub plugins: PathBuf,
    /// The test fixture plugins.
    pub fixtures: PathBuf,
}

/// Builds (if needed) and returns the release artifacts: the pathological
/// suite feeds tens of megabytes, which the debug build reads ten times slower.
pub fn release_artifacts() -> &'static Artifacts {
    static ARTIFACTS: OnceLock<Artifacts> = OnceLock::new();
    ARTIFACTS.get_or_init(|| build_artifacts(true))
}

/// Builds (if needed) and returns the artifacts. nextest runs every test in
/// its own process; cargo's lock serialises concurrent builds and a build
/// with nothing to do takes a fraction of a second.
pub fn artifacts() -> &'static Artifacts {
    static ARTIFACTS: OnceLock<Artifacts> = OnceLock::new();
    ARTIFACTS.get_or_init(|| build_artifacts(false))
}

fn build_artifacts(release: bool) -> Artifacts {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ is in the workspace").to_owned();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut args = vec!["run", "--quiet", "--package", "xtask", "--", "build"];
    if release {
        args.push("--release");
    }
    let output = Command::new(cargo).current_dir(&root).args(&args).output().expect("cargo runs");
    assert!(output.status.success(), "cargo xtask build failed:\n{}", String::from_utf8_lossy(&output.stderr));
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root.join("target"));
    let target = if target.is_absolute() { target } else { root.join(target) };
    let profile = target.join(if release { "release" } else { "debug" });
    Artifacts {
        bin: profile.join(format!("glaneur{}", std::env::consts::EXE_SUFFIX)),
        plugins: profile.join("plugins"),
        fixtures: profile.join("fixture-plugins"),
        root,
    }
}

/// A `glaneur` command with a clean environment for plugin discovery.
pub fn glaneur() -> Command {
    glaneur_of(artifacts())
}

/// The same, running the binary of `built` (the release artifacts, say).
pub fn glaneur_of(built: &Artifacts) -> Command {
    let mut command = Command::new(&built.bin);
    command.env_remove("GLANEUR_PLUGIN_PATH").env_remove("GLANEUR_LOG").env("NO_COLOR", "1");
    command
}

/// Runs `glaneur extract ARGS` and returns its output.
pub fn extract(args: &[&str]) -> Output {
    glaneur().arg("extract").args(args).output().expect("glaneur runs")
}

/// The JSON value of every line of `stdout`.
pub fn json_lines(output: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}")))
        .collect()
}

/// stderr as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The path of the seed `name` (`seeds/NAME`).
pub fn seed(name: &str) -> PathBuf {
    artifacts().root.join("seeds").join(name)
}

/// Every seed file, sorted.
pub fn seed_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(artifacts().root.join("seeds"))
        .expect("seeds/ exists")
        .map(|e| e.expect("readable entry").path())
        .collect();
    files.sort();
    files
}

/// The pipeline of the shipped plugins, loaded from their built files
/// (once per test process).
pub fn pipeline() -> &'static glaneur::pipeline::Pipeline {
    static PIPELINE: OnceLock<glaneur::pipeline::Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| {
        let catalog = glaneur::plugins::discover(&[artifacts().plugins.clone()], &std::collections::HashMap::new());
        assert!(catalog.rejected.is_empty(), "{:?}", catalog.rejected);
        glaneur::pipeline::Pipeline::new(catalog.plugins, &[]).expect("the shipped plugins have an order")
    })
}
