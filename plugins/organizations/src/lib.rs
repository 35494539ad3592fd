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
mod attrs;
pub mod gazetteer;
pub mod lexicon;
mod rule_names;
mod scratch;
pub mod taken;
pub mod unseen;
pub mod words;

use std::borrow::Cow;

use glaneur_schema::output::Attrs;
use glaneur_schema::{Document, Entity, FfiEntity, Plugin, PluginInfo};
use glaneur_text::SpanSet;

use crate::scratch::{recycle, take_recycled, Scratch};
use crate::taken::Taken;
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
    /// The gazetteer's organisation (an index into [`Gazetteer::orgs`]),
    /// when it came from there.
    #[serde(skip)]
    pub org: Option<usize>,
}

/// The rule of a gazetteer form taken without context.
pub const GAZETTEER_RULE: &str = "gazetteer";

/// Finds organisations.
pub struct Organizations {
    gazetteer: Gazetteer,
    /// The attributes of each organisation of the gazetteer found by the
    /// rule [`GAZETTEER_RULE`], written once: most mentions are those, and
    /// writing their JSON was a tenth of the plugin's time.
    plain_attrs: Vec<Attrs>,
}

impl Organizations {
    /// Loads the compiled-in gazetteer.
    pub fn load() -> Result<Self, String> {
        let gazetteer = Gazetteer::load_noting(unseen::phrases())?;
        let plain_attrs = (0..gazetteer.orgs.len())
            .map(|o| {
                let org = &gazetteer.orgs[o];
                let mention = Mention {
                    start: 0,
                    end: 0,
                    canonical: &org.canonical,
                    category: Some(&org.category),
                    rule: Cow::Borrowed(GAZETTEER_RULE),
                    confidence: 0.0,
                    org: Some(o),
                };
                mention.entity().attrs
            })
            .collect();
        Ok(Organizations { gazetteer, plain_attrs })
    }

    /// Every organisation mention in `doc`, in order.
    pub fn mentions<'a>(&'a self, doc: &Document<'a>) -> Vec<Mention<'a>> {
        Scratch::with(|scratch| {
            let mut mentions = Vec::new();
            self.mentions_into(doc, scratch, &mut mentions);
            mentions
        })
    }

    /// [`Organizations::mentions`], into `mentions` (empty), with the
    /// buffers of `scratch`.
    fn mentions_into<'a>(&'a self, doc: &Document<'a>, scratch: &mut Scratch, mentions: &mut Vec<Mention<'a>>) {
        // One pass over the tokens for the gazetteer notes where the word
        // lists of `unseen` may begin.
        let list_starts = &mut scratch.list_starts;
        let mut hits = std::mem::take(&mut scratch.hits);
        self.gazetteer.hits_noting_into(doc, list_starts, &mut hits);
        let selected = longest_first(hits);
        let mut buffers = std::mem::take(&mut scratch.unseen).recycle();
        let taken = Taken::new(&selected, &mut scratch.taken);
        unseen::find_at(doc, taken, list_starts, &mut buffers, mentions);
        scratch.unseen = buffers.recycle();
        // The gazetteer's after the others; the order before the sort is
        // moot: the spans are disjoint.
        let unseen = mentions.len();
        ambiguity::decide(&self.gazetteer, doc, &selected, unseen, &mut scratch.decisions, mentions);
        scratch.hits = selected;
        mentions.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    }

    /// Every mention as an entity.
    pub fn find(&self, doc: &Document<'_>) -> Vec<Entity> {
        let entity = |m: &Mention<'_>| match m.org.filter(|_| m.rule == GAZETTEER_RULE) {
            // The attributes written at load: the same as `m.entity()`'s.
            Some(o) => Entity {
                kind: KIND,
                span: m.start..m.end,
                confidence: m.confidence,
                attrs: self.plain_attrs[o].clone(),
                extractor: String::new(),
            },
            None => m.entity(),
        };
        Scratch::with(|scratch| {
            let mut mentions = take_recycled(&mut scratch.mentions);
            self.mentions_into(doc, scratch, &mut mentions);
            let entities = mentions.iter().map(entity).collect();
            scratch.mentions = recycle(mentions);
            entities
        })
    }
}

/// The kind of entity this plugin finds.
const KIND: &str = "organization";

impl Mention<'_> {
    /// The mention as an entity, its attributes written as serde_json
    /// serialises the mention (README.md lists them): fixed keys and
    /// strings written through the JSON escaper, so never a line break.
    pub fn entity(&self) -> Entity {
        Entity::with_one_line_attrs(KIND, self.start..self.end, self.confidence, attrs::json(self))
    }
}

/// Keeps the longest of overlapping hits (products included, so that a
/// product's name hides the organisation inside it), sorted by start.
fn longest_first(hits: Vec<Hit>) -> Vec<Hit> {
    // Most documents' hits come one after the other, none overlapping:
    // all are kept, in their order.
    if hits.windows(2).all(|pair| pair[0].end <= pair[1].start) {
        hits
    } else {
        longest_of_overlapping(hits)
    }
}

/// [`longest_first`]'s hits when some overlap: the longest first, then
/// those that overlap none kept, sorted by start.
fn longest_of_overlapping(mut hits: Vec<Hit>) -> Vec<Hit> {
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
    kept
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
    fn the_attributes_written_at_load_are_those_of_each_mention() {
        let organizations = Organizations::load().expect("valid data");
        let texts = glaneur_testdata::test_texts(&["organizations"]);
        let mut plain = 0;
        for text in &texts {
            let buf = glaneur_schema::DocumentBuf::new(text).expect("a test text fits");
            let doc = buf.document();
            let mentions = organizations.mentions(&doc);
            plain += mentions.iter().filter(|m| m.rule == GAZETTEER_RULE).count();
            // serde's writing is the reference.
            let expected: Vec<Entity> =
                mentions.iter().map(|m| Entity::new(KIND, m.start..m.end, m.confidence, m)).collect();
            let found = organizations.find(&doc);
            let attrs = |entities: &[Entity]| entities.iter().map(|e| e.attrs.as_str().to_owned()).collect::<Vec<_>>();
            assert_eq!(attrs(&found), attrs(&expected), "{text}");
            let spans = |entities: &[Entity]| {
                entities.iter().map(|e| (e.kind, e.span.clone(), e.confidence)).collect::<Vec<_>>()
            };
            assert_eq!(spans(&found), spans(&expected), "{text}");
        }
        assert!(plain > 50, "{plain} mentions by the gazetteer alone");
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
            let kept = longest_first(hits.clone());
            let mut added = glaneur_text::SpanSet::new();
            let taken = Taken::new(&kept, &mut added);
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
        produces: &[KIND],
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
