//! What `cargo xtask test` needs on a fresh machine, installed when it can
//! be: rustfmt and clippy (the lints run first), cargo-nextest, and
//! headless Chromium for the HTML page's test. A fresh machine has Rust,
//! Python and Java only; CI's `.ci/run` calls `cargo xtask test` and nothing
//! else, so what a test needs is set up here, once, for both.

use std::process::{Command, Stdio};

use crate::{cargo, status, Result};

/// Installs what is missing; fails with how to install it by hand when it
/// cannot (no root, no apt-get).
pub fn test_tools() -> Result {
    for component in ["rustfmt", "clippy"] {
        let installed = Command::new("rustup")
            .args(["component", "list", "--installed"])
            .output()
            .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).lines().any(|l| l.starts_with(component)));
        if !installed && succeeds(Command::new("rustup").args(["--version"])) {
            eprintln!("xtask: installing the {component} component");
            status({
                let mut c = Command::new("rustup");
                c.args(["component", "add", component]);
                c
            })?;
        }
    }
    if !has_nextest() {
        eprintln!("xtask: installing cargo-nextest (once)");
        let mut install = cargo();
        install.args(["install", "cargo-nextest", "--locked"]);
        if status(install).is_err() {
            eprintln!("xtask: cargo-nextest could not be installed; the tests run with `cargo test`");
        }
    }
    if chromium().is_none() {
        install_chromium()?;
    }
    Ok(())
}

/// Whether `cargo nextest` runs.
pub fn has_nextest() -> bool {
    succeeds(cargo().args(["nextest", "--version"]))
}

/// The Chromium on the PATH, by the names tests/tests/html.rs looks for.
fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|name| succeeds(Command::new(name).arg("--version")))
}

/// Debian's chromium package, with apt-get as root (or through sudo
/// without a password).
fn install_chromium() -> Result {
    let root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    let sudo = !root && succeeds(Command::new("sudo").args(["-n", "true"]));
    let has_apt = succeeds(Command::new("apt-get").arg("--version"));
    if !(has_apt && (root || sudo)) {
        return Err("the HTML test needs headless Chromium and it cannot be installed here: \
                    install Debian's `chromium` package (apt-get install chromium), then run again"
            .into());
    }
    eprintln!("xtask: installing Chromium for the HTML test (apt-get install chromium)");
    let apt = |args: &[&str]| {
        let mut c = if sudo { Command::new("sudo") } else { Command::new("apt-get") };
        if sudo {
            c.arg("apt-get");
        }
        c.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        c
    };
    status(apt(&["update", "-q"]))?;
    status(apt(&["install", "-y", "-q", "chromium"]))
}

/// The formatting, lint and doc-link checks CI holds every change to.
pub fn lints() -> Result {
    let mut fmt = cargo();
    fmt.args(["fmt", "--all", "--", "--check"]);
    status(fmt)?;
    let mut clippy = cargo();
    clippy.args(["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]);
    status(clippy)?;
    // Doc links that break (an item renamed, a public doc naming a private
    // item) fail here rather than in a reader's browser.
    let mut doc = cargo();
    doc.env("RUSTDOCFLAGS", "-D warnings").args(["doc", "--workspace", "--no-deps", "--quiet"]);
    status(doc)
}

fn succeeds(command: &mut Command) -> bool {
    command.stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
}
