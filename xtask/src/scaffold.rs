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

Replace `find` in src/lib.rs with your own extraction over the document's
tokens and sentences; see docs/PLUGINS.md.
"#;

const LIB_RS: &str = r#"//! The {name} plugin (kind `{kind}`): whole-word keywords from its configuration.
//!
//! A plugin reads the `Document` the host built once for every plugin: its
//! tokens (words, numbers, punctuation, each with its folded form and
//! flags), sentences and paragraphs. Work with tokens, not bytes.

use glaneur_schema::{export_plugin, Document, DocumentBuf, Entity, FfiEntity, Plugin, PluginInfo, Token};
use serde_json::json;

/// Finds the configured keywords.
pub struct Keywords {
    /// Each keyword as configured, with its tokens' folded forms.
    terms: Vec<(String, Vec<String>)>,
}

/// A word or number glued to the token before it (`100` in `H100`).
fn glued(token: Option<&Token>) -> bool {
    token.is_some_and(|t| t.is_joined() && (t.is_word() || t.is_number()))
}

impl Keywords {
    /// Every whole-word, case-insensitive occurrence of a keyword in `doc`.
    pub fn find(&self, doc: &Document<'_>) -> Vec<Entity> {
        let tokens = doc.tokens();
        let mut out = Vec::new();
        for (i, first) in tokens.iter().enumerate() {
            // No keyword starts inside a run of letters and digits (`exemple` in `2exemple`).
            if glued(Some(first)) && i > 0 && (tokens[i - 1].is_word() || tokens[i - 1].is_number()) {
                continue;
            }
            for (term, words) in &self.terms {
                let end = i + words.len();
                let Some(candidate) = tokens.get(i..end) else { continue };
                if candidate.iter().zip(words).all(|(t, w)| doc.folded_of(t) == w) && !glued(tokens.get(end)) {
                    let attrs = json!({"term": term, "rule": "keyword"});
                    out.push(Entity::new("{kind}", doc.byte_span(i..end), 0.9, attrs));
                }
            }
        }
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
        let mut terms = Vec::new();
        for term in config.split(',').map(str::trim).filter(|t| !t.is_empty()) {
            // A keyword is read as the documents are, so that its tokens compare.
            let buf = DocumentBuf::new(term).map_err(|e| e.to_string())?;
            let doc = buf.document();
            let words = doc.tokens().iter().map(|t| doc.folded_of(t).to_owned()).collect();
            terms.push((term.to_owned(), words));
        }
        if terms.is_empty() {
            return Err(format!("no keyword in configuration {config:?}"));
        }
        Ok(Keywords { terms })
    }

    fn extract(&self, doc: &Document<'_>, _found: &[FfiEntity]) -> Result<Vec<Entity>, String> {
        Ok(self.find(doc))
    }
}

export_plugin!(Keywords);

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(config: &str, text: &str) -> Vec<String> {
        let plugin = Keywords::new(config).expect("valid configuration");
        let buf = DocumentBuf::new(text).expect("a short text");
        plugin.find(&buf.document()).iter().map(|e| text[e.span.clone()].to_owned()).collect()
    }

    #[test]
    fn finds_whole_words_whatever_the_case() {
        assert_eq!(spans("", "Un Exemple, puis un exemple."), ["Exemple", "exemple"]);
        assert_eq!(spans("", "Un exemplaire, un exemple2, un exemple."), ["exemple"]);
        assert_eq!(spans("alpha, beta", "beta puis Alpha"), ["beta", "Alpha"]);
        assert_eq!(spans("mistral ai", "MISTRAL AI et Mistral  AI"), ["MISTRAL AI", "Mistral  AI"]);
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
