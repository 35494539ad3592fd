//! `cargo xtask`: build the host and the plugins where the binary finds
//! them, run it on the seeds, score it against gold annotations, run the
//! tests, scaffold a plugin, benchmark.
//!
//! Light on purpose (matklad's cargo-xtask): std and serde_json (to read
//! the test corpora the benchmark is made of), runs `$CARGO`.

mod bench;
mod python;
mod scaffold;
mod setup;

use std::env::consts::{DLL_PREFIX, DLL_SUFFIX};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const HELP: &str = "\
cargo xtask <command>

  build [--release]        build the host and every plugin; the binary lands in
                           target/<profile>/glaneur, the plugins in target/<profile>/plugins/
                           (test fixtures in target/<profile>/fixture-plugins/)
  run [--release] [-- ARGS] build, then `glaneur extract` the seeds (ARGS are passed to
                           extract; seeds/ is added unless ARGS name inputs)
  eval [ARGS]              release build, then `glaneur eval ARGS`: score the extraction
                           against gold annotations, e.g.
                           cargo xtask eval --errors gold.jsonl articles/
  test [--no-lint] [--no-python] [ARGS]
                           set up what the tests need (rustfmt, clippy, cargo-nextest,
                           headless Chromium, a Python virtualenv in target/python-venv:
                           installed when missing), check formatting and lints (not with
                           --no-lint), build, then `cargo nextest run --workspace ARGS`
                           (`cargo test` without nextest), then build and install the
                           Python package (python/) and run pytest over python/tests
                           (not with --no-python)
  new-plugin NAME          scaffold plugins/NAME: a plugin that compiles, loads and
                           passes its own tests
  fuzz TARGET [SECONDS]    run a cargo-fuzz target (fuzz/README.md) for SECONDS
                           (default 600) on the stable toolchain, seeded with seeds/
  bench [--size MB]        release build on a generated corpus (default 100 MB):
                           MB/s per plugin and end to end (--jobs 1, 2), start-up,
                           peak memory; writes target/bench/report.json
  bench --python           the Python package's extract_many against the command line,
                           and the Spark example on 1 and 2 local cores
                           (writes target/bench/python.json)
";

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("eval") {
        return eval(&args[1..]);
    }
    let result = match args.first().map(String::as_str) {
        Some("build") => build(has_flag(&args[1..], "--release")).map(drop),
        Some("run") => run_seeds(&args[1..]),
        Some("test") => test(&args[1..]),
        Some("bench") => bench::bench(&args[1..]),
        Some("fuzz") => fuzz(&args[1..]),
        Some("new-plugin") => match args.get(1) {
            Some(name) => scaffold::new_plugin(&root(), name),
            None => Err("usage: cargo xtask new-plugin NAME".into()),
        },
        Some("help" | "--help" | "-h") | None => {
            print!("{HELP}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command {other:?}\n\n{HELP}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn has_flag(args: &[String], flag: &str) -> bool {
    args.iter().take_while(|a| *a != "--").any(|a| a == flag)
}

/// The workspace root (xtask lives one level below it).
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask is inside the workspace").to_owned()
}

fn cargo() -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo")));
    command.current_dir(root());
    command
}

fn status(mut command: Command) -> Result {
    let shown = format!("{command:?}");
    let status = command.status().map_err(|e| format!("cannot run {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

/// Where the built artifacts of a profile are.
fn profile_dir(release: bool) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root().join("target"));
    let target = if target.is_absolute() { target } else { root().join(target) };
    target.join(if release { "release" } else { "debug" })
}

/// Builds everything and places the plugin libraries; returns the profile dir.
fn build(release: bool) -> Result<PathBuf> {
    let mut command = cargo();
    command.args(["build", "--workspace"]);
    if release {
        command.arg("--release");
    }
    status(command)?;
    let out = profile_dir(release);
    place_libraries(&root().join("plugins"), &out, &out.join("plugins"))?;
    place_libraries(&root().join("tests").join("fixtures"), &out, &out.join("fixture-plugins"))?;
    Ok(out)
}

/// Copies the library of every crate under `crates_dir` from `built` to
/// `dest`. The copy goes through a temporary file and a rename, so that a
/// process loading the old file never reads a half-written one.
fn place_libraries(crates_dir: &Path, built: &Path, dest: &Path) -> Result {
    let Ok(entries) = std::fs::read_dir(crates_dir) else { return Ok(()) };
    std::fs::create_dir_all(dest).map_err(|e| format!("cannot create {}: {e}", dest.display()))?;
    let mut dirs: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    dirs.sort();
    for dir in dirs {
        let Some(name) = package_name(&dir.join("Cargo.toml")) else { continue };
        let file = format!("{DLL_PREFIX}{}{DLL_SUFFIX}", name.replace('-', "_"));
        let from = built.join(&file);
        if !from.exists() {
            continue; // not a cdylib
        }
        let to = dest.join(&file);
        if is_same_file_content(&from, &to) {
            continue;
        }
        let tmp = dest.join(format!(".{file}.{}", std::process::id()));
        std::fs::copy(&from, &tmp).map_err(|e| format!("cannot copy {}: {e}", from.display()))?;
        std::fs::rename(&tmp, &to).map_err(|e| format!("cannot place {}: {e}", to.display()))?;
    }
    Ok(())
}

fn is_same_file_content(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(ma), Ok(mb)) => ma.len() == mb.len() && std::fs::read(a).ok() == std::fs::read(b).ok(),
        _ => false,
    }
}

