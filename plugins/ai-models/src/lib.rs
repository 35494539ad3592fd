//! The ai-models plugin (kind `ai_model`): aI model and assistant names with family, version and vendor.
//!
//! The plugin loads and declares its kind; its extraction is the work of
//! issue #6 and returns nothing until then.

use glaneur_schema::{export_plugin, Entity, FfiEntity, Plugin, PluginInfo};

/// The ai-models extractor.
pub struct AiModels;

impl Plugin for AiModels {
    const INFO: PluginInfo = PluginInfo {
        name: "ai-models",
        version: env!("CARGO_PKG_VERSION"),
        produces: &["ai_model"],
        requires: &[],
        description: "AI model and assistant names with family, version and vendor.",
    };

    fn new(_config: &str) -> Result<Self, String> {
        Ok(AiModels)
    }

    fn extract(&self, _text: &str, _found: &[FfiEntity]) -> Result<Vec<Entity>, String> {
        Ok(Vec::new())
    }
}

export_plugin!(AiModels);
