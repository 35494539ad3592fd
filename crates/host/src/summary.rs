//! Corpus-wide aggregates, built while the documents stream by: entity
//! counts per kind, top organisations, amounts per currency with the
//! largest ones in context, quotations grouped by speaker, models by vendor.
//! `glaneur summary` prints them as JSON; the HTML page shows them.

use std::collections::{BTreeMap, HashMap};

use glaneur_schema::attrs::QuoteForm;
use glaneur_schema::output::{DocumentLine, OutputEntity};
use serde::Serialize;
use serde_json::{Map, Value};

/// How many organisations and amounts the summary lists.
const TOP: usize = 20;
/// How many largest amounts it keeps.
const LARGEST: usize = 10;

/// The aggregates of a run.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    /// Documents seen.
    pub documents: u64,
    /// Of those, documents with an error.
    pub failed: u64,
    /// Entities per kind.
    pub entities_by_kind: BTreeMap<String, u64>,
    /// Organisations by mentions, most first.
    pub organizations: Vec<NameCount>,
    /// Amounts of money.
    pub money: MoneySummary,
    /// Quotations grouped by speaker, most quoted first (`speaker: null` for
    /// the unattributed).
    pub quotations_by_speaker: Vec<SpeakerQuotes>,
    /// AI models grouped by vendor.
    pub models_by_vendor: Vec<VendorModels>,
    #[serde(skip)]
    orgs: HashMap<String, u64>,
    #[serde(skip)]
    speakers: HashMap<Option<String>, Vec<Quote>>,
    #[serde(skip)]
    models: HashMap<Option<String>, HashMap<String, u64>>,
}

/// An organisation or a model, and its mentions.
#[derive(Debug, Serialize)]
pub struct NameCount {
    /// Canonical name.
    pub canonical: String,
    /// Mentions in the corpus.
    pub mentions: u64,
}

/// Names by mentions, most first (ties by name).
fn ranked(counts: impl IntoIterator<Item = (String, u64)>) -> Vec<NameCount> {
    let mut out: Vec<NameCount> =
        counts.into_iter().map(|(canonical, mentions)| NameCount { canonical, mentions }).collect();
    out.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.canonical.cmp(&b.canonical)));
    out
}

/// Money across the corpus.
#[derive(Debug, Default, Serialize)]
pub struct MoneySummary {
    /// Sum and count per currency (`null` when unknown), largest total first
    /// (totals in different currencies compare loosely; the list is short).
    pub totals_by_currency: Vec<CurrencyTotal>,
    /// The largest amounts, with the sentence around them.
    pub largest: Vec<Amount>,
    #[serde(skip)]
    totals: HashMap<Option<String>, (f64, u64)>,
}

/// The amounts of one currency.
#[derive(Debug, Serialize)]
pub struct CurrencyTotal {
    /// ISO 4217 code, or null.
    pub currency: Option<String>,
    /// Sum of the values (a range counts its lower bound).
    pub total: f64,
    /// How many amounts.
    pub count: u64,
}

/// One amount, in context.
#[derive(Debug, Clone, Serialize)]
pub struct Amount {
    /// Its value (the lower bound of a range).
    pub value: f64,
    /// The upper bound of a range.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Its currency.
    pub currency: Option<String>,
    /// The amount as written.
    pub text: String,
    /// The sentence around it.
    pub context: String,
    /// The document.
    pub source: String,
}

/// A speaker's quotations.
#[derive(Debug, Serialize)]
pub struct SpeakerQuotes {
    /// The speaker, or null.
    pub speaker: Option<String>,
    /// What they said.
    pub quotations: Vec<Quote>,
}

/// A quotation in a summary.
#[derive(Debug, Clone, Serialize)]
pub struct Quote {
    /// The words between the marks.
    pub content: String,
    /// The document.
    pub source: String,
}

/// A vendor's models.
#[derive(Debug, Serialize)]
pub struct VendorModels {
    /// The vendor, or null.
    pub vendor: Option<String>,
    /// Its models by mentions, most first.
    pub models: Vec<NameCount>,
}

/// A string attribute, if present.
fn attr<'a>(attrs: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    attrs.get(key).and_then(Value::as_str)
}

impl Summary {
    /// Counts one document; `text` gives amounts their context.
    pub fn add(&mut self, line: &DocumentLine, text: Option<&str>) {
        self.documents += 1;
        self.failed += u64::from(line.error.is_some());
        for e in line.entities.iter().flatten() {
            *self.entities_by_kind.entry(e.kind.to_string()).or_default() += 1;
            // Read only for the kinds summed up.
            let attrs = || e.attrs.to_map();
            match &*e.kind {
                "organization" => {
                    if let Some(c) = attr(&attrs(), "canonical") {
                        *self.orgs.entry(c.to_owned()).or_default() += 1;
                    }
                }
                "money" => self.add_money(e, &attrs(), line, text),
                "quotation" => {
                    let attrs = attrs();
                    if attr(&attrs, "form").and_then(QuoteForm::parse) != Some(QuoteForm::Term) {
                        let content = attr(&attrs, "content").unwrap_or_default().to_owned();
                        let quote = Quote { content, source: line.source.clone() };
                        self.speakers.entry(attr(&attrs, "speaker").map(str::to_owned)).or_default().push(quote);
                    }
                }
                "ai_model" => {
                    let attrs = attrs();
                    let vendor = attr(&attrs, "vendor").map(str::to_owned);
                    let canonical = attr(&attrs, "canonical").unwrap_or(line.text_of(e)).to_owned();
                    *self.models.entry(vendor).or_default().entry(canonical).or_default() += 1;
                }
                _ => {}
            }
        }
    }

