//! The quotations plugin (kind `quotation`): quotations with their speakers.
//!
//! The plugin loads and declares its kind; its extraction is the work of
//! issue #5 and returns nothing until then.

use glaneur_schema::{export_plugin, Entity, FfiEntity, Plugin, PluginInfo};

/// The quotations extractor.
pub struct Quotations;

impl Plugin for Quotations {
    const INFO: PluginInfo = PluginInfo {
        name: "quotations",
        version: env!("CARGO_PKG_VERSION"),
        produces: &["quotation"],
        requires: &[],
        description: "Quotations with their speakers.",
    };

    fn new(_config: &str) -> Result<Self, String> {
        Ok(Quotations)
    }

    fn extract(&self, _text: &str, _found: &[FfiEntity]) -> Result<Vec<Entity>, String> {
        Ok(Vec::new())
    }
}

export_plugin!(Quotations);
