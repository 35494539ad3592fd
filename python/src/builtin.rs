//! The plugins linked into the package: every plugin of this repository,
//! started as the command line starts the libraries it finds, so that the
//! package needs no plugin files beside it.

use std::collections::HashMap;
use std::path::Path;

use glaneur::plugins::load::{start, LoadedPlugin, Rejection};
use glaneur_schema::{module_of, PluginModule_Ref};

/// Where a built-in plugin says it was loaded from.
pub const ORIGIN: &str = "<built-in>";

/// The built-in plugins' root modules.
fn modules() -> [PluginModule_Ref; 6] {
    [
        module_of::<glaneur_plugin_ai_models::AiModels>(),
        module_of::<glaneur_plugin_money::Money>(),
        module_of::<glaneur_plugin_organizations::Organizations>(),
        module_of::<glaneur_plugin_people::People>(),
        module_of::<glaneur_plugin_percentages::Percentages>(),
        module_of::<glaneur_plugin_quotations::Quotations>(),
    ]
}

/// Starts every built-in plugin with its configuration from `configs`.
pub fn load(configs: &HashMap<String, String>) -> Result<Vec<LoadedPlugin>, Rejection> {
    modules().into_iter().map(|module| start(module, Path::new(ORIGIN), configs)).collect()
}
