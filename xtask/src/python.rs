//! The Python package's tests: a virtualenv in `target/python-venv` with
//! python/requirements-test.txt (maturin, pytest, pandas, pyarrow, spaCy,
//! pyspark), the package built and installed from `python/` as a user
//! would (`pip install ./python`), then pytest over `python/tests`.
//! Java, which Spark needs, is on a fresh machine.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{cargo, root, status, Result};

/// The virtualenv the tests and the Python benchmark run in.
pub fn venv_dir() -> PathBuf {
    root().join("target").join("python-venv")
}

/// The virtualenv's `bin/` (its python, pip, pytest, maturin).
fn bin(venv: &Path) -> PathBuf {
    venv.join("bin")
}

/// Creates the virtualenv if it is missing and installs the pinned
/// requirements when they changed since the last install.
pub fn venv() -> Result<PathBuf> {
    let venv = venv_dir();
    if !bin(&venv).join("python").exists() {
        let python = ["python3.11", "python3", "python"]
            .into_iter()
            .find(|p| Command::new(p).arg("--version").output().is_ok_and(|o| o.status.success()))
            .ok_or("the Python tests need Python 3.9 or later (python3 was not found)")?;
        eprintln!("xtask: creating the virtualenv {} with {python}", venv.display());
        status({
            let mut c = Command::new(python);
            c.args(["-m", "venv"]).arg(&venv);
            c
        })?;
    }
    let requirements = root().join("python").join("requirements-test.txt");
    let wanted = std::fs::read_to_string(&requirements).map_err(|e| format!("{}: {e}", requirements.display()))?;
    let stamp = venv.join("glaneur-requirements.txt");
    if std::fs::read_to_string(&stamp).ok().as_deref() != Some(wanted.as_str()) {
        eprintln!("xtask: installing the Python test requirements (python/requirements-test.txt)");
        status({
            let mut c = Command::new(bin(&venv).join("pip"));
            c.args(["install", "--quiet", "--disable-pip-version-check", "-r"]).arg(&requirements);
            c
        })?;
        std::fs::write(&stamp, wanted).map_err(|e| format!("{}: {e}", stamp.display()))?;
    }
    Ok(venv)
}

/// `pip install ./python` into `venv`: maturin builds the extension module
/// (release, in python/target) with every plugin inside.
pub fn install_package(venv: &Path) -> Result {
    eprintln!("xtask: building and installing the Python package (pip install ./python)");
    status(in_venv(venv, "pip", |c| {
        c.args(["install", "--quiet", "--disable-pip-version-check", "--no-build-isolation", "--no-deps"])
            .args(["--force-reinstall"])
            .arg(root().join("python"));
    }))
}

/// `command` from the virtualenv's `bin/`, with that `bin/` first on the
/// PATH (pip's build backend runs `maturin` from it).
pub fn in_venv(venv: &Path, command: &str, args: impl FnOnce(&mut Command)) -> Command {
    let mut c = Command::new(bin(venv).join(command));
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut dirs = vec![bin(venv)];
    dirs.extend(std::env::split_paths(&path));
    if let Ok(joined) = std::env::join_paths(dirs) {
        c.env("PATH", joined);
    }
    c.env("VIRTUAL_ENV", venv).current_dir(root());
    args(&mut c);
    c
}

/// Runs python/tests against the command line in `target/debug`.
pub fn test() -> Result {
    let venv = venv()?;
    install_package(&venv)?;
    status(in_venv(&venv, "pytest", |c| {
        c.args(["python/tests", "-q", "-p", "no:cacheprovider"])
            .env("GLANEUR_BIN", root().join("target").join("debug").join("glaneur"));
    }))
}

/// The package's Rust formatting and lints (a workspace of its own, which
/// `cargo fmt --all` and `cargo clippy --workspace` do not reach).
pub fn lints() -> Result {
    let manifest = root().join("python").join("Cargo.toml");
    let mut fmt = cargo();
    fmt.args(["fmt", "--manifest-path"]).arg(&manifest).args(["--", "--check"]);
    status(fmt)?;
    let mut clippy = cargo();
    clippy.args(["clippy", "--manifest-path"]).arg(&manifest).args(["--all-targets", "--", "-D", "warnings"]);
    status(clippy)
}
