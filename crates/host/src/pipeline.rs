//! Running the plugins over one document: the document read once (its
//! tokens, sentences, paragraphs: a `DocumentBuf`), then every plugin in
//! dependency order over it, each given what the earlier ones found, every
//! returned entity checked.
//!
//! Architecture invariant: a plugin's failure (an error, a caught panic, an
//! invalid entity) is an error for that document naming the plugin; the
//! other plugins' entities are kept and the run goes on.

use std::collections::BTreeSet;
use std::sync::Arc;

use abi_stable::std_types::{RResult, RSlice};
use glaneur_schema::attrs::validate;
use glaneur_schema::output::{sort_entities, Attrs, OutputEntity};
use glaneur_schema::{DocumentBuf, FfiEntity};
use serde::{Deserialize, Serialize};

use crate::plugins::load::LoadedPlugin;
use crate::plugins::order::{needed_for, run_order, OrderError};

/// The plugins to run, in order, and the kinds to keep in the output.
pub struct Pipeline {
    plugins: Vec<LoadedPlugin>,
    /// Each plugin's name and the kinds it produces, shared by every
    /// entity printed rather than copied into each.
    names: Vec<(Arc<str>, Vec<Arc<str>>)>,
    order: Vec<usize>,
    keep: Option<BTreeSet<String>>,
}

/// What the pipeline made of one text.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Extraction {
    /// Valid entities, offsets into the text given, in output order.
    pub entities: Vec<OutputEntity>,
    /// One message per plugin failure.
    pub errors: Vec<String>,
}

impl Pipeline {
    /// Orders `plugins`; with `only` non-empty, keeps just the plugins needed
    /// for those kinds and just those kinds in the output.
    pub fn new(plugins: Vec<LoadedPlugin>, only: &[String]) -> Result<Self, OrderError> {
        let needed = needed_for(&plugins, only)?;
        let order = run_order(&plugins)?.into_iter().filter(|i| needed.contains(i)).collect();
        let keep = (!only.is_empty()).then(|| only.iter().cloned().collect());
        let names = plugins
            .iter()
            .map(|p| (Arc::from(p.name()), p.manifest.produces.iter().map(|k| Arc::from(k.as_str())).collect()))
            .collect();
        Ok(Pipeline { plugins, names, order, keep })
    }

    /// The plugins that will run, in order.
    pub fn plugins(&self) -> impl Iterator<Item = &LoadedPlugin> {
        self.order.iter().map(|&i| &self.plugins[i])
    }

    /// Reads `text` once, then runs every plugin over it.
    pub fn extract(&self, text: &str) -> Extraction {
        self.extract_observed(text, |_| {})
    }

    /// [`Pipeline::extract`], calling `starting` with each plugin's name
    /// before it runs (a worker process reports it, so that a crash or a
    /// hang is blamed on the right plugin).
    pub fn extract_observed(&self, text: &str, mut starting: impl FnMut(&str)) -> Extraction {
        let buf = match DocumentBuf::new(text) {
            Ok(buf) => buf,
            Err(too_large) => return Extraction { entities: Vec::new(), errors: vec![too_large.to_string()] },
        };
        let doc = buf.document();
        // What every later plugin is given: only entities `check` accepted
        // (`output` relies on it). The output entities are built from it at
        // the end, so that a long document's entities are not held twice over.
        let mut found: Vec<FfiEntity> = Vec::new();
        // The index in `plugins` of the plugin that found each of `found`.
        let mut owners: Vec<usize> = Vec::new();
        let mut errors = Vec::new();
        for &p in &self.order {
            let plugin = &self.plugins[p];
            starting(plugin.name());
            let result = plugin.extractor.extract(&doc, RSlice::from_slice(&found));
            match result {
                RResult::ROk(returned) => {
                    found.reserve(returned.len());
                    owners.reserve(returned.len());
                    for mut entity in returned {
                        match check(plugin, text, &entity) {
                            Ok(()) => {
                                if entity.extractor.as_str() != plugin.name() {
                                    entity.extractor = plugin.name().into();
                                }
                                found.push(entity);
                                owners.push(p);
                            }
                            Err(why) => {
                                errors.push(format!("plugin {} returned an invalid entity: {why}", plugin.name()))
                            }
                        }
                    }
                }
                RResult::RErr(message) => errors.push(format!("plugin {} failed: {message}", plugin.name())),
            }
        }
        let printed = |e: &FfiEntity| self.keep.as_ref().is_none_or(|keep| keep.contains(e.kind.as_str()));
        let mut entities = Vec::with_capacity(found.len());
        for (entity, owner) in found.into_iter().zip(owners).filter(|(e, _)| printed(e)) {
            // `validate` has read these attrs, so this cannot fail in practice;
            // an error rather than a panic all the same.
            match self.output(text, &entity, owner) {
                Ok(e) => entities.push(e),
                Err(why) => errors.push(format!("plugin {} returned an invalid entity: {why}", entity.extractor)),
            }
        }
        sort_entities(&mut entities);
        Extraction { entities, errors }
    }

