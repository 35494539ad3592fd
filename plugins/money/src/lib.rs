//! The money plugin (kind `money`): amounts of money with normalised value and ISO 4217 currency.
//!
//! The plugin loads and declares its kind; its extraction is the work of
//! issue #3 and returns nothing until then.

use glaneur_schema::{export_plugin, Entity, FfiEntity, Plugin, PluginInfo};

/// The money extractor.
pub struct MoneyPlugin;

impl Plugin for MoneyPlugin {
    const INFO: PluginInfo = PluginInfo {
        name: "money",
        version: env!("CARGO_PKG_VERSION"),
        produces: &["money"],
        requires: &[],
        description: "Amounts of money with normalised value and ISO 4217 currency.",
    };

    fn new(_config: &str) -> Result<Self, String> {
        Ok(MoneyPlugin)
    }

    fn extract(&self, _text: &str, _found: &[FfiEntity]) -> Result<Vec<Entity>, String> {
        Ok(Vec::new())
    }
}

export_plugin!(MoneyPlugin);
