//! Where plugins are looked for, and loading every file found there.
//!
//! Search path, first one set wins: `--plugins DIR` (repeatable), then
//! `GLANEUR_PLUGIN_PATH` (a list of directories, separated like `PATH`),
//! then `plugins/` beside the executable, where `cargo xtask build` puts them.

use std::collections::HashMap;
use std::env::consts::DLL_SUFFIX;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::plugins::load::{load_file, LoadedPlugin, Rejection};

/// Everything discovery found: the plugins loaded and the files rejected.
#[derive(Debug, Default)]
pub struct Catalog {
    /// Loaded plugins, in file-name order.
    pub plugins: Vec<LoadedPlugin>,
    /// Files that were not loaded, each with its reason.
    pub rejected: Vec<Rejection>,
    /// The directories searched.
    pub dirs: Vec<PathBuf>,
}

/// The directories to search, by the precedence above.
pub fn plugin_dirs(cli: &[PathBuf], env: Option<OsString>, exe: Option<&Path>) -> Vec<PathBuf> {
    if !cli.is_empty() {
        return cli.to_vec();
    }
    if let Some(value) = env.filter(|v| !v.is_empty()) {
        return std::env::split_paths(&value).collect();
    }
    exe.and_then(Path::parent).map(|dir| vec![dir.join("plugins")]).unwrap_or_default()
}

/// Loads every shared library in `dirs`. `configs` maps a plugin name to its
/// configuration string. A second plugin with an already loaded name is
/// rejected, so that the first directory wins.
///
/// The files load in parallel: building a plugin's automata is most of
/// start-up, and each plugin builds its own. The outcome is the same as
/// loading them one by one in order: the same plugins and the same
/// rejections (those of unreadable directories listed first).
pub fn discover(dirs: &[PathBuf], configs: &HashMap<String, String>) -> Catalog {
    let mut catalog = Catalog { dirs: dirs.to_vec(), ..Catalog::default() };
    let mut files = Vec::new();
    for dir in dirs {
        match library_files(dir) {
            Ok(found) => files.extend(found),
            Err(e) => catalog
                .rejected
                .push(Rejection { path: dir.clone(), reason: format!("cannot read the directory: {e}") }),
        }
    }
    for loaded in load_all(&files, configs) {
        if let Err(rejection) = loaded.and_then(|plugin| add_unique(&mut catalog.plugins, plugin)) {
            catalog.rejected.push(rejection);
        }
    }
    catalog
}

/// Adds `plugin` to `plugins` unless one of them has its name: the first
/// loaded wins, and the second is rejected.
pub fn add_unique(plugins: &mut Vec<LoadedPlugin>, plugin: LoadedPlugin) -> Result<(), Rejection> {
    if let Some(first) = plugins.iter().find(|p| p.name() == plugin.name()) {
        return Err(Rejection {
            reason: format!("duplicate plugin {}: already loaded from {}", plugin.name(), first.path.display()),
            path: plugin.path,
        });
    }
    plugins.push(plugin);
    Ok(())
}

/// The shared libraries in `dir`, sorted by name.
fn library_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.to_string_lossy().ends_with(DLL_SUFFIX))
        .collect();
    files.sort();
    Ok(files)
}

/// Loads `files`, one thread each (a handful of plugins); the results are
/// in the order of `files`.
fn load_all(files: &[PathBuf], configs: &HashMap<String, String>) -> Vec<Result<LoadedPlugin, Rejection>> {
    std::thread::scope(|scope| {
        let loading: Vec<_> = files
            .iter()
            .map(|path| {
                scope.spawn(move || {
                    tracing::debug!(path = %path.display(), "loading plugin");
                    load_file(path, configs)
                })
            })
            .collect();
        loading
            .into_iter()
            .map(|thread| match thread.join() {
                Ok(loaded) => loaded,
                // A plugin catches its own panics (export_plugin!); one here is a host bug.
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_dirs_win_over_env_and_default() {
        let cli = vec![PathBuf::from("/a")];
        let dirs = plugin_dirs(&cli, Some("/b".into()), Some(Path::new("/bin/glaneur")));
        assert_eq!(dirs, vec![PathBuf::from("/a")]);
    }

    #[test]
    fn env_is_a_path_list() {
        let dirs = plugin_dirs(&[], Some("/b:/c".into()), Some(Path::new("/bin/glaneur")));
        assert_eq!(dirs, vec![PathBuf::from("/b"), PathBuf::from("/c")]);
    }

    #[test]
    fn default_is_beside_the_executable() {
        let dirs = plugin_dirs(&[], None, Some(Path::new("/opt/g/glaneur")));
        assert_eq!(dirs, vec![PathBuf::from("/opt/g/plugins")]);
    }
}
