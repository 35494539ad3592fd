//! Running the plugins over one document: the document read once (its
//! tokens, sentences, paragraphs: a `DocumentBuf`), then every plugin in
//! dependency order over it, each given what the earlier ones found, every
//! returned entity checked.
//!
//! Architecture invariant: a plugin's failure (an error, a caught panic, an
//! invalid entity) is an error for that document naming the plugin; the
//! other plugins' entities are kept and the run goes on.

use std::cell::RefCell;
use std::sync::atomic::{AtomicUsize, Ordering};

use abi_stable::std_types::{RCow, RResult, RSlice};
use glaneur_schema::attrs::{Checked, Schema};
use glaneur_schema::output::{Attrs, EntityText, Name, OutputEntity};
use glaneur_schema::{Document, DocumentBuf, DocumentRoom, FfiEntity};
use glaneur_text::kept::{bound_to, with_kept, Bound};
use serde::{Deserialize, Serialize};

use crate::plugins::load::LoadedPlugin;
use crate::plugins::order::{needed_for, run_order, OrderError};

/// The plugins to run, in order, and the kinds to keep in the output.
pub struct Pipeline {
    plugins: Vec<LoadedPlugin>,
    /// Each plugin's name and the kinds it declares, made once for every
    /// entity printed.
    names: Vec<(Name, Vec<Declared>)>,
    order: Vec<usize>,
    /// The kinds are few enough for [`short_order_key`]s.
    short_keys: bool,
}

/// A kind a plugin declares, as the pipeline prints and sorts it.
struct Declared {
    /// The kind's name.
    name: Name,
    /// Its place among every plugin's kinds in byte order: the order
    /// [`glaneur_schema::output::sort_entities`] breaks ties in, without comparing names.
    rank: u32,
    /// Whether entities of this kind are printed (`--only`).
    printed: bool,
    /// How its attrs are checked, looked up once.
    schema: Schema,
    /// The address of the last kind text found to be this one: a plugin
    /// gives the same constant for every entity, found again here without
    /// comparing its bytes (an entity's kind is a `'static` string, which
    /// never changes nor moves).
    seen: AtomicUsize,
}

