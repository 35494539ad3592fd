//! The ai-models plugin (kind `ai_model`): model and assistant names with
//! canonical name, family and vendor — `MAI-1-preview`, `Phi-3 Mini`,
//! `GPT-4o`, `ChatGPT`, `Copilot`, `Claude 3.5 Sonnet` — and unseen ones of
//! the same shape.
//!
//! Catalogue hits ([`catalogue`]) are read with the version grammar
//! ([`version`]); bare names of ambiguous families need context
//! ([`context`]); names the catalogue lacks come from cues ([`unseen`]),
//! with the organisations found before as vendors.

mod attrs;
pub mod catalogue;
pub mod context;
mod scratch;
mod starts;
pub mod unseen;
pub mod version;

use std::borrow::Cow;

use glaneur_schema::entity::string_attrs_borrowed;
use glaneur_schema::{Document, Entity, FfiEntity, Plugin, PluginInfo};
use serde::Serialize;

use crate::catalogue::{Catalogue, Family, Hit};
use crate::context::{has_cue_before, sentence, surname_after, vendor_nearby, SentenceVerdicts};
use crate::scratch::Scratch;
use crate::starts::StartTable;
use crate::version::{canonical_of, parts, Parts};

/// An organisation found by an earlier plugin.
#[derive(Debug, Clone, PartialEq)]
pub struct Found<'a> {
    /// Byte span.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Its canonical name.
    pub canonical: OrgName<'a>,
}

/// An organisation's canonical name: given, or still in the attributes of
/// the entity found, read only for the few organisations that turn out to
/// be a model's vendor (a document names tens of organisations per model).
#[derive(Debug, Clone, PartialEq)]
pub enum OrgName<'a> {
    /// The name itself.
    Known(&'a str),
    /// The entity whose `canonical` attribute holds it.
    InAttrs(&'a FfiEntity),
}

impl<'a> OrgName<'a> {
    /// The name; empty when the entity has none.
    pub fn read(&self) -> Cow<'a, str> {
        match *self {
            OrgName::Known(name) => Cow::Borrowed(name),
            OrgName::InAttrs(entity) => match string_attrs_borrowed(entity, ["canonical"]) {
                Ok([Some(name)]) => name,
                _ => Cow::Borrowed(""),
            },
        }
    }
}

/// A model mention and the rule that found it; serialised, its
/// attributes as README.md lists them. Its names are borrowed from the
/// catalogue, the text or the organisations found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention<'a> {
    /// Byte span.
    #[serde(skip)]
    pub start: usize,
    /// One past the last byte.
    #[serde(skip)]
    pub end: usize,
    /// Family, version and variant, normalised: borrowed from the text
    /// when it spells the name so.
    pub canonical: Cow<'a, str>,
    /// The family.
    pub family: Option<&'a str>,
    /// The vendor's canonical name.
    pub vendor: Option<Cow<'a, str>>,
    /// `model` or `assistant`, when catalogued.
    #[serde(rename = "type")]
    pub kind: Option<&'a str>,
    /// The rule that fired.
    pub rule: &'static str,
    /// `family`, `vendor` and `kind` already written as JSON (the
    /// family's [`catalogue::Family::attrs_json`]), when they are the family's.
    #[serde(skip)]
    pub written: Option<&'a str>,
    /// How sure.
    #[serde(skip)]
    pub confidence: f64,
}

/// What a catalogue hit was read as.
enum Reading<'a> {
    /// A model.
    Model(Model<'a>),
    /// An ambiguous bare name that is a model if another one is read in
    /// its sentence (given).
    IfAnotherModel(Model<'a>, &'a str),
    /// No model.
    None,
}

/// A catalogue hit read as a model: what its [`Mention`] holds but its
/// span, in less room (the readings are moved about; few become mentions).
struct Model<'a> {
    /// Its family.
    family: &'a Family,
    /// Its canonical name.
    canonical: Cow<'a, str>,
    /// The rule that read it.
    rule: &'static str,
}

