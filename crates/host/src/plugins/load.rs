//! Loading one plugin file, or saying precisely why it was rejected.
//!
//! Each file is opened with `lib_header_from_path` and checked with
//! `init_root_module`: abi_stable's `load_from_directory` caches the first
//! library of an interface and would hand it back for every later file.
//! Libraries are never unloaded (unloading crashes on thread-local
//! destructors; abi_stable leaks them on purpose).

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use abi_stable::library::{lib_header_from_path, LibraryError};
use abi_stable::std_types::{RResult, RStr};
use glaneur_schema::abi::ABI_VERSION;
use glaneur_schema::attrs::is_valid_kind_name;
use glaneur_schema::{ExtractorBox, Manifest, PluginModule_Ref};

/// A plugin loaded and initialised, ready to extract.
pub struct LoadedPlugin {
    /// The plugin's manifest.
    pub manifest: Manifest,
    /// The file it was loaded from.
    pub path: PathBuf,
    /// Its extractor, shared by all worker threads.
    pub extractor: ExtractorBox,
}

impl LoadedPlugin {
    /// The plugin's name.
    pub fn name(&self) -> &str {
        self.manifest.name.as_str()
    }

    /// Whether it produces `kind`.
    pub fn produces(&self, kind: &str) -> bool {
        self.manifest.produces.iter().any(|k| k.as_str() == kind)
    }
}

impl fmt::Debug for LoadedPlugin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LoadedPlugin").field("manifest", &self.manifest).field("path", &self.path).finish()
    }
}

/// A file that was not loaded, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// The file.
    pub path: PathBuf,
    /// Why, in words a user can act on.
    pub reason: String,
}

impl std::fmt::Display for Rejection {
    /// `path: reason`, as the messages that list rejections write it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.reason)
    }
}

/// Loads the plugin in `path` and builds its extractor with its
/// configuration from `configs` (keyed by plugin name; empty when absent).
pub fn load_file(path: &Path, configs: &HashMap<String, String>) -> Result<LoadedPlugin, Rejection> {
    let reject = |reason: String| Rejection { path: path.to_owned(), reason };
    let header = lib_header_from_path(path).map_err(|e| reject(describe(&e)))?;
    let module = header.init_root_module::<PluginModule_Ref>().map_err(|e| reject(describe(&e)))?;
    start(module, path, configs)
}

/// Starts the plugin whose root module is `module`, named by `path` in
/// messages: a plugin file's module once opened, or a plugin linked into
/// the program itself (the Python package's built-in plugins,
/// [`glaneur_schema::module_of`]). Checks its manifest and builds its
/// extractor with its configuration from `configs`.
pub fn start(
    module: PluginModule_Ref,
    path: &Path,
    configs: &HashMap<String, String>,
) -> Result<LoadedPlugin, Rejection> {
    let reject = |reason: String| Rejection { path: path.to_owned(), reason };
    let manifest = (module.manifest())();
    let name = manifest.name.as_str();
    if name.is_empty() {
        return Err(reject("the plugin's manifest has an empty name".into()));
    }
    if let Some(bad) = manifest.produces.iter().chain(manifest.requires.iter()).find(|k| !is_valid_kind_name(k)) {
        return Err(reject(format!("plugin {name}: kind {bad:?} is not lowercase snake_case")));
    }
    let config = configs.get(name).map(String::as_str).unwrap_or("");
    match (module.new_extractor())(RStr::from_str(config)) {
        RResult::ROk(extractor) => Ok(LoadedPlugin { manifest, path: path.to_owned(), extractor }),
        RResult::RErr(message) => Err(reject(format!("plugin {name} failed to start: {message}"))),
    }
}

/// Turns abi_stable's error into one a user can act on.
fn describe(error: &LibraryError) -> String {
    match error {
        LibraryError::OpenError { err, .. } => format!("cannot load the library: {err}"),
        LibraryError::GetSymbolError { .. } => {
            "not a glaneur plugin: the library exports no abi_stable root module".into()
        }
        LibraryError::IncompatibleVersionNumber { expected_version, actual_version, .. } => {
            let number = |v: &abi_stable::sabi_types::VersionNumber| (v.major, v.minor, v.patch);
            let age = if number(actual_version) < number(expected_version) { "an older" } else { "a newer" };
            format!(
                "incompatible plugin ABI: the plugin was built against glaneur-schema {actual_version}, \
                 {age} plugin interface than this glaneur's {expected_version}; rebuild it against \
                 glaneur-schema {ABI_VERSION} (`cargo build --release` in its crate, with \
                 glaneur-schema = \"{ABI_VERSION}\")"
            )
        }
        LibraryError::AbiInstability(details) => {
            let details = details.to_string();
            tracing::debug!("abi_stable's layout report:\n{details}");
            format!(
                "incompatible plugin ABI: {}; rebuild the plugin against glaneur-schema {ABI_VERSION}",
                layout_mismatch_summary(&details)
            )
        }
        LibraryError::InvalidAbiHeader(header) => {
            format!("not a glaneur plugin: built with an incompatible abi_stable ({header:?})")
        }
        other => format!("cannot load the plugin: {other}"),
    }
}

/// The gist of abi_stable's (very long) layout report: the mismatch and
/// the packages that defined the two sides.
fn layout_mismatch_summary(report: &str) -> String {
    let lines: Vec<&str> = report.lines().map(str::trim).collect();
    let after =
        |label: &str| lines.iter().position(|l| *l == label).and_then(|i| lines.get(i + 1)).copied().unwrap_or("?");
    let package_after = |heading: &str| {
        lines
            .iter()
            .skip_while(|l| !l.starts_with(heading))
            .find_map(|l| l.strip_prefix("package:"))
            .map(|p| p.replace('\'', "").replace(" version:", " "))
    };
    let error = lines.iter().rev().find_map(|l| l.strip_prefix("Error:")).unwrap_or("layout mismatch");
    match (package_after("Layout of expected type"), package_after("Layout of found type")) {
        (Some(expected), Some(found)) => {
            format!("{error}: expected {} from {expected}, found {} from {found}", after("Expected:"), after("Found:"))
        }
        _ => format!("{error}: expected {}, found {}", after("Expected:"), after("Found:")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_report_is_summarised() {
        let report = "Compared <this>:\n  junk\nLayout of expected type:\n    type:PluginModule\n    package:'glaneur-schema' version:'0.1.0'\n\
                      Layout of found type:\n    type:OldModule\n    package:'old-plugin' version:'0.0.3'\n\
                      Error:mismatched type\nExpected:\n    PluginModule\nFound:\n    OldModule\n";
        assert_eq!(
            layout_mismatch_summary(report),
            "mismatched type: expected PluginModule from glaneur-schema 0.1.0, found OldModule from old-plugin 0.0.3"
        );
    }
}