impl Declared {
    /// Whether `kind`, an entity's, is this kind.
    fn is(&self, kind: &'static str) -> bool {
        let address = kind.as_ptr() as usize;
        if self.seen.load(Ordering::Relaxed) == address && kind.len() == self.name.len() {
            return true;
        }
        let same = *self.name == *kind;
        if same {
            self.seen.store(address, Ordering::Relaxed);
        }
        same
    }
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
        let mut every_kind: Vec<&str> =
            plugins.iter().flat_map(|p| p.manifest.produces.iter()).map(|k| k.as_str()).collect();
        every_kind.sort_unstable();
        every_kind.dedup();
        let names = plugins
            .iter()
            .map(|p| {
                let kinds = p.manifest.produces.iter().map(|k| Declared {
                    name: Name::new(k.as_str()),
                    rank: u32::try_from(every_kind.binary_search(&k.as_str()).unwrap_or_else(|at| at))
                        .unwrap_or(u32::MAX),
                    printed: only.is_empty() || only.iter().any(|o| o == k.as_str()),
                    schema: Schema::of(k.as_str()),
                    seen: AtomicUsize::new(0),
                });
                (Name::new(p.name()), kinds.collect())
            })
            .collect();
        let short_keys = every_kind.len() <= 1 << SHORT_RANK_BITS;
        Ok(Pipeline { plugins, names, order, short_keys })
    }

    /// The plugins that will run, in order.
    pub fn plugins(&self) -> impl Iterator<Item = &LoadedPlugin> {
        self.order.iter().map(|&i| &self.plugins[i])
    }

    /// Reads `text` once, then runs every plugin over it; the entities'
    /// texts are left in it ([`EntityText::IN_DOCUMENT`]: their line reads
    /// them from the document).
    pub fn extract(&self, text: &str) -> Extraction {
        self.extract_observed(text, |_| {})
    }

    /// [`Pipeline::extract`], calling `starting` with each plugin's name
    /// before it runs (a worker process reports it, so that a crash or a
    /// hang is blamed on the right plugin).
    pub fn extract_observed(&self, text: &str, starting: impl FnMut(&str)) -> Extraction {
        // In the thread's buffers, kept with their room from one document
        // to the next.
        with_kept(&ROOM, |room| {
            let buf = match DocumentBuf::new_in(text, std::mem::take(room)) {
                Ok(buf) => buf,
                Err(too_large) => {
                    return Extraction { entities: Vec::new(), errors: vec![too_large.to_string()] };
                }
            };
            let extraction = with_kept(&FOUND, |found| self.run(text, &buf.document(), found, starting));
            *room = buf.into_room();
            extraction
        })
    }

    /// Runs the plugins over `doc`, the document of `text`, in `found`
    /// (empty: the thread's vectors).
    fn run(&self, text: &str, doc: &Document<'_>, found: &mut Found, mut starting: impl FnMut(&str)) -> Extraction {
        // What every later plugin is given: only entities `check` accepted
        // (`output` relies on it). The output entities are built from it at
        // the end, so that a long document's entities are not held twice over.
        // With who found each of them, and its kind.
        let Found { found, origins, order, short_order } = found;
        let mut errors = Vec::new();
        for &p in &self.order {
            let plugin = &self.plugins[p];
            starting(plugin.name());
            let result = plugin.extractor.extract(doc, RSlice::from_slice(found));
            match result {
                RResult::ROk(returned) => {
                    // Moved into `found` at once, then checked in place: the
                    // invalid ones (rare) are taken out again, in one pass.
                    let first = found.len();
                    found.extend(returned);
                    origins.reserve(found.len() - first);
                    let mut invalid = Vec::new();
                    for (k, entity) in found.iter_mut().enumerate().skip(first) {
                        match check(&self.names[p].1, text, entity) {
                            Ok((kind, checked)) => {
                                if entity.extractor.as_str() != plugin.name() {
                                    entity.extractor = RCow::Owned(plugin.name().into());
                                }
                                origins.push(Origin { plugin: p, kind, checked });
                            }
                            Err(why) => {
                                invalid.push(k);
                                errors.push(format!("plugin {} returned an invalid entity: {why}", plugin.name()))
                            }
                        }
                    }
                    if !invalid.is_empty() {
                        // `invalid` is sorted: indices in increasing order.
                        let mut k = 0;
                        found.retain(|_| {
                            k += 1;
                            invalid.binary_search(&(k - 1)).is_err()
                        });
                    }
                }
                RResult::RErr(message) => errors.push(format!("plugin {} failed: {message}", plugin.name())),
            }
        }
        let printed = |k: usize| {
            let Origin { plugin, kind, .. } = origins[k];
            self.names[plugin].1[kind].printed
        };
        let mut entities = Vec::with_capacity(found.len());
        self.output_order(text.len(), found, origins, order, short_order);
        let in_order =
            order.iter().map(|&key| index_in_key(key)).chain(short_order.iter().map(|&key| index_in_short_key(key)));
        for k in in_order.filter(|&k| printed(k)) {
            // `validate` has read these attrs, so this cannot fail in practice;
            // an error rather than a panic all the same.
            match self.output(&mut found[k], origins[k]) {
                Ok(e) => entities.push(e),
                Err(why) => errors.push(format!("plugin {} returned an invalid entity: {why}", found[k].extractor)),
            }
        }
        Extraction { entities, errors }
    }

    /// Fills `order` or `short_order` (both empty) with the keys of
    /// `found`, entities in a text of `text_len` bytes, in output order,
    /// [`glaneur_schema::output::sort_entities`]'s: by start, then by end
    /// descending, then by kind, else as found. Sorted as one integer each
    /// (the span, the kind's rank, the index), rather than moving whole
    /// entities and comparing kinds by name: in 64 bits
    /// ([`short_order_key`]) when the text, the entities and the kinds are
    /// few enough, which sorts faster, else in 128 ([`order_key`]).
    fn output_order(
        &self,
        text_len: usize,
        found: &[FfiEntity],
        origins: &[Origin],
        order: &mut Vec<u128>,
        short_order: &mut Vec<u64>,
    ) {
        let rank = |origin: &Origin| self.names[origin.plugin].1[origin.kind].rank;
        let entities = found.iter().zip(origins).enumerate();
        // `check` kept spans within the text.
        if self.short_keys && text_len < 1 << SHORT_SPAN_BITS && found.len() <= 1 << SHORT_INDEX_BITS {
            short_order.extend(entities.map(|(k, (e, o))| short_order_key(e.start, e.end, rank(o), k)));
            short_order.sort_unstable();
        } else {
            // `DocumentBuf` keeps spans within `u32`, and a document has
            // fewer than 2^32 entities (each holds three strings): each
            // part fits its 32 bits.
            order.extend(entities.map(|(k, (e, o))| order_key(e.start, e.end, rank(o), k)));
            order.sort_unstable();
        }
    }

    /// A checked entity in its output form: `entity`, found by plugin
    /// `origin.plugin` (an index in `plugins`), must have passed [`check`], whose validation of its attrs is not run
    /// again. Its attrs are moved to the output entity (left empty), not
    /// copied; its text is left in the document, where `check` kept its
    /// span (within the text, on character boundaries).
    #[inline(always)]
    fn output(&self, entity: &mut FfiEntity, origin: Origin) -> Result<OutputEntity, String> {
        let (start, end) = (entity.start, entity.end);
        // The plugin's shared name and kind (`check` accepted only declared
        // kinds, and set the extractor to the plugin's name).
        let (name, kinds) = &self.names[origin.plugin];
        let json = std::mem::take(&mut entity.attrs);
        // `entity` is in `found`, which holds only entities `check`
        // accepted, and `origin.checked` is what its check of these attrs
        // saw: compact ones (most) are kept as they are.
        let attrs = if origin.checked.is_compact() {
            Attrs::compact_from_plugin(json, origin.checked)
        } else {
            Attrs::validated_from_plugin(json).map_err(|e| format!("{e} (at {start}..{end})"))?
        };
        Ok(OutputEntity {
            kind: kinds[origin.kind].name,
            start,
            end,
            text: EntityText::IN_DOCUMENT,
            extractor: *name,
            confidence: entity.confidence,
            attrs,
        })
    }
}

