//! The order plugins run in: every plugin after the plugins producing the
//! kinds it requires; and which plugins `--only` needs.

use std::collections::BTreeSet;

use crate::plugins::load::LoadedPlugin;

/// Why no order could be found.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum OrderError {
    /// The `requires` of some plugins form a cycle.
    #[error("plugins require each other's kinds in a cycle: {0}")]
    Cycle(String),
    /// `--only` asked for a kind no loaded plugin produces.
    #[error("no loaded plugin produces kind {kind:?} (available: {available})")]
    UnknownKind {
        /// The kind asked for.
        kind: String,
        /// The kinds the loaded plugins produce.
        available: String,
    },
}

/// Indices of `plugins` in run order (a stable topological sort: among
/// plugins free to run, the earliest listed first). A required kind that no
/// plugin produces is logged and otherwise ignored.
pub fn run_order(plugins: &[LoadedPlugin]) -> Result<Vec<usize>, OrderError> {
    let deps: Vec<BTreeSet<usize>> = plugins
        .iter()
        .enumerate()
        .map(|(i, plugin)| {
            let mut deps = BTreeSet::new();
            for kind in plugin.manifest.requires.iter() {
                let producers: Vec<usize> =
                    (0..plugins.len()).filter(|&j| j != i && plugins[j].produces(kind)).collect();
                if producers.is_empty() {
                    tracing::warn!(
                        plugin = plugin.name(),
                        kind = kind.as_str(),
                        "required kind is produced by no loaded plugin"
                    );
                }
                deps.extend(producers);
            }
            deps
        })
        .collect();

    let mut order = Vec::with_capacity(plugins.len());
    let mut placed = vec![false; plugins.len()];
    while order.len() < plugins.len() {
        let next = (0..plugins.len()).find(|&i| !placed[i] && deps[i].iter().all(|&d| placed[d]));
        match next {
            Some(i) => {
                placed[i] = true;
                order.push(i);
            }
            None => {
                let stuck: Vec<&str> = (0..plugins.len()).filter(|&i| !placed[i]).map(|i| plugins[i].name()).collect();
                return Err(OrderError::Cycle(stuck.join(", ")));
            }
        }
    }
    Ok(order)
}

/// The plugins needed to produce `kinds`: their producers and, transitively,
/// the producers of what those require. All plugins when `kinds` is empty.
pub fn needed_for(plugins: &[LoadedPlugin], kinds: &[String]) -> Result<BTreeSet<usize>, OrderError> {
    if kinds.is_empty() {
        return Ok((0..plugins.len()).collect());
    }
    let mut needed = BTreeSet::new();
    let mut wanted: Vec<String> = kinds.to_vec();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    while let Some(kind) = wanted.pop() {
        if !seen.insert(kind.clone()) {
            continue;
        }
        let producers: Vec<usize> = (0..plugins.len()).filter(|&i| plugins[i].produces(&kind)).collect();
        if producers.is_empty() && kinds.contains(&kind) {
            let available: BTreeSet<&str> =
                plugins.iter().flat_map(|p| p.manifest.produces.iter().map(|k| k.as_str())).collect();
            return Err(OrderError::UnknownKind {
                kind,
                available: available.into_iter().collect::<Vec<_>>().join(", "),
            });
        }
        for i in producers {
            if needed.insert(i) {
                wanted.extend(plugins[i].manifest.requires.iter().map(|k| k.to_string()));
            }
        }
    }
    Ok(needed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use abi_stable::sabi_trait::TD_Opaque;
    use abi_stable::std_types::{RResult, RSlice, RString, RVec};
    use glaneur_schema::abi::Extractor_TO;
    use glaneur_schema::{Document, Extractor, FfiEntity, Manifest};

    struct Nothing;

    impl Extractor for Nothing {
        fn extract(&self, _: &Document<'_>, _: RSlice<'_, FfiEntity>) -> RResult<RVec<FfiEntity>, RString> {
            RResult::ROk(RVec::new())
        }
    }

    fn plugin(name: &str, produces: &[&str], requires: &[&str]) -> LoadedPlugin {
        let strings = |l: &[&str]| l.iter().map(|s| RString::from(*s)).collect();
        LoadedPlugin {
            manifest: Manifest {
                name: name.into(),
                version: "0.1.0".into(),
                produces: strings(produces),
                requires: strings(requires),
                description: RString::new(),
            },
            path: name.into(),
            extractor: Extractor_TO::from_value(Nothing, TD_Opaque),
        }
    }

    fn names(plugins: &[LoadedPlugin], order: &[usize]) -> Vec<String> {
        order.iter().map(|&i| plugins[i].name().to_owned()).collect()
    }

    #[test]
    fn requirements_run_first() {
        let plugins = vec![
            plugin("quotations", &["quotation"], &["person", "organization"]),
            plugin("money", &["money"], &[]),
            plugin("people", &["person"], &["organization"]),
            plugin("organizations", &["organization"], &[]),
        ];
        let order = run_order(&plugins).expect("no cycle");
        assert_eq!(names(&plugins, &order), ["money", "organizations", "people", "quotations"]);
    }

    #[test]
    fn a_cycle_is_an_error_naming_the_plugins() {
        let plugins = vec![plugin("a", &["x"], &["y"]), plugin("b", &["y"], &["x"]), plugin("c", &["z"], &[])];
        assert_eq!(run_order(&plugins), Err(OrderError::Cycle("a, b".into())));
    }

    #[test]
    fn only_keeps_what_the_kinds_need() {
        let plugins = vec![
            plugin("quotations", &["quotation"], &["person"]),
            plugin("money", &["money"], &[]),
            plugin("people", &["person"], &[]),
        ];
        let needed = needed_for(&plugins, &["quotation".into()]).expect("known kind");
        assert_eq!(needed.into_iter().collect::<Vec<_>>(), [0, 2]);
        assert_eq!(needed_for(&plugins, &[]).expect("all").len(), 3);
        let unknown = needed_for(&plugins, &["weather".into()]).unwrap_err();
        assert!(unknown.to_string().contains("available: money, person, quotation"), "{unknown}");
    }
}
