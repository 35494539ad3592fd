//! The stable plugin ABI: what a plugin library exports and what crosses the
//! boundary on every call.
//!
//! API boundary: these types are laid out with `abi_stable`, which checks at
//! load time that host and plugin agree on every field. Append new fields
//! only after the last prefix field, so that a newer host still loads an
//! older plugin.
//!
//! `PluginModule_Ref` and `Extractor_TO` are abi_stable's generated names.
#![allow(non_camel_case_types)]
// `#[sabi_trait]` implements foreign traits inside a generated const.
#![allow(non_local_definitions)]

use abi_stable::{
    library::RootModule,
    package_version_strings, sabi_trait,
    sabi_types::VersionStrings,
    std_types::{RBox, RCowStr, RResult, RSlice, RStr, RString, RVec},
    StableAbi,
};
use glaneur_document::Document;

/// What a plugin says about itself before it is asked to extract anything.
#[repr(C)]
#[derive(StableAbi, Debug, Clone, PartialEq)]
pub struct Manifest {
    /// The plugin's name, unique among loaded plugins (`money`).
    pub name: RString,
    /// The plugin's own version (semver, usually its crate version).
    pub version: RString,
    /// The entity kinds it produces (`money`); any other kind it returns is an error.
    pub produces: RVec<RString>,
    /// The kinds it needs found before it runs (`person` for quotations).
    pub requires: RVec<RString>,
    /// One line saying what it extracts.
    pub description: RString,
}

/// An entity as it crosses the boundary.
///
/// The attributes travel as a JSON object in a string so that kinds can grow
/// new attributes without an ABI change; the host validates the known kinds.
/// The kind is a constant of the plugin, lent rather than copied into each
/// entity (plugins are never unloaded, so a `'static` string stays valid as
/// long as the entity); so is the extractor, unless the host names it. The
/// record is kept within 128 bytes, which the compiler moves without a call
/// to `memcpy` (the host moves every entity a few times).
#[repr(C)]
#[derive(StableAbi, Debug, Clone, PartialEq)]
pub struct FfiEntity {
    /// The entity kind, lowercase snake_case (`money`, `organization`).
    pub kind: RStr<'static>,
    /// UTF-8 byte offset of the first byte in the document text.
    pub start: u64,
    /// UTF-8 byte offset one past the last byte.
    pub end: u64,
    /// How sure the plugin is, in [0, 1].
    pub confidence: f64,
    /// The kind's attributes, a JSON object.
    pub attrs: RString,
    /// The plugin that produced it (set by the host; plugins may leave it empty).
    pub extractor: RCowStr<'static>,
}

// Kept within 128 bytes: at 136, each move of an entity in the host was a
// call to `memcpy` (4 M instructions on 30,000 entities).
const _: () = assert!(std::mem::size_of::<FfiEntity>() <= 128);

/// An extractor built by a plugin from its configuration.
///
/// One instance is shared by every worker thread, hence `Send + Sync`.
#[sabi_trait]
pub trait Extractor: Send + Sync {
    /// Finds the plugin's entities in `doc` (read once by the host, shared
    /// by every plugin), given the entities found so far by the plugins
    /// that ran before it.
    #[sabi(last_prefix_field)]
    fn extract(&self, doc: &Document<'_>, found: RSlice<'_, FfiEntity>) -> RResult<RVec<FfiEntity>, RString>;
}

/// The owned, FFI-safe extractor object.
pub type ExtractorBox = Extractor_TO<'static, RBox<()>>;

/// The root module every glaneur plugin library exports.
#[repr(C)]
#[derive(StableAbi)]
#[sabi(kind(Prefix(prefix_ref = PluginModule_Ref)))]
#[sabi(missing_field(panic))]
pub struct PluginModule {
    /// The plugin's manifest.
    pub manifest: extern "C" fn() -> Manifest,
    /// Builds an extractor from a configuration string (empty for defaults).
    #[sabi(last_prefix_field)]
    pub new_extractor: extern "C" fn(config: RStr<'_>) -> RResult<ExtractorBox, RString>,
}

impl RootModule for PluginModule_Ref {
    abi_stable::declare_root_module_statics! {PluginModule_Ref}

    const BASE_NAME: &'static str = "glaneur_plugin";
    const NAME: &'static str = "glaneur_plugin";
    const VERSION_STRINGS: VersionStrings = package_version_strings!();
}

/// The schema version plugins are checked against (this crate's version).
pub const ABI_VERSION: &str = env!("CARGO_PKG_VERSION");
