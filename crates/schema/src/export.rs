//! Turning a plain Rust type into a loadable plugin: the [`Plugin`] trait and
//! the `export_plugin!` macro.
//!
//! Architecture invariant: no panic ever unwinds across the boundary. The
//! exported functions catch it on the plugin side and return an error for
//! that document instead (an unwinding `extern "C"` function aborts).

use std::panic::{catch_unwind, AssertUnwindSafe};

use abi_stable::{
    prefix_type::PrefixTypeTrait,
    sabi_extern_fn,
    sabi_trait::TD_Opaque,
    std_types::{RResult, RSlice, RStr, RString, RVec},
};
use glaneur_document::Document;

use crate::abi::{Extractor, ExtractorBox, Extractor_TO, FfiEntity, Manifest, PluginModule, PluginModule_Ref};
use crate::entity::Entity;

/// What a plugin declares about itself, as constants.
#[derive(Debug, Clone, Copy)]
pub struct PluginInfo {
    /// Unique plugin name (`money`).
    pub name: &'static str,
    /// The plugin's version; use `env!("CARGO_PKG_VERSION")`.
    pub version: &'static str,
    /// Kinds the plugin produces.
    pub produces: &'static [&'static str],
    /// Kinds that must be found before it runs.
    pub requires: &'static [&'static str],
    /// One line saying what it extracts.
    pub description: &'static str,
}

/// An extractor written in plain Rust; `export_plugin!` makes it loadable.
pub trait Plugin: Send + Sync + Sized + 'static {
    /// The plugin's manifest.
    const INFO: PluginInfo;

    /// Builds the extractor from its configuration (an empty string means defaults).
    fn new(config: &str) -> Result<Self, String>;

    /// Finds entities in `doc`: its text, and its tokens, sentences and
    /// paragraphs, read once by the host for every plugin. `found` holds
    /// what earlier plugins found (the kinds listed in `requires`, among
    /// others); read the attributes you need with
    /// [`crate::entity::string_attrs`], or a whole entity with
    /// [`Entity::from_ffi`].
    fn extract(&self, doc: &Document<'_>, found: &[FfiEntity]) -> Result<Vec<Entity>, String>;
}

/// For a plugin that takes no configuration: an error naming the plugin
/// when `config` is not empty.
pub fn no_configuration(plugin: &str, config: &str) -> Result<(), String> {
    if config.trim().is_empty() {
        Ok(())
    } else {
        Err(format!("the {plugin} plugin takes no configuration, got {config:?}"))
    }
}

/// Runs `f`, turning a panic into an error message.
pub fn catch_panic<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic with a non-string payload".to_owned());
        format!("plugin panicked: {message}")
    })
}

/// The FFI-side wrapper around a [`Plugin`]: converts types and catches panics.
struct Guarded<P>(P);

impl<P: Plugin> Extractor for Guarded<P> {
    fn extract(&self, doc: &Document<'_>, found: RSlice<'_, FfiEntity>) -> RResult<RVec<FfiEntity>, RString> {
        match catch_panic(|| self.0.extract(doc, found.as_slice())) {
            Ok(Ok(entities)) => RResult::ROk(entities.into_iter().map(|e| e.into_ffi(P::INFO.name)).collect()),
            Ok(Err(message)) | Err(message) => RResult::RErr(message.into()),
        }
    }
}

/// The manifest function of the root module, for plugin `P`.
#[sabi_extern_fn]
fn manifest_of<P: Plugin>() -> Manifest {
    let info = P::INFO;
    let strings = |list: &[&str]| list.iter().map(|s| RString::from(*s)).collect();
    Manifest {
        name: info.name.into(),
        version: info.version.into(),
        produces: strings(info.produces),
        requires: strings(info.requires),
        description: info.description.into(),
    }
}

/// The constructor function of the root module, for plugin `P`.
#[sabi_extern_fn]
fn new_extractor_of<P: Plugin>(config: RStr<'_>) -> RResult<ExtractorBox, RString> {
    match catch_panic(|| P::new(config.as_str())) {
        Ok(Ok(plugin)) => RResult::ROk(Extractor_TO::from_value(Guarded(plugin), TD_Opaque)),
        Ok(Err(message)) | Err(message) => RResult::RErr(message.into()),
    }
}

/// The root module of plugin `P`: what a plugin library exports, and what a
/// host that links plugins into itself (the Python package) loads instead
/// of opening a file.
pub fn module_of<P: Plugin>() -> PluginModule_Ref {
    PluginModule { manifest: manifest_of::<P>, new_extractor: new_extractor_of::<P> }.leak_into_prefix()
}

/// Exports a [`Plugin`] type as the root module of this library.
///
/// ```ignore
/// glaneur_schema::export_plugin!(MyPlugin);
/// ```
#[macro_export]
macro_rules! export_plugin {
    ($plugin:ty) => {
        #[doc(hidden)]
        pub fn __glaneur_root_module() -> $crate::PluginModule_Ref {
            $crate::module_of::<$plugin>()
        }

        /// The library header abi_stable reads when the host loads this plugin.
        #[doc(hidden)]
        #[export_name = "_1as_0lib_1header_0root_bmodule_bloader"]
        pub static __GLANEUR_LIB_HEADER: $crate::abi_stable::library::LibHeader = {
            extern "C" fn erased() -> $crate::abi_stable::library::RootModuleResult {
                $crate::abi_stable::library::__call_root_module_loader(__glaneur_root_module)
            }
            // SAFETY: this is what `#[export_root_module]` expands to, with
            // the layout check on; `erased` returns `PluginModule_Ref`.
            unsafe {
                $crate::abi_stable::library::LibHeader::from_constructor::<$crate::PluginModule_Ref>(
                    erased,
                    $crate::abi_stable::library::CheckTypeLayout::Yes,
                )
            }
        };
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loader_symbol_matches_abi_stable() {
        // The symbol abi_stable looks up in a library, which
        // `export_plugin!` needs as a literal (its `export_name`).
        assert_eq!("_1as_0lib_1header_0root_bmodule_bloader", abi_stable::library::ROOT_MODULE_LOADER_NAME);
    }

    #[test]
    fn a_configuration_is_refused_by_name() {
        assert_eq!(no_configuration("money", "  "), Ok(()));
        assert_eq!(no_configuration("money", "x"), Err(r#"the money plugin takes no configuration, got "x""#.into()));
    }

    #[test]
    fn catch_panic_turns_a_panic_into_its_message() {
        let result: Result<(), String> = catch_panic(|| panic!("boom at {}", 3));
        assert_eq!(result, Err("plugin panicked: boom at 3".to_owned()));
        assert_eq!(catch_panic(|| 7), Ok(7));
    }
}