/// Finds AI model names.
pub struct AiModels {
    catalogue: Catalogue,
    /// Where the searches may begin, by a token's first bytes.
    starts: StartTable,
}

impl AiModels {
    /// Loads the compiled-in catalogue.
    pub fn load() -> Result<Self, String> {
        let catalogue = Catalogue::load()?;
        let starts = StartTable::new(&catalogue);
        Ok(AiModels { catalogue, starts })
    }

    /// Every model mention in `doc`; `orgs` are the organisations found
    /// before, sorted by start and not overlapping (as the organizations plugin
    /// gives them; may be empty): they are searched by bisection.
    pub fn mentions<'a>(&'a self, doc: &Document<'a>, orgs: &'a [Found]) -> Vec<Mention<'a>> {
        let mut out = Vec::new();
        scratch::with(|scratch| self.mentions_in(doc, orgs, scratch, &mut out));
        out
    }

    /// [`AiModels::mentions`], read into the vectors of `scratch`, written
    /// into `out` (emptied first).
    fn mentions_in<'a>(
        &'a self,
        doc: &Document<'a>,
        orgs: &'a [Found],
        scratch: &mut Scratch,
        out: &mut Vec<Mention<'a>>,
    ) {
        debug_assert!(glaneur_text::sorted_and_disjoint(orgs, |o| (o.start, o.end)));
        let text = doc.text();
        let starts = &mut scratch.starts;
        starts.fill(doc, &self.starts, &self.catalogue);
        let mut hits = std::mem::take(&mut scratch.hits);
        self.catalogue.hits_into(doc, &starts.catalogue, &mut scratch.matches, &mut hits);
        hits.extend(o_series(doc, &self.catalogue, &starts.lone_o));
        let mut model_parts = Parts::new();
        let joined = &mut scratch.joined;
        // One document's: keyed by where a sentence lies in its text.
        let mut verdicts = SentenceVerdicts::default();
        let mut readings: Vec<(Hit, usize, Reading)> = scratch::take_recycled(&mut scratch.readings);
        readings.extend(hits.iter().map(|&hit| {
            let (reading, end) = self.read(text, hit, orgs, &mut model_parts, joined, &mut verdicts);
            (hit, end, reading)
        }));
        // Then another model in the sentence is context enough for an
        // ambiguous bare name (`Bixby par Gemini`).
        let accepted = &mut scratch.accepted;
        accepted.clear();
        accepted
            .extend(readings.iter().filter(|(_, _, r)| matches!(r, Reading::Model(_))).map(|(h, e, _)| (h.start, *e)));
        accepted.sort_unstable();
        for (hit, _, reading) in &mut readings {
            if let Reading::IfAnotherModel(_, s) = reading {
                let another = models_in(text, s, accepted, hit.start);
                *reading = match std::mem::replace(reading, Reading::None) {
                    Reading::IfAnotherModel(model, _) if another => Reading::Model(model),
                    _ => Reading::None,
                };
            }
        }
        // Longest first, so that `GitHub Copilot` wins over `Copilot`, and a
        // hardware name over what it contains.
        // On a tie, hardware first (`Falcon 9` the rocket).
        readings.sort_by_key(|(hit, end, r)| {
            (std::cmp::Reverse(end - hit.start), hit.start, matches!(r, Reading::Model(_)))
        });
        let taken = &mut scratch.taken;
        taken.clear();
        out.clear();
        for (hit, end, reading) in readings.drain(..) {
            if taken.overlaps(hit.start, end) {
                continue;
            }
            if let Reading::Model(model) = reading {
                taken.insert(hit.start, end);
                out.push(mention(hit.start, end, model));
            } else if self.catalogue.spellings[hit.spelling].family.is_none() {
                taken.insert(hit.start, end); // hardware blocks what it contains
            }
        }
        scratch.readings = scratch::recycle(readings);
        scratch.hits = hits;
        unseen::find(&self.catalogue, doc, orgs, scratch, out);
        out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    }

    /// Reads one catalogue hit: what it is, and where its span ends (its
    /// parts read into `model_parts`, its canonical name joined in `joined`
    /// unless the text spells it).
    fn read<'a>(
        &'a self,
        text: &'a str,
        hit: Hit,
        orgs: &[Found],
        model_parts: &mut Parts<'a>,
        joined: &mut String,
        verdicts: &mut SentenceVerdicts,
    ) -> (Reading<'a>, usize) {
        let Some(f) = self.catalogue.spellings[hit.spelling].family else {
            // Hardware: never a model, nor the version after it (`Falcon 9`).
            return (Reading::None, hit.end);
        };
        let family = &self.catalogue.families[f];
        let openai = family.vendor == "OpenAI";
        let end = parts(&self.catalogue, text, hit.end, openai, model_parts);
        // The name must end a word (`Claudette`), once its parts are read.
        if glaneur_text::glued_after(text, end) {
            return (Reading::None, end);
        }
        let org_before = orgs.partition_point(|o| o.start <= hit.start);
        let inside_org = org_before > 0 && end <= orgs[org_before - 1].end || text[end..].starts_with(" AI");
        let rule = if !model_parts.is_empty() {
            "catalogue+version"
        } else if inside_org {
            return (Reading::None, end); // `Mistral AI`, `Meta AI Research`: the organisation
        } else if family.needs_variant {
            if !has_cue_before(text, hit.start) {
                return (Reading::None, end);
            }
            "catalogue+cue"
        } else if family.ambiguous {
            let s = sentence(text, hit.start, end);
            if surname_after(text, end) || verdicts.negative(text, s) {
                return (Reading::None, end);
            }
            if has_cue_before(text, hit.start) {
                "catalogue+cue"
            } else if vendor_nearby(text, s, hit.start, end, &family.vendor) {
                "catalogue+vendor"
            } else if verdicts.ai(text, s) {
                "catalogue+context"
            } else {
                // Known once every other hit is read.
                let canonical = canonical_of(&family.name, model_parts, false, &text[hit.start..end], joined);
                let model = Model { family, canonical, rule: "catalogue+context:model" };
                return (Reading::IfAnotherModel(model, s), end);
            }
        } else {
            "catalogue"
        };
        let canonical = canonical_of(&family.name, model_parts, false, &text[hit.start..end], joined);
        (Reading::Model(Model { family, canonical, rule }), end)
    }

    /// Whether `family` is a catalogued family name.
    pub fn is_catalogued(&self, family: &str) -> bool {
        self.catalogue.families.iter().any(|f| f.name == family)
    }

    /// Every mention as an entity.
    pub fn find(&self, doc: &Document<'_>, orgs: &[Found]) -> Vec<Entity> {
        scratch::with(|scratch| self.find_in(doc, orgs, scratch))
    }

    /// [`AiModels::find`], read into the vectors of `scratch`.
    fn find_in(&self, doc: &Document<'_>, orgs: &[Found], scratch: &mut Scratch) -> Vec<Entity> {
        let mut out = scratch::take_recycled(&mut scratch.mentions);
        self.mentions_in(doc, orgs, scratch, &mut out);
        // Sized at once, for every mention.
        let mut entities = Vec::with_capacity(out.len());
        for m in out.drain(..) {
            // The attrs hold no line break: every string from the text or
            // the catalogue goes through the JSON escaper, the rest are
            // fixed keys and the plugin's rule names (see [`attrs::json`]).
            entities.push(Entity::with_one_line_attrs("ai_model", m.start..m.end, m.confidence, attrs::json(&m)));
        }
        scratch.mentions = scratch::recycle(out);
        entities
    }
}

