//! `cargo xtask new-plugin NAME`: a new plugin crate under plugins/ that
//! compiles, loads and passes its own tests — a keyword-list extractor to
//! start from.

use std::path::Path;

use crate::Result;

const CARGO_TOML: &str = r#"[package]
name = "glaneur-plugin-{name}"
description = "glaneur plugin: {kind} entities."
version = "0.1.0"
edition = "2021"
publish = false

[lib]
# cdylib is what the host loads; rlib lets the tests call the logic directly.
crate-type = ["cdylib", "rlib"]

[dependencies]
glaneur-schema = { path = "../../crates/schema" }
serde_json = "1"
"#;

const README: &str = r#"# {name} plugin

Kind `{kind}`: every whole-word occurrence of a keyword, case-insensitive.
The keywords are the plugin's configuration, comma-separated
(`glaneur extract --config {name}=alpha,beta …`); by default `exemple`.

| attr | type | meaning |
|---|---|---|
| `term` | string | the keyword as configured |
| `rule` | string | `keyword` |

Replace `find` in src/lib.rs with your own extraction; see docs/PLUGINS.md.
"#;

const LIB_RS: &str = r#"//! The {name} plugin (kind `{kind}`): whole-word keywords from its configuration.

use glaneur_schema::{export_plugin, Entity, FfiEntity, Plugin, PluginInfo};
use serde_json::json;

/// Finds the configured keywords.
pub struct Keywords {
    /// Lowercased keywords.
    terms: Vec<String>,
}

impl Keywords {
    /// Every whole-word, case-insensitive occurrence of a keyword in `text`.
    pub fn find(&self, text: &str) -> Vec<Entity> {
        let lower = text.to_lowercase();
        if lower.len() != text.len() {
            return Vec::new(); // offsets would not line up; rare outside Turkish/Greek
        }
        let mut out = Vec::new();
        for term in &self.terms {
            for (start, _) in lower.match_indices(term.as_str()) {
                let end = start + term.len();
                let before = lower[..start].chars().next_back();
                let after = lower[end..].chars().next();
                if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
                    continue;
                }
                out.push(Entity::new("{kind}", start..end, 0.9, json!({"term": term, "rule": "keyword"})));
            }
        }
        out.sort_by_key(|e| e.span.start);
        out
    }
}

impl Plugin for Keywords {
    const INFO: PluginInfo = PluginInfo {
        name: "{name}",
        version: env!("CARGO_PKG_VERSION"),
        produces: &["{kind}"],
        requires: &[],
        description: "Keywords from the configuration (default: exemple).",
    };

    fn new(config: &str) -> Result<Self, String> {
        let config = if config.trim().is_empty() { "exemple" } else { config };
        let terms: Vec<String> =
            config.split(',').map(|t| t.trim().to_lowercase()).filter(|t| !t.is_empty()).collect();
        if terms.is_empty() {
            return Err(format!("no keyword in configuration {config:?}"));
        }
        Ok(Keywords { terms })
    }

    fn extract(&self, text: &str, _found: &[FfiEntity]) -> Result<Vec<Entity>, String> {
        Ok(self.find(text))
    }
}

export_plugin!(Keywords);

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(config: &str, text: &str) -> Vec<String> {
        let plugin = Keywords::new(config).expect("valid configuration");
        plugin.find(text).iter().map(|e| text[e.span.clone()].to_owned()).collect()
    }

    #[test]
    fn finds_whole_words_whatever_the_case() {
        assert_eq!(spans("", "Un Exemple, puis un exemple."), ["Exemple", "exemple"]);
        assert_eq!(spans("", "Un exemplaire n'est pas un exemple."), ["exemple"]);
        assert_eq!(spans("alpha, beta", "beta puis Alpha"), ["beta", "Alpha"]);
    }

    #[test]
    fn an_empty_keyword_list_is_an_error() {
        assert!(Keywords::new(" , ").is_err());
    }
}
"#;

/// Creates plugins/NAME from the templates above.
pub fn new_plugin(root: &Path, name: &str) -> Result {
    let valid = name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid {
        return Err(format!(
            "plugin name {name:?} must be lowercase letters, digits and dashes, starting with a letter"
        ));
    }
    let dir = root.join("plugins").join(name);
    if dir.join("Cargo.toml").exists() {
        return Err(format!("{} already exists", dir.display()));
    }
    let kind = name.replace('-', "_");
    let fill = |template: &str| template.replace("{name}", name).replace("{kind}", &kind);
    let write = |path: &Path, text: String| {
        std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    std::fs::create_dir_all(dir.join("src")).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    write(&dir.join("Cargo.toml"), fill(CARGO_TOML))?;
    write(&dir.join("README.md"), fill(README))?;
    write(&dir.join("src").join("lib.rs"), fill(LIB_RS))?;
    println!(
        "created {}: a keyword plugin producing kind `{kind}`.\n\
         `cargo xtask build` places it in target/debug/plugins/; `cargo test -p glaneur-plugin-{name}` tests it.",
        dir.display()
    );
    Ok(())
}
