//! glaneur-schema: the plugin ABI and the output contract of glaneur.
//!
//! The host and every plugin depend on this crate and never on each other.
//! It re-exports the [`Document`] every plugin reads (glaneur-document).
//! Keep it small: everything in [`abi`] crosses a dynamic-library boundary,
//! so a change there is an ABI change.
#![deny(missing_docs)]

pub mod abi;
pub mod attrs;
pub mod entity;
mod export;
mod flat_attrs;
pub mod json_text;
pub mod output;

pub use glaneur_document::{
    key_of_form, Case, Document, DocumentBuf, DocumentRoom, Flags, Language, PhraseMatch, Phrases, Token, TokenKind,
};

pub use abi::{Extractor, ExtractorBox, FfiEntity, Manifest, PluginModule, PluginModule_Ref};
pub use entity::Entity;
pub use export::{catch_panic, module_of, no_configuration, Plugin, PluginInfo};

/// Re-exported so that `export_plugin!` works in plugins that do not depend
/// on abi_stable themselves.
#[doc(hidden)]
pub use abi_stable;