    /// A checked entity in its output form: `entity`, found by plugin
    /// `owner` (an index in `plugins`), must have passed [`check`], whose
    /// validation of its attrs is not run again.
    fn output(&self, text: &str, entity: &FfiEntity, owner: usize) -> Result<OutputEntity, String> {
        let (start, end) = (entity.start, entity.end);
        // The plugin's shared name and kind (`check` accepted only declared
        // kinds, and set the extractor to the plugin's name).
        let (name, kinds) = &self.names[owner];
        let kind = kinds.iter().find(|k| &***k == entity.kind.as_str());
        let kind = kind.cloned().unwrap_or_else(|| Arc::from(entity.kind.as_str()));
        let extractor = name.clone();
        Ok(OutputEntity {
            kind,
            start,
            end,
            text: text[start as usize..end as usize].to_owned(),
            extractor,
            confidence: entity.confidence,
            // `entity` is in `found`, which holds only entities `check`
            // accepted, and `check` ran `validate` on these attrs.
            attrs: Attrs::validated(entity.attrs.as_str()).map_err(|e| format!("{e} (at {start}..{end})"))?,
        })
    }
}

/// What runs the plugins over a text: the pipeline itself, in this
/// process, or worker processes ([`crate::isolation::Workers`]).
pub trait Extract: Sync {
    /// The entities of `text`, and the plugins' failures.
    fn extract(&self, text: &str) -> Extraction;

    /// [`Extract::extract`] over each of `texts`, in order: worker
    /// processes take a batch in one exchange.
    fn extract_batch(&self, texts: &[&str]) -> Vec<Extraction> {
        texts.iter().map(|text| self.extract(text)).collect()
    }
}

impl Extract for Pipeline {
    fn extract(&self, text: &str) -> Extraction {
        Pipeline::extract(self, text)
    }
}

/// Checks one entity returned by `plugin` against `text` and its manifest.
fn check(plugin: &LoadedPlugin, text: &str, entity: &FfiEntity) -> Result<(), String> {
    let kind = entity.kind.as_str();
    if !plugin.produces(kind) {
        return Err(format!("kind {kind:?} is not declared in its manifest"));
    }
    let (start, end) = (entity.start, entity.end);
    if start > end || end > text.len() as u64 {
        return Err(format!("{kind} span {start}..{end} is outside the document ({} bytes)", text.len()));
    }
    let (from, to) = (start as usize, end as usize);
    if !text.is_char_boundary(from) || !text.is_char_boundary(to) {
        return Err(format!("{kind} span {start}..{end} is not on UTF-8 character boundaries"));
    }
    if !(0.0..=1.0).contains(&entity.confidence) {
        return Err(format!("{kind} at {start}..{end}: confidence {} is outside [0, 1]", entity.confidence));
    }
    validate(kind, entity.attrs.as_str()).map_err(|e| format!("{e} (at {start}..{end})"))
}
