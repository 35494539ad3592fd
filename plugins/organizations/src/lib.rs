//! The organizations plugin (kind `organization`): named organisations with a canonical name.
//!
//! The plugin loads and declares its kind; its extraction is the work of
//! issue #4 and returns nothing until then.

use glaneur_schema::{export_plugin, Entity, FfiEntity, Plugin, PluginInfo};

/// The organizations extractor.
pub struct Organizations;

impl Plugin for Organizations {
    const INFO: PluginInfo = PluginInfo {
        name: "organizations",
        version: env!("CARGO_PKG_VERSION"),
        produces: &["organization"],
        requires: &[],
        description: "Named organisations with a canonical name.",
    };

    fn new(_config: &str) -> Result<Self, String> {
        Ok(Organizations)
    }

    fn extract(&self, _text: &str, _found: &[FfiEntity]) -> Result<Vec<Entity>, String> {
        Ok(Vec::new())
    }
}

export_plugin!(Organizations);