    fn add_money(&mut self, e: &OutputEntity, attrs: &Map<String, Value>, line: &DocumentLine, text: Option<&str>) {
        let Some(value) = attrs.get("value").and_then(Value::as_f64) else { return };
        let currency = attr(attrs, "currency").map(str::to_owned);
        let total = self.money.totals.entry(currency.clone()).or_default();
        total.0 += value;
        total.1 += 1;
        let largest = &mut self.money.largest;
        // Compare within a currency only loosely: the list is of large figures, not a ranking across currencies.
        if largest.len() < LARGEST || largest.last().is_some_and(|l| l.value < value) {
            let context = text
                .filter(|t| (e.end as usize) <= t.len())
                .map(|t| glaneur_text::sentence(t, e.start as usize, e.end as usize, 200).trim().to_owned())
                .unwrap_or_default();
            let max = attrs.get("max").and_then(Value::as_f64);
            largest.push(Amount {
                value,
                max,
                currency,
                text: line.text_of(e).to_owned(),
                context,
                source: line.source.clone(),
            });
            largest.sort_by(|a, b| b.value.total_cmp(&a.value));
            largest.truncate(LARGEST);
        }
    }

    /// Turns the counts into the sorted lists.
    pub fn finish(mut self) -> Self {
        let mut orgs = ranked(self.orgs.drain());
        orgs.truncate(TOP);
        self.organizations = orgs;
        let mut totals: Vec<CurrencyTotal> = self
            .money
            .totals
            .drain()
            .map(|(currency, (total, count))| CurrencyTotal { currency, total, count })
            .collect();
        totals.sort_by(|a, b| b.total.total_cmp(&a.total).then(a.currency.cmp(&b.currency)));
        self.money.totals_by_currency = totals;
        let mut speakers: Vec<SpeakerQuotes> =
            self.speakers.drain().map(|(speaker, quotations)| SpeakerQuotes { speaker, quotations }).collect();
        speakers.sort_by(|a, b| b.quotations.len().cmp(&a.quotations.len()).then(a.speaker.cmp(&b.speaker)));
        self.quotations_by_speaker = speakers;
        let mut vendors: Vec<VendorModels> =
            self.models.drain().map(|(vendor, models)| VendorModels { vendor, models: ranked(models) }).collect();
        vendors.sort_by(|a, b| {
            let total = |v: &VendorModels| v.models.iter().map(|m| m.mentions).sum::<u64>();
            total(b).cmp(&total(a)).then(a.vendor.cmp(&b.vendor))
        });
        self.models_by_vendor = vendors;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use glaneur_schema::output::{Attrs, SharedText};
    use serde_json::json;

    fn entity(kind: &str, text: &str, start: u64, attrs: Value) -> OutputEntity {
        OutputEntity {
            kind: kind.into(),
            start,
            end: start + text.len() as u64,
            text: text.into(),
            extractor: kind.into(),
            confidence: 0.9,
            attrs: Attrs::new(&attrs.to_string()).expect("valid JSON"),
        }
    }

    #[test]
    fn aggregates_every_kind() {
        let text = "Microsoft a investi 10 milliards de dollars. « Oui », dit Jeremy Goldman.";
        let line = DocumentLine {
            source: "a".into(),
            warc_record_id: None,
            date: None,
            document: SharedText::default(),
            bytes: None,
            encoding: None,
            entities: Some(vec![
                entity("organization", "Microsoft", 0, json!({"canonical": "Microsoft"})),
                entity("money", "10 milliards de dollars", 20, json!({"value": 1e10, "currency": "USD"})),
                entity(
                    "quotation",
                    "« Oui »",
                    46,
                    json!({"content": "Oui", "speaker": "Jeremy Goldman", "form": "speech"}),
                ),
                entity("quotation", "« x »", 46, json!({"content": "x", "speaker": null, "form": "term"})),
                entity("ai_model", "Copilot", 0, json!({"canonical": "Copilot", "vendor": "Microsoft"})),
            ]),
            error: None,
        };
        let mut summary = Summary::default();
        summary.add(&line, Some(text));
        summary.add(&line, Some(text));
        let s = summary.finish();
        assert_eq!(s.documents, 2);
        assert_eq!(s.entities_by_kind["organization"], 2);
        assert_eq!(s.organizations[0].mentions, 2);
        assert_eq!(s.money.totals_by_currency[0].total, 2e10);
        assert_eq!(s.money.largest[0].context, "Microsoft a investi 10 milliards de dollars");
        assert_eq!(s.quotations_by_speaker.len(), 1, "terms are not quotations of anyone");
        assert_eq!(s.quotations_by_speaker[0].quotations.len(), 2);
        assert_eq!(s.models_by_vendor[0].vendor.as_deref(), Some("Microsoft"));
    }
}
