//! The organizations plugin (kind `organization`): named companies, labs,
//! investors, regulators, public bodies and media, each with one canonical
//! name.
//!
//! Three sources, in order of trust: the gazetteer ([`gazetteer`]), whose
//! ambiguous short forms (`Orange`, `Mistral`, `Apple`) need context
//! ([`ambiguity`]); then names the gazetteer lacks, found by cue phrases,
//! corporate suffixes and appositions ([`unseen`]); then every other
//! mention of a name found so. See README.md for each rule.

pub mod ambiguity;
pub mod gazetteer;
pub mod lexicon;
pub mod unseen;
pub mod words;

use std::borrow::Cow;

use glaneur_schema::{Document, Entity, FfiEntity, Plugin, PluginInfo};
use glaneur_text::SpanSet;
use serde::Serialize;

use crate::gazetteer::{Gazetteer, Hit};

/// An organisation mention and the rule that found it; serialised, its
/// attributes as README.md lists them. Its names are borrowed from the
/// gazetteer or the text: most mentions are serialised once and dropped.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention<'a> {
    /// Byte span.
    #[serde(skip)]
    pub start: usize,
    /// One past the last byte.
    #[serde(skip)]
    pub end: usize,
    /// The canonical name.
    pub canonical: &'a str,
    /// The gazetteer category, when it came from there.
    pub category: Option<&'a str>,
    /// The rule that fired (`gazetteer`, `gazetteer+context:verb`, `cue:la-start-up`…).
    pub rule: Cow<'a, str>,
    /// How sure.
    #[serde(skip)]
    pub confidence: f64,
}

/// Finds organisations.
pub struct Organizations {
    gazetteer: Gazetteer,
}

impl Organizations {
    /// Loads the compiled-in gazetteer.
    pub fn load() -> Result<Self, String> {
        Ok(Organizations { gazetteer: Gazetteer::load()? })
    }

    /// Every organisation mention in `doc`, in order.
    pub fn mentions<'a>(&'a self, doc: &Document<'a>) -> Vec<Mention<'a>> {
        let (selected, taken) = longest_first(self.gazetteer.hits(doc));
        let mut mentions = unseen::find(doc, taken);
        mentions.extend(ambiguity::decide(&self.gazetteer, doc, &selected, mentions.len()));
        mentions.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        mentions
    }

    /// Every mention as an entity.
    pub fn find(&self, doc: &Document<'_>) -> Vec<Entity> {
        self.mentions(doc).into_iter().map(|m| Entity::new("organization", m.start..m.end, m.confidence, &m)).collect()
    }
}

/// Keeps the longest of overlapping hits (products included, so that a
/// product's name hides the organisation inside it), sorted by start, and
/// the set of their spans.
fn longest_first(mut hits: Vec<Hit>) -> (Vec<Hit>, SpanSet) {
    // Most documents' hits come one after the other, none overlapping:
    // all are kept, in their order.
    if hits.windows(2).all(|pair| pair[0].end <= pair[1].start) {
        let mut taken = SpanSet::new();
        for hit in &hits {
            taken.insert(hit.start, hit.end);
        }
        return (hits, taken);
    }
    hits.sort_by_key(|h| (std::cmp::Reverse(h.end - h.start), h.start));
    let mut kept: Vec<Hit> = Vec::new();
    let mut taken = SpanSet::new();
    for hit in hits {
        if !taken.overlaps(hit.start, hit.end) {
            taken.insert(hit.start, hit.end);
            kept.push(hit);
        }
    }
    kept.sort_by_key(|h| h.start);
    (kept, taken)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`longest_first`] without its quick path.
    fn greedy(mut hits: Vec<Hit>) -> Vec<Hit> {
        hits.sort_by_key(|h| (std::cmp::Reverse(h.end - h.start), h.start));
        let mut kept: Vec<Hit> = Vec::new();
        for hit in hits {
            if kept.iter().all(|k| k.end <= hit.start || hit.end <= k.start) {
                kept.push(hit);
            }
        }
        kept.sort_by_key(|h| h.start);
        kept
    }

    #[test]
    fn the_longest_hits_are_kept_in_order() {
        let hit = |start, end| Hit { start, end, form: start * 100 + end };
        let cases = [
            vec![],
            vec![hit(0, 3)],
            vec![hit(0, 3), hit(3, 5), hit(9, 12)],
            vec![hit(0, 3), hit(2, 9), hit(9, 12)],
            vec![hit(4, 6), hit(0, 9), hit(10, 12)],
            vec![hit(7, 9), hit(5, 10), hit(12, 14)],
            vec![hit(5, 10), hit(0, 2)],
        ];
        for hits in cases {
            let (kept, taken) = longest_first(hits.clone());
            assert_eq!(kept, greedy(hits.clone()), "{hits:?}");
            for h in &hits {
                assert!(taken.overlaps(h.start, h.end), "{h:?} of {hits:?}");
            }
            assert!(!taken.overlaps(20, 30));
        }
    }
}

impl Plugin for Organizations {
    const INFO: PluginInfo = PluginInfo {
        name: "organizations",
        version: env!("CARGO_PKG_VERSION"),
        produces: &["organization"],
        requires: &[],
        description: "Named organisations (companies, labs, investors, regulators, media) with a canonical name.",
    };

    fn new(config: &str) -> Result<Self, String> {
        glaneur_schema::no_configuration(Self::INFO.name, config)?;
        Organizations::load()
    }

    fn extract(&self, doc: &Document<'_>, _found: &[FfiEntity]) -> Result<Vec<Entity>, String> {
        Ok(self.find(doc))
    }
}

// The Python package links every plugin into one library: there, no
// plugin exports the library header (they would all share its symbol), nor
// declares the allocator.
#[cfg(not(feature = "embedded"))]
glaneur_schema::export_plugin!(Organizations);
#[cfg(not(feature = "embedded"))]
glaneur_alloc::global_allocator!();