/// The sort key of the entity at `index` with span `start..end` (within
/// `u32`) and a kind of `rank`: keys in increasing order are entities by
/// start, end descending, kind, then index; the index is the low 32 bits.
fn order_key(start: u64, end: u64, rank: u32, index: usize) -> u128 {
    let span = (start << 32) | (u64::from(u32::MAX) - end);
    (u128::from(span) << 64) | (u128::from(rank) << 32) | index as u128
}

/// The index of the entity whose [`order_key`] is `key`.
fn index_in_key(key: u128) -> usize {
    (key & u128::from(u32::MAX)) as usize
}

/// The bits of a [`short_order_key`] for a start, for an end (the text
/// is shorter than 16 MiB), for a kind's rank (16 kinds at most) and for
/// an index (up to 4096 entities).
const SHORT_SPAN_BITS: u32 = 24;
const SHORT_RANK_BITS: u32 = 4;
const SHORT_INDEX_BITS: u32 = 12;

/// [`order_key`] in 64 bits, which sort in the same order: `start` and
/// `end` below 2^[`SHORT_SPAN_BITS`], `rank` below 2^[`SHORT_RANK_BITS`],
/// `index` below 2^[`SHORT_INDEX_BITS`] (the caller's check).
fn short_order_key(start: u64, end: u64, rank: u32, index: usize) -> u64 {
    let span = (start << SHORT_SPAN_BITS) | ((1 << SHORT_SPAN_BITS) - 1 - end);
    (span << (SHORT_RANK_BITS + SHORT_INDEX_BITS)) | (u64::from(rank) << SHORT_INDEX_BITS) | index as u64
}

/// The index of the entity whose [`short_order_key`] is `key`.
fn index_in_short_key(key: u64) -> usize {
    (key & ((1 << SHORT_INDEX_BITS) - 1)) as usize
}

/// The entities a document's plugins found and where each came from,
/// emptied after each document but kept with their room by its thread:
/// growing them again for every document was most of the allocations the
/// host made per document.
#[derive(Default)]
struct Found {
    /// The entities, as given to the plugins.
    found: Vec<FfiEntity>,
    /// Who found each, and its kind.
    origins: Vec<Origin>,
    /// Their keys in output order ([`Pipeline::output_order`]).
    order: Vec<u128>,
    /// The same as short keys, for most documents.
    short_order: Vec<u64>,
}

impl Found {
    /// The most entities whose room a thread keeps (half a megabyte): a
    /// document with more gives its vectors' room back.
    const KEPT: usize = 1 << 12;
}

/// Emptied after each document, the room of a document with more than
/// [`Found::KEPT`] entities freed.
impl Bound for Found {
    fn bound(&mut self) {
        let Found { found, origins, order, short_order } = self;
        bound_to(found, Found::KEPT);
        bound_to(origins, Found::KEPT);
        bound_to(order, Found::KEPT);
        bound_to(short_order, Found::KEPT);
    }
}

thread_local! {
    /// This thread's [`Found`], empty, when no document is being extracted
    /// ([`with_kept`]).
    static FOUND: RefCell<Found> = RefCell::new(Found::default());
    /// This thread's buffers to read a document in, empty, when no
    /// document is being extracted.
    static ROOM: RefCell<DocumentRoom> = RefCell::new(DocumentRoom::default());
}

/// Who found an entity: the plugin (an index in `Pipeline::plugins`) and
/// the kind (an index in its manifest's `produces`); and what the check of
/// its attrs saw, which spares the output a second look at them.
#[derive(Debug, Clone, Copy)]
struct Origin {
    plugin: usize,
    kind: usize,
    checked: Checked,
}