/// The mention of `model` at `start..end`.
fn mention(start: usize, end: usize, model: Model<'_>) -> Mention<'_> {
    let Model { family, canonical, rule } = model;
    let confidence = match rule {
        "catalogue" | "catalogue+version" => 0.95,
        _ => 0.85,
    };
    Mention {
        start,
        end,
        canonical,
        family: Some(&family.name),
        vendor: Some(Cow::Borrowed(&family.vendor)),
        kind: Some(&family.kind),
        rule,
        written: Some(&family.attrs_json),
        confidence,
    }
}

/// Whether another model than the one at `start` lies in `sentence`
/// (`models` sorted by start).
fn models_in(text: &str, sentence: &str, models: &[(usize, usize)], start: usize) -> bool {
    let s_start = glaneur_text::offset_in(text, sentence);
    let s_end = s_start + sentence.len();
    let first = models.partition_point(|&(s, _)| s < s_start);
    models[first..].iter().take_while(|&&(s, _)| s < s_end).any(|&(s, e)| e <= s_end && s != start)
}

/// OpenAI's o-series (`o1`, `o3-mini`): a lone `o` glued to a number,
/// found apart from the catalogue's matcher (a one-letter pattern would
/// match everywhere). `lone_o` are the tokens that are a lone `o`.
fn o_series(doc: &Document<'_>, catalogue: &Catalogue, lone_o: &[usize]) -> Vec<Hit> {
    let Some(spelling) = catalogue.spellings.iter().position(|s| s.text == "o" && s.family.is_some()) else {
        return Vec::new();
    };
    let tokens = doc.tokens();
    let bytes = doc.text().as_bytes();
    let mut hits = Vec::new();
    for &i in lone_o {
        let t = &tokens[i];
        let glued_number = tokens.get(i + 1).is_some_and(|n| n.is_joined() && bytes[n.start()].is_ascii_digit());
        // Nothing glued before but what ends a sentence or a word list (`1.o3`, `GPT-o1` are not one).
        let free_before = !t.is_joined()
            || i == 0
            || !{
                let prev = &tokens[i - 1];
                prev.is_word() || prev.is_number() || matches!(doc.text_of(prev), "-" | ".")
            };
        if glued_number && free_before {
            hits.push(Hit { start: t.start(), end: t.end(), spelling });
        }
    }
    hits
}

impl Plugin for AiModels {
    const INFO: PluginInfo = PluginInfo {
        name: "ai-models",
        version: env!("CARGO_PKG_VERSION"),
        produces: &["ai_model"],
        requires: &["organization"],
        description: "AI model and assistant names with family, version and vendor.",
    };

    fn new(config: &str) -> Result<Self, String> {
        glaneur_schema::no_configuration(Self::INFO.name, config)?;
        AiModels::load()
    }

    fn extract(&self, doc: &Document<'_>, found: &[FfiEntity]) -> Result<Vec<Entity>, String> {
        scratch::with(|scratch| {
            // The host passes on only entities whose attrs are a JSON object.
            let mut orgs: Vec<Found> = scratch::take_recycled(&mut scratch.orgs);
            orgs.extend(found.iter().filter(|e| e.kind.as_str() == "organization").map(|e| Found {
                start: e.start as usize,
                end: e.end as usize,
                canonical: OrgName::InAttrs(e),
            }));
            // Other plugins may produce organisations too, over the same words:
            // `mentions` wants them sorted and disjoint.
            glaneur_text::keep_leftmost_longest(&mut orgs, |o| (o.start, o.end));
            let entities = self.find_in(doc, &orgs, scratch);
            scratch.orgs = scratch::recycle(orgs);
            // Never an error: the `Result` is the plugin interface's.
            Ok(entities)
        })
    }
}

// The Python package links every plugin into one library: there, no
// plugin exports the library header (they would all share its symbol), nor
// declares the allocator.
#[cfg(not(feature = "embedded"))]
glaneur_schema::export_plugin!(AiModels);
#[cfg(not(feature = "embedded"))]
glaneur_alloc::global_allocator!();

#[cfg(test)]
mod tests {
    use super::*;
    use glaneur_schema::DocumentBuf;

    /// The texts of the plugin's French test corpus, for the tests that
    /// compare a filter with what it filters.
    pub(crate) fn corpus_texts() -> impl Iterator<Item = String> {
        include_str!("../tests/corpus/fr.jsonl").lines().map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            value["text"].as_str().expect("a text").to_owned()
        })
    }

    /// The canonical names and vendors `AiModels::mentions` finds in
    /// `text` read as the host reads it.
    fn mentions(models: &AiModels, text: &str, orgs: &[Found]) -> Vec<(String, Option<String>)> {
        let buf = DocumentBuf::new(text).expect("small");
        let found = models.mentions(&buf.document(), orgs);
        found.into_iter().map(|m| (m.canonical.into_owned(), m.vendor.map(Cow::into_owned))).collect()
    }

    #[test]
    fn an_apposition_after_a_closing_guillemet_never_panics() {
        let models = AiModels::load().expect("catalogue loads");
        for text in [
            "Mistral a présenté « Orion », un modèle de langage.",
            "Le succès d’Orion, un modèle de langage, surprend.",
            "«Orion, un modèle de langage",
        ] {
            let names: Vec<String> = mentions(&models, text, &[]).into_iter().map(|(name, _)| name).collect();
            assert!(names.iter().all(|n| n == "Orion"), "{text}: {names:?}");
        }
    }

    #[test]
    fn an_organisation_name_is_read_from_its_attrs_when_asked() {
        let org = |attrs| Entity::new("organization", 0..6, 0.9, attrs).into_ffi("organizations");
        let named = org(serde_json::json!({"type": "company", "canonical": "Kyutai"}));
        assert_eq!(OrgName::InAttrs(&named).read(), "Kyutai");
        let nameless = org(serde_json::json!({"type": "company"}));
        assert_eq!(OrgName::InAttrs(&nameless).read(), "");
        assert_eq!(OrgName::Known("Mistral AI").read(), "Mistral AI");
    }

    #[test]
    fn an_apposition_names_the_whole_word_even_when_an_organisation_begins_it() {
        let models = AiModels::load().expect("catalogue loads");
        let text = "La start-up Pleias a publié Pleias-RAG-1B, un petit modèle de langage.";
        let orgs: Vec<Found> = text
            .match_indices("Pleias")
            .map(|(i, _)| Found { start: i, end: i + "Pleias".len(), canonical: OrgName::Known("Pleias") })
            .collect();
        assert_eq!(mentions(&models, text, &orgs), [("Pleias-RAG-1B".to_owned(), Some("Pleias".to_owned()))]);
        // An organisation that is the whole name is still no model.
        let text = "Le laboratoire Kyutai, un modèle de recherche ouverte.";
        let at = text.find("Kyutai").expect("Kyutai");
        let orgs = [Found { start: at, end: at + "Kyutai".len(), canonical: OrgName::Known("Kyutai") }];
        assert!(mentions(&models, text, &orgs).is_empty());
    }

    #[test]
    fn organisations_inside_others_read_as_the_longest() {
        let models = AiModels::load().expect("catalogue loads");
        let text = "La start-up Pleias Labs a publié Pleias-RAG-1B, un petit modèle de langage.";
        let org = |name: &str, at: usize| {
            let attrs = std::collections::BTreeMap::from([("canonical", name)]);
            Entity::new("organization", at..at + name.len(), 0.9, attrs).into_ffi("orgs")
        };
        let at = text.find("Pleias").expect("Pleias");
        let longest = [org("Pleias Labs", at)];
        // Another plugin's `Pleias` inside `Pleias Labs`, given after it.
        let overlapping = [org("Pleias Labs", at), org("Pleias", at), org("Labs", at + "Pleias ".len())];
        let read = |found: &[FfiEntity]| -> Vec<(usize, String)> {
            let buf = glaneur_schema::DocumentBuf::new(text).expect("a short text");
            let entities = models.extract(&buf.document(), found).expect("no error");
            entities.iter().map(|e| (e.span.start, e.attrs.as_str().to_owned())).collect()
        };
        assert!(!read(&longest).is_empty());
        assert_eq!(read(&overlapping), read(&longest));
    }
}