/// The `name` of the `[package]` section of a manifest.
fn package_name(manifest: &Path) -> Option<String> {
    let text = std::fs::read_to_string(manifest).ok()?;
    let mut in_package = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_package = line == "[package]";
        } else if in_package {
            if let Some(value) = line.strip_prefix("name").map(str::trim_start).and_then(|l| l.strip_prefix('=')) {
                return Some(value.trim().trim_matches('"').to_owned());
            }
        }
    }
    None
}

/// The host binary in a build's output directory.
fn glaneur_bin(out: &Path) -> PathBuf {
    out.join(format!("glaneur{}", std::env::consts::EXE_SUFFIX))
}

fn run_seeds(args: &[String]) -> Result {
    let (own, extra) = match args.iter().position(|a| a == "--") {
        Some(i) => (&args[..i], &args[i + 1..]),
        None => (args, &[][..]),
    };
    let release = has_flag(own, "--release");
    let out = build(release)?;
    let mut command = Command::new(glaneur_bin(&out));
    command.current_dir(root()).arg("extract").args(extra);
    let names_input = extra.iter().any(|a| a == "-" || a == "--jsonl" || root().join(a).exists());
    if !names_input {
        command.arg("seeds");
    }
    status(command)
}

/// `cargo xtask eval ARGS`: the release build, then `glaneur eval ARGS`
/// in the caller's directory (its paths are the caller's), exiting with
/// glaneur's code (1: a `--require` failed, 2: a usage error).
fn eval(args: &[String]) -> ExitCode {
    let args = args.strip_prefix(&["--".to_owned()]).unwrap_or(args);
    let out = match build(true) {
        Ok(out) => out,
        Err(message) => {
            eprintln!("xtask: {message}");
            return ExitCode::FAILURE;
        }
    };
    let bin = glaneur_bin(&out);
    match Command::new(&bin).arg("eval").args(args).status() {
        Ok(status) => status.code().and_then(|c| u8::try_from(c).ok()).map_or(ExitCode::FAILURE, ExitCode::from),
        Err(e) => {
            eprintln!("xtask: cannot run {}: {e}", bin.display());
            ExitCode::FAILURE
        }
    }
}

/// `cargo xtask fuzz TARGET [SECONDS]`: cargo-fuzz without a sanitizer, on
/// the stable toolchain, its corpus seeded with the seed articles.
fn fuzz(args: &[String]) -> Result {
    let target = args.first().ok_or("usage: cargo xtask fuzz TARGET [SECONDS] (targets: see fuzz/README.md)")?;
    let seconds = args.get(1).map_or("600", String::as_str);
    let corpus = root().join("fuzz").join("corpus").join(target);
    std::fs::create_dir_all(&corpus).map_err(|e| format!("cannot create {}: {e}", corpus.display()))?;
    for (i, seed) in std::fs::read_dir(root().join("seeds")).map_err(|e| e.to_string())?.flatten().enumerate() {
        let _ = std::fs::copy(seed.path(), corpus.join(format!("seed{i}")));
    }
    let mut command = cargo();
    command
        .env("RUSTC_BOOTSTRAP", "1")
        .args(["fuzz", "run", "--sanitizer", "none", "-O", target, "--"])
        .arg(format!("-max_total_time={seconds}"))
        .arg("-max_len=4096");
    status(command)
}

/// `cargo xtask test [--no-lint] [--no-python] [ARGS]`: sets up what the
/// tests need (`setup`), checks formatting and lints (unless `--no-lint`),
/// builds, then runs every test: the workspace's, then the Python
/// package's (unless `--no-python`). CI's `.ci/run` is this command.
fn test(args: &[String]) -> Result {
    setup::test_tools()?;
    let lint = !has_flag(args, "--no-lint");
    let with_python = !has_flag(args, "--no-python");
    let args: Vec<String> =
        args.iter().filter(|a| !matches!(a.as_str(), "--no-lint" | "--no-python")).cloned().collect();
    if lint {
        setup::lints()?;
        if with_python {
            python::lints()?;
        }
    }
    build(false)?;
    let mut command = cargo();
    if setup::has_nextest() {
        command.args(["nextest", "run", "--workspace"]);
    } else {
        eprintln!("xtask: cargo-nextest not found, running `cargo test --workspace`");
        command.args(["test", "--workspace"]);
    }
    command.args(&args);
    status(command)?;
    if with_python {
        python::test()?;
    }
    Ok(())
}