/// What runs the plugins over a text: the pipeline itself, in this
/// process, or worker processes ([`crate::isolation::Workers`]).
pub trait Extract: Sync {
    /// The entities of `text`, and the plugins' failures; the entities'
    /// texts are spans of `text`.
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

/// Checks one entity returned by a plugin that declares `kinds` (its
/// manifest's, in order) against `text`; gives the index of its kind there,
/// and what the check of its attrs saw.
fn check(kinds: &[Declared], text: &str, entity: &FfiEntity) -> Result<(usize, Checked), String> {
    let kind = entity.kind.as_str();
    let Some(declared) = kinds.iter().position(|k| k.is(kind)) else {
        return Err(format!("kind {kind:?} is not declared in its manifest"));
    };
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
    let checked =
        kinds[declared].schema.validate(kind, entity.attrs.as_str()).map_err(|e| format!("{e} (at {start}..{end})"))?;
    Ok((declared, checked))
}

#[cfg(test)]
mod tests {
    use super::*;
    use glaneur_schema::output::sort_entities;
    use proptest::prelude::*;

    #[test]
    fn a_declared_kind_is_found_by_its_text_wherever_it_lies() {
        let declared = Declared {
            name: Name::new("money"),
            rank: 0,
            printed: true,
            schema: Schema::of("money"),
            seen: AtomicUsize::new(0),
        };
        let longer: &'static str = "money_x";
        let elsewhere: &'static str = String::from("money").leak();
        // The first comparison, then the remembered address; a string at
        // that address but of another length, or another text, is not it.
        for _ in 0..2 {
            assert!(declared.is(&longer[..5]));
            assert!(!declared.is(longer));
            assert!(declared.is(elsewhere));
            assert!(!declared.is("monez"));
            assert!(!declared.is("mone"));
        }
    }

    /// Short keys at the edges of their bits sort as the long ones do.
    #[test]
    fn short_keys_sort_as_long_ones_at_their_limits() {
        let top = (1 << SHORT_SPAN_BITS) - 1;
        let (rank, index) = ((1 << SHORT_RANK_BITS) - 1, (1 << SHORT_INDEX_BITS) - 1);
        let entities = [(0, top, rank, index), (top, top, 0, 0), (0, 0, 0, 1), (0, top, 0, 2), (top, top, rank, 3)];
        let mut long: Vec<u128> = entities.iter().map(|&(s, e, r, k)| order_key(s, e, r, k)).collect();
        let mut short: Vec<u64> = entities.iter().map(|&(s, e, r, k)| short_order_key(s, e, r, k)).collect();
        long.sort_unstable();
        short.sort_unstable();
        let long: Vec<usize> = long.into_iter().map(index_in_key).collect();
        let short: Vec<usize> = short.into_iter().map(index_in_short_key).collect();
        assert_eq!(short, long);
        assert_eq!(long, [2, index, 1, 0, 3]);
    }

    proptest! {
        /// Sorting the keys puts entities in the order `sort_entities`
        /// gives them (a stable sort by start, end descending, kind).
        #[test]
        fn keys_sort_as_sort_entities(spans in proptest::collection::vec((0..6u64, 0..6u64, 0..3usize), 0..40)) {
            let kinds = ["money", "organization", "ai_model"];
            let ranks = [1u32, 2, 0]; // Their places in byte order.
            let entities: Vec<OutputEntity> = spans
                .iter()
                .map(|&(start, len, kind)| OutputEntity {
                    kind: Name::new(kinds[kind]),
                    start,
                    end: start + len,
                    text: "".into(),
                    extractor: Name::new("x"),
                    confidence: 1.0,
                    attrs: Attrs::new("{}").expect("an object"),
                })
                .collect();
            let mut expected: Vec<usize> = (0..entities.len()).collect();
            let mut sorted = entities.clone();
            sort_entities(&mut sorted);
            // The order of the indices, as the stable sort left them.
            expected.sort_by(|&a, &b| {
                let (x, y) = (&entities[a], &entities[b]);
                x.start.cmp(&y.start).then(y.end.cmp(&x.end)).then(x.kind.cmp(&y.kind))
            });
            prop_assert!(expected.iter().map(|&k| &entities[k]).eq(sorted.iter()));
            let mut keys: Vec<u128> = spans
                .iter()
                .enumerate()
                .map(|(k, &(start, len, kind))| order_key(start, start + len, ranks[kind], k))
                .collect();
            keys.sort_unstable();
            let order: Vec<usize> = keys.iter().map(|&key| index_in_key(key)).collect();
            prop_assert_eq!(&order, &expected);
            let mut short: Vec<u64> = spans
                .iter()
                .enumerate()
                .map(|(k, &(start, len, kind))| short_order_key(start, start + len, ranks[kind], k))
                .collect();
            short.sort_unstable();
            prop_assert!(short.iter().map(|&key| index_in_short_key(key)).eq(order));
        }
    }
}
